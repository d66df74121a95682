(ns floe.depot-migration-test
  "Depot migrations from Clojure: declare-depot's :migration option with depot-migration, and
  DEPOT-TOMBSTONE, across module updates and a restart of a cluster on a directory."
  (:require [clojure.test :refer [deftest is testing]]
            [clojure.java.io :as io]
            [clojure.string :as str]
            [floe.core :refer :all]
            [floe.path :refer :all]
            [floe.aggs :as aggs]
            [floe.test :as rtest])
  (:import [java.nio.file Files]
           [java.nio.file.attribute FileAttribute]))

(def module-name "floe.depot-migration-test/Events")

(defn- migrate-v2 [e]
  (cond (= :spam (:kind e)) DEPOT-TOMBSTONE
        (:user e) (-> e (assoc :user-id (:user e)) (dissoc :user))
        :else e))

(defn- events-module
  "The module: a stream topology counting events per user (from v1), and, with a migration, a new
  stream topology and a new microbatch topology reading the depot from the beginning."
  [migration]
  (module {:module-name module-name} [setup topologies]
    (declare-depot setup *events :random (if migration {:migration migration} {}))
    (let [s (stream-topology topologies "count")]
      (declare-pstate s $$count {Object Long})
      (<<sources s
        (source> *events :> *e)
        (get *e :kind :> *kind)
        (|hash *kind)
        (+compound $$count {*kind (aggs/+count)})))
    (when migration
      (let [r (stream-topology topologies "replay")
            mb (microbatch-topology topologies "mb-replay")]
        (declare-pstate r $$by-user {Object Long})
        (declare-pstate mb $$mb-by-user {Object Long})
        (<<sources r
          (source> *events {:start-from :beginning} :> *e)
          (get *e :user-id :> *u)
          (|hash *u)
          (+compound $$by-user {*u (aggs/+count)}))
        (<<sources mb
          (source> *events {:start-from :beginning} :> %mb)
          (%mb :> *e)
          (get *e :user-id :> *u)
          (|hash *u)
          (+compound $$mb-by-user {*u (aggs/+count)}))))))

(defn- temp-dir [] (str (Files/createTempDirectory "floe-depot-migration" (make-array FileAttribute 0))))

(defn- delete-tree! [dir]
  (doseq [^java.io.File f (reverse (file-seq (io/file dir)))] (.delete f)))

(defn- read-all
  "Every record a client reads, over all partitions, sorted by printed form; and the offsets in all."
  [ipc]
  (let [d (foreign-depot ipc module-name "*events")
        n (:num-partitions (foreign-object-info d))
        infos (for [p (range n)] [p (foreign-depot-partition-info d p)])]
    {:records (sort-by pr-str (mapcat (fn [[p {:keys [start-offset end-offset]}]]
                                        (foreign-depot-read d p start-offset end-offset))
                                      infos))
     :offsets (reduce + (map (fn [[_ {:keys [start-offset end-offset]}]] (- end-offset start-offset)) infos))}))

(defn- eventually [f expected]
  (let [deadline (+ (System/currentTimeMillis) 10000)]
    (loop []
      (let [v (f)]
        (if (or (= expected v) (> (System/currentTimeMillis) deadline)) v (recur))))))

(defn- by-user [ipc pstate users]
  (let [p (foreign-pstate ipc module-name pstate)]
    (into {} (for [u users] [u (foreign-select-one (keypath u) p {:pkey u})]))))

(deftest depot-migration-values
  (is (identical? dev.floe.Depot/TOMBSTONE DEPOT-TOMBSTONE))
  (is (thrown? IllegalArgumentException (depot-migration :not-a-string inc)))
  (is (thrown-with-msg? IllegalArgumentException #":migration takes"
                        (rtest/launch-module! (rtest/create-ipc)
                                              (module [setup topologies] (declare-depot setup *d :random {:migration inc}))
                                              {:tasks 1 :threads 1}))))

(deftest old-records-read-migrated-tombstones-skipped-across-updates-and-restarts
  (let [dir (temp-dir)
        old [{:kind :click :user "ann"} {:kind :spam :user "bot"} {:kind :click :user "bob"}
             {:kind :view :user "ann"} {:kind :spam :user "bot"}]
        v2 (events-module (depot-migration "user-id" migrate-v2))]
    (try
      (with-open [ipc (rtest/create-ipc {:directory dir})]
        (rtest/launch-module! ipc (events-module nil) {:tasks 4 :threads 2})
        (let [d (foreign-depot ipc module-name "*events")]
          (doseq [e old] (foreign-append! d e)))
        (rtest/update-module! ipc v2)
        (rtest/wait-for-microbatch-processed-count ipc module-name "mb-replay" 5)
        (testing "new topologies from the beginning read migrated records, without the tombstoned ones"
          (is (= {"ann" 2 "bob" 1 "bot" nil} (eventually #(by-user ipc "$$by-user" ["ann" "bob" "bot"])
                                                         {"ann" 2 "bob" 1 "bot" nil})))
          (is (= {"ann" 2 "bob" 1 "bot" nil} (by-user ipc "$$mb-by-user" ["ann" "bob" "bot"]))))
        (testing "client reads too; offsets keep their numbering"
          (is (= {:records [{:kind :click :user-id "ann"} {:kind :click :user-id "bob"} {:kind :view :user-id "ann"}]
                  :offsets 5}
                 (read-all ipc))))
        (testing "the topology that ran before the update keeps what it computed"
          (is (= 2 (foreign-select-one (keypath :spam) (foreign-pstate ipc module-name "$$count") {:pkey :spam}))))
        (testing "records appended after the update are not migrated"
          (foreign-append! (foreign-depot ipc module-name "*events") {:kind :spam :user-id "cat"})
          (rtest/wait-for-microbatch-processed-count ipc module-name "mb-replay" 6)
          (is (= 1 (get (by-user ipc "$$mb-by-user" ["cat"]) "cat")))
          (is (= 6 (:offsets (read-all ipc))))
          (is (some #{{:kind :spam :user-id "cat"}} (:records (read-all ipc))))))
      (with-open [ipc (rtest/open-ipc dir)]
        (testing "after a restart the same records read migrated"
          (is (= 4 (count (:records (read-all ipc)))))
          (is (not-any? :user (:records (read-all ipc)))))
        (testing "the same migration id on another update keeps the boundaries"
          (rtest/update-module! ipc (events-module (depot-migration "user-id" migrate-v2)))
          (is (= 4 (count (:records (read-all ipc)))))
          (is (some #{{:kind :spam :user-id "cat"}} (:records (read-all ipc)))))
        (testing "a new id migrates every record appended before its update"
          (rtest/update-module! ipc (events-module (depot-migration "drop-spam"
                                                                    #(if (= :spam (:kind %)) DEPOT-TOMBSTONE %))))
          (is (= {:records [{:kind :click :user "ann"} {:kind :click :user "bob"} {:kind :view :user "ann"}]
                  :offsets 6}
                 (read-all ipc)))))
      (finally (delete-tree! dir)))))
