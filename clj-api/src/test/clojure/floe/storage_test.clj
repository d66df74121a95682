(ns floe.storage-test
  "Durable clusters from Clojure: create-ipc on a directory, open-ipc, in-memory clusters and the
  fsync options."
  (:require [clojure.test :refer [deftest is testing]]
            [clojure.java.io :as io]
            [floe.core :refer :all]
            [floe.path :refer :all]
            [floe.aggs :as aggs]
            [floe.test :as rtest])
  (:import [java.nio.file Files]
           [java.nio.file.attribute FileAttribute]))

(defmodule Tally [setup topologies]
  (declare-depot setup *items (hash-by identity))
  (let [s (stream-topology topologies "stream")
        mb (microbatch-topology topologies "mb")]
    (declare-pstate s $$streamed {String Long})
    (declare-pstate mb $$batched {String Long})
    (<<sources s
      (source> *items :> *item)
      (+compound $$streamed {*item (aggs/+count)}))
    (<<sources mb
      (source> *items :> %microbatch)
      (%microbatch :> *item)
      (+compound $$batched {*item (aggs/+count)}))))

(defn- temp-dir [] (str (Files/createTempDirectory "floe-clj-storage" (make-array FileAttribute 0))))

(defn- delete-tree! [dir]
  (doseq [^java.io.File f (reverse (file-seq (io/file dir)))] (.delete f)))

(defn- append-all! [ipc items]
  (let [d (foreign-depot ipc (get-module-name Tally) "*items")]
    (doseq [i items] (foreign-append! d i))))

(defn- counts [ipc pstate]
  (let [p (foreign-pstate ipc (get-module-name Tally) pstate)]
    (into {} (for [k ["a" "b" "c"]] [k (foreign-select-one (keypath k) p {:pkey k})]))))

