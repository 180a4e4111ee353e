#!/usr/bin/env bash
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
includes=(-Isecureflash/transport -Isecureflash/jedec -Isecureflash/jedec/jesd261 -Isecureflash/nor -Isecureflash/crypto
          -Isecureflash/vendor/sfp1 -Isecureflash/vendor/rpmc -Isecureflash/common -Isecureflash/api
          -Idevmodel/include -Idevmodel -Itools -Itests/harness
          -Iinterface/include -Ipartition/include -Ipartition/filesystem -Ipartition/service
          -Ipartition/manifest -Iruntime/include -Isuites/etss)
# The host framework, the device models and the test rig, as the tests link them.
stack=(secureflash/transport/spi_transaction.c secureflash/jedec/sfdp.c
       secureflash/nor/nor_flash.c secureflash/crypto/sf_crypto.c
       secureflash/jedec/jesd261/jesd261_hal.c secureflash/jedec/jesd261/jesd261_binding.c
       secureflash/vendor/sfp1/sfp1_packet.c secureflash/vendor/sfp1/sfp1_host.c
       secureflash/vendor/sfp1/sfp1_jesd261.c
       secureflash/vendor/rpmc/rpmc_host.c
       secureflash/vendor/rpmc/rpmc_binding.c secureflash/common/sf_device.c
       secureflash/common/sf_vendor_table.c secureflash/common/sf_trust_ram.c secureflash/api/sf_api.c
       devmodel/nor_model.c devmodel/nor_model_sfdp.c devmodel/nor_model_image.c
       devmodel/model_spi.c devmodel/sf_model.c devmodel/sf_model_state.c devmodel/rpmc_model.c
       tools/provision_config.c tests/harness/sf_rig.c)

build_target() { # name sources...
  local name=$1; shift
  clang "${flags[@]}" "${includes[@]}" "$@" -lmbedcrypto -o "$out/$name"
}

build_target fuzz_sfdp tests/fuzz/fuzz_sfdp.c secureflash/jedec/sfdp.c \
  secureflash/transport/spi_transaction.c
build_target fuzz_sf_frame tests/fuzz/fuzz_sf_frame.c "${stack[@]}"
build_target fuzz_sf_response tests/fuzz/fuzz_sf_response.c "${stack[@]}"
build_target fuzz_sf_response_jesd261 -DETSS_SFP1_VIA_JESD261 tests/fuzz/fuzz_sf_response.c \
  "${stack[@]}"
build_target fuzz_etss_ipc tests/fuzz/fuzz_etss_ipc.c "${stack[@]}" \
  partition/filesystem/etss_fs.c partition/filesystem/etss_fs_zone.c partition/filesystem/etss_crc32.c \
  partition/service/etss_service.c partition/req_mngr/etss_req_mngr.c interface/src/etss_api.c \
  runtime/spm_core.c runtime/spm_host.c runtime/etss_host.c runtime/sf_trust_file.c suites/etss/etss_suite_env.c tests/harness/test_harness.c \
  -lpthread
build_target fuzz_fs_mount tests/fuzz/fuzz_fs_mount.c tests/harness/fs_ram.c tests/harness/seeded.c secureflash/crypto/sf_crypto.c \
  partition/filesystem/etss_fs.c partition/filesystem/etss_crc32.c
build_target fuzz_provision_config tests/fuzz/fuzz_provision_config.c tools/provision_config.c \
  devmodel/sf_model_state.c devmodel/nor_model.c devmodel/nor_model_sfdp.c \
  devmodel/nor_model_image.c

for target in fuzz_sfdp fuzz_sf_frame fuzz_sf_response fuzz_sf_response_jesd261 \
  fuzz_provision_config fuzz_etss_ipc fuzz_fs_mount; do
  mkdir -p "$out/$target-corpus" "$out/$target-artifacts"
  # Inputs that once found a bug (tests/fuzz/regressions/<target>/) run first, every time.
  regressions=()
  [ -d "tests/fuzz/regressions/$target" ] && regressions=("tests/fuzz/regressions/$target")
  "$out/$target" -max_total_time="$seconds" -print_final_stats=0 \
    -artifact_prefix="$out/$target-artifacts/" "$out/$target-corpus" "${regressions[@]}" \
    2>"$out/$target.log" \
    || { tail -40 "$out/$target.log" >&2; echo "fuzz: $target failed" >&2; exit 1; }
  echo "fuzz: $target ran ${seconds}s: $(grep -o 'Done [0-9]* runs' "$out/$target.log" || echo done)"
done
