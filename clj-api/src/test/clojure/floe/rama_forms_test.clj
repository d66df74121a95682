(ns floe.rama-forms-test
  "Rama forms added after forms_test: recur>, inline hooks (:>> / :name>>), defgenerator /
  batch<-, combiner / accumulator in floe.core, aggs/+avg, launch dynamic options, value-schema,
  and the depot inspection and compiled-path clients (foreign-object-info,
  foreign-depot-partition-info, foreign-depot-read, compiled-foreign-*)."
  (:require [clojure.test :refer [deftest is testing]]
            [floe.core :refer :all]
            [floe.path :refer :all :exclude [collect]]
            [floe.aggs :as aggs]
            [floe.ops :as ops]
            [floe.test :as rtest]
            [floe.test-support :refer [collect expansion-error]])
  (:import [dev.floe.builder ModuleBuilder]))

;; ---------------------------------------------------------------------------- recur>

(deframafn fact-acc [*n *acc]
  (<<if (<= *n 1)
    (:> *acc)
    (else>)
    (recur> (dec *n) (* *n *acc))))

(deframaop down-from [*n]
  (:> *n)
  (<<if (pos? *n)
    (recur> (dec *n))))

(deframaop fan-out [*depth *path]
  (<<if (zero? *depth)
    (:> *path)
    (else>)
    (recur> (dec *depth) (conj *path :l))
    (recur> (dec *depth) (conj *path :r))))

(deframafn count-up [*i *n]
  (<<if (>= *i *n) (:> *i) (else>) (recur> (inc *i) *n)))

