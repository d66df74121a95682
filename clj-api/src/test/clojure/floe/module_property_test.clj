(ns floe.module-property-test
  "Property-based testing of a module, the way a user would write it: generated depot appends run
  through the module on an in-process cluster and are compared with a pure model."
  (:require [clojure.test :refer [deftest is]]
            [clojure.test.check.clojure-test :refer [defspec]]
            [clojure.test.check.generators :as gen]
            [clojure.test.check.properties :as prop]
            [floe.core :refer :all]
            [floe.path :refer :all]
            [floe.aggs :as aggs]
            [floe.test :as rtest]))

;; a bank of accounts: deposits and withdrawals (refused when they would overdraw)
(defmodule Accounts [setup topologies]
  (declare-depot setup *ops (hash-by first))
  (let [s (stream-topology topologies "accounts")]
    (declare-pstate s $$balances {String Long})
    (<<sources s
      (source> *ops :> [*account *amount])
      (local-select> [(keypath *account) (nil->val 0)] $$balances :> *balance)
      (+ *balance *amount :> *new-balance)
      (<<if (>= *new-balance 0)
        (local-transform> [(keypath *account) (termval *new-balance)] $$balances)
        (ack-return> :accepted)
        (else>)
        (ack-return> :refused)))))

(defn model
  "The pure model: balances after the ops, and each op's outcome."
  [ops]
  (reduce (fn [[balances outcomes] [account amount]]
            (let [b (+ (get balances account 0) amount)]
              (if (>= b 0)
                [(assoc balances account b) (conj outcomes :accepted)]
                [balances (conj outcomes :refused)])))
          [{} []]
          ops))

(def op-gen (gen/tuple (gen/elements ["ann" "bob" "cat"]) (gen/choose -50 100)))

(defspec accounts-agree-with-the-model 25
  (prop/for-all [ops (gen/vector op-gen 0 40)
                 tasks (gen/elements [1 2 4])]
    (with-open [ipc (rtest/create-ipc)]
      (rtest/launch-module! ipc Accounts {:tasks tasks :threads (min tasks 2)})
      (let [m (get-module-name Accounts)
            depot (foreign-depot ipc m "*ops")
            balances (foreign-pstate ipc m "$$balances")
            outcomes (mapv #(get (foreign-append! depot %) "accounts") ops)
            [expected expected-outcomes] (model ops)]
        (and (= expected-outcomes outcomes)
             (every? (fn [[account b]] (= b (foreign-select-one (keypath account) balances))) expected))))))

(deftest the-model-is-not-trivial
  (is (= [{"ann" 5} [:accepted :refused]] (model [["ann" 5] ["ann" -10]]))))
