(ns floe.path
  "Rama's Clojure path API on Floe: navigators are path values (the same IR as the Java Path
  builder), usable in dataflow (local-select>, local-transform>, select>), in client reads
  (foreign-select) and on plain data (select, transform, setval here).

    (select [(keypath :a) ALL] {:a [1 2]})   ;=> [1 2]

  In dataflow code a dataflow variable stands for its value per event: (keypath *user),
  (termval *v); a bare variable is a key. A vector of elements is a path; a keyword, string or
  number is a key; a function filters (like pred)."
  (:import [dev.floe.path PathImpl PathStep]
           [dev.floe Path SortedRangeOptions SortedRangeFromOptions SortedRangeToOptions]))

(set! *warn-on-reflection* true)

;; ============================================================================ building paths

(defn- step ^PathImpl [^PathImpl p ^String op args]
  (PathImpl/withStep p (PathStep. op (object-array args))))

(defn- nav [op & args] (step PathImpl/EMPTY op args))

(declare ->path)

(defn- append ^PathImpl [^PathImpl p x]
  (cond
    (instance? PathImpl x) (reduce (fn [acc ^PathStep st] (PathImpl/withStep acc st)) p (.steps ^PathImpl x))
    (vector? x) (reduce append p x)
    (and (fn? x) (not (coll? x))) (step p "filterPred" [x])
    :else (step p "key" [(object-array [x])])))

(defn ->path
  "The path IR of a path value: a navigator, a vector of elements, a key, a function (a filter)."
  ^PathImpl [x]
  (if (instance? PathImpl x) x (append PathImpl/EMPTY x)))

(defn- paths [ps] (into-array Path (map ->path ps)))

;; ============================================================================ navigators

(def ALL "Every element; every [k v] entry of a map." (nav "all"))
(def MAP-VALS "Every value of a map." (nav "mapVals"))
(def MAP-KEYS "Every key of a map." (nav "mapKeys"))
(def FIRST "The first element." (nav "first"))
(def LAST "The last element." (nav "last"))
(def STAY "The value itself." (nav "stay"))
(def STOP "Nothing." (nav "stop"))
(def AFTER-ELEM "The void element after the last: setting it appends." (nav "afterElem"))
(def BEFORE-ELEM "The void element before the first: setting it prepends." (nav "beforeElem"))
(def BEGINNING "The empty subsequence at the start." (nav "beginning"))
(def END "The empty subsequence at the end." (nav "end"))
(def NONE-ELEM "The void member of a set: setting it adds." (nav "voidSetElem"))
(def NONE> "A terminal that removes the navigated value." (nav "termVoid"))
(def NIL->VECTOR "Navigates to [] when the value is nil." (nav "nullToList"))
(def NIL->LIST "Navigates to [] when the value is nil." (nav "nullToList"))
(def NIL->SET "Navigates to #{} when the value is nil." (nav "nullToSet"))
(def DISPENSE "Drops the collected values." (nav "dispenseCollected"))
(def INDEXED-VALS
  "Each element of a sequence as an [index element] pair, from 0; a transform may change the
  element and the index (which moves the element)."
  (nav "indexedVals"))

(defn keypath "The value under each key in turn (nil when missing)." [& ks] (nav "key" (object-array ks)))
(defn must "The value under each key in turn, nothing when missing." [& ks] (nav "must" (object-array ks)))
(defn nthpath "The element at an index." [i] (nav "nth" i))
(defn srange "The subsequence [start, end)." [start end] (nav "sublist" start end))
(defn submap "The submap of the given keys." [ks] (nav "subMap" (object-array ks)))
(defn set-elem "The member of a set, if present." [x] (nav "setElem" x))
(defn subset
  "The subset of a set's members that are in aset (a collection; in dataflow its members may be
  variables, #{*a *b}, or aset a variable holding a collection); a transform replaces them."
  [aset]
  (cond
    (string? aset) (nav "subset" aset)
    (coll? aset) (nav "subset" (object-array aset))
    :else (throw (IllegalArgumentException. (str "subset takes a collection of members, got " (pr-str aset))))))
