"""The guidance app's tables as its models define them, written by makemigrations when the
migrations were squashed to one per app before the first production release
(docs/decisions/0189). `replaces` lists the migrations it stands for, so a database
migrated with them counts it as applied (its own name is the old first migration's).
The rows the app needs are added by 0002_search_steps_editors, kept as it was."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import redress.guidance.models


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("guidance", "0003_digest_delivery"),
        ("guidance", "0004_answer_provenance"),
    ]

    dependencies = [
        ("accounts", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Answer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("body", models.TextField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("in_review", "In review"),
                            ("published", "Published"),
                        ],
                        default="draft",
                        max_length=10,
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(
                        default=1,
                        help_text="The working copy's version; it goes up with each change.",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("published_body", models.TextField(blank=True)),
                ("published_sources", models.JSONField(blank=True, default=list)),
                ("published_version", models.PositiveIntegerField(blank=True, null=True)),
                ("published_at", models.DateTimeField(blank=True, null=True)),
                ("first_published_at", models.DateTimeField(blank=True, null=True)),
                (
                    "given_at",
                    models.CharField(
                        blank=True,
                        help_text="For example: at the SEND National Trial Briefing events",
                        max_length=300,
                        verbose_name="where the respondent gave it",
                    ),
                ),
                (
                    "given_on",
                    models.CharField(
                        blank=True,
                        help_text="In words, as precise as the source is: for example March 2021",
                        max_length=60,
                        verbose_name="when the respondent gave it",
                    ),
                ),
            ],
            options={
                "ordering": ["respondent__name", "id"],
                "permissions": [("publish_answer", "Can publish guidance answers and questions")],
            },
        ),
        migrations.CreateModel(
            name="Question",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "slug",
                    models.SlugField(
                        help_text="The stable link; never changes once made.",
                        max_length=100,
                        unique=True,
                    ),
                ),
                ("text", models.TextField()),
                (
                    "text_hash",
                    models.CharField(
                        help_text="SHA-256 of the normalised question text, so an import finds it again.",
                        max_length=64,
                        unique=True,
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("in_review", "In review"),
                            ("published", "Published"),
                        ],
                        default="draft",
                        max_length=10,
                    ),
                ),
                ("published_at", models.DateTimeField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "ordering": ["id"],
            },
        ),
        migrations.CreateModel(
            name="Step",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.CharField(max_length=60, unique=True)),
                ("name", models.CharField(max_length=200)),
                ("description", models.TextField(blank=True)),
            ],
            options={
                "ordering": ["slug"],
            },
        ),
        migrations.CreateModel(
            name="Subscriber",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("email", models.EmailField(max_length=254, unique=True)),
                ("confirmed", models.BooleanField(default=False)),
                (
                    "token",
                    models.CharField(
                        default=redress.guidance.models._new_token, max_length=64, unique=True
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("unsubscribed_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={
                "ordering": ["email"],
            },
        ),
        migrations.CreateModel(
            name="Topic",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, unique=True)),
                ("slug", models.SlugField(max_length=100, unique=True)),
                ("description", models.TextField(blank=True)),
            ],
            options={
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="AnswerVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveIntegerField()),
                (
                    "event",
                    models.CharField(
                        choices=[
                            ("saved", "Draft saved"),
                            ("submitted", "Submitted for review"),
                            ("published", "Published"),
                            ("imported", "Imported and published"),
                        ],
                        max_length=10,
                    ),
                ),
                ("body", models.TextField()),
                ("sources", models.JSONField(blank=True, default=list)),
                ("changed_at", models.DateTimeField(db_index=True)),
                ("reason", models.CharField(blank=True, max_length=500)),
                (
                    "answer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="versions",
                        to="guidance.answer",
                    ),
                ),
                (
                    "changed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["answer_id", "changed_at", "id"],
            },
        ),
        migrations.AddField(
            model_name="answer",
            name="question",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="answers",
                to="guidance.question",
            ),
        ),
        migrations.CreateModel(
            name="Respondent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, unique=True)),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="guidance_respondents",
                        to="accounts.organisation",
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
            },
        ),
        migrations.AddField(
            model_name="answer",
            name="respondent",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="answers",
                to="guidance.respondent",
            ),
        ),
        migrations.CreateModel(
            name="Source",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("regulation", "Regulation"),
                            ("code_of_practice", "Code of Practice"),
                            ("case", "Case"),
                            ("other", "Other"),
                        ],
                        default="other",
                        max_length=20,
                    ),
                ),
                ("citation", models.CharField(max_length=300)),
                ("url", models.URLField(blank=True)),
                (
                    "answer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sources",
                        to="guidance.answer",
                    ),
                ),
            ],
            options={
                "ordering": ["id"],
            },
        ),
        migrations.AddField(
            model_name="question",
            name="steps",
            field=models.ManyToManyField(blank=True, related_name="questions", to="guidance.step"),
        ),
        migrations.CreateModel(
            name="DigestDelivery",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("start", models.DateField()),
                ("end", models.DateField()),
                ("sent_at", models.DateTimeField(auto_now_add=True)),
                (
                    "subscriber",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="deliveries",
                        to="guidance.subscriber",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "digest deliveries",
                "ordering": ["-sent_at"],
            },
        ),
        migrations.AddField(
            model_name="question",
            name="topics",
            field=models.ManyToManyField(blank=True, related_name="questions", to="guidance.topic"),
        ),
        migrations.AddConstraint(
            model_name="answer",
            constraint=models.UniqueConstraint(
                fields=("question", "respondent"), name="guidance_one_answer_per_respondent"
            ),
        ),
        migrations.AddConstraint(
            model_name="digestdelivery",
            constraint=models.UniqueConstraint(
                fields=("subscriber", "start", "end"), name="guidance_digest_sent_once"
            ),
        ),
    ]
