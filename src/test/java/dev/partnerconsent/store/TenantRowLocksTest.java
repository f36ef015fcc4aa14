package dev.partnerconsent.store;

import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two nodes (two persistence units on one database) writing one tenant: never at the same time. */
class TenantRowLocksTest {

    private static final String TENANT = "7d0f1c2e-9a3b-4c5d-8e6f-001122334455";

    @Test
    void writesOfOneTenantAreSerialAcrossNodes() throws Exception {
        DataSource ds = TestDatabases.fresh();
        TenantRowLocks nodeA = new TenantRowLocks(Database.on(ds));
        TenantRowLocks nodeB = new TenantRowLocks(Database.on(ds));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                TenantRowLocks node = i % 2 == 0 ? nodeA : nodeB;
                done.add(pool.submit(() -> {
                    go.await();
                    return node.exclusively(TENANT, () -> {
                        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        for (int spin = 0; spin < 2_000; spin++) {
                            Thread.yield();
                        }
                        inside.decrementAndGet();
                        return 1;
                    });
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get();
            }
            assertEquals(40, total);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, mostInside.get(), "two writes of the tenant ran at once");
        assertEquals(40, nodeA.writes(TENANT.toUpperCase()), "every write counted on the tenant's one row");
    }
}
