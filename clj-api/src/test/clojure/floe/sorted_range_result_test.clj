(ns floe.sorted-range-result-test
  "RAMA-API §5.7.2/§5.16: the range navigators return materialized sorted collections that are both
  Clojure persistent sorted maps/sets and java.util.SortedMap/SortedSet, for in-memory values, test
  PStates and PStates of a cluster; Specter's own navigators keep returning what Specter returns."
  (:require [clojure.test :refer [deftest is testing]]
            [floe.path :refer :all :exclude [collect]]
            [floe.test :as rtest]))

(def ^:private m (sorted-map "a" 1 "b" 2 "c" 3 "d" 4))
(def ^:private s (sorted-set 1 2 3 4 5))

(deftest map-ranges-are-sorted-maps-and-java-sorted-maps
  (doseq [[label r] [["sorted-map-range" (select-one (sorted-map-range "a" "c") m)]
                     ["sorted-map-range-from" (select-one (sorted-map-range-from "a" 2) m)]
                     ["sorted-map-range-to" (select-one (sorted-map-range-to "c") m)]
                     ["sorted-map-range-from-start" (select-one (sorted-map-range-from-start 2) m)]
                     ["sorted-map-range-to-end" (select-one (sorted-map-range-to-end 2) m)]]]
    (testing label
      (is (instance? java.util.SortedMap r))
      (is (sorted? r))
      (is (map? r))))
  (let [^java.util.SortedMap r (select-one (sorted-map-range "a" "c") m)]
    (is (= {"a" 1 "b" 2} r))
    (is (= r {"a" 1 "b" 2}))
    (is (= (hash {"a" 1 "b" 2}) (hash r)))
    (is (= [["b" 2] ["a" 1]] (rseq r)))
    (is (= [["b" 2]] (subseq r > "a")))
    (is (= "{\"a\" 1, \"b\" 2}" (pr-str r)))
    (is (= ["a" "b"] (keys r)))
    (is (= 2 (r "b")))
    (is (= "a" (.firstKey r)))
    (is (= "b" (.lastKey r)))
    (is (= {"a" 1} (.headMap r "b")))
    (is (= {"b" 2} (.tailMap r "b")))
    (is (= {"b" 2} (.subMap r "b" "c")))
    (testing "updates keep a sorted map of the same kind"
      (doseq [x [(assoc r "0" 0) (dissoc r "a") (conj r ["z" 26]) (into r {"y" 25}) (empty r) (with-meta r {:k 1})]]
        (is (instance? java.util.SortedMap x))
        (is (sorted? x)))
      (is (= ["0" "a" "b"] (keys (assoc r "0" 0))))
      (is (= {:k 1} (meta (with-meta r {:k 1})))))))

