"""The code lists of the SEN2 person-level return (2024 and later structure).

Each list is the Department's codes with a short label a caseworker can choose from. Where a code
list could not be checked against the Department's own publication it says so in docs/sen2.md.
"""

from __future__ import annotations

# Ethnicity: the Department's main ethnicity codes (common basic data set).
ETHNICITY: tuple[tuple[str, str], ...] = (
    ("WBRI", "White - British"),
    ("WIRI", "White - Irish"),
    ("WIRT", "Traveller of Irish heritage"),
    ("WOTH", "Any other White background"),
    ("WROM", "Gypsy / Roma"),
    ("MWBC", "White and Black Caribbean"),
    ("MWBA", "White and Black African"),
    ("MWAS", "White and Asian"),
    ("MOTH", "Any other mixed background"),
    ("AIND", "Indian"),
    ("APKN", "Pakistani"),
    ("ABAN", "Bangladeshi"),
    ("AOTH", "Any other Asian background"),
    ("BCRB", "Black Caribbean"),
    ("BAFR", "Black - African"),
    ("BOTH", "Any other Black background"),
    ("CHNE", "Chinese"),
    ("OOTH", "Any other ethnic group"),
    ("REFU", "Refused"),
    ("NOBT", "Information not yet obtained"),
)

SEX: tuple[tuple[str, str], ...] = (
    ("M", "Male"),
    ("F", "Female"),
    ("U", "Not known"),
)

# Why neither a UPN nor a ULN can be given.
UPN_UNKNOWN: tuple[tuple[str, str], ...] = (
    ("UN1", "Under 6 and not yet known to education services"),
    ("UN2", "Has never attended a school in England and is not expected to"),
    ("UN3", "Educated outside school (not at a school in England)"),
    ("UN4", "Newly arrived: a UPN has not been allocated yet"),
    ("UN5", "The sources of the UPN disagree (to be resolved)"),
)

# Item 5.8a: the type of special educational need, ranked (1 = primary).
SEN_TYPE: tuple[tuple[str, str], ...] = (
    ("SPLD", "Specific learning difficulty"),
    ("MLD", "Moderate learning difficulty"),
    ("SLD", "Severe learning difficulty"),
    ("PMLD", "Profound and multiple learning difficulty"),
    ("SEMH", "Social, emotional and mental health"),
    ("SLCN", "Speech, language and communication needs"),
    ("HI", "Hearing impairment"),
    ("VI", "Vision impairment"),
    ("MSI", "Multi-sensory impairment"),
    ("PD", "Physical disability"),
    ("ASD", "Autistic spectrum disorder"),
    ("DS", "Down syndrome"),
    ("OTH", "Other difficulty"),
)

# Items 4.7c and 5.7c: the kind of setting when it has no URN or UKPRN.
SEN_SETTING: tuple[tuple[str, str], ...] = (
    ("OLA", "Other arrangements made by the local authority (s.61, including EOTAS)"),
    ("OPA", "Other arrangements made by the parents or young person (s.42(5)), not home education"),
    ("EHE", "Elective home education"),
    ("EYP", "Early years provider with no URN"),
    ("OTH", "Other (a type of setting named but no setting)"),
    ("NEET", "Not in education, employment or training (aged 16 to 25)"),
    ("NIEC", "Not in education or training: notice to cease issued"),
    ("NIEO", "Not in education or training: other"),
)

# Item 4.6: why the plan ceased.
CEASE_REASON: tuple[tuple[str, str], ...] = (
    ("1", "Reached the maximum age"),
    ("2", "Ongoing education or training needs met without an EHC plan"),
    ("3", "Moved on to higher education"),
    ("4", "Moved on to paid employment (not an apprenticeship)"),
    ("5", "Transferred to another local authority in England"),
    ("6", "No longer wishes to engage in education or training"),
    ("7", "Moved outside England"),
    ("8", "Died"),
    ("9", "Other"),
)

# Who made the request for an EHC needs assessment (mandatory from the 2026 collection).
REQUEST_SOURCE: tuple[tuple[str, str], ...] = (
    ("1", "The young person or a parent"),
    ("2", "A school or other education setting"),
    ("3", "Health care professionals"),
    ("4", "Social care professionals"),
    ("5", "Other"),
)

# Item 5.5 (`ReviewOutcome`): the decision following the latest annual review meeting: maintain
# the plan as it is, amend it, or cease it. The codes are the specification's letters, as the
# Capita One SEN2 guide's "Item 5.5 Annual review decision <ReviewOutcome>" gives them for the
# 2024 and later returns (M, A, C); left out when no decision is recorded.
REVIEW_OUTCOME: tuple[tuple[str, str], ...] = (
    ("M", "Maintain the EHC plan"),
    ("A", "Amend the EHC plan"),
    ("C", "Cease the EHC plan"),
)
# The plans app's review decision, as the return's code.
REVIEW_DECISION_OUTCOME = {"maintain": "M", "amend": "A", "cease": "C"}

# Item 2.5: the outcome of a request for an EHC needs assessment.
REQUEST_OUTCOME: tuple[tuple[str, str], ...] = (
    ("A", "Decided to assess"),
    ("N", "Decided not to assess"),
    ("W", "Request withdrawn or ended before a decision"),
)

# Item 3.1: the outcome of the assessment (whether to issue a plan).
ASSESSMENT_OUTCOME: tuple[tuple[str, str], ...] = (
    ("Y", "Decided to issue an EHC plan"),
    ("N", "Decided not to issue an EHC plan"),
    ("W", "Assessment withdrawn or ended before a decision"),
)


def codes(choices: tuple[tuple[str, str], ...]) -> frozenset[str]:
    return frozenset(code for code, _ in choices)


def label(choices: tuple[tuple[str, str], ...], code: str) -> str:
    return dict(choices).get(code, code)
