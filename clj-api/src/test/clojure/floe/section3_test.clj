(ns floe.section3-test
  "RAMA-API.md §3 coverage: every name §3.1–§3.15 lists, mapped to its Floe var or to an explicit
  missing entry with the reason; then behaviour tests for the §3 names that no other test of
  clj-api or examples exercised."
  (:require [clojure.string :as str]
            [clojure.test :refer [deftest is testing]]
            [floe.core :refer :all]
            [floe.path :refer :all :exclude [collect]]
            [floe.aggs :as aggs]
            [floe.ops :as ops]
            [floe.test :as rtest]
            [floe.test-support :refer [collect]]))

(def section3
  "[subsection name var-or-\"missing: reason\"] for every name of RAMA-API.md §3 (syntax rows such
  as destructuring, :> streams, :pkey or $$tmp$$ are covered by the forms' own tests)."
  '[
   ["3.1" "defmodule" floe.core/defmodule]
   ["3.1" "module" floe.core/module]
   ["3.1" "get-module-name" floe.core/get-module-name]
   ["3.1" "declare-depot" floe.core/declare-depot]
   ["3.1" "declare-depot*" floe.core/declare-depot*]
   ["3.1" "hash-by" floe.core/hash-by]
   ["3.1" "defdepotpartitioner" floe.core/defdepotpartitioner]
   ["3.1" "declare-tick-depot" floe.core/declare-tick-depot]
   ["3.1" "declare-object" floe.core/declare-object]
   ["3.1" "mirror-depot" floe.core/mirror-depot]
   ["3.1" "mirror-pstate" floe.core/mirror-pstate]
   ["3.1" "mirror-query" floe.core/mirror-query]
   ["3.1" "set-launch-module-dynamic-option!" floe.core/set-launch-module-dynamic-option!]
   ["3.1" "set-launch-depot-dynamic-option!" floe.core/set-launch-depot-dynamic-option!]
   ["3.1" "set-launch-pstate-dynamic-option!" floe.core/set-launch-pstate-dynamic-option!]
   ["3.1" "set-launch-topology-dynamic-option!" floe.core/set-launch-topology-dynamic-option!]
   ["3.1" "depot-migration" floe.core/depot-migration]
   ["3.1" "DEPOT-TOMBSTONE" floe.core/DEPOT-TOMBSTONE]
   ["3.2" "declare-pstate" floe.core/declare-pstate]
   ["3.2" "declare-pstate*" floe.core/declare-pstate*]
   ["3.2" "map-schema" floe.core/map-schema]
   ["3.2" "set-schema" floe.core/set-schema]
   ["3.2" "vector-schema" floe.core/vector-schema]
   ["3.2" "fixed-keys-schema" floe.core/fixed-keys-schema]
   ["3.2" "value-schema" floe.core/value-schema]
   ["3.2" "migrated" floe.core/migrated]
   ["3.2" "migrate-to-subindexed" floe.core/migrate-to-subindexed]
   ["3.2" "fixed-key-additions" floe.core/fixed-key-additions]
   ["3.2" "fixed-key-removals" floe.core/fixed-key-removals]
   ["3.3" "stream-topology" floe.core/stream-topology]
   ["3.3" "microbatch-topology" floe.core/microbatch-topology]
   ["3.3" "<<sources" floe.core/<<sources]
   ["3.3" "source>" floe.core/source>]
   ["3.3" "offset-ago" floe.core/offset-ago]
   ["3.3" "offset-after-timestamp-millis" floe.core/offset-after-timestamp-millis]
   ["3.3" "<<subsource" floe.core/<<subsource]
   ["3.3" "case>" floe.core/case>]
   ["3.3" "ack-return>" floe.core/ack-return>]
   ["3.3" "depot-partition-append!" floe.core/depot-partition-append!]
   ["3.4" "?<-" floe.core/?<-]
   ["3.5" "<<if" floe.core/<<if]
   ["3.5" "else>" floe.core/else>]
   ["3.5" "<<cond" floe.core/<<cond]
   ["3.5" "default>" floe.core/default>]
   ["3.5" "<<switch" floe.core/<<switch]
   ["3.5" "ifexpr" floe.core/ifexpr]
   ["3.5" "<<shadowif" floe.core/<<shadowif]
   ["3.5" "filter>" floe.core/filter>]
   ["3.5" "and>" floe.core/and>]
   ["3.5" "or>" floe.core/or>]
   ["3.5" "loop<-" floe.core/loop<-]
   ["3.5" "continue>" floe.core/continue>]
   ["3.5" "recur>" floe.core/recur>]
   ["3.5" "<<atomic" floe.core/<<atomic]
   ["3.5" "<<do" floe.core/<<do]
   ["3.5" "yield-if-overtime" floe.core/yield-if-overtime]
   ["3.5" "throw!" floe.core/throw!]
   ["3.5" "assert!" floe.core/assert!]
   ["3.5" "<<each" "missing: §3 lists it only as a 'grouping' block beside <<do, with no signature or semantics to follow"]
   ["3.6" "anchor>" floe.core/anchor>]
   ["3.6" "hook>" floe.core/hook>]
   ["3.6" "unify>" floe.core/unify>]
   ["3.6" "<<branch" floe.core/<<branch]
   ["3.7" "|hash" floe.core/|hash]
   ["3.7" "|all" floe.core/|all]
   ["3.7" "|global" floe.core/|global]
   ["3.7" "|shuffle" floe.core/|shuffle]
   ["3.7" "|origin" floe.core/|origin]
   ["3.7" "|direct" floe.core/|direct]
   ["3.7" "|custom" floe.core/|custom]
   ["3.7" "|path" floe.core/|path]
   ["3.7" "|hash$$" floe.core/|hash$$]
   ["3.7" "|direct$$" floe.core/|direct$$]
   ["3.7" "|all$$" floe.core/|all$$]
   ["3.7" "|global$$" floe.core/|global$$]
   ["3.7" "|path$$" floe.core/|path$$]
   ["3.7" "|custom$$" floe.core/|custom$$]
   ["3.8" "local-select>" floe.core/local-select>]
   ["3.8" "local-transform>" floe.core/local-transform>]
   ["3.8" "select>" floe.core/select>]
   ["3.8" "local-clear>" floe.core/local-clear>]
   ["3.8" "+compound" floe.core/+compound]
   ["3.8" "+group-by" floe.core/+group-by]
   ["3.8" "<<batch" floe.core/<<batch]
   ["3.8" "gen>" floe.core/gen>]
   ["3.8" "defgenerator" floe.core/defgenerator]
   ["3.8" "batch<-" floe.core/batch<-]
   ["3.8" "materialize>" floe.core/materialize>]
   ["3.8" "combiner" floe.core/combiner]
   ["3.8" "accumulator" floe.core/accumulator]
   ["3.9" "+count" floe.aggs/+count]
   ["3.9" "+sum" floe.aggs/+sum]
   ["3.9" "+max" floe.aggs/+max]
   ["3.9" "+min" floe.aggs/+min]
   ["3.9" "+first" floe.aggs/+first]
   ["3.9" "+last" floe.aggs/+last]
   ["3.9" "+vec-agg" floe.aggs/+vec-agg]
   ["3.9" "+set-agg" floe.aggs/+set-agg]
   ["3.9" "+set-remove-agg" floe.aggs/+set-remove-agg]
   ["3.9" "+map-agg" floe.aggs/+map-agg]
   ["3.9" "+multi-set-agg" floe.aggs/+multi-set-agg]
   ["3.9" "+merge" floe.aggs/+merge]
   ["3.9" "+and" floe.aggs/+and]
   ["3.9" "+or" floe.aggs/+or]
   ["3.9" "+avg" floe.aggs/+avg]
   ["3.9" "+top-monotonic" floe.aggs/+top-monotonic]
   ["3.9" "+limit" floe.aggs/+limit]
   ["3.9" "+NONE" floe.aggs/+NONE]
   ["3.10" "explode" floe.ops/explode]
   ["3.10" "explode-indexed" floe.ops/explode-indexed]
   ["3.10" "explode-map" floe.ops/explode-map]
   ["3.10" "expand" floe.ops/expand]
   ["3.10" "range>" floe.ops/range>]
   ["3.10" "current-task-id" floe.ops/current-task-id]
   ["3.10" "current-microbatch-id" floe.ops/current-microbatch-id]
   ["3.10" "current-topology-type" floe.ops/current-topology-type]
   ["3.10" "current-random-source" floe.ops/current-random-source]
   ["3.10" "module-instance-info" floe.ops/module-instance-info]
   ["3.10" "random-uuid7" floe.ops/random-uuid7]
   ["3.10" "vget" floe.ops/vget]
   ["3.10" "sum" floe.ops/sum]
   ["3.10" "agg->init-fn" floe.ops/agg->init-fn]
   ["3.10" "agg->update-fn" floe.ops/agg->update-fn]
   ["3.11" "deframaop" floe.core/deframaop]
   ["3.11" "deframafn" floe.core/deframafn]
   ["3.11" "<<ramafn" floe.core/<<ramafn]
   ["3.11" "<<ramaop" floe.core/<<ramaop]
   ["3.11" "java-macro!" floe.core/java-macro!]
   ["3.11" "completable-future>" floe.core/completable-future>]
   ["3.11" "ramafn>" floe.core/ramafn>]
   ["3.11" "defoperation" floe.core/defoperation]
   ["3.11" "defbasicsegmacro" floe.core/defbasicsegmacro]
   ["3.11" "defbasicblocksegmacro" floe.core/defbasicblocksegmacro]
   ["3.11" "defblock" floe.core/defblock]
   ["3.11" "java-block<-" floe.core/java-block<-]
   ["3.11" "<<with-substitutions" floe.core/<<with-substitutions]
   ["3.11" "this-module-pobject-task-global" floe.core/this-module-pobject-task-global]
   ["3.11" "declared-object-task-global" floe.core/declared-object-task-global]
   ["3.12" "<<query-topology" floe.core/<<query-topology]
   ["3.12" "invoke-query" floe.core/invoke-query]
   ["3.13" "foreign-depot" floe.core/foreign-depot]
   ["3.13" "foreign-pstate" floe.core/foreign-pstate]
   ["3.13" "foreign-query" floe.core/foreign-query]
   ["3.13" "foreign-append!" floe.core/foreign-append!]
   ["3.13" "foreign-append-async!" floe.core/foreign-append-async!]
   ["3.13" "foreign-select" floe.core/foreign-select]
   ["3.13" "foreign-select-one" floe.core/foreign-select-one]
   ["3.13" "foreign-select-async" floe.core/foreign-select-async]
   ["3.13" "foreign-select-one-async" floe.core/foreign-select-one-async]
   ["3.13" "foreign-invoke-query" floe.core/foreign-invoke-query]
   ["3.13" "foreign-invoke-query-async" floe.core/foreign-invoke-query-async]
   ["3.13" "foreign-proxy" floe.core/foreign-proxy]
   ["3.13" "foreign-proxy-async" floe.core/foreign-proxy-async]
   ["3.13" "compiled-foreign-select" floe.core/compiled-foreign-select]
   ["3.13" "compiled-foreign-select-one" floe.core/compiled-foreign-select-one]
   ["3.13" "compiled-foreign-select-async" floe.core/compiled-foreign-select-async]
   ["3.13" "compiled-foreign-select-one-async" floe.core/compiled-foreign-select-one-async]
   ["3.13" "foreign-object-info" floe.core/foreign-object-info]
   ["3.13" "foreign-depot-partition-info" floe.core/foreign-depot-partition-info]
   ["3.13" "foreign-depot-partition-info-async" floe.core/foreign-depot-partition-info-async]
   ["3.13" "foreign-depot-read" floe.core/foreign-depot-read]
   ["3.13" "foreign-depot-read-async" floe.core/foreign-depot-read-async]
   ["3.13" "close!" floe.core/close!]
   ["3.13" "compiled-foreign-proxy" floe.core/compiled-foreign-proxy]
   ["3.13" "compiled-foreign-proxy-async" floe.core/compiled-foreign-proxy-async]
   ["3.13" "open-cluster-manager" "missing: Floe runs only the in-process cluster (floe.test/create-ipc); there is no remote cluster"]
   ["3.13" "open-cluster-manager-internal" "missing: no remote cluster"]
   ["3.13" "deployed-module-names" floe.core/deployed-module-names]
   ["3.13" "get-module-status" floe.core/get-module-status]
   ["3.14" "create-ipc" floe.test/create-ipc]
   ["3.14" "launch-module!" floe.test/launch-module!]
   ["3.14" "update-module!" floe.test/update-module!]
   ["3.14" "destroy-module!" floe.test/destroy-module!]
   ["3.14" "wait-for-microbatch-processed-count" floe.test/wait-for-microbatch-processed-count]
   ["3.14" "pause-microbatch-topology!" floe.test/pause-microbatch-topology!]
   ["3.14" "resume-microbatch-topology!" floe.test/resume-microbatch-topology!]
   ["3.14" "create-test-pstate" floe.test/create-test-pstate]
   ["3.14" "test-pstate-select" floe.test/test-pstate-select]
   ["3.14" "test-pstate-select-one" floe.test/test-pstate-select-one]
   ["3.14" "test-pstate-transform" floe.test/test-pstate-transform]
   ["3.14" "gen-hashing-index-keys" floe.test/gen-hashing-index-keys]
   ["3.15" "keypath" floe.path/keypath]
   ["3.15" "must" floe.path/must]
   ["3.15" "ALL" floe.path/ALL]
   ["3.15" "MAP-VALS" floe.path/MAP-VALS]
   ["3.15" "MAP-KEYS" floe.path/MAP-KEYS]
   ["3.15" "FIRST" floe.path/FIRST]
   ["3.15" "LAST" floe.path/LAST]
   ["3.15" "STAY" floe.path/STAY]
   ["3.15" "STOP" floe.path/STOP]
   ["3.15" "term" floe.path/term]
   ["3.15" "termval" floe.path/termval]
   ["3.15" "NONE>" floe.path/NONE>]
   ["3.15" "nil->val" floe.path/nil->val]
   ["3.15" "NIL->VECTOR" floe.path/NIL->VECTOR]
   ["3.15" "NIL->LIST" floe.path/NIL->LIST]
   ["3.15" "NIL->SET" floe.path/NIL->SET]
   ["3.15" "AFTER-ELEM" floe.path/AFTER-ELEM]
   ["3.15" "BEFORE-ELEM" floe.path/BEFORE-ELEM]
   ["3.15" "END" floe.path/END]
   ["3.15" "BEGINNING" floe.path/BEGINNING]
   ["3.15" "before-index" floe.path/before-index]
   ["3.15" "NONE-ELEM" floe.path/NONE-ELEM]
   ["3.15" "set-elem" floe.path/set-elem]
   ["3.15" "view" floe.path/view]
   ["3.15" "transformed" floe.path/transformed]
   ["3.15" "multi-path" floe.path/multi-path]
   ["3.15" "if-path" floe.path/if-path]
   ["3.15" "cond-path" floe.path/cond-path]
   ["3.15" "submap" floe.path/submap]
   ["3.15" "srange" floe.path/srange]
   ["3.15" "subselect" floe.path/subselect]
   ["3.15" "filterer" floe.path/filterer]
   ["3.15" "sorted-map-range" floe.path/sorted-map-range]
   ["3.15" "sorted-map-range-from" floe.path/sorted-map-range-from]
   ["3.15" "sorted-map-range-to" floe.path/sorted-map-range-to]
   ["3.15" "sorted-map-range-from-start" floe.path/sorted-map-range-from-start]
   ["3.15" "sorted-map-range-to-end" floe.path/sorted-map-range-to-end]
   ["3.15" "sorted-set-range" floe.path/sorted-set-range]
   ["3.15" "sorted-set-range-from" floe.path/sorted-set-range-from]
   ["3.15" "sorted-set-range-to" floe.path/sorted-set-range-to]
   ["3.15" "sorted-set-range-from-start" floe.path/sorted-set-range-from-start]
   ["3.15" "sorted-set-range-to-end" floe.path/sorted-set-range-to-end]
   ["3.15" "selected?" floe.path/selected?]
   ["3.15" "not-selected?" floe.path/not-selected?]
   ["3.15" "pred" floe.path/pred]
   ["3.15" "pred=" floe.path/pred=]
   ["3.15" "pred<" floe.path/pred<]
   ["3.15" "pred>" floe.path/pred>]
   ["3.15" "collect" floe.path/collect]
   ["3.15" "collect-one" floe.path/collect-one]
   ["3.15" "putval" floe.path/putval]
   ["3.15" "VAL" floe.path/VAL]
   ["3.15" "DISPENSE" floe.path/DISPENSE]
   ["3.15" "nthpath" floe.path/nthpath]
   ["3.15" "map-key" floe.path/map-key]
   ["3.15" "setval" floe.path/setval]
   ["3.15" "select" floe.path/select]
   ["3.15" "transform" floe.path/transform]
   ["3.15" "multi-transform" floe.path/multi-transform]
   ["3.15" "subset" floe.path/subset]
   ["3.15" "INDEXED-VALS" floe.path/INDEXED-VALS]
   ])

