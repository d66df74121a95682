(ns floe.nested-test
  "Nested expressions in every argument position of dataflow code are evaluated per event
  (RAMA-API.md §3.4 / §5.1): op arguments, aggregator arguments, +compound keys and aggregators,
  +group-by keys, path navigator arguments and path elements, partitioner arguments, ifexpr,
  filter>, <<if, <<cond, <<shadowif, and an operation computed per event. Before this was fixed,
  the positions built when the module is defined (aggregators, templates, paths) evaluated a
  nested expression once, with the dataflow variables replaced by their names: (count *w) was 2."
  (:require [clojure.test :refer [deftest is testing]]
            [floe.core :refer :all]
            [floe.path :refer :all :exclude [collect]]
            [floe.aggs :as aggs]
            [floe.ops :as ops]
            [floe.test :as rtest]
            [floe.test-support :refer [collect expansion-error]]))

(defn- user-path "A path built from a key per event (a function, not a navigator)." [k] [(keypath (str k "!"))])

;; ---------------------------------------------------------------------------- aggregators

(deftest aggregator-arguments-are-evaluated-per-event
  (testing "into a PState: (aggs/+sum $$p (count *w))"
    (let [tp (rtest/create-test-pstate Long)]
      (?<- (identity tp :> $$p)
           (ops/explode ["abc" "de" "fghij"] :> *w)
           (aggs/+sum $$p (count *w)))
      (is (= 10 (rtest/test-pstate-select-one STAY tp)) "3 + 2 + 5, not 2 + 2 + 2 (the length of \"*w\")")))
  (testing "into variables in a batch block, consecutive aggregators with nested arguments"
    (is (= [[10 "fghij!" 5]]
           (collect (fn [record!]
                      (?<- (<<batch
                             (ops/explode ["abc" "de" "fghij"] :> *w)
                             (aggs/+sum (count *w) :> *total)
                             (aggs/+last (str *w "!") :> *last)
                             (aggs/+max (count *w) :> *longest)
                             (record! [*total *last *longest]))))))))
  (testing "aggs/+avg"
    (is (= [(/ 10.0 3)]
           (collect (fn [record!]
                      (?<- (<<batch (ops/explode ["abc" "de" "fghij"] :> *w)
                                    (aggs/+avg (count *w) :> *avg)
                                    (record! *avg))))))))
  (testing "+group-by keys and the aggregators inside it"
    (is (= #{["abc!" "xyz!"] ["de!"]}
           (set (collect (fn [record!]
                           (?<- (<<batch (ops/explode ["abc" "de" "xyz"] :> *w)
                                         (+group-by (count *w)
                                           (aggs/+vec-agg (str *w "!") :> *ws))
                                         (record! *ws))))))))))

(deftest compound-templates-evaluate-keys-and-arguments-per-event
  (let [tp (rtest/create-test-pstate {String {Object Long}})]
    (?<- (identity tp :> $$p)
         (ops/explode ["abc" "de" "xyz" "fghij"] :> *w)
         (+compound $$p {(subs *w 0 1) {(count *w) (aggs/+sum (inc (count *w)))}}))
    (is (= {"a" {3 4} "d" {2 3} "x" {3 4} "f" {5 6}} (rtest/test-pstate-select-one STAY tp))))
  (testing "into a variable in a batch block"
    (is (= [{3 2 2 1}]
           (collect (fn [record!]
                      (?<- (<<batch (ops/explode ["abc" "de" "xyz"] :> *w)
                                    (+compound {(count *w) (aggs/+count)} :> *m)
                                    (record! *m)))))))))

;; ---------------------------------------------------------------------------- paths

