package dev.threadguard.analyzer.programs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A program whose report is hard to lay out, for the report tests under the real agent: a pool sized to the
 * processors (run with -XX:ActiveProcessorCount=16), four library-style pools from one line whose worker
 * names share a long prefix, a cached (unbounded) pool, a pool per request, a pool created inside a worker,
 * an unused pool, and threads whose names carry markup and terminal control characters.
 */
public final class ReportProgram {
    public static final String SCRIPT_NAME = "<script>document.title='x'</script>";
    public static final String CONTROL_NAME = "evil\nCRITICAL  fake-rule\r\u001b[2J\u001b[31mred";
    static final String[] LIBRARY = {"cached.thread", "async.thread", "scheduled.thread", "partition-operation.thread"};

    public static void main(String[] args) throws Exception {
        awaitRecording();
        if (args.length > 0 && args[0].equals("small")) {
            small();
            return;
        }
        List<Thread> named = new ArrayList<>();
        for (String n : new String[] {SCRIPT_NAME, CONTROL_NAME}) {
            Thread t = new Thread(() -> Work.sleep(2500), n);
            t.start();
            named.add(t);
        }
        ExecutorService unused = Executors.newFixedThreadPool(3);
        List<ExecutorService> library = new ArrayList<>();
        for (String kind : LIBRARY) {
            library.add(createExecutor("HazelcastManagedThread-hz.member1." + kind, 2));
        }
        ExecutorService cached = Executors.newCachedThreadPool();
        ExecutorService sized = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        ExecutorService outer = Executors.newFixedThreadPool(2);
        for (int round = 0; round < 4; round++) {
            Work.runAll(sized, 4, () -> Work.sleep(500));
            for (ExecutorService l : library) {
                Work.runAll(l, 2, () -> Work.sleep(100));
            }
            Work.runAll(cached, 3, () -> Work.sleep(100));
            ExecutorService perRequest = Executors.newFixedThreadPool(2);
            Work.runAll(perRequest, 2, () -> Work.sleep(50));
            perRequest.shutdown();
            Work.runAll(outer, 2, ReportProgram::inner);
        }
        for (Thread t : named) {
            t.join();
        }
        for (ExecutorService e : List.of(unused, cached, sized, outer)) {
            e.shutdown();
        }
        library.forEach(ExecutorService::shutdown);
        System.exit(0);
    }

    /** One pool of 2 workers running 2 tasks for about 2 s: one of several processes in a report. */
    static void small() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        for (int round = 0; round < 4; round++) {
            Work.runAll(pool, 2, () -> Work.sleep(500));
        }
        pool.shutdown();
        System.exit(0);
    }

    /** The agent starts its recording in the background: threads started before it are not described. */
    static void awaitRecording() throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < end) {
            if (jdk.jfr.FlightRecorder.isInitialized() && jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings()
                    .stream().anyMatch(r -> r.getState() == jdk.jfr.RecordingState.RUNNING)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no recording started within 30 s");
    }

    /** Like a library's executor factory: one line creates every pool, the thread factory names them. */
    static ExecutorService createExecutor(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory f = r -> new Thread(r, name + "-" + n.incrementAndGet());
        return Executors.newFixedThreadPool(threads, f);
    }

    static void inner() {
        ExecutorService inner = Executors.newFixedThreadPool(2);
        try {
            Work.runAll(inner, 2, () -> Work.sleep(100));
        } catch (Exception e) {
            throw new RuntimeException(e);
        } finally {
            inner.shutdown();
        }
    }
}
