"""The reports app's tables as its models define them, written by makemigrations when the
migrations were squashed to one per app before the first production release
(docs/decisions/0189). `replaces` lists the migrations it stands for, so a database
migrated with them counts it as applied (its own name is the old first migration's)."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("reports", "0002_national_statistics_batches"),
    ]

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="StatisticsBatch",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("filename", models.CharField(max_length=200)),
                ("sha256", models.CharField(max_length=64)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("preview", "Waiting for a check before it is published"),
                            ("published", "Published"),
                            ("discarded", "Discarded without publishing"),
                            ("rolled_back", "Rolled back"),
                        ],
                        default="preview",
                        max_length=12,
                    ),
                ),
                ("uploaded_at", models.DateTimeField(auto_now_add=True)),
                ("published_at", models.DateTimeField(blank=True, null=True)),
                ("rolled_back_at", models.DateTimeField(blank=True, null=True)),
                ("created", models.PositiveIntegerField(default=0)),
                ("updated", models.PositiveIntegerField(default=0)),
                ("unchanged", models.PositiveIntegerField(default=0)),
                (
                    "published_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "rolled_back_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "uploaded_by",
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
                "ordering": ["-uploaded_at", "-id"],
                "permissions": [
                    (
                        "import_statistics",
                        "Can import, publish and roll back the national statistics",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalPublishedStatistic",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "period",
                    models.CharField(
                        help_text="An academic year (2023/24) or a calendar quarter (2024-Q3).",
                        max_length=10,
                    ),
                ),
                (
                    "geography_level",
                    models.CharField(
                        choices=[
                            ("national", "National"),
                            ("regional", "Regional"),
                            ("local_authority", "Local authority"),
                        ],
                        max_length=20,
                    ),
                ),
                ("geography_name", models.CharField(max_length=120)),
                ("measure", models.CharField(max_length=60)),
                ("value", models.DecimalField(decimal_places=2, max_digits=14)),
                ("source", models.CharField(max_length=300)),
                ("imported_from", models.CharField(blank=True, max_length=200)),
                ("imported_at", models.DateTimeField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "imported_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "batch",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="reports.statisticsbatch",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical published statistic",
                "verbose_name_plural": "historical published statistics",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="StatisticsBatchFigure",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("period", models.CharField(max_length=10)),
                ("geography_level", models.CharField(max_length=20)),
                ("geography_name", models.CharField(max_length=120)),
                ("measure", models.CharField(max_length=60)),
                ("value", models.DecimalField(decimal_places=2, max_digits=14)),
                ("source", models.CharField(max_length=300)),
                (
                    "change",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("new", "New"),
                            ("changed", "Changed"),
                            ("unchanged", "Unchanged"),
                        ],
                        max_length=10,
                    ),
                ),
                (
                    "previous_value",
                    models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True),
                ),
                ("previous_source", models.CharField(blank=True, max_length=300)),
                ("previous_imported_from", models.CharField(blank=True, max_length=200)),
                (
                    "batch",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="figures",
                        to="reports.statisticsbatch",
                    ),
                ),
                (
                    "previous_batch",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="reports.statisticsbatch",
                    ),
                ),
            ],
            options={
                "ordering": ["measure", "period", "geography_level", "geography_name"],
            },
        ),
        migrations.CreateModel(
            name="PublishedStatistic",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "period",
                    models.CharField(
                        help_text="An academic year (2023/24) or a calendar quarter (2024-Q3).",
                        max_length=10,
                    ),
                ),
                (
                    "geography_level",
                    models.CharField(
                        choices=[
                            ("national", "National"),
                            ("regional", "Regional"),
                            ("local_authority", "Local authority"),
                        ],
                        max_length=20,
                    ),
                ),
                ("geography_name", models.CharField(max_length=120)),
                ("measure", models.CharField(max_length=60)),
                ("value", models.DecimalField(decimal_places=2, max_digits=14)),
                ("source", models.CharField(max_length=300)),
                ("imported_from", models.CharField(blank=True, max_length=200)),
                ("imported_at", models.DateTimeField(auto_now=True)),
                (
                    "imported_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "batch",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="reports.statisticsbatch",
                    ),
                ),
            ],
            options={
                "ordering": ["measure", "period", "geography_level", "geography_name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("period", "geography_level", "geography_name", "measure"),
                        name="one_published_figure_per_period_place_and_measure",
                    )
                ],
            },
        ),
    ]