(deftest every-section3-name-resolves-or-is-missing-with-a-reason
  (doseq [ns '[floe.core floe.path floe.aggs floe.ops floe.test]] (require ns))
  (let [missing (filter #(string? (nth % 2)) section3)
        present (remove #(string? (nth % 2)) section3)]
    (is (= (count section3) (count (set (map second section3)))) "each name once")
    (doseq [[sec n target] present]
      (is (some? (resolve target)) (str "§" sec " " n " should resolve to " target))
      (is (= n (name target)) (str "§" sec " " n " is spelled as in Rama")))
    (doseq [[sec n reason] missing]
      (is (str/starts-with? reason "missing: ") (str "§" sec " " n " gives its reason")))
    (println (str "§3 coverage: " (count present) " names resolve, " (count missing) " missing:"))
    (doseq [[sec n reason] missing]
      (println (str "  §" sec " " n " — " (subs reason 9))))))

;; ============================================================================ behaviour of names no other test used

;; ---------------------------------------------------------------------------- §3.15 paths

(deftest section3-15-navigators
  (let [m {:a 1 :b 2}
        v [1 2 3 4]]
    (is (= [:a :b] (sort (select MAP-KEYS m))))
    (is (= [1] (select FIRST v)))
    (is (= [4] (select LAST v)))
    (is (= [] (select STOP v)))
    (is (= {:b 2} (multi-transform [(keypath :a) NONE>] m)))
    (is (= [[]] (select [(keypath :x) NIL->LIST] {})))
    (is (= [#{}] (select [(keypath :x) NIL->SET] {})))
    (is (= [0 1 2 3 4] (setval BEFORE-ELEM 0 v)))
    (is (= [1 2 3 4 9 8] (setval END [9 8] v)))
    (is (= [9 1 2 3 4] (setval BEGINNING [9] v)))
    (is (= [1 7 2 3 4] (setval (before-index 1) 7 v)))
    (is (= [2] (select (set-elem 2) #{1 2})))
    (is (= #{1} (multi-transform [(set-elem 2) NONE>] #{1 2})))
    (is (= [[2 3 4 5]] (select (transformed [ALL (term inc)]) v)))
    (is (= [[2 4]] (select (filterer even?) v)))
    (is (= [m] (select (selected? (keypath :a)) m)))
    (is (= [] (select (not-selected? (keypath :a)) m)))
    (is (= [2] (select [ALL (pred= 2)] v)))
    (is (= [1] (select [ALL (pred< 2)] v)))
    (is (= [3 4] (select [ALL (pred> 2)] v)))
    (is (= [[1 2]] (select [(collect-one (keypath :a)) (keypath :b)] m)) "collected values come first")
    (is (= [[:x 1]] (select [(putval :x) (keypath :a)] m)))
    (is (= [1] (select [(putval :x) DISPENSE (keypath :a)] m)))
    (is (= [3] (select (nthpath 2) v)))
    (is (= {:z 1 :b 2} (setval (map-key :a) :z m)))
    (is (= [[1 1] [2 2]] (select [ALL VAL] [1 2])) "VAL collects the value itself")
    (is (= [5] (select (cond-path (pred even?) (view inc) (pred odd?) (view dec)) 4)))
    (is (= [4] (select (cond-path (pred even?) (view inc) (pred odd?) (view dec)) 5)))
    (is (= [] (select (cond-path (pred neg?) STAY) 5)) "no condition selects: nothing")
    (is (= (sorted-set 2 3) (first (select (sorted-set-range 2 4) (sorted-set 1 2 3 4)))))
    (is (= (sorted-set 3 4) (first (select (sorted-set-range-from 3) (sorted-set 1 2 3 4)))))
    (is (= (sorted-set 1 2) (first (select (sorted-set-range-to 3) (sorted-set 1 2 3 4)))))
    (is (= (sorted-set 1 2) (first (select (sorted-set-range-from-start 2) (sorted-set 1 2 3 4)))))
    (is (= (sorted-set 4) (first (select (sorted-set-range-to-end 1) (sorted-set 1 2 3 4)))))
    (is (= (sorted-map 1 :a 2 :b) (first (select (sorted-map-range-from-start 2) (sorted-map 1 :a 2 :b 3 :c)))))
    (is (= (sorted-map 3 :c) (first (select (sorted-map-range-to-end 1) (sorted-map 1 :a 2 :b 3 :c))))))
  (testing "in dataflow, on a PState"
    (let [tp (rtest/create-test-pstate {Long Long})]
      (?<- (identity tp :> $$p) (ops/explode [1 2 3 4] :> *k) (local-transform> [(keypath *k) (termval (* *k *k))] $$p))
      (is (= [[{1 1 2 4} {4 16}]]
             (collect (fn [record!]
                        (?<- (identity tp :> $$p) (identity 2 :> *n)
                             (local-select> (sorted-map-range-from-start *n) $$p :> *a)
                             (local-select> (sorted-map-range-to-end (dec *n)) $$p :> *b)
                             (record! [*a *b]))))))
      (is (= [1 4 9 16] (rtest/test-pstate-select MAP-VALS tp)) "test-pstate-select"))))

;; ---------------------------------------------------------------------------- §3.9 aggs, §3.10 ops

(deftest section3-9-aggregators
  (is (= [[1 1 #{1 5 3} {:a 5 :b 3 :c 1} {1 2 5 1 3 1} {:a 5 :b 3 :c 1} true true]]
         (collect (fn [record!]
                    (?<- (<<batch
                           (ops/explode [[1 :a] [5 :a] [3 :b] [1 :c]] :> [*v *k])
                           (aggs/+min *v :> *min)
                           (aggs/+first *v :> *first)
                           (aggs/+set-agg *v :> *set)
                           (aggs/+map-agg *k *v :> *map)
                           (aggs/+multi-set-agg *v :> *ms)
                           (aggs/+merge (hash-map *k *v) :> *merged)
                           (aggs/+and (odd? *v) :> *all-odd?)
                           (aggs/+or (= *v 5) :> *any-5?)
                           (record! [*min *first *set *map *ms *merged *all-odd? *any-5?]))))))
      "min first set-agg map-agg multi-set-agg merge and or")
  (let [tp (rtest/create-test-pstate #{Long})]
    (rtest/test-pstate-transform [NONE-ELEM (termval 1)] tp)
    (rtest/test-pstate-transform [NONE-ELEM (termval 2)] tp)
    (?<- (identity tp :> $$p) (aggs/+set-remove-agg $$p 1))
    (is (= #{2} (rtest/test-pstate-select-one STAY tp)) "+set-remove-agg into a PState"))
  (is (= [[true false]]
         (collect (fn [record!]
                    (?<- (<<batch (ops/explode [1 3] :> *v)
                                  (aggs/+and (odd? *v) :> *a)
                                  (aggs/+or (even? *v) :> *o)
                                  (record! [*a *o]))))))))

(deftest section3-10-ops
  (is (= [[0 :a] [1 :b]] (collect (fn [record!] (?<- (ops/explode-indexed [:a :b] :> *i *e) (record! [*i *e]))))))
  (is (= #{[:a 1] [:b 2]} (set (collect (fn [record!] (?<- (ops/explode-map {:a 1 :b 2} :> *k *v) (record! [*k *v])))))))
  (is (= [[1 2]] (collect (fn [record!] (?<- (ops/expand [1 2] :> *a *b) (record! [*a *b]))))))
  (is (= [:b nil] (collect (fn [record!] (?<- (ops/vget {:a :b} :a :> *x) (ops/vget nil :a :> *y) (record! *x) (record! *y))))))
  (is (instance? java.util.Random (first (collect (fn [record!] (?<- (ops/current-random-source :> *r) (record! *r))))))
      "current-random-source in a local run")
  (testing "agg->init-fn / agg->update-fn"
    (is (= 0 ((ops/agg->init-fn aggs/+sum))))
    (is (= 15 ((ops/agg->update-fn aggs/+sum) 10 5)))
    (is (= 0 ((ops/agg->init-fn aggs/+count))))
    (is (= 4 ((ops/agg->update-fn aggs/+count) 3)))
    (is (= 7 ((ops/agg->update-fn aggs/+max) 3 7)))
    (is (= [1 2] ((ops/agg->update-fn aggs/+vec-agg) [1] 2)))
    (is (= {:a 1} ((ops/agg->update-fn aggs/+map-agg) {} :a 1)))
    (is (= 100 ((ops/agg->init-fn (combiner + :init-fn (constantly 100))))))
    (is (= 3 ((ops/agg->update-fn (combiner + :init-fn (constantly 100))) 1 2)))
    (is (= [5] ((ops/agg->update-fn (aggs/+top-monotonic [2] "*v")) [] 5)) "an aggregator value")
    (is (thrown? IllegalArgumentException (ops/agg->init-fn inc)))))

;; ---------------------------------------------------------------------------- §3.3–§3.8 on a module

(defn- task-of-last "A custom partitioner: the last partition." [n & _] (dec n))

(defmodule Section3Forms [setup topologies]
  (declare-depot setup *events :random)
  (declare-depot setup *mb :random)
  (let [s (stream-topology topologies "s")
        mb (microbatch-topology topologies "mb")]
    (declare-pstate s $$balances {String Long})
    (declare-pstate s $$seen-on {String java.util.Set})
    (declare-pstate* s "$$log" java.util.List {:global? true})
    (declare-pstate mb $$mb-info {String Object} {:global? true})
    (<<sources s
      (source> *events :> *e)
      (<<subsource *e
        (case> clojure.lang.PersistentArrayMap :> {:keys [*account *amount]})
        (identity *amount :> *delta)
        (case> clojure.lang.PersistentVector :> [*account *amount])
        (- *amount :> *delta))
      (|hash$$ $$balances *account)
      (+compound $$balances {*account (aggs/+sum *delta)})
      (anchor> <logged>)
      (<<branch <logged>
        (|global$$ $$log)
        (local-transform> [AFTER-ELEM (termval *account)] $$log))
      (|path$$ $$seen-on *account)
      (local-transform> [(keypath *account) NIL->SET NONE-ELEM (termval :path)] $$seen-on)
      (|direct$$ $$seen-on (ops/current-task-id))
      (|custom$$ $$seen-on task-of-last)
      (|all$$ $$seen-on)
      (|direct 0)
      (|all)
      (ops/current-task-id :> *task)
      (|hash *account)
      (<<atomic (local-transform> [(keypath *account) NIL->SET NONE-ELEM (termval *task)] $$seen-on))
      (yield-if-overtime))
    (<<sources mb
      (source> *mb :> %batch)
      (<<batch
        (%batch :> *x)
        (|global)
        (materialize> *x :> $$rows))
      (<<batch
        ($$rows :> *y)
        (|global)
        (aggs/+sum *y :> *sum)
        (local-transform> [(keypath "sum") (term (fnil + 0) *sum)] $$mb-info))
      (ops/current-microbatch-id :> *mb-id)
      (ops/current-topology-type :> *type)
      (local-transform> [(keypath "type") (termval *type)] $$mb-info)
      (local-transform> [(keypath "ids") NIL->SET NONE-ELEM (termval *mb-id)] $$mb-info))))

(deftest section3-module-forms
  (with-open [ipc (rtest/create-ipc)]
    (rtest/launch-module! ipc Section3Forms {:tasks 4 :threads 2})
    (let [m (get-module-name Section3Forms)
          events (foreign-depot ipc m "*events")
          mb (foreign-depot ipc m "*mb")
          balances (foreign-pstate ipc m "$$balances")]
      (foreign-append! events {:account "alice" :amount 10})
      (foreign-append! events ["alice" 3])
      (foreign-append! events {:account "bob" :amount 5})
      (is (= 7 (foreign-select-one (keypath "alice") balances)) "<<subsource dispatches on the class (a map deposits, a vector withdraws), destructuring each")
      (is (= 5 (foreign-select-one (keypath "bob") balances)))
      (is (= ["alice" "alice" "bob"] (foreign-select-one STAY (foreign-pstate ipc m "$$log")))
          "<<branch, |global$$ and declare-pstate*")
      (is (= #{:path 0 1 2 3} (foreign-select-one (keypath "alice") (foreign-pstate ipc m "$$seen-on")))
          "|path$$ routes by the PState's key; |all$$ then |all reach every task (each writes its id)")
      (is (= 7 @(foreign-select-one-async (keypath "alice") balances)) "foreign-select-one-async")
      (is (= [7] @(foreign-select-async (keypath "alice") balances)) "foreign-select-async")
      (is (= {} @(foreign-append-async! events {:account "carol" :amount 1})) "foreign-append-async!")
      (foreign-append! mb 4)
      (foreign-append! mb 6)
      (rtest/wait-for-microbatch-processed-count ipc m "mb" 2)
      (let [info (foreign-select-one STAY (foreign-pstate ipc m "$$mb-info"))]
        (is (= 10 (get info "sum")) "materialize> and reading the temporary PState in a later batch block")
        (is (= "microbatch" (get info "type")) "current-topology-type")
        (is (every? some? (get info "ids")) "current-microbatch-id")))))

(deftest section3-gen-joins-batch-sources
  (is (= [[1 [2]]]
         (collect (fn [record!]
                    (?<- (<<batch (ops/explode [1 2] :> *x)
                                  (gen>)
                                  (ops/explode [2 3] :> *x)
                                  (aggs/+count :> *c)
                                  (aggs/+vec-agg *x :> *xs)
                                  (record! [*c *xs]))))))
      "gen> starts a second source; the sources join on their shared variable *x"))

(deftest section3-control-flow-and-offsets
  (is (= [[true false 3]]
         (collect (fn [record!] (?<- (and> true 1 :> *a) (and> 1 nil :> *b) (and> 1 2 3 :> *c) (record! [(boolean *a) (boolean *b) *c]))))))
  (is (thrown-with-msg? Exception #"boom"
                        (?<- (identity (ex-info "boom" {}) :> *e) (throw! *e))))
  (is (= [:offset-ago 5 :records] (offset-ago 5 :records)))
  (is (= [:offset-after-timestamp-millis 42] (offset-after-timestamp-millis 42)))
  (let [tp (rtest/create-test-pstate {Long Long})]
    (rtest/test-pstate-transform [(keypath 1) (termval 1)] tp)
    (?<- (identity tp :> $$p) (local-clear> $$p))
    (is (= {} (rtest/test-pstate-select-one STAY tp)) "local-clear>")))

(deftest section3-none-removes-in-compound-templates
  (let [tp (rtest/create-test-pstate {String {String Long}})]
    (?<- (identity tp :> $$p)
         (ops/explode [["a" "x"] ["a" "y"] ["b" "z"]] :> [*k *k2])
         (+compound $$p {*k {*k2 (aggs/+count)}}))
    (?<- (identity tp :> $$p) (identity "a" :> *k) (+compound $$p {*k {"x" aggs/+NONE}}))
    (is (= {"a" {"y" 1} "b" {"z" 1}} (rtest/test-pstate-select-one STAY tp)) "a nested entry is removed")
    (?<- (identity tp :> $$p) (identity "b" :> *k) (+compound $$p {*k aggs/+NONE}))
    (is (= {"a" {"y" 1}} (rtest/test-pstate-select-one STAY tp)) "a top-level entry is removed"))
  (is (= [{"a" 1 "b" 2}]
         (collect (fn [record!]
                    (?<- (<<batch (ops/explode [["a" 1] ["b" 2]] :> [*k *v])
                                  (+compound {*k (aggs/+sum *v) "gone" aggs/+NONE} :> *m)
                                  (record! *m))))))
      "in a batch output the entry is left out")
  (is (= (dev.floe.builder.AggBuilderAccess/spec (dev.floe.Agg/none)) (dev.floe.builder.AggBuilderAccess/spec aggs/+NONE))
      "the same aggregator as Java's Agg.none()"))
