(ns floe.forms-test
  "Rama's Clojure forms that close the gaps of issue 6: names normalised to the Java API's
  spelling, aggregators with parameters in Rama's order, reflection-free expansions, <<ramafn,
  <<ramaop, named streams and %self in operations, partitioners in deframaop, aggs/+limit,
  ops/random-uuid7."
  (:require [clojure.string :as str]
            [clojure.test :refer [deftest is testing]]
            [floe.core :refer :all]
            [floe.path :refer :all :exclude [collect]]
            [floe.aggs :as aggs]
            [floe.ops :as ops]
            [floe.test :as rtest]
            [floe.test-support :refer [collect expansion-error]])
  (:import [dev.floe Depot FloeModule FloeModule$Setup FloeModule$Topologies]
           [dev.floe.builder ModuleBuilder]
           [dev.floe.ir IrText]
           [dev.floe.ops FloeFunction1 Ops]))

;; ---------------------------------------------------------------------------- 1. names

(def ^:private split-numbers
  "An operation emitting numbers on the default stream and anything else on :err>."
  (reify dev.floe.ops.FloeOperation1
    (invoke [_ x collector]
      (if (number? x)
        (.emit ^dev.floe.ops.OutputCollector collector (object-array [x]))
        (.emitStream ^dev.floe.ops.OutputCollector collector "err" (object-array [x]))))))

(defmodule NamesClj {:module-name "names"} [setup topologies]
  (declare-depot setup *d :random)
  (let [mb (microbatch-topology topologies "mb")]
    (<<sources mb
      (source> *d :> %mb)
      (%mb :> *x)
      (anchor> <start>)
      (ops/identity> *x :> *y)
      (anchor> <a>)
      (hook> <start>)
      (ops/identity> *x :> *y)
      (anchor> <b>)
      (unify> <a> <b>))))

(def ^:private names-java
  "NamesClj written with the Java builder, in the Java API's own spelling (*mb, anchors a and b)."
  (reify FloeModule
    (getModuleName [_] "names")
    (define [_ setup topologies]
      (.declareDepot ^FloeModule$Setup setup "*d" (Depot/random))
      (let [mb (.microbatch ^FloeModule$Topologies topologies "mb")
            ^FloeFunction1 id Ops/IDENTITY
            strs (fn [& xs] (into-array String xs))]
        (-> (.source mb "*d") (.out (strs "*mb"))
            (.explodeMicrobatch "*mb") (.out (strs "*x"))
            (.anchor "start")
            (.each id "*x") (.out (strs "*y"))
            (.anchor "a")
            (.hook "start")
            (.each id "*x") (.out (strs "*y"))
            (.anchor "b")
            (.unify (strs "a" "b")))))))

