(ns floe.specter.operations-test
  "Every operation of floe.specter: the caching macros, their *-fn twins and compiled-* forms."
  (:require [clojure.test :refer [deftest is testing are]]
            [floe.specter :as s :refer [select select-one select-one! select-first select-any
                                        selected-any? transform vtransform setval multi-transform
                                        traverse traverse-all replace-in path comp-paths
                                        terminal vterminal terminal-val NONE ALL MAP-VALS FIRST
                                        LAST STAY STOP VAL DISPENSE putval collect-one keypath
                                        multi-path AFTER-ELEM if-path]]
            [floe.specter.test-support :refer [caught message-has?]]))

(set! *warn-on-reflection* true)

(def data {:a [1 2 3 4] :b {:c 5}})

;; ---------------------------------------------------------------------------- select family

(deftest select-returns-a-vector-of-every-result
  (is (= [2 4] (select [:a ALL even?] data)))
  (is (vector? (select [:a ALL] data)))
  (is (= [] (select [:a ALL #(> % 10)] data)))
  (is (vector? (select [:a ALL #(> % 10)] data)) "nothing selected is [], never nil")
  (is (= [nil] (select :missing data)) "keypath navigates to nil for an absent key")
  (is (= [data] (select [] data)))
  (is (= [data] (select nil data)))
  (is (= [[0 0] [0 1] [0 2]] (select [(collect-one FIRST) ALL] (range 3)))
      "collected values give [collected... v] results"))

(deftest select-one-semantics
  (is (= 5 (select-one [:b :c] data)))
  (is (nil? (select-one [:a ALL #(> % 10)] data)))
  (is (nil? (select-one ALL [nil])) "a single nil result")
  (let [e (caught (select-one [:a ALL] data))]
    (is (instance? clojure.lang.ExceptionInfo (:ex e)))
    (is (message-has? e "More than one element found"))
    (is (= 2 (:structure (:data e))) "ex-data names the second result found"))
  (is (= [0 1] (select-one [(collect-one FIRST) (keypath 1)] [0 1 2]))))

(deftest select-one!-semantics
  (is (= 5 (select-one! [:b :c] data)))
  (is (nil? (select-one! ALL [nil])) "a found nil is a result")
  (let [e (caught (select-one! [:a ALL #(> % 10)] data))]
    (is (instance? clojure.lang.ExceptionInfo (:ex e)))
    (is (message-has? e "Found no elements for select-one!"))
    (is (= data (:structure (:data e)))))
  (is (message-has? (caught (select-one! [:a ALL] data)) "More than one element")))

(deftest select-first-and-select-any
  (is (= 1 (select-first [:a ALL] data)))
  (is (nil? (select-first [:a ALL #(> % 10)] data)))
  (is (= 1 (select-any [:a ALL] data)))
  (is (identical? NONE (select-any [:a ALL #(> % 10)] data)))
  (is (= :floe.specter/NONE NONE))
  (is (nil? (select-any [:missing] data)) "nil is a selected value, not NONE")
  (is (= [[1] 1] (select-any [VAL ALL] [1])))
  (testing "short-circuits: later elements are never visited"
    (let [seen (atom [])
          p (s/view (fn [x] (swap! seen conj x) x))]
      (is (= 1 (select-first [ALL p] [1 2 3])))
      (is (= [1] @seen))
      (reset! seen [])
      (is (= 1 (select-any [ALL p] [1 2 3])))
      (is (= [1] @seen))
      (reset! seen [])
      (is (true? (selected-any? [ALL p] [1 2 3])))
      (is (= [1] @seen))))
  (testing "select-any over collected values"
    (is (= [:v 1] (s/compiled-select-any (comp-paths ALL) [:v] [1 2])))
    (is (= 1 (s/compiled-select-any (comp-paths ALL) [] [1 2])))))

(deftest selected-any?-semantics
  (is (true? (selected-any? [:a ALL even?] data)))
  (is (false? (selected-any? [:a ALL #(> % 10)] data)))
  (is (true? (selected-any? :missing data)) "navigating to nil is still a selection")
  (is (false? (selected-any? AFTER-ELEM [1])))
  (is (false? (selected-any? STOP 1))))

;; ---------------------------------------------------------------------------- transform family

(deftest transform-semantics
  (is (= {:a [1 3 3 5] :b {:c 5}} (transform [:a ALL even?] inc data)))
  (is (= data (transform [:a ALL #(> % 10)] inc data)) "nothing navigated: unchanged")
  (is (identical? data (transform STOP inc data)))
  (is (= {:a 11 :b 3} (transform [:a (putval 10)] + {:a 1 :b 3}))
      "collected values come first")
  (is (= '(0 2 4 6 8 10 12 14 16 18) (transform [ALL VAL] + (range 10))))
  (is (= '(0 1 2 3 4 5 6 7 8 9) (transform [ALL VAL DISPENSE] + (range 10))))
  (is (= [[:x :y 1]] (transform [ALL (putval :x) (putval :y)] vector [1]))
      "several collected values are all passed, in order")
  (is (= [[1 2 3 4 5]] (transform [ALL (putval 1) (putval 2) (putval 3) (putval 4)] vector [5]))
      "more than three collected values"))

(deftest vtransform-semantics
  (is (= [[[] 1] [[] 2]] (vtransform ALL (fn [vs v] [vs v]) [1 2])))
  (is (= [[[1] 1] [[2] 2]] (vtransform [ALL VAL] (fn [vs v] [vs v]) [1 2])))
  (is (= {:a 11} (vtransform [:a (putval 10)] (fn [[c] v] (+ c v)) {:a 1})))
  (is (= [[[] 1]] (s/compiled-vtransform (comp-paths ALL) (fn [vs v] [vs v]) [1]))))

(deftest setval-semantics
  (is (= {:a :x :b {:c 5}} (setval :a :x data)))
  (is (= {:b {:c 5}} (setval :a NONE data)))
  (is (= [1 3] (setval [ALL even?] NONE [1 2 3 4])))
  (is (= [:v :v] (setval [ALL (putval 1)] :v [1 2])) "setval ignores collected values")
  (is (= NONE (setval STAY NONE 1)) "NONE at the root is returned as is")
  (is (= {:a {:b {:c 1}}} (setval [:a :b :c] 1 nil)) "keypath on nil builds maps"))

(deftest multi-transform-semantics
  (is (= {:a {:b {:c :done :d 1 :e 4.5}}}
         (multi-transform [:a :b (multi-path [:c (terminal-val :done)]
                                             [:d (terminal inc)]
                                             [:e (putval 3) (terminal +)])]
                          {:a {:b {:c :working :d 0 :e 1.5}}})))
  (is (= [[[] 1]] (multi-transform [ALL (vterminal (fn [vs v] [vs v]))] [1])))
  (is (= [[[7] 1]] (multi-transform [ALL (putval 7) (vterminal (fn [vs v] [vs v]))] [1])))
  (is (= [1 3] (multi-transform [ALL even? (terminal-val NONE)] [1 2 3 4])))
  (is (= [1 2] (multi-transform [ALL #(> % 5) (terminal inc)] [1 2]))
      "branches that navigate nowhere need no terminal")
  (is (= {:a 2} (multi-transform [:a (terminal inc) :ignored] {:a 1}))
      "anything after a terminal is ignored")
  (testing "a branch without a terminal is an error naming the rule"
    (let [e (caught (multi-transform [:a (multi-path [:b (terminal inc)] :c)] {:a {:b 1 :c 2}}))]
      (is (instance? clojure.lang.ExceptionInfo (:ex e)))
      (is (message-has? e "multi-transform" "terminal"))
      (is (= [2] (:nav (:data e))) "ex-data :nav holds the arguments the fallback received")))
  (testing "terminals inside an ordinary transform override its function"
    (is (= {:a 0 :b 2} (transform (multi-path [:a (terminal-val 0)] :b) inc {:a 5 :b 1}))))
  (testing "terminals select nothing"
    (is (= [] (select [ALL (terminal inc)] [1 2])))
    (is (= [] (select (terminal-val 3) 1)))
    (is (= [] (select (vterminal vector) 1)))))

;; ---------------------------------------------------------------------------- traverse

(deftest traverse-semantics
  (let [t (traverse [:a ALL] data)]
    (is (= 10 (reduce + 0 t)))
    (is (= 10 (reduce + t)) "without init, (f) supplies it")
    (is (= 10 (reduce + 0 t)) "a traversal can be reduced again")
    (is (= [1 2 3 4] (into [] t)))
    (is (= 3 (reduce (fn [acc x] (if (= x 3) (reduced acc) (+ acc x))) 0 t))
        "reduced stops the traversal")
    (is (instance? clojure.lang.IReduceInit t)))
  (is (= [[:k 1] [:k 2]] (into [] (traverse [(putval :k) ALL] [1 2]))))
  (is (= 0 (reduce + 0 (traverse [ALL #(> % 10)] [1 2]))))
  (is (= 0 (reduce + (traverse [ALL #(> % 10)] [1 2]))) "nothing traversed and no init: (f)")
  (testing "stops navigating after reduced"
    (let [seen (atom [])]
      (reduce (fn [_ x] (reduced x)) nil
              (traverse [ALL (s/view (fn [x] (swap! seen conj x) x))] [1 2 3]))
      (is (= [1] @seen)))))

(deftest traverse-all-semantics
  (is (= [1 2 3] (into [] (traverse-all [:a ALL]) [{:a [1 2]} {:a [3]}])))
  (is (= 6 (transduce (traverse-all [:a ALL]) + [{:a [1 2]} {:a [3]}])))
  (is (= [1 2] (into [] (comp (traverse-all ALL) (take 2)) [[1 2] [3 4]])))
  (is (= [[1 2] [3]] (sequence (comp (traverse-all ALL) (partition-all 2)) [[1 2] [3]]))
      "the completion arity reaches the downstream step")
  (testing "reduced from downstream stops the inner navigation"
    (let [seen (atom [])]
      (into [] (comp (traverse-all [ALL (s/view (fn [x] (swap! seen conj x) x))]) (take 1))
            [[1 2 3] [4 5]])
      (is (= [1] @seen))))
  (is (= [2 4] (into [] (s/traverse-all* [ALL even?]) [[1 2] [3 4]])))
  (is (= [2 4] (into [] (s/compiled-traverse-all (comp-paths ALL even?)) [[1 2] [3 4]]))))

;; ---------------------------------------------------------------------------- replace-in

(deftest replace-in-semantics
  (is (= [[0 1 4 3 8 5 12 7 16 9] [0 2 4 6 8]]
         (replace-in [ALL even?] (fn [x] [(* 2 x) [x]]) (range 10))))
  (is (seq? (second (replace-in [ALL even?] (fn [x] [x [x]]) [2]))) "default merge is concat")
  (is (= [[3 4 16 5 12] 8]
         (replace-in [ALL even?] (fn [x] [(* 2 x) x]) [3 2 8 5 6]
                     :merge-fn (fn [curr new] (if (nil? curr) new (max curr new))))))
  (is (= [[1 2] nil] (replace-in [ALL] (constantly nil) [1 2])) "falsey: unchanged, nothing recorded")
  (is (= [[1 2] nil] (replace-in [ALL] (constantly false) [1 2])))
  (is (= [[11] [[10 1]]] (replace-in [ALL (putval 10)] (fn [c v] [(+ c v) [[c v]]]) [1]))
      "collected values are passed first")
  (is (= [{:a 2} [1]] (s/replace-in* [:a] (fn [x] [(inc x) [x]]) {:a 1})))
  (is (= [{:a 2} 1] (s/replace-in* [:a] (fn [x] [(inc x) x]) {:a 1} :merge-fn (fn [_ n] n))))
  (is (= [{:a 2} [1]] (s/compiled-replace-in (comp-paths :a) (fn [x] [(inc x) [x]]) {:a 1}))))

;; ---------------------------------------------------------------------------- *-fns and compiled-*

(deftest uncached-fn-twins-agree-with-macros
  (let [p [:a ALL even?]]
    (is (= (select [:a ALL even?] data) (s/select* p data)))
    (is (= 5 (s/select-one* [:b :c] data)))
    (is (= 5 (s/select-one!* [:b :c] data)))
    (is (= 2 (s/select-first* p data)))
    (is (= 2 (s/select-any* p data)))
    (is (identical? NONE (s/select-any* [:a ALL #(> % 9)] data)))
    (is (true? (s/selected-any?* p data)))
    (is (false? (s/selected-any?* [:a ALL #(> % 9)] data)))
    (is (= (transform p inc data) (s/transform* p inc data)))
    (is (= (setval p 0 data) (s/setval* p 0 data)))
    (is (= {:a 2} (s/multi-transform* [:a (terminal inc)] {:a 1})))
    (is (= 6 (reduce + (s/traverse* p data))))
    (is (= 6 (reduce + 0 (s/traverse* p data)))))
  (is (= [3] (s/select* :a {:a 3})) "a single implicit navigator as the path")
  (is (= [3] (s/select* (keypath :a) {:a 3})))
  (is (message-has? (caught (s/select-one* ALL [1 2])) "More than one"))
  (is (message-has? (caught (s/select-one!* ALL [])) "Found no elements")))

(deftest compiled-operations
  (let [p (comp-paths :a ALL even?)]
    (is (instance? dev.floe.specter.Nav p))
    (is (= [2 4] (s/compiled-select p data)))
    (is (= 2 (s/compiled-select-first p data)))
    (is (= 2 (s/compiled-select-any p data)))
    (is (true? (s/compiled-selected-any? p data)))
    (is (= {:a [1 3 3 5] :b {:c 5}} (s/compiled-transform p inc data)))
    (is (= {:a [1 0 3 0] :b {:c 5}} (s/compiled-setval p 0 data)))
    (is (= 6 (reduce + (s/compiled-traverse p data))))
    (is (message-has? (caught (s/compiled-select-one p data)) "More than one")))
  (let [p (comp-paths :b :c)]
    (is (= 5 (s/compiled-select-one p data)))
    (is (= 5 (s/compiled-select-one! p data))))
  (is (= {:a 2} (s/compiled-multi-transform (comp-paths :a (terminal inc)) {:a 1})))
  (is (= [1] (s/compiled-select ALL [1])) "any navigator value is a compiled path"))

(deftest comp-paths-and-path
  (is (identical? ALL (comp-paths ALL)) "a single navigator is returned unchanged")
  (is (= [1] (select (comp-paths) 1)) "no elements: STAY")
  (is (= [1] (select (comp-paths []) 1)))
  (is (= [1] (select (comp-paths nil) 1)))
  (is (= [5] (select (comp-paths :b [:c]) data)) "nesting is flattened")
  (is (= [5] (select (comp-paths [[:b] [[:c]]]) data)))
  (is (= [5] (select (comp-paths (list :b :c)) data)) "lists are sub-paths too")
  (is (= [5] (select (comp-paths (java.util.ArrayList. [:b :c])) data)) "any java.util.List")
  (is (= [5] (select (comp-paths (comp-paths :b) (comp-paths :c)) data)))
  (is (= [5] (s/compiled-select (path :b :c) data)))
  (is (= [5] (s/compiled-select (path [:b :c]) data)))
  (is (= [2 4] (let [k :a] (s/compiled-select (path k ALL even?) data))))
  (is (= [5] (select [(path :b) (comp-paths :c)] data)) "compiled paths compose"))

(deftest must-cache-paths-and-inline-debug-are-accepted
  (is (nil? (s/must-cache-paths!)))
  (is (nil? (s/must-cache-paths! true)))
  (is (= [1] (s/with-inline-debug (select ALL [1])))))
