"""The county: townships, villages, grids, households, residents and their ties."""

from sim.world.build import build_world
from sim.world.network import SocialNetwork, TieKind
from sim.world.world import World

__all__ = ["SocialNetwork", "TieKind", "World", "build_world"]
