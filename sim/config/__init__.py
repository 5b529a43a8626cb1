"""Config → validated parameters: the schema, the validator and Hydra composition."""

from sim.config.compose import compose_config, config_dir, load_params, presets
from sim.config.schema import Params
from sim.config.validate import ConfigError, params_from_dict

__all__ = [
    "ConfigError",
    "Params",
    "compose_config",
    "config_dir",
    "load_params",
    "params_from_dict",
    "presets",
]
