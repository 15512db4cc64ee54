"""Package data for the tracker (the parliamentary recess calendar)."""
