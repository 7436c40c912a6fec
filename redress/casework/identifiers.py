"""The Department for Education's pupil and learner numbers, checked as they are issued.

A unique pupil number (UPN) is 13 characters: a check letter, 11 digits and a final digit, or a
final letter for a temporary UPN. The check letter is the sum of characters 2 to 13 weighted 2 to
13 (a final letter counts as its place in the letter table), modulo 23, read in the letter table
A-Z without I, O and S (DfE, "Unique pupil numbers (UPNs)", Annex 1).

A unique learner number (ULN) is 10 digits: the first 9 weighted 10 down to 2 and summed; the
remainder modulo 11 taken from 10 is the tenth digit, and a remainder of 0 is never issued
(Learning Records Service, ULN check digit).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def upn_check_letter(body: str) -> str:
    """The check letter for characters 2 to 13 of a UPN (12 characters)."""
    total = 0
    for weight, char in enumerate(body, start=2):
        total += weight * (int(char) if char.isdigit() else UPN_LETTERS.index(char))
    return UPN_LETTERS[total % 23]


def upn_problem(upn: str) -> str | None:
    """What is wrong with a UPN in words, or None when it is a valid UPN."""
    if len(upn) != 13:
        return f"A UPN is 13 characters; this one has {len(upn)}."
    if not re.fullmatch(rf"[{UPN_LETTERS}][0-9]{{11}}[0-9{UPN_LETTERS}]", upn):
        return (
            "A UPN is a check letter, then 11 digits, then a digit (or a letter for a temporary "
            "UPN). The letters I, O and S are never used."
        )
    if upn[0] != upn_check_letter(upn[1:]):
        return "The UPN's check letter does not match its other characters. Check the UPN."
    return None


def uln_check_digit(first_nine: str) -> int | None:
    """The tenth digit of a ULN from its first nine, or None when no ULN starts so."""
    remainder = sum(w * int(c) for w, c in zip(range(10, 1, -1), first_nine, strict=True)) % 11
    return None if remainder == 0 else 10 - remainder


def uln_problem(uln: str) -> str | None:
    """What is wrong with a ULN in words, or None when it is a valid ULN."""
    if not re.fullmatch(r"[0-9]{10}", uln):
        return "A ULN is 10 digits, with no letters or spaces."
    if uln_check_digit(uln[:9]) != int(uln[9]):
        return "The ULN's last digit does not match its other digits. Check the ULN."
    return None


def validate_upn(value: str) -> None:
    problem = upn_problem(value)
    if problem:
        raise ValidationError(problem, code="upn")


def validate_uln(value: str) -> None:
    problem = uln_problem(value)
    if problem:
        raise ValidationError(problem, code="uln")
