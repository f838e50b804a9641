# The wire (issue 11): the pure units (spec, decoder, connection state, ring, pcap, ladder,
# TCP_INFO sampler) and the fuzz corpus of the wire's parsers.
tcplab_add_test(tst_wirespec TIMEOUT 60)
set(TCPLAB_WIRE_FRAMES wireframes.cpp wireframes.h)
tcplab_add_test(tst_wirepacket TIMEOUT 60 SOURCES ${TCPLAB_WIRE_FRAMES})
tcplab_add_test(tst_wirepcap TIMEOUT 60 SOURCES ${TCPLAB_WIRE_FRAMES})
tcplab_add_test(tst_wireladder TIMEOUT 60 SOURCES ${TCPLAB_WIRE_FRAMES})
tcplab_add_test(tst_wirering TIMEOUT 120)
tcplab_add_test(tst_wiretcpinfo TIMEOUT 60)
tcplab_add_test(tst_wirejson TIMEOUT 60 SOURCES ${TCPLAB_WIRE_FRAMES})
# The wire (issue 11): namespaces, relay, impairments. Real namespaces and packets, as root and
# unprivileged (user namespaces); skipped with the reason only where the kernel forbids them.
tcplab_add_test(tst_wire_path TIMEOUT 300 SOURCES wiretestsupport.cpp wiretestsupport.h)
tcplab_add_test(tst_wire_impairments TIMEOUT 300 SOURCES wiretestsupport.cpp wiretestsupport.h)
# The CLI across the wire (--wire --send, --repeat, --ladder, --pcap, --headless --wire): the real binary.
tcplab_add_test(tst_wire_cli TIMEOUT 300)
add_dependencies(tst_wire_cli tcplab)
# The host's way in (--headless --wire): the loopback forwarder into the wire's client side.
tcplab_add_test(tst_wire_entry TIMEOUT 120 SOURCES wiretestsupport.cpp wiretestsupport.h)
