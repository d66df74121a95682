package dev.floe.integration;

import dev.floe.ModuleInstanceInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ManagedResourceTest {
    static final AtomicInteger CREATED = new AtomicInteger();
    static final AtomicInteger CLOSED = new AtomicInteger();

    static final class Resource implements AutoCloseable {
        @Override
        public void close() {
            CLOSED.incrementAndGet();
        }
    }

    static TaskGlobalContext ctx(List<Integer> group) {
        ModuleInstanceInfo info = new ModuleInstanceInfo("m-1", 4, List.of(0, 2));
        return new TaskGlobalContext() {
            @Override
            public List<Integer> getTaskGroup() {
                return group;
            }

            @Override
            public ModuleInstanceInfo getModuleInstanceInfo() {
                return info;
            }
        };
    }

    @Test
    void sharedPerTaskThreadAndClosedByTheLastHolder() throws IOException {
        CREATED.set(0);
        CLOSED.set(0);
        var a = new TaskThreadManagedResource<>("pool", ctx(List.of(0, 1)), () -> {
            CREATED.incrementAndGet();
            return new Resource();
        });
        var b = new TaskThreadManagedResource<>("pool", ctx(List.of(0, 1)), () -> {
            CREATED.incrementAndGet();
            return new Resource();
        });
        var other = new TaskThreadManagedResource<>("pool", ctx(List.of(2, 3)), Resource::new);
        assertSame(a.getResource(), b.getResource());
        assertNotSame(a.getResource(), other.getResource());
        assertEquals(1, CREATED.get());
        a.close();
        assertEquals(0, CLOSED.get());
        b.close();
        assertEquals(1, CLOSED.get());
        assertThrows(IllegalStateException.class, a::getResource);
        other.close();
        assertEquals(2, CLOSED.get());
    }

    @Test
    void sharedPerWorker() throws IOException {
        var a = new WorkerManagedResource<>("client", ctx(List.of(0, 1)), Resource::new);
        var b = new WorkerManagedResource<>("client", ctx(List.of(2, 3)), Resource::new);
        assertSame(a.getResource(), b.getResource());
        a.close();
        b.close();
    }
}
