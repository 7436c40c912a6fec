"""Awkward dates: Easter, Christmas with substitute days, one-off bank holidays, August and the
Christmas week for tribunal periods, month ends and 29 February.

Every expected date is worked out by hand in the comment next to it, from month calendars and
the GB/ENG bank holiday list:
  2020: Fri 25 Dec, Mon 28 Dec (Boxing Day substitute)      2021: Fri 1 Jan
  2021: Mon 27 Dec, Tue 28 Dec (substitutes)                 2022: Mon 3 Jan (substitute)
  2022: Thu 2 Jun, Fri 3 Jun (spring + jubilee; Mon 30 May is NOT a holiday), Mon 19 Sep
  2022: Mon 26 Dec, Tue 27 Dec (substitute)                  2023: Mon 2 Jan (substitute)
  2023: Mon 1 May, Mon 8 May (coronation)
  2024: Fri 29 Mar, Mon 1 Apr, Mon 26 Aug, Wed 25 Dec, Thu 26 Dec
  2025: Wed 1 Jan, Fri 18 Apr, Mon 21 Apr, Mon 5 May, Mon 26 May, Mon 25 Aug, Thu 25, Fri 26 Dec
  2026: Thu 1 Jan, Fri 3 Apr, Mon 6 Apr, Mon 4 May, Mon 25 May, Mon 31 Aug, Fri 25 Dec, Mon 28 Dec
  2027: Fri 1 Jan, Mon 27 Dec, Tue 28 Dec                   2028: Mon 3 Jan (substitute)
"""

from __future__ import annotations

import pytest

from redress.statutory.tests.conftest import D, ev, pick, run

# ---------------------------------------------------------------------------
# The contract's own counting examples (§1), verbatim
# ---------------------------------------------------------------------------


def test_contract_days_example():
    from redress.statutory.calendar import add_days

    assert add_days(D("2025-09-01"), 30) == D("2025-10-01")


def test_contract_weeks_example():
    from redress.statutory.calendar import add_weeks

    assert add_weeks(D("2025-09-03"), 6) == D("2025-10-15")


def test_contract_months_example():
    from redress.statutory.calendar import add_months

    assert add_months(D("2026-01-31"), 1) == D("2026-02-28")


def test_contract_working_days_example(cal):
    assert cal.add_working_days(D("2025-04-17"), 3) == D("2025-04-24")


def test_contract_working_days_before_example(cal):
    assert cal.working_days_before(D("2025-05-07"), 5) == D("2025-04-29")


def test_contract_assessment_decision_explanation():
    d = pick(
        run([ev("assessment_requested", "2025-09-03")], today="2025-09-04"), "assessment.decision"
    )
    assert d["due"] == "2025-10-15"
    assert (
        d["explanation"] == "6 weeks from assessment_requested on Wed 3 Sep 2025 = Wed 15 Oct 2025"
    )


def test_contract_days_example_through_a_rule():
    d = pick(run([ev("mediation_requested", "2025-09-01")], today="2025-09-02"), "mediation.held")
    assert d["due"] == "2025-10-01"
    assert "mediation_requested" in d["explanation"]
    assert "Mon 1 Sep 2025" in d["explanation"]
    assert "30 days" in d["explanation"]
    assert "Wed 1 Oct 2025" in d["explanation"]


def test_contract_working_days_example_through_a_rule():
    d = pick(
        run([ev("mediation_declined", "2025-04-17")], today="2025-04-18"),
        "mediation.certificate_declined",
    )
    assert d["due"] == "2025-04-24"
    for part in ("mediation_declined", "Thu 17 Apr 2025", "3 working days", "Thu 24 Apr 2025"):
        assert part in d["explanation"], d["explanation"]


def test_contract_working_days_before_example_through_a_rule():
    d = pick(
        run(
            [ev("mediation_scheduled", "2025-04-22", meeting_date="2025-05-07")], today="2025-04-23"
        ),
        "mediation.meeting_notice",
    )
    assert d["due"] == "2025-04-29"
    assert "Wed 7 May 2025" in d["explanation"]
    assert "5 working days" in d["explanation"]
    assert "Tue 29 Apr 2025" in d["explanation"]


