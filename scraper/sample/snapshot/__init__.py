"""Data of the sample snapshot (package data)."""
