package testapp;

import jdk.jfr.FlightRecorder;
import jdk.jfr.RecordingState;

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

    static long spin(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        long x = 0;
        while (System.nanoTime() < end) {
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        return x;
    }
}
