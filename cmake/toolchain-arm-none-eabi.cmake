# CMake toolchain file: bare-metal Arm Cortex-M with Debian's gcc-arm-none-eabi and
# libnewlib-arm-none-eabi.
#
#   cmake -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-arm-none-eabi.cmake \
#         -DOSFN_ARM_CPU_FLAGS="-mcpu=cortex-m3 -mthumb" ...
#
# OSFN_ARM_CPU_FLAGS (cache, default Cortex-M3) goes to every compile, assemble and link,
# so the linker picks the matching newlib multilib. Linking runtime and startup files is
# left to the project (e.g. --specs=rdimon.specs, -nostartfiles, -T script).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(OSFN_ARM_CPU_FLAGS "-mcpu=cortex-m3 -mthumb" CACHE STRING
    "CPU flags for arm-none-eabi-gcc, e.g. -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16")
set(OSFN_ARM_TOOLCHAIN_PREFIX "arm-none-eabi-" CACHE STRING "Prefix of the cross tools")

set(CMAKE_C_COMPILER   ${OSFN_ARM_TOOLCHAIN_PREFIX}gcc)
set(CMAKE_ASM_COMPILER ${OSFN_ARM_TOOLCHAIN_PREFIX}gcc)
set(CMAKE_AR           ${OSFN_ARM_TOOLCHAIN_PREFIX}ar CACHE FILEPATH "")
set(CMAKE_RANLIB       ${OSFN_ARM_TOOLCHAIN_PREFIX}ranlib CACHE FILEPATH "")
set(CMAKE_OBJCOPY      ${OSFN_ARM_TOOLCHAIN_PREFIX}objcopy CACHE FILEPATH "")
set(CMAKE_OBJDUMP      ${OSFN_ARM_TOOLCHAIN_PREFIX}objdump CACHE FILEPATH "")
set(CMAKE_NM           ${OSFN_ARM_TOOLCHAIN_PREFIX}nm CACHE FILEPATH "")
set(CMAKE_SIZE         ${OSFN_ARM_TOOLCHAIN_PREFIX}size CACHE FILEPATH "")

# try_compile() cannot link a bare-metal program without a linker script: build a library.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(CMAKE_C_FLAGS_INIT   "${OSFN_ARM_CPU_FLAGS}")
set(CMAKE_ASM_FLAGS_INIT "${OSFN_ARM_CPU_FLAGS}")
# CMake passes the C flags to the link step too, so the multilib matches.

# Headers and libraries come from the cross toolchain only, never from the host's /usr.
set(CMAKE_FIND_ROOT_PATH /usr/lib/arm-none-eabi)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
