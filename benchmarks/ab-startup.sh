#!/usr/bin/env bash
# A/B of two agent jars on a hello world (or the application given after the options): RUNS
# interleaved pairs, wall time of each, and the median of the paired ratios B/A with its 95%
# distribution-free interval (order statistics of the ratios).
# usage: benchmarks/ab-startup.sh A.jar B.jar [runs] [java] [agent options] [java arguments of the application...]
#   e.g. ... 40 java recording=never -jar analyzer/target/threadguard-analyzer.jar rules
# OPTIONS_B=... gives B other agent options than A (one jar, two options: A.jar A.jar ... with OPTIONS_B)
set -euo pipefail
cd "$(dirname "$0")/.."
a=$1; b=$2; runs=${3:-40}; java=${4:-java}; opts=${5:-recording=never}; optsb=${OPTIONS_B:-$opts}
shift $(( $# < 5 ? $# : 5 ))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if (( $# == 0 )); then
  printf 'public class Hello { public static void main(String[] a) { System.out.println("hi"); } }\n' > "$work/Hello.java"
  "${java%java}javac" -d "$work" "$work/Hello.java" 2>/dev/null || javac -d "$work" "$work/Hello.java"
  set -- -cp "$work" Hello
fi
wall() { local s e j=$1 o=$2; shift 2; s=$(date +%s%N); "$java" "-javaagent:$j=$o" "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
for ((i = 0; i < runs; i++)); do
  if ((i % 2 == 0)); then ta=$(wall "$a" "$opts" "$@"); tb=$(wall "$b" "$optsb" "$@"); else tb=$(wall "$b" "$optsb" "$@"); ta=$(wall "$a" "$opts" "$@"); fi
  echo "$ta $tb"
done > "$work/pairs"
sort -n -k1 "$work/pairs" | awk '{ print $1 }' > "$work/a"
sort -n -k2 "$work/pairs" | awk '{ print $2 }' > "$work/b"
awk '{ printf "%.6f\n", $2 / $1 }' "$work/pairs" | sort -n > "$work/r"
n=$(wc -l < "$work/r")
med() { awk -v n="$n" 'NR == int((n + 1) / 2) { print }' "$1"; }
lo=$(awk -v n="$n" 'BEGIN { k = int(n / 2 - 0.98 * sqrt(n)); print (k < 1 ? 1 : k) }')
hi=$(awk -v n="$n" 'BEGIN { k = int(n / 2 + 1 + 0.98 * sqrt(n)) + 1; print (k > n ? n : k) }')
printf 'runs=%d options=%s, B: %s\nA %s: median wall %.1f ms\nB %s: median wall %.1f ms\nB/A median ratio %.3f, 95%% interval [%.3f, %.3f]\n' \
  "$n" "$opts" "$optsb" "$a" "$(echo "$(med "$work/a")/1000" | bc -l)" "$b" "$(echo "$(med "$work/b")/1000" | bc -l)" \
  "$(med "$work/r")" "$(sed -n "${lo}p" "$work/r")" "$(sed -n "${hi}p" "$work/r")"
