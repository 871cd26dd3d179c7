#!/usr/bin/env bash
# What warn= costs in CPU: a program with a pool of 4 workers doing 5 ms tasks ten times a second for
# SECONDS, under the agent with its own recording, without and with warn=stderr, PAIRS interleaved
# pairs; the process's CPU time as it ends (before the recording is written), medians and the median of
# the paired differences per second of run.
# usage: benchmarks/live-cpu.sh [pairs] [seconds] [java]
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-5}; seconds=${2:-20}; java=${3:-java}
agent=agent/target/threadguard.jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/Steady.java" <<'JAVA'
import java.util.concurrent.*;
public class Steady {
    public static void main(String[] a) throws Exception {
        long end = System.nanoTime() + Long.parseLong(a[0]) * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        while (System.nanoTime() < end) {
            for (int i = 0; i < 4; i++) {
                pool.execute(() -> { long t = System.nanoTime() + 5_000_000L; while (System.nanoTime() < t) { Thread.onSpinWait(); } });
            }
            Thread.sleep(100);
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        System.out.println(((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
            .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000);
    }
}
JAVA
"${java%java}javac" -d "$work" "$work/Steady.java" 2>/dev/null || javac -d "$work" "$work/Steady.java"
cpu() { "$java" "-javaagent:$agent=file=$work/s-%p.jfr$1" -cp "$work" Steady "$seconds" 2>/dev/null | tail -1; rm -f "$work"/s-*.jfr; }
for ((i = 0; i < pairs; i++)); do
  if ((i % 2 == 0)); then a=$(cpu ""); b=$(cpu ",warn=stderr"); else b=$(cpu ",warn=stderr"); a=$(cpu ""); fi
  echo "$a $b $(cut -d' ' -f1 /proc/loadavg)"
done > "$work/pairs"
awk '{ printf "pair %d: without %s ms, with warn=stderr %s ms of CPU (load average %s)\n", NR, $1, $2, $3 }' "$work/pairs"
n=$(wc -l < "$work/pairs")
med() { sort -n | awk -v n="$n" 'NR == int((n + 1) / 2)'; }
printf 'pairs=%d seconds=%s %s\nwithout warn=: median %s ms of CPU\nwith warn=stderr: median %s ms of CPU\nmedian paired difference %s ms, %.1f ms per second of run\n' \
  "$n" "$seconds" "$java" "$(awk '{ print $1 }' "$work/pairs" | med)" "$(awk '{ print $2 }' "$work/pairs" | med)" \
  "$(awk '{ print $2 - $1 }' "$work/pairs" | med)" "$(echo "$(awk '{ print $2 - $1 }' "$work/pairs" | med) / $seconds" | bc -l)"
