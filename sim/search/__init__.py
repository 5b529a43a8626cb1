"""``govsim search``: a multi-objective search over the policy levers within a budget,
checked on fresh seeds and over the calibration ensemble, with PRIM for where it fails."""
