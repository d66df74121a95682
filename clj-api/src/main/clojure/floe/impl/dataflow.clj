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
            Node$Materialize Node$ExplodeMaterialized Node$EachAsync Node$GroupBy Node$SubSource
            Node$SubSourceCase Origin]
           [dev.floe AckLevel Block]
           [dev.floe.builder ChainSupport]
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

;; ============================================================================ values

(defn replace-vars
  "form with every dataflow variable replaced by its name (the form is evaluated when the module
  is defined; Floe reads the names as variables, as the Java API does)."
  [form]
  (walk/prewalk (fn [x] (if (n/dataflow-var? x) (n/var-name x) x)) form))

(defn- contains-var? [form]
  (boolean (some n/dataflow-var? (tree-seq coll? seq form))))

(declare arg-code)

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
    (and (seq? form) (seq form) (n/fragment-var? (first form)))
    ;; (%f args): an anonymous function bound in dataflow (<<ramafn), called per event
    `(Arg$Expr. (FnRef/of apply-fragment) [(Arg$Var. ~(n/var-name (first form))) ~@(map #(arg-code env %) (rest form))])
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
                    [`(Node$StreamOut. ~(:stream o) ~(some-> (:anchor o) name) ~names) extra]))]
    [dnames (mapv first streams) (vec (concat dextra (mapcat second streams)))]))

;; ============================================================================ forms

(declare compile-body)

(def ^:dynamic *emit-target*
  "What (:> ...) means where it is compiled: :loop (inside loop<-) or :op (a deframaop body)."
  :loop)

(defn emit-invoker "Calls an operation's emit function with values." [emit & values] (apply emit values) nil)

(defn- special [env form]
  (when (and (seq? form) (symbol? (first form)))
    (let [fq (n/resolved-name env (first form))]
      (cond
        (and fq (#{"floe.core" "floe.aggs"} (namespace fq))) fq
        :else nil))))

(defn- call-code
  "An operation call (f args... :> outs)."
  [env form]
  (let [[args outputs] (split-outputs form (rest form))
        [outs streams extra] (outputs-code env outputs)]
    (into [`(Node$Each. (FnRef/of ~(first form)) [~@(map #(arg-code env %) args)] ~outs ~streams ~(origin form))]
          extra)))

(defn- partition-code [env form kind pobject? fn?]
  (let [args (rest form)
        [pobject args] (if pobject? [(n/var-name (first args)) (rest args)] [nil args])
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

(defn- agg-call-code
  "An aggregator call in statement position: (aggs/+sum $$p *v), (aggs/+sum *v :> *s)."
  [env form]
  (let [;; :new-val> binds the aggregator's captured value: an option of the aggregator, not an output stream
        [before [nv nv-var & after]] (split-with #(not= :new-val> %) (rest form))
        agg-opts (when nv [:new-val> nv-var])
        [args outputs] (split-outputs form (concat before after))
        args (concat args agg-opts)
        [target args] (if (n/pstate-var? (first args)) [(n/var-name (first args)) (rest args)] [nil args])
        agg `(~(first form) ~@(replace-vars args))
        out (:bindings (first outputs))]
    (cond
      target [(block-code `(.agg (Block/create) ~target ~agg))]
      (and (= 1 (count out)) (n/dataflow-var? (first out)))
      [(block-code `(.out (.agg (Block/create) ~agg) (into-array String [~(n/var-name (first out))])))]
      :else (throw (syntax-error form "an aggregator aggregates into a PState ($$p first) or binds one variable with :>")))))

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
        [target [template]] (if (n/pstate-var? (first args)) [(n/var-name (first args)) (rest args)] [nil args])
        compound `(->compound ~(replace-vars template))
        out (first (:bindings (first outputs)))]
    (cond
      target [(block-code `(.compoundAgg (Block/create) ~target ~compound))]
      out [(block-code `(.out (.compoundAgg (Block/create) ~compound) (into-array String [~(n/var-name out)])))]
      :else (throw (syntax-error form "+compound aggregates into a PState ($$p first) or binds its result with :>")))))

(defn- select-code [env form kind]
  (let [[args outputs] (split-outputs form (rest form))
        [path pstate opts] args
        out (mapv n/var-name (:bindings (first outputs)))
        path-code `(floe.path/->path ~(replace-vars path))
        allow-yield (boolean (:allow-yield? opts))]
    (when-not (n/pstate-var? pstate)
      (throw (syntax-error form "expected (local-select> path $$pstate :> *v)")))
    [(case kind
       :local `(Node$LocalSelect. ~(n/var-name pstate) ~path-code ~allow-yield ~out ~(origin form))
       :select `(Node$Select. ~(n/var-name pstate) ~path-code ~allow-yield ~out ~(origin form)))]))

(defn- loop-code [env form]
  (let [[bindings & body] (rest form)
        [pairs [_ & outs]] (split-with #(not= :> %) bindings)
        vars (partition 2 pairs)]
    [`(Node$Loop. [~@(for [[v init] vars] `(Node$LoopVar. ~(n/var-name v) ~(arg-code env init)))]
                  ~(binding [*emit-target* :loop] (compile-body env body))
                  ~(mapv n/var-name outs)
                  ~(origin form))]))

