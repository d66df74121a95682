(ns floe.repl-fixture
  "Modules for floe.repl's tests: a namespace launched, reloaded and drawn."
  (:require [clojure.string :as str]
            [floe.core :refer :all]
            [floe.aggs :as aggs]
            [floe.ops :as ops]))

(defonce loads (atom 0))
(swap! loads inc)

(defmodule WordCount [setup topologies]
  (declare-depot setup *sentences :random)
  (let [s (stream-topology topologies "count")]
    (declare-pstate s $$counts {String Long})
    (<<sources s
      (source> *sentences :> *s)
      (str/split *s #" " :> *words)
      (ops/explode *words :> *w)
      (|hash *w)
      (+compound $$counts {*w (aggs/+count)})
      (ack-return> *w))))

(defmodule Totals [setup topologies]
  (declare-depot setup *amounts :random)
  (let [s (stream-topology topologies "sum")]
    (declare-pstate s $$total Long {:global? true :initial-value 0})
    (<<sources s
      (source> *amounts :> *a)
      (<<if (neg? *a)
        (throw! (ex-info "negative amount" {:a *a})))
      (|global)
      (aggs/+sum $$total *a))))

(defonce failures-left (atom 0))

(defn flaky-inc
  "Increments, but throws while failures-left is positive (counting it down)."
  [x]
  (if (pos? (swap! failures-left #(max 0 (dec %))))
    (throw (IllegalStateException. "flaky: failing on purpose"))
    (inc x)))

(defmodule Flaky [setup topologies]
  (declare-depot setup *xs :random)
  (let [s (stream-topology topologies "flaky")]
    (declare-pstate s $$last Long {:global? true :initial-value 0})
    (<<sources s
      (source> *xs :> *x)
      (flaky-inc *x :> *y)
      (|global)
      (local-transform> (floe.path/termval *y) $$last))))
