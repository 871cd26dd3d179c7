package dev.threadguard.analyzer.model;

import dev.threadguard.events.ProcessorRelation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executors created together make one logical pool: a scheduler of N one-thread executors built in one
 * loop (as reactive libraries build their parallel schedulers) is one pool of width N, not N "pools of
 * 1" and not a leak. Together means: same process, creation site, kind and creating thread, each created
 * within {@link #GAP_MILLIS} of the previous and all within {@link #SPAN_MILLIS} (a loaded machine can
 * stall a loop for a few hundred ms), and as many as a processor relation gives (n, 2n, n-1, n+1,
 * n/2). One longer stall (all within {@link #STALL_MILLIS}) splits nothing while no executor made so
 * far was seen at work: a loop that builds a scheduler uses none before it is done, a pool made per request is
 * used before the next one. Pools created again and again over the run stay apart.
 */
public final class LogicalPools {
    private LogicalPools() {}

    public static final long GAP_MILLIS = 500;
    public static final long SPAN_MILLIS = 2000;
    public static final long STALL_MILLIS = 10_000;

    /** One logical pool: its members (one for an ordinary pool), its width and its size origin. */
    public record Group(List<PoolStats> members, int width, String processorRelation) {
        public PoolStats first() {
            return members.get(0);
        }

        public boolean logical() {
            return members.size() > 1;
        }

        public String label() {
            PoolStats p = first();
            return logical() ? members.size() + " x " + p.label() : p.label();
        }
    }

    /** The pools of a process grouped into logical pools (families and the common pool stay alone). */
    public static List<Group> of(ProcessModel pm) {
        Map<String, List<PoolStats>> bySite = new LinkedHashMap<>();
        List<Group> out = new ArrayList<>();
        for (PoolStats p : pm.pools.values()) {
            if (p.kind().threadsOnly() || p.kind().jvmOwned() || p.creationSite.isEmpty() || p.created == null || p.replayed) {
                out.add(single(p));
                continue;
            }
            bySite.computeIfAbsent(p.kind + "|" + p.creationSite + "|" + p.creatorThread, k -> new ArrayList<>()).add(p);
        }
        for (List<PoolStats> site : bySite.values()) {
            site.sort(Comparator.comparing((PoolStats p) -> p.created));
            Run run = new Run();
            for (PoolStats p : site) {
                if (!run.members.isEmpty() && run.apart(p)) {
                    out.addAll(close(run.members, pm));
                    run = new Run();
                }
                run.add(p);
            }
            out.addAll(close(run.members, pm));
        }
        return out;
    }

    /** Executors made in a row from one site, with what decides whether the next one still belongs (kept as they are added: a site may make thousands). */
    private static final class Run {
        final List<PoolStats> members = new ArrayList<>();
        int stalls;
        Instant earliestUse;

        void add(PoolStats p) {
            if (!members.isEmpty() && gap(members.get(members.size() - 1), p) > GAP_MILLIS) {
                stalls++;
            }
            if (p.firstUse != null && (earliestUse == null || p.firstUse.isBefore(earliestUse))) {
                earliestUse = p.firstUse;
            }
            members.add(p);
        }

        boolean apart(PoolStats next) {
            long gap = gap(members.get(members.size() - 1), next);
            long span = gap(members.get(0), next);
            if (gap <= GAP_MILLIS && span <= SPAN_MILLIS) {
                return false;
            }
            // a stalled loop (one stall: creations spaced out again and again are a pattern, not a stall) is
            // still one while none of the run had been at work when the next was made (firstUse is the
            // earliest a pool may have been at work, read from the samples: never later than it was)
            return span > STALL_MILLIS || stalls + (gap > GAP_MILLIS ? 1 : 0) > 1
                    || (earliestUse != null && !earliestUse.isAfter(next.created));
        }
    }

    private static long gap(PoolStats a, PoolStats b) {
        return b.created.toEpochMilli() - a.created.toEpochMilli();
    }

    private static Group single(PoolStats p) {
        return new Group(List.of(p), p.width(), p.processorRelation);
    }

    /** A run of 2+ one-thread executors is one logical pool; anything else stays as it was. */
    private static List<Group> close(List<PoolStats> run, ProcessModel pm) {
        boolean oneThreadEach = run.stream().allMatch(p -> p.width() == 1);
        if (run.size() < 2 || !oneThreadEach) {
            return run.stream().map(LogicalPools::single).toList();
        }
        PoolStats p = run.get(0);
        int procs = p.recordedProcessors > 0 ? p.recordedProcessors
                : p.availableProcessors > 0 ? p.availableProcessors : pm.host.availableProcessors;
        String rel = ProcessorRelation.of(run.size(), procs);
        if (rel.isEmpty()) {
            return run.stream().map(LogicalPools::single).toList(); // not built from the processor count
        }
        // projected onto another machine (what-if): the loop would build as many executors as the relation says
        int width = pm.whatIfProcessors > 0 ? ProcessorRelation.size(rel, pm.whatIfProcessors) : run.size();
        return List.of(new Group(List.copyOf(run), width, rel));
    }
}
