#!/usr/bin/env bash
# Builds TCP Lab with sanitizers and runs the whole CTest suite under them; any sanitizer report
# fails the run (ASan/UBSan abort on the first one, TSan exits non-zero). Zero reports = pass.
#
#   scripts/sanitize.sh          # both, one after the other
#   scripts/sanitize.sh asan     # AddressSanitizer + UndefinedBehaviorSanitizer (+ LeakSanitizer), build-asan/
#   scripts/sanitize.sh tsan     # ThreadSanitizer, build-tsan/ (runs the canary first, see below)
#   scripts/sanitize.sh tsan-canary  # only build and check the canary (a minute, not an hour)
#   SANITIZE_HEAD=1 scripts/sanitize.sh ...   # build the committed HEAD (a snapshot in
#                                            # build-<name>/src), not the working tree
#
# TSan and Qt: Debian's Qt is not built with TSan, so TSan cannot see the synchronisation that
# happens inside libQt6Core (QMutex's slow path, QThread start/finish, queued-signal delivery).
# scripts/tsan.supp ignores only the interceptors Qt's own code calls (called_from_lib); each
# entry says why it is there. The canary (tests/tsan_canary.cpp, built with
# -DTCPLAB_TSAN_CANARY=ON) races on a plain int between two QThreads in code of its own: if TSan,
# with the same options and suppressions, does not report it, the suppressions hide the lab's
# own races too and the run FAILS, whatever the suite says.
# die_after_fork=0: tests start tcplab with QProcess (and fork children that only make system
# calls); TSan would otherwise kill the test at its next thread start after such a fork. The
# children exec or _exit at once and never start threads, which is what the option guards.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
which="${1:-all}"
jobs="${JOBS:-$(nproc)}"
export CCACHE_NOHASHDIR=true

# The canary must exit with TSan's exit code and a data-race report naming its own source.
check_canary() { # build-dir env...
    local dir=$1 rc=0
    shift
    echo "== tsan: canary (a deliberate race that the suppressions must not hide)"
    (env "$@" "$dir/tests/tsan_canary") >"$dir/tsan-canary.log" 2>&1 || rc=$?
    if ((rc == 66)) && grep -q 'WARNING: ThreadSanitizer: data race' "$dir/tsan-canary.log" &&
        grep -q 'tsan_canary.cpp' "$dir/tsan-canary.log"; then
        echo "== tsan: canary reported as it must be (exit $rc; see $dir/tsan-canary.log)"
        return 0
    fi
    echo "== tsan: canary NOT reported (exit $rc): scripts/tsan.supp suppresses races in the lab's own code; FAILED"
    return 1
}

run() { # name cmake-option env...
    local name=$1 option=$2
    shift 2
    local extra=()
    [[ $name == tsan ]] && extra=(-DTCPLAB_TSAN_CANARY=ON)
    local dir="$root/build-$name" src="$root" start
    start=$(date +%s)
    if [[ "${SANITIZE_HEAD:-0}" == 1 ]]; then
        src="$dir/src"
        dir="$dir/head"
        rm -rf "$src" && mkdir -p "$src"
        git -C "$root" archive HEAD | tar -x -C "$src"
    fi
    mkdir -p "$dir"
    echo "== $name: configure and build ($dir)"
    (export CCACHE_BASEDIR="$src"
     cmake -S "$src" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -D"$option"=ON "${extra[@]}" >"$dir/configure.log" 2>&1 &&
     cmake --build "$dir" -j"$jobs" ${CANARY_ONLY:+--target tsan_canary} >"$dir/build.log" 2>&1) || {
        echo "== $name: build FAILED (see $dir/configure.log, $dir/build.log)"
        return 1
    }
    local built=$(( $(date +%s) - start ))
    local rc=0
    if [[ $name == tsan ]]; then
        check_canary "$dir" "$@" || rc=1
        [[ -n ${CANARY_ONLY:-} ]] && return $rc
    fi
    echo "== $name: built in ${built} s; running ctest"
    (cd "$dir" && env "$@" ctest --output-on-failure -j"$jobs" --timeout 600) >"$dir/sanitize-ctest.log" 2>&1 || rc=$?
    tail -n 3 "$dir/sanitize-ctest.log"
    # Belt and braces: a report that did not fail its test still fails the run.
    if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|WARNING: ThreadSanitizer' "$dir/sanitize-ctest.log"; then
        echo "== $name: sanitizer reports found (see $dir/sanitize-ctest.log)"
        rc=1
    fi
    echo "== $name: $( ((rc == 0)) && echo passed || echo FAILED ) in $(( $(date +%s) - start )) s (build ${built} s)"
    return $rc
}

status=0
if [[ $which == all || $which == asan ]]; then
    run asan TCPLAB_ASAN \
        ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1" \
        UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
        LSAN_OPTIONS="suppressions=$root/scripts/lsan.supp:print_suppressions=0" || status=1
fi
# The suppressions of the tree that is built (the snapshot's with SANITIZE_HEAD=1).
supp_root=$root
[[ "${SANITIZE_HEAD:-0}" == 1 ]] && supp_root="$root/build-tsan/src"
tsan_options="suppressions=$supp_root/scripts/tsan.supp:halt_on_error=0:exitcode=66:second_deadlock_stack=1:print_suppressions=0:die_after_fork=0"
if [[ $which == tsan-canary ]]; then
    CANARY_ONLY=1 run tsan TCPLAB_TSAN TSAN_OPTIONS="$tsan_options" || status=1
fi
if [[ $which == all || $which == tsan ]]; then
    run tsan TCPLAB_TSAN \
        TSAN_OPTIONS="$tsan_options" || status=1
fi
exit $status
