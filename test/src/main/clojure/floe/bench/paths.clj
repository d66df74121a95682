(ns floe.bench.paths
  "The Clojure side of dev.floe.bench.PathsBench: each floe.specter macro at a call site (the path
  compiled once and cached there) next to the hand-written Clojure doing the same work. Every pair
  returns equal values; PathsBench checks that once per trial before measuring."
  (:require [floe.specter :as s]))

(set! *warn-on-reflection* true)

;; keypath chain of depth 4 on nested hash maps (PathsBench/nestedClojureMap)

(defn select-floe
  "The select macro: a vector of the one value at [:k1 :k5 :k9 :k13]."
  [m]
  (s/select [:k1 :k5 :k9 :k13] m))

(defn select-hand
  "get-in, wrapped in a vector because that is what select returns."
  [m]
  [(get-in m [:k1 :k5 :k9 :k13])])

(defn select-one-floe
  "The select-one macro on the same chain."
  [m]
  (s/select-one [:k1 :k5 :k9 :k13] m))

(defn select-one-hand
  "get-in."
  [m]
  (get-in m [:k1 :k5 :k9 :k13]))

(defn late-bound-floe
  "select-one with a local in the path: the cached path is bound to k on every call."
  [m k]
  (s/select-one [:k1 k :k9 :k13] m))

(defn late-bound-hand
  "get-in with the same local."
  [m k]
  (get-in m [:k1 k :k9 :k13]))

;; ALL + pred over a 1000-element vector of longs

(defn all-even-floe
  "Every even element, via [ALL even?]."
  [v]
  (s/select [s/ALL even?] v))

(defn all-even-hand
  "filterv."
  [v]
  (filterv even? v))

;; MAP-VALS transform of a 1000-entry hash map

(defn map-vals-inc-floe
  "inc every value via MAP-VALS."
  [m]
  (s/transform s/MAP-VALS inc m))

(defn map-vals-inc-hand
  "update-vals (clojure.core, 1.11+: reduce-kv into a transient of m)."
  [m]
  (update-vals m inc))
