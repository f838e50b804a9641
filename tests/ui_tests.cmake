# UI tests (issue 4): the lab window driven through its widgets on the offscreen platform.
tcplab_add_test(tst_ui LIBS tcplabui Qt6::Widgets TIMEOUT 120)
# The GUI-thread lag probe behind the benchmark's UI-lag targets (issue 10).
tcplab_add_test(tst_uilagprobe LIBS tcplabui Qt6::Widgets TIMEOUT 60)
