# CMake toolchain file: bare-metal RISC-V rv32imac (ilp32) with Debian's
# gcc-riscv64-unknown-elf (multilib) and picolibc-riscv64-unknown-elf for the C headers.
#
#   cmake -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-riscv32-elf.cmake ...
#
# OSFN_RISCV_CPU_FLAGS (cache) goes to every compile and link. Used for the size report
# (the library alone is compiled; nothing is linked or run).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv32)

set(OSFN_RISCV_CPU_FLAGS "-march=rv32imac -mabi=ilp32" CACHE STRING "CPU flags for riscv64-unknown-elf-gcc")
set(OSFN_RISCV_TOOLCHAIN_PREFIX "riscv64-unknown-elf-" CACHE STRING "Prefix of the cross tools")

set(CMAKE_C_COMPILER   ${OSFN_RISCV_TOOLCHAIN_PREFIX}gcc)
set(CMAKE_ASM_COMPILER ${OSFN_RISCV_TOOLCHAIN_PREFIX}gcc)
set(CMAKE_AR           ${OSFN_RISCV_TOOLCHAIN_PREFIX}ar CACHE FILEPATH "")
set(CMAKE_RANLIB       ${OSFN_RISCV_TOOLCHAIN_PREFIX}ranlib CACHE FILEPATH "")
set(CMAKE_OBJDUMP      ${OSFN_RISCV_TOOLCHAIN_PREFIX}objdump CACHE FILEPATH "")
set(CMAKE_NM           ${OSFN_RISCV_TOOLCHAIN_PREFIX}nm CACHE FILEPATH "")
set(CMAKE_SIZE         ${OSFN_RISCV_TOOLCHAIN_PREFIX}size CACHE FILEPATH "")

set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# picolibc supplies <string.h>, <stdint.h>, ... through its specs file.
set(CMAKE_C_FLAGS_INIT   "${OSFN_RISCV_CPU_FLAGS} --specs=picolibc.specs")
set(CMAKE_ASM_FLAGS_INIT "${OSFN_RISCV_CPU_FLAGS} --specs=picolibc.specs")
# (CMake passes the C flags to the link too: naming the specs file twice is an error.)

set(CMAKE_FIND_ROOT_PATH /usr/lib/picolibc/riscv64-unknown-elf)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
