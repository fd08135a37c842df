#!/usr/bin/env bash
# Runs every benchmark scenario once, as BENCHMARKS.md reports them: results as JSON lines in
# docs/benchmarks/results.jsonl, progress and server logs in docs/benchmarks/run.log, charts in
# docs/benchmarks/plots/. Takes about 15 minutes on a 2-core machine; run it on an idle machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/docs/benchmarks"
MESHCTL="$ROOT/bin/meshctl"
mkdir -p "$OUT/plots"
: > "$OUT/results.jsonl"
: > "$OUT/run.log"
run() {
  echo "== meshctl bench $*" | tee -a "$OUT/run.log" >&2
  "$MESHCTL" bench "$@" --json --plot "$OUT/plots" >> "$OUT/results.jsonl" 2>> "$OUT/run.log" \
    || echo "   (exit $?: see run.log)" | tee -a "$OUT/run.log" >&2
}
run floor --warmup 5s --floor-duration 20s
run api --warmup 30s --duration 20s
run overload --warmup 30s --duration 15s --overload-duration 60s
run broadcast --streams 1000 --rate 100 --warmup 20s --duration 20s --no-floor
run broadcast --streams 10000 --rate 100 --warmup 20s --duration 20s --no-floor --sut-java-opts=-Xmx1g
run ledger --warmup 20s --duration 20s
run reminders --count 100000 --faults
run ai --duration 10s --warmup 5s
