"""The daily processes of the model, one module each; the order is in ``sim.model``."""
