(ns floe.examples.profiles-test
  "The Clojure twin of the profiles module on an in-process cluster: the scenarios of
  ProfilesModuleTest (ack returns say who won each username; a retried registration still wins)."
  (:require [clojure.test :refer [deftest is testing]]
            [floe.core :refer :all]
            [floe.path :refer :all]
            [floe.test :as rtest]
            [floe.examples.profiles :refer [Profiles]]
            [floe.examples.support :refer [launch-configs]])
  (:import [dev.floe.examples.profiles ProfilesModule ProfilesModule$Registration]))

(set! *warn-on-reflection* true)

(def ^:private m (get-module-name Profiles))

(defn- registration [username user-id display-name] (ProfilesModule$Registration. username user-id display-name))

(deftest the-first-registration-of-a-username-wins
  (doseq [config launch-configs]
    (with-open [ipc (rtest/create-ipc)]
      (rtest/launch-module! ipc Profiles config)
      (let [registrations (foreign-depot ipc m "*registrations")
            username->id (foreign-pstate ipc m "$$usernameToId")
            profiles (foreign-pstate ipc m "$$profiles")
            by-name (foreign-query ipc m "profileByUsername")]
        (testing (str config)
          (is (= {"profiles" true} (foreign-append! registrations (registration "alice" 1 "Alice"))))
          (is (= {"profiles" false} (foreign-append! registrations (registration "alice" 2 "Other Alice"))))
          (is (= {"profiles" true} (foreign-append! registrations (registration "bob" 2 "Bob"))))
          (is (= {"profiles" true} (foreign-append! registrations (registration "alice" 1 "Alice")))
              "the same registration again is not a conflict")
          (is (= 1 (foreign-select-one (keypath "alice") username->id)))
          (is (= 2 (foreign-select-one (keypath "bob") username->id)))
          (is (= {"username" "alice" "displayName" "Alice"} (foreign-select-one (keypath 1) profiles)))
          (is (= "bob" (foreign-select-one (keypath 2 "username") profiles)))
          (is (= {"username" "bob" "displayName" "Bob"} (foreign-invoke-query by-name "bob")))
          (is (nil? (foreign-invoke-query by-name "carol")) "an unknown username has no profile"))))))

(deftest a-retried-registration-still-wins-its-username
  (doseq [config launch-configs]
    (.clear ProfilesModule/FAIL_AFTER_PROFILE_WRITE)
    (.add ProfilesModule/FAIL_AFTER_PROFILE_WRITE 7)
    (try
      (with-open [ipc (rtest/create-ipc)]
        (rtest/launch-module! ipc Profiles config)
        (let [registrations (foreign-depot ipc m "*registrations")]
          (testing (str config)
            ;; the first attempt claims "dana" and writes the profile, then fails; the retry finds
            ;; "dana" claimed by user 7 itself
            (is (= {"profiles" true} (foreign-append! registrations (registration "dana" 7 "Dana"))))
            (is (.isEmpty ProfilesModule/FAIL_AFTER_PROFILE_WRITE) "the failure was injected")
            (is (= {"profiles" false} (foreign-append! registrations (registration "dana" 8 "Dana 2"))))
            (is (= {"username" "dana" "displayName" "Dana"}
                   (foreign-invoke-query (foreign-query ipc m "profileByUsername") "dana"))))))
      (finally (.clear ProfilesModule/FAIL_AFTER_PROFILE_WRITE)))))
