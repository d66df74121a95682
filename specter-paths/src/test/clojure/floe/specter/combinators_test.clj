(ns floe.specter.combinators-test
  "Branching and composite navigators: if-path, cond-path, multi-path, stay-then-continue,
  continue-then-stay, selected?, not-selected?, subselect, filterer, transformed, traversed,
  compact, walker, codewalker, eachnav."
  (:require [clojure.test :refer [deftest is testing are]]
            [floe.specter :refer :all]
            [floe.specter.test-support :refer [caught message-has?]]))

(set! *warn-on-reflection* true)

(deftest if-path-semantics
  (is (= [1] (select (if-path odd? STAY) 1)))
  (is (= [] (select (if-path even? STAY) 1)) "the default else is STOP")
  (is (= [2] (select (if-path even? STAY (view inc)) 1)))
  (is (= [1] (select (if-path [:a even?] :b :c) {:a 2 :b 1 :c 0})) "a path as the condition")
  (is (= [0] (select (if-path [:a even?] :b :c) {:a 3 :b 1 :c 0})))
  (is (= {:a 2 :b 2 :c 0} (transform (if-path [:a even?] :b :c) inc {:a 2 :b 1 :c 0})))
  (is (= {:a 3 :b 1 :c 1} (transform (if-path [:a even?] :b :c) inc {:a 3 :b 1 :c 0})))
  (is (= 1 (transform (if-path even? (view inc)) dec 1)) "no else: unchanged")
  (is (= [[1 :x]] (select [(putval 1) (if-path (collected? [v] (= v 1)) (view (constantly :x)))] 0))
      "collected values reach the condition")
  (is (= [[1 5]] (select [(putval 1) (if-path :a :a)] {:a 5})) "and the chosen branch")
  (is (= [1 3] (select [ALL (if-path even? STOP STAY)] [1 2 3]))))

