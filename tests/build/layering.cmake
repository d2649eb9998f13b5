cmake_minimum_required(VERSION 3.24)
# The layering, checked in the sources (cmake -DSOURCE=<repo> -DWIDGETS=<QtWidgets include dir>
# -P layering.cmake):
#   core/        includes no Qt header at all;
#   ui/lab/      includes no header of Qt Widgets (any file name in WIDGETS);
#   window/main_window.h is included by the window itself (ui/window/), the app's main and the
#   window's own tests and benchmarks, and by nothing else: headless runs reach the window only
#   through ui/window/offscreen_dashboard.h.
file(GLOB widgetHeaders LIST_DIRECTORIES false RELATIVE "${WIDGETS}" "${WIDGETS}/*")
list(LENGTH widgetHeaders widgetCount)
if(widgetCount LESS 100)
  message(FATAL_ERROR "found only ${widgetCount} Qt Widgets headers in '${WIDGETS}'")
endif()

set(problems "")
function(check_includes pattern rule)
  file(GLOB_RECURSE files LIST_DIRECTORIES false "${SOURCE}/${pattern}")
  list(LENGTH files count)
  if(count LESS 10)
    message(FATAL_ERROR "found only ${count} files matching ${pattern}: the check would see nothing")
  endif()
  foreach(path IN LISTS files)
    file(STRINGS "${path}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
    file(RELATIVE_PATH shown "${SOURCE}" "${path}")
    foreach(line IN LISTS includes)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]*)[>\"].*" "\\1" header "${line}")
      if(rule STREQUAL "no-qt" AND header MATCHES "^Qt|^Q[A-Z]")
        list(APPEND problems "${shown}: includes ${header} (core/ has no Qt)")
      elseif(rule STREQUAL "no-widgets")
        string(REGEX REPLACE "^QtWidgets/" "" name "${header}")
        if(name IN_LIST widgetHeaders OR header MATCHES "^QtWidgets")
          list(APPEND problems "${shown}: includes ${header}, a Qt Widgets header (the lab has no widget)")
        endif()
      endif()
    endforeach()
  endforeach()
  set(problems "${problems}" PARENT_SCOPE)
endfunction()

check_includes("core/*" "no-qt")
check_includes("ui/lab/*" "no-widgets")

file(GLOB_RECURSE all LIST_DIRECTORIES false "${SOURCE}/core/*" "${SOURCE}/ui/*" "${SOURCE}/app/*"
     "${SOURCE}/tests/*.cpp" "${SOURCE}/tests/*.h")
foreach(path IN LISTS all)
  file(RELATIVE_PATH shown "${SOURCE}" "${path}")
  if(shown MATCHES "^ui/window/|^app/main\\.cpp$|^tests/ui/|^tests/bench/")
    continue()
  endif()
  file(STRINGS "${path}" includes REGEX "#[ \t]*include[ \t]*\"window/main_window\\.h\"")
  if(includes)
    list(APPEND problems
         "${shown}: includes window/main_window.h (only the window, the app's main and the window's tests may)")
  endif()
endforeach()

if(problems)
  list(JOIN problems "\n" text)
  message(FATAL_ERROR "${text}")
endif()
