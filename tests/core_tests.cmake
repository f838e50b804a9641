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
tcplab_add_test(tst_clientsession TIMEOUT 60)
tcplab_add_test(tst_linger TIMEOUT 60)
tcplab_add_test(tst_engine_stuck TIMEOUT 180)
tcplab_add_test(tst_engine_failure TIMEOUT 120)
add_dependencies(tst_engine_failure tcplab)
tcplab_add_test(tst_engine_recvsize TIMEOUT 60)
tcplab_add_test(tst_engine_threadcap TIMEOUT 60)
add_dependencies(tst_engine_threadcap tcplab)
# TCP_INFO read outside the registry lock, never through a reused descriptor number (issue 10).
tcplab_add_test(tst_connectionregistry TIMEOUT 60)
# Threaded mode's pool of workers: reuse, the bound on idle workers, stop(), the cap (issue 10).
tcplab_add_test(tst_engine_threadpool TIMEOUT 90)
# Options changed while the server runs: every live option on already-open connections of each
# engine, the backlog by listen() again, the Nagle stall ending mid-connection (issue 13).
tcplab_add_test(tst_options_live TIMEOUT 60)
