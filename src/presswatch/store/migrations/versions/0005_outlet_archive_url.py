"""outlet archive url

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 18:03:24.715465
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outlets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('archive_url', sa.String(length=1000), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('outlets', schema=None) as batch_op:
        batch_op.drop_column('archive_url')

