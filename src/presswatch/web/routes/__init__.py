"""Route modules: ``public`` (the site) and ``desk`` (the editors' review pages)."""