# ---------------------------------------------------------------------------
# Month ends and 29 February (calendar functions)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start,months,expected",
    [
        ("2026-01-31", 1, "2026-02-28"),  # contract
        ("2025-12-31", 2, "2026-02-28"),  # 31 Dec + 2 months, non-leap February
        ("2027-12-31", 2, "2028-02-29"),  # 31 Dec + 2 months, leap February
        ("2024-01-31", 1, "2024-02-29"),
        ("2024-02-29", 12, "2025-02-28"),  # brief: 12 months from 29 Feb 2024
        ("2028-02-29", 12, "2029-02-28"),
        ("2024-02-29", 48, "2028-02-29"),
        ("2024-02-29", 1, "2024-03-29"),
        ("2025-03-31", 1, "2025-04-30"),
        ("2025-08-31", 1, "2025-09-30"),
        ("2025-10-31", 2, "2025-12-31"),
        ("2025-11-30", 3, "2026-02-28"),
        ("2025-10-01", 2, "2025-12-01"),  # IPSEA: decision letter 1 Oct -> 1 Dec
        ("2025-11-29", 1, "2025-12-29"),  # IPSEA: certificate 29 Nov -> 29 Dec
        ("2025-12-15", 1, "2026-01-15"),  # year roll
        ("2026-03-31", 0, "2026-03-31"),
    ],
)
def test_add_months(start, months, expected):
    from redress.statutory.calendar import add_months

    assert add_months(D(start), months) == D(expected)


@pytest.mark.parametrize(
    "start,weeks,expected",
    [
        ("2024-02-29", 6, "2024-04-11"),  # Thu 29 Feb 2024 + 42: 31 Mar (31), Thu 11 Apr (42)
        ("2025-09-03", 20, "2026-01-21"),
        ("2025-09-03", 16, "2025-12-24"),
        ("2028-02-01", 4, "2028-02-29"),  # Tue 1 Feb 2028 + 28 = Tue 29 Feb 2028
        ("2027-02-01", 4, "2027-03-01"),  # Mon 1 Feb 2027 + 28 = Mon 1 Mar 2027
    ],
)
def test_add_weeks(start, weeks, expected):
    from redress.statutory.calendar import add_weeks

    assert add_weeks(D(start), weeks) == D(expected)


@pytest.mark.parametrize(
    "start,days,expected",
    [
        ("2024-02-15", 15, "2024-03-01"),  # 15 Feb + 14 = 29 Feb; + 15 = 1 Mar
        ("2025-02-15", 15, "2025-03-02"),  # 15 Feb + 13 = 28 Feb; + 15 = 2 Mar
        ("2025-12-19", 15, "2026-01-03"),
        ("2024-11-26", 30, "2024-12-26"),
        ("2025-12-31", 0, "2025-12-31"),
    ],
)
def test_add_days(start, days, expected):
    from redress.statutory.calendar import add_days

    assert add_days(D(start), days) == D(expected)


# ---------------------------------------------------------------------------
# Working days: Easter, Christmas with substitute days, one-offs (calendar API)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start,n,expected",
    [
        ("2025-04-17", 3, "2025-04-24"),  # Good Friday 18, Easter Monday 21
        ("2025-04-17", 1, "2025-04-22"),
        ("2024-03-28", 3, "2024-04-04"),  # GF Fri 29 Mar, EM Mon 1 Apr: Tue 2, Wed 3, Thu 4
        ("2026-04-02", 1, "2026-04-07"),  # GF Fri 3 Apr, EM Mon 6 Apr
        ("2020-12-24", 3, "2020-12-31"),  # Fri 25, Mon 28 (Boxing sub): Tue 29, Wed 30, Thu 31
        ("2020-12-24", 4, "2021-01-04"),  # Fri 1 Jan 2021 holiday
        ("2021-12-24", 3, "2021-12-31"),  # Mon 27, Tue 28 subs: Wed 29, Thu 30, Fri 31
        ("2021-12-24", 4, "2022-01-04"),  # Mon 3 Jan 2022 New Year sub
        ("2022-12-23", 3, "2022-12-30"),  # Mon 26, Tue 27 (Christmas sub): Wed 28, Thu 29, Fri 30
        ("2022-12-23", 4, "2023-01-03"),  # Mon 2 Jan 2023 New Year sub
        ("2026-12-24", 3, "2026-12-31"),  # Fri 25, Mon 28 (Boxing sub): Tue 29, Wed 30, Thu 31
        ("2026-12-24", 4, "2027-01-04"),  # Fri 1 Jan 2027 holiday
        ("2027-12-24", 3, "2027-12-31"),  # Mon 27, Tue 28 subs
        ("2027-12-24", 4, "2028-01-04"),  # Mon 3 Jan 2028 New Year sub
        ("2022-09-16", 1, "2022-09-20"),  # state funeral Mon 19 Sep 2022
        ("2022-09-16", 3, "2022-09-22"),
        ("2023-05-04", 3, "2023-05-10"),  # Fri 5 (1), coronation Mon 8, Tue 9 (2), Wed 10 (3)
        ("2023-04-28", 3, "2023-05-04"),  # Mon 1 May 2023 holiday
        (
            "2022-05-31",
            3,
            "2022-06-07",
        ),  # Wed 1 Jun (1), Thu 2/Fri 3 holidays, Mon 6 (2), Tue 7 (3)
        ("2022-05-27", 3, "2022-06-01"),  # Mon 30 May 2022 was a working day (spring BH moved)
        ("2025-08-22", 1, "2025-08-26"),  # Mon 25 Aug 2025 late summer BH
        ("2025-04-19", 1, "2025-04-22"),  # start on a Saturday, not counted
        ("2025-04-18", 0, "2025-04-18"),  # n == 0 returns start, even on a holiday
    ],
)
def test_add_working_days(cal, start, n, expected):
    assert cal.add_working_days(D(start), n) == D(expected)


