(ns floe.core
  "Floe for Clojure: modules, declarations, the dataflow language and the client API, under
  Rama's Clojure names (com.rpl.rama → floe.core). Dataflow code compiles to the same IR as the
  Java Block builder.

    (defmodule WordCount [setup topologies]
      (declare-depot setup *words :random)
      (let [s (stream-topology topologies \"count\")]
        (declare-pstate s $$counts {String Long})
        (<<sources s
          (source> *words :> *word)
          (|hash *word)
          (+compound $$counts {*word (aggs/+count)}))))"
  (:require [floe.aggs]
            [floe.impl.dataflow :as df]
            [floe.impl.names :as n]
            [floe.path :as path])
  (:import [dev.floe Block Block$Impl Depot Depot$Declaration Depot$Partitioner Depot$Partitioning FloeModule
            FloeModule$Setup FloeModule$Topologies PState PState$Declaration PState$Schema Path QueryTopologyClient
            SubindexOptions AckLevel ClusterManagerBase]
           [dev.floe.builder ChainSupport]
           [dev.floe.module ETLTopologyBase StreamTopology MicrobatchTopology StreamSourceOptions
            MicrobatchSourceOptions OffsetAgo]
           [dev.floe.ops FloeFunction1]
           [dev.floe DepotPartitionInfo PartitionedObjectInfo ProxyState ProxyState$Callback ProxyState$Status]
           [java.util.concurrent CompletableFuture]))

(set! *warn-on-reflection* true)

;; ============================================================================ dataflow special forms

(defmacro ^:private defspecial [sym doc]
  `(defmacro ~(with-meta sym {:floe/dataflow-only true}) ~doc [& ~'_]
     (throw (ex-info ~(str sym " is only valid inside dataflow code (<<sources, <<query-topology, ?<-)") {}))))

(defspecial <<if "(<<if cond then-forms... (else>) else-forms...): a conditional; the branches join after it.")
(defspecial else> "Separates the else forms of <<if.")
(defspecial <<cond "(<<cond (case> c1) forms... (case> c2) forms... (default>) forms...): the first true case.")
(defspecial case> "A case of <<cond or <<subsource.")
(defspecial default> "The default case of <<cond.")
(defspecial <<subsource "(<<subsource *v (case> Class :> *bound) forms...): dispatch on the class of a value.")
(defspecial filter> "(filter> cond): continues only when cond is truthy.")
(defspecial <<atomic "(<<atomic forms...): runs the forms with all their fan-out, then continues once.")
(defspecial anchor> "(anchor> <a>): names the current point.")
(defspecial hook> "(hook> <a>): continues from an anchor.")
(defspecial unify> "(unify> <a> <b> ...): joins branches.")
(defspecial <<branch "(<<branch <a> forms...): a branch off an anchor.")
(defspecial loop<- "(loop<- [*i 0 :> *out] forms... (continue> ...) (:> *v)): a loop.")
(defspecial continue> "(continue> values...): the next iteration of loop<-.")
(defspecial recur> "(recur> values...): runs the enclosing deframaop/deframafn/<<ramafn/<<ramaop body again with new
  parameter values (a loop: no stack grows); it may be called several times, as continue>.")
(defspecial batch<- "(batch<- [*out...] forms...): the body of a defgenerator, a batch computation whose rows bind *out...")
(defspecial yield-if-overtime "(yield-if-overtime): lets other events run when this one used its budget.")
(defspecial ack-return> "(ack-return> *v): the stream topology's ack return for the appended record.")
(defspecial depot-partition-append! "(depot-partition-append! *depot *v [ack-level]): appends to this task's partition.")
(defspecial invoke-query "(invoke-query \"name\" args... :> *r): runs a query topology.")
(defspecial completable-future> "(completable-future> (f args...) :> *v): continues when f's future completes.")
(defspecial |hash "(|hash *k): moves to the task of a key.")
(defspecial |hash$$ "(|hash$$ $$p *k): moves to the task of a key of a PState (through its partitioning).")
(defspecial |path "(|path $$p *k): like |hash$$.")
(defspecial |path$$ "(|path$$ $$p *k): |path, Rama's mirror-aware spelling (routes by the PState's partitioning).")
(defspecial |all "(|all): continues on every task.")
(defspecial |all$$ "(|all$$ $$p): continues on every task hosting a partition of a (mirrored) PState.")
(defspecial |global "(|global): moves to task 0.")
(defspecial |global$$ "(|global$$ $$p): moves to the partition of a global (mirrored) PState.")
(defspecial |shuffle "(|shuffle): moves to a random task.")
(defspecial |origin "(|origin): back to the task the query invocation started on.")
(defspecial |direct "(|direct task): moves to a task.")
(defspecial |direct$$ "(|direct$$ $$p partition): moves to the task hosting a partition of a (mirrored) PState.")
(defspecial |custom "(|custom f args...): moves to (f num-tasks args...).")
(defspecial |custom$$ "(|custom$$ $$p f args...): a custom partitioner on a PState's partitions.")
(defspecial local-select> "(local-select> path $$p [{:allow-yield? true}] :> *v): reads this task's partition.")
(defspecial select> "(select> path $$p :> *v): reads on the task of the path's first key.")
(defspecial local-transform> "(local-transform> path $$p): writes this task's partition.")
(defspecial local-clear> "(local-clear> $$p): resets this task's partition.")
(defspecial <<batch "(<<batch forms...): a batch block (pre-aggregation, aggregation, post-aggregation).")
(defspecial gen> "(gen>): starts another source of a batch block (joined on shared variables).")
(defspecial materialize> "(materialize> *a *b :> $$tmp): keeps rows for a later batch block.")
(defspecial +group-by "(+group-by *k aggs...): aggregates per key in a batch block.")
(defspecial +compound "(+compound $$p {*k (aggs/+count)}) or (+compound {...} :> *m): aggregates a template.")
(defspecial java-macro! "(java-macro! block): splices the steps of a Java Block.")

(defspecial <<do "(<<do forms...): groups forms (they run in order, as if written in place).")
(defspecial <<with-substitutions "(<<with-substitutions [$$p expr *v expr ...] forms...): in forms, each symbol stands for
  the value of its expression, computed per event where the form is (e.g. a PState handle from
  this-module-pobject-task-global, in a deframaop defined outside the module).")
(defspecial ifexpr "(ifexpr cond then else :> *v): *v is then when cond is truthy, else otherwise.")
(defspecial <<shadowif "(<<shadowif *v pred new): rebinds *v to new when (pred *v) is truthy.")
(defspecial <<switch "(<<switch expr (case> v1) forms... (default>) forms...): the first case equal to expr.")

(defn- event-context
  "The EventContext of the event running on this thread, or an error naming fname."
  ^dev.floe.exec.EventContext [fname]
  (let [c (dev.floe.ops.OpsContext/current)]
    (if (instance? dev.floe.exec.EventContext c)
      c
      (throw (IllegalStateException.
              (str fname " is only available while dataflow code runs (a topology event, ?<-, or an operation"
                   " or function called from one)"))))))

(defn- object-name-arg ^String [fname prefix x]
  (let [s (cond (string? x) x (symbol? x) (name x) :else nil)]
    (when-not (and s (.startsWith ^String s ^String prefix) (> (count s) (count prefix)))
      (throw (IllegalArgumentException. (str fname " takes the name of a " (if (= prefix "$$") "PState (\"$$p\")" "task global (\"*g\")")
                                             ", got " (pr-str x)))))
    s))

(defn this-module-pobject-task-global
  "(this-module-pobject-task-global \"$$p\"): the current task's handle of a PState of the module
  running the event (a PState object: local-select>/local-transform> take it once bound to a
  $$ variable, see <<with-substitutions). Valid while an event runs; in ?<- it is a temporary
  PState of the run."
  [pstate-name]
  (let [n (object-name-arg "this-module-pobject-task-global" "$$" pstate-name)]
    (or (.pstate (event-context "this-module-pobject-task-global") n)
        (throw (IllegalStateException. (str "this-module-pobject-task-global: the module has no PState " n
                                            " (on task " (.currentTaskId (dev.floe.ops.OpsContext/current)) ")"))))))

(defn declared-object-task-global
  "(declared-object-task-global \"*g\"): the current task's instance of an object declared with
  declare-object (a TaskGlobalObject prepared for this task), from any code running in the event."
  [object-name]
  (let [n (object-name-arg "declared-object-task-global" "*" object-name)
        v (.taskGlobal (event-context "declared-object-task-global") n)]
    (when (nil? v)
      (throw (IllegalStateException. (str "declared-object-task-global: no object " n " declared in this module"))))
    v))

(defn throw! "Fails the event with ex (a Throwable)." [^Throwable ex] (throw ex))

(defn assert!
  "Fails the event unless cond is truthy."
  ([c] (assert! c "assert! failed"))
  ([c msg] (when-not c (throw (IllegalStateException. (str msg)))) true))

(defn or>
  "Logical or, in dataflow as a nested expression or an operation: (or> *a *b :> *c)."
  [& xs] (apply df/or-fn xs))

(defn and>
  "Logical and, in dataflow as a nested expression or an operation: (and> *a *b :> *c)."
  [& xs] (apply df/and-fn xs))

;; ============================================================================ modules

(defn module*
  "A module named name whose define is (f setup topologies)."
  ^FloeModule [^String module-name f]
  (reify FloeModule
    (define [_ setup topologies] (f setup topologies))
    (getModuleName [_] module-name)))

(def ^:private anonymous (atom 0))

(defmacro module
  "An anonymous module: (module [opts] [setup topologies] body...)."
  [& more]
  (let [[opts [[setup topologies] & body]] (if (map? (first more)) [(first more) (rest more)] [{} more])
        mname (or (:module-name opts) (str *ns* "/anonymous-module-" (swap! anonymous inc)))]
    `(module* ~mname (fn [~setup ~topologies] ~@body))))

(defmacro defmodule
  "Defines a module: (defmodule Name [opts] [setup topologies] body...). Its name is
  \"namespace/Name\" unless opts give {:module-name \"X\"}; get it with get-module-name."
  [name-sym & more]
  (let [[opts [[setup topologies] & body]] (if (map? (first more)) [(first more) (rest more)] [{} more])
        mname (or (:module-name opts) (str *ns* "/" name-sym))]
    `(def ~name-sym (module* ~mname (fn [~setup ~topologies] ~@body)))))

(defn get-module-name "The name of a module (what clients and mirrors use)." [^FloeModule m] (.getModuleName m))

;; ============================================================================ declarations

(deftype KeyFn [k]
  FloeFunction1
  (invoke [_ record] (get record k))
  java.io.Serializable
  Object
  (equals [_ o] (and (instance? KeyFn o) (= k (.-k ^KeyFn o))))
  (hashCode [_] (hash k))
  (toString [_] (str "(hash-by " (pr-str k) ")")))

(defn hash-by
  "A depot partitioner hashing a key of each record: a keyword (or any key) is looked up in the
  record; a function extracts the key."
  ^Depot$Partitioner [k]
  (cond
    (instance? FloeFunction1 k) (Depot/hashBy ^FloeFunction1 k)
    (fn? k) (Depot/hashBy ^FloeFunction1 (floe.aggs/fn1 k))
    :else (Depot/hashBy ^FloeFunction1 (KeyFn. k))))

(defn- ->partitioner [p]
  (cond
    (= p :random) (Depot/random)
    (= p :disallow) (Depot/disallow)
    (instance? Depot$Partitioner p) p
    (class? p) p
    :else (throw (IllegalArgumentException. (str "not a depot partitioner: " (pr-str p)
                                                 " (use :random, :disallow, (hash-by k) or a defdepotpartitioner)")))))

(def DEPOT-TOMBSTONE
  "Returned by a depot migration function to remove a record (the same object as Depot/TOMBSTONE)."
  Depot/TOMBSTONE)

(defn depot-migration
  "A migration for declare-depot's :migration option: (depot-migration \"id\" f). After a module
  update, records the depot held before it read as (f record), and are skipped when f returns
  DEPOT-TOMBSTONE; records appended after the update are read as appended. The same id on a later
  update keeps what was migrated; a new id migrates every record appended before that update."
  [^String migration-id f]
  (when-not (string? migration-id)
    (throw (IllegalArgumentException. (str "depot-migration needs a string id, got " (pr-str migration-id)))))
  {::migration-id migration-id ::migration-fn (floe.aggs/fn1 f)})

(defn declare-depot*
  "Declares a depot by name string."
  [^FloeModule$Setup setup ^String depot-name partitioner & [opts]]
  (let [p (->partitioner partitioner)
        d (if (class? p) (.declareDepot setup depot-name ^Class p) (.declareDepot setup depot-name ^Depot$Partitioner p))]
    (when (:global? opts) (.global ^Depot$Declaration d))
    (when-let [m (:migration opts)]
      (when-not (and (map? m) (contains? m ::migration-id))
        (throw (IllegalArgumentException. (str "declare-depot " depot-name ": :migration takes (depot-migration id f), got "
                                               (pr-str m)))))
      (.migration ^Depot$Declaration d ^String (::migration-id m) ^FloeFunction1 (::migration-fn m)))
    d))

(defmacro declare-depot
  "(declare-depot setup *depot partitioner [{:global? true, :migration (depot-migration id f)}]):
  partitioner :random, :disallow, (hash-by k) or a defdepotpartitioner."
  [setup depot partitioner & [opts]]
  `(declare-depot* ~setup ~(n/var-name depot) ~partitioner ~opts))

(defmacro defdepotpartitioner
  "(defdepotpartitioner name [data num-partitions] body): a custom depot partitioner returning a
  partition in [0, num-partitions)."
  [name-sym [data num] & body]
  `(deftype ~name-sym []
     Depot$Partitioning
     (choosePartitionIndex [_# ~data ~num] (int (do ~@body)))))

(defmacro declare-tick-depot
  "(declare-tick-depot setup *tick millis): a depot that ticks every millis on task 0."
  [setup depot millis]
  `(.declareTickDepot ~(with-meta setup {:tag `FloeModule$Setup}) ~(n/var-name depot) (long ~millis)))

(defmacro declare-object
  "(declare-object setup *name value): a task global."
  [setup obj value]
  `(.declareObject ~(with-meta setup {:tag `FloeModule$Setup}) ~(n/var-name obj) ~value))

(defmacro mirror-depot "(mirror-depot setup *local \"module\" \"*depot\")" [setup local module remote]
  `(.clusterDepot ~(with-meta setup {:tag `FloeModule$Setup}) ~(n/var-name local) ~module ~remote))
(defmacro mirror-pstate "(mirror-pstate setup $$local \"module\" \"$$pstate\")" [setup local module remote]
  `(.clusterPState ~(with-meta setup {:tag `FloeModule$Setup}) ~(n/var-name local) ~module ~remote))
(defmacro mirror-query "(mirror-query setup *local \"module\" \"query\")" [setup local module remote]
  `(.clusterQuery ~(with-meta setup {:tag `FloeModule$Setup}) ~(n/var-name local) ~module ~remote))

;; ---------------------------------------------------------------------------- launch options

(defn- object-name
  "A depot or PState given as its symbol (*d, $$p) is its name; anything else is an expression
  giving the name."
  [x]
  (if (n/dataflow-var? x) (n/var-name x) x))

(defn set-launch-module-dynamic-option!
  "(set-launch-module-dynamic-option! setup \"option.name\" value): a module dynamic option's value
  at launch (e.g. \"depot.max.entries.per.partition\")."
  [^FloeModule$Setup setup ^String option value]
  (.setLaunchModuleDynamicOption setup option value))

(defmacro set-launch-depot-dynamic-option!
  "(set-launch-depot-dynamic-option! setup *depot \"option.name\" value): a depot dynamic option's
  value at launch; the depot is its symbol or its name string."
  [setup depot option value]
  `(.setLaunchDepotDynamicOption ~(with-meta setup {:tag `FloeModule$Setup})
                                 ~(object-name depot)
                                 ~option ~value))

(defmacro set-launch-pstate-dynamic-option!
  "(set-launch-pstate-dynamic-option! setup $$p \"option.name\" value): a PState dynamic option's
  value at launch; the PState is its symbol or its name string."
  [setup pstate option value]
  `(.setLaunchPStateDynamicOption ~(with-meta setup {:tag `FloeModule$Setup})
                                  ~(object-name pstate)
                                  ~option ~value))

(defn set-launch-topology-dynamic-option!
  "(set-launch-topology-dynamic-option! setup \"topology\" \"option.name\" value): a topology
  dynamic option's value at launch."
  [^FloeModule$Setup setup ^String topology ^String option value]
  (.setLaunchTopologyDynamicOption setup topology option value))

(defn stream-topology "A stream topology of the module." ^StreamTopology [^FloeModule$Topologies topologies ^String tname]
  (.stream topologies tname))

(defn microbatch-topology "A microbatch topology of the module." ^MicrobatchTopology [^FloeModule$Topologies topologies ^String tname]
  (.microbatch topologies tname))

;; ---------------------------------------------------------------------------- schemas

(defn- with-schema-options ^PState$Schema [^PState$Schema s opts]
  (cond
    (:subindex-options opts) (if (false? (:track-size? (:subindex-options opts)))
                               (.subindexed s (SubindexOptions/withoutSizeTracking))
                               (.subindexed s))
    (:subindex? opts) (.subindexed s)
    :else s))

(declare ->schema)

(defn map-schema "A map schema: (map-schema K V [{:subindex? true}])." [k v & [opts]]
  (with-schema-options (if (class? v) (PState/mapSchema ^Class k ^Class v) (PState/mapSchema ^Class k ^PState$Schema (->schema v)))
    opts))

(defn set-schema "A set schema: (set-schema C [{:subindex? true}])." [c & [opts]]
  (with-schema-options (PState/setSchema ^Class c) opts))

(defn vector-schema "A list schema: (vector-schema S [{:subindex? true}])." [s & [opts]]
  (with-schema-options (if (class? s) (PState/listSchema ^Class s) (PState/listSchema ^PState$Schema (->schema s))) opts))

(defn value-schema
  "An explicit class schema: (value-schema Long) is the same schema as Long."
  [c]
  (if (class? c)
    c
    (throw (IllegalArgumentException. (str "value-schema takes a class, got " (pr-str c))))))

(defn fixed-keys-schema "A record schema: (fixed-keys-schema {:k1 S1 :k2 S2})." [m]
  (PState/fixedKeysSchema (object-array (mapcat (fn [[k v]] [(name k) (if (class? v) v (->schema v))]) m))))

(defn fixed-key-additions
  "A migrated option: fixed keys the new fixed-keys schema adds, e.g. (fixed-key-additions #{:email})."
  [ks]
  (let [names (object-array (map #(if (keyword? %) (name %) %) ks))]
    (fn [^dev.floe.PState$MigratedSchema m] (.addFixedKeys m names))))

(defn fixed-key-removals
  "A migrated option: fixed keys the new fixed-keys schema removes; they are dropped from every
  migrated value, e.g. (fixed-key-removals #{:age})."
  [ks]
  (let [names (object-array (map #(if (keyword? %) (name %) %) ks))]
    (fn [^dev.floe.PState$MigratedSchema m] (.removeFixedKeys m names))))

(defn migrate-to-subindexed
  "A migrated option: the location becomes a subindexed structure."
  []
  (fn [^dev.floe.PState$MigratedSchema m] (.migrateToSubindexed m)))

(defn migrated
  "A location migrated to a new schema by an idempotent function: (migrated new-schema \"id\" fn),
  with options (migrated new-schema \"id\" fn [(fixed-key-additions #{:k}) (fixed-key-removals #{:old})
  (migrate-to-subindexed)])."
  ([schema id f] (migrated schema id f []))
  ([schema id f options]
   (when-not (and (sequential? options) (every? fn? options))
     (throw (IllegalArgumentException.
             (str "migrated " (pr-str id) ": options are a vector of (fixed-key-additions ...), (fixed-key-removals ...)"
                  " or (migrate-to-subindexed), got " (pr-str options)))))
   (reduce (fn [m opt] (opt m))
           (PState/migrated (if (class? schema) schema (->schema schema)) ^String id ^FloeFunction1 (floe.aggs/fn1 f))
           options)))

(defn ->schema
  "A schema from Rama's literals: {K V} a map, #{C} a set, [S] a list, a class, or a schema."
  [s]
  (cond
    (instance? PState$Schema s) s
    (map? s) (let [[[k v]] (seq s)] (map-schema k v))
    (set? s) (set-schema (first s))
    (vector? s) (vector-schema (first s))
    :else s))

(defn declare-pstate*
  "Declares a PState by name string."
  [^ETLTopologyBase topology ^String pstate-name schema & [opts]]
  (let [s (->schema schema)
        ^PState$Declaration d (if (class? s) (.pstate topology pstate-name ^Class s) (.pstate topology pstate-name ^PState$Schema s))]
    (when (:global? opts) (.global d))
    (when (contains? opts :initial-value) (.initialValue d (:initial-value opts)))
    (when (:private? opts) (.makePrivate d))
    (when-let [kp (:key-partitioner opts)] (.keyPartitioner d ^Class kp))
    d))

(defmacro declare-pstate
  "(declare-pstate topology $$p schema [{:global? true :initial-value v :private? true}])."
  [topology pstate schema & [opts]]
  `(declare-pstate* ~topology ~(n/var-name pstate) ~schema ~opts))

;; ---------------------------------------------------------------------------- sources

(defn- offset-unit [u]
  (case (or u :records)
    :records OffsetAgo/RECORDS :seconds OffsetAgo/SECONDS :minutes OffsetAgo/MINUTES :hours OffsetAgo/HOURS
    :days OffsetAgo/DAYS :weeks OffsetAgo/WEEKS :months OffsetAgo/MONTHS))

(defn offset-ago "A :start-from option: n records (or :seconds … :months) back." [n unit] [:offset-ago n unit])
(defn offset-after-timestamp-millis "A :start-from option: the first record after a time." [ms] [:offset-after-timestamp-millis ms])

(defn- bad-start [x] (IllegalArgumentException. (str "unknown :start-from " (pr-str x))))

(defn- stream-options ^dev.floe.module.StreamSourceOptions$Impl [{:keys [start-from retry-mode source-id ack-return-agg]}]
  (let [^dev.floe.module.StreamSourceOptions$Impl o (StreamSourceOptions/create)
        ^dev.floe.module.StreamSourceOptions$Impl o (cond
            (= start-from :beginning) (.startFromBeginning o)
            (or (nil? start-from) (= start-from :end)) o
            (= :offset-ago (first start-from)) (.startFromOffsetAgo o (long (second start-from)) (offset-unit (nth start-from 2 nil)))
            (= :offset-after-timestamp-millis (first start-from)) (.startFromOffsetAfterTimestamp o (long (second start-from)))
            :else (throw (bad-start start-from)))]
    (cond-> o
      (= retry-mode :all-after) (.retryAllAfter)
      (= retry-mode :none) (.retryNone)
      source-id (.sourceId ^String source-id)
      ack-return-agg (.ackReturnAgg (reify FloeFunction1 (invoke [_ v] (ack-return-agg v)))))))

(defn- microbatch-options ^dev.floe.module.MicrobatchSourceOptions$Impl [{:keys [start-from source-id]}]
  (let [^dev.floe.module.MicrobatchSourceOptions$Impl o (MicrobatchSourceOptions/create)
        ^dev.floe.module.MicrobatchSourceOptions$Impl o (cond
            (= start-from :beginning) (.startFromBeginning o)
            (or (nil? start-from) (= start-from :end)) o
            (= :offset-ago (first start-from)) (.startFromOffsetAgo o (long (second start-from)) (offset-unit (nth start-from 2 nil)))
            (= :offset-after-timestamp-millis (first start-from)) (.startFromOffsetAfterTimestamp o (long (second start-from)))
            :else (throw (bad-start start-from)))]
    (cond-> o
      source-id (.sourceId ^String source-id))))

(defn source-options
  "Source options from Rama's map: {:start-from :retry-mode :source-id :ack-return-agg}."
  [stream? opts]
  (when (seq opts)
    (if stream? (stream-options opts) (microbatch-options opts))))

(defn attach-source
  "Subscribes topology to a depot and appends the IR of its code."
  [^ETLTopologyBase topology ^String depot opts outs ^java.util.List nodes]
  (let [o (source-options (instance? StreamTopology topology) opts)
        ^ChainSupport chain (if o (.source topology depot o) (.source topology depot))]
    (.appendNodes ^ChainSupport (.out chain ^"[Ljava.lang.String;" (into-array String outs)) nodes)))

(defmacro <<sources
  "(<<sources topology (source> *depot [opts] :> binding) forms... (source> ...) forms...)."
  [topology & forms]
  (let [env &env
        source? #(and (seq? %) (= 'floe.core/source> (n/resolved-name env (first %))))
        groups (loop [fs forms acc []]
                 (if (empty? fs)
                   acc
                   (let [[body more] (split-with (complement source?) (rest fs))]
                     (recur more (conj acc [(first fs) body])))))]
    (when-not (source? (first forms))
      (throw (df/syntax-error &form "<<sources starts with (source> *depot :> *var)")))
    (let [t (gensym "topology")]
      `(let [~t ~topology]
         ~@(for [[src body] groups]
             (let [[_ depot & more] src
                   [opts more] (if (map? (first more)) [(first more) (rest more)] [nil more])
                   [_ outputs] (df/split-outputs src more)
                   b (first (:bindings (first outputs)))
                   [bind-var extra] (cond
                                      (nil? b) [nil nil]
                                      (n/dataflow-var? b) [(n/var-name b) nil]
                                      :else [(str "*_source" (Math/abs (long (hash b)))) b])]
               `(attach-source ~t ~(n/var-name depot) ~opts ~(if bind-var [bind-var] [])
                               ~(df/compile-body env (concat (when extra
                                                               [(list 'floe.core/identity> (symbol bind-var) :> extra)])
                                                             body)))))
         ~t))))

(defspecial source> "(source> *depot [opts] :> *var): a source of <<sources.")

(defn identity> "Emits its argument (destructuring a source's record)." [x] x)

(defmacro <<query-topology
  "(<<query-topology topologies \"name\" [*in... :> *out] forms... (|origin) ...); (%self args :> *r)
  invokes the query topology recursively."
  [topologies qname sig & body]
  (let [[ins [_ out & more]] (split-with #(not= :> %) sig)]
    (when-not (and (vector? sig) (every? n/value-var? ins) (n/value-var? out) (empty? more))
      (throw (df/syntax-error &form (str "expected (<<query-topology topologies \"name\" [*in... :> *out] forms...), got "
                                         (pr-str sig)))))
    `(.appendNodes ^ChainSupport (.out ^dev.floe.Block$Out (.query ~(with-meta topologies {:tag `FloeModule$Topologies}) ~qname
                                                                    (into-array String ~(mapv n/var-name ins)))
                                       (into-array String [~(n/var-name out)]))
                   ~(binding [df/*self* (when (string? qname) {:query qname})] (df/compile-body &env body)))))

(defmacro java-block<-
  "(java-block<- forms...): a Java Block (dev.floe.Block) holding the steps of the dataflow forms,
  to pass to Java code that takes a Block (a helper composing blocks, Block.macro), or to splice
  back with java-macro!. Its variables are resolved where the block is spliced."
  [& forms]
  (when (empty? forms)
    (throw (df/syntax-error &form "expected (java-block<- forms...): at least one dataflow form")))
  (let [b (gensym "block")]
    `(let [~(with-meta b {:tag 'dev.floe.builder.ChainSupport}) (Block/create)]
       ^Block$Impl (.appendNodes ~b ~(df/compile-body &env forms)))))

(defmacro ?<-
  "Compiles and runs dataflow code here, without a module (Block.execute())."
  [& forms]
  `(.execute ^Block$Impl (.appendNodes ^ChainSupport (Block/create) ~(df/compile-body &env forms))))

;; ============================================================================ operations in dataflow code

(declare run-op)

(df/operation-type RamaOp [op-name arity] run-op
  java.io.Serializable
  Object
  (equals [_ o] (and (instance? RamaOp o) (= op-name (.-op-name ^RamaOp o))))
  (hashCode [_] (hash op-name))
  (toString [_] (str op-name)))

(defn- run-op [^RamaOp op args collector]
  (let [q (.-op-name op)]
    (@(resolve (symbol (namespace q) (str (name q) "--impl"))) args collector)))

(defn run-body
  "Runs a compiled operation body in the calling event with its arguments and an emit collector."
  [prepared args collector]
  (df/run-prepared @prepared (concat args [collector])))

(defn- partitioner-forms
  "The partitioner forms (|hash ...) in a body (outside loop<- nothing is special)."
  [env body]
  (for [f (tree-seq seq? seq body)
        :when (and (seq? f) (symbol? (first f)))
        :let [q (n/resolved-name env (first f))]
        :when (and q (= "floe.core" (namespace q)) (.startsWith (name q) "|"))]
    f))

(defn- op-signature [form op-name params]
  (when-not (symbol? op-name)
    (throw (df/syntax-error form (str "expected (" (first form) " name [*params] forms...), got " (pr-str op-name)))))
  (df/check-params form params)
  (when (> (count params) 8)
    (throw (df/syntax-error form (str op-name " has " (count params) " parameters; at most 8 are supported")))))

(defmacro deframaop
  "(deframaop name [*a *b] forms... (:> *x) ... (:name> *y)): an operation written in dataflow
  code; it may emit any number of times, on :> and on named streams, and call itself with %self.
  PStates are passed as arguments ($$p). With partitioners in its body, the body is compiled into
  each call (as Rama does), so it runs as part of the calling topology."
  [op-name params & body]
  (op-signature &form op-name params)
  (let [q (symbol (str *ns*) (str op-name))
        arity (count params)]
    (if-let [p (first (partitioner-forms &env body))]
      (do
        (when (some #{'%self} (tree-seq coll? seq body))
          (throw (df/syntax-error p (str op-name " has partitioners, so it is compiled into each call; it cannot call %self"))))
        (when-let [r (first (:own (#'df/recur-forms &env body)))]
          (throw (df/syntax-error r (str op-name " has partitioners, so it is compiled into each call; it cannot use recur>"))))
        `(def ~(with-meta op-name {:floe/inline (list 'quote {:op q :params params :body (df/qualify &env body)})
                                   :floe/arity arity
                                   :arglists (list 'quote (list params))})
           (RamaOp. '~q ~arity)))
      (let [inputs (conj (mapv n/var-name params) "*__emit")
            code (binding [df/*emit-target* :op df/*emit-streams?* true df/*self* {:fn q} df/*recur-arity* nil]
                   (df/compile-body &env (df/recur-body &env params body)))]
        `(do
           (declare ~op-name)
           (let [prepared# (delay (dev.floe.exec.LocalExecutor/prepare ~code ~inputs))]
             (defn ~(with-meta (symbol (str op-name "--impl")) {:private true}) [args# collector#]
               (when-not (= ~arity (count args#))
                 (throw (IllegalArgumentException. (str '~q " takes " ~arity " argument(s), got " (count args#)))))
               (run-body prepared# args# collector#)))
           (def ~(with-meta op-name {:floe/arity arity :arglists (list 'quote (list params))})
             (RamaOp. '~q ~arity)))))))

(defmacro deframafn
  "(deframafn name [*a *b] forms... (:> *x)): a function written in dataflow code; it emits
  exactly once, may call itself with %self, and is callable from Clojure too."
  [fn-name params & body]
  (op-signature &form fn-name params)
  (when-let [p (first (partitioner-forms &env body))]
    (throw (df/syntax-error p (str "a deframafn runs synchronously: partitioners inside " fn-name
                                   " are not allowed (use deframaop)"))))
  (let [q (symbol (str *ns*) (str fn-name))
        inputs (conj (mapv n/var-name params) "*__emit")
        code (binding [df/*emit-target* :op df/*emit-streams?* false df/*self* {:fn q} df/*recur-arity* nil]
               (df/compile-body &env (df/recur-body &env params body)))]
    ;; the compiled body lives in a var (not a closure), so the function stays serializable when
    ;; a module's recorded code holds it
    (let [prepared (symbol (str fn-name "--prepared"))]
      `(do
         (declare ~fn-name)
         (def ~(with-meta prepared {:private true}) (delay (dev.floe.exec.LocalExecutor/prepare ~code ~inputs)))
         (defn ~fn-name [& args#]
           (let [[c# out#] (df/single-emit-collector)]
             (run-body ~prepared args# c#)
             (if (= 1 (count @out#))
               (first @out#)
               (throw (IllegalStateException. (str '~fn-name " must emit exactly once, emitted " (count @out#) " time(s)"))))))))))

(defmacro ramafn>
  "(ramafn> [*a *b] forms... (:> v)): an anonymous function written in dataflow code (an anonymous
  deframafn): it emits exactly once and is called like any Clojure function. In dataflow code, an
  argument (ramafn> ...) of a step is bound just before the step (as <<ramafn) and closes over the
  variables of the event it uses: (mapv (ramafn> [*x] (:> (+ *x *n))) *xs :> *ys)."
  [params & body]
  (df/check-ramafn> &form)
  (let [inputs (conj (mapv n/var-name params) "*__emit")
        arity (count params)
        code (binding [df/*emit-target* :op df/*emit-streams?* false df/*self* nil df/*recur-arity* nil]
               (df/compile-body &env (df/recur-body &env params body)))]
    `(let [prepared# (dev.floe.exec.LazyPrepared. ~code ~inputs)]
       (fn ~'ramafn> [& args#]
         (when-not (= ~arity (count args#))
           (throw (IllegalArgumentException. (str "the ramafn> takes " ~arity " argument(s), got " (count args#)))))
         (let [[c# out#] (df/single-emit-collector)]
           (run-body prepared# args# c#)
           (if (= 1 (count @out#))
             (first @out#)
             (throw (IllegalStateException. (str "a ramafn> must emit exactly once, emitted " (count @out#) " time(s)")))))))))

(defmacro defgenerator
  "(defgenerator name [params] (batch<- [*out...] forms...)): a batch computation usable as a
  source in batch blocks: (name args... :> *a *b) emits its rows (the values of *out... after
  its aggregation), joined with the rest of the block like any source. The parameters are
  replaced by the call's arguments (variables bound around the batch block, such as a
  microbatch %mb, PStates, or values); the body's own variables are renamed apart."
  [gen-name params & body]
  (let [[b & more] body
        batch? (and (seq? b) (= 'floe.core/batch<- (n/resolved-name &env (first b))))]
    (when-not (symbol? gen-name)
      (throw (df/syntax-error &form (str "expected (defgenerator name [params] (batch<- [*out...] forms...)), got " (pr-str gen-name)))))
    (when-not (and (vector? params) (every? symbol? params))
      (throw (df/syntax-error &form (str "expected a vector of parameters, got " (pr-str params)))))
    (when-not (and batch? (empty? more) (vector? (second b)) (seq (second b)) (every? n/value-var? (second b)))
      (throw (df/syntax-error &form "expected (defgenerator name [params] (batch<- [*out...] forms...)): one batch<- with the variables it emits")))
    (let [[_ outs & forms] b]
      `(def ~(with-meta gen-name {:floe/generator (list 'quote {:gen (symbol (str *ns*) (str gen-name)) :params params
                                                                 :outs outs :body (df/qualify &env forms)})
                                  :arglists (list 'quote (list params))})
         (fn [& _#] (throw (IllegalStateException. ~(str gen-name " is a generator: call it in a batch block, (" gen-name " args... :> *out...)"))))))))

;; ============================================================================ segment macros, blocks, low-level operations

(defn- check-segmacro-params [form params]
  (when-not (and (vector? params) (<= (count (filter #{:>} params)) 1) (every? #(or (symbol? %) (= :> %) (coll? %)) params))
    (throw (df/syntax-error form (str "expected a vector of parameters such as [a b :> out], got " (pr-str params))))))

(defn- segmacro-def [form block? mname params body]
  (when-not (symbol? mname)
    (throw (df/syntax-error form (str "expected (" (first form) " name [params] body...), got " (pr-str mname)))))
  (let [[doc params body] (if (and (string? params) (vector? (first body))) [params (first body) (rest body)] [nil params body])
        _ (check-segmacro-params form params)
        [pin [_ & pout]] (split-with #(not= :> %) params)
        args (gensym "args")]
    `(def ~(with-meta mname (cond-> {:floe/segmacro {:block? block?} :arglists (list 'quote (list params))}
                              doc (assoc :doc doc)))
       (fn ~mname [~args]
         (let [[~(vec pin) ~(vec pout)] (df/segmacro-args '~mname '~params ~args)]
           ~@body)))))

(defmacro defbasicsegmacro
  "(defbasicsegmacro name [a b :> out] body...): a segment macro. In dataflow code, (name x y :> *v)
  calls body, a Clojure function of the call's forms (a and b are bound to x and y, out to *v, as
  data), which returns one segment, [op args... :> outs] (or (op args...)), compiled in place of
  the call. Without :> in the parameters, they take every argument as written, :> included.
  Segments may contain dataflow block forms whose own steps are segments too:
  [<<if c [println \"yes\"]]. Use gen-anyvar for variables of the segment's own."
  [mname params & body]
  (segmacro-def &form false mname params body))

(defmacro defbasicblocksegmacro
  "(defbasicblocksegmacro name [a :> out] body...): a segment macro returning a vector of segments,
  compiled in order in place of the call (see defbasicsegmacro)."
  [mname params & body]
  (segmacro-def &form true mname params body))

(defn gen-anyvar
  "A fresh value variable (*prefix__floe_genN) for the steps a segment macro writes: it never
  collides with a variable written by hand (Helpers.genVar in Java)."
  ([] (gen-anyvar "v"))
  ([prefix] (symbol (dev.floe.Helpers/genVar (str prefix)))))

(defn gen-anchorvar
  "A fresh anchor (<prefix__floe_genN>) for the steps a segment macro writes."
  ([] (gen-anchorvar "a"))
  ([prefix] (symbol (str "<" (subs (dev.floe.Helpers/genVar (str prefix)) 1) ">"))))

(defmacro defblock
  "(defblock name [*a $$p :> *out] forms...): a named block of dataflow code. (name *x $$q :> *r)
  in dataflow code is replaced by forms, with the parameters replaced by the call's arguments
  (an argument that is not a variable is bound to a fresh variable first) and its outputs, and
  the block's own variables and anchors renamed apart, so the block can be used several times
  in one topology. Unlike deframaop, its forms run in the caller's code: they may aggregate,
  partition, write PStates, and bind any number of outputs."
  [bname params & body]
  (let [[doc params body] (if (and (string? params) (vector? (first body))) [params (first body) (rest body)] [nil params body])]
    (when-not (symbol? bname)
      (throw (df/syntax-error &form (str "expected (defblock name [*params :> *outs] forms...), got " (pr-str bname)))))
    (when-not (and (vector? params) (<= (count (filter #{:>} params)) 1)
                   (every? #(or (= :> %) (n/dataflow-var? %) (n/anchor? %)) params))
      (throw (df/syntax-error &form (str "expected a vector of parameters (*a $$p %f <anchor> :> *out ...), got " (pr-str params)))))
    (when (empty? body)
      (throw (df/syntax-error &form (str "expected (defblock " bname " " params " forms...): at least one dataflow form"))))
    `(def ~(with-meta bname (cond-> {:floe/block (list 'quote {:params params :body (df/qualify &env body)})
                                     :arglists (list 'quote (list params))}
                              doc (assoc :doc doc)))
       (fn [& _#] (throw (IllegalStateException. ~(str bname " is a block of dataflow code: use it in dataflow code, (" bname " args...)")))))))

(defmacro defoperation
  "(defoperation name [out> :> err> :err>] [a b] body...): a low-level operation written in
  Clojure. The first vector binds emit functions to output streams (:> is the default stream);
  body calls them any number of times, (out> v) or (err> v1 v2), and its return value is ignored.
  Called in dataflow code like any operation: (name *x *y :> *v :err> <bad> *e)."
  [op-name emitters params & body]
  (when-not (symbol? op-name)
    (throw (df/syntax-error &form (str "expected (defoperation name [emit> :> ...] [params] body...), got " (pr-str op-name)))))
  (when-not (and (vector? emitters) (seq emitters) (even? (count emitters))
                 (every? (fn [[s k]] (and (symbol? s) (n/stream-key? k))) (partition 2 emitters)))
    (throw (df/syntax-error &form (str "expected a vector of emit functions and their streams, [out> :> err> :err>], got "
                                       (pr-str emitters)))))
  (when-not (and (vector? params) (not (some #{'&} params)) (<= (count params) 8))
    (throw (df/syntax-error &form (str "expected a vector of at most 8 parameters (no &), got " (pr-str params)))))
  (let [q (symbol (str *ns*) (str op-name))
        arity (count params)
        c (gensym "collector")]
    `(do
       (defn ~(with-meta (symbol (str op-name "--impl")) {:private true}) [args# ~(with-meta c {:tag 'dev.floe.ops.OutputCollector})]
         (when-not (= ~arity (count args#))
           (throw (IllegalArgumentException. (str '~q " takes " ~arity " argument(s), got " (count args#)))))
         (let [~@(mapcat (fn [[s k]]
                           [s (if-let [stream (n/stream-name k)]
                                `(partial df/emit-stream-invoker ~c ~stream)
                                `(partial df/emit-invoker ~c))])
                         (partition 2 emitters))]
           (apply (fn ~params ~@body) args#)
           nil))
       (def ~(with-meta op-name {:floe/arity arity :arglists (list 'quote (list params))})
         (RamaOp. '~q ~arity)))))

(defn- split-agg-options
  "An aggregator call's arguments and its trailing :new-val> / :+options options."
  [args]
  (let [[xs opts] (split-with #(not (#{:new-val> :+options} %)) args)]
    [xs opts]))

(defn- aggregator
  "A Clojure function marked as a Floe aggregator: called with dataflow arguments (and options)
  it returns the Java aggregator (dev.floe.Agg)."
  [f]
  (with-meta (fn [& args] (let [[xs opts] (split-agg-options args)] (apply floe.aggs/with-options* (f xs) opts)))
    {:floe/aggregator true}))

(defn combiner
  "(combiner f :init-fn f0): a custom combiner aggregator; f combines two values associatively
  (and commutatively), (f0) is its identity. Define it with def and use it like a built-in:
  (+my-sum $$p *v), (+my-sum *v :> *s), {*k (+my-sum *v)} in +compound; batch blocks made only
  of combiners aggregate in two phases."
  [f & {:keys [init-fn]}]
  (let [c (floe.aggs/->Combiner f (or init-fn (constantly nil)))]
    (aggregator (fn [xs]
                  (when-not (= 1 (count xs))
                    (throw (IllegalArgumentException. (str "a combiner aggregates one value, got " (count xs) " argument(s)"))))
                  (dev.floe.Agg/combiner c (first xs))))))

(deftype Accumulator [f init]
  dev.floe.ops.FloeAccumulatorAgg0
  (initVal [_] (init))
  (accumulate [_ cur] (path/multi-transform (f) cur))
  dev.floe.ops.FloeAccumulatorAgg1
  (accumulate [_ cur a] (path/multi-transform (f a) cur))
  dev.floe.ops.FloeAccumulatorAgg2
  (accumulate [_ cur a b] (path/multi-transform (f a b) cur))
  dev.floe.ops.FloeAccumulatorAgg3
  (accumulate [_ cur a b c] (path/multi-transform (f a b c) cur))
  dev.floe.ops.FloeAccumulatorAgg4
  (accumulate [_ cur a b c d] (path/multi-transform (f a b c d) cur))
  java.io.Serializable)

(defn accumulator
  "(accumulator (fn [args...] path) :init-fn f0): a custom accumulator aggregator (order
  dependent, one phase). For each row, (f args...) returns a path of terminals applied to the
  current value, which starts as (f0): (accumulator (fn [v] (term #(+ % v))) :init-fn (constantly 0)).
  Use it like a built-in aggregator; up to 4 arguments."
  [f & {:keys [init-fn]}]
  (let [acc (Accumulator. f (or init-fn (constantly nil)))]
    (aggregator (fn [xs]
                  (case (count xs)
                    0 (dev.floe.Agg/accumulator ^dev.floe.ops.FloeAccumulatorAgg0 acc)
                    1 (dev.floe.Agg/accumulator ^dev.floe.ops.FloeAccumulatorAgg1 acc (nth xs 0))
                    2 (dev.floe.Agg/accumulator ^dev.floe.ops.FloeAccumulatorAgg2 acc (nth xs 0) (nth xs 1))
                    3 (dev.floe.Agg/accumulator ^dev.floe.ops.FloeAccumulatorAgg3 acc (nth xs 0) (nth xs 1) (nth xs 2))
                    4 (dev.floe.Agg/accumulator ^dev.floe.ops.FloeAccumulatorAgg4 acc (nth xs 0) (nth xs 1) (nth xs 2) (nth xs 3))
                    (throw (IllegalArgumentException. (str "an accumulator takes at most 4 arguments, got " (count xs)))))))))

(defspecial <<ramafn "(<<ramafn %f [*a] forms... (:> v)): binds %f to an anonymous function closing over the variables it uses.")
(defspecial <<ramaop "(<<ramaop %f [*a] forms... (:> v) (:name> v)): binds %f to an anonymous operation (emits any number of times).")

;; ============================================================================ clients

(defn foreign-depot "A client of a module's depot." ^Depot [^ClusterManagerBase cluster ^String module ^String depot]
  (.clusterDepot cluster module depot))

(defn foreign-pstate "A client of a module's PState." ^PState [^ClusterManagerBase cluster ^String module ^String pstate]
  (.clusterPState cluster module pstate))

(defn foreign-query "A client of a module's query topology." ^QueryTopologyClient [^ClusterManagerBase cluster ^String module ^String q]
  (.clusterQuery cluster module q))

(defn- ->ack-level ^AckLevel [level] (df/ack-level level))

(defn foreign-append!
  "Appends to a depot and waits for the ack level (:ack default, :append-ack, nil for none);
  returns the ack returns by topology name ({} when none)."
  ([^Depot depot data] (into {} (.append depot data)))
  ([^Depot depot data level] (into {} (.append depot data (->ack-level level)))))

(defn foreign-append-async!
  "foreign-append! returning a CompletableFuture."
  ([^Depot depot data] (.appendAsync depot data))
  ([^Depot depot data level] (.appendAsync depot data (->ack-level level))))

(defn foreign-select
  "Every value the path navigates to, on the partition of its first key or of {:pkey k}."
  ([p ^PState pstate] (foreign-select p pstate nil))
  ([p ^PState pstate {:keys [pkey] :as opts}]
   (let [path (path/->path p)]
     (if (contains? opts :pkey) (.select pstate pkey ^Path path) (.select pstate ^Path path)))))

(defn foreign-select-one
  "The one value the path navigates to (nil for a missing key); several is an error."
  ([p ^PState pstate] (foreign-select-one p pstate nil))
  ([p ^PState pstate {:keys [pkey] :as opts}]
   (let [path (path/->path p)]
     (if (contains? opts :pkey) (.selectOne pstate pkey ^Path path) (.selectOne pstate ^Path path)))))

(defn foreign-select-async
  "foreign-select returning a CompletableFuture."
  ([p ^PState pstate] (.selectAsync pstate ^Path (path/->path p)))
  ([p ^PState pstate {:keys [pkey]}] (.selectAsync pstate pkey ^Path (path/->path p))))

(defn foreign-select-one-async
  "foreign-select-one returning a CompletableFuture."
  ([p ^PState pstate] (.selectOneAsync pstate ^Path (path/->path p)))
  ([p ^PState pstate {:keys [pkey]}] (.selectOneAsync pstate pkey ^Path (path/->path p))))

(defn- compiled-path
  ^Path [f p]
  (if (instance? Path p)
    p
    (throw (IllegalArgumentException.
            (str f " takes a compiled path (a navigator, or (path nav...) from floe.path), got " (pr-str p)
                 "; foreign-select compiles paths itself")))))

(defn compiled-foreign-select
  "foreign-select with a path compiled beforehand ((path nav...) or a navigator): no path
  conversion on each call."
  ([p ^PState pstate] (.select pstate (compiled-path 'compiled-foreign-select p)))
  ([p ^PState pstate opts]
   (if (contains? opts :pkey)
     (.select pstate (:pkey opts) (compiled-path 'compiled-foreign-select p))
     (.select pstate (compiled-path 'compiled-foreign-select p)))))

(defn compiled-foreign-select-one
  "foreign-select-one with a compiled path."
  ([p ^PState pstate] (.selectOne pstate (compiled-path 'compiled-foreign-select-one p)))
  ([p ^PState pstate opts]
   (if (contains? opts :pkey)
     (.selectOne pstate (:pkey opts) (compiled-path 'compiled-foreign-select-one p))
     (.selectOne pstate (compiled-path 'compiled-foreign-select-one p)))))

(defn compiled-foreign-select-async
  "foreign-select-async with a compiled path."
  ([p ^PState pstate] (.selectAsync pstate (compiled-path 'compiled-foreign-select-async p)))
  ([p ^PState pstate opts]
   (if (contains? opts :pkey)
     (.selectAsync pstate (:pkey opts) (compiled-path 'compiled-foreign-select-async p))
     (.selectAsync pstate (compiled-path 'compiled-foreign-select-async p)))))

(defn compiled-foreign-select-one-async
  "foreign-select-one-async with a compiled path."
  ([p ^PState pstate] (.selectOneAsync pstate (compiled-path 'compiled-foreign-select-one-async p)))
  ([p ^PState pstate opts]
   (if (contains? opts :pkey)
     (.selectOneAsync pstate (:pkey opts) (compiled-path 'compiled-foreign-select-one-async p))
     (.selectOneAsync pstate (compiled-path 'compiled-foreign-select-one-async p)))))

(defn foreign-object-info
  "{:name :module-name :num-partitions} of a depot or PState client."
  [obj]
  (let [^PartitionedObjectInfo i (cond
                                   (instance? Depot obj) (.getObjectInfo ^Depot obj)
                                   (instance? PState obj) (.getObjectInfo ^PState obj)
                                   :else (throw (IllegalArgumentException.
                                                 (str "foreign-object-info takes a depot or PState client, got " (pr-str obj)))))]
    {:name (.getName i) :module-name (.getModuleName i) :num-partitions (.getNumPartitions i)}))

(defn- partition-info-map [^DepotPartitionInfo i]
  {:start-offset (.getStartOffset i) :end-offset (.getEndOffset i)})

(defn foreign-depot-partition-info
  "{:start-offset :end-offset} of a depot partition: records are held at [start, end)."
  [^Depot depot partition-index]
  (partition-info-map (.getPartitionInfo depot (long partition-index))))

(defn foreign-depot-partition-info-async
  "foreign-depot-partition-info returning a CompletableFuture."
  ^CompletableFuture [^Depot depot partition-index]
  (.thenApply (.getPartitionInfoAsync depot (long partition-index))
              (reify java.util.function.Function (apply [_ i] (partition-info-map i)))))

(defn foreign-depot-read
  "The records of a depot partition at offsets [start-offset, end-offset), as a vector."
  [^Depot depot partition-index start-offset end-offset]
  (vec (.read depot (long partition-index) (long start-offset) (long end-offset))))

(defn foreign-depot-read-async
  "foreign-depot-read returning a CompletableFuture."
  ^CompletableFuture [^Depot depot partition-index start-offset end-offset]
  (.thenApply (.readAsync depot (long partition-index) (long start-offset) (long end-offset))
              (reify java.util.function.Function (apply [_ rs] (vec rs)))))

(defn- proxy-callback ^ProxyState$Callback [f]
  (when f
    (reify ProxyState$Callback
      (change [_ new-val diff old-val] (f new-val diff old-val)))))

(defn- proxy-opts [f opts]
  (when-let [unknown (seq (remove #{:pkey :callback-fn} (keys opts)))]
    (throw (IllegalArgumentException.
            (str f ": unknown option(s) " (pr-str (vec unknown)) "; known: [:pkey :callback-fn]")))))

(defn foreign-proxy-async
  "foreign-proxy returning a CompletableFuture of the proxy."
  (^CompletableFuture [p ^PState pstate] (foreign-proxy-async p pstate nil))
  (^CompletableFuture [p ^PState pstate {:keys [pkey callback-fn] :as opts}]
   (proxy-opts 'foreign-proxy opts)
   (let [path (path/->path p)
         cb (proxy-callback callback-fn)]
     (if (contains? opts :pkey)
       (.proxyAsync pstate pkey ^Path path cb)
       (.proxyAsync pstate ^Path path cb)))))

(defn foreign-proxy
  "A live view of the one value the path navigates to: deref it (or .get) for the current value;
  the task holding it pushes a fine-grained diff (dev.floe.diffs) after each commit that changes it.
  Options: :pkey routes by a partition key; :callback-fn (fn [new-val diff old-val]) is called with
  every change, in commit order. close it (with-open works) to end it: the callback then gets a
  DestroyedDiff."
  (^ProxyState [p ^PState pstate] (foreign-proxy p pstate nil))
  (^ProxyState [p ^PState pstate {:keys [pkey callback-fn] :as opts}]
   (proxy-opts 'foreign-proxy opts)
   (let [path (path/->path p)
         cb (proxy-callback callback-fn)]
     (if (contains? opts :pkey)
       (.proxy pstate pkey ^Path path cb)
       (.proxy pstate ^Path path cb)))))

(defn compiled-foreign-proxy-async
  "foreign-proxy-async with a compiled path ((path nav...) or a navigator)."
  (^CompletableFuture [p ^PState pstate] (compiled-foreign-proxy-async p pstate nil))
  (^CompletableFuture [p ^PState pstate {:keys [pkey callback-fn] :as opts}]
   (proxy-opts 'compiled-foreign-proxy-async opts)
   (let [path (compiled-path 'compiled-foreign-proxy-async p)
         cb (proxy-callback callback-fn)]
     (if (contains? opts :pkey)
       (.proxyAsync pstate pkey path cb)
       (.proxyAsync pstate path cb)))))

(defn compiled-foreign-proxy
  "foreign-proxy with a compiled path ((path nav...) or a navigator)."
  (^ProxyState [p ^PState pstate] (compiled-foreign-proxy p pstate nil))
  (^ProxyState [p ^PState pstate {:keys [pkey callback-fn] :as opts}]
   (proxy-opts 'compiled-foreign-proxy opts)
   (let [path (compiled-path 'compiled-foreign-proxy p)
         cb (proxy-callback callback-fn)]
     (if (contains? opts :pkey)
       (.proxy pstate pkey path cb)
       (.proxy pstate path cb)))))

(defn proxy-status
  "A proxy's status: :active, :terminated (closed by its client) or :terminated-ungracefully."
  [^ProxyState proxy]
  (condp = (.status proxy)
    ProxyState$Status/ACTIVE :active
    ProxyState$Status/TERMINATED :terminated
    ProxyState$Status/TERMINATED_UNGRACEFULLY :terminated-ungracefully))

(defn foreign-invoke-query "Runs a query topology and returns its result." [^QueryTopologyClient q & args]
  (.invoke q (object-array args)))

(defn foreign-invoke-query-async "foreign-invoke-query returning a CompletableFuture." [^QueryTopologyClient q & args]
  (.invokeAsync q (object-array args)))

(defn deployed-module-names
  "The names of the modules running on a cluster (an in-process cluster, floe.test/create-ipc), as a set."
  [^ClusterManagerBase cluster]
  (set (.getDeployedModuleNames cluster)))

(defn get-module-status
  "The status of a module on a cluster: {:module-name name :status :running} while it runs
  (launched or updated, not destroyed), nil when no module of that name runs. Floe's only
  cluster is the in-process one, where a module is running or absent."
  [^ClusterManagerBase cluster module-name]
  (when-not (string? module-name)
    (throw (IllegalArgumentException. (str "get-module-status takes a module name (a string, see get-module-name), got "
                                           (pr-str module-name)))))
  (when (contains? (set (.getDeployedModuleNames cluster)) module-name)
    {:module-name module-name :status :running}))

(defn close! "Closes a cluster (and every module on an in-process cluster)." [^java.lang.AutoCloseable c] (.close c))
