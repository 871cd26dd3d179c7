#!/usr/bin/env bash
# Records the golden recordings (analyzer/src/test/golden/*.jfr) again with the real agent and rewrites
# expected-findings.json. Run after an agent or schema change; as root (thread-limit runs as nobody under
# ulimit -u 150), on a machine that is not busy (pool-manager must get the CPU it is judged by).
#   analyzer/regenerate-goldens.sh                   every golden
#   analyzer/regenerate-goldens.sh rollout healthy   some of them
#   analyzer/regenerate-goldens.sh --baseline-only   keep the recordings, write down what the analyzer now finds
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests package
java --add-opens jdk.jfr/jdk.jfr.consumer=ALL-UNNAMED \
  -cp "analyzer/target/test-classes:analyzer/target/threadguard-analyzer.jar:$(cat analyzer/target/golden.classpath)" \
  dev.threadguard.analyzer.golden.GoldenRecorder "$@"
