(ns floe.build.deps-edn-test
  "deps.edn describes the same project as the Maven build and resolves from Maven Central alone."
  (:require [clojure.java.io :as io]
            [clojure.string :as str]
            [clojure.test :refer [deftest is testing]]
            [clojure.tools.deps :as deps]))

(set! *warn-on-reflection* true)

(def ^:private project-root
  "The repository root: Maven runs this module's tests in test/."
  (.getCanonicalFile (io/file "..")))

(defn- pom-property [prop]
  (second (re-find (re-pattern (str "<" prop ">([^<]+)</" prop ">"))
                   (slurp (io/file project-root "pom.xml")))))

(defn- create-basis [aliases]
  (deps/create-basis {:dir (str project-root)
                      :project (str (io/file project-root "deps.edn"))
                      :user nil
                      :aliases aliases}))

(def ^:private basis
  "The project as a user runs it: clojure -M:test, clojure -M:repl."
  (delay (create-basis [:test :repl])))

(def ^:private build-basis
  "The build tool: clojure -T:build compile."
  (delay (create-basis [:build])))

(defn- active-repos
  "Repositories tools.deps resolves from (a nil entry removes a default repository)."
  [b]
  (set (keep (fn [[k v]] (when v k)) (:mvn/repos b))))

(deftest only-maven-central
  (doseq [b [@basis @build-basis]]
    (is (= #{"central"} (active-repos b)) "Clojars and every other repository are removed")
    (is (str/includes? (get-in b [:mvn/repos "central" :url]) "repo1.maven.org"))))

(deftest every-library-resolves-to-a-jar
  (is (contains? (:libs @basis) 'org.clojure/clojure))
  (is (contains? (:libs @basis) 'org.clojure/test.check))
  (is (contains? (:libs @build-basis) 'io.github.clojure/tools.build))
  (doseq [[lib coord] (merge (:libs @build-basis) (:libs @basis))]
    (is (= :mvn (:deps/manifest coord)) (str lib " comes from a Maven repository"))
    (is (seq (:paths coord)) (str lib " has files"))
    (doseq [p (:paths coord)]
      (is (.exists (io/file p)) (str lib " file " p " was downloaded")))))

(deftest versions-match-the-maven-build
  (let [libs (:libs @basis)]
    (is (= (pom-property "clojure.version") (get-in libs ['org.clojure/clojure :mvn/version])))
    (is (= (pom-property "test.check.version") (get-in libs ['org.clojure/test.check :mvn/version])))))

(deftest project-paths-exist
  (testing "source and class directories named by deps.edn exist (Maven has compiled the modules)"
    (doseq [p (concat (:paths (deps/slurp-deps (io/file project-root "deps.edn")))
                      (get-in (deps/slurp-deps (io/file project-root "deps.edn")) [:aliases :test :extra-paths]))]
      (is (.isDirectory (io/file project-root p)) (str p " exists")))))

(deftest test-alias-sees-the-examples-clojure-tests
  (let [test-alias (get-in (deps/slurp-deps (io/file project-root "deps.edn")) [:aliases :test])
        cp-roots (set (keys (:classpath @basis)))]
    (testing "the runner is given the examples' test directory, and the classpath holds what those tests load"
      (is (some #{"examples/src/test/clojure"} (:main-opts test-alias)))
      (doseq [p ["examples/src/main/clojure" "examples/src/test/clojure" "examples/target/classes"]]
        (is (contains? cp-roots p) (str p " is on the :test classpath"))))
    (testing "every directory the runner scans is on the classpath, and holds tests"
      (doseq [dir (drop 2 (:main-opts test-alias))]
        (is (contains? cp-roots dir) (str dir " is on the classpath"))
        (is (some #(str/ends-with? (.getName ^java.io.File %) "_test.clj") (file-seq (io/file project-root dir)))
            (str dir " has *_test.clj files"))))
    (is (.exists (io/file project-root "examples/src/test/clojure/floe/examples/topn_test.clj")))))

(deftest test-alias-runs-the-cli-runner
  (let [test-alias (get-in (deps/slurp-deps (io/file project-root "deps.edn")) [:aliases :test])]
    (is (= ["-m" "floe.testing.cli"] (take 2 (:main-opts test-alias))))
    (is (.exists (io/file project-root "specter-paths/src/test/clojure/floe/testing/cli.clj")))))
