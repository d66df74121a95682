(ns floe.aggs
  "Floe's aggregators for Clojure dataflow, under Rama's names. In dataflow code:

    (aggs/+count :> *n)                          ; into a variable (batch blocks, queries)
    (aggs/+sum $$total *amount)                  ; into a PState
    (+compound $$counts {*word (aggs/+count)})   ; in a template
    (aggs/+sum *v :new-val> *total)              ; capture the new value (batch blocks)

  Outside dataflow each of these returns the Java aggregator (dev.floe.Agg), with dataflow
  variables given by name."
  (:import [dev.floe Agg]
           [dev.floe.ops FloeCombinerAgg FloeFunction1 TopMonotonicAgg]))

(set! *warn-on-reflection* true)

(deftype Fn1 [f]
  FloeFunction1
  (invoke [_ x] (f x))
  java.io.Serializable
  Object
  (equals [_ o] (and (instance? Fn1 o) (= f (.-f ^Fn1 o))))
  (hashCode [_] (hash f)))

(defn fn1
  "A Clojure function of one argument as a FloeFunction1 (Floe's built-in ops pass through)."
  [f]
  (if (instance? FloeFunction1 f) f (Fn1. f)))

(defn- with-options
  "Applies :new-val> and :+options to an aggregator."
  ^Agg [^Agg agg opts]
  (let [{new-val :new-val> options :+options} (apply hash-map opts)
        agg (if new-val (.captureNewValInto agg ^String new-val) agg)]
    (if (and options (instance? TopMonotonicAgg agg))
      (let [{:keys [id-fn sort-val-fn sort-type]} options]
        (cond-> ^TopMonotonicAgg agg
          id-fn (.idFunction (fn1 id-fn))
          sort-val-fn (.sortValFunction (fn1 sort-val-fn))
          (= sort-type :ascending) (.ascending)))
      agg)))

(defn with-options*
  "An aggregator with trailing options (:new-val> \"*v\", :+options {...}) applied."
  ^Agg [^Agg agg & opts]
  (with-options agg opts))

(defn +avg
  "In a batch block or query topology, (aggs/+avg *v :> *avg): the mean of the values, a Double
  (nil with no rows). Floe aggregates a sum and a count and divides after the aggregation, so
  +avg binds a variable; it cannot aggregate into a PState or appear in a +compound template."
  [& _]
  (throw (IllegalStateException. "aggs/+avg is only valid in dataflow code: (aggs/+avg *v :> *avg) in a batch block or query topology")))

(def +NONE
  "Removes: in a +compound template, (+compound $$p {*k aggs/+NONE}) removes the entry at *k (as a
  path's NONE> would); {*k {*k2 aggs/+NONE}} removes *k2 from the map at *k. A value, not called.
  Java: Agg.none()."
  (Agg/none))

(defn +count "Counts rows: a Long (0 with none)." [& opts] (with-options (Agg/count) opts))
(defn +sum "Sums a value: a Long for integral values (0 with none)." [v & opts] (with-options (Agg/sum v) opts))
(defn +max "The largest value (nil with none)." [v & opts] (with-options (Agg/max v) opts))
(defn +min "The smallest value (nil with none)." [v & opts] (with-options (Agg/min v) opts))
(defn +first "The first value seen." [v & opts] (with-options (Agg/first v) opts))
(defn +last "The last value seen." [v & opts] (with-options (Agg/last v) opts))
(defn +vec-agg "Every value, in a vector." [v & opts] (with-options (Agg/list v) opts))
(defn +set-agg "Every value, in a set." [v & opts] (with-options (Agg/set v) opts))
(defn +set-remove-agg "Removes each value from a set." [v & opts] (with-options (Agg/setRemove v) opts))
(defn +map-agg "Every key to its last value." [k v & opts] (with-options (Agg/map k v) opts))
(defn +multi-set-agg "Each value to how many times it was seen." [v & opts] (with-options (Agg/multiSet v) opts))
(defn +merge "Merges maps." [v & opts] (with-options (Agg/merge v) opts))
(defn +and "Logical and of the values (true with none)." [v & opts] (with-options (Agg/and v) opts))
(defn +or "Logical or of the values (false with none)." [v & opts] (with-options (Agg/or v) opts))

(defn ^{:floe/params true} +top-monotonic
  "The best n values, in Rama's argument order: (aggs/+top-monotonic [n] $$p *v :+options {...}) into
  a PState, (aggs/+top-monotonic [n] *v :> *top :+options {...}) into a variable; options
  {:id-fn f :sort-val-fn f :sort-type :ascending}."
  [[n] v & opts]
  (with-options (Agg/topMonotonic (int n) v) opts))

(defn +limit
  "In a batch block, (aggs/+limit [n] *a *b ... :+options {:sort *s :reverse? true :index-var *i})
  keeps n rows (the first n, or the n smallest by :sort, largest with :reverse?) and re-emits
  their variables after aggregation; :index-var binds each row's rank (0-based). Dataflow only."
  [& _]
  (throw (IllegalStateException. "aggs/+limit is only valid in dataflow code (a batch block)")))

(deftype Combiner [f zero]
  FloeCombinerAgg
  (combine [_ a b] (f a b))
  (zeroVal [_] (zero))
  java.io.Serializable)

(defn combiner
  "An aggregator from a combining function of two values and :init-fn giving the zero value;
  call it with the value to aggregate: ((combiner + :init-fn (constantly 0)) *v)."
  [f & {:keys [init-fn]}]
  (let [c (Combiner. f (or init-fn (constantly nil)))]
    (with-meta (fn [v & opts] (with-options (Agg/combiner c v) opts)) {:floe/aggregator true})))
