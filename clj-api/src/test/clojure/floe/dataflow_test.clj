(ns floe.dataflow-test
  "The dataflow forms of floe.core, run with ?<- (no module) and on the in-process cluster."
  (:require [clojure.test :refer [deftest is testing]]
            [floe.core :refer :all]
            [floe.path :refer :all]
            [floe.aggs :as aggs]
            [floe.ops :as ops]
            [floe.test :as rtest])
  (:import [java.util.concurrent CompletableFuture]))

(defn- collect
  "Runs dataflow that ends by calling (record! value) and returns the values, in order."
  [f]
  (let [out (atom [])]
    (f (fn [v] (swap! out conj v) nil))
    @out))

(deftest calls-outputs-and-destructuring
  (is (= [[1 2 3]]
         (collect (fn [record!]
                    (?<- (identity [1 2] :> [*a *b])
                         (+ *a *b :> *c)
                         (record! [*a *b *c])))))
      "vector destructuring, collections with variables built per event")
  (is (= [["x" 1 {:k "x" :n 1}]]
         (collect (fn [record!]
                    (?<- (identity {:k "x" :n 1} :> {:keys [*k *n] :as *m})
                         (record! [*k *n *m]))))))
  (is (= ["8!"] (collect (fn [record!] (?<- (str (inc 7) "!" :> *s) (record! *s))))) "nested calls")
  (is (= [0 1 2] (collect (fn [record!] (?<- (ops/explode [0 1 2] :> *x) (record! *x))))) "an op emits many times")
  (is (= [[2 :even] [3 :odd]]
         (collect (fn [record!]
                    (?<- (ops/explode [2 3] :> *x)
                         (<<if (even? *x)
                           (identity :even :> *kind)
                           (else>)
                           (identity :odd :> *kind))
                         (record! [*x *kind])))))
      "<<if with else>: the branches join after it")
  (is (= [:small :medium :large]
         (collect (fn [record!]
                    (?<- (ops/explode [1 50 500] :> *x)
                         (<<cond
                           (case> (< *x 10)) (identity :small :> *size)
                           (case> (< *x 100)) (identity :medium :> *size)
                           (default>) (identity :large :> *size))
                         (record! *size))))))
  (is (= [1 3] (collect (fn [record!] (?<- (ops/explode [1 2 3 4] :> *x) (filter> (odd? *x)) (record! *x))))))
  (is (= [true] (collect (fn [record!] (?<- (or> false nil 1 :> *y) (record! (boolean *y)))))) "or> as an operation"))

(deftest loops
  (is (= [0 1 2 3 4]
         (collect (fn [record!]
                    (?<- (loop<- [*i 0 :> *v]
                           (<<if (< *i 5)
                             (:> *i)
                             (continue> (inc *i))))
                         (record! *v)))))))

(def ^:private split-numbers
  "An operation emitting numbers on the default stream and anything else on :err>."
  (reify dev.floe.ops.FloeOperation1
    (invoke [_ x collector]
      (if (number? x)
        (.emit ^dev.floe.ops.OutputCollector collector (object-array [x]))
        (.emitStream ^dev.floe.ops.OutputCollector collector "err" (object-array [x]))))))

(deftest named-streams-and-anchors
  (is (= [[:ok 1] [:err "bad"] [:ok 2]]
         (collect (fn [record!]
                    (?<- (ops/explode [1 "bad" 2] :> *x)
                         (split-numbers *x :> *n :err> <err> *e)
                         (identity [:ok *n] :> *r)
                         (anchor> <ok>)
                         (hook> <err>)
                         (identity [:err *e] :> *r)
                         (anchor> <bad>)
                         (unify> <ok> <bad>)
                         (record! *r)))))
      "a named output stream with an anchor, joined back with unify>")
  (is (= [[:ok 1] [:err "bad"]]
         (collect (fn [record!]
                    (?<- (ops/explode [1 "bad"] :> *x)
                         (<<if (number? *x)
                           (identity [:ok *x] :> *r)
                           (else>)
                           (identity [:err *x] :> *r))
                         (record! *r))))))
  (is (= [:a :b]
         (collect (fn [record!]
                    (?<- (anchor> <start>)
                         (identity :a :> *v)
                         (anchor> <a>)
                         (hook> <start>)
                         (identity :b :> *v)
                         (anchor> <b>)
                         (unify> <a> <b>)
                         (record! *v)))))))

(deftest batch-blocks-and-aggregation
  (is (= #{[:a 4] [:b 2]}
         (set (collect (fn [record!]
                         (?<- (<<batch
                                (ops/explode [[:a 1] [:b 2] [:a 3]] :> [*k *v])
                                (+group-by *k (aggs/+sum *v :> *total))
                                (record! [*k *total]))))))))
  (is (= [6] (collect (fn [record!]
                        (?<- (<<batch
                               (ops/explode [1 2 3] :> *v)
                               (aggs/+sum *v :> *s)
                               (record! *s))))))
      "an aggregator into a variable")
  (let [tp (rtest/create-test-pstate {clojure.lang.Keyword Long})]
    (?<- (identity tp :> $$counts)
         (ops/explode [:x :y :x] :> *w)
         (+compound $$counts {*w (aggs/+count)}))
    (is (= {:x 2 :y 1} (into {} (rtest/test-pstate-select-one STAY tp))))))

