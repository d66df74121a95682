(ns floe.proxy-test
  "Reactive proxies from Clojure: foreign-proxy, foreign-proxy-async, proxy-status."
  (:require [clojure.test :refer [deftest is testing]]
            [floe.core :refer :all]
            [floe.path :refer :all]
            [floe.aggs :as aggs]
            [floe.test :as rtest])
  (:import [dev.floe.diffs Diff Diffs KeyDiff NewValueDiff SetAddDiff SequenceInsertDiff DestroyedDiff]))

(defmodule Timeline [setup topologies]
  (declare-depot setup *posts (hash-by first))
  (let [s (stream-topology topologies "s")]
    (declare-pstate s $$timeline {String (map-schema Long String {:subindex? true})})
    (declare-pstate s $$tags {String (set-schema String {:subindex? true})})
    (declare-pstate s $$count {String Long})
    (declare-pstate s $$texts {String (vector-schema String {:subindex? true})})
    (declare-pstate s $$profile {String (fixed-keys-schema {:posts Long :last String})})
    (<<sources s
      (source> *posts :> [*user *id *text])
      (local-transform> [(keypath *user *id) (termval *text)] $$timeline)
      (local-transform> [(keypath *user) NONE-ELEM (termval *text)] $$tags)
      (local-transform> [(keypath *user) AFTER-ELEM (termval *text)] $$texts)
      (local-transform> [(keypath *user "posts") (nil->val 0) (term inc)] $$profile)
      (local-transform> [(keypath *user "last") (termval *text)] $$profile)
      (+compound $$count {*user (aggs/+count)})))
  (let [mb (microbatch-topology topologies "mb")]
    (declare-pstate mb $$mbCount {String Long})
    (<<sources mb
      (source> *posts :> %microbatch)
      (%microbatch :> [*user _ _])
      (+compound $$mbCount {*user (aggs/+count)}))))

(defn- await-true [f what]
  (let [deadline (+ (System/currentTimeMillis) 20000)]
    (loop []
      (cond (f) true
            (> (System/currentTimeMillis) deadline) (throw (AssertionError. (str "timed out: " what)))
            :else (do (Thread/sleep 2) (recur))))))

(deftest proxies-follow-their-value-with-fine-grained-diffs
  (with-open [ipc (rtest/create-ipc)]
    (rtest/launch-module! ipc Timeline {:tasks 4 :threads 2})
    (let [m (get-module-name Timeline)
          posts (foreign-depot ipc m "*posts")
          timeline (foreign-pstate ipc m "$$timeline")
          tags (foreign-pstate ipc m "$$tags")
          changes (atom [])
          recent (foreign-proxy [(keypath "ann") (sorted-map-range-from 10)] timeline
                                {:pkey "ann" :callback-fn (fn [n d o] (swap! changes conj [n d o]))})
          tag-set (foreign-proxy (keypath "ann") tags)]
      (is (= {} @recent))
      (is (nil? @tag-set))
      (is (= :active (proxy-status recent)))
      (foreign-append! posts ["ann" 5 "old"])
      (foreign-append! posts ["ann" 11 "hello"])
      (foreign-append! posts ["bob" 12 "elsewhere"])
      (foreign-append! posts ["ann" 12 "again"])
      (await-true #(= @recent (foreign-select-one [(keypath "ann") (sorted-map-range-from 10)] timeline {:pkey "ann"}))
                  "the range proxy to catch up")
      (is (= {11 "hello" 12 "again"} @recent))
      (is (= [(KeyDiff. 11 (NewValueDiff. "hello")) (KeyDiff. 12 (NewValueDiff. "again"))]
             (mapv second @changes))
          "one KeyDiff per entry in range; the entry at 5 and bob's post do not touch it")
      (doseq [[n d o] @changes]
        (is (= n (Diffs/apply d o)) "each diff applied to the old value gives the new one"))
      (await-true #(= #{"old" "hello" "again"} @tag-set) "the set proxy")
      (.close recent)
      (is (= :terminated (proxy-status recent)))
      (await-true #(instance? DestroyedDiff (second (peek @changes))) "DestroyedDiff"))))

(deftest proxy-options-and-errors
  (with-open [ipc (rtest/create-ipc {:serialize-every-hop? true})]
    (rtest/launch-module! ipc Timeline {:tasks 2 :threads 1})
    (let [m (get-module-name Timeline)
          count-ps (foreign-pstate ipc m "$$count")]
      (is (thrown-with-msg? IllegalArgumentException #"unknown option\(s\) \[:callback\]"
                            (foreign-proxy (keypath "x") count-ps {:callback identity})))
      (is (thrown-with-msg? IllegalArgumentException #"exactly one value"
                            (foreign-proxy [ALL] count-ps {:pkey "x"})))
      (is (thrown-with-msg? IllegalArgumentException #"takes a compiled path"
                            (compiled-foreign-proxy [(keypath "x")] count-ps)))
      (with-open [c (compiled-foreign-proxy (path (keypath "zed")) count-ps)
                  ca @(compiled-foreign-proxy-async (keypath "zed") count-ps {:pkey "zed"})]
        (foreign-append! (foreign-depot ipc m "*posts") ["zed" 0 "first"])
        (await-true #(and (= 1 @c) (= 1 @ca)) "the compiled proxies"))
      (let [p @(foreign-proxy-async (keypath "zed") count-ps)]
        (foreign-append! (foreign-depot ipc m "*posts") ["zed" 1 "t"])
        (await-true #(= 2 @p) "the async proxy")
        (.close p)))))

(deftest lists-records-and-microbatches
  (with-open [ipc (rtest/create-ipc)]
    (rtest/launch-module! ipc Timeline {:tasks 4 :threads 2})
    (let [m (get-module-name Timeline)
          posts (foreign-depot ipc m "*posts")
          texts (foreign-pstate ipc m "$$texts")
          profile (foreign-pstate ipc m "$$profile")
          mb-count (foreign-pstate ipc m "$$mbCount")
          list-diffs (atom [])
          record-changes (atom [])
          l (foreign-proxy (keypath "cal") texts {:callback-fn (fn [_ d _] (swap! list-diffs conj d))})
          r (foreign-proxy (keypath "cal") profile {:callback-fn (fn [n d o] (swap! record-changes conj [n d o]))})
          c (foreign-proxy (keypath "cal") mb-count)]
      (foreign-append! posts ["cal" 1 "a"])
      (foreign-append! posts ["cal" 2 "b"])
      (rtest/wait-for-microbatch-processed-count ipc m "mb" 2)
      (await-true #(= ["a" "b"] @l) "the list proxy")
      (await-true #(= {"posts" 2 "last" "b"} @r) "the record proxy")
      (await-true #(= 2 @c) "the microbatch-fed proxy")
      (is (= [(NewValueDiff. ["a"])] (take 1 @list-diffs)) "nil to a list: the new value")
      (is (instance? SequenceInsertDiff (second @list-diffs)) (pr-str @list-diffs))
      (doseq [[n d o] @record-changes]
        (is (= n (Diffs/apply d o)))))))
