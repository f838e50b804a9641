#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through CTest twice: as whoever runs
# this script, and as an ordinary user (uid 65534, no groups, no capabilities; CTest label
# "unprivileged", scripts/run-unprivileged.sh). Every pass runs even when an earlier one failed;
# the exit status is non-zero when any of them failed.
# The AddressSanitizer + UndefinedBehaviorSanitizer build of the same suite no longer fits the
# 20-minute budget from a cold cache on 2 cores (its build alone took 15 min): it is its own
# heavy check, `scripts/sanitize.sh asan`, and TCPLAB_ASAN=1 adds it to this script's run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
build=${BUILD_DIR:-build}
status=0
if [[ $(id -u) == 0 ]]; then
    echo "== tests as root"
    (cd "$build" && ctest --output-on-failure -j2 --timeout 600 -LE unprivileged) || status=1
    echo "== tests as uid 65534 (setpriv --reuid=65534 --regid=65534 --clear-groups)"
    (cd "$build" && ctest --output-on-failure -j2 --timeout 600 -L unprivileged --no-tests=error) || status=1
else
    # setpriv cannot switch users without root; this pass already is the unprivileged one.
    echo "== tests as uid $(id -u) (not root: the uid 65534 pass needs root and is left out)"
    (cd "$build" && ctest --output-on-failure -j2 --timeout 600 -LE unprivileged) || status=1
fi
if [[ "${TCPLAB_ASAN:-0}" == 1 ]]; then
    scripts/sanitize.sh asan || status=1
fi
exit $status
