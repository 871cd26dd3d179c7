#!/usr/bin/env bash
# The agent's cost on real workloads, interleaved A/B: Jetty 12 under a fixed loopback load (requests/s,
# p99), JDBC on H2 with a fixed pool, a parallel-stream job, and thread churn. Each round runs plain java,
# plain JFR (-XX:StartFlightRecording, default settings) and the agent (its own recording, default
# options) in a rotating order; the ratios are per round, the summary their median with a 95% CI.
# usage: benchmarks/overhead.sh [rounds=10] [seconds=5] [java] [workloads="http jdbc stream churn"]
# workloads "pools" (a pool created and shut down, 1M times) and "pool-per-request" (a pool of 4 given 4
# tasks, shut down and awaited, 5,000 times) are not in the default list; they add a fourth setup, jfrev: plain JFR with the program committing one event with a stack per pool (issue 10's
# yardstick). AGENT_JAR replaces the agent jar (default agent/target/threadguard.jar); BEFORE_JAR adds a
# setup "before", another agent jar with the same options (an earlier build: before/after in one run).
# AGENT_OPTIONS replaces the agent's options (default: its own recording), e.g. AGENT_OPTIONS=recording=never.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-10}
seconds=${2:-5}
java=${3:-java}
workloads=${4:-http jdbc stream churn}
agent=${AGENT_JAR:-agent/target/threadguard.jar}
jar=benchmarks/target/benchmarks.jar
[[ -f "$agent" && -f "$jar" ]] || mvn -B -q -DskipTests -pl benchmarks -am package
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=benchmarks/target/overhead-$(date +%Y%m%d-%H%M%S).txt
echo "# $(date -u) agent options=${AGENT_OPTIONS:-file=...} java=$("$java" -version 2>&1 | head -1) load=$(cut -d' ' -f1-3 /proc/loadavg) cpus=$(nproc)" | tee "$out"
for w in $workloads; do
  setups=(plain jfr agent)
  [[ $w == pools || $w == pool-per-request ]] && setups=(plain jfr jfrev agent)
  [[ -n ${BEFORE_JAR:-} ]] && setups+=(before)
  for ((r = 1; r <= rounds; r++)); do
    for ((s = 0; s < ${#setups[@]}; s++)); do
      setup=${setups[$(((r + s) % ${#setups[@]}))]}
      case $setup in
        plain) args=() ;;
        jfr) args=("-XX:StartFlightRecording=filename=$work/jfr-$w-$r.jfr") ;;
        jfrev) args=("-XX:StartFlightRecording=filename=$work/jfr-$w-$r.jfr" -Dbench.poolEvent=true) ;;
        agent) args=("-javaagent:$agent=${AGENT_OPTIONS:-file=$work/tg-$w-$r.jfr}") ;;
        before) args=("-javaagent:$BEFORE_JAR=${AGENT_OPTIONS:-file=$work/tg-$w-$r.jfr}") ;;
      esac
      line=$("$java" -Xmx512m "${args[@]}" -cp "$jar" dev.threadguard.benchmarks.workloads.Workload "$w" "$seconds" 2>/dev/null | grep '^result: ' | tail -1)
      for kv in ${line#result: }; do
        echo "$w $r $setup ${kv%%=*} ${kv#*=}" | tee -a "$out"
      done
      rm -f "$work"/*.jfr
    done
  done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
"$java" -cp "$jar" dev.threadguard.benchmarks.workloads.Stats "$out" | tee -a "$out"
