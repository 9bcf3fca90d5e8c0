from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from campaign.delivery import paper
from campaign.delivery.models import PaperBatch


class PaperBatchForm(forms.ModelForm):
    """A batch in the admin; changing a recorded one asks why, for the correction log."""

    reason = forms.CharField(
        label=_("Reason for the correction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when a recorded batch is changed: the correction is logged."),
    )

    class Meta:
        model = PaperBatch
        fields = paper.FIELDS

    def clean(self):
        cleaned_data = super().clean()
        corrected = set(self.changed_data) - {"reason"}
        if self.instance.pk and corrected and not cleaned_data.get("reason", "").strip():
            self.add_error(
                "reason",
                ValidationError(
                    _("Say why the batch is corrected: every correction is logged."),
                    code="required",
                ),
            )
        return cleaned_data
