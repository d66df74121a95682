(ns build
  "tools.build tasks for Clojure CLI users: compile Floe's Java modules into target/classes, the
  same directories the Maven build uses and deps.edn's :paths name."
  (:refer-clojure :exclude [compile])
  (:require [clojure.tools.build.api :as b]))

(def ^:private modules
  "Java modules in dependency order: each compiles against the ones before it."
  ["specter-paths" "java-core"])

(defn compile
  "Compiles every Java module (javac --release 17, warnings are errors, as in the Maven build)."
  [_]
  (let [basis (b/create-basis {:project "deps.edn"})]
    (doseq [module modules]
      (b/javac {:src-dirs [(str module "/src/main/java")]
                :class-dir (str module "/target/classes")
                :basis basis
                :javac-opts ["--release" "17" "-Xlint:all" "-Werror"]}))))

(defn clean
  "Deletes every module's target directory."
  [_]
  (doseq [m modules] (b/delete {:path (str m "/target")})))
