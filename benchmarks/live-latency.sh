#!/usr/bin/env bash
# warn=stderr: time from the onset of a sustained oversubscription to its FOUND line on the JVM's own
# stderr. testapp.LiveProgram (the agent's test classes) starts a nested explosion 3 s into its run:
# 4 outer workers each create a ForkJoinPool of 8 and keep it computing for 6 s, at
# -XX:ActiveProcessorCount=8; it prints the onset's time. One JVM per run, one after another.
# usage: benchmarks/live-latency.sh [runs] [java]   (build first: mvn -B -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
java=${2:-java}
agent=agent/target/threadguard.jar
classes=agent/target/test-classes
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/run"
for ((i = 0; i < runs; i++)); do
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  rm -f "$work"/run/*
  # stderr through the stamping loop, stdout to a file; stdin stays open until the program has calmed down
  { "$java" -XX:ActiveProcessorCount=8 "-javaagent:$agent=file=$work/run/live-%p.jfr,warn=stderr" -cp "$classes" \
      testapp.LiveProgram 6 10 2>&1 >"$work/run/out" < <(sleep 30); } |
    while IFS= read -r line; do
      printf '%s\n' "$line" >> "$work/run/err"
      if [[ $line == "threadguard: FOUND"*nested-parallelism* && ! -s "$work/run/found" ]]; then date +%s%3N > "$work/run/found"; fi
    done
  onset=$(sed -n 's/^explosion at //p' "$work/run/out")
  if [[ -s "$work/run/found" ]]; then
    ms=$(( $(cat "$work/run/found") - onset ))
    echo "$ms" >> "$work/ms"
    echo "run $((i + 1)): FOUND $ms ms after the onset (load average $load)"
  else
    echo "run $((i + 1)): no FOUND line (load average $load); the JVM's stderr:"
    sed 's/^/  /' "$work/run/err"
  fi
done
if [[ -s "$work/ms" ]]; then
  sort -n "$work/ms" -o "$work/ms"
  n=$(wc -l < "$work/ms")
  echo "median $(awk -v n="$n" 'NR == int((n + 1) / 2)' "$work/ms") ms over $n runs (min $(head -1 "$work/ms"), max $(tail -1 "$work/ms")), $java"
fi