(deftest set-ranges-are-sorted-sets-and-java-sorted-sets
  (doseq [[label r] [["sorted-set-range" (select-one (sorted-set-range 2 4) s)]
                     ["sorted-set-range-from" (select-one (sorted-set-range-from 2 2) s)]
                     ["sorted-set-range-to" (select-one (sorted-set-range-to 4) s)]
                     ["sorted-set-range-from-start" (select-one (sorted-set-range-from-start 2) s)]
                     ["sorted-set-range-to-end" (select-one (sorted-set-range-to-end 2) s)]]]
    (testing label
      (is (instance? java.util.SortedSet r))
      (is (sorted? r))
      (is (set? r))))
  (let [^java.util.SortedSet r (select-one (sorted-set-range 2 4) s)]
    (is (= #{2 3} r))
    (is (= (hash #{2 3}) (hash r)))
    (is (= [3 2] (rseq r)))
    (is (= "#{2 3}" (pr-str r)))
    (is (= 2 (.first r)))
    (is (= #{2} (.headSet r 3)))
    (is (= [1 2 3] (seq (conj r 1))))
    (is (instance? java.util.SortedSet (conj r 1)))
    (is (instance? java.util.SortedSet (disj r 2)))
    (is (= #{3} (disj r 2)))))

(deftest ranges-of-nil-are-empty-sorted-collections
  (is (instance? java.util.SortedMap (select-one (sorted-map-range-from "a") nil)))
  (is (instance? java.util.SortedSet (select-one (sorted-set-range-from 1) nil))))

(deftest transforms-through-ranges-merge-back
  (is (= {"a" 2 "b" 3 "c" 3 "d" 4} (transform [(sorted-map-range "a" "c") MAP-VALS] inc m)))
  (is (sorted? (transform [(sorted-map-range "a" "c") MAP-VALS] inc m)))
  (is (= {"a" 1 "bb" 0 "c" 3 "d" 4}
         (transform (sorted-map-range "a" "c") (fn [r] (is (instance? java.util.SortedMap r)) (-> r (dissoc "b") (assoc "bb" 0))) m)))
  (is (= #{1 4 5 20 30} (transform [(sorted-set-range 2 4) ALL] #(* 10 %) s))))

(deftest specter-navigators-are-unchanged
  (is (not (instance? java.util.SortedMap (select-one (submap ["a" "b"]) m)))
      "submap returns what Specter returns (a sorted map of the input's kind)")
  (is (= {"a" 1 "b" 2} (select-one (submap ["a" "b"]) m))))

(deftest test-pstate-ranges-are-java-sorted-maps
  (let [tp (rtest/create-test-pstate {String Long})]
    (doseq [k ["c" "a" "b"]] (rtest/test-pstate-transform [(keypath k) (termval 1)] tp))
    (let [r (rtest/test-pstate-select-one (sorted-map-range "a" "c") tp)]
      (is (instance? java.util.SortedMap r))
      (is (= {"a" 1 "b" 1} r))
      (is (= "a" (.firstKey ^java.util.SortedMap r))))))

(deftest java-range-options-objects-keep-their-settings
  (is (= [#{3}] (select (sorted-set-range-to 10 (dev.floe.SortedRangeToOptions/maxAmt 1)) (sorted-set 1 2 3)))
      "a Java options object is passed on, not read as an empty map")
  (is (= [{1 :a 2 :b}] (select (sorted-map-range-from 1 (dev.floe.SortedRangeFromOptions/maxAmt 2))
                               (sorted-map 1 :a 2 :b 3 :c))))
  (is (= [{2 :b 3 :c}] (select (sorted-map-range 1 3 (.includeEnd (.excludeStart (dev.floe.SortedRangeOptions/create))))
                               (sorted-map 1 :a 2 :b 3 :c))))
  (is (thrown-with-msg? IllegalArgumentException #"range options must be a map .* a SortedRangeToOptions; got"
                        (sorted-set-range-to 10 (dev.floe.SortedRangeFromOptions/maxAmt 1)))
      "options of another range kind are refused, not ignored"))

(deftest range-options-in-a-variable-reach-the-navigator-as-java-writes-them
  (let [tp (rtest/create-test-pstate {Long (floe.core/set-schema Long {:subindex? true})})]
    (doseq [x [1 2 3]] (rtest/test-pstate-transform [(keypath 0) NONE-ELEM (termval x)] tp))
    (doseq [[opts expected] [[(dev.floe.SortedRangeToOptions/maxAmt 1) #{2}]
                             [{:max-amt 2} #{1 2}]
                             [{:max-amt 1 :inclusive? true} #{3}]
                             [1 #{2}]]]
      (let [out (atom nil)]
        (floe.core/?<- (identity tp :> $$p) (identity opts :> *opts)
                       (floe.core/local-select> [(keypath 0) (sorted-set-range-to 3 *opts)] $$p :> *v)
                       (reset! out *v))
        (is (= expected @out) (pr-str opts)))))
  (is (= "[[:key #floe/array [0]] [:sortedSetRangeTo 3 \"*opts\"]]"
         (re-find #"\[\[:key.*\]\]" (dev.floe.ir.IrText/print
                                      (dev.floe.builder.ChainSupport/nodes
                                       (floe.core/java-block<- (floe.core/local-select> [(keypath 0) (sorted-set-range-to 3 *opts)] $$p :> *v))))))
      "the same path step as Java's sortedSetRangeTo(3, \"*opts\")"))
