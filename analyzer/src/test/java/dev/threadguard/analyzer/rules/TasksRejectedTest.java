package dev.threadguard.analyzer.rules;

import static dev.threadguard.analyzer.rules.Eval.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.analyzer.support.Synthetic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** tasks-rejected: a library that sheds work by design is quiet; a library's refusal is fixed at its knob and your call. */
class TasksRejectedTest {
    /** HikariCP's connection adder, as recorded under 16 callers (RealVerdictsIT's hikari program). */
    private static final List<String> HIKARI = List.of(
            "java.util.concurrent.ThreadPoolExecutor.<init>(ThreadPoolExecutor.java:1312)",
            "com.zaxxer.hikari.util.UtilityElf.createThreadPoolExecutor(UtilityElf.java:170)",
            "com.zaxxer.hikari.pool.HikariPool.<init>(HikariPool.java:113)",
            "com.zaxxer.hikari.HikariDataSource.<init>(HikariDataSource.java:80)",
            "com.example.Db.open(Db.java:21)", "com.example.Main.main(Main.java:9)");

    private static PoolStats rejecting(Synthetic s, List<String> frames, String handler) {
        ProcessModel pm = s.process(2);
        PoolStats p = s.pool(pm, "executor(1..1)", frames.get(1), 1, "");
        p.creationFrames = frames;
        p.rejections = 8;
        p.rejectionHandler = handler;
        return p;
    }

    @Test
    void aLibrarysPoolThatDiscardsByDesignIsQuiet() {
        Synthetic s = new Synthetic();
        rejecting(s, HIKARI, "com.zaxxer.hikari.util.UtilityElf$CustomDiscardPolicy");
        assertEquals(List.of(), run(new TasksRejected(), s));
        Synthetic jdk = new Synthetic();
        rejecting(jdk, HIKARI, "java.util.concurrent.ThreadPoolExecutor$DiscardOldestPolicy");
        assertEquals(List.of(), run(new TasksRejected(), jdk));
    }

    @Test
    void aLibrarysPoolThatRefusesWorkIsFixedWithItsKnobAtTheApplicationsCall() {
        Synthetic s = new Synthetic();
        rejecting(s, HIKARI, "java.util.concurrent.ThreadPoolExecutor$AbortPolicy");
        List<Finding> f = run(new TasksRejected(), s);
        assertEquals(1, f.size(), f.toString());
        String fix = f.get(0).recommendation();
        assertTrue(fix.contains("inside HikariCP, by your call at com.example.Db.open(Db.java:21)"), fix);
        assertTrue(fix.contains("do not edit HikariCP") && fix.contains("maximumPoolSize"), fix);
        assertFalse(fix.contains("CallerRunsPolicy"), "no edit to the library's pool: " + fix);
    }

    @Test
    void theApplicationsOwnDiscardingPoolLostWorkAndSaysSo() {
        Synthetic s = new Synthetic();
        List<String> app = List.of("java.util.concurrent.ThreadPoolExecutor.<init>(ThreadPoolExecutor.java:1312)",
                "com.example.Ingest.<init>(Ingest.java:30)", "com.example.Main.main(Main.java:9)");
        rejecting(s, app, "java.util.concurrent.ThreadPoolExecutor$DiscardPolicy");
        List<Finding> f = run(new TasksRejected(), s);
        assertEquals(1, f.size(), f.toString());
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertTrue(f.get(0).message().contains("its handler DiscardPolicy dropped them: that work was lost"), f.get(0).message());
        assertTrue(f.get(0).recommendation().contains("CallerRunsPolicy"), f.get(0).recommendation());
    }
}
