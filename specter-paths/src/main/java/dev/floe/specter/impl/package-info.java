/**
 * Implementations of the built-in navigators and the collection adapter layer ({@link
 * dev.floe.specter.impl.Colls}) that reads and rebuilds Clojure persistent collections,
 * {@code java.util} collections and strings. Internal: use {@link dev.floe.specter.Navs} and
 * {@link dev.floe.specter.Paths}; nothing outside {@code dev.floe.specter} should import this
 * package except the Clojure namespaces of this module.
 */
package dev.floe.specter.impl;
