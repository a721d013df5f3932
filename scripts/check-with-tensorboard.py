#!/usr/bin/env python3
"""Shows TensorBoard's own reader (tensorboard.backend.event_processing.EventAccumulator)
reading a run tunetop wrote, with values equal to what tunetop's reader returns.

    scripts/check-with-tensorboard.py [RUN_DIR]

Without RUN_DIR, writes a sample run (scalars incl. NaN, histograms, control/advice/config/summary
text, a resume with SessionLog.START) through the test binary (`TelemetryTests.TensorBoardSampleRun`)
into a temporary directory; that also writes RUN_DIR.expected.json, our reader's values. Needs the
`tensorboard` package; when missing, installs it into a temporary virtualenv and re-runs itself.
Exit status 0 when every value agrees.
"""
import json
import math
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def ensure_tensorboard():
    try:
        import tensorboard  # noqa: F401
    except ImportError:
        venv = os.path.join(tempfile.mkdtemp(), "venv")
        subprocess.check_call([sys.executable, "-m", "venv", venv])
        subprocess.check_call([os.path.join(venv, "bin", "pip"), "install", "-q", "tensorboard==2.*", "numpy"])
        os.execv(os.path.join(venv, "bin", "python"), [os.path.join(venv, "bin", "python")] + sys.argv)


def write_sample_run():
    run = os.path.join(tempfile.mkdtemp(), "sample-run")
    env = dict(os.environ, TUNETOP_SAMPLE_RUN_DIR=run)
    subprocess.check_call(["swift", "test", "-c", "release", "-Xswiftc", "-enable-testing",
                           "--filter", "TelemetryTests.TensorBoardSampleRun"], cwd=ROOT, env=env,
                          stdout=subprocess.DEVNULL)
    return run


def same(a, b):
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return (math.isnan(a) and math.isnan(b)) or a == b


def tensorboard_values(run):
    from tensorboard.backend.event_processing import event_accumulator
    from tensorboard.util import tensor_util
    accumulator = event_accumulator.EventAccumulator(
        run, size_guidance={kind: 0 for kind in ("scalars", "histograms", "tensors")})
    accumulator.Reload()
    tags = accumulator.Tags()
    values = {}
    for tag in tags["scalars"]:
        values[tag] = [(e.step, e.wall_time, "scalar", e.value) for e in accumulator.Scalars(tag)]
    for tag in tags["histograms"]:
        values[tag] = [(e.step, e.wall_time, "histogram", e.histogram_value) for e in accumulator.Histograms(tag)]
    for tag in tags["tensors"]:
        plugin = accumulator.SummaryMetadata(tag).plugin_data.plugin_name
        rows = []
        for e in accumulator.Tensors(tag):
            array = tensor_util.make_ndarray(e.tensor_proto)
            rows.append((e.step, e.wall_time, plugin, "\n".join(x.decode() for x in array.flatten())))
        values[tag] = rows
    return values


def number(value):
    return {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}.get(value, value) \
        if isinstance(value, str) else value


def main():
    ensure_tensorboard()
    run = sys.argv[1] if len(sys.argv) > 1 else write_sample_run()
    with open(run.rstrip("/") + ".expected.json") as handle:
        ours = json.load(handle)
    theirs = tensorboard_values(run)
    problems = []
    by_tag = {}
    for entry in ours:
        by_tag.setdefault(entry["tag"], []).append(entry)
    if set(by_tag) != set(theirs):
        problems.append(f"tags differ: ours {sorted(by_tag)}, TensorBoard {sorted(theirs)}")
    compared = 0
    for tag, entries in by_tag.items():
        rows = theirs.get(tag, [])
        if len(rows) != len(entries):
            problems.append(f"{tag}: we read {len(entries)} values, TensorBoard {len(rows)}")
            continue
        for entry, (step, wall_time, kind, value) in zip(entries, rows):
            where = f"{tag} step {entry['step']}"
            if entry["step"] != step or entry["wall_time"] != wall_time:
                problems.append(f"{where}: step/time ours {entry['step']}/{entry['wall_time']}, TensorBoard {step}/{wall_time}")
            if entry["kind"] == "scalar":
                ok = kind == "scalar" and same(number(entry["value"]), value)
            elif entry["kind"] == "text":
                ok = kind == "text" and entry["value"] == value
            else:
                ok = kind == "histogram" and all(same(number(entry[k]), getattr(value, k))
                                                 for k in ("min", "max", "num", "sum", "sum_squares")) \
                    and [number(x) for x in entry["bucket_limit"]] == list(value.bucket_limit) \
                    and [number(x) for x in entry["bucket"]] == list(value.bucket)
            compared += 1
            if not ok:
                problems.append(f"{where}: ours {entry}, TensorBoard {kind} {value}")
    for problem in problems:
        print("MISMATCH", problem)
    print(f"{run}: {compared} values in {len(by_tag)} tags compared with TensorBoard's EventAccumulator: "
          + ("all equal" if not problems else f"{len(problems)} mismatches"))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
