"""The GOV.UK layout every page shares, and the static files behind it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

CSS = "govuk-frontend/dist/govuk/govuk-frontend.min.css"
JS = "govuk-frontend/dist/govuk/govuk-frontend.min.js"
FONT_DIR = Path(django_settings.BASE_DIR) / "node_modules/govuk-frontend/dist/govuk/assets/fonts"


def test_home_page_has_the_govuk_layout(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()

    title = re.search(r"<title>\s*(.*?)\s*</title>", html, re.S)
    assert title and title.group(1).endswith(" – Redress")
    # Skip link to the main landmark.
    assert 'class="govuk-skip-link"' in html
    assert 'href="#content"' in html and 'id="content"' in html
    assert "Skip to main content" in html
    # Header: the service name links home.
    assert re.search(r'<header class="govuk-template__header">', html)
    assert re.search(r'<a href="/" class="govuk-service-navigation__link">Redress</a>', html)
    # Phase banner.
    assert "govuk-phase-banner" in html
    assert re.search(r'govuk-phase-banner__content__tag">\s*Alpha\s*<', html)
    assert "This is a new service" in html
    # Footer.
    assert '<footer class="govuk-footer">' in html
    # GOV.UK Frontend's CSS and its JavaScript as a module.
    assert f'href="/static/{CSS}"' in html
    assert re.search(rf'<script type="module"\s+src=[\'"]/static/{re.escape(JS)}[\'"]', html)


def test_home_page_says_what_redress_is(client: Client) -> None:
    html = client.get("/").content.decode()
    assert "SEND" in html
    assert 'href="/rules/"' in html
    assert 'href="/bank-holidays/"' in html


def test_healthz(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_error_summary_links_each_error_to_its_field() -> None:
    from django import forms
    from django.template.loader import render_to_string

    class CaseForm(forms.Form):
        child_name = forms.CharField(error_messages={"required": "Enter the child’s name"})

        def clean(self) -> dict[str, object]:
            raise forms.ValidationError("Something is wrong with the whole form")

    form = CaseForm(data={})
    assert not form.is_valid()
    html = render_to_string("includes/error_summary.html", {"form": form})
    assert "There is a problem" in html
    assert '<a href="#id_child_name">Enter the child’s name</a>' in html
    # An error not tied to a field links to the form's first field.
    assert '<a href="#id_child_name">Something is wrong with the whole form</a>' in html
    assert render_to_string("includes/error_summary.html", {}).strip() == ""
    assert render_to_string("includes/error_summary.html", {"form": CaseForm()}).strip() == ""


def test_error_summary_links_radios_to_their_first_option() -> None:
    from django import forms
    from django.template.loader import render_to_string

    class ChoiceForm(forms.Form):
        kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)

    form = ChoiceForm(data={})
    assert not form.is_valid()
    html = render_to_string("includes/error_summary.html", {"form": form})
    assert 'href="#id_kind_0"' in html


def test_govuk_frontend_css_is_found_and_served(settings: Any) -> None:
    assert finders.find(CSS), "run `npm ci`: GOV.UK Frontend is missing from node_modules"
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = Client().get(f"/static/{CSS}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    body = response.getvalue()
    assert b".govuk-template" in body


def _font_files() -> list[Path]:
    fonts = sorted(FONT_DIR.glob("*.woff*"))
    assert fonts, f"expected the npm package to ship font files in {FONT_DIR}"
    return fonts


def test_gds_transport_fonts_are_not_found_or_served(settings: Any) -> None:
    for font in _font_files():
        static_path = f"govuk-frontend/dist/govuk/assets/fonts/{font.name}"
        assert finders.find(static_path) is None
        assert finders.find(static_path, find_all=True) == []
    for finder in finders.get_finders():
        for path, storage in finder.list(None):
            full = f"{getattr(storage, 'prefix', '') or ''}/{path}"
            assert "/assets/fonts/" not in full
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    font = _font_files()[0]
    response = Client().get(f"/static/govuk-frontend/dist/govuk/assets/fonts/{font.name}")
    assert response.status_code == 404


def test_collectstatic_copies_the_css_but_no_fonts(settings: Any, tmp_path: Path) -> None:
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / CSS).is_file()
    assert (tmp_path / JS).is_file()
    assert not list(tmp_path.rglob("*.woff")) and not list(tmp_path.rglob("*.woff2"))
    assert not (tmp_path / "govuk-frontend/dist/govuk/assets/fonts").exists()
