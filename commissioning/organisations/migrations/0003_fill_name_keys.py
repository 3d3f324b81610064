# The name key is filled in its own migration: on PostgreSQL, updating rows and altering
# the table in one transaction can fail with "pending trigger events".

from django.db import migrations

from commissioning.organisations.identifiers import normalise_name


def fill_name_keys(apps, schema_editor):
    # A derived lookup column, not a domain change: no history rows are wanted for it.
    Organisation = apps.get_model("organisations", "Organisation")
    batch = []
    for organisation in Organisation.objects.only("pk", "name").iterator():
        organisation.name_key = normalise_name(organisation.name)
        batch.append(organisation)
    Organisation.objects.bulk_update(batch, ["name_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_name_key_and_identifier_constraints"),
    ]

    operations = [
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
    ]
