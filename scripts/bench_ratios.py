"""Ratios of tunetop's benchmark medians to the peers' medians, from one interleaved run.

    python3 scripts/bench_ratios.py bench-results/ours.jsonl bench-results/peers.jsonl

ours: `tunetop bench` lines ({"figure": "sgemm", "n", "threads", "value"} and
{"figure": "train", "workload", "threads", "value"}). peers: ../shared/bench's gemm_numpy.py
({"bench": "sgemm", "n", "threads", "gflops_median"}) and train_baselines.py
({"workload", "framework", "threads", "samples_per_s"}) lines.
"""
import json
import statistics
import sys
from collections import defaultdict


def read(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip().startswith("{")]


def main(ours_path, peers_path):
    ours = defaultdict(list)
    for line in read(ours_path):
        if line.get("figure") == "sgemm":
            ours[("sgemm", line["n"], line["threads"])].append(line["value"])
        elif line.get("figure") == "train":
            ours[("train", line["workload"], line["threads"])].append(line["value"])
    peers = defaultdict(list)
    for line in read(peers_path):
        if line.get("bench") == "sgemm":
            peers[("sgemm", line["n"], line["threads"], "numpy")].append(line["gflops_median"])
        elif "samples_per_s" in line:
            peers[("train", line["workload"], line["threads"], line["framework"])].append(line["samples_per_s"])
    print("| figure | size/workload | threads | tunetop | peer | peer value | ratio |")
    print("|---|---|---:|---:|---|---:|---:|")
    for key in sorted(ours, key=str):
        mine = statistics.median(ours[key])
        for peer_key in sorted(k for k in peers if k[:3] == key):
            theirs = statistics.median(peers[peer_key])
            print(f"| {key[0]} | {key[1]} | {key[2]} | {mine:,.1f} | {peer_key[3]} | {theirs:,.1f} | {mine / theirs:.2f} |")


if __name__ == "__main__":
    main(*sys.argv[1:3])
