package dev.threadguard.analyzer.collect;

import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.events.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The converter loop: routes each event to the collectors that declared its type, counts events per type
 * (what the rules' required events are checked against) and turns an event a collector cannot read into
 * a count and one example instead of an aborted report.
 */
public final class Dispatch {
    private static final class Route {
        final Collector[] collectors;
        long count;

        Route(List<Collector> cs) {
            collectors = cs.toArray(new Collector[0]);
        }
    }

    private final List<Collector> collectors;
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private int unreadable;
    private String firstUnreadable;

    public Dispatch(List<Collector> collectors) {
        this.collectors = List.copyOf(collectors);
        Map<String, List<Collector>> byType = new LinkedHashMap<>();
        for (Collector c : collectors) {
            for (String type : c.events()) {
                byType.computeIfAbsent(type, k -> new ArrayList<>()).add(c);
            }
        }
        byType.forEach((type, cs) -> routes.put(type, new Route(cs)));
    }

    /** Every event type some collector reads: what a source should subscribe to. */
    public Set<String> eventTypes() {
        return routes.keySet();
    }

    public void accept(EventView e, ProcessModel pm) {
        String type = e.type();
        Route r = routes.get(type);
        if (r == null) {
            return;
        }
        r.count++;
        pm.events++;
        if (type.startsWith(Schema.PREFIX)) {
            pm.threadguardEvents++;
        }
        pm.seen(e.startTime());
        for (Collector c : r.collectors) {
            try {
                c.accept(e, pm);
            } catch (RuntimeException ex) {
                unreadable++;
                if (firstUnreadable == null) {
                    firstUnreadable = type + ": " + oneLine(ex);
                }
            }
        }
    }

    /** After the last event of a recording: the per-type counts go into the model, the collectors finish. */
    public void finish(ProcessModel pm) {
        for (Map.Entry<String, Route> e : routes.entrySet()) {
            if (e.getValue().count > 0) {
                pm.eventCounts.merge(e.getKey(), e.getValue().count, Long::sum);
            }
            e.getValue().count = 0;
        }
        for (Collector c : collectors) {
            c.finish(pm);
        }
    }

    /** Events a collector could not read since the last call, as a warning; null when none. */
    public String takeUnreadable() {
        if (unreadable == 0) {
            return null;
        }
        String w = unreadable + " event(s) could not be read (" + firstUnreadable + ")";
        unreadable = 0;
        firstUnreadable = null;
        return w;
    }

    public static String oneLine(Throwable e) {
        String m = e.getMessage();
        String s = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
