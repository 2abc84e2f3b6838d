"""entities, mentions, figures, quotes, stories

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 17:36:31.088097
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import presswatch.store.base

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('entities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('type', sa.String(length=8), nullable=False),
    sa.Column('names', sa.JSON(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('created_at', presswatch.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['merged_into_id'], ['entities.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entities_type'), ['type'], unique=False)

    op.create_table('stories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('titles', sa.JSON(), nullable=False),
    sa.Column('centroid', sa.LargeBinary(), nullable=True),
    sa.Column('first_seen', presswatch.store.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_seen', presswatch.store.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('created_at', presswatch.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['merged_into_id'], ['stories.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('entity_names',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('normalized', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('entity_id', 'language', 'name')
    )
    with op.batch_alter_table('entity_names', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entity_names_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_entity_names_normalized'), ['normalized'], unique=False)

    op.create_table('figures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('value', sa.Double(), nullable=False),
    sa.Column('unit', sa.String(length=64), nullable=False),
    sa.Column('qualifier', sa.String(length=16), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('surface', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('figures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_figures_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_figures_entity_id'), ['entity_id'], unique=False)

    op.create_table('mentions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('type', sa.String(length=8), nullable=False),
    sa.Column('surface', sa.String(length=300), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentions_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentions_entity_id'), ['entity_id'], unique=False)

    op.create_table('quotes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('speaker_entity_id', sa.Integer(), nullable=True),
    sa.Column('speaker', sa.String(length=300), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['speaker_entity_id'], ['entities.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quotes_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quotes_speaker_entity_id'), ['speaker_entity_id'], unique=False)

    op.create_table('story_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('story_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('embedding', sa.LargeBinary(), nullable=True),
    sa.Column('score', sa.Double(), nullable=False),
    sa.Column('added_by', sa.String(length=100), nullable=False),
    sa.Column('added_at', presswatch.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['story_id'], ['stories.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('document_id')
    )
    with op.batch_alter_table('story_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_story_members_story_id'), ['story_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('story_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_story_members_story_id'))

    op.drop_table('story_members')
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quotes_speaker_entity_id'))
        batch_op.drop_index(batch_op.f('ix_quotes_document_id'))

    op.drop_table('quotes')
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentions_entity_id'))
        batch_op.drop_index(batch_op.f('ix_mentions_document_id'))

    op.drop_table('mentions')
    with op.batch_alter_table('figures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_figures_entity_id'))
        batch_op.drop_index(batch_op.f('ix_figures_document_id'))

    op.drop_table('figures')
    with op.batch_alter_table('entity_names', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entity_names_normalized'))
        batch_op.drop_index(batch_op.f('ix_entity_names_entity_id'))

    op.drop_table('entity_names')
    op.drop_table('stories')
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entities_type'))

    op.drop_table('entities')
