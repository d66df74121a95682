(ns floe.examples.mirrors
  "The Clojure twin of dev.floe.examples.mirrors.WordStatsModule: a module reading the word-count
  module (floe.examples.word-count) through mirrors of its depot, PState and query, written with
  floe.core. It compiles to the same IR as the Java original (the parity suite checks it), so it
  behaves the same on any cluster."
  (:require [floe.core :refer :all]
            [floe.path :refer :all]
            [floe.aggs :as aggs]
            [floe.ops :as ops]
            [floe.examples.word-count :as word-count])
  (:import [dev.floe.examples.mirrors WordStatsModule]))

(set! *warn-on-reflection* true)

(def source-module
  "The name of the module this one mirrors (launch it first)."
  (get-module-name word-count/WordCount))

(defmodule WordStats {:module-name "dev.floe.examples.mirrors.WordStatsModule"} [setup topologies]
  (mirror-depot setup *wcLines source-module "*lines")
  (mirror-pstate setup $$wcCounts source-module "$$counts")
  (mirror-query setup *wcCount source-module "count")

  (let [lengths (stream-topology topologies "lineLengths")]
    (declare-pstate lengths $$lineLengths {Long Long})
    (<<sources lengths
      (source> *wcLines :> *line)
      (WordStatsModule/BUCKET *line :> *bucket)
      (|hash *bucket)
      (+compound $$lineLengths {*bucket (aggs/+count)})))

  ;; the word's count read twice: on the task hosting its partition of the mirrored PState, and
  ;; through the mirrored query
  (<<query-topology topologies "wordReport" [*word :> *report]
    (|hash$$ $$wcCounts *word)
    (local-select> [(keypath *word) (nil->val 0)] $$wcCounts :> *viaPState)
    (invoke-query *wcCount *word :> *viaQuery)
    (ops/tuple *word *viaPState *viaQuery :> *report)
    (|origin)))
