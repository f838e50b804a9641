#!/usr/bin/env bash
# Installs what is missing, builds, and starts the lab: the window where there is a display,
# otherwise (it says so) the headless server. Extra arguments go to tcplab.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
    echo "no display available: starting the headless server (Ctrl+C stops it)" >&2
    exec build/tcplab --headless "$@"
fi
exec build/tcplab "$@"
