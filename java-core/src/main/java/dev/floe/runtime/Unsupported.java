package dev.floe.runtime;

import dev.floe.ir.ModuleIR;

/**
 * What the runtime does not run yet, refused at launch with a clear error instead of a module
 * that silently does nothing.
 */
final class Unsupported {
    private Unsupported() {}

    static void check(ModuleIR ir) {
        java.util.Set<String> mirrorDepots = new java.util.HashSet<>();
        for (ModuleIR.MirrorDecl m : ir.mirrors()) {
            if (m.kind() == ModuleIR.MirrorDecl.Kind.DEPOT) {
                mirrorDepots.add(m.localName());
            }
        }
        for (ModuleIR.EtlTopology etl : ir.etls()) {
            for (ModuleIR.SourceDecl s : etl.sources()) {
                if (etl.kind() == ModuleIR.EtlTopology.Kind.MICROBATCH && mirrorDepots.contains(s.depot())) {
                    refuse(ir, "microbatch topology " + etl.name() + " sourcing the mirrored depot " + s.depot());
                }
            }
        }
    }

    private static void refuse(ModuleIR ir, String what) {
        throw new UnsupportedOperationException("module " + ir.name() + ": " + what
                + " cannot run yet: this build's runtime runs stream, microbatch and query topologies, depots, PStates, task globals and mirrors (except microbatch topologies on mirrored depots)");
    }
}
