# cmake -DBUILD_DIR=... -DDESTDIR=... -P installtree.cmake: a fresh `cmake --install --strip`
# of BUILD_DIR into DESTDIR with prefix /usr, as the .deb has it.
file(REMOVE_RECURSE ${DESTDIR})
set(ENV{DESTDIR} ${DESTDIR})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix /usr --strip
                RESULT_VARIABLE result OUTPUT_QUIET)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "cmake --install ${BUILD_DIR} into ${DESTDIR} failed: ${result}")
endif()
file(CHMOD_RECURSE ${DESTDIR} DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
