(ns floe.examples.bank
  "The Clojure twin of dev.floe.examples.bank.BankTransferModule: exactly-once transfers between
  accounts in a microbatch topology, written with floe.core. It compiles to the same IR as the
  Java original (the parity suite checks it), so it behaves the same on any cluster."
  (:require [floe.core :refer :all]
            [floe.path :refer :all]
            [floe.aggs :as aggs]
            [floe.ops :as ops])
  (:import [dev.floe.examples.bank BankTransferModule BankTransferModule$Deposit BankTransferModule$Transfer]
           [dev.floe.ops Ops]))

(set! *warn-on-reflection* true)

(defmodule Bank {:module-name "dev.floe.examples.bank.BankTransferModule"} [setup topologies]
  ;; each record goes to the task of the account whose money it touches first
  (declare-depot setup *bankOps (hash-by BankTransferModule/OWNER))

  (let [bank (microbatch-topology topologies "bank")]
    (declare-pstate bank $$funds {String Long})
    ;; sender -> transfer id -> accepted?
    (declare-pstate bank $$outcomes {String (map-schema Long Boolean {:subindex? true})})
    (<<sources bank
      (source> *bankOps :> %microbatch)
      (<<batch
        (%microbatch :> *op)
        (<<subsource *op
          (case> BankTransferModule$Deposit)
          (BankTransferModule/DEPOSIT_ACCOUNT *op :> *account)
          (BankTransferModule/DEPOSIT_AMOUNT *op :> *deposit)
          (filter> (Ops/GREATER_THAN *deposit 0))
          (local-transform> [(keypath *account) (nil->val 0) (term Ops/PLUS_LONG *deposit)] $$funds)

          (case> BankTransferModule$Transfer)
          (BankTransferModule/TRANSFER_ID *op :> *transferId)
          (BankTransferModule/TRANSFER_FROM *op :> *from)
          (BankTransferModule/TRANSFER_TO *op :> *to)
          (BankTransferModule/TRANSFER_AMOUNT *op :> *amount)
          (local-select> [(keypath *from) (nil->val 0)] $$funds :> *available)
          (BankTransferModule/COVERS *available *amount :> *accepted)
          (local-transform> [(keypath *from *transferId) (termval *accepted)] $$outcomes)
          (filter> *accepted)
          (local-transform> [(keypath *from) (term Ops/MINUS_LONG *amount)] $$funds)
          (BankTransferModule/MAYBE_FAIL_AFTER_DEBIT *transferId)
          (anchor> <debited>))
        ;; only accepted transfers go on: to the receiver's task, credited in the aggregation
        (hook> <debited>)
        (|hash *to)
        (+compound $$funds {*to (aggs/+sum *amount)}))
      ;; after the batch block: every debit and credit of the attempt is written
      (ops/current-microbatch-id :> *microbatchId)
      (BankTransferModule/MAYBE_FAIL_AFTER_CREDITS *microbatchId)))

  (<<query-topology topologies "balance" [*account :> *balance]
    (|hash *account)
    (local-select> [(keypath *account) (nil->val 0)] $$funds :> *balance)
    (|origin))

  (<<query-topology topologies "totalFunds" [:> *total]
    (|all)
    (local-select> MAP-VALS $$funds :> *funds)
    (|origin)
    (aggs/+sum *funds :> *total)))
