(ns floe.test
  "The in-process cluster for Clojure tests and the REPL (Rama's com.rpl.rama.test).

    (with-open [ipc (create-ipc)]
      (launch-module! ipc WordCount {:tasks 4 :threads 2})
      (foreign-append! (foreign-depot ipc (get-module-name WordCount) \"*words\") \"hello\"))"
  (:require [floe.core]
            [floe.path])
  (:import [dev.floe.test InProcessCluster LaunchConfig UpdateOptions TestPState]
           [dev.floe FloeModule Helpers Path PState$Schema]))

(set! *warn-on-reflection* true)

(defn create-ipc
  "A new in-process cluster. Options: custom serialization classes, or a map
  {:serializations [classes] :seed n :serialize-every-hop? b :event-target-max-millis n}; with
  :seed everything runs on this thread in an order fixed by the seed, with a virtual clock."
  (^InProcessCluster [] (InProcessCluster/create))
  (^InProcessCluster [opts]
   (let [{:keys [serializations seed serialize-every-hop? event-target-max-millis trace?]}
         (if (map? opts) opts {:serializations opts})
         ^dev.floe.test.InProcessCluster$Options o (InProcessCluster/options)]
     (doseq [c serializations] (.customSerialization o c))
     (when seed (.deterministic o (long seed)))
     (when trace? (.trace o true))
     (when (some? serialize-every-hop?) (.serializeEveryHop o (boolean serialize-every-hop?)))
     (when event-target-max-millis (.eventTargetMaxMillis o (long event-target-max-millis)))
     (.create o))))

(defn launch-module!
  "Launches a module: {:tasks n :threads n :workers n}."
  [^InProcessCluster ipc ^FloeModule module {:keys [tasks threads workers] :or {workers 1}}]
  (.launchModule ipc module (.numWorkers (LaunchConfig. (int tasks) (int threads)) (int workers))))

(defn update-module!
  "Updates a running module to new code over the same data: {:objects-to-delete [\"$$p\" ...]}."
  ([^InProcessCluster ipc ^FloeModule module] (.updateModule ipc module))
  ([^InProcessCluster ipc ^FloeModule module {:keys [objects-to-delete]}]
   (.updateModule ipc module (.objectsToDelete (UpdateOptions/create) (into-array String objects-to-delete)))))

(defn destroy-module! "Stops a module and drops its data." [^InProcessCluster ipc ^String module-name]
  (.destroyModule ipc module-name))

(defn wait-for-microbatch-processed-count
  "Waits until the microbatch topology has processed at least n records in all."
  ([^InProcessCluster ipc ^String module-name ^String topology n]
   (.waitForMicrobatchProcessedCount ipc module-name topology (int n)))
  ([^InProcessCluster ipc ^String module-name ^String topology n timeout-millis]
   (.waitForMicrobatchProcessedCount ipc module-name topology (int n) (int timeout-millis))))

(defn pause-microbatch-topology! "Stops starting microbatches (after the one in flight)." [^InProcessCluster ipc ^String m ^String t]
  (.pauseMicrobatchTopology ipc m t))

(defn resume-microbatch-topology! "Lets a paused microbatch topology run again." [^InProcessCluster ipc ^String m ^String t]
  (.resumeMicrobatchTopology ipc m t))

(defn gen-hashing-index-keys
  "n keys (strings) of which the i-th lands on task i."
  ([n] (vec (Helpers/genHashingIndexKeys (int n))))
  ([prefix n] (vec (Helpers/genHashingIndexKeys ^String prefix (int n)))))

(defn create-test-pstate
  "A PState outside any module, for ?<- and tests: a schema ({K V}, a class, ...)."
  ^TestPState [schema]
  (let [s (floe.core/->schema schema)]
    (if (class? s) (TestPState/create ^Class s) (TestPState/create ^PState$Schema s))))

(defn test-pstate-select "Every value the path navigates to in a test PState." [p ^TestPState tp]
  (vec (.select tp ^Path (floe.path/->path p))))

(defn test-pstate-select-one "The one value the path navigates to in a test PState." [p ^TestPState tp]
  (.selectOne tp ^Path (floe.path/->path p)))

(defn test-pstate-transform "Transforms a test PState with a path ending in terminals." [p ^TestPState tp]
  (.transform tp ^Path (floe.path/->path p)))
