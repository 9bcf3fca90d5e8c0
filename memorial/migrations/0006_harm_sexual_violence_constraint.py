from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("memorial", "0005_correct_shipped_records"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="harm",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("disclosure", "reported"), ("kind", "sexual_violence"), _negated=True
                ),
                name="memorial_harm_sexual_violence_own_word_or_consent",
                violation_error_message="Sexual violence is shown only where the person spoke of it publicly herself or consented; otherwise keep it for editors.",
            ),
        ),
    ]
