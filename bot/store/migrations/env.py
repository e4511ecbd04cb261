"""Alembic environment: run with the connection the store hands over (see bot.store.engine.migrate)."""

from alembic import context
from sqlmodel import SQLModel

import bot.store.incidents  # registers the incident tables too
import bot.store.tables  # noqa: F401  (registers the tables on SQLModel.metadata)

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
