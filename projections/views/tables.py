"""The read models' tables, written once for both backends.

Statements use `:name` parameters and a `{p}` table prefix; each backend's view turns them
into its own placeholder style and schema.
"""

from __future__ import annotations

from dataclasses import dataclass

from projections.views import clause_sums, export_queries

# Raise when a read-model table changes shape: `jcg db upgrade` then drops the read models and
# the projector rebuilds them from the events (the events themselves never change shape here).
# 7: the second review of the policy (entitlements gain `recoverable`, their figures change).
# 8: statuses mean one thing everywhere (money never expires; periods after a departure ended).
# 9: jcg_clause_sums (the 总览's money by year and clause), jcg_listed (the lists' rows).
# 10: the sums count what an overpaid entitlement owes, and every payment made; the engine's
#     figures mended by the audit of 2026-12-04 (就高, one matter however typed, 1.2's term by
#     its start, 12.2's entry before the loan, 12.3's guarantees outstanding by date, 3.2's
#     position after a revocation, one-time facts dated while away), and an entitlement's
#     `approved` amount.
# 11: money recovered (entitlement_recovered): entitlements gain `recovered`, `disbursed` is net;
#     the audit of 2026-12-04's second round: a loan's reference however typed is one loan
#     (12.1, 12.2), the deadlines of 3.2's exit, 1.3's window and article 2's years follow
#     recoveries and revocations, and periods past the policy's end await its renewal (8.1, 1.2,
#     12.3's days after 2027-12-15) while years inside it reported after the end are paid.
# 12: money a 3.2 exit returned is no longer 应追回 on the 3.1 entitlement it came from.
# 13: the 公示名单's rows keep an approved entitlement paid beyond what support elsewhere left owed.
VERSION = 13
# Tables of earlier versions that this one no longer has: an upgrade drops them too.
RETIRED = ["jcg_entitlements"]

