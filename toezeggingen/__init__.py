"""toezeggingen: tracks the commitments Dutch ministers make to the Tweede Kamer."""
