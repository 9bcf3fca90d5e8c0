"""The bot trap of the visitors' forms: a field people never see (hidden by CSS and from
screen readers, out of the tab order) and simple bots fill in. A caught bot is answered as
everyone is, and nothing it sent is kept."""

from django import forms
from django.utils.translation import gettext_lazy as _


class BotTrapForm(forms.Form):
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def is_bot(self) -> bool:
        """True when the hidden field was filled; read from the data sent, so it also answers
        before (or without) validation."""
        return bool(str(self.data.get("website", "")).strip())
