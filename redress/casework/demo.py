"""The demo local authority: Northwick Borough Council, its partners, about 200 children at every
stage of the EHC needs assessment, and a sign-in for every role.

Every case is built through `services`, so each deadline comes from the statutory engine exactly
as it would for a real case; only the dates of the demo's *events* are made up, as offsets from
today, so that some deadlines are overdue, some due this week and some in the next four weeks.

`demo_load()` is idempotent: once the demo authority has children, a second run creates nothing
and only resets the demo users' passwords (and restores their roles).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.db import transaction

from redress.accounts.models import Membership, Organisation, Role
from redress.audit.services import audit_record
from redress.casework import services
from redress.casework.identifiers import upn_check_letter
from redress.casework.models import AdviceRequest, Child, Consent, FamilyMember, Provision
from redress.core import registry
from redress.statutory.engine import today_in_london
from redress.statutory.rules import RULES

LA_NAME = "Northwick Borough Council"
ICB_NAME = "Northwick and Easton Integrated Care Board"
OTHER_ICB_NAME = "Westmoor Integrated Care Board"
SOCIAL_CARE_NAME = "Northwick Children's Social Care"
MEDIATION_NAME = "Common Ground Mediation"
SENDIASS_NAME = "Northwick SENDIASS"
PRACTICE_NAME = "Brightwater Therapy Practice"
SETTING_NAMES = {
    "nursery": "Little Acorns Nursery",
    "primary": "Northwick Primary School",
    "primary2": "St Aidan's Church of England Primary School",
    "secondary": "Northwick Academy",
    "special": "Riverside Special School",
    "college": "Northwick College",
}
DEFAULT_CHILDREN = 200


def _upn(digits: int) -> str:
    """A made-up UPN whose check letter is right (the Department's modulus 23 check)."""
    body = f"{digits:012d}"
    return upn_check_letter(body) + body


def _period_days(rule_id: str) -> int:
    """A rule's period in days, read from the catalogue, so the made-up events land where the
    demo means them to (a decision due this week, advice received late) as the engine counts."""
    rule = next(r for r in RULES if r.id == rule_id)
    assert rule.amount is not None
    return rule.amount * {"days": 1, "weeks": 7}[rule.unit]


DECISION_DAYS = _period_days("assessment.decision")
ADVICE_DAYS = _period_days("advice.response")
NO_PLAN_DAYS = _period_days("assessment.no_plan_notice")
COMMENTS_DAYS = _period_days("plan.draft_comments")
FINAL_DAYS = _period_days("plan.final")
#: The apps whose Django model permissions the demo administrator holds (and nothing else).
ADMIN_APPS = ("accounts", "auth", "bankholidays")


@dataclass(frozen=True)
class DemoLogin:
    username: str
    first_name: str
    last_name: str
    role: str
    organisation: str  # a key of the organisations built below, or "" for none
    team: str
    label: str  # the role as the logins table shows it
    # what they will see; {children}, {advice}, {caseload}, {mediation}, {appeals} and
    # {recommendations} are counted through the selectors when shown
    sees: str


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin(
        "caseworker", "Casey", "Worker", Role.LA_CASEWORKER, "la", "North",
        "LA caseworker, team North",
        "all {children} Northwick children; own caseload is team North ({caseload}); their plans, "
        "{mediation} mediation cases and {appeals} appeals",
    ),
    DemoLogin(
        "caseworker-south", "Sunita", "Southall", Role.LA_CASEWORKER, "la", "South",
        "LA caseworker, team South",
        "all {children} Northwick children; own caseload is team South ({caseload})",
    ),
    DemoLogin(
        "manager", "Morgan", "Manager", Role.LA_MANAGER, "la", "",
        "LA manager (decision maker)",
        "all {children} Northwick children and each case's audit trail; reports beside the "
        "published tribunal statistics",
    ),
    DemoLogin(
        "health", "Harriet", "Hughes", Role.HEALTH_OFFICER, "icb", "",
        "Health officer, Northwick and Easton ICB",
        "{children} children with advice requests to their ICB ({advice} requests); "
        "Tribunal recommendations to answer: {recommendations}",
    ),
    DemoLogin(
        "socialcare", "Sol", "Carey", Role.SOCIAL_CARE_OFFICER, "social_care", "",
        "Social care officer",
        "{children} children with social care advice requests to their team; "
        "Tribunal recommendations to answer: {recommendations}",
    ),
    DemoLogin(
        "advisor", "Ava", "Brightwater", Role.ADVICE_GIVER, "practice", "",
        "Advice giver, independent therapist",
        "the {advice} advice requests sent to them; two children show a conflict of interest",
    ),
    DemoLogin(
        "mediation-adviser", "Mina", "Adviser", Role.MEDIATION_ADVISER, "mediation", "",
        "Mediation adviser", "the {mediation} mediation cases at the demo provider",
    ),
    DemoLogin(
        "mediation-manager", "Marcus", "Case", Role.MEDIATION_CASE_MANAGER, "mediation", "",
        "Mediation case manager",
        "the {mediation} mediation cases, the provider's dashboard, report and policy",
    ),
    DemoLogin(
        "mediator", "Maya", "Mediator", Role.MEDIATOR, "mediation", "",
        "Mediator", "the {mediation} mediation cases; confidential notes on their own",
    ),
    DemoLogin(
        "parent", "Pat", "Okafor", Role.PARENT_CARER, "", "",
        "Parent", "their own {children} children only; their mediation cases ({mediation}) and "
        "appeals ({appeals})",
    ),
    DemoLogin(
        "youngperson", "Jordan", "Reilly", Role.YOUNG_PERSON, "", "",
        "Young person, aged 17", "their own case only",
    ),
    DemoLogin(
        "supporter", "Sam", "Supporter", Role.SUPPORTER, "sendiass", "",
        "Supporter, Northwick SENDIASS",
        "the {children} cases whose families consent (one family withdrew consent)",
    ),
    DemoLogin(
        "admin", "Ada", "Administrator", Role.ADMINISTRATOR, "la", "",
        "Administrator (not superuser)",
        "no children; /admin/ for users, organisations and bank holidays",
    ),
)  # fmt: skip


