"""Storage: SQLModel tables, the engine, migrations. Knows nothing of the rest of the project."""
