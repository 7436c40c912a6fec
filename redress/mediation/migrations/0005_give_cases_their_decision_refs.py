"""Each mediation case made before decision refs existed gets the ref of the recorded decision
it is about: the one whose notice was sent on the case's decision notice date (the link the
engine events used until then), one of the same kind first. A case about a decision Redress has
no record of keeps an empty ref and goes on feeding its own notice."""

from django.db import migrations

from redress.casework.decision_refs import infer_decision_ref


def give_refs(apps, schema_editor):
    case_model = apps.get_model("mediation", "MediationCase")
    for case in case_model.objects.filter(decision_ref="").order_by("id").iterator():
        ref = infer_decision_ref(apps, case.child_id, case.decision, case.decision_notice_date)
        if ref:
            case_model.objects.filter(pk=case.pk).update(decision_ref=ref)


class Migration(migrations.Migration):
    dependencies = [
        ("mediation", "0004_case_decision_ref"),
        ("casework", "0002_transfer_and_reassessment_steps"),
        ("plans", "0003_decisions_not_to_amend_and_post16_moves"),
    ]

    operations = [migrations.RunPython(give_refs, migrations.RunPython.noop)]
