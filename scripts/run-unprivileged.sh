#!/usr/bin/env bash
# Runs one test executable as an ordinary user: uid/gid 65534 with no supplementary groups and
# no capabilities (setpriv --reuid=65534 --regid=65534 --clear-groups). CTest calls it for the
# second registration of every test (label "unprivileged", see tests/CMakeLists.txt):
#
#   scripts/run-unprivileged.sh EXECUTABLE [ARGS...]
#
# The user gets its own HOME, XDG directories, TMPDIR and working directory in a fresh directory
# under /tmp (QSettings, QStandardPaths and QTemporaryDir write there), removed afterwards.
# A checkout in a directory uid 65534 cannot enter (a CI clone under /root, mode 700) still
# works: the executable, $TCPLAB_BINARY, $TCPLAB_FUZZ_DIR, $TCPLAB_INSTALL_ROOT (tst_install's
# installed tree) and the sanitizers' suppression files
# are copied into that directory first when uid 65534 cannot read them where they are.
#
# Exit status: the test's; 77 (CTest: skipped) when not run as root, because then the plain
# registration already ran the test as an ordinary user and setpriv cannot switch users.
set -uo pipefail
uid=65534
exe=${1:?usage: run-unprivileged.sh EXECUTABLE [ARGS...]}
shift

if [[ $(id -u) != 0 ]]; then
    echo "SKIP: needs root to switch to uid $uid with setpriv; this run is already unprivileged" \
         "(uid $(id -u)), so the plain registration of this test covered it"
    exit 77
fi
if ! command -v setpriv >/dev/null; then
    echo "FAIL: setpriv (util-linux) is missing: cannot run the test as uid $uid" >&2
    exit 1
fi

as_user() { setpriv --reuid=$uid --regid=$uid --clear-groups -- "$@"; }

# A test that timed out was killed with this script (SIGKILL: no trap runs), so its directory
# stays; each name carries the PID of its script, and a later run removes those whose script is gone.
for old in /tmp/tcplab-unprivileged.*; do
    pid=${old#/tmp/tcplab-unprivileged.}
    pid=${pid%%.*}
    [[ -d $old && $pid =~ ^[0-9]+$ ]] && ! kill -0 "$pid" 2>/dev/null && rm -rf "$old"
done
dir=$(mktemp -d /tmp/tcplab-unprivileged.$$.XXXXXX) || exit 1
cleanup() { rm -rf "$dir"; }
trap cleanup EXIT
chmod 755 "$dir"
mkdir -p "$dir"/{home,config,cache,data,runtime,tmp,work,stage}
chown $uid:$uid "$dir"/{home,config,cache,data,runtime,tmp,work}
chmod 700 "$dir"/runtime

# Copies file or directory $1 into the stage unless uid 65534 can already read it; prints the
# path to use.
staged() {
    local src=$1 dst
    if [[ -d $src ]] && as_user test -r "$src" -a -x "$src"; then
        echo "$src"
    elif [[ ! -d $src ]] && as_user test -r "$src"; then
        echo "$src"
    else
        dst=$dir/stage/$(basename "$src")
        [[ -e $dst ]] && dst=$(mktemp -u "$dir/stage/XXXXXX")-$(basename "$src")
        cp -a "$src" "$dst" && chmod -R a+rX "$dst" && echo "$dst"
    fi
}

exe=$(staged "$exe") || exit 1
[[ -n ${TCPLAB_BINARY:-} && -e $TCPLAB_BINARY ]] && { TCPLAB_BINARY=$(staged "$TCPLAB_BINARY") || exit 1; export TCPLAB_BINARY; }
[[ -n ${TCPLAB_FUZZ_DIR:-} && -e $TCPLAB_FUZZ_DIR ]] && { TCPLAB_FUZZ_DIR=$(staged "$TCPLAB_FUZZ_DIR") || exit 1; export TCPLAB_FUZZ_DIR; }
[[ -n ${TCPLAB_INSTALL_ROOT:-} && -e $TCPLAB_INSTALL_ROOT ]] && { TCPLAB_INSTALL_ROOT=$(staged "$TCPLAB_INSTALL_ROOT") || exit 1; export TCPLAB_INSTALL_ROOT; }
for var in ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS TSAN_OPTIONS; do
    value=${!var:-}
    [[ $value =~ (^|:)suppressions=([^:]+) ]] || continue
    supp=${BASH_REMATCH[2]}
    [[ -e $supp ]] || continue
    copy=$(staged "$supp") || exit 1
    export "$var=${value/suppressions=$supp/suppressions=$copy}"
done

user=$(getent passwd $uid | cut -d: -f1)
export HOME=$dir/home XDG_CONFIG_HOME=$dir/config XDG_CACHE_HOME=$dir/cache XDG_DATA_HOME=$dir/data \
       XDG_RUNTIME_DIR=$dir/runtime TMPDIR=$dir/tmp USER=${user:-nobody} LOGNAME=${user:-nobody}
cd "$dir/work" || exit 1
echo "== as uid $uid (${user:-no passwd entry}), no groups, no capabilities: $exe $*"
as_user "$exe" "$@"
rc=$?
# A test killed by a signal dies of it here too, so CTest reports the crash as a crash.
if ((rc > 128)); then
    cleanup
    trap - EXIT
    kill -s $((rc - 128)) $$
fi
exit $rc
