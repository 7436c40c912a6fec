"""The SQLite full-text index, the catalogue of process steps and the "Guidance editors" group.

The FTS5 table exists only on SQLite (PostgreSQL searches with its own full-text functions).
Written by hand and kept, by its old name, when the migrations were squashed
(docs/decisions/0189): makemigrations writes neither raw SQL nor data."""

from django.db import migrations

FTS_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS guidance_search USING fts5("
    "answer_id UNINDEXED, question_id UNINDEXED, question, body, respondent, "
    "tokenize = 'porter unicode61')"
)
FTS_DROP = "DROP TABLE IF EXISTS guidance_search"

STEPS = [
    ("assessment.request", "Asking for an EHC needs assessment"),
    ("assessment.decision", "Deciding whether to assess"),
    ("assessment.advice", "Advice and information for the assessment"),
    ("plan.draft", "The draft EHC plan"),
    ("plan.section_f", "Special educational provision (section F of the plan)"),
    ("plan.final", "The final EHC plan"),
    ("plan.review", "Reviewing the EHC plan"),
    ("mediation.information", "Mediation information and the certificate"),
    ("mediation.arrangements", "Arranging the mediation meeting"),
    ("mediation.attendees", "Who attends mediation"),
    ("mediation.recording", "Recording and confidentiality in mediation"),
    ("mediation.decisions", "Decision-making authority at mediation"),
    ("mediation.agreement", "The mediation agreement and what follows"),
    ("appeal.lodge", "Lodging an appeal with the Tribunal"),
    ("appeal.hearing", "The Tribunal hearing"),
]

EDITOR_PERMISSIONS = [
    "add_question",
    "change_question",
    "view_question",
    "add_answer",
    "change_answer",
    "view_answer",
    "publish_answer",
    "view_subscriber",
]


def fts_forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(FTS_CREATE)


def fts_backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(FTS_DROP)


def steps_forwards(apps, schema_editor):
    Step = apps.get_model("guidance", "Step")
    for slug, name in STEPS:
        Step.objects.get_or_create(slug=slug, defaults={"name": name})


def editors_forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after migrating; make them now so the group can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    add_editors_group(apps, schema_editor)


def add_editors_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Guidance editors")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="guidance", codename__in=EDITOR_PERMISSIONS
        )
    )


def editors_backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Guidance editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("guidance", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(fts_forwards, fts_backwards),
        migrations.RunPython(steps_forwards, migrations.RunPython.noop),
        migrations.RunPython(editors_forwards, editors_backwards),
    ]
