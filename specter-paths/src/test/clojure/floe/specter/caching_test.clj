(ns floe.specter.caching-test
  "Inline caching of paths per call site (locals and dynamic vars are rebound on every call) and
  implicit navigators (values used directly in paths)."
  (:require [clojure.test :refer [deftest is testing are]]
            [floe.specter :refer :all]
            [floe.specter.test-support :refer [caught message-has?]]))

(set! *warn-on-reflection* true)

(def ^:dynamic *k* :a)

;; ---------------------------------------------------------------------------- locals

(defn- select-key [k data] (select [ALL (keypath k)] data))
(defn- select-implicit [p data] (select [ALL p] data))
(defn- select-eq [x data] (select [ALL #(= % x)] data))
(defn- select-in-set [x data] (select [ALL #{x}] data))
(defn- inc-where [x data] (transform [ALL (pred= x)] inc data))
(defn- nested [a b data] (select [a [:m [b]]] data))
(defn- branch [flag data] (select [(if flag :a :b)] data))

(deftest one-call-site-many-locals
  (is (= [1 nil] (select-key :a [{:a 1} {:b 2}])))
  (is (= [nil 2] (select-key :b [{:a 1} {:b 2}])))
  (is (= [1] (select-key :a [{:a 1}])) "and back")
  (is (= [2 2] (select-eq 2 [2 3 4 2 4])))
  (is (= [3] (select-eq 3 [2 3 4])))
  (is (= [1] (select-in-set 1 [1 2])))
  (is (= [2] (select-in-set 2 [1 2])))
  (is (= [2 2] (inc-where 1 [1 2])))
  (is (= [1 3] (inc-where 2 [1 2])))
  (is (= [1] (nested :x :y {:x {:m {:y 1}}})))
  (is (= [2] (nested :p :q {:p {:m {:q 2}}})))
  (is (= [1] (branch true {:a 1 :b 2})))
  (is (= [2] (branch false {:a 1 :b 2}))))

(deftest locals-of-every-implicit-kind
  (are [p data expected] (= expected (select-implicit p data))
    :a           [{:a 1}]           [1]
    "s"          [{"s" 2}]          [2]
    'sym         [{'sym 3}]         [3]
    0            [[4 5]]            [4]
    \c           [{\c 6}]           [6]
    true         [{true 7}]         [7]
    even?        [1 2]              [2]
    #{1}         [1 2]              [1]
    {2 :x}       [1 2]              [2]
    nil          [1 2]              [1 2]
    [:a :b]      [{:a {:b 8}}]      [8]
    '(:a :b)     [{:a {:b 9}}]      [9]
    []           [1]                [1]
    ALL          [[1 2]]            [1 2]
    (keypath :z) [{:z 10}]          [10]
    #"\d"        ["a1b2"]           ["1" "2"]))

(deftest locals-bound-to-whole-paths
  (let [f (fn [p data] (select p data))
        g (fn [p data] (transform p inc data))]
    (is (= [1] (f :a {:a 1})))
    (is (= [1 2] (f ALL [1 2])))
    (is (= [3] (f [:a :b] {:a {:b 3}})))
    (is (= [{:a 1}] (f nil {:a 1})))
    (is (= {:a 2} (g :a {:a 1})))
    (is (= [2 3] (g [ALL] [1 2])))
    (is (= {:a {:b 4}} (g (comp-paths :a :b) {:a {:b 3}})))))

(deftest loops-and-closures
  (is (= [[1] [2] [3]] (for [k [:a :b :c]] (select [k] {:a 1 :b 2 :c 3}))))
  (is (= [{:a 2 :b 2} {:a 1 :b 3}] (mapv (fn [k] (transform [k] inc {:a 1 :b 2})) [:a :b])))
  (is (= [1 2] (let [xs (atom [])]
                 (doseq [i [0 1]] (swap! xs conj (select-one (nthpath i) [1 2])))
                 @xs)))
  (let [fs (mapv (fn [k] (fn [m] (select-one [k] m))) [:x :y])]
    (is (= [1 2] (mapv #(% {:x 1 :y 2}) fs)))))

(def ^:dynamic *p* [:a])

(deftest dynamic-vars-are-read-on-every-call
  (let [f (fn [data] (select [ALL *k*] data))
        g (fn [data] (select [ALL (keypath *k*)] data))
        h (fn [data] (transform *p* inc data))]
    (is (= [1] (f [{:a 1 :b 2}])))
    (binding [*k* :b] (is (= [2] (f [{:a 1 :b 2}]))))
    (is (= [1] (f [{:a 1 :b 2}])))
    (binding [*k* :b] (is (= [2] (g [{:a 1 :b 2}]))) "inside a nested form")
    (is (= {:a 2} (h {:a 1})))
    (binding [*p* [:b ALL]] (is (= {:b [2 3]} (h {:b [1 2]}))) "a whole path in a dynamic var")))

(deftest primitive-and-loop-locals
  (is (= [5 6] (vec (for [i (range 2)] (select-one (keypath i) [5 6])))))
  (is (= [5 6] (loop [i 0 acc []]
                 (if (= i 2) acc (recur (inc i) (conj acc (select-one [(nthpath i)] [5 6])))))))
  (is (= [6 7] (let [out (atom [])]
                 (dotimes [i 2] (swap! out conj (select-one [ALL (pred= (+ 6 i))] [5 6 7])))
                 @out)))
  (let [n (long (count [:x :y]))]
    (is (= [[1 2]] (select (srange 0 n) [1 2 3])) "a primitive long local")))

(deftest locals-inside-nested-forms
  (let [f (fn [n data] (select [ALL (view (fn [x] (+ x n)))] data))
        g (fn [n data] (transform [ALL (if-path (pred> n) STAY STOP)] inc data))
        h (fn [k data] (select [(filterer (must k))] data))
        i (fn [n data] (select (srange 0 n) data))
        j (fn [k v data] (setval [(keypath k)] v data))]
    (is (= [11 12] (f 10 [1 2])))
    (is (= [21 22] (f 20 [1 2])))
    (is (= [1 3] (g 1 [1 2])))
    (is (= [2 2] (g 0 [1 1])))
    (is (= [[{:a 1}]] (h :a [{:a 1} {:b 2}])))
    (is (= [[{:b 2}]] (h :b [{:a 1} {:b 2}])))
    (is (= [[1]] (i 1 [1 2 3])))
    (is (= [[1 2]] (i 2 [1 2 3])))
    (is (= {:a 1} (j :a 1 {})))
    (is (= {:b 2} (j :b 2 {})))
    (testing "a local inside a nested select inside a path"
      (let [k (fn [key data] (select [ALL (selected? (view (fn [m] (select [key] m))) ALL some?)] data))]
        (is (= [{:a 1}] (k :a [{:a 1} {:b 2}])))
        (is (= [{:b 2}] (k :b [{:a 1} {:b 2}])))))))

(def ^:private built (atom 0))
(defn- counting-keypath [k] (swap! built inc) (keypath k))
(defn- select-counted [data] (select [(counting-keypath :a) :b] data))

(deftest static-parts-are-evaluated-once-per-call-site
  (is (= [1] (select-counted {:a {:b 1}})))
  (is (= [2] (select-counted {:a {:b 2}})))
  (is (= 1 @built) "a static invocation in a path runs once, when the call site first runs")
  (let [built (atom 0)
        nav-for (fn [k] (swap! built inc) (keypath k))
        f (fn [k data] (select [(nav-for k)] data))]
    (f :a {:a 1})
    (f :b {:b 1})
    (is (= 2 @built) "an invocation using a local runs on every call")))

(deftest path-macro
  (is (instance? dev.floe.specter.Nav (path :a :b)))
  (is (= [1] (compiled-select (path :a :b) {:a {:b 1}})))
  (is (= [{:a 1}] (compiled-select (path) {:a 1})))
  (let [k :a]
    (is (= [1] (compiled-select (path k) {:a 1})))
    (is (= [1] (compiled-select (path [k]) {:a 1}))))
  (is (= [2 4] (->> [1 2 3 4] (select [ALL even?]))))
  (is (= [2 3] (as-> [1 2] v (transform ALL inc v)))))

(deftest uncached-and-cached-agree-on-implicit-navigators
  (are [p data] (= (select* p data) (compiled-select (comp-paths p) data))
    :a {:a 1}
    [:a 0] {:a [5]}
    [ALL even?] [1 2]
    [ALL #{2}] [1 2]
    ["k"] {"k" 1}
    [#"a"] "banana"
    [nil nil] 1)
  (is (= [1] (select [:a 0] {:a [1]})) "a literal number is keypath (an index on vectors)")
  (is (= [nil] (select [:a 5] {:a [1]})))
  (is (= [1] (select [\c] {\c 1})))
  (is (= [1] (select [false] {false 1})))
  (is (= [1] (select [1.5] {1.5 1})))
  (is (= [1] (select ['s] {'s 1}))))

(deftest values-that-are-not-navigators
  (let [e (caught (select* (java.util.HashMap.) {:a 1}))]
    (is (instance? clojure.lang.ExceptionInfo (:ex e)))
    (is (message-has? e "Not a navigator" "java.util.HashMap"))
    (is (= "java.util.HashMap" (:type-str (:data e))))
    (is (instance? java.util.HashMap (:this (:data e)))))
  (is (message-has? (caught (let [x (Object.)] (select [:a x] {:a 1}))) "Not a navigator"))
  (is (message-has? (caught (comp-paths :a (java.util.ArrayDeque.))) "Not a navigator")))
