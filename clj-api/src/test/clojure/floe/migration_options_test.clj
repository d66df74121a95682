(ns floe.migration-options-test
  "PState migrations with structural options from Clojure."
  (:require [clojure.test :refer [deftest is testing]]
            [floe.core :refer :all]
            [floe.path :refer :all]
            [floe.test :as rtest]))

(def profile-v1 (fixed-keys-schema {:name String :age Long}))

(defmodule People [setup topologies]
  (declare-depot setup *people (hash-by first))
  (let [s (stream-topology topologies "s")]
    (declare-pstate s $$people {String profile-v1})
    (<<sources s
      (source> *people :> [*n *age])
      (local-transform> [(keypath *n) (termval {"name" *n "age" *age})] $$people))))

(defmodule PeopleV2 {:module-name "floe.migration-options-test/People"} [setup topologies]
  (declare-depot setup *people (hash-by first))
  (let [s (stream-topology topologies "s")]
    (declare-pstate s $$people {String (migrated (fixed-keys-schema {:name String :email String}) "drop-age" identity
                                                 [(fixed-key-removals #{:age}) (fixed-key-additions #{:email})])})
    (<<sources s
      (source> *people :> [*n *email])
      (local-transform> [(keypath *n "email") (termval *email)] $$people))))

(deftest removed-fixed-keys-are-dropped-by-the-update
  (with-open [ipc (rtest/create-ipc)]
    (rtest/launch-module! ipc People {:tasks 2 :threads 1})
    (let [m (get-module-name People)]
      (foreign-append! (foreign-depot ipc m "*people") ["ann" 30])
      (rtest/update-module! ipc PeopleV2)
      (let [people (foreign-pstate ipc m "$$people")]
        (is (= {"name" "ann"} (foreign-select-one (keypath "ann") people)))
        (foreign-append! (foreign-depot ipc m "*people") ["ann" "ann@example.org"])
        (is (= {"name" "ann" "email" "ann@example.org"} (foreign-select-one (keypath "ann") people)))))))

(deftest options-are-checked
  (is (thrown-with-msg? IllegalArgumentException #"does not declare"
                        (migrated (fixed-keys-schema {:name String}) "m" identity [(fixed-key-additions #{:email})])))
  (is (thrown-with-msg? IllegalArgumentException #"not subindexed"
                        (migrated {Long Long} "m" identity [(migrate-to-subindexed)])))
  (is (some? (migrated (map-schema Long Long {:subindex? true}) "m" identity [(migrate-to-subindexed)])))
  (is (thrown-with-msg? IllegalArgumentException #"options are a vector"
                        (migrated {Long Long} "m" identity {:bad true}))))
