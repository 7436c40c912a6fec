"""{% load family_links %}{% family_link "ombudsman" %}: an address outside Redress from the
one registry (`redress.core.links`), so a page that moves is changed in one place and
`redress check_links` checks what the pages show."""

from __future__ import annotations

from django import template

from redress.core.links import url_of

register = template.Library()


@register.simple_tag
def family_link(key: str) -> str:
    """The address registered under `key`; an unknown key is an error, not an empty link."""
    return url_of(key)
