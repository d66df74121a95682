(ns floe.examples.mirrors-test
  "The Clojure twin of the mirrors example on an in-process cluster, next to the Clojure twin of
  word count: the scenario of WordStatsModuleTest (reads through mirrors of a depot, a PState and
  a query; refused launch and destroy; mirrors that follow an update)."
  (:require [clojure.test :refer [deftest is testing]]
            [floe.core :refer :all]
            [floe.path :refer :all]
            [floe.test :as rtest]
            [floe.examples.mirrors :refer [WordStats source-module]]
            [floe.examples.word-count :refer [WordCount]]
            [floe.examples.support :refer [launch-configs]]))

(set! *warn-on-reflection* true)

(def ^:private stats (get-module-name WordStats))

(defn- wait-until
  "Polls (f) until it is truthy or timeout-millis pass; returns its last value."
  [timeout-millis f]
  (let [deadline (+ (System/currentTimeMillis) timeout-millis)]
    (loop []
      (let [v (f)]
        (if (or v (> (System/currentTimeMillis) deadline))
          v
          (do (Thread/sleep 5) (recur)))))))

(deftest reads-the-word-count-module-through-mirrors
  (doseq [config launch-configs]
    (with-open [ipc (rtest/create-ipc)]
      (testing (str config)
        (is (thrown? IllegalArgumentException (rtest/launch-module! ipc WordStats config))
            "the mirrored module must run first")
        (rtest/launch-module! ipc WordCount config)
        (rtest/launch-module! ipc WordStats {:tasks 2 :threads 2})
        (let [lines (foreign-depot ipc source-module "*lines")
              report (foreign-query ipc stats "wordReport")
              buckets (foreign-pstate ipc stats "$$lineLengths")]
          (doseq [l ["floe mirrors modules" "short" "floe again and again and again"]]
            (foreign-append! lines l))
          (is (= ["floe" 2 2] (foreign-invoke-query report "floe")))
          (is (= ["again" 3 3] (foreign-invoke-query report "again")))
          (is (= ["nothing" 0 0] (foreign-invoke-query report "nothing")))

          ;; the mirrored depot feeds this module's stream topology (no ACK waits for it)
          (wait-until 10000 #(= 1 (foreign-select-one (keypath 30) buckets)))
          (is (= [1 1 1] (for [b [0 20 30]] (foreign-select-one (keypath b) buckets))))

          (let [e (is (thrown? IllegalStateException (rtest/destroy-module! ipc source-module)))]
            (is (.contains (.getMessage ^IllegalStateException e) stats)))
          (rtest/update-module! ipc WordCount)
          (foreign-append! lines "floe floe")
          (is (= ["floe" 4 4] (foreign-invoke-query report "floe")) "the mirrors follow the update"))))))
