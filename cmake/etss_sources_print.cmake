# SPDX-License-Identifier: BSD-3-Clause
# Print the sources of libraries, one per line, relative to the tree, for
# scripts that do not build with CMake (scripts/fuzz.sh):
#   cmake -DLIBS="etss_transport;etss_jedec" -P cmake/etss_sources_print.cmake
# or the partition's libraries, one per line (scripts/check-layers.sh):
#   cmake -DPARTITION_LIBRARIES=1 -P cmake/etss_sources_print.cmake
include(${CMAKE_CURRENT_LIST_DIR}/etss_sources.cmake)
if(PARTITION_LIBRARIES)
  foreach(lib IN LISTS ETSS_PARTITION_LIBRARIES)
    execute_process(COMMAND ${CMAKE_COMMAND} -E echo "${lib}")
  endforeach()
  return()
endif()
foreach(lib IN LISTS LIBS)
  if(NOT DEFINED ${lib}_SOURCES)
    message(FATAL_ERROR "no library ${lib} in cmake/etss_sources.cmake")
  endif()
  foreach(src IN LISTS ${lib}_SOURCES)
    file(RELATIVE_PATH rel "${ETSS_ROOT}" "${src}")
    execute_process(COMMAND ${CMAKE_COMMAND} -E echo "${rel}")
  endforeach()
endforeach()
