#!/usr/bin/env bash
# Runs tunetop's benchmarks and the peer scripts of ../shared/bench back to back, interleaved
# over several rounds on this machine, then prints the ratios (ours / peer) of the medians.
# The machines are noisy in periods: only ratios from the same run mean anything.
#   scripts/bench-vs-peers.sh [ROUNDS]      (default 3; results in bench-results/)
set -euo pipefail
rounds=${1:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
peers=${TUNETOP_PEERS:-$root/../shared/bench}
out=$root/bench-results
mkdir -p "$out"
: > "$out/ours.jsonl"
: > "$out/peers.jsonl"
swift build -c release --package-path "$root" >/dev/null
tunetop=$root/.build/release/tunetop
# Interleaved per workload and thread count, ours right before the peers: these VMs have
# slow spells of a minute or so in which two threads run at half speed (README, "Speed"),
# and a coarser interleave (all of ours, then all the peers) let one side land in one alone.
for round in $(seq 1 "$rounds"); do
  echo "round $round/$rounds" >&2
  "$tunetop" bench sgemm >> "$out/ours.jsonl"
  (cd "$peers" && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 gemm_numpy.py --threads 1 2) >> "$out/peers.jsonl"
  for workload in W1 W2 W3; do
    for threads in 1 2; do
      "$tunetop" bench "$workload" --threads "$threads" >> "$out/ours.jsonl"
      (cd "$peers" && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 train_baselines.py \
          --workload "$workload" --framework numpy jax torch --threads "$threads") >> "$out/peers.jsonl" || true
    done
  done
done
python3 "$root/scripts/bench_ratios.py" "$out/ours.jsonl" "$out/peers.jsonl"
