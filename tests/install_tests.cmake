# The installed tree (issue 15). The fixture installs (cmake --install --strip, DESTDIR) into a
# fresh directory as whoever runs ctest, since cmake --install writes its manifest into the build
# tree; tst_install only reads that tree, so its uid 65534 registration checks the same files
# (scripts/run-unprivileged.sh copies the tree first when that user cannot read it).
set(tcplab_install_root ${CMAKE_CURRENT_BINARY_DIR}/install-root)
add_test(NAME tst_install_tree
         COMMAND ${CMAKE_COMMAND} -DBUILD_DIR=${CMAKE_BINARY_DIR} -DDESTDIR=${tcplab_install_root}
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/installtree.cmake)
set_tests_properties(tst_install_tree PROPERTIES FIXTURES_SETUP tcplab_install_tree TIMEOUT 120)

tcplab_add_test(tst_install TIMEOUT 120 LIBS Qt6::Gui ENVIRONMENT TCPLAB_INSTALL_ROOT=${tcplab_install_root})
target_compile_definitions(tst_install PRIVATE TCPLAB_BUILD_DIR="${CMAKE_BINARY_DIR}" TCPLAB_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
# Building the test builds everything the install rules take.
add_dependencies(tst_install tcplab tcplab-docs tcplab-icons)
set_tests_properties(tst_install PROPERTIES FIXTURES_REQUIRED tcplab_install_tree)
if(TCPLAB_UNPRIVILEGED_TESTS)
    set_tests_properties(tst_install_unprivileged PROPERTIES FIXTURES_REQUIRED tcplab_install_tree)
endif()
