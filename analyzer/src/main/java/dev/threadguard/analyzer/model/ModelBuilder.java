package dev.threadguard.analyzer.model;

import dev.threadguard.analyzer.collect.Collectors;
import dev.threadguard.analyzer.collect.Dispatch;
import dev.threadguard.analyzer.collect.JfrEventView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads recording files into a {@link Model}: checks each file (missing, empty, foreign, truncated,
 * corrupt), then streams it once, unordered, through the {@link Dispatch} to the collectors. Only the
 * events some collector reads are subscribed to, so the JDK parser skips the rest; nothing holds events.
 */
public final class ModelBuilder {
    private final Model model = new Model();
    private final Dispatch dispatch = new Dispatch(Collectors.standard(model));
    private final JfrEventView view = new JfrEventView();

    public static Model build(List<Path> files) throws BadInputException {
        ModelBuilder b = new ModelBuilder();
        for (Path f : files) {
            b.read(f);
        }
        return b.model;
    }

    private void read(Path file) throws BadInputException {
        try (RecordingInput in = RecordingInput.open(file)) {
            read(in);
        }
    }

    private void read(RecordingInput in) throws BadInputException {
        Path file = in.source;
        ProcessModel pm = new ProcessModel(model.processes.size(), file.getFileName().toString());
        pm.truncated = in.readable != in.source || in.cut;
        try (EventStream es = EventStream.openFile(in.readable)) {
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
            throw new BadInputException(file + ": corrupt JFR recording: " + strictReason(in.readable));
        }
        model.warnings.addAll(in.warnings);
        String unreadable = dispatch.takeUnreadable();
        if (unreadable != null) {
            model.warnings.add(file + ": " + unreadable);
        }
        dispatch.finish(pm);
        pm.cut = in.cut;
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
