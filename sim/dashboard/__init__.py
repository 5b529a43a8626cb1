"""A browser dashboard: two policies side by side on one simulated county, and the
finished experiments (``govsim dashboard``). It imports the model; the model never
imports it."""
