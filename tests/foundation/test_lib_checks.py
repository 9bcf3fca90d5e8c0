"""The shared toolkit's system check: review fields follow REVIEWED_LANGUAGES."""

from campaign.lib import translation_review
from campaign.lib.translation_review import check_review_fields


def test_the_review_fields_match_the_reviewed_languages():
    assert check_review_fields() == []


def test_a_language_without_fields_on_the_models_is_reported(monkeypatch):
    monkeypatch.setattr(translation_review, "REVIEWED_LANGUAGES", ("ru", "kk", "de"))
    ids = [error.id for error in check_review_fields()]
    assert "lib.E001" in ids, "de is not a language of the site"
    assert ids.count("lib.E002") == 7, "each of the seven reviewed models lacks review_de"
