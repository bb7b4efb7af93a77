"""browser sessions: a cookie names a session row that sign-out deletes; account ids are never reused

Adds `browser_sessions` (one row per signed-in browser, holding the SHA-256 digest of the
random secret in its cookie) and drops `users.session_version`, which it replaces. On SQLite
the `users` table is rebuilt with AUTOINCREMENT, so an account id is never given again after
the account is deleted (without it SQLite reuses the id of the newest deleted row).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 14:05:00

Reviewed by hand: the rebuild copies every row of `users` as it is (ids included); env.py
turns SQLite's foreign keys off for the migration, so dropping the old table cascades
nothing. Every browser is signed out once by the
upgrade: the cookies before it name no session row.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def _rebuild_on_sqlite() -> str:
    """SQLite learns AUTOINCREMENT only by a new table; PostgreSQL never reuses an id."""
    return 'always' if op.get_bind().dialect.name == 'sqlite' else 'auto'


def upgrade():
    with op.batch_alter_table(
        'users', recreate=_rebuild_on_sqlite(), table_kwargs={'sqlite_autoincrement': True}
    ) as batch_op:
        batch_op.drop_column('session_version')

    op.create_table('browser_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('secret_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_browser_sessions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_browser_sessions')),
    sa.UniqueConstraint('secret_hash', name=op.f('uq_browser_sessions_secret_hash')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('browser_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_browser_sessions_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('browser_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_browser_sessions_user_id'))
    op.drop_table('browser_sessions')
    with op.batch_alter_table('users', recreate=_rebuild_on_sqlite()) as batch_op:
        batch_op.add_column(
            sa.Column('session_version', sa.Integer(), nullable=False, server_default='0')
        )