(deftest names-are-normalised-to-the-java-spelling
  (let [clj (ModuleBuilder/define NamesClj)
        java (ModuleBuilder/define names-java)
        text (IrText/print clj)]
    (is (= java clj) "%mb is *mb and <a> is a in the IR, as a Java module writes them")
    (is (not (str/includes? text "%mb")))
    (is (not (str/includes? text "<a>"))))
  (testing "a named output stream's anchor is normalised too"
    (is (= [[:err "bad"]]
           (collect (fn [record!]
                      (?<- (ops/explode ["bad"] :> *x)
                           (split-numbers *x :> *n :err> <err> *e)
                           (hook> <err>)
                           (record! [:err *e])))))))
  (testing "anchor forms take anchors"
    (is (re-find #"expected an anchor such as <done>, got done"
                 (expansion-error '(?<- (identity 1 :> *a) (anchor> done)))))
    (is (re-find #"at least two anchors" (expansion-error '(?<- (identity 1 :> *a) (anchor> <a>) (unify> <a>)))))))

;; ---------------------------------------------------------------------------- 2. +top-monotonic in Rama's order

(deftest top-monotonic-takes-its-parameters-first
  (let [tp (rtest/create-test-pstate java.util.List)]
    (?<- (identity tp :> $$top)
         (ops/explode [[:a 5] [:b 9] [:c 7] [:a 6]] :> *e)
         (aggs/+top-monotonic [2] $$top *e :+options {:id-fn ops/first :sort-val-fn ops/last}))
    (is (= #{[:b 9] [:c 7]} (set (rtest/test-pstate-select-one STAY tp))) "(aggs/+top-monotonic [n] $$p *v :+options ...)"))
  (is (= [[[:b 9] [:c 7]]]
         (collect (fn [record!]
                    (?<- (<<batch
                           (ops/explode [[:a 5] [:b 9] [:c 7]] :> *e)
                           (aggs/+top-monotonic [2] *e :> *top :+options {:sort-val-fn ops/last})
                           (record! *top))))))
      "(aggs/+top-monotonic [n] *v :> *top :+options ...)")
  (is (= [[[:b 9] [:c 7]]]
         (collect (fn [record!]
                    (?<- (<<batch
                           (ops/explode [[:a 5] [:b 9] [:c 7]] :> *e)
                           (aggs/+top-monotonic [2] *e :+options {:sort-val-fn ops/last} :> *top)
                           (record! *top))))))
      ":+options may come before :>")
  (is (re-find #"the parameters come first" (expansion-error '(?<- (identity 1 :> *e) (aggs/+top-monotonic $$p *e))))
      "a missing parameter vector is an expansion error")
  (is (re-find #":\d+:\d+: expected \(aggs/\+top-monotonic" (expansion-error '(?<- (identity 1 :> *e) (aggs/+top-monotonic *e :> *t)))))
  (is (re-find #"not both" (expansion-error '(?<- (identity 1 :> *e) (aggs/+sum $$p *e :> *t)))))
  (is (re-find #":\+options followed by a map" (expansion-error '(?<- (identity 1 :> *e) (aggs/+top-monotonic [1] *e :> *t :+options))))))

;; ---------------------------------------------------------------------------- 3. no reflection

(def ^:private reflective-module
  '(defmodule ReflectionProbe [setup topologies]
     (declare-depot setup *in :random)
     (declare-tick-depot setup *tick 1000)
     (declare-object setup *obj 1)
     (let [s (stream-topology topologies "s")
           mb (microbatch-topology topologies "mb")]
       (declare-pstate s $$counts {String Long})
       (declare-pstate s $$total Long {:global? true :initial-value 0})
       (declare-pstate mb $$top java.util.List {:global? true})
       (<<sources s
         (source> *in :> *x)
         (|hash *x)
         (+compound $$counts {*x (aggs/+count)})
         (aggs/+sum $$total 1))
       (<<sources mb
         (source> *in :> %mb)
         (<<batch
           (%mb :> *x)
           (|global)
           (aggs/+top-monotonic [3] $$top *x :+options {:id-fn identity})))
       (<<sources mb
         (source> *tick)
         (<<batch
           (ops/explode [1 2 3] :> *v)
           (|global)
           (aggs/+limit [2] *v :+options {:sort *v})
           (aggs/+sum *v :> *s))))
     (<<query-topology topologies "q" [*k :> *r]
       (|hash *k)
       (local-select> (keypath *k) $$counts :> *c)
       (|origin)
       (+compound {:n (aggs/+sum *c)} :> *r))))

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
      (alias 'aggs 'floe.aggs)
      (alias 'ops 'floe.ops)
      (eval form))
    (remove-ns ns-sym)
    (str err)))

(deftest dataflow-expands-without-reflection
  (is (re-find #"Reflection warning" (reflection-warnings '(defn probe [x] (.length x))))
      "the probe sees reflection")
  (is (= "" (reflection-warnings reflective-module)))
  (is (= "" (reflection-warnings '(deframaop probe-op [*a $$p] (local-select> (keypath *a) $$p :> *v) (:> *v) (:other> *a)))))
  (is (= "" (reflection-warnings '(deframafn probe-fn [*a] (<<ramafn %f [*b] (:> (+ *a *b))) (%f 1 :> *r) (:> *r)))))
  (is (= "" (reflection-warnings '(deframafn probe-recur [*n] (<<if (pos? *n) (recur> (dec *n)) (else>) (:> *n)))))
      "recur>")
  (is (= "" (reflection-warnings
             '(do (defgenerator probe-gen [*xs] (batch<- [*x] (ops/explode *xs :> *x)))
                  (def +probe-max (combiner max :init-fn (constantly 0)))
                  (def +probe-acc (accumulator (fn [v] (term #(+ % v))) :init-fn (constantly 0)))
                  (fn [] (?<- (identity [1 2] :> *xs)
                              (<<batch (probe-gen *xs :> *x)
                                       (aggs/+avg *x :> *a)
                                       (+probe-max *x :> *m)
                                       (+probe-acc *x :> *s))
                              (ops/explode [1] :>> *w (identity *w :> *u))))
                  (fn [setup d p]
                    (set-launch-module-dynamic-option! setup "o" 1)
                    (set-launch-depot-dynamic-option! setup *d "o" 1)
                    (set-launch-pstate-dynamic-option! setup $$p "o" 1)
                    (set-launch-topology-dynamic-option! setup "t" "o" 1)
                    [(foreign-depot-read d 0 0 1) (foreign-depot-read-async d 0 0 1) (foreign-depot-partition-info d 0)
                     (foreign-depot-partition-info-async d 0) (foreign-object-info d) (value-schema Long)
                     (compiled-foreign-select-one (path STAY) p) (compiled-foreign-select STAY p {:pkey 1})]))))
      "defgenerator, combiner, accumulator, aggs/+avg, :>>, launch options and the new clients"))

;; ---------------------------------------------------------------------------- 4. <<ramafn, <<ramaop

(deftest anonymous-functions-close-over-variables
  (is (= [11 12]
         (collect (fn [record!]
                    (?<- (identity 10 :> *base)
                         (<<ramafn %add [*x] (:> (+ *base *x)))
                         (ops/explode [1 2] :> *i)
                         (%add *i :> *r)
                         (record! *r))))))
  (testing "a ramafn in a path (term %f) and as a Clojure function"
    (let [tp (rtest/create-test-pstate {String Long})]
      (?<- (identity tp :> $$p)
           (identity 5 :> *step)
           (<<ramafn %bump [*v] (:> (+ (or> *v 0) *step)))
           (local-transform> [(keypath "k") (term %bump)] $$p)
           (local-transform> [(keypath "k") (term %bump)] $$p)
           (mapv %bump [1 2] :> *direct)
           (reduce + *direct :> *sum)
           (local-transform> [(keypath "direct") (termval *sum)] $$p))
      (is (= 10 (rtest/test-pstate-select-one (keypath "k") tp)))
      (is (= 13 (rtest/test-pstate-select-one (keypath "direct") tp)))))
  (is (= [:called]
         (collect (fn [record!] (?<- (<<ramafn %f [] (:> :called)) (%f :> *v) (record! *v)))))
      "(%f :> *v) with no arguments calls a fragment bound by <<ramafn")
  (is (re-find #"fragment variable such as %f" (expansion-error '(?<- (<<ramafn *f [*x] (:> *x)))))))

(deftest anonymous-operations-emit-on-streams
  (is (= [[:small 1] [:small 2] [:big 30] [:small 3]]
         (collect (fn [record!]
                    (?<- (identity 10 :> *limit)
                         (<<ramaop %split [*xs]
                           (ops/explode *xs :> *x)
                           (<<if (< *x *limit)
                             (:> *x)
                             (else>)
                             (:big> *x)))
                         (%split [1 2 30 3] :> *s :big> <big> *b)
                         (identity [:small *s] :> *r)
                         (anchor> <small>)
                         (hook> <big>)
                         (identity [:big *b] :> *r)
                         (anchor> <bigs>)
                         (unify> <small> <bigs>)
                         (record! *r))))))
  (is (re-find #"only deframaop and <<ramaop emit on named streams"
               (expansion-error '(?<- (<<ramafn %f [*x] (:err> *x)))))))

;; ---------------------------------------------------------------------------- 4. deframaop streams, %self

(deframaop classify [*x]
  (<<if (number? *x)
    (:> *x)
    (else>)
    (:err> (str "not a number: " *x))))

(deframafn fact [*n]
  (<<if (<= *n 1)
    (:> 1)
    (else>)
    (%self (dec *n) :> *m)
    (:> (* *n *m))))

(deframaop countdown [*n]
  (:> *n)
  (<<if (pos? *n)
    (%self (dec *n) :> *m)
    (:> *m)))

(deftest operations-emit-on-named-streams-and-recur
  (is (= [[:ok 1] [:err "not a number: x"] [:ok 2]]
         (collect (fn [record!]
                    (?<- (ops/explode [1 "x" 2] :> *in)
                         (classify *in :> *n :err> <err> *msg)
                         (identity [:ok *n] :> *r)
                         (anchor> <ok>)
                         (hook> <err>)
                         (identity [:err *msg] :> *r)
                         (anchor> <bad>)
                         (unify> <ok> <bad>)
                         (record! *r))))))
  (is (thrown-with-msg? Exception #"operation emitted on stream 'err', which is not bound"
                        (?<- (ops/explode [1 "x" 2] :> *in) (classify *in :> *n)))
      "emitting on a stream the call does not bind is an error, as in Java")
  (is (= 120 (fact 5)) "%self in a deframafn")
  (is (= [6] (collect (fn [record!] (?<- (fact 3 :> *f) (record! *f))))))
  (is (= [3 2 1 0] (collect (fn [record!] (?<- (countdown 3 :> *i) (record! *i))))) "%self in a deframaop")
  (is (re-find #"takes 1 argument\(s\), got 2" (expansion-error '(?<- (classify 1 2 :> *n)))))
  (is (re-find #"a function emits once on :>" (expansion-error '(deframafn bad-fn [*x] (:err> *x)))))
  (is (re-find #"expected a vector of parameters" (expansion-error '(deframaop bad-op (*x) (:> *x))))))

;; ---------------------------------------------------------------------------- 4. partitioners in deframaop

(deframaop count-on-owner [$$counts *k]
  (|hash *k)
  (ops/current-task-id :> *task)
  (local-select> [(keypath *k) (nil->val 0)] $$counts :> *old)
  (inc *old :> *new)
  (local-transform> [(keypath *k) (termval *new)] $$counts)
  (<<if (= 1 *new)
    (:first> *k)
    (else>)
    (:> *new *task)))

(defmodule OpsWithPartitioners [setup topologies]
  (declare-depot setup *keys :random)
  (let [s (stream-topology topologies "s")]
    (declare-pstate s $$counts {String Long})
    (declare-pstate s $$seen {String Long})
    (<<sources s
      (source> *keys :> *k)
      (count-on-owner $$counts *k :> *n *task :first> <first> *f)
      (ack-return> [:again *n (= *task (ops/current-task-id))])
      (hook> <first>)
      (|hash *f)
      (local-transform> [(keypath *f) (termval 1)] $$seen)
      (ack-return> [:first *f]))
    (<<query-topology topologies "depth" [*n :> *r]
      (<<if (<= *n 0)
        (identity 0 :> *r)
        (else>)
        (%self (dec *n) :> *d)
        (inc *d :> *r))
      (|origin))))

(deftest operations-with-partitioners-run-in-the-calling-topology
  (with-open [ipc (rtest/create-ipc)]
    (rtest/launch-module! ipc OpsWithPartitioners {:tasks 4 :threads 2})
    (let [m (get-module-name OpsWithPartitioners)
          d (foreign-depot ipc m "*keys")
          counts (foreign-pstate ipc m "$$counts")]
      (doseq [k (rtest/gen-hashing-index-keys 4)]
        (is (= {"s" [:first k]} (foreign-append! d k)) "the :first> stream, then a partitioner after the call")
        (is (= 1 (foreign-select-one (keypath k) (foreign-pstate ipc m "$$seen")))))
      (let [k (first (rtest/gen-hashing-index-keys 4))]
        (is (= {"s" [:again 2 true]} (foreign-append! d k)) ":> binds several values; the call continues on the key's task")
        (is (= 2 (foreign-select-one (keypath k) counts))))
      (is (= 3 (foreign-invoke-query (foreign-query ipc m "depth") 3)) "%self in a query topology")))
  (is (re-find #"cannot call %self"
               (expansion-error '(deframaop bad-recursive [*k] (|hash *k) (%self *k :> *x) (:> *x))))))

;; ---------------------------------------------------------------------------- 4. aggs/+limit, ops/random-uuid7

(deftest limit-keeps-n-rows
  (is (= [[1 0] [2 1]]
         (collect (fn [record!]
                    (?<- (<<batch
                           (ops/explode [5 1 4 2] :> *v)
                           (aggs/+limit [2] *v :+options {:sort *v :index-var *i})
                           (record! [*v *i])))))))
  (is (= [5 4]
         (collect (fn [record!]
                    (?<- (identity 2 :> *n)
                         (<<batch
                           (ops/explode [5 1 4 2] :> *v)
                           (aggs/+limit [*n] *v :+options {:sort *v :reverse? true})
                           (record! *v))))))
      "the amount may be a variable; :reverse? keeps the largest")
  (is (= 3 (count (collect (fn [record!]
                             (?<- (<<batch
                                    (ops/explode [[:a 1] [:b 2] [:c 3] [:d 4]] :> [*k *x])
                                    (aggs/+limit [3] *k *x)
                                    (record! [*k *x]))))))))
  (is (re-find #"unknown \+limit options" (expansion-error '(?<- (identity 1 :> *v) (<<batch (aggs/+limit [1] *v :+options {:sorted *v}))))))
  (is (re-find #"expected \(aggs/\+limit \[n\]" (expansion-error '(?<- (identity 1 :> *v) (<<batch (aggs/+limit 1 *v)))))))

(deftest random-uuid7-is-time-ordered
  (let [a (ops/random-uuid7)
        _ (Thread/sleep 2)
        b (ops/random-uuid7)]
    (is (= 7 (.version a)))
    (is (= 2 (.variant a)))
    (is (neg? (compare (.getMostSignificantBits a) (.getMostSignificantBits b))))
    (is (= 1 (count (collect (fn [record!] (?<- (ops/random-uuid7 :> *id) (record! *id)))))))))
