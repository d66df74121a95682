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

;; API GAP: *warn-on-reflection* stays off: floe.core's aggregation forms (+compound, aggs/...
;; into a PState or :> a variable) expand to reflective interop today, and would warn here.

(defmodule TopSpenders {:module-name "dev.floe.examples.topn.TopSpendersModule"} [setup topologies]
  (declare-depot setup *purchases :random)

  (let [top (microbatch-topology topologies "spend")]
    (declare-pstate top $$userTotals {Long Long})
    (declare-pstate top $$topSpenders java.util.List {:global? true :initial-value []})
    (<<sources top
      ;; API GAP: floe.core records the name as written (%microbatch), where a Java module would
      ;; say *microbatch: the Java original uses this spelling so that both compile to the same IR
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
        ;; aggregation, on task 0: the microbatch's entries merged into the top list.
        ;; API GAP: Rama's form puts the aggregator's parameters first,
        ;;   (aggs/+top-monotonic [TopSpendersModule/TOP_AMOUNT] $$topSpenders *entry :+options {...}),
        ;; which floe.core rejects ("an aggregator aggregates into a PState ($$p first) or binds one
        ;; variable with :>"): it looks for the PState in the first argument only. Until it accepts
        ;; both, the PState goes first; the IR is the same as the Java builder's.
        (aggs/+top-monotonic $$topSpenders [TopSpendersModule/TOP_AMOUNT] *entry
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
