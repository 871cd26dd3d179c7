#!/usr/bin/env bash
# Cost of one scrape of the agent's Prometheus endpoint with POOLS live pools (2 workers each).
# usage: benchmarks/scrape.sh [pools] [scrapes] [java]
set -euo pipefail
cd "$(dirname "$0")/.."
pools=${1:-500}
scrapes=${2:-50}
java=${3:-java}
agent=agent/target/threadguard.jar
work=$(mktemp -d)
pid=""
trap '[[ -n "$pid" ]] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
cat > "$work/Pools.java" <<'JAVA'
import java.util.concurrent.*;
public class Pools {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]);
        for (int i = 0; i < n; i++) {
            ExecutorService p = Executors.newFixedThreadPool(2);
            p.submit(() -> { }).get();
            p.submit(() -> { }).get();
        }
        System.out.println("ready");
        Thread.sleep(600_000);
    }
}
JAVA
"${java%java}javac" -d "$work" "$work/Pools.java" 2>/dev/null || javac -d "$work" "$work/Pools.java"
"$java" "-javaagent:$agent=recording=never,prometheus=0" -cp "$work" Pools "$pools" >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 1 600); do grep -q ready "$work/out" && grep -q 'metrics at' "$work/err" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*/metrics' "$work/err")
curl -s -o /dev/null "$url"   # the first scrape loads classes
for ((i = 0; i < scrapes; i++)); do
  curl -s -o "$work/body" -w '%{time_total}\n' "$url"
done | sort -n > "$work/times"
awk -v pools="$pools" -v bytes="$(wc -c < "$work/body")" -v series="$(grep -vc '^#' "$work/body")" '
  { t[NR] = $1 }
  END { printf "pools=%d scrapes=%d series=%d bytes=%d  scrape ms: median %.1f  p90 %.1f  max %.1f\n",
        pools, NR, series, bytes, t[int((NR + 1) / 2)] * 1000, t[int(NR * 0.9)] * 1000, t[NR] * 1000 }' "$work/times"