@pytest.mark.parametrize(
    "end,n,expected",
    [
        ("2025-05-07", 5, "2025-04-29"),  # contract
        ("2022-01-04", 5, "2021-12-23"),  # Fri 31, Thu 30, Wed 29, (27/28 subs), Fri 24, Thu 23 Dec
        ("2022-09-21", 5, "2022-09-13"),  # Tue 20, (Mon 19), Fri 16, Thu 15, Wed 14, Tue 13
        ("2023-05-12", 5, "2023-05-04"),  # Thu 11, Wed 10, Tue 9, (Mon 8), Fri 5, Thu 4
        ("2025-04-23", 2, "2025-04-17"),  # Tue 22, (21, 20, 19, 18), Thu 17
        ("2021-01-05", 3, "2020-12-30"),  # Mon 4 Jan, (1 Jan), Thu 31, Wed 30 Dec
    ],
)
def test_working_days_before(cal, end, n, expected):
    assert cal.working_days_before(D(end), n) == D(expected)


@pytest.mark.parametrize(
    "day,working",
    [
        ("2022-09-19", False),
        ("2023-05-08", False),
        ("2022-06-02", False),
        ("2022-06-03", False),
        ("2022-05-30", True),
        ("2025-04-18", False),
        ("2025-04-21", False),
        ("2025-04-17", True),
        ("2020-12-28", False),
        ("2021-12-27", False),
        ("2021-12-28", False),
        ("2022-01-03", False),
        ("2022-12-27", False),
        ("2023-01-02", False),
        ("2026-12-28", False),
        ("2027-12-27", False),
        ("2027-12-28", False),
        ("2028-01-03", False),
        ("2025-12-24", True),
        ("2025-12-29", True),  # a working day (but not a tribunal working day)
        ("2025-08-04", True),  # a working day (but not a tribunal working day)
        ("2025-04-19", False),  # Saturday
        ("2025-04-20", False),  # Sunday
        ("2024-02-29", True),
    ],
)
def test_is_working_day(cal, day, working):
    assert cal.is_working_day(D(day)) is working


def test_holiday_names(cal):
    assert cal.holiday_name(D("2025-04-18")) == "Good Friday"
    assert cal.holiday_name(D("2025-04-17")) is None
    assert cal.holiday_name(D("2025-04-19")) is None  # a Saturday is not a holiday
    assert cal.holiday_name(D("2022-09-19"))  # some name
    assert cal.holiday_name(D("2023-05-08"))


@pytest.mark.parametrize(
    "day,expected",
    [
        ("2020-12-24", "2020-12-29"),
        ("2025-04-17", "2025-04-22"),
        ("2025-04-16", "2025-04-17"),  # strictly after, even if d is a working day
        ("2022-12-31", "2023-01-03"),
        ("2026-08-28", "2026-09-01"),  # Fri -> (Mon 31 Aug BH) -> Tue 1 Sep
    ],
)
def test_next_working_day(cal, day, expected):
    assert cal.next_working_day(D(day)) == D(expected)


