#!/usr/bin/env bash
# Builds the libFuzzer targets with clang into ${BUILD_DIR:-build-fuzz} (fuzz/CMakeLists.txt is a
# project of its own) and runs each for FUZZ_SECONDS (default 60) seconds, starting from the seed
# corpus committed in fuzz/corpus/<target>/ and any crash inputs kept in fuzz/regressions/<target>/.
# New inputs go to fuzz/out/<target>/corpus (not committed). A crash or broken invariant leaves
# fuzz/out/<target>/crash-* and makes the script fail: copy that file to fuzz/regressions/<target>/
# and tst_hardening_fuzzcorpus replays it in every normal (and sanitizer) build from then on.
#
#   scripts/fuzz.sh                       # all targets, 60 s each
#   FUZZ_SECONDS=10 scripts/fuzz.sh fuzz_hex_parser
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
build_dir="${BUILD_DIR:-build-fuzz}"
all=(fuzz_line_framer fuzz_bin_framer fuzz_hex_parser fuzz_bin_fields fuzz_wirespec fuzz_packet_decoder)
targets=("${@:-${all[@]}}")

command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ is needed (apt-get install clang)" >&2; exit 2; }
cmake -S fuzz -B "$build_dir" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j"$(nproc)" --target "${targets[@]}" >/dev/null

failed=0
for t in "${targets[@]}"; do
    out="fuzz/out/$t"
    mkdir -p "$out/corpus" "fuzz/regressions/$t"
    seeds=("fuzz/corpus/$t")
    [[ -n "$(ls -A "fuzz/regressions/$t")" ]] && seeds+=("fuzz/regressions/$t")
    set +e
    "$build_dir/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$out/" "$out/corpus" "${seeds[@]}" >"$out/log" 2>&1
    rc=$?
    set -e
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/log" | grep -o '[0-9]*$' || echo "?")
    cov=$(grep -o 'cov: [0-9]*' "$out/log" | tail -1 || true)
    if ((rc != 0)); then
        failed=1
        echo "$t: FAILED after $runs executions (exit $rc); see $out/log and $out/crash-*"
        grep -m3 -E 'invariant broken|ERROR: (AddressSanitizer|libFuzzer)|runtime error' "$out/log" || true
    else
        echo "$t: $runs executions in ${seconds} s, no crash ($cov)"
    fi
done
exit "$failed"
