(ns floe.specter.collections-test
  "Transforms keep the kind of collection they are given: vectors, lists and seqs, sets, maps,
  sorted collections (comparator kept), records, queues, strings and java.util collections
  (same class, input never mutated)."
  (:require [clojure.test :refer [deftest is testing are]]
            [floe.specter :refer :all]
            [floe.specter.test-support :refer [caught message-has?]])
  (:import [java.util ArrayList Collections HashMap HashSet LinkedHashMap LinkedHashSet LinkedList
            TreeMap TreeSet]))

(set! *warn-on-reflection* true)

(defrecord Point [x y])

(def desc #(compare %2 %1))

(defn- comparator-of [^clojure.lang.Sorted x] (.comparator x))

;; ---------------------------------------------------------------------------- nil and empty

(deftest nil-structures
  (are [p] (= [] (select p nil)) ALL MAP-VALS MAP-KEYS FIRST LAST (must :a) (map-key :a) (set-elem 1)
                                 (continuous-subseqs even?) (index-nav 0))
  (are [p] (nil? (transform p inc nil)) ALL MAP-VALS MAP-KEYS FIRST LAST (must :a) (map-key :a) (set-elem 1)
                                        (continuous-subseqs even?))
  (is (= [nil] (select :a nil)))
  (is (= [nil] (select (nthpath 0) nil)))
  (is (= {:a 1} (setval :a 1 nil)))
  (is (= #{1} (setval NONE-ELEM 1 nil)))
  (is (= '(1) (setval AFTER-ELEM 1 nil)))
  (is (= [1] (setval END [1] nil)))
  (is (= {:a 1} (setval (submap [:a]) {:a 1} nil))))

(deftest empty-collections
  (are [c] (= [] (select ALL c)) [] '() #{} {} "" (sorted-map) (sorted-set) (ArrayList.) (HashMap.))
  (are [c] (= c (transform ALL inc c)) [] '() #{} "" (sorted-set))
  (are [c] (= c (transform MAP-VALS inc c)) {} (sorted-map) (HashMap.))
  (is (vector? (transform ALL inc [])))
  (is (list? (transform ALL inc '())))
  (is (set? (transform ALL inc #{})))
  (is (string? (transform ALL identity ""))))

;; ---------------------------------------------------------------------------- NONE removal

(deftest none-removal-everywhere
  (is (= [1 3] (setval [ALL even?] NONE [1 2 3 4])))
  (is (= '(1 3) (setval [ALL even?] NONE '(1 2 3 4))))
  (is (list? (setval [ALL even?] NONE '(1 2 3 4))))
  (is (= #{1 3} (setval [ALL even?] NONE #{1 2 3 4})))
  (is (= {:a 1} (setval [MAP-VALS even?] NONE {:a 1 :b 2})))
  (is (= {:a 1} (setval [ALL (selected? LAST even?)] NONE {:a 1 :b 2})))
  (is (= {:b 2} (setval [MAP-KEYS #{:a}] NONE {:a 1 :b 2})))
  (is (= {:b 2} (setval :a NONE {:a 1 :b 2})))
  (is (= [:a :c] (setval (keypath 1) NONE [:a :b :c])))
  (is (= [:a :c] (setval (nthpath 1) NONE [:a :b :c])))
  (is (= '(:a :c) (setval (nthpath 1) NONE '(:a :b :c))))
  (is (= (sorted-map-by desc 1 :a) (setval [MAP-VALS #{:b}] NONE (sorted-map-by desc 1 :a 2 :b))))
  (is (= [2 1] (keys (setval [MAP-VALS #{:c}] NONE (sorted-map-by desc 1 :a 2 :b 3 :c)))))
  (is (= [3 1] (seq (setval [ALL even?] NONE (sorted-set-by desc 1 2 3)))))
  (is (= "ac" (setval [ALL #{\b}] NONE "abc")) "Floe: strings drop characters")
  (is (= [[1] []] (setval [ALL ALL even?] NONE [[1 2] [4]]))))

;; ---------------------------------------------------------------------------- lists and seqs

(deftest lists-stay-lists
  (let [l '(1 2 3)]
    (are [r] (and (list? r) (instance? clojure.lang.PersistentList r))
      (transform ALL inc l)
      (transform FIRST inc l)
      (transform LAST inc l)
      (transform (nthpath 1) inc l)
      (setval (keypath 1) :x l)
      (setval (srange 0 1) [:a :b] l)
      (setval BEGINNING [0] l)
      (setval END [4] l)
      (setval AFTER-ELEM 4 l)
      (setval BEFORE-ELEM 0 l)
      (setval (before-index 1) :x l)
      (setval (index-nav 0) 2 l)
      (transform (filterer odd?) reverse l)
      (transform (continuous-subseqs odd?) reverse l))
    (is (= '(2 3 4) (transform ALL inc l)))
    (is (= '(2 4 2) (transform (filterer odd?) (fn [v] (map inc v)) '(1 4 2))))))

(deftest seqs-rebuild-as-lists
  (is (= '(1 2 3) (transform ALL inc (range 3))))
  (is (seq? (transform ALL inc (range 3))))
  (is (= '(2 3) (transform ALL inc (map identity [1 2]))))
  (is (= '(2 3) (transform ALL inc (seq [1 2]))))
  (is (= '(1 2 3) (transform ALL inc (cons 0 '(1 2)))))
  (is (= '(9 1 2) (setval FIRST 9 (cons 0 '(1 2)))))
  (is (= '(1 2 3) (select-one (subselect ALL) (lazy-seq [1 2 3]))))
  (is (= [[0 1]] (select (srange 0 2) (range 5)))))

;; ---------------------------------------------------------------------------- sets and maps

(deftest sorted-collections-keep-their-comparator
  (let [sm (sorted-map-by desc 1 :a 2 :b 3 :c)
        ss (sorted-set-by desc 1 2 3)]
    (are [r] (and (sorted? r) (= desc (comparator-of r)))
      (transform MAP-VALS name sm)
      (transform MAP-KEYS inc sm)
      (transform ALL (fn [[k v]] [(* 10 k) v]) sm)
      (transform [ALL LAST] name sm)
      (setval :z 1 (sorted-map-by desc :a 1))
      (setval [MAP-VALS #{:b}] NONE sm)
      (transform (submap [1]) identity sm)
      (setval (map-key 1) 9 sm)
      (transform ALL inc ss)
      (setval [ALL even?] NONE ss)
      (setval NONE-ELEM 9 ss)
      (setval (set-elem 1) 7 ss)
      (setval (subset #{1}) #{4} ss)
      (transform FIRST inc ss)
      (setval LAST NONE ss))
    (is (= [30 20 10] (keys (transform MAP-KEYS #(* 10 %) sm))))
    (is (= [4 3 2] (seq (transform ALL inc ss))))
    (is (= [[3 :c] [2 :b] [1 :a]] (select ALL sm)))
    (is (= [3 2 1] (select MAP-KEYS sm)))
    (is (= [3 :c] (select-first ALL sm)))
    (is (= [1 :a] (select-one LAST sm)))))

(deftest array-maps-and-hash-maps
  (is (instance? clojure.lang.PersistentArrayMap (transform MAP-VALS inc {:a 1 :b 2})))
  (is (= [:a :b :c] (keys (transform MAP-VALS inc (array-map :a 1 :b 2 :c 3)))) "order kept")
  (is (= [:a :b :c] (keys (transform ALL identity (array-map :a 1 :b 2 :c 3)))))
  (let [big (zipmap (range 50) (range 50))]
    (is (instance? clojure.lang.PersistentHashMap (transform ALL identity big)))
    (is (= big (transform ALL identity big)))
    (is (= (zipmap (range 50) (range 1 51)) (transform MAP-VALS inc big))))
  (is (= {:a 1 "b" 2} (transform [MAP-KEYS keyword? #(= % :b)] name {:a 1 :b 2}))))

(deftest map-entries
  (let [e (first {:k 1})]
    (is (= [:k 1] (select-one STAY e)))
    (is (= [:k 2] (transform LAST inc e)))
    (is (= [:j 1] (setval FIRST :j e)))
    (is (map-entry? (transform ALL identity e)))
    (is (= [:k 1 :x] (setval END [:x] e)) "a map entry is a vector")))

;; ---------------------------------------------------------------------------- records

(deftest records-stay-records
  (let [p (->Point 1 2)]
    (is (= [1] (select :x p)))
    (is (= [[:x 1] [:y 2]] (select ALL p)))
    (is (= [1 2] (select MAP-VALS p)))
    (is (= [:x :y] (select MAP-KEYS p)))
    (are [r] (instance? Point r)
      (setval :x 5 p)
      (transform :x inc p)
      (transform MAP-VALS inc p)
      (transform ALL identity p)
      (transform [ALL LAST] inc p)
      (setval :z 3 p)
      (transform (submap [:x]) #(update % :x inc) p))
    (is (= (->Point 2 3) (transform MAP-VALS inc p)))
    (is (= (->Point 2 2) (transform [ALL (selected? FIRST #{:x}) LAST] inc p)))
    (is (= (assoc (->Point 1 2) :z 3) (setval :z 3 p)))
    (is (= {:y 2} (setval :x NONE p)) "dissoc of a record field gives a map, as dissoc does")
    (is (= {:y 2} (setval [MAP-VALS odd?] NONE p)))
    (is (= (->Point 1 2) (transform [ALL] identity p)))))

;; ---------------------------------------------------------------------------- queues, vectors

(deftest queues-and-vectors
  (let [q (conj clojure.lang.PersistentQueue/EMPTY 1 2 3)]
    (is (instance? clojure.lang.PersistentQueue (transform ALL inc q)))
    (is (= [2 3 4] (seq (transform ALL inc q))))
    (is (= [1 3] (seq (setval [ALL even?] NONE q))))
    (is (= [1 2 3] (select ALL q))))
  (is (= {:m 1} (meta (transform ALL inc (with-meta [1] {:m 1})))))
  (is (= {:m 1} (meta (setval (keypath 0) 2 (with-meta [1] {:m 1})))))
  (is (= {:m 1} (meta (setval AFTER-ELEM 2 (with-meta [1] {:m 1}))))))

;; ---------------------------------------------------------------------------- strings

(deftest strings
  (is (= "bcd" (transform ALL (fn [c] (char (inc (int c)))) "abc")))
  (is (= "ABC" (transform ALL #(Character/toUpperCase (char %)) "abc")))
  (is (= "xbc" (setval FIRST \x "abc")))
  (is (= "abx" (setval LAST \x "abc")))
  (is (= "ab-c" (setval (before-index 2) "-" "abc")))
  (is (= "abc!" (setval AFTER-ELEM \! "abc")))
  (is (= "!abc" (setval BEFORE-ELEM "!" "abc")))
  (is (= "xxabc" (setval BEGINNING "xx" "abc")))
  (is (= "abcxx" (setval END "xx" "abc")))
  (is (= "aBc" (transform (srange 1 2) #(.toUpperCase ^String %) "abc")))
  (is (= [\b] (select (keypath 1) "abc")))
  (is (= [\b] (select (must 1) "abc")))
  (is (= [] (select (must 5) "abc")))
  (is (= [\b] (select (nthpath 1) "abc")))
  (is (= [[0 \a] [1 \b]] (select INDEXED-VALS "ab")))
  (is (= "ba" (setval [INDEXED-VALS FIRST] 0 "ab")))
  (is (some? (caught (transform ALL (constantly 1) "abc"))) "a string element must stay a character"))

;; ---------------------------------------------------------------------------- java arrays

(deftest java-arrays
  (is (= ["a" "b"] (select ALL (.split "a,b" ","))) "as in Specter, ALL selects array elements")
  (is (= [1 2] (select ALL (int-array [1 2]))))
  (testing "Floe: a transform returns a new array of the same component type"
    (let [arr (long-array [1 2 3])
          out (transform ALL inc arr)]
      (is (= [2 3 4] (vec out)))
      (is (= (class arr) (class out)))
      (is (= [1 2 3] (vec arr)) "the input array is not mutated"))
    (is (= ["b"] (vec (setval [ALL #{"a"}] NONE (into-array String ["a" "b"])))))
    (is (message-has? (caught (transform ALL str (long-array [1]))) "ALL"))))

;; ---------------------------------------------------------------------------- java.util

(defn- same-class-unmutated?
  "Runs f on a fresh copy of the collection made by mk; checks the result's class and that the
  input did not change."
  [mk f]
  (let [in (mk)
        before (mk)
        out (f in)]
    (and (= (class in) (class out))
         (= before in)
         (not (identical? in out)))))

(deftest java-collections-keep-their-class-and-are-never-mutated
  (testing "ArrayList"
    (let [mk #(ArrayList. [1 2 3 4])]
      (is (= [2 3 4 5] (transform ALL inc (mk))))
      (are [f] (same-class-unmutated? mk f)
        #(transform ALL inc %)
        #(setval [ALL even?] NONE %)
        #(transform FIRST inc %)
        #(setval LAST NONE %)
        #(setval (keypath 0) :x %)
        #(setval (keypath 0) NONE %)
        #(transform (nthpath 2) inc %)
        #(setval (srange 1 3) [:a] %)
        #(setval END [5] %)
        #(setval BEGINNING [0] %)
        #(setval AFTER-ELEM 5 %)
        #(setval BEFORE-ELEM 0 %)
        #(setval (before-index 2) :x %)
        #(setval (index-nav 0) 3 %)
        #(transform (filterer even?) reverse %)
        #(setval [INDEXED-VALS FIRST] 0 %))
      (is (= [1 3] (setval [ALL even?] NONE (mk))))
      (is (= [1 :x 3 4] (setval (before-index 1) :x (ArrayList. [1 3 4]))))
      (is (some? (caught (setval (before-index 9) :x (mk)))) "java lists are strict like vectors")))
  (testing "LinkedList"
    (let [mk #(LinkedList. [1 2 3])]
      (are [f] (same-class-unmutated? mk f)
        #(transform ALL inc %)
        #(setval FIRST NONE %)
        #(setval (keypath 1) 9 %))))
  (testing "HashMap"
    (let [mk #(HashMap. {:a 1 :b 2})]
      (is (= {:a 2 :b 3} (transform MAP-VALS inc (mk))))
      (are [f] (same-class-unmutated? mk f)
        #(transform MAP-VALS inc %)
        #(transform MAP-KEYS name %)
        #(transform ALL (fn [[k v]] [v k]) %)
        #(setval :a 5 %)
        #(setval :a NONE %)
        #(setval (must :a) NONE %)
        #(setval [MAP-VALS odd?] NONE %)
        #(setval (map-key :a) :z %)
        #(transform (submap [:a]) (constantly {:q 1}) %))
      (is (= {:b 2} (setval :a NONE (mk))))
      (is (= {:a 1 :b 2 :c 3} (setval :c 3 (mk))))
      (is (= [1] (select :a (mk))))
      (is (= #{[:a 1] [:b 2]} (set (select ALL (mk)))))))
  (testing "LinkedHashMap keeps insertion order"
    (let [mk #(doto (LinkedHashMap.) (.put :c 3) (.put :a 1) (.put :b 2))]
      (is (= [:c :a :b] (keys (transform MAP-VALS inc (mk)))))
      (is (= [:c :a :b] (select MAP-KEYS (mk))))
      (are [f] (same-class-unmutated? mk f)
        #(transform MAP-VALS inc %)
        #(transform ALL identity %)
        #(setval :a NONE %))))
  (testing "TreeMap keeps its comparator"
    (let [cmp (reify java.util.Comparator (compare [_ a b] (compare b a)))
          mk #(doto (TreeMap. cmp) (.put 1 :a) (.put 2 :b) (.put 3 :c))]
      (is (= [3 2 1] (select MAP-KEYS (mk))))
      (is (= [30 20 10] (keys (transform MAP-KEYS #(* 10 %) (mk)))))
      (let [^TreeMap r (transform MAP-KEYS inc (mk))]
        (is (identical? cmp (.comparator r))))
      (is (= [3 :c] (select-first ALL (mk))))
      (are [f] (same-class-unmutated? mk f)
        #(transform MAP-VALS name %)
        #(transform ALL identity %)
        #(setval 9 :z %))))
  (testing "HashSet, LinkedHashSet, TreeSet"
    (are [mk] (same-class-unmutated? mk #(transform ALL inc %))
      #(HashSet. [1 2 3]) #(LinkedHashSet. [1 2 3]) #(TreeSet. [1 2 3]))
    (are [mk] (same-class-unmutated? mk #(setval [ALL even?] NONE %))
      #(HashSet. [1 2 3]) #(LinkedHashSet. [1 2 3]) #(TreeSet. [1 2 3]))
    (is (= #{2 3 4} (transform ALL inc (HashSet. [1 2 3]))))
    (is (same-class-unmutated? #(HashSet. [1 2]) #(setval NONE-ELEM 3 %)))
    (is (same-class-unmutated? #(HashSet. [1 2]) #(setval (set-elem 1) 5 %)))
    (is (same-class-unmutated? #(HashSet. [1 2]) #(setval (subset #{1}) #{7} %)))
    (is (= #{1 2 3} (setval NONE-ELEM 3 (HashSet. [1 2])))))
  (testing "unmodifiable collections stay unmodifiable"
    (let [r (transform ALL inc (Collections/unmodifiableList (ArrayList. [1 2])))]
      (is (= [2 3] r))
      (is (some? (caught (.add ^java.util.List r 1)))))
    (is (= {:a 2} (transform MAP-VALS inc (java.util.Map/of :a 1))))
    (is (= [2 3] (transform ALL inc (java.util.List/of 1 2)))))
  (testing "nested java and clojure collections"
    (let [mk #(doto (HashMap.) (.put :xs (ArrayList. [1 2])) (.put :m {:k [3]}))
          in (mk)
          out (transform [(multi-path [:xs ALL] [:m :k ALL])] inc in)]
      (is (= {:xs [2 3] :m {:k [4]}} out))
      (is (instance? HashMap out))
      (is (instance? ArrayList (get out :xs)))
      (is (= (mk) in) "nested java collections untouched"))))

(deftest failed-transforms-leave-the-input-unchanged
  (let [in (ArrayList. ^java.util.Collection (vector 1 2 (HashMap. ^java.util.Map (hash-map :a 1)) 4))
        snapshot (ArrayList. ^java.util.Collection (vector 1 2 (HashMap. ^java.util.Map (hash-map :a 1)) 4))]
    (is (some? (caught (transform [ALL] (fn [x] (if (map? x) (throw (ex-info "boom" {})) (inc x))) in))))
    (is (= snapshot in))
    (is (some? (caught (transform [(nthpath 2) :a] (fn [_] (throw (ex-info "boom" {}))) in))))
    (is (= snapshot in)))
  (let [in (HashMap. ^java.util.Map (hash-map :a (ArrayList. [1 2]) :b 5))]
    (is (some? (caught (transform [MAP-VALS ALL] inc in))) "ALL on a Long fails half way")
    (is (= {:a [1 2] :b 5} in))
    (is (instance? ArrayList (get in :a)))))