(deftest navigator-arguments-are-evaluated-per-event
  (let [tp (rtest/create-test-pstate {String Object})]
    (?<- (identity tp :> $$p)
         (ops/explode ["abc" "de"] :> *w)
         (local-transform> [(keypath (str *w "-k")) (termval (str *w "x"))] $$p)
         (local-transform> [(keypath (str *w "-n")) (nil->val (count *w)) (term + (count *w))] $$p)
         (local-transform> [(keypath (str *w "-v")) (termval [*w (count *w)])] $$p))
    (is (= {"abc-k" "abcx" "de-k" "dex" "abc-n" 6 "de-n" 4 "abc-v" ["abc" 3] "de-v" ["de" 2]}
           (rtest/test-pstate-select-one STAY tp))
        "keypath, termval, nil->val and term arguments, and a vector of variables (a value, not names)"))
  (testing "select paths: view, pred, srange, submap, sub-paths"
    (let [tp (rtest/create-test-pstate {String Object})]
      (rtest/test-pstate-transform [(keypath "l") (termval [1 2 3 4 5])] tp)
      (rtest/test-pstate-transform [(keypath "m") (termval {1 :a 2 :b 3 :c})] tp)
      (is (= [[[3 4] 16 [5] {2 :b 3 :c} [1 2 3 4 5] "hello"]]
             (collect (fn [record!]
                        (?<- (identity tp :> $$p)
                             (identity 2 :> *n)
                             (local-select> [(keypath "l") (srange *n (+ *n 2))] $$p :> *a)
                             (local-select> [(keypath "l") (view (partial reduce +) ) (view + (dec *n))] $$p :> *b)
                             (local-select> [(keypath "l") (subselect ALL (pred > (+ *n *n)))] $$p :> *c)
                             (local-select> [(keypath "m") (submap [*n (inc *n)])] $$p :> *d)
                             (local-select> [(multi-path [(keypath (str "l" (subs "x" 0 (- *n 2))))])] $$p :> *e)
                             (local-select> [(if-path (must (str "zz" *n)) STAY (view (constantly (str "hello" (subs "" 0 (- *n 2))))))]
                                            $$p :> *f)
                             (record! [*a *b *c *d *e *f]))))))))
  (testing "sorted range bounds and options"
    (let [tp (rtest/create-test-pstate {Long Long})]
      (?<- (identity tp :> $$p)
           (ops/explode [1 2 3 4 5] :> *k)
           (local-transform> [(keypath *k) (termval (* 10 *k))] $$p))
      (is (= [[{3 30} {1 10 2 20} {1 10 2 20 3 30 4 40} {3 30 5 50} {1 10 2 20} {4 40}]]
             (collect (fn [record!]
                        (?<- (identity tp :> $$p)
                             (identity 2 :> *n)
                             (identity {:max-amt 2} :> *opts)
                             (identity [1 2] :> *ks)
                             (local-select> (sorted-map-range-from (inc *n) {:max-amt (dec *n)}) $$p :> *a)
                             (local-select> (sorted-map-range-from 1 *opts) $$p :> *b)
                             (local-select> (sorted-map-range 1 (+ *n 2) {:inclusive-end? true}) $$p :> *c)
                             (local-select> (submap [(inc *n) 5]) $$p :> *d)
                             (local-select> (submap *ks) $$p :> *e)
                             (local-select> (sorted-map-range-to (+ *n 3) {:max-amt (dec *n)}) $$p :> *f)
                             (record! [*a *b *c *d *e *f]))))))))
  (testing "a path element computed from variables is built per event"
    (let [tp (rtest/create-test-pstate {String String})]
      (?<- (identity tp :> $$p)
           (ops/explode ["abc" "*de"] :> *w)
           (local-transform> [(user-path *w) (termval *w)] $$p))
      (is (= {"abc!" "abc" "*de!" "*de"} (rtest/test-pstate-select-one STAY tp))
          "a computed key that looks like a variable name (\"*de!\") is a value"))))

;; ---------------------------------------------------------------------------- ops, conditions, partitioners

(deftest op-arguments-and-conditions-are-evaluated-per-event
  (is (= [[3 "abc?" true] [2 "de!" false]]
         (collect (fn [record!]
                    (?<- (ops/explode ["abc" "de"] :> *w)
                         (ifexpr (= 3 (count *w)) (str *w "?") (str *w "!") :> *s)
                         (record! [(count *w) *s (odd? (count *w))]))))))
  (is (= ["abc"] (collect (fn [record!] (?<- (ops/explode ["abc" "de"] :> *w) (filter> (= 3 (count *w))) (record! *w))))))
  (is (= [[:long "abc"] [:short "de"]]
         (collect (fn [record!]
                    (?<- (ops/explode ["abc" "de"] :> *w)
                         (<<if (> (count *w) 2) (identity :long :> *k) (else>) (identity :short :> *k))
                         (record! [*k *w]))))))
  (is (= [:three :other]
         (collect (fn [record!]
                    (?<- (ops/explode ["abc" "de"] :> *w)
                         (<<cond (case> (= 3 (count *w))) (record! :three) (default>) (record! :other)))))))
  (is (= [0 5] (collect (fn [record!]
                          (?<- (ops/explode [7 5] :> *n) (identity 6 :> *lim)
                               (<<shadowif *n (partial < (dec *lim)) 0)
                               (record! *n)))))
      "<<shadowif's predicate may use variables")
  (is (= [4 1] (collect (fn [record!]
                          (?<- (ops/explode [3 2] :> *n)
                               ((get {true inc false dec} (odd? *n)) *n :> *v)
                               (record! *v)))))
      "an operation computed per event: ((f *x) args :> *v)")
  (is (= [4 1] (collect (fn [record!]
                          (?<- (ops/explode [3 2] :> *n)
                               (record! ((get {true inc false dec} (odd? *n)) *n))))))
      "a function computed per event in an argument"))

