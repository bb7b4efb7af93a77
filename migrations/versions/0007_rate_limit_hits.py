"""rate_limit_hits: the rate-limit counts of SPEC 6 in the app's own database

Adds `rate_limit_hits`: one row per counted hit (a failed password, a sign-up), its limit
key (digests and addresses, never an email) and when it stops counting. Every process of the
app reads the same rows, so the limits stay exact with several gunicorn workers; rows are
deleted as they expire (tracker/web/http/limits_storage.py).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-14 10:00:00

Reviewed by hand: one new table, no foreign keys, two indexes (a key's window; the prune).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('rate_limit_hits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('limit_key', sa.String(length=255), nullable=False),
    sa.Column('expires_at', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rate_limit_hits'))
    )
    with op.batch_alter_table('rate_limit_hits', schema=None) as batch_op:
        batch_op.create_index('ix_rate_limit_hits_expires_at', ['expires_at'], unique=False)
        batch_op.create_index('ix_rate_limit_hits_limit_key_expires_at', ['limit_key', 'expires_at'], unique=False)


def downgrade():
    with op.batch_alter_table('rate_limit_hits', schema=None) as batch_op:
        batch_op.drop_index('ix_rate_limit_hits_limit_key_expires_at')
        batch_op.drop_index('ix_rate_limit_hits_expires_at')
    op.drop_table('rate_limit_hits')
