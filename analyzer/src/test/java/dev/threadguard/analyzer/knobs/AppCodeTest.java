package dev.threadguard.analyzer.knobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadguard.analyzer.knobs.AppCode.Origin;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Application code told from library code over creation stacks, with and without the agent's code sources. */
class AppCodeTest {
    private static final String M2 = "file:/home/u/.m2/repository/org/apache/httpcomponents/";
    // httpcore5's reactor started by httpclient5's client, created by the application (innermost first)
    private static final List<String> CLIENT = List.of(
            "java.lang.Thread.start(Thread.java:809)",
            "org.apache.hc.core5.reactor.MultiCoreIOReactor.start(MultiCoreIOReactor.java:69)",
            "org.apache.hc.client5.http.impl.async.HttpAsyncClients.createDefault(HttpAsyncClients.java:301)",
            "com.acme.orders.Gateway.send(Gateway.java:41)",
            "com.acme.orders.Main.main(Main.java:12)");

    private static AppCode app(String command) {
        AppCode c = new AppCode();
        c.command(command);
        return c;
    }

    @Test
    void withoutCodeSourcesThePackagesOutsideTheMainClasssGroupAreLibraries() {
        AppCode c = app("com.acme.orders.Main --port 8080");
        assertEquals(Origin.APPLICATION, c.origin("com.acme.billing.Invoice"));
        assertEquals(Origin.LIBRARY, c.origin("org.apache.hc.core5.reactor.MultiCoreIOReactor"));
        LibraryKnobs.Match m = c.unlisted(CLIENT, 0).get();
        assertFalse(m.library.listed());
        assertEquals(LibraryKnobs.Library.UNLISTED, m.library.id);
        assertEquals("com.acme.orders.Gateway.send(Gateway.java:41)", m.callSite.get());
        assertEquals("org.apache.hc.core5.reactor.MultiCoreIOReactor.start(MultiCoreIOReactor.java:69)", m.libraryFrame);
        // named for the library the application called, by its package: no jar is known
        assertEquals("the library in org.apache.hc.client5.http.impl.async", m.library.name);
        assertTrue(m.knob.setting.contains("at that call") && m.knob.note.contains("no knob for"), m.knob.toString());
    }

    @Test
    void codeSourcesNameTheJarAndVersionAndTellAppJarsFromLibraryJars() {
        AppCode c = app("com.acme.orders.Main");
        c.location("org.apache.hc.core5.reactor", M2 + "core5/httpcore5/5.2.4/httpcore5-5.2.4.jar");
        c.location("org.apache.hc.client5.http.impl.async", M2 + "client5/httpclient5/5.3/httpclient5-5.3.jar");
        c.location("com.acme.orders", "file:/srv/app/lib/orders-1.0.jar");
        c.location("net.acmecorp.util", "file:/srv/app/target/classes/");
        assertEquals(Origin.APPLICATION, c.origin("com.acme.orders.Gateway"));
        assertEquals(Origin.APPLICATION, c.origin("net.acmecorp.util.Pools"), "a directory of classes is the application's");
        assertEquals("httpclient5 5.3", c.unlisted(CLIENT, 0).get().library.name);
        assertEquals("httpcore5 5.2.4", AppCode.jarName(M2 + "core5/httpcore5/5.2.4/httpcore5-5.2.4.jar"));
    }

    @Test
    void springBootsNestedJarsAreLibrariesAndItsBootInfClassesTheApplication() {
        AppCode c = app("/srv/orders.jar");
        c.location("com.acme.orders", "jar:nested:/srv/orders.jar/!BOOT-INF/classes/!/");
        c.location("org.apache.hc.core5.reactor", "jar:nested:/srv/orders.jar/!BOOT-INF/lib/httpcore5-5.2.4.jar!/");
        c.location("org.apache.hc.client5.http.impl.async", "jar:file:/srv/orders.jar!/BOOT-INF/lib/httpclient5-5.3.jar!/");
        assertEquals(Origin.APPLICATION, c.origin("com.acme.orders.Gateway"));
        assertEquals(Origin.LIBRARY, c.origin("org.apache.hc.core5.reactor.MultiCoreIOReactor"));
        LibraryKnobs.Match m = c.unlisted(CLIENT, 0).get();
        assertEquals("httpclient5 5.3", m.library.name);
        assertEquals("com.acme.orders.Gateway.send(Gateway.java:41)", m.callSite.get());
    }

    @Test
    void aShadedJarFallsBackToThePackageGroupsAndSharedHostsKeepThreeSegments() {
        AppCode c = app("org.apache.myapp.Main");
        c.location("org.apache.myapp", "file:/srv/myapp-all.jar");
        c.location("org.apache.hc.core5.reactor", "file:/srv/myapp-all.jar");
        assertEquals(Origin.APPLICATION, c.origin("org.apache.myapp.Main"));
        assertEquals(Origin.LIBRARY, c.origin("org.apache.hc.core5.reactor.MultiCoreIOReactor"));
        assertEquals("org.apache.hc", AppCode.group("org.apache.hc.core5.reactor"));
        assertEquals("com.acme", AppCode.group("com.acme.orders"));
    }

