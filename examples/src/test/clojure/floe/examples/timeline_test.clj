(ns floe.examples.timeline-test
  "The Clojure twin of the timeline module on an in-process cluster: the scenario of
  TimelineModuleTest (chunked fanout, newest first, unfollow, trimming), and a property comparing
  home timelines with a model of the fanout, with small chunk and timeline sizes."
  (:require [clojure.test :refer [deftest is testing]]
            [clojure.test.check.clojure-test :refer [defspec]]
            [clojure.test.check.generators :as gen]
            [clojure.test.check.properties :as prop]
            [floe.core :refer :all]
            [floe.path :refer :all]
            [floe.test :as rtest]
            [floe.examples.timeline :refer [timeline-module Timeline]]
            [floe.examples.support :refer [launch-configs run-microbatch!]])
  (:import [dev.floe.examples.timeline TimelineModule$Follow TimelineModule$Unfollow TimelineModule$Post
            TimelineModule$TimelinePost]))

(set! *warn-on-reflection* true)

(def ^:private m (get-module-name Timeline))

(defn- follow [a b] (TimelineModule$Follow. a b))
(defn- unfollow [a b] (TimelineModule$Unfollow. a b))
(defn- post [author text millis] (TimelineModule$Post. author text millis))
(defn- item [author id text millis] (TimelineModule$TimelinePost. author id text millis))

(defn- follows! [ipc records]
  (let [d (foreign-depot ipc m "*follows")]
    (doseq [r records] (foreign-append! d r :ack))))

(defn- posts! [ipc records processed]
  (run-microbatch! ipc m "*posts" "fanout" records processed))

(defn- home [ipc account limit] (foreign-invoke-query (foreign-query ipc m "homeTimeline") account limit))

(deftest posts-reach-followers-newest-first-and-unfollow-stops-fanout
  (doseq [config launch-configs]
    (with-open [ipc (rtest/create-ipc)]
      (rtest/launch-module! ipc (timeline-module 2 3) config)
      (let [processed (atom 0)
            hello (item "ann" 0 "hello" 100)
            again (item "ann" 1 "again" 90)
            hi (item "bo" 0 "hi" 50)
            third (item "ann" 2 "third" 200)]
        (follows! ipc [(follow "bo" "ann") (follow "cy" "ann") (follow "di" "ann") (follow "ed" "ann")
                       (follow "ann" "ann") (follow "ann" "bo")])
        (posts! ipc [(post "ann" "hello" 100) (post "bo" "hi" 50) (post "ann" "again" 90)] processed)
        (testing (str config)
          (is (= [hello again hi] (home ipc "ann" 10)))
          (is (= [hello again] (home ipc "ann" 2)) "the newest first")
          (doseq [f ["cy" "di" "ed"]]
            (is (= [hello again] (home ipc f 10)) (str f ": four followers, two chunks of two")))
          (is (= [again hello] (foreign-invoke-query (foreign-query ipc m "accountPosts") "ann" 10)))
          (is (= 4 (foreign-invoke-query (foreign-query ipc m "followerCount") "ann")))
          (follows! ipc [(unfollow "cy" "ann")])
          (posts! ipc [(post "ann" "third" 200) (post "ann" "late" 10)] processed)
          (is (= [hello again] (home ipc "cy" 10)) "no post after the unfollow")
          (is (= [third hello again] (home ipc "di" 10)) "'late' is older than the 3 kept")
          (is (= #{"bo" "di" "ed"} (set (foreign-select-one (keypath "ann") (foreign-pstate ipc m "$$followers"))))))))))

;; ------------------------------------------------------------------------------ model-based

(def ^:private chunk-max 2)
(def ^:private timeline-max 4)
(def ^:private accounts ["ann" "bo" "cy" "di" "ed"])

(defn- model-step
  "The model after one step: {:followers {account #{…}} :posts {author [post…]} :timelines {account sorted-set}}."
  [model [kind records]]
  (case kind
    :follows (reduce (fn [md r]
                       (if (instance? TimelineModule$Follow r)
                         (let [^TimelineModule$Follow f r]
                           (cond-> md
                             (not= (.follower f) (.followee f))
                             (update-in [:followers (.followee f)] (fnil conj #{}) (.follower f))))
                         (let [^TimelineModule$Unfollow u r]
                           (update-in md [:followers (.followee u)] disj (.follower u)))))
                     model records)
    :posts (reduce (fn [md ^TimelineModule$Post p]
                     (let [author (.authorId p)
                           id (count (get-in md [:posts author]))
                           entry [(.epochMillis p) author id]]
                       (reduce (fn [md reader]
                                 (update-in md [:timelines reader]
                                            (fn [t] (let [t (conj (or t (sorted-set)) entry)]
                                                      (if (> (count t) timeline-max) (disj t (first t)) t)))))
                               (update-in md [:posts author] (fnil conj []) p)
                               (cons author (get-in md [:followers author])))))
                   model records)))

(defn- model-home [model account]
  (vec (for [[millis author id] (rseq (get-in model [:timelines account] (sorted-set)))]
         (item author id (.text ^TimelineModule$Post (get-in model [:posts author id])) millis))))

(def ^:private gen-step
  (let [account (gen/elements accounts)
        popular (gen/frequency [[2 (gen/return "ann")] [1 account]])]
    (gen/one-of
     [(gen/fmap (fn [ops] [:follows ops])
                (gen/vector (gen/frequency [[4 (gen/fmap (fn [[a b]] (follow a b)) (gen/tuple account popular))]
                                            [1 (gen/fmap (fn [[a b]] (unfollow a b)) (gen/tuple account popular))]])
                            1 10))
      (gen/fmap (fn [ps] [:posts (vec (map-indexed (fn [i [a t]] (post a (str "p" i) t)) ps))])
                (gen/vector (gen/tuple popular (gen/choose 0 20)) 1 6))])))

(defspec home-timelines-are-the-models 10
  (prop/for-all [steps (gen/vector gen-step 1 6)
                 config (gen/elements [(first launch-configs) (last launch-configs)])
                 seed gen/large-integer]
    (with-open [ipc (rtest/create-ipc {:seed seed})]
      (rtest/launch-module! ipc (timeline-module chunk-max timeline-max) config)
      (let [processed (atom 0)]
        (:ok? (reduce (fn [{:keys [model ok?]} [kind records :as step]]
                        (if (= kind :follows) (follows! ipc records) (posts! ipc records processed))
                        (let [model (model-step model step)]
                          {:model model
                           :ok? (and ok? (every? #(= (model-home model %) (home ipc % 100)) accounts))}))
                      {:model {} :ok? true}
                      steps))))))
