"""Publish: what fetched text must pass through before a page or feed shows it."""
