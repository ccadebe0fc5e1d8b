#!/usr/bin/env bash
# Reruns every experiment of Papers/ at full scale with the given digestsync-bench
# (a release build), and writes the JSON lines, markdown tables and SVG plots beside the
# READMEs (about 17 minutes on 2 cores). With --reports-only, only rewrites the tables
# and plots from the JSON lines already there (seconds).
# Usage: Papers/regenerate.sh PATH/TO/digestsync-bench [--reports-only]
set -euo pipefail
bench=${1:?usage: Papers/regenerate.sh PATH/TO/digestsync-bench [--reports-only]}
mode=${2:-}
cd "$(dirname "$0")"
eppstein=eppstein2011/results
yang=yang2024-rateless/results
mkdir -p "$eppstein" "$yang" results
start=$(date +%s)

step() { echo "[$(( $(date +%s) - start ))s] $*" >&2; }

experiments() {
  step "iblt: success rate vs cells/d, coarse grid of the issue (plots)"
  {
    "$bench" iblt --d 10,100,1000 --ratio 1.2:4.0:0.05 --k 3,4,5,6,7,8 --trials 2000 --json
    "$bench" iblt --d 10000 --ratio 1.2:4.0:0.05 --k 3,4,5,6,7,8 --trials 300 --json
  } > "$eppstein/iblt-coarse.jsonl"

  step "iblt: fine grid near the 99.5% thresholds (IBLTSizing's table)"
  {
    "$bench" iblt --d 1 --ratio 3:10:1 --k 3,4,5,6,7,8 --trials 20000 --json
    "$bench" iblt --d 2 --ratio 1.5:8:0.5 --k 3,4,5,6,7,8 --trials 20000 --json
    "$bench" iblt --d 5 --ratio 1.6:8:0.2 --k 3,4,5,6,7,8 --trials 20000 --json
    "$bench" iblt --d 10 --ratio 1.5:5:0.1 --k 3,4,5,6,7,8 --trials 20000 --json
    "$bench" iblt --d 20 --ratio 1.3:4:0.05 --k 3,4,5,6,7,8 --trials 20000 --json
    "$bench" iblt --d 50 --ratio 1.3:2.6:0.02 --k 3,4,5,6,7,8 --trials 20000 --json
    "$bench" iblt --d 100 --ratio 1.3:2.0:0.01 --k 3,4,5,6,7,8 --trials 20000 --json
    "$bench" iblt --d 200 --ratio 1.3:1.7:0.01 --k 3,4,5,6 --trials 20000 --json
    "$bench" iblt --d 500 --ratio 1.3:1.5:0.01 --k 3,4,5 --trials 20000 --json
    "$bench" iblt --d 1000 --ratio 1.3:1.45:0.01 --k 3,4,5 --trials 20000 --json
    "$bench" iblt --d 2000 --ratio 1.25:1.4:0.01 --k 3,4 --trials 20000 --json
    "$bench" iblt --d 5000 --ratio 1.22:1.36:0.01 --k 3,4 --trials 10000 --json
    "$bench" iblt --d 10000 --ratio 1.22:1.34:0.01 --k 3,4 --trials 5000 --json
  } > "$eppstein/iblt-thresholds.jsonl"

  step "estimator: accuracy and wire size"
  {
    "$bench" estimator --d 10,30,100,300,1000,3000,10000,30000,100000 --n 1000000 --trials 1000 --json
    "$bench" estimator --d 10,100,1000 --n 1000,100000 --trials 1000 --json
  } > "$eppstein/estimator.jsonl"

  step "rateless: coded symbols per difference"
  {
    "$bench" rateless --d 1,2,3,4,5,6,7,8,9,10,20,50,100,200,500,1000,2000,5000,10000 --trials 2000 --json
    "$bench" rateless --d 100000 --trials 100 --json
  } > "$yang/rateless.jsonl"

  step "speed: n = 1,000,000, d = 1,000"
  "$bench" speed --n 1000000 --d 1000 --json > results/speed.jsonl

  elapsed=$(( $(date +%s) - start ))
  {
    echo "Generated $(date -u '+%Y-%m-%d %H:%M UTC') in ${elapsed} s on $(nproc) cores of"
    echo "\"$(lscpu | sed -n 's/^Model name: *//p' | head -1)\", $(swift --version 2>/dev/null | head -1)."
  } > results/machine.md
}

reports() {
  step "tables and plots"
  "$bench" report iblt "$eppstein/iblt-coarse.jsonl" --markdown "$eppstein/iblt-coarse.md" --svg "$eppstein/iblt"
  "$bench" report iblt "$eppstein/iblt-thresholds.jsonl" --markdown "$eppstein/iblt-thresholds.md"
  "$bench" report estimator "$eppstein/estimator.jsonl" --markdown "$eppstein/estimator.md" --svg "$eppstein/estimator"
  "$bench" report rateless "$yang/rateless.jsonl" --markdown "$yang/rateless.md" --svg "$yang/rateless"
  "$bench" report speed results/speed.jsonl --markdown results/speed.md
}

[ "$mode" = "--reports-only" ] || experiments
reports
step "done"
