(ns floe.kondo-hooks
  "clj-kondo macroexpand hooks for Floe's defining macros whose shapes are not defn's: each
  expands to plain Clojure that binds the same names, so clj-kondo can lint the Clojure parts.")

(defn- strip-doc [more]
  (if (string? (first more)) (rest more) more))

(defmacro defoperation
  "(defoperation name [out> :> err> :err>] [params] body...) → a defn whose body sees the emit
  functions."
  [op-name emitters params & body]
  `(defn ~op-name ~params
     (let [~@(mapcat (fn [[s _]] [s `(fn [& _#] nil)]) (partition 2 emitters))]
       ~@body)))

(defn- segmacro [mname more]
  (let [[params & body] (strip-doc more)]
    `(defn ~mname ~(vec (remove #{:>} params)) ~@body)))

(defmacro defbasicsegmacro
  "(defbasicsegmacro name doc? [a :> out] body...) → (defn name [a out] body...)."
  [mname & more]
  (segmacro mname more))

(defmacro defbasicblocksegmacro
  "(defbasicblocksegmacro name doc? [a :> out] body...) → (defn name [a out] body...)."
  [mname & more]
  (segmacro mname more))

(defmacro defblock
  "(defblock name doc? [*params :> *outs] dataflow-forms...) → a def: the body is dataflow code."
  [bname & _]
  `(def ~bname nil))

(defmacro defgenerator
  "(defgenerator name [params] (batch<- [*outs] dataflow-forms...)) → a def: the body is dataflow code."
  [gname & _]
  `(def ~gname nil))
