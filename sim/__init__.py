"""govsim: an agent-based model of grassroots dispute governance in rural China."""

__version__ = "0.2.0"
