#!/usr/bin/env bash
# Builds the Debian package (cpack -G DEB) from a clean clone of this checkout's committed HEAD
# (uncommitted changes are not packaged) and copies it to dist/:
#
#   scripts/package.sh           dist/tcplab_VERSION_ARCH.deb
#   scripts/package.sh --check   the same, then inspects it with dpkg-deb -I / -c, checks its
#                                fields and files, runs the packaged binary from an extracted
#                                copy, and asks apt-get to simulate installing it (nothing is
#                                installed)
set -euo pipefail
cd "$(dirname "$0")/.."
check=0
case "${1:-}" in
    "") ;;
    --check) check=1 ;;
    *) echo "usage: scripts/package.sh [--check]" >&2; exit 2 ;;
esac
scripts/install-deps.sh
work=$(mktemp -d /tmp/tcplab-package.XXXXXX)
trap 'rm -rf "$work"' EXIT
git clone -q --no-local . "$work/src"
echo "== building $(git -C "$work/src" log -1 --format='%h %s' | cut -c1-80) in $work"
# The build inside the clone and the build type of scripts/build.sh: ccache then shares objects
# with other checkouts (paths relative to the clone).
export CCACHE_BASEDIR="$work/src" CCACHE_NOHASHDIR=true
build="$work/src/build"
cmake -S "$work/src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" -j"$(nproc)"
(cd "$build" && cpack -G DEB >/dev/null)
mkdir -p dist
deb=$(ls "$build"/tcplab_*.deb)
cp "$deb" dist/
deb=dist/$(basename "$deb")
echo "== $deb"
((check)) || exit 0

fail() { echo "FAIL: $*" >&2; exit 1; }
info=$(dpkg-deb -I "$deb")
contents=$(dpkg-deb -c "$deb")
echo "$info"
echo "$contents"
for field in Package Version Architecture Maintainer Section Description Depends; do
    grep -q "^ $field: ." <<<"$info" || fail "the control file has no $field field"
done
# Depends from dpkg-shlibdeps: the Qt libraries the binary links, with versions.
for lib in libqt6core6 libqt6widgets6 libqt6network6 libpcap0.8 libc6; do
    grep -q "^ Depends:.*\b$lib (>= " <<<"$info" || fail "Depends does not name $lib with a version"
done
for path in ./usr/bin/tcplab ./usr/share/applications/tcplab.desktop ./usr/share/man/man1/tcplab.1 \
            ./usr/share/bash-completion/completions/tcplab ./usr/share/zsh/vendor-completions/_tcplab \
            ./usr/share/icons/hicolor/scalable/apps/tcplab.svg ./usr/share/icons/hicolor/48x48/apps/tcplab.png \
            ./usr/share/tcplab/translations/tcplab_zh_CN.qm ./usr/share/doc/tcplab/README.Debian; do
    grep -q " $path\$" <<<"$contents" || fail "the package has no $path"
done
grep -q ' ./usr/share/metainfo/.*\.metainfo\.xml$' <<<"$contents" || fail "the package has no AppStream metainfo"
# No setuid or setgid file: the wire relies on unprivileged user namespaces (README.Debian).
if grep -E '^-..[sS]|^-.....[sS]' <<<"$contents"; then fail "the package has a setuid/setgid file"; fi

# The packaged files work from an extracted copy, outside the build tree.
dpkg-deb -x "$deb" "$work/root"
env -u LD_LIBRARY_PATH -u DISPLAY -u WAYLAND_DISPLAY "$work/root/usr/bin/tcplab" --version
env -u LD_LIBRARY_PATH -u DISPLAY -u WAYLAND_DISPLAY "$work/root/usr/bin/tcplab" --help >/dev/null || fail "the packaged tcplab --help failed"
desktop-file-validate "$work/root/usr/share/applications/tcplab.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "$work"/root/usr/share/metainfo/*.metainfo.xml || fail "appstreamcli validate"
man -l "$work/root/usr/share/man/man1/tcplab.1" 2>&1 | grep -q -- '--keepidle' || fail "man -l does not render the packaged page"

# What apt would do on this machine, without doing it.
apt-get install --simulate -q "./$deb" 2>&1 | grep -E '^(Inst|Conf) |^E:|newly installed' || true
apt-get install --simulate -q "./$deb" >/dev/null 2>&1 || fail "apt-get install --simulate ./$deb failed"
echo "OK: $deb"
