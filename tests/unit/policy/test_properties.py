"""Properties over random histories: no cap is ever exceeded and the engine is deterministic."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projections.policy import entitlements, load_book

from .helpers import History

BOOK = load_book()
V = BOOK.versions[0]
MONEY = st.decimals(min_value=0, max_value=30_000_000, places=2, allow_nan=False,
                    allow_infinity=False)
DAYS = st.dates(date(2024, 6, 1), date(2028, 6, 30))
YEARS = st.integers(2023, 2029)
PROJECTS = st.sampled_from(["甲", "乙", "丙"])

EVENTS = st.one_of(
    st.tuples(st.just("equipment_purchased"), DAYS,
              st.fixed_dictionaries({"year": YEARS, "original_value": MONEY})),
    st.tuples(st.just("pilot_service_revenue_reported"), DAYS,
              st.fixed_dictionaries({"year": YEARS, "revenue": MONEY})),
    st.tuples(st.just("major_project_funding_reported"), DAYS,
              st.fixed_dictionaries({"project": PROJECTS, "level": st.just("national"),
                                     "year": YEARS, "allocation": MONEY,
                                     "in_good_standing": st.booleans()})),
    st.tuples(st.just("fund_investment_made"), DAYS,
              st.fixed_dictionaries({"investee_entity_id": st.just("e"),
                                     "amount_paid_in": MONEY})),
    st.tuples(st.just("transfer_performance_assessed"), DAYS,
              st.fixed_dictionaries({"year": YEARS, "amount": MONEY})),
    st.tuples(st.just("talent_introduced"), DAYS,
              st.fixed_dictionaries({"talent": PROJECTS, "level": st.sampled_from(
                  ["national", "provincial"]), "start_on": DAYS})),
    st.tuples(st.just("talent_departed"), DAYS, st.fixed_dictionaries({"talent": PROJECTS})),
    st.tuples(st.just("achievement_recognised"), DAYS,
              st.fixed_dictionaries({"achievement": PROJECTS, "stage": st.just("lab"),
                                     "amount": MONEY})),
    st.tuples(st.just("invest_first_approved"), DAYS,
              st.fixed_dictionaries({"project": PROJECTS, "total_investment": MONEY,
                                     "amount": MONEY, "equity_ratio": st.just(Decimal("0.1")),
                                     "exit_deadline": DAYS})),
    st.tuples(st.just("pilot_maturation_completed"), DAYS,
              st.fixed_dictionaries({"project": PROJECTS})),
    st.tuples(st.just("industrialised"), DAYS,
              st.fixed_dictionaries({"project": PROJECTS, "amount": MONEY})),
)


def build(facts) -> History:
    h = History()
    for type_, on, data in sorted(facts, key=lambda f: f[1]):
        h.add(type_, on, **data)
    return h


def with_reviews(h: History, data) -> History:
    """Record support elsewhere, approvals, payments and revocations on drawn entitlements."""
    for _ in range(data.draw(st.integers(0, 4))):
        ents = [e for e in h.entitlements() if e.amount is not None]
        if not ents:
            break
        e = data.draw(st.sampled_from(ents))
        kind = data.draw(st.sampled_from(["external_support_recorded", "entitlement_approved",
                                          "entitlement_disbursed", "entitlement_revoked"]))
        extra = {"external_support_recorded": {"policy": "省级", "amount": data.draw(MONEY)},
                 "entitlement_disbursed": {"amount": e.payable, "paid_on": date(2027, 1, 1)},
                 "entitlement_revoked": {"reason": "更正"}}.get(kind, {})
        h.review(kind, date(2028, 7, 1), e, **extra)
    return h


def cap(clause: str, name: str) -> Decimal:
    return V.clause(clause).money(name)


def owed(ents, clause):
    return [e for e in ents if e.clause == clause and e.counts_against_cap]


def assert_caps_hold(ents, events) -> None:
    for e in ents:
        assert e.amount is None or (e.amount >= 0 and e.amount == e.amount.quantize(
            Decimal("0.01"))), e
    assert all(e.amount <= cap("2.1", "annual_cap") for e in owed(ents, "2.1"))
    assert len(owed(ents, "2.1")) <= V.clause("2.1").params["max_years"]
    assert sum(e.amount for e in owed(ents, "2.2")) <= cap("2.2", "total_cap")
    projects = defaultdict(Decimal)
    for e in owed(ents, "6.3"):
        projects[events[e.basis[0]].data["project"]] += e.amount
    assert all(total <= cap("6.3", "cap") for total in projects.values())
    assert sum(e.amount for e in owed(ents, "11")) <= cap("11", "cap")
    assert all(e.amount <= cap("4.1", "annual_cap") for e in owed(ents, "4.1"))
    assert all(e.amount <= cap("1.1", "cap") for e in owed(ents, "1.1"))
    assert all(e.amount <= cap("1.3", "cap") for e in owed(ents, "1.3"))
    assert all(e.amount <= cap("3.1", "cap") for e in owed(ents, "3.1"))
    for e in owed(ents, "8.1"):
        assert e.amount <= max(cap("8.1", "national"), cap("8.1", "provincial"))
    per_talent = defaultdict(int)
    for e in ents:
        if e.clause == "8.1":
            per_talent[e.basis[0]] += 1
    assert all(n <= V.clause("8.1").params["max_years"] for n in per_talent.values())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(EVENTS, max_size=25), st.data())
def test_no_cap_is_ever_exceeded(facts, data):
    h = with_reviews(build(facts), data)
    events = {str(e.event_id): e for e in h.events}
    assert_caps_hold(h.entitlements(), events)
    assert_caps_hold(h.entitlements(today=date(2029, 1, 1)), events)


@settings(max_examples=100, deadline=None)
@given(st.lists(EVENTS, max_size=25))
def test_the_engine_is_deterministic_and_ids_are_unique(facts):
    h = build(facts)
    first, second = entitlements(h.events, BOOK), entitlements(list(h.events), BOOK)
    assert first == second
    assert len({e.id for e in first}) == len(first)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(EVENTS, min_size=1, max_size=20), st.data())
def test_reviews_never_change_which_ids_exist(facts, data):
    h = build(facts)
    before = {e.id for e in h.entitlements()}
    with_reviews(h, data)
    assert {e.id for e in h.entitlements()} == before


@settings(max_examples=100, deadline=None)
@given(MONEY.filter(lambda m: m >= 300_000), MONEY)
def test_support_elsewhere_leaves_the_difference_owed(worth, elsewhere):
    """不重复: owed = max(0, y − x), superseded at x ≥ y."""
    h = History()
    h.add("case_by_case_support_granted", date(2025, 5, 1), clause="1.4", decision_ref="d",
          amount=worth)
    e = h.one("1.4")
    h.review("external_support_recorded", date(2025, 6, 1), e, policy="省级", amount=elsewhere)
    after = h.one("1.4")
    assert after.amount == max(Decimal("0.00"), worth - elsewhere)
    assert (after.status == "superseded") == (elsewhere >= worth)


# Event types whose repeats the policy does not add up (purchases, revenue and investments do:
# a second record of them is a second purchase), from the policy data itself.
ADDS_UP = {t for c in V.clauses.values() if c.params["repeat"] == "adds_up"
           for t in c.params["events"]}
GONE = ("ineligible", "superseded", "revoked")


def total_owed(h: History) -> Decimal:
    """Everything the history entitles to, paid or to be paid, now or on renewal."""
    return sum((e.amount for e in h.entitlements() if e.amount is not None
                and e.status not in GONE), Decimal("0.00"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(EVENTS, min_size=1, max_size=20), st.data())
def test_recording_an_event_a_second_time_never_raises_what_is_owed(facts, data):
    """不重复 (one matter, one benefit): the same fact recorded again, on the same day, after
    any reviews, is never owed a second time (unless its entitlement was revoked: then the
    matter may be recorded anew)."""
    h = with_reviews(build(facts), data)
    revoked = {r.data["entitlement_id"] for r in h.events if r.type == "entitlement_revoked"}
    anew = {e.subject for e in h.entitlements() if e.id in revoked}
    candidates = [e for e in h.events[1:] if e.type not in ADDS_UP and e.ref not in anew
                  and e.type not in ("external_support_recorded", "entitlement_approved",
                                     "entitlement_disbursed", "entitlement_revoked")]
    if not candidates:
        return
    before = total_owed(h)
    again = data.draw(st.sampled_from(candidates))
    h.add(again.type, again.occurred_on, **again.data)
    assert total_owed(h) <= before


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(EVENTS, min_size=1, max_size=20), st.data())
def test_recoverable_is_what_was_paid_beyond_what_is_owed(facts, data):
    """应追回 = paid − owed, and only then is the status overpaid."""
    for e in with_reviews(build(facts), data).entitlements():
        assert e.recoverable >= 0
        assert (e.status == "overpaid") == (e.recoverable > 0), e
        if e.status == "overpaid":
            assert e.recoverable == e.disbursed - (e.amount or Decimal("0.00"))


# Issue 20, "The money's life cycle": departures and re-entries among the facts.
LIFE = st.one_of(
    st.tuples(st.just("departed"), DAYS, st.fixed_dictionaries({"reason": st.just("迁出")})),
    st.tuples(st.just("reentered"), DAYS, st.just({})),
)
WITH_LIFE = st.one_of(EVENTS, LIFE)
TODAY = st.dates(date(2025, 1, 1), date(2031, 12, 31))


def resources_of(h: History, projected_on: date, today: date) -> dict[str, dict[str, dict]]:
    """Each resource's view of the entity's entitlements on `today`, read the way it reads
    them: the engine's own answer (a replay), the stored document projected on an earlier day
    (the entitlements route, the exports, the console), and the year's annual rows
    (GET /subsidies)."""
    import json

    from projections.entity_rows import annual_rows, entitlement_set_row
    from projections.policy import expire_view
    from projections.views.read_model import entitlements_in_set

    views = [e.to_json() for e in entitlements(h.events, BOOK)]
    dated = [expire_view(e, projected_on) for e in views]
    document = entitlements_in_set(entitlement_set_row(str(h.entity_id), dated, projected_on), today)
    annual = [expire_view(json.loads(row["body"]), today) for row in annual_rows(str(h.entity_id), views)]
    return {"engine": {e.id: e.to_json() for e in entitlements(h.events, BOOK, today)},
            "document": {e["id"]: e for e in document},
            "subsidies": {e["id"]: e for e in annual}}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WITH_LIFE, max_size=20), st.data(), TODAY, TODAY)
def test_every_entitlement_has_the_same_status_in_every_resource(facts, data, a, b):
    """"An entitlement has the same status in /entities/{id}/entitlements, /subsidies and every
    export": whatever the history and whichever day the projection last worked it out."""
    h = with_reviews(build(facts), data)
    projected_on, today = min(a, b), max(a, b)
    seen = resources_of(h, projected_on, today)
    engine = seen["engine"]
    for name, found in seen.items():
        assert set(found) <= set(engine), name
        for eid, e in found.items():
            assert (e["status"], e["amount"], e["disbursed"]) == (
                engine[eid]["status"], engine[eid]["amount"], engine[eid]["disbursed"]), name
    # Money owed never expires: `expired` is only for a benefit in kind.
    assert all(e["kind"] in ("in_kind", "status") for e in engine.values()
               if e["status"] == "expired")


