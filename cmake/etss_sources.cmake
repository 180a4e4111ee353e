# SPDX-License-Identifier: BSD-3-Clause
# The one source list of every ETSS library, for every build that compiles
# them: the host build (CMakeLists.txt), the cross-build check, the QEMU
# images (target/an505), the TF-M partition (integration/tfm) and the
# fuzzers (scripts/fuzz.sh, through etss_sources_print.cmake). Adding a
# source to a library is one line here.
#
# For each library <lib>: <lib>_SOURCES (absolute paths) and
# <lib>_INCLUDES (its public include directories).

get_filename_component(ETSS_ROOT "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)

# The project's warnings, for every build of its sources.
set(ETSS_WARNINGS -Wall -Wextra -Werror -Wshadow -Wconversion -Wsign-conversion
    -Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith -Wcast-qual -Wundef -Wformat=2
    -Wvla -Wswitch-enum -Wnull-dereference)
set(_sf ${ETSS_ROOT}/secureflash)
set(_pt ${ETSS_ROOT}/partition)
set(_dm ${ETSS_ROOT}/devmodel)

# ---- partition side (freestanding), in layer order, lowest first ----
set(etss_transport_SOURCES ${_sf}/transport/spi_transaction.c)
set(etss_status_SOURCES ${_sf}/status/sf_status.c)
set(etss_status_INCLUDES ${_sf}/status)
set(etss_transport_INCLUDES ${_sf}/transport)
set(etss_jedec_SOURCES ${_sf}/jedec/sfdp.c)
set(etss_jedec_INCLUDES ${_sf}/jedec)
set(etss_nor_SOURCES ${_sf}/nor/nor_flash.c)
set(etss_nor_INCLUDES ${_sf}/nor)
set(etss_sf_crypto_SOURCES ${_sf}/crypto/sf_crypto.c)
set(etss_sf_crypto_INCLUDES ${_sf}/crypto)
# The vendor contract (sf_vendor.h): what the common layer and every
# vendor binding share.
set(etss_sf_vendor_SOURCES ${_sf}/vendor/sf_vendor.c)
set(etss_sf_vendor_INCLUDES ${_sf}/vendor)
set(etss_jesd261_SOURCES ${_sf}/vendor/jesd261/jesd261_hal.c)
set(etss_jesd261_INCLUDES ${_sf}/vendor/jesd261 ${_sf}/vendor)
set(etss_sf_vendor_sfp1_SOURCES ${_sf}/vendor/sfp1/sfp1_packet.c ${_sf}/vendor/sfp1/sfp1_request.c
    ${_sf}/vendor/sfp1/sfp1_host.c
    ${_sf}/vendor/sfp1/sfp1_jesd261.c)
set(etss_sf_vendor_sfp1_INCLUDES ${_sf}/vendor/sfp1 ${_sf}/vendor)
set(etss_rpmc_SOURCES ${_sf}/vendor/rpmc/rpmc_host.c)
set(etss_rpmc_INCLUDES ${_sf}/vendor/rpmc)
set(etss_sf_vendor_rpmc_SOURCES ${_sf}/vendor/rpmc/rpmc_binding.c)
set(etss_sf_vendor_rpmc_INCLUDES ${_sf}/vendor/rpmc ${_sf}/vendor)
# The JESD261 HAL as a binding, with the vendors this build's HAL knows.
set(etss_jesd261_binding_SOURCES ${_sf}/vendor/jesd261/jesd261_binding.c)
set(etss_jesd261_binding_INCLUDES ${_sf}/vendor/jesd261)
# The vendor table is compiled by each build with its ETSS_SFP1_VIA_JESD261
# choice (etss_sf_vendor_table_SOURCES), apart from the rest of the layer.
set(etss_sf_common_SOURCES ${_sf}/common/sf_device.c ${_sf}/common/sf_trust_ram.c
    ${_sf}/common/sf_part_record.c)
set(etss_sf_common_INCLUDES ${_sf}/common)
set(etss_sf_vendor_table_SOURCES ${_sf}/common/sf_vendor_table.c)
set(etss_sf_api_SOURCES ${_sf}/api/sf_api.c)
set(etss_sf_api_INCLUDES ${_sf}/api)
set(etss_fs_SOURCES ${_pt}/filesystem/etss_fs.c ${_pt}/filesystem/etss_crc32.c)
set(etss_fs_INCLUDES ${_pt}/filesystem ${_pt}/include)
set(etss_fs_zone_SOURCES ${_pt}/filesystem/etss_fs_zone.c)
set(etss_interface_INCLUDES ${ETSS_ROOT}/interface/include)
set(etss_service_SOURCES ${_pt}/service/etss_service.c)
set(etss_service_INCLUDES ${_pt}/service ${_pt}/include)
set(etss_req_mngr_SOURCES ${_pt}/req_mngr/etss_req_mngr.c)
# The client API: linked into the NSPE and into secure partitions.
set(etss_api_SOURCES ${ETSS_ROOT}/interface/src/etss_api.c)

# Every partition-side library, lowest layer first (the vendor table apart:
# a build adds etss_sf_vendor_table_SOURCES with its own choice).
set(ETSS_PARTITION_LIBRARIES etss_status etss_transport etss_jedec etss_nor etss_sf_crypto etss_sf_vendor
    etss_jesd261 etss_sf_vendor_sfp1 etss_rpmc etss_sf_vendor_rpmc etss_jesd261_binding
    etss_sf_common etss_sf_api etss_fs etss_fs_zone etss_interface etss_service etss_req_mngr)
set(ETSS_PARTITION_SOURCES "")
set(ETSS_PARTITION_INCLUDES "")
foreach(lib IN LISTS ETSS_PARTITION_LIBRARIES)
  list(APPEND ETSS_PARTITION_SOURCES ${${lib}_SOURCES})
  list(APPEND ETSS_PARTITION_INCLUDES ${${lib}_INCLUDES})
endforeach()
list(REMOVE_DUPLICATES ETSS_PARTITION_INCLUDES)

# ---- the device models (the "chips") ----
# Memory: the heap on a host, a static pool in an image without one.
set(etss_devmodel_SOURCES ${_dm}/nor_model.c ${_dm}/nor_model_sfdp.c ${_dm}/model_spi.c
    ${_dm}/sf_model.c ${_dm}/sf_model_state.c ${_dm}/rpmc_model.c)
set(etss_devmodel_INCLUDES ${_dm}/include)
set(etss_devmodel_PRIVATE_INCLUDES ${_dm} ${_sf}/vendor/sfp1 ${_sf}/vendor/rpmc)
set(etss_devmodel_hosted_SOURCES ${_dm}/model_memory_heap.c ${_dm}/nor_model_image.c)
set(etss_devmodel_pool_SOURCES ${_dm}/model_memory_pool.c ${_dm}/nor_model_no_image.c)

# ---- host side: the SPM, the platform port, tools' and tests' support ----
set(_rt ${ETSS_ROOT}/runtime)
set(etss_spm_host_SOURCES ${_rt}/spm_core.c ${_rt}/spm_host.c)
set(etss_spm_target_SOURCES ${_rt}/spm_core.c ${_rt}/spm_target.c)
set(etss_trust_file_SOURCES ${_rt}/sf_trust_file.c)
set(etss_host_SOURCES ${_rt}/etss_host.c)
set(etss_runtime_INCLUDES ${_rt}/include)
set(etss_provision_config_SOURCES ${ETSS_ROOT}/tools/provision_config.c)
set(etss_provision_config_INCLUDES ${ETSS_ROOT}/tools)
set(etss_test_harness_SOURCES ${ETSS_ROOT}/tests/harness/test_harness.c)
set(etss_test_harness_INCLUDES ${ETSS_ROOT}/tests/harness)
# The CMSIS-Driver SPI adapter for boards with a CMSIS SPI driver; it
# needs CMSIS's Driver_SPI.h beside its own folder on the include path.
set(etss_spi_cmsis_SOURCES ${ETSS_ROOT}/integration/cmsis/etss_spi_cmsis.c)
set(etss_spi_cmsis_INCLUDES ${ETSS_ROOT}/integration/cmsis)
set(etss_bus_liar_SOURCES ${ETSS_ROOT}/tests/harness/bus_liar.c)
set(etss_sf_rig_SOURCES ${ETSS_ROOT}/tests/harness/sf_rig.c ${etss_bus_liar_SOURCES})
set(etss_fake_vendor_SOURCES ${ETSS_ROOT}/tests/harness/fake_vendor.c)
set(etss_fs_ram_SOURCES ${ETSS_ROOT}/tests/harness/fs_ram.c ${ETSS_ROOT}/tests/harness/seeded.c)
set(etss_suite_parts_SOURCES ${ETSS_ROOT}/suites/etss/etss_suite_parts.c)
set(etss_suite_env_SOURCES ${ETSS_ROOT}/suites/etss/etss_suite_env.c ${etss_suite_parts_SOURCES})
set(etss_suite_common_SOURCES ${ETSS_ROOT}/suites/etss/etss_suite_common.c)

unset(_rt)
unset(_sf)
unset(_pt)
unset(_dm)
