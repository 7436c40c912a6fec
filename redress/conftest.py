"""Shared test set-up for every app: a fast password hasher, an empty cache per test, one shared
world of organisations, people and children, one deadline assertion and one permission-matrix
helper (docs/decisions/0179-fast-tests.md).

New tests use these rather than building their own copies:

- ``shared_world``: two local authorities, an ICB, a social care team, a mediation provider, a
  person for every role and one child at each stage of the statutory process, with the engine's
  deadlines computed as on ``WORLD_TODAY``. Built once per test module inside a transaction that
  is rolled back when the module ends; each test's own changes are rolled back after the test, so
  read what a test changed with ``refresh_from_db()``.
- ``assert_deadline(child, rule, due=..., status=..., ref=...)``: the one deadline row the engine
  stored for that rule, with a message listing the child's deadlines when it is not there.
- ``demo_database(children=..., today=...)``: the demo for a module's tests (a context manager
  for a module-scoped fixture). On SQLite it is loaded once a run: the first module to ask loads
  it and keeps a copy of the whole database; every later module, in any worker, copies that in
  (milliseconds instead of a minute) and the database is put back as it was afterwards.
- ``migrated_sqlite``: a SQLite database file migrated by ``redress migrate`` in its own process,
  made once a run, for the tests that check the migrations or act as an operator would.
- ``assert_page_matrix(users, expected)``: every person against every page; each page opens for
  exactly the people named and is refused (403) to the rest, and nobody signed in is sent to
  sign in.
"""

from __future__ import annotations

import fcntl
import importlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings

#: The day the shared world's deadlines were computed on.
WORLD_TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher() -> Iterator[None]:
    """Tests create thousands of users; hashing each password the production way takes most of
    a second. The production hashers are checked by `check --deploy`, not by the suite, so the
    suite hashes with MD5. override_settings sends setting_changed, which clears Django's cached
    hashers."""
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    fast.enable()
    yield
    fast.disable()


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Each test starts with an empty cache, so rate limits counted there (password reset,
    guidance subscriptions) never carry over from one test to the next."""
    cache.clear()
    yield


# -- The test database ----------------------------------------------------------------------

#: The rows the data migrations write, by module and function. `make test` builds each test
#: database from the models (--no-migrations, in pyproject.toml): replaying the migrations'
#: states costs half a minute a worker (docs/decisions/0195). These functions then write what
#: the migrations would; test_migrations compares the result with a migrated database.
SEEDED_BY_MIGRATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "redress.guidance.migrations.0002_search_steps_editors",
        ("fts_forwards", "steps_forwards", "add_editors_group"),
    ),
    ("redress.notifications.migrations.0002_default_reminder_rules", ("add_defaults",)),
    # Fills children's next due date from their deadlines: nothing to do on a new database.
    ("redress.casework.migrations.0003_child_next_due", ("fill_next_due",)),
    # Copies each child's owner onto its deadline rows: nothing to do on a new database.
    ("redress.casework.migrations.0005_deadline_owner_copies", ("copy_owners",)),
)


def seed_as_the_migrations_do() -> None:
    from django.apps import apps

    with connection.schema_editor() as editor:
        for module_name, functions in SEEDED_BY_MIGRATIONS:
            module = importlib.import_module(module_name)
            for name in functions:
                getattr(module, name)(apps, editor)


def _test_database_set_up(request: pytest.FixtureRequest) -> bool:
    """pytest-django sets up only the databases the collected tests ask for (a `django_db` mark,
    `db`), and none when none does: the connection then still names the configured database,
    which a test must never write to."""
    from pytest_django.fixtures import _get_databases_for_setup

    aliases, _ = _get_databases_for_setup(request.session.items)
    return "default" in aliases


def _require_test_database(request: pytest.FixtureRequest) -> None:
    if not _test_database_set_up(request):
        pytest.fail(
            f"{request.fixturename} writes to the test database: mark the tests that use it "
            "with @pytest.mark.django_db",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def django_db_setup(
    django_db_setup: Any, django_db_blocker: Any, request: pytest.FixtureRequest
) -> None:
    """pytest-django's test database, with the data migrations' rows when it was built from the
    models rather than migrated."""
    if request.config.getoption("nomigrations", default=False) and _test_database_set_up(request):
        with django_db_blocker.unblock():
            seed_as_the_migrations_do()


def _shared_folder(tmp_path_factory: Any, worker_id: str, name: str) -> Path:
    """A folder every xdist worker of this run sees (the run's temporary folder)."""
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if worker_id != "master" else base) / name
    folder.mkdir(exist_ok=True)
    return Path(folder)


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: Any, worker_id: str) -> Path:
    """A SQLite database file migrated by `redress migrate` in its own process, as an operator
    migrates one. Made once a run: the first worker to ask migrates it, under a lock the others
    wait on. Copy it (`copy_database`) before changing anything in it."""
    folder = _shared_folder(tmp_path_factory, worker_id, "migrated")
    kept = folder / "migrated.sqlite3"
    with open(folder / "migrated.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not kept.exists():
            part = folder / "migrating.sqlite3"
            env = {
                k: v
                for k, v in os.environ.items()
                if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
            }
            env.update(DATABASE_URL=f"sqlite:///{part}", REDRESS_VAR_DIR=str(folder / "var"))
            subprocess.run(
                [sys.executable, "-m", "redress", "migrate", "--noinput", "-v", "0"],
                env=env,
                check=True,
                capture_output=True,
                timeout=600,
            )
            # Everything into the main file, so a plain copy of it is the whole database.
            checkpoint = sqlite3.connect(part)
            checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            checkpoint.close()
            part.rename(kept)
    return kept


def copy_database(source: Path, destination: Path) -> Path:
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, destination)
    return destination


