(ns floe.examples.word-count
  "The Clojure twin of dev.floe.examples.wordcount.WordCountModule: the same module, written
  with floe.core. It compiles to the same IR as the Java original (the parity suite in test/
  checks it), so it behaves the same on any cluster."
  (:require [floe.core :refer :all]
            [floe.path :refer :all]
            [floe.aggs :as aggs]
            [floe.ops :as ops])
  (:import [dev.floe.examples.wordcount WordCountModule]
           [dev.floe.ops Ops]))

(def top-amount "How many words topWords returns." 10)

(defmodule WordCount {:module-name "dev.floe.examples.wordcount.WordCountModule"} [setup topologies]
  (declare-depot setup *lines :random)
  (let [s (stream-topology topologies "wordCount")]
    (declare-pstate s $$counts {String Long})
    (<<sources s
      (source> *lines :> *line)
      (WordCountModule/WORDS *line :> *words)
      (ops/explode *words :> *word)
      (|hash *word)
      (+compound $$counts {*word (aggs/+count)})))

  (<<query-topology topologies "count" [*word :> *count]
    (|hash *word)
    (local-select> [(keypath *word) (nil->val 0)] $$counts :> *count)
    (|origin))

  (<<query-topology topologies "topWords" [:> *top]
    (|all)
    (local-select> ALL $$counts :> *entry)
    (ops/expand *entry :> *word *count)
    (ops/tuple *word *count :> *pair)
    (|origin)
    (aggs/+top-monotonic [top-amount] *pair :+options {:id-fn ops/first :sort-val-fn ops/last} :> *top))

  (<<query-topology topologies "distinctWords" [:> *n]
    (|all)
    (local-select> (view ops/size) $$counts :> *size)
    (filter> (Ops/GREATER_THAN *size 0))
    (|origin)
    (aggs/+sum *size :> *n)))
