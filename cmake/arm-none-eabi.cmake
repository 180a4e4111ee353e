# SPDX-License-Identifier: BSD-3-Clause
# Cortex-M33 cross-build of the partition-side code (compile and archive
# only: proves the code is freestanding and warning-free for the target).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR cortex-m33)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_AR arm-none-eabi-ar)
set(CMAKE_RANLIB arm-none-eabi-ranlib)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_C_FLAGS_INIT
    "-mcpu=cortex-m33 -mthumb -mfloat-abi=soft -ffreestanding -fno-common -ffunction-sections -fdata-sections -fstack-usage")
