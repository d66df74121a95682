(ns floe.specter
  "Specter's public API, with Specter's names, macros and behaviour, on Floe's Java navigator
  engine (dev.floe.specter). A Specter user changes only the namespace:

    (require '[floe.specter :refer :all])
    (transform [ALL :a even?] inc [{:a 1} {:a 2}])  ;=> [{:a 1} {:a 3}]

  Paths written in code are compiled once per call site and cached; elements that use locals are
  evaluated on every call (late-bound). Differences from Specter are listed in
  docs/specter-compat.md."
  (:require [floe.specter.impl :as i])
  (:import [dev.floe.specter Nav Navs Paths Specter]
           [dev.floe.specter.impl ControlNavs$Declared SeqNavs$SubseqPred]))

(set! *warn-on-reflection* true)

;; ============================================================================ constants

(def NONE "The nothing value: selects nothing; transforming to it removes the element." Specter/NONE)

(def ^{:doc "Navigates to the structure itself."} STAY Navs/STAY)
(def ^{:doc "Navigates nowhere."} STOP Navs/STOP)
(def ^{:doc "Every element of a sequence or set; every [k v] entry of a map. NONE removes."} ALL Navs/ALL)
(def ^{:doc "Like ALL, keeping the collection's metadata."} ALL-WITH-META Navs/ALL_WITH_META)
(def ^{:doc "Every value of a map. NONE removes the entry."} MAP-VALS Navs/MAP_VALS)
(def ^{:doc "Every key of a map. NONE removes the entry."} MAP-KEYS Navs/MAP_KEYS)
(def ^{:doc "The first element (a char for strings). NONE removes it."} FIRST Navs/FIRST)
(def ^{:doc "The last element (a char for strings). NONE removes it."} LAST Navs/LAST)
(def ^{:doc "The empty subsequence at the start; setval prepends a sequence."} BEGINNING Navs/BEGINNING)
(def ^{:doc "The empty subsequence at the end; setval appends a sequence."} END Navs/END)
(def ^{:doc "The void element after the last; setval appends one element."} AFTER-ELEM Navs/AFTER_ELEM)
(def ^{:doc "The void element before the first; setval prepends one element."} BEFORE-ELEM Navs/BEFORE_ELEM)
(def ^{:doc "The void member of a set; setval adds one member."} NONE-ELEM Navs/NONE_ELEM)
(def ^{:doc "[index element] pairs from 0; changing an index moves the element."} INDEXED-VALS Navs/INDEXED_VALS)
(def ^{:doc "Collects the current value."} VAL Navs/VAL)
(def ^{:doc "Drops every collected value."} DISPENSE Navs/DISPENSE)
(def ^{:doc "Navigates to [] when the value is nil."} NIL->VECTOR Navs/NIL_TO_VECTOR)
(def ^{:doc "Navigates to #{} when the value is nil."} NIL->SET Navs/NIL_TO_SET)
(def ^{:doc "Navigates to () when the value is nil."} NIL->LIST Navs/NIL_TO_LIST)
(def ^{:doc "The value of an atom; transform swaps it and returns the atom."} ATOM Navs/ATOM)
(def ^{:doc "The metadata of a value."} META Navs/META)
(def ^{:doc "The name of a keyword or symbol."} NAME Navs/NAME)
(def ^{:doc "The namespace of a keyword or symbol."} NAMESPACE Navs/NAMESPACE)

;; ============================================================================ compiling paths

(defn comp-paths
  "Compiles path elements into one navigator (no call-site caching). With no arguments, STAY."
  ^Nav [& apath]
  (i/comp-paths-seq apath))

(defmacro path
  "Compiles a path once per call site and caches it. Elements that use locals or dynamic vars are
  evaluated on every call and bound into the cached path."
  [& apath]
  (i/path-expansion &env apath))

(defmacro with-inline-debug
  "Runs body; kept for Specter compatibility (Floe's path compilation needs no debugging output)."
  [& body]
  `(do ~@body))

(defn must-cache-paths!
  "Accepted for compatibility with old Specter versions: every Floe path is cached per call site."
  ([] nil)
  ([_] nil))

;; ============================================================================ compiled operations

(defn compiled-select
  "Every value the compiled path navigates to, as a vector."
  [^Nav nav structure]
  (Specter/select nav structure))

(defn compiled-select-one
  "The single value navigated to, nil when none; more than one throws."
  [^Nav nav structure]
  (Specter/selectOne nav structure))

(defn compiled-select-one!
  "The single value navigated to; none or more than one throws."
  [^Nav nav structure]
  (Specter/selectOneStrict nav structure))

(defn compiled-select-first
  "The first value navigated to, or nil."
  [^Nav nav structure]
  (Specter/selectFirst nav structure))

(defn compiled-select-any
  "Some value navigated to (the first), or NONE. Stops at the first. With vals, navigation starts
  with those collected values (a found value is then [collected... v])."
  ([^Nav nav structure] (Specter/selectAny nav structure))
  ([^Nav nav vals structure] (Specter/selectAny nav ^clojure.lang.IPersistentVector (vec vals) structure)))

(defn compiled-selected-any?
  "Whether the path navigates anywhere."
  [^Nav nav structure]
  (Specter/selectedAny nav structure))

(defn compiled-transform
  "Replaces every navigated value v with (f collected... v)."
  [^Nav nav f structure]
  (Specter/transform nav f structure))

(defn compiled-vtransform
  "Replaces every navigated value v with (f collected-vector v)."
  [^Nav nav f structure]
  (Specter/multiTransform (Paths/compile ^objects (object-array [nav (Navs/vterminal f)])) structure))

(defn compiled-setval
  "Replaces every navigated value with aval (NONE removes)."
  [^Nav nav aval structure]
  (Specter/setval nav aval structure))

(defn compiled-multi-transform
  "Transforms with a path whose branches all end in terminal navigators."
  [^Nav nav structure]
  (Specter/multiTransform nav structure))

(defn compiled-traverse
  "A reducible of the navigated values."
  [^Nav nav structure]
  (Specter/traverse nav structure))

(defn compiled-traverse-all
  "A transducer replacing each input with the values the path navigates to in it."
  [^Nav nav]
  (Specter/traverseAll nav))

(defn compiled-replace-in
  "Like transform, but f returns [new-value user-value]; returns [new-structure merged-user-values]."
  [^Nav nav f structure & {:keys [merge-fn] :or {merge-fn concat}}]
  (Specter/replaceIn nav f structure merge-fn))

;; ============================================================================ uncached operations

(defn select* "select without call-site caching." [apath structure]
  (compiled-select (i/comp-paths* apath) structure))
(defn select-one* "select-one without call-site caching." [apath structure]
  (compiled-select-one (i/comp-paths* apath) structure))
(defn select-one!* "select-one! without call-site caching." [apath structure]
  (compiled-select-one! (i/comp-paths* apath) structure))
(defn select-first* "select-first without call-site caching." [apath structure]
  (compiled-select-first (i/comp-paths* apath) structure))
(defn select-any* "select-any without call-site caching." [apath structure]
  (compiled-select-any (i/comp-paths* apath) structure))
(defn selected-any?* "selected-any? without call-site caching." [apath structure]
  (compiled-selected-any? (i/comp-paths* apath) structure))
(defn transform* "transform without call-site caching." [apath transform-fn structure]
  (compiled-transform (i/comp-paths* apath) transform-fn structure))
(defn setval* "setval without call-site caching." [apath aval structure]
  (compiled-setval (i/comp-paths* apath) aval structure))
(defn multi-transform* "multi-transform without call-site caching." [apath structure]
  (compiled-multi-transform (i/comp-paths* apath) structure))
(defn traverse* "traverse without call-site caching." [apath structure]
  (compiled-traverse (i/comp-paths* apath) structure))
(defn traverse-all* "traverse-all without call-site caching." [apath]
  (compiled-traverse-all (i/comp-paths* apath)))
(defn replace-in* "replace-in without call-site caching." [apath transform-fn structure & args]
  (apply compiled-replace-in (i/comp-paths* apath) transform-fn structure args))

;; ============================================================================ cached operations

(defmacro select
  "Every value the path navigates to, as a vector ([collected... v] when values were collected)."
  [apath structure]
  `(compiled-select (path ~apath) ~structure))

(defmacro select-one
  "The single value the path navigates to, nil when none; more than one throws."
  [apath structure]
  `(compiled-select-one (path ~apath) ~structure))

(defmacro select-one!
  "The single value the path navigates to; none or more than one throws."
  [apath structure]
  `(compiled-select-one! (path ~apath) ~structure))

(defmacro select-first
  "The first value the path navigates to, or nil. Stops at the first."
  [apath structure]
  `(compiled-select-first (path ~apath) ~structure))

(defmacro select-any
  "Some value the path navigates to, or NONE. Stops at the first."
  [apath structure]
  `(compiled-select-any (path ~apath) ~structure))

(defmacro selected-any?
  "Whether the path navigates anywhere. Stops at the first."
  [apath structure]
  `(compiled-selected-any? (path ~apath) ~structure))

(defmacro transform
  "Replaces every navigated value v with (transform-fn collected... v)."
  [apath transform-fn structure]
  `(compiled-transform (path ~apath) ~transform-fn ~structure))

(defmacro vtransform
  "Replaces every navigated value v with (transform-fn collected-vector v)."
  [apath transform-fn structure]
  `(compiled-vtransform (path ~apath) ~transform-fn ~structure))

(defmacro setval
  "Replaces every navigated value with aval; NONE removes."
  [apath aval structure]
  `(compiled-setval (path ~apath) ~aval ~structure))

(defmacro multi-transform
  "Transforms with a path whose every branch ends in terminal, vterminal or terminal-val."
  [apath structure]
  `(compiled-multi-transform (path ~apath) ~structure))

(defmacro traverse
  "A reducible of the navigated values: (reduce f init (traverse p s))."
  [apath structure]
  `(compiled-traverse (path ~apath) ~structure))

(defmacro traverse-all
  "A transducer: each input is replaced by every value the path navigates to in it."
  [apath]
  `(compiled-traverse-all (path ~apath)))

(defmacro replace-in
  "Like transform, but transform-fn returns [new-value user-value] (or nil to leave a place
  unchanged). Returns [new-structure user-values]; options :merge-fn (default concat)."
  [apath transform-fn structure & args]
  `(compiled-replace-in (path ~apath) ~transform-fn ~structure ~@args))

;; ============================================================================ navigators with arguments

(defn keypath
  "The value under each key in turn (nil when absent). NONE removes the key."
  ^Nav [& keys]
  (if (empty? keys) STAY (Navs/keypath (object-array keys))))

(defn must
  "The value under each key in turn, only where the key is present. NONE removes the key."
  ^Nav [& keys]
  (if (empty? keys) STAY (Navs/must (object-array keys))))

(defn nthpath
  "The element at each index in turn. NONE removes the element."
  ^Nav [& indexes]
  (if (empty? indexes) STAY (Navs/nthpath (object-array indexes))))

(defn eachnav
  "Turns a one-argument navigator constructor into one taking any number of arguments, applied in
  sequence: ((eachnav f) a b) is [(f a) (f b)]."
  [navfn]
  (fn [& args] (comp-paths (mapv navfn args))))

(defn map-key
  "The key itself when present; transforming renames the key, NONE removes the entry."
  ^Nav [key]
  (Navs/mapKey key))

(defn set-elem
  "The member itself when present; transforming replaces it, NONE removes it."
  ^Nav [elem]
  (Navs/setElem elem))

(defn submap
  "The sub-map of the given keys; a transform merges the result back."
  ^Nav [m-keys]
  (Navs/submap (vec m-keys)))

(defn subset
  "The subset of a set's members that are in aset; a transform replaces them."
  ^Nav [aset]
  (Navs/subset (vec aset)))

(defn srange
  "The subsequence [start, end); a transform splices in the returned sequence."
  ^Nav [start end]
  (Navs/srange (int start) (int end)))

(defmacro end-fn
  "An end function for srange-dynamic that also receives the start index: (end-fn [s start] ...)."
  [args & body]
  `(i/->EndFn (fn ~args ~@body)))

(defn srange-dynamic
  "The subsequence from (start-fn s) to (end-fn s); an end-fn made with the end-fn macro also gets
  the start index."
  ^Nav [start-fn end-fn]
  (if (i/end-fn? end-fn)
    (Navs/srangeDynamicWithStart start-fn (.-f ^floe.specter.impl.EndFn end-fn))
    (Navs/srangeDynamic start-fn end-fn)))

(defmacro subseq-pred-fn
  "A predicate for continuous-subseqs that sees the previous element's result:
  (subseq-pred-fn get-truthy-fn [elem prev] body...). An element belongs to a run when
  (get-truthy-fn result) is true."
  [get-truthy-fn args & body]
  `(SeqNavs$SubseqPred. ~get-truthy-fn (fn ~args ~@body)))

(defn continuous-subseqs
  "Each maximal run of consecutive elements satisfying pred, as a subsequence."
  ^Nav [pred]
  (Navs/continuousSubseqs pred))

(defn before-index
  "The void element before index; setval inserts there."
  ^Nav [index]
  (Navs/beforeIndex (int index)))

(defn index-nav
  "The index itself; transforming moves the element to the returned index."
  ^Nav [i]
  (Navs/indexNav (int i)))

(defn indexed-vals
  "[index element] pairs, counted from start."
  ^Nav [start]
  (Navs/indexedVals (int start)))

(defn filterer
  "A vector of the elements for which path selects something; transforms write back in place."
  ^Nav [& path]
  (Navs/filterer (object-array path)))

(defn view
  "Navigates to (afn structure args...)."
  ^Nav [afn & args]
  (Navs/view afn (object-array args)))

(defn parser
  "Navigates to (parse-fn s); transforms store (unparse-fn new-value)."
  ^Nav [parse-fn unparse-fn]
  (Navs/parser parse-fn unparse-fn))

(defn nil->val
  "Navigates to v when the value is nil."
  ^Nav [v]
  (Navs/nilToVal v))

(defn pred
  "Continues only when (afn value) is truthy."
  ^Nav [afn]
  (Navs/pred afn (object-array 0)))

(defn pred= "Continues when the value = v." ^Nav [v] (Navs/predEq v))
(defn pred< "Continues when the value < v." ^Nav [v] (Navs/predLt v))
(defn pred> "Continues when the value > v." ^Nav [v] (Navs/predGt v))
(defn pred<= "Continues when the value <= v." ^Nav [v] (Navs/predLte v))
(defn pred>= "Continues when the value >= v." ^Nav [v] (Navs/predGte v))

(defn selected?
  "Continues when path selects something from the value."
  ^Nav [& path]
  (Navs/selected (object-array path)))

(defn not-selected?
  "Continues when path selects nothing from the value."
  ^Nav [& path]
  (Navs/notSelected (object-array path)))

(defmacro collected?
  "A filter on the collected values: (collected? [a b] (= a b)) binds the collected vector to the
  destructuring form and continues when the body is truthy."
  [params & body]
  `(Navs/isCollected (fn [& vals#] (let [~params (vec vals#)] ~@body))))

(defn if-path
  "then-path when cond-path selects something from the value, else else-path (default STOP)."
  (^Nav [cond-path then-path] (Navs/ifPath cond-path then-path))
  (^Nav [cond-path then-path else-path] (Navs/ifPath cond-path then-path else-path)))

(defn cond-path
  "Pairs of condition path and path; the first condition that selects something wins."
  ^Nav [& conds]
  (Navs/condPath (object-array conds)))

(defn multi-path
  "Every path from the same place: selections concatenate, transforms apply in order."
  ^Nav [& paths]
  (Navs/multiPath (object-array paths)))

(defn stay-then-continue
  "The current value, then path."
  ^Nav [& path]
  (Navs/stayThenContinue (object-array path)))

(defn continue-then-stay
  "path, then the current value."
  ^Nav [& path]
  (Navs/continueThenStay (object-array path)))

(defn subselect
  "The vector of everything path selects; transforms write back in order (missing elements become NONE)."
  ^Nav [& path]
  (Navs/subselect (object-array path)))

(defn transformed
  "Navigates to the value transformed by path and update-fn."
  ^Nav [path update-fn]
  (Navs/transformed path update-fn))

(defn traversed
  "Navigates to (reduce reduce-fn (traverse path value))."
  ^Nav [path reduce-fn]
  (Navs/traversed path reduce-fn))

(defn compact
  "Like path, but a transform removes containers it leaves empty."
  ^Nav [& path]
  (Navs/compact (object-array path)))

(defn walker
  "Every value for which afn is truthy, walking collections depth-first."
  ^Nav [afn]
  (Navs/walker afn))

(defn codewalker
  "Like walker, keeping the metadata of collections it rebuilds."
  ^Nav [afn]
  (Navs/codewalker afn))

(defn regex-nav
  "Each match of re in a string; transforms replace matches with the returned strings."
  ^Nav [re]
  (Navs/regexNav re))

(defn putval
  "Collects val."
  ^Nav [val]
  (Navs/putval val))

(defn collect
  "Collects the vector of everything path selects."
  ^Nav [& path]
  (Navs/collect (object-array path)))

(defn collect-one
  "Collects the single value path selects."
  ^Nav [& path]
  (Navs/collectOne (object-array path)))

(defn with-fresh-collected
  "Runs path with no collected values; the outer ones are restored after it."
  ^Nav [& path]
  (Navs/withFreshCollected (object-array path)))

(defn terminal
  "multi-transform terminal: replaces the value with (afn collected... v)."
  ^Nav [afn]
  (Navs/terminal afn (object-array 0)))

(defn vterminal
  "multi-transform terminal: replaces the value with (afn collected-vector v)."
  ^Nav [afn]
  (Navs/vterminal afn))

(defn terminal-val
  "multi-transform terminal: replaces the value with v (NONE removes)."
  ^Nav [v]
  (Navs/terminalVal v))

;; ============================================================================ defining navigators

(defmacro nav
  "An anonymous navigator:
    (nav [params] (select* [this structure next-fn] ...) (transform* [this structure next-fn] ...))
  next-fn takes the structure to continue at. With params, returns a function of them."
  [params & methods]
  (i/nav-expansion false "nav" params methods))

(defmacro richnav
  "Like nav, with access to the collected values: (select* [this vals structure next-fn] ...),
  where next-fn takes (vals structure)."
  [params & methods]
  (i/nav-expansion true "richnav" params methods))

(defmacro defnav
  "Defines a navigator (or, with params, a function of them returning one). Also defines
  name-select* and name-transform* taking [params... structure next-fn]."
  [name params & methods]
  (let [label (str name)
        by-name (into {} (map (fn [[m & body]] [(keyword (clojure.core/name m)) body]) methods))
        helper (fn [k suffix]
                 (let [[[_ s nf] & body] (get by-name k)]
                   `(defn ~(symbol (str name suffix)) {:no-doc true} [~@params ~s ~nf] ~@body)))]
    `(do
       (def ~(vary-meta name assoc :arglists `'(~params))
         ~(i/nav-expansion false label params methods))
       ~(helper :select* "-select*")
       ~(helper :transform* "-transform*")
       (var ~name))))

