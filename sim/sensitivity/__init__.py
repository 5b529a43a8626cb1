"""Global sensitivity analysis: Morris screening (S28), Sobol' indices (S29) of outcomes
and policy effects, and the robustness of the recommended policy."""
