(ns floe.core-test
  (:require [clojure.test :refer [deftest is testing]]
            [clojure.string :as str]
            [clojure.edn]
            [clojure.java.io]
            [floe.core :refer :all]
            [floe.path :refer :all]
            [floe.aggs :as aggs]
            [floe.ops :as ops]
            [floe.test :as rtest])
  (:import [dev.floe.builder ModuleBuilder]))

(defn words [s] (str/split s #" "))

(defmodule WordCount [setup topologies]
  (declare-depot setup *sentences :random)
  (let [s (stream-topology topologies "wordCount")]
    (declare-pstate s $$counts {String Long})
    (<<sources s
      (source> *sentences :> *sentence)
      (words *sentence :> *words)
      (ops/explode *words :> *word)
      (|hash *word)
      (+compound $$counts {*word (aggs/+count)})))
  (<<query-topology topologies "count" [*word :> *n]
    (|hash *word)
    (local-select> [(keypath *word) (nil->val 0)] $$counts :> *n)
    (|origin)))

(deftest a-clojure-module-runs-on-the-in-process-cluster
  (with-open [ipc (rtest/create-ipc)]
    (rtest/launch-module! ipc WordCount {:tasks 4 :threads 2})
    (let [m (get-module-name WordCount)
          d (foreign-depot ipc m "*sentences")
          counts (foreign-pstate ipc m "$$counts")
          q (foreign-query ipc m "count")]
      (is (= "floe.core-test/WordCount" m))
      (is (= {} (foreign-append! d "the quick the lazy")))
      (foreign-append! d "the end")
      (is (= 3 (foreign-select-one (keypath "the") counts)))
      (is (= 1 (foreign-invoke-query q "end")))
      (is (= 0 (foreign-invoke-query q "nothing")))
      (is (= [1] (foreign-select (keypath "quick") counts {:pkey "quick"}))))))

(deftest paths-work-on-plain-data
  (is (= [1 2] (select [(keypath :a) ALL] {:a [1 2]})))
  (is (= {:a [2 3]} (transform [(keypath :a) ALL] inc {:a [1 2]})))
  (is (= {:a 5} (setval (keypath :a) 5 {:a 1})))
  (is (= {1 :x 2 :y} (select-one (sorted-map-range 1 3) (sorted-map 0 :w 1 :x 2 :y 3 :z)))))

(deftest repl-dataflow
  (let [tp (rtest/create-test-pstate {String Long})]
    (?<- (identity tp :> $$p)
         (ops/explode ["a" "b" "a"] :> *w)
         (+compound $$p {*w (aggs/+count)}))
    (is (= 2 (rtest/test-pstate-select-one (keypath "a") tp)))))

(deframaop evens-up-to [*n]
  (ops/range> 0 *n :> *i)
  (filter> (even? *i))
  (:> *i))

(deframafn plus-both [*a *b]
  (:> (+ *a *b)))

(deftest operations-in-dataflow-code
  (let [tp (rtest/create-test-pstate Object)]
    (?<- (identity tp :> $$out)
         (evens-up-to 7 :> *e)
         (aggs/+vec-agg $$out *e))
    (is (= [0 2 4 6] (rtest/test-pstate-select-one STAY tp))))
  (is (= 5 (plus-both 2 3)) "a ramafn is a Clojure function too"))

(deftest the-jar-ships-a-clj-kondo-configuration
  (let [res (clojure.java.io/resource "clj-kondo.exports/dev.floe/floe-clj/config.edn")
        config (clojure.edn/read-string (slurp res))]
    (is (some? res))
    (is (= 'clojure.core/defn (get-in config [:lint-as 'floe.core/defmodule])))
    (is (some #{'(floe.core/<<sources)} (get-in config [:linters :unresolved-symbol :exclude])))
    (testing "every macroexpand hook is defined in the shipped hooks file and expands to Clojure that compiles"
      (let [hooks (clojure.java.io/resource "clj-kondo.exports/dev.floe/floe-clj/floe/kondo_hooks.clj")]
        (is (some? hooks))
        (binding [*ns* *ns*]
          (load-reader (java.io.StringReader. (slurp hooks))))
        (doseq [[macro hook] (get-in config [:hooks :macroexpand])]
          (is (some? (resolve hook)) (str hook " for " macro)))
        (doseq [form ['(floe.kondo-hooks/defoperation kondo-op [out> :> err> :err>] [x] (if x (out> x) (err> x)))
                      '(floe.kondo-hooks/defbasicsegmacro kondo-seg "doc" [a :> out] [+ a 1 :> out])
                      '(floe.kondo-hooks/defbasicblocksegmacro kondo-block [a & more] [[println a more]])
                      '(floe.kondo-hooks/defblock kondo-b [*a :> *b] (inc *a :> *b))
                      '(floe.kondo-hooks/defgenerator kondo-g [x] (batch<- [*a] (identity x :> *a)))]]
          (is (var? (binding [*ns* (the-ns 'floe.core-test)] (eval form))) (pr-str form)))))))
