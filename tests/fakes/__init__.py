"""Local HTTP servers that speak the protocols of real MT services, for integration tests.

Each fake is a real HTTP server on 127.0.0.1 (a free port, a thread), with the knobs a test
needs: a required key, rate limiting (429 with ``Retry-After`` after N requests), server errors
and, per service, its quota or malformed-answer behaviour. Their "translation" is a marker plus
the text (``[UK] Hallo``), so a test sees which segment went where.
"""
