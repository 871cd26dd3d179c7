package dev.threadguard.analyzer.live;

import dev.threadguard.analyzer.collect.Collectors;
import dev.threadguard.analyzer.collect.Dispatch;
import dev.threadguard.analyzer.collect.JfrEventView;
import dev.threadguard.analyzer.model.Model;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.rules.Rule;
import dev.threadguard.analyzer.rules.Rules;
import dev.threadguard.analyzer.rules.Severity;
import dev.threadguard.analyzer.rules.Thresholds;
import dev.threadguard.events.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;

/**
 * The analyzer's own collectors and rules over a live event stream. Events that describe
 * (pools created, shut down, nested uses, the host) are kept for the whole run; samples and thread
 * starts for a sliding window. Each {@link #evaluate} builds a fresh model from what is kept and
 * runs the rules: a finding is new when its rule and location first hold, cleared when they no
 * longer hold. A pool that terminated before the window is forgotten with everything that describes
 * it, so a finding about pools that are gone clears. Memory is bounded by the window and the caps.
 */
public final class LiveFindings {
    /** Event types that describe state rather than sample it: kept while the stream lasts. */
    static final Set<String> DESCRIBING = Set.of(Schema.POOL_CREATED, Schema.POOL_SHUTDOWN, Schema.POOLS_ENDED_UNUSED,
            Schema.POOL_CONFIG_CHANGED,
            Schema.NESTED_POOL_USE, Schema.HOST, Schema.CODE_SOURCE, Schema.THREAD_START_FAILED, Schema.TASK_REJECTED, "jdk.CPUInformation",
            "jdk.ContainerConfiguration", "jdk.JVMInformation", "jdk.NativeLibrary");
    static final int MAX_DESCRIBING = 50_000;
    static final int MAX_WINDOW_EVENTS = 200_000;

    /** A finding as it was first seen, and when. */
    public record Change(boolean found, Finding finding, Instant at) {
        /** {@code FOUND   critical rule: title (at location)}, or CLEARED; one line whatever the names hold. */
        public String line() {
            Finding f = finding;
            return oneLine((found ? "FOUND   " : "CLEARED ") + f.severity().label() + " " + f.rule() + ": " + f.title()
                    + (f.location().isEmpty() ? "" : " (at " + f.location() + ")"));
        }

        /** The finding's fix, one line; "" when it has none. */
        public String fix() {
            return finding.recommendation().isEmpty() ? "" : oneLine(finding.recommendation());
        }
    }