@dataclass
class DemoResult:
    created: bool
    children: int = 0
    users_created: list[str] = field(default_factory=list)


# -- People and places ----------------------------------------------------------------------

_FIRST_NAMES = (
    "Aisha", "Ben", "Chloe", "Dylan", "Ella", "Finley", "Grace", "Harry", "Isla", "Jacob",
    "Kacper", "Layla", "Mohammed", "Niamh", "Oliver", "Priya", "Quinn", "Rosie", "Sami", "Tyler",
    "Umar", "Violet", "Wiktoria", "Xavier", "Yusuf", "Zara", "Amelia", "Noah", "Freya", "Leo",
    "Maryam", "Theo", "Ruby", "Alfie", "Hana", "Oscar", "Ivy", "Ibrahim", "Poppy", "Reuben",
)  # fmt: skip
_LAST_NAMES = (
    "Adeyemi", "Baker", "Chen", "Davies", "Evans", "Fraser", "Green", "Hussain", "Iqbal",
    "Jones", "Kowalski", "Lewis", "Murphy", "Nowak", "O'Brien", "Patel", "Quinn", "Roberts",
    "Singh", "Taylor", "Usman", "Vaughan", "Walker", "Young", "Ahmed", "Brown", "Clarke",
    "Dunn", "Edwards", "Fletcher", "Gill", "Hall", "Islam", "Jackson", "Khan", "Lopes",
    "Mensah", "Novak", "Owusu", "Popescu",
)  # fmt: skip
_PARENT_NAMES = (
    "Sarah", "James", "Fatima", "Mark", "Agnieszka", "David", "Nadia", "Paul", "Joanne",
    "Tariq", "Emma", "Chris", "Shabana", "Lee", "Ioana", "Kwame", "Claire", "Darren",
)  # fmt: skip
_STREETS = (
    "Mill Lane", "Church Street", "Station Road", "Victoria Road", "Park View", "Elm Grove",
    "Canal Side", "Queen's Avenue", "Orchard Close", "Riverside Walk",
)  # fmt: skip
_INTERPRETERS = ("Polish", "Urdu", "Romanian", "Arabic", "British Sign Language", "Somali")
_FORMATS = ("Large print", "Easy Read", "Braille")

