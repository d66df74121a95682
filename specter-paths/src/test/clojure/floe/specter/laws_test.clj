(ns floe.specter.laws-test
  "Navigator laws, checked with test.check on generated data and paths:
  - select after setval returns the value set (keypath chains, nthpath, FIRST/LAST, MAP-VALS, ALL);
  - transform with identity is the identity (and keeps collection kinds);
  - transform then select is select then map;
  - compiled (cached macro, `path`, comp-paths + compiled-*) and uncached (`select*` ...) agree;
  - java.util collections and Clojure collections agree;
  - setval NONE on a keypath removes the key;
  - select-any / select-first are the first of select; traverse reduces like select."
  (:require [clojure.test :refer [deftest is]]
            [clojure.test.check.clojure-test :refer [defspec]]
            [clojure.test.check.generators :as gen]
            [clojure.test.check.properties :as prop]
            [floe.specter :as s :refer [select select-one select-any select-first selected-any?
                                        transform setval traverse comp-paths compiled-select
                                        compiled-transform compiled-setval compiled-select-any
                                        NONE ALL MAP-VALS MAP-KEYS FIRST LAST STAY STOP keypath
                                        must nthpath srange walker codewalker filterer subselect
                                        if-path multi-path recursive-path INDEXED-VALS BEGINNING
                                        END continuous-subseqs submap subset stay-then-continue
                                        continue-then-stay NIL->VECTOR pred= view]]
            [floe.specter.test-support :refer [->java ->clj]]))

(set! *warn-on-reflection* true)

(defn- quiet-reporter
  "test.check's clojure.test reporter, without the completion line printed for every passing spec."
  [m]
  (when-not (= :complete (:type m))
    (clojure.test.check.clojure-test/default-reporter-fn m)))

(def ^:private num-tests {:num-tests 120 :reporter-fn quiet-reporter})

;; ---------------------------------------------------------------------------- generators

(def gen-key (gen/elements [:a :b :c :d]))

(def gen-scalar (gen/one-of [gen/small-integer gen-key (gen/elements ["x" "yz" ""]) (gen/return nil)]))

