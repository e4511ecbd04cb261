"""where each change came from (the Discord server and channel)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 09:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ('revision', 'vocabulary_revision'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('origin', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True))


def downgrade() -> None:
    for table in ('vocabulary_revision', 'revision'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('origin')
