# SPDX-License-Identifier: BSD-3-Clause
#-------------------------------------------------------------------------------
# TF-M's extra configuration for the ETSS suites' image (scripts/tfm.sh):
# ETSS as an integrator configures it (integration/tfm/etss_config.cmake),
# plus the test peers (peers/), secure partitions of their own through
# which the secure suite, running in tf-m-tests' secure test partition,
# calls ETSS as other secure clients.
#-------------------------------------------------------------------------------
# The suites' board: the an521_model chip and a test door, a service of its
# own in the ETSS partition (board/etss_tfm_door.h).
set(ETSS_BOARD "${CMAKE_CURRENT_LIST_DIR}/board" CACHE STRING "ETSS board port" FORCE)
set(ETSS_BOARD_SERVICES "{
      \"name\": \"TFM_ETSS_TEST_DOOR\",
      \"sid\": \"0x00000F30\",
      \"non_secure_clients\": false,
      \"connection_based\": true,
      \"version\": 1,
      \"version_policy\": \"STRICT\"
    }" CACHE STRING "ETSS: the board's own services" FORCE)
include(${CMAKE_CURRENT_LIST_DIR}/../../../integration/tfm/etss_config.cmake)

# The secure suite's clients and the partition ids TF-M's SPM gives them;
# suites/etss/tfm/etss_tfm_suites.conf binds the same ids.
#   ETSS_S_CLIENT:          tf-m-tests' secure test partition (its pid)
#   ETSS_S_CLIENT_2:        peer S2, the second secure client of zone 1
#   ETSS_S_UNBOUND_CLIENT:  peer UNBOUND, a secure partition without a binding
#   ETSS_NS_CLIENT:         peer ZONE0, a secure partition bound to zone 0, the
#                           non-secure clients' zone (a secure partition cannot
#                           call as a non-secure client)
#   ETSS_NS_CLIENT_2:       peer ZONE0B, the second client of zone 0
set(ETSS_TEST_S_CLIENT 3002 CACHE INTERNAL "")
# Each peer: NAME PID SID CLIENT-MACRO.
set(ETSS_TEST_PEERS
    "S2 3100 0x00000F20 ETSS_S_CLIENT_2"
    "UNBOUND 3101 0x00000F21 ETSS_S_UNBOUND_CLIENT"
    "ZONE0 3102 0x00000F22 ETSS_NS_CLIENT"
    "ZONE0B 3103 0x00000F23 ETSS_NS_CLIENT_2"
    CACHE INTERNAL "")

# One manifest per peer from peers/etss_peer.yaml.in, one manifest list.
set(ETSS_TEST_PEERS_DIR "${CMAKE_CURRENT_LIST_DIR}/peers")
set(peer_manifest_dir "${CMAKE_BINARY_DIR}/etss_peer_manifest")
set(peer_entries "")
foreach(peer IN LISTS ETSS_TEST_PEERS)
  separate_arguments(peer)
  list(GET peer 0 PEER_NAME)
  list(GET peer 1 PEER_PID)
  list(GET peer 2 PEER_SID)
  string(TOLOWER "${PEER_NAME}" peer_name)
  configure_file("${ETSS_TEST_PEERS_DIR}/etss_peer.yaml.in"
                 "${peer_manifest_dir}/etss_peer_${peer_name}.yaml" @ONLY)
  if(peer_entries)
    string(APPEND peer_entries ",\n")
  endif()
  string(APPEND peer_entries
    "    {\n      \"description\": \"ETSS test peer ${PEER_NAME}\",\n"
    "      \"manifest\": \"etss_peer_${peer_name}.yaml\",\n"
    "      \"output_path\": \"secure_fw/partitions/etss_peer_${peer_name}\",\n"
    "      \"conditional\": \"TFM_PARTITION_ETSS\",\n"
    "      \"version_major\": 0,\n      \"version_minor\": 1,\n      \"pid\": ${PEER_PID},\n"
    "      \"linker_pattern\": {\n        \"library_list\": [\n"
    "          \"*tfm_*partition_etss_peer_${peer_name}.*\"\n        ]\n      }\n    }")
endforeach()
file(WRITE "${peer_manifest_dir}/etss_peer_manifest_list.yaml"
  "{\n  \"description\": \"ETSS test peers (suites/etss/tfm/etss_tfm_test_config.cmake)\",\n"
  "  \"type\": \"manifest_list\",\n  \"version_major\": 0,\n  \"version_minor\": 1,\n"
  "  \"manifest_list\": [\n${peer_entries}\n  ]\n}\n")

etss_tfm_add_partitions("${ETSS_TEST_PEERS_DIR}"
                        "${peer_manifest_dir}/etss_peer_manifest_list.yaml")
