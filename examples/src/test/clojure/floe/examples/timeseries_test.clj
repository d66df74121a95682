(ns floe.examples.timeseries-test
  "The Clojure twin of the page-view rollups on an in-process cluster: the scenario of
  PageViewRollupsModuleTest (ranges mixing minute and hour buckets), and a property comparing the
  range query with counting the raw views."
  (:require [clojure.test :refer [deftest is testing]]
            [clojure.test.check.clojure-test :refer [defspec]]
            [clojure.test.check.generators :as gen]
            [clojure.test.check.properties :as prop]
            [floe.core :refer :all]
            [floe.path :refer :all]
            [floe.test :as rtest]
            [floe.examples.timeseries :refer [PageViewRollups]]
            [floe.examples.support :refer [launch-configs append-and-wait!]])
  (:import [dev.floe.examples.timeseries PageViewRollupsModule PageViewRollupsModule$PageView]))

(set! *warn-on-reflection* true)

(def ^:private m (get-module-name PageViewRollups))

(def ^:private minute-millis PageViewRollupsModule/MINUTE_MILLIS)
(def ^:private hour-millis (* PageViewRollupsModule/HOUR_MINUTES PageViewRollupsModule/MINUTE_MILLIS))
(def ^:private t0 "2023-11-14T22:13:20Z" 1700000000000)

(defn- page-view [url millis] (PageViewRollupsModule$PageView. url millis))

(defn- record! [ipc views processed]
  (append-and-wait! ipc m "*pageViews" "rollups" views processed))

(deftest ranges-mix-minute-and-hour-buckets
  (let [hour (- t0 (mod t0 hour-millis))   ; the start of t0's hour
        views [(page-view "/a" (dec hour))   ; last minute of the previous hour
               (page-view "/a" hour)
               (page-view "/a" (+ hour (* 59 minute-millis)))
               (page-view "/a" (+ hour hour-millis (* 30 minute-millis)))
               (page-view "/a" (+ hour (* 3 hour-millis) 5))
               (page-view "/b" (+ hour 10))]]
    (doseq [config launch-configs]
      (with-open [ipc (rtest/create-ipc)]
        (rtest/launch-module! ipc PageViewRollups config)
        (record! ipc views (atom 0))
        (let [q (foreign-query ipc m "viewsBetween")
              between (fn [url start end] (foreign-invoke-query q url start end))
              hours (foreign-pstate ipc m "$$hourViews")
              h (PageViewRollupsModule/hourOf hour)]
          (testing (str config)
            (is (= 5 (between "/a" (- hour hour-millis) (+ hour (* 4 hour-millis)))))
            (is (= 4 (between "/a" (- hour minute-millis) (+ hour (* 3 hour-millis)))))
            (is (= 2 (between "/a" hour (+ hour hour-millis))) "the end is excluded")
            (is (= 1 (between "/a" (+ hour (* 59 minute-millis) 1) (+ hour hour-millis 1)))
                "both ends round down to whole minutes: the view at minute 59 counts")
            (is (= 1 (between "/a" (inc hour) (+ hour (* 59 minute-millis) 1)))
                "both ends round down to whole minutes: the view at minute 0 counts, the one at 59 does not")
            (is (= 0 (between "/a" (+ hour 3) (+ hour 40000))) "an empty minute range")
            (is (= 0 (between "/a" (+ hour hour-millis) hour)))
            (is (= 0 (between "/nope" (- hour hour-millis) (+ hour hour-millis))) "an unknown URL")
            (is (= 1 (between "/b" 0 (+ hour hour-millis))))
            (is (= {(dec h) 1 h 2 (inc h) 1 (+ h 3) 1} (into {} (foreign-select-one (keypath "/a") hours))))
            (is (= [2 1] (foreign-select [(keypath "/a") (sorted-map-range h (+ h 3)) MAP-VALS] hours)))))))))

(defn- model
  "The query's definition, on the raw views."
  [views url start end]
  (let [lo (PageViewRollupsModule/minuteOf start)
        hi (PageViewRollupsModule/minuteOf end)]
    (count (filter (fn [^PageViewRollupsModule$PageView v]
                     (let [minute (PageViewRollupsModule/minuteOf (.epochMillis v))]
                       (and (= url (.url v)) (<= lo minute) (< minute hi))))
                   views))))

(def ^:private urls ["/" "/about" "/blog/floe"])

(def ^:private gen-view
  "A view of one of a few URLs within hours of t0."
  (gen/fmap (fn [[url offset]] (page-view url (+ t0 offset)))
            (gen/tuple (gen/elements urls) (gen/choose (* -3 hour-millis) (* 9 hour-millis)))))

(def ^:private gen-range
  "[url start-offset-from-t0 length], a range around the views' hours."
  (gen/tuple (gen/elements urls) (gen/choose (* -4 hour-millis) (* 10 hour-millis)) (gen/choose 0 (* 8 hour-millis))))

(defspec every-range-counts-the-views-in-it 8
  (prop/for-all [views (gen/vector gen-view 1 60)
                 ranges (gen/vector gen-range 1 10)
                 config (gen/elements launch-configs)
                 seed gen/large-integer]
    (with-open [ipc (rtest/create-ipc {:seed seed})]
      (rtest/launch-module! ipc PageViewRollups config)
      (record! ipc views (atom 0))
      (let [q (foreign-query ipc m "viewsBetween")]
        (every? (fn [[url start length]]
                  (let [start (+ t0 start) end (+ start length)]
                    (= (model views url start end) (foreign-invoke-query q url start end))))
                ranges)))))