(deftest a-cluster-on-a-directory-comes-back-with-its-modules-and-data
  (let [dir (temp-dir)
        m (get-module-name Tally)]
    (with-open [ipc (rtest/create-ipc {:directory dir :depot-fsync :group})]
      (is (= dir (rtest/ipc-directory ipc)))
      (rtest/launch-module! ipc Tally {:tasks 4 :threads 2})
      (append-all! ipc ["a" "b" "a" "c" "a"])
      (rtest/wait-for-microbatch-processed-count ipc m "mb" 5)
      (is (= {"a" 3 "b" 1 "c" 1} (counts ipc "$$streamed"))))
    (with-open [ipc (rtest/open-ipc dir)]
      (testing "relaunched without launch-module!"
        (is (= #{m} (set (.getDeployedModuleNames ipc))))
        (is (= {"a" 3 "b" 1 "c" 1} (counts ipc "$$streamed")))
        (is (= {"a" 3 "b" 1 "c" 1} (counts ipc "$$batched"))))
      (append-all! ipc ["b"])
      (rtest/wait-for-microbatch-processed-count ipc m "mb" 6)
      (is (= 2 (get (counts ipc "$$batched") "b"))))
    (delete-tree! dir)))

(defmodule Shouter [setup topologies]
  (declare-depot setup *words (hash-by identity))
  (let [s (stream-topology topologies "s")]
    (declare-pstate s $$shouts {String String})
    (<<sources s
      (source> *words :> *w)
      (<<ramafn %shout [*x] (:> (str *x *w "!")))
      (%shout "> " :> *loud)
      (local-transform> [(keypath *w) (termval *loud)] $$shouts))))

(deftest a-module-with-anonymous-dataflow-functions-comes-back-too
  (let [dir (temp-dir)
        m (get-module-name Shouter)]
    (with-open [ipc (rtest/create-ipc {:directory dir})]
      (rtest/launch-module! ipc Shouter {:tasks 2 :threads 1})
      (foreign-append! (foreign-depot ipc m "*words") "hey"))
    (with-open [ipc (rtest/open-ipc dir)]
      (is (= #{m} (set (.getDeployedModuleNames ipc))) "its recorded code (with a <<ramafn) loads again")
      (foreign-append! (foreign-depot ipc m "*words") "ho")
      (let [shouts (foreign-pstate ipc m "$$shouts")]
        (is (= "> hey!" (foreign-select-one (keypath "hey") shouts)))
        (is (= "> ho!" (foreign-select-one (keypath "ho") shouts)))))
    (delete-tree! dir)))

(deftest the-default-cluster-is-durable-in-a-temporary-directory-removed-at-close
  (let [ipc (rtest/create-ipc)
        dir (rtest/ipc-directory ipc)]
    (is (.isDirectory (io/file dir)))
    (.close ipc)
    (is (not (.exists (io/file dir))))))

(deftest an-in-memory-cluster-has-no-directory
  (with-open [ipc (rtest/create-ipc {:in-memory? true})]
    (is (nil? (rtest/ipc-directory ipc)))
    (rtest/launch-module! ipc Tally {:tasks 2 :threads 1})
    (append-all! ipc ["c" "c"])
    (is (= 2 (get (counts ipc "$$streamed") "c")))))

(deftest client-appends-are-bounded
  (with-open [ipc (rtest/create-ipc {:in-memory? true :client-appends-in-flight-max 4})]
    (rtest/launch-module! ipc Tally {:tasks 2 :threads 1})
    (append-all! ipc (repeat 50 "b"))
    (is (= 50 (get (counts ipc "$$streamed") "b")) "appends beyond the bound wait, then all land"))
  (is (thrown-with-msg? IllegalArgumentException #"at least 1"
                        (rtest/create-ipc {:in-memory? true :client-appends-in-flight-max 0}))))

(deftest bad-options-are-named
  (is (thrown-with-msg? IllegalArgumentException #"unknown option\(s\) \[:directroy\]"
                        (rtest/create-ipc {:directroy "/tmp/x"})))
  (is (thrown-with-msg? IllegalArgumentException #":depot-fsync must be :never, :group or :every-append, not :always"
                        (rtest/create-ipc {:in-memory? true :depot-fsync :always})))
  (is (thrown-with-msg? IllegalArgumentException #"exclude each other"
                        (rtest/create-ipc {:in-memory? true :directory "/tmp/x"}))))

(defmodule Flags [setup topologies]
  (declare-depot setup *flags (hash-by first))
  (let [s (stream-topology topologies "flags")]
    (declare-pstate s $$flags {String Boolean})
    (<<sources s
      (source> *flags :> [*k *v])
      (local-transform> [(keypath *k) (termval *v)] $$flags))))

(deftest a-stored-false-is-false-after-crossing-tasks
  (with-open [ipc (rtest/create-ipc {:serialize-every-hop? true})]
    (rtest/launch-module! ipc Flags {:tasks 2 :threads 2})
    (let [m (get-module-name Flags)]
      (foreign-append! (foreign-depot ipc m "*flags") ["off" false])
      (let [v (foreign-select-one (keypath "off") (foreign-pstate ipc m "$$flags") {:pkey "off"})]
        (is (false? v))
        (is (= :falsey (if v :truthy :falsey)))))))

(defmodule Lengths [setup topologies]
  (declare-depot setup *words (hash-by identity))
  (let [s (stream-topology topologies "lengths")]
    (declare-pstate s $$lengths {String Long})
    (declare-pstate s $$by-length {Long (set-schema String {:subindex? true})})
    (<<sources s
      (source> *words :> *w)
      (count *w :> *n)
      (local-transform> [(keypath *w) (termval *n)] $$lengths)
      (|hash *n)
      (local-transform> [(keypath *n) NONE-ELEM (termval *w)] $$by-length))))

(deftest an-integer-where-the-schema-says-long-is-stored-as-a-long
  ;; (count x) is an Integer in Clojure: Floe stores it as the Long the schema names (Rama refuses it)
  (with-open [ipc (rtest/create-ipc)]
    (rtest/launch-module! ipc Lengths {:tasks 2 :threads 2})
    (let [m (get-module-name Lengths)]
      (foreign-append! (foreign-depot ipc m "*words") "floe")
      (let [n (foreign-select-one (keypath "floe") (foreign-pstate ipc m "$$lengths"))]
        (is (= 4 n))
        (is (instance? Long n)))
      (is (= #{"floe"} (foreign-select-one (keypath 4) (foreign-pstate ipc m "$$by-length"))))
      (is (= [4] (foreign-select [MAP-KEYS] (foreign-pstate ipc m "$$by-length") {:pkey 4}))))))