_ASSESSMENT_REFUSED = (
    "The information from the school shows that the child's needs are being met from the "
    "resources normally available at SEN Support, with a costed plan in place. The family may "
    "ask for mediation or appeal to the Tribunal."
)
_PLAN_REFUSED = (
    "Having weighed all the advice, the local authority is satisfied that the special "
    "educational provision the child needs can be made from the school's own resources."
)
_EXCEPTION_REASONS = {
    "reg_5_4_c": "The child was in hospital for six weeks and the family could not take part.",
    "reg_8_2_c": "The child missed the community paediatric appointment on two occasions.",
    "reg_10_4_d": "The family were abroad for five weeks caring for a relative.",
    "reg_10_4_c": "A bereavement in the family: the parent asked for the plan to be paused.",
}


def _organisations() -> dict[str, Organisation]:
    def org(name: str, kind: str, **extra: Any) -> Organisation:
        organisation, _ = Organisation.objects.get_or_create(name=name, kind=kind, defaults=extra)
        return organisation

    kind = Organisation.Kind
    la = org(
        LA_NAME, kind.LOCAL_AUTHORITY, email="send@northwick.example.invalid",
        phone="0113 496 0000", address="Town Hall, Market Square, Northwick",
    )  # fmt: skip
    orgs = {
        "la": la,
        "social_care": org(
            SOCIAL_CARE_NAME,
            kind.SOCIAL_CARE,
            parent=la,
            email="childrens.services@northwick.example.invalid",
        ),  # fmt: skip
        "icb": org(ICB_NAME, kind.HEALTH_COMMISSIONER, email="dco@nei.example.invalid"),
        "other_icb": org(OTHER_ICB_NAME, kind.HEALTH_COMMISSIONER, email="send@wm.example.invalid"),
        "mediation": org(MEDIATION_NAME, kind.MEDIATION_PROVIDER, phone="0113 496 0100"),
        "sendiass": org(SENDIASS_NAME, kind.SENDIASS, phone="0113 496 0200"),
        "practice": org(PRACTICE_NAME, kind.INDEPENDENT_PRACTICE, email="hello@bw.example.invalid"),
    }
    for key, name in SETTING_NAMES.items():
        orgs[key] = org(name, kind.SETTING)
    for key in ("icb", "other_icb", "mediation", "sendiass", "practice"):
        orgs[key].serves.add(la)
    return orgs


def _users(orgs: dict[str, Organisation], password: str) -> tuple[dict[str, Any], list[str]]:
    """Create or restore every demo login; one password hash serves them all (it is public)."""
    user_model = get_user_model()
    encoded = make_password(password)
    users, created_names = {}, []
    for login in DEMO_LOGINS:
        user, created = user_model.objects.get_or_create(username=login.username)
        user.first_name, user.last_name = login.first_name, login.last_name
        user.email = f"{login.username}@example.invalid"
        user.is_active = True
        user.is_staff = login.role == Role.ADMINISTRATOR
        user.is_superuser = False  # least privilege: superusers bypass every object permission
        user.password = encoded
        user.save()
        organisation = orgs[login.organisation] if login.organisation else None
        membership, _ = Membership.objects.get_or_create(
            user=user, organisation=organisation, role=login.role
        )
        if not membership.active or membership.team != login.team:
            membership.active, membership.team = True, login.team
            membership.save()
        if login.role == Role.ADMINISTRATOR:
            user.user_permissions.set(
                Permission.objects.filter(content_type__app_label__in=ADMIN_APPS)
            )
        users[login.username] = user
        if created:
            created_names.append(login.username)
    return users, created_names


# -- Cases ----------------------------------------------------------------------------------


