"""fields, revisions, captures, backfills, feed kinds

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 17:28:11.213284
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import presswatch.store.base

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('backfills',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('outlet_id', sa.Integer(), nullable=False),
    sa.Column('start_date', presswatch.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('end_date', presswatch.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('cursor', sa.JSON(), nullable=False),
    sa.Column('pages_done', sa.Integer(), nullable=False),
    sa.Column('articles_found', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', presswatch.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', presswatch.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['outlet_id'], ['outlets.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('blocks', sa.JSON(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('url', sa.String(length=1000), nullable=True),
    sa.Column('fetched_at', presswatch.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('headline_changed', sa.Boolean(), nullable=False),
    sa.Column('after_publication', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('document_id', 'number')
    )
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_revisions_document_id'), ['document_id'], unique=False)

    op.create_table('captures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(length=1000), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=True),
    sa.Column('feed_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('content_type', sa.String(length=200), nullable=False),
    sa.Column('warc_file', sa.String(length=500), nullable=False),
    sa.Column('offset', sa.Integer(), nullable=False),
    sa.Column('length', sa.Integer(), nullable=False),
    sa.Column('fetched_at', presswatch.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['feed_id'], ['feeds.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('captures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_captures_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_captures_url'), ['url'], unique=False)

    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('authors', sa.JSON(), server_default='[]', nullable=False))
        batch_op.add_column(sa.Column('modified', presswatch.store.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('image_url', sa.String(length=1000), nullable=True))
        batch_op.add_column(sa.Column('outlet_section', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('revision', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('stealth_edit', sa.Boolean(), server_default='0', nullable=False))

    with op.batch_alter_table('feeds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=16), server_default='feed', nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('feeds', schema=None) as batch_op:
        batch_op.drop_column('kind')

    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_column('stealth_edit')
        batch_op.drop_column('revision')
        batch_op.drop_column('outlet_section')
        batch_op.drop_column('image_url')
        batch_op.drop_column('modified')
        batch_op.drop_column('authors')

    with op.batch_alter_table('captures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_captures_url'))
        batch_op.drop_index(batch_op.f('ix_captures_article_id'))

    op.drop_table('captures')
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_revisions_document_id'))

    op.drop_table('revisions')
    op.drop_table('backfills')
