(ns floe.specter.impl
  "Internals of floe.specter: inline caching of paths per call site, and the helpers the
  navigator-definition macros expand into. Not a public API."
  (:import [clojure.lang IPersistentVector Var]
           [dev.floe.specter Nav Next Paths Paths$Template]
           [dev.floe.specter.impl ControlNavs$Declared]))

(set! *warn-on-reflection* true)

;; ---------------------------------------------------------------------------- compiling paths

(defn comp-paths*
  "Compiles any path value (navigator, vector of path elements, implicit navigator)."
  ^Nav [p]
  (Paths/compile ^Object p))

(defn comp-paths-seq
  "Compiles a sequence of path elements."
  ^Nav [ps]
  (Paths/compile ^objects (object-array ps)))

;; ---------------------------------------------------------------------------- inline caching
;;
;; A path written at a call site is analysed when the macro expands: every element that uses a
;; local or a ^:dynamic var is dynamic and is evaluated on every call; every other element is
;; evaluated once, the first time the call site runs, and compiled with the static elements around
;; it into a Paths$Template held by a private var interned for that call site.

(defn- dynamic-var? [env sym]
  (when-not (contains? env sym)
    (let [v (try (resolve env sym) (catch Exception _ nil))]
      (and (var? v) (boolean (:dynamic (meta v)))))))

(defn dynamic-form?
  "True when evaluating `form` depends on a local binding in `env` or on a dynamic var."
  [env form]
  (cond
    (symbol? form) (or (contains? env form) (dynamic-var? env form))
    (seq? form) (if (= 'quote (first form))
                  false
                  (boolean (some #(dynamic-form? env %) form)))
    (map? form) (boolean (some #(dynamic-form? env %) (mapcat identity form)))
    (coll? form) (boolean (some #(dynamic-form? env %) form))
    :else false))

(defn flatten-path-forms
  "Flattens vector literals (sub-paths) of a path written in code."
  [forms]
  (mapcat (fn [f] (if (vector? f) (flatten-path-forms f) [f])) forms))

(defn cached-template
  "The template cached in `cache-var`, compiling it from `(element-thunk)` on first use."
  ^Paths$Template [^Var cache-var element-thunk]
  (let [r (.getRawRoot cache-var)]
    (if (instance? Paths$Template r)
      r
      (let [t (Paths/template ^objects (object-array (element-thunk)))]
        (.bindRoot cache-var t)
        t))))

(def ^"[Ljava.lang.Object;" no-params
  "The parameter array of paths without dynamic elements."
  (object-array 0))

(defn path-expansion
  "The code for a path written at a call site (see the `path` macro)."
  [env forms]
  (let [elems (vec (flatten-path-forms forms))
        dynamic (vec (keep-indexed (fn [i f] (when (dynamic-form? env f) i)) elems))
        dyn-set (set dynamic)
        param-of (zipmap dynamic (range))
        cache-sym (with-meta (gensym "floe-path-cache__") {:private true :no-doc true})
        _ (intern *ns* cache-sym)
        thunk-elems (vec (map-indexed (fn [i f]
                                        (if (dyn-set i)
                                          `(Paths/param ~(param-of i))
                                          f))
                                      elems))]
    (if (empty? dynamic)
      `(.bind (cached-template (var ~cache-sym) (fn [] ~thunk-elems)) no-params)
      `(.bind (cached-template (var ~cache-sym) (fn [] ~thunk-elems))
              ^objects (object-array ~(mapv elems dynamic))))))

;; ---------------------------------------------------------------------------- navigator macros

(defn next-fn-1
  "A one-argument continuation for defnav bodies."
  [^IPersistentVector vals ^Next next]
  (fn [structure] (.invoke next vals structure)))

(defn next-fn-2
  "A two-argument continuation for defrichnav bodies."
  [^Next next]
  (fn [vals structure] (.invoke next ^IPersistentVector vals structure)))

(defn- method-map [kind methods]
  (let [m (into {} (map (fn [[mname & body]] [(keyword (name mname)) body]) methods))]
    (when-not (and (contains? m :select*) (contains? m :transform*))
      (throw (ex-info (str kind " must implement select* and transform*") {:methods (keys m)})))
    m))

(defn nav-reify
  "Expansion of `nav`/`richnav`: a reified navigator whose methods bind the user's argument names."
  [rich? label methods]
  (let [m (method-map (if rich? "richnav" "defnav") methods)
        vals-sym (gensym "vals")
        next-sym (gensym "next")
        method (fn [mname java-name]
                 (let [[[this-sym & args] & body] (get m mname)]
                   (if rich?
                     (let [[v-sym s-sym nf-sym] args]
                       `(~java-name [~this-sym ~vals-sym structure# ~next-sym]
                         (let [~v-sym ~vals-sym
                               ~s-sym structure#
                               ~nf-sym (next-fn-2 ~next-sym)]
                           ~@body)))
                     (let [[s-sym nf-sym] args]
                       `(~java-name [~this-sym ~vals-sym structure# ~next-sym]
                         (let [~s-sym structure#
                               ~nf-sym (next-fn-1 ~vals-sym ~next-sym)]
                           ~@body))))))]
    `(reify Nav
       ~(method :select* 'select)
       ~(method :transform* 'transform)
       (~'name [_#] ~label))))

(defn nav-expansion
  "Expansion of `nav`, `richnav` and the def forms: a navigator, or a function of params returning one."
  [rich? label params methods]
  (let [body (nav-reify rich? label methods)]
    (if (empty? params)
      body
      `(fn ~params ~body))))

(defn collector-expansion
  "Expansion of `collector`: a navigator that collects the body's value and stays in place."
  [label params [[_ [this-sym s-sym] & body]]]
  (let [r `(reify Nav
             (~'select [~this-sym vals# structure# next#]
               (let [~s-sym structure#]
                 (.invoke ^Next next# (conj vals# (do ~@body)) structure#)))
             (~'transform [~this-sym vals# structure# next#]
               (let [~s-sym structure#]
                 (.invoke ^Next next# (conj vals# (do ~@body)) structure#)))
             (~'name [_#] ~label))]
    (if (empty? params) r `(fn ~params ~r))))

(defn provide!
  "Sets (or replaces) the path of a declared path; returns the declared path."
  ^ControlNavs$Declared [^ControlNavs$Declared declared apath]
  (.provide declared (comp-paths* apath))
  declared)

;; ---------------------------------------------------------------------------- markers

(deftype EndFn [f])

(defn end-fn? [x] (instance? EndFn x))
