#!/usr/bin/env bash
# Re-measures the numbers quoted in docs/samples.md: every sample, broken then fixed, REPEAT times,
# without the agent (plain JVM), printing each run's "result:" line. Run it on a quiet machine:
#   samples/measure.sh [REPEAT] [SAMPLE...]      e.g. samples/measure.sh 3 rollout nested
# thread-limit needs root (it runs the sample as user nobody under ulimit -u 150).
set -u -o pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/samples/target/threadguard-samples.jar"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
REPEAT="${1:-3}"; shift || true
SAMPLES=("$@")
((${#SAMPLES[@]})) || SAMPLES=(rollout nested pool-manager process-workers thread-limit native-threads)
[[ -f "$JAR" ]] || { echo "measure.sh: $JAR missing: mvn -B -q -DskipTests package" >&2; exit 2; }

jvm_flags() {
  case "$1" in
    rollout) echo "-XX:ActiveProcessorCount=56" ;;
    nested) echo "-XX:ActiveProcessorCount=8" ;;
    *) echo "" ;;
  esac
}

broken_args() { # the broken form's options, as docs/samples.md runs it
  case "$1" in
    native-threads) echo "--intra 4" ;;
    *) echo "" ;;
  esac
}

echo "# $(date -u +%FT%TZ) $(nproc) cores, $("$JAVA" -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
for s in "${SAMPLES[@]}"; do
  for ((i = 1; i <= REPEAT; i++)); do
    for mode in "$(broken_args "$s")" "--fixed"; do
      # shellcheck disable=SC2046
      if [[ "$s" == thread-limit ]]; then
        dir="$(mktemp -d)"; chmod 777 "$dir"; cp "$JAR" "$dir/s.jar"; chmod 644 "$dir/s.jar"
        (cd "$dir" && runuser -u nobody -- bash -c "ulimit -u 150; $JAVA -jar s.jar thread-limit $mode" 2>/dev/null) | grep '^result:'
        rm -rf "$dir"
      else
        "$JAVA" $(jvm_flags "$s") -jar "$JAR" "$s" $mode | grep '^result:'
      fi
    done
  done
done
