(ns floe.testing.runner
  "Runs clojure.test namespaces one var at a time for the JUnit bridge (dev.floe.testing.ClojureTests)."
  (:require [clojure.string :as str]
            [clojure.test :as t]))

(set! *warn-on-reflection* true)

(defn load-capturing-warnings
  "Requires the namespaces, returning the reflection and boxed-math warnings printed while loading."
  [ns-syms]
  (let [err (java.io.StringWriter.)]
    (binding [*err* (java.io.PrintWriter. err)]
      (doseq [n ns-syms] (require n)))
    (->> (str/split-lines (str err))
         (filter #(str/includes? % "Reflection warning"))
         vec)))

(defn test-vars
  "The test vars of a namespace, in source order."
  [ns-sym]
  (->> (ns-interns ns-sym)
       vals
       (filter (comp :test meta))
       (sort-by (comp :line meta))
       vec))

(defn run-var
  "Runs one test var; returns {:pass n :fail n :error n :out text}."
  [v]
  (let [out (java.io.StringWriter.)
        counters (binding [t/*test-out* out
                           t/*report-counters* (ref t/*initial-report-counters*)]
                   (t/test-vars [v])
                   @t/*report-counters*)]
    (assoc (select-keys counters [:pass :fail :error]) :out (str out))))
