(ns floe.examples.profiles
  "The Clojure twin of dev.floe.examples.profiles.ProfilesModule: unique usernames claimed in a
  stream topology that tells each appender whether it won (ack-return>), written with floe.core.
  It compiles to the same IR as the Java original (the parity suite checks it), so it behaves the
  same on any cluster."
  (:require [floe.core :refer :all]
            [floe.path :refer :all])
  (:import [dev.floe.examples.profiles ProfilesModule]))

(set! *warn-on-reflection* true)

(defmodule Profiles {:module-name "dev.floe.examples.profiles.ProfilesModule"} [setup topologies]
  ;; every registration of one username on the same task: the check-then-claim needs no lock
  (declare-depot setup *registrations (hash-by ProfilesModule/REGISTRATION_USERNAME))

  (let [s (stream-topology topologies "profiles")]
    (declare-pstate s $$usernameToId {String Long})
    (declare-pstate s $$profiles {Long (fixed-keys-schema {:username String :displayName String})})
    (<<sources s
      (source> *registrations :> *registration)
      (ProfilesModule/REGISTRATION_USERNAME *registration :> *username)
      (ProfilesModule/REGISTRATION_USER_ID *registration :> *userId)
      (ProfilesModule/REGISTRATION_DISPLAY_NAME *registration :> *displayName)
      (local-select> (keypath *username) $$usernameToId :> *owner)
      ;; free, or already claimed by this very user (a retried registration)
      (<<if (ProfilesModule/IS_FREE_FOR *owner *userId)
        (local-transform> [(keypath *username) (termval *userId)] $$usernameToId)
        (|hash *userId)
        (ProfilesModule/PROFILE *username *displayName :> *profile)
        (local-transform> [(keypath *userId) (termval *profile)] $$profiles)
        (ProfilesModule/MAYBE_FAIL_AFTER_PROFILE_WRITE *userId)
        (ack-return> true)
       (else>)
        (ack-return> false))))

  (<<query-topology topologies "profileByUsername" [*username :> *profile]
    (|hash *username)
    (local-select> (keypath *username) $$usernameToId :> *userId)
    (filter> *userId)
    (|hash *userId)
    (local-select> (keypath *userId) $$profiles :> *profile)
    (|origin)))
