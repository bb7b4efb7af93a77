"""users.checkpoints_stale_from: forgetting streak checkpoints is one update of the user's row

A write that changes a finished day used to delete the user's checkpoints from that day on
beside raising `users.history_version`: two statements on every back-filled check-in. It now
records the earliest such day in `users.checkpoints_stale_from` in the same update that
raises the version; readers pass over the checkpoints from that day on, and the next store
deletes them and clears the column.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 23:50:00

Reviewed by hand: one new nullable column, so existing rows need no update (no stale day).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checkpoints_stale_from', sa.Date(), nullable=True))


def downgrade():
    # The checkpoints it marks are deleted first, so that none is read as valid again.
    op.execute(
        "DELETE FROM streak_checkpoints WHERE EXISTS (SELECT 1 FROM users"
        " WHERE users.id = streak_checkpoints.user_id"
        " AND streak_checkpoints.through >= users.checkpoints_stale_from)"
    )
    # On SQLite this rebuilds `users`: keep its AUTOINCREMENT (ids are never reused).
    with op.batch_alter_table('users', schema=None, table_kwargs={'sqlite_autoincrement': True}) as batch_op:
        batch_op.drop_column('checkpoints_stale_from')
