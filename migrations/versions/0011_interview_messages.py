"""interview and follow-up messages, the interview's own plan

SPEC section 5: each interview gets three messages (`interview_prep` the evening before,
`interview_pep` two hours before, `interview_after` an hour after it ends), each once. Their
due instants live on the interview (`prep_at`, `pep_at`, `after_at`, UTC) and become NULL when
a sweep claims them, so moving the interview afterwards never sends one twice.
`applications.follow_up_for` holds the last change of the quiet spell whose `follow_up`
message was claimed: one per spell. `interviews.plan` is the person's own "if it gets hard,
then I will ..." plan (the prep page).

A delivery may now be for one of these messages rather than a rule's slot: it names its
user, its kind and, without a rule, its `subject` ("interview:42", "application:7").

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08 03:10:00

Reviewed by hand: existing deliveries get their user and kind from their rule before the
columns become NOT NULL; interviews already stored get their message instants when their
owner's reminders or the interview next change (none is due from the past).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('plan', sa.String(length=500), server_default='', nullable=False))
        batch_op.add_column(sa.Column('prep_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('pep_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('after_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_interviews_prep_at'), ['prep_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_interviews_pep_at'), ['pep_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_interviews_after_at'), ['after_at'], unique=False)
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('follow_up_for', sa.Date(), nullable=True))
    with op.batch_alter_table('push_deliveries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('user_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('kind', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('subject', sa.String(length=40), nullable=True))
    op.execute(
        "UPDATE push_deliveries SET"
        " user_id = (SELECT user_id FROM reminder_rules WHERE reminder_rules.id = push_deliveries.rule_id),"
        " kind = (SELECT kind FROM reminder_rules WHERE reminder_rules.id = push_deliveries.rule_id)"
    )
    with op.batch_alter_table('push_deliveries', schema=None) as batch_op:
        batch_op.alter_column('user_id', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('kind', existing_type=sa.String(length=16), nullable=False)
        batch_op.alter_column('rule_id', existing_type=sa.Integer(), nullable=True)
        batch_op.create_foreign_key(batch_op.f('fk_push_deliveries_user_id_users'), 'users', ['user_id'], ['id'], ondelete='CASCADE')
        batch_op.create_index(batch_op.f('ix_push_deliveries_user_id'), ['user_id'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_push_deliveries_kind_subject_slot'), ['kind', 'subject', 'slot'])


def downgrade():
    # Deliveries of interview and follow-up messages have no rule: they go (and their
    # messages and attempts with them, by the foreign keys' cascade).
    op.execute("DELETE FROM push_deliveries WHERE rule_id IS NULL")
    with op.batch_alter_table('push_deliveries', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_push_deliveries_kind_subject_slot'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_push_deliveries_user_id'))
        batch_op.drop_constraint(batch_op.f('fk_push_deliveries_user_id_users'), type_='foreignkey')
        batch_op.alter_column('rule_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('subject')
        batch_op.drop_column('kind')
        batch_op.drop_column('user_id')
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_column('follow_up_for')
    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interviews_after_at'))
        batch_op.drop_index(batch_op.f('ix_interviews_pep_at'))
        batch_op.drop_index(batch_op.f('ix_interviews_prep_at'))
        batch_op.drop_column('after_at')
        batch_op.drop_column('pep_at')
        batch_op.drop_column('prep_at')
        batch_op.drop_column('plan')
