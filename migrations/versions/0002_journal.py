"""journal: applications, practice sessions, reflections

Adds the applications (with their stage history), practice sessions and reflections, and
links a rejection to the application that logged it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 16:14:28.765162

Reviewed by hand: tables are created before what refers to them, and `rejections` is altered
before `reflections` (which points at it) exists, so SQLite's batch copy of `rejections` never
touches a table that refers to it.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('company', sa.String(length=120), nullable=False),
    sa.Column('role', sa.String(length=120), nullable=False),
    sa.Column('link', sa.String(length=500), nullable=True),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('stage', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_applications_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_applications'))
    )
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_applications_user_id'), ['user_id', 'date'], unique=False)

    op.create_table('application_stages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=16), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_application_stages_application_id_applications'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application_stages'))
    )
    with op.batch_alter_table('application_stages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_stages_application_id'), ['application_id'], unique=False)

    op.create_table('practice_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('item_id', sa.String(length=64), nullable=True),
    sa.Column('rating', sa.SmallInteger(), nullable=False),
    sa.Column('note', sa.String(length=2000), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('rating >= 1 AND rating <= 5', name=op.f('ck_practice_sessions_rating_range')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_practice_sessions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_sessions'))
    )
    with op.batch_alter_table('practice_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_sessions_user_id'), ['user_id', 'date'], unique=False)

    # Existing rejections keep application_id NULL: none was logged by an application.
    with op.batch_alter_table('rejections', schema=None) as batch_op:
        batch_op.add_column(sa.Column('application_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_rejections_application_id'), ['application_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_rejections_application_id_applications'), 'applications', ['application_id'], ['id'], ondelete='SET NULL')

    op.create_table('reflections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('text', sa.String(length=10000), nullable=False),
    sa.Column('prompt', sa.String(length=500), nullable=True),
    sa.Column('rejection_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['rejection_id'], ['rejections.id'], name=op.f('fk_reflections_rejection_id_rejections'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_reflections_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reflections'))
    )
    with op.batch_alter_table('reflections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reflections_rejection_id'), ['rejection_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reflections_user_id'), ['user_id', 'date'], unique=False)


def downgrade():
    with op.batch_alter_table('reflections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reflections_user_id'))
        batch_op.drop_index(batch_op.f('ix_reflections_rejection_id'))

    op.drop_table('reflections')

    with op.batch_alter_table('rejections', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_rejections_application_id_applications'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_rejections_application_id'))
        batch_op.drop_column('application_id')

    with op.batch_alter_table('practice_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_sessions_user_id'))

    op.drop_table('practice_sessions')
    with op.batch_alter_table('application_stages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_stages_application_id'))

    op.drop_table('application_stages')
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_applications_user_id'))

    op.drop_table('applications')
