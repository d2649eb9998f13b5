# Every C++ source is as clang-format (the repository's .clang-format) writes it. Run by ctest as
#   cmake -DSOURCE=<repo> -P clang_format.cmake
find_program(CLANG_FORMAT NAMES clang-format clang-format-14 REQUIRED)
file(GLOB_RECURSE sources LIST_DIRECTORIES false
     "${SOURCE}/core/*.h" "${SOURCE}/core/*.cpp" "${SOURCE}/ui/*.h" "${SOURCE}/ui/*.cpp"
     "${SOURCE}/app/*.h" "${SOURCE}/app/*.cpp" "${SOURCE}/tests/*.h" "${SOURCE}/tests/*.cpp"
     "${SOURCE}/packaging/*.cpp")
list(LENGTH sources count)
if(count LESS 100)
  message(FATAL_ERROR "found only ${count} sources under ${SOURCE}: the check would see nothing")
endif()
execute_process(COMMAND "${CLANG_FORMAT}" --dry-run --Werror ${sources}
                WORKING_DIRECTORY "${SOURCE}" RESULT_VARIABLE result ERROR_VARIABLE report)
if(NOT result EQUAL 0)
  string(REGEX MATCHALL "[^\n]*: error: [^\n]*" problems "${report}")
  list(LENGTH problems problemCount)
  list(SUBLIST problems 0 10 shown)
  string(REPLACE ";" "\n" shown "${shown}")
  message(FATAL_ERROR "${problemCount} places differ from clang-format (run clang-format -i on "
                      "the files named):\n${shown}")
endif()
