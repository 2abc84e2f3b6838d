"""Sources: outlet catalogs, OPML, feed discovery and feed parsing (no network here)."""
