"""streak_checkpoints: the streak engine's state at the end of finished days

Adds `streak_checkpoints`: per user and day, the engine's state at the end of that day as
JSON text and the version of the engine's code that wrote it, so a read walks only the days
after the latest one (issue: reads that cost the same in year three as in week one). Adds
`users.history_version`, which every write that changes a finished day raises, so a
checkpoint computed before such a write is never stored after it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 20:20:00

Reviewed by hand: one new table (its rows are derived, and deleted with the user), one new
column with a server default, so existing rows need no update.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('streak_checkpoints',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('through', sa.Date(), nullable=False),
    sa.Column('engine', sa.String(length=16), nullable=False),
    sa.Column('state', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_streak_checkpoints_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'through', name=op.f('pk_streak_checkpoints'))
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('history_version', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    # On SQLite this rebuilds `users`: keep its AUTOINCREMENT (ids are never reused).
    with op.batch_alter_table('users', schema=None, table_kwargs={'sqlite_autoincrement': True}) as batch_op:
        batch_op.drop_column('history_version')
    op.drop_table('streak_checkpoints')
