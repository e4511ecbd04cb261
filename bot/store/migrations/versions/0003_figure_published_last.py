"""figure.published_last: the last day a report's publication date can mean, indexed by series

"Which report of a series was current on day D" is the newest report known to be out by D; a report dated
only to its month counts from the month's end. Storing that day lets the store answer it with one index
probe per series instead of reading every report of the series. The status index finds the current reports
(one per series) without reading the history.

Revision ID: 0003
Revises: 0002
"""

import calendar
from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _last_day(published: date, precision: str) -> date:
    if precision == "year":
        return date(published.year, 12, 31)
    if precision == "month":
        return date(published.year, published.month, calendar.monthrange(published.year, published.month)[1])
    return published


def upgrade() -> None:
    with op.batch_alter_table('figure', schema=None) as batch_op:
        batch_op.add_column(sa.Column('published_last', sa.Date(), nullable=True))
    connection = op.get_bind()
    figure = sa.table('figure', sa.column('id', sa.Integer), sa.column('published', sa.Date),
                      sa.column('published_precision', sa.String), sa.column('published_last', sa.Date))
    rows = connection.execute(sa.select(figure.c.id, figure.c.published, figure.c.published_precision)).all()
    if rows:
        connection.execute(
            figure.update().where(figure.c.id == sa.bindparam('row_id')).values(published_last=sa.bindparam('last')),
            [{'row_id': r.id, 'last': _last_day(r.published, r.published_precision)} for r in rows],
        )
    with op.batch_alter_table('figure', schema=None) as batch_op:
        batch_op.alter_column('published_last', existing_type=sa.Date(), nullable=False)
        batch_op.create_index('ix_figure_series_published', ['series', 'published_last', 'id'], unique=False)
        batch_op.create_index('ix_figure_status', ['status', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('figure', schema=None) as batch_op:
        batch_op.drop_index('ix_figure_status')
        batch_op.drop_index('ix_figure_series_published')
        batch_op.drop_column('published_last')
