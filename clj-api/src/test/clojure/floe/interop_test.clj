(ns floe.interop-test
  "RAMA-API.md §3.11/§3.13/§3.15 names added after the first pass: task-global handles
  (this-module-pobject-task-global, declared-object-task-global), <<with-substitutions,
  java-block<-, ramafn>, deployed-module-names/get-module-status, subset and INDEXED-VALS."
  (:require [clojure.test :refer [deftest is testing]]
            [floe.core :refer :all]
            [floe.path :refer :all :exclude [collect]]
            [floe.aggs :as aggs]
            [floe.ops :as ops]
            [floe.test :as rtest]))

(defn- expansion-error
  "The message of the error expanding form (in this namespace), or nil."
  [form]
  (try (binding [*ns* (the-ns 'floe.interop-test)] (macroexpand-1 form) nil)
       (catch clojure.lang.ExceptionInfo e (ex-message e))
       (catch clojure.lang.Compiler$CompilerException e (ex-message (or (ex-cause e) e)))))

;; ---------------------------------------------------------------------------- task globals, <<with-substitutions

;; operations defined outside any module body: they name the module's PState and object
(deframaop count-word [*w]
  (<<with-substitutions [$$counts (this-module-pobject-task-global "$$counts")]
    (local-transform> [(keypath *w) (nil->val 0) (term inc)] $$counts)
    (local-select> (keypath *w) $$counts :> *n)
    (:> *n)))

(deframafn word-count [*w]
  (<<with-substitutions [$$c (this-module-pobject-task-global "$$counts")]
    (local-select> [(keypath *w) (nil->val 0)] $$c :> *n)
    (:> *n)))

(defn- prefix-of-task
  "A plain Clojure function reading the task's declared object."
  [w]
  (str (declared-object-task-global "*prefix") w))

(defmodule TaskGlobals [setup topologies]
  (declare-depot setup *words (hash-by identity))
  (declare-object setup *prefix "w:")
  (let [s (stream-topology topologies "s")]
    (declare-pstate s $$counts {String Long})
    (declare-pstate s $$labels {String String})
    (<<sources s
      (source> *words :> *w)
      (count-word *w :> *n)
      (prefix-of-task *w :> *label)
      (local-transform> [(keypath *label) (termval (str *n))] $$labels)))
  (<<query-topology topologies "count-of" [*w :> *n]
    (|hash *w)
    (word-count *w :> *n)
    (|origin)))

(deftest task-global-handles-and-substitutions
  (with-open [ipc (rtest/create-ipc)]
    (rtest/launch-module! ipc TaskGlobals {:tasks 4 :threads 2})
    (let [m (get-module-name TaskGlobals)
          words (foreign-depot ipc m "*words")
          counts (foreign-pstate ipc m "$$counts")
          labels (foreign-pstate ipc m "$$labels")
          q (foreign-query ipc m "count-of")]
      (doseq [w ["a" "b" "a" "c" "a"]] (foreign-append! words w))
      (is (= 3 (foreign-select-one (keypath "a") counts)) "the deframaop wrote through the substituted handle")
      (is (= 1 (foreign-select-one (keypath "c") counts)))
      (is (= "3" (foreign-select-one (keypath "w:a") labels {:pkey "a"}))
          "declared-object-task-global read *prefix and the deframaop emitted the new count")
      (is (= 3 (foreign-invoke-query q "a")) "a deframafn reads through it in a query topology")
      (is (= 0 (foreign-invoke-query q "zzz"))))))

(deftest task-global-handles-outside-events
  (is (thrown-with-msg? IllegalStateException #"only available while dataflow code runs"
                        (this-module-pobject-task-global "$$counts")))
  (is (thrown-with-msg? IllegalStateException #"only available while dataflow code runs"
                        (declared-object-task-global "*prefix")))
  (is (thrown-with-msg? IllegalArgumentException #"takes the name of a PState"
                        (this-module-pobject-task-global "counts")))
  (is (thrown-with-msg? IllegalArgumentException #"takes the name of a task global"
                        (declared-object-task-global "$$counts"))))

(deftest with-substitutions-scope-and-values
  (testing "a substituted value variable, in scope in the body only"
    (let [out (atom [])]
      (?<- (identity 1 :> *x)
           (<<with-substitutions [*y (+ *x 10) *z (str "v" *x)]
             (swap! out conj [*y *z]))
           (swap! out conj [:after *x]))
      (is (= [[11 "v1"] [:after 1]] @out))))
  (testing "a PState object bound by substitution"
    (let [tp (rtest/create-test-pstate {Long Long})]
      (?<- (<<with-substitutions [$$p tp]
             (ops/explode [1 2] :> *k)
             (local-transform> [(keypath *k) (termval (* 10 *k))] $$p)))
      (is (= [10 20] (rtest/test-pstate-select MAP-VALS tp))))
    (let [tp (rtest/create-test-pstate Long)]
      (?<- (<<with-substitutions [$$p tp] (ops/explode [1 2 3] :> *v) (aggs/+sum $$p *v)))
      (is (= 6 (rtest/test-pstate-select-one STAY tp)) "an aggregator into the substituted PState")))
  (testing "malformed uses fail at expansion with the form, its line and what is expected"
    (doseq [[form re] [['(floe.core/?<- (floe.core/<<with-substitutions [$$p] (identity 1 :> *x))) #"pairs of a dataflow variable"]
                       ['(floe.core/?<- (floe.core/<<with-substitutions [p 1] (identity 1 :> *x))) #"p is not a dataflow variable"]
                       ['(floe.core/?<- (floe.core/<<with-substitutions ($$p 1) (identity 1 :> *x))) #"a vector of pairs"]
                       ['(floe.core/?<- (floe.core/<<with-substitutions [$$p 1])) #"there are no forms"]]]
      (let [msg (expansion-error (with-meta form {:line 42}))]
        (is (re-find re (str msg)) (pr-str form))
        (is (re-find #"<<with-substitutions" (str msg)) "names the form")))))

;; ---------------------------------------------------------------------------- java-block<-

(defn- twice
  "A 'Java helper': takes a Block and returns a Block running it twice (Java builder calls)."
  ^dev.floe.Block [^dev.floe.Block b]
  (-> (dev.floe.Block/create) (.macro b) (.macro b)))

(defmodule JavaBlocks [setup topologies]
  (declare-depot setup *xs :random)
  (let [s (stream-topology topologies "s")]
    (declare-pstate s $$sum Long {:global? true :initial-value 0})
    (<<sources s
      (source> *xs :> *x)
      (|global)
      (java-macro! (twice (java-block<- (aggs/+sum $$sum *x)))))))

(deftest java-block-from-clojure-dataflow
  (testing "a Block value with the forms' steps"
    (let [b (java-block<- (inc *x :> *y) (str *y "!" :> *s))]
      (is (instance? dev.floe.Block b))
      (is (= 2 (count (.toNodes ^dev.floe.builder.ChainSupport b))))))
  (testing "spliced back with java-macro!: variables resolve where it is spliced"
    (let [out (atom [])]
      (?<- (identity 41 :> *x)
           (java-macro! (java-block<- (inc *x :> *y) (str *y "!" :> *s)))
           (swap! out conj *s))
      (is (= ["42!"] @out))))
  (testing "passed to a Java helper taking a Block, in a module"
    (with-open [ipc (rtest/create-ipc)]
      (rtest/launch-module! ipc JavaBlocks {:tasks 2 :threads 2})
      (let [m (get-module-name JavaBlocks)]
        (foreign-append! (foreign-depot ipc m "*xs") 5)
        (foreign-append! (foreign-depot ipc m "*xs") 2)
        (is (= 14 (foreign-select-one STAY (foreign-pstate ipc m "$$sum"))) "each record added twice"))))
  (testing "malformed uses"
    (is (re-find #"expected \(java-block<- forms...\)" (str (expansion-error (with-meta '(floe.core/java-block<-) {:line 7})))))
    (is (re-find #":7" (str (expansion-error (with-meta '(floe.core/java-block<-) {:line 7})))) "with its line")
    (is (re-find #"else>" (str (expansion-error '(floe.core/java-block<- (floe.core/else>))))) "a form invalid in dataflow")))

;; ---------------------------------------------------------------------------- cluster introspection

(deftest deployed-modules-and-status
  (with-open [ipc (rtest/create-ipc)]
    (is (= #{} (deployed-module-names ipc)))
    (is (nil? (get-module-status ipc (get-module-name JavaBlocks))))
    (rtest/launch-module! ipc JavaBlocks {:tasks 2 :threads 1})
    (rtest/launch-module! ipc TaskGlobals {:tasks 2 :threads 1})
    (is (= #{(get-module-name JavaBlocks) (get-module-name TaskGlobals)} (deployed-module-names ipc)))
    (is (= {:module-name (get-module-name JavaBlocks) :status :running}
           (get-module-status ipc (get-module-name JavaBlocks))))
    (rtest/update-module! ipc JavaBlocks)
    (is (= :running (:status (get-module-status ipc (get-module-name JavaBlocks)))) "still running after an update")
    (rtest/destroy-module! ipc (get-module-name JavaBlocks))
    (is (= #{(get-module-name TaskGlobals)} (deployed-module-names ipc)))
    (is (nil? (get-module-status ipc (get-module-name JavaBlocks))) "destroyed")
    (is (thrown-with-msg? IllegalArgumentException #"takes a module name" (get-module-status ipc JavaBlocks)))))

;; ---------------------------------------------------------------------------- ramafn>

(deftest anonymous-ramafn
  (testing "in Clojure code: a function"
    (let [f (ramafn> [*a *b] (+ *a *b :> *s) (<<if (even? *s) (:> [:even *s]) (else>) (:> [:odd *s])))]
      (is (= [:even 4] (f 1 3)))
      (is (= [:odd 5] (f 2 3)))
      (is (= [3 4 5] (mapv (ramafn> [*x] (:> (inc *x))) [2 3 4])))
      (is (thrown-with-msg? IllegalArgumentException #"takes 2 argument" (f 1)))
      (is (thrown-with-msg? IllegalStateException #"emit exactly once"
                            ((ramafn> [*x] (ops/explode *x :> *y) (:> *y)) [1 2])))))
  (testing "recur> in its body"
    (is (= 120 ((ramafn> [*n *acc] (<<if (pos? *n) (recur> (dec *n) (* *acc *n)) (else>) (:> *acc))) 5 1))))
  (testing "in dataflow: an argument, closing over the event's variables"
    (let [out (atom [])]
      (?<- (identity 10 :> *n)
           (identity [1 2 3] :> *xs)
           (mapv (ramafn> [*x] (:> (+ *x *n))) *xs :> *ys)
           (swap! out conj *ys))
      (is (= [[11 12 13]] @out))))
  (testing "in a path on a PState, in a module"
    (with-open [ipc (rtest/create-ipc)]
      (let [M (module [setup topologies]
                (declare-depot setup *kvs (hash-by first))
                (let [s (stream-topology topologies "s")]
                  (declare-pstate s $$m {String Long})
                  (<<sources s
                    (source> *kvs :> [*k *v])
                    (local-transform> [(keypath *k) (nil->val 0) (term (ramafn> [*old] (:> (+ *old *v))))] $$m))))]
        (rtest/launch-module! ipc M {:tasks 2 :threads 1})
        (let [d (foreign-depot ipc (get-module-name M) "*kvs")]
          (foreign-append! d ["a" 2])
          (foreign-append! d ["a" 5])
          (is (= 7 (foreign-select-one (keypath "a") (foreign-pstate ipc (get-module-name M) "$$m"))))))))
  (testing "malformed uses"
    (let [msg (str (expansion-error (with-meta '(floe.core/ramafn> *x (:> *x)) {:line 9})))]
      (is (re-find #"expected \(ramafn> \[\*params\] forms" msg))
      (is (re-find #":9" msg)))
    (is (re-find #"there are no forms" (str (expansion-error '(floe.core/ramafn> [*x])))))
    (is (re-find #"ramafn>" (str (expansion-error '(floe.core/?<- (mapv (floe.core/ramafn> [x] (:> x)) [1] :> *y)))))
        "in dataflow too")))

;; ---------------------------------------------------------------------------- subset, INDEXED-VALS

(deftest subset-and-indexed-vals
  (testing "on plain data"
    (is (= [#{1 3}] (select (subset #{1 3 9}) #{1 2 3})))
    (is (= #{2 7} (setval (subset #{1 3}) #{7} #{1 2 3})))
    (is (= #{2} (transform (subset [1 3]) (constantly #{}) #{1 2 3})) "any collection of members")
    (is (= [[0 :a] [1 :b]] (select INDEXED-VALS [:a :b])))
    (is (= [:a :b :c] (transform [INDEXED-VALS (collect-one FIRST) LAST] (fn [_ v] v) [:a :b :c])))
    (is (= [:b :c :a] (transform INDEXED-VALS (fn [[i v]] (if (= v :a) [2 v] [i v])) [:a :b :c]))
        "changing an index moves the element")
    (is (= [10 1 2] (setval [INDEXED-VALS (selected? FIRST (pred= 0)) LAST] 10 [0 1 2])))
    (is (thrown-with-msg? IllegalArgumentException #"subset takes a collection" (subset 5))))
  (testing "in dataflow, members from variables"
    (let [out (atom [])]
      (?<- (identity 1 :> *a) (identity #{2 3} :> *s)
           (identity #{1 2 3 4} :> *set)
           (identity [:x :y] :> *v)
           (floe.path/select (subset #{*a 4}) *set :> *r1)
           (swap! out conj *r1)
           (floe.path/select (subset *s) *set :> *r2)
           (swap! out conj *r2))
      (is (= [[#{1 4}] [#{2 3}]] @out))))
  (testing "on PStates in a module, and in client reads"
    (with-open [ipc (rtest/create-ipc)]
      (let [M (module [setup topologies]
                (declare-depot setup *ops (hash-by first))
                (let [s (stream-topology topologies "s")]
                  (declare-pstate s $$tags {String #{String}})
                  (declare-pstate s $$lists {String [String]})
                  (<<sources s
                    (source> *ops :> [*k *op *x])
                    (<<cond
                      (case> (= *op :add))
                      (local-transform> [(keypath *k) NONE-ELEM (termval *x)] $$tags)
                      (local-transform> [(keypath *k) NIL->VECTOR AFTER-ELEM (termval *x)] $$lists)
                      (case> (= *op :drop))
                      (local-transform> [(keypath *k) (subset #{*x "zz"}) (termval #{})] $$tags)
                      (case> (= *op :upcase-first))
                      (local-transform> [(keypath *k) INDEXED-VALS (selected? FIRST (pred= 0)) LAST (term clojure.string/upper-case)]
                                        $$lists)))))
            mname (get-module-name M)]
        (rtest/launch-module! ipc M {:tasks 2 :threads 1})
        (let [d (foreign-depot ipc mname "*ops")
              tags (foreign-pstate ipc mname "$$tags")
              lists (foreign-pstate ipc mname "$$lists")]
          (doseq [x ["a" "b" "c"]] (foreign-append! d ["k" :add x]))
          (foreign-append! d ["k" :drop "b"])
          (foreign-append! d ["k" :upcase-first nil])
          (is (= #{"a" "c"} (foreign-select-one (keypath "k") tags)) "subset with a variable member, in a transform")
          (is (= #{"a"} (foreign-select-one [(keypath "k") (subset #{"a" "b"})] tags)) "subset in a client read")
          (is (= ["A" "b" "c"] (foreign-select-one (keypath "k") lists)) "INDEXED-VALS in a transform")
          (is (= [[1 "b"] [2 "c"]] (foreign-select [(keypath "k") INDEXED-VALS (selected? FIRST (pred> 0))] lists {:pkey "k"}))
              "INDEXED-VALS in a client read"))))))

;; ---------------------------------------------------------------------------- no reflection

(defn- reflection-warnings
  "What compiling form prints with *warn-on-reflection* on, in a fresh namespace using floe.core."
  [form]
  (let [err (java.io.StringWriter.)
        ns-sym (gensym "floe.reflection-probe")]
    (binding [*ns* (create-ns ns-sym)
              *warn-on-reflection* true
              *err* (java.io.PrintWriter. err true)]
      (refer-clojure)
      (refer 'floe.core)
      (refer 'floe.path)
      (alias 'ops 'floe.ops)
      (eval form))
    (remove-ns ns-sym)
    (str err)))

(deftest new-forms-expand-without-reflection
  (is (= "" (reflection-warnings
             '(do (deframaop probe-subst [*k]
                    (<<with-substitutions [$$p (this-module-pobject-task-global "$$p")]
                      (local-select> [(keypath *k) (subset #{*k}) INDEXED-VALS] $$p :> *v)
                      (:> *v)))
                  (fn [c] [(declared-object-task-global "*g") (deployed-module-names c) (get-module-status c "m")
                           (java-block<- (inc 1 :> *x))
                           ((ramafn> [*a] (:> *a)) 1)])
                  (fn [] (?<- (identity [1] :> *xs) (mapv (ramafn> [*x] (:> (inc *x))) *xs :> *ys))))))))
