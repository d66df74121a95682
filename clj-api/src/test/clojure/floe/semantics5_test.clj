(ns floe.semantics5-test
  "RAMA-API.md §5 (\"Semantics an implementer is likely to get wrong\") checked from the Clojure
  side: one deftest (or a few) per subsection §5.1–§5.17, each assertion naming the rule it checks.
  Language rules run with ?<- (no module); runtime rules run modules on the in-process cluster.

  Rules skipped, and why:
  * §5.1.1 `new Constant(x)`, §5.1.6 `Helpers.isGeneratedVar`/`getGeneratedVarPrefix`/
    `extractJavaFields`, §5.2.6 \"LoopVars.var(\\\"*i\\\", 0) yields an Integer\", §5.7.8 Java `term`
    extra arguments, §5.17 \"public fields changed after launchModule\" and \"Block is a builder\":
    Java-API details with no Clojure counterpart (a Clojure literal 0 is a Long).
  * §5.2.7 whether subclasses match in <<subsource: the spec marks it unverified.
  * §5.5.1/§5.5.2 \"replicated\", §5.10 rate limits of background migration workers, §5.13 mirror
    and foreign reads yielding implicitly, §5.14 `ctx.getTaskGroup()` sharing across workers and
    Nippy-serialized deftype task globals, §5.15 \"clients redirect / appends buffer\" during an
    update on other workers, §5.17 bugs that show only with numWorkers >= 2: need a real
    multi-process cluster (the in-process cluster has replication factor 1, one JVM).
  * §5.3.2 mirror PStates (|hash$$ on a mirror), §5.5.2 ACK not waiting for mirror-depot
    consumers: need a second module; covered by the Java mirror tests.
  * §5.4.11 \"idle topologies sleep up to ~1 min but poll (~200 ms)\": a timing property, not
    observable without long waits.
  * §5.9 \"1.3.0 proxy replication fixes\": a Rama release note, not a rule.
  * §5.3.2 custom :key-partitioner: Floe takes a Java class there (Java API).
  Not covered here yet (time): §5.10 PState migrations (see migration_options_test), §5.8 beyond
  the ordering checks of §5.3.7/§5.5.5, §5.17 a permanently failing record blocking progress.
  Every rule checked here is honoured (two-phase aggregation, §5.4.5, and SortedMap range results,
  §5.7.2, were fixed after this file first found them)."
  (:require [clojure.string :as str]
            [clojure.test :refer [deftest is testing]]
            [floe.core :refer :all]
            [floe.path :refer :all :exclude [collect]]
            [floe.aggs :as aggs]
            [floe.ops :as ops]
            [floe.test :as rtest]
            [floe.test-support :refer [collect expansion-error]]))

(defn- records [f] (collect f))

;; ============================================================================ §5.1 variables, naming and scope

(def LIMIT "A Clojure value read by dataflow code where the module is defined." 2)

