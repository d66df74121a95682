package dev.floe.builder;

import dev.floe.Block;
import dev.floe.exec.LocalExecutor;

/** The builder behind {@link Block}. */
public final class BlockBuilder extends AbstractChain<Block.Impl, Block.OutImpl, Block.MultiOutImpl>
        implements Block.MultiOutImpl {
    @Override
    public void execute() {
        LocalExecutor.execute(toNodes());
    }

    @Override
    public String toString() {
        return "Block" + toNodes();
    }
}
