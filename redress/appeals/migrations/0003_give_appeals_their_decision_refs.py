"""Each appeal made before decision refs existed gets the ref of the decision appealed, from the
links recorded then: the decision to cease it is linked to, else the decision its mediation
certificate's case is about, else the recorded decision of the same kind whose notice was sent
on the appeal's decision letter date. An appeal against a decision Redress has no record of
keeps an empty ref."""

from django.db import migrations

from redress.casework.decision_refs import infer_decision_ref


def give_refs(apps, schema_editor):
    appeal_model = apps.get_model("appeals", "Appeal")
    appeals = appeal_model.objects.filter(decision_ref="").select_related(
        "mediation_certificate__case"
    )
    for appeal in appeals.order_by("id").iterator():
        ref = ""
        if appeal.cessation_id is not None:
            ref = f"cessation-{appeal.cessation_id}"
        elif appeal.mediation_certificate_id is not None:
            case = appeal.mediation_certificate.case
            ref = case.decision_ref or f"mediation_case-{case.pk}"
        if not ref:
            ref = infer_decision_ref(
                apps, appeal.child_id, appeal.decision, appeal.decision_notice_date
            )
        if ref:
            appeal_model.objects.filter(pk=appeal.pk).update(decision_ref=ref)


class Migration(migrations.Migration):
    dependencies = [
        ("appeals", "0002_appeal_decision_ref"),
        ("mediation", "0005_give_cases_their_decision_refs"),
    ]

    operations = [migrations.RunPython(give_refs, migrations.RunPython.noop)]
