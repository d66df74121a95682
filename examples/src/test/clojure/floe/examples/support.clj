(ns floe.examples.support
  "What the Clojure twins' tests share: the launch configurations every example test runs on (as
  dev.floe.examples.LaunchConfigs), and appending records as exactly one microbatch."
  (:require [floe.core :refer [foreign-append! foreign-depot]]
            [floe.test :as rtest]))

(set! *warn-on-reflection* true)

(def launch-configs
  "One task; two tasks on two workers; four tasks on two threads."
  [{:tasks 1 :threads 1}
   {:tasks 2 :threads 2 :workers 2}
   {:tasks 4 :threads 2}])

(defn run-microbatch!
  "Appends records while the microbatch topology is paused, so that they form exactly one
  microbatch, then waits until it is processed; processed is an atom of the records appended so
  far."
  [ipc module-name depot topology records processed]
  (rtest/pause-microbatch-topology! ipc module-name topology)
  (let [d (foreign-depot ipc module-name depot)]
    (doseq [r records]
      (foreign-append! d r :append-ack)))
  (rtest/resume-microbatch-topology! ipc module-name topology)
  (rtest/wait-for-microbatch-processed-count ipc module-name topology (swap! processed + (count records))))

(defn append-and-wait!
  "Appends records (without pausing) and waits until the microbatch topology has processed them
  and those appended before; processed is an atom of the records appended so far."
  [ipc module-name depot topology records processed]
  (let [d (foreign-depot ipc module-name depot)]
    (doseq [r records]
      (foreign-append! d r :append-ack)))
  (rtest/wait-for-microbatch-processed-count ipc module-name topology (swap! processed + (count records))))