(deftest recur-runs-the-body-again-as-a-loop
  (is (= 2432902008176640000 (fact-acc 20 1)) "deframafn: a Clojure function too")
  (is (= 1 (fact-acc 1 1)))
  (is (= 100000 (count-up 0 100000)) "100000 iterations: recur> is a loop, no stack grows")
  (is (= [3 2 1 0] (collect (fn [record!] (?<- (down-from 3 :> *i) (record! *i))))) "deframaop")
  (is (= [[:l :l] [:l :r] [:r :l] [:r :r]] (collect (fn [record!] (?<- (fan-out 2 [] :> *p) (record! *p)))))
      "recur> may be called several times (fan-out), like continue>")
  (is (= [6] (collect (fn [record!]
                        (?<- (<<ramafn %sum [*xs *acc]
                               (<<if (empty? *xs)
                                 (:> *acc)
                                 (else>)
                                 (recur> (rest *xs) (+ *acc (first *xs)))))
                             (%sum [1 2 3] 0 :> *s)
                             (record! *s)))))
      "<<ramafn")
  (testing "malformed recur> is an expansion error"
    (is (re-find #":\d+:\d+: recur> takes 2 value\(s\)" (expansion-error '(deframafn bad-recur [*a *b] (recur> 1) (:> 1)))))
    (is (re-find #"there is none here" (expansion-error '(?<- (recur> 1)))))
    (is (re-find #"recur> inside loop<- is ambiguous"
                 (expansion-error '(deframaop bad-loop [*a] (loop<- [*i 0 :> *v] (recur> *i)) (:> 1)))))
    (is (re-find #"cannot use recur>" (expansion-error '(deframaop bad-part [*a] (|hash *a) (recur> *a)))))))


;; ---------------------------------------------------------------------------- :>> inline hooks

(deframaop split-numbers [*x]
  (<<if (number? *x)
    (:> *x)
    (else>)
    (:err> *x)))

(deftest inline-hooks-attach-code-to-an-output-stream
  (is (= [[:ok 1] [:err "x"] [:ok 2]]
         (collect (fn [record!]
                    (?<- (ops/explode [1 "x" 2] :> *in)
                         (split-numbers *in :> *n :err>> *e (record! [:err *e]))
                         (record! [:ok *n])))))
      ":err>> runs its forms on each emit of :err>; the code after the call continues from :>")
  (is (= [[:in 1] [:after 2] [:in 2] [:after 3]]
         (collect (fn [record!]
                    (?<- (ops/explode [1 "x" 2] :> *in)
                         (split-numbers *in :>> *n (record! [:in *n]) (inc *n :> *m) :err> <e> *e)
                         (record! [:after *m])))))
      ":>> runs its forms in place: the code after the call continues from them")
  (is (= [[:big 30] [:small 1]]
         (collect (fn [record!]
                    (?<- (<<ramaop %size [*x] (<<if (> *x 10) (:big> *x) (else>) (:> *x)))
                         (ops/explode [30 1] :> *v)
                         (%size *v :> *s :big>> *b (record! [:big *b]))
                         (record! [:small *s])))))
      "on anonymous operations too")
  (testing "malformed hooks are expansion errors"
    (is (re-find #":\d+:\d+: expected :err>> followed by variables"
                 (expansion-error '(?<- (split-numbers 1 :> *n :err>> *e)))))
    (is (re-find #"not both" (expansion-error '(?<- (split-numbers 1 :> *n :>> *m (identity *m :> *k))))))
    (is (re-find #"no anchor after it" (expansion-error '(?<- (split-numbers 1 :> *n :err>> <a> *e (identity *e :> *k))))))))

;; ---------------------------------------------------------------------------- defgenerator / batch<-

(defgenerator counts-of [*coll]
  (batch<- [*k *n]
    (ops/explode *coll :> *x)
    (+group-by *x (aggs/+count :> *n))
    (identity *x :> *k)))

(defgenerator word-counts [%mb]
  (batch<- [*word *count]
    (%mb :> *word)
    (|hash *word)
    (+group-by *word (aggs/+count :> *count))))

(defmodule GeneratorModule [setup topologies]
  (declare-depot setup *words :random)
  (let [mb (microbatch-topology topologies "mb")]
    (declare-pstate mb $$most {String Long})
    (declare-pstate mb $$batches Long {:global? true :initial-value 0})
    (<<sources mb
      (source> *words :> %mb)
      (<<batch
        (word-counts %mb :> *w *c)
        (filter> (> *c 1))
        (|hash *w)
        (+compound $$most {*w (aggs/+sum *c)})))))

(deftest generators-are-sources-of-batch-blocks
  (is (= [[1 1] [2 2] [3 3]]
         (collect (fn [record!]
                    (?<- (identity [1 2 2 3 3 3] :> *xs)
                         (<<batch (counts-of *xs :> *k *c) (record! [*k *c])))))))
  (is (= [3] (collect (fn [record!]
                        (?<- (identity [1 2 2] :> *xs)
                             (<<batch (counts-of *xs :> *k *c) (aggs/+sum *c :> *total) (record! *total))))))
      "a generator's rows are aggregated by the enclosing batch block")
  (with-open [ipc (rtest/create-ipc)]
    (rtest/launch-module! ipc GeneratorModule {:tasks 4 :threads 2})
    (let [m (get-module-name GeneratorModule)
          d (foreign-depot ipc m "*words")]
      (rtest/pause-microbatch-topology! ipc m "mb")
      (doseq [w ["a" "b" "a" "c" "a" "b"]] (foreign-append! d w))
      (rtest/resume-microbatch-topology! ipc m "mb")
      (rtest/wait-for-microbatch-processed-count ipc m "mb" 6)
      (let [most (foreign-pstate ipc m "$$most")]
        (is (= 3 (foreign-select-one (keypath "a") most)) "the microbatch's words counted by the generator")
        (is (= 2 (foreign-select-one (keypath "b") most)))
        (is (nil? (foreign-select-one (keypath "c") most)) "rows filtered after the generator"))))
  (testing "malformed generators are expansion errors"
    (is (re-find #"one batch<- with the variables it emits" (expansion-error '(defgenerator bad-gen [*a] (identity *a :> *b)))))
    (is (re-find #"takes 1 argument\(s\), got 2" (expansion-error '(?<- (<<batch (counts-of [1] [2] :> *k *n))))))
    (is (re-find #"the generator emits 2 value\(s\)" (expansion-error '(?<- (<<batch (counts-of [1] :> *k))))))
    (is (re-find #"only valid as the body of a defgenerator" (expansion-error '(?<- (batch<- [*a] (identity 1 :> *a))))))
    (is (thrown? IllegalStateException (counts-of [1])) "a generator is not a Clojure function")))

;; ---------------------------------------------------------------------------- combiner, accumulator, +avg

(def +max-len (combiner (fn [a b] (max a b)) :init-fn (constantly 0)))
(def +conj-all (accumulator (fn [v] (term #(conj % v))) :init-fn (constantly [])))
(def +weighted (accumulator (fn [v w] (term #(+ % (* v w)))) :init-fn (constantly 0)))

(defmodule AggregatorsModule [setup topologies]
  (declare-depot setup *words :random)
  (let [s (stream-topology topologies "s")]
    (declare-pstate s $$longest Long {:global? true :initial-value 0})
    (declare-pstate s $$by-letter {String java.util.List})
    (<<sources s
      (source> *words :> *w)
      (|global)
      (long (count *w) :> *len)
      (+max-len $$longest *len)
      (subs *w 0 1 :> *letter)
      (|hash *letter)
      (+compound $$by-letter {*letter (+conj-all *w)})))
  (<<query-topology topologies "avg-length" [*words :> *avg]
    (ops/explode *words :> *w)
    (|shuffle)
    (count *w :> *len)
    (|origin)
    (aggs/+avg *len :> *avg)))

(deftest custom-aggregators-and-avg
  (is (= [[3 [1 2 3] 14]]
         (collect (fn [record!]
                    (?<- (<<batch (ops/explode [[1 1] [2 2] [3 3]] :> [*v *w])
                                  (+max-len *v :> *m)
                                  (+conj-all *v :> *all)
                                  (+weighted *v *w :> *ws)
                                  (record! [*m *all *ws]))))))
      "into variables in a batch block (an accumulator of two arguments too)")
  (is (= [[2.5 4]] (collect (fn [record!]
                              (?<- (<<batch (ops/explode [1 2 3 4] :> *v)
                                            (aggs/+avg *v :> *a)
                                            (aggs/+count :> *c)
                                            (record! [*a *c])))))))
  (is (= #{[:a 1.5] [:b 5.0]}
         (set (collect (fn [record!]
                         (?<- (<<batch (ops/explode [[:a 1] [:a 2] [:b 5]] :> [*k *v])
                                       (+group-by *k (aggs/+avg *v :> *a))
                                       (record! [*k *a]))))))))
  (is (= [nil] (collect (fn [record!] (?<- (<<batch (ops/explode [] :> *v) (aggs/+avg *v :> *a) (record! *a))))))
      "no rows: nil")
  (with-open [ipc (rtest/create-ipc)]
    (rtest/launch-module! ipc AggregatorsModule {:tasks 4 :threads 2})
    (let [m (get-module-name AggregatorsModule)
          d (foreign-depot ipc m "*words")]
      (doseq [w ["apple" "bob" "avocado" "be"]] (foreign-append! d w))
      (is (= 7 (foreign-select-one STAY (foreign-pstate ipc m "$$longest"))) "a combiner into a PState")
      (is (= ["apple" "avocado"] (foreign-select-one (keypath "a") (foreign-pstate ipc m "$$by-letter")))
          "an accumulator in a +compound template")
      (is (= 3.0 (foreign-invoke-query (foreign-query ipc m "avg-length") ["ab" "abcd" "abc"])) "aggs/+avg in a query topology")))
  (testing "misuse"
    (is (re-find #":\d+:\d+: expected \(aggs/\+avg \*v :> \*avg\)" (expansion-error '(?<- (identity 1 :> *v) (aggs/+avg $$p *v)))))
    (is (re-find #"expected \(aggs/\+avg" (expansion-error '(?<- (identity 1 :> *v) (<<batch (aggs/+avg *v :new-val> *n))))))
    (is (thrown? IllegalStateException (aggs/+avg 1)) "+avg is dataflow-only")
    (is (thrown? IllegalArgumentException ((combiner +) 1 2)) "a combiner aggregates one value")))

;; ---------------------------------------------------------------------------- launch options, value-schema

(defmodule OptionsModule [setup topologies]
  (declare-depot setup *d :random)
  (set-launch-module-dynamic-option! setup "worker.event.target.max.millis" 7)
  (set-launch-depot-dynamic-option! setup *d "depot.max.entries.per.partition" 1000)
  (set-launch-topology-dynamic-option! setup "s" "topology.stream.max.executing.per.task" 3)
  (let [s (stream-topology topologies "s")]
    (declare-pstate s $$total (value-schema Long) {:global? true :initial-value 0})
    (declare-pstate s $$by-key (map-schema String (value-schema Long)))
    (set-launch-pstate-dynamic-option! setup $$total "pstate.some.option" true)
    (<<sources s
      (source> *d :> *x)
      (|hash *x)
      (+compound $$by-key {*x (aggs/+count)})
      (|global)
      (aggs/+sum $$total 1))))

(defmodule BadOptionModule [setup topologies]
  (declare-depot setup *d :random)
  (set-launch-depot-dynamic-option! setup "*d" "depot.max.entries.per.partition" -5)
  (let [s (stream-topology topologies "s")]
    (<<sources s (source> *d :> *x))))

(deftest launch-options-and-value-schemas
  (is (= {"module/worker.event.target.max.millis" 7
          "depot/*d/depot.max.entries.per.partition" 1000
          "topology/s/topology.stream.max.executing.per.task" 3
          "pstate/$$total/pstate.some.option" true}
         (into {} (.launchOptions (ModuleBuilder/define OptionsModule))))
      "the options land in the module, as the Java setLaunch*DynamicOption calls record them")
  (with-open [ipc (rtest/create-ipc)]
    (rtest/launch-module! ipc OptionsModule {:tasks 2 :threads 2})
    (let [m (get-module-name OptionsModule)]
      (foreign-append! (foreign-depot ipc m "*d") "k")
      (foreign-append! (foreign-depot ipc m "*d") "k")
      (is (= 2 (foreign-select-one STAY (foreign-pstate ipc m "$$total"))) "(value-schema Long) is the Long schema")
      (is (= 2 (foreign-select-one (keypath "k") (foreign-pstate ipc m "$$by-key")))))
    (is (thrown-with-msg? Exception #"depot.max.entries.per.partition must be a positive number"
                          (rtest/launch-module! ipc BadOptionModule {:tasks 2 :threads 1}))
        "the runtime reads the depot option at launch"))
  (is (thrown? IllegalArgumentException (value-schema "Long"))))

;; ---------------------------------------------------------------------------- clients

(defmodule LogModule [setup topologies]
  (declare-depot setup *events (hash-by identity))
  (declare-depot setup *global :random {:global? true})
  (let [s (stream-topology topologies "s")]
    (declare-pstate s $$seen {String Long})
    (<<sources s
      (source> *events :> *e)
      (|hash *e)
      (+compound $$seen {*e (aggs/+count)}))))

(deftest depot-inspection-and-compiled-paths
  (with-open [ipc (rtest/create-ipc)]
    (rtest/launch-module! ipc LogModule {:tasks 4 :threads 2})
    (let [m (get-module-name LogModule)
          d (foreign-depot ipc m "*events")
          seen (foreign-pstate ipc m "$$seen")
          [k0 k1] (rtest/gen-hashing-index-keys 4)]
      (is (= {:name "*events" :module-name m :num-partitions 4} (foreign-object-info d)))
      (is (= {:name "*global" :module-name m :num-partitions 1} (foreign-object-info (foreign-depot ipc m "*global"))))
      (is (= {:name "$$seen" :module-name m :num-partitions 4} (foreign-object-info seen)))
      (is (= {:start-offset 0 :end-offset 0} (foreign-depot-partition-info d 1)))
      (foreign-append! d k1)
      (foreign-append! d k1)
      (foreign-append! d k0)
      (is (= {:start-offset 0 :end-offset 2} (foreign-depot-partition-info d 1)))
      (is (= {:start-offset 0 :end-offset 1} @(foreign-depot-partition-info-async d 0)))
      (is (= [k1 k1] (foreign-depot-read d 1 0 2)))
      (is (= [k1] (foreign-depot-read d 1 1 2)))
      (is (= [k0] @(foreign-depot-read-async d 0 0 1)))
      (is (thrown? Exception (foreign-depot-read d 1 0 3)) "past the end")
      (is (thrown? Exception (foreign-depot-partition-info d 4)) "no partition 4")
      (is (thrown? IllegalArgumentException (foreign-object-info "x")))
      (let [p (path (keypath k1))]
        (is (= 2 (compiled-foreign-select-one p seen)))
        (is (= [2] (compiled-foreign-select p seen)))
        (is (= 2 @(compiled-foreign-select-one-async p seen)))
        (is (= [2] @(compiled-foreign-select-async p seen)))
        (is (= [1] (compiled-foreign-select (path MAP-VALS) seen {:pkey k0})) "with :pkey")
        (is (= 1 (compiled-foreign-select-one (keypath k0) seen {:pkey k0})) "a navigator is a compiled path")
        (is (thrown-with-msg? IllegalArgumentException #"takes a compiled path"
                              (compiled-foreign-select-one [(keypath k1)] seen))
            "a vector is not compiled: use path")))))
