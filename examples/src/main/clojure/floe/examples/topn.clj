(ns floe.examples.topn
  "The Clojure twin of dev.floe.examples.topn.TopSpendersModule: the users who spent the most,
  kept by a microbatch topology whose batch block pre-aggregates on each user's task and merges
  the totals on task 0 with +top-monotonic, written with floe.core. It compiles to the same IR as
  the Java original (the parity suite checks it), so it behaves the same on any cluster."
  (:require [floe.core :refer :all]
            [floe.path :refer :all]
            [floe.aggs :as aggs]
            [floe.ops :as ops])
  (:import [dev.floe.examples.topn TopSpendersModule]
           [dev.floe.ops Ops]))

(set! *warn-on-reflection* true)

(defmodule TopSpenders {:module-name "dev.floe.examples.topn.TopSpendersModule"} [setup topologies]
  (declare-depot setup *purchases :random)

  (let [top (microbatch-topology topologies "spend")]
    (declare-pstate top $$userTotals {Long Long})
    (declare-pstate top $$topSpenders java.util.List {:global? true :initial-value []})
    (<<sources top
      (source> *purchases :> %microbatch)
      (<<batch
        (%microbatch :> *purchase)
        (TopSpendersModule/PURCHASE_USER_ID *purchase :> *userId)
        (TopSpendersModule/PURCHASE_CENTS *purchase :> *cents)
        (filter> (Ops/GREATER_THAN *cents 0))
        ;; pre-aggregation, on the user's task: the running total after this purchase
        (|hash *userId)
        (local-transform> [(keypath *userId) (nil->val 0) (term Ops/PLUS_LONG *cents)] $$userTotals)
        (local-select> (keypath *userId) $$userTotals :> *total)
        (ops/tuple *userId *total :> *entry)
        (|global)
        ;; aggregation, on task 0: the microbatch's entries merged into the top list
        (aggs/+top-monotonic [TopSpendersModule/TOP_AMOUNT] $$topSpenders *entry
                             :+options {:id-fn ops/first :sort-val-fn ops/last}))))

  (<<query-topology topologies "topSpenders" [*n :> *top]
    (|global)
    (local-select> STAY $$topSpenders :> *all)
    (TopSpendersModule/FIRST_N *all *n :> *top)
    (|origin))

  (<<query-topology topologies "totalSpend" [*userId :> *total]
    (|hash *userId)
    (local-select> [(keypath *userId) (nil->val 0)] $$userTotals :> *total)
    (|origin)))
