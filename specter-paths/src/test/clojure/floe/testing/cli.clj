(ns floe.testing.cli
  "Command-line test runner for Clojure CLI users (clojure -M:test): requires every *_test.clj
  namespace under the given directories, runs them with clojure.test and exits non-zero on failure."
  (:require [clojure.java.io :as io]
            [clojure.string :as str]
            [clojure.test :as t]))

(defn- namespaces-under [dir]
  (let [root (.getCanonicalFile (io/file dir))]
    (->> (file-seq root)
         (filter #(str/ends-with? (.getName ^java.io.File %) "_test.clj"))
         (map #(-> (str (.relativize (.toPath root) (.toPath (.getCanonicalFile ^java.io.File %))))
                   (str/replace #"\.clj$" "")
                   (str/replace "/" ".")
                   (str/replace "_" "-")
                   symbol))
         sort)))

(defn -main
  "Runs the tests under each directory argument."
  [& dirs]
  (let [nss (mapcat namespaces-under dirs)]
    (apply require nss)
    (let [{:keys [fail error]} (apply t/run-tests nss)]
      (shutdown-agents)
      (System/exit (if (zero? (+ fail error)) 0 1)))))
