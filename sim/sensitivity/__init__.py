"""Global sensitivity analysis (issue 4): Morris screening, Sobol' indices of outcomes
and policy effects, and the robustness of the recommended policy."""