(deftest cond-path-semantics
  (let [p (cond-path even? (view inc) #(> % 4) (view dec))]
    (is (= [3] (select p 2)))
    (is (= [6] (select p 7)))
    (is (= [] (select p 3)) "no condition matches: nothing")
    (is (= 3 (transform p identity 3))))
  (is (= [:a :b] (select [ALL (cond-path (must :a) :a (must :b) :b)] [{:a :a} {:b :b} {:c :c}])))
  (is (= [] (select (cond-path) 1)))
  (is (= [1] (select (cond-path odd? STAY even?) 1)) "an odd trailing argument is ignored")
  (is (= [] (select (cond-path even? STAY odd?) 1))))

(deftest multi-path-semantics
  (is (= [0 1] (select (multi-path :a :b) {:a 0 :b 1 :c 2})))
  (is (= [1 1] (select (multi-path :a :a) {:a 1})) "no de-duplication")
  (is (= {:a -1 :b 0 :c 2} (transform (multi-path :a :b) dec {:a 0 :b 1 :c 2})))
  (is (= {:a 2} (transform (multi-path :a :a) inc {:a 0})) "paths apply in sequence")
  (is (= [{:a 1}] (select (multi-path) {:a 1})) "no paths: STAY")
  (is (= [1] (select (multi-path :a) {:a 1})))
  (is (= [[:c 0] [:c 1]] (select [(putval :c) (multi-path :a :b)] {:a 0 :b 1})))
  (is (= [1 2 3] (select (multi-path [:a ALL] :b) {:a [1 2] :b 3})))
  (is (= 0 (select-first (multi-path :a :b) {:a 0 :b 1})))
  (testing "later branches are skipped after a reduced result"
    (let [seen (atom [])]
      (select-any (multi-path (view (fn [x] (swap! seen conj :first) x))
                              (view (fn [x] (swap! seen conj :second) x)))
                  1)
      (is (= [:first] @seen)))))

(deftest stay-then-continue-and-continue-then-stay
  (is (= [{:a 0 :b 1 :c 2} 0 1 2] (select (stay-then-continue MAP-VALS) (array-map :a 0 :b 1 :c 2))))
  (is (= [0 1 2 {:a 0 :b 1 :c 2}] (select (continue-then-stay MAP-VALS) (array-map :a 0 :b 1 :c 2))))
  (is (= [[1 2] 1 2] (select (stay-then-continue ALL) [1 2])))
  (testing "order of application in transforms"
    (is (= [2 3] (transform (stay-then-continue ALL) (fn [x] (if (vector? x) (conj x 2) (inc x))) [1]))
        "STAY first, then the path sees the updated value")
    (is (= [2 2] (transform (continue-then-stay ALL) (fn [x] (if (vector? x) (conj x 2) (inc x))) [1]))
        "the path first, then the whole updated value"))
  (is (= [[1 2] [1 2]] (select (stay-then-continue) [1 2])) "no path: STAY, then the empty path (STAY)")
  (is (= [[1] 1] (select (stay-then-continue ALL) [1])))
  (let [tree [1 [2 [3]]]
        pre (recursive-path [] p (stay-then-continue (if-path vector? [ALL p] STOP)))
        post (recursive-path [] p (continue-then-stay (if-path vector? [ALL p] STOP)))]
    (is (= [[1 [2 [3]]] 1 [2 [3]] 2 [3] 3] (select pre tree)) "pre-order")
    (is (= [1 2 3 [3] [2 [3]] [1 [2 [3]]]] (select post tree)) "post-order")))

(deftest selected-and-not-selected
  (is (= [{:a 0} {:a 2}] (select [ALL (selected? [(must :a) even?])] [{:a 0} {:a 1} {:a 2} {:a 3}])))
  (is (= [{:a 1} {:a 3}] (select [ALL (not-selected? [(must :a) even?])] [{:a 0} {:a 1} {:a 2} {:a 3}])))
  (is (= [{:a 0} {:a 2}] (select [ALL (selected? (must :a) even?)] [{:a 0} {:a 1} {:a 2}]))
      "several arguments form one path")
  (is (= [2] (select [ALL (selected? even?)] [1 2])) "a single function")
  (is (= [2] (select [ALL (selected? even? pos?)] [-2 1 2])) "several functions all apply")
  (is (= [1 2] (select [ALL (selected?)] [1 2])) "no path: always true")
  (is (= [] (select [ALL (not-selected?)] [1 2])))
  (is (= [{:a nil}] (select [ALL (selected? :a)] [{:a nil}])) "navigating to nil counts")
  (is (= [{:a 1} {:a 1}] (transform [ALL (selected? :a even?)] #(assoc % :a 1) [{:a 2} {:a 1}])))
  (is (= [[1 1]] (select [ALL VAL (selected? (collected? [v] (= v 1)))] [1 2]))
      "collected values reach the sub-path"))

(deftest subselect-semantics
  (is (= [[1 3 5]] (select (subselect ALL odd?) [1 2 3 4 5])))
  (is (= [[]] (select (subselect ALL odd?) [2 4])))
  (is (= [5 2 3 4 1] (transform (subselect ALL odd?) (fn [v] [5 (nth v 1) 1]) [1 2 3 4 5])))
  (is (= [1 [[[10]] 3] 5 [8 [7 6]] 2]
         (transform (subselect (walker number?) even?) reverse [1 [[[2]] 3] 5 [6 [7 8]] 10])))
  (is (= [3 2 4] (transform (subselect ALL odd?) (fn [v] [3]) [1 2 4 5]))
      "a shorter result pads with NONE, which removes")
  (is (= [3 2 4] (transform (subselect ALL odd?) (fn [v] [3 5 7]) [1 2 4])) "extra elements are ignored")
  (is (= {:a 1 :b {:c 3 :d 2}} (transform (subselect (multi-path :a [:b :c])) reverse {:a 3 :b {:c 1 :d 2}})))
  (is (= [4] (select [(subselect ALL even?) ALL] [1 4 3])))
  (is (= [1 5 3] (transform [(subselect ALL even?) ALL] inc [1 4 3]))))

(deftest filterer-semantics
  (is (= [() [] #{} {} "" true] (select-one (filterer identity) ['() [] #{} {} "" true false nil])))
  (is (= [2 1 3 6 10 4 8] (transform [(filterer odd?) LAST] inc [2 1 3 6 9 4 8])))
  (is (= [0 1 2 3 10 5 8 7 6 9 4 11 12 13 14 15]
         (transform [(srange 4 11) (filterer even?)] reverse (vec (range 16)))))
  (is (= [1 3] (setval [(filterer even?) ALL] NONE [1 2 3 4])))
  (is (= [1 3] (transform (filterer even?) (constantly []) [1 2 3 4])))
  (is (= [[{:a 1}]] (select (filterer (must :a)) [{:a 1} {:b 2}])))
  (is (= [[{:a 1} {:b 2}]] (select (filterer :a) [{:a 1} {:b 2}])) "keypath always selects (maybe nil)")
  (is (= [[[:a 1]]] (select (filterer LAST odd?) {:a 1 :b 2})) "maps give their matching entries")
  (is (= {:a 2 :b 2} (transform [(filterer LAST odd?) ALL LAST] inc {:a 1 :b 2})))
  (is (= [[2 4]] (select (filterer even?) [1 2 3 4])))
  (is (= '(1 4 3 2) (transform (filterer even?) reverse '(1 2 3 4))))
  (is (list? (transform (filterer even?) reverse '(1 2 3 4)))))

(deftest transformed-and-traversed
  (is (= [[2 3]] (select (transformed ALL inc) [1 2])))
  (is (= [2 3] (select [(transformed ALL inc) ALL] [1 2])))
  (is (= [3 4] (transform (transformed ALL inc) (fn [v] (mapv inc v)) [1 2]))
      "the rest of the path's result replaces the value")
  (is (= [[:c [2 3]]] (select [(putval :c) (transformed [ALL] inc)] [1 2]))
      "outer collected values pass on")
  (is (= [[2]] (select (transformed [(putval 10) ALL] +) [-8]))
      "the inner transform starts with its own collected values")
  (is (= [3] (select (traversed ALL +) [1 2])))
  (is (= [0] (select (traversed ALL +) [])) "without init, (f) is the initial value")
  (is (= [6] (select [:a (traversed [ALL :n] +)] {:a [{:n 1} {:n 2} {:n 3}]})))
  (is (= {:a 7} (transform [:a (traversed ALL +)] inc {:a [1 2 3]})))
  (is (some? (caught (select (traversed ALL max) [1 2]))) "max has no 0-arity"))

(deftest compact-semantics
  (is (= {} (setval [:a (compact :b :c)] NONE {:a {:b {:c 1}}})))
  (is (= {:a {:b {:d 2}}} (setval [:a (compact :b :c)] NONE {:a {:b {:c 1 :d 2}}})))
  (is (= {:a {:x 1}} (setval [:a (compact :b :c)] NONE {:a {:b {:c 1} :x 1}})))
  (is (= NONE (setval (compact ALL) NONE [1 2])) "the starting value is checked too")
  (is (= [[1]] (setval [ALL (compact [ALL even?])] NONE [[1 2] [4]])))
  (is (= {:a [1]} (setval [:a (compact [ALL even?])] NONE {:a [1 2]})))
  (is (= {} (setval [:a (compact [ALL even?])] NONE {:a [2 4]})))
  (testing "each argument is one step"
    (is (= {:a {:b {}}} (setval [:a (compact [:b :c])] NONE {:a {:b {:c 1}}}))
        "only the value (compact [:b :c]) starts at is checked")
    (is (= {} (setval [:a (compact :b :c)] NONE {:a {:b {:c 1}}})))
    (is (= {:a {:b {}}} (setval (compact :a [:b :c]) NONE {:a {:b {:c 1}}}))))
  (is (some? (caught (setval [:a (compact ALL even?)] NONE {:a [1 2]})))
      "as in Specter, a step applied to a leaf checks (empty? leaf), which throws")
  (is (= [1] (select [(compact :a :b)] {:a {:b 1}})))
  (is (= {:a {:b 2}} (transform [(compact :a :b)] inc {:a {:b 1}}))))

(deftest walker-semantics
  (is (= [2 1 2 6 7 4 1 2] (select (walker number?) (array-map 2 [1 2 [6 7]] :a 4 :c (array-map :a 1 :d [2 nil])))))
  (is (= [1 2 3] (select (walker number?) [1 [2 [3]]])))
  (is (= [[1 [2 [3]]]] (select (walker vector?) [1 [2 [3]]])) "the walk stops at a match")
  (is (= [1 [3 [3]]] (transform (walker #(and (number? %) (even? %))) inc [1 [2 [3]]])))
  (is (= [[:a 1]] (select (walker map-entry?) {:a 1})) "map entries are tested")
  (is (= {:a 2 :b {:c 3}} (transform (walker number?) inc {:a 1 :b {:c 2}})))
  (is (= {:b {}} (setval (walker #(= % 1)) NONE {:a 1 :b {:c 1}}))
      "NONE on a key or value removes the map entry")
  (is (= ["ab"] (select (walker string?) ["ab"])) "strings are leaves")
  (is (= [] (select (walker char?) ["ab"])))
  (is (= '(2 (3)) (transform (walker number?) inc '(1 (2)))))
  (is (list? (transform (walker number?) inc '(1 (2)))))
  (is (= [1 2] (select (walker number?) (list 1 #{2})))))

(deftest codewalker-semantics
  (let [code (with-meta '(a (b c) [d (e)]) {:line 1})
        r (transform (codewalker #(= % 'c)) (constantly 'z) code)]
    (is (= '(a (b z) [d (e)]) r))
    (is (= {:line 1} (meta r)) "metadata of rebuilt collections is kept"))
  (is (= ['b 'e] (select (codewalker #{'b 'e}) '(a (b c) [d (e)])))))

(deftest eachnav-semantics
  (let [kp (eachnav keypath)]
    (is (= [1] (select (kp :a :b) {:a {:b 1}})))
    (is (= [{:a 1}] (select (kp) {:a 1})))
    (is (= {:a {:b 2}} (transform (kp :a :b) inc {:a {:b 1}}))))
  (let [nth-each (eachnav (fn [i] (nthpath i)))]
    (is (= [3] (select (nth-each 1 0) [[1] [3]])))))
