(ns floe.examples.timeseries
  "The Clojure twin of dev.floe.examples.timeseries.PageViewRollupsModule: page views counted per
  URL in minute and hour buckets (subindexed sorted maps) by a microbatch topology, and a range
  query reading as few buckets as possible, written with floe.core. It compiles to the same IR as
  the Java original (the parity suite checks it), so it behaves the same on any cluster."
  (:require [floe.core :refer :all]
            [floe.path :refer :all]
            [floe.aggs :as aggs]
            [floe.ops :as ops])
  (:import [dev.floe.examples.timeseries PageViewRollupsModule]
           [dev.floe.ops Ops]))

(set! *warn-on-reflection* true)

(defmodule PageViewRollups {:module-name "dev.floe.examples.timeseries.PageViewRollupsModule"} [setup topologies]
  (declare-depot setup *pageViews (hash-by PageViewRollupsModule/PAGE_VIEW_URL))

  (let [rollups (microbatch-topology topologies "rollups")]
    ;; url -> bucket (minutes or hours since the epoch) -> views
    (declare-pstate rollups $$minuteViews {String (map-schema Long Long {:subindex? true})})
    (declare-pstate rollups $$hourViews {String (map-schema Long Long {:subindex? true})})
    (<<sources rollups
      (source> *pageViews :> %microbatch)
      (%microbatch :> *view)
      (PageViewRollupsModule/PAGE_VIEW_URL *view :> *url)
      (PageViewRollupsModule/PAGE_VIEW_MILLIS *view :> *millis)
      (PageViewRollupsModule/MINUTE_OF *millis :> *minute)
      (PageViewRollupsModule/HOUR_OF *millis :> *hour)
      (+compound $$minuteViews {*url {*minute (aggs/+count)}})
      (+compound $$hourViews {*url {*hour (aggs/+count)}})))

  ;; the views whose minute is in [minute(start), minute(end)): whole hours from $$hourViews,
  ;; the minutes left at both ends from $$minuteViews
  (<<query-topology topologies "viewsBetween" [*url *startMillis *endMillis :> *views]
    (|hash *url)
    (PageViewRollupsModule/MINUTE_OF *startMillis :> *startMinute)
    (PageViewRollupsModule/MINUTE_OF *endMillis :> *endMinute)
    (ops/explode (PageViewRollupsModule/SPLIT *startMinute *endMinute) :> *piece)
    (ops/expand *piece :> *rollup *from *to)
    (<<if (Ops/EQUAL *rollup "hour")
      (local-select> [(keypath *url) (sorted-map-range *from *to) MAP-VALS] $$hourViews :> *count)
     (else>)
      (local-select> [(keypath *url) (sorted-map-range *from *to) MAP-VALS] $$minuteViews :> *count))
    (|origin)
    (aggs/+sum *count :> *views)))
