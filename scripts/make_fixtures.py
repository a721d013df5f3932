"""Writes small TensorBoard event files the way real tools write them, and beside each fixture
directory a JSON file with what TensorBoard's own reader (EventAccumulator) sees in it.

Run through scripts/make-fixtures.sh, which provides tensorboardX, tensorboard and numpy.
Output: Tests/TelemetryTests/Fixtures/<name>/events.out.tfevents.* and <name>.expected.json.
"""
import glob
import json
import math
import os
import shutil
import struct
import sys

import numpy as np
import tensorboardX
from tensorboard.backend.event_processing import event_accumulator
from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2, tensor_shape_pb2, types_pb2
from tensorboard.plugins.histogram import summary_v2 as histogram_summary
from tensorboard.plugins.scalar import summary_v2 as scalar_summary
from tensorboard.plugins.text import summary_v2 as text_summary
from tensorboard.summary.writer.event_file_writer import EventFileWriter
from tensorboard.util import tensor_util

BASE_TIME = 1_700_000_000.0


def stable_names(directory):
    """Renames event files to host- and time-independent names, keeping their order."""
    for index, path in enumerate(sorted(glob.glob(os.path.join(directory, "*tfevents*")))):
        os.rename(path, os.path.join(directory, f"events.out.tfevents.{1700000000 + index}.fixture.{index}"))


def tensorboardx_fixture(directory):
    """tensorboardX (PyTorch's API): simple_value scalars, HistogramProto histograms, text."""
    rng = np.random.default_rng(7)
    writer = tensorboardX.SummaryWriter(directory)
    for step in range(12):
        wall = BASE_TIME + step * 0.5
        writer.add_scalar("train/loss", 2.0 / (step + 1), step, walltime=wall)
        writer.add_scalar("lr", 0.1 if step < 6 else 0.05, step, walltime=wall)
        if step % 4 == 0:
            writer.add_histogram("layers/fc1/weights", rng.normal(0, 0.05, size=500), step, walltime=wall)
            writer.add_histogram("layers/fc1/gradients", rng.uniform(-1, 1, size=64), step, bins=8, walltime=wall)
    writer.add_scalar("train/loss", float("nan"), 12, walltime=BASE_TIME + 6)
    writer.add_text("notes", "first line\nsecond — ünïcode", 3, walltime=BASE_TIME + 1.5)
    writer.close()
    stable_names(directory)


def tensor_content_scalar(tag, value, dtype, with_metadata):
    """A rank-0 tensor scalar with tensor_content, as TF2's C++ summary writer emits it."""
    formats = {types_pb2.DT_FLOAT: "<f", types_pb2.DT_DOUBLE: "<d", types_pb2.DT_INT32: "<i", types_pb2.DT_INT64: "<q"}
    tensor = tensor_pb2.TensorProto(dtype=dtype, tensor_shape=tensor_shape_pb2.TensorShapeProto(),
                                    tensor_content=struct.pack(formats[dtype], value))
    summary_value = summary_pb2.Summary.Value(tag=tag, tensor=tensor)
    if with_metadata:
        summary_value.metadata.plugin_data.plugin_name = "scalars"
    return summary_value


def tf2_fixture(directory):
    """TF2-style tensors: scalars via tensor_content (float, double, int) and via float_val
    (tensorboard.summary), half scalars via half_val, [k,3] histogram tensors, text tensors.
    Like TF1's FileWriter, `tf2/accuracy` carries metadata only on its first value."""
    rng = np.random.default_rng(11)
    writer = EventFileWriter(directory)
    for step in range(10):
        values = [
            tensor_content_scalar("tf2/accuracy", 0.5 + step / 40, types_pb2.DT_FLOAT, with_metadata=step == 0),
            tensor_content_scalar("tf2/loss_double", 1.0 / (step + 3), types_pb2.DT_DOUBLE, with_metadata=True),
            tensor_content_scalar("tf2/examples", 1000 * step, types_pb2.DT_INT64, with_metadata=True),
            scalar_summary.scalar_pb("tf2/float_val", 0.25 * step).value[0],
        ]
        half = tensor_util.make_tensor_proto(np.float16(0.1 * step))
        values.append(summary_pb2.Summary.Value(tag="tf2/half", tensor=half))
        values[-1].metadata.plugin_data.plugin_name = "scalars"
        if step % 3 == 0:
            values += list(histogram_summary.histogram_pb("tf2/weights", rng.normal(size=200), buckets=6).value)
        if step == 4:
            values += list(text_summary.text_pb("tf2/note", "step four").value)
        event = event_pb2.Event(wall_time=BASE_TIME + step, step=step, summary=summary_pb2.Summary(value=values))
        writer.add_event(event)
    # An all-equal histogram and an empty one, edge cases of the [k,3] encoding.
    edge = list(histogram_summary.histogram_pb("tf2/constant", np.full(5, 3.0), buckets=4).value)
    edge += histogram_summary.histogram_pb("tf2/empty", np.array([]), buckets=3).value
    writer.add_event(event_pb2.Event(wall_time=BASE_TIME + 20, step=20, summary=summary_pb2.Summary(value=edge)))
    writer.close()
    stable_names(directory)


