#!/usr/bin/env bash
# Writes the tfevents fixtures of Tests/TelemetryTests/Fixtures with real tools (tensorboardX,
# tensorboard's own writer and summary ops) and records beside each what TensorBoard's
# EventAccumulator reads from it. Installs the tools into a temporary virtualenv.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=${FIXTURES_VENV:-$(mktemp -d)/venv}
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q 'tensorboardX==2.6.*' 'tensorboard==2.*' numpy
fi
"$venv/bin/python" "$root/scripts/make_fixtures.py" "$root/Tests/TelemetryTests/Fixtures"