TABLES = [
    """CREATE TABLE IF NOT EXISTS {p}jcg_entities (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        credit_code TEXT NOT NULL,
        zone TEXT NOT NULL,
        entered_on TEXT NOT NULL,
        status TEXT NOT NULL,
        version INTEGER NOT NULL,
        registered_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS jcg_entities_kind ON {p}jcg_entities (kind, registered_at, id)",
    "CREATE INDEX IF NOT EXISTS jcg_entities_order ON {p}jcg_entities (registered_at, id)",
    # The annual entitlements again, one row each, for the fiscal year's totals (GET /subsidies).
    # Amounts are kept as text: exact decimals on both backends, summed in Python.
    """CREATE TABLE IF NOT EXISTS {p}jcg_annual_entitlements (
        entity_id TEXT NOT NULL,
        id TEXT NOT NULL,
        year INTEGER NOT NULL,
        clause TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (entity_id, id))""",
    # A year's rows, and the 年度补贴 page's entities in order from the index alone; it took the
    # place of an index on the year alone, dropped where an earlier release made it.
    """CREATE INDEX IF NOT EXISTS jcg_annual_entitlements_year_entity
        ON {p}jcg_annual_entitlements (year, entity_id)""",
    "DROP INDEX IF EXISTS {p}jcg_annual_entitlements_year",
    # Each entity's entitlements, the only full copy: one JSON document as they stood on
    # `stable_from` (the day it was projected), served as it is until `stable_until`, the last day
    # before a row lapses. A read after that re-dates its rows; expiry only ever moves forward, so
    # re-dating a dated row gives what dating the undated one would.
    """CREATE TABLE IF NOT EXISTS {p}jcg_entitlement_sets (
        entity_id TEXT PRIMARY KEY,
        count INTEGER NOT NULL,
        stable_from TEXT NOT NULL,
        stable_until TEXT,
        body TEXT NOT NULL)""",
    # The whole park's deadlines (the policy's end) are kept under entity_id '' (entity_rows.PARK).
    """CREATE TABLE IF NOT EXISTS {p}jcg_deadlines (
        entity_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        due_on TEXT NOT NULL,
        clause TEXT,
        body TEXT NOT NULL,
        PRIMARY KEY (entity_id, seq))""",
    "CREATE INDEX IF NOT EXISTS jcg_deadlines_due ON {p}jcg_deadlines (due_on, entity_id)",
    # Which years' annual figures an entity has reported, for the report reminders.
    """CREATE TABLE IF NOT EXISTS {p}jcg_reports (
        entity_id TEXT NOT NULL,
        year INTEGER NOT NULL,
        type TEXT NOT NULL,
        PRIMARY KEY (entity_id, year, type))""",
    "CREATE INDEX IF NOT EXISTS jcg_reports_year ON {p}jcg_reports (year)",
    # Alerts issued, with their delivery state: the outbox is the rows with a next attempt.
    """CREATE TABLE IF NOT EXISTS {p}jcg_alerts (
        id TEXT PRIMARY KEY,
        entity_id TEXT,
        issued_at TEXT NOT NULL,
        next_attempt_at TEXT,
        clause TEXT,
        body TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS jcg_alerts_newest ON {p}jcg_alerts (issued_at, id)",
    "CREATE INDEX IF NOT EXISTS jcg_alerts_entity ON {p}jcg_alerts (entity_id, issued_at)",
    "CREATE INDEX IF NOT EXISTS jcg_alerts_outbox ON {p}jcg_alerts (next_attempt_at)",
    # Events the projector could not apply (projections/quarantine.py), written in the
    # transaction that moves the tracking position past them: skipped, but never silently.
    """CREATE TABLE IF NOT EXISTS {p}jcg_quarantine (
        notification_id BIGINT PRIMARY KEY,
        originator_id TEXT NOT NULL,
        originator_version INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        error TEXT NOT NULL,
        quarantined_at TEXT NOT NULL)""",
    # When each projector last looked (beat_at) and when the lag last shrank or was nil
    # (progressed_at), by the registry's clock: what /ready's stall rule reads.
    """CREATE TABLE IF NOT EXISTS {p}jcg_heartbeat (
        name TEXT PRIMARY KEY,
        beat_at TEXT,
        position BIGINT NOT NULL,
        progressed_at TEXT NOT NULL)""",
    *clause_sums.TABLES,
    *export_queries.TABLES,
]


@dataclass(frozen=True)
class EntityTable:
    """A table of rows that each belong to one entity, all replaced whenever it changes."""

    name: str
    columns: tuple[str, ...]

    @property
    def delete(self) -> str:
        return f"DELETE FROM {{p}}{self.name} WHERE entity_id = :entity_id"

    @property
    def insert(self) -> str:
        return (f"INSERT INTO {{p}}{self.name} ({', '.join(self.columns)}) "
                f"VALUES ({', '.join(':' + c for c in self.columns)})")


ENTITLEMENT_SETS = EntityTable("jcg_entitlement_sets",
                               ("entity_id", "count", "stable_from", "stable_until", "body"))
ANNUAL = EntityTable("jcg_annual_entitlements", ("entity_id", "id", "year", "clause", "body"))
REPORTS = EntityTable("jcg_reports", ("entity_id", "year", "type"))
DEADLINES = EntityTable("jcg_deadlines", ("entity_id", "seq", "due_on", "clause", "body"))
CLAUSE_SUMS = EntityTable(clause_sums.NAME, clause_sums.COLUMNS)
LISTED = EntityTable(export_queries.NAME, export_queries.COLUMNS)

UPSERT_ENTITY = """
    INSERT INTO {p}jcg_entities
        (id, kind, name, credit_code, zone, entered_on, status, version, registered_at)
    VALUES (:id, :kind, :name, :credit_code, :zone, :entered_on, :status, :version, :registered_at)
    ON CONFLICT (id) DO UPDATE SET name = :name, zone = :zone, status = :status,
        version = :version"""

SELECT_ENTITIES = """
    SELECT id, kind, name, credit_code, zone, entered_on, status, version
    FROM {p}jcg_entities WHERE {where}
    ORDER BY registered_at, id LIMIT :limit OFFSET :offset"""

COUNT_ENTITIES = "SELECT COUNT(*) AS n FROM {p}jcg_entities WHERE {where}"

SELECT_ANNUAL = """
    SELECT body FROM {p}jcg_annual_entitlements WHERE year = :year
    ORDER BY entity_id, clause, id"""

SELECT_DEADLINES = """
    SELECT body FROM {p}jcg_deadlines WHERE due_on < :before {only}
    ORDER BY due_on, entity_id, seq LIMIT :limit OFFSET :offset"""
COUNT_DEADLINES = "SELECT COUNT(*) AS n FROM {p}jcg_deadlines WHERE due_on < :before {only}"

SELECT_DEADLINES_BETWEEN = """
    SELECT body FROM {p}jcg_deadlines WHERE due_on > :after AND due_on <= :until
    ORDER BY due_on, entity_id, seq"""

# The entity's version its set was worked out at is its directory row's, written in the same batch.
SELECT_ENTITLEMENT_SET = """
    SELECT s.stable_from, s.stable_until, s.body, e.version FROM {p}jcg_entitlement_sets s
    JOIN {p}jcg_entities e ON e.id = s.entity_id WHERE s.entity_id = :entity_id"""

SELECT_REPORTS = "SELECT entity_id, type FROM {p}jcg_reports WHERE year = :year"
SELECT_REPORTERS = """
    SELECT id, kind, entered_on FROM {p}jcg_entities
    WHERE kind IN ({kinds}) AND status <> 'departed' ORDER BY id"""

UPSERT_ALERT = """
    INSERT INTO {p}jcg_alerts (id, entity_id, issued_at, next_attempt_at, clause, body)
    VALUES (:id, :entity_id, :issued_at, :next_attempt_at, :clause, :body)
    ON CONFLICT (id) DO UPDATE SET next_attempt_at = :next_attempt_at, body = :body"""
SELECT_ALERTS = """
    SELECT body FROM {p}jcg_alerts WHERE {where}
    ORDER BY issued_at DESC, id DESC LIMIT :limit OFFSET :offset"""
COUNT_ALERTS = "SELECT COUNT(*) AS n FROM {p}jcg_alerts WHERE {where}"
SELECT_OUTBOX = """
    SELECT body FROM {p}jcg_alerts WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= :now
    ORDER BY next_attempt_at, id LIMIT :limit"""

INSERT_QUARANTINE = """
    INSERT INTO {p}jcg_quarantine
        (notification_id, originator_id, originator_version, event_id, topic, error, quarantined_at)
    VALUES (:notification_id, :originator_id, :originator_version, :event_id, :topic, :error,
            :quarantined_at)"""
SELECT_QUARANTINE = """
    SELECT notification_id, originator_id, originator_version, event_id, topic, error, quarantined_at
    FROM {p}jcg_quarantine ORDER BY notification_id"""
COUNT_QUARANTINE = "SELECT COUNT(*) AS n FROM {p}jcg_quarantine"

# The position advanced (or had nothing to reach): the lag shrank, now.
PROGRESSED = """
    INSERT INTO {p}jcg_heartbeat (name, beat_at, position, progressed_at)
    VALUES (:name, NULL, :position, :now)
    ON CONFLICT (name) DO UPDATE SET position = :position, progressed_at = :now"""
# A loop of the long-running projector; `progressed_at` moves only when nothing was left to do.
BEAT = """
    INSERT INTO {p}jcg_heartbeat AS beat (name, beat_at, position, progressed_at)
    VALUES (:name, :now, :position, :now)
    ON CONFLICT (name) DO UPDATE SET beat_at = :now, position = :position,
        progressed_at = CASE WHEN :caught_up = 1 THEN :now ELSE beat.progressed_at END"""
SELECT_HEARTBEAT = "SELECT beat_at, position, progressed_at FROM {p}jcg_heartbeat WHERE name = :name"

DROP = ["DELETE FROM {p}jcg_entities", "DELETE FROM {p}jcg_annual_entitlements",
        "DELETE FROM {p}jcg_entitlement_sets",
        "DELETE FROM {p}jcg_deadlines", "DELETE FROM {p}jcg_reports", "DELETE FROM {p}jcg_alerts",
        # A rebuild applies every event afresh: what it cannot apply, it quarantines again.
        "DELETE FROM {p}jcg_quarantine", clause_sums.DROP, export_queries.DROP]

VERSION_TABLE = "CREATE TABLE IF NOT EXISTS {p}jcg_read_model_version (version INTEGER NOT NULL)"
SELECT_VERSION = "SELECT version FROM {p}jcg_read_model_version"
SET_VERSION = "INSERT INTO {p}jcg_read_model_version (version) VALUES (:version)"
CLEAR_VERSION = "DELETE FROM {p}jcg_read_model_version"