def presence_on(h: History, first: date) -> bool:
    """In the park on a period's first day, worked out apart from the engine: the last of the
    departures and re-entries on or before that day (a departure on the day itself counts,
    as the policy data's `after_departure` reads it) decides."""
    moves = sorted((e for e in h.events if e.type in ("departed", "reentered")),
                   key=lambda e: (e.occurred_on, e.version))
    inside = True
    for e in moves:
        if e.occurred_on <= first:
            inside = e.type == "reentered"
    return inside


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WITH_LIFE, max_size=20), st.data())
def test_after_departure_nothing_of_a_later_period_is_owed_and_after_re_entry_it_is(facts, data):
    """"An annual or in-kind entitlement for a period that starts after the entity departed is
    ended (owes nothing)"; `reentered` brings the entity back, and periods beginning after it
    are owed again."""
    h = with_reviews(build(facts), data)
    for e in h.entitlements():
        if e.kind not in ("annual", "in_kind") or e.valid_from is None:
            continue
        if presence_on(h, e.valid_from):
            assert e.status != "ended", e
        else:
            assert e.status in ("ended", "ineligible", "superseded", "revoked", "overpaid"), e
            assert e.payable == 0 and not e.counts_against_cap, e
            assert e.status != "ended" or e.amount in (None, Decimal("0.00")), e


