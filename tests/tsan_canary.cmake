# The ThreadSanitizer canary (tests/tsan_canary.cpp): a deliberate race that scripts/sanitize.sh
# builds and runs to prove that scripts/tsan.supp still lets TSan report a race in the lab's own
# code. Only with -DTCPLAB_TSAN_CANARY=ON, never a CTest test: a racy program is no test.
if(TCPLAB_TSAN_CANARY)
    qt_add_executable(tsan_canary tsan_canary.cpp)
    target_link_libraries(tsan_canary PRIVATE Qt6::Core)
endif()
