#!/usr/bin/env bash
# Installs the Debian 12 packages TCP Lab needs, only those that are missing.
# desktop-file-utils, appstream and man-db: tst_install validates the installed tree with them;
# dpkg-dev and file: cpack -G DEB (scripts/package.sh) computes Depends with dpkg-shlibdeps.
set -euo pipefail
packages=(build-essential cmake ccache qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
          libgl-dev libxkbcommon-dev iproute2 python3 libpcap-dev tcpdump ethtool
          desktop-file-utils appstream man-db dpkg-dev file)
if [[ "${TCPLAB_WITH_XVFB:-0}" == 1 ]]; then
    packages+=(xvfb xauth imagemagick)
fi
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "installing: ${missing[*]}"
    sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
