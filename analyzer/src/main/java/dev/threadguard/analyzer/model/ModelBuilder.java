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
        ChunkScan scan = ChunkScan.scan(file);
        if (scan.intactChunks == 0) {
            throw new BadInputException(file + ": truncated or corrupt JFR recording: " + scan.problem
                    + "; no complete chunk to read");
        }
        ProcessModel pm = new ProcessModel(model.processes.size(), file.getFileName().toString());
        pm.truncated = !scan.intact();
        try (EventStream es = EventStream.openFile(file)) {
            es.setOrdered(false);
            for (String type : dispatch.eventTypes()) {
                es.onEvent(type, e -> dispatch.accept(view.set(e), pm));
            }
            es.start();
        } catch (IOException | RuntimeException e) {
            if (pm.events == 0) {
                throw new BadInputException(file + ": cannot read JFR recording: " + oneLine(e), e);
            }
            model.warnings.add(file + ": read stopped early (" + oneLine(e) + "); the report covers what was read");
        }
        if (pm.events == 0) {
            // the JDK's stream skips a chunk it cannot parse without a word; ask the strict reader why
            throw new BadInputException(file + ": corrupt JFR recording: " + strictReason(file));
        }
        if (!scan.intact()) {
            model.warnings.add(file + ": " + scan.problem + "; read the " + scan.intactChunks
                    + " intact chunk(s), " + scan.intactBytes + " of " + scan.fileSize + " bytes");
        }
        String unreadable = dispatch.takeUnreadable();
        if (unreadable != null) {
            model.warnings.add(file + ": " + unreadable);
        }
        dispatch.finish(pm);
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
        } catch (IOException | RuntimeException e) {
            return oneLine(e);
        }
    }

    static String oneLine(Throwable e) {
        return Dispatch.oneLine(e);
    }
}
