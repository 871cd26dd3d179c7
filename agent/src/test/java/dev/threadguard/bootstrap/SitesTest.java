package dev.threadguard.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;

class SitesTest {

    @Test
    void namePatternStarsTheThreadIndexAndKeepsTheOwnersNumber() {
        assertEquals("nioEventLoopGroup-3-*", Sites.namePattern("nioEventLoopGroup-3-7"));
        assertEquals("qtp1791741888-*", Sites.namePattern("qtp1791741888-15"));
        assertEquals("http-nio-8080-exec-*", Sites.namePattern("http-nio-8080-exec-10"));
        assertEquals("Thread-*", Sites.namePattern("Thread-123"));
        assertEquals("elasticsearch[T#*]", Sites.namePattern("elasticsearch[T#3]"));
        // the owning instance's number stays: one client object per request is one family per request
        assertEquals("HttpClient-7-SelectorManager", Sites.namePattern("HttpClient-7-SelectorManager"));
        assertEquals("kafka-producer-network-thread | producer-7", Sites.namePattern("kafka-producer-network-thread | producer-7"));
        assertEquals("client-thread-* | client-7", Sites.namePattern("client-thread-2 | client-7"));
        assertEquals("main", Sites.namePattern("main"));
        assertEquals("<unnamed>", Sites.namePattern(""));
    }

    @Test
    void theFirstWalkFromAClassLearnsWhereItAndItsCallersCameFromAndLaterWalksStopAtIt() {
        // this test's own package is the agent's: the walk's first frame is JUnit's, called by the test launcher
        Sites.Site site = Sites.current(null);
        String junit = site.text.substring(0, site.text.lastIndexOf('.', site.text.indexOf('(')));
        String pkg = junit.substring(0, junit.lastIndexOf('.'));
        assertTrue(CodeSources.locationOf(pkg).endsWith(".jar"), pkg + ": " + CodeSources.locationOf(pkg));
        assertTrue(CodeSources.packages() > 1, "its callers' packages too: " + CodeSources.packages());
        assertEquals("", CodeSources.locationOf("java.lang"), "the JDK's packages are not learned");
        int learned = CodeSources.packages();
        Sites.current(null);
        assertEquals(learned, CodeSources.packages());
    }

    @Test
    void aNameHasThePatternNamePatternGivesIt() {
        String[] names = {"nioEventLoopGroup-3-7", "qtp1791741888-15", "http-nio-8080-exec-10", "Thread-123", "elasticsearch[T#3]",
            "HttpClient-7-SelectorManager", "kafka-producer-network-thread | producer-7", "client-thread-2 | client-7", "main", "",
            "7", "worker-", "a1b22", "churn-39996"};
        for (String name : names) {
            for (String other : names) {
                String pattern = Sites.namePattern(other);
                assertEquals(Sites.namePattern(name).equals(pattern), dev.threadguard.events.ThreadNames.hasPattern(name, pattern),
                    name + " against " + pattern);
            }
        }
        assertEquals(false, dev.threadguard.events.ThreadNames.hasPattern("Thread-12", "Thread-1*"));
        assertEquals(false, dev.threadguard.events.ThreadNames.hasPattern("Thread-12", "Thread-*x"));
    }

    @Test
    void processorRelation() {
        assertEquals("n", Sites.processorRelation(56, 56));
        assertEquals("n-1", Sites.processorRelation(55, 56));
        assertEquals("n+1", Sites.processorRelation(57, 56));
        assertEquals("2n", Sites.processorRelation(112, 56));
        assertEquals("n/2", Sites.processorRelation(28, 56));
        assertEquals("n/2", Sites.processorRelation(3, 7));
        assertEquals("", Sites.processorRelation(16, 56));
        assertEquals("", Sites.processorRelation(1, 2), "a single thread says nothing about the processors");
        assertEquals("", Sites.processorRelation(4, 1));
    }

    static final class MyPool extends ThreadPoolExecutor {
        final Sites.Site site;

        MyPool() {
            super(1, 1, 0, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>());
            site = Sites.current(getClass());
        }
    }

    @Test
    void siteSkipsTheJdkAndThePoolsOwnConstructors() {
        MyPool pool = new MyPool();
        try {
            // this test sits in the agent's own package, so the first frame that counts is JUnit's caller
            assertFalse(pool.site.text.contains("MyPool"), pool.site.text);
            assertFalse(pool.site.text.contains("SitesTest"), pool.site.text);
            assertFalse(pool.site.text.startsWith("java."), pool.site.text);
            assertTrue(pool.site.text.startsWith("org.junit."), pool.site.text);
            assertTrue(pool.site.shortText.contains("."), pool.site.shortText);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void onlyTheAgentsOwnPackagesAreInfrastructure() {
        assertTrue(Sites.isInfrastructure("dev.threadguard.bootstrap.Registry"));
        assertTrue(Sites.isInfrastructure("dev.threadguard.agent.Recorder"));
        assertTrue(Sites.isInfrastructure("java.util.concurrent.Executors"));
        assertFalse(Sites.isInfrastructure("dev.threadguard.agent.programs.App"));
        assertFalse(Sites.isInfrastructure("com.example.BatchEnv"));
        assertFalse(Sites.isInfrastructure("io.netty.util.concurrent.ThreadPerTaskExecutor"));
    }
}
