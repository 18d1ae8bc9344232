#!/usr/bin/env bash
# Installs the Debian packages the project needs, only those missing, so a fresh machine (and CI)
# gets them without a hand step. Usage: scripts/system-deps.sh runtime|test
set -euo pipefail
want="${1:-test}"

# package name -> a file or command that proves it is installed
declare -A runtime=(
  [libusb-1.0-0]=/usr/lib/x86_64-linux-gnu/libusb-1.0.so.0
)
declare -A testing=(
  [socat]=socat
  [chromium]=chromium
  [fonts-noto-cjk]=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
  [postgresql]='/usr/lib/postgresql/*/bin/postgres'
  [espeak-ng]=espeak-ng
  [sox]=sox
)

missing=()
check() {
  local -n list=$1
  for pkg in "${!list[@]}"; do
    probe="${list[$pkg]}"
    if [[ "$probe" == /* ]]; then compgen -G "$probe" >/dev/null || missing+=("$pkg")
    else command -v "$probe" >/dev/null 2>&1 || missing+=("$pkg"); fi
  done
}
check runtime
[[ "$want" == test ]] && check testing

if ((${#missing[@]})); then
  echo "system-deps: installing ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
