"""The accounts app's tables as its models define them, written by makemigrations when the
migrations were squashed to one per app before the first production release
(docs/decisions/0189). `replaces` lists the migrations it stands for, so a database
migrated with them counts it as applied (its own name is the old first migration's)."""

import django.contrib.auth.models
import django.contrib.auth.validators
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("accounts", "0002_organisation_chase_advice_after_weeks_and_more"),
    ]

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="User",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("password", models.CharField(max_length=128, verbose_name="password")),
                (
                    "last_login",
                    models.DateTimeField(blank=True, null=True, verbose_name="last login"),
                ),
                (
                    "is_superuser",
                    models.BooleanField(
                        default=False,
                        help_text="Designates that this user has all permissions without explicitly assigning them.",
                        verbose_name="superuser status",
                    ),
                ),
                (
                    "username",
                    models.CharField(
                        error_messages={"unique": "A user with that username already exists."},
                        help_text="Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.",
                        max_length=150,
                        unique=True,
                        validators=[django.contrib.auth.validators.UnicodeUsernameValidator()],
                        verbose_name="username",
                    ),
                ),
                (
                    "first_name",
                    models.CharField(blank=True, max_length=150, verbose_name="first name"),
                ),
                (
                    "last_name",
                    models.CharField(blank=True, max_length=150, verbose_name="last name"),
                ),
                (
                    "email",
                    models.EmailField(blank=True, max_length=254, verbose_name="email address"),
                ),
                (
                    "is_staff",
                    models.BooleanField(
                        default=False,
                        help_text="Designates whether the user can log into this admin site.",
                        verbose_name="staff status",
                    ),
                ),
                (
                    "is_active",
                    models.BooleanField(
                        default=True,
                        help_text="Designates whether this user should be treated as active. Unselect this instead of deleting accounts.",
                        verbose_name="active",
                    ),
                ),
                (
                    "date_joined",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="date joined"
                    ),
                ),
                (
                    "groups",
                    models.ManyToManyField(
                        blank=True,
                        help_text="The groups this user belongs to. A user will get all permissions granted to each of their groups.",
                        related_name="user_set",
                        related_query_name="user",
                        to="auth.group",
                        verbose_name="groups",
                    ),
                ),
                (
                    "user_permissions",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Specific permissions for this user.",
                        related_name="user_set",
                        related_query_name="user",
                        to="auth.permission",
                        verbose_name="user permissions",
                    ),
                ),
            ],
            options={
                "verbose_name": "user",
                "verbose_name_plural": "users",
                "abstract": False,
            },
            managers=[
                ("objects", django.contrib.auth.models.UserManager()),
            ],
        ),
        migrations.CreateModel(
            name="Organisation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("local_authority", "Local authority"),
                            ("health_commissioner", "Health commissioner (ICB)"),
                            ("social_care", "Social care team"),
                            ("mediation_provider", "Mediation provider"),
                            ("setting", "School or other setting"),
                            ("sendiass", "Information, advice and support service (SENDIASS)"),
                            ("independent_practice", "Independent practice"),
                        ],
                        max_length=30,
                    ),
                ),
                ("email", models.EmailField(blank=True, max_length=254)),
                ("phone", models.CharField(blank=True, max_length=40)),
                ("address", models.TextField(blank=True)),
                (
                    "chase_advice_after_weeks",
                    models.PositiveSmallIntegerField(
                        default=4,
                        help_text="Local authorities: weeks after an advice request is sent, with no advice received, that its caseworker is given a task to chase it.",
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(26),
                        ],
                        verbose_name="chase advice after (weeks)",
                    ),
                ),
                (
                    "review_invitations_weeks_ahead",
                    models.PositiveSmallIntegerField(
                        default=2,
                        help_text="Local authorities: weeks before the last day to give notice of an annual review meeting that its caseworker is given a task to send the invitations.",
                        validators=[
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(12),
                        ],
                        verbose_name="review invitations ahead (weeks)",
                    ),
                ),
                (
                    "parent",
                    models.ForeignKey(
                        blank=True,
                        help_text="For a team inside a larger body, such as a local authority's social care team.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="parts",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "serves",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Local authorities this commissioner or provider works with.",
                        related_name="served_by",
                        to="accounts.organisation",
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="Membership",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("la_caseworker", "Local authority caseworker"),
                            ("la_manager", "Local authority manager (decision maker)"),
                            (
                                "health_officer",
                                "Health officer (for example a designated clinical officer)",
                            ),
                            ("social_care_officer", "Social care officer"),
                            ("advice_giver", "Advice giver"),
                            ("mediation_adviser", "Mediation adviser"),
                            ("mediation_case_manager", "Mediation case manager"),
                            ("mediator", "Mediator"),
                            ("parent_carer", "Parent or carer"),
                            ("young_person", "Young person"),
                            ("supporter", "Supporter"),
                            ("administrator", "Administrator"),
                        ],
                        max_length=30,
                    ),
                ),
                ("team", models.CharField(blank=True, max_length=100)),
                ("active", models.BooleanField(default=True)),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for family members and supporters acting for themselves.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to="accounts.organisation",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("user", "organisation", "role"), name="one_membership_per_role"
                    )
                ],
            },
        ),
    ]
