package dev.threadguard.analyzer.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.programs.real.CamelProgram;
import dev.threadguard.analyzer.programs.real.GuavaProgram;
import dev.threadguard.analyzer.programs.real.LuceneProgram;
import dev.threadguard.analyzer.report.Analysis;
import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.rules.Severity;
import dev.threadguard.analyzer.support.Reports;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Libraries that data, search and server teams use, recorded by the real agent (RealRecordings), each used as its
 * documentation shows and, where there is one, in its classic misuse: Apache Lucene 9.12 (indexing with the
 * ConcurrentMergeScheduler's merge threads, an IndexSearcher with an executor; that executor sized to the
 * processors; a pool and searcher per query), Guava 33 (listeningDecorator over ThreadFactoryBuilder-named
 * threads, an AsyncEventBus; the lookup pool sized to the processors), Log4j 2.25 async loggers on the LMAX
 * Disruptor 4, Apache Camel 4.14 core (timer, seda and threads() routes on the default thread pool profile; a
 * ProducerTemplate per call). Used as documented they are quiet; a misuse is one finding at the application's own
 * line, with the library's own advice where the pool is the library's.
 */
class DataLibrariesIT {

    private static Analysis analysis(String program) throws Exception {
        return Reports.analyse(List.of(RealRecordings.recording(program)));
    }

    private static List<Finding> alarms(Analysis a) {
        return a.findings.stream().filter(f -> f.severity() != Severity.INFO).toList();
    }

    private static Collection<PoolStats> pools(Analysis a) {
        return a.model.processes.get(0).pools.values();
    }

    /** The one finding of a rule, at the program's marked line; the program's only alarm besides it: none. */
    private static Finding oneAt(Analysis a, String rule, Class<?> main, String marker) throws Exception {
        String line = main.getSimpleName() + ".java:" + RealLibrariesIT.lineOf(main, marker) + ")";
        List<Finding> f = a.findings.stream().filter(x -> x.rule().equals(rule)).toList();
        assertEquals(1, f.size(), "one cause, one finding: " + a.findings.stream().map(x -> x.severity() + " " + x.rule()
                + ": " + x.message()).toList() + "; pools: " + pools(a).stream().map(p -> p.name + " peak " + p.maxPeakBusy
                + " samples " + p.samples + " queued " + p.maxQueued).toList());
        assertTrue(f.get(0).location().endsWith(line), "at the app's line " + line + ": " + f.get(0).location());
        assertTrue(f.get(0).recommendation().contains(line), f.get(0).recommendation());
        assertEquals(List.of(), alarms(a).stream().filter(x -> x != f.get(0)).toList(), "no other alarm");
        return f.get(0);
    }

    @Test
    void luceneIndexingWithItsMergeThreadsAndASearcherPoolOfTwoIsQuiet() throws Exception {
        Analysis a = analysis("lucene");
        assertTrue(pools(a).stream().anyMatch(p -> p.namePattern.startsWith("Lucene Merge Thread")
                && p.creationSite.contains("ConcurrentMergeScheduler")), "merges ran on the scheduler's threads");
        assertTrue(pools(a).stream().anyMatch(p -> p.configuredSize == 2 && p.completedTasks > 0
                && p.creationSite.contains("LuceneProgram.search")), "the searcher ran slices on its executor");
        assertEquals(List.of(), alarms(a));
    }

    @Test
    void aLuceneSearcherPoolSizedToTheProcessorsIsOneFindingSizedToItsSlices() throws Exception {
        Finding f = oneAt(analysis("lucene-sized-to-cores"), "pool-sized-to-cores", LuceneProgram.class,
                "LUCENE-SEARCH-POOL-CORES");
        assertEquals(16, f.evidence().get("configuredSize").intValue(), f.evidence().toString());
        int peak = f.evidence().get("peakBusy").intValue();
        // 2 query threads, at most 4 slices each, one of them run by the caller
        assertTrue(peak >= 1 && peak <= 6, f.evidence().toString());
        assertTrue(f.recommendation().contains("Executors.newFixedThreadPool("), f.recommendation());
    }

    @Test
    void aLuceneSearcherWithANewPoolPerQueryIsOnePoolLeakAtTheQuery() throws Exception {
        Finding f = oneAt(analysis("lucene-per-query"), "pool-leak", LuceneProgram.class, "LUCENE-PER-QUERY");
        assertTrue(f.evidence().get("created").intValue() >= 24, f.evidence().toString());
        assertTrue(f.recommendation().contains("create the pool once"), f.recommendation());
    }

    @Test
    void guavaListeningPoolAndAsyncEventBusUnderPacedCallersAreQuiet() throws Exception {
        Analysis a = analysis("guava");
        String site = "GuavaProgram.java:" + RealLibrariesIT.lineOf(GuavaProgram.class, "GUAVA-POOL-4") + ")";
        assertTrue(pools(a).stream().anyMatch(p -> p.creationSite.endsWith(site) && p.completedTasks > 0
                && p.workerName.startsWith("lookup-")), "the decorated pool, its threads named by ThreadFactoryBuilder, ran"
                + " the lookups: " + pools(a).stream().map(p -> p.creationSite + " " + p.workerName).toList());
        assertEquals(List.of(), alarms(a));
    }

    @Test
    void aGuavaListeningPoolSizedToTheProcessorsIsOneFindingAtTheAppsPool() throws Exception {
        Finding f = oneAt(analysis("guava-sized-to-cores"), "pool-sized-to-cores", GuavaProgram.class,
                "GUAVA-POOL-CORES");
        assertEquals(16, f.evidence().get("configuredSize").intValue(), f.evidence().toString());
        int peak = f.evidence().get("peakBusy").intValue();
        assertTrue(peak >= 1 && peak <= 6, "3 callers, 2 lookups each: " + f.evidence());
        assertTrue(!f.recommendation().contains("do not edit"), "the pool is the application's: " + f.recommendation());
    }

    @Test
    void log4jAsyncLoggersBackgroundThreadUnderALoggingLoadIsQuiet() throws Exception {
        Analysis a = analysis("log4j-async");
        assertTrue(pools(a).stream().anyMatch(p -> p.namePattern.startsWith("Log4j2-TF-") && p.namePattern.contains("AsyncLogger")),
                "the async logger's background thread: " + pools(a).stream().map(p -> p.namePattern).toList());
        assertEquals(List.of(), alarms(a));
    }

    @Test
    void camelRoutesOnTheDefaultThreadPoolProfileUnderPacedAsyncSendsAreQuiet() throws Exception {
        Analysis a = analysis("camel");
        assertTrue(pools(a).stream().anyMatch(p -> p.workerName.contains("seda://audit")), "the seda consumers' pool: "
                + pools(a).stream().map(p -> p.workerName).toList());
        assertTrue(pools(a).stream().anyMatch(p -> p.workerName.contains("ProducerTemplate") && p.completedTasks > 0),
                "the template's async sends ran on its pool");
        assertEquals(List.of(), alarms(a));
    }

    @Test
    void aCamelProducerTemplatePerCallIsOnePoolLeakAtTheAppsCallWithCamelsAdvice() throws Exception {
        // the template makes its pool at its first async send: that is the application's call the pool came from
        Finding f = oneAt(analysis("camel-per-request"), "pool-leak", CamelProgram.class, "CAMEL-ASYNC");
        assertTrue(f.evidence().get("created").intValue() >= 24, f.evidence().toString());
        assertTrue(f.recommendation().contains("Apache Camel") && f.recommendation().contains("one ProducerTemplate per application")
                && f.recommendation().contains("do not edit Apache Camel"), f.recommendation());
    }
}
