package dev.floe;

import java.util.Set;

/**
 * What hands out clients of running modules: the in-process cluster for tests, the REPL and the
 * embedded default, and (later) the client of a real cluster — so client code is written once.
 */
public interface ClusterManagerBase extends AutoCloseable {
    /** A client of a module's depot ({@code "*name"}). */
    Depot clusterDepot(String moduleName, String depotName);

    /** A client of a module's PState ({@code "$$name"}); private PStates are refused. */
    PState clusterPState(String moduleName, String pstateName);

    /** A client of a module's query topology. */
    <T> QueryTopologyClient<T> clusterQuery(String moduleName, String queryName);

    /** The names of the modules running. */
    Set<String> getDeployedModuleNames();

    /** Closes every client and (for the in-process cluster) stops every module. */
    @Override
    void close();
}
