(ns floe.impl.names
  "How the Clojure dataflow language reads symbols: dataflow variables (*x, $$p, %f, **x),
  anchors (<a>), output stream keywords (:> and :name>), and the special forms it recognises
  by the var a symbol resolves to."
  (:require [clojure.string :as str]))

(set! *warn-on-reflection* true)

(defn dataflow-var?
  "A symbol naming a dataflow variable: *x (value), **x (outer-join value), $$p (PState),
  %f (fragment: a microbatch, an anonymous op). Earmuffed names (*out*) are Clojure dynamic
  vars, not dataflow variables; a lone * is multiplication."
  [x]
  (and (symbol? x)
       (nil? (namespace x))
       (let [n (name x)]
         (and (> (count n) 1)
              (or (and (str/starts-with? n "*") (not (str/ends-with? n "*")))
                  (str/starts-with? n "$$")
                  (str/starts-with? n "%"))))))

(defn value-var? [x] (and (dataflow-var? x) (str/starts-with? (name x) "*")))
(defn pstate-var? [x] (and (dataflow-var? x) (str/starts-with? (name x) "$$")))
(defn fragment-var? [x] (and (dataflow-var? x) (str/starts-with? (name x) "%")))

(defn anchor?
  "An anchor symbol such as <done>."
  [x]
  (and (symbol? x) (nil? (namespace x))
       (let [n (name x)] (and (> (count n) 2) (str/starts-with? n "<") (str/ends-with? n ">")))))

(defn stream-key?
  "An output stream marker: :> (the default stream) or :name> (a named stream)."
  [x]
  (and (keyword? x) (nil? (namespace x)) (str/ends-with? (name x) ">")))

(defn stream-name
  "The stream a marker names: nil for :>, \"name\" for :name>."
  [k]
  (let [n (name k)]
    (when (> (count n) 1) (subs n 0 (dec (count n))))))

(defn var-name
  "The string a dataflow variable symbol stands for in the IR. Names are normalised to the Java
  API's spelling, so a Clojure module and its Java twin record the same IR: a fragment variable
  %f (a microbatch, an anonymous operation) is the value variable *f, as Java writes
  .out(\"*microbatch\"); *x, **x and $$p stay as written."
  [sym]
  (let [n (name sym)]
    (if (str/starts-with? n "%") (str "*" (subs n 1)) n)))

(defn anchor-name
  "The string an anchor symbol stands for in the IR: <done> is \"done\", as the Java API writes
  .anchor(\"done\")."
  [sym]
  (let [n (name sym)]
    (if (and (str/starts-with? n "<") (str/ends-with? n ">") (> (count n) 2))
      (subs n 1 (dec (count n)))
      n)))

(defn resolved-name
  "The fully qualified name (a symbol) of the var sym resolves to in env, or nil."
  [env sym]
  (when (and (symbol? sym) (not (contains? env sym)))
    (when-let [v (try (resolve env sym) (catch Exception _ nil))]
      (when (var? v)
        (symbol (str (.name (.ns ^clojure.lang.Var v))) (str (.sym ^clojure.lang.Var v)))))))
