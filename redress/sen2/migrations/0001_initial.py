"""The sen2 app's tables as its models define them, written by makemigrations when the
migrations were squashed to one per app before the first production release
(docs/decisions/0189). `replaces` lists the migrations it stands for, so a database
migrated with them counts it as applied."""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("sen2", "0001_sen2_items"),
        ("sen2", "0002_request_source"),
        ("sen2", "0003_transfer_in"),
        ("sen2", "0004_request_in_youth_accommodation"),
    ]

    dependencies = [
        ("accounts", "0001_initial"),
        ("casework", "0001_initial"),
        ("plans", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AuthorityReturnDetails",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "la_code",
                    models.CharField(
                        help_text="3 digits.",
                        max_length=3,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\d{3}$", "Enter the authority's 3-digit code, for example 935."
                            )
                        ],
                        verbose_name="local authority code",
                    ),
                ),
                (
                    "authority",
                    models.OneToOneField(
                        limit_choices_to={"kind": "local_authority"},
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sen2_details",
                        to="accounts.organisation",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="CessationReturnItems",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "cease_reason",
                    models.CharField(
                        choices=[
                            ("1", "Reached the maximum age"),
                            ("2", "Ongoing education or training needs met without an EHC plan"),
                            ("3", "Moved on to higher education"),
                            ("4", "Moved on to paid employment (not an apprenticeship)"),
                            ("5", "Transferred to another local authority in England"),
                            ("6", "No longer wishes to engage in education or training"),
                            ("7", "Moved outside England"),
                            ("8", "Died"),
                            ("9", "Other"),
                        ],
                        max_length=1,
                    ),
                ),
                (
                    "cessation",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sen2_items",
                        to="plans.cessation",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="ChildReturnItems",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "sex",
                    models.CharField(
                        blank=True,
                        choices=[("M", "Male"), ("F", "Female"), ("U", "Not known")],
                        max_length=1,
                    ),
                ),
                (
                    "ethnicity",
                    models.CharField(
                        blank=True,
                        choices=[
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
                        ],
                        max_length=4,
                    ),
                ),
                (
                    "postcode",
                    models.CharField(
                        blank=True,
                        max_length=8,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[A-Za-z]{1,2}\\d[A-Za-z\\d]? ?\\d[A-Za-z]{2}$",
                                "Enter a full postcode, for example NW1 4AB.",
                            )
                        ],
                    ),
                ),
                (
                    "upn_unknown",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("UN1", "Under 6 and not yet known to education services"),
                            (
                                "UN2",
                                "Has never attended a school in England and is not expected to",
                            ),
                            ("UN3", "Educated outside school (not at a school in England)"),
                            ("UN4", "Newly arrived: a UPN has not been allocated yet"),
                            ("UN5", "The sources of the UPN disagree (to be resolved)"),
                        ],
                        help_text="Only when neither a UPN nor a ULN can be given.",
                        max_length=3,
                        verbose_name="why there is no UPN or ULN",
                    ),
                ),
                (
                    "sen_type_primary",
                    models.CharField(
                        blank=True,
                        choices=[
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
                        ],
                        max_length=4,
                        verbose_name="primary type of need",
                    ),
                ),
                (
                    "sen_type_secondary",
                    models.CharField(
                        blank=True,
                        choices=[
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
                        ],
                        max_length=4,
                        verbose_name="secondary type of need",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "child",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sen2_items",
                        to="casework.child",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="HistoricalAuthorityReturnDetails",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "la_code",
                    models.CharField(
                        help_text="3 digits.",
                        max_length=3,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\d{3}$", "Enter the authority's 3-digit code, for example 935."
                            )
                        ],
                        verbose_name="local authority code",
                    ),
                ),
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
                    "authority",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        limit_choices_to={"kind": "local_authority"},
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisation",
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
            ],
            options={
                "verbose_name": "historical authority return details",
                "verbose_name_plural": "historical authority return detailss",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCessationReturnItems",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "cease_reason",
                    models.CharField(
                        choices=[
                            ("1", "Reached the maximum age"),
                            ("2", "Ongoing education or training needs met without an EHC plan"),
                            ("3", "Moved on to higher education"),
                            ("4", "Moved on to paid employment (not an apprenticeship)"),
                            ("5", "Transferred to another local authority in England"),
                            ("6", "No longer wishes to engage in education or training"),
                            ("7", "Moved outside England"),
                            ("8", "Died"),
                            ("9", "Other"),
                        ],
                        max_length=1,
                    ),
                ),
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
                    "cessation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.cessation",
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
            ],
            options={
                "verbose_name": "historical cessation return items",
                "verbose_name_plural": "historical cessation return itemss",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalChildReturnItems",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "sex",
                    models.CharField(
                        blank=True,
                        choices=[("M", "Male"), ("F", "Female"), ("U", "Not known")],
                        max_length=1,
                    ),
                ),
                (
                    "ethnicity",
                    models.CharField(
                        blank=True,
                        choices=[
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
                        ],
                        max_length=4,
                    ),
                ),
                (
                    "postcode",
                    models.CharField(
                        blank=True,
                        max_length=8,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[A-Za-z]{1,2}\\d[A-Za-z\\d]? ?\\d[A-Za-z]{2}$",
                                "Enter a full postcode, for example NW1 4AB.",
                            )
                        ],
                    ),
                ),
                (
                    "upn_unknown",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("UN1", "Under 6 and not yet known to education services"),
                            (
                                "UN2",
                                "Has never attended a school in England and is not expected to",
                            ),
                            ("UN3", "Educated outside school (not at a school in England)"),
                            ("UN4", "Newly arrived: a UPN has not been allocated yet"),
                            ("UN5", "The sources of the UPN disagree (to be resolved)"),
                        ],
                        help_text="Only when neither a UPN nor a ULN can be given.",
                        max_length=3,
                        verbose_name="why there is no UPN or ULN",
                    ),
                ),
                (
                    "sen_type_primary",
                    models.CharField(
                        blank=True,
                        choices=[
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
                        ],
                        max_length=4,
                        verbose_name="primary type of need",
                    ),
                ),
                (
                    "sen_type_secondary",
                    models.CharField(
                        blank=True,
                        choices=[
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
                        ],
                        max_length=4,
                        verbose_name="secondary type of need",
                    ),
                ),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
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
                    "child",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="casework.child",
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
            ],
            options={
                "verbose_name": "historical child return items",
                "verbose_name_plural": "historical child return itemss",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPlacementReturnItems",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "urn",
                    models.CharField(
                        blank=True,
                        help_text="Schools' 6-digit number.",
                        max_length=6,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\d{6}$", "A URN is 6 digits, for example 100001."
                            )
                        ],
                        verbose_name="URN",
                    ),
                ),
                (
                    "ukprn",
                    models.CharField(
                        blank=True,
                        help_text="Colleges and other providers' 8-digit number.",
                        max_length=8,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^1\\d{7}$",
                                "A UKPRN is 8 digits starting with 1, for example 10012345.",
                            )
                        ],
                        verbose_name="UKPRN",
                    ),
                ),
                (
                    "sen_setting",
                    models.CharField(
                        blank=True,
                        choices=[
                            (
                                "OLA",
                                "Other arrangements made by the local authority (s.61, including EOTAS)",
                            ),
                            (
                                "OPA",
                                "Other arrangements made by the parents or young person (s.42(5)), not home education",
                            ),
                            ("EHE", "Elective home education"),
                            ("EYP", "Early years provider with no URN"),
                            ("OTH", "Other (a type of setting named but no setting)"),
                            ("NEET", "Not in education, employment or training (aged 16 to 25)"),
                            ("NIEC", "Not in education or training: notice to cease issued"),
                            ("NIEO", "Not in education or training: other"),
                        ],
                        max_length=4,
                        verbose_name="kind of setting, when it has no URN or UKPRN",
                    ),
                ),
                ("sen_unit", models.BooleanField(default=False, verbose_name="in a SEN unit")),
                (
                    "resourced_provision",
                    models.BooleanField(default=False, verbose_name="in resourced provision"),
                ),
                (
                    "entry_date",
                    models.DateField(
                        blank=True, null=True, verbose_name="started at the placement"
                    ),
                ),
                (
                    "leaving_date",
                    models.DateField(blank=True, null=True, verbose_name="left the placement"),
                ),
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
                    "placement",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.placement",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical placement return items",
                "verbose_name_plural": "historical placement return itemss",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalRequestReturnItems",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "request_source",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("1", "The young person or a parent"),
                            ("2", "A school or other education setting"),
                            ("3", "Health care professionals"),
                            ("4", "Social care professionals"),
                            ("5", "Other"),
                        ],
                        max_length=1,
                        verbose_name="who made the request",
                    ),
                ),
                (
                    "in_youth_accommodation",
                    models.BooleanField(
                        default=False,
                        help_text="Detained in youth custody when the request was made (CFA 2014 s.70).",
                        verbose_name="made whilst the child was in relevant youth accommodation",
                    ),
                ),
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
                    "event",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        limit_choices_to={"type": "assessment_requested"},
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="casework.caseevent",
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
            ],
            options={
                "verbose_name": "historical request return items",
                "verbose_name_plural": "historical request return itemss",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalTransferReturnItems",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "from_la_code",
                    models.CharField(
                        blank=True,
                        help_text="Its 3-digit local authority code, for example 935.",
                        max_length=3,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\d{3}$", "Enter the authority's 3-digit code, for example 935."
                            )
                        ],
                        verbose_name="the old authority's code",
                    ),
                ),
                (
                    "request_received",
                    models.DateField(
                        blank=True,
                        help_text="From the transferred papers.",
                        null=True,
                        verbose_name="date the old authority received the request for an assessment",
                    ),
                ),
                (
                    "request_source",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("1", "The young person or a parent"),
                            ("2", "A school or other education setting"),
                            ("3", "Health care professionals"),
                            ("4", "Social care professionals"),
                            ("5", "Other"),
                        ],
                        max_length=1,
                        verbose_name="who made that request",
                    ),
                ),
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
                    "event",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        limit_choices_to={"type": "plan_transferred_in"},
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="casework.caseevent",
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
            ],
            options={
                "verbose_name": "historical transfer return items",
                "verbose_name_plural": "historical transfer return itemss",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="PlacementReturnItems",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "urn",
                    models.CharField(
                        blank=True,
                        help_text="Schools' 6-digit number.",
                        max_length=6,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\d{6}$", "A URN is 6 digits, for example 100001."
                            )
                        ],
                        verbose_name="URN",
                    ),
                ),
                (
                    "ukprn",
                    models.CharField(
                        blank=True,
                        help_text="Colleges and other providers' 8-digit number.",
                        max_length=8,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^1\\d{7}$",
                                "A UKPRN is 8 digits starting with 1, for example 10012345.",
                            )
                        ],
                        verbose_name="UKPRN",
                    ),
                ),
                (
                    "sen_setting",
                    models.CharField(
                        blank=True,
                        choices=[
                            (
                                "OLA",
                                "Other arrangements made by the local authority (s.61, including EOTAS)",
                            ),
                            (
                                "OPA",
                                "Other arrangements made by the parents or young person (s.42(5)), not home education",
                            ),
                            ("EHE", "Elective home education"),
                            ("EYP", "Early years provider with no URN"),
                            ("OTH", "Other (a type of setting named but no setting)"),
                            ("NEET", "Not in education, employment or training (aged 16 to 25)"),
                            ("NIEC", "Not in education or training: notice to cease issued"),
                            ("NIEO", "Not in education or training: other"),
                        ],
                        max_length=4,
                        verbose_name="kind of setting, when it has no URN or UKPRN",
                    ),
                ),
                ("sen_unit", models.BooleanField(default=False, verbose_name="in a SEN unit")),
                (
                    "resourced_provision",
                    models.BooleanField(default=False, verbose_name="in resourced provision"),
                ),
                (
                    "entry_date",
                    models.DateField(
                        blank=True, null=True, verbose_name="started at the placement"
                    ),
                ),
                (
                    "leaving_date",
                    models.DateField(blank=True, null=True, verbose_name="left the placement"),
                ),
                (
                    "placement",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sen2_items",
                        to="plans.placement",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="RequestReturnItems",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "request_source",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("1", "The young person or a parent"),
                            ("2", "A school or other education setting"),
                            ("3", "Health care professionals"),
                            ("4", "Social care professionals"),
                            ("5", "Other"),
                        ],
                        max_length=1,
                        verbose_name="who made the request",
                    ),
                ),
                (
                    "in_youth_accommodation",
                    models.BooleanField(
                        default=False,
                        help_text="Detained in youth custody when the request was made (CFA 2014 s.70).",
                        verbose_name="made whilst the child was in relevant youth accommodation",
                    ),
                ),
                (
                    "event",
                    models.OneToOneField(
                        limit_choices_to={"type": "assessment_requested"},
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sen2_request",
                        to="casework.caseevent",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="TransferReturnItems",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "from_la_code",
                    models.CharField(
                        blank=True,
                        help_text="Its 3-digit local authority code, for example 935.",
                        max_length=3,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\d{3}$", "Enter the authority's 3-digit code, for example 935."
                            )
                        ],
                        verbose_name="the old authority's code",
                    ),
                ),
                (
                    "request_received",
                    models.DateField(
                        blank=True,
                        help_text="From the transferred papers.",
                        null=True,
                        verbose_name="date the old authority received the request for an assessment",
                    ),
                ),
                (
                    "request_source",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("1", "The young person or a parent"),
                            ("2", "A school or other education setting"),
                            ("3", "Health care professionals"),
                            ("4", "Social care professionals"),
                            ("5", "Other"),
                        ],
                        max_length=1,
                        verbose_name="who made that request",
                    ),
                ),
                (
                    "event",
                    models.OneToOneField(
                        limit_choices_to={"type": "plan_transferred_in"},
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sen2_transfer",
                        to="casework.caseevent",
                    ),
                ),
            ],
        ),
    ]