REVIEWS = ["entitlement_approved", "entitlement_disbursed", "external_support_recorded",
           "entitlement_revoked"]
DOOR_TODAY = date(2028, 7, 1)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WITH_LIFE, max_size=12), st.data())
def test_nothing_disbursed_exceeds_what_was_approved(facts, data):
    """"entitlement_disbursed names an entitlement that is approved (or partly disbursed) …
    What is disbursed never exceeds what was approved and is owed": reviews drawn at random,
    each recorded only if the door admits it."""
    from projections.policy import PolicyRefusal, check_admissible

    # Two matters surely owed, beside whatever was drawn, so that there is money to review.
    h = build([("achievement_recognised", date(2025, 5, 1), {
        "achievement": "种子", "stage": "lab", "amount": Decimal("500000.00")}),
        ("talent_introduced", date(2025, 3, 1), {"talent": "种子", "level": "national",
                                                 "start_on": date(2025, 3, 1)}), *facts])
    for _ in range(data.draw(st.integers(0, 12))):
        ents = [e for e in h.entitlements() if e.amount is not None]
        if not ents:
            break
        kind = data.draw(st.sampled_from(REVIEWS + ["entitlement_approved"] * 2
                                         + ["entitlement_disbursed"] * 3))
        # Mostly what the clerk would pick (pay what was approved, approve what is owed), but
        # any entitlement at all now and then, which the door must refuse.
        likely = [e for e in ents if e.status in (
            ("approved",) if kind == "entitlement_disbursed" else ("eligible",))]
        e = data.draw(st.sampled_from(likely if likely and data.draw(st.integers(0, 3)) else ents))
        extra = {"external_support_recorded": {"policy": "省级", "amount": data.draw(MONEY)},
                 "entitlement_disbursed": {"amount": data.draw(st.sampled_from(
                     [e.payable, e.amount, e.payable + Decimal("0.01"), Decimal("1.00")])),
                     "paid_on": data.draw(st.sampled_from([DOOR_TODAY, date(2028, 7, 2)]))},
                 "entitlement_revoked": {"reason": "更正"}}.get(kind, {})
        try:
            check_admissible(h.events, kind, DOOR_TODAY, {"entitlement_id": e.id, **extra}, BOOK,
                             lambda _: False, today=DOOR_TODAY)
        except PolicyRefusal:
            continue
        approved_before = any(r.type == "entitlement_approved" and r.data["entitlement_id"] == e.id
                              for r in h.events)
        h.review(kind, DOOR_TODAY, e, **extra)
        if kind == "entitlement_disbursed":
            after = next(x for x in h.entitlements() if x.id == e.id)
            assert approved_before and extra["paid_on"] <= DOOR_TODAY
            assert after.disbursed <= after.amount and after.recoverable == 0, after
            assert after.status in ("approved", "disbursed"), after
    for e in h.entitlements():
        if e.disbursed > 0:
            # Paid beyond what is owed only when owed fell afterwards (不重复, a revocation, a
            # departure recorded late), and then it is shown as recoverable.
            assert e.disbursed - e.recoverable <= (e.amount or Decimal("0.00")), e
