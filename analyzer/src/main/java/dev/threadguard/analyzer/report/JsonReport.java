package dev.threadguard.analyzer.report;

import dev.threadguard.analyzer.model.HostFacts;
import dev.threadguard.analyzer.model.PoolStats;
import dev.threadguard.analyzer.model.ProcessModel;
import dev.threadguard.analyzer.rules.Finding;
import dev.threadguard.analyzer.rules.Fmt;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The report as one JSON object: findings, pools, host, processes, and the pool rows and rule status every
 * other format shows. Keys are only ever added: scripts rely on {@code findings[].rule}, {@code severity},
 * the evidence numbers and {@code recommendation}. Numbers stay raw (-1 none or unlimited, -2 unknown).
 */
public final class JsonReport implements Renderer {
    @Override
    public String format() {
        return "json";
    }

    @Override
    public String description() {
        return "one JSON object for scripts";
    }

    @Override
    public void render(ReportView v, PrintWriter out) {
        Analysis a = v.analysis;
        Json j = new Json(out);
        j.beginObject();
        j.field("tool", "threadguard").field("version", Analysis.VERSION);
        j.field("processors", a.model.processors());
        j.name("findings").beginArray();
        for (FindingView fv : v.findings) {
            Finding f = fv.finding();
            j.beginObject();
            j.field("rule", f.rule()).field("severity", f.severity().label()).field("title", f.title())
                    .field("message", f.message());
            j.name("evidence").beginObject();
            for (Map.Entry<String, Number> e : f.evidence().entrySet()) {
                j.field(e.getKey(), e.getValue());
            }
            j.endObject();
            j.field("location", f.location()).field("recommendation", f.recommendation());
            if (fv.site().isPresent()) {
                SourceLocation s = fv.site().get();
                j.name("source").beginObject().field("class", s.className()).field("method", s.method())
                        .field("file", fv.path().orElse(s.relativePath())).field("line", s.line()).endObject();
            }
            j.endObject();
        }
        j.endArray();
        j.name("pools").beginArray();
        for (PoolStats p : a.model.pools()) {
            j.beginObject();
            j.field("process", a.model.process(p.process).source);
            j.field("id", p.id).field("name", p.label()).field("kind", p.kind).field("creationSite", p.creationSite);
            j.field("configuredSize", p.width()).field("corePoolSize", p.corePoolSize)
                    .field("maximumPoolSize", p.maximumPoolSize).field("processorRelation", p.processorRelation);
            j.field("createdBeforeRecording", p.replayed && p.createdSeen);
            j.field("creatorPoolId", p.creatorPoolId);
            j.field("threadsCreated", p.peakSize()).field("threadsStarted", p.threadsStarted).field("peakBusy", p.shownPeakBusy())
                    .field("meanBusy", Fmt.round(p.shownMeanBusy(), 3))
                    .field("meanIdle", Fmt.round(Math.max(0, p.meanSize() - p.shownMeanBusy()), 3))
                    .field("maxQueued", p.maxQueued).field("completedTasks", p.completedTasks)
                    .field("cpuPerBusyWorker", Fmt.round(p.cpuPerBusyWorker(), 3))
                    .field("meanCores", Fmt.round(p.meanCores(), 3)).field("samples", p.samples)
                    .field("rejections", p.rejections).field("shutdown", p.shutdownPhase);
            if (!p.namePattern.isEmpty()) {
                j.field("namePattern", p.namePattern).field("threadClass", p.threadClass);
            }
            j.endObject();
        }
        j.endArray();
        j.name("host");
        host(j, a.model.processes.isEmpty() ? new HostFacts() : a.model.processes.get(0).host);
        j.name("processes").beginArray();
        for (ProcessModel pm : a.model.processes) {
            j.beginObject();
            j.field("source", pm.source).field("agent", pm.hasAgent()).field("truncated", pm.truncated).field("cut", pm.cut)
                    .field("durationSeconds", Fmt.round(pm.durationSeconds(), 3))
                    .field("peakPlatformThreads", Math.max(pm.peakPlatformThreads, pm.jdkPeakThreads))
                    .field("peakOsThreads", pm.peakOsThreads)
                    .field("startedThreads", Math.max(pm.startedThreads, pm.jdkStartedThreads))
                    .field("nativeThreads", pm.nativeThreads).field("jvmInternalThreads", pm.jvmInternalThreads)
                    .field("threadStartFailures", pm.failureCount)
                    .field("poolsSeen", pm.poolsSeen()).field("poolsDescribed", pm.pools.size())
                    .field("jvmCpuMean", pm.cpuLoad.isEmpty() ? null : Fmt.round(pm.cpuLoad.mean("jvm"), 3))
                    .field("machineCpuMean", pm.cpuLoad.isEmpty() ? null : Fmt.round(pm.cpuLoad.mean("machine"), 3));
            j.name("host");
            host(j, pm.host);
            j.name("spawnTree").beginArray();
            int n = 0;
            for (SpawnTree.Edge e : v.process(pm.index).edges) {
                if (n++ >= 200) {
                    break;
                }
                j.beginObject().field("outer", e.outer()).field("outerWidth", e.outerWidth())
                        .field("inner", e.inner()).field("innerWidth", e.innerWidth()).field("how", e.how())
                        .field("count", e.count()).endObject();
            }
            j.endArray();
            j.endObject();
        }
        j.endArray();
        poolRows(j, v);
        j.name("workerProcesses").beginArray();
        for (HostCensusView.Row r : v.host.workers) {
            j.beginObject().field("program", r.program()).field("runtime", r.runtime())
                    .field("processes", r.processes()).field("threadsPerProcess", r.threadsPerProcess())
                    .field("threads", r.threads()).endObject();
        }
        j.endArray();
        if (a.whatIfProcessors > 0) {
            j.name("whatIf").beginObject().field("processors", a.whatIfProcessors);
            j.name("pools").beginArray();
            for (dev.threadguard.analyzer.model.WhatIf.Change c : a.whatIf) {
                j.beginObject().field("process", a.model.process(c.process()).source).field("pool", c.pool())
                        .field("creationSite", c.site()).field("from", c.from()).field("to", c.to())
                        .field("processorRelation", c.relation()).endObject();
            }
            j.endArray().endObject();
        }
        j.name("rules").beginArray();
        for (RuleStatus r : v.rules) {
            j.beginObject().field("id", r.rule()).field("status", r.status())
                    .field("reason", r.reason()).field("findings", r.findings()).endObject();
        }
        j.endArray();
        j.name("rulesNeedingAgent").beginArray();
        for (String r : a.rulesNeedingAgent) {
            j.value(r);
        }
        j.endArray();
        j.name("warnings").beginArray();
        for (String w : a.model.warnings) {
            j.value(w);
        }
        j.endArray();
        j.endObject();
        out.println();
        out.flush();
    }