(deftest java-blocks-splice-in
  (is (= [10] (collect (fn [record!]
                         (?<- (identity 5 :> *x)
                              (java-macro! (.out (dev.floe.Block/each dev.floe.ops.Ops/TIMES_LONG "*x" 2) (into-array String ["*y"])))
                              (record! *y)))))))

;; ---------------------------------------------------------------------------- on a cluster

(defmodule Features [setup topologies]
  (declare-depot setup *in :random)
  (declare-depot setup *out :disallow)
  (let [s (stream-topology topologies "s")
        mb (microbatch-topology topologies "mb")]
    (declare-pstate s $$seen {Long Long})
    (declare-pstate mb $$total Long {:global? true :initial-value 0})
    (<<sources s
      (source> *in :> *x)
      (completable-future> (CompletableFuture/completedFuture (* 10 *x)) :> *y)
      (|custom (fn [n x] (mod x n)) *x)
      (ops/current-task-id :> *task)
      (filter> (= *task (mod *x 4)))
      (|hash *x)
      (local-transform> [(keypath *x) (termval *y)] $$seen)
      (invoke-query "doubled" *x :> *d)
      (depot-partition-append! *out *d)
      (ack-return> [*y *d]))
    (<<sources mb
      (source> *out :> %microbatch)
      (<<batch
        (%microbatch :> *d)
        (|global)
        (aggs/+sum $$total *d))))
  (<<query-topology topologies "doubled" [*x :> *r]
    (* 2 *x :> *r)
    (|origin))
  (<<query-topology topologies "seen" [*x :> *r]
    (|hash *x)
    (select> (keypath *x) $$seen :> *r)
    (|origin)))

(deftest features-on-the-cluster
  (with-open [ipc (rtest/create-ipc {:serialize-every-hop? true})]
    (rtest/launch-module! ipc Features {:tasks 4 :threads 2})
    (let [m (get-module-name Features)
          in (foreign-depot ipc m "*in")]
      (is (= {"s" [30 6]} (foreign-append! in 3)) "completable-future>, invoke-query and ack-return>")
      (foreign-append! in 4)
      (is (= 30 (foreign-select-one (keypath 3) (foreign-pstate ipc m "$$seen") {:pkey 3})))
      (is (= 40 (foreign-invoke-query (foreign-query ipc m "seen") 4)))
      (rtest/wait-for-microbatch-processed-count ipc m "mb" 2)
      (is (= 14 (foreign-select-one STAY (foreign-pstate ipc m "$$total")))
          "depot-partition-append! feeds the microbatch topology"))))

(deftest syntax-errors-name-the-form
  (let [e (try (eval '(floe.core/<<sources s (foo)))
               nil
               (catch Exception e e))]
    (is (some? e))
    (is (re-find #"<<sources starts with \(source>" (str (ex-message e) (some-> e ex-cause ex-message)))))
  (let [e (try (eval '(floe.core/?<- (identity 1 :> 42)))
               nil
               (catch Exception e e))]
    (is (re-find #"expected a dataflow variable" (str (ex-message e) (some-> e ex-cause ex-message)))))
  (let [e (try (eval '(floe.core/|hash 1)) nil (catch Exception e e))]
    (is (re-find #"only valid inside dataflow" (str (ex-message e) (some-> e ex-cause ex-message))))))

(deftest more-control-forms
  (is (= [[1 :odd] [2 :even]]
         (collect (fn [record!]
                    (?<- (ops/explode [1 2] :> *x)
                         (ifexpr (even? *x) :even :odd :> *kind)
                         (record! [*x *kind]))))))
  (is (= [10 2]
         (collect (fn [record!]
                    (?<- (ops/explode [1 2] :> *x)
                         (<<shadowif *x odd? 10)
                         (record! *x))))))
  (is (= [:one :two :many]
         (collect (fn [record!]
                    (?<- (ops/explode [1 2 3] :> *x)
                         (<<switch *x
                           (case> 1) (identity :one :> *w)
                           (case> 2) (identity :two :> *w)
                           (default>) (identity :many :> *w))
                         (record! *w))))))
  (is (= [3] (collect (fn [record!] (?<- (<<do (identity 1 :> *a) (identity 2 :> *b)) (+ *a *b :> *c) (record! *c))))))
  (is (= [7] (collect (fn [record!] (?<- ((fn [f] (f 6)) (fn [x] (inc x)) :> *y) (record! *y)))))
      "a fn form as an argument is a value")
  (let [e (try (eval '(floe.core/?<- (let [a 1] (identity a :> *b)))) nil (catch Exception e e))]
    (is (re-find #"let is a Clojure macro or special form" (str (ex-message e) (some-> e ex-cause ex-message)))))
  (is (thrown-with-msg? Exception #"too big"
                        (?<- (identity 5 :> *x) (assert! (< *x 3) "too big")))))
