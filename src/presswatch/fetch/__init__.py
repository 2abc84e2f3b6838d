"""Fetch: a polite, guarded HTTP client (robots.txt, per-host interval, SSRF guard, limits)."""