# -- Running on every core (pytest-xdist) ----------------------------------------------------


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """With ``-n N --dist loadfile`` (as `make test` runs): one test file's tests go to one
    worker, so a module's shared data (``shared_world``, a loaded demo) is built once, and the
    files are handed out in the order pytest-django sorted the tests: tests in a transaction
    first, then those that commit (the browser tests), whose clean-up empties every table, rows
    put there by data migrations included. A file with tests of both kinds is two units, the
    committing part handed out with the others that commit; xdist's own reordering by file size
    is off, as it would hand a browser test file to a worker before files that need those
    rows."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class InSortedOrder(LoadFileScheduling):  # type: ignore[misc]
        def __init__(self, config: pytest.Config, log: Any = None) -> None:
            super().__init__(config, log)
            config.option.loadscopereorder = False
            self.scopes: dict[str, str] = {}

        def schedule(self) -> None:
            if self.collection is None and self.registered_collections:
                # A file whose tests pytest-django sorted apart becomes one unit per stretch.
                collection = next(iter(self.registered_collections.values()))
                stretches: dict[str, int] = {}
                previous = None
                for nodeid in collection:
                    file = nodeid.split("::", 1)[0]
                    if file != previous:
                        stretches[file] = stretches.get(file, -1) + 1
                        previous = file
                    n = stretches[file]
                    self.scopes[nodeid] = file if n == 0 else f"{file}::stretch{n}"
            super().schedule()

        def _split_scope(self, nodeid: str) -> str:
            return self.scopes.get(nodeid) or nodeid.split("::", 1)[0]

    return InSortedOrder(config, log)


# -- The shared world ------------------------------------------------------------------------


@dataclass
class SharedWorld:
    """Organisations, a person for every role (by role value, e.g. ``users["la_manager"]``) and
    one child at each stage (``children["requested"]`` and so on), all in ``la``."""

    la: Any
    other_la: Any
    icb: Any
    social_care: Any
    mediation_provider: Any
    users: dict[str, Any] = field(default_factory=dict)
    children: dict[str, Any] = field(default_factory=dict)
    #: A caseworker at the other authority, who sees none of these children.
    other_caseworker: Any = None


#: stage -> the steps recorded for the child at that stage (type, date, details)
WORLD_STAGES: dict[str, tuple[tuple[str, date, dict[str, str]], ...]] = {
    "requested": (("assessment_requested", date(2026, 11, 2), {}),),
    "refused": (
        ("assessment_requested", date(2026, 9, 1), {}),
        ("assessment_decision", date(2026, 10, 6), {"decision": "not_assess"}),
    ),
    "assessing": (
        ("assessment_requested", date(2026, 8, 3), {}),
        ("assessment_decision", date(2026, 9, 7), {"decision": "assess"}),
    ),
    "plan_refused": (
        ("assessment_requested", date(2026, 6, 1), {}),
        ("assessment_decision", date(2026, 7, 6), {"decision": "assess"}),
        ("plan_decision", date(2026, 9, 14), {"decision": "not_issue"}),
    ),
    "draft_plan": (
        ("assessment_requested", date(2026, 6, 1), {}),
        ("assessment_decision", date(2026, 7, 6), {"decision": "assess"}),
        ("plan_decision", date(2026, 9, 14), {"decision": "issue"}),
        ("draft_plan_issued", date(2026, 9, 21), {}),
    ),
    "final_plan": (
        ("assessment_requested", date(2026, 3, 2), {}),
        ("assessment_decision", date(2026, 4, 6), {"decision": "assess"}),
        ("plan_decision", date(2026, 6, 1), {"decision": "issue"}),
        ("draft_plan_issued", date(2026, 6, 8), {}),
        ("final_plan_issued", date(2026, 7, 20), {}),
    ),
}


def build_shared_world() -> SharedWorld:
    """Build the world in the current transaction (see ``shared_world``)."""
    from django.contrib.auth import get_user_model

    from redress.accounts.models import Membership, Organisation, Role
    from redress.casework.deadlines import deadlines_recompute
    from redress.casework.models import CaseEvent, Child, Consent, FamilyMember

    def person(username: str) -> Any:
        return get_user_model().objects.create_user(
            username=username,
            email=f"{username}@example.invalid",
            password="correct horse battery",  # noqa: S106 (FACTORY_PASSWORD)
            first_name="Sam",
            last_name=username.removeprefix("world_").replace("_", " ").title(),
        )

    kind = Organisation.Kind
    world = SharedWorld(
        la=Organisation.objects.create(name="Northshire Council", kind=kind.LOCAL_AUTHORITY),
        other_la=Organisation.objects.create(name="Southshire Council", kind=kind.LOCAL_AUTHORITY),
        icb=Organisation.objects.create(name="Northshire ICB", kind=kind.HEALTH_COMMISSIONER),
        social_care=Organisation.objects.create(
            name="Northshire Social Care", kind=kind.SOCIAL_CARE
        ),
        mediation_provider=Organisation.objects.create(
            name="Calm Mediation", kind=kind.MEDIATION_PROVIDER
        ),
    )
    at = {
        Role.LA_CASEWORKER: world.la,
        Role.LA_MANAGER: world.la,
        Role.HEALTH_OFFICER: world.icb,
        Role.SOCIAL_CARE_OFFICER: world.social_care,
        Role.ADVICE_GIVER: None,
        Role.MEDIATION_ADVISER: world.mediation_provider,
        Role.MEDIATION_CASE_MANAGER: world.mediation_provider,
        Role.MEDIATOR: world.mediation_provider,
        Role.PARENT_CARER: None,
        Role.YOUNG_PERSON: None,
        Role.SUPPORTER: None,
        Role.ADMINISTRATOR: None,
    }
    for role, organisation in at.items():
        user = person(f"world_{role.value}")
        Membership.objects.create(user=user, organisation=organisation, role=role)
        world.users[role.value] = user
    world.other_caseworker = person("world_other_caseworker")
    Membership.objects.create(
        user=world.other_caseworker, organisation=world.other_la, role=Role.LA_CASEWORKER
    )
    caseworker = world.users[Role.LA_CASEWORKER.value]
    for stage, steps in WORLD_STAGES.items():
        child = Child.objects.create(
            first_name=stage.replace("_", " ").title().replace(" ", ""),
            last_name="World",
            date_of_birth=date(2016, 5, 17),
            local_authority=world.la,
            caseworker=caseworker,
        )
        for type_, when, details in steps:
            CaseEvent.objects.create(child=child, type=type_, date=when, details=details)
        deadlines_recompute(child=child, today=WORLD_TODAY)
        world.children[stage] = child
    # The parent and the supporter (with consent) are the family of the child refused an
    # assessment, whose mediation and appeal windows are open.
    refused = world.children["refused"]
    parent = FamilyMember.objects.create(
        child=refused,
        user=world.users[Role.PARENT_CARER.value],
        name="Jo World",
        relationship=FamilyMember.Relationship.PARENT,
    )
    Consent.objects.create(
        child=refused,
        given_by=parent,
        supporter=world.users[Role.SUPPORTER.value],
        given_on=date(2026, 10, 7),
    )
    return world


@pytest.fixture(scope="module")
def shared_world(
    django_db_setup: Any, django_db_blocker: Any, request: pytest.FixtureRequest
) -> Iterator[SharedWorld]:
    """The shared world, built once per module (see the module docstring). Ask for ``db`` too in
    a test that reads it, so the test's own changes are rolled back."""
    _require_test_database(request)
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(WORLD_TODAY, tick=False):
            world = build_shared_world()
        yield world
        transaction.set_rollback(True)


