(ns floe.impl.dataflow
  "The compiler of Clojure dataflow code: at macro-expansion time each form becomes code that
  builds Floe IR nodes (dev.floe.ir.Node), the same nodes the Java Block builder records, so a
  module means the same whichever language it is written in. Dataflow variables become variable
  references; everything else is ordinary Clojure, evaluated when the module is defined."
  (:require [clojure.string :as str]
            [clojure.walk :as walk]
            [floe.impl.names :as n])
  (:import [dev.floe.ir Arg Arg$Var Arg$Lit Arg$Expr FnRef Node Node$Each Node$StreamOut Node$KeepTrue
            Node$Partition Node$PartitionKind Node$If Node$Cond Node$CondCase Node$Anchor Node$Hook Node$Branch
            Node$Unify Node$Atomic Node$Loop Node$LoopVar Node$EmitLoop Node$ContinueLoop Node$YieldIfOvertime
            Node$AckReturn Node$DepotPartitionAppend Node$InvokeQuery Node$LocalSelect Node$Select
            Node$LocalTransform Node$LocalClear Node$BatchBlock Node$ExplodeMicrobatch Node$FreshBatchSource
            Node$Materialize Node$ExplodeMaterialized Node$EachAsync Node$GroupBy Node$SubSource Node$SubBatchSource Node$SubBatchDef
            Node$SubSourceCase Node$Aggregate Node$LimitAgg Origin]
           [dev.floe AckLevel Block]
           [dev.floe.builder ChainSupport]
           [dev.floe.ops OutputCollector]
           [java.util List]))

(set! *warn-on-reflection* true)

;; ============================================================================ errors and origins

(defn syntax-error
  "An error at macro-expansion time naming the form, its line and what was expected."
  [form msg]
  (let [{:keys [line column]} (meta form)]
    (ex-info (str (or *file* "REPL") (when line (str ":" line (when column (str ":" column)))) ": " msg
                  "\n  in: " (pr-str form))
             {:form form :line line})))

