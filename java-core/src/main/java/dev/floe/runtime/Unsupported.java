package dev.floe.runtime;

import dev.floe.ir.ModuleIR;

/**
 * What the runtime does not run yet, refused at launch with a clear error instead of a module
 * that silently does nothing.
 */
final class Unsupported {
    private Unsupported() {}

    static void check(ModuleIR ir) {
        if (!ir.mirrors().isEmpty()) {
            refuse(ir, "mirror " + ir.mirrors().get(0).localName());
        }
    }

    private static void refuse(ModuleIR ir, String what) {
        throw new UnsupportedOperationException("module " + ir.name() + ": " + what
                + " cannot run yet: this build's runtime runs stream, microbatch and query topologies, depots, PStates and task globals");
    }
}
