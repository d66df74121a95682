(ns floe.specter.values-test
  "Value navigators and filters: view, parser, nil->val, NIL->*, ATOM, META, NAME, NAMESPACE,
  regex-nav, pred and the pred comparisons."
  (:require [clojure.string :as str]
            [clojure.test :refer [deftest is testing are]]
            [floe.specter :refer :all]
            [floe.specter.test-support :refer [caught message-has?]]))

(set! *warn-on-reflection* true)

(deftest view-semantics
  (is (= [2] (select (view inc) 1)))
  (is (= 2 (transform (view inc) identity 1)) "the view's result replaces the value (no inverse)")
  (is (= {:a 3} (transform [:a (view inc)] inc {:a 1})))
  (is (= [[:v 2]] (select [(putval :v) (view inc)] 1)) "collected values pass through")
  (is (= [11] (select (view + 10) 1)) "Floe: extra arguments are passed after the value")
  (is (= [[3 2 1]] (select (view reverse) [1 2 3]))))

(deftest parser-semantics
  (is (= [2] (select (parser inc dec) 1)))
  (is (= 3 (transform (parser inc dec) #(* 2 %) 1)))
  (is (= "3" (transform (parser parse-long str) inc "2")))
  (is (= {:a "1,2,3"} (transform [:a (parser #(str/split % #",") #(str/join "," %))]
                                 #(mapv str (sort %)) {:a "3,1,2"}))))

(deftest nil->val-semantics
  (is (= [5] (select (nil->val 5) nil)))
  (is (= [1] (select (nil->val 5) 1)))
  (is (= [false] (select (nil->val 5) false)) "only nil is replaced")
  (is (= 6 (transform (nil->val 5) inc nil)))
  (is (= [[]] (select NIL->VECTOR nil)))
  (is (= [#{}] (select NIL->SET nil)))
  (is (= ['()] (select NIL->LIST nil)))
  (is (list? (select-one NIL->LIST nil)))
  (is (= [[1]] (select NIL->VECTOR [1])))
  (is (= {:a [1]} (setval [:a NIL->VECTOR END] [1] {})))
  (is (= {:a [0 1]} (setval [:a NIL->VECTOR END] [1] {:a [0]})))
  (is (= {:a #{1}} (setval [:a NIL->SET NONE-ELEM] 1 {})))
  (is (= {:a '(1)} (setval [:a NIL->LIST BEFORE-ELEM] 1 {}))))

(deftest atom-semantics
  (let [a (atom {:x 1})]
    (is (= [{:x 1}] (select ATOM a)))
    (is (= [1] (select [ATOM :x] a)))
    (is (identical? a (transform [ATOM :x] inc a)) "returns the same atom")
    (is (= {:x 2} @a) "the atom was swapped")
    (is (= {:a {:x 2}} (select-one [:b ATOM] {:b (atom {:a {:x 2}})}))))
  (is (= [1] (select ATOM (delay 1))) "select works on any IDeref"))

(deftest meta-semantics
  (let [v (with-meta [1 2] {:a 1})]
    (is (= [{:a 1}] (select META v)))
    (is (= [nil] (select META [1])))
    (is (= [nil] (select META 1)) "values without metadata navigate to nil")
    (is (= {:a 1 :b 2} (meta (transform META #(assoc % :b 2) v))))
    (is (= v (transform META #(assoc % :b 2) v)))
    (is (nil? (meta (setval META nil v))))
    (is (= [2] (select [META :a (view inc)] (with-meta [] {:a 1}))))
    (is (= [1] (select [META :a odd?] (with-meta [] {:a 1}))))
    (is (= {:a 2} (meta (transform [META :a] inc v)))))
  (let [e (caught (setval META {:x 1} 5))]
    (is (some? e) "a value that cannot carry metadata")
    (is (message-has? e "META" "java.lang.Long"))))

(deftest name-and-namespace
  (is (= ["b"] (select NAME :a/b)))
  (is (= ["b"] (select NAME 'a/b)))
  (is (= ["b"] (select NAME :b)))
  (is (= ["s"] (select NAME "s")) "strings are their own name")
  (is (= ["a"] (select NAMESPACE :a/b)))
  (is (= [nil] (select NAMESPACE :b)))
  (is (= :a/c (setval NAME "c" :a/b)))
  (is (= 'a/c (setval NAME "c" 'a/b)))
  (is (= :c/b (setval NAMESPACE "c" :a/b)))
  (is (= 'b (setval NAMESPACE nil 'a/b)))
  (is (= :x/b (setval NAMESPACE "x" :b)))
  (is (= :a/B (transform NAME str/upper-case :a/b)))
  (is (= {:user/a 1} (transform [MAP-KEYS NAMESPACE] (constantly "user") {:a 1})))
  (is (message-has? (caught (setval NAME "x" "s")) "NAME" "java.lang.String"))
  (is (message-has? (caught (select NAMESPACE "s")) "NAMESPACE"))
  (is (message-has? (caught (select NAME 1)) "NAME" "java.lang.Long")))

(deftest regex-nav-semantics
  (is (= ["ab" "ab"] (select (regex-nav #"ab") "abcab")))
  (is (= [["ab" "b"] ["ab" "b"]] (select (regex-nav #"a(b)") "abab")) "groups give vectors")
  (is (= [] (select (regex-nav #"z") "abc")))
  (is (= "XcX" (setval (regex-nav #"ab") "X" "abcab")))
  (is (= "b$1b$1" (transform (regex-nav #"a(b)") (fn [[_ g]] (str g "$1")) "abab"))
      "the replacement is literal: no group expansion")
  (is (= "ABcAB" (transform #"ab" str/upper-case "abcab")) "a regex in a path is regex-nav")
  (is (= ["ab"] (select [:s #"ab"] {:s "xaby"})))
  (is (= {:s "xy"} (setval [:s #"ab"] "" {:s "xaby"})))
  (is (= [1] (select [(regex-nav #"\d+") (parser parse-long str)] "a1")))
  (is (= "a2b3" (transform [(regex-nav #"\d+") (parser parse-long str)] inc "a1b2")))
  (is (message-has? (caught (select (regex-nav #"a") 5)) "regex-nav" "java.lang.Long"))
  (is (some? (caught (transform (regex-nav #"a") (constantly 1) "a"))) "a replacement must be a string"))

(deftest pred-semantics
  (is (= [2] (select (pred even?) 2)))
  (is (= [] (select (pred even?) 1)))
  (is (= 3 (transform (pred even?) inc 2)))
  (is (= 1 (transform (pred even?) inc 1)))
  (is (= [2 4] (select [ALL (pred even?)] [1 2 3 4])))
  (is (= [2 4] (select [ALL even?] [1 2 3 4])) "functions in paths are predicates")
  (is (= [:a] (select [ALL #{:a}] [:a :b])) "sets in paths are predicates")
  (is (= [nil] (select [ALL (pred nil?)] [nil false 1])) "it is the filter, not the value")
  (is (= [false] (select [ALL false?] [nil false 1])))
  (is (= [1 2] (select [ALL (pred< 3)] [1 2 3 4])) "the navigated value is on the left")
  (is (= [4] (select [ALL (pred> 3)] [1 2 3 4])))
  (is (= [1 2 3] (select [ALL (pred<= 3)] [1 2 3 4])))
  (is (= [3 4] (select [ALL (pred>= 3)] [1 2 3 4])))
  (is (= [3] (select [ALL (pred= 3)] [1 2 3 4])))
  (is (= [3.0] (select [ALL (pred= 3.0)] [3.0 4])))
  (is (= [1 2] (select [ALL (pred< 2.5)] [1 2 3])) "numeric comparison across types")
  (is (= [1 2] (select [ALL (pred< 3N)] [1 2 3])))
  (is (= [[1]] (select [ALL (pred= [1])] ['(1) [2]])) "pred= is Clojure =")
  (is (= [[2] [2]] (select [ALL (pred= [2])] ['(2) [2]])))
  (is (= [2 4] (transform [ALL (pred< 2)] dec [2 4])) "nothing < 2 here: unchanged"))
