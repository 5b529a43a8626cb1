"""Policy experiments: arms x replications with common random numbers, a resumable run
store, paired statistics, figures and a planner's report (``govsim experiment NAME``).

Data flow one way: config (``design``) -> runs (``executors``, ``runner``) -> store
(``store``) -> table -> statistics (``stats``) -> figures and report.
"""
