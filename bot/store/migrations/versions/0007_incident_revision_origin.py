"""where each incident change came from (the Discord server and channel), as for figures since 0004

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('incident_revision', schema=None) as batch_op:
        batch_op.add_column(sa.Column('origin', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('incident_revision', schema=None) as batch_op:
        batch_op.drop_column('origin')
