(ns floe.specter.test-support
  "Helpers shared by the floe.specter test namespaces (not a test namespace itself)."
  (:import [java.util ArrayList HashMap HashSet LinkedHashMap List Map Set TreeMap]))

(set! *warn-on-reflection* true)

(defn error
  "Runs f; returns {:class c :message m :data d} for the Throwable it throws, or nil."
  [f]
  (try (f) nil
       (catch Throwable t
         {:class (class t) :message (.getMessage t) :data (ex-data t) :ex t})))

(defmacro caught
  "The error map (see `error`) thrown by body, or nil when body returns normally."
  [& body]
  `(error (fn [] ~@body)))

(defn message-has?
  "Whether the error's message contains every one of the strings."
  [err & parts]
  (boolean (and err (every? #(.contains (str (:message err)) ^String %) parts))))

;; ---------------------------------------------------------------------------- java.util mirrors

(defn ->java
  "Deeply converts persistent vectors/lists to ArrayList, maps to LinkedHashMap (sorted maps to
  TreeMap), sets to HashSet. Scalars are unchanged."
  [x]
  (cond
    (map? x) (let [^Map m (if (sorted? x) (TreeMap.) (LinkedHashMap.))]
               (doseq [[k v] x] (.put m (->java k) (->java v)))
               m)
    (set? x) (let [^Set s (HashSet.)]
               (doseq [e x] (.add s (->java e)))
               s)
    (sequential? x) (let [^List l (ArrayList.)]
                      (doseq [e x] (.add l (->java e)))
                      l)
    :else x))

(defn ->clj
  "Deeply converts java.util collections back to persistent ones (ArrayList -> vector,
  TreeMap -> sorted map, other maps -> hash maps, sets -> hash sets)."
  [x]
  (cond
    (instance? TreeMap x) (into (sorted-map) (map (fn [[k v]] [(->clj k) (->clj v)])) x)
    (instance? Map x) (into {} (map (fn [[k v]] [(->clj k) (->clj v)])) x)
    (instance? Set x) (into #{} (map ->clj) x)
    (and (instance? List x) (not (vector? x)) (not (seq? x))) (mapv ->clj x)
    (vector? x) (mapv ->clj x)
    :else x))

(defn deep-classes
  "The class of x and, recursively, of every collection inside it (a structure of classes)."
  [x]
  (cond
    (map? x) [(class x) (into {} (map (fn [[k v]] [k (deep-classes v)])) x)]
    (instance? Map x) [(class x) (into {} (map (fn [[k v]] [k (deep-classes v)])) x)]
    (or (coll? x) (instance? java.util.Collection x)) [(class x) (mapv deep-classes x)]
    :else nil))
