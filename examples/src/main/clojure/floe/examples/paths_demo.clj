(ns floe.examples.paths-demo
  "The Clojure half of the paths demo: floe.specter over the same java.util index the Java half
  uses. Paths with locals are compiled once per call site and bound per call."
  (:require [floe.specter :refer [ALL MAP-VALS MAP-KEYS FIRST LAST select select-one transform setval
                                  collect-one keypath must pred view NONE]]))

(set! *warn-on-reflection* true)

(defn lines-per-module
  "Total lines per module of one language."
  [index lang]
  (into (sorted-map)
        (for [module (select [(keypath lang) MAP-KEYS] index)]
          [module (reduce + (select [(keypath lang module) MAP-VALS (keypath "lines")] index))])))

(defn markdown-titles
  "The largest Markdown files with their sizes, as [module/path lines]."
  [index n]
  (->> (select [(keypath "markdown") ALL (collect-one FIRST) LAST ALL] index)
       (map (fn [[module [p stats]]] [(str module "/" p) (get stats "lines")]))
       (sort-by second >)
       (take n)))

(defn run
  "Prints the Clojure half of the demo."
  [index]
  (println "== Clojure: floe.specter over the same index ==")
  (doseq [lang ["java" "clojure"]]
    (println (format "  %s lines per module: %s" lang (lines-per-module index lang))))
  (println "  largest Markdown files:")
  (doseq [[f n] (markdown-titles index 3)]
    (println (format "    %5d  %s" n f)))
  (let [doubled (transform [MAP-VALS MAP-VALS MAP-VALS (keypath "lines")] #(* 2 %) index)
        trimmed (setval [MAP-VALS MAP-VALS ALL (pred (fn [[p _]] (.endsWith ^String p ".edn")))] NONE index)]
    (println (format "  transform doubled Java lines: %d -> %d"
                     (reduce + (select [(keypath "java") MAP-VALS MAP-VALS (keypath "lines")] index))
                     (reduce + (select [(keypath "java") MAP-VALS MAP-VALS (keypath "lines")] doubled))))
    (println (format "  setval NONE removed .edn files: %d -> %d Clojure files"
                     (count (select [(keypath "clojure") MAP-VALS MAP-KEYS] index))
                     (count (select [(keypath "clojure") MAP-VALS MAP-KEYS] trimmed))))
    (println (format "  the index is a %s; transforms return the same kind: %s"
                     (.getName (class index)) (.getName (class doubled))))))
