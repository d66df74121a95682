(ns floe.specter.smoke-test
  (:require [clojure.test :refer [deftest is]]
            [floe.specter :refer [select transform ALL]]))

(deftest select-and-transform
  (is (= [2 4] (select [ALL even?] [1 2 3 4])))
  (is (= [2 3 4] (transform ALL inc [1 2 3]))))
