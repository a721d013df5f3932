#!/usr/bin/env python3
"""Shows TensorBoard's own readers reading a run tunetop wrote, with values equal to what
tunetop's reader returns: the Python EventAccumulator (tensorboard.backend.event_processing), and,
when the tensorboard-data-server package is installed, TensorBoard's default loader, the Rust data
server, started with --checksum (every record's CRC verified) and queried over gRPC.

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
import time

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


def data_server_problems(run, by_tag):
    """Loads the run into TensorBoard's data server and compares scalars, histograms and text."""
    try:
        import grpc
        import tensorboard_data_server
        from tensorboard import context
        from tensorboard.data import grpc_provider
    except ImportError:
        print("data server: tensorboard-data-server not installed; skipped")
        return []
    binary = tensorboard_data_server.server_binary()
    port_file = os.path.join(tempfile.mkdtemp(), "port")
    server = subprocess.Popen([binary, "--logdir", run, "--port", "0", "--port-file", port_file, "--checksum",
                               "--reload", "once", "--samples-per-plugin", "scalars=all,histograms=all,text=all",
                               "--die-after-stdin"], stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 60
        while not (os.path.exists(port_file) and open(port_file).read().endswith("\n")):
            if time.time() > deadline or server.poll() is not None:
                return [f"data server did not start: {server.stderr.read().decode() if server.poll() is not None else 'timeout'}"]
            time.sleep(0.1)
        address = "localhost:" + open(port_file).read().strip()
        provider = grpc_provider.GrpcDataProvider(address, grpc_provider.make_stub(grpc.insecure_channel(address)))
        ctx = context.RequestContext()
        expected = {tag: entries for tag, entries in by_tag.items()}
        while True:  # --reload once loads in the background; wait until every series is complete
            scalars = provider.read_scalars(ctx, experiment_id="", plugin_name="scalars", downsample=10**6)
            histograms = provider.read_tensors(ctx, experiment_id="", plugin_name="histograms", downsample=10**6)
            texts = provider.read_tensors(ctx, experiment_id="", plugin_name="text", downsample=10**6)
            served = {}
            for result in (scalars, histograms, texts):
                for tags in result.values():
                    served.update(tags)
            if all(len(served.get(tag, [])) == len(entries) for tag, entries in expected.items()) \
                    or time.time() > deadline:
                break
            time.sleep(0.2)
        problems = []
        for tag, entries in expected.items():
            points = served.get(tag, [])
            if len(points) != len(entries):
                problems.append(f"data server: {tag}: we read {len(entries)} values, it serves {len(points)}")
                continue
            for entry, point in zip(entries, points):
                where = f"data server: {tag} step {entry['step']}"
                if point.step != entry["step"] or point.wall_time != entry["wall_time"]:
                    problems.append(f"{where}: step/time {point.step}/{point.wall_time}")
                elif entry["kind"] == "scalar":
                    if not same(number(entry["value"]), point.value):
                        problems.append(f"{where}: value {point.value}, ours {entry['value']}")
                elif entry["kind"] == "text":
                    text = "\n".join(x.decode() for x in point.numpy.flatten())
                    if text != entry["value"]:
                        problems.append(f"{where}: text {text!r}, ours {entry['value']!r}")
                else:  # served as [k,3] rows (float32, empty outer buckets dropped): counts and range agree
                    rows = point.numpy
                    if abs(rows[:, 2].sum() - number(entry["num"])) > 1e-9 or \
                            not math.isclose(rows[0, 0], number(entry["min"]), rel_tol=1e-6) or \
                            not math.isclose(rows[-1, 1], number(entry["max"]), rel_tol=1e-6):
                        problems.append(f"{where}: histogram rows {rows.tolist()}, ours {entry}")
        served_values = sum(len(entries) for entries in expected.values())
        print(f"data server (rustboard --checksum): {served_values} values in {len(expected)} tags: "
              + ("all equal" if not problems else f"{len(problems)} mismatches"))
        return problems
    finally:
        server.kill()
        server.wait()


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
    print(f"{run}: {compared} values in {len(by_tag)} tags compared with TensorBoard's EventAccumulator: "
          + ("all equal" if not problems else f"{len(problems)} mismatches"))
    problems += data_server_problems(run, by_tag)
    for problem in problems:
        print("MISMATCH", problem)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
