package dev.threadguard.analyzer.model;

import dev.threadguard.analyzer.collect.Collectors;
import dev.threadguard.analyzer.collect.Dispatch;
import dev.threadguard.analyzer.collect.JfrEventView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads recording files into a {@link Model}: checks each file (missing, empty, foreign, truncated,
 * corrupt), tells apart the JVMs its chunks come from ({@link JvmChunks}), then streams each JVM's
 * chunks once, unordered, through the {@link Dispatch} to the collectors. Only the events some
 * collector reads are subscribed to, so the JDK parser skips the rest; nothing holds events.
 */
public final class ModelBuilder {
    private final Model model = new Model();
    private final Dispatch dispatch = new Dispatch(Collectors.standard(model));
    private final JfrEventView view = new JfrEventView();

    public static Model build(List<Path> files) throws BadInputException {
        return build(files, false);
    }

    /**
     * Reads the files as the processes their chunks belong to ({@link JvmChunks}).
     *
     * @param lenient a file that cannot be read costs its own warning only (fleet mode); otherwise it
     *     fails the whole build
     */
    public static Model build(List<Path> files, boolean lenient) throws BadInputException {
        ModelBuilder b = new ModelBuilder();
        List<RecordingInput> inputs = new ArrayList<>();
        try {
            for (Path f : files) {
                try {
                    inputs.add(RecordingInput.open(f));
                } catch (BadInputException e) {
                    if (!lenient) {
                        throw e;
                    }
                    b.model.warnings.add(e.getMessage());
                    b.model.unreadable.add(f);
                }
            }
            for (RecordingInput in : inputs) {
                b.model.warnings.addAll(in.warnings);
            }
            if (inputs.isEmpty()) {
                return b.model;
            }
            try (JvmChunks jvms = JvmChunks.of(inputs)) {
                b.model.warnings.addAll(jvms.warnings);
                for (JvmChunks.Process p : jvms.processes) {
                    try {
                        b.read(p);
                    } catch (BadInputException e) {
                        if (!lenient) {
                            throw e;
                        }
                        b.model.warnings.add(e.getMessage());
                    }
                }
            }
            return b.model;
        } finally {
            for (RecordingInput in : inputs) {
                in.close();
            }
        }
    }

    private void read(JvmChunks.Process p) throws BadInputException {
        String file = p.where();
        ProcessModel pm = new ProcessModel(model.processes.size(), p.source());
        pm.truncated = p.truncated();
        try (EventStream es = EventStream.openFile(p.readable())) {
            es.setOrdered(false);
            for (String type : dispatch.eventTypes()) {
                es.onEvent(type, e -> dispatch.accept(view.set(e), pm));
            }
            if (!Watchdog.run(es, pm)) {
                model.warnings.add(file + ": reading stopped after " + Watchdog.STALL_SECONDS + " s without progress"
                        + " (a damaged chunk the JDK's parser waits on); the report covers the " + pm.events + " events read");
            }
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // a damaged size field can make the parser allocate or recurse without end
            if (pm.events == 0) {
                throw new BadInputException(file + ": cannot read it as a JFR recording: " + ReadProblem.describe(e), e);
            }
            model.warnings.add(file + ": reading stopped early: " + ReadProblem.describe(e) + "; the report covers what was read");
        }
        if (pm.events == 0) {
            // the JDK's stream skips a chunk it cannot parse without a word; ask the strict reader why
            throw new BadInputException(file + ": corrupt JFR recording: " + strictReason(p.readable()));
        }
        String unreadable = dispatch.takeUnreadable();
        if (unreadable != null) {
            model.warnings.add(file + ": " + unreadable);
        }
        dispatch.finish(pm);
        pm.cut = p.cut();
        if (pm.foldedPools.size() > 0) {
            model.warnings.add(String.format(java.util.Locale.ROOT, "%s: %s%,d pools past the first %,d were folded into"
                    + " 'other pools' (their samples count in the totals; they are not described one by one)", file,
                    pm.foldedPools.overflowed() ? "more than " : "", pm.foldedPools.size(), ProcessModel.MAX_POOLS));
        }
        for (ProcessModel other : model.processes) {
            if (pm.host.pid > 0 && other.host.pid == pm.host.pid && overlap(other, pm)) {
                model.warnings.add(file + ": the same process (pid " + pm.host.pid + ") as " + other.source
                        + " at the same time; its threads are counted twice: give one recording per process");
            }
        }
        model.processes.add(pm);
    }

    private static boolean overlap(ProcessModel a, ProcessModel b) {
        return a.start != null && b.start != null && !a.end.isBefore(b.start) && !b.end.isBefore(a.start);
    }

    private static String strictReason(Path file) {
        try (RecordingFile rf = new RecordingFile(file)) {
            while (rf.hasMoreEvents()) {
                rf.readEvent();
            }
            return "no events in it";
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            return ReadProblem.describe(e);
        }
    }

    static String oneLine(Throwable e) {
        return Dispatch.oneLine(e);
    }
}
