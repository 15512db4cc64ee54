"""Readers for the document formats `tracker.documents.read_document` understands."""
