# Hardening tests (issue 6): malformed input, faults, resource limits, set-up errors, safety,
# stop under load, and the fuzzers' corpora replayed as regression tests. Each executable
# stays well under a minute. Several run the tcplab executable (TCPLAB_BINARY) too.
set(TCPLAB_HARDENING_SUPPORT tst_hardening_support.cpp tst_hardening_support.h)
foreach(group input faults limits setup stop)
    tcplab_add_test(tst_hardening_${group} SOURCES ${TCPLAB_HARDENING_SUPPORT} TIMEOUT 120)
endforeach()

# The fuzzers' corpora and crash inputs, replayed through the same harnesses with gcc.
tcplab_add_test(tst_hardening_fuzzcorpus TIMEOUT 60 ENVIRONMENT TCPLAB_FUZZ_DIR=${CMAKE_SOURCE_DIR}/fuzz
    SOURCES ${CMAKE_SOURCE_DIR}/fuzz/fuzzframers.cpp ${CMAKE_SOURCE_DIR}/fuzz/fuzzbinframe.cpp
            ${CMAKE_SOURCE_DIR}/fuzz/fuzzwire.cpp ${CMAKE_SOURCE_DIR}/fuzz/fuzztargets.h)
target_include_directories(tst_hardening_fuzzcorpus PRIVATE ${CMAKE_SOURCE_DIR}/fuzz)
target_compile_definitions(tst_hardening_fuzzcorpus PRIVATE TCPLAB_FUZZ_DIR="${CMAKE_SOURCE_DIR}/fuzz")