# ---------------------------------------------------------------------------
# Tribunal working days: August and 25 Dec - 1 Jan are not counted (r.12(3)(b))
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start,n,expected",
    [
        ("2025-07-31", 1, "2025-09-01"),
        ("2026-07-31", 1, "2026-09-01"),  # Mon 31 Aug 2026 is in August anyway
        ("2024-07-31", 1, "2024-09-02"),  # Sun 1 Sep 2024
        ("2025-12-24", 1, "2026-01-02"),
        ("2020-12-24", 1, "2021-01-04"),
        ("2021-12-24", 1, "2022-01-04"),  # Mon 3 Jan 2022 substitute
        ("2022-12-23", 1, "2023-01-03"),  # Mon 2 Jan 2023 substitute
        ("2027-12-24", 1, "2028-01-04"),  # Mon 3 Jan 2028 substitute
        ("2025-07-07", 30, "2025-09-16"),
        ("2025-12-01", 30, "2026-01-20"),
        ("2025-08-04", 30, "2025-10-10"),  # starting inside August
        ("2021-12-06", 30, "2022-01-25"),
        ("2026-02-02", 30, "2026-03-16"),  # no holidays in the way
        ("2025-08-15", 0, "2025-08-15"),
    ],
)
def test_add_tribunal_working_days(cal, start, n, expected):
    assert cal.add_tribunal_working_days(D(start), n) == D(expected)


@pytest.mark.parametrize(
    "day,expected",
    [
        ("2025-08-04", False),
        ("2025-08-29", False),
        ("2025-12-24", True),
        ("2025-12-29", False),
        ("2025-12-31", False),
        ("2026-01-01", False),
        ("2026-01-02", True),
        ("2025-09-01", True),
        ("2025-07-31", True),
        ("2022-01-03", False),  # New Year substitute
    ],
)
def test_is_tribunal_working_day(cal, day, expected):
    assert cal.is_tribunal_working_day(D(day)) is expected


# ---------------------------------------------------------------------------
# appeal.lodge: later of notice + 2 months and certificate + 1 month; r.12(3)(a), then r.12(2)
# ---------------------------------------------------------------------------

LODGE_CASES = [
    # (id, decision_notice_sent, certificate_issued or None, expected due, explanation parts)
    (
        "august-sunday",
        "2025-06-10",
        None,
        "2025-09-01",
        ["r.12(3)(a)", "Sun 10 Aug 2025", "Mon 1 Sep 2025"],
    ),
    (
        "august-bh-2026",
        "2026-06-15",
        None,
        "2026-09-01",
        ["r.12(3)(a)"],
    ),  # Sat 15 Aug; Mon 31 Aug in Aug
    ("august-sun-30", "2026-06-30", None, "2026-09-01", ["r.12(3)(a)"]),
    ("august-2024", "2024-06-20", None, "2024-09-02", ["r.12(3)(a)"]),  # Sun 1 Sep 2024
    ("august-2029", "2029-06-10", None, "2029-09-03", ["r.12(3)(a)"]),  # Sat 1, Sun 2 Sep 2029
    ("august-31", "2025-06-30", None, "2025-09-01", ["r.12(3)(a)"]),  # Sat 30 Aug 2025
    ("august-1", "2025-06-01", None, "2025-09-01", ["r.12(3)(a)"]),  # Fri 1 Aug 2025, a working day
    ("leap-29-dec", "2023-12-29", None, "2024-02-29", []),  # Thu 29 Feb 2024
    ("leap-31-dec", "2023-12-31", None, "2024-02-29", []),
    ("end-of-july", "2025-05-31", None, "2025-07-31", []),  # Thu 31 Jul: no move
    (
        "weekend",
        "2026-02-12",
        None,
        "2026-04-13",
        ["r.12(2)", "Sun 12 Apr 2026", "Mon 13 Apr 2026"],
    ),
    (
        "good-friday",
        "2026-02-03",
        None,
        "2026-04-07",
        ["r.12(2)", "Fri 3 Apr 2026", "Tue 7 Apr 2026"],
    ),
    (
        "ipsea-2025",
        "2025-10-01",
        "2025-11-29",
        "2026-01-02",
        ["certificate_issued", "Sat 29 Nov 2025", "r.12(3)(a)", "Fri 2 Jan 2026"],
    ),
    (
        "ipsea-2024",
        "2024-10-01",
        "2024-11-29",
        "2025-01-02",
        ["certificate_issued", "Fri 29 Nov 2024", "Sun 29 Dec 2024", "r.12(3)(a)"],
    ),
    ("ipsea-2020", "2020-10-01", "2020-11-29", "2021-01-04", ["r.12(3)(a)"]),
    ("ipsea-2021", "2021-10-01", "2021-11-29", "2022-01-04", ["r.12(3)(a)"]),  # Mon 3 Jan sub
    ("ipsea-2022", "2022-10-01", "2022-11-29", "2023-01-03", ["r.12(3)(a)"]),  # Mon 2 Jan sub
    ("ipsea-2026", "2026-10-01", "2026-11-29", "2027-01-04", ["r.12(3)(a)"]),
    ("ipsea-2027", "2027-10-01", "2027-11-29", "2028-01-04", ["r.12(3)(a)"]),  # Mon 3 Jan sub
    ("christmas-day", "2025-10-25", None, "2026-01-02", ["r.12(3)(a)", "Thu 25 Dec 2025"]),
    ("new-years-day", "2025-11-01", None, "2026-01-02", ["r.12(3)(a)", "Thu 1 Jan 2026"]),
    ("boxing-sunday-2021", "2021-10-26", None, "2022-01-04", ["r.12(3)(a)"]),
    (
        "month-end-feb",
        "2025-12-31",
        None,
        "2026-03-02",
        ["r.12(2)", "Sat 28 Feb 2026", "Mon 2 Mar 2026"],
    ),
    ("leap-feb", "2027-12-31", None, "2028-02-29", []),  # Tue 29 Feb 2028: no move
    ("certificate-earlier", "2025-10-01", "2025-10-15", "2025-12-01", []),  # 15 Nov < 1 Dec
    (
        "certificate-month-end",
        "2025-12-15",
        "2026-01-31",
        "2026-03-02",
        ["r.12(2)"],
    ),  # Sat 28 Feb 2026
    # Docs order: r.12(3)(a) first (Sat 24 Dec 2022 is not in the window), then r.12(2):
    # Sun 25, Mon 26, Tue 27 are not working days -> Wed 28 Dec 2022.
    ("christmas-eve-saturday", "2022-10-24", None, "2022-12-28", ["r.12(2)"]),
    # Sat 31 Jul 2027 is not in August; r.12(2) -> Mon 2 Aug 2027.
    ("july-saturday", "2027-05-31", None, "2027-08-02", ["r.12(2)"]),
]


