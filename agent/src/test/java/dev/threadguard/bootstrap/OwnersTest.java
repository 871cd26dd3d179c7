package dev.threadguard.bootstrap;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class OwnersTest {

    private static FamilyState family(String pattern) {
        return new FamilyState(Registry.nextId(), pattern + "|java.lang.Thread|0", pattern, "java.lang.Thread", Sites.Site.UNKNOWN, 0);
    }

    private static void start(Thread t, PoolState s) {
        Owners.started(t, s.addWorker(t, true));
    }

    /** A thread id landing on the slot of a thread that still lives goes to the weak map: both keep their owner. */
    @Test
    @SuppressWarnings("deprecation")
    void aSlotTakenByALiveThreadSendsTheNewerThreadElsewhere() throws Exception {
        FamilyState a = family("a-*");
        FamilyState b = family("b-*");
        Thread first = new Thread(() -> { }, "a-1");
        start(first, a);
        Thread second = sameSlotAs(first);
        start(second, b);
        assertSame(a, Owners.get(first));
        assertSame(b, Owners.get(second));

        // the first thread ends: a later thread on the same slot takes it
        first.start();
        first.join();
        FamilyState c = family("c-*");
        Thread third = sameSlotAs(first);
        start(third, c);
        assertSame(c, Owners.get(third));
        assertNull(Owners.get(first), "its slot now names another thread");
        assertSame(b, Owners.get(second));

        assertSame(b, Owners.remove(second));
        assertNull(Owners.get(second));
    }

    /** An ended pool's state is no longer reachable through its workers' slots. */
    @Test
    void anEndedPoolFreesItsWorkersSlots() {
        FamilyState a = family("d-*");
        Thread t = new Thread(() -> { }, "d-1");
        start(t, a);
        assertSame(a, Owners.get(t));
        a.releaseWorkers();
        assertNull(Owners.get(t));
    }

    /** Found at its first task (not at its start), a worker's owner replaces what its start found. */
    @Test
    void aWorkerFoundLaterIsItsPoolsNotItsFamilys() {
        FamilyState family = family("e-*");
        FamilyState pool = family("f-*");
        Thread t = new Thread(() -> { }, "e-1");
        start(t, family);
        Owners.put(t, pool);
        assertSame(pool, Owners.get(t));
    }

    @SuppressWarnings("deprecation")
    private static Thread sameSlotAs(Thread t) {
        for (int i = 0; i < 4 * Owners.SLOTS; i++) {
            Thread n = new Thread(() -> { });
            if ((n.getId() & (Owners.SLOTS - 1)) == (t.getId() & (Owners.SLOTS - 1))) {
                assertNotEquals(t.getId(), n.getId());
                return n;
            }
        }
        throw new AssertionError("no thread id on the same slot");
    }
}
