# The wire (issue 11): namespaces, relay, impairments. Real namespaces and packets, as root and
# unprivileged (user namespaces); skipped with the reason only where the kernel forbids them.
tcplab_add_test(tst_wire_path TIMEOUT 300 SOURCES wiretestsupport.cpp wiretestsupport.h)
tcplab_add_test(tst_wire_impairments TIMEOUT 300 SOURCES wiretestsupport.cpp wiretestsupport.h)