(defmacro defrichnav
  "Defines a rich navigator: methods (select* [this vals structure next-fn] ...) and
  (transform* [this vals structure next-fn] ...), next-fn taking (vals structure)."
  [name params & methods]
  `(def ~(vary-meta name assoc :arglists `'(~params))
     ~(i/nav-expansion true (str name) params methods)))

(defmacro collector
  "An anonymous collector: (collector [params] (collect-val [this structure] body...))."
  [params & methods]
  (i/collector-expansion "collector" params methods))

(defmacro defcollector
  "Defines a collector (or a function of params returning one)."
  [name params & methods]
  `(def ~name ~(i/collector-expansion (str name) params methods)))

(defmacro late-bound-nav
  "A navigator built from bindings; Floe binds every path element at call time, so the bindings
  are evaluated directly: (late-bound-nav [a (late-path p)] (select* ...) (transform* ...))."
  [bindings & methods]
  `(let ~bindings ~(i/nav-expansion false "late-bound-nav" [] methods)))

(defmacro late-bound-richnav
  "The rich form of late-bound-nav."
  [bindings & methods]
  `(let ~bindings ~(i/nav-expansion true "late-bound-richnav" [] methods)))

(defmacro late-bound-collector
  "The collector form of late-bound-nav."
  [bindings & methods]
  `(let ~bindings ~(i/collector-expansion "late-bound-collector" [] methods)))

