"""push: subscriptions, reminder rules, deliveries

Adds Web Push subscriptions, each user's reminder rules with their next fire instant (UTC,
indexed for the sweep), one delivery per (rule, slot), each delivery's message per device and
every attempt to send one.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 18:03:14.965448

Reviewed by hand: only new tables, created before what refers to them. Each reaches its user
through a CASCADE foreign key (a subscription and a rule directly, a delivery through its rule,
a message through its delivery, an attempt through its message), so deleting a user removes
them all. A message keeps its row (subscription_id NULL) when its subscription is deleted
after a 404/410, so the log of that answer stays.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('push_subscriptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('endpoint', sa.String(length=1024), nullable=False),
    sa.Column('p256dh', sa.String(length=100), nullable=False),
    sa.Column('auth', sa.String(length=32), nullable=False),
    sa.Column('user_agent', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_push_subscriptions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_push_subscriptions')),
    sa.UniqueConstraint('endpoint', name=op.f('uq_push_subscriptions_endpoint'))
    )
    with op.batch_alter_table('push_subscriptions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_push_subscriptions_user_id'), ['user_id'], unique=False)

    op.create_table('reminder_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('local_time', sa.Time(), nullable=False),
    sa.Column('weekday_mask', sa.SmallInteger(), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('next_fire_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('plan', 'nudge', 'comeback')", name=op.f('ck_reminder_rules_kind')),
    sa.CheckConstraint('weekday_mask >= 1 AND weekday_mask <= 127', name=op.f('ck_reminder_rules_weekdays_nonempty')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_reminder_rules_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_rules')),
    sa.UniqueConstraint('user_id', 'kind', name=op.f('uq_reminder_rules_user_id_kind'))
    )
    with op.batch_alter_table('reminder_rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminder_rules_next_fire_at'), ['next_fire_at'], unique=False)

    op.create_table('push_deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rule_id', sa.Integer(), nullable=False),
    sa.Column('slot', sa.DateTime(timezone=True), nullable=False),
    sa.Column('local_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=16), nullable=True),
    sa.Column('payload', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['rule_id'], ['reminder_rules.id'], name=op.f('fk_push_deliveries_rule_id_reminder_rules'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_push_deliveries')),
    sa.UniqueConstraint('rule_id', 'slot', name=op.f('uq_push_deliveries_rule_id_slot'))
    )
    op.create_table('push_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('delivery_id', sa.Integer(), nullable=False),
    sa.Column('subscription_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.SmallInteger(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_status', sa.SmallInteger(), nullable=True),
    sa.ForeignKeyConstraint(['delivery_id'], ['push_deliveries.id'], name=op.f('fk_push_messages_delivery_id_push_deliveries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subscription_id'], ['push_subscriptions.id'], name=op.f('fk_push_messages_subscription_id_push_subscriptions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_push_messages')),
    sa.UniqueConstraint('delivery_id', 'subscription_id', name=op.f('uq_push_messages_delivery_id_subscription_id'))
    )
    with op.batch_alter_table('push_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_push_messages_status'), ['status', 'next_attempt_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_push_messages_subscription_id'), ['subscription_id'], unique=False)

    op.create_table('push_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('http_status', sa.SmallInteger(), nullable=True),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('detail', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['message_id'], ['push_messages.id'], name=op.f('fk_push_attempts_message_id_push_messages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_push_attempts'))
    )
    with op.batch_alter_table('push_attempts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_push_attempts_message_id'), ['message_id'], unique=False)



def downgrade():
    with op.batch_alter_table('push_attempts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_push_attempts_message_id'))

    op.drop_table('push_attempts')
    with op.batch_alter_table('push_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_push_messages_subscription_id'))
        batch_op.drop_index(batch_op.f('ix_push_messages_status'))

    op.drop_table('push_messages')
    op.drop_table('push_deliveries')
    with op.batch_alter_table('reminder_rules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminder_rules_next_fire_at'))

    op.drop_table('reminder_rules')
    with op.batch_alter_table('push_subscriptions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_push_subscriptions_user_id'))

    op.drop_table('push_subscriptions')
