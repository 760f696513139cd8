# Install rules (included from the top-level CMakeLists.txt when OSFN_INSTALL is on):
#   include/osfn/*.h                  the library's public headers
#   include/osfn/port/*.h             the POSIX port and the mbedTLS transport (when built)
#   lib/libosfn.a, lib/libosfn_port_posix.a
#   lib/cmake/osfn/osfnConfig.cmake (+ ConfigVersion, Targets): find_package(osfn)
#     -> osfn::osfn, osfn::osfn_port_posix
#   lib/pkgconfig/osfn.pc, osfn-port-posix.pc
# The installed files name no path of the build machine: osfnConfig.cmake finds jsmn and
# mbedTLS again where it is used, and the .pc files locate the prefix from their own place.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(OSFN_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/osfn" CACHE STRING
    "Where osfnConfig.cmake goes, relative to the prefix")
mark_as_advanced(OSFN_INSTALL_CMAKEDIR)

install(TARGETS osfn EXPORT osfnTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/lib/include/osfn DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h")

set(OSFN_HAS_PORT_POSIX 0)
if(TARGET osfn_port_posix)
  set(OSFN_HAS_PORT_POSIX 1)
  install(TARGETS osfn_port_posix EXPORT osfnTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(FILES
    ${PROJECT_SOURCE_DIR}/port/posix/osfn_port_posix.h
    ${PROJECT_SOURCE_DIR}/port/posix/osfn_posix_net.h
    ${PROJECT_SOURCE_DIR}/port/mbedtls/osfn_tls.h
    ${PROJECT_SOURCE_DIR}/port/mbedtls/osfn_tls_endpoint.h
    DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/osfn/port)
endif()

install(EXPORT osfnTargets NAMESPACE osfn:: DESTINATION ${OSFN_INSTALL_CMAKEDIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/osfnConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/osfnConfig.cmake
  INSTALL_DESTINATION ${OSFN_INSTALL_CMAKEDIR})
# 0.x: a new minor version may change the API, so only the same major.minor matches.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/cmake/osfnConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/cmake/osfnConfig.cmake ${PROJECT_BINARY_DIR}/cmake/osfnConfigVersion.cmake
  DESTINATION ${OSFN_INSTALL_CMAKEDIR})

# pkg-config: prefix relative to the .pc file (${pcfiledir}), so `cmake --install --prefix`
# anywhere works. Dependency directories outside the compiler's default paths are named.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(OSFN_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH OSFN_PC_UP "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
  string(REGEX REPLACE "/$" "" OSFN_PC_UP "${OSFN_PC_UP}")
  set(OSFN_PC_PREFIX "\${pcfiledir}/${OSFN_PC_UP}")
endif()
set(OSFN_PC_DEP_CFLAGS "")
foreach(dir ${JSMN_INCLUDE_DIR} ${MBEDTLS_INCLUDE_DIR})
  list(FIND CMAKE_C_IMPLICIT_INCLUDE_DIRECTORIES "${dir}" implicit)
  if(implicit EQUAL -1 AND NOT OSFN_PC_DEP_CFLAGS MATCHES " -I${dir}( |$)")
    string(APPEND OSFN_PC_DEP_CFLAGS " -I${dir}")
  endif()
endforeach()
get_filename_component(OSFN_MBEDTLS_LIBDIR "${MBEDCRYPTO_LIBRARY}" DIRECTORY)
set(OSFN_PC_DEP_LIBDIR "")
list(FIND CMAKE_C_IMPLICIT_LINK_DIRECTORIES "${OSFN_MBEDTLS_LIBDIR}" implicit)
if(implicit EQUAL -1)
  set(OSFN_PC_DEP_LIBDIR " -L${OSFN_MBEDTLS_LIBDIR}")
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/osfn.pc.in ${PROJECT_BINARY_DIR}/cmake/osfn.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/cmake/osfn.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
if(OSFN_HAS_PORT_POSIX)
  configure_file(${CMAKE_CURRENT_LIST_DIR}/osfn-port-posix.pc.in ${PROJECT_BINARY_DIR}/cmake/osfn-port-posix.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/cmake/osfn-port-posix.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endif()
