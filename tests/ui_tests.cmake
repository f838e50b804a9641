# UI tests (issue 4): the lab window driven through its widgets on the offscreen platform.
tcplab_add_test(tst_ui LIBS tcplabui Qt6::Widgets TIMEOUT 120 SOURCES uitestsupport.cpp uitestsupport.h)
tcplab_add_test(tst_ui_serverstate LIBS tcplabui Qt6::Widgets TIMEOUT 60 SOURCES uitestsupport.cpp uitestsupport.h)
# The window resolves a host name off its GUI thread (getaddrinfo interposed by the test).
tcplab_add_test(tst_window_dns LIBS tcplabui Qt6::Widgets TIMEOUT 60)
# The connections table reads TCP_INFO only for the rows on screen.
tcplab_add_test(tst_connectiontable LIBS tcplabui Qt6::Widgets TIMEOUT 60)
# The GUI-thread lag probe behind the benchmark's UI-lag targets (issue 10).
tcplab_add_test(tst_uilagprobe LIBS tcplabui Qt6::Widgets TIMEOUT 60)
# The wire in the window (issue 13): network path, wire panel, packet list, ladder (real wire).
tcplab_add_test(tst_ui_wire LIBS tcplabui Qt6::Widgets TIMEOUT 120 SOURCES wireframes.cpp wireframes.h)
add_dependencies(tst_ui_wire tcplab)
# The packet views repaint at a bounded rate under a burst of packets (issue 13).
tcplab_add_test(tst_packetrepaints LIBS tcplabui Qt6::Widgets TIMEOUT 60 SOURCES wireframes.cpp wireframes.h)
# Readable results (issue 13): chart labels and scales, table columns, the log dock, the zoom.
tcplab_add_test(tst_ui_readable LIBS tcplabui Qt6::Widgets TIMEOUT 60)
# Options changed in the window while the server runs: live ones reach the open connection (issue 13).
tcplab_add_test(tst_ui_liveoptions LIBS tcplabui Qt6::Widgets TIMEOUT 60 SOURCES uitestsupport.cpp uitestsupport.h)
# TCP_INFO over time, the time-sequence graph's marks and an experiment's capture page (issue 13).
tcplab_add_test(tst_ui_tcpinfo LIBS tcplabui Qt6::Widgets TIMEOUT 90)
