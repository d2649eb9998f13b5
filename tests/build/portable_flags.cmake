# A plain configure (no preset, as packaging and `cmake --install` builds use) compiles for any
# x86-64 CPU: no -march=native. Run by ctest as
#   cmake -DSOURCE=<repo> -DBINARY=<scratch folder> -P portable_flags.cmake
file(REMOVE_RECURSE "${BINARY}")
execute_process(
  COMMAND "${CMAKE_COMMAND}" -S "${SOURCE}" -B "${BINARY}" -G Ninja -DBNLAB_BUILD_TESTS=OFF
          -DBNLAB_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=Release
  RESULT_VARIABLE configured OUTPUT_QUIET)
if(NOT configured EQUAL 0)
  message(FATAL_ERROR "a plain configure failed")
endif()
file(READ "${BINARY}/compile_commands.json" commands)
file(REMOVE_RECURSE "${BINARY}")
if(commands MATCHES "-march=native")
  message(FATAL_ERROR "a plain configure compiles with -march=native: its binaries need this CPU")
endif()
if(NOT commands MATCHES "core/network/batch_norm.cpp")
  message(FATAL_ERROR "compile_commands.json lists no core source: the check saw nothing")
endif()
