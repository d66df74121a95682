(ns floe.examples.topn-test
  "The Clojure twin of the top spenders on an in-process cluster: the scenario of
  TopSpendersModuleTest (a growing total replaces the user's old entry)."
  (:require [clojure.test :refer [deftest is testing]]
            [floe.core :refer :all]
            [floe.test :as rtest]
            [floe.examples.topn :refer [TopSpenders]]
            [floe.examples.support :refer [launch-configs append-and-wait!]])
  (:import [dev.floe.examples.topn TopSpendersModule$Purchase]))

(set! *warn-on-reflection* true)

(def ^:private m (get-module-name TopSpenders))

(defn- purchase [user-id cents] (TopSpendersModule$Purchase. user-id cents))

(deftest a-growing-total-replaces-the-users-old-entry
  (doseq [config launch-configs]
    (with-open [ipc (rtest/create-ipc)]
      (rtest/launch-module! ipc TopSpenders config)
      (let [top (foreign-query ipc m "topSpenders")
            total (foreign-query ipc m "totalSpend")
            processed (atom 0)
            purchase! (fn [& ps] (append-and-wait! ipc m "*purchases" "spend" ps processed))]
        (testing (str config)
          (is (= [] (foreign-invoke-query top 3)) "nobody spent anything yet")
          (purchase! (purchase 1 300) (purchase 2 200) (purchase 3 100) (purchase 4 100) (purchase 5 400)
                     (purchase 2 -150))
          (is (= [[5 400] [1 300] [2 200]] (foreign-invoke-query top 3)))
          (purchase! (purchase 4 150) (purchase 4 100))
          (is (= [[5 400] [4 350] [1 300]] (foreign-invoke-query top 3)))
          (is (= 5 (count (foreign-invoke-query top 10))) "only five users spent anything")
          (is (= [] (foreign-invoke-query top 0)))
          (is (= 200 (foreign-invoke-query total 2)) "a refund is ignored")
          (is (= 0 (foreign-invoke-query total 99))))))))
