"""The database schema as SQLAlchemy Core tables (portable across SQLite and PostgreSQL).

Money is integer đồng; rates are integer parts per million per month (0,55 %/tháng = 5500);
timestamps are UTC (`DateTime(timezone=True)`); calendar dates are plain `Date`.
Migrations in `storage/migrations` are the source of truth for the live database; this module
mirrors them so queries can be written against named columns.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

Money = BigInteger

# Loan programmes: configuration, seeded by a migration, never hard-coded in logic.
programs = Table(
    "programs",
    metadata,
    Column("code", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("short_name", String(40), nullable=False),
    Column("rate_monthly_ppm", Integer),
    Column("overdue_rate_pct_of_normal", Integer, nullable=False, default=130),
    Column("cap_vnd", Money),
    Column("max_term_months", Integer),
    Column("legal_basis", String(200)),
    Column("note", Text),
)

import_batches = Table(
    "import_batches",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("file_name", String(500), nullable=False),
    Column("file_sha256", String(64), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("as_of_date", Date),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("rows_read", Integer, nullable=False),
    Column("rows_kept", Integer, nullable=False),
    Column("rows_skipped", Integer, nullable=False),
    Column("rows_rejected", Integer, nullable=False),
    Column("summary", Text, nullable=False),
    # A loans file is staged, then applied in chunks (storage/importer/staged.py):
    # staging → applying → done; the other kinds are applied at once and are born done.
    Column("state", String(12), nullable=False, server_default="done"),
    Column("chunks_total", Integer, nullable=False, server_default="0"),
    Column("chunks_applied", Integer, nullable=False, server_default="0"),
    Column("plan", Text),  # what applying needs to resume after a crash (JSON)
)

# The checked rows of a loans file not yet applied: one row per chunk of records, pickled.
import_staging = Table(
    "import_staging",
    metadata,
    Column("batch_id", ForeignKey("import_batches.id", ondelete="CASCADE"), primary_key=True),
    Column("chunk", Integer, primary_key=True, autoincrement=False),
    Column("records", LargeBinary, nullable=False),
    Column("contracts", Text, nullable=False),  # the chunk's contract numbers, one a line
)

communes = Table(
    "communes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(20), unique=True),
    Column("name", String(200), nullable=False),
    Column("name_key", String(200), nullable=False, unique=True),
    Column("office_name", String(200)),
)

groups = Table(
    "groups",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(40), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("commune_id", ForeignKey("communes.id"), nullable=False, index=True),
    Column("entrusted_org", String(100)),
    Column("hamlet", String(200)),
    Column("leader_name", String(200)),
    Column("leader_customer_id", ForeignKey("customers.id", use_alter=True)),
    Column("deputy_customer_id", ForeignKey("customers.id", use_alter=True)),
    Column("min_monthly_savings", Money),
    Column("as_of_date", Date),
)

customers = Table(
    "customers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(40), nullable=False, unique=True),
    Column("full_name", String(200), nullable=False),
    # storage.name_keys.name_key(full_name): a name said in a message is found by the index
    Column("name_key", String(200), index=True),
    Column("group_id", ForeignKey("groups.id"), nullable=False, index=True),
    Column("id_last4", String(4)),
    Column("id_hash", String(120)),
    Column("address", String(300)),
    Column("hamlet", String(200)),
    Column("savings_balance", Money),
    Column("as_of_date", Date),
)

customer_phones = Table(
    "customer_phones",
    metadata,
    Column("phone", String(15), primary_key=True),
    Column("customer_id", ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_customer_phones_customer", "customer_id"),
)

loans = Table(
    "loans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("contract_no", String(60), nullable=False, unique=True),
    Column("customer_id", ForeignKey("customers.id"), nullable=False, index=True),
    Column("program_code", ForeignKey("programs.code")),
    Column("program_name", String(200)),
    Column("balance_current", Money, nullable=False, default=0),
    Column("balance_overdue", Money, nullable=False, default=0),
    Column("balance_frozen", Money, nullable=False, default=0),
    Column("amount_lent", Money),
    Column("principal_paid", Money),
    Column("rate_monthly_ppm", Integer),
    Column("disbursed_on", Date),
    Column("maturity_contract", Date),
    Column("maturity_extended", Date),
    Column("interest_unpaid", Money),
    Column("interest_month", Money),
    Column("next_due_on", Date),
    Column("next_due_amount", Money),
    Column("status_text", String(100)),
    Column("classification", String(20)),
    Column("as_of_date", Date, nullable=False),
    Column("closed_on", Date),
)

# Monthly commune session rule (day_of_month), a one-off session (on_date), or a group's own
# meeting rule/date (group_id set).
schedules = Table(
    "schedules",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("commune_id", ForeignKey("communes.id"), nullable=False, index=True),
    Column("group_id", ForeignKey("groups.id")),
    Column("day_of_month", Integer),
    Column("on_date", Date),
    Column("start_time", String(5)),
    Column("place", String(300)),
    Column("batch_id", ForeignKey("import_batches.id")),
)

officers = Table(
    "officers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("full_name", String(200), nullable=False),
    Column("phone", String(15), nullable=False, unique=True),
    Column("scope_all", Boolean, nullable=False, default=False),
)

officer_communes = Table(
    "officer_communes",
    metadata,
    Column("officer_id", ForeignKey("officers.id", ondelete="CASCADE"), primary_key=True),
    Column("commune_id", ForeignKey("communes.id", ondelete="CASCADE"), primary_key=True),
)

chat_links = Table(
    "chat_links",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("channel", String(20), nullable=False),
    Column("chat_id", String(64), nullable=False),
    Column("user_id", String(64)),
    Column("customer_id", ForeignKey("customers.id", ondelete="SET NULL"), index=True),
    Column("officer_id", ForeignKey("officers.id", ondelete="SET NULL")),
    Column("role", String(20), nullable=False, default="guest"),
    Column("locale", String(10), nullable=False, default="vi"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("linked_at", DateTime(timezone=True)),
    Column("consent_at", DateTime(timezone=True)),
    Column("reminders_enabled", Boolean, nullable=False, default=True),
    Column("unreachable_at", DateTime(timezone=True)),
    # Added in 0003_zalo: which of a person's chats gets their news (storage/news_chat.py).
    Column("last_seen_at", DateTime(timezone=True)),
    Column("news_chosen_at", DateTime(timezone=True)),
    # Added in 0009: when the whole personal-data notice was last shown (a short line after).
    Column("notice_shown_at", DateTime(timezone=True)),
    # Added in 0010: the language was chosen (/ngonngu): it wins over the language written;
    # the one-time hint how to choose was given.
    Column("locale_chosen_at", DateTime(timezone=True)),
    Column("language_hint_at", DateTime(timezone=True)),
    # Added in 0011: the question asked before agreeing to the notice (answered once agreed,
    # then cleared; a new link starts without one).
    Column("pending_question", Text),
    Column("pending_question_at", DateTime(timezone=True)),
    UniqueConstraint("channel", "chat_id", name="uq_chat_links_channel_chat"),
)

link_attempts = Table(
    "link_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("channel", String(20), nullable=False),
    Column("chat_id", String(64), nullable=False),
    Column("customer_id", ForeignKey("customers.id", ondelete="CASCADE")),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("success", Boolean, nullable=False),
    Index("ix_link_attempts_chat", "channel", "chat_id", "at"),
    Index("ix_link_attempts_customer", "customer_id", "at"),
)

lockouts = Table(
    "lockouts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("channel", String(20)),
    Column("chat_id", String(64)),
    Column("customer_id", ForeignKey("customers.id", ondelete="CASCADE")),
    Column("until", DateTime(timezone=True), nullable=False),
    Index("ix_lockouts_chat", "channel", "chat_id"),
    Index("ix_lockouts_customer", "customer_id"),
)

link_codes = Table(
    "link_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("customer_id", ForeignKey("customers.id", ondelete="CASCADE")),
    Column("officer_id", ForeignKey("officers.id", ondelete="CASCADE")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True)),
)

dialog_states = Table(
    "dialog_states",
    metadata,
    Column("channel", String(20), primary_key=True),
    Column("chat_id", String(64), primary_key=True),
    Column("flow", String(40), nullable=False),
    Column("step", String(40), nullable=False),
    Column("data", Text, nullable=False),
    Column("version", Integer, nullable=False, default=1),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

# The options (buttons) under the last message the bot sent to a chat (added in 0003), so a
# typed "đồng ý" or "2" can stand for a press; as JSON [[label, data], ...]; storage/options.py.
# Since 0007 also the numbered options of channels without buttons (Zalo's were `zalo_options`).
chat_options = Table(
    "chat_options",
    metadata,
    Column("channel", String(20), primary_key=True),
    Column("chat_id", String(64), primary_key=True),
    Column("options", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

processed_updates = Table(
    "processed_updates",
    metadata,
    Column("channel", String(20), primary_key=True),
    Column("update_id", BigInteger, primary_key=True, autoincrement=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

# Added in 0004: what the webhook accepted, kept until it is processed and answered
# (storage/inbox.py); done rows keep only their key, for a week.
inbox = Table(
    "inbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("channel", String(20), nullable=False),
    Column("update_key", Text, nullable=False),  # Telegram: update_id; Zalo: message_id hash
    Column("chat_key", String(80), nullable=False),  # one queue per chat
    Column("payload", Text, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("done_at", DateTime(timezone=True)),
    Column("attempts", Integer, nullable=False, default=0),
    Column("claimed_by", String(64)),
    Column("lease_until", DateTime(timezone=True)),
    Column("replies", Text),  # the answer, kept with the update's changes until it left
    UniqueConstraint("channel", "update_key", name="uq_inbox_channel_update"),
    Index("ix_inbox_queue", "channel", "done_at", "chat_key", "id"),
    Index("ix_inbox_done", "done_at"),
)

tallies = Table(
    "tallies",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("group_id", ForeignKey("groups.id"), nullable=False),
    Column("session_date", Date, nullable=False),
    Column("version", Integer, nullable=False),
    Column("is_current", Boolean, nullable=False, default=True),
    Column("receipt_no", String(40), nullable=False, unique=True),
    Column("submitted_by_customer_id", ForeignKey("customers.id")),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    Column("interest_due", Money, nullable=False),
    Column("interest_collected", Money, nullable=False),
    Column("interest_unpaid", Money, nullable=False),
    Column("savings_collected", Money, nullable=False),
    Column("principal_from_savings", Money, nullable=False),
    Column("cash_to_hand_over", Money, nullable=False),
    UniqueConstraint("group_id", "session_date", "version", name="uq_tallies_group_session"),
)

tally_lines = Table(
    "tally_lines",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("tally_id", ForeignKey("tallies.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("seq", Integer, nullable=False),
    Column("customer_id", ForeignKey("customers.id"), nullable=False),
    Column("loan_id", ForeignKey("loans.id")),
    Column("outstanding", Money, nullable=False),
    Column("interest_due", Money, nullable=False),
    Column("interest_collected", Money, nullable=False),
    Column("interest_unpaid", Money, nullable=False),
    Column("savings_deposited", Money, nullable=False),
    Column("principal_from_savings", Money, nullable=False),
    Column("absent", Boolean, nullable=False, default=False),
    # nothing paid, put off to a later session by a member who was there (not absent)
    Column("put_off", Boolean, nullable=False, default=False, server_default=false()),
    Column("note", String(300)),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("channel", String(20), nullable=False),
    Column("chat_id", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("buttons", Text),
    Column("kind", String(40), nullable=False),
    Column("dedupe_key", String(200), nullable=False, unique=True),
    Column("status", String(20), nullable=False, default="pending"),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("claimed_by", String(64)),
    Column("claimed_at", DateTime(timezone=True)),
    Column("sent_at", DateTime(timezone=True)),
    Column("error", String(300)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # Added in 0002: the broadcast a row belongs to, the moment after which it is pointless
    # (a reminder for a day that has passed), and the platform's id of the sent message.
    Column("broadcast_id", Integer, index=True),
    Column("not_after", DateTime(timezone=True)),
    Column("sent_message_id", String(64)),
    Index("ix_outbox_due", "status", "next_attempt_at"),
)

broadcasts = Table(
    "broadcasts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("officer_id", ForeignKey("officers.id", ondelete="SET NULL")),
    Column("audience", String(200), nullable=False),
    Column("text", Text, nullable=False),
    Column("recipients", Integer, nullable=False),
    Column("status_channel", String(20)),
    Column("status_chat_id", String(64)),
    Column("status_outbox_id", Integer),
    Column("last_progress", String(200)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
)

meetings = Table(
    "meetings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("group_id", ForeignKey("groups.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("starts_at", DateTime(timezone=True), nullable=False),
    Column("has_time", Boolean, nullable=False, default=True),  # imported without an hour
    Column("place", String(300), nullable=False),
    Column("purpose", String(300)),
    Column("status", String(20), nullable=False, default="scheduled"),
    Column("source", String(20), nullable=False, default="leader"),  # or "import"
    Column("called_by_customer_id", ForeignKey("customers.id", ondelete="SET NULL")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("changed_at", DateTime(timezone=True)),
    Column("revision", Integer, nullable=False, default=1),
)

meeting_answers = Table(
    "meeting_answers",
    metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("customer_id", ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True),
    Column("coming", Boolean, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

# What each revision of a meeting said (day, time, place): members are told of a change or a
# cancellation as they last heard of the meeting, which may be an earlier revision than the
# current one when a notice was withdrawn before it left (the outbox knows which was sent).
meeting_revisions = Table(
    "meeting_revisions",
    metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("revision", Integer, primary_key=True),
    Column("starts_at", DateTime(timezone=True), nullable=False),
    Column("has_time", Boolean, nullable=False),
    Column("place", String(300), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

reminder_log = Table(
    "reminder_log",
    metadata,
    Column("dedupe_key", String(200), primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("chat_link_id", ForeignKey("chat_links.id", ondelete="CASCADE")),
    Column("for_date", Date, nullable=False),
    Column("queued_at", DateTime(timezone=True), nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("channel", String(20)),
    Column("chat_id", String(64)),
    Column("actor_role", String(20)),
    Column("actor_customer_id", ForeignKey("customers.id", ondelete="SET NULL")),
    Column("actor_officer_id", ForeignKey("officers.id", ondelete="SET NULL")),
    Column("action", String(60), nullable=False),
    Column("subject", String(120)),
    Column("detail", String(300)),
    Index("ix_audit_log_at", "at"),
)
