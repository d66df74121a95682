(ns floe.repl-test
  "floe.repl at work: the REPL cluster's life, launching and reloading modules from namespaces,
  inspecting PState partitions, tracing an append, drawing modules."
  (:require [clojure.java.io :as io]
            [clojure.string :as str]
            [clojure.test :refer [deftest is testing use-fixtures]]
            [floe.path :refer [keypath STAY]]
            [floe.repl :as repl]
            [floe.repl-fixture :as fx])
  (:import [java.nio.file Files]
           [java.nio.file.attribute FileAttribute]))

(use-fixtures :each (fn [t] (try (t) (finally (repl/stop!)))))

(def ^:private wc (repl/module-name #'fx/WordCount))

(deftest the-cluster-starts-runs-modules-and-stops
  (is (nil? (repl/status)))
  (is (thrown-with-msg? IllegalStateException #"\(floe.repl/start!\)" (repl/cluster)))
  (repl/start! {:in-memory? true})
  (is (= {:directory nil :modules #{}} (repl/status)))
  (is (= wc (repl/launch! #'fx/WordCount)) "launch! returns the module name")
  (is (= #{wc} (:modules (repl/status))))
  (repl/append! #'fx/WordCount "*sentences" "a b a")
  (is (= 2 (repl/select-one 'floe.repl-fixture/WordCount "$$counts" (keypath "a"))) "a qualified symbol names a module")
  (is (= wc (repl/launch! fx/WordCount)) "launching a running module updates it")
  (is (= 2 (repl/select-one wc "$$counts" (keypath "a"))) "the update keeps the data; a name names a running module")
  (repl/destroy! wc)
  (is (= #{} (:modules (repl/status))))
  (is (thrown-with-msg? IllegalArgumentException #"expected a module" (repl/launch! 42)))
  (repl/stop!)
  (is (nil? (repl/status))))

(deftest a-cluster-on-a-directory-comes-back-with-its-modules
  (let [dir (str (Files/createTempDirectory "floe-repl" (make-array FileAttribute 0)))]
    (try
      (repl/start! {:directory dir})
      (repl/launch! #'fx/Totals {:tasks 2})
      (repl/append! #'fx/Totals "*amounts" 5)
      (repl/append! #'fx/Totals "*amounts" 7)
      (repl/start! {:directory dir})
      (is (= #{(repl/module-name #'fx/Totals)} (:modules (repl/status))) "start! again relaunches the modules")
      (is (= 12 (repl/select-one #'fx/Totals "$$total" STAY)))
      (finally
        (repl/stop!)
        (doseq [^java.io.File f (reverse (file-seq (io/file dir)))] (.delete f))))))

(deftest namespaces-launch-and-reload
  (repl/start! {:in-memory? true})
  (is (= (mapv repl/module-name [#'fx/Flaky #'fx/Totals #'fx/WordCount]) (repl/launch-ns! 'floe.repl-fixture {:tasks 2})))
  (repl/append! #'fx/Totals "*amounts" 3)
  (let [loads @fx/loads]
    (is (= (mapv repl/module-name [#'fx/Flaky #'fx/Totals #'fx/WordCount]) (repl/reload! 'floe.repl-fixture)))
    (is (= (inc loads) @fx/loads) "the namespace was loaded again from its file"))
  (is (= 3 (repl/select-one #'fx/Totals "$$total" STAY)) "updated modules keep their data")
  (repl/append! #'fx/Totals "*amounts" 4)
  (is (= 7 (repl/select-one #'fx/Totals "$$total" STAY)) "and run the reloaded code")
  (repl/destroy! #'fx/WordCount)
  (repl/destroy! #'fx/Flaky)
  (is (= [(repl/module-name #'fx/Totals)] (repl/reload! 'floe.repl-fixture)) "only running modules are updated"))

(deftest inspect-shows-each-partition
  (repl/start! {:in-memory? true})
  (repl/launch! #'fx/WordCount {:tasks 4})
  (doseq [s ["the cat sat" "on the mat" "the end"]]
    (repl/append! #'fx/WordCount "*sentences" s))
  (let [{:keys [partitions entries per-partition schema] :as info} (repl/inspect #'fx/WordCount "$$counts" {:sample 10})
        c (repl/cluster)]
    (is (= 4 partitions))
    (is (= 6 entries) "the, cat, sat, on, mat, end")
    (is (= "{java.lang.String java.lang.Long}" schema))
    (is (= (range 4) (map :partition per-partition)))
    (is (= {"the" 3 "cat" 1 "sat" 1 "on" 1 "mat" 1 "end" 1} (into {} (mapcat :sample per-partition))))
    (doseq [{:keys [partition sample]} per-partition
            [k v] sample]
      (is (= [v] (.selectPartition c wc "$$counts" (int partition) (floe.path/->path (keypath k))))
          (str k " lives in partition " partition))))
  (repl/launch! #'fx/Totals {:tasks 4})
  (repl/append! #'fx/Totals "*amounts" 9)
  (is (= {:partitions 1 :entries 0 :per-partition [{:partition 0 :value 9}]}
         (select-keys (repl/inspect #'fx/Totals "$$total") [:partitions :entries :per-partition]))
      "a global PState has one partition holding a plain value")
  (is (thrown-with-msg? IllegalArgumentException #"has no PState \$\$nope \(PStates: \[\"\$\$counts\"\]\)"
                        (repl/inspect #'fx/WordCount "$$nope"))))

(deftest trace-shows-every-step-of-an-append
  (repl/start! {:in-memory? true})
  (repl/launch! #'fx/WordCount {:tasks 4})
  (let [out (with-out-str (repl/trace! #'fx/WordCount "*sentences" "floe flows"))
        {:keys [steps ack-returns]} (repl/trace! #'fx/WordCount "*sentences" "floe" {:print? false})
        where (fn [word] (first (for [{:keys [partition sample]} (:per-partition (repl/inspect #'fx/WordCount "$$counts" {:sample 10}))
                                      [k] sample :when (= k word)] partition)))]
    (is (str/includes? out "append to *sentences of floe.repl-fixture/WordCount: \"floe flows\""))
    (is (str/includes? out "hashPartition(*w)"))
    (is (str/includes? out "*w=\"flows\""))
    (is (re-find #"repl_fixture\.clj:\d+" out) "where each step was written")
    (is (= "" (with-out-str (repl/trace! #'fx/WordCount "*sentences" "quiet" {:print? false}))))
    (is (= {"count" "floe"} ack-returns))
    (is (re-matches #"source \*sentences offset \d+" (:step (first steps))) "the event tree starts at the source")
    (is (= {"record" "floe"} (:inputs (first steps))))
    (let [agg (first (filter #(str/starts-with? (:step %) "compoundAgg") steps))]
      (is (= {"*w" "floe"} (:inputs agg)))
      (is (= (where "floe") (:task agg)) "the aggregation ran on the task holding the key"))
    (is (= "(segment committed)" (:step (last steps))))
    (is (apply <= (map :micros steps)) "in the order they ran")))

(deftest a-failing-event-shows-its-failure-and-retry
  (repl/start! {:in-memory? true})
  (repl/launch! #'fx/Flaky {:tasks 2})
  (reset! fx/failures-left 2)
  (let [{:keys [steps]} (repl/trace! #'fx/Flaky "*xs" 41 {:print? false})
        texts (map :step steps)]
    (is (some #(re-find #"segment failed: .*flaky: failing on purpose" %) texts) "the failure is in the trace")
    (is (some #(re-matches #"source \*xs offset \d+ \(retry 1\)" %) texts) "and the retry")
    (is (= 42 (repl/select-one #'fx/Flaky "$$last" STAY)) "the retry went through")))

(deftest modules-draw-as-outlines
  (let [text (repl/outline #'fx/WordCount)]
    (is (str/starts-with? text (str "module " wc "\n  depot *sentences  random\n  stream topology \"count\"\n")))
    (is (re-find #"    pstate \$\$counts \{java.lang.String java.lang.Long\}" text))
    (is (re-find #"      ⇢ hashPartition\(\*w\)\s+repl_fixture\.clj:\d+" text))
    (is (re-find #"      compoundAgg\(\$\$counts \{\*w count\(\)\}\)" text)))
  (let [text (repl/outline #'fx/Totals "sum")]
    (is (str/starts-with? text "  stream topology \"sum\""))
    (is (re-find #"(?m)^      if \(.*neg\? \*a\)" text))
    (is (re-find #"(?m)^        each\(.*throw" text) "the if's body is indented under it"))
  (is (thrown-with-msg? IllegalArgumentException #"has no topology nope \(topologies: \[count\]\)"
                        (repl/outline #'fx/WordCount "nope")))
  (is (str/includes? (with-out-str (repl/draw #'fx/WordCount "count")) "source *sentences :> *s")))
