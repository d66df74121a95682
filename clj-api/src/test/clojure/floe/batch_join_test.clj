(ns floe.batch-join-test
  "The join point of a batch block's sources: the last source's code, from its first step that uses a
  variable of another source (a source started with gen>), runs on the joined rows (an inner join on
  the shared variables), before the aggregation if there is one, else once per joined row."
  (:require [clojure.test :refer [deftest is testing]]
            [floe.core :refer :all]
            [floe.path :refer :all :exclude [collect]]
            [floe.aggs :as aggs]
            [floe.ops :as ops]
            [floe.test :as rtest]))

(defn- collect
  "Runs dataflow that calls (record! value) and returns the values, in order."
  [f]
  (let [out (atom [])]
    (f (fn [v] (swap! out conj v) nil))
    @out))

(defn- compile-error
  "The message of the compile error running f, or nil."
  [f]
  (try (f) nil (catch dev.floe.FloeCompileException e (.getMessage e))))

(defgenerator totals-of [*pairs]
  (batch<- [*x *total]
    (ops/explode *pairs :> [*x *v])
    (+group-by *x (aggs/+sum *v :> *total))))

(deftest without-aggregation-the-code-after-the-join-runs-per-joined-row
  (is (= [[2 :b :z] :after]
         (collect (fn [record!]
                    (?<- (<<batch (ops/explode [[1 :a] [2 :b]] :> [*x *y])
                                  (gen>)
                                  (ops/explode [[2 :z] [3 :w]] :> [*x *c])
                                  (record! [*x *y *c]))
                         (record! :after)))))))

(deftest with-aggregation-the-rows-after-the-join-are-aggregated
  (is (= [[2 [[:b :z] [:b :z]]]]
         (collect (fn [record!]
                    (?<- (<<batch (ops/explode [[1 :a] [2 :b] [2 :bb]] :> [*x *y])
                                  (gen>)
                                  (ops/explode [[2 :z] [3 :w]] :> [*x *c])
                                  (vector *y *c :> *yc)
                                  (filter> (not= *y :bb))
                                  (ops/explode [1 2] :> *copy)
                                  (aggs/+count :> *n)
                                  (aggs/+vec-agg *yc :> *rows)
                                  (record! [*n *rows])))))))
  (is (= [[1 11] [2 92]]
         (sort (collect (fn [record!]
                          (?<- (<<batch (ops/explode [[1 10] [2 20] [2 21]] :> [*x *y])
                                        (gen>)
                                        (ops/explode [[1 1] [2 2] [2 3]] :> [*x *c])
                                        (+ *y *c :> *s)
                                        (+group-by *x (aggs/+sum *s :> *total))
                                        (record! [*x *total])))))))
      "group-by keys and aggregated values bound after the join"))

(deftest a-generator-after-gen-is-a-source-like-any-other
  (is (= [[2 :b 11]]
         (collect (fn [record!]
                    (?<- (<<batch (ops/explode [[1 :a] [2 :b]] :> [*x *y])
                                  (gen>)
                                  (totals-of [[2 5] [2 6] [3 1]] :> *x *t)
                                  (record! [*x *y *t])))))))
  (is (= [(+ (* 11 10) (* 1 100))]
         (collect (fn [record!]
                    (?<- (<<batch (totals-of [[2 5] [2 6] [3 1]] :> *x *t)
                                  (gen>)
                                  (ops/explode [[2 10] [3 100]] :> [*x *w])
                                  (* *t *w :> *weighted)
                                  (aggs/+sum *weighted :> *total)
                                  (record! *total))))))
      "the generator first, aggregation after the join")
  (is (= [[2 :b 11]]
         (collect (fn [record!]
                    (?<- (identity [[2 5] [2 6] [3 1]] :> *pairs)
                         (<<batch (ops/explode [[1 :a] [2 :b]] :> [*x *y])
                                  (gen>)
                                  (totals-of *pairs :> *x *t)
                                  (record! [*x *y *t]))))))
      "a variable bound before the block is not a join point"))

(deftest three-sources
  (is (= [["two" "y" true]]
         (collect (fn [record!]
                    (?<- (<<batch (ops/explode [[1 "one"] [2 "two"]] :> [*id *name])
                                  (gen>)
                                  (ops/explode [[1 "x"] [2 "y"]] :> [*id *tag])
                                  (gen>)
                                  (ops/explode [["y" true]] :> [*tag *flag])
                                  (record! [*name *tag *flag])))))))
  (is (= [(+ (* 10 2) (* 30 4))]
         (collect (fn [record!]
                    (?<- (<<batch (ops/explode [1 2 3] :> *id)
                                  (gen>)
                                  (ops/explode [[1 10] [3 30]] :> [*id *w])
                                  (gen>)
                                  (ops/explode [[1 2] [3 4]] :> [*id *m])
                                  (* *w *m :> *wm)
                                  (aggs/+sum *wm :> *total)
                                  (record! *total))))))))

(deftest steps-of-the-last-source-before-the-join-point-see-its-own-rows
  (is (= [[:own 2 :z] [:own 3 :w] [:joined :b]]
         (collect (fn [record!]
                    (?<- (<<batch (ops/explode [[2 :b]] :> [*x *y])
                                  (gen>)
                                  (ops/explode [[2 :z] [3 :w]] :> [*x *c])
                                  (record! [:own *x *c])
                                  (record! [:joined *y]))))))))

(deftest only-the-last-source-may-use-the-variables-of-the-others
  (let [m (compile-error #(?<- (<<batch (ops/explode [[1 :a]] :> [*x *y])
                                        (println *c)
                                        (gen>)
                                        (ops/explode [[1 :z]] :> [*x *c]))))]
    (is (re-find #"step each\(clojure:clojure.core/println \*c\)" m) m)
    (is (re-find #"unbound variable \*c: it comes from another source of this batch block \(source 2\)" m) m))
  (let [m (compile-error #(?<- (<<batch (ops/explode [1] :> *x)
                                        (gen>)
                                        (inc *x :> *y))))]
    (is (re-find #"unbound variable \*x: it comes from another source .* starts the last source" m) m))
  (let [m (compile-error #(?<- (<<batch (ops/explode [[1 :a]] :> [*x *y])
                                        (gen>)
                                        (ops/explode [[1 :z]] :> [*x *c])
                                        (println *y)
                                        (|global)
                                        (aggs/+count :> *n))))]
    (is (re-find #"partitioners are not allowed after the join" m) m)))

(defmodule JoinModule [setup topologies]
  (declare-depot setup *numbers :random)
  (let [mb (microbatch-topology topologies "mb")]
    (declare-pstate mb $$total {String Long} {:global? true})
    (<<sources mb
      (source> *numbers :> %mb)
      (<<batch
        (%mb :> *x)
        (* *x 10 :> *y)
        (|global)
        (gen>)
        (%mb :> *x)
        (* *x 100 :> *c)
        (|global)
        (+ *y *c :> *s)
        (+compound $$total {"all" (aggs/+sum *s)})))))

(deftest in-a-microbatch-topology
  (with-open [ipc (rtest/create-ipc)]
    (rtest/launch-module! ipc JoinModule {:tasks 4 :threads 2})
    (let [m (get-module-name JoinModule)
          d (foreign-depot ipc m "*numbers")]
      (doseq [n (range 1 21)] (foreign-append! d n))
      (rtest/wait-for-microbatch-processed-count ipc m "mb" 20)
      (is (= (* 110 210) (foreign-select-one (keypath "all") (foreign-pstate ipc m "$$total")))))))
