# Guided experiments (issue 7): the direction of each effect, the CLI, the chart and the panel.
tcplab_add_test(tst_experiments TIMEOUT 90 SOURCES experimenttestsupport.h)
tcplab_add_test(tst_experiments_cli TIMEOUT 90)
add_dependencies(tst_experiments_cli tcplab)
tcplab_add_test(tst_experiments_ui LIBS tcplabui Qt6::Widgets TIMEOUT 90)
tcplab_add_test(tst_experimentwire TIMEOUT 60)
# The experiments across the wire (issue 12): each one's direction of effect, from its quick run.
tcplab_add_test(tst_experiment_slowstart TIMEOUT 90 SOURCES experimenttestsupport.h)
tcplab_add_test(tst_experiment_synack TIMEOUT 90 SOURCES experimenttestsupport.h)
tcplab_add_test(tst_experiment_retransmit TIMEOUT 90 SOURCES experimenttestsupport.h)
tcplab_add_test(tst_experiment_bdp TIMEOUT 90 SOURCES experimenttestsupport.h)
# IPv6 (issue 14): dual-stack, and reuseport / reuseaddr on [::1].
tcplab_add_test(tst_experiment_dualstack TIMEOUT 60 SOURCES experimenttestsupport.h)
add_dependencies(tst_experiment_dualstack tcplab)