(defn late-path
  "Marks a navigator argument as a path: returns it compiled."
  ^Nav [apath]
  (i/comp-paths* apath))

(defn dynamic-param?
  "Whether a value is a late-bound placeholder. Floe resolves every element before navigators are
  built, so this is always false."
  [_]
  false)

(defn late-resolved-fn
  "Returns afn: arguments are always resolved values in Floe."
  [afn]
  afn)

(defn wrap-dynamic-nav
  "Wraps a function returning a path so sequential results are compiled."
  [f]
  (fn [& args]
    (let [r (apply f args)]
      (if (sequential? r) (i/comp-paths* r) r))))

(defmacro dynamicnav
  "An anonymous dynamic navigator: a function of its arguments returning a path."
  [& args]
  `(vary-meta (wrap-dynamic-nav (fn ~@args)) assoc :dynamicnav true))

(defmacro defdynamicnav
  "Defines a function of its arguments returning a path (navigators like selected? are built this way)."
  [name & args]
  (let [[doc args] (if (string? (first args)) [(first args) (rest args)] [nil args])
        [attrs args] (if (map? (first args)) [(first args) (rest args)] [nil args])
        arglists (if (vector? (first args)) (list (first args)) (map first args))]
    `(def ~(vary-meta name merge attrs {:dynamicnav true :arglists `'~arglists} (when doc {:doc doc}))
       (wrap-dynamic-nav (fn ~@args)))))

(defmacro declarepath
  "Declares a path to be provided later with providepath (recursion, mutual recursion)."
  [name]
  `(def ~name (Navs/declared ~(str name))))

(defmacro providepath
  "Provides (or replaces) the path of a declared path."
  [name apath]
  `(i/provide! ~name ~apath))

(defn local-declarepath
  "A fresh declared path, not bound to a var (use with providepath)."
  []
  (Navs/declared "local-declarepath"))

(defmacro recursive-path
  "A path that refers to itself: (recursive-path [params] self-sym path). With params, a function of
  them returning a fresh recursive path."
  [params self-sym apath]
  (if (empty? params)
    `(let [d# (Navs/declared "recursive-path")
           ~self-sym d#]
       (.provide ^ControlNavs$Declared d# (i/comp-paths* ~apath))
       d#)
    `(fn ~params (recursive-path [] ~self-sym ~apath))))

(defmacro defprotocolpath
  "Defines a path whose definition depends on the type of the value it navigates, extended with
  extend-protocolpath: (defprotocolpath Name) or (defprotocolpath Name [params])."
  ([name] `(defprotocolpath ~name []))
  ([name params]
   (let [prot (symbol (str name "-prot"))
         retrieve (symbol (str name "-retrieve"))
         s (gensym "structure")
         body `(reify Nav
                 (~'select [_# vals# ~s next#]
                   (.select (i/comp-paths* (~retrieve ~s ~@params)) vals# ~s next#))
                 (~'transform [_# vals# ~s next#]
                   (.transform (i/comp-paths* (~retrieve ~s ~@params)) vals# ~s next#))
                 (~'name [_#] ~(str name)))]
     `(do
        (defprotocol ~prot (~retrieve [~'structure ~@params]))
        (def ~name ~(if (empty? params) body `(fn ~params ~body)))))))

(defn extend-protocolpath*
  "Extends a protocol path at runtime: type-path-pairs is a sequence of [Type path-code], where
  path-code is a quoted path form that may use `structure` and the declared param names."
  [protpath-prot type-path-pairs]
  (let [[method {:keys [arglists]}] (first (:sigs protpath-prot))
        params (vec (rest (first arglists)))]
    (doseq [[t path-code] type-path-pairs]
      (extend t protpath-prot
              {(keyword (name method))
               (eval `(fn [~'structure ~@params] (floe.specter/path ~path-code)))}))))

(defmacro extend-protocolpath
  "Extends a protocol path to types: (extend-protocolpath Name Type1 path1 Type2 path2 ...)."
  [name & type-paths]
  (let [prot (symbol (str name "-prot"))
        retrieve (keyword (str name "-retrieve"))
        params (vec (rest (first (:arglists (meta (resolve (symbol (str name "-retrieve"))))))))]
    `(do
       ~@(for [[t p] (partition 2 type-paths)]
           `(extend ~t ~prot {~retrieve (fn [~'structure ~@params] (path ~p))}))
       nil)))

(defmacro satisfies-protpath?
  "Whether a protocol path has a definition for obj's type."
  [name obj]
  `(satisfies? ~(symbol (str name "-prot")) ~obj))
