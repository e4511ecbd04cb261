"""Airwars' incident records: incidents, their codes, their revisions and the monthly rollup

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 09:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('incident',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('airwars_id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('previous_codes', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('date_precision', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('governorate', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('place', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('place_ar', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('place_group', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('place_group_ar', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('place_key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('location_precision', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('belligerents', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('grading', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('strike_status', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('civilian_harm_reported', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('killed_min', sa.Integer(), nullable=True),
    sa.Column('killed_max', sa.Integer(), nullable=True),
    sa.Column('injured_min', sa.Integer(), nullable=True),
    sa.Column('injured_max', sa.Integer(), nullable=True),
    sa.Column('children_min', sa.Integer(), nullable=True),
    sa.Column('children_max', sa.Integer(), nullable=True),
    sa.Column('women_min', sa.Integer(), nullable=True),
    sa.Column('women_max', sa.Integer(), nullable=True),
    sa.Column('coalition_assessment', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('conceded_min', sa.Integer(), nullable=True),
    sa.Column('conceded_max', sa.Integer(), nullable=True),
    sa.Column('url', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('data_note', sa.Text(), nullable=False),
    sa.Column('counted', sa.Boolean(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('airwars_id')
    )
    op.create_index(op.f('ix_incident_date'), 'incident', ['date'], unique=False)
    op.create_index('ix_incident_governorate_date', 'incident', ['governorate', 'date'], unique=False)
    op.create_index('ix_incident_governorate_killed', 'incident', ['governorate', 'killed_max', 'killed_min'],
                    unique=False)
    op.create_index('ix_incident_counted_date', 'incident', ['counted', 'date'], unique=False)
    op.create_index('ix_incident_place_key_date', 'incident', ['place_key', 'date'], unique=False)
    op.create_index('ix_incident_grading_date', 'incident', ['grading', 'date'], unique=False)
    op.create_index('ix_incident_group_date', 'incident', ['place_group', 'date'], unique=False)
    op.create_index('ix_incident_group_killed', 'incident', ['place_group', 'killed_max', 'killed_min'],
                    unique=False)
    op.create_index('ix_incident_killed', 'incident', ['killed_max', 'killed_min'], unique=False)
    op.create_table('incident_month',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('place_group', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('governorate', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('grading', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('incidents', sa.Integer(), nullable=False),
    sa.Column('killed_min', sa.Integer(), nullable=False),
    sa.Column('killed_max', sa.Integer(), nullable=False),
    sa.Column('killed_given', sa.Integer(), nullable=False),
    sa.Column('injured_min', sa.Integer(), nullable=False),
    sa.Column('injured_max', sa.Integer(), nullable=False),
    sa.Column('injured_given', sa.Integer(), nullable=False),
    sa.Column('children_min', sa.Integer(), nullable=False),
    sa.Column('children_max', sa.Integer(), nullable=False),
    sa.Column('children_given', sa.Integer(), nullable=False),
    sa.Column('women_min', sa.Integer(), nullable=False),
    sa.Column('women_max', sa.Integer(), nullable=False),
    sa.Column('women_given', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_incident_month_governorate', 'incident_month', ['governorate', 'month'], unique=False)
    op.create_index('ix_incident_month_group', 'incident_month', ['place_group', 'month'], unique=False)
    op.create_index(op.f('ix_incident_month_month'), 'incident_month', ['month'], unique=False)
    op.create_table('incident_code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_incident_code_code'), 'incident_code', ['code'], unique=False)
    op.create_index(op.f('ix_incident_code_incident_id'), 'incident_code', ['incident_id'], unique=False)
    op.create_table('incident_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('actor_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('actor_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_incident_revision_incident_id'), 'incident_revision', ['incident_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_incident_revision_incident_id'), table_name='incident_revision')
    op.drop_table('incident_revision')
    op.drop_index(op.f('ix_incident_code_incident_id'), table_name='incident_code')
    op.drop_index(op.f('ix_incident_code_code'), table_name='incident_code')
    op.drop_table('incident_code')
    op.drop_index(op.f('ix_incident_month_month'), table_name='incident_month')
    op.drop_index('ix_incident_month_group', table_name='incident_month')
    op.drop_index('ix_incident_month_governorate', table_name='incident_month')
    op.drop_table('incident_month')
    op.drop_index('ix_incident_killed', table_name='incident')
    op.drop_index('ix_incident_group_killed', table_name='incident')
    op.drop_index('ix_incident_group_date', table_name='incident')
    op.drop_index('ix_incident_grading_date', table_name='incident')
    op.drop_index('ix_incident_counted_date', table_name='incident')
    op.drop_index('ix_incident_place_key_date', table_name='incident')
    op.drop_index('ix_incident_governorate_killed', table_name='incident')
    op.drop_index('ix_incident_governorate_date', table_name='incident')
    op.drop_index(op.f('ix_incident_date'), table_name='incident')
    op.drop_table('incident')
