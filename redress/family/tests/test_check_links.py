"""The addresses the family's pages show come from one registry, and `redress check_links` says
which still answer. Checked against a real HTTP server on this machine: no internet needed."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError
from django.template import Context, Template, TemplateSyntaxError

from redress import __main__ as redress_command
from redress.core import links
from redress.core.late import LATE_DUTIES
from redress.core.links import LINKS, Link, check


class Pages(BaseHTTPRequestHandler):
    """/ok answers; /moved is a 301 to /ok; /missing is a 404; /get-only refuses HEAD."""

    def _answer(self, body: bool) -> None:
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.end_headers()
            return
        if self.path == "/get-only" and self.command == "HEAD":
            self.send_response(405)
            self.end_headers()
            return
        status = 200 if self.path in {"/ok", "/get-only"} else 404
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:  # noqa: N802 - the name http.server calls
        self._answer(body=False)

    def do_GET(self) -> None:  # noqa: N802
        self._answer(body=True)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet in the tests
        pass


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)  # the local server is asked directly
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_page_that_answers_is_ok(server: str) -> None:
    answer = check(f"{server}/ok", timeout=5)
    assert (answer.ok, answer.status, answer.method) == (True, 200, "HEAD")
    assert answer.final_url == f"{server}/ok"


def test_a_redirect_is_followed_to_the_page_it_ends_at(server: str) -> None:
    answer = check(f"{server}/moved", timeout=5)
    assert (answer.ok, answer.status, answer.method) == (True, 200, "HEAD")
    assert answer.final_url == f"{server}/ok"


def test_a_missing_page_fails(server: str) -> None:
    answer = check(f"{server}/missing", timeout=5)
    assert not answer.ok and answer.status == 404
    assert answer.method == "GET"  # asked again with GET before it is called a failure


def test_a_server_that_refuses_head_is_asked_with_get(server: str) -> None:
    answer = check(f"{server}/get-only", timeout=5)
    assert (answer.ok, answer.status, answer.method) == (True, 200, "GET")


def test_nothing_listening_fails_without_a_status() -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    port = httpd.server_address[1]
    httpd.server_close()  # the port is free again: nothing answers there
    answer = check(f"http://127.0.0.1:{port}/ok", timeout=2)
    assert not answer.ok and answer.status == 0 and answer.error


def test_only_web_addresses_are_requested() -> None:
    answer = check("file:///etc/passwd")
    assert not answer.ok and answer.error == "not a web address"


def registry(monkeypatch: pytest.MonkeyPatch, server: str, **paths: str) -> None:
    fake = {key: Link(key, f"{server}{path}", key) for key, path in paths.items()}
    monkeypatch.setattr(links, "LINKS", fake)
    monkeypatch.setattr("redress.family.management.commands.check_links.LINKS", fake)


def test_the_command_reports_each_address_and_fails_when_one_is_missing(
    monkeypatch: pytest.MonkeyPatch, server: str
) -> None:
    registry(monkeypatch, server, fine="/ok", moved="/moved", gone="/missing")
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 of 3 addresses did not answer: gone"):
        call_command("check_links", "--timeout", "5", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("ok   200 HEAD fine: ")
    assert lines[1].startswith("ok   200 HEAD moved: ") and lines[1].endswith(
        f"/moved -> {server}/ok [last checked by a person: never]"
    )
    assert lines[2].startswith("FAIL 404 GET  gone: ")


def test_the_command_passes_when_every_address_answers(
    monkeypatch: pytest.MonkeyPatch, server: str
) -> None:
    registry(monkeypatch, server, fine="/ok", moved="/moved", gone="/missing")
    out = io.StringIO()
    call_command("check_links", "fine", "moved", stdout=out)
    assert "All 2 addresses answered." in out.getvalue()
    with pytest.raises(CommandError, match="No such link: elsewhere"):
        call_command("check_links", "elsewhere", stdout=io.StringIO())


def test_the_command_line_exits_non_zero_on_a_failure(
    monkeypatch: pytest.MonkeyPatch, server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    registry(monkeypatch, server, gone="/missing")
    with pytest.raises(SystemExit) as exit_:
        redress_command.main(["check_links", "--skip-checks", "--timeout", "5"])
    assert exit_.value.code == 1
    assert "1 of 1 addresses did not answer" in capsys.readouterr().err


def test_the_help_says_what_the_command_does() -> None:
    command = load_command_class("redress.family", "check_links")
    text = " ".join(command.create_parser("redress", "check_links").format_help().split())
    assert "HEAD, then GET" in text and "redress/core/links.py" in text
    assert "--timeout" in text and "exits with status 1" in text


# -- The registry is what the pages use ------------------------------------------------------------


def test_every_registered_address_is_https_and_unique() -> None:
    assert all(link.url.startswith("https://") and key == link.key for key, link in LINKS.items())
    assert len({link.url for link in LINKS.values()}) == len(LINKS)


def test_the_late_duties_link_only_to_registered_addresses() -> None:
    urls = {link.url for link in LINKS.values()}
    routes = {route for duty in LATE_DUTIES.values() for route in duty.routes}
    assert {route.url for route in routes if route.link} <= urls
    assert any(route.url == LINKS["ombudsman"].url for route in routes)


def test_a_template_takes_an_address_from_the_registry() -> None:
    page = Template('{% load family_links %}<a href="{% family_link "send_tribunal" %}">')
    assert page.render(Context()) == f'<a href="{LINKS["send_tribunal"].url}">'
    with pytest.raises((KeyError, TemplateSyntaxError)):
        Template('{% load family_links %}{% family_link "nowhere" %}').render(Context())