    /** Names are data: a control character in one must not end the line or drive the terminal. */
    static String oneLine(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private final List<Rule> rules;
    private final Thresholds thresholds;
    private final Duration window;
    private final int maxDescribing;
    private final int maxWindowEvents;
    private final Set<String> types;
    private final ArrayDeque<RecordedEvent> describing = new ArrayDeque<>();
    private final ArrayDeque<RecordedEvent> sampled = new ArrayDeque<>();
    private final Map<String, Finding> holding = new LinkedHashMap<>();
    /** The worst severity printed for each cause holding now. */
    private final Map<String, Severity> reported = new java.util.HashMap<>();
    /** Pools that terminated, and when. */
    private final Map<Long, Instant> terminated = new LinkedHashMap<>();
    private Instant latest = Instant.EPOCH;
    private long accepted;

    public LiveFindings(List<Rule> rules, Thresholds thresholds, Duration window) {
        this(rules, thresholds, window, MAX_DESCRIBING, MAX_WINDOW_EVENTS);
    }

    /** With caps on what is kept: the describing events, and the samples in the window. */
    public LiveFindings(List<Rule> rules, Thresholds thresholds, Duration window, int maxDescribing, int maxWindowEvents) {
        this.rules = rules;
        this.thresholds = thresholds;
        this.window = window;
        this.maxDescribing = maxDescribing;
        this.maxWindowEvents = maxWindowEvents;
        this.types = new Dispatch(Collectors.standard(new Model())).eventTypes();
    }

    /** The event types to subscribe to. */
    public Set<String> eventTypes() {
        return types;
    }

    /** Takes one event of the stream (called on the stream's thread). */
    public synchronized void accept(RecordedEvent e) {
        accepted++;
        if (e.getStartTime().isAfter(latest)) {
            latest = e.getStartTime();
        }
        String type = e.getEventType().getName();
        if (type.equals(Schema.POOL_SHUTDOWN) && Schema.PHASE_TERMINATED.equals(e.getString(Schema.PHASE))) {
            terminated.put(e.getLong(Schema.POOL_ID), e.getStartTime());
            if (terminated.size() > maxDescribing) {
                terminated.remove(terminated.keySet().iterator().next());
            }
        }
        if (type.equals(Schema.POOLS_ENDED_UNUSED)) {
            // the newest of the range only: older ones left what is kept already
            long last = e.getLong(Schema.LAST_POOL_ID);
            for (long id = Math.max(e.getLong(Schema.FIRST_POOL_ID), last - maxDescribing + 1); id > 0 && id <= last; id++) {
                terminated.put(id, e.getEndTime());
                if (terminated.size() > maxDescribing) {
                    terminated.remove(terminated.keySet().iterator().next());
                }
            }
        }
        if (DESCRIBING.contains(type)) {
            describing.add(e);
            if (describing.size() > maxDescribing) {
                describing.poll();
            }
        } else {
            sampled.add(e);
            if (sampled.size() > maxWindowEvents) {
                sampled.poll();
            }
        }
    }

    /** Runs the rules over what is kept; returns the findings that began or ended since the last call. */
    public List<Change> evaluate(Instant now) {
        Model model = new Model();
        Dispatch dispatch = new Dispatch(Collectors.standard(model));
        JfrEventView view = new JfrEventView();
        ProcessModel pm = new ProcessModel(0, "live");
        synchronized (this) {
            Instant from = latest.minus(window);
            while (!sampled.isEmpty() && sampled.peek().getStartTime().isBefore(from)) {
                sampled.poll();
            }
            forgetEnded(from);
            for (RecordedEvent e : describing) {
                dispatch.accept(view.set(e), pm);
            }
            for (RecordedEvent e : sampled) {
                dispatch.accept(view.set(e), pm);
            }
        }
        dispatch.finish(pm);
        model.processes.add(pm);
        List<Change> changes = new ArrayList<>();
        if (pm.events == 0) {
            return changes;
        }
        Map<String, Finding> now2 = new LinkedHashMap<>();
        for (Finding f : Rules.run(model, rules, thresholds).findings()) {
            now2.putIfAbsent(key(f), f);
        }
        for (Map.Entry<String, Finding> e : now2.entrySet()) {
            Severity shown = reported.get(e.getKey());
            // new, or the same cause turned worse than it was printed (info until the OS measured a CPU
            // wait): printed again; a cause that wavers between severities is not printed each time
            if (shown == null || e.getValue().severity().compareTo(shown) > 0) {
                changes.add(new Change(true, e.getValue(), now));
                reported.put(e.getKey(), e.getValue().severity());
            }
        }
        for (Map.Entry<String, Finding> e : holding.entrySet()) {
            if (!now2.containsKey(e.getKey())) {
                changes.add(new Change(false, e.getValue(), now));
                reported.remove(e.getKey());
            }
        }
        holding.clear();
        holding.putAll(now2);
        return changes;
    }

    /** Drops what describes pools that terminated before {@code from}: their samples have left the window too. */
    private void forgetEnded(Instant from) {
        java.util.Set<Long> gone = new java.util.HashSet<>();
        for (Map.Entry<Long, Instant> t : terminated.entrySet()) {
            if (t.getValue().isBefore(from)) {
                gone.add(t.getKey());
            }
        }
        gone.remove(0L); // "no pool"
        if (gone.isEmpty()) {
            return;
        }
        // a range of pools that ended unused goes with its last pool: the others ended before it
        describing.removeIf(e -> gone.contains(id(e, Schema.POOL_ID)) || gone.contains(id(e, Schema.CALLER_POOL_ID))
                || gone.contains(id(e, Schema.CREATOR_POOL_ID)) || gone.contains(id(e, Schema.LAST_POOL_ID)));
        terminated.keySet().removeAll(gone);
    }

    private static long id(RecordedEvent e, String field) {
        return e.hasField(field) ? e.getLong(field) : 0;
    }

    /** Events taken so far: a look with none new since the last can be skipped. */
    public synchronized long accepted() {
        return accepted;
    }

    /** Findings holding now. */
    public synchronized List<Finding> holding() {
        return new ArrayList<>(holding.values());
    }

    /** One cause: the rule and where (its numbers change from one look to the next). */
    static String key(Finding f) {
        return f.rule() + "|" + f.location() + "|" + (f.location().isEmpty() ? f.title().replaceAll("[0-9.,]+", "#") : "");
    }
}
