"""Written mediation agreements, their agreed actions and follow-up."""