    /** The rows the text and HTML tables show, unused pools flagged; members by pool id. */
    private static void poolRows(Json j, ReportView v) {
        j.name("poolGroups").beginArray();
        for (List<PoolRow> rows : List.of(v.pools, v.unusedPools)) {
            for (PoolRow r : rows) {
                j.beginObject().field("process", v.process(r.process).source).field("name", r.name)
                        .field("label", r.label).field("creationSite", r.site).field("kind", r.kind).field("pools", r.count())
                        .field("configuredSize", r.configured()).field("unbounded", r.unbounded())
                        .field("threadsCreated", r.peakAlive()).field("threadsStarted", r.started()).field("peakBusy", r.peakBusy())
                        .field("meanBusy", Fmt.round(r.meanBusy(), 3)).field("meanIdle", Fmt.round(r.meanIdle(), 3))
                        .field("maxQueued", r.maxQueued()).field("cpuPerBusyWorker", Fmt.round(r.cpuPerBusyWorker(), 3))
                        .field("meanWaitingForCpu", Fmt.round(r.meanWaitingForCpu(), 3))
                        .field("shutdown", r.shutdown()).field("unused", r.unused());
                j.name("poolIds").beginArray();
                for (PoolStats p : r.members) {
                    j.value(p.id);
                }
                j.endArray().endObject();
            }
        }
        j.endArray();
    }

    private static void host(Json j, HostFacts h) {
        j.beginObject();
        j.field("pid", h.pid).field("availableProcessors", h.availableProcessors).field("onlineCpus", h.onlineCpus)
                .field("physicalCores", h.physicalCores).field("sockets", h.sockets)
                .field("cpusetCpus", h.cpusetCpus).field("cpusetSize", h.cpusetSize).field("cpuQuota", h.cpuQuota)
                .field("activeProcessorCount", h.activeProcessorCount)
                .field("commonPoolParallelism", h.commonPoolParallelism).field("threadsMax", h.threadsMax)
                .field("pidMax", h.pidMax).field("nprocSoft", h.nprocSoft).field("nprocHard", h.nprocHard)
                .field("pidsMax", h.pidsMax).field("pidsCurrent", h.pidsCurrentMax)
                .field("threadEnvironment", h.threadEnvironment).field("agentVersion", h.agentVersion)
                .field("jvmVersion", h.jvmVersion).field("effectiveProcessors", h.effectiveProcessors());
        j.endObject();
    }
}
