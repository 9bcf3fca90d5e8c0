from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from campaign.lib.honeypot import BotTrapForm
from campaign.lib.visitor_text import VisitorParagraphField, VisitorTextField
from memorial.models import CorrectionRequest, Person, Tribute


class HoneypotMixin(BotTrapForm):
    """The bot trap (campaign.lib.honeypot), which these forms' pages always send."""

    def clean(self):
        # The page's form always sends this field, if empty. A POST without it (an empty one,
        # or JSON, which is no form data) did not come from the page: it must not light an
        # anonymous candle or file a request.
        if "website" not in self.data:
            raise ValidationError(
                _("This form could not be read. Please send it again from the page."),
                code="not_the_form",
            )
        return super().clean()


class CandleForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = Tribute
        fields = ["first_name", "message"]
        field_classes = {"first_name": VisitorTextField, "message": VisitorParagraphField}
        labels = {
            "first_name": _("Your first name (optional)"),
            "message": _("A short message (optional)"),
        }
        help_texts = {
            "message": _("Messages appear after a moderator has read them. Up to 280 characters."),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 3, "maxlength": 280})}


class CorrectionForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = CorrectionRequest
        fields = ["person", "requester_name", "contact", "relation", "action", "message"]
        field_classes = {
            "requester_name": VisitorTextField,
            "contact": VisitorTextField,
            "message": VisitorParagraphField,
        }
        labels = {
            "person": _("Which entry is it about?"),
            "relation": _("Your relation to the person"),
        }
        help_texts = {
            "person": _("Leave empty if the person is not listed."),
            "message": _("Tell us what is wrong or what you would like us to do."),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only people on public pages can be chosen: a hidden entry must not be revealed here.
        self.fields["person"].queryset = Person.objects.public()
        self.fields["person"].required = False
        self.fields["person"].empty_label = _("Not listed, or a general request")
        self.fields["person"].label_from_instance = lambda person: person.display_name