@pytest.mark.parametrize("case", LODGE_CASES, ids=[c[0] for c in LODGE_CASES])
def test_appeal_lodge(case):
    _, notice, certificate, due, parts = case
    events = [ev("decision_notice_sent", notice)]
    if certificate:
        events.append(ev("certificate_issued", certificate))
    today = max(notice, certificate or notice)
    d = pick(run(events, today=today), "appeal.lodge")
    assert d["due"] == due
    assert d["status"] == "pending"
    assert d["kind"] == "by"
    assert d["actor"] == "parent_or_young_person"
    for part in parts:
        assert part in d["explanation"], d["explanation"]


def test_appeal_lodge_explanation_names_start_and_period():
    d = pick(run([ev("decision_notice_sent", "2026-02-12")], today="2026-02-13"), "appeal.lodge")
    e = d["explanation"]
    assert "decision_notice_sent" in e
    assert "Thu 12 Feb 2026" in e
    assert "2 months" in e
    assert "moved from Sun 12 Apr 2026 to Mon 13 Apr 2026" in e
    assert "r.12(2)" in e


def test_appeal_lodge_ipsea_worked_example_met_on_first_working_day_of_january():
    events = [
        ev("decision_notice_sent", "2025-10-01"),
        ev("certificate_issued", "2025-11-29"),
        ev("appeal_lodged", "2026-01-02"),
    ]
    d = pick(run(events, today="2026-02-01"), "appeal.lodge")
    assert (d["due"], d["status"], d["met_on"]) == ("2026-01-02", "met", "2026-01-02")
    assert "1 month" in d["explanation"]


def test_appeal_lodge_uses_latest_notice_and_latest_certificate_on_or_after_it():
    # The certificate of Mon 10 Nov 2025 precedes the latest notice, so it is ignored: the latest
    # notice Mon 1 Dec 2025 + 2 months = Sun 1 Feb 2026 -> r.12(2) -> Mon 2 Feb 2026.
    events = [
        ev("decision_notice_sent", "2025-09-01"),
        ev("certificate_issued", "2025-11-10"),
        ev("decision_notice_sent", "2025-12-01"),
    ]
    d = pick(run(events, today="2025-12-02"), "appeal.lodge")
    assert d["due"] == "2026-02-02"
    # Two certificates after the notice: the latest (Fri 9 Jan 2026 + 1 month = Mon 9 Feb 2026) counts.
    events += [ev("certificate_issued", "2025-12-20"), ev("certificate_issued", "2026-01-09")]
    d = pick(run(events, today="2026-01-10"), "appeal.lodge")
    assert d["due"] == "2026-02-09"


