# Guided experiments (issue 7): the direction of each effect, the CLI, the chart and the panel.
tcplab_add_test(tst_experiments TIMEOUT 90)
tcplab_add_test(tst_experiments_cli TIMEOUT 90)
add_dependencies(tst_experiments_cli tcplab)
tcplab_add_test(tst_experiments_ui LIBS tcplabui Qt6::Widgets TIMEOUT 90)
tcplab_add_test(tst_experimentwire TIMEOUT 60)
