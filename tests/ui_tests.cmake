# UI tests (issue 4): the lab window driven through its widgets on the offscreen platform.
tcplab_add_test(tst_ui LIBS tcplabui Qt6::Widgets TIMEOUT 120)
tcplab_add_test(tst_ui_serverstate LIBS tcplabui Qt6::Widgets TIMEOUT 60)
