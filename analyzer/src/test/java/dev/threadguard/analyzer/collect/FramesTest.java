package dev.threadguard.analyzer.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The creation site read from a stack trace names the frame the agent's own walk would have named. */
class FramesTest {
    private static EventView.Frame f(String type, String method, int line) {
        return new EventView.Frame(type, method, line, true);
    }

    private static final EventView.Frame TPE7 = f("java.util.concurrent.ThreadPoolExecutor", "<init>", 1309);
    private static final EventView.Frame TPE5 = f("java.util.concurrent.ThreadPoolExecutor", "<init>", 1189);

    @Test
    void aJdkPoolIsCreatedWhereTheAppCallsTheJdk() {
        List<EventView.Frame> stack = List.of(TPE7, TPE5, f("java.util.concurrent.Executors", "newFixedThreadPool", 92),
            f("app.BatchEnv", "<init>", 44), f("app.Main", "main", 7));
        EventView.Frame site = Frames.creationFrame(stack, "java.util.concurrent.ThreadPoolExecutor");
        assertEquals("app.BatchEnv.<init>(BatchEnv.java:44)", Frames.full(site));
        assertEquals("BatchEnv.<init>:44", Frames.shortSite(site));
    }

    @Test
    void anAppsExecutorSubclassIsCreatedWhereItsConstructorIsCalled() {
        List<EventView.Frame> stack = List.of(TPE7, f("app.BasePool", "<init>", 10), f("app.MyPool$Inner", "<init>", 20),
            f("app.Main", "main", 7));
        assertEquals("app.Main.main(Main.java:7)", Frames.full(Frames.creationFrame(stack, "app.MyPool$Inner")));
    }

    @Test
    void noApplicationFrameNoSite() {
        assertNull(Frames.creationFrame(List.of(TPE7, TPE5), "java.util.concurrent.ThreadPoolExecutor"));
        assertNull(Frames.creationFrame(List.of(), "x"));
    }
}
