package dev.threadguard.analyzer.collect;

import dev.threadguard.analyzer.model.LongSet;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.events.Schema;
import dev.threadguard.events.ThreadNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OS thread census: every OS thread id the agent saw, by comm. After the pass, the ids of no Java
 * thread are split into JVM-internal (by name) and native threads; plus the native libraries loaded.
 */
final class OsCensusCollector implements Collector {
    @Override
    public List<String> events() {
        return List.of(Schema.OS_THREADS_SEEN, "jdk.NativeLibrary");
    }

    @Override
    public String fills() {
        return "ProcessModel.nativeByComm, nativeThreads, jvmInternalThreads, maxCensusThreads, nativeLibraries";
    }

    @Override
    public void accept(EventView e, ProcessModel pm) {
        if (e.type().equals("jdk.NativeLibrary")) {
            String path = PoolCollector.nz(e.getString("name"));
            if (!path.isEmpty() && pm.nativeLibraries.size() < ProcessModel.MAX_LIBRARIES) {
                pm.nativeLibraries.add(path.substring(path.lastIndexOf('/') + 1));
            }
            return;
        }
        pm.osCensusSeen = true;
        String comm = PoolCollector.nz(e.getString(Schema.COMM));
        if (e.getBoolean(Schema.CENSUS)) {
            pm.maxCensusThreads = Math.max(pm.maxCensusThreads, e.getInt(Schema.COUNT));
        }
        String ids = e.getString(Schema.OS_THREAD_IDS);
        if (ids == null || ids.isBlank()) {
            return;
        }
        LongSet set = pm.osThreadsByComm.get(comm);
        if (set == null) {
            if (pm.osThreadsByComm.size() >= 4096) {
                return;
            }
            set = new LongSet(200_000);
            pm.osThreadsByComm.put(comm, set);
        }
        int start = 0;
        int len = ids.length();
        while (start < len) {
            int sp = ids.indexOf(' ', start);
            int stop = sp < 0 ? len : sp;
            if (stop > start && pm.osTidsStored < ProcessModel.MAX_OS_TIDS) {
                try {
                    if (set.add(Long.parseLong(ids, start, stop, 10))) {
                        pm.osTidsStored++;
                    }
                } catch (NumberFormatException ignored) {
                    // a malformed id: skip it
                }
            }
            start = stop + 1;
        }
    }

    @Override
    public void finish(ProcessModel pm) {
        long pid = pm.host.pid;
        for (Map.Entry<String, LongSet> e : pm.osThreadsByComm.entrySet()) {
            String comm = e.getKey();
            boolean internal = ThreadNames.isJvmInternal(comm);
            int nativeCount = 0;
            for (long tid : e.getValue().toArray()) {
                if (tid == pid || pm.javaTids.contains(tid)) {
                    continue;
                }
                if (internal) {
                    pm.jvmInternalThreads++;
                } else {
                    nativeCount++;
                }
            }
            if (nativeCount > 0) {
                pm.nativeByComm.merge(comm, nativeCount, Integer::sum);
                pm.nativeThreads += nativeCount;
            }
        }
        // most native threads first
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(pm.nativeByComm.entrySet());
        sorted.sort((a, b) -> b.getValue() - a.getValue());
        pm.nativeByComm.clear();
        for (Map.Entry<String, Integer> e : sorted) {
            pm.nativeByComm.put(e.getKey(), e.getValue());
        }
        pm.osThreadsByComm.clear(); // the tids are no longer needed
    }
}
