(ns floe.specter.readme-examples-test
  "Specter's README and wiki examples, unchanged except for the namespace: a Specter user
  changes only the require."
  (:require [clojure.test :refer [deftest is]]
            [floe.specter :refer :all]))

(set! *warn-on-reflection* true)

(deftest readme-navigation-examples
  (is (= [{:a 1} {:a 3} {:a 5} {:a 3}]
         (transform [ALL :a even?] inc [{:a 1} {:a 2} {:a 4} {:a 3}])))
  (is (= [3 3 18 6 12]
         (select [ALL ALL #(= 0 (mod % 3))] [[1 2 3 4] [] [5 3 2 18] [2 4 6] [12]])))
  (is (= [2 1 3 6 10 4 8] (transform [(filterer odd?) LAST] inc [2 1 3 6 9 4 8])))
  (is (= [0 2 2 4 4 5 6 7] (transform [(srange 1 4) ALL odd?] inc [0 1 2 3 4 5 6 7])))
  (is (= [0 1 :a :b :c :d :e 4 5 6 7 8 9] (setval (srange 2 4) [:a :b :c :d :e] [0 1 2 3 4 5 6 7 8 9])))
  (is (= [[1 :a :b] '(1 2 :a :b) [:c :a :b]] (setval [ALL END] [:a :b] [[1] '(1 2) [:c]])))
  (is (= [2 1 2 6 7 4 1 2] (select (walker number?) {2 [1 2 [6 7]] :a 4 :c {:a 1 :d [2 nil]}})))
  (is (= [10] (select [(keypath "a") (keypath "b")] {"a" {"b" 10}})))
  (is (= [0 1 2 3 10 5 8 7 6 9 4 11 12 13 14 15]
         (transform [(srange 4 11) (filterer even?)] reverse [0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15])))
  (is (= {:b 2 :a 0} (transform [ALL LAST] dec {:a 1 :b 3})))
  (is (= [[1 2 3 4 5 6 :c :d] [7 0 -1] [8 8 :c :d] []]
         (setval [ALL (selected? (filterer even?) (view count) #(>= % 2)) END]
                 [:c :d]
                 [[1 2 3 4 5 6] [7 0 -1] [8 8] []]))))

(deftest readme-collection-examples
  (is (= [{:b 3, :a 1} {:b -10, :a -8} {:b 10, :a 14} {:a 3}]
         (transform [ALL (collect-one :b) :a even?] + [{:a 1 :b 3} {:a 2 :b -10} {:a 4 :b 10} {:a 3}])))
  (is (= {:b 3 :a 11} (transform [:a (putval 10)] + {:a 1 :b 3})))
  (is (= [{:c [2 3], :d 4, :a 2} {:c [1 11 0], :a 4} {:c [1 1 1], :d 2, :a -1}]
         (transform [ALL (if-path [:a even?] [:c ALL] :d)] inc
                    [{:a 2 :c [1 2] :d 4} {:a 4 :c [0 10 -1]} {:a -1 :c [1 1 1] :d 1}]))))

(defrecord Account [funds])
(defrecord User [account])
(defrecord Family [accounts-list])

(defprotocolpath AccountPath [])
(extend-protocolpath AccountPath
  User :account
  Family [:accounts-list ALL])

(defprotocolpath TreeWalker [])
(extend-protocolpath TreeWalker
  Object nil
  clojure.lang.PersistentVector [ALL TreeWalker])

(declarepath TreeValues)
(providepath TreeValues (if-path vector? [ALL TreeValues] STAY))

(deftest readme-protocol-and-recursive-paths
  (is (= [50 51 1 2]
         (select [ALL AccountPath :funds]
                 [(->User (->Account 50)) (->User (->Account 51)) (->Family [(->Account 1) (->Account 2)])])))
  (is (= [:a 1 [4 [[[3]]] :e] [8 5 [12 7]]]
         (transform [TreeWalker number? even?] #(* 2 %) [:a 1 [2 [[[3]]] :e] [4 5 [6 7]]])))
  (is (= [1 10 [3 [[8]] 5] [6 [7 4] 9 [[2]]]]
         (transform (subselect TreeValues even?) reverse [1 2 [3 [[4]] 5] [6 [7 8] 9 [[10]]]]))))

(def precompiled (comp-paths ALL :a even?))

(defn- foo [data k] (select [(keypath k) ALL odd?] data))

(deftest readme-precompilation
  (is (= [{:a 1} {:a 3}] (compiled-transform precompiled inc [{:a 1} {:a 2}])))
  (is (= (transform [ALL :a even?] inc [{:a 1} {:a 2}]) (compiled-transform precompiled inc [{:a 1} {:a 2}])))
  (is (= [1 3] (foo {:x [1 2 3]} :x)))
  (is (= [5] (foo {:y [4 5]} :y))))

(deftest wiki-examples
  (is (= [[0 1] [1 2] [2 3] [3 4] [4 5]] (select INDEXED-VALS [1 2 3 4 5])))
  (is (= [5 4 3 2 1] (setval [INDEXED-VALS FIRST] 0 [1 2 3 4 5])))
  (is (= [1 5 4 3 2] (setval [INDEXED-VALS FIRST] 1 [1 2 3 4 5])))
  (is (= [0 :a] (select-one FIRST (sorted-map 0 :a 1 :b))))
  (is (= [[5 6] [3] [2 5]] (select (continuous-subseqs #(< % 10)) [5 6 11 11 3 12 2 5])))
  (is (= [11 12 20] (setval (continuous-subseqs #(< % 10)) [] [3 2 5 11 12 5 20])))
  (is (= {:a {:b {}}} (setval [:a :b :c] NONE {:a {:b {:c 1}}})))
  (is (= {:a [1 2 3]} (setval [:a ALL nil?] NONE {:a [1 2 nil 3 nil]})))
  (is (= [0 nil] (select [ALL (keypath :a)] [{:a 0} {:b 1}])))
  (is (= [3 1 2 4 5] (setval (index-nav 2) 0 [1 2 3 4 5])))
  (is (= {:b 3 :c 2} (setval (map-key :a) :c {:a 2 :b 3})))
  (is (= #{4 5} (setval (set-elem 3) NONE #{3 4 5})))
  (is (= {:a 0 :b 1 :c 2} (transform (submap []) #(assoc % :c 2) {:a 0 :b 1})))
  (is (= #{:a :b :c} (setval (subset #{:a}) #{:a :c} #{:a :b})))
  (is (= [[0 0] [0 1] [0 2]] (select [(collect-one FIRST) ALL] (range 3))))
  (is (= [1 [[[10]] 3] 5 [8 [7 6]] 2] (transform (subselect (walker number?) even?) reverse [1 [[[2]] 3] 5 [6 [7 8]] 10])))
  (is (= [[0 2 4 6 8] [0 1 4 3 8 5 12 7 16 9]]
         (reverse (replace-in [ALL even?] (fn [x] [(* 2 x) [x]]) (range 10)))))
  (is (= {} (setval [:a (compact :b :c)] NONE {:a {:b {:c 1}}}))))
