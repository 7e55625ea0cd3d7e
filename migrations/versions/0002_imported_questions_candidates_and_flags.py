"""Imported questions: a team's own questions, candidates from its notes, and flags.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "candidate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=128), nullable=False),
        sa.Column("topic_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("choices", sa.JSON(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("accepted", sa.JSON(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("source_note", sa.String(length=300), nullable=False),
        sa.Column("source_heading", sa.Text(), nullable=False),
        sa.Column("source_line", sa.Integer(), nullable=False),
        sa.Column("exams", sa.JSON(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("style", sa.String(length=16), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'approved', 'rejected')", name=op.f("ck_candidate_status_known")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_candidate_team_id_team"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["topic_id"], ["topic.id"], name=op.f("fk_candidate_topic_id_topic")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidate")),
        sa.UniqueConstraint(
            "team_id", "question_id", name=op.f("uq_candidate_team_id_question_id")
        ),
    )
    with op.batch_alter_table("candidate", schema=None) as batch_op:
        batch_op.create_index(
            "ix_candidate_team_status", ["team_id", "status", "confidence"], unique=False
        )

    op.create_table(
        "flag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=128), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("outcome IN ('kept', 'removed')", name=op.f("ck_flag_outcome_known")),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_flag_member_id_member"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["question_id"], ["question.id"], name=op.f("fk_flag_question_id_question")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_flag_team_id_team"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flag")),
        sa.UniqueConstraint(
            "team_id",
            "question_id",
            "member_id",
            name=op.f("uq_flag_team_id_question_id_member_id"),
        ),
    )
    with op.batch_alter_table("flag", schema=None) as batch_op:
        batch_op.create_index("ix_flag_team_question", ["team_id", "question_id"], unique=False)

    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.add_column(sa.Column("team_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_question_team_id"), ["team_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_question_team_id_team"), "team", ["team_id"], ["id"], ondelete="CASCADE"
        )

    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.add_column(sa.Column("auto_accept", sa.Float(), nullable=True))


def downgrade() -> None:
    # Without team_id a team's imported questions would join everyone's bank: retire them.
    question = sa.table(
        "question", sa.column("team_id", sa.Integer), sa.column("active", sa.Boolean)
    )
    op.execute(question.update().where(question.c.team_id.is_not(None)).values(active=False))
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_column("auto_accept")

    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_question_team_id_team"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_question_team_id"))
        batch_op.drop_column("team_id")

    with op.batch_alter_table("flag", schema=None) as batch_op:
        batch_op.drop_index("ix_flag_team_question")

    op.drop_table("flag")
    with op.batch_alter_table("candidate", schema=None) as batch_op:
        batch_op.drop_index("ix_candidate_team_status")

    op.drop_table("candidate")
