"""The one pattern for names that become parts of paths (presets, scenarios, experiments)."""

import re

SAFE_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
NAME_RULE = "1-64 letters, digits, '_' or '-' (it names a file or folder)"
