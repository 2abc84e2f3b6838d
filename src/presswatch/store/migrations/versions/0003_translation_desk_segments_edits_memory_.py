"""translation desk: segments, edits, memory, glossary

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 17:34:43.375441
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import presswatch.store.base

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('glossary_terms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('concept', sa.String(length=100), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.Column('term', sa.String(length=300), nullable=False),
    sa.Column('forms', sa.JSON(), nullable=False),
    sa.Column('variants', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.Column('updated_at', presswatch.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('concept', 'language')
    )
    op.create_table('memory_units',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_language', sa.String(length=16), nullable=False),
    sa.Column('target_language', sa.String(length=16), nullable=False),
    sa.Column('source_hash', sa.String(length=64), nullable=False),
    sa.Column('source_text', sa.Text(), nullable=False),
    sa.Column('target_text', sa.Text(), nullable=False),
    sa.Column('origin', sa.String(length=100), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=True),
    sa.Column('created_at', presswatch.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', presswatch.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('use_count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('source_language', 'target_language', 'source_hash')
    )
    op.create_table('segments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('translation_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('source_text', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('origin', sa.String(length=100), nullable=False),
    sa.Column('accepted', sa.Boolean(), nullable=False),
    sa.Column('accepted_by', sa.String(length=100), nullable=True),
    sa.Column('accepted_at', presswatch.store.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('checks', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['translation_id'], ['translations.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('translation_id', 'position')
    )
    with op.batch_alter_table('segments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_segments_translation_id'), ['translation_id'], unique=False)

    op.create_table('segment_edits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('segment_id', sa.Integer(), nullable=False),
    sa.Column('author', sa.String(length=100), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('origin', sa.String(length=100), nullable=False),
    sa.Column('created_at', presswatch.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['segment_id'], ['segments.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('segment_edits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_segment_edits_segment_id'), ['segment_id'], unique=False)

    with op.batch_alter_table('translations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('approved_by', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('approved_at', presswatch.store.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('override_reason', sa.Text(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('translations', schema=None) as batch_op:
        batch_op.drop_column('override_reason')
        batch_op.drop_column('approved_at')
        batch_op.drop_column('approved_by')

    with op.batch_alter_table('segment_edits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_segment_edits_segment_id'))

    op.drop_table('segment_edits')
    with op.batch_alter_table('segments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_segments_translation_id'))

    op.drop_table('segments')
    op.drop_table('memory_units')
    op.drop_table('glossary_terms')