(defn compile-form
  "Code building the IR nodes (a vector) of one dataflow form."
  [env form]
  (cond
    (and (seq? form) (n/pstate-var? (first form)))
    ;; ($$tmp :> *a *b): the rows of a materialized temporary PState
    (let [[_ outputs] (split-outputs form (rest form))]
      [`(Node$ExplodeMaterialized. ~(n/var-name (first form)) ~(mapv n/var-name (:bindings (first outputs))) ~(origin form))])

    (and (seq? form) (n/fragment-var? (first form)))
    ;; (%microbatch :> *record): the records of a microbatch
    (let [[_ outputs] (split-outputs form (rest form))]
      [`(Node$ExplodeMicrobatch. ~(n/var-name (first form)) ~(mapv n/var-name (:bindings (first outputs))) ~(origin form))])

    (and (seq? form) (= :> (first form)) (= :op *emit-target*))
    ;; (:> *v ...) in the body of a deframaop/deframafn: the operation emits
    [`(Node$Each. (FnRef/of emit-invoker) [(Arg$Var. "*__emit") ~@(map #(arg-code env %) (rest form))] [] [] ~(origin form))]

    (and (seq? form) (= :> (first form)))
    ;; (:> *v ...): emit from a loop
    [`(Node$EmitLoop. [~@(map #(arg-code env %) (rest form))] ~(origin form))]

    (not (seq? form))
    (throw (syntax-error form "expected a dataflow form: (op args... :> *out), a partitioner, <<if, ..."))

    (and (clojure-syntax? env (first form)) (not (special env form)))
    (throw (syntax-error form (str (first form) " is a Clojure macro or special form, which dataflow code cannot use"
                                   " as a step: each step is (op args... :> *out). Bind values with (identity v :> *x),"
                                   " branch with <<if/<<cond, group with <<do, or put the logic in a function")))

    :else
    (let [fq (special env form)
          args (rest form)]
      (case (some-> fq str)
        "floe.core/<<do" (mapcat #(compile-form env %) args)
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
                                 [`(Node$If. (Arg$Expr. (FnRef/of ~pred) [~(arg-code env v)])
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
                                                                [_ outputs] (split-outputs marker outs)]
                                                            `(Node$SubSourceCase. ~(.getName ^Class (resolve cls))
                                                                                  ~(mapv n/var-name (:bindings (first outputs)))
                                                                                  ~(compile-body env body))))]
                                                     ~(origin form))])
        "floe.core/filter>" [`(Node$KeepTrue. ~(arg-code env (first args)) ~(origin form))]
        "floe.core/<<atomic" [`(Node$Atomic. ~(compile-body env args) ~(origin form))]
        "floe.core/anchor>" [`(Node$Anchor. ~(name (first args)) ~(origin form))]
        "floe.core/hook>" [`(Node$Hook. ~(name (first args)) ~(origin form))]
        "floe.core/unify>" [`(Node$Unify. ~(mapv name args) ~(origin form))]
        "floe.core/<<branch" [`(Node$Branch. ~(name (first args)) ~(compile-body env (rest args)) ~(origin form))]
        "floe.core/loop<-" (loop-code env form)
        "floe.core/continue>" [`(Node$ContinueLoop. [~@(map #(arg-code env %) args)] ~(origin form))]
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
        "floe.core/local-transform>" (let [[path pstate] args]
                                       [`(Node$LocalTransform. ~(n/var-name pstate) (floe.path/->path ~(replace-vars path)) ~(origin form))])
        "floe.core/local-clear>" [`(Node$LocalClear. ~(n/var-name (first args)) ~(origin form))]
        "floe.core/<<batch" [`(Node$BatchBlock. ~(compile-body env args) ~(origin form))]
        "floe.core/gen>" [`(Node$FreshBatchSource. ~(origin form))]
        "floe.core/materialize>" (let [[in outputs] (split-outputs form args)]
                                   [`(Node$Materialize. [~@(map #(arg-code env %) in)]
                                                        ~(n/var-name (first (:bindings (first outputs)))) ~(origin form))])
        "floe.core/+group-by" (let [[ks & body] args]
                                [`(Node$GroupBy. ~(if (vector? ks) (mapv n/var-name ks) [(n/var-name ks)])
                                                 ~(compile-body env body) ~(origin form))])
        "floe.core/+compound" (compound-code env form)
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
          :else (call-code env form))))))

(defn nodes
  "The IR nodes of compiled forms: each item a node, or a list of nodes (a spliced Java block)."
  ^java.util.List [items]
  (java.util.List/copyOf ^java.util.Collection
   (reduce (fn [acc x] (if (instance? java.util.List x) (into acc x) (conj acc x))) [] items)))

(defn compile-body
  "Code building the IR nodes of a sequence of dataflow forms, as a java.util.List."
  [env forms]
  `(nodes [~@(mapcat #(compile-form env %) forms)]))

(defn ack-level
  "Rama's Clojure ack levels (:ack, :append-ack, nil) as an AckLevel."
  [level]
  (case level
    :ack AckLevel/ACK
    nil AckLevel/NONE
    :append-ack AckLevel/APPEND_ACK
    :none AckLevel/NONE
    (if (instance? AckLevel level) level (throw (IllegalArgumentException. (str "unknown ack level " level))))))
