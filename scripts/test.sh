#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through CTest; then builds the suite
# again with AddressSanitizer + UndefinedBehaviorSanitizer and runs it once more, where any
# sanitizer report fails (TCPLAB_SKIP_ASAN=1 skips that second pass).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
(cd "${BUILD_DIR:-build}" && ctest --output-on-failure -j2 --timeout 600)
if [[ "${TCPLAB_SKIP_ASAN:-0}" != 1 ]]; then
    scripts/sanitize.sh asan
fi
