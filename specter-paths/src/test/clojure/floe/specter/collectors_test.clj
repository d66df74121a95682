(ns floe.specter.collectors-test
  "Value collection: VAL, collect, collect-one, putval, DISPENSE, with-fresh-collected,
  collected?, and how collected values reach select results and transform functions."
  (:require [clojure.test :refer [deftest is testing]]
            [floe.specter :refer :all]
            [floe.specter.test-support :refer [caught message-has?]]))

(set! *warn-on-reflection* true)

(deftest val-collects-the-current-value
  (is (= [[[0 1 2] 0] [[0 1 2] 1] [[0 1 2] 2]] (select [VAL ALL] [0 1 2])))
  (is (= [['(0 1 2) 0] ['(0 1 2) 1] ['(0 1 2) 2]] (select [VAL ALL] (range 3))))
  (is (= [[{:a 1} 1]] (select [VAL :a] {:a 1})))
  (is (= [[1 1]] (select [ALL VAL] [1])))
  (is (= {:a 2} (transform [:a VAL] + {:a 1})))
  (is (= {:a {:b 3}} (transform [:a VAL :b] (fn [m v] (+ (count m) v 1)) {:a {:b 1}}))))

(deftest collect-and-collect-one
  (is (= [[[0 1 2] [0 1 2] 0] [[0 1 2] [0 1 2] 1] [[0 1 2] [0 1 2] 2]]
         (select [(collect ALL) (collect ALL) ALL] (range 3))))
  (is (= [[0 0] [0 1] [0 2]] (select [(collect-one FIRST) ALL] (range 3))))
  (is (= [[[] 1]] (select [(collect ALL even?) ALL] [1])) "collect of nothing is []")
  (is (= [[nil 1]] (select [(collect-one ALL even?) ALL] [1])) "collect-one of nothing is nil")
  (is (message-has? (caught (select [(collect-one ALL) ALL] [1 2])) "More than one element"))
  (is (= {:a 11 :b 10} (transform [(collect-one :b) :a] + {:a 1 :b 10})))
  (is (= {:a [3 4] :b 2} (transform [(collect-one :b) :a ALL] + {:a [1 2] :b 2})))
  (is (= [[[1 2] 1 2]] (select [(collect [ALL]) (collect-one FIRST) LAST] [1 2])))
  (is (= [[9 nil nil]] (select [(putval 9) (collect-one :a)] nil))))

(deftest putval-semantics
  (is (= {:a 11 :b 3} (transform [:a (putval 10)] + {:a 1 :b 3})))
  (is (= [[:x 1]] (select [(putval :x) ALL] [1])))
  (is (= [[nil 1]] (select [(putval nil) ALL] [1])) "nil can be collected")
  (is (= [[:a :b 1]] (select [(putval :a) (putval :b) ALL] [1])))
  (is (= [[[1 2] 1]] (select [(putval [1 2]) ALL] [1])) "a vector is collected as one value"))

(deftest dispense-semantics
  (is (= [1 2] (select [(putval :x) ALL DISPENSE] [1 2])))
  (is (= (range 10) (transform [ALL VAL DISPENSE] + (range 10))))
  (is (= [[:y 1]] (select [(putval :x) DISPENSE (putval :y) ALL] [1])))
  (is (= [[1]] (select DISPENSE [1])) "nothing collected: a no-op"))

(deftest with-fresh-collected-semantics
  (is (= [[1 1] [1 2]] (select [(putval 1) (with-fresh-collected (putval 2) (collected? [v] (= v 2))) ALL] [1 2]))
      "the inner collection is discarded after the sub-path")
  (is (= [] (select [(putval 1) (with-fresh-collected (collected? [v] (= v 1))) ALL] [1 2]))
      "the sub-path starts with no collected values")
  (is (= [[:o 1]] (select [(putval :o) (with-fresh-collected (putval :i) ALL)] [1]))
      "navigation continues with the outer values restored")
  (is (= [11 12] (transform [(putval 10) (with-fresh-collected (putval 5) ALL)] + [1 2])))
  (is (= [2 3] (transform [(with-fresh-collected ALL)] inc [1 2]))))

(deftest collected?-semantics
  (is (= [[1 1]] (select [ALL VAL (collected? [v] (= v 1))] [1 2])))
  (is (= [] (select [ALL (collected? [v] (= v 1))] [1 2])) "nothing collected: v is nil")
  (is (= [[1 2 5]] (select [(putval 1) (putval 2) (collected? [a b] (< a b)) :k] {:k 5})))
  (is (= [] (select [(putval 2) (putval 1) (collected? [a b] (< a b)) :k] {:k 5})))
  (is (= [[1 2 5]] (select [(putval 1) (putval 2) (collected? v (= v [1 2])) :k] {:k 5}))
      "a symbol binds the whole vector")
  (is (= [5] (select [(collected? v (= v [])) :k] {:k 5})))
  (is (= [1 12] (transform [ALL (putval 10) (collected? [c] (= 10 c)) even?] + [1 2]))))

(deftest collected-values-in-nested-operations
  (testing "sub-paths of selected?, if-path and multi-path see the collected values"
    (is (= [[1 1]] (select [ALL VAL (selected? (collected? [v] (odd? v)))] [1 2])))
    (is (= [[2 2]] (select [ALL VAL (not-selected? (collected? [v] (odd? v)))] [1 2])))
    (is (= [[:c 1] [:c 2]] (select [(putval :c) (multi-path :a :b)] {:a 1 :b 2}))))
  (testing "subselect, transformed, traversed and collect start fresh"
    (is (= [[:c [1 2]]] (select [(putval :c) (subselect ALL)] [1 2])))
    (is (= [[:c [[:d 1]] [1]]] (select [(putval :c) (collect (putval :d) ALL)] [1])))
    (is (= [[:c 3]] (select [(putval :c) (traversed ALL +)] [1 2]))))
  (testing "vtransform receives the vector"
    (is (= [[[:c 1] 1]] (vtransform [ALL (putval :c) VAL] (fn [vs v] [vs v]) [1])))))
