package dev.threadguard.analyzer.report;

import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.ProcessModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Who created whom in one process: pool creates pool, worker submits to the common pool, starts threads. */
public final class SpawnTree {
    private SpawnTree() {}

    /** The spawn tree edges of one process, from the agent's events or else from jdk.ThreadStart. */
    public static List<Edge> edges(ProcessModel pm) {
        List<Edge> out = new ArrayList<>();
        for (Map.Entry<Long, List<Long>> e : pm.createdBy.entrySet()) {
            PoolStats outer = pm.pool(e.getKey());
            for (long id : e.getValue()) {
                PoolStats inner = pm.pool(id);
                if (pm.nestedUses.stream().anyMatch(u -> u.callerPoolId() == e.getKey() && u.poolId() == id)) {
                    continue;
                }
                out.add(new Edge(label(outer, e.getKey()), width(outer), label(inner, id), width(inner), "creates", 1, true));
            }
        }
        for (ProcessModel.NestedUse u : pm.nestedUses) {
            PoolStats outer = pm.pool(u.callerPoolId());
            PoolStats inner = pm.pool(u.poolId());
            String in = inner != null ? inner.label() : u.poolName();
            out.add(new Edge(outer != null ? outer.label() : u.callerPoolName(), width(outer), in, width(inner),
                    u.api().isEmpty() ? "submits" : u.api(), 1, inner != null && inner.creatorPoolId == u.callerPoolId()));
        }
        for (Map.Entry<Long, Map<Long, Integer>> e : pm.threadsStartedBy.entrySet()) {
            PoolStats outer = pm.pool(e.getKey());
            for (Map.Entry<Long, Integer> c : e.getValue().entrySet()) {
                PoolStats inner = pm.pool(c.getKey());
                if (inner != null && inner.creatorPoolId == e.getKey()) {
                    continue;
                }
                out.add(new Edge(label(outer, e.getKey()), width(outer),
                        c.getKey() == 0 ? "(threads outside pools)" : label(inner, c.getKey()),
                        inner == null ? c.getValue() : Math.max(inner.peakSize(), 1), "starts threads", c.getValue(), false));
            }
        }
        out = merge(out);
        if (out.isEmpty()) {
            for (Map.Entry<String, Map<String, Integer>> e : pm.jdkSpawn.entrySet()) {
                for (Map.Entry<String, Integer> c : e.getValue().entrySet()) {
                    out.add(new Edge(e.getKey(), -1, c.getKey(), c.getValue(), "starts", c.getValue(), false));
                }
            }
            out.sort((a, b) -> b.count() - a.count());
        }
        return out;
    }

    /** Edges between pools of the same names merged, their counts added (a pool per task shows once). */
    private static List<Edge> merge(List<Edge> edges) {
        Map<String, Edge> m = new java.util.LinkedHashMap<>();
        for (Edge e : edges) {
            String k = e.outer() + "\u0000" + e.inner() + "\u0000" + e.how();
            Edge old = m.get(k);
            m.put(k, old == null ? e : new Edge(e.outer(), Math.max(e.outerWidth(), old.outerWidth()), e.inner(),
                    Math.max(e.innerWidth(), old.innerWidth()), e.how(), old.count() + e.count(), e.created() && old.created()));
        }
        return new ArrayList<>(m.values());
    }

    private static String label(PoolStats p, long id) {
        return p == null ? "pool#" + id : p.label();
    }

    private static int width(PoolStats p) {
        return p == null ? -1 : p.width();
    }

    /**
     * outer -> inner, with the widths (N, M; -1 unknown), how many times, and whether the outer pool's
     * workers created the inner pools.
     */
    public record Edge(String outer, int outerWidth, String inner, int innerWidth, String how, int count, boolean created) {
        /**
         * Pools created again and again by the outer workers may each belong to one worker: N x M.
         * A pool the workers feed but did not create, or one created once, is shared: N + M.
         */
        public boolean owned() {
            return created && count > 1;
        }

        /** "N x M = P" or "N + M = P", or "" when a width is unknown. */
        public String product() {
            if (outerWidth <= 0 || innerWidth <= 0) {
                return "";
            }
            long p = owned() ? (long) outerWidth * innerWidth : (long) outerWidth + innerWidth;
            return outerWidth + (owned() ? " x " : " + ") + innerWidth + " = " + p;
        }
    }
}
