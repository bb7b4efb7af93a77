"""applications as records, interviews, the calendar feed

Applications get `notes`, `contact` and `location`, and a link of up to 2000 characters
(SPEC section 4: every field of an application can be edited). Adds `interviews`, the events
of an application (a local start time as written, a length, a kind, a place, notes, and how
it went), and `users.calendar_feed_hash`, the digest of the secret in the address of the
user's calendar feed (SPEC section 6).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08 00:05:00

Reviewed by hand: new columns have server defaults or are nullable, so existing rows need no
update; the link only grows. `users` is never rebuilt (its AUTOINCREMENT stays): the feed's
digest is unique through an index, not a constraint.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.alter_column('link', existing_type=sa.String(length=500), type_=sa.String(length=2000), existing_nullable=True)
        batch_op.add_column(sa.Column('notes', sa.String(length=5000), server_default='', nullable=False))
        batch_op.add_column(sa.Column('contact', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('location', sa.String(length=200), server_default='', nullable=False))
    op.create_table('interviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=False), nullable=False),
    sa.Column('duration_minutes', sa.SmallInteger(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('location', sa.String(length=200), nullable=False),
    sa.Column('notes', sa.String(length=5000), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.Column('debrief', sa.String(length=5000), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('duration_minutes >= 5 AND duration_minutes <= 600', name=op.f('ck_interviews_duration_range')),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_interviews_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_interviews_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interviews'))
    )
    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interviews_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_interviews_user_id'), ['user_id', 'starts_at'], unique=False)
    # A column and a unique index: neither rebuilds `users` on SQLite, whose rebuild would lose
    # the AUTOINCREMENT that keeps account ids from being reused (revision 0005).
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('calendar_feed_hash', sa.String(length=64), nullable=True))
    op.create_index(op.f('ix_users_calendar_feed_hash'), 'users', ['calendar_feed_hash'], unique=True)


def downgrade():
    op.drop_index(op.f('ix_users_calendar_feed_hash'), table_name='users')
    # On SQLite this rebuilds `users`: keep its AUTOINCREMENT (ids are never reused).
    with op.batch_alter_table('users', schema=None, table_kwargs={'sqlite_autoincrement': True}) as batch_op:
        batch_op.drop_column('calendar_feed_hash')
    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interviews_user_id'))
        batch_op.drop_index(batch_op.f('ix_interviews_application_id'))
    op.drop_table('interviews')
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_column('location')
        batch_op.drop_column('contact')
        batch_op.drop_column('notes')
        batch_op.alter_column('link', existing_type=sa.String(length=2000), type_=sa.String(length=500), existing_nullable=True)
