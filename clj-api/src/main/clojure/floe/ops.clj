(ns floe.ops
  "Floe's built-in operations for Clojure dataflow: the Java Ops under Rama's Clojure names, so
  a Clojure module compiles to the same IR as its Java twin.

    (ops/explode *words :> *word)
    (ops/expand *pair :> *k *v)"
  (:refer-clojure :exclude [range first last])
  (:import [dev.floe.ops Ops]))

(set! *warn-on-reflection* true)

(def explode "Emits each element of a collection." Ops/EXPLODE)
(def explode-indexed "Emits the index (an Integer) and each element." Ops/EXPLODE_INDEXED)
(def explode-map "Emits each key and value of a map." Ops/EXPLODE_MAP)
(def expand "Emits the elements of a tuple as separate values." Ops/EXPAND)
(def range> "Emits each integer in [start, end)." Ops/RANGE)
(def tuple "A list of its arguments." Ops/TUPLE)
(def current-task-id "The task the event runs on (an Integer)." Ops/CURRENT_TASK_ID)
(def current-microbatch-id "The microbatch id, stable across retries (microbatch topologies only)." Ops/CURRENT_MICROBATCH_ID)
(def current-topology-type "\"stream\", \"microbatch\", \"query\" or nil." Ops/CURRENT_TOPOLOGY_TYPE)
(def module-instance-info "The running module's ModuleInstanceInfo." Ops/MODULE_INSTANCE_INFO)
(def extract-value "The value of a PState given as a value." Ops/EXTRACT_VALUE)
(def vget "Ops.GET: (get coll k) on maps, lists and nil." Ops/GET)
(def sum "The sum of a collection of numbers." Ops/SUM)
(def identity> "Ops.IDENTITY." Ops/IDENTITY)
(def first "Ops.FIRST: the first element of a list." Ops/FIRST)
(def last "Ops.LAST: the last element of a list." Ops/LAST)
(def size "Ops.SIZE: the size of a collection (an Integer; 0 for nil)." Ops/SIZE)

(defn current-random-source
  "The task's random source (seeded in the deterministic cluster): call it inside dataflow."
  []
  (.randomSource (dev.floe.ops.OpsContext/current)))

(defn random-uuid7
  "A random, time-ordered UUID (version 7: 48 bits of epoch milliseconds, then random bits); in
  dataflow (ops/random-uuid7 :> *id) or in client code."
  ^java.util.UUID []
  (let [ms (System/currentTimeMillis)
        r (java.util.concurrent.ThreadLocalRandom/current)
        hi (bit-or (bit-shift-left (bit-and ms 0xFFFFFFFFFFFF) 16) 0x7000 (bit-and (.nextLong r) 0xFFF))
        lo (bit-or (bit-and (.nextLong r) 0x3FFFFFFFFFFFFFFF) Long/MIN_VALUE)]
    (java.util.UUID. hi lo)))

;; ============================================================================ aggregators as functions

(defn- agg-fn
  "The runtime aggregator of agg: an aggregator value ((aggs/+sum *v), (aggs/+top-monotonic [3] *v))
  or an aggregator function (aggs/+sum, aggs/+count, one made by combiner or accumulator)."
  ^dev.floe.exec.AggPlans$AggFn [agg]
  (let [^dev.floe.Agg a (if (instance? dev.floe.Agg agg)
                          agg
                          (or (some (fn [args] (let [a (try (apply agg args) (catch Exception _ nil))] (when (instance? dev.floe.Agg a) a)))
                                    [[] ["*a"] ["*a" "*b"]])
                              (throw (IllegalArgumentException. (str "not an aggregator: " agg)))))
        spec (dev.floe.builder.AggBuilderAccess/spec a)
        amount (some-> (.top spec) .amount)]
    (dev.floe.exec.AggPlans/of spec (int (if (instance? dev.floe.ir.Arg$Lit amount)
                                            (.value ^dev.floe.ir.Arg$Lit amount)
                                            0)))))

(defn agg->init-fn
  "A function of no arguments returning the aggregator's initial value (what it aggregates to
  with no rows): ((agg->init-fn aggs/+sum)) is 0."
  [agg]
  (let [f (agg-fn agg)]
    (fn [] (.finish f nil))))

(defn agg->update-fn
  "A function (fn [current & args] new-value) applying the aggregator to one row:
  ((agg->update-fn aggs/+sum) 10 5) is 15, ((agg->update-fn aggs/+count) 3) is 4."
  [agg]
  (let [f (agg-fn agg)]
    (fn [current & args] (.finish f (.add f current (object-array args))))))