(defn map-key "The key of a map entry (changing it moves the entry)." [k] (nav "mapKey" k))
(defn before-index "The void element before an index: setting it inserts." [i] (nav "beforeIndex" i))
(defn nil->val "The value, or v when it is nil." [v] (nav "nullToVal" v))
(defn termval "A terminal setting the value to v." [v] (nav "termVal" v))
(defn term "A terminal setting the value to (f value args...)." [f & args] (step PathImpl/EMPTY "term" (cons f args)))
(defn view "Navigates to (f value args...)." [f & args] (step PathImpl/EMPTY "view" (cons f args)))
(defn pred "Continues when (f value args...) is truthy." [f & args] (step PathImpl/EMPTY "filterPred" (cons f args)))
(defn pred= "Continues when the value equals v." [v] (nav "filterEqual" v))
(defn pred< "Continues when the value is less than v." [v] (nav "filterLessThan" v))
(defn pred<= "Continues when the value is at most v." [v] (nav "filterLessThanOrEqual" v))
(defn pred> "Continues when the value is greater than v." [v] (nav "filterGreaterThan" v))
(defn pred>= "Continues when the value is at least v." [v] (nav "filterGreaterThanOrEqual" v))
(defn selected? "Continues when the path selects something from the value." [& p] (nav "filterSelected" (->path (vec p))))
(defn not-selected? "Continues when the path selects nothing from the value." [& p] (nav "filterNotSelected" (->path (vec p))))
(defn transformed "The value transformed by the path." [p] (nav "transformed" (->path p)))
(defn subselect "The vector of what the path selects; setting it writes back in place." [& p] (nav "subselect" (->path (vec p))))
(defn filterer "The elements the path selects on, as a sequence." [& p] (nav "filteredList" (->path (vec p))))
(defn collect "Collects what the path selects." [& p] (nav "collect" (->path (vec p))))
(defn collect-one "Collects the one value the path selects." [& p] (nav "collectOne" (->path (vec p))))
(defn putval "Collects v." [v] (nav "putCollected" v))
(defn multi-path "Every path in turn." [& ps] (nav "multiPath" (paths ps)))
(defn if-path "then-path when cond-path selects something, else else-path."
  ([cond-path then-path] (nav "ifPath" (->path cond-path) (->path then-path)))
  ([cond-path then-path else-path] (nav "ifPath" (->path cond-path) (->path then-path) (->path else-path))))

(defn range-options
  "The options object of a sorted range navigator (kind :range, :from or :to) from Rama's
  Clojure options: a map, a number (a max amount), or a variable name (left to the dataflow).
  Dataflow code calls it per event when the options use variables."
  [kind opts]
  (cond
    (or (nil? opts) (string? opts)) opts
    (number? opts) (int opts)
    ;; Java's options objects, as they are (a map would lose their settings)
    (or (and (= kind :range) (instance? SortedRangeOptions opts))
        (and (= kind :from) (instance? SortedRangeFromOptions opts))
        (and (= kind :to) (instance? SortedRangeToOptions opts)))
    opts
    (not (map? opts))
    (throw (IllegalArgumentException.
            (str "range options must be a map such as {:max-amt 10}, a number (a max amount), a variable, or "
                 (case kind :range "a SortedRangeOptions" :from "a SortedRangeFromOptions" :to "a SortedRangeToOptions")
                 "; got " (pr-str opts))))
    :else
    (let [{:keys [inclusive-start? inclusive-end? max-amt inclusive?]} opts]
      (case kind
        :range (cond-> (SortedRangeOptions/create)
                 (false? inclusive-start?) (.excludeStart)
                 inclusive-end? (.includeEnd))
        :from (cond-> (SortedRangeFromOptions/create)
                max-amt (.maxAmt (int max-amt))
                (false? inclusive?) (.excludeStart))
        :to (cond-> (SortedRangeToOptions/create)
              max-amt (.maxAmt (int max-amt))
              inclusive? (.includeEnd))))))

(defn- ranged [op kind bounds opts]
  (step PathImpl/EMPTY op (cond-> (vec bounds) (some? opts) (conj (range-options kind opts)))))

(defn sorted-map-range
  "The submap of keys in [start, end) of a sorted map; opts {:inclusive-start? :inclusive-end?}."
  ([start end] (ranged "sortedMapRange" :range [start end] nil))
  ([start end opts] (ranged "sortedMapRange" :range [start end] opts)))
(defn sorted-map-range-from
  "The submap from start; a number or {:max-amt n :inclusive? b} limits it."
  ([start] (ranged "sortedMapRangeFrom" :from [start] nil))
  ([start n-or-opts] (ranged "sortedMapRangeFrom" :from [start] n-or-opts)))