(deftest s5-1-variables-naming-and-scope
  (testing "§5.1.1 var recognition by prefix"
    (is (= ["*x" "$$p"] (records (fn [record!] (?<- (identity "*x" :> *a) (identity "$$p" :> *b) (record! *a) (record! *b)))))
        "§5.1.1: a string is a literal in Clojure, whatever its prefix; only symbols are variables")
    (let [n 10]
      (is (= [11 2] (records (fn [record!] (?<- (+ n 1 :> *a) (record! *a) (record! LIMIT)))))
          "§5.1.1: other symbols (locals, vars) are ordinary Clojure expressions")))
  (testing "§5.1.3 anchors are not lexically scoped"
    (is (= [[:then 1] [:hooked 1] [:else 2]]
           (records (fn [record!]
                      (?<- (ops/explode [1 2] :> *x)
                           (<<if (odd? *x)
                             (anchor> <inside>)
                             (record! [:then *x])
                             (else>)
                             (record! [:else *x]))
                           (hook> <inside>)
                           (record! [:hooked *x])))))
        "§5.1.3: an anchor made inside <<if is hooked from the enclosing code"))
  (testing "§5.1.4 shadowing"
    (is (= [[1 2]] (records (fn [record!] (?<- (identity 1 :> *v) (identity *v :> *old) (inc *v :> *v) (record! [*old *v])))))
        "§5.1.4: re-binding a variable is legal in normal dataflow")
    (is (re-find #"shadowed"
                 (str (expansion-error '(?<- (<<batch (ops/explode [1 2] :> *v) (inc *v :> *v) (aggs/+count :> *c))))))
        "§5.1.4: re-binding a variable in batch pre-aggregation is an error naming \"shadowed\""))
  (testing "§5.1.5 scope after branching"
    (is (re-find #"unbound variable \*only"
                 (str (expansion-error '(?<- (identity 1 :> *x)
                                             (<<if (odd? *x) (identity 1 :> *only) (else>) (identity 2 :> *other))
                                             (inc *only :> *y)))))
        "§5.1.5: a variable bound on only one branch of <<if is out of scope after it")
    (is (= [[1 :one] [2 :two]]
           (records (fn [record!]
                      (?<- (ops/explode [1 2] :> *x)
                           (<<if (= 1 *x) (identity :one :> *w) (else>) (identity :two :> *w))
                           (record! [*x *w])))))
        "§5.1.5: a variable bound on every branch stays in scope"))
  (testing "§5.1.6 hygiene: generated variables never collide"
    (let [v1 (gen-anyvar "x") v2 (gen-anyvar "x")]
      (is (not= v1 v2) "§5.1.6: gen-anyvar gives a fresh variable each time")
      (is (str/starts-with? (name v1) "*x") "§5.1.6: a generated variable carries its prefix"))))

(defmacro ^:private twice-plus
  "A block macro using an internal variable (gen-anyvar): applied twice in one scope."
  [in out]
  (let [tmp (gen-anyvar "tmp")]
    `(<<do (* ~in 2 :> ~tmp) (+ ~tmp 1 :> ~out))))

(deftest s5-1-6-macro-hygiene
  (is (= [[3 7]] (records (fn [record!] (?<- (identity 1 :> *a) (twice-plus *a *b) (twice-plus *b *c) (record! [*b *c])))))
      "§5.1.6: a macro's internal variables (gen-anyvar) don't collide when the macro is used twice"))

(deftest s5-1-2-outer-join-vars
  (is (= #{[1 :a :x] [2 :b nil]}
         (set (records (fn [record!]
                         (?<- (<<batch (ops/explode [[1 :a] [2 :b]] :> [*k *v])
                                       (gen>)
                                       (ops/explode [[1 :x]] :> [*k **w])
                                       (record! [*k *v **w])))))))
      "§5.1.2: a **var source is the optional side of an outer join (nil where no row matches)")
  (is (= #{[1 :a :x]}
         (set (records (fn [record!]
                         (?<- (<<batch (ops/explode [[1 :a] [2 :b]] :> [*k *v])
                                       (gen>)
                                       (ops/explode [[1 :x]] :> [*k *w])
                                       (record! [*k *v *w])))))))
      "§5.1.2: without ** the join is inner"))

;; ============================================================================ §5.2 emits, forks and execution order

(deftest s5-2-emits-and-order
  (is (= [[:elem 1] :x [:elem 2] :x [:elem 3] :x [:elem 4] :x]
         (records (fn [record!] (?<- (ops/explode [1 2 3 4] :> *e) (record! [:elem *e]) (record! :x)))))
      "§5.2.1: emits run depth-first, in emit order")
  (testing "§5.2.2 zero emits end the branch"
    (is (= [] (records (fn [record!] (?<- (filter> false) (record! :after))))) "§5.2.2: filter> false ends the branch")
    (is (= [] (records (fn [record!] (?<- (ops/explode nil :> *e) (record! *e))))) "§5.2.2: explode of nil emits nothing")
    (is (= [] (records (fn [record!] (?<- (ops/explode [] :> *e) (record! *e))))) "§5.2.2: explode of [] emits nothing")
    (let [tp (rtest/create-test-pstate {String Long})]
      (is (= [] (records (fn [record!] (?<- (identity tp :> $$p) (local-select> (must "missing") $$p :> *v) (record! *v)))))
          "§5.2.2: must on a missing key navigates nowhere")
      (is (= [nil] (records (fn [record!] (?<- (identity tp :> $$p) (local-select> (keypath "missing") $$p :> *v) (record! *v)))))
          "§5.7.6: keypath on a missing key navigates to one nil"))
    (is (= [nil] (records (fn [record!] (?<- (identity nil :> *v) (record! *v)))))
        "§5.2.2: a Clojure function emits exactly once, nil included")
    (is (= [2 4] (records (fn [record!] (?<- (ops/explode [1 2 3 4] :> *e) (filter> (even? *e)) (record! *e)))))))
  (testing "§5.2.3 <<if without else"
    (is (= [[1 :then] [1 :after] [2 :after]]
           (records (fn [record!]
                      (?<- (ops/explode [1 2] :> *x)
                           (<<if (odd? *x) (record! [*x :then]))
                           (record! [*x :after])))))
        "§5.2.3: a falsy condition continues after <<if; a truthy one runs then and continues")
    (is (= [[:then 10] [:after 1] [:then 20] [:after 1]]
           (records (fn [record!]
                      (?<- (<<if true (ops/explode [10 20] :> *y) (record! [:then *y]))
                           (record! [:after 1])))))
        "§5.2.3: the code after <<if runs for every emit coming out of the then branch")
    (is (= [[:then :a] [:after :a] [:then :b] [:after :b]]
           (records (fn [record!]
                      (?<- (ops/explode [:a :b] :> *v)
                           (<<if true (record! [:then *v]))
                           (record! [:after *v])))))
        "§5.2.3: then runs before the code after it, per emit")
    (is (= [] (records (fn [record!] (?<- (<<if true (filter> false)) (record! :after)))))
        "§5.2.3: a then branch that never emits terminates that path"))
  (testing "§5.2.4 anchors, hooks, <<branch and unify>"
    (is (= [[:first 1] [:second 1] [:first 2] [:second 2]]
           (records (fn [record!]
                      (?<- (ops/explode [1 2] :> *x)
                           (anchor> <a>)
                           (record! [:first *x])
                           (hook> <a>)
                           (record! [:second *x])))))
        "§5.2.4: both branches at an anchor run for every emit, the earlier-written first")
    (is (= [[:branch 1] [:main 1]]
           (records (fn [record!]
                      (?<- (identity 1 :> *x)
                           (anchor> <a>)
                           (<<branch <a> (record! [:branch *x]))
                           (record! [:main *x])))))
        "§5.2.4: <<branch is sugar for a hooked branch (runs where it is written)")
    (is (= [[:u 1] [:u 10] [:u 2] [:u 20]]
           (records (fn [record!]
                      (?<- (ops/explode [1 2] :> *x)
                           (anchor> <root>)
                           (identity *x :> *v)
                           (anchor> <l>)
                           (hook> <root>)
                           (* 10 *x :> *v)
                           (anchor> <r>)
                           (unify> <l> <r>)
                           (record! [:u *v])))))
        "§5.2.4: unify> runs the downstream once per emit arriving from any listed branch"))
  (testing "§5.2.5 <<atomic"
    (is (= [[:in 1] [:in 2] [:in 3] [:after 1]]
           (records (fn [record!]
                      (?<- (identity 1 :> *one)
                           (<<atomic (ops/explode [1 2 3] :> *x) (record! [:in *x]))
                           (record! [:after *one])))))
        "§5.2.5: <<atomic runs the block with all its fan-out, then continues exactly once")
    (is (= [[:after 1]]
           (records (fn [record!] (?<- (identity 1 :> *one) (<<atomic (filter> false)) (record! [:after *one])))))
        "§5.2.5: <<atomic continues once even when the block emits nothing"))
  (testing "§5.2.6 loops"
    (is (= [0 1 2]
           (records (fn [record!]
                      (?<- (loop<- [*i 0 :> *v]
                             (<<if (< *i 3) (:> *i) (continue> (inc *i))))
                           (record! *v)))))
        "§5.2.6: (:> v) emits out of the loop; an iteration calling neither just ends")
    (is (= [[:out 0] [:out 0] [:out 1]]
           (records (fn [record!]
                      (?<- (loop<- [*i 0 :> *v]
                             (:> *i)
                             (<<if (= *i 0) (:> *i) (continue> 1)))
                           (record! [:out *v])))))
        "§5.2.6: (:> v) may be called several times per iteration")
    (is (= [2 2]
           (records (fn [record!]
                      (?<- (loop<- [*n 0 :> *v]
                             (<<if (< *n 2)
                               (continue> (inc *n))
                               (<<if (= *n 1) (continue> (inc *n)))
                               (else>)
                               (:> *n)))
                           (record! *v)))))
        "§5.2.6: continue> may be called several times (fan-out of iterations)")
    (is (= [[1 "a"] [2 "b"]]
           (records (fn [record!]
                      (?<- (identity "b" :> *s)
                           (loop<- [*i 1 *acc "a" :> *v *w]
                             (:> *i *acc)
                             (<<if (< *i 2) (continue> (inc *i) *s)))
                           (record! [*v *w])))))
        "§5.2.6: initial loop values may be variables or constants"))
  (testing "§5.2.7 <<cond and <<subsource"
    (is (= [:first]
           (records (fn [record!]
                      (?<- (<<cond (case> true) (record! :first)
                                   (case> true) (record! :second)
                                   (default>) (record! :default))))))
        "§5.2.7: <<cond runs the first truthy case only")
    (is (= [[:long 1] [:string "s"]]
           (records (fn [record!]
                      (?<- (ops/explode [1 "s" :kw] :> *v)
                           (<<subsource *v
                             (case> Long) (record! [:long *v])
                             (case> String) (record! [:string *v]))))))
        "§5.2.7: <<subsource dispatches on the runtime class; no matching case ends the branch"))
  (testing "§5.2.8 ?<- runs a block without a module"
    (is (= [6] (records (fn [record!] (?<- (<<batch (ops/explode [1 2 3] :> *v) (aggs/+sum *v :> *s) (record! *s))))))
        "§5.2.8: no partitioner is needed before aggregation at the REPL")
    (is (re-find #"not allowed after aggregation"
                 (str (expansion-error '(?<- (<<batch (ops/explode [1 2] :> *v) (aggs/+count :> *c) (|hash *c) (identity *c :> *d))))))
        "§5.2.8: batch blocks at the REPL still follow the post-agg rules (no partitioner after aggregation)")))

;; ============================================================================ helpers for modules

(def ^:private failures "Calls of fail-once! per tag (failure injection for retries)." (atom {}))

(defn- fail-once!
  "Throws the first time it is called with tag, returns true afterwards."
  [tag]
  (when (= 1 (get (swap! failures update tag (fnil inc 0)) tag))
    (throw (ex-info (str "injected failure " tag) {})))
  true)

(defn- calls-of [tag] (get @failures tag 0))

(defn- module-error
  "The message of the error launching module on a fresh in-process cluster (nil if it launches)."
  [module]
  (with-open [ipc (rtest/create-ipc {:in-memory? true})]
    (try (rtest/launch-module! ipc module {:tasks 2 :threads 2}) nil
         (catch Exception e (str (ex-message e) " " (some-> e ex-cause ex-message))))))

(def ^:private task-keys "Keys of which the i-th lands on task i of a 4-task module." (rtest/gen-hashing-index-keys 4))

(defn- sum-mod [n a b] (mod (+ a b) n))

;; ============================================================================ §5.1 on modules

(deftest s5-1-5-each-source-starts-a-fresh-scope
  (is (re-find #"unbound variable \*a"
               (str (module-error (module [setup topologies]
                                    (declare-depot setup *d1 :random)
                                    (declare-depot setup *d2 :random)
                                    (let [s (stream-topology topologies "s")]
                                      (declare-pstate s $$p {Long Long})
                                      (<<sources s
                                        (source> *d1 :> *a)
                                        (source> *d2 :> *b)
                                        (local-transform> [(keypath *b) (termval *a)] $$p)))))))
      "§5.1.5: each source starts a fresh scope (a variable of another source is unbound)"))

(def TOP-AMOUNT "Read where the module is defined; redefined in a test before launch." 3)

(defmodule TopN [setup topologies]
  (declare-depot setup *scores :random)
  (let [mb (microbatch-topology topologies "mb")]
    (declare-pstate mb $$top Object {:global? true})
    (<<sources mb
      (source> *scores :> %mb)
      (<<batch (%mb :> *score) (|global) (aggs/+top-monotonic [TOP-AMOUNT] $$top *score)))))

(deftest s5-1-1-clojure-symbols-are-evaluated-when-the-module-is-compiled
  (with-open [ipc (rtest/create-ipc {:in-memory? true})]
    (with-redefs [TOP-AMOUNT 2]
      (rtest/launch-module! ipc TopN {:tasks 2 :threads 2}))
    (let [m (get-module-name TopN)
          d (foreign-depot ipc m "*scores")]
      (doseq [x [5 1 9 7]] (foreign-append! d x))
      (rtest/wait-for-microbatch-processed-count ipc m "mb" 4)
      (is (= [9 7] (foreign-select-one STAY (foreign-pstate ipc m "$$top")))
          "§5.1.1: TOP-AMOUNT redefined with with-redefs around the launch is the value the module uses; §5.6.2 top-monotonic into a PState without initial value"))))

;; ============================================================================ §5.3 partitioners, §5.5.3 ack returns, §5.1.8 names

(defmodule Partitioners [setup topologies]
  (declare-depot setup *keys (hash-by identity))
  (declare-depot setup *glob :random)
  (declare-depot setup *all :random)
  (declare-depot setup *shuf :random)
  (declare-depot setup *direct :random)
  (declare-depot setup *custom :random)
  (declare-depot setup *order :random)
  (let [s (stream-topology topologies "s")]
    (declare-pstate s $$where {String Long})
    (declare-pstate s $$log {String java.util.List})
    (<<sources s
      (source> *keys :> *k)
      (ops/current-task-id :> *t0)
      (|hash *k)
      (ops/current-task-id :> *t1)
      (local-transform> [(keypath *k) (termval *t1)] $$where)
      (|hash$$ $$where *k)
      (ops/current-task-id :> *t2)
      (ack-return> [*t0 *t1 *t2])
      (source> *glob :> *x)
      (|global)
      (ops/current-task-id :> *t)
      (ack-return> *t)
      (source> *all {:ack-return-agg aggs/+sum} :> *x)
      (|all)
      (ops/current-task-id :> *t)
      (ack-return> (long (inc *t)))
      (source> *shuf :> *x)
      (|shuffle)
      (ops/current-task-id :> *t)
      (ack-return> *t)
      (source> *direct :> *target)
      (|direct *target)
      (ops/current-task-id :> *t)
      (ack-return> *t)
      (source> *custom :> [*a *b])
      (|custom sum-mod *a *b)
      (ops/current-task-id :> *t)
      (ack-return> *t)
      (source> *order :> *k)
      (|direct 0)
      (ops/explode (range 30) :> *i)
      (|hash *k)
      (local-transform> [(keypath *k) NIL->VECTOR AFTER-ELEM (termval *i)] $$log)))
  (<<query-topology topologies "where" [*k :> *r]
    (|hash *k)
    (ops/current-task-id :> *t1)
    (|origin)
    (ops/current-task-id :> *origin)
    (identity [*t1 *origin] :> *r)))

(deftest s5-3-partitioners
  (with-open [ipc (rtest/create-ipc {:in-memory? true})]
    (rtest/launch-module! ipc Partitioners {:tasks 4 :threads 2})
    (let [m (get-module-name Partitioners)
          depot #(foreign-depot ipc m %)
          where (foreign-pstate ipc m "$$where")]
      (doseq [[i k] (map-indexed vector task-keys)]
        (is (= {"s" [i i i]} (foreign-append! (depot "*keys") k))
            (str "§5.3.1: hash-by depot partition, |hash and |hash$$ agree with gen-hashing-index-keys (key " i " on task " i ")"))
        (is (= i (foreign-select-one (keypath k) where))
            "§5.3.1: a PState client routes (keypath k) to the task |hash wrote on")
        (is (= [i i] (foreign-invoke-query (foreign-query ipc m "where") k))
            "§5.3.6: a query whose first step is |hash over its input has that task as its origin (client-side routing)"))
      (is (= {"s" 0} (foreign-append! (depot "*glob") :x)) "§5.3.3: |global goes to task 0")
      (is (= {"s" 10} (foreign-append! (depot "*all") :x))
          "§5.3.3: |all runs the downstream once per task (1+2+3+4 summed by :ack-return-agg, §5.5.3)")
      (dotimes [_ 5]
        (is (contains? #{0 1 2 3} (get (foreign-append! (depot "*shuf") :x) "s")) "§5.3.3: |shuffle goes to some task"))
      (doseq [t [3 1 2]]
        (is (= {"s" t} (foreign-append! (depot "*direct") t)) "§5.3.3: |direct t goes to task t"))
      (is (= {"s" 1} (foreign-append! (depot "*custom") [2 3])) "§5.3.4: |custom calls (f num-tasks args…) for the task: (mod (+ 2 3) 4)")
      (is (= {"s" 2} (foreign-append! (depot "*custom") [7 3])) "§5.3.4: |custom with other arguments")
      (let [k (nth task-keys 1)]
        (foreign-append! (depot "*order") k)
        (is (= (vec (range 30)) (foreign-select-one (keypath k) (foreign-pstate ipc m "$$log")))
            "§5.3.7: events sent from one task to another keep send order")))))

(deftest s5-3-partitioner-rules
  (is (re-find #"originPartition|\|origin"
               (str (module-error (module [setup topologies]
                                    (<<query-topology topologies "q" [*x :> *r] (inc *x :> *r))))))
      "§5.3.5/§5.12: a query topology without |origin is refused")
  (is (re-find #"not allowed after aggregation"
               (str (module-error (module [setup topologies]
                                    (declare-depot setup *d :random)
                                    (let [mb (microbatch-topology topologies "mb")]
                                      (declare-pstate mb $$p {Long Long})
                                      (<<sources mb
                                        (source> *d :> %mb)
                                        (<<batch (%mb :> *x) (|global) (aggs/+count :> *c)
                                                 (|hash *c)
                                                 (local-transform> [(keypath *c) (termval 1)] $$p))))))))
      "§5.3.8: no partitioner after aggregation in a module batch block"))

;; ============================================================================ §5.5 stream topologies, ack levels, ack returns

(defmodule StreamSemantics [setup topologies]
  (declare-depot setup *fan :random)
  (declare-depot setup *retry :random)
  (declare-depot setup *once :random)
  (declare-depot setup *atomic :random)
  (declare-depot setup *seq :random {:global? true})
  (declare-depot setup *multi :random)
  (declare-depot setup *silent :random)
  (let [s (stream-topology topologies "s")
        other (stream-topology topologies "other")
        quiet (stream-topology topologies "quiet")]
    (declare-pstate s $$per-task {Long Long})
    (declare-pstate s $$counts {String Long})
    (declare-pstate s $$seq java.util.List {:global? true})
    (<<sources s
      (source> *fan :> *x)
      (|all)
      (ops/current-task-id :> *t)
      (+compound $$per-task {(long *t) (aggs/+count)})
      (source> *retry :> *k)
      (|hash *k)
      (+compound $$counts {*k (aggs/+count)})
      (|hash (str *k "-other"))
      (fail-once! *k)
      (+compound $$counts {(str *k "-other") (aggs/+count)})
      (ack-return> :done)
      (source> *once {:retry-mode :none} :> *k)
      (|hash *k)
      (+compound $$counts {*k (aggs/+count)})
      (|hash (str *k "-other"))
      (fail-once! *k)
      (+compound $$counts {(str *k "-other") (aggs/+count)})
      (source> *atomic :> *k)
      (|hash *k)
      (+compound $$counts {*k (aggs/+count)})
      (fail-once! *k)
      (source> *seq :> *x)
      (local-transform> [NIL->VECTOR AFTER-ELEM (termval *x)] $$seq)
      (source> *multi {:ack-return-agg aggs/+sum} :> *n)
      (ops/range> 0 *n :> *i)
      (|hash *i)
      (ack-return> (long *i)))
    (<<sources other
      (source> *multi :> *n)
      (ops/explode [:a :b] :> *v)
      (ack-return> *v))
    (<<sources quiet
      (source> *multi :> *n)
      (identity *n :> *unused)
      (source> *silent :> *n)
      (identity *n :> *unused))))

(deftest s5-5-stream-topologies
  (reset! failures {})
  (with-open [ipc (rtest/create-ipc {:in-memory? true})]
    (rtest/launch-module! ipc StreamSemantics {:tasks 4 :threads 2})
    (let [m (get-module-name StreamSemantics)
          depot #(foreign-depot ipc m %)
          counts (foreign-pstate ipc m "$$counts")
          per-task (foreign-pstate ipc m "$$per-task")]
      (foreign-append! (depot "*fan") :x)
      (is (= [1 1 1 1] (for [t (range 4)] (foreign-select-one (keypath t) per-task {:pkey (nth task-keys t)})))
          "§5.5.1: an ACK append returns after the whole event tree (|all on every task) finished")
      (is (= {"s" :done} (foreign-append! (depot "*retry") "r")) "§5.5.4: the ACK append returns once the retry succeeded")
      (is (= 2 (calls-of "r")) "§5.5.4: the failed record ran again")
      (is (= 2 (foreign-select-one (keypath "r") counts))
          "§5.5.4: a retry restarts from the source; a write committed before the failure stays (duplicated)")
      (is (= 1 (foreign-select-one (keypath "r-other") counts)) "§5.5.4: the segment after the failure ran once")
      (foreign-append! (depot "*once") "n")
      (is (= 1 (calls-of "n")) "§5.5.4: :retry-mode :none never retries (the ACK append still returns)")
      (is (= 1 (foreign-select-one (keypath "n") counts)) "§5.5.4: retry none: the committed write stays")
      (is (nil? (foreign-select-one (keypath "n-other") counts)) "§5.5.4: retry none: at most once, the rest never ran")
      (foreign-append! (depot "*atomic") "a")
      (is (= 2 (calls-of "a")))
      (is (= 1 (foreign-select-one (keypath "a") counts))
          "§5.5.6: the writes of a failed segment are discarded (atomic between partitioners)")
      (dotimes [i 40] (foreign-append! (depot "*seq") i nil))
      (foreign-append! (depot "*seq") 40)
      (is (= (vec (range 41)) (foreign-select-one STAY (foreign-pstate ipc m "$$seq")))
          "§5.5.5: records of one depot partition start in append order")
      (is (= {"s" 6 "other" :b} (foreign-append! (depot "*multi") 4))
          "§5.5.3: the ack-return map is keyed by topology name (§5.1.8); :ack-return-agg sums a fan-out (0+1+2+3); else the last ack-return> wins; a topology without ack-return> is absent")
      (is (= {} (foreign-append! (depot "*silent") 1)) "§5.5.3: no topology returned a value: {}")
      (is (re-find #"(?i)\$\$nope|no pstate|unknown"
                   (str (try (foreign-pstate ipc m "$$nope") nil (catch Exception e (ex-message e)))))
          "§5.1.8: clients fetch objects by name; an unknown name is an error"))))

;; ============================================================================ §5.4 batch blocks and microbatching, §5.6 aggregators

(def ^:private combine-args "The second argument of every call of the recording combiner." (atom []))

(def +recorded-sum "A sum combiner recording what it combines." (combiner (fn [a b] (swap! combine-args conj b) (+ a b)) :init-fn (constantly 0)))
(def +conj-acc "An accumulator: no two-phase aggregation." (accumulator (fn [v] (term #(conj % v))) :init-fn (constantly [])))

(def ^:private mb-attempts "[microbatch-id value] of every attempt of the failing microbatch." (atom []))

(defn- fail-first-attempt! [mb-id x]
  (swap! mb-attempts conj [mb-id x])
  (when (= 1 (count @mb-attempts)) (throw (ex-info "injected microbatch failure" {})))
  true)

(defmodule Batches [setup topologies]
  (declare-depot setup *rows :random)
  (declare-depot setup *other :random)
  (declare-depot setup *two (hash-by first))
  (declare-depot setup *fails :random)
  (let [mb (microbatch-topology topologies "mb")
        mb2 (microbatch-topology topologies "mb2")
        mb3 (microbatch-topology topologies "mb3")]
    (declare-pstate mb $$per-task {Long Long})
    (declare-pstate mb $$global Object {:global? true})
    (declare-pstate mb $$by-key {String Long})
    (declare-pstate mb $$changed {String Long})
    (declare-pstate mb $$block2 Long {:global? true :initial-value 0})
    (declare-pstate mb $$roots java.util.List {:global? true})
    (declare-pstate mb $$explodes java.util.List {:global? true})
    (declare-pstate mb $$tmp-counts java.util.List {:global? true})
    (declare-pstate mb2 $$two-phase Object {:global? true})
    (declare-pstate mb3 $$total Long {:global? true :initial-value 0})
    (<<sources mb
      (source> *rows :> %mb)
      (ops/current-task-id :> *root-task)
      (ops/current-microbatch-id :> *mb-id)
      (local-transform> [NIL->VECTOR AFTER-ELEM (termval [*root-task *mb-id])] $$roots)
      (<<batch (%mb :> *x) (|hash *x) (aggs/+count :> *c)
               (ops/current-task-id :> *t)
               (local-transform> [(keypath (long *t)) (termval *c)] $$per-task))
      (<<batch (%mb :> *x) (|global) (aggs/+count :> *c) (aggs/+vec-agg *x :> *all)
               (local-transform> (termval [*c (count *all)]) $$global))
      (<<batch (%mb :> *x) (|hash *x) (+compound $$by-key {*x (aggs/+count :new-val> *n)})
               (local-transform> [(keypath *x) (termval *n)] $$changed))
      (<<batch (%mb :> *x) (|hash *x) (local-select> (keypath *x) $$by-key :> *n)
               (|global) (aggs/+sum *n :> *total)
               (local-transform> (termval *total) $$block2))
      (<<batch (%mb :> *x) (|global) (materialize> *x :> $$rows))
      (<<batch ($$rows :> *y) (|global) (aggs/+count :> *n)
               (local-transform> [NIL->VECTOR AFTER-ELEM (termval *n)] $$tmp-counts))
      (source> *other :> %mb)
      (%mb :> *x)
      (|global)
      (local-transform> [NIL->VECTOR AFTER-ELEM (termval *x)] $$explodes)
      (%mb :> *again)
      (|global)
      (local-transform> [NIL->VECTOR AFTER-ELEM (termval [:again *again])] $$explodes))
    (<<sources mb2
      (source> *two :> %mb)
      (<<batch (%mb :> [*k *x]) (|global) (+recorded-sum *x :> *s)
               (local-transform> (termval *s) $$two-phase)))
    (<<sources mb3
      (source> *fails :> %mb)
      (ops/current-microbatch-id :> *mb-id)
      (<<batch (%mb :> *x) (fail-first-attempt! *mb-id *x) (|global) (aggs/+sum $$total *x)))))

(deftest s5-4-batch-blocks-and-microbatching
  (reset! combine-args [])
  (reset! mb-attempts [])
  (with-open [ipc (rtest/create-ipc {:in-memory? true})]
    (rtest/launch-module! ipc Batches {:tasks 4 :threads 2})
    (let [m (get-module-name Batches)
          depot #(foreign-depot ipc m %)
          ps #(foreign-pstate ipc m %)
          rows (vec (concat task-keys task-keys))]
      (rtest/pause-microbatch-topology! ipc m "mb")
      (doseq [k rows] (is (= {} (foreign-append! (depot "*rows") k)) "§5.5.2: an ACK append does not wait for microbatch topologies (this one is paused)"))
      (rtest/resume-microbatch-topology! ipc m "mb")
      (rtest/wait-for-microbatch-processed-count ipc m "mb" 8)
      (let [roots (foreign-select-one STAY (ps "$$roots"))]
        (is (= [[0 (second (first roots))]] roots)
            "§5.4.9 the root of a microbatch runs once, on task 0; §5.4.13 the records appended while paused form one microbatch"))
      (is (= [2 2 2 2] (for [t (range 4)] (foreign-select-one (keypath t) (ps "$$per-task") {:pkey (nth task-keys t)})))
          "§5.4.1: after |hash each task aggregates the rows it received")
      (is (= [8 8] (foreign-select-one STAY (ps "$$global"))) "§5.4.1: after |global all rows meet on one task: one aggregate")
      (is (= 2 (foreign-select-one (keypath (first task-keys)) (ps "$$changed")))
          "§5.4.3: :new-val> runs post-agg once per changed location with the key rebound and the new value")
      (is (= 16 (foreign-select-one STAY (ps "$$block2"))) "§5.4.8: a later batch block sees an earlier block's PState writes on all tasks")
      (foreign-append! (depot "*rows") "z")
      (rtest/wait-for-microbatch-processed-count ipc m "mb" 9)
      (is (= [8 1] (foreign-select-one STAY (ps "$$tmp-counts"))) "§5.4.7: a materialized temporary PState holds only the current microbatch's rows")
      (is (= 2 (count (foreign-select-one STAY (ps "$$roots")))) "§5.4.11: one root run per microbatch, in sequence")
      (is (apply < (map second (foreign-select-one STAY (ps "$$roots")))) "§5.4.11: microbatch ids increase")
      (foreign-append! (depot "*other") 5)
      (rtest/wait-for-microbatch-processed-count ipc m "mb" 10)
      (is (= [5 [:again 5]] (foreign-select-one STAY (ps "$$explodes"))) "§5.4.9: (%mb :> *x) may be called more than once (and a source need not call it)")
      (rtest/pause-microbatch-topology! ipc m "mb2")
      (doseq [x [1 2 4 8]] (foreign-append! (depot "*two") [(nth task-keys 1) x]))
      (rtest/resume-microbatch-topology! ipc m "mb2")
      (rtest/wait-for-microbatch-processed-count ipc m "mb2" 4)
      (is (= 15 (foreign-select-one STAY (ps "$$two-phase"))) "§5.6.5: a custom combiner sums the microbatch's rows")
      (is (some #(not (#{0 1 2 4 8} %)) @combine-args)
          (str "§5.4.5/§5.6.5: with only combiners the block aggregates in two phases (partial sums combined): " @combine-args))
      (rtest/pause-microbatch-topology! ipc m "mb3")
      (doseq [x [3 4]] (foreign-append! (depot "*fails") x))
      (rtest/resume-microbatch-topology! ipc m "mb3")
      (rtest/wait-for-microbatch-processed-count ipc m "mb3" 2)
      (is (= 7 (foreign-select-one STAY (ps "$$total"))) "§5.4.10: a failed attempt's writes are rolled back; the retry counts each record once")
      (is (= 1 (count (distinct (map first @mb-attempts)))) "§5.4.10: the retried attempt has the same microbatch id")
      (is (> (count @mb-attempts) 2) "§5.4.10: side effects outside PStates are not rolled back (the failed attempt's calls stay)"))))

(deftest s5-4-12-processed-count-sums-all-sources
  (with-open [ipc (rtest/create-ipc {:in-memory? true})]
    (let [M (module [setup topologies]
              (declare-depot setup *a :random)
              (declare-depot setup *b :random)
              (let [mb (microbatch-topology topologies "mb")]
                (declare-pstate mb $$sum Long {:global? true :initial-value 0})
                (<<sources mb
                  (source> *a :> %a)
                  (<<batch (%a :> *x) (|global) (aggs/+sum $$sum *x))
                  (source> *b :> %b)
                  (<<batch (%b :> *x) (|global) (aggs/+sum $$sum *x)))))]
      (rtest/launch-module! ipc M {:tasks 2 :threads 2})
      (let [m (get-module-name M)]
        (doseq [x [1 2]] (foreign-append! (foreign-depot ipc m "*a") x))
        (doseq [x [10 20 30]] (foreign-append! (foreign-depot ipc m "*b") x))
        (rtest/wait-for-microbatch-processed-count ipc m "mb" 5)
        (is (= 63 (foreign-select-one STAY (foreign-pstate ipc m "$$sum")))
            "§5.4.12: the processed count sums records over all sources, and their writes are committed when it returns")))))

(deftest s5-4-batch-language-rules
  (is (= [[0 0 [] nil nil nil]]
         (records (fn [record!]
                    (?<- (<<batch (ops/explode [] :> *v)
                                  (aggs/+count :> *c) (aggs/+sum *v :> *s) (aggs/+vec-agg *v :> *l)
                                  (aggs/+set-agg *v :> *st) (aggs/+map-agg *v *v :> *mp) (aggs/+last *v :> *lst)
                                  (record! [*c *s *l *st *mp *lst]))))))
      "§5.4.4: aggregators emit with zero rows: count 0, sum 0, vec [], set/map/last nil")
  (is (re-find #"unbound variable \*v|not in scope|\*v"
               (str (expansion-error '(?<- (<<batch (ops/explode [1 2] :> *v) (aggs/+count :> *c) (identity *v :> *w))))))
      "§5.4.2: post-agg code cannot use pre-agg variables")
  (is (re-find #"no possible joins"
               (str (expansion-error '(?<- (<<batch (ops/explode [1] :> *a) (gen>) (ops/explode [2] :> *b) (aggs/+count :> *c))))))
      "§5.4.6: sources sharing no variable cannot be joined"))

(deftest s5-6-aggregators
  (let [tp (rtest/create-test-pstate {String {String Long}})]
    (?<- (identity tp :> $$p) (+compound $$p {"a" {"b" (aggs/+sum 5)}}))
    (is (= {"a" {"b" 5}} (rtest/test-pstate-select-one STAY tp)) "§5.6.1: aggregators create missing nested locations")
    (is (thrown? Exception (?<- (identity tp :> $$p) (local-transform> [(keypath "x") (keypath "y") (term inc)] $$p)))
        "§5.6.1: path transforms do not initialize (inc of nil fails)")
    (?<- (identity tp :> $$p) (local-transform> [(keypath "x") (keypath "y") (nil->val 0) (term inc)] $$p))
    (is (= 1 (rtest/test-pstate-select-one [(keypath "x") (keypath "y")] tp)) "§5.6.1: nil->val supplies the starting value"))
  (let [tp (rtest/create-test-pstate Long)]
    (rtest/test-pstate-transform (termval 0) tp)
    (?<- (identity tp :> $$c) (ops/explode [:a :b :c] :> *x) (aggs/+count $$c))
    (is (= 3 (rtest/test-pstate-select-one STAY tp)) "§5.6.2: count into a top-level value PState"))
  (let [[c s mx l v st mp] (first (records (fn [record!]
                                            (?<- (<<batch (ops/explode [(int 3) (int 1)] :> *i)
                                                          (aggs/+count :> *c) (aggs/+sum *i :> *s) (aggs/+max *i :> *mx) (aggs/+last *i :> *l)
                                                          (aggs/+vec-agg *i :> *v) (aggs/+set-agg *i :> *st) (aggs/+map-agg *i *i :> *mp)
                                                          (record! [*c *s *mx *l *v *st *mp]))))))]
    (is (= [Long Long Integer Integer] (map class [c s mx l])) "§5.6.3/§5.16: count and sum of integers are Long; max and last keep the input type")
    (is (= [2 4 3 1] [c s mx l]))
    (is (and (vector? v) (set? st) (map? mp) (= [3 1] v) (= #{1 3} st) (= {3 3 1 1} mp)) "§5.6.3: vec-agg a vector, set-agg a set, map-agg a map"))
  (is (= [[["david" 350] ["alice" 200] ["bob" 150]]]
         (records (fn [record!]
                    (?<- (<<batch (ops/explode [["alice" 200] ["david" 100] ["bob" 150] ["carl" 50] ["david" 350]] :> *t)
                                  (aggs/+top-monotonic [3] *t :> *top :+options {:id-fn first :sort-val-fn second})
                                  (record! *top))))))
      "§5.6.4: top-monotonic keeps n, best first, and a later record of the same id replaces the earlier one")
  (is (= [[50 100 150]]
         (records (fn [record!]
                    (?<- (<<batch (ops/explode [200 100 150 50] :> *t)
                                  (aggs/+top-monotonic [3] *t :> *top :+options {:sort-type :ascending})
                                  (record! *top))))))
      "§5.6.4: :sort-type :ascending flips the order")
  (is (= [[1 2 3 4]] (records (fn [record!] (?<- (<<batch (ops/explode [1 2 3 4] :> *x) (+conj-acc *x :> *v) (record! *v))))))
      "§5.6.5: an accumulator sees the rows in sequence from (init-fn)")
  (is (= #{[:a 2 4] [:b 1 2]}
         (set (records (fn [record!]
                         (?<- (<<batch (ops/explode [[:a 1] [:b 2] [:a 3]] :> [*k *v])
                                       (+group-by *k (aggs/+count :> *c) (aggs/+sum *v :> *s))
                                       (record! [*k *c *s])))))))
      "§5.6.6: +group-by emits one row per group with the key and the outputs")
  (is (= [[0 40] [1 30]]
         (records (fn [record!]
                    (?<- (<<batch (ops/explode [10 40 20 30] :> *x)
                                  (aggs/+limit [2] *x :+options {:sort *x :reverse? true :index-var *i})
                                  (record! [*i *x]))))))
      "§5.6.7: +limit keeps n rows, sorted (reversed) with their index"))

;; ============================================================================ §5.7 PState data model, §5.16 typing

(deftest s5-7-pstate-data-model
  (let [tp (rtest/create-test-pstate {String Long})]
    (doseq [k ["c" "a" "b"]] (rtest/test-pstate-transform [(keypath k) (termval 1)] tp))
    (is (= ["a" "b" "c"] (rtest/test-pstate-select MAP-KEYS tp)) "§5.7.1: top-level maps are sorted")
    (is (= [["a" 1] ["b" 1] ["c" 1]] (rtest/test-pstate-select ALL tp)) "§5.7.7: ALL on a map yields [k v] pairs")
    (is (= ["a" 1 "b" 1 "c" 1] (rtest/test-pstate-select [ALL ALL] tp)) "§5.7.7: ALL ALL yields k then v")
    (is (instance? java.util.SortedMap (rtest/test-pstate-select-one (sorted-map-range "a" "c") tp)) "§5.7.2/§5.16: range results are SortedMaps")
    (is (sorted? (rtest/test-pstate-select-one (sorted-map-range "a" "c") tp)) "§5.7.2: range results are sorted maps")
    (is (= {"a" 1 "b" 1} (rtest/test-pstate-select-one (sorted-map-range "a" "c") tp)) "§5.7.2: sorted-map-range is [start, end)")
    (is (= {"b" 1} (rtest/test-pstate-select-one (sorted-map-range-to "c" 1) tp)) "§5.7.2: sorted-map-range-to with n gives the last n before end")
    (is (= {"a" 1 "b" 1} (rtest/test-pstate-select-one (sorted-map-range-from "a" 2) tp)) "§5.7.2: sorted-map-range-from with n is a max amount")
    (is (nil? (rtest/test-pstate-select-one (keypath "zz") tp)) "§5.7.6: select-one of a missing key is nil")
    (is (thrown? Exception (rtest/test-pstate-select-one MAP-VALS tp)) "§5.7.6: select-one of a path with several values is an error")
    (is (thrown? Exception (rtest/test-pstate-select-one (must "zz") tp)) "§5.7.6: select-one of a path with no value is an error")
    (is (thrown? Exception (?<- (identity tp :> $$p) (local-transform> [(keypath "bad") (termval "not a long")] $$p)))
        "§5.7.9: writes are checked against the schema")
    (is (nil? (rtest/test-pstate-select-one (keypath "bad") tp)) "§5.7.9: a rejected write writes nothing")
    (?<- (identity tp :> $$p) (local-transform> [(keypath "int") (termval (int 7))] $$p))
    (is (= Long (class (rtest/test-pstate-select-one (keypath "int") tp))) "§5.16: Floe's decision: an Integer written where Long is declared is stored as a Long (docs/dataflow.md)")
    (?<- (identity tp :> $$p) (local-transform> [MAP-VALS (pred= 7) NONE>] $$p))
    (is (= ["a" "b" "c"] (rtest/test-pstate-select MAP-KEYS tp)) "§5.7.7: NONE> after MAP-VALS removes entries"))
  (let [tp (rtest/create-test-pstate {String (map-schema Long String {:subindex? true})})]
    (doseq [k [30 -5 2 10]] (rtest/test-pstate-transform [(keypath "u") (keypath k) (termval (str k))] tp))
    (is (= [-5 2 10 30] (rtest/test-pstate-select [(keypath "u") MAP-KEYS] tp)) "§5.7.1: subindexed maps are sorted by key")
    (is (= [4 0] (first (records (fn [record!] (?<- (identity tp :> $$p)
                                                   (local-select> [(keypath "u") (view count)] $$p :> *a)
                                                   (local-select> [(keypath "none") (view count)] $$p :> *b)
                                                   (record! [*a *b]))))))
        "§5.7.3: the size of a subindexed map, 0 on a missing key")
    (rtest/test-pstate-transform [(keypath "u") NONE>] tp)
    (is (nil? (rtest/test-pstate-select-one (keypath "u") tp)) "§5.7.4: NONE> at its key deletes a subindexed map"))
  (let [tp (rtest/create-test-pstate {String (fixed-keys-schema {:name String :height Long})})]
    (rtest/test-pstate-transform [(keypath "bob") (termval {:name "bob"})] tp)
    (is (= {:name "bob"} (rtest/test-pstate-select-one (keypath "bob") tp)) "§5.7.5: unset fixed keys are absent")
    (rtest/test-pstate-transform [(keypath "bob") (multi-path [(keypath :height) (termval 180)])] tp)
    (is (= {:name "bob" :height 180} (rtest/test-pstate-select-one (keypath "bob") tp)) "§5.7.5: a field write merges")
    (rtest/test-pstate-transform [(keypath "bob") (termval {:height 170})] tp)
    (is (= {:height 170} (rtest/test-pstate-select-one (keypath "bob") tp)) "§5.7.5: termval of a record replaces it whole"))
  (let [tp (rtest/create-test-pstate {String Object})]
    (rtest/test-pstate-transform [(keypath "s") NONE-ELEM (termval 1)] tp)
    (rtest/test-pstate-transform [(keypath "l") AFTER-ELEM (termval 1)] tp)
    (is (= [#{1} [1]] [(rtest/test-pstate-select-one (keypath "s") tp) (rtest/test-pstate-select-one (keypath "l") tp)])
        "§5.7.6: NONE-ELEM / AFTER-ELEM on nil create the set / list")
    (is (= [nil 0 5] (first (records (fn [record!] (?<- (ops/vget nil :k :> *a) (ops/size nil :> *b) (identity tp :> $$p)
                                                          (local-select> [(keypath "zz") (nil->val 5)] $$p :> *c)
                                                          (record! [*a *b *c]))))))
        "§5.7.6: get of nil is nil, size of nil 0, nil->val substitutes"))
  (let [[sz t idx] (first (records (fn [record!] (?<- (ops/size [1 2] :> *s) (ops/current-task-id :> *t) (ops/explode-indexed [:a] :> *i _)
                                                      (record! [*s *t *i])))))]
    (is (= [Integer Integer Integer] (map class [sz t idx])) "§5.16: size, current-task-id and the explode-indexed index are Integers")))

;; ============================================================================ §5.9 proxies, §5.11 ticks, §5.12 queries, §5.14 task globals, §5.15 updates, §5.17 misc

(deftype TaskIdGlobal [^:volatile-mutable task]
  dev.floe.integration.TaskGlobalObject
  (prepareForTask [_ task-id _] (set! task task-id))
  (close [_] nil)
  clojure.lang.IDeref
  (deref [_] task)
  java.io.Serializable)

(def ^:private hash-by-threads "Threads the depot's hash-by function ran on." (atom #{}))
(defn- client-side-key [x] (swap! hash-by-threads conj (Thread/currentThread)) x)

(defn- runtime-module [extra-pstate?]
  (module {:module-name "S5Runtime"} [setup topologies]
    (declare-depot setup *in (hash-by client-side-key))
    (declare-tick-depot setup *tick 50)
    (declare-object setup *tg (TaskIdGlobal. -1))
    (let [s (stream-topology topologies "s")]
      (declare-pstate s $$counts {String Long})
      (declare-pstate s $$tg-ok {String Boolean})
      (declare-pstate s $$ticks java.util.Set {:global? true})
      (declare-pstate s $$secret {String Long} {:private? true})
      (when extra-pstate? (declare-pstate s $$extra {String Long}))
      (<<sources s
        (source> *in :> *k)
        (|hash *k)
        (+compound $$counts {*k (aggs/+count)})
        (ops/current-task-id :> *t)
        (local-transform> [(keypath *k) (termval (= (long *t) (long (deref *tg))))] $$tg-ok)
        (source> *tick)
        (ops/current-task-id :> *t)
        (local-transform> [NIL->SET NONE-ELEM (termval *t)] $$ticks)))
    (<<query-topology topologies "count" [*k :> *r]
      (|hash *k)
      (local-select> [(keypath *k) (nil->val 0)] $$counts :> *n)
      (|origin)
      (aggs/+sum *n :> *r))
    (<<query-topology topologies "none" [*k :> *r]
      (|hash *k)
      (filter> false)
      (|origin)
      (aggs/+count :> *r))
    (<<query-topology topologies "fib" [*n :> *r]
      (|origin)
      (<<if (< *n 2) (identity *n :> *r)
        (else>)
        (invoke-query "fib" (- *n 1) :> *a)
        (invoke-query "fib" (- *n 2) :> *b)
        (+ *a *b :> *r)))
    (<<query-topology topologies "tmp" [*k :> *r]
      (|hash *k)
      (local-select> STAY $$tmp$$ :> *before)
      (local-transform> (termval *k) $$tmp$$)
      (local-select> STAY $$tmp$$ :> *after)
      (|origin)
      (identity [*before *after] :> *r))))

(deftest s5-runtime-rules
  (reset! hash-by-threads #{})
  (with-open [ipc (rtest/create-ipc {:in-memory? true})]
    (rtest/launch-module! ipc (runtime-module false) {:tasks 4 :threads 2})
    (let [m "S5Runtime"
          in (foreign-depot ipc m "*in")
          counts (foreign-pstate ipc m "$$counts")
          changes (atom [])]
      (with-open [p (foreign-proxy (keypath "k") counts {:callback-fn (fn [n d o] (swap! changes conj [n (class d) o]))})]
        (foreign-append! in "k")
        (foreign-append! in "k")
        (Thread/sleep 100)
        (is (= 2 @p) "§5.9: a proxy holds the current value")
        (is (= [[1 nil] [2 1]] (mapv (fn [[n _ o]] [n o]) (filter #(some? (first %)) @changes)))
            "§5.9: the callback gets (new-val diff old-val) in commit order")
        (is (= :active (proxy-status p))))
      (is (= #{(Thread/currentThread)} @hash-by-threads) "§5.17: a depot's hash-by function runs on the client at append time")
      (is (every? true? (foreign-select (keypath "k") (foreign-pstate ipc m "$$tg-ok")))
          "§5.14: *tg is the instance prepared for the task the event is on (after |hash)")
      (is (= 2 (foreign-invoke-query (foreign-query ipc m "count") "k")) "§5.12: a query topology returns its output")
      (is (= 0 (foreign-invoke-query (foreign-query ipc m "none") "k")) "§5.12: aggregators fire with zero rows, so the result is bound")
      (is (= 55 (foreign-invoke-query (foreign-query ipc m "fib") 10)) "§5.12: invoke-query may recurse")
      (is (= [nil "a"] (foreign-invoke-query (foreign-query ipc m "tmp") "a")) "§5.12: $$<query>$$ starts nil for every invocation and is writable")
      (is (= [nil "b"] (foreign-invoke-query (foreign-query ipc m "tmp") "b")) "§5.12: it does not persist across invocations")
      (is (thrown? Exception (foreign-pstate ipc m "$$secret")) "§5.7.10: a private PState cannot be fetched by clients")
      (is (thrown? Exception (foreign-append! (foreign-depot ipc m "*tick") 1)) "§5.11: a tick depot cannot be appended to")
      (Thread/sleep 300)
      (is (= #{0} (foreign-select-one STAY (foreign-pstate ipc m "$$ticks"))) "§5.11: tick events run on task 0")
      (rtest/update-module! ipc (runtime-module true))
      (is (= 2 (foreign-select-one (keypath "k") counts)) "§5.15: PStates keep their data; clients made before the update keep working")
      (foreign-append! in "k")
      (is (= 3 (foreign-select-one (keypath "k") counts)) "§5.15: a stream topology resumes from its checkpoint (old records not reprocessed)")
      (is (every? true? (foreign-select (keypath "k") (foreign-pstate ipc m "$$tg-ok"))) "§5.14/§5.15: task globals are prepared anew after an update")
      (is (re-find #"\$\$extra"
                   (str (try (rtest/update-module! ipc (runtime-module false)) nil (catch Exception e (str (ex-message e) " " (some-> e ex-cause ex-message))))))
          "§5.15: a removed PState must be listed in the update options")
      (rtest/update-module! ipc (runtime-module false) {:objects-to-delete ["$$extra"]})
      (is (= 3 (foreign-select-one (keypath "k") counts)) "§5.15: an update listing the removed PState runs"))))

(deftest s5-12-query-rules
  (is (re-find #"read-only"
               (str (module-error (module [setup topologies]
                                    (declare-depot setup *d :random)
                                    (let [s (stream-topology topologies "s")]
                                      (declare-pstate s $$p {Long Long})
                                      (<<sources s (source> *d :> *x) (local-transform> [(keypath *x) (termval 1)] $$p)))
                                    (<<query-topology topologies "q" [*x :> *r]
                                      (|hash *x) (local-transform> [(keypath *x) (termval 2)] $$p) (|origin) (identity 1 :> *r))))))
      "§5.12: query topologies are read-only with respect to module PStates")
  (is (re-find #"must bind its output var \*r"
               (str (module-error (module [setup topologies]
                                    (<<query-topology topologies "q" [*x :> *r] (|origin) (identity 1 :> *other))))))
      "§5.12: the result variable must be bound"))

(deftest s5-13-yield-if-overtime
  (with-open [ipc (rtest/create-ipc {:in-memory? true :event-target-max-millis 1})]
    (let [M (module [setup topologies]
              (declare-depot setup *slow :random {:global? true})
              (declare-depot setup *fast :random {:global? true})
              (let [s (stream-topology topologies "s")]
                (declare-pstate s $$log java.util.List {:global? true})
                (<<sources s
                  (source> *slow :> *n)
                  (loop<- [*i 0 :> *done]
                    (<<if (< *i *n)
                      (local-transform> [NIL->VECTOR AFTER-ELEM (termval :slow)] $$log)
                      (Thread/sleep 2)
                      (yield-if-overtime)
                      (continue> (inc *i))
                      (else>)
                      (:> *i)))
                  (source> *fast :> *x)
                  (local-transform> [NIL->VECTOR AFTER-ELEM (termval :fast)] $$log))))]
      (rtest/launch-module! ipc M {:tasks 2 :threads 2})
      (let [m (get-module-name M)]
        (foreign-append! (foreign-depot ipc m "*slow") 50 :append-ack)
        (Thread/sleep 20)
        (foreign-append! (foreign-depot ipc m "*fast") 1)
        (let [log (foreign-select-one STAY (foreign-pstate ipc m "$$log"))]
          (is (< (count log) 50) "§5.13: the fast event finished while the yielding event was still running")
          (Thread/sleep 300)
          (let [final (foreign-select-one STAY (foreign-pstate ipc m "$$log"))
                i (.indexOf ^java.util.List final :fast)]
            (is (= 51 (count final)) "§5.13: the yielding event resumed and finished")
            (is (< 0 i 50) (str "§5.13: another event ran on the task between two slices of the long one (index " i ")"))))))))
