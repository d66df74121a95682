package dev.floe;

import java.util.List;

/**
 * A batch computation packaged as a source of rows: {@code new SubBatch(block, "*a", "*b")}
 * emits, as rows, the values of the out vars its block's post-aggregation code produces. Use it
 * with {@link Block#subBatch}.
 */
public final class SubBatch {
    private final Block block;
    private final List<String> outVars;

    public SubBatch(Block block, String... outVars) {
        if (block == null) {
            throw new IllegalArgumentException("SubBatch needs a block");
        }
        this.block = block;
        this.outVars = List.of(outVars);
    }

    /** The batch computation. */
    public Block getBlock() {
        return block;
    }

    /** The vars whose values form the rows. */
    public List<String> getOutVars() {
        return outVars;
    }
}
