"""UI strings, one TOML file per language; every key must exist in every file (tested)."""