(defn- origin-code [form]
  (let [line (:line (meta form))]
    (str (some-> *file* (str/replace #"^.*/" "")) (when line (str ":" line)))))

(defn- origin [form] `(Origin/of ~(origin-code form)))

(def ^:dynamic *emit-target*
  "What (:> ...) means where it is compiled: :loop (inside loop<-) or :op (a deframaop body)."
  :loop)

(def ^:dynamic *emit-streams?*
  "True where an operation body may emit on named streams ((:name> ...)): deframaop, <<ramaop."
  false)

(def ^:dynamic *self*
  "What %self calls where it is compiled: {:fn sym} in deframaop/deframafn, {:query name} in a
  query topology, nil elsewhere."
  nil)

(def ^:dynamic *recur-arity*
  "The number of parameters recur> takes where it is compiled (the body of a deframaop,
  deframafn, <<ramafn or <<ramaop that uses it), nil elsewhere."
  nil)

(def ^:dynamic *deferred*
  "An atom of node codes to place after the last aggregation of the body being compiled
  (aggs/+avg's division), or nil."
  nil)

(def ^:dynamic *keep-deferred*
  "True while compiling a +group-by body: its deferred nodes go after the +group-by."
  false)

(def ^:dynamic *fragments*
  "The names of the fragment variables bound by <<ramafn/<<ramaop so far (an atom), so that
  (%f :> *v) calls them where (%microbatch :> *v) explodes a microbatch."
  nil)

;; ============================================================================ values

(defn anchor-arg
  "The IR name of an anchor argument of form (<a> is \"a\"), or a syntax error."
  [form x]
  (if (n/anchor? x)
    (n/anchor-name x)
    (throw (syntax-error form (str "expected an anchor such as <done>, got " (pr-str x))))))

(defn expect-count
  "A syntax error unless form has n arguments."
  [form args n expected]
  (when-not (= n (count args))
    (throw (syntax-error form (str "expected " expected)))))

(defn replace-vars
  "form with every dataflow variable replaced by its name (the form is evaluated when the module
  is defined; Floe reads the names as variables, as the Java API does)."
  [form]
  (walk/prewalk (fn [x] (if (n/dataflow-var? x) (n/var-name x) x)) form))

(defn- contains-var? [form]
  (boolean (some n/dataflow-var? (tree-seq coll? seq form))))

(declare arg-code custom-agg?)

(def ^:private logical
  {'or> `or-fn 'and> `and-fn})

(defn or-fn "or> as a function (its arguments are evaluated first)." [& xs] (some identity xs))
(defn and-fn "and> as a function (its arguments are evaluated first)." [& xs] (if (every? identity xs) (or (last xs) true) false))

(defn clojure-syntax?
  "True when op names a Clojure macro or special form (not one of Floe's dataflow forms)."
  [env op]
  (and (symbol? op)
       (not (contains? env op))
       (or (special-symbol? op)
           (let [v (try (resolve env op) (catch Exception _ nil))]
             (and (var? v) (:macro (meta v))
                  (not (#{"floe.core" "floe.aggs"} (str (.name (.ns ^clojure.lang.Var v))))))))))

(defn apply-fragment "Calls an anonymous function bound in dataflow (<<ramafn) with arguments." [f & args] (apply f args))

(defn arg-code
  "Code building the IR argument of a form: a variable, a nested call (evaluated before the
  step), a collection containing variables (built per event), or a literal value."
  [env form]
  (cond
    (n/dataflow-var? form) `(Arg$Var. ~(n/var-name form))
    (and (seq? form) (= 'quote (first form))) `(Arg$Lit. ~form)
    (and (seq? form) (seq form) (clojure-syntax? env (first form)))
    ;; a Clojure macro or special form (fn, let, if ...): a value computed once, when the module
    ;; is defined; it cannot see dataflow variables
    (if (contains-var? form)
      (throw (syntax-error form (str (first form) " is a Clojure macro or special form: it cannot use dataflow variables"
                                     " here. Use a function of the variables, or or>, and>, ifexpr, <<if")))
      `(Arg$Lit. ~form))
    (and (seq? form) (= '%self (first form)) (:fn *self*))
    `(Arg$Expr. (FnRef/of ~(:fn *self*)) [~@(map #(arg-code env %) (rest form))])
    (and (seq? form) (seq form) (or (n/fragment-var? (first form))
                                    (and (not (symbol? (first form))) (contains-var? (first form)))))
    ;; (%f args): an anonymous function bound in dataflow (<<ramafn), called per event; also
    ;; ((f *x) args): a function computed per event
    `(Arg$Expr. (FnRef/of apply-fragment) [~(arg-code env (first form)) ~@(map #(arg-code env %) (rest form))])
    (and (seq? form) (seq form))
    (let [op (first form)
          fq (n/resolved-name env op)
          f (if-let [l (and fq (= "floe.core" (namespace fq)) (logical (symbol (name fq))))] l op)]
      `(Arg$Expr. (FnRef/of ~f) [~@(map #(arg-code env %) (rest form))]))
    (and (vector? form) (contains-var? form)) `(Arg$Expr. (FnRef/of vector) [~@(map #(arg-code env %) form)])
    (and (map? form) (contains-var? form)) `(Arg$Expr. (FnRef/of hash-map) [~@(mapcat (fn [[k v]] [(arg-code env k) (arg-code env v)]) form)])
    (and (set? form) (contains-var? form)) `(Arg$Expr. (FnRef/of hash-set) [~@(map #(arg-code env %) form)])
    :else `(Arg$Lit. ~form)))

;; ============================================================================ outputs

(def ^:private counter (atom 0))

(defn- fresh-var [prefix] (str "*" prefix (swap! counter inc)))

(defn- binding-code
  "A binding form after :> becomes a variable name and the steps that destructure it:
  [var-name node-codes]."
  [env form]
  (cond
    (n/dataflow-var? form) [(n/var-name form) []]
    (= '_ form) [(fresh-var "_ignored") []]
    (vector? form)
    (let [v (fresh-var "_vec")
          [items [_ rest-form]] (split-with #(not= '& %) form)
          parts (concat (map-indexed (fn [i b] [`(fn [c#] (nth c# ~i nil)) b]) items)
                        (when rest-form [[`(fn [c#] (vec (drop ~(count items) c#))) rest-form]]))]
      [v (vec (mapcat (fn [[f b]]
                        (let [[bv more] (binding-code env b)]
                          (cons `(Node$Each. (FnRef/of ~f) [(Arg$Var. ~v)] [~bv] [] ~(origin form)) more)))
                      parts))])
    (map? form)
    (let [v (or (some-> (:as form) n/var-name) (fresh-var "_map"))
          keyed (concat (for [b (:keys form)] [b (keyword (subs (name b) 1))])
                        (for [b (:strs form)] [b (subs (name b) 1)])
                        (for [[b k] (dissoc form :keys :strs :as :or)] [b k]))]
      [v (vec (mapcat (fn [[b k]]
                        (let [[bv more] (binding-code env b)]
                          (cons `(Node$Each. (FnRef/of get) [(Arg$Var. ~v) (Arg$Lit. ~k)] [~bv] [] ~(origin form)) more)))
                      keyed))])
    :else (throw (syntax-error form "expected a dataflow variable (*x), _, or a vector or map to destructure"))))

(defn split-outputs
  "Splits a call's arguments from its output markers: [args outputs], where outputs maps each
  stream (nil for :>) to {:anchor a :bindings [...]}."
  [form args]
  (let [[in out] (split-with (complement n/stream-key?) args)]
    (loop [out out acc []]
      (if (empty? out)
        [in acc]
        (let [k (first out)
              [binds more] (split-with (complement n/stream-key?) (rest out))
              [anchor binds] (if (n/anchor? (first binds)) [(first binds) (rest binds)] [nil binds])]
          (when-not (n/stream-key? k)
            (throw (syntax-error form (str "expected :> or :name> before " (pr-str k)))))
          (recur more (conj acc {:stream (n/stream-name k) :anchor anchor :bindings (vec binds)})))))))

(defn- outputs-code
  "[default-out-names-code stream-outs-code extra-node-codes] of a call's outputs."
  [env outputs]
  (let [default (first (filter #(nil? (:stream %)) outputs))
        compile-binds (fn [binds] (let [bs (map #(binding-code env %) binds)] [(mapv first bs) (vec (mapcat second bs))]))
        [dnames dextra] (compile-binds (:bindings default))
        streams (for [o (remove #(nil? (:stream %)) outputs)]
                  (let [[names extra] (compile-binds (:bindings o))]
                    [`(Node$StreamOut. ~(:stream o) ~(some-> (:anchor o) n/anchor-name) ~names) extra]))]
    [dnames (mapv first streams) (vec (concat dextra (mapcat second streams)))]))

;; ============================================================================ nested expressions

;; Some positions of dataflow forms hold values that are built when the module is defined, with
;; dataflow variables given by name: an aggregator's arguments, a navigator's arguments, a
;; +compound template's keys. A nested expression there, (aggs/+sum $$p (count *w)), must still
;; be evaluated per event (Rama compiles it as a nested call): it is hoisted into a step before
;; the form, binding a fresh variable that takes its place.

(defn hoisted?
  "True for the node code of a hoisted nested expression (aggregation forms move them before
  the run of consecutive aggregators they belong to)."
  [code]
  (boolean (::hoisted (meta code))))

(defn- quoted? [form] (and (seq? form) (= 'quote (first form))))

(defn- nested-expr?
  "True when form is an expression (not a variable, not quoted) whose value depends on dataflow
  variables, so it has to be evaluated per event."
  [form]
  (and (not (n/dataflow-var? form)) (not (quoted? form)) (contains-var? form)))

(defn- hoist-value
  "form in a position built when the module is defined: a variable or a value without variables
  as is; an expression using variables becomes a fresh variable bound by a step added to pre (an
  atom of node codes) — arg-code evaluates it per event."
  [env pre outer form]
  (if (nested-expr? form)
    (let [v (fresh-var "_nested")]
      (swap! pre conj (with-meta `(Node$Each. (FnRef/of identity) [~(arg-code env form)] [~v] [] ~(origin outer))
                        {::hoisted true}))
      (symbol v))
    form))

(defn- no-vars!
  "A syntax error when x (options fixed when the module is defined) uses dataflow variables."
  [outer x what]
  (when (contains-var? x)
    (throw (syntax-error outer (str what " are fixed when the module is defined and cannot use dataflow variables;"
                                    " compute per-event values as arguments instead")))))

(def ^:private sub-path-navs
  "Navigators whose arguments are paths."
  '#{selected? not-selected? transformed subselect filterer collect collect-one multi-path if-path cond-path path})

(def ^:private range-navs
  "Sorted range navigators: the index of their options argument and its kind."
  '{sorted-map-range [2 :range] sorted-set-range [2 :range]
    sorted-map-range-from [1 :from] sorted-set-range-from [1 :from]
    sorted-map-range-to [1 :to] sorted-set-range-to [1 :to]})

(defn- hoist-path
  "A path with the nested expressions of its navigators' arguments hoisted (see hoist-value); a
  path element that is itself computed from variables, ((my-path *k)), is built per event."
  [env pre outer form]
  (let [fq (when (and (seq? form) (seq form) (symbol? (first form))) (n/resolved-name env (first form)))
        nav (when (and fq (= "floe.path" (namespace fq))) (symbol (name fq)))
        rebuild (fn [args] (with-meta (apply list (first form) args) (meta form)))
        dynamic (fn [] (list `floe.path/dynamic-path (hoist-value env pre outer form)))]
    (cond
      (vector? form) (mapv #(hoist-path env pre outer %) form)
      (not (seq? form)) form
      (quoted? form) form
      (sub-path-navs nav) (rebuild (map #(hoist-path env pre outer %) (rest form)))
      (= 'submap nav) (let [[ks & more] (rest form)]
                        (cond
                          (or (seq more) (not (contains-var? ks))) form
                          (vector? ks) (rebuild [(mapv #(hoist-value env pre outer %) ks)])
                          :else (dynamic)))
      (range-navs nav) (let [[i kind] (range-navs nav)
                             args (vec (rest form))
                             opts (get args i)]
                         (rebuild (map-indexed
                                   (fn [j a]
                                     (cond
                                       ;; a variable holding the options (an options object, a max
                                       ;; amount or an options map) goes to the navigator as it is,
                                       ;; as Java writes sortedSetRangeTo(end, "*opts")
                                       (and (= j i) (n/value-var? opts)) a
                                       (and (= j i) (contains-var? opts))
                                       (hoist-value env pre outer (list `floe.path/range-options kind a))
                                       :else (hoist-value env pre outer a)))
                                   args)))
      nav (rebuild (map #(hoist-value env pre outer %) (rest form)))
      (contains-var? form) (dynamic)
      :else form)))

(defn- agg-call?
  "True when form calls an aggregator (floe.aggs, or one made by combiner/accumulator)."
  [env form]
  (and (seq? form) (symbol? (first form))
       (let [fq (n/resolved-name env (first form))]
         (or (and fq (= "floe.aggs" (namespace fq)))
             (custom-agg? env (first form))))))

(defn- hoist-agg-args
  "The arguments of an aggregator call (after its [params]) with nested expressions hoisted;
  :+options and :new-val> kept (options may not use variables)."
  [env pre outer args]
  (loop [xs args acc []]
    (if (empty? xs)
      acc
      (let [[x y & more] xs]
        (case x
          :+options (do (no-vars! outer y "the :+options of an aggregator")
                        (recur more (conj acc x y)))
          :new-val> (recur more (conj acc x y))
          (recur (rest xs) (conj acc (if (n/stream-key? x) x (hoist-value env pre outer x)))))))))

(defn- hoist-template
  "A +compound template with nested expressions in its keys and its aggregators' arguments hoisted."
  [env pre outer t]
  (cond
    (map? t) (into {} (map (fn [[k v]] [(hoist-value env pre outer k) (hoist-template env pre outer v)]) t))
    (vector? t) (mapv #(hoist-template env pre outer %) t)
    (agg-call? env t) (let [v (resolve env (first t))
                            [params args] (if (and (:floe/params (meta v)) (vector? (second t)))
                                            [[(second t)] (nnext t)]
                                            [[] (rest t)])]
                        (doseq [p params] (no-vars! outer p (str "the parameters of " (first t))))
                        (with-meta (apply list (first t) (concat params (hoist-agg-args env pre outer args))) (meta t)))
    ;; anything else (a function building an aggregator, +NONE) is a value, as before
    :else t))

;; ============================================================================ forms

(declare compile-body call-code* inline-op-code recur-body)

(defn resolve-var
  "The var sym resolves to in env, or nil."
  [env sym]
  (when (and (symbol? sym) (not (contains? env sym)))
    (let [v (try (resolve env sym) (catch Exception _ nil))]
      (when (var? v) v))))

(defn emit-invoker "Emits values on an operation's default stream." [^OutputCollector c & values]
  (.emit c (object-array values)) nil)

(defn emit-stream-invoker "Emits values on a named stream of an operation." [^OutputCollector c ^String stream & values]
  (.emitStream c stream (object-array values)) nil)

;; ---------------------------------------------------------------------------- anonymous operations

(defmacro operation-type
  "A deftype implementing FloeOperation0..8, each invoke calling (f this args collector)."
  [tname fields f & more]
  `(deftype ~tname ~fields
     ~@(mapcat (fn [i]
                 (let [as (vec (repeatedly i #(gensym "a")))
                       this (gensym "this")
                       c (gensym "c")]
                   [(symbol (str "dev.floe.ops.FloeOperation" i))
                    `(~'invoke [~this ~@as ~c] (~f ~this ~as ~c))]))
               (range 9))
     ~@more))

(defn run-prepared
  "Runs a prepared body (dev.floe.exec.LocalExecutor$Prepared) in the calling event with inputs
  (the last one is the emit collector)."
  [^dev.floe.exec.LocalExecutor$Prepared prepared inputs]
  (let [c (dev.floe.ops.OpsContext/current)]
    (.runIn prepared (when (instance? dev.floe.exec.EventContext c) c) (object-array inputs))))

(defn single-emit-collector
  "[collector values-atom]: an OutputCollector keeping what a function body emits."
  []
  (let [out (volatile! [])]
    [(reify OutputCollector
       (emit [_ values] (vswap! out conj (first values)))
       (emitStream [_ stream _] (throw (IllegalStateException. (str "a function emits on :>, not :" stream ">")))))
     out]))

(defn fragment
  "The value of (<<ramafn %f [params] ...) or (<<ramaop ...) in one event: a Clojure function
  (a <<ramafn is called like any function) carrying how to run it with an emit collector."
  [prepared op? fname arity & captured]
  (let [run (fn [args ^OutputCollector c]
              (when-not (= arity (count args))
                (throw (IllegalArgumentException. (str fname " takes " arity " argument(s), got " (count args)))))
              (run-prepared @prepared (concat captured args [c])))]
    (with-meta
      (fn [& args]
        (when op?
          (throw (IllegalStateException. (str fname " is a <<ramaop: call it in dataflow code, (" fname " args... :> *v)"))))
        (let [[c out] (single-emit-collector)]
          (run args c)
          (if (= 1 (count @out))
            (first @out)
            (throw (IllegalStateException. (str fname " must emit exactly once, emitted " (count @out) " time(s)"))))))
      {:floe/run run})))

(defn- call-fragment [_ args ^OutputCollector c]
  (let [[f & args] args]
    (if-let [run (:floe/run (meta f))]
      (run args c)
      (.emit c (object-array [(apply f args)])))))

(operation-type FragmentCall [] call-fragment
  java.io.Serializable
  Object
  (equals [_ o] (instance? FragmentCall o))
  (hashCode [_] 1)
  (toString [_] "fragment-call"))

(def fragment-call "Calls the fragment given as the first argument with the rest." (FragmentCall.))

(defn- bound-vars
  "The names of the dataflow variables forms bind (after :> and the like, loop<- bindings)."
  [forms]
  (set (for [f (tree-seq coll? seq forms)
             :when (seq? f)
             :when (not (n/stream-key? (first f)))
             :let [outs (drop-while (complement n/stream-key?) f)
                   loop-binds (when (and (symbol? (first f)) (= "loop<-" (name (first f))) (vector? (second f)))
                                (take-nth 2 (take-while #(not= :> %) (second f))))]
             v (concat (filter n/dataflow-var? (tree-seq coll? seq outs)) loop-binds)
             :when (n/dataflow-var? v)]
         (n/var-name v))))

(defn- free-vars
  "The names of the dataflow variables a body uses from its enclosing code."
  [body params]
  (let [own (into (bound-vars body) (map n/var-name params))]
    (->> (tree-seq coll? seq body)
         (filter (fn [x] (and (n/dataflow-var? x) (not= '%self x))))
         (map n/var-name)
         (remove own)
         (remove #{"*__emit"})
         distinct
         vec)))

(defn check-params
  "A syntax error unless params is a vector of dataflow variables."
  [form params]
  (when-not (and (vector? params) (every? #(and (n/dataflow-var? %) (not (n/fragment-var? %))) params))
    (throw (syntax-error form (str "expected a vector of parameters (*a $$p ...), got " (pr-str params))))))

(defn- ramafn-code
  "(<<ramafn %f [*a] forms... (:> v)) / (<<ramaop %f [*a] forms... (:> v) (:name> v)): binds %f to
  an anonymous function/operation closing over the variables it uses."
  [env form op?]
  (let [[fsym params & body] (rest form)]
    (when-not (n/fragment-var? fsym)
      (throw (syntax-error form (str "expected (" (first form) " %name [*params] forms...): the name is a fragment variable such as %f"))))
    (check-params form params)
    (some-> *fragments* (swap! conj (n/var-name fsym)))
    (let [captured (free-vars body params)
          inputs (vec (concat captured (map n/var-name params) ["*__emit"]))
          code (binding [*emit-target* :op *emit-streams?* op? *self* nil *recur-arity* nil]
                 (compile-body env (recur-body env params body)))]
      [`(Node$Each. (FnRef/of fragment)
                    [(Arg$Lit. (dev.floe.exec.LazyPrepared. ~code ~inputs))
                     (Arg$Lit. ~op?) (Arg$Lit. ~(name fsym)) (Arg$Lit. ~(count params))
                     ~@(for [c captured] `(Arg$Var. ~c))]
                    [~(n/var-name fsym)] [] ~(origin form))])))

(defn- fragment-call-code
  "(%f args... :> outs): calls a fragment bound by <<ramafn/<<ramaop."
  [env form]
  (let [[args outputs] (split-outputs form (rest form))
        [outs streams extra] (outputs-code env outputs)]
    (into [`(Node$Each. (FnRef/of fragment-call) [(Arg$Var. ~(n/var-name (first form))) ~@(map #(arg-code env %) args)]
                        ~outs ~streams ~(origin form))]
          extra)))

(defn- self-code
  "(%self args... :> *out): the enclosing deframaop/deframafn, or query topology, called again."
  [env form]
  (let [[args outputs] (split-outputs form (rest form))]
    (cond
      (:fn *self*) (call-code* env form (:fn *self*) args outputs)
      (:query *self*) [`(Node$InvokeQuery. ~(:query *self*) [~@(map #(arg-code env %) args)]
                                          ~(mapv n/var-name (:bindings (first outputs))) ~(origin form))]
      :else (throw (syntax-error form "%self calls the enclosing deframaop, deframafn or query topology; there is none here")))))

(defn- special [env form]
  (when (and (seq? form) (symbol? (first form)))
    (let [fq (n/resolved-name env (first form))]
      (cond
        (and fq (#{"floe.core" "floe.aggs"} (namespace fq))) fq
        :else nil))))

(defn- call-code*
  [env form op args outputs]
  (let [[outs streams extra] (outputs-code env outputs)]
    (into [`(Node$Each. (FnRef/of ~op) [~@(map #(arg-code env %) args)] ~outs ~streams ~(origin form))]
          extra)))

(defn- call-code
  "An operation call (f args... :> outs); ((f *x) args... :> outs) computes the operation per event."
  [env form]
  (let [[args outputs] (split-outputs form (rest form))
        arity (some-> (resolve-var env (first form)) meta :floe/arity)]
    (when (and arity (not= arity (count args)))
      (throw (syntax-error form (str (first form) " takes " arity " argument(s), got " (count args)))))
    (if (and (not (symbol? (first form))) (contains-var? (first form)))
      (call-code* env form `fragment-call (cons (first form) args) outputs)
      (call-code* env form (first form) args outputs))))

(defn- partition-code [env form kind pobject? fn?]
  (let [args (rest form)
        [pobject args] (if pobject? [(n/var-name (first args)) (rest args)] [nil args])
        _ (when (and fn? (contains-var? (first args)))
            (throw (syntax-error form (str "the partitioning function of " (first form) " is fixed when the module is defined;"
                                           " pass per-event values as its arguments: (" (first form) " f *a *b)"))))
        [f args] (if fn? [`(FnRef/of ~(first args)) (rest args)] [nil args])]
    [`(Node$Partition. ~kind ~pobject ~f [~@(map #(arg-code env %) args)] ~(origin form))]))

(defn- split-else
  "Splits <<if's body at (else>)."
  [env body]
  (let [else? #(and (seq? %) (= 'floe.core/else> (n/resolved-name env (first %))))
        [then [_ & otherwise]] (split-with (complement else?) body)]
    [then (when (some else? body) otherwise)]))

(defn- cases
  "Splits a body at its case markers (case> / default>): [[marker-form body] ...]."
  [env body markers]
  (let [marker? #(and (seq? %) (markers (n/resolved-name env (first %))))]
    (loop [forms (drop-while (complement marker?) body) acc []]
      (if (empty? forms)
        acc
        (let [[b more] (split-with (complement marker?) (rest forms))]
          (recur more (conj acc [(first forms) b])))))))

(defn- block-code
  "Code building the IR of a Java Block (splices a builder call into Clojure dataflow)."
  [expr]
  `(.toNodes ^ChainSupport ~expr))

(defn agg-node
  "The IR node of an aggregation step: agg (an aggregator or a compound template) into a PState
  (into-pstate? true, target \"$$p\") or binding target (a variable or a temporary PState)."
  ^Node [agg ^String target into-pstate? ^Origin origin]
  (Node$Aggregate. (ChainSupport/aggOrCompound agg) target (boolean into-pstate?) origin))

(defn- extract-agg-options
  "Removes :+options m and :new-val> *v from an aggregator call's arguments: [args options new-val]."
  [form args]
  (loop [xs args acc [] options nil new-val nil]
    (if (empty? xs)
      [acc options new-val]
      (let [[x y & more] xs]
        (case x
          :+options (do (when-not (and (next xs) (map? y))
                          (throw (syntax-error form "expected :+options followed by a map of options")))
                        (recur more acc y new-val))
          :new-val> (do (when-not (n/value-var? y)
                          (throw (syntax-error form "expected :new-val> followed by a variable (*v)")))
                        (recur more acc options y))
          (recur (rest xs) (conj acc x) options new-val))))))

(defn- agg-params
  "An aggregator that takes parameters ([n] for +top-monotonic) has them first, as in Rama:
  (aggs/+top-monotonic [n] $$p *v) — Floe's earlier ($$p [n] *v) is accepted too: [params args]."
  [env form]
  (let [v (resolve env (first form))
        args (rest form)]
    (cond
      (not (:floe/params (meta v))) [nil args]
      (vector? (first args)) [(first args) (rest args)]
      (and (n/pstate-var? (first args)) (vector? (second args))) [(second args) (cons (first args) (nnext args))]
      :else (throw (syntax-error form (str "expected (" (first form) " [params] $$p *v ...) or ("
                                           (first form) " [params] *v ... :> *out): the parameters come first"))))))

(defn- agg-call-code
  "An aggregator call in statement position: (aggs/+sum $$p *v), (aggs/+sum *v :> *s),
  (aggs/+top-monotonic [n] $$p *v :+options {...})."
  [env form]
  (let [[params args] (agg-params env form)
        [args options new-val] (extract-agg-options form args)
        [args outputs] (split-outputs form args)
        [target args] (if (n/pstate-var? (first args)) [(first args) (rest args)] [nil args])
        out (:bindings (first outputs))]
    (when (some #(some n/dataflow-var? (tree-seq coll? seq %)) params)
      (throw (syntax-error form (str "the parameters of " (first form) " are values, not dataflow variables"))))
    (when (or (next outputs) (some :stream outputs))
      (throw (syntax-error form "an aggregator binds one variable with :> (no other output streams)")))
    (when (and target (seq outputs))
      (throw (syntax-error form "an aggregator aggregates into a PState ($$p) or binds a variable with :>, not both")))
    (no-vars! form options (str "the :+options of " (first form)))
    (let [pre (atom [])
          args (mapv #(hoist-value env pre form %) args)
          agg `(~(first form) ~@(when params [params]) ~@(replace-vars args)
                ~@(when options [:+options options])
                ~@(when new-val [:new-val> (n/var-name new-val)]))]
      (conj @pre
            (cond
              target `(agg-node ~agg ~(n/var-name target) true ~(origin form))
              (and (= 1 (count out)) (n/dataflow-var? (first out)))
              `(agg-node ~agg ~(n/var-name (first out)) false ~(origin form))
              :else (throw (syntax-error form "an aggregator aggregates into a PState ($$p first) or binds one variable with :>")))))))

(defn- limit-code
  "(aggs/+limit [n] *v... :+options {:sort *s :reverse? true :index-var *i}): keeps n rows of a
  batch block (sorted when :sort is given) and re-emits their variables after aggregation."
  [env form]
  (let [[params & args] (rest form)
        [vars options new-val] (extract-agg-options form args)
        {:keys [sort reverse? index-var] :as options} options
        sort-vars (cond (nil? sort) [] (vector? sort) sort :else [sort])]
    (when-not (and (vector? params) (= 1 (count params)))
      (throw (syntax-error form "expected (aggs/+limit [n] *v ... :+options {:sort *s :reverse? b :index-var *i})")))
    (when (or new-val (empty? vars) (not-every? n/value-var? vars))
      (throw (syntax-error form "aggs/+limit keeps the rows of the variables after [n] (*a *b ...): no :> or :new-val>")))
    (when-let [bad (seq (remove #{:sort :reverse? :index-var} (keys options)))]
      (throw (syntax-error form (str "unknown +limit options " (pr-str bad) ": expected :sort, :reverse?, :index-var"))))
    (when-not (every? n/value-var? sort-vars)
      (throw (syntax-error form ":sort names a variable (*v) or a vector of variables")))
    (when (and index-var (not (n/value-var? index-var)))
      (throw (syntax-error form ":index-var names a variable (*i)")))
    [`(Node$LimitAgg. ~(arg-code env (first params)) ~(mapv n/var-name vars) ~(mapv n/var-name sort-vars)
                      ~(boolean reverse?) ~(some-> index-var n/var-name) ~(origin form))]))

(defn ->compound
  "A +compound template (a map of keys to aggregators or nested maps; keys may be variable names)
  as a Java CompoundAgg."
  [template]
  (cond
    (map? template) (dev.floe.CompoundAgg/map (object-array (mapcat (fn [[k v]] [k (->compound v)]) template)))
    (vector? template) (dev.floe.CompoundAgg/list (into-array dev.floe.ops.AggOrCompoundAgg (map ->compound template)))
    :else template))

(defn- compound-code [env form]
  (let [[args outputs] (split-outputs form (rest form))
        [target [template & more]] (if (n/pstate-var? (first args)) [(n/var-name (first args)) (rest args)] [nil args])
        out (first (:bindings (first outputs)))]
    (when (or (seq more) (not (or (map? template) (vector? template))))
      (throw (syntax-error form "expected (+compound $$p {*k (aggs/+count)}) or (+compound {...} :> *out)")))
    (let [pre (atom [])
          compound `(->compound ~(replace-vars (hoist-template env pre form template)))]
      (conj @pre
            (cond
              (and target (seq outputs))
              (throw (syntax-error form "+compound aggregates into a PState ($$p) or binds its result with :>, not both"))
              target `(agg-node ~compound ~target true ~(origin form))
              (n/dataflow-var? out) `(agg-node ~compound ~(n/var-name out) false ~(origin form))
              :else (throw (syntax-error form "+compound aggregates into a PState ($$p first) or binds its result with :>")))))))

(defn- select-code [env form kind]
  (let [[args outputs] (split-outputs form (rest form))
        [path pstate opts] args
        out (mapv n/var-name (:bindings (first outputs)))
        pre (atom [])
        path-code `(floe.path/->path ~(replace-vars (hoist-path env pre form path)))
        allow-yield (boolean (:allow-yield? opts))]
    (when-not (n/pstate-var? pstate)
      (throw (syntax-error form (str "expected (" (first form) " path $$pstate :> *v)"))))
    (no-vars! form opts (str "the options of " (first form)))
    (conj @pre
          (case kind
            :local `(Node$LocalSelect. ~(n/var-name pstate) ~path-code ~allow-yield ~out ~(origin form))
            :select `(Node$Select. ~(n/var-name pstate) ~path-code ~allow-yield ~out ~(origin form))))))

(defn- loop-code [env form]
  (let [[bindings & body] (rest form)
        [pairs [_ & outs]] (split-with #(not= :> %) bindings)
        vars (partition 2 pairs)]
    [`(Node$Loop. [~@(for [[v init] vars] `(Node$LoopVar. ~(n/var-name v) ~(arg-code env init)))]
                  ~(binding [*emit-target* :loop] (compile-body env body))
                  ~(mapv n/var-name outs)
                  ~(origin form))]))

;; ---------------------------------------------------------------------------- custom aggregators, +avg

(defn custom-agg?
  "True when sym names a var holding an aggregator made by combiner or accumulator."
  [env sym]
  (let [^clojure.lang.Var v (resolve-var env sym)]
    (boolean (and v (.isBound v) (:floe/aggregator (meta @v))))))

(defn agg-form?
  "True when form aggregates (an aggregator, +compound, +group-by, materialize>): deferred nodes
  go after the last one of a body."
  [env form]
  (boolean
   (and (seq? form) (symbol? (first form))
        (let [fq (n/resolved-name env (first form))]
          (or (and fq (= "floe.aggs" (namespace fq)))
              (#{'floe.core/+compound 'floe.core/+group-by 'floe.core/materialize>} fq)
              (custom-agg? env (first form)))))))

(defn avg-of
  "aggs/+avg's value from a sum and a count: a Double, nil with no rows."
  [sum ^long cnt]
  (when (pos? cnt) (/ (double sum) cnt)))

(defn- avg-code
  "(aggs/+avg *v :> *avg) in a batch block or query topology: a sum and a count, divided after
  the aggregation (the division is deferred to after the body's last aggregation)."
  [env form]
  (let [[args outputs] (split-outputs form (rest form))
        out (first (:bindings (first outputs)))]
    (when-not (and (= 1 (count args)) (not (n/pstate-var? (first args)))
                   (= 1 (count outputs)) (nil? (:stream (first outputs)))
                   (= 1 (count (:bindings (first outputs)))) (n/value-var? out))
      (throw (syntax-error form (str "expected (aggs/+avg *v :> *avg): +avg aggregates rows of a batch block or query"
                                     " topology into a variable (not into a PState, no :new-val>)"))))
    (let [k (swap! counter inc)
          sum (str "*__avg_sum" k)
          cnt (str "*__avg_count" k)]
      (when-not *deferred*
        (throw (syntax-error form "aggs/+avg is only valid in dataflow code")))
      (swap! *deferred* conj `(Node$Each. (FnRef/of avg-of) [(Arg$Var. ~sum) (Arg$Var. ~cnt)] [~(n/var-name out)] []
                                          ~(origin form)))
      (let [pre (atom [])
            v (hoist-value env pre form (first args))]
        (conj @pre
              `(agg-node (floe.aggs/+sum ~(replace-vars v)) ~sum false ~(origin form))
              `(agg-node (floe.aggs/+count) ~cnt false ~(origin form)))))))

;; ---------------------------------------------------------------------------- recur>

(defn- recur-forms
  "The (recur> ...) forms of body outside nested loop<- / <<ramafn / <<ramaop bodies, and those inside loop<-."
  [env body]
  (let [head (fn [f] (when (and (seq? f) (symbol? (first f))) (n/resolved-name env (first f))))
        found (atom {:own [] :in-loop []})]
    (letfn [(walk [f where]
              (when (seq? f)
                (let [h (head f)]
                  (cond
                    (= h 'floe.core/recur>) (swap! found update where conj f)
                    (#{'floe.core/<<ramafn 'floe.core/<<ramaop} h) nil
                    (= h 'floe.core/loop<-) (doseq [x (nnext f)] (walk x :in-loop))
                    :else (doseq [x f] (walk x where))))))]
      (doseq [f body] (walk f :own)))
    @found))

(defn recur-body
  "An operation body using (recur> args...) as a loop over its parameters: [(loop form)] for
  compile-body, or body unchanged when it does not recur."
  [env params body]
  (let [{:keys [own in-loop]} (recur-forms env body)]
    (when-let [f (first in-loop)]
      (throw (syntax-error f "recur> inside loop<- is ambiguous: continue the loop<- with continue>, or move recur> out of it")))
    (doseq [f own]
      (when-not (= (count params) (count (rest f)))
        (throw (syntax-error f (str "recur> takes " (count params) " value(s), one per parameter " (pr-str params)
                                    ", got " (count (rest f)))))))
    (if (seq own)
      [(with-meta (list* 'floe.impl.dataflow/recur-loop params body) (meta (first own)))]
      body)))

(defn- recur-loop-code
  "The body of an operation that recurs: a loop whose variables are the parameters."
  [env form]
  (let [[_ params & body] form]
    [`(Node$Loop. [~@(for [p params] `(Node$LoopVar. ~(n/var-name p) (Arg$Var. ~(n/var-name p))))]
                  ~(binding [*recur-arity* (count params)] (compile-body env body))
                  [] ~(origin form))]))

;; ---------------------------------------------------------------------------- inline hooks (:>> / :name>>)

(defn- hook-marker?
  "An inline hook marker: :>> (the default stream) or :name>>."
  [x]
  (and (keyword? x) (nil? (namespace x)) (str/ends-with? (name x) ">>")))

(defn- expand-inline-hooks
  "(op args... :name>> *v... forms... :> *w): the forms after an inline hook marker run on each
  emit of that stream, as a branch; after :>> (the default stream) they run in place, and the
  code after the call continues from them. Returns the rewritten forms (a <<do)."
  [form]
  (let [[head & items] form
        stream? (fn [x] (or (n/stream-key? x) (hook-marker? x)))
        [args outs] (split-with (complement stream?) items)]
    (when (and (some #{:>>} outs) (some #{:>} outs))
      (throw (syntax-error form "a call binds its default stream with :> or runs code on it with :>>, not both")))
    (loop [outs outs call-outs [] after [] inline []]
      (if (empty? outs)
        (list* 'floe.core/<<do (with-meta (apply list head (concat args call-outs)) (meta form)) (concat inline after))
        (let [marker (first outs)
              [group more] (split-with (complement stream?) (rest outs))]
          (if-not (hook-marker? marker)
            (recur more (into call-outs (cons marker group)) after inline)
            (let [[binds body] (split-with (complement seq?) group)
                  stream (subs (name marker) 0 (- (count (name marker)) 2))]
              (when (or (empty? body) (some (complement seq?) body))
                (throw (syntax-error form (str "expected " marker " followed by variables to bind, then the forms to run"
                                               " on each emit (" marker " *v (f *v) ...)"))))
              (when (some n/anchor? binds)
                (throw (syntax-error form (str marker " takes the code to run in place of an anchor: no anchor after it"))))
              (if (= "" stream)
                (recur more (into call-outs (cons :> binds)) after (into inline body))
                (let [a (symbol (str "<__hook" (swap! counter inc) ">"))]
                  (recur more (into call-outs (list* (keyword (str stream ">")) a binds))
                         (conj after (list* 'floe.core/<<branch a body)) inline))))))))))

;; ---------------------------------------------------------------------------- generators

(declare rename-body compile-form)

(defn generator-code
  "A call (gen args... :> *a *b) of a defgenerator in a batch block: its batch<- body, with the
  parameters replaced by the arguments and its own variables renamed apart, as a sub-batch
  source whose rows bind the call's outputs."
  [env form {:keys [gen params outs body]}]
  (let [[args outputs] (split-outputs form (rest form))
        binds (:bindings (first outputs))]
    (when-not (= (count params) (count args))
      (throw (syntax-error form (str (first form) " takes " (count params) " argument(s), got " (count args)))))
    (when-not (and (<= (count outputs) 1) (every? #(nil? (:stream %)) outputs)
                   (or (empty? binds) (= (count binds) (count outs))))
      (throw (syntax-error form (str "expected (" (first form) " args... :> " (str/join " " outs) "): the generator emits "
                                     (count outs) " value(s)"))))
    (let [sfx (str "__" (str/replace (name gen) #"[^A-Za-z0-9_-]" "_") (swap! counter inc))
          subst (zipmap params args)
          renamed (rename-body body subst sfx)
          inner-outs (mapv #(first (rename-body [%] {} sfx)) outs)]
      [`(Node$SubBatchSource. (Node$SubBatchDef. ~(compile-body env renamed) ~(mapv n/var-name inner-outs))
                              ~(mapv n/var-name binds) ~(origin form))])))

;; ---------------------------------------------------------------------------- ramafn>

(defn check-ramafn>
  "A syntax error unless form is (ramafn> [*params] forms...) with at least one form."
  [form]
  (let [[_ params & body] form
        expected "expected (ramafn> [*params] forms... (:> v)): a vector of parameters, then at least one form"]
    (when-not (and (vector? params) (every? #(and (n/dataflow-var? %) (not (n/fragment-var? %))) params))
      (throw (syntax-error form (str expected "; got parameters " (pr-str params)))))
    (when (empty? body)
      (throw (syntax-error form (str expected "; there are no forms"))))))

(def ^:private ramafn-counter (atom 0))

(def ^:private body-heads
  "Forms whose arguments include dataflow forms, compiled form by form (a ramafn> in them is
  hoisted where it is used, not before the whole form)."
  #{'floe.core/<<if 'floe.core/<<cond 'floe.core/<<do 'floe.core/<<atomic 'floe.core/<<branch 'floe.core/loop<-
    'floe.core/<<ramafn 'floe.core/<<ramaop 'floe.core/<<batch 'floe.core/+group-by 'floe.core/<<subsource
    'floe.core/<<switch 'floe.core/<<with-substitutions 'floe.core/java-block<- 'floe.core/ramafn>
    'floe.impl.dataflow/recur-loop})

(defn- ramafn>?
  [env x]
  (and (seq? x) (symbol? (first x)) (= 'floe.core/ramafn> (n/resolved-name env (first x)))))

(defn- hoist-ramafns
  "form with each (ramafn> [*params] forms...) in its arguments replaced by a fresh fragment
  variable, bound just before it by an equivalent <<ramafn (closing over the variables it uses):
  (<<do (<<ramafn %rf [...] ...) ... form), or nil when there is none."
  [env form]
  (when (and (seq? form) (symbol? (first form))
             (not (contains? body-heads (n/resolved-name env (first form)))))
    (let [found (atom [])
          walk1 (fn walk1 [x]
                  (cond
                    (and (seq? x) (= 'quote (first x))) x
                    (ramafn>? env x) (do (check-ramafn> x)
                                         (let [f (symbol (str "%ramafn" (swap! ramafn-counter inc)))]
                                           (swap! found conj (with-meta (list* 'floe.core/<<ramafn f (rest x)) (meta x)))
                                           f))
                    (seq? x) (with-meta (apply list (mapv walk1 x)) (meta x))
                    (map-entry? x) (mapv walk1 x)
                    (coll? x) (with-meta (into (empty x) (mapv walk1 x)) (meta x))
                    :else x))
          form' (with-meta (apply list (first form) (mapv walk1 (rest form))) (meta form))]
      (when (seq @found)
        (with-meta (list* 'floe.core/<<do (conj @found form')) (meta form))))))

;; ---------------------------------------------------------------------------- <<with-substitutions

(def ^:private substitution-counter (atom 0))

(defn- with-substitutions-forms
  "(<<with-substitutions [$$p expr *v expr ...] forms...): the forms binding each expression (per
  event, where the form is) to a fresh variable, then forms with each symbol replaced by it, so the
  substitution holds in forms only."
  [form]
  (let [[_ bindings & body] form
        expected "expected (<<with-substitutions [$$p expr *v expr ...] forms...): a vector of pairs of a dataflow variable ($$p, *v, %f) and an expression, then at least one form"]
    (when-not (and (vector? bindings) (seq bindings) (even? (count bindings)))
      (throw (syntax-error form (str expected "; got " (pr-str bindings)))))
    (doseq [sym (take-nth 2 bindings)]
      (when-not (n/dataflow-var? sym)
        (throw (syntax-error form (str expected "; " (pr-str sym) " is not a dataflow variable")))))
    (when (empty? body)
      (throw (syntax-error form (str expected "; there are no forms"))))
    (let [k (swap! substitution-counter inc)
          pairs (partition 2 bindings)
          fresh (into {} (for [[sym _] pairs]
                           [sym (symbol (str (if (n/fragment-var? sym) "*" "") (name sym) "__sub" k))]))
          binds (for [[sym e] pairs]
                  (with-meta (list 'floe.core/identity> e :> (fresh sym)) (meta form)))
          body (walk/prewalk (fn [x] (cond (and (seq? x) (= 'quote (first x))) x
                                           (contains? fresh x) (fresh x)
                                           :else x))
                             body)]
      (concat binds body))))

;; ---------------------------------------------------------------------------- Clojure macros, segment macros

(def ^:private clojure-hints
  "What to write instead of a Clojure macro or special form used as a dataflow step."
  (let [bind "bind a value with (identity v :> *x), or destructure an output: (f ... :> {:keys [*a *b]})"
        branch "branch with (<<if cond ... (else>) ...), (<<cond (case> c) ... (default>) ...), (<<switch *v (case> k) ...) or (ifexpr cond a b :> *v)"
        maybe "bind the value, (identity v :> *x), then test it: (<<if (some? *x) ...)"]
    {"let" bind "let*" bind "letfn" "define the functions outside dataflow code (defn, deframafn) or with <<ramafn"
     "if" branch "if-not" branch "when" branch "when-not" branch "cond" branch "condp" branch "case" branch
     "when-let" maybe "if-let" maybe "when-some" maybe "if-some" maybe "when-first" maybe
     "or" "use (or> a b :> *v), which evaluates its arguments first"
     "and" "use (and> a b :> *v), which evaluates its arguments first"
     "loop" "loop with (loop<- [*i 0 :> *out] ... (continue> ...) (:> *v))" "recur" "use continue> in loop<-, recur> in deframaop/deframafn"
     "fn" "write an anonymous dataflow function with (<<ramafn %f [*x] ... (:> v)) or (ramafn> [*x] ...), or pass a Clojure fn as an argument"
     "fn*" "write an anonymous dataflow function with (<<ramafn %f [*x] ... (:> v)) or (ramafn> [*x] ...), or pass a Clojure fn as an argument"
     "doseq" "emit each element with (ops/explode coll :> *e)" "for" "emit each element with (ops/explode coll :> *e)"
     "dotimes" "emit each index with (ops/range> 0 n :> *i)"
     "try" "catch exceptions inside a function you call as a step; a thrown exception fails the event (and retries it)"
     "->" "write the steps one after the other, binding each result with :>" "->>" "write the steps one after the other, binding each result with :>"}))

(defn- clojure-syntax-error [form head expanded-from]
  (let [hint (get clojure-hints (name head))]
    (syntax-error form
                  (str head " is a Clojure macro or special form, which dataflow code cannot use as a step"
                       (when expanded-from (str " (" expanded-from " expands to it)"))
                       ": each step is (op args... :> *out). "
                       (if hint
                         (str (str/upper-case (subs hint 0 1)) (subs hint 1))
                         "Bind values with (identity v :> *x), branch with <<if/<<cond, group with <<do, or put the logic in a function")))))

(defn- clojure-core-macro? [env op]
  (let [v (resolve-var env op)]
    (or (special-symbol? op)
        (and v (str/starts-with? (str (.name (.ns ^clojure.lang.Var v))) "clojure.")))))

(defn- expand-user-macro
  "A user macro used as a dataflow step, expanded once (it may expand to dataflow forms, another
  user macro, a segment macro, <<do ...)."
  [env form]
  (let [v (resolve-var env (first form))
        expanded (try (apply @v form env (rest form))
                      (catch Exception e
                        (throw (syntax-error form (str "expanding the macro " (first form) " failed: " (ex-message e))))))]
    (if (and (seq? expanded) (instance? clojure.lang.IObj expanded))
      (vary-meta expanded #(merge (select-keys (meta form) [:line :column :file]) %))
      expanded)))

;; In what a segment macro returns, a step may be written as a vector [op args...]: the segment
;; itself, and the steps inside the dataflow block forms it holds ([<<if c [f *x] [else>] [g]]).
(def ^:private block-heads
  '#{floe.core/<<if floe.core/<<do floe.core/<<cond floe.core/<<switch floe.core/<<atomic floe.core/<<branch
     floe.core/<<subsource floe.core/loop<- floe.core/<<batch floe.core/+group-by floe.core/<<ramafn floe.core/<<ramaop
     floe.core/<<with-substitutions})

(defn- unqualify-vars
  "seg with syntax-quoted dataflow variables and anchors (user/*x, user/<a>) unqualified again."
  [seg]
  (walk/prewalk (fn [x]
                  (if (and (symbol? x) (namespace x) (let [u (symbol (name x))] (or (n/dataflow-var? u) (n/anchor? u))))
                    (symbol (name x))
                    x))
                seg))

(defn- step-vector?
  "A vector written for a step: [op args...] or [:> *v] (not [*a *b], parameters or a binding)."
  [x]
  (and (vector? x) (seq x)
       (or (and (symbol? (first x)) (not (n/dataflow-var? (first x))))
           (n/stream-key? (first x)))))

(defn- segment-steps [env seg]
  (let [as-list (fn [x] (with-meta (apply list x) (meta x)))
        seg (if (vector? seg) (as-list seg) seg)]
    (if (and (seq? seg) (block-heads (n/resolved-name env (first seg))))
      (with-meta (apply list (first seg) (map #(if (step-vector? %) (segment-steps env %) %) (rest seg))) (meta seg))
      seg)))

(defn- segment-form [env call seg]
  (if (or (vector? seg) (seq? seg))
    (let [f (segment-steps env (unqualify-vars seg))]
      (vary-meta f #(merge (select-keys (meta call) [:line :column :file]) %)))
    (throw (syntax-error call (str (first call) " returned " (pr-str seg)
                                   ", which is not a segment: expected [op args...] or (op args...)")))))

(defn- segmacro-code
  "A call of a segment macro (defbasicsegmacro, defbasicblocksegmacro): the segments its function
  returns for the call's arguments, compiled in place."
  [env form {:keys [block?]}]
  (let [v (resolve-var env (first form))
        result (try (@v (rest form))
                    (catch clojure.lang.ExceptionInfo e
                      (if (::syntax (ex-data e))
                        (throw (syntax-error form (ex-message e)))
                        (throw (syntax-error form (str (first form) " failed: " (ex-message e))))))
                    (catch Exception e
                      (throw (syntax-error form (str (first form) " failed: " e)))))
        segs (if block?
               (if (and (sequential? result) (every? #(or (vector? %) (seq? %)) result))
                 (map #(segment-form env form %) result)
                 (throw (syntax-error form (str (first form) " is a block segment macro: it must return a vector of segments, got "
                                                (pr-str result)))))
               [(segment-form env form result)])]
    (vec (mapcat #(compile-form env %) segs))))

(defn segmacro-args
  "The arguments of a segment macro call split at :> as its parameters are ([ins outs]); a
  syntax error (ex-info) when their number does not match."
  [mname params args]
  (let [marker? (some #{:>} params)
        [pin [_ & pout]] (split-with #(not= :> %) params)
        [ain [_ & aout]] (if marker? (split-with #(not= :> %) args) [args nil])
        fits? (fn [ps as] (if (some #{'&} ps) (>= (count as) (count (take-while #(not= '& %) ps))) (= (count ps) (count as))))]
    (when-not (and (fits? pin ain) (fits? pout aout))
      (throw (ex-info (str mname " takes " (pr-str params) ", got " (pr-str (apply list args))) {::syntax true})))
    [(vec ain) (vec aout)]))

(defn defblock-code
  "A call of a defblock: its dataflow forms with the parameters replaced by the call's arguments
  and outputs, and its own variables and anchors renamed apart."
  [env form {:keys [params body]}]
  (let [[pin [_ & pout]] (split-with #(not= :> %) params)
        [args outputs] (split-outputs form (rest form))
        binds (:bindings (first outputs))
        bname (first form)]
    (when-not (= (count pin) (count args))
      (throw (syntax-error form (str bname " takes " (count pin) " argument(s) " (pr-str (vec pin)) ", got " (count args)))))
    (when-not (and (<= (count outputs) 1) (every? #(nil? (:stream %)) outputs) (= (count binds) (count pout)))
      (throw (syntax-error form (str "expected (" bname " " (str/join " " pin) (when (seq pout) (str " :> " (str/join " " pout)))
                                     "): " (count pout) " output(s)"))))
    (let [sfx (str "__" (str/replace (name bname) #"[^A-Za-z0-9_-]" "_") (swap! counter inc))
          [subst pre] (reduce (fn [[m pre] [p a]]
                                (if (or (n/dataflow-var? a) (n/anchor? a))
                                  [(assoc m p a) pre]
                                  (let [v (symbol (str (name p) sfx))]
                                    [(assoc m p v) (conj pre `(clojure.core/identity ~a :> ~v))])))
                              [(zipmap pout binds) []] (map vector pin args))]
      (vec (mapcat #(compile-form env %) (concat pre (rename-body body subst sfx)))))))

(defn compile-form
  "Code building the IR nodes (a vector) of one dataflow form."
  [env form]
  (cond
    (and (seq? form) (= 'do (first form)))
    ;; (do forms...): grouping, as <<do
    (vec (mapcat #(compile-form env %) (rest form)))

    (and (seq? form) (clojure-syntax? env (first form)) (not (special env form))
         (not (clojure-core-macro? env (first form))))
    ;; a user's macro: its expansion is dataflow code
    (let [expanded (expand-user-macro env form)]
      (if (and (seq? expanded) (clojure-syntax? env (first expanded)) (clojure-core-macro? env (first expanded))
               (not= 'do (first expanded)))
        (throw (clojure-syntax-error expanded (first expanded) (first form)))
        (compile-form env expanded)))

    (and (seq? form) (not (keyword? (first form))) (some hook-marker? (rest form)))
    ;; (op args... :name>> *v forms...): inline hooks
    (compile-form env (expand-inline-hooks form))

    (hoist-ramafns env form)
    ;; (f ... (ramafn> [*x] ...) ...): the anonymous function is bound before the form
    (compile-form env (hoist-ramafns env form))

    (and (seq? form) (n/pstate-var? (first form)))
    ;; ($$tmp :> *a *b): the rows of a materialized temporary PState
    (let [[_ outputs] (split-outputs form (rest form))]
      [`(Node$ExplodeMaterialized. ~(n/var-name (first form)) ~(mapv n/var-name (:bindings (first outputs))) ~(origin form))])

    (and (seq? form) (= '%self (first form)))
    (self-code env form)

    (and (seq? form) (n/fragment-var? (first form))
         (or (seq (first (split-outputs form (rest form))))
             (some-> *fragments* deref (contains? (n/var-name (first form))))))
    ;; (%f args... :> *v): calls an anonymous function or operation bound by <<ramafn/<<ramaop
    (fragment-call-code env form)

    (and (seq? form) (n/fragment-var? (first form)))
    ;; (%microbatch :> *record): the records of a microbatch
    (let [[_ outputs] (split-outputs form (rest form))]
      (when (or (next outputs) (some :stream outputs) (next (:bindings (first outputs))))
        (throw (syntax-error form "expected (%microbatch :> *record), (%microbatch :> [*a *b]) (destructuring) or (%microbatch)")))
      (let [bs (map #(binding-code env %) (:bindings (first outputs)))]
        (into [`(Node$ExplodeMicrobatch. ~(n/var-name (first form)) ~(mapv first bs) ~(origin form))]
              (mapcat second bs))))

    (and (seq? form) (= :> (first form)) (= :op *emit-target*))
    ;; (:> *v ...) in the body of a deframaop/deframafn: the operation emits
    [`(Node$Each. (FnRef/of emit-invoker) [(Arg$Var. "*__emit") ~@(map #(arg-code env %) (rest form))] [] [] ~(origin form))]

    (and (seq? form) (n/stream-key? (first form)) (= :op *emit-target*))
    ;; (:name> *v ...) in the body of a deframaop/<<ramaop: the operation emits on a named stream
    (if *emit-streams?*
      [`(Node$Each. (FnRef/of emit-stream-invoker) [(Arg$Var. "*__emit") (Arg$Lit. ~(n/stream-name (first form)))
                                                    ~@(map #(arg-code env %) (rest form))] [] [] ~(origin form))]
      (throw (syntax-error form (str "a function emits once on :>; only deframaop and <<ramaop emit on named streams such as "
                                     (first form)))))

    (and (seq? form) (= :> (first form)))
    ;; (:> *v ...): emit from a loop
    [`(Node$EmitLoop. [~@(map #(arg-code env %) (rest form))] ~(origin form))]

    (and (seq? form) (n/stream-key? (first form)))
    (throw (syntax-error form (str "(" (first form) " ...) emits on a named stream: only valid in deframaop and <<ramaop bodies")))

    (not (seq? form))
    (throw (syntax-error form "expected a dataflow form: (op args... :> *out), a partitioner, <<if, ..."))

    (= 'floe.impl.dataflow/recur-loop (first form))
    (recur-loop-code env form)

    (and (clojure-syntax? env (first form)) (not (special env form)))
    (throw (clojure-syntax-error form (first form) nil))

    :else
    (let [fq (special env form)
          args (rest form)]
      (case (some-> fq str)
        "floe.core/<<do" (mapcat #(compile-form env %) args)
        "floe.core/<<with-substitutions" (mapcat #(compile-form env %) (with-substitutions-forms form))
        "floe.core/ifexpr" (let [[in outputs] (split-outputs form args)
                                 [c then else] in
                                 out (first (:bindings (first outputs)))]
                             (when-not (n/dataflow-var? out)
                               (throw (syntax-error form "expected (ifexpr cond then else :> *v)")))
                             [`(Node$If. ~(arg-code env c)
                                         [(Node$Each. (FnRef/of identity) [~(arg-code env then)] [~(n/var-name out)] [] ~(origin form))]
                                         [(Node$Each. (FnRef/of identity) [~(arg-code env else)] [~(n/var-name out)] [] ~(origin form))]
                                         ~(origin form))])
        "floe.core/<<shadowif" (let [[v pred new-value] args]
                                 (when-not (n/value-var? v)
                                   (throw (syntax-error form "expected (<<shadowif *v pred new-value)")))
                                 [`(Node$If. ~(if (contains-var? pred)
                                                `(Arg$Expr. (FnRef/of apply-fragment) [~(arg-code env pred) ~(arg-code env v)])
                                                `(Arg$Expr. (FnRef/of ~pred) [~(arg-code env v)]))
                                             [(Node$Each. (FnRef/of identity) [~(arg-code env new-value)] [~(n/var-name v)] [] ~(origin form))]
                                             nil ~(origin form))])
        "floe.core/<<switch" (let [[expr & body] args]
                               [`(Node$Cond. [~@(for [[marker body] (cases env body #{'floe.core/case> 'floe.core/default>})]
                                                  `(Node$CondCase. ~(if (= 'floe.core/default> (n/resolved-name env (first marker)))
                                                                      `(Arg$Lit. true)
                                                                      `(Arg$Expr. (FnRef/of =) [~(arg-code env expr) ~(arg-code env (second marker))]))
                                                                   ~(compile-body env body)))]
                                           ~(origin form))])
        "floe.core/<<if" (let [[c & body] args
                               [then otherwise] (split-else env body)]
                           [`(Node$If. ~(arg-code env c) ~(compile-body env then)
                                       ~(when otherwise (compile-body env otherwise)) ~(origin form))])
        "floe.core/<<cond" [`(Node$Cond. [~@(for [[marker body] (cases env args #{'floe.core/case> 'floe.core/default>})]
                                                `(Node$CondCase. ~(if (= 'floe.core/default> (n/resolved-name env (first marker)))
                                                                    `(Arg$Lit. true)
                                                                    (arg-code env (second marker)))
                                                                 ~(compile-body env body)))]
                                         ~(origin form))]
        "floe.core/<<subsource" (let [[v & body] args]
                                  [`(Node$SubSource. ~(arg-code env v)
                                                     [~@(for [[marker body] (cases env body #{'floe.core/case>})]
                                                          (let [[_ cls & outs] marker
                                                                [_ outputs] (split-outputs marker outs)
                                                                _ (when-not (class? (resolve env cls))
                                                                    (throw (syntax-error marker "expected (case> RecordClass :> *v) in <<subsource")))
                                                                binds (:bindings (first outputs))
                                                                _ (when (or (next outputs) (some :stream outputs) (next binds))
                                                                    (throw (syntax-error marker "expected (case> RecordClass) or (case> RecordClass :> binding)")))
                                                                ;; (case> C :> *d) / :> {:keys [*a *b]}: the value, bound (and
                                                                ;; destructured) at the start of the case, as the Java API would
                                                                ;; write it (.each(Ops.IDENTITY, "*v").out("*d"))
                                                                [bv extra] (when (seq binds) (binding-code env (first binds)))]
                                                            `(Node$SubSourceCase. ~(.getName ^Class (resolve env cls))
                                                                                  []
                                                                                  (nodes [~@(when bv [`(Node$Each. (FnRef/of identity) [~(arg-code env v)] [~bv] [] ~(origin marker))])
                                                                                          ~@extra ~(compile-body env body)]))))]
                                                     ~(origin form))])
        "floe.core/filter>" [`(Node$KeepTrue. ~(arg-code env (first args)) ~(origin form))]
        "floe.core/<<atomic" [`(Node$Atomic. ~(compile-body env args) ~(origin form))]
        "floe.core/anchor>" (do (expect-count form args 1 "(anchor> <a>)")
                                [`(Node$Anchor. ~(anchor-arg form (first args)) ~(origin form))])
        "floe.core/hook>" (do (expect-count form args 1 "(hook> <a>)")
                              [`(Node$Hook. ~(anchor-arg form (first args)) ~(origin form))])
        "floe.core/unify>" (do (when (< (count args) 2)
                                 (throw (syntax-error form "expected (unify> <a> <b> ...): at least two anchors")))
                               [`(Node$Unify. ~(mapv #(anchor-arg form %) args) ~(origin form))])
        "floe.core/<<branch" [`(Node$Branch. ~(anchor-arg form (first args)) ~(compile-body env (rest args)) ~(origin form))]
        "floe.core/loop<-" (loop-code env form)
        "floe.core/continue>" [`(Node$ContinueLoop. [~@(map #(arg-code env %) args)] ~(origin form))]
        "floe.core/recur>" (if *recur-arity*
                             [`(Node$ContinueLoop. [~@(map #(arg-code env %) args)] ~(origin form))]
                             (throw (syntax-error form (str "recur> calls the enclosing deframaop, deframafn, <<ramafn or <<ramaop"
                                                            " again (as a loop); there is none here"))))
        "floe.core/batch<-" (throw (syntax-error form "batch<- is only valid as the body of a defgenerator"))
        "floe.aggs/+avg" (avg-code env form)
        "floe.core/yield-if-overtime" [`(Node$YieldIfOvertime. ~(origin form))]
        "floe.core/ack-return>" [`(Node$AckReturn. ~(arg-code env (first args)) ~(origin form))]
        "floe.core/depot-partition-append!" (let [[d v & [level]] args]
                                              [`(Node$DepotPartitionAppend. ~(n/var-name d) ~(arg-code env v)
                                                                            (floe.impl.dataflow/ack-level ~(if (< (count args) 3) :ack level))
                                                                            ~(origin form))])
        "floe.core/invoke-query" (let [[in outputs] (split-outputs form args)]
                                   [`(Node$InvokeQuery. ~(let [q (first in)] (if (n/dataflow-var? q) (n/var-name q) q))
                                                        [~@(map #(arg-code env %) (rest in))]
                                                        ~(mapv n/var-name (:bindings (first outputs))) ~(origin form))])
        "floe.core/completable-future>" (let [[in outputs] (split-outputs form args)
                                              call (first in)]
                                          (when-not (seq? call)
                                            (throw (syntax-error form "expected (completable-future> (f args...) :> *v)")))
                                          [`(Node$EachAsync. (FnRef/of ~(first call)) [~@(map #(arg-code env %) (rest call))]
                                                             ~(mapv n/var-name (:bindings (first outputs))) ~(origin form))])
        "floe.core/|hash" (partition-code env form 'dev.floe.ir.Node$PartitionKind/HASH false false)
        "floe.core/|hash$$" (partition-code env form 'dev.floe.ir.Node$PartitionKind/HASH true false)
        "floe.core/|path" (partition-code env form 'dev.floe.ir.Node$PartitionKind/HASH true false)
        "floe.core/|path$$" (partition-code env form 'dev.floe.ir.Node$PartitionKind/HASH true false)
        "floe.core/|all" (partition-code env form 'dev.floe.ir.Node$PartitionKind/ALL false false)
        "floe.core/|all$$" (partition-code env form 'dev.floe.ir.Node$PartitionKind/ALL true false)
        "floe.core/|global" (partition-code env form 'dev.floe.ir.Node$PartitionKind/GLOBAL false false)
        "floe.core/|global$$" (partition-code env form 'dev.floe.ir.Node$PartitionKind/GLOBAL true false)
        "floe.core/|shuffle" (partition-code env form 'dev.floe.ir.Node$PartitionKind/SHUFFLE false false)
        "floe.core/|origin" (partition-code env form 'dev.floe.ir.Node$PartitionKind/ORIGIN false false)
        "floe.core/|direct" (partition-code env form 'dev.floe.ir.Node$PartitionKind/DIRECT false false)
        "floe.core/|direct$$" (partition-code env form 'dev.floe.ir.Node$PartitionKind/DIRECT true false)
        "floe.core/|custom" (partition-code env form 'dev.floe.ir.Node$PartitionKind/CUSTOM false true)
        "floe.core/|custom$$" (partition-code env form 'dev.floe.ir.Node$PartitionKind/CUSTOM true true)
        "floe.core/local-select>" (select-code env form :local)
        "floe.core/select>" (select-code env form :select)
        "floe.core/local-transform>" (let [[path pstate & more] args
                                           pre (atom [])]
                                       (when-not (and (n/pstate-var? pstate) (empty? more))
                                         (throw (syntax-error form "expected (local-transform> path $$pstate)")))
                                       (let [path (replace-vars (hoist-path env pre form path))]
                                         (conj @pre
                                               `(Node$LocalTransform. ~(n/var-name pstate) (floe.path/->path ~path) ~(origin form)))))
        "floe.core/local-clear>" [`(Node$LocalClear. ~(n/var-name (first args)) ~(origin form))]
        "floe.core/<<batch" [`(Node$BatchBlock. ~(compile-body env args) ~(origin form))]
        "floe.core/gen>" [`(Node$FreshBatchSource. ~(origin form))]
        "floe.core/materialize>" (let [[in outputs] (split-outputs form args)]
                                   [`(Node$Materialize. [~@(map #(arg-code env %) in)]
                                                        ~(n/var-name (first (:bindings (first outputs)))) ~(origin form))])
        "floe.core/+group-by" (let [[ks & body] args
                                    pre (atom [])
                                    ks (mapv #(hoist-value env pre form %) (if (vector? ks) ks [ks]))
                                    _ (when-not (and (seq ks) (every? n/value-var? ks))
                                        (throw (syntax-error form "expected (+group-by *k aggregators...) or (+group-by [*k1 *k2] aggregators...)")))
                                    codes (binding [*keep-deferred* false] (vec (mapcat #(compile-form env %) body)))]
                                ;; the body's hoisted nested expressions run before the grouping
                                (conj (into @pre (filter hoisted? codes))
                                      `(Node$GroupBy. ~(mapv n/var-name ks) (nodes [~@(remove hoisted? codes)]) ~(origin form))))
        "floe.core/+compound" (compound-code env form)
        "floe.core/<<ramafn" (ramafn-code env form false)
        "floe.core/<<ramaop" (ramafn-code env form true)
        "floe.aggs/+limit" (limit-code env form)
        "floe.core/java-macro!" [(block-code (first args))]
        ("floe.core/or>" "floe.core/and>")
        (let [[in outputs] (split-outputs form args)
              [outs streams extra] (outputs-code env outputs)]
          (into [`(Node$Each. (FnRef/of ~(logical (symbol (name fq)))) [~@(map #(arg-code env %) in)] ~outs ~streams ~(origin form))]
                extra))
        (cond
          (and fq (= "floe.aggs" (namespace fq))) (agg-call-code env form)
          (and fq (= "floe.core" (namespace fq)) (:floe/dataflow-only (meta (resolve env (first form)))))
          (throw (syntax-error form (str (first form) " is not valid here")))
          (:floe/inline (meta (resolve-var env (first form))))
          (inline-op-code env form (:floe/inline (meta (resolve-var env (first form)))))
          (:floe/generator (meta (resolve-var env (first form))))
          (generator-code env form (:floe/generator (meta (resolve-var env (first form)))))
          (:floe/segmacro (meta (resolve-var env (first form))))
          (segmacro-code env form (:floe/segmacro (meta (resolve-var env (first form)))))
          (:floe/block (meta (resolve-var env (first form))))
          (defblock-code env form (:floe/block (meta (resolve-var env (first form)))))
          (custom-agg? env (first form)) (agg-call-code env form)
          :else (call-code env form))))))

;; ---------------------------------------------------------------------------- operations with partitioners

(defn qualify
  "body with every symbol naming a var or class written fully qualified, so that it compiles the
  same in another namespace (a deframaop with partitioners is compiled where it is called)."
  [env body]
  (walk/prewalk
   (fn [x]
     (cond
       (and (seq? x) (= 'quote (first x))) x
       (not (symbol? x)) x
       (or (n/dataflow-var? x) (n/anchor? x) (special-symbol? x) (contains? env x) (#{'& '_ '%self} x)) x
       :else (let [r (try (resolve env x) (catch Exception _ nil))]
               (cond
                 (var? r) (symbol (str (.name (.ns ^clojure.lang.Var r))) (str (.sym ^clojure.lang.Var r)))
                 (class? r) (symbol (.getName ^Class r))
                 (and (namespace x) (class? (try (resolve env (symbol (namespace x))) (catch Exception _ nil))))
                 (symbol (.getName ^Class (resolve env (symbol (namespace x)))) (name x))
                 :else x))))
   body))

(defn- rename-body
  "body with its own variables and anchors renamed apart (suffix) and parameters substituted."
  [body subst sfx]
  (walk/prewalk
   (fn [x]
     (cond
       (and (seq? x) (= 'quote (first x))) x
       (contains? subst x) (subst x)
       (n/pstate-var? x) x
       (= '%self x) x
       (n/dataflow-var? x) (symbol (str (if (n/fragment-var? x) "*" "") (name x) sfx))
       (n/anchor? x) (symbol (str "<" (n/anchor-name x) sfx ">"))
       :else x))
   body))

(defn- rewrite-emits
  "body with each (:> v...) / (:name> v...) of the operation replaced by forms binding the
  caller's outputs and marking the emit with an anchor; emits is an atom of stream -> anchors.
  loop<-, <<ramafn and <<ramaop bodies keep their own (:> ...)."
  [body outputs sfx emits]
  (let [by-stream (into {} (map (juxt :stream identity) outputs))]
    (letfn [(own-body? [f] (and (seq? f) (symbol? (first f)) (#{"loop<-" "<<ramafn" "<<ramaop"} (name (first f)))))
            (emit [f]
              (let [stream (n/stream-name (first f))
                    values (rest f)
                    k (count (apply concat (vals @emits)))
                    pre (symbol (str "<pre" k sfx ">"))
                    done (symbol (str "<emit" k sfx ">"))
                    {:keys [bindings] :as requested} (by-stream stream)]
                (if (and stream (not requested))
                  (throw (syntax-error f (str "the operation emits on " (first f) ", which this call does not bind"
                                              " (add " (first f) " <anchor> *v... to the call)")))
                  (do
                    (when (and (seq bindings) (not= (count bindings) (count values)))
                      (throw (syntax-error f (str "emits " (count values) " value(s) but the call binds " (count bindings)))))
                    (swap! emits update stream (fnil conj []) done)
                    `(floe.core/<<do
                      (floe.core/anchor> ~pre)
                      ~@(cond
                          (empty? bindings) []
                          (= 1 (count bindings)) [`(clojure.core/identity ~(first values) :> ~(first bindings))]
                          :else [`(clojure.core/vector ~@values :> ~(vec bindings))])
                      (floe.core/anchor> ~done)
                      (floe.core/hook> ~pre))))))
            (walk [f]
              (cond
                (own-body? f) f
                (and (seq? f) (n/stream-key? (first f))) (emit f)
                (seq? f) (with-meta (apply list (map walk f)) (meta f))
                :else f))]
      (mapv walk body))))

(defn- inline-op-code
  "A call of a deframaop with partitioners: its body, compiled here with the call's arguments and
  outputs (Floe runs the partitioners as part of the calling topology)."
  [env form {:keys [op params body]}]
  (let [[args outputs] (split-outputs form (rest form))
        sfx (str "__" (str/replace (name op) #"[^A-Za-z0-9_-]" "_") (swap! counter inc))
        _ (when-not (= (count params) (count args))
            (throw (syntax-error form (str (first form) " takes " (count params) " argument(s), got " (count args)))))
        [subst pre] (reduce (fn [[m pre] [p a]]
                              (cond
                                (n/pstate-var? p)
                                (if (n/pstate-var? a)
                                  [(assoc m p a) pre]
                                  (throw (syntax-error form (str "the parameter " p " of " (first form) " takes a PState ($$p), got " (pr-str a)))))
                                (and (n/dataflow-var? a) (not (n/pstate-var? a))) [(assoc m p a) pre]
                                :else (let [v (symbol (str (name p) sfx))]
                                        [(assoc m p v) (conj pre `(clojure.core/identity ~a :> ~v))])))
                            [{} []] (map vector params args))
        emits (atom {})
        body (rewrite-emits (rename-body body subst sfx) outputs sfx emits)
        join (fn [anchors] (if (= 1 (count anchors)) `(floe.core/hook> ~(first anchors)) `(floe.core/unify> ~@anchors)))
        streams (for [{:keys [stream anchor]} outputs
                      :when (and stream anchor)
                      :let [as (get @emits stream)]
                      :when (seq as)]
                  [(join as) `(floe.core/anchor> ~anchor)])
        default (get @emits nil)]
    (mapcat #(compile-form env %)
            (concat pre body (apply concat streams)
                    [(if (seq default) (join default) `(floe.core/filter> false))]))))

(defn nodes
  "The IR nodes of compiled forms: each item a node, or a list of nodes (a spliced Java block)."
  ^java.util.List [items]
  (java.util.List/copyOf ^java.util.Collection
   (reduce (fn [acc x] (if (instance? java.util.List x) (into acc x) (conj acc x))) [] items)))

(declare agg-form?)

(defn- hoist-before-agg-runs
  "compiled ([agg? codes] per form) with the hoisted nested expressions of each run of
  consecutive aggregation forms moved before the run (a batch block's aggregators are consecutive)."
  [compiled]
  (vec (mapcat (fn [run]
                 (if (ffirst run)
                   (let [pre (vec (mapcat #(filter hoisted? (second %)) run))]
                     (map-indexed (fn [i [agg? codes]]
                                    [agg? (into (if (zero? i) pre []) (remove hoisted? codes))])
                                  run))
                   run))
               (partition-by first compiled))))

(defn compile-body
  "Code building the IR nodes of a sequence of dataflow forms, as a java.util.List. Nodes an
  aggregator defers (aggs/+avg's division) go after the body's last aggregation."
  [env forms]
  (cond
    (not *fragments*) (binding [*fragments* (atom #{})] (compile-body env forms))
    *keep-deferred* (binding [*keep-deferred* false]
                      `(nodes [~@(mapcat #(compile-form env %) forms)]))
    :else
    (let [deferred (atom [])
          compiled (hoist-before-agg-runs
                    (binding [*deferred* deferred]
                      (mapv (fn [f] [(agg-form? env f) (compile-form env f)]) forms)))
          last-agg (last (keep-indexed (fn [i [agg? _]] (when agg? i)) compiled))
          codes (if (and (seq @deferred) last-agg)
                  (concat (mapcat second (take (inc last-agg) compiled)) @deferred
                          (mapcat second (drop (inc last-agg) compiled)))
                  (mapcat second compiled))]
      `(nodes [~@codes]))))

(defn ack-level
  "Rama's Clojure ack levels (:ack, :append-ack, nil) as an AckLevel."
  [level]
  (case level
    :ack AckLevel/ACK
    nil AckLevel/NONE
    :append-ack AckLevel/APPEND_ACK
    :none AckLevel/NONE
    (if (instance? AckLevel level) level (throw (IllegalArgumentException. (str "unknown ack level " level))))))
