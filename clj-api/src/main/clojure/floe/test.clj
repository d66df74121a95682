(ns floe.test
  "The in-process cluster for Clojure tests and the REPL (Rama's com.rpl.rama.test).

    (with-open [ipc (create-ipc)]
      (launch-module! ipc WordCount {:tasks 4 :threads 2})
      (foreign-append! (foreign-depot ipc (get-module-name WordCount) \"*words\") \"hello\"))"
  (:require [clojure.java.io :as io]
            [floe.core]
            [floe.path])
  (:import [dev.floe.test InProcessCluster LaunchConfig UpdateOptions TestPState]
           [dev.floe FloeModule Helpers Path PState$Schema]))

(set! *warn-on-reflection* true)

(defn- fsync-policy ^dev.floe.store.FsyncPolicy [p]
  (case p
    :never dev.floe.store.FsyncPolicy/NEVER
    :group dev.floe.store.FsyncPolicy/GROUP
    :every-append dev.floe.store.FsyncPolicy/EVERY_APPEND
    (throw (IllegalArgumentException.
            (str "create-ipc: :depot-fsync must be :never, :group or :every-append, not " (pr-str p))))))

(def ^:private ipc-option-keys
  #{:serializations :seed :serialize-every-hop? :event-target-max-millis :trace? :directory :in-memory?
    :depot-fsync :sync-commits? :client-timeout-millis :client-appends-in-flight-max})

(defn create-ipc
  "A new in-process cluster. By default it is durable in a temporary directory deleted at close.
  Options: custom serialization classes, or a map of
    :serializations [classes]      custom serializations (FloeCustomSerialization classes)
    :directory dir                 keep the data in dir (a String, File or Path): closed and opened
                                   again on it, the cluster relaunches every module from its data
    :in-memory? true               keep everything in memory (the test store; nothing survives close)
    :depot-fsync :never|:group|:every-append   when depot appends reach the disk (default :never;
                                   :group syncs once per batch of appends before acknowledging them)
    :sync-commits? b               fsync PState commits (default false)
    :seed n                        run everything on this thread in an order fixed by the seed,
                                   with a virtual clock
    :client-appends-in-flight-max n   client appends waiting in the task queues before the next
                                   append blocks its caller (default 10,000)
    :serialize-every-hop? b, :event-target-max-millis n, :client-timeout-millis n, :trace? b"
  (^InProcessCluster [] (InProcessCluster/create))
  (^InProcessCluster [opts]
   (let [opts (if (map? opts) opts {:serializations opts})
         {:keys [serializations seed serialize-every-hop? event-target-max-millis trace? directory in-memory?
                 depot-fsync sync-commits? client-timeout-millis client-appends-in-flight-max]} opts
         ^dev.floe.test.InProcessCluster$Options o (InProcessCluster/options)]
     (when-let [unknown (seq (remove ipc-option-keys (keys opts)))]
       (throw (IllegalArgumentException.
               (str "create-ipc: unknown option(s) " (pr-str (vec unknown)) "; known: " (pr-str (sort ipc-option-keys))))))
     (when (and directory in-memory?)
       (throw (IllegalArgumentException. "create-ipc: :directory and :in-memory? true exclude each other")))
     (doseq [c serializations] (.customSerialization o c))
     (when seed (.deterministic o (long seed)))
     (when trace? (.trace o true))
     (when (some? serialize-every-hop?) (.serializeEveryHop o (boolean serialize-every-hop?)))
     (when event-target-max-millis (.eventTargetMaxMillis o (long event-target-max-millis)))
     (when client-timeout-millis (.clientTimeoutMillis o (long client-timeout-millis)))
     (when client-appends-in-flight-max (.clientAppendsInFlightMax o (int client-appends-in-flight-max)))
     (when directory (.directory o (.toPath (io/file directory))))
     (when in-memory? (.inMemory o))
     (when depot-fsync (.depotFsync o (fsync-policy depot-fsync)))
     (when (some? sync-commits?) (.syncCommits o (boolean sync-commits?)))
     (.create o))))

(defn open-ipc
  "An in-process cluster on the data in dir (created when empty): every module launched on it
  before is relaunched with its depots, PStates, stream checkpoints and microbatch progress.
  Same as (create-ipc {:directory dir})."
  ^InProcessCluster [dir]
  (InProcessCluster/open (.toPath (io/file dir))))

(defn ipc-directory
  "Where the cluster keeps its data (a temporary directory unless one was given), or nil in memory."
  [^InProcessCluster ipc]
  (some-> (.directory ipc) str))

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
