from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from campaign.delivery import paper
from campaign.delivery.models import PaperBatch
from campaign.petitions.models import Petition


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


class DossierForm(forms.Form):
    petition = forms.ModelChoiceField(
        label=_("Petition"), queryset=Petition.objects.exclude(state=Petition.State.DRAFT)
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=settings.LANGUAGES,
        initial=[settings.LANGUAGE_CODE],
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The petition's text is given in each; the rest of the dossier is in the first."
        ),
    )

    def chosen_languages(self) -> list[str]:
        """The languages ticked, in the site's order."""
        ticked = set(self.cleaned_data["languages"])
        return [code for code, _name in settings.LANGUAGES if code in ticked]
