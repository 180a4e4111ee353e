# SPDX-License-Identifier: BSD-3-Clause
#-------------------------------------------------------------------------------
# ETSS in a TF-M 2.1 build: give TF-M this file as its extra configuration,
#
#   -DTFM_EXTRA_CONFIG_PATH=<etss>/integration/tfm/etss_config.cmake
#
# and it adds the ETSS partition (out of tree: TFM_EXTRA_MANIFEST_LIST_FILES
# and TFM_EXTRA_PARTITION_PATHS), turns on the services ETSS calls, and
# declares ETSS's settings as cache options (docs/tfm-integration.md).
#-------------------------------------------------------------------------------

set(TFM_PARTITION_ETSS ON CACHE BOOL "Build the ETSS (External Trusted Secure Storage) partition")
set(ETSS_MAX_ASSET_SIZE 2048 CACHE STRING "ETSS: largest asset, bytes")
set(ETSS_MAX_ASSETS_PER_CLIENT 16 CACHE STRING "ETSS: assets one client may hold")
set(ETSS_MAX_ASSETS_PER_ZONE 32 CACHE STRING "ETSS: assets one zone's filesystem indexes")
set(ETSS_MAX_DEVICES 2 CACHE STRING "ETSS: secure flash devices served at once")
set(ETSS_BOARD "an521_model" CACHE STRING
    "ETSS board port: an521_model (the device model inside the secure image) or a path to a board port's CMakeLists folder")
set(ETSS_MODEL_FLASH_BYTES 524288 CACHE STRING
    "ETSS an521_model board: bytes of the modelled flash array (secure RAM)")
set(ETSS_SPI_MMIO_REGION "" CACHE STRING
    "ETSS: the platform's MMIO region of the SPI controller (tfm_peripherals_def.h), granted to the partition; empty when the partition reaches no peripheral")
set(ETSS_BOARD_SERVICES "" CACHE STRING
    "ETSS: manifest entries (JSON objects, comma-separated) of the board's own services in the ETSS partition; the board port defines ETSS_BOARD_SIGNALS and serves them (partition/include/etss_platform.h)")
set(ETSS_FACTORY_RECORD "" CACHE FILEPATH
    "ETSS: a provisioning message (etss-provision --out) the factory partition provisions at first boot; empty: no factory partition")
set(ETSS_FACTORY_PARTS 1 CACHE STRING "ETSS: blank parts the factory partition provisions at boot")
set(ETSS_FACTORY_PARTITION_ID 446 CACHE STRING "ETSS: partition id of the factory provisioning partition")

# ETSS derives every zone key from the HUK (TF-M's builtin key, which the
# crypto service derives per partition) and keeps its part records in ITS.
set(TFM_PARTITION_CRYPTO ON CACHE BOOL "Enable Crypto partition" FORCE)
set(TFM_PARTITION_INTERNAL_TRUSTED_STORAGE ON CACHE BOOL "Enable Internal Trusted Storage partition" FORCE)

get_filename_component(ETSS_TFM_DIR "${CMAKE_CURRENT_LIST_DIR}" ABSOLUTE)
get_filename_component(ETSS_ROOT "${ETSS_TFM_DIR}/../.." ABSOLUTE)

# The manifest as the project keeps it, with the SPI controller's MMIO
# region added when the board has one; the manifest lists point at the
# copies in the build tree.
set(ETSS_TFM_MANIFEST_DIR "${CMAKE_BINARY_DIR}/etss_manifest")
file(READ "${ETSS_ROOT}/partition/manifest/etss.yaml" etss_manifest)
if(ETSS_SPI_MMIO_REGION)
  string(REPLACE "  \"dependencies\": ["
    "  \"mmio_regions\": [\n    {\n      \"name\": \"${ETSS_SPI_MMIO_REGION}\",\n      \"permission\": \"READ-WRITE\"\n    }\n  ],\n  \"dependencies\": ["
    etss_manifest "${etss_manifest}")
endif()
if(ETSS_BOARD_SERVICES)
  string(REPLACE "      \"version_policy\": \"STRICT\"\n    }\n  ],"
    "      \"version_policy\": \"STRICT\"\n    },\n    ${ETSS_BOARD_SERVICES}\n  ],"
    etss_manifest_with_board "${etss_manifest}")
  if(etss_manifest_with_board STREQUAL etss_manifest)
    message(FATAL_ERROR "ETSS: the manifest's services list was not found for ETSS_BOARD_SERVICES")
  endif()
  set(etss_manifest "${etss_manifest_with_board}")
endif()
file(WRITE "${ETSS_TFM_MANIFEST_DIR}/etss.yaml" "${etss_manifest}")
configure_file("${ETSS_ROOT}/partition/manifest/etss_manifest_list.yaml"
               "${ETSS_TFM_MANIFEST_DIR}/etss_manifest_list.yaml" COPYONLY)
# etss_tfm_add_partitions(PARTITION_DIR MANIFEST_LIST...): out-of-tree
# partitions for TF-M, added to its cache lists (what was there kept).
function(etss_tfm_add_partitions dir)
  set(lists ${TFM_EXTRA_MANIFEST_LIST_FILES} ${ARGN})
  list(REMOVE_DUPLICATES lists)
  set(TFM_EXTRA_MANIFEST_LIST_FILES "${lists}" CACHE FILEPATH
      "List of Extra manifest list file(s), used to list extra Secure Partition manifests." FORCE)
  set(paths ${TFM_EXTRA_PARTITION_PATHS} ${dir})
  list(REMOVE_DUPLICATES paths)
  set(TFM_EXTRA_PARTITION_PATHS "${paths}" CACHE PATH
      "List of extra Secure Partitions directories." FORCE)
endfunction()

set(etss_manifest_lists "${ETSS_TFM_MANIFEST_DIR}/etss_manifest_list.yaml")
if(ETSS_FACTORY_RECORD)
  configure_file("${ETSS_TFM_DIR}/factory/etss_factory.yaml"
                 "${ETSS_TFM_MANIFEST_DIR}/etss_factory.yaml" COPYONLY)
  configure_file("${ETSS_TFM_DIR}/factory/etss_factory_manifest_list.yaml.in"
                 "${ETSS_TFM_MANIFEST_DIR}/etss_factory_manifest_list.yaml" @ONLY)
  list(APPEND etss_manifest_lists "${ETSS_TFM_MANIFEST_DIR}/etss_factory_manifest_list.yaml")
endif()
etss_tfm_add_partitions("${ETSS_TFM_DIR}" ${etss_manifest_lists})
