#!/usr/bin/env bash
# Configures and builds TCP Lab into ${BUILD_DIR:-build} with extra CMake arguments passed through.
set -euo pipefail
cd "$(dirname "$0")/.."
# ccache (used by CMakeLists.txt when installed) may then share objects between checkouts.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
build_dir="${BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" "$@" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
