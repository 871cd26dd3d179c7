package testapp;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import jdk.jfr.FlightRecorder;
import jdk.jfr.RecordingState;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

/** Shared by the test programs. */
final class Programs {
    private Programs() {}

    /** The agent starts its recording in the background; programs that test live events wait for it. */
    static void awaitRecording() throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (FlightRecorder.isInitialized() && FlightRecorder.getFlightRecorder().getRecordings().stream()
                .anyMatch(r -> r.getState() == RecordingState.RUNNING)) {
                Thread.sleep(200);
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no recording started");
    }

    /**
     * Waits (bounded) until this JVM writes an event the test will read back from the agent's file,
     * seen through a stream of its own: a state the program holds ends only once it was recorded.
     */
    static boolean awaitEvent(String name, Predicate<RecordedEvent> matches, long seconds) throws InterruptedException {
        CountDownLatch seen = new CountDownLatch(1);
        try (RecordingStream rs = new RecordingStream()) {
            rs.enable(name).withPeriod(Duration.ofMillis(100));
            rs.onEvent(name, e -> {
                if (matches.test(e)) {
                    seen.countDown();
                }
            });
            rs.startAsync();
            return seen.await(seconds, TimeUnit.SECONDS);
        }
    }

    static long spin(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        long x = 0;
        while (System.nanoTime() < end) {
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        return x;
    }
}
