(ns floe.specter.navigators-test
  "The element, position and key navigators: ALL family, MAP-VALS/MAP-KEYS, FIRST/LAST,
  BEGINNING/END, the void elements, indexes, keys, ranges and sub-maps/sets."
  (:require [clojure.test :refer [deftest is testing are]]
            [floe.specter :refer :all]
            [floe.specter.test-support :refer [caught message-has?]]))

(set! *warn-on-reflection* true)

;; ---------------------------------------------------------------------------- STAY / STOP

(deftest stay-and-stop
  (is (= [1] (select STAY 1)))
  (is (= 2 (transform STAY inc 1)))
  (is (= [nil] (select STAY nil)))
  (is (= [] (select STOP 1)))
  (is (= [] (select [ALL STOP] [1 2])))
  (is (= [1 2] (transform [ALL STOP] inc [1 2])))
  (is (identical? NONE (select-any STOP 1))))

;; ---------------------------------------------------------------------------- ALL

(deftest all-select
  (is (= [1 2 3] (select ALL [1 2 3])))
  (is (= [1 2 3] (select ALL '(1 2 3))))
  (is (= [0 1 2] (select ALL (range 3))))
  (is (= #{1 2 3} (set (select ALL #{1 2 3}))))
  (is (= [[:a 1] [:b 2]] (select ALL (array-map :a 1 :b 2))))
  (is (every? map-entry? (select ALL {:a 1 :b 2})) "maps yield their entries")
  (is (= [\a \b] (select ALL "ab")))
  (is (= [] (select ALL nil)))
  (is (= [] (select ALL [])))
  (is (= [] (select ALL {})))
  (is (= [:k :v] (select ALL (first {:k :v}))) "a map entry yields key then value")
  (is (= [[1 :a] [2 :b]] (select ALL (sorted-map 2 :b 1 :a))) "sorted order"))

(deftest all-transform
  (is (= [2 3 4] (transform ALL inc [1 2 3])))
  (is (vector? (transform ALL inc [1 2 3])))
  (is (= [1 3] (setval [ALL even?] NONE [1 2 3 4])) "NONE removes vector elements")
  (is (= #{2 3 4} (transform ALL inc #{1 2 3})))
  (is (= #{1 3} (setval [ALL even?] NONE #{1 2 3 4})))
  (is (= {:a 2 :b 3} (transform [ALL LAST] inc {:a 1 :b 2})))
  (is (= {"a" 1} (transform ALL (fn [[k v]] [(name k) v]) {:a 1})))
  (is (= {:b 2} (transform ALL (fn [[k v]] (if (= k :a) NONE [k v])) {:a 1 :b 2}))
      "NONE removes map entries")
  (is (= {:b 2} (transform ALL (fn [[k v]] (if (= k :a) [k] [k v])) {:a 1 :b 2}))
      "an entry result with fewer than two elements removes the entry")
  (is (= {:b 2} (setval [ALL (selected? FIRST #{:a}) LAST] NONE {:a 1 :b 2}))
      "removing the value of an entry removes the entry")
  (is (= {"a" 1 :b 2} (transform [ALL FIRST #{:a}] name {:a 1 :b 2})) "renaming keys through entries")
  (is (= [:a 1 :b 2] (select [ALL ALL] (array-map :a 1 :b 2))))
  (is (= {:x 2} (transform ALL (fn [[_ v]] [:x v]) (array-map :a 1 :b 2)))
      "colliding keys: the later entry wins")
  (is (nil? (transform ALL inc nil)))
  (is (= [] (transform ALL inc [])))
  (is (= {} (transform ALL identity {})))
  (is (= [:k 2] (transform [ALL] (fn [x] (if (number? x) (inc x) x)) (first {:k 1}))))
  (is (map-entry? (transform ALL identity (first {:k 1}))))
  (is (= [2 3] (transform ALL inc (subvec [0 1 2] 1))))
  (is (= [2 3] (transform ALL inc (vector-of :long 1 2)))))

(deftest all-with-meta
  (let [v (with-meta [1 2] {:m 1})
        m (with-meta {:a 1} {:m 2})
        st (with-meta #{1} {:m 3})]
    (is (= {:m 1} (meta (transform ALL-WITH-META inc v))))
    (is (= {:m 2} (meta (transform ALL-WITH-META identity m))))
    (is (= {:m 3} (meta (transform ALL-WITH-META inc st))))
    (is (= [2 3] (transform ALL-WITH-META inc v)))
    (is (= [1 2] (select ALL-WITH-META v)))
    (testing "Floe: ALL keeps metadata too"
      (is (= {:m 1} (meta (transform ALL inc v))))
      (is (= {:m 2} (meta (transform ALL identity m)))))
    (is (nil? (transform ALL-WITH-META inc nil)))))

;; ---------------------------------------------------------------------------- MAP-VALS / MAP-KEYS

(deftest map-vals
  (is (= [1 2] (select MAP-VALS (array-map :a 1 :b 2))))
  (is (= [] (select MAP-VALS nil)))
  (is (= [] (select MAP-VALS {})))
  (is (= {:a 2 :b 3} (transform MAP-VALS inc {:a 1 :b 2})))
  (is (= {:b 2} (setval [MAP-VALS odd?] NONE {:a 1 :b 2})))
  (is (nil? (transform MAP-VALS inc nil)))
  (is (= {:a {:b 2}} (transform [MAP-VALS MAP-VALS] inc {:a {:b 1}})))
  (let [big (into {} (map (fn [i] [i i])) (range 40))]
    (is (= (into {} (map (fn [i] [i (inc i)])) (range 40)) (transform MAP-VALS inc big)))
    (is (instance? clojure.lang.PersistentHashMap (transform MAP-VALS inc big))))
  (is (= {:m 1} (meta (transform MAP-VALS inc (with-meta {:a 1} {:m 1}))))))

(deftest map-keys
  (is (= [:a :b] (select MAP-KEYS (array-map :a 1 :b 2))))
  (is (= [] (select MAP-KEYS nil)))
  (is (= {"a" 1 "b" 2} (transform MAP-KEYS name {:a 1 :b 2})))
  (is (= {:b 2} (setval [MAP-KEYS #(= % :a)] NONE {:a 1 :b 2})))
  (is (= {:x 2} (transform MAP-KEYS (constantly :x) (array-map :a 1 :b 2))) "later wins")
  (is (nil? (transform MAP-KEYS name nil))))

;; ---------------------------------------------------------------------------- FIRST / LAST

(deftest first-and-last-select
  (is (= [1] (select FIRST [1 2 3])))
  (is (= [3] (select LAST [1 2 3])))
  (is (= [1] (select FIRST '(1 2 3))))
  (is (= [3] (select LAST '(1 2 3))))
  (is (= [2] (select LAST (range 3))))
  (is (= \a (select-any FIRST "abc")))
  (is (= \c (select-any LAST "abc")))
  (is (= [0 :a] (select-one FIRST (sorted-map 0 :a 1 :b))))
  (is (= [1 :b] (select-one LAST (sorted-map 0 :a 1 :b))))
  (is (= 1 (select-one FIRST (sorted-set 3 1 2))))
  (is (= :k (select-one FIRST (first {:k :v}))))
  (is (= :v (select-one LAST (first {:k :v}))))
  (are [empty-coll] (= [] (select FIRST empty-coll)) [] '() "" {} #{} nil)
  (are [empty-coll] (= [] (select LAST empty-coll)) [] '() "" {} #{} nil))

(deftest first-and-last-transform
  (is (= [2 2 3] (transform FIRST inc [1 2 3])))
  (is (= [1 2 4] (transform LAST inc [1 2 3])))
  (is (= [:b :c :d :e] (setval FIRST NONE [:a :b :c :d :e])))
  (is (= [:a :b :c :d] (setval LAST NONE [:a :b :c :d :e])))
  (is (vector? (setval FIRST NONE [:a :b])))
  (is (= [] (setval LAST NONE [:a])))
  (is (= [:x] (setval LAST :x [:a])))
  (is (= [:a :x] (setval LAST :x [:a :b])))
  (is (= "qbc" (setval FIRST \q "abc")))
  (is (= "abq" (setval LAST "q" "abc")))
  (is (= "bc" (setval FIRST NONE "abc")))
  (is (= "ab" (setval LAST NONE "abc")))
  (is (= "ABbc" (setval FIRST "AB" "abc")) "string results are spliced in")
  (is (= '(2 2 3) (transform FIRST inc '(1 2 3))))
  (is (= '(1 2 4) (transform LAST inc '(1 2 3))))
  (is (= '(2 3) (setval FIRST NONE '(1 2 3))))
  (is (= '(1 2) (setval LAST NONE '(1 2 3))))
  (are [empty-coll] (= empty-coll (transform FIRST inc empty-coll)) [] '() "" {} #{} nil)
  (are [empty-coll] (= empty-coll (setval LAST NONE empty-coll)) [] '() "" {} #{} nil)
  (testing "Floe: maps and sets rebuild the same kind"
    (is (= (sorted-map 0 :x 1 :b) (transform [FIRST LAST] (constantly :x) (sorted-map 0 :a 1 :b))))
    (is (sorted? (transform [FIRST LAST] (constantly :x) (sorted-map 0 :a 1 :b))))
    (is (= (sorted-set 2 3) (setval FIRST NONE (sorted-set 1 2 3))))
    (is (sorted? (setval FIRST NONE (sorted-set 1 2 3))))
    (is (= {:a 1} (setval LAST NONE (array-map :a 1 :b 2)))))
  (testing "a map entry under FIRST becomes a vector"
    (is (= [:x :v] (setval FIRST :x (first {:k :v}))))))

;; ---------------------------------------------------------------------------- BEGINNING / END

(deftest beginning-and-end
  (is (= [[]] (select BEGINNING [1 2])))
  (is (= [[]] (select END '(1 2))))
  (is (= [""] (select END "ab")))
  (is (= [[]] (select BEGINNING nil)))
  (is (= [0 1 1 2] (setval BEGINNING [0 1] [1 2])))
  (is (= [1 2 3 4] (setval END [3 4] [1 2])))
  (is (vector? (setval END [3] [1 2])))
  (is (= '(0 1 2 3 4 5 6) (setval BEGINNING [0 1] (range 2 7))))
  (is (= '(0 1 2 3 4 [5 6]) (setval END [[5 6]] (range 5))))
  (is (= "ba" (setval BEGINNING "b" "a")))
  (is (= "ab" (setval END "b" "a")))
  (is (= [1 2] (setval END [1 2] nil)) "on nil the new sequence itself")
  (is (= '(1) (setval END '(1) nil)))
  (is (= [1 2] (setval END [] [1 2])))
  (is (= [1 2 3] (transform END (fn [e] (conj e 3)) [1 2])))
  (is (= {:m 1} (meta (setval END [3] (with-meta [1 2] {:m 1})))))
  (testing "Floe: a list stays a list, sets and maps stay sets and maps"
    (is (list? (setval BEGINNING [0] '(1 2))))
    (is (= '(0 1 2) (setval BEGINNING [0] '(1 2))))
    (is (= '(1 2 3) (setval END [3] '(1 2))))
    (is (= #{1 2 3} (setval END [3] #{1 2})))
    (is (= {:foo :baz} (setval END {:foo :baz} {:foo :bar})))
    (is (= {:foo :bar :x 1} (setval END {:x 1} {:foo :bar})))))

;; ---------------------------------------------------------------------------- void elements

(deftest before-and-after-elem
  (is (= [1 2 3] (setval AFTER-ELEM 3 [1 2])))
  (is (= [3 1 2] (setval BEFORE-ELEM 3 [1 2])))
  (is (vector? (setval BEFORE-ELEM 3 [1 2])))
  (is (= '(1 2 3) (setval AFTER-ELEM 3 '(1 2))))
  (is (= '(3 1 2) (setval BEFORE-ELEM 3 '(1 2))))
  (is (list? (setval AFTER-ELEM 3 '(1 2))))
  (is (= '(3) (setval AFTER-ELEM 3 nil)))
  (is (= '(3) (setval BEFORE-ELEM 3 nil)))
  (is (= [1 2] (setval AFTER-ELEM NONE [1 2])) "NONE inserts nothing")
  (is (= [1 2] (setval BEFORE-ELEM NONE [1 2])))
  (is (= [1 2 :n] (transform AFTER-ELEM (fn [v] (if (= v NONE) :n :other)) [1 2]))
      "the transform fn receives NONE")
  (is (= {:a [1 2]} (setval [:a AFTER-ELEM] 2 {:a [1]})))
  (is (= {:a '(1)} (setval [:a AFTER-ELEM] 1 {})))
  (testing "Floe: the void elements select nothing (Specter selects [NONE])"
    (is (= [] (select AFTER-ELEM [1])))
    (is (= [] (select BEFORE-ELEM [1])))
    (is (identical? NONE (select-any AFTER-ELEM [1])))
    (is (nil? (select-first BEFORE-ELEM [1])))
    (is (nil? (select-one AFTER-ELEM [1])))
    (is (message-has? (caught (select-one! AFTER-ELEM [1])) "Found no elements"))))

(deftest none-elem
  (is (= #{1 2 3} (setval NONE-ELEM 3 #{1 2})))
  (is (= #{1} (setval NONE-ELEM 1 nil)))
  (is (= #{1 2} (setval NONE-ELEM NONE #{1 2})))
  (is (= #{1 2} (setval NONE-ELEM 2 #{1 2})))
  (is (= (sorted-set-by > 1 2 3) (setval NONE-ELEM 3 (sorted-set-by > 1 2))))
  (is (= [3 2 1] (seq (setval NONE-ELEM 3 (sorted-set-by > 1 2)))) "comparator kept")
  (is (= {:a #{:x}} (setval [:a NONE-ELEM] :x {})))
  (is (= [] (select NONE-ELEM #{1})) "Floe: selects nothing"))

(deftest before-index-nav
  (is (= [:a 1 2 3] (setval (before-index 0) :a [1 2 3])))
  (is (= [1 2 3 :a] (setval (before-index 3) :a [1 2 3])))
  (is (= [1 :a 2 3] (setval (before-index 1) :a [1 2 3])))
  (is (= [1 2 3] (setval (before-index 1) NONE [1 2 3])))
  (is (= [] (select (before-index 0) [1 2 3])))
  (is (identical? NONE (select-any (before-index 0) [1 2 3])))
  (is (= '(:a) (setval (before-index 0) :a nil)))
  (is (message-has? (caught (setval (before-index 1) :a nil)) "can only insert before index 0"))
  (is (= '(1 :a 2) (setval (before-index 1) :a '(1 2))))
  (is (list? (setval (before-index 1) :a '(1 2))))
  (is (= "axb" (setval (before-index 1) \x "ab")))
  (is (= "axyb" (setval (before-index 1) "xy" "ab")))
  (testing "Floe: lists and strings clamp, vectors are strict"
    (is (= '(1 2 :a) (setval (before-index 10) :a '(1 2))))
    (is (= '(:a 1 2) (setval (before-index -3) :a '(1 2))))
    (is (= "abx" (setval (before-index 7) \x "ab")))
    (is (= "xab" (setval (before-index -1) \x "ab")))
    (is (some? (caught (setval (before-index 4) :a [1 2]))))
    (is (some? (caught (setval (before-index -1) :a [1 2]))))))

;; ---------------------------------------------------------------------------- indexes

(deftest index-nav-semantics
  (is (= [0] (select (index-nav 0) [1 2 3 4 5])))
  (is (= [4] (select (index-nav 4) [1 2 3 4 5])))
  (is (= [] (select (index-nav 7) [1 2 3 4 5])))
  (is (= [] (select (index-nav -1) [1 2 3 4 5])))
  (is (= [] (select (index-nav 0) nil)))
  (is (= [3 1 2 4 5] (setval (index-nav 2) 0 [1 2 3 4 5])))
  (is (= [2 3 1 4 5] (setval (index-nav 0) 2 [1 2 3 4 5])))
  (is (= [1 2 3 4 5] (setval (index-nav 2) 2 [1 2 3 4 5])))
  (is (= [1 2 3] (setval (index-nav 9) 0 [1 2 3])) "out of range: unchanged")
  (is (= [1 3 2] (transform (index-nav 1) inc [1 2 3])))
  (is (= '(3 1 2 4 5) (setval (index-nav 2) 0 '(1 2 3 4 5))))
  (is (list? (setval (index-nav 2) 0 '(1 2 3 4 5))))
  (is (some? (caught (setval (index-nav 1) 5 [1 2 3]))) "a vector target out of range throws")
  (is (= '(2 3 1) (setval (index-nav 0) 10 '(1 2 3))) "Floe: lists clamp the target, like before-index")
  (is (some? (caught (setval (index-nav 0) :x [1 2 3]))) "the new index must be a number"))

(deftest indexed-vals-semantics
  (is (= [[0 1] [1 2] [2 3] [3 4] [4 5]] (select INDEXED-VALS [1 2 3 4 5])))
  (is (= [[10 :a] [11 :b]] (select (indexed-vals 10) [:a :b])))
  (is (= [[0 \a] [1 \b]] (select INDEXED-VALS "ab")))
  (is (= [[0 [:a 1]]] (select INDEXED-VALS {:a 1})))
  (is (= [] (select INDEXED-VALS [])))
  (is (= [5 4 3 2 1] (setval [INDEXED-VALS FIRST] 0 [1 2 3 4 5])))
  (is (= [1 5 4 3 2] (setval [INDEXED-VALS FIRST] 1 [1 2 3 4 5])))
  (is (= [2 3 4] (transform [INDEXED-VALS LAST] inc [1 2 3])))
  (is (= [0 11 22] (transform INDEXED-VALS (fn [[i v]] [i (+ v (* 10 i))]) [0 1 2])))
  (is (= [:b :a :c] (transform (indexed-vals 1) (fn [[i v]] (if (= v :a) [2 v] [i v])) [:a :b :c])))
  (is (= '(2 1) (setval [INDEXED-VALS FIRST] 0 '(1 2))))
  (is (list? (setval [INDEXED-VALS FIRST] 0 '(1 2))))
  (is (some? (caught (setval INDEXED-VALS NONE [1 2]))) "NONE is not supported")
  (testing "the index seen accounts for earlier moves"
    (let [seen (atom [])]
      (transform INDEXED-VALS (fn [[i v]] (swap! seen conj [i v]) (if (= v :a) [2 v] [i v])) [:a :b :c])
      (is (= [[0 :a] [0 :b] [1 :c]] @seen)))))

;; ---------------------------------------------------------------------------- keys

(deftest keypath-semantics
  (is (= [1] (select (keypath :a) {:a 1})))
  (is (= [nil] (select (keypath :z) {:a 1})) "absent keys navigate to nil")
  (is (= [0 nil] (select [ALL (keypath :a)] [{:a 0} {:b 1}])))
  (is (= [3] (select (keypath :a :b) {:a {:b 3}})))
  (is (= [{:a 1}] (select (keypath) {:a 1})) "no keys: STAY")
  (is (= [:y] (select (keypath 1) [:x :y])))
  (is (= [nil] (select (keypath 5) [:x :y])))
  (is (= [nil] (select (keypath -1) [:x :y])))
  (is (= [nil] (select (keypath :a) nil)))
  (is (= [1] (select (keypath "a") {"a" 1})))
  (is (= [:b] (select (keypath :b) #{:a :b})) "sets look members up")
  (is (= {:a {:b {}}} (setval [:a :b :c] NONE {:a {:b {:c 1}}})))
  (is (= {:a [1 2 3]} (setval [:a ALL nil?] NONE {:a [1 2 nil 3 nil]})))
  (is (= {:a 1} (setval :a 1 nil)))
  (is (nil? (setval :a NONE nil)))
  (is (= [:x :z] (setval (keypath 1) :z [:x :y])))
  (is (= [:x :y :z] (setval (keypath 2) :z [:x :y])) "index = count appends")
  (is (= [:y] (setval (keypath 0) NONE [:x :y])) "NONE removes the index")
  (is (vector? (setval (keypath 0) NONE [:x :y])))
  (testing "Floe: lists keep their kind"
    (is (= '(1 :x 3) (setval (keypath 1) :x '(1 2 3))))
    (is (list? (setval (keypath 1) :x '(1 2 3))))
    (is (= '(1 3) (setval (keypath 1) NONE '(1 2 3))))
    (is (list? (setval (keypath 1) NONE '(1 2 3)))))
  (is (some? (caught (setval (keypath 5) :z [:x :y]))) "beyond count throws"))

(deftest must-semantics
  (is (= [1] (select (must :a) {:a 1})))
  (is (= [] (select (must :z) {:a 1})))
  (is (nil? (select-one (must :a) {:b 1})))
  (is (= [nil] (select (must :a) {:a nil})) "present with a nil value")
  (is (= [] (select (must :a) nil)))
  (is (= [3] (select (must :a :b) {:a {:b 3}})))
  (is (= [] (select (must :a :b) {:a {:c 3}})))
  (is (= {:b 2} (setval (must :a) NONE {:a 1 :b 2})))
  (is (= {:b 2} (transform (must :a) inc {:b 2})) "absent: unchanged")
  (is (= {:a 2} (transform (must :a) inc {:a 1})))
  (is (= [:y] (select (must 1) [:x :y])))
  (is (= [] (select (must 2) [:x :y])))
  (is (= [] (select (must -1) [:x :y])))
  (is (= [:x] (setval (must 1) NONE [:x :y])))
  (is (= [:a] (select (must :a) #{:a})))
  (is (nil? (transform (must :a) inc nil))))

(deftest nthpath-semantics
  (is (= [3] (select (nthpath 2) [1 2 3])))
  (is (= [3] (select (nthpath 2) '(1 2 3))))
  (is (= [0] (select (nthpath 0 0) [[0 1 2] 2 3])))
  (is (= [\b] (select (nthpath 1) "abc")))
  (is (= [nil] (select (nthpath 3) nil)))
  (is (= [[1 2]] (select (nthpath) [1 2])))
  (is (= [1 2] (setval (nthpath 2) NONE [1 2 3])))
  (is (= [1 20 3] (transform (nthpath 1) #(* 10 %) [1 2 3])))
  (is (= [[0 10] 2] (transform (nthpath 0 1) #(* 10 %) [[0 1] 2])))
  (is (= '(1 20 3) (transform (nthpath 1) #(* 10 %) '(1 2 3))))
  (is (list? (transform (nthpath 1) #(* 10 %) '(1 2 3))))
  (is (= '(1 3) (setval (nthpath 1) NONE '(1 2 3))))
  (is (= "aXc" (setval (nthpath 1) \X "abc")) "Floe: strings are supported")
  (is (= "ac" (setval (nthpath 1) NONE "abc")))
  (is (some? (caught (select (nthpath 3) [1 2 3]))) "out of range throws")
  (is (some? (caught (select (nthpath -1) [1 2 3]))))
  (is (some? (caught (setval (nthpath 0) 1 nil)))))

(deftest map-key-semantics
  (is (= [:a] (select (map-key :a) {:a 2 :b 3})))
  (is (= [] (select (map-key :z) {:a 2})))
  (is (= [] (select (map-key :a) nil)))
  (is (= {:b 3 :c 2} (setval (map-key :a) :c {:a 2 :b 3})))
  (is (= {:b 2} (setval (map-key :a) :b {:a 2 :b 3})) "overwrites an existing key")
  (is (= {:b 3} (setval (map-key :a) NONE {:a 2 :b 3})))
  (is (= {:b 3} (setval (map-key :z) :y {:b 3})))
  (is (= {"a" 1} (transform (map-key :a) name {:a 1})))
  (is (nil? (setval (map-key :a) :b nil)))
  (is (sorted? (setval (map-key 1) 5 (sorted-map 1 :a 2 :b)))))

(deftest set-elem-semantics
  (is (= [3] (select (set-elem 3) #{3 4 5})))
  (is (= [] (select (set-elem 9) #{3 4 5})))
  (is (= [] (select (set-elem 3) nil)))
  (is (= #{4 5} (setval (set-elem 3) NONE #{3 4 5})))
  (is (= #{4 5 6} (setval (set-elem 3) 6 #{3 4 5})))
  (is (= #{3 4} (setval (set-elem 9) 6 #{3 4})))
  (is (nil? (setval (set-elem 3) 6 nil)))
  (is (sorted? (setval (set-elem 3) 6 (sorted-set 3 4)))))

(deftest submap-semantics
  (is (= [{:a 1}] (select (submap [:a :c]) {:a 1 :b 2})))
  (is (= [{}] (select (submap [:a]) nil)))
  (is (= [{}] (select (submap []) {:a 1})))
  (is (= {:a 0 :b 1 :c 2} (transform (submap []) #(assoc % :c 2) {:a 0 :b 1})))
  (is (= {:b 2 :x 1} (transform (submap [:a]) (fn [m] {:x (:a m)}) {:a 1 :b 2}))
      "keys dropped from the sub-map are removed, new keys are added")
  (is (= {:a 10 :b 2} (transform [(submap [:a]) MAP-VALS] #(* 10 %) {:a 1 :b 2})))
  (let [r (transform (submap [:a :c]) #(assoc % :c 3) (sorted-map-by #(compare %2 %1) :a 1 :b 2))]
    (is (= {:a 1 :b 2 :c 3} r))
    (is (sorted? r))
    (is (= [:c :b :a] (keys r)) "the comparator is kept"))
  (is (= {:c 1} (setval (submap [:a]) {:c 1} nil))))

(deftest subset-semantics
  (is (= [#{:a}] (select (subset #{:a :z}) #{:a :b})))
  (is (= #{:a :b :c} (setval (subset #{:a}) #{:a :c} #{:a :b})))
  (is (= #{:b} (setval (subset #{:a}) #{} #{:a :b})))
  (is (= #{:b} (setval (subset #{:a}) NONE #{:a :b})))
  (is (= #{:c} (setval (subset #{:a}) #{:c} nil)))
  (is (= [nil] (select (subset #{:a}) nil)))
  (is (= #{:a :b 1} (transform [(subset #{:a}) NONE-ELEM] (constantly 1) #{:a :b})))
  (is (sorted? (setval (subset #{1}) #{5} (sorted-set 1 2)))))

;; ---------------------------------------------------------------------------- ranges

(deftest srange-semantics
  (is (= [[2 3]] (select (srange 2 4) [0 1 2 3 4 5])))
  (is (= [[]] (select (srange 2 2) [0 1 2])))
  (is (= [[1 2]] (select (srange 1 3) '(0 1 2 3))))
  (is (= ["bc"] (select (srange 1 3) "abcd")))
  (is (= [[]] (select (srange 0 0) nil)))
  (is (= [0 1 :a :b :c :d :e 4 5 6 7 8 9]
         (setval (srange 2 4) [:a :b :c :d :e] [0 1 2 3 4 5 6 7 8 9])))
  (is (= '(0 1 4) (setval (srange 2 4) [] (range 5))))
  (is (= "ad" (setval (srange 1 3) "" "abcd")))
  (is (= "abcxd" (setval [(srange 1 3) END] "x" "abcd")))
  (is (= [0 2 1 3] (transform (srange 1 3) reverse [0 1 2 3])))
  (is (vector? (transform (srange 1 3) reverse [0 1 2 3])))
  (is (= '(0 2 1 3) (transform (srange 1 3) reverse '(0 1 2 3))))
  (is (list? (transform (srange 1 3) reverse '(0 1 2 3))) "Floe: lists stay lists")
  (is (= "acbd" (transform (srange 1 3) reverse "abcd")) "Floe: a sequence result of chars is joined")
  (is (= [0 10 20 3] (transform [(srange 1 3) ALL] #(* 10 %) [0 1 2 3])))
  (testing "bounds are strict, no negative indexing"
    (is (some? (caught (select-one (srange 0 10) (range 5)))))
    (is (some? (caught (select (srange -1 2) [1 2 3]))))
    (is (some? (caught (select (srange 2 1) [1 2 3]))))
    (is (some? (caught (select (srange 0 9) "abc")))))
  (testing "Floe: sets and maps rebuild the same kind"
    (is (= (sorted-set 1 4) (setval (srange 1 3) [4] (sorted-set 1 2 3))))
    (is (sorted? (setval (srange 0 1) [] (sorted-set 1 2 3))))
    (is (= (sorted-map 2 :b) (setval (srange 0 1) [] (sorted-map 1 :a 2 :b))))))

(deftest srange-dynamic-semantics
  (is (= [[1 2 3 4]] (select (srange-dynamic (constantly 1) count) [0 1 2 3 4])))
  (is (= [[1 2]] (select (srange-dynamic (constantly 1) (end-fn [_ start] (+ start 2))) [0 1 2 3 4])))
  (is (= [0 4] (setval (srange-dynamic (constantly 1) (end-fn [s start] (dec (count s)))) [] [0 1 2 4])))
  (is (= ["bc"] (select (srange-dynamic (constantly 1) count) "abc")))
  (is (= [0 :x] (setval (srange-dynamic (constantly 1) count) [:x] [0 1 2]))))

(deftest continuous-subseqs-semantics
  (is (= [[5 6] [3] [2 5]] (select (continuous-subseqs #(< % 10)) [5 6 11 11 3 12 2 5])))
  (is (= [11 12 20] (setval (continuous-subseqs #(< % 10)) [] [3 2 5 11 12 5 20])))
  (is (= [] (select (continuous-subseqs even?) [1 3])))
  (is (= [] (select (continuous-subseqs even?) nil)))
  (is (= [1 3] (transform (continuous-subseqs even?) identity [1 3])))
  (is (= [:x 1 :x 3] (setval (continuous-subseqs even?) [:x] [2 4 1 6 3])))
  (is (= '(1 [2 4] 3) (transform (continuous-subseqs even?) (fn [run] [run]) '(1 2 4 3))))
  (is (list? (transform (continuous-subseqs even?) reverse '(1 2 4 3))))
  (is (= ["ab" "d"] (select (continuous-subseqs #(Character/isLetter (char %))) "ab1d")))
  (is (= "AB1D" (transform (continuous-subseqs #(Character/isLetter (char %)))
                           #(.toUpperCase ^String %) "ab1d")))
  (testing "subseq-pred-fn sees the previous result"
    (let [p (subseq-pred-fn true? [e prev] (and (even? e) (not prev)))]
      (is (= [[2] [6]] (select (continuous-subseqs p) [2 4 6 1]))))
    (let [runs-of-increasing (subseq-pred-fn :ok [e prev]
                                            {:ok (or (nil? prev) (> e (:last prev))) :last e})]
      (is (= [[1 2 3] [5 6]] (select (continuous-subseqs runs-of-increasing) [1 2 3 0 5 6]))
          "the first element's prev is nil; get-truthy-fn must return exactly true")))
  (is (= [[:a :b] [:c]] (select (continuous-subseqs keyword?) [:a :b 1 :c]))))
