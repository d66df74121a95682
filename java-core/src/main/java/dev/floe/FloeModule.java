package dev.floe;

import dev.floe.module.MicrobatchTopology;
import dev.floe.module.StreamTopology;

/**
 * A module: the unit of deployment. {@link #define} declares its depots, PStates, topologies,
 * query topologies, task globals and mirrors; it builds dataflow, it does not process data.
 */
public interface FloeModule {
    /** Declares the module. */
    void define(Setup setup, Topologies topologies);

    /** The module's name (by default the class name); two classes with one name are versions of one module. */
    default String getModuleName() {
        return getClass().getName();
    }

    /** Module-level declarations. */
    interface Setup {
        /** Declares a depot with a built-in partitioner ({@code Depot.random()}, {@code Depot.hashBy(...)} …). */
        Depot.Declaration declareDepot(String var, Depot.Partitioner partitioner);

        /** Declares a depot with a custom partitioner class. */
        Depot.Declaration declareDepot(String var, Class<? extends Depot.Partitioning<?>> partitioner);

        /** Declares a tick depot: a record on task 0 every period. */
        void declareTickDepot(String var, long frequencyMillis);

        /** Declares a task global: a copy of {@code obj} on every task. */
        void declareObject(String var, Object obj);

        /** Mirrors another module's depot. */
        void clusterDepot(String var, String moduleName, String depotName);

        /** Mirrors another module's PState (read-only). */
        void clusterPState(String var, String moduleName, String pstateName);

        /** Refers to another module's query topology. */
        void clusterQuery(String var, String moduleName, String queryName);

        /** A module dynamic option's value at launch. */
        void setLaunchModuleDynamicOption(String option, Object value);

        /** A depot dynamic option's value at launch. */
        void setLaunchDepotDynamicOption(String depotVar, String option, Object value);

        /** A topology dynamic option's value at launch. */
        void setLaunchTopologyDynamicOption(String topology, String option, Object value);

        /** A PState dynamic option's value at launch. */
        void setLaunchPStateDynamicOption(String pstateVar, String option, Object value);
    }

    /** Topology declarations. */
    interface Topologies {
        /** Declares a stream topology. */
        StreamTopology stream(String name);

        /** Declares a microbatch topology. */
        MicrobatchTopology microbatch(String name);

        /** Declares a query topology with its input vars; {@code out} names its result var and starts its body. */
        Block.Out query(String name, String... inputVars);
    }
}