def resumed_fixture(directory):
    """A crashed run and its resume: the second file starts with SessionLog START at step 5."""
    first = EventFileWriter(directory, filename_suffix=".a")
    for step in range(9):
        first.add_event(event_pb2.Event(wall_time=BASE_TIME + step, step=step, summary=summary_pb2.Summary(
            value=[summary_pb2.Summary.Value(tag="loss", simple_value=float(step))])))
    first.close()
    stable_names(directory)
    second = EventFileWriter(directory, filename_suffix=".b")
    second.add_event(event_pb2.Event(wall_time=BASE_TIME + 100, step=5,
                                     session_log=event_pb2.SessionLog(status=event_pb2.SessionLog.START)))
    for step in range(5, 8):
        second.add_event(event_pb2.Event(wall_time=BASE_TIME + 100 + step, step=step, summary=summary_pb2.Summary(
            value=[summary_pb2.Summary.Value(tag="loss", simple_value=-float(step))])))
    second.close()
    # Rename only the new file; the first keeps its stable name.
    for path in sorted(glob.glob(os.path.join(directory, "*tfevents*"))):
        if not os.path.basename(path).startswith("events.out.tfevents.17000000"):
            os.rename(path, os.path.join(directory, "events.out.tfevents.1700000100.fixture.1"))


def number(value):
    """JSON has no NaN or infinities: spell them as strings."""
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def expected_values(directory):
    """What TensorBoard's EventAccumulator reads, per tag in its order."""
    accumulator = event_accumulator.EventAccumulator(
        directory, size_guidance={kind: 0 for kind in ("scalars", "histograms", "tensors", "images", "audio")})
    accumulator.Reload()
    tags = accumulator.Tags()
    result = []
    for tag in tags["scalars"]:
        for event in accumulator.Scalars(tag):
            result.append({"tag": tag, "step": event.step, "wall_time": event.wall_time, "kind": "scalar",
                           "value": number(event.value)})
    for tag in tags["histograms"]:
        for event in accumulator.Histograms(tag):
            h = event.histogram_value
            result.append({"tag": tag, "step": event.step, "wall_time": event.wall_time, "kind": "histogram",
                           "min": number(h.min), "max": number(h.max), "num": number(h.num), "sum": number(h.sum),
                           "sum_squares": number(h.sum_squares),
                           "bucket_limit": [number(x) for x in h.bucket_limit],
                           "bucket": [number(x) for x in h.bucket]})
    for tag in tags["tensors"]:
        plugin = accumulator.SummaryMetadata(tag).plugin_data.plugin_name
        for event in accumulator.Tensors(tag):
            array = tensor_util.make_ndarray(event.tensor_proto)
            entry = {"tag": tag, "step": event.step, "wall_time": event.wall_time}
            if array.dtype == object:
                entry.update(kind="text", value="\n".join(x.decode("utf-8") for x in array.flatten()))
            elif plugin == "histograms":
                entry.update(kind="histogram_rows", rows=[[number(x) for x in row] for row in array.tolist()])
            else:
                entry.update(kind="scalar", value=number(array.item()))
            result.append(entry)
    return result


def main():
    out = sys.argv[1]
    for name, make in (("tensorboardx", tensorboardx_fixture), ("tf2_tensors", tf2_fixture),
                       ("resumed", resumed_fixture)):
        directory = os.path.join(out, name)
        shutil.rmtree(directory, ignore_errors=True)
        os.makedirs(directory)
        make(directory)
        with open(directory + ".expected.json", "w") as handle:
            json.dump(expected_values(directory), handle, indent=1)
            handle.write("\n")
        print(f"{directory}: {len(expected_values(directory))} values")


if __name__ == "__main__":
    main()