    @Test
    void noMainClassOrTheApplicationsOwnPoolSaysNothing() {
        assertEquals(Optional.empty(), new AppCode().unlisted(CLIENT, 0), "no main class known: nothing is a library");
        assertEquals(Optional.empty(), app("/srv/app.jar").unlisted(CLIENT, 0), "-jar without code sources");
        assertEquals(Optional.empty(), app("org.apache.maven.surefire.booter.ForkedBooter /tmp/x").unlisted(CLIENT, 0),
                "a launcher's main class says nothing of the application's packages");
        assertEquals(Optional.empty(), app("MainKt").unlisted(CLIENT, 0), "the default package");
        List<String> own = List.of("java.util.concurrent.Executors.newFixedThreadPool(Executors.java:155)",
                "com.acme.orders.Gateway.<init>(Gateway.java:20)", "com.acme.orders.Main.main(Main.java:9)");
        assertEquals(Optional.empty(), app("com.acme.orders.Main").unlisted(own, 0), "the application's own pool");
    }

    @Test
    void aThinJarStartedWithDashJarIsTheApplicationWhicheverFactCameFirst() {
        AppCode c = new AppCode();
        c.location("com.acme.orders", "file:/srv/orders/orders.jar");
        c.location("org.apache.hc.core5.reactor", "file:/srv/orders/lib/httpcore5-5.2.4.jar");
        c.location("org.apache.hc.client5.http.impl.async", "file:/srv/orders/lib/httpclient5-5.3.jar");
        assertEquals(Origin.UNKNOWN, c.origin("com.acme.orders.Gateway"), "no main jar known yet: nothing is a library's");
        c.command("orders/orders.jar --port 8080");
        assertEquals(Origin.APPLICATION, c.origin("com.acme.orders.Gateway"));
        assertEquals("com.acme.orders.Gateway.send(Gateway.java:41)", c.unlisted(CLIENT, 0).get().callSite.get());
    }

    @Test
    void underALauncherTheApplicationsDirectoriesStillTell() {
        AppCode c = app("org.apache.maven.surefire.booter.ForkedBooter /tmp/surefire1.tmp");
        c.location("com.acme.orders", "file:/src/orders/target/test-classes/");
        c.location("org.apache.hc.core5.reactor", M2 + "core5/httpcore5/5.2.4/httpcore5-5.2.4.jar");
        c.location("org.apache.hc.client5.http.impl.async", M2 + "client5/httpclient5/5.3/httpclient5-5.3.jar");
        c.location("org.apache.maven.surefire.booter", "file:/home/u/.m2/repository/surefire-booter-3.5.2.jar");
        assertEquals(Origin.LIBRARY, c.origin("org.apache.maven.surefire.booter.ForkedBooter"));
        LibraryKnobs.Match m = c.unlisted(CLIENT, 0).get();
        assertEquals("httpclient5 5.3", m.library.name);
        assertEquals("com.acme.orders.Gateway.send(Gateway.java:41)", m.callSite.get());
    }

    @Test
    void aPoolALibrarysOwnThreadMadeTakesTheCallThatMadeThatThreadsPool() {
        AppCode c = app("com.acme.orders.Main");
        List<String> executor = List.of(
                "java.util.concurrent.Executors.newSingleThreadExecutor(Executors.java:209)",
                "org.apache.hc.client5.http.impl.async.AbstractHttpAsyncClientBase.<init>(AbstractHttpAsyncClientBase.java:62)",
                "org.apache.hc.client5.http.impl.async.HttpAsyncClients.createDefault(HttpAsyncClients.java:301)",
                "com.acme.orders.Gateway.send(Gateway.java:41)");
        List<String> reactor = List.of("java.lang.Thread.start(Thread.java:809)",
                "org.apache.hc.core5.reactor.MultiCoreIOReactor.start(MultiCoreIOReactor.java:69)",
                "java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:635)");
        Map<Long, List<String>> frames = Map.of(7L, executor);
        c.creators(frames::get, id -> 0);
        LibraryKnobs.Match m = c.unlisted(reactor, 7).get();
        assertEquals("com.acme.orders.Gateway.send(Gateway.java:41)", m.callSite.get());
        assertEquals("the library in org.apache.hc.client5.http.impl.async", m.library.name);
        LibraryKnobs.Match alone = c.unlisted(reactor, 0).get();
        assertEquals(Optional.empty(), alone.callSite);
        assertTrue(alone.knob.setting.contains("no call of yours is on the creation stack"), alone.knob.setting);
    }
}