(defn- mod-partition "A custom partitioner: the key modulo the number of partitions." [n k] (mod k n))

(defmodule NestedPartitioners [setup topologies]
  (declare-depot setup *words :random)
  (let [s (stream-topology topologies "s")]
    (declare-pstate s $$by-length {Long java.util.List})
    (declare-pstate s $$tasks {String Long})
    (<<sources s
      (source> *words :> *w)
      (|hash (long (count *w)))
      (local-transform> [(keypath (long (count *w))) NIL->VECTOR AFTER-ELEM (termval (str *w "!"))] $$by-length)
      (|custom mod-partition (inc (count *w)))
      (ops/current-task-id :> *task)
      (|hash *w)
      (local-transform> [(keypath *w) (termval (long *task))] $$tasks))))

(deftest partitioner-arguments-are-evaluated-per-event
  (with-open [ipc (rtest/create-ipc)]
    (rtest/launch-module! ipc NestedPartitioners {:tasks 4 :threads 2})
    (let [m (get-module-name NestedPartitioners)
          d (foreign-depot ipc m "*words")
          by-length (foreign-pstate ipc m "$$by-length")
          tasks (foreign-pstate ipc m "$$tasks")]
      (doseq [w ["a" "bb" "ccc" "dddd" "eeeee" "ff"]] (foreign-append! d w))
      (is (= ["bb!" "ff!"] (foreign-select-one (keypath 2) by-length))
          "(|hash (long (count *w))) routes to the task of the key, where the path writes")
      (is (= ["ccc!"] (foreign-select-one (keypath 3) by-length)))
      (doseq [w ["a" "bb" "ccc" "dddd" "eeeee"]]
        (is (= (mod (inc (count w)) 4) (foreign-select-one (keypath w) tasks))
            "(|custom f (inc (count *w))) gets the value per event")))))

;; ---------------------------------------------------------------------------- what cannot be evaluated per event

(deftest values-fixed-at-definition-reject-variables
  (is (re-find #":\d+:\d+: the :\+options of aggs/\+top-monotonic are fixed when the module is defined"
               (expansion-error '(?<- (identity 1 :> *v) (aggs/+top-monotonic [2] *v :> *t :+options {:sort-val-fn (partial + *v)})))))
  (is (re-find #"the partitioning function of \|custom is fixed"
               (expansion-error '(?<- (identity 1 :> *v) (|custom (partial + *v) *v)))))
  (is (re-find #"the options of local-select> are fixed"
               (expansion-error '(?<- (identity 1 :> *v) (local-select> STAY $$p {:allow-yield? *v} :> *x)))))
  (is (re-find #"the parameters of aggs/\+top-monotonic"
               (expansion-error '(?<- (identity 1 :> *v) (+compound {*v (aggs/+top-monotonic [*v] *v)} :> *m)))))
  (is (re-find #"fn\* is a Clojure macro or special form: it cannot use dataflow variables"
               (expansion-error '(?<- (identity 1 :> *v) (local-select> [(keypath :a) (term #(+ % *v))] $$p :> *x))))
      "a closure in a path: use (term + *v) or a <<ramafn")
  (is (re-find #"expected \(\+group-by \*k"
               (expansion-error '(?<- (identity 1 :> *v) (<<batch (+group-by "k" (aggs/+count :> *c)))))))
  (is (re-find #"expected \(local-transform> path \$\$pstate\)"
               (expansion-error '(?<- (identity 1 :> *v) (local-transform> [(termval 1)] *v))))))
