# `cmake --install` puts what a desktop app needs in the usual places, and each file is valid:
# the binary (which runs: --version), the desktop entry (desktop-file-validate), the AppStream
# metainfo (appstreamcli validate), the SVG icon and the PNG sizes. Run by ctest as
#   cmake -DBINARY=<build folder> -DPREFIX=<empty folder> -DAPP_ID=<id> -DVERSION=<v> -P installed_files.cmake
find_program(DESKTOP_FILE_VALIDATE desktop-file-validate REQUIRED)
find_program(APPSTREAMCLI appstreamcli REQUIRED)
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BINARY}" --prefix "${PREFIX}"
                RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "cmake --install failed:\n${out}${err}")
endif()

set(expected bin/bnlab share/applications/${APP_ID}.desktop share/metainfo/${APP_ID}.metainfo.xml
             share/icons/hicolor/scalable/apps/${APP_ID}.svg)
foreach(size 16 24 32 48 64 128 256 512)
  list(APPEND expected share/icons/hicolor/${size}x${size}/apps/${APP_ID}.png)
endforeach()
foreach(path IN LISTS expected)
  if(NOT EXISTS "${PREFIX}/${path}")
    message(FATAL_ERROR "not installed: ${path}")
  endif()
  file(SIZE "${PREFIX}/${path}" bytes)
  if(bytes EQUAL 0)
    message(FATAL_ERROR "installed empty: ${path}")
  endif()
endforeach()

# A PNG's width and height are big-endian words at bytes 16 and 20.
foreach(size 16 256)
  file(READ "${PREFIX}/share/icons/hicolor/${size}x${size}/apps/${APP_ID}.png" header LIMIT 24 HEX)
  string(SUBSTRING "${header}" 32 8 width)
  math(EXPR width "0x${width}")
  if(NOT width EQUAL size)
    message(FATAL_ERROR "the ${size}×${size} icon is ${width} pixels wide")
  endif()
endforeach()

execute_process(COMMAND "${DESKTOP_FILE_VALIDATE}" "${PREFIX}/share/applications/${APP_ID}.desktop"
                RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT result EQUAL 0 OR NOT "${out}${err}" STREQUAL "")
  message(FATAL_ERROR "desktop-file-validate:\n${out}${err}")
endif()
execute_process(COMMAND "${APPSTREAMCLI}" validate --no-net --no-color
                        "${PREFIX}/share/metainfo/${APP_ID}.metainfo.xml"
                RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "appstreamcli validate:\n${out}${err}")
endif()
file(READ "${PREFIX}/share/metainfo/${APP_ID}.metainfo.xml" metainfo)
if(NOT metainfo MATCHES "<release version=\"${VERSION}\"")
  message(FATAL_ERROR "the metainfo does not name release ${VERSION}")
endif()

execute_process(COMMAND "${PREFIX}/bin/bnlab" --version RESULT_VARIABLE result
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT result EQUAL 0 OR NOT out MATCHES "${VERSION}")
  message(FATAL_ERROR "the installed bnlab --version gave ${result}:\n${out}${err}")
endif()
file(REMOVE_RECURSE "${PREFIX}")
