(ns floe.examples.timeline
  "The Clojure twin of dev.floe.examples.timeline.TimelineModule: a Mastodon-style backend where
  follows are kept in subindexed sets by a stream topology, and posts are stored and fanned out to
  home timelines (bounded subindexed sorted sets) by a microbatch topology that reads follower sets
  in chunks, written with floe.core. It compiles to the same IR as the Java original (the parity
  suite checks it), so it behaves the same on any cluster."
  (:require [floe.core :refer :all]
            [floe.path :refer :all]
            [floe.aggs :as aggs]
            [floe.ops :as ops])
  (:import [dev.floe.examples.timeline TimelineModule TimelineModule$Follow TimelineModule$Unfollow
            TimelineModule$Post]
           [dev.floe.ops Ops]))

(set! *warn-on-reflection* true)

(defn timeline-module
  "The timeline module reading follower sets in chunks of fanout-chunk-max and keeping the newest
  timeline-max entries per home timeline (TimelineModule's two-argument constructor)."
  [fanout-chunk-max timeline-max]
  (let [chunk-max (long fanout-chunk-max)
        range-max (int (inc chunk-max))
        timeline-max (long timeline-max)]
    (module {:module-name "dev.floe.examples.timeline.TimelineModule"} [setup topologies]
      (declare-depot setup *follows (hash-by TimelineModule/FOLLOWER))
      (declare-depot setup *posts (hash-by TimelineModule/POST_AUTHOR))

      (let [follows (stream-topology topologies "follows")
            fanout (microbatch-topology topologies "fanout")]
        ;; account -> the accounts it follows / the accounts following it
        (declare-pstate follows $$following {String (set-schema String {:subindex? true})})
        (declare-pstate follows $$followers {String (set-schema String {:subindex? true})})
        (<<sources follows
          (source> *follows :> *op)
          (<<subsource *op
            (case> TimelineModule$Follow)
            (TimelineModule/FOLLOW_FOLLOWER *op :> *follower)
            (TimelineModule/FOLLOW_FOLLOWEE *op :> *followee)
            (filter> (Ops/NOT_EQUAL *follower *followee))
            (local-transform> [(keypath *follower) NONE-ELEM (termval *followee)] $$following)
            (|hash *followee)
            (local-transform> [(keypath *followee) NONE-ELEM (termval *follower)] $$followers)

            (case> TimelineModule$Unfollow)
            (TimelineModule/UNFOLLOW_FOLLOWER *op :> *follower)
            (TimelineModule/UNFOLLOW_FOLLOWEE *op :> *followee)
            (local-transform> [(keypath *follower) (set-elem *followee) NONE>] $$following)
            (|hash *followee)
            (local-transform> [(keypath *followee) (set-elem *follower) NONE>] $$followers)))

        ;; author -> the id its next post gets
        (declare-pstate fanout $$nextPostId {String Long})
        ;; author -> post id -> post
        (declare-pstate fanout $$posts {String (map-schema Long TimelineModule$Post {:subindex? true})})
        ;; account -> the newest entries [epochMillis, author, postId] delivered to it
        (declare-pstate fanout $$homeTimelines {String (set-schema java.util.List {:subindex? true})})
        (<<sources fanout
          (source> *posts :> %microbatch)
          (%microbatch :> *post)
          (filter> (TimelineModule/VALID_POST *post))
          (TimelineModule/POST_AUTHOR *post :> *author)
          (TimelineModule/POST_MILLIS *post :> *millis)
          (local-select> [(keypath *author) (nil->val 0)] $$nextPostId :> *postId)
          (local-transform> [(keypath *author) (nil->val 0) (term Ops/INC_LONG)] $$nextPostId)
          (local-transform> [(keypath *author *postId) (termval *post)] $$posts)
          (TimelineModule/TIMELINE_ENTRY *millis *author *postId :> *entry)
          (anchor> <stored>)
          ;; the followers, a chunk at a time
          (loop<- [*start TimelineModule/FIRST_ACCOUNT :> *chunk]
            (local-select> [(keypath *author) (sorted-set-range-from *start range-max)] $$followers :> *range)
            (TimelineModule/CHUNK_OF *range chunk-max :> *part)
            (:> *part)
            (TimelineModule/NEXT_CHUNK_START *range chunk-max :> *next)
            (filter> (Ops/IS_NOT_NULL *next))
            (continue> *next))
          (ops/explode *chunk :> *reader)
          (anchor> <toFollower>)
          ;; the author's own timeline
          (hook> <stored>)
          (Ops/IDENTITY *author :> *reader)
          (anchor> <toAuthor>)
          (unify> <toFollower> <toAuthor>)
          (|hash *reader)
          (local-transform> [(keypath *reader) NONE-ELEM (termval *entry)] $$homeTimelines)
          (local-select> [(keypath *reader) (view Ops/SIZE)] $$homeTimelines :> *size)
          (filter> (Ops/GREATER_THAN *size timeline-max))
          (local-select> [(keypath *reader) (sorted-set-range-from TimelineModule/ENTRY_START 1) ALL]
                         $$homeTimelines :> *oldest)
          (local-transform> [(keypath *reader) (set-elem *oldest) NONE>] $$homeTimelines)))

      (<<query-topology topologies "homeTimeline" [*account *limit :> *posts]
        (|hash *account)
        (filter> (Ops/GREATER_THAN *limit 0))
        ;; *newest holds range options (an options object); a variable goes to the navigator as
        ;; it is, as the Java API's sortedSetRangeTo(end, "*newest")
        (TimelineModule/NEWEST_OPTIONS *limit :> *newest)
        (local-select> [(keypath *account) (sorted-set-range-to TimelineModule/ENTRY_END *newest) ALL]
                       $$homeTimelines :> *entry)
        (ops/expand *entry :> *millis *author *postId)
        (|hash *author)
        (local-select> (keypath *author *postId) $$posts :> *post)
        (filter> (Ops/IS_NOT_NULL *post))
        (TimelineModule/TIMELINE_POST *postId *post :> *item)
        (|origin)
        (aggs/+vec-agg *item :> *items)
        (TimelineModule/NEWEST_FIRST *items :> *posts))

      (<<query-topology topologies "accountPosts" [*account *limit :> *posts]
        (|hash *account)
        (filter> (Ops/GREATER_THAN *limit 0))
        (TimelineModule/NEWEST_OPTIONS *limit :> *newest)
        (local-select> [(keypath *account) (sorted-map-range-to Long/MAX_VALUE *newest) ALL] $$posts :> *entry)
        (ops/expand *entry :> *postId *post)
        (TimelineModule/TIMELINE_POST *postId *post :> *item)
        (|origin)
        (aggs/+vec-agg *item :> *items)
        (TimelineModule/LATEST_FIRST *items :> *posts))

      (<<query-topology topologies "followerCount" [*account :> *count]
        (|hash *account)
        (local-select> [(keypath *account) (view Ops/SIZE)] $$followers :> *count)
        (|origin)))))

(def Timeline
  "The timeline module with TimelineModule's default sizes."
  (timeline-module TimelineModule/FANOUT_CHUNK_MAX TimelineModule/TIMELINE_MAX))
