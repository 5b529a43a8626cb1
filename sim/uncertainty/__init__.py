"""Tools shared by calibration and sensitivity analysis: the space of uncertain
parameters (``space``), the statistics a run is summarised by (``statistics``) and the
evaluation of parameter sets over common replication seeds (``evaluate``)."""
