#!/usr/bin/env bash
# Runs every benchmark scenario once, as BENCHMARKS.md reports them: results as JSON lines in
# docs/benchmarks/results.jsonl, progress and server logs in docs/benchmarks/run.log, charts in
# docs/benchmarks/plots/ (and plots-cold-*/ for the cold starts). About 20 minutes on a 2-core
# machine; run it on an otherwise idle machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/docs/benchmarks"
MESHCTL="$ROOT/bin/meshctl"
PLOTS="$OUT/plots"
mkdir -p "$PLOTS"
: > "$OUT/results.jsonl"
: > "$OUT/run.log"
run() {
  echo "== meshctl bench $*" | tee -a "$OUT/run.log" >&2
  echo "{\"command\":\"meshctl bench $*\"}" >> "$OUT/results.jsonl"
  "$MESHCTL" bench "$@" --json --plot "$PLOTS" >> "$OUT/results.jsonl" 2>> "$OUT/run.log" \
    || echo "   (exit $?: see run.log)" | tee -a "$OUT/run.log" >&2
}
run floor --warmup 5s --floor-duration 20s
run api --warmup 30s --duration 20s
run api --warmup 30s --duration 20s --tenants 8 --no-floor
run overload --warmup 30s --duration 15s --overload-duration 60s
run broadcast --streams 1000 --rate 100 --warmup 20s --duration 20s --no-floor
run broadcast --streams 10000 --rate 100 --warmup 20s --duration 20s --no-floor --sut-java-opts=-Xmx1g
run ledger --warmup 20s --duration 20s
run reminders --count 100000 --faults
run ai --duration 10s --warmup 5s
# Cold start: straight into 500 creates/s with no warm-up, without and with the AOT cache.
"$MESHCTL" bench train-aot --output "$ROOT/cli/target/meshctl.aot" >> "$OUT/run.log" 2>&1
PLOTS="$OUT/plots-cold-jit"
run api --warmup 0s --skip-max --rate 500 --duration 60s --get-rate 100 --no-floor
PLOTS="$OUT/plots-cold-aot"
run api --warmup 0s --skip-max --rate 500 --duration 60s --get-rate 100 --no-floor "--sut-java-opts=-XX:AOTCache=$ROOT/cli/target/meshctl.aot"
