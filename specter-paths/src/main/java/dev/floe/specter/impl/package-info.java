/**
 * Implementations of the built-in navigators and the collection adapter layer ({@link
 * dev.floe.specter.impl.Colls}) that reads and rebuilds Clojure persistent collections,
 * {@code java.util} collections and strings, and the values the range navigators return ({@link
 * dev.floe.specter.impl.PersistentSortedMap}, {@link dev.floe.specter.impl.PersistentSortedSet}:
 * Clojure sorted collections that are also {@code java.util.SortedMap}/{@code SortedSet}).
 * Internal: use {@link dev.floe.specter.Navs} and {@link dev.floe.specter.Paths}; nothing outside
 * {@code dev.floe.specter} should import this package except the Clojure namespaces of this module
 * and, for those two value classes, the codecs that must keep their class.
 */
package dev.floe.specter.impl;
