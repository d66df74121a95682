(ns floe.repl
  "Tools for working on Floe modules at a REPL: one embedded cluster to start and stop, modules
  launched (or updated to new code over their data) from their vars or namespaces, PStates
  looked at partition by partition, an append traced step by step through the stream
  topologies, and topologies drawn as outlines.

    (require '[floe.repl :as repl])
    (repl/start!)                                   ; an in-process cluster (durable in a temp dir)
    (repl/launch! #'my.app/WordCount)               ; launched, or updated when it runs already
    (repl/append! #'my.app/WordCount \"*sentences\" \"hello world\")
    (repl/trace! #'my.app/WordCount \"*sentences\" \"hello again\")   ; prints every step
    (repl/inspect #'my.app/WordCount \"$$counts\")    ; sizes and samples per partition
    (repl/draw #'my.app/WordCount)                  ; the module's outline
    (repl/reload! 'my.app)                          ; reload the code, update running modules
    (repl/stop!)

  A module is given as its value, its var, a qualified symbol naming its var, or (for one running
  on the cluster) its module name."
  (:require [clojure.string :as str]
            [floe.core :as f]
            [floe.path :as path]
            [floe.test :as rtest])
  (:import [dev.floe FloeModule]
           [dev.floe.builder ModuleBuilder]
           [dev.floe.ir IrOutline ModuleIR ModuleIR$EtlTopology ModuleIR$PStateDecl]
           [dev.floe.test AppendTrace AppendTrace$Step InProcessCluster]))

(set! *warn-on-reflection* true)

;; ============================================================================ the cluster

(defonce ^:private state (atom nil))

(defn cluster
  "The REPL's cluster (started by start!)."
  ^InProcessCluster []
  (or @state (throw (IllegalStateException. "no REPL cluster is running: start one with (floe.repl/start!)"))))

(defn stop!
  "Closes the REPL's cluster, if one runs (a durable one keeps its data in its directory)."
  []
  (when-let [^InProcessCluster c @state]
    (reset! state nil)
    (.close c))
  nil)

(defn start!
  "Starts the REPL's cluster, closing the one before, and returns it. Options are
  floe.test/create-ipc's: (start!) is durable in a temporary directory removed at stop!;
  (start! {:directory \"data\"}) keeps the data there, and starting again on it relaunches every
  module with its data; (start! {:in-memory? true}); (start! {:seed 1}) runs deterministically."
  (^InProcessCluster [] (start! {}))
  (^InProcessCluster [opts]
   (stop!)
   (let [ipc (rtest/create-ipc opts)]
     (reset! state ipc)
     ipc)))

(defn status
  "What runs on the REPL's cluster: {:directory dir-or-nil :modules #{names}}, or nil when none runs."
  []
  (when-let [^InProcessCluster c @state]
    {:directory (rtest/ipc-directory c)
     :modules (set (.getDeployedModuleNames c))}))

;; ============================================================================ modules

(defn- module-value ^FloeModule [m]
  (let [v (cond
            (var? m) @m
            (qualified-symbol? m) @(requiring-resolve m)
            :else m)]
    (if (instance? FloeModule v)
      v
      (throw (IllegalArgumentException.
              (str "expected a module (its value, var or qualified symbol), got " (pr-str m)))))))

(defn module-name
  "The name of a module given as a value, var, qualified symbol, or already as its name."
  ^String [m]
  (if (string? m) m (f/get-module-name (module-value m))))

(defn- deployed? [name]
  (contains? (set (.getDeployedModuleNames (cluster))) name))

(def default-launch-options
  "How launch! runs a module when no options say otherwise."
  {:tasks 4 :threads 2})

(defn launch!
  "Launches a module on the REPL's cluster ({:tasks 4 :threads 2} unless opts say otherwise), or,
  when a module of that name runs already, updates it to this code over the same data
  ({:objects-to-delete [...]} passes to the update). Returns the module's name."
  ([m] (launch! m {}))
  ([m opts]
   (let [mod (module-value m)
         name (f/get-module-name mod)]
     (if (deployed? name)
       (rtest/update-module! (cluster) mod (select-keys opts [:objects-to-delete]))
       (rtest/launch-module! (cluster) mod (merge default-launch-options (dissoc opts :objects-to-delete))))
     name)))

(defn destroy!
  "Stops a module on the REPL's cluster and drops its data."
  [m]
  (rtest/destroy-module! (cluster) (module-name m)))

(defn modules-in
  "The vars of a namespace holding modules (defmodule), by name."
  [ns-sym]
  (->> (ns-interns (the-ns ns-sym))
       vals
       (filter #(and (bound? %) (instance? FloeModule @%)))
       (sort-by #(str (.sym ^clojure.lang.Var %)))
       vec))

(defn launch-ns!
  "Loads a namespace and launches (or updates) every module it defines. Returns their names."
  ([ns-sym] (launch-ns! ns-sym {}))
  ([ns-sym opts]
   (require ns-sym)
   (mapv #(launch! % opts) (modules-in ns-sym))))

(defn reload!
  "Reloads namespaces from their files and updates every module they define that runs on the
  REPL's cluster to the new code, over the same data (modules not running are left alone).
  Returns the names of the modules updated."
  [& ns-syms]
  (doseq [n ns-syms] (require n :reload))
  (vec (for [n ns-syms
             v (modules-in n)
             :let [name (module-name v)]
             :when (deployed? name)]
         (do (rtest/update-module! (cluster) @v) name))))

;; ============================================================================ clients

(defn depot "A client of a depot of a module on the REPL's cluster." [m depot-name]
  (f/foreign-depot (cluster) (module-name m) depot-name))

(defn pstate "A client of a PState of a module on the REPL's cluster." [m pstate-name]
  (f/foreign-pstate (cluster) (module-name m) pstate-name))

(defn append!
  "Appends a record to a depot of a module on the REPL's cluster (ack level :ack unless given)."
  ([m depot-name record] (f/foreign-append! (depot m depot-name) record))
  ([m depot-name record ack-level] (f/foreign-append! (depot m depot-name) record ack-level)))

(defn select
  "What a path selects in a PState of a module on the REPL's cluster ({:pkey k} as foreign-select)."
  ([m pstate-name path] (f/foreign-select path (pstate m pstate-name)))
  ([m pstate-name path opts] (f/foreign-select path (pstate m pstate-name) opts)))

(defn select-one
  "The one value a path selects in a PState of a module on the REPL's cluster."
  ([m pstate-name path] (f/foreign-select-one path (pstate m pstate-name)))
  ([m pstate-name path opts] (f/foreign-select-one path (pstate m pstate-name) opts)))

;; ============================================================================ looking inside

(defn- module-ir ^ModuleIR [m]
  (if (and (string? m) @state (deployed? m))
    (.moduleIR (cluster) ^String m)
    (if (and (not (string? m)) @state (deployed? (module-name m)))
      (.moduleIR (cluster) (module-name m))
      (ModuleBuilder/define (module-value m)))))

(defn- pstate-decl ^ModuleIR$PStateDecl [^ModuleIR ir pstate-name]
  (or (first (for [^ModuleIR$EtlTopology t (.etls ir)
                   ^ModuleIR$PStateDecl p (.pstates t)
                   :when (= pstate-name (.name p))]
               p))
      (throw (IllegalArgumentException.
              (str "module " (.name ir) " has no PState " pstate-name " (PStates: "
                   (pr-str (vec (for [^ModuleIR$EtlTopology t (.etls ir) ^ModuleIR$PStateDecl p (.pstates t)] (.name p))))
                   ")")))))

(defn- partition-summary
  "Runs on the task: the size of a partition's value and its first entries."
  [n v]
  (cond
    (map? v) {:size (count v) :sample (vec (take n v))}
    (coll? v) {:size (count v) :sample (vec (take n v))}
    :else {:value v}))

(defn inspect
  "How a PState of a module on the REPL's cluster is spread over its partitions:
  {:module :pstate :schema :partitions n :entries total :per-partition [{:partition i :size n
  :sample [first entries...]}]} (a partition holding a plain value shows {:partition i :value v}).
  Options: {:sample n} entries per partition (default 3). Reads committed data."
  ([m pstate-name] (inspect m pstate-name {}))
  ([m pstate-name {:keys [sample] :or {sample 3}}]
   (let [name (module-name m)
         c (cluster)
         decl (pstate-decl (.moduleIR c name) pstate-name)
         n (.pstatePartitions c name pstate-name)
         summarize (partial partition-summary sample)
         per (vec (for [i (range n)]
                    (into {:partition i}
                          (first (.selectPartition c name pstate-name (int i) (path/->path (path/view summarize)))))))]
     {:module name
      :pstate pstate-name
      :schema (str (.schema decl))
      :partitions n
      :entries (reduce + (keep :size per))
      :per-partition per})))

(defn- step->map [^AppendTrace$Step s]
  {:task (.task s) :topology (.topology s) :step (.step s) :origin (.origin s)
   :inputs (into {} (.inputs s)) :micros (.micros s)})

(defn trace!
  "Appends record to a depot of a module on the REPL's cluster and prints every step its event
  trees ran in the module's stream topologies: when, on which task, the step, where it was
  written, and the values of the variables it read; each segment's commit or failure (and
  retries) too. Returns {:steps [{:task :topology :step :origin :inputs :micros} ...]
  :ack-returns {...}}. Options: {:print? false} to only return it, {:max-value n} characters per
  printed value (default 80). Other events run as usual meanwhile, untraced; microbatch topologies
  pick the record up later and are not traced."
  ([m depot-name record] (trace! m depot-name record {}))
  ([m depot-name record {:keys [print? max-value] :or {print? true max-value 80}}]
   (let [t (.traceAppend (cluster) (module-name m) depot-name record)]
     (when print?
       (print (.format t (int max-value)))
       (flush))
     {:steps (mapv step->map (.steps t))
      :ack-returns (into {} (.ackReturns t))})))

(defn outline
  "A module drawn as an outline (a string): its depots, then each topology's PStates and steps, one
  per line with where it was written, nested blocks indented, partitioners marked ⇢ where the
  event moves to other tasks. With a topology name, only that topology. A module running on the
  REPL's cluster is drawn as it runs (after its last update)."
  ([m] (IrOutline/module (module-ir m)))
  ([m topology] (IrOutline/topology (module-ir m) topology)))

(defn draw
  "Prints (outline m) or (outline m topology)."
  ([m] (print (outline m)) (flush))
  ([m topology] (print (outline m topology)) (flush)))

(defn help
  "Prints what floe.repl offers."
  []
  (println (str/join "\n" ["floe.repl:"
                           "  (start!) (start! {:directory \"data\"}) (stop!) (status) (cluster)"
                           "  (launch! #'ns/Module) (launch! #'ns/Module {:tasks 8}) (launch-ns! 'ns) (reload! 'ns) (destroy! m)"
                           "  (append! m \"*depot\" record) (select m \"$$p\" path) (select-one m \"$$p\" path)"
                           "  (trace! m \"*depot\" record)   every step of one append"
                           "  (inspect m \"$$p\")            partitions, sizes, samples"
                           "  (draw m) (draw m \"topology\")  the module as an outline"])))
