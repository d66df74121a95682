(ns floe.test-support
  "Helpers the Clojure test namespaces share: running dataflow at the REPL and collecting what it
  records, and reading the error a form gives at macro-expansion time.")

(defn collect
  "Runs dataflow that ends by calling (record! value) and returns the values, in order."
  [f]
  (let [out (atom [])]
    (f (fn [v] (swap! out conj v) nil))
    @out))

(defn expansion-error*
  "The message of the error evaluating form in namespace ns-sym (a macro-expansion error), or nil."
  [ns-sym form]
  (try (binding [*ns* (the-ns ns-sym)] (eval form)) nil
       (catch Exception e (str (ex-message e) " " (some-> e ex-cause ex-message)))))

(defmacro expansion-error
  "The message of the error evaluating form (a macro-expansion error) in the calling namespace,
  or nil."
  [form]
  `(expansion-error* '~(ns-name *ns*) ~form))
