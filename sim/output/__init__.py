"""Writing results: atomic run folders and the figures that go in them."""
