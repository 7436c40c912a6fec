def demo_mediation(*, orgs, users, today):  # type: ignore[no-untyped-def]
    return None
