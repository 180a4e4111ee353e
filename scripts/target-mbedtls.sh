#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Build Mbed TLS for Cortex-M33 from Debian's source package, configured with
# only what ETSS's crypto interface uses (target/mbedtls/), and prove it links.
#
#   scripts/target-mbedtls.sh [OUT_DIR]      (default build/target/mbedtls)
#
# OUT_DIR/apt/      private apt sources list, lists, cache (host apt untouched)
# OUT_DIR/source/   the source package as apt-get source leaves it
# OUT_DIR/build/    the CMake build: libmbedcrypto_etss.a, link_check.elf
#
# The download happens once: a second run finds the unpacked source and only
# rebuilds (incrementally).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

out=${1:-build/target/mbedtls}
mkdir -p "$out"
out=$(cd "$out" && pwd) # apt wants absolute paths in its options
apt_dir=$out/apt
src_root=$out/source
build=$out/build

# Same upstream version as the host's libmbedtls-dev, so host and target see
# the same PSA Crypto API headers. Empty if the host has none (then: newest).
host_version=$(dpkg-query -W -f='${Version}' libmbedtls-dev 2>/dev/null || true)
host_upstream=${host_version#*:}
host_upstream=${host_upstream%-*}

# An unpacked tree: the one matching the host if there, else any.
find_source() {
  local d
  for d in "$src_root/mbedtls-$host_upstream" "$src_root"/mbedtls-*; do
    if [[ -f "$d/include/mbedtls/check_config.h" && -f "$d/library/psa_crypto.c" ]]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

fetch_source() {
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/state" "$src_root"
  # Only Debian's main archive, only source indexes, checked against
  # Debian's archive key (apt verifies Release -> Sources -> .dsc -> files).
  cat >"$apt_dir/sources.list" <<'EOF'
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main
EOF
  # Every directory apt writes to is private; the dpkg status is only read.
  # No host source parts or preferences leak in. Fail fast without network.
  local apt_opts=(
    -o "Dir::Etc::SourceList=$apt_dir/sources.list"
    -o "Dir::Etc::SourceParts=/dev/null"
    -o "Dir::Etc::Preferences=/dev/null"
    -o "Dir::Etc::PreferencesParts=/dev/null"
    -o "Dir::State=$apt_dir/state"
    -o "Dir::State::Lists=$apt_dir/lists"
    -o "Dir::State::status=/var/lib/dpkg/status"
    -o "Dir::Cache=$apt_dir/cache"
    -o "Acquire::Retries=0"
    -o "Acquire::http::Timeout=20"
    -o "Acquire::Languages=none"
  )
  # apt downloads as the unprivileged _apt user when run as root: let it
  # write where the files go (else it warns and downloads as root).
  if [[ $EUID -eq 0 ]] && id _apt >/dev/null 2>&1; then
    chown _apt "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$src_root"
  fi

  echo "mbedtls: fetching Debian source indexes (bookworm main, deb-src)"
  if ! apt-get "${apt_opts[@]}" -q update >"$apt_dir/update.log" 2>&1 ||
    grep -qE '^(E|W): (Failed to fetch|Some index files failed)' "$apt_dir/update.log"; then
    sed 's/^/  /' "$apt_dir/update.log" >&2
    echo "mbedtls: cannot reach http://deb.debian.org/debian (no network or no" \
         "deb-src access?); nothing was downloaded. Once the source is unpacked" \
         "under $src_root, this script works offline." >&2
    exit 1
  fi

  # Pin the host's exact package version when bookworm main still has it.
  local want=mbedtls
  if [[ -n "$host_version" ]] &&
    apt-cache "${apt_opts[@]}" showsrc mbedtls 2>/dev/null | grep -qx "Version: $host_version"; then
    want="mbedtls=$host_version"
  else
    echo "mbedtls: host version '${host_version:-none}' not in bookworm main; taking the newest" >&2
  fi

  # With dpkg-dev, apt-get source unpacks via dpkg-source -x (upstream
  # tarball plus Debian's patches). Without it, download only and unpack the
  # upstream tarball alone.
  if command -v dpkg-source >/dev/null; then
    echo "mbedtls: apt-get source $want (unpacked by dpkg-source)"
    (cd "$src_root" && apt-get "${apt_opts[@]}" -q source "$want")
  else
    echo "mbedtls: apt-get source --download-only $want (no dpkg-source: unpacking the .orig tarball, no Debian patches)"
    (cd "$src_root" && apt-get "${apt_opts[@]}" -q source --download-only "$want")
    # The tarball's top directory is GitHub's (Mbed-TLS-mbedtls-<commit>):
    # unpack as mbedtls-<upstream version>, where dpkg-source would put it,
    # through a temporary directory so an interrupted run leaves no half tree.
    local orig upstream
    orig=$(find "$src_root" -maxdepth 1 -name 'mbedtls_*.orig.tar.*' | head -1)
    upstream=$(basename "$orig")
    upstream=${upstream#mbedtls_}
    upstream=${upstream%.orig.tar.*}
    rm -rf "$src_root/.unpack"
    mkdir "$src_root/.unpack"
    tar -xf "$orig" -C "$src_root/.unpack" --strip-components=1
    mv "$src_root/.unpack" "$src_root/mbedtls-$upstream"
  fi
  # Hand the directory back from _apt to whoever runs this.
  chown "$(id -u):$(id -g)" "$src_root"
}

if src=$(find_source); then
  echo "mbedtls: source already unpacked: $src (no download)"
else
  fetch_source
  src=$(find_source) || {
    echo "mbedtls: no unpacked Mbed TLS source under $src_root" >&2
    exit 1
  }
fi

# MinSizeRel: -Os -DNDEBUG; the CMakeLists adds the target flags itself too.
cmake -S "$repo/target/mbedtls" -B "$build" \
  -DCMAKE_TOOLCHAIN_FILE="$repo/cmake/arm-none-eabi.cmake" \
  -DCMAKE_BUILD_TYPE=MinSizeRel -DMBEDTLS_SOURCE_DIR="$src" >"$out/cmake-configure.log"
cmake --build "$build" -j"$(nproc)" >"$out/cmake-build.log" || {
  tail -40 "$out/cmake-build.log" >&2
  exit 1
}

lib=$build/libmbedcrypto_etss.a
elf=$build/link_check.elf
version=$(sed -n 's/^#define MBEDTLS_VERSION_STRING *"\(.*\)"/\1/p' "$src/include/mbedtls/version.h")
echo "mbedtls: Mbed TLS $version from $src"
echo "mbedtls: archive: $lib"
arm-none-eabi-size -t "$lib" | tail -1 | awk '{printf "mbedtls: archive total  text %s  data %s  bss %s\n", $1, $2, $3}'
echo "mbedtls: link check (Cortex-M33, newlib nosys): $elf"
arm-none-eabi-size "$elf" | tail -1 | awk '{printf "mbedtls: whole image    text %s  data %s  bss %s\n", $1, $2, $3}'
