# Core tests (issue 3): option read-back, framers, engines, lifecycle, Fast Open, CLI, client.
tcplab_add_test(tst_framers TIMEOUT 60)
tcplab_add_test(tst_socketoptions TIMEOUT 120)
tcplab_add_test(tst_engines TIMEOUT 120)
tcplab_add_test(tst_lifecycle TIMEOUT 120)
tcplab_add_test(tst_fastopen TIMEOUT 60)
tcplab_add_test(tst_cli TIMEOUT 120)
add_dependencies(tst_cli tcplab)
add_dependencies(tst_fastopen tcplab)
tcplab_add_test(tst_client TIMEOUT 60)
tcplab_add_test(tst_linger TIMEOUT 60)
# TCP_INFO read outside the registry lock, never through a reused descriptor number (issue 10).
tcplab_add_test(tst_connectionregistry TIMEOUT 60)
