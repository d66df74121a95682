(ns floe.specter.errors-test
  "Error behaviour: Specter's messages for select-one, select-one! and multi-transform,
  \"Not a navigator\", and Floe's PathException for navigators applied to incompatible values
  (naming the navigator and the value's type). Failed transforms leave inputs unchanged."
  (:require [clojure.test :refer [deftest is testing are]]
            [floe.specter :refer :all]
            [floe.specter.test-support :refer [caught message-has?]])
  (:import [dev.floe.specter PathException]))

(set! *warn-on-reflection* true)

(deftest select-one-errors
  (let [e (caught (select-one ALL [1 2 3]))]
    (is (instance? PathException (:ex e)))
    (is (instance? clojure.lang.ExceptionInfo (:ex e)))
    (is (message-has? e "More than one element found in structure"))
    (is (= 2 (:structure (:data e)))))
  (let [e (caught (select-one [(putval :c) ALL] [1 2]))]
    (is (= [:c 2] (:structure (:data e))) "the offending result includes collected values"))
  (let [e (caught (select-one! ALL []))]
    (is (instance? PathException (:ex e)))
    (is (message-has? e "Found no elements for select-one!"))
    (is (= [] (:structure (:data e)))))
  (is (message-has? (caught (select-one! ALL [1 2])) "More than one element found"))
  (is (message-has? (caught (compiled-select-one! (comp-paths ALL) [])) "Found no elements"))
  (is (message-has? (caught (select [(collect-one ALL) ALL] [1 2])) "More than one element found")))

(deftest multi-transform-errors
  (let [e (caught (multi-transform [:a :b] {:a {:b 1}}))]
    (is (instance? clojure.lang.ExceptionInfo (:ex e)))
    (is (message-has? e "multi-transform" "terminal"))
    (is (= [1] (:nav (:data e)))))
  (let [e (caught (multi-transform [(putval :c) :a] {:a 1}))]
    (is (= [:c 1] (:nav (:data e))) "collected values then the value"))
  (is (message-has? (caught (multi-transform* [ALL] [1])) "terminal"))
  (is (= [1] (multi-transform [ALL #(> % 5) :never] [1])) "no branch reached the end: no error"))

(deftest not-a-navigator
  (doseq [v [(Object.) (java.util.HashMap.) (java.util.ArrayDeque.) (int-array 2)]]
    (let [e (caught (comp-paths :a v))]
      (is (instance? clojure.lang.ExceptionInfo (:ex e)))
      (is (message-has? e "Not a navigator" (.getName (class v))))
      (is (identical? v (:this (:data e))))
      (is (= (.getName (class v)) (:type-str (:data e))))))
  (is (message-has? (caught (select* (Object.) 1)) "Not a navigator"))
  (is (message-has? (caught (let [x (Object.)] (select [x] 1))) "Not a navigator")))

(defn- incompatible?
  "Whether f throws a PathException naming the navigator label and the value's type."
  [label type-name f]
  (let [e (caught (f))]
    (and (instance? PathException (:ex e))
         (message-has? e label type-name)
         (= label (:navigator (:data e)))
         (= type-name (:type (:data e))))))

(deftest incompatible-values-name-the-navigator-and-the-type
  (are [label type-name f] (incompatible? label type-name f)
    "(keypath :a)"  "java.lang.Long"               #(select :a 5)
    "(keypath :a)"  "java.lang.Long"               #(setval [:a] 1 5)
    "(keypath :b)"  "java.lang.Long"               #(select [:a :b] {:a 5})
    "(must :a)"     "java.lang.Long"               #(select (must :a) 5)
    "ALL"           "java.lang.Long"               #(select ALL 5)
    "ALL"           "clojure.lang.Keyword"         #(transform ALL inc :k)
    "MAP-VALS"      "clojure.lang.PersistentVector" #(select MAP-VALS [1 2])
    "MAP-VALS"      "java.lang.Long"               #(transform MAP-VALS inc 1)
    "MAP-KEYS"      "clojure.lang.PersistentHashSet" #(select MAP-KEYS #{1})
    "FIRST"         "java.lang.Long"               #(select FIRST 1)
    "LAST"          "java.lang.Long"               #(transform LAST inc 1)
    "(srange 0 1)"  "java.lang.Long"               #(select (srange 0 1) 1)
    "BEGINNING"     "java.lang.Long"               #(setval BEGINNING [1] 1)
    "END"           "java.lang.Long"               #(select END 1)
    "AFTER-ELEM"    "clojure.lang.PersistentArrayMap" #(setval AFTER-ELEM 1 {:a 1})
    "(before-index 0)" "clojure.lang.PersistentHashSet" #(setval (before-index 0) 1 #{1})
    "NONE-ELEM"     "clojure.lang.PersistentVector" #(setval NONE-ELEM 1 [1])
    "(set-elem 1)"  "clojure.lang.PersistentVector" #(select (set-elem 1) [1])
    "(map-key :a)"  "clojure.lang.PersistentVector" #(select (map-key :a) [1])
    "(submap [:a])" "java.lang.Long"               #(select (submap [:a]) 1)
    "(subset #{1})"  "clojure.lang.PersistentVector" #(select (subset #{1}) [1])
    "(nthpath 0)"   "clojure.lang.PersistentArrayMap" #(select (nthpath 0) {:a 1})
    "(index-nav 0)" "java.lang.Long"               #(select (index-nav 0) 1)
    "INDEXED-VALS"  "java.lang.Long"               #(select INDEXED-VALS 1)
    "ATOM"          "java.lang.Long"               #(select ATOM 1)
    "META"          "java.lang.Long"               #(setval META {} 1)
    "NAME"          "java.lang.Long"               #(select NAME 1)
    "NAMESPACE"     "java.lang.String"             #(select NAMESPACE "s")
    "(regex-nav #\"a\")" "java.lang.Long"          #(select #"a" 1))
  (testing "nil is not a type error where Specter allows it"
    (is (= [] (select ALL nil)))
    (is (= [nil] (select :a nil)))
    (is (= [] (select MAP-VALS nil)))))

(deftest errors-from-deep-in-a-path
  (let [e (caught (select [:a ALL :b] {:a [{:b 1} 7]}))]
    (is (message-has? e "(keypath :b)" "java.lang.Long")))
  (let [e (caught (transform [MAP-VALS ALL] inc {:x [1] :y 2}))]
    (is (message-has? e "ALL" "java.lang.Long"))))

(deftest failed-transforms-leave-persistent-input-unchanged
  (let [in {:a [1 2 {:b 3}] :c 4}]
    (is (some? (caught (transform [:a ALL] inc in))) "inc of a map throws half way")
    (is (= {:a [1 2 {:b 3}] :c 4} in)))
  (let [in (java.util.ArrayList. [1 2 3])]
    (is (some? (caught (transform ALL #(if (= % 3) (throw (ex-info "boom" {})) %) in))))
    (is (= [1 2 3] in))))

(deftest index-errors
  (is (some? (caught (select (nthpath 5) [1 2]))))
  (is (some? (caught (select (srange 1 9) [1 2]))))
  (is (some? (caught (setval (keypath 5) 1 [1 2]))))
  (is (some? (caught (setval (index-nav 0) 9 [1 2]))))
  (is (message-has? (caught (setval (before-index 2) 1 nil)) "can only insert before index 0")))
