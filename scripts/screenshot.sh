#!/usr/bin/env bash
# Makes docs/screenshot.png: the lab window under Xvfb with the server started on a free port
# and a few exchanges from the command-line client in its log. Then the wire's views from a
# real run (tcplab-viewshots: a transfer across a 50 ms wire with one data segment dropped):
# docs/ladder.png, docs/timesequence.png and docs/tcpinfo.png (a view this build lacks is
# skipped with a line naming the missing widget).
# Needs xvfb-run and ImageMagick's import: TCPLAB_WITH_XVFB=1 scripts/install-deps.sh
# Usage: scripts/screenshot.sh [build-dir]   (default: build)
# TCPLAB_SCREENSHOT_LANG=zh_CN.UTF-8 shows the Chinese translation (needs a CJK font such as
# fonts-wqy-microhei) and names the view pictures ladder-zh_CN.png ...;
# TCPLAB_SCREENSHOT_OUT=FILE writes the window's picture elsewhere, TCPLAB_SCREENSHOT_DIR=DIR
# the views' (default docs); TCPLAB_SCREENSHOT_VIEWS=0 skips the views, =only makes only them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
binary=$build/tcplab
out=${TCPLAB_SCREENSHOT_OUT:-$root/docs/screenshot.png}
tools="xvfb-run python3"
[[ ${TCPLAB_SCREENSHOT_VIEWS:-1} == only ]] || tools="$tools import"  # the views are grabbed by tcplab-viewshots
for tool in $tools; do
    command -v "$tool" >/dev/null || { echo "screenshot: $tool is missing (TCPLAB_WITH_XVFB=1 scripts/install-deps.sh)" >&2; exit 1; }
done
[[ -x $binary ]] || { echo "screenshot: $binary is not built" >&2; exit 1; }
views=${TCPLAB_SCREENSHOT_VIEWS:-1}
viewshots=$build/tools/viewshots/tcplab-viewshots
viewdir=${TCPLAB_SCREENSHOT_DIR:-$root/docs}
if [[ $views != 0 && ! -x $viewshots ]]; then
    echo "screenshot: $viewshots is not built (cmake --build $build --target tcplab-viewshots)" >&2
    exit 1
fi
mkdir -p "$(dirname "$out")" "$viewdir"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# Runs inside the X server: the window with fresh settings, then the client, then the capture.
cat >"$work/inside.sh" <<'INSIDE'
set -euo pipefail
export XDG_CONFIG_HOME=$WORK/config LANG=${TCPLAB_SCREENSHOT_LANG:-C.UTF-8}
if [[ $VIEWS != 0 ]]; then
    # The views' language: the locale's, without the codeset (zh_CN.UTF-8 -> zh_CN); none for C.
    lang=${LANG%%.*}
    [[ $lang == C || $lang == POSIX || $lang == en* ]] && lang=
    "$VIEWSHOTS" "$VIEWDIR" $lang
fi
[[ $VIEWS == only ]] && exit 0
# Fresh settings that open on the "Effective options" tab: what the kernel made of each option.
mkdir -p "$XDG_CONFIG_HOME/TCP Lab"
printf '[window]\ntab=2\n' >"$XDG_CONFIG_HOME/TCP Lab/tcplab.conf"
"$BINARY" --start --host 127.0.0.1 --port "$PORT" --mode threaded --handler line --persistent-mode off \
    --log-level debug --keepidle 600 --rcvbuf 4096 >"$WORK/window.log" 2>&1 &
app=$!
for _ in $(seq 100); do
    python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $PORT), 0.2).close()" 2>/dev/null && break
    sleep 0.1
done
for message in "hello tcp lab" "GET / HTTP/1.0" "the kernel decides"; do
    "$BINARY" --send "$message"$'\n' --port "$PORT" >/dev/null
done
"$BINARY" --send 68656c6c6f0a --hex --port "$PORT" --client-nodelay off >/dev/null
sleep 2   # let the connection table refresh and the log tick
import -window root "$OUT"
kill "$app"
wait "$app" || true
INSIDE
WORK=$work BINARY=$binary PORT=$port OUT=$out VIEWS=$views VIEWSHOTS=$viewshots VIEWDIR=$viewdir \
    xvfb-run -a -s "-screen 0 1360x860x24" bash "$work/inside.sh"
[[ $views == only ]] || echo "wrote $out"
