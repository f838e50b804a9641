# ThreadSanitizer-only additions (scripts/sanitize.sh tsan). Never part of a normal build.
if(TCPLAB_TSAN)
    # Every test symbolizes one address at start (tests/tsansymbolizer.cpp): a report printed
    # after the test has run out of descriptors would otherwise have frames without names.
    get_property(tcplab_test_targets DIRECTORY PROPERTY BUILDSYSTEM_TARGETS)
    foreach(target IN LISTS tcplab_test_targets)
        if(target MATCHES "^tst_")
            target_sources(${target} PRIVATE tsansymbolizer.cpp)
        endif()
    endforeach()
endif()

# The ThreadSanitizer canary (tests/tsan_canary.cpp): a deliberate race that scripts/sanitize.sh
# builds and runs to prove that scripts/tsan.supp still lets TSan report a race in the lab's own
# code. Only with -DTCPLAB_TSAN_CANARY=ON, never a CTest test: a racy program is no test.
if(TCPLAB_TSAN_CANARY)
    qt_add_executable(tsan_canary tsan_canary.cpp)
    target_link_libraries(tsan_canary PRIVATE Qt6::Core)
endif()