# -- One deadline assertion ------------------------------------------------------------------


def deadline_check(
    child: Any,
    rule: str,
    *,
    ref: str = "",
    due: date | None = None,
    status: str | None = None,
    met_on: date | None = None,
) -> Any:
    """The one deadline row stored for the child under this rule (and ref); its due date, status
    and day met are checked when given. Fails with the child's whole table when it is not there."""
    from redress.casework.models import Deadline

    rows = list(Deadline.objects.filter(child=child, rule=rule, ref=ref))
    table = "\n".join(
        f"  {d.rule} ref={d.ref!r} due={d.due} status={d.status}"
        for d in Deadline.objects.filter(child=child).order_by("due", "rule", "ref")
    )
    assert len(rows) == 1, (
        f"expected one {rule!r} deadline (ref={ref!r}) for {child}; found {len(rows)} in:\n{table}"
    )
    row = rows[0]
    if due is not None:
        assert row.due == due, f"{rule} is due {row.due}, not {due}"
    if status is not None:
        assert row.status == status, f"{rule} is {row.status!r}, not {status!r}"
    if met_on is not None:
        assert row.met_on == met_on, f"{rule} was met on {row.met_on}, not {met_on}"
    return row


@pytest.fixture
def assert_deadline() -> Callable[..., Any]:
    """``assert_deadline(child, rule, due=..., status=..., ref=..., met_on=...)``; returns the
    row."""
    return deadline_check


