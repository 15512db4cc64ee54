"""The tracker: pure extraction (text in, dataclasses out), matching, status rules and tracking runs."""
