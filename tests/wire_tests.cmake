# The wire (issue 11): the pure units (spec, decoder, connection state, ring, pcap, ladder,
# TCP_INFO sampler) and the fuzz corpus of the wire's parsers.
tcplab_add_test(tst_wirespec TIMEOUT 60)