# ---------------------------------------------------------------------------
# appeal.la_response: 30 tribunal working days, or a directed date moved only by r.12(2)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sent,due",
    [
        ("2025-07-07", "2025-09-16"),
        ("2025-12-01", "2026-01-20"),
        ("2025-08-04", "2025-10-10"),
        ("2021-12-06", "2022-01-25"),
        ("2026-02-02", "2026-03-16"),
    ],
)
def test_la_response_tribunal_working_days(sent, due):
    d = pick(run([ev("appeal_sent_to_la", sent)], today=sent), "appeal.la_response")
    assert d["due"] == due
    assert "appeal_sent_to_la" in d["explanation"]
    assert "30" in d["explanation"] and "tribunal working day" in d["explanation"]


@pytest.mark.parametrize(
    "directed,expected,parts",
    [
        ("2026-03-08", "2026-03-09", ["r.12(2)", "Sun 8 Mar 2026", "Mon 9 Mar 2026"]),
        ("2026-03-10", "2026-03-10", []),
        ("2026-08-14", "2026-08-14", []),  # Fri in August: r.12(4), no August exclusion
        ("2026-08-31", "2026-09-01", ["r.12(2)"]),  # Mon 31 Aug 2026 bank holiday
        ("2026-12-27", "2026-12-29", ["r.12(2)"]),  # Sun 27, Mon 28 (Boxing sub) -> Tue 29 Dec 2026
    ],
)
def test_la_response_directed_date(directed, expected, parts):
    events = [
        ev("appeal_sent_to_la", "2026-02-02"),
        ev("response_directed", "2026-02-10", due=directed),
    ]
    d = pick(run(events, today="2026-02-11"), "appeal.la_response")
    assert d["due"] == expected
    for part in parts:
        assert part in d["explanation"], d["explanation"]


def test_la_response_directed_met_and_late():
    events = [
        ev("appeal_sent_to_la", "2026-02-02"),
        ev("response_directed", "2026-02-10", due="2026-03-08"),
    ]
    d = pick(
        run(events + [ev("la_response_sent", "2026-03-09")], today="2026-04-01"),
        "appeal.la_response",
    )
    assert (d["due"], d["status"]) == ("2026-03-09", "met")
    d = pick(
        run(events + [ev("la_response_sent", "2026-03-10")], today="2026-04-01"),
        "appeal.la_response",
    )
    assert (d["due"], d["status"]) == ("2026-03-09", "late")


# ---------------------------------------------------------------------------
# SEND Regulations periods are never moved (weekends, holidays, August, Christmas)
# ---------------------------------------------------------------------------


def test_send_periods_not_moved_in_august():
    # Tue 10 Jun 2025: contact adviser + 2 months = Sun 10 Aug 2025 (not moved),
    # while appeal.lodge from the same notice rolls to Mon 1 Sep 2025.
    out = run([ev("decision_notice_sent", "2025-06-10")], today="2025-06-11")
    assert pick(out, "mediation.contact_adviser")["due"] == "2025-08-10"
    assert pick(out, "appeal.lodge")["due"] == "2025-09-01"