class _Builder:
    def __init__(self, orgs: dict[str, Organisation], users: dict[str, Any], today: date):
        self.orgs = orgs
        self.users = users
        self.today = today
        self.rng = random.Random(2014)  # noqa: S311 (made-up demo data, nothing secret)
        self.names: set[tuple[str, str]] = set()
        self.count = 0

    # Dates --------------------------------------------------------------------------------

    def ago(self, days: int, *, exact: bool = False) -> date:
        """`days` before today; a weekend moves back to the Friday unless `exact`."""
        when = self.today - timedelta(days=max(days, 0))
        if not exact and when.weekday() >= 5:
            when -= timedelta(days=when.weekday() - 4)
        return when

    def after(self, start: date, days: int) -> date:
        """`days` after `start`, never after today."""
        return min(start + timedelta(days=days), self.today)

    # People -------------------------------------------------------------------------------

    def child(
        self,
        team: str,
        *,
        age: float | None = None,
        assigned: bool = True,
        name: tuple[str, str] | None = None,
        setting: str = "",
        family: bool = True,
    ) -> Child:
        rng = self.rng
        while name is None:
            candidate = (rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES))
            if candidate not in self.names or len(self.names) > 1500:
                name = candidate
        self.names.add(name)
        years = age if age is not None else rng.uniform(2.5, 17.5)
        dob = self.today - timedelta(days=int(years * 365.25))
        if setting:
            pass
        elif years < 4.5:
            setting = "nursery"
        elif years >= 16:
            setting = "college"
        elif rng.random() < 0.15:
            setting = "special"
        elif years < 11:
            setting = rng.choice(("primary", "primary2"))
        else:
            setting = "secondary"
        caseworker = self.users["caseworker" if team == "North" else "caseworker-south"]
        child = services.child_create(
            actor=self.users["manager"],
            first_name=name[0],
            last_name=name[1],
            date_of_birth=dob,
            local_authority=self.orgs["la"],
            setting=self.orgs[setting],
            team=team,
            caseworker=caseworker if assigned else None,
            upn=_upn(rng.randrange(10**11, 10**12)) if years >= 4 else "",
        )
        if family:
            self.family(child)
        self.count += 1
        return child

    def family(self, child: Child) -> list[FamilyMember]:
        rng = self.rng
        members = []
        for n in range(2 if rng.random() < 0.3 else 1):
            first = rng.choice(_PARENT_NAMES)
            house = rng.randrange(1, 120)
            members.append(
                FamilyMember.objects.create(
                    child=child,
                    name=f"{first} {child.last_name}",
                    relationship=FamilyMember.Relationship.PARENT if n == 0 or rng.random() < 0.7
                    else FamilyMember.Relationship.CARER,
                    email=f"{first.lower()}.{child.last_name.lower().replace(chr(39), '')}"
                    "@example.invalid",
                    phone=f"07700 900{rng.randrange(0, 1000):03d}",
                    address=f"{house} {rng.choice(_STREETS)}, Northwick",
                    interpreter_language=rng.choice(_INTERPRETERS) if rng.random() < 0.06 else "",
                    accessible_format=rng.choice(_FORMATS) if rng.random() < 0.04 else "",
                )
            )  # fmt: skip
        return members

    # Steps (all through the services) ------------------------------------------------------

    def actor(self, child: Child) -> Any:
        return child.caseworker or self.users["manager"]

    def event(self, child: Child, event_type: str, when: date, **kwargs: Any) -> None:
        services.case_event_record(
            actor=kwargs.pop("actor", None) or self.actor(child),
            child=child,
            event_type=event_type,
            when=when,
            expected_version=None,
            **kwargs,
        )

    def request(self, child: Child, days_ago: int, *, exact: bool = False) -> date:
        when = self.ago(days_ago, exact=exact)
        self.event(child, "assessment_requested", when)
        return when

    def decide(self, child: Child, when: date, *, assess: bool = True) -> None:
        self.event(
            child, "assessment_decision", when, actor=self.users["manager"],
            details={"decision": "assess" if assess else "not_assess"},
            reasons="" if assess else _ASSESSMENT_REFUSED,
        )  # fmt: skip

    def advice(
        self,
        child: Child,
        advice_type: str,
        recipient: Organisation,
        sent: date,
        *,
        person: Any = None,
        **declared: Any,
    ) -> AdviceRequest:
        return services.advice_request_create(
            actor=self.actor(child),
            child=child,
            advice_type=advice_type,
            recipient_organisation=recipient,
            recipient_person=person,
            commissioned_by=self.orgs["la"],
            date_sent=sent,
            expected_version=None,
            **declared,
        )

    def receive(self, advice: AdviceRequest, when: date) -> None:
        services.advice_request_mark_received(
            actor=self.actor(advice.child), advice_request=advice, date_received=when
        )

    def advice_round(
        self, child: Child, sent: date, *, outcome: str = "mixed"
    ) -> list[AdviceRequest]:
        """Advice from health, the setting, the educational psychologist and sometimes social
        care. `outcome` is "mixed" (some outstanding, some late) or "all_in" (all received)."""
        rng = self.rng
        icb = self.orgs["other_icb"] if rng.random() < 0.15 else self.orgs["icb"]
        requests = [
            self.advice(child, "health", icb, sent),
            self.advice(child, "educational", child.setting or self.orgs["la"], sent),
            self.advice(child, "psychological", self.orgs["la"], sent),
        ]
        if rng.random() < 0.4:
            requests.append(self.advice(child, "social_care", self.orgs["social_care"], sent))
        for advice in requests:
            roll = rng.random()
            waited = (self.today - sent).days
            if outcome == "all_in" or advice.advice_type != "health":
                late = advice.advice_type == "health" and roll < 0.3
                days = (
                    rng.randrange(ADVICE_DAYS + 1, 70) if late else rng.randrange(14, ADVICE_DAYS)
                )
                if outcome == "mixed" and advice.advice_type != "health" and roll < 0.25:
                    continue  # still awaited
                if sent + timedelta(days=days) <= self.today:
                    self.receive(advice, self.after(sent, days))
            elif roll < 0.35 and waited >= 20:
                on_time = min(waited, ADVICE_DAYS)
                self.receive(advice, self.after(sent, rng.randrange(14, on_time + 1)))
            elif roll < 0.55 and waited >= 50:
                late_by = min(waited, 90)
                self.receive(advice, self.after(sent, rng.randrange(ADVICE_DAYS + 1, late_by + 1)))
            # otherwise still outstanding: overdue once six weeks have passed
        return requests

    def to_plan_decision(self, child: Child, requested: date, *, issue: bool = True) -> date:
        """Decide to assess, gather all the advice, then decide whether to issue a plan."""
        decided = requested + timedelta(days=self.rng.randrange(28, DECISION_DAYS))
        self.decide(child, decided)
        requests = self.advice_round(child, decided + timedelta(days=2), outcome="all_in")
        received: list[date] = [a.date_received for a in requests if a.date_received]
        in_time = requested + timedelta(days=self.rng.randrange(95, NO_PLAN_DAYS))
        plan_decided = max([in_time, *received])
        plan_decided = min(plan_decided, self.today)
        weighings = {
            a.pk: f"Read in full; its recommendations for {a.get_advice_type_display().lower()} "
            "needs are reflected in the decision."
            for a in requests
            if a.date_received
        }
        self.event(
            child, "plan_decision", plan_decided, actor=self.users["manager"],
            details={"decision": "issue" if issue else "not_issue"},
            reasons="" if issue else _PLAN_REFUSED, weighings=weighings,
        )  # fmt: skip
        return plan_decided

    def exception(self, child: Child, when: date, rule: str, ground: str, ref: str = "") -> None:
        details = {"rule": rule, "ground": ground, **({"ref": ref} if ref else {})}
        self.event(
            child, "exception_recorded", when, details=details, reasons=_EXCEPTION_REASONS[ground]
        )

    # Stages -------------------------------------------------------------------------------

    def just_requested(self, team: str) -> None:
        child = self.child(team, assigned=self.rng.random() < 0.6)
        self.request(child, self.rng.randrange(0, 13))

    def decision_due(self, team: str, days_ago: int, *, exact: bool = False) -> None:
        self.request(self.child(team), days_ago, exact=exact)

    def assessing(self, team: str, days_ago: int, **child_kwargs: Any) -> Child:
        child = self.child(team, **child_kwargs)
        requested = self.request(child, days_ago)
        decided = self.after(requested, self.rng.randrange(21, 48))
        self.decide(child, decided)
        self.advice_round(child, self.after(decided, self.rng.randrange(1, 4)))
        return child

    def health_advice_due_this_week(self, team: str, due: date) -> None:
        child = self.child(team)
        sent = due - timedelta(days=ADVICE_DAYS)
        self.event(child, "assessment_requested", sent - timedelta(days=30))
        self.decide(child, sent - timedelta(days=2))
        self.advice(child, "health", self.orgs["icb"], sent)

    def assessment_refused(self, team: str, days_ago: int, **child_kwargs: Any) -> Child:
        child = self.child(team, **child_kwargs)
        requested = self.request(child, days_ago)
        self.decide(child, self.after(requested, self.rng.randrange(25, 44)), assess=False)
        return child

    def plan_refused(self, team: str, days_ago: int) -> None:
        child = self.child(team)
        self.to_plan_decision(child, self.request(child, days_ago), issue=False)

    def draft_issued(self, team: str, days_ago: int, **child_kwargs: Any) -> Child:
        child = self.child(team, **child_kwargs)
        plan_decided = self.to_plan_decision(child, self.request(child, days_ago))
        self.event(child, "draft_plan_issued", self.after(plan_decided, self.rng.randrange(0, 8)))
        return child

    def final_issued(self, team: str, days_ago: int, *, late: bool) -> None:
        child = self.child(team)
        requested = self.request(child, days_ago)
        plan_decided = self.to_plan_decision(child, requested)
        final = requested + timedelta(
            days=self.rng.randrange(FINAL_DAYS + 10, 200)
            if late
            else self.rng.randrange(128, FINAL_DAYS)
        )
        comments = self.rng.randrange(COMMENTS_DAYS, COMMENTS_DAYS + 10)
        draft = max(final - timedelta(days=comments), plan_decided)
        self.event(child, "draft_plan_issued", draft)
        self.event(child, "final_plan_issued", max(final, draft + timedelta(days=COMMENTS_DAYS)))

    # Particular children --------------------------------------------------------------------

    def family_of_parent(self) -> None:
        """Pat Okafor's two children: one with a draft plan, one whose assessment was refused."""
        older = self.draft_issued("North", 130, name=("Tobi", "Okafor"), age=12.4, family=False)
        younger = self.assessment_refused(
            "North", 70, name=("Ada", "Okafor"), age=6.2, family=False
        )
        for child in (older, younger):
            member = FamilyMember.objects.create(
                child=child, user=self.users["parent"], name="Pat Okafor",
                relationship=FamilyMember.Relationship.PARENT, email="parent@example.invalid",
                phone="07700 900123", address="4 Orchard Close, Northwick",
                interpreter_language="Yoruba",
            )  # fmt: skip
            if child is older:
                self.consent(child, member, given_on=self.ago(60))

    def young_person(self) -> None:
        """Jordan Reilly, 17, who signs in for themselves; their advice is partly in."""
        child = self.assessing(
            "South", 75, name=("Jordan", "Reilly"), age=17.3, setting="college", family=False
        )
        Child.objects.filter(pk=child.pk).update(
            young_person_views=(
                "I want to stay at college and finish my Level 2 in catering. I need help with "
                "reading long instructions and a quiet place to go when it gets too loud."
            )
        )
        FamilyMember.objects.create(
            child=child, user=self.users["youngperson"], name="Jordan Reilly",
            relationship=FamilyMember.Relationship.YOUNG_PERSON,
            email="youngperson@example.invalid", phone="07700 900456",
            accessible_format="Easy Read",
        )  # fmt: skip
        FamilyMember.objects.create(
            child=child, name="Siobhan Reilly", relationship=FamilyMember.Relationship.PARENT,
            email="siobhan.reilly@example.invalid", phone="07700 900457",
            address="27 Canal Side, Northwick",
        )  # fmt: skip

    def consent(self, child: Child, member: FamilyMember, *, given_on: date) -> Consent:
        return services.consent_record(
            actor=self.users["manager"],
            child=child,
            given_by=member,
            supporter=self.users["supporter"],
            supporter_organisation=self.orgs["sendiass"],
            given_on=given_on,
        )

    def supported_families(self, children: list[Child]) -> None:
        """Consent for the SENDIASS supporter on some cases; one family withdrew it."""
        for n, child in enumerate(children):
            member = child.family.first()
            if member is None:
                continue
            consent = self.consent(child, member, given_on=self.ago(200 if n == 2 else 45))
            if n == 2:
                consent.withdrawn_on = self.ago(20)
                consent.save()
                audit_record(
                    actor=self.users["manager"], action="update", obj=consent, child=child,
                    summary=f"{member.name} withdrew consent for {SENDIASS_NAME}",
                )  # fmt: skip

    def therapy(self) -> None:
        """The independent therapist: advises on several children, and on two of them also
        provides (or would provide) the therapy: a conflict of interest."""
        advisor, practice = self.users["advisor"], self.orgs["practice"]
        for n in range(6):
            child = self.assessing("North" if n % 2 else "South", 60 + 9 * n, age=8.5 + n)
            sent = child.advice_requests.get(advice_type="health").date_sent
            declared: dict[str, Any] = {}
            if n == 2:
                declared = {
                    "employed_by_setting": True,
                    "paid_by": child.setting,
                    "relationship_notes": (
                        f"Contracted by {child.setting} to deliver its speech and language therapy."
                    ),
                }
            elif n == 3:
                declared = {
                    "would_deliver_provision": True,
                    "relationship_notes": "The practice would deliver the therapy it recommends.",
                }
            advice = self.advice(child, "other", practice, sent, person=advisor, **declared)
            if n in (0, 1):
                self.receive(advice, self.after(sent, 30))
            if n == 2:
                services.provision_record(
                    actor=self.actor(child), child=child, provider_person=advisor,
                    provider_organisation=practice,
                    description="Speech and language therapy: one 45-minute session a week",
                )  # fmt: skip
            if n == 3:
                services.provision_record(
                    actor=self.actor(child), child=child, provider_organisation=practice,
                    status=Provision.Status.PROPOSED,
                    description="Occupational therapy programme, fortnightly for a term",
                )  # fmt: skip

    def exceptions(self) -> None:
        """Time limits the law excuses, each recorded with its statutory ground and reasons."""
        for n in range(3):  # the decision whether to assess, excused by a stay in hospital
            child = self.child("North" if n else "South")
            requested = self.request(child, 50 + 4 * n)
            self.exception(child, self.after(requested, 20), "assessment.decision", "reg_5_4_c")
        for n in range(3):  # health advice, excused by missed appointments
            child = self.assessing("South" if n else "North", 90 + 5 * n)
            health = child.advice_requests.filter(advice_type="health").first()
            assert health is not None
            if health.date_received is None:
                self.exception(
                    child, self.after(health.date_sent, 30), "advice.response", "reg_8_2_c",
                    ref=health.ref,
                )  # fmt: skip
        for n, ground in enumerate(("reg_10_4_d", "reg_10_4_c", "reg_10_4_d", "reg_10_4_c")):
            child = self.draft_issued("North" if n % 2 else "South", 135 + 6 * n)
            self.exception(child, self.ago(10 + n), "plan.final", ground)

    def build(self, total: int) -> None:
        rng = self.rng
        teams = ("North", "South")
        self.family_of_parent()
        self.young_person()
        self.therapy()
        self.exceptions()
        # Decisions due on each day from today to Sunday, and health advice due this week.
        week_end = self.today + timedelta(days=6 - self.today.weekday())
        day = self.today
        while day <= week_end:
            self.decision_due("North", DECISION_DAYS - (day - self.today).days, exact=True)
            self.decision_due("South", DECISION_DAYS - (day - self.today).days, exact=True)
            self.health_advice_due_this_week("North", day)
            day += timedelta(days=1)
        stages: list[tuple[float, Callable[[str], Any]]] = [
            (0.10, self.just_requested),
            (0.14, lambda team: self.decision_due(team, rng.randrange(14, 60))),
            (0.26, lambda team: self.assessing(team, rng.randrange(45, 135))),
            (0.08, lambda team: self.assessment_refused(team, rng.randrange(45, 240))),
            (0.06, lambda team: self.plan_refused(team, rng.randrange(115, 200))),
            (0.12, lambda team: self.draft_issued(team, rng.randrange(112, 165))),
            (0.14, lambda team: self.final_issued(team, rng.randrange(150, 420), late=False)),
            (0.10, lambda team: self.final_issued(team, rng.randrange(210, 420), late=True)),
        ]
        remaining = max(total - self.count, 0)
        plan = [make for share, make in stages for _ in range(round(share * remaining))]
        while len(plan) < remaining:
            plan.append(stages[2][1])
        for n, make in enumerate(plan[:remaining]):
            make(teams[n % 2])
        supported = list(
            Child.objects.filter(local_authority=self.orgs["la"], consents__isnull=True)
            .exclude(family__user__isnull=False)
            .order_by("id")[10:13]
        )
        self.supported_families(supported)


#: Other apps (plans, mediation, agreements, appeals) add their records to the demo children
#: with `extend(*, orgs, users, today)`, declared as `demo_extension` on their DomainAppConfig and
#: called in INSTALLED_APPS order on the demo's first load.
DemoExtension = Callable[..., None]


@transaction.atomic
def demo_load(
    *, password: str, today: date | None = None, children: int = DEFAULT_CHILDREN
) -> DemoResult:
    """Load the demo (or, when it is there already, only reset its users' passwords)."""
    orgs = _organisations()
    users, created_names = _users(orgs, password)
    if Child.objects.filter(local_authority=orgs["la"]).exists():
        return DemoResult(created=False, users_created=created_names)
    builder = _Builder(orgs, users, today or today_in_london())
    builder.build(children)
    for extend in registry.demo_extensions:
        extend(orgs=orgs, users=users, today=builder.today)
    return DemoResult(created=True, children=builder.count, users_created=created_names)
