"""removals: what a person removed is kept for a day, so that undo can put it back

Adds `removals`: one row per removal, holding the deleted rows as JSON (the record, the rows
that went with it, and the ids of rows that pointed at it). Undo inserts them again and
deletes the row; rows older than a day are deleted as new removals come in.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 14:20:00

Reviewed by hand: one new table, reaching its user through a CASCADE foreign key.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('removals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('label', sa.String(length=300), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_removals_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_removals'))
    )
    with op.batch_alter_table('removals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_removals_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('removals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_removals_user_id'))
    op.drop_table('removals')
