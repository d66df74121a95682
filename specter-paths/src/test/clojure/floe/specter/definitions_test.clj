(ns floe.specter.definitions-test
  "Defining navigators: defnav, nav, defrichnav, richnav, defcollector, collector,
  defdynamicnav, dynamicnav, late-bound-*, late-path, recursion (recursive-path, declarepath,
  providepath, local-declarepath) and protocol paths."
  (:require [clojure.string :as str]
            [clojure.test :refer [deftest is testing]]
            [floe.specter :refer :all]
            [floe.specter.test-support :refer [caught message-has?]]))

(set! *warn-on-reflection* true)

(defn- messages
  "Every message in the cause chain of the caught error."
  [err]
  (str/join " | " (map ex-message (take-while some? (iterate ex-cause (:ex err))))))

;; ---------------------------------------------------------------------------- defnav / nav

(defnav ^{:doc "Every element of a vector, short-circuiting."} EACH
  []
  (select* [this structure next-fn]
    (reduce (fn [_ e] (let [r (next-fn e)] (if (reduced? r) (reduced r) r))) NONE structure))
  (transform* [this structure next-fn]
    (into [] (comp (map next-fn) (remove #(identical? NONE %))) structure)))

(defnav nth-elem [i]
  (transform* [this structure next-fn]          ; methods in either order
    (assoc structure i (next-fn (nth structure i))))
  (select* [this structure next-fn]
    (next-fn (nth structure i))))

(deftest defnav-without-params
  (is (= [1 2 3] (select EACH [1 2 3])))
  (is (= [2 3 4] (transform EACH inc [1 2 3])))
  (is (= [1 3] (setval [EACH even?] NONE [1 2 3 4])))
  (is (= [[1 2] [3]] (select [EACH (subselect EACH)] [[1 2] [3]]) ) )
  (is (= "Every element of a vector, short-circuiting." (:doc (meta #'EACH))))
  (is (= '([]) (:arglists (meta #'EACH))))
  (testing "reduced propagates, so select-first stops early"
    (let [seen (atom [])]
      (is (= 1 (select-first [EACH (view (fn [x] (swap! seen conj x) x))] [1 2 3])))
      (is (= [1] @seen))))
  (testing "generated helpers take [params... structure next-fn]"
    (is (= [2 3] (EACH-transform* [1 2] inc)))
    (is (= 2 (EACH-select* [1 2] identity)) "the last non-NONE result")))

(deftest defnav-with-params
  (is (= [2] (select (nth-elem 1) [1 2])))
  (is (= [1 3] (transform (nth-elem 1) inc [1 2])))
  (is (= '([i]) (:arglists (meta #'nth-elem))))
  (is (= [[:c 2]] (select [(putval :c) (nth-elem 1)] [1 2])) "collected values flow through")
  (is (= [1 12] (transform [(putval 10) (nth-elem 1)] + [1 2])))
  (is (= 20 (nth-elem-select* 1 [1 2] #(* 10 %))))
  (is (= [1 20] (nth-elem-transform* 1 [1 2] #(* 10 %)))))

(deftest anonymous-nav
  (let [INC (nav [] (select* [this s next-fn] (next-fn (inc s))) (transform* [this s next-fn] (dec (next-fn (inc s)))))
        plus (nav [n] (select* [this s next-fn] (next-fn (+ s n))) (transform* [this s next-fn] (- (next-fn (+ s n)) n)))]
    (is (= [2] (select INC 1)))
    (is (= 19 (transform INC #(* 10 %) 1)) "(dec (* 10 (inc 1)))")
    (is (= [11] (select (plus 10) 1)))
    (is (= [6 8] (transform [ALL (plus 10)] #(+ % 2) [4 6])))
    (is (instance? dev.floe.specter.Nav (plus 1))))
  (testing "both methods are required"
    (let [e (caught (eval '(floe.specter/nav [] (select* [this s nf] (nf s)))))]
      (is (some? e))
      (is (str/includes? (messages e) "must implement select* and transform*")))))

;; ---------------------------------------------------------------------------- rich navs

(defrichnav COLLECT-COUNT []
  (select* [this vals structure next-fn] (next-fn (conj vals (count structure)) structure))
  (transform* [this vals structure next-fn] (next-fn (conj vals (count structure)) structure)))

(defrichnav drop-vals [n]
  (select* [this vals structure next-fn] (next-fn (vec (drop n vals)) structure))
  (transform* [this vals structure next-fn] (next-fn (vec (drop n vals)) structure)))

(deftest defrichnav-and-richnav
  (is (= [[2 [1 2]]] (select COLLECT-COUNT [1 2])))
  (is (= [[2 1] [2 2]] (select [COLLECT-COUNT ALL] [1 2])))
  (is (= [3 4] (transform [COLLECT-COUNT ALL] + [1 2])))
  (is (= '([n]) (:arglists (meta #'drop-vals))))
  (is (= [[:b 1]] (select [(putval :a) (putval :b) (drop-vals 1) ALL] [1])))
  (is (= [1] (select [(putval :a) (drop-vals 1) ALL] [1])) "an empty vector means nothing collected")
  (let [with-vals (richnav [] (select* [this vals s next-fn] (next-fn vals [vals s]))
                          (transform* [this vals s next-fn] (next-fn vals s)))
        add-vals (richnav [k] (select* [this vals s next-fn] (next-fn (conj vals k) s))
                          (transform* [this vals s next-fn] (next-fn (conj vals k) s)))]
    (is (= [[:x [[:x] 1]]] (select [(putval :x) with-vals] 1)))
    (is (= [[:k 1]] (select [(add-vals :k) ALL] [1])))
    (is (= [11] (transform [(add-vals 10) ALL] + [1])))))

;; ---------------------------------------------------------------------------- collectors

(defcollector SIZE [] (collect-val [this structure] (count structure)))
(defcollector plus-n [n] (collect-val [this structure] (+ n structure)))

(deftest collectors
  (is (= [[2 [1 2]]] (select SIZE [1 2])))
  (is (= [[2 1] [2 2]] (select [SIZE ALL] [1 2])))
  (is (= [[11 1]] (select (plus-n 10) 1)))
  (is (= 12 (transform (plus-n 10) + 1)) "collectors never change the structure itself")
  (is (= [[6 3]] (select (collector [] (collect-val [this s] (* 2 s))) 3)))
  (is (= [[3 1]] (select ((collector [k] (collect-val [this s] (+ k s))) 2) 1))))

;; ---------------------------------------------------------------------------- dynamic navs

(defdynamicnav both
  "Navigates to each of two paths."
  {:added "test"}
  [p1 p2]
  (multi-path p1 p2))

(defdynamicnav all-then
  ([] ALL)
  ([& path] [ALL path]))

(deftest defdynamicnav-and-dynamicnav
  (is (= [1 2] (select (both :a :b) {:a 1 :b 2})))
  (is (= {:a 2 :b 3} (transform (both :a :b) inc {:a 1 :b 2})))
  (is (true? (:dynamicnav (meta #'both))))
  (is (= "Navigates to each of two paths." (:doc (meta #'both))))
  (is (= "test" (:added (meta #'both))))
  (is (= '([p1 p2]) (:arglists (meta #'both))))
  (is (= [1 2] (select (all-then) [1 2])) "multi-arity")
  (is (= [1] (select (all-then :a) [{:a 1}])))
  (is (instance? dev.floe.specter.Nav (all-then :a)) "sequential results are compiled")
  (let [k-of (dynamicnav [k] [ALL k])]
    (is (= [1 2] (select (k-of :a) [{:a 1} {:a 2}])))
    (is (true? (:dynamicnav (meta k-of)))))
  (testing "dynamic navs take locals at each call"
    (let [f (fn [k data] (select (both k :z) data))]
      (is (= [1 3] (f :a {:a 1 :z 3})))
      (is (= [2 3] (f :b {:b 2 :z 3}))))))

(deftest late-bound-navs
  (let [sub (fn [p] (late-bound-nav [late (late-path p)]
                      (select* [this s next-fn] (next-fn (compiled-select late s)))
                      (transform* [this s next-fn] (next-fn s))))]
    (is (= [[1 2]] (select (sub [ALL :a]) [{:a 1} {:a 2}])))
    (is (= [[2]] (select (sub [ALL even?]) [1 2]))))
  (let [plus (fn [n] (late-bound-nav [n n]
                       (select* [this s next-fn] (next-fn (+ s n)))
                       (transform* [this s next-fn] (next-fn (+ s n)))))]
    (is (= [11] (select (plus 10) 1))))
  (let [with-first (fn [p] (late-bound-richnav [late (late-path p)]
                             (select* [this vals s next-fn] (next-fn (conj vals (select-any* late s)) s))
                             (transform* [this vals s next-fn] (next-fn (conj vals (select-any* late s)) s))))]
    (is (= [[1 [1 2]]] (select (with-first FIRST) [1 2])))
    (is (= [[1 1] [1 2]] (select [(with-first FIRST) ALL] [1 2]))))
  (let [coll-path (fn [p] (late-bound-collector [late (late-path p)]
                            (collect-val [this s] (compiled-select late s))))]
    (is (= [[[1 2] 1] [[1 2] 2]] (select [(coll-path ALL) ALL] [1 2]))))
  (is (instance? dev.floe.specter.Nav (late-path [:a :b])))
  (is (= [1] (compiled-select (late-path [:a :b]) {:a {:b 1}})))
  (is (false? (dynamic-param? 1)))
  (is (false? (dynamic-param? [:a])))
  (is (= 3 ((late-resolved-fn +) 1 2)))
  (let [w (wrap-dynamic-nav (fn [k] [ALL k]))]
    (is (instance? dev.floe.specter.Nav (w :a)))
    (is (= [1] (select (w :a) [{:a 1}]))))
  (is (= :x ((wrap-dynamic-nav (fn [] :x)))) "non-sequential results are returned as is"))

;; ---------------------------------------------------------------------------- recursion

(def TREE-LEAVES (recursive-path [] p (if-path vector? [ALL p] STAY)))

(def key-chain (recursive-path [k] p (if-path map? [(keypath k) p] STAY)))

(def NUMBERS
  "Nested recursive paths: maps of vectors of maps..."
  (recursive-path [] m
    (cond-path map? [MAP-VALS (recursive-path [] v (cond-path vector? [ALL v] map? m number? STAY))]
               number? STAY)))

(deftest recursive-path-semantics
  (is (= [1 2 3] (select TREE-LEAVES [1 [2 [3]]])))
  (is (= [2 [3 [4]]] (transform TREE-LEAVES inc [1 [2 [3]]])))
  (is (= [[] []] (setval [TREE-LEAVES even?] NONE [[2] [4]]) ) "NONE removes within nested levels")
  (is (= [7] (select TREE-LEAVES 7)))
  (is (= [1] (select (key-chain :a) {:a {:a {:a 1}}})))
  (is (= {:a {:a {:a 2}}} (transform (key-chain :a) inc {:a {:a {:a 1}}})))
  (is (= [nil] (select (key-chain :a) {:a {:b 1}})) "keypath reaches nil, which is not a map")
  (is (not (identical? (key-chain :a) (key-chain :a))) "a fresh navigator per call")
  (is (= [1 2 3 4] (select NUMBERS (array-map :a [1 [2 {:b [3]}]] :c 4))))
  (is (= {:a [2 [3 {:b [4]}]] :c 5} (transform NUMBERS inc {:a [1 [2 {:b [3]}]] :c 4})))
  (testing "a deep structure"
    (let [deep (reduce (fn [acc _] [acc]) 1 (range 500))]
      (is (= [1] (select TREE-LEAVES deep)))
      (is (= [2] (select TREE-LEAVES (transform TREE-LEAVES inc deep))))))
  (testing "recursive-path with a local"
    (let [f (fn [k data] (select (recursive-path [] p (if-path map? [(keypath k) p] STAY)) data))]
      (is (= [1] (f :a {:a {:a 1}})))
      (is (= [2] (f :b {:b {:b 2}}))))))

(declarepath TREE)
(providepath TREE (if-path vector? [ALL TREE] STAY))

(declarepath EVEN-DEPTH)
(declarepath ODD-DEPTH)
(providepath EVEN-DEPTH (if-path map? [:next ODD-DEPTH] STAY))
(providepath ODD-DEPTH (if-path map? [:next EVEN-DEPTH] (view #(* 100 %))))

(declarepath NEVER-PROVIDED)

(deftest declarepath-and-providepath
  (is (= [1 2 3] (select TREE [1 [2 [3]]])))
  (is (= [2 [3 [4]]] (transform TREE inc [1 [2 [3]]])))
  (testing "mutual recursion"
    (is (= [5] (select EVEN-DEPTH {:next {:next 5}})))
    (is (= [500] (select EVEN-DEPTH {:next 5})))
    (is (= [5] (select ODD-DEPTH {:next 5}))))
  (testing "providepath can replace the path"
    (let [l (local-declarepath)]
      (providepath l :a)
      (is (= [1] (select l {:a 1 :b 2})))
      (providepath l :b)
      (is (= [2] (select l {:a 1 :b 2})))))
  (testing "local-declarepath"
    (let [l (local-declarepath)]
      (providepath l (if-path vector? [ALL l] STAY))
      (is (= [1 2] (select l [1 [2]])))
      (is (= [2 [3]] (transform l inc [1 [2]])))))
  (testing "using a declared path before it is provided is an error"
    (is (some? (caught (select NEVER-PROVIDED 1))))))

;; ---------------------------------------------------------------------------- protocol paths

(defrecord Account [funds])
(defrecord Family [accounts])
(defrecord Node [v children])

(defprotocolpath FundsPath)
(extend-protocolpath FundsPath
  Account :funds
  Family [:accounts ALL FundsPath])

(defprotocolpath TreeValues)
(extend-protocolpath TreeValues
  Node (multi-path :v [:children ALL TreeValues])
  Object nil)

(defprotocolpath KeyedPath [k])
(extend-protocolpath KeyedPath
  clojure.lang.IPersistentMap (keypath k)
  clojure.lang.IPersistentVector [ALL (KeyedPath k)])

(defprotocolpath RuntimePath)
(extend-protocolpath* RuntimePath-prot [[clojure.lang.Keyword '(view name)]])

(deftest protocol-paths
  (is (= [10 20 30] (select FundsPath (->Family [(->Account 10) (->Family [(->Account 20) (->Account 30)])]))))
  (is (= (->Family [(->Account 11) (->Family [(->Account 21)])])
         (transform FundsPath inc (->Family [(->Account 10) (->Family [(->Account 20)])]))))
  (is (instance? Family (transform FundsPath inc (->Family [(->Account 10)]))) "records stay records")
  (is (= [1 2 3] (select TreeValues (->Node 1 [(->Node 2 []) (->Node 3 [])]))))
  (is (= [:x] (select TreeValues :x)) "Object extension (nil is STAY)")
  (is (= [1 2] (select (KeyedPath :a) [{:a 1} [{:a 2}]])) "protocol paths with params")
  (is (= [{:a 2} [{:a 3}]] (transform (KeyedPath :a) inc [{:a 1} [{:a 2}]])))
  (is (= ["kw"] (select RuntimePath :kw)) "extend-protocolpath*")
  (is (true? (satisfies-protpath? FundsPath (->Account 1))))
  (is (false? (satisfies-protpath? FundsPath 1)))
  (is (true? (satisfies-protpath? TreeValues 1)))
  (is (= [[:c 10]] (select [(putval :c) FundsPath] (->Account 10))) "collected values pass through")
  (is (some? (caught (select FundsPath 1))) "a type without an extension is an error"))