(def gen-data
  "Nested Clojure data: vectors, lists, hash maps, sorted maps, sets, sorted sets, scalars."
  (gen/recursive-gen
   (fn [inner]
     (gen/one-of [(gen/vector inner 0 4)
                  (gen/fmap #(apply list %) (gen/vector inner 0 3))
                  (gen/map gen-key inner {:max-elements 4})
                  (gen/fmap #(into (sorted-map) %) (gen/map gen-key inner {:max-elements 3}))
                  (gen/set inner {:max-elements 3})
                  (gen/fmap #(into (sorted-set) %) (gen/set gen/small-integer {:max-elements 4}))]))
   gen-scalar))

(def gen-map-tree
  "Maps of maps with integer leaves."
  (gen/recursive-gen (fn [inner] (gen/map gen-key inner {:max-elements 3})) gen/small-integer))

(def gen-ordered-data
  "Nested vectors and maps (no sets), convertible to ordered java.util collections."
  (gen/recursive-gen
   (fn [inner]
     (gen/one-of [(gen/vector inner 0 4)
                  (gen/map gen-key inner {:max-elements 4})
                  (gen/fmap #(into (sorted-map) %) (gen/map gen-key inner {:max-elements 3}))]))
   (gen/one-of [gen/small-integer gen-key])))

(def gen-unordered-data
  "Nested vectors, maps and sets, for order-insensitive navigators."
  (gen/recursive-gen
   (fn [inner]
     (gen/one-of [(gen/vector inner 0 4)
                  (gen/map gen-key inner {:max-elements 4})
                  (gen/set inner {:max-elements 4})]))
   (gen/one-of [gen/small-integer gen-key])))

(defn- num-even? [x] (and (integer? x) (even? x)))
(defn- inc-num [x] (if (number? x) (inc x) x))

(def guarded-navs
  "Navigators that never fail, whatever the data (each step checks the kind it needs)."
  [STAY
   (walker number?)
   (codewalker keyword?)
   (if-path coll? ALL)
   (if-path map? MAP-VALS)
   (if-path map? MAP-KEYS)
   (if-path sequential? FIRST)
   (if-path sequential? LAST)
   (if-path vector? (srange 0 0))
   (if-path vector? BEGINNING)
   (if-path vector? END)
   (if-path vector? INDEXED-VALS)
   (if-path vector? (filterer number?))
   (if-path vector? (continuous-subseqs number?))
   (if-path map? (submap [:a :b]))
   (if-path map? (must :a))
   (if-path (fn [x] (and (set? x) (not (sorted? x)))) (subset #{1 2 :a}))
   (if-path (fn [x] (and (vector? x) (seq x))) (nthpath 0))
   (subselect (walker number?))
   (stay-then-continue (if-path coll? ALL))
   (continue-then-stay (if-path map? MAP-VALS))
   (multi-path (if-path map? (must :b)) (if-path vector? LAST))
   (recursive-path [] p (if-path coll? [ALL p] STAY))])

(def gen-guarded-path (gen/vector (gen/elements guarded-navs) 1 3))

(def gen-any-nav
  "Navigators and implicit navigators, some of which fail on some data (the failure must then be
  the same whichever way the path is compiled)."
  (gen/one-of [(gen/elements [ALL MAP-VALS MAP-KEYS FIRST LAST STAY STOP INDEXED-VALS BEGINNING END
                              NIL->VECTOR number? keyword? map? vector? nil num-even?
                              (walker number?) (filterer number?) (view count)])
               gen-key
               (gen/fmap keypath gen-key)
               (gen/fmap must gen-key)
               (gen/fmap nthpath (gen/choose 0 2))
               (gen/fmap (fn [[a b]] (srange (min a b) (max a b))) (gen/tuple (gen/choose 0 2) (gen/choose 0 2)))
               (gen/fmap pred= gen-scalar)
               (gen/fmap (fn [k] #{k}) gen-scalar)]))

(def gen-rich-nav
  "gen-any-nav plus collectors and combinators built from it."
  (gen/frequency
   [[6 gen-any-nav]
    [1 (gen/elements [s/VAL s/DISPENSE (s/putval :p) (s/collect-one FIRST) (s/collect ALL)
                      (s/with-fresh-collected (s/putval :f))])]
    [1 (gen/fmap (fn [[a b]] (multi-path a b)) (gen/tuple gen-any-nav gen-any-nav))]
    [1 (gen/fmap (fn [[a b c]] (if-path a b c)) (gen/tuple gen-any-nav gen-any-nav gen-any-nav))]
    [1 (gen/fmap s/selected? gen-any-nav)]
    [1 (gen/fmap s/not-selected? gen-any-nav)]
    [1 (gen/fmap subselect gen-any-nav)]]))

(def gen-any-path (gen/vector gen-any-nav 0 4))

(def gen-rich-path (gen/vector gen-rich-nav 0 4))

(defn- inc-last
  "A transform fn for paths that may collect values: increments the navigated value if a number."
  ([v] (inc-num v))
  ([a v] (inc-num v))
  ([a b v] (inc-num v))
  ([a b c & more] (inc-num (last more))))

(defn- outcome
  "[:ok value] or [:error class message] for calling f."
  [f]
  (try [:ok (f)]
       (catch Exception e [:error (class e) (ex-message e)])))

(defn- kinds
  "The collection kinds inside x (vector, list, set, sorted set, map, sorted map), as a structure."
  [x]
  (let [kind (cond (vector? x) :vector
                   (and (sorted? x) (map? x)) :sorted-map
                   (map? x) :map
                   (and (sorted? x) (set? x)) :sorted-set
                   (set? x) :set
                   (list? x) :list
                   (seq? x) :seq
                   :else nil)]
    (cond
      (map? x) [kind (into {} (map (fn [[k v]] [k (kinds v)])) x)]
      (set? x) [kind (set (map kinds x))]
      (coll? x) [kind (mapv kinds x)]
      :else nil)))

;; ---------------------------------------------------------------------------- select after setval

(defn- valid-prefix
  "The longest prefix of ks along which every value before the last is a map or nil."
  [m ks]
  (loop [v m, done [], [k & more :as ks] ks]
    (if (and k (or (nil? v) (map? v)))
      (recur (get v k) (conj done k) more)
      done)))

(defspec select-after-setval-on-keypath-chains num-tests
  (prop/for-all [m gen-map-tree
                 ks (gen/vector gen-key 1 4)
                 v gen-scalar]
    (let [ks (valid-prefix m ks)
          p (apply keypath ks)]
      (and (= v (select-one p (setval p v m)))
           (= v (s/select-one* (vec ks) (s/setval* (vec ks) v m)))
           (= v (get-in (setval p v m) ks))))))

(defspec select-after-setval-on-nthpath-first-last num-tests
  (prop/for-all [xs (gen/not-empty (gen/vector gen/small-integer))
                 as-list? gen/boolean
                 i gen/nat
                 v gen-scalar]
    (let [xs (if as-list? (apply list xs) xs)
          i (mod i (count xs))]
      (and (= v (select-one (nthpath i) (setval (nthpath i) v xs)))
           (= v (select-one FIRST (setval FIRST v xs)))
           (= v (select-one LAST (setval LAST v xs)))
           (= (count xs) (count (setval (nthpath i) v xs)))
           (= (if as-list? :list :vector) (first (kinds (setval (nthpath i) v xs))))))))

(defspec select-after-setval-on-all-and-map-vals num-tests
  (prop/for-all [xs (gen/vector gen-scalar)
                 m (gen/map gen-key gen-scalar)
                 v gen-scalar]
    (and (= (repeat (count xs) v) (select ALL (setval ALL v xs)))
         (= (repeat (count m) v) (select MAP-VALS (setval MAP-VALS v m)))
         (= (vec (keys m)) (select MAP-KEYS (setval MAP-VALS v m)))
         (= (if (seq xs) #{v} #{}) (set (select ALL (setval ALL v (set xs))))))))

(defspec select-after-setval-on-strings num-tests
  (prop/for-all [st (gen/not-empty gen/string-alphanumeric)
                 c gen/char-alphanumeric]
    (and (= c (select-one FIRST (setval FIRST c st)))
         (= c (select-one LAST (setval LAST c st)))
         (= (count st) (count (setval FIRST c st))))))

;; ---------------------------------------------------------------------------- identity

(defspec transform-identity-is-identity num-tests
  (prop/for-all [data gen-data
                 path gen-guarded-path]
    (let [out (transform path identity data)]
      (and (= data out)
           (= (kinds data) (kinds out))))))

(defspec transform-identity-on-java-collections num-tests
  (prop/for-all [data gen-ordered-data
                 path gen-guarded-path]
    (let [in (->java data)
          out (transform path identity in)]
      (and (= data (->clj out))
           (= (class in) (class out))
           (= data (->clj in))))))

(defspec transform-then-select-is-select-then-map num-tests
  (prop/for-all [data gen-data
                 p (gen/elements [[(walker number?)]
                                  [(if-path map? MAP-VALS) (walker number?)]
                                  [(if-path vector? ALL) (if-path number? STAY)]
                                  [(recursive-path [] p (if-path coll? [ALL p] STAY)) number?]])]
    (= (frequencies (map inc-num (select p data)))
       (frequencies (select p (transform p inc-num data))))))

;; ---------------------------------------------------------------------------- compiled vs uncached

(defn- select-cached [p data] (select p data))
(defn- select-cached-wrapped [p data] (select [STAY p [STAY]] data))
(defn- transform-cached [p data] (transform [p] inc-num data))
(defn- setval-cached [p data] (setval [p num-even?] NONE data))

(defspec compiled-and-uncached-agree num-tests
  (prop/for-all [data gen-data
                 path gen-any-path]
    (let [compiled (apply comp-paths path)
          sel (outcome #(s/select* path data))]
      (and (= sel (outcome #(compiled-select compiled data)))
           (= sel (outcome #(select-cached path data)))
           (= sel (outcome #(select-cached-wrapped path data)))
           (= sel (outcome #(compiled-select (s/path path) data)))
           (= (outcome #(s/select-any* path data)) (outcome #(compiled-select-any compiled data)))
           (= (outcome #(s/selected-any?* path data)) (outcome #(selected-any? path data)))
           (= (outcome #(s/select-first* path data)) (outcome #(select-first path data)))
           (let [tr (outcome #(s/transform* path inc-num data))]
             (and (= tr (outcome #(compiled-transform compiled inc-num data)))
                  (= tr (outcome #(transform-cached path data)))))
           (let [sv (outcome #(s/setval* [path num-even?] NONE data))]
             (and (= sv (outcome #(compiled-setval (comp-paths path num-even?) NONE data)))
                  (= sv (outcome #(setval-cached path data)))))))))

(defspec compiled-and-uncached-agree-with-collectors-and-combinators num-tests
  (prop/for-all [data gen-data
                 path gen-rich-path]
    (let [compiled (apply comp-paths path)
          sel (outcome #(s/select* path data))]
      (and (= sel (outcome #(compiled-select compiled data)))
           (= sel (outcome #(select-cached path data)))
           (= (outcome #(s/select-any* path data)) (outcome #(compiled-select-any compiled data)))
           (let [tr (outcome #(s/transform* path inc-last data))]
             (and (= tr (outcome #(compiled-transform compiled inc-last data)))
                  (= tr (outcome #(transform [path] inc-last data)))))
           (or (= :error (first sel))
               (= (outcome #(s/select-any* path data))
                  [:ok (if (seq (second sel)) (first (second sel)) NONE)]))))))

(defspec collected-values-prefix-every-result num-tests
  (prop/for-all [data gen-data
                 path gen-guarded-path
                 c gen-scalar]
    (and (= (mapv #(vector c %) (select path data))
            (select [(s/putval c) path] data))
         (= (mapv #(vector data %) (select path data))
            (select [s/VAL path] data))
         (= (outcome #(transform path inc-num data))
            (outcome #(transform [(s/putval c) path] (fn [_ v] (inc-num v)) data)))
         (= (outcome #(transform path inc-num data))
            (outcome #(s/vtransform [(s/putval c) path] (fn [vs v] (if (= [c] vs) (inc-num v) :wrong)) data))))))

;; ---------------------------------------------------------------------------- java vs clojure

(defn- any-map? [x] (instance? java.util.Map x))
(defn- any-list? [x] (instance? java.util.List x))
(defn- any-set? [x] (instance? java.util.Set x))

(def ordered-java-navs
  [ALL MAP-VALS MAP-KEYS FIRST LAST (walker number?) (filterer number?) BEGINNING END
   (keypath :a) (must :a) (must :b) (nthpath 0) (srange 0 1) number? keyword? any-map? any-list?
   (if-path any-list? INDEXED-VALS) (if-path any-list? (subselect ALL number?))])

(def unordered-java-navs
  [ALL MAP-VALS MAP-KEYS (walker number?) (must :a) (keypath :b) number? any-set? any-map? any-list?])

(defn- agree-on-java?
  "Whether running op on data and on its java.util mirror give the same outcome (results compared
  after converting back; errors compared by occurrence only, as Clojure and java collections fail
  with different exception types)."
  [op data]
  (let [clj (outcome #(op data))
        jv (outcome #(op (->java data)))]
    (if (= :ok (first clj))
      (and (= :ok (first jv)) (= (->clj (second clj)) (->clj (second jv))))
      (= :error (first jv)))))

(defspec java-and-clojure-collections-agree num-tests
  (prop/for-all [data gen-ordered-data
                 path (gen/vector (gen/elements ordered-java-navs) 1 3)]
    (and (agree-on-java? #(s/select* path %) data)
         (agree-on-java? #(s/transform* path inc-num %) data)
         (agree-on-java? #(s/setval* [path num-even?] NONE %) data)
         (agree-on-java? #(s/select-any* path %) data))))

(defspec java-and-clojure-sets-agree num-tests
  (prop/for-all [data gen-unordered-data
                 path (gen/vector (gen/elements unordered-java-navs) 1 3)]
    (let [freq-select (fn [d] (frequencies (map ->clj (s/select* path d))))]
      (and (agree-on-java? freq-select data)
           (agree-on-java? #(s/transform* path inc-num %) data)
           (agree-on-java? #(s/setval* [path num-even?] NONE %) data)))))

;; ---------------------------------------------------------------------------- NONE removal

(defspec setval-none-on-keypath-removes-the-key num-tests
  (prop/for-all [m (gen/map gen-key gen-scalar)
                 k gen-key
                 sort? gen/boolean]
    (let [m (if sort? (into (sorted-map) m) m)
          r (setval (keypath k) NONE m)]
      (and (= (dissoc m k) r)
           (not (contains? r k))
           (= (dissoc m k) (setval (must k) NONE m))
           (= (dissoc m k) (->clj (setval (keypath k) NONE (->java m))))
           (= (sorted? m) (sorted? r))))))

(defspec setval-none-on-an-index-removes-it num-tests
  (prop/for-all [xs (gen/not-empty (gen/vector gen/small-integer))
                 i gen/nat]
    (let [i (mod i (count xs))
          expected (into (subvec xs 0 i) (subvec xs (inc i)))]
      (and (= expected (setval (keypath i) NONE xs))
           (= expected (setval (nthpath i) NONE xs))
           (= expected (setval (nthpath i) NONE (apply list xs)))
           (vector? (setval (nthpath i) NONE xs))))))

;; ---------------------------------------------------------------------------- select-any, traverse

(defspec select-any-and-select-first-are-the-first-of-select num-tests
  (prop/for-all [data gen-data
                 path gen-any-path]
    (let [sel (outcome #(s/select* path data))]
      (or (= :error (first sel))
          (let [results (second sel)]
            (if (empty? results)
              (and (identical? NONE (s/select-any* path data))
                   (nil? (s/select-first* path data))
                   (false? (s/selected-any?* path data)))
              (and (= (first results) (s/select-any* path data))
                   (= (first results) (s/select-first* path data))
                   (true? (s/selected-any?* path data)))))))))

(defspec traverse-reduces-like-select num-tests
  (prop/for-all [data gen-data
                 path gen-any-path
                 n (gen/choose 0 3)]
    (let [sel (outcome #(s/select* path data))]
      (or (= :error (first sel))
          (let [results (second sel)]
            (and (= results (reduce conj [] (s/traverse* path data)))
                 (= results (into [] (s/traverse* path data)))
                 (= (count results) (reduce (fn [c _] (inc c)) 0 (s/traverse* path data)))
                 (= (vec (take n results))
                    (reduce (fn [acc x] (if (= n (count acc)) (reduced acc) (conj acc x)))
                            [] (s/traverse* path data)))
                 (= (vec (take n results))
                    (into [] (comp (s/traverse-all* path) (take n)) [data]))))))))

;; ---------------------------------------------------------------------------- composition

(defspec composition-is-nested-selection num-tests
  (prop/for-all [data gen-data
                 p1 gen-guarded-path
                 p2 gen-guarded-path]
    (= (select [p1 p2] data)
       (vec (mapcat #(select p2 %) (select p1 data))))))

(deftest the-generators-produce-interesting-data
  (let [samples (gen/sample gen-data 200)]
    (is (some map? samples))
    (is (some vector? samples))
    (is (some set? samples))
    (is (some list? samples))
    (is (some sorted? samples))))
