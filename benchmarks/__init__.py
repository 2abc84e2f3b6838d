"""Benchmarks: ``make bench`` runs every area and compares with its baseline.json floors."""
