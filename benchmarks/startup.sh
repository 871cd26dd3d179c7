#!/usr/bin/env bash
# Hello-world startup with and without the agent, N runs each, interleaved so drift hits all alike.
# usage: benchmarks/startup.sh [runs] [java]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
java=${2:-java}
agent=agent/target/threadguard.jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/Hello.java" <<'JAVA'
public class Hello {
    public static void main(String[] a) {
        long toMain = System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println(toMain);
    }
}
JAVA
"${java%java}javac" -d "$work" "$work/Hello.java" 2>/dev/null || javac -d "$work" "$work/Hello.java"
declare -A total main
setups=(plain jfr agent agent-norec)
args_plain=""
args_jfr="-XX:StartFlightRecording=filename=$work/jfr-%p.jfr"
args_agent="-javaagent:$agent=file=$work/tg-%p.jfr"
args_agent_norec="-javaagent:$agent=recording=never"
for s in "${setups[@]}"; do total[$s]=0; main[$s]=0; done
for ((i = 0; i < runs; i++)); do
  for s in "${setups[@]}"; do
    var="args_${s//-/_}"
    start=$(date +%s%N)
    m=$("$java" ${!var} -cp "$work" Hello 2>/dev/null | tail -1)
    end=$(date +%s%N)
    total[$s]=$(( ${total[$s]} + (end - start) / 1000000 ))
    main[$s]=$(( ${main[$s]} + m ))
  done
done
printf '%-12s %16s %16s\n' setup "wall ms (mean)" "to main ms (mean)"
for s in "${setups[@]}"; do
  printf '%-12s %16d %16d\n' "$s" $(( ${total[$s]} / runs )) $(( ${main[$s]} / runs ))
done
