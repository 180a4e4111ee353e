#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Build the libFuzzer targets and run each for N seconds (default 60;
# the test command runs a short smoke). Crashes fail the run and leave
# the input in build/fuzz/<target>-artifacts/; once fixed, such an input goes
# into tests/fuzz/regressions/<target>/ and is replayed on every run.
#   fuzz_sfdp              SFDP parsers (what any NOR part returns)
#   fuzz_sf_frame          the secure flash model's frame parser and engine
#   fuzz_sf_response       the host framework against hostile responses
#   fuzz_sf_response_jesd261  the same through the JESD261 HAL binding
#   fuzz_provision_config  the provisioning description parser
#   fuzz_etss_ipc          the partition's request manager, from any client
#   fuzz_fs_mount          the filesystem mounting a damaged zone
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
out=build/fuzz
mkdir -p "$out"
flags=(-std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
       -D_POSIX_C_SOURCE=200809L)
includes=(-Isecureflash/status -Isecureflash/transport -Isecureflash/jedec -Isecureflash/vendor/jesd261 -Isecureflash/vendor -Isecureflash/nor -Isecureflash/crypto
          -Isecureflash/vendor/sfp1 -Isecureflash/vendor/rpmc -Isecureflash/common -Isecureflash/api
          -Idevmodel/include -Idevmodel -Itools -Itests/harness
          -Iinterface/include -Ipartition/include -Ipartition/filesystem -Ipartition/service
          -Ipartition/manifest -Iruntime/include -Isuites/etss)
# sources LIB...: the libraries' sources, from their one list (cmake/etss_sources.cmake).
sources() {
  local IFS=';'
  cmake -DLIBS="$*" -P cmake/etss_sources_print.cmake
}
# The host framework, the device models and the test rig, as the tests link them.
mapfile -t stack < <(sources etss_status etss_transport etss_jedec etss_nor etss_sf_crypto etss_sf_vendor etss_jesd261 \
  etss_sf_vendor_sfp1 etss_rpmc etss_sf_vendor_rpmc etss_jesd261_binding etss_sf_common \
  etss_sf_vendor_table etss_sf_api \
  etss_devmodel etss_devmodel_hosted etss_provision_config etss_sf_rig)
[[ ${#stack[@]} -gt 0 ]] || { echo "fuzz: no sources" >&2; exit 1; }

# Builds and runs go as many at a time as there are cores: `spawn CMD...`
# starts one when a core is free, `reap` waits for all of them and fails if
# one did.
pids=()
spawn() {
  while [[ $(jobs -rp | wc -l) -ge $(nproc) ]]; do sleep 0.1; done
  "$@" &
  pids+=($!)
}
reap() {
  local failed=0
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  pids=()
  return $failed
}

build_target() { # name sources...
  local name=$1; shift
  clang "${flags[@]}" "${includes[@]}" "$@" -lmbedcrypto -o "$out/$name"
}

spawn build_target fuzz_sfdp tests/fuzz/fuzz_sfdp.c $(sources etss_status etss_jedec etss_transport)
spawn build_target fuzz_sf_frame tests/fuzz/fuzz_sf_frame.c "${stack[@]}"
spawn build_target fuzz_sf_response tests/fuzz/fuzz_sf_response.c "${stack[@]}"
spawn build_target fuzz_sf_response_jesd261 -DETSS_SFP1_VIA_JESD261 tests/fuzz/fuzz_sf_response.c \
  "${stack[@]}"
spawn build_target fuzz_etss_ipc tests/fuzz/fuzz_etss_ipc.c "${stack[@]}" \
  $(sources etss_fs etss_fs_zone etss_service etss_req_mngr etss_api etss_spm_host etss_host \
    etss_trust_file etss_suite_env etss_suite_common etss_test_harness) -lpthread
spawn build_target fuzz_fs_mount tests/fuzz/fuzz_fs_mount.c $(sources etss_status etss_fs_ram etss_sf_crypto etss_fs)
spawn build_target fuzz_provision_config tests/fuzz/fuzz_provision_config.c \
  $(sources etss_status etss_provision_config etss_devmodel etss_devmodel_hosted etss_sf_crypto \
    etss_transport)
reap || { echo "fuzz: a target did not build" >&2; exit 1; }

run_target() { # name
  local target=$1
  mkdir -p "$out/$target-corpus" "$out/$target-artifacts"
  # Inputs that once found a bug (tests/fuzz/regressions/<target>/) run first, every time.
  local regressions=()
  [ -d "tests/fuzz/regressions/$target" ] && regressions=("tests/fuzz/regressions/$target")
  "$out/$target" -max_total_time="$seconds" -print_final_stats=0 \
    -artifact_prefix="$out/$target-artifacts/" "$out/$target-corpus" "${regressions[@]}" \
    2>"$out/$target.log" \
    || { tail -40 "$out/$target.log" >&2; echo "fuzz: $target failed" >&2; return 1; }
  echo "fuzz: $target ran ${seconds}s: $(grep -o 'Done [0-9]* runs' "$out/$target.log" || echo done)"
}

for target in fuzz_sfdp fuzz_sf_frame fuzz_sf_response fuzz_sf_response_jesd261 \
  fuzz_provision_config fuzz_etss_ipc fuzz_fs_mount; do
  spawn run_target "$target"
done
reap || exit 1
