package dev.threadguard.analyzer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadguard.analyzer.golden.Baseline;
import dev.threadguard.analyzer.support.Reports;
import dev.threadguard.analyzer.support.Synthetic;
import dev.threadguard.events.Schema;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Logical pools (one-thread executors built together) and the what-if projection onto N processors. */
class WhatIfTest {
    private static Synthetic scheduler(int processors) {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(processors);
        for (int i = 0; i < processors; i++) {
            PoolStats p = s.pool(pm, "parallel-" + (i + 1), "Schedulers.newParallel(Schedulers.java:300)", 1, "");
            p.kind = Schema.KIND_SCHEDULED;
            p.creatorThread = "main";
            p.created = Instant.ofEpochMilli(Synthetic.T0 + i * 30L); // a loaded machine: a few ms apart
        }
        return s;
    }

    @Test
    void oneThreadExecutorsBuiltTogetherAreOneLogicalPoolWithItsSizeOrigin() {
        Synthetic s = scheduler(36);
        List<LogicalPools.Group> groups = LogicalPools.of(s.model.process(0));
        assertEquals(1, groups.size(), groups.toString());
        assertEquals(36, groups.get(0).width());
        assertEquals("n", groups.get(0).processorRelation());
    }

    /** 36 one-thread executors whose loop a loaded machine stalled 1.5 s half way; executor 3 first at work after {@code usedAfter}. */
    private static List<LogicalPools.Group> stalledScheduler(int usedAfter) {
        Synthetic s = scheduler(36);
        List<PoolStats> pools = List.copyOf(s.model.process(0).pools.values());
        for (int i = 18; i < 36; i++) {
            pools.get(i).created = pools.get(i).created.plusMillis(1500);
        }
        pools.get(3).firstUse = pools.get(usedAfter).created.plusMillis(100);
        return LogicalPools.of(s.model.process(0));
    }

    @Test
    void aLoopStalledOnceBeforeAnyOfItsExecutorsWorkedIsStillOnePool() {
        // a loaded CI run once split such a loop into two of 18
        List<LogicalPools.Group> groups = stalledScheduler(35);
        assertEquals(1, groups.size(), groups.toString());
        assertEquals(36, groups.get(0).width());
    }

    @Test
    void aStallAfterTheFirstExecutorsWorkedSplitsTheLoop() {
        List<LogicalPools.Group> groups = stalledScheduler(17); // at work before the second half was made
        assertEquals(2, groups.size(), groups.toString());
        assertEquals(18, groups.get(0).width());
    }

    @Test
    void poolsCreatedAgainAndAgainStayApart() {
        Synthetic s = new Synthetic();
        ProcessModel pm = s.process(8);
        for (int i = 0; i < 8; i++) {
            PoolStats p = s.pool(pm, "req", "Api.get(Api.java:7)", 1, "");
            p.creatorThread = "main";
            p.created = Instant.ofEpochMilli(Synthetic.T0 + i * 1000L); // one per request, a second apart
        }
        assertEquals(8, LogicalPools.of(pm).size());
    }

    @Test
    void projectionGrowsPoolsSizedFromTheProcessorsAndKeepsTheWork() {
        Synthetic s = scheduler(8);
        PoolStats fixed = s.pool(s.model.process(0), "envs", "Env.<init>(Env.java:4)", 8, "n");
        PoolStats explicit = s.pool(s.model.process(0), "io", "Io.<init>(Io.java:2)", 20, "");
        s.samples(fixed, 10, 2, 8, 0, 1.0);
        List<WhatIf.Change> changes = WhatIf.apply(s.model, 64);
        assertEquals(2, changes.size(), changes.toString());
        assertEquals(64, changes.get(0).to());
        assertEquals(64, fixed.width());
        assertEquals(8, fixed.recordedWidth);
        assertEquals(2, fixed.peakBusy(), "the measured work stays");
        assertEquals(20, explicit.width(), "a size that does not follow the processors stays");
        assertEquals(64, s.model.process(0).host.effectiveProcessors());
        assertEquals(63, s.model.process(0).host.commonPoolParallelism);
    }

    @Test
    void whatIfOnTheRolloutSamplesRecording() throws Exception {
        Path rollout = Baseline.unpacked(Baseline.DIR.resolve("rollout.jfr.gz"));
        Reports.Run r = Reports.cli("report", "--format", "json", "--cores", "112", rollout.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        boolean envs = false;
        for (JsonNode p : root.path("whatIf").path("pools")) {
            envs |= p.path("from").asInt() == 56 && p.path("to").asInt() == 112 && p.path("processorRelation").asText().equals("n");
        }
        assertTrue(envs, "the pool sized to the 56 processors grows to 112: " + root.path("whatIf"));
        boolean sized = false;
        for (JsonNode f : root.path("findings")) {
            sized |= f.path("rule").asText().equals("pool-sized-to-cores") && f.path("evidence").path("configuredSize").asInt() == 112;
        }
        assertTrue(sized, "pool-sized-to-cores judges the projected pool: " + root.path("findings"));
        Reports.Run text = Reports.cli("report", "--cores", "112", rollout.toString());
        assertTrue(text.out().contains("What if 112 processors"), text.out());
        assertEquals(2, Reports.cli("report", "--cores", "0", rollout.toString()).code());
    }
}