@pytest.mark.parametrize(
    "events,rule,ref,due",
    [
        # Fri 14 Nov 2025 + 42 days: 30 Nov (16), Fri 26 Dec 2025 (42): Boxing Day, not moved.
        ([ev("assessment_requested", "2025-11-14")], "assessment.decision", None, "2025-12-26"),
        # Thu 7 Aug 2025 + 140 days: 7 Sep (31), 7 Oct (61), 7 Nov (92), 7 Dec (122), Thu 25 Dec (140).
        ([ev("assessment_requested", "2025-08-07")], "plan.final", None, "2025-12-25"),
        # Fri 18 Jul 2025 + 2 weeks = Fri 1 Aug 2025 (tribunal order, SEND Regs reg 44: not moved).
        (
            [ev("tribunal_order", "2025-07-18", order="amend_school")],
            "order.amended_plan",
            None,
            "2025-08-01",
        ),
        # Thu 11 Dec 2025 + 2 weeks = Thu 25 Dec 2025.
        (
            [ev("tribunal_order", "2025-12-11", order="amend_school")],
            "order.amended_plan",
            None,
            "2025-12-25",
        ),
        # Tue 26 Nov 2024 + 30 days: 30 Nov (4), Thu 26 Dec 2024 (30): Boxing Day.
        ([ev("mediation_requested", "2024-11-26")], "mediation.held", None, "2024-12-26"),
        # Wed 17 Jun 2026 + 2 weeks (agreement, reg 42) = Wed 1 Jul 2026; + 8 weeks = Wed 12 Aug 2026.
        (
            [ev("mediation_agreement", "2026-06-17", actions=[{"ref": "x", "kind": "other"}])],
            "agreement.action",
            "x",
            "2026-07-01",
        ),
        # Amendment notice Wed 17 Jun 2026 + 8 weeks = 56 days: 30 Jun (13), 31 Jul (44), Wed 12 Aug (56).
        ([ev("amendment_notice_issued", "2026-06-17")], "review.amended_plan", None, "2026-08-12"),
        # Recommendations Mon 3 Nov 2025 + 5 weeks = 35 days: 30 Nov (27), Mon 8 Dec 2025 (35).
        (
            [ev("recommendations_made", "2025-11-03", ref="r", body="health")],
            "recommendation.response",
            "r",
            "2025-12-08",
        ),
        # Recommendations Mon 24 Nov 2025 + 5 weeks = 29 Dec 2025 (in the Christmas week, not moved).
        (
            [ev("recommendations_made", "2025-11-24", ref="r", body="health")],
            "recommendation.response",
            "r",
            "2025-12-29",
        ),
    ],
)
def test_send_periods_not_moved(events, rule, ref, due):
    d = pick(run(events, today=events[0]["date"]), rule, ref)
    assert d["due"] == due
    assert "moved from" not in d["explanation"], d["explanation"]


@pytest.mark.parametrize(
    "notice,due",
    [
        ("2025-12-31", "2026-02-28"),  # Sat, not moved
        ("2027-12-31", "2028-02-29"),
        ("2026-01-31", "2026-03-31"),
        ("2025-12-20", "2026-02-20"),
    ],
)
def test_contact_adviser_month_ends(notice, due):
    d = pick(run([ev("decision_notice_sent", notice)], today=notice), "mediation.contact_adviser")
    assert d["due"] == due


@pytest.mark.parametrize(
    "plan,due",
    [
        # The 12 months starting with the day the plan was made end the day before its
        # anniversary (CFA s.44(1)); with no 29 February that year, the month's last day.
        ("2024-02-29", "2025-02-28"),
        ("2028-02-29", "2029-02-28"),
        ("2023-02-28", "2024-02-27"),
        ("2027-02-28", "2028-02-27"),
        ("2024-03-01", "2025-02-28"),
        ("2019-01-01", "2019-12-31"),
    ],
)
def test_review_annual_leap_day(plan, due):
    d = pick(run([ev("final_plan_issued", plan)], today=plan), "review.annual")
    assert d["due"] == due


@pytest.mark.parametrize(
    "served,due",
    [
        (
            "2024-02-15",
            "2024-03-01",
        ),  # 15 days beginning Thu 15 Feb 2024 end Thu 29 Feb; final from Fri 1 Mar
        ("2025-02-15", "2025-03-02"),
        ("2025-12-19", "2026-01-03"),  # Sat; not moved
        ("2026-02-02", "2026-02-17"),
    ],
)
def test_draft_comments_15_days_beginning_with_service(served, due):
    d = pick(run([ev("draft_plan_issued", served)], today=served), "plan.draft_comments")
    assert d["due"] == due
    assert d["kind"] == "not_before"


def test_assessment_decision_from_29_february():
    d = pick(
        run([ev("assessment_requested", "2024-02-29")], today="2024-03-01"), "assessment.decision"
    )
    assert d["due"] == "2024-04-11"
    assert "Thu 29 Feb 2024" in d["explanation"]