(defn sorted-map-range-to
  "The submap up to end (the last n before it with a number or {:max-amt n :inclusive? b})."
  ([end] (ranged "sortedMapRangeTo" :to [end] nil))
  ([end n-or-opts] (ranged "sortedMapRangeTo" :to [end] n-or-opts)))
(defn sorted-set-range
  "The subset in [start, end) of a sorted set."
  ([start end] (ranged "sortedSetRange" :range [start end] nil))
  ([start end opts] (ranged "sortedSetRange" :range [start end] opts)))
(defn sorted-set-range-from
  "The subset from start."
  ([start] (ranged "sortedSetRangeFrom" :from [start] nil))
  ([start n-or-opts] (ranged "sortedSetRangeFrom" :from [start] n-or-opts)))
(defn sorted-set-range-to
  "The subset up to end."
  ([end] (ranged "sortedSetRangeTo" :to [end] nil))
  ([end n-or-opts] (ranged "sortedSetRangeTo" :to [end] n-or-opts)))

(defn- literal-arg
  "A computed navigator argument with strings that look like dataflow variables made constants,
  so a value such as \"*x\" is never read as a variable."
  [x]
  (cond
    (and (string? x) (dev.floe.path.PathCompiler/isVar x)) (dev.floe.Constant. x)
    (instance? PathImpl x) (reduce (fn [acc ^PathStep st]
                                     (PathImpl/withStep acc (PathStep. (.op st) (object-array (map literal-arg (.args st))))))
                                   PathImpl/EMPTY (.steps ^PathImpl x))
    (instance? (Class/forName "[Ljava.lang.Object;") x) (object-array (map literal-arg x))
    :else x))

(deftype PathOf []
  dev.floe.ops.FloeFunction1
  (invoke [_ x] (literal-arg (->path x)))
  java.io.Serializable
  Object
  (equals [_ o] (instance? PathOf o))
  (hashCode [_] 17)
  (toString [_] "floe.path/path-of"))

(defn dynamic-path
  "A path element computed per event in dataflow code: v (a variable name) holds a navigator,
  a vector of navigators, a key or a predicate function. Dataflow code writes it for a path
  element such as (my-path *k), a function call using variables."
  [v]
  (nav "pathBuilder" (PathOf.) v))

(defn sorted-map-range-from-start "The first max-amt entries of a sorted map." [max-amt] (nav "sortedMapRangeFromStart" max-amt))
(defn sorted-map-range-to-end "The last max-amt entries of a sorted map." [max-amt] (nav "sortedMapRangeToEnd" max-amt))
(defn sorted-set-range-from-start "The first max-amt members of a sorted set." [max-amt] (nav "sortedSetRangeFromStart" max-amt))
(defn sorted-set-range-to-end "The last max-amt members of a sorted set." [max-amt] (nav "sortedSetRangeToEnd" max-amt))

(defn cond-path
  "(cond-path cond-path1 path1 cond-path2 path2 ...): the path after the first condition path
  that selects something; nothing when none does."
  [& clauses]
  (when (odd? (count clauses))
    (throw (IllegalArgumentException. "cond-path takes pairs of a condition path and a path")))
  (reduce (fn [else [c p]] (if-path c p else)) STOP (reverse (partition 2 clauses))))

(def VAL "Collects the current value (Specter's VAL: (collect-one STAY))." (collect-one STAY))

;; ============================================================================ on plain data

(defn- nav-of ^dev.floe.specter.Nav [p]
  (.nav (.compiled (->path p))))

(defn select "Every value the path navigates to in data, as a vector." [p data]
  (dev.floe.specter.Specter/select (nav-of p) data))

(defn select-one "The one value the path navigates to (nil when none); several is an error." [p data]
  (dev.floe.specter.Specter/selectOne (nav-of p) data))

(defn multi-transform "data transformed by a path ending in terminals (term, termval, NONE>)." [p data]
  (dev.floe.specter.Specter/multiTransform (nav-of p) data))

(defn transform "data with every navigated value replaced by (f value)." [p f data]
  (multi-transform (conj (if (vector? p) p [p]) (term f)) data))

(defn setval "data with every navigated value set to v." [p v data]
  (multi-transform (conj (if (vector? p) p [p]) (termval v)) data))

(defn path
  "One compiled path value from navigators: (path (keypath :a) ALL). Clients' compiled-foreign-*
  functions take it (or any navigator) as is."
  [& navs]
  (->path (vec navs)))
