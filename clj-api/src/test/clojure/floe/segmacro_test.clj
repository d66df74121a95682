(ns floe.segmacro-test
  "Extending the dataflow language from Clojure: segment macros (defbasicsegmacro,
  defbasicblocksegmacro, gen-anyvar), named blocks of dataflow code (defblock), low-level
  operations written in Clojure (defoperation), user macros that expand to dataflow code, and
  the errors for Clojure macros that cannot be dataflow steps."
  (:require [clojure.string :as str]
            [clojure.test :refer [deftest is testing]]
            [floe.core :refer :all]
            [floe.path :refer :all :exclude [collect]]
            [floe.aggs :as aggs]
            [floe.ops :as ops]
            [floe.test :as rtest]
            [floe.test-support :refer [collect expansion-error]]))

;; ---------------------------------------------------------------------------- segment macros

(defbasicsegmacro plus-one
  "Adds one: (plus-one *a :> *b)."
  [a :> out]
  [+ a 1 :> out])

(defbasicsegmacro count-forms
  "Without :> in its parameters a segment macro takes the call's forms as written."
  [& forms]
  [identity (count forms) :> (last forms)])

(defbasicblocksegmacro double-and-label
  "Doubles a value through a variable of its own, then labels it in a nested <<if."
  [v :> out label]
  (let [tmp (gen-anyvar "doubled")]
    [[* v 2 :> tmp]
     [identity tmp :> out]
     `[<<if (> ~tmp 10)
       [identity "big" :> ~label]
       [else>]
       [identity "small" :> ~label]]]))

(defbasicblocksegmacro sum-into
  "Written with syntax-quote: its names resolve where the macro is defined, and its own variable
  *acc stays unqualified."
  [a b :> out]
  `[[+ ~a ~b :> *acc]
    [identity *acc :> ~out]])

(deftest segment-macros-expand-in-place
  (is (= [[2 3]] (collect (fn [record!] (?<- (identity 1 :> *a) (plus-one *a :> *b) (plus-one *b :> *c) (record! [*b *c]))))))
  (is (= [4] (collect (fn [record!] (?<- (count-forms 1 2 :> *v) (record! *v)))))
      "parameters without :> receive every form of the call, :> included")
  (testing "gen-anyvar keeps a block macro's own variables apart across uses; nested block forms take vector steps"
    (is (= [[6 "small" 14 "big"]]
           (collect (fn [record!]
                      (?<- (double-and-label 3 :> *a *la)
                           (double-and-label 7 :> *b *lb)
                           (record! [*a *la *b *lb])))))))
  (is (= [5] (collect (fn [record!] (?<- (sum-into 2 3 :> *s) (record! *s)))))
      "syntax-quoted segments: dataflow variables are unqualified again")
  (is (symbol? (gen-anyvar)))
  (is (not= (gen-anyvar "x") (gen-anyvar "x")))
  (is (str/starts-with? (name (gen-anchorvar "done")) "<done")))

(deftest segment-macro-errors-name-the-call
  (let [msg (expansion-error '(?<- (identity 1 :> *a) (plus-one *a *b)))]
    (is (re-find #"plus-one takes \[a :> out\], got \(\*a \*b\)" msg))
    (is (re-find #"in: \(plus-one \*a \*b\)" msg) "the call is shown"))
  (defbasicsegmacro ^:private not-a-segment [x] 42)
  (is (re-find #"not-a-segment returned 42, which is not a segment"
               (expansion-error '(?<- (not-a-segment 1)))))
  (defbasicblocksegmacro ^:private not-a-block [x] '(println x))
  (is (re-find #"must return a vector of segments"
               (expansion-error '(?<- (not-a-block 1)))))
  (defbasicsegmacro ^:private throws [x] (throw (IllegalStateException. "no good")))
  (is (re-find #"throws failed: .*no good" (expansion-error '(?<- (throws 1)))))
  (is (re-find #"expected a vector of parameters"
               (expansion-error '(defbasicsegmacro bad-params (x) x)))))

;; ---------------------------------------------------------------------------- defblock

(defblock count-and-sum
  "Counts and sums a value into a PState, keyed by *k, and outputs the new count."
  [$$stats *k *v :> *n]
  (|hash *k)
  (local-transform> [(keypath *k) (multi-path [:count (nil->val 0) (term inc)]
                                              [:sum (nil->val 0) (term + *v)])]
                    $$stats)
  (local-select> [(keypath *k) :count] $$stats :> *n))

(defblock label [*x :> *out]
  (<<if (even? *x)
    (identity "even" :> *l)
   (else>)
    (identity "odd" :> *l))
  (str *l "-" *x :> *out))

(deftest defblock-inlines-dataflow-code
  (is (= [["even-2" "odd-3" "even-10"]]
         (collect (fn [record!]
                    (?<- (label 2 :> *a) (label 3 :> *b) (label (+ 4 6) :> *c) (record! [*a *b *c])))))
      "used three times in one body: the block's own *l and anchors do not collide; (+ 4 6) is bound first")
  (is (re-find #"label takes 1 argument\(s\) \[\*x\], got 2" (expansion-error '(?<- (label 1 2 :> *o)))))
  (is (re-find #"expected \(label \*x :> \*out\): 1 output" (expansion-error '(?<- (label 1)))))
  (is (re-find #"is a block of dataflow code" (try (label 1) (catch IllegalStateException e (ex-message e))))))

(defmodule BlockModule [setup topologies]
  (declare-depot setup *events (hash-by first))
  (let [s (stream-topology topologies "s")]
    (declare-pstate s $$stats {String (fixed-keys-schema {:count Long :sum Long})})
    (declare-pstate s $$counts {String Long})
    (<<sources s
      (source> *events :> [*k *v])
      (count-and-sum $$stats *k *v :> *n)
      (count-and-sum $$stats "all" *v :> *total)
      (|hash *k)
      (local-transform> [(keypath *k) (termval *n)] $$counts))))

(deftest defblock-in-a-module
  (with-open [ipc (rtest/create-ipc)]
    (rtest/launch-module! ipc BlockModule {:tasks 4 :threads 2})
    (let [m (get-module-name BlockModule)
          events (foreign-depot ipc m "*events")
          stats (foreign-pstate ipc m "$$stats")
          counts (foreign-pstate ipc m "$$counts")]
      (doseq [e [["a" 1] ["b" 10] ["a" 2] ["c" 5] ["a" 3]]]
        (foreign-append! events e))
      (is (= {:count 3 :sum 6} (foreign-select-one (keypath "a") stats)))
      (is (= {:count 1 :sum 10} (foreign-select-one (keypath "b") stats)))
      (is (= {:count 5 :sum 21} (foreign-select-one (keypath "all") stats))
          "the second use partitions to another key: its own variables are apart from the first's")
      (is (= 3 (foreign-select-one (keypath "a") counts))))))

;; ---------------------------------------------------------------------------- defoperation

(defoperation split-words
  [word> :> bad> :bad>]
  [s]
  (if (string? s)
    (doseq [w (str/split s #"\s+") :when (seq w)] (word> w))
    (bad> s (str "not a string: " (pr-str s)))))

(deftest defoperation-emits-on-its-streams
  (is (= [[:word "a"] [:word "b"] [:bad 7 "not a string: 7"] [:word "c"]]
         (collect (fn [record!]
                    (?<- (ops/explode ["a b" 7 " c "] :> *s)
                         (split-words *s :> *w :bad> <bad> *v *why)
                         (record! [:word *w])
                         (hook> <bad>)
                         (record! [:bad *v *why]))))))
  (is (re-find #"split-words takes 1 argument\(s\), got 2" (expansion-error '(?<- (split-words "a" "b" :> *w)))))
  (is (re-find #"expected a vector of emit functions"
               (expansion-error '(defoperation bad-op [out>] [x] (out> x))))))

(defmodule OperationModule [setup topologies]
  (declare-depot setup *lines :random)
  (let [s (stream-topology topologies "words")]
    (declare-pstate s $$word-counts {String Long})
    (declare-pstate s $$rejected {Long Long})
    (<<sources s
      (source> *lines :> *line)
      (split-words *line :> *w :bad> <bad> *v *_why)
      (|hash *w)
      (+compound $$word-counts {*w (aggs/+count)})
      (hook> <bad>)
      (|hash 0)
      (+compound $$rejected {0 (aggs/+count)}))))

(deftest defoperation-in-a-module
  (with-open [ipc (rtest/create-ipc)]
    (rtest/launch-module! ipc OperationModule {:tasks 4 :threads 2})
    (let [m (get-module-name OperationModule)
          lines (foreign-depot ipc m "*lines")]
      (foreign-append! lines "the cat the hat")
      (foreign-append! lines 42)
      (foreign-append! lines "hat")
      (is (= 2 (foreign-select-one (keypath "the") (foreign-pstate ipc m "$$word-counts"))))
      (is (= 2 (foreign-select-one (keypath "hat") (foreign-pstate ipc m "$$word-counts"))))
      (is (= 1 (foreign-select-one (keypath 0) (foreign-pstate ipc m "$$rejected")))))))

;; ---------------------------------------------------------------------------- Clojure macros

(defmacro ^:private inc-into
  "A plain Clojure macro expanding to a dataflow step."
  [a out]
  `(inc ~a :> ~out))

(defmacro ^:private log-and-double
  "A plain Clojure macro expanding to several steps in <<do, one of them another macro."
  [a out]
  `(<<do (inc-into ~a *tmp#)
         (* ~a 2 :> ~out)))

(defmacro ^:private with-let [v] `(let [x# ~v] x#))

(deftest clojure-macros-that-expand-to-dataflow-code
  (is (= [[2 6]] (collect (fn [record!] (?<- (identity 1 :> *a) (inc-into *a *b) (log-and-double 3 *c) (record! [*b *c]))))))
  (is (= [[2 3]] (collect (fn [record!] (?<- (identity 1 :> *a) (do (inc *a :> *b) (inc *b :> *c)) (record! [*b *c])))))
      "(do forms...) groups steps, as <<do")
  (is (re-find #"clojure.core/let is a Clojure macro or special form.*\(with-let expands to it\)"
               (expansion-error '(?<- (with-let 1))))
      "a macro expanding to Clojure code names itself and what it expanded to"))

(deftest clojure-macros-as-steps-say-what-to-use
  (doseq [[form hint] [['(?<- (let [x 1] (println x))) #"(?i)bind a value with \(identity v :> \*x\)"]
                       ['(?<- (when-let [x 1] (println x))) #"then test it: \(<<if \(some\? \*x\)"]
                       ['(?<- (if-let [x 1] (println x) (println 2))) #"then test it"]
                       ['(?<- (or 1 2)) #"(?i)use \(or> a b :> \*v\)"]
                       ['(?<- (and 1 2)) #"(?i)use \(and> a b :> \*v\)"]
                       ['(?<- (when true (println 1))) #"(?i)branch with \(<<if cond"]
                       ['(?<- (doseq [x [1]] (println x))) #"ops/explode"]
                       ['(?<- (loop [i 0] (println i))) #"loop<-"]]]
    (let [msg (expansion-error form)]
      (is (re-find #"is a Clojure macro or special form, which dataflow code cannot use as a step" msg) (pr-str form))
      (is (re-find hint msg) (pr-str form)))))
