"""practice questions: a user's own questions to rehearse get a table

Adds `practice_questions` (the questions and habits a user puts on their own practice list,
optionally linked to the rejection whose debrief they came from). Until now such a question
was stored as a reflection with the prompt "A question that tripped me, to practise", which
counted it as a reflection (reflect goal, badges, counters, GET /reflections); the upgrade
moves those reflections into the new table and deletes them from `reflections`.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 10:02:41.118204

Reviewed by hand: one new table, reaching its user through a CASCADE foreign key; its link to
a rejection is SET NULL, like a reflection's. The data move is plain SQL that SQLite and
PostgreSQL both run. A marked reflection longer than a question may be (500 characters) was
not written by the practice list (its form took 500 at most) and stays a reflection, whole.
Goal entries the moved reflections raised stay as they are: entries are never lowered
behind the user's back. The downgrade puts the questions back as marked reflections, dated
the local day they were added in the user's time zone.
"""
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

MARKER = "A question that tripped me, to practise"
MAX_TEXT = 500
MARKED = "prompt = :marker AND length(text) <= :longest"


def upgrade():
    op.create_table('practice_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('rejection_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['rejection_id'], ['rejections.id'], name=op.f('fk_practice_questions_rejection_id_rejections'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_practice_questions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_questions'))
    )
    with op.batch_alter_table('practice_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_questions_rejection_id'), ['rejection_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_questions_user_id'), ['user_id'], unique=False)

    # Oldest first, so the questions keep their order (ids ascend as they did).
    values = {"marker": MARKER, "longest": MAX_TEXT}
    op.execute(
        sa.text(
            "INSERT INTO practice_questions (user_id, text, rejection_id, created_at) "
            "SELECT user_id, text, rejection_id, created_at FROM reflections "
            f"WHERE {MARKED} ORDER BY id"
        ).bindparams(**values)
    )
    op.execute(sa.text(f"DELETE FROM reflections WHERE {MARKED}").bindparams(**values))


def _instant(value) -> datetime:
    """A stored creation instant as an aware datetime (SQLite hands back text)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


def _local_day(instant: datetime, zone: str):
    """The date of `instant` in the user's time zone (UTC for a zone this system lacks)."""
    try:
        return instant.astimezone(ZoneInfo(zone)).date()
    except (KeyError, ValueError):
        return instant.astimezone(timezone.utc).date()


def downgrade():
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT q.user_id, q.text, q.rejection_id, q.created_at, u.timezone "
            "FROM practice_questions q JOIN users u ON u.id = q.user_id ORDER BY q.id"
        )
    ).all()
    reflections = sa.table(
        'reflections',
        sa.column('user_id', sa.Integer()),
        sa.column('date', sa.Date()),
        sa.column('text', sa.String()),
        sa.column('prompt', sa.String()),
        sa.column('rejection_id', sa.Integer()),
        sa.column('created_at', sa.DateTime(timezone=True)),
    )
    if rows:
        op.bulk_insert(
            reflections,
            [
                {
                    'user_id': row.user_id,
                    'date': _local_day(_instant(row.created_at), row.timezone),
                    'text': row.text,
                    'prompt': MARKER,
                    'rejection_id': row.rejection_id,
                    'created_at': _instant(row.created_at),
                }
                for row in rows
            ],
        )

    with op.batch_alter_table('practice_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_questions_user_id'))
        batch_op.drop_index(batch_op.f('ix_practice_questions_rejection_id'))

    op.drop_table('practice_questions')
