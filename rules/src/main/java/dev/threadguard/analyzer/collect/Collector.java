package dev.threadguard.analyzer.collect;

import dev.threadguard.analyzer.model.ProcessModel;
import java.util.List;

/**
 * Fills one part of a {@link ProcessModel} from the events it declares. {@link Dispatch} hands it those
 * events of one recording in any order (the stream is unordered), then calls {@link #finish} once.
 * Collectors keep no per-recording state past {@code finish}, so one instance reads many recordings.
 * To add one: implement this, add it to {@link Collectors#standard}.
 */
public interface Collector {
    /** The event types it reads; only these are parsed. */
    List<String> events();

    /** The part of the model it fills (documentation, and what the JMC module may rely on). */
    String fills();

    void accept(EventView e, ProcessModel pm);

    /** After the last event of a recording: derive what needs all of them. */
    default void finish(ProcessModel pm) {}
}
