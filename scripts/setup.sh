#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Install the Debian packages the build and the tests need, only those
# missing. Run as root (or with passwordless sudo); says what to do if not.
set -euo pipefail

# What the host build needs, and so make run (`setup.sh run`).
packages=(
  cmake make gcc libc6-dev          # host build
  libmbedtls-dev                    # PSA Crypto API on the host (Mbed TLS)
  valgrind                          # its headers: the benchmark's callgrind markers
)
# What the tests need besides (`setup.sh`, make test).
if [[ "${1:-}" != run ]]; then
  packages+=(
    gcc-arm-none-eabi libnewlib-arm-none-eabi  # Cortex-M33 cross-build
    cppcheck clang-format             # static analysis, format check
    clang libclang-rt-14-dev          # libFuzzer targets
    qemu-system-arm                   # the Cortex-M33 images under QEMU (mps2-an505)
  )
fi
# `setup.sh bench` adds what the benchmarks need (make bench): the plot,
# and git, curl and xz for the peers' sources (scripts/bench-sources.sh).
if [[ "${1:-}" == bench ]]; then
  packages+=(gnuplot-nox git curl xz-utils)
fi
# `setup.sh tfm` adds what TF-M's build runs (make tfm, and so make test):
# its Python modules, from Debian (/usr/bin/python3), and git and curl
# for its sources (scripts/tfm-sources.sh).
if [[ "${1:-}" == tfm || -z "${1:-}" ]]; then
  packages+=(git curl xz-utils python3 python3-cbor2 python3-click python3-cryptography
             python3-ecdsa python3-intelhex python3-jinja2 python3-jsonschema python3-kconfiglib
             python3-pyasn1 python3-pyelftools python3-yaml)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "setup: installing missing packages: ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "setup: these Debian packages are missing and I am not root:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
