#!/usr/bin/env bash
# Checks target/seqguard-flink-job.jar the way a Flink cluster would use it: the job's main class runs with only that
# jar and what a Flink distribution's lib/ holds (flink-dist's artefacts and their libraries, a logging binding) on
# the class path, on the bundled sample cut to its nine days, and its flags must equal `seqguard replay`'s. Also checks
# that the jar holds no Flink runtime classes and cannot run on its own (so Flink really comes from "lib/").
# Usage: seqguard-flink/src/test/cluster/run-cluster-jar.sh   (from anywhere; builds offline; about a minute)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
cd "$root"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

mvn -B -q -o -DskipTests -pl seqguard-cli -am package
mvn -B -q -o -DskipTests -pl seqguard-flink -am package dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$tmp/cp.txt"
jar="$root/seqguard-flink/target/seqguard-flink-job.jar"

# what a Flink distribution's lib/ provides (flink-dist and its libraries), standing in for a cluster
dist='/org/apache/flink/|/com/esotericsoftware/|/org/objenesis/|/org/roaringbitmap/|/org/snakeyaml/|/org/javassist/'
dist+='|/org/xerial/snappy/|/at/yawk/lz4/|/tools/profiler/|/com/google/code/findbugs/|/commons-cli/|/commons-math3/'
dist+='|/commons-compress/|/org/slf4j/|/com/ververica/'
lib="$(tr ':' '\n' < "$tmp/cp.txt" | grep -E "$dist" | grep -vE 'flink-connector-(files|base)-' | paste -sd: -)"

size=$(stat -c %s "$jar")
runtime=$(unzip -l "$jar" | grep -c 'org/apache/flink/runtime/' || true)
echo "cluster jar: $jar, $((size / 1024 / 1024)) MB, $runtime org/apache/flink/runtime classes"
[ "$runtime" -eq 0 ] || { echo "FAIL: the cluster jar bundles Flink's runtime"; exit 1; }
if java -cp "$jar" dev.seqguard.flink.SeqGuardStreamJob --events x --model x --out x >"$tmp/alone.log" 2>&1 \
    || ! grep -q 'NoClassDefFoundError: org/apache/flink' "$tmp/alone.log"; then
  echo "FAIL: the jar should need Flink from lib/"; cat "$tmp/alone.log"; exit 1
fi

# the sample's nine days (so no time rule is involved), a model selected on it, and replay's flags as the reference
zcat data/taobao-sample.csv.gz | awk -F, '$5 >= 1511539200 && $5 < 1512316800' > "$tmp/events.csv"
./seqguard select --events "$tmp/events.csv" --detectors iforest --ensemble 0 --out "$tmp/sel" > /dev/null 2>&1
./seqguard replay --events "$tmp/events.csv" --model "$tmp/sel/model" --time-rule none --out "$tmp/replay" > /dev/null 2>&1

java -cp "$jar:$lib" dev.seqguard.flink.SeqGuardStreamJob --events "$tmp/events.csv" --model "$tmp/sel/model" \
  --out "$tmp/out" --checkpoint-dir "$tmp/checkpoints" > "$tmp/job.log" 2>&1 || { cat "$tmp/job.log"; exit 1; }

find "$tmp/out/flags" -type f ! -name '.*' -exec cat {} + | sort > "$tmp/job-flags"
sort "$tmp/replay/flags.jsonl" > "$tmp/replay-flags"
if cmp -s "$tmp/job-flags" "$tmp/replay-flags"; then
  echo "OK: the job run from the cluster jar flagged $(wc -l < "$tmp/job-flags") events, the same lines as replay"
else
  echo "FAIL: flags differ from replay's ($(wc -l < "$tmp/job-flags") vs $(wc -l < "$tmp/replay-flags") lines)"; exit 1
fi