# -- One permission-matrix helper ------------------------------------------------------------


def page_matrix_check(
    users: Mapping[str, Any],
    expected: Mapping[str, Iterable[str]],
    *,
    allowed_status: int = 200,
    refused_status: int = 403,
) -> None:
    """Every person in ``users`` (name -> user) against every page in ``expected`` (URL -> the
    names that may open it): those named get ``allowed_status``, everyone else
    ``refused_status``, and nobody signed in is sent to sign in. Every failure is listed at once."""
    failures: list[str] = []
    clients: dict[str, Client] = {}
    for name, user in users.items():
        clients[name] = Client()
        clients[name].force_login(user)
    for url, allowed in expected.items():
        allowed = set(allowed)
        unknown = allowed - set(users)
        assert not unknown, f"{url}: the matrix names people not in users: {sorted(unknown)}"
        for name, client in clients.items():
            status = client.get(url).status_code
            wanted = allowed_status if name in allowed else refused_status
            if status != wanted:
                failures.append(f"{name} on {url}: {status}, expected {wanted}")
        anonymous = Client().get(url)
        if anonymous.status_code != 302 or "/account/" not in anonymous.get("Location", ""):
            failures.append(f"nobody signed in on {url}: {anonymous.status_code}, not sign-in")
    assert not failures, "\n".join(failures)


@pytest.fixture
def assert_page_matrix(db: None) -> Callable[..., None]:
    """``assert_page_matrix(users, {url: {names who may open it}})``."""
    return page_matrix_check


# -- The demo, loaded once a run -------------------------------------------------------------


DemoDatabase = Callable[..., AbstractContextManager[None]]


@pytest.fixture(scope="session")
def demo_database(
    django_db_setup: Any,
    django_db_blocker: Any,
    tmp_path_factory: Any,
    worker_id: str,
    request: pytest.FixtureRequest,
) -> DemoDatabase:
    """``with demo_database(children=40, today=date(2026, 11, 25)):`` the demo's rows are in
    the database, as `demo_load` leaves them when run on that day, until the block ends.

    Loading the demo goes through every service and takes up to a minute. On SQLite the first
    load of a size and day is kept as a copy of the whole database in the run's temporary
    folder (shared by the xdist workers; a lock makes the others wait rather than load it too),
    and later modules copy it in. The database as it was before is copied back at the end, so
    later modules see no demo. On PostgreSQL the demo is loaded in a transaction that is rolled
    back."""
    _require_test_database(request)
    from redress.casework.demo import demo_load

    folder = _shared_folder(tmp_path_factory, worker_id, "demo-databases")

    def load(children: int, today: date) -> None:
        demo_load(password=settings.REDRESS_DEMO_PASSWORD, children=children, today=today)

    @contextmanager
    def demo(*, children: int, today: date) -> Iterator[None]:
        with (
            override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
            time_machine.travel(today, tick=False),
            django_db_blocker.unblock(),
        ):
            if connection.vendor != "sqlite" or connection.in_atomic_block:
                with transaction.atomic():
                    load(children, today)
                    yield
                    transaction.set_rollback(True)
                return
            connection.ensure_connection()
            live = connection.connection
            before = sqlite3.connect(":memory:")
            live.backup(before)
            kept = folder / f"demo-{children}-{today.isoformat()}.sqlite3"
            try:
                with open(kept.with_suffix(".lock"), "w") as lock:
                    fcntl.flock(lock, fcntl.LOCK_EX)
                    if kept.exists():
                        copy = sqlite3.connect(kept)
                        copy.backup(live)
                        copy.close()
                    else:
                        load(children, today)
                        part = kept.with_suffix(".part")
                        copy = sqlite3.connect(part)
                        live.backup(copy)
                        copy.close()
                        part.rename(kept)
                yield
            finally:
                before.backup(live)
                before.close()

    return demo
