#!/usr/bin/env bash
# Installs every build and test dependency of sskdt-sim with apt-get.
# Idempotent: packages already installed are skipped, so a second run is quick.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libboost1.81-dev
  libpugixml-dev nlohmann-json3-dev libyaml-cpp-dev
  libssl-dev openssl libxml2-dev libxmlsec1-dev libxmlsec1-openssl xmlsec1
  libsqlite3-dev sqlite3
  libgtest-dev libgmock-dev googletest
  clang libclang-rt-14-dev
  python3 python3-pytest python3-openpyxl python3-xmlsec python3-requests
  wrk util-linux
  libqrencode-dev libpng-dev zbar-tools
  libgoogle-perftools-dev liblz4-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || $SUDO apt-get update
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
