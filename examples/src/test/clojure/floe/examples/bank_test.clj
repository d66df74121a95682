(ns floe.examples.bank-test
  "The Clojure twin of the bank on an in-process cluster: the scenarios of BankTransferModuleTest,
  and the model-based property (money is conserved, every balance and outcome is the model's)."
  (:require [clojure.test :refer [deftest is testing use-fixtures]]
            [clojure.test.check.clojure-test :refer [defspec]]
            [clojure.test.check.generators :as gen]
            [clojure.test.check.properties :as prop]
            [floe.core :refer :all]
            [floe.path :refer :all]
            [floe.test :as rtest]
            [floe.examples.bank :refer [Bank]]
            [floe.examples.support :refer [launch-configs run-microbatch!]])
  (:import [dev.floe.examples.bank BankTransferModule BankTransferModule$Deposit BankTransferModule$Transfer]))

(set! *warn-on-reflection* true)

(def ^:private m (get-module-name Bank))

(defn- clear-knobs! []
  (.clear BankTransferModule/FAIL_AFTER_DEBIT)
  (.clear BankTransferModule/FAIL_AFTER_CREDITS))

(use-fixtures :each (fn [t] (clear-knobs!) (try (t) (finally (clear-knobs!)))))

(defn- deposit [account amount] (BankTransferModule$Deposit. account amount))
(defn- transfer [id from to amount] (BankTransferModule$Transfer. id from to amount))

(defn- microbatch! [ipc records processed]
  (run-microbatch! ipc m "*bankOps" "bank" records processed))

(defn- balance [ipc account] (foreign-invoke-query (foreign-query ipc m "balance") account))
(defn- total-funds [ipc] (foreign-invoke-query (foreign-query ipc m "totalFunds")))

(deftest transfers-move-money-across-tasks-and-reject-overdrafts
  (doseq [config launch-configs]
    (with-open [ipc (rtest/create-ipc)]
      (rtest/launch-module! ipc Bank config)
      ;; three accounts on different tasks (when there are enough)
      (let [[alice bob carol] (rtest/gen-hashing-index-keys "acct" 4)
            processed (atom 0)
            outcomes (foreign-pstate ipc m "$$outcomes")]
        (microbatch! ipc [(deposit alice 100) (deposit bob 50) (deposit carol -5)] processed)
        (microbatch! ipc [(transfer 1 alice bob 30)
                          (transfer 2 bob carol 80)   ; bob has 50: the 30 from alice is not spendable yet
                          (transfer 3 carol alice 1)  ; carol has nothing
                          (transfer 4 alice carol 0)] ; not a positive amount
                     processed)
        (microbatch! ipc [(transfer 5 bob carol 80)] processed)
        (testing (str config)
          (is (= 70 (balance ipc alice)))
          (is (= 0 (balance ipc bob)))
          (is (= 80 (balance ipc carol)))
          (is (= 0 (balance ipc "nobody")))
          (is (= 150 (total-funds ipc)))
          (is (= [true false false false true]
                 (for [[account id] [[alice 1] [bob 2] [carol 3] [alice 4] [bob 5]]]
                   (foreign-select-one (keypath account id) outcomes))))
          (is (nil? (foreign-select-one (keypath bob 1) outcomes)) "outcomes are kept under the sender"))))))

(deftest a-failed-attempt-leaves-no-trace-of-its-writes
  (doseq [config launch-configs]
    (with-open [ipc (rtest/create-ipc)]
      (rtest/launch-module! ipc Bank config)
      (let [[a b c] (rtest/gen-hashing-index-keys "acct" 4)
            processed (atom 0)]
        (microbatch! ipc [(deposit a 100) (deposit b 100)] processed)
        ;; microbatch 1 fails once right after debiting transfer 7, then once more after all its credits
        (.add BankTransferModule/FAIL_AFTER_DEBIT 7)
        (.add BankTransferModule/FAIL_AFTER_CREDITS 1)
        (microbatch! ipc [(transfer 6 a b 60) (transfer 7 b c 70)] processed)
        (testing (str config)
          (is (and (.isEmpty BankTransferModule/FAIL_AFTER_DEBIT) (.isEmpty BankTransferModule/FAIL_AFTER_CREDITS))
              "both failures were injected")
          (is (= 40 (balance ipc a)))
          (is (= 90 (balance ipc b)) "debited and credited once each")
          (is (= 70 (balance ipc c)))
          (is (= 200 (total-funds ipc)))
          (is (= true (foreign-select-one (keypath b 7) (foreign-pstate ipc m "$$outcomes")))))))))

;; ------------------------------------------------------------------------------ model-based

(def ^:private accounts ["ann" "bo" "cy" "di" "ed" "flo"])

(defn- model-microbatch
  "The bank's rules on plain data, one microbatch: deposits and debits in append order, then the
  microbatch's credits. model is {:funds {account n} :outcomes {transfer-id ok?} :deposited n}."
  [model records]
  (let [apply-record
        (fn [{:keys [funds] :as model} r]
          (if (instance? BankTransferModule$Deposit r)
            (let [^BankTransferModule$Deposit d r]
              (if (pos? (.amount d))
                (-> model
                    (update-in [:funds (.account d)] (fnil + 0) (.amount d))
                    (update :deposited + (.amount d)))
                model))
            (let [^BankTransferModule$Transfer t r
                  available (get funds (.from t) 0)
                  ok (and (pos? (.amount t)) (>= available (.amount t)))]
              (cond-> (assoc-in model [:outcomes (.transferId t)] ok)
                ok (-> (assoc-in [:funds (.from t)] (- available (.amount t)))
                       (update-in [:credits (.to t)] (fnil + 0) (.amount t)))))))
        {:keys [credits] :as model} (reduce apply-record (assoc model :credits {}) records)]
    (-> (reduce-kv (fn [model account v] (update-in model [:funds account] (fnil + 0) v)) model credits)
        (dissoc :credits))))

(def ^:private gen-op
  "[kind account other-account amount]: deposits mostly large enough to fund a few transfers, a
  few not positive; transfers twice as often."
  (let [account (gen/elements accounts)]
    (gen/frequency [[1 (gen/tuple (gen/return :deposit) account (gen/return nil) (gen/choose -5 400))]
                    [2 (gen/tuple (gen/return :transfer) account account (gen/choose -5 150))]])))

(defn- with-transfer-ids
  "Records from generated ops, transfer ids numbered across microbatches from 0."
  [batches]
  (let [next-id (volatile! -1)]
    (mapv (fn [ops]
            (mapv (fn [[kind a b amount]]
                    (if (= kind :deposit)
                      (deposit a amount)
                      (transfer (vswap! next-id inc) a b amount)))
                  ops))
          batches)))

(defspec money-is-conserved-and-every-balance-is-the-models 10
  (prop/for-all [batches (gen/vector (gen/vector gen-op 1 25) 1 6)
                 config (gen/elements launch-configs)
                 failed-microbatches (gen/set (gen/choose 0 5) {:max-elements 3})
                 failed-transfers (gen/set (gen/choose 0 40) {:max-elements 6})
                 seed gen/large-integer]
    (clear-knobs!)
    (doseq [id failed-microbatches] (.add BankTransferModule/FAIL_AFTER_CREDITS (long id)))
    (doseq [id failed-transfers] (.add BankTransferModule/FAIL_AFTER_DEBIT (long id)))
    (try
      (with-open [ipc (rtest/create-ipc {:seed seed})]
        (rtest/launch-module! ipc Bank config)
        (let [processed (atom 0)
              funds (foreign-pstate ipc m "$$funds")
              outcomes (foreign-pstate ipc m "$$outcomes")
              batches (with-transfer-ids batches)
              model (reduce (fn [model records]
                              (microbatch! ipc records processed)
                              (let [model (model-microbatch model records)]
                                (when-not (and (= (:deposited model) (total-funds ipc))
                                               (every? #(= (get-in model [:funds %] 0)
                                                           (balance ipc %)
                                                           (foreign-select-one [(keypath %) (nil->val 0)] funds))
                                                       accounts))
                                  (throw (ex-info "a balance differs from the model" {:model model})))
                                model))
                            {:funds {} :outcomes {} :deposited 0}
                            batches)]
          (every? (fn [^BankTransferModule$Transfer t]
                    (= (get-in model [:outcomes (.transferId t)])
                       (foreign-select-one (keypath (.from t) (.transferId t)) outcomes)))
                  (filter #(instance? BankTransferModule$Transfer %) (apply concat batches)))))
      (finally (clear-knobs!)))))
