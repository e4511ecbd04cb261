"""Storage: SQLModel tables, the engine, migrations and the repository (the only place with SQL)."""