# ---------------------------------------------------------------------------
# Working-day rules through the Christmas week, one-offs and Easter
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start,due",
    [
        ("2020-12-24", "2020-12-31"),
        ("2021-12-24", "2021-12-31"),
        ("2022-12-23", "2022-12-30"),
        ("2026-12-24", "2026-12-31"),
        ("2027-12-24", "2027-12-31"),
        ("2022-05-31", "2022-06-07"),  # jubilee 2 and 3 Jun 2022
        ("2022-09-16", "2022-09-22"),  # state funeral 19 Sep 2022
        ("2023-05-04", "2023-05-10"),  # coronation 8 May 2023
        ("2024-03-28", "2024-04-04"),  # Easter 2024
        ("2025-04-17", "2025-04-24"),  # Easter 2025
        ("2025-12-30", "2026-01-05"),  # Wed 31 (1), Thu 1 Jan hol, Fri 2 (2), Mon 5 (3)
    ],
)
def test_three_working_day_certificate_rules(start, due):
    for start_type, rule in (
        ("mediation_declined", "mediation.certificate_declined"),
        ("mediation_not_arranged", "mediation.certificate_not_arranged"),
        ("mediation_concluded", "mediation.certificate_after"),
    ):
        d = pick(run([ev(start_type, start)], today=start), rule)
        assert d["due"] == due, (rule, d)


@pytest.mark.parametrize(
    "scheduled,meeting,due",
    [
        ("2021-12-01", "2022-01-04", "2021-12-23"),
        ("2022-09-01", "2022-09-21", "2022-09-13"),
        (
            "2023-04-20",
            "2023-05-10",
            "2023-05-02",
        ),  # Tue 9 (1), Mon 8 hol, Fri 5, Thu 4, Wed 3, Tue 2
        ("2023-04-20", "2023-05-12", "2023-05-04"),
    ],
)
def test_meeting_notice_over_holidays(scheduled, meeting, due):
    d = pick(
        run([ev("mediation_scheduled", scheduled, meeting_date=meeting)], today=scheduled),
        "mediation.meeting_notice",
    )
    assert d["due"] == due


def test_appeal_lodge_met_and_late_around_a_moved_date():
    # Thu 12 Feb 2026 + 2 months = Sun 12 Apr 2026 -> Mon 13 Apr 2026.
    base = [ev("decision_notice_sent", "2026-02-12")]
    for lodged, status in (
        ("2026-04-10", "met"),
        ("2026-04-12", "met"),
        ("2026-04-13", "met"),
        ("2026-04-14", "late"),
    ):
        d = pick(run(base + [ev("appeal_lodged", lodged)], today="2026-05-01"), "appeal.lodge")
        assert (d["due"], d["status"]) == ("2026-04-13", status), lodged


def test_appeal_lodge_august_lodged_in_august_is_met():
    # Tue 10 Jun 2025 + 2 months = Sun 10 Aug 2025 -> Mon 1 Sep 2025; lodged Fri 29 Aug: met.
    base = [ev("decision_notice_sent", "2025-06-10")]
    d = pick(run(base + [ev("appeal_lodged", "2025-08-29")], today="2025-10-01"), "appeal.lodge")
    assert (d["due"], d["status"]) == ("2025-09-01", "met")
    d = pick(run(base + [ev("appeal_lodged", "2025-09-02")], today="2025-10-01"), "appeal.lodge")
    assert (d["due"], d["status"]) == ("2025-09-01", "late")


def test_certificate_without_a_decision_notice_starts_no_appeal_clock():
    out = run([ev("certificate_issued", "2025-11-29")], today="2025-12-01")
    assert not [d for d in out if d["rule"] == "appeal.lodge"]


def test_agreed_due_on_a_weekend_is_not_moved():
    acts = [{"ref": "a", "kind": "other", "agreed_due": "2026-03-14"}]  # Sat 14 Mar 2026
    d = pick(
        run([ev("mediation_agreement", "2026-03-02", actions=acts)], today="2026-03-02"),
        "agreement.action",
        "a",
    )
    assert d["due"] == "2026-03-14"


def test_a_long_date_is_written_out_in_words():
    from datetime import date

    from redress.statutory.calendar import format_long_date

    assert format_long_date(date(2025, 9, 3)) == "3 September 2025"
    assert format_long_date(date(2024, 2, 29)) == "29 February 2024"


def test_days_overdue_counts_calendar_days_across_a_leap_day() -> None:
    from datetime import date

    from redress.statutory.calendar import days_overdue

    # Due Wed 28 Feb 2024; on Fri 1 Mar 2024 it is 2 days late (29 Feb counts).
    assert days_overdue(date(2024, 2, 28), date(2024, 3, 1)) == 2
    assert days_overdue(date(2024, 3, 1), date(2024, 3, 1)) == 0  # due today: not late
    assert days_overdue(date(2024, 3, 2), date(2024, 3, 1)) == 0  # not yet due
    assert days_overdue(None, date(2024, 3, 1)) == 0
