# ruff: noqa: RUF001 (Russian and Kazakh text, Cyrillic on purpose)
"""The delivery dossier: the PDF, the CSV it vouches for, and who may generate them."""

import hashlib
import io
import re
import subprocess
import zipfile
from datetime import date

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from campaign.delivery import dossier
from campaign.delivery.models import PaperBatch
from campaign.petitions import export
from campaign.petitions.models import ExportLog
from tests.campaign.factories import make_petition
from tests.delivery.test_pdf import poppler
from tests.forms.browsing import log_in
from tests.moderation.conftest import bulk_signatures

pytestmark = pytest.mark.django_db

URL = reverse("admin:delivery_dossier")
TITLE_KK = "Жаңаөзен үшін әділдік: тәуелсіз тергеу"
DEMAND_RU = "Кто отдал приказ стрелять?"


@pytest.fixture
def petition():
    petition = make_petition(
        "justice",
        title_ru="Правда о Жанаозене: независимое расследование",
        summary_ru="Шестнадцатого декабря 2011 года в Жанаозене.",
        demands_ru=f"{DEMAND_RU}\nКто ответит?",
        addressees_ru="Верховному комиссару ООН по правам человека",
        title_kk=TITLE_KK,
        summary_kk="2011 жылғы 16 желтоқсанда Жаңаөзенде.",
        demands_kk="Атуға кім бұйрық берді?\nКім жауап береді?",
        addressees_kk="БҰҰ-ның адам құқықтары жөніндегі жоғарғы комиссарына",
    )
    bulk_signatures(petition, 6, country="KZ", show_name=False, city="Secretville")
    bulk_signatures(petition, 1, name="Әлия Қасымова", city="Жаңаөзен", show_name=True)
    bulk_signatures(petition, 1, name="Ирина Соколова", city="", show_name=True, country="RU")
    bulk_signatures(petition, 1, name="=cmd()", city="Aktau", show_name=True)
    bulk_signatures(petition, 1, name="Hidden Person", city="Paris", show_name=False, country="FR")
    bulk_signatures(petition, 2, state="pending", name="Not Confirmed", show_name=True)
    PaperBatch.objects.create(
        petition=petition,
        count=340,
        place="Жаңаөзен, орталық алаң",
        collected_from=date(2026, 3, 1),
        collected_until=date(2026, 3, 3),
        scans="Scans/2026-03",
    )
    return petition


def text_of(path):
    """The text as laid out, a row's label and figure on one line, spaces collapsed."""
    return " ".join(poppler("pdftotext", "-layout", path, "-").split())


def test_the_dossier_says_what_it_must_in_kazakh_russian_and_english(
    petition, campaign_lead, tmp_path
):
    pdf_path, csv_path = dossier.build(petition, ["en", "ru", "kk"], campaign_lead, tmp_path)
    text = text_of(pdf_path)

    # The petition in each language chosen.
    assert "An inquiry now" in text
    assert TITLE_KK in text
    assert DEMAND_RU in text
    assert "БҰҰ-ның адам құқықтары жөніндегі жоғарғы комиссарына" in text
    # The confirmed count by country, small countries folded as on the site (KZ 7 + 1, RU and
    # FR one each: folded), pending signatures not counted.
    assert "Signatures confirmed by e-mail 10" in text
    assert "Kazakhstan 8" in text
    assert "Other countries 2" in text
    assert "France" not in text
    # Paper beside, not added.
    assert "Signatures on paper 340" in text
    assert "Жаңаөзен, орталық алаң" in text
    # Names of those who chose to be named, the town only where given; nobody else's.
    assert "Әлия Қасымова, Жаңаөзен (KZ)" in text
    assert "Ирина Соколова (RU)" in text
    assert "=cmd(), Aktau (KZ)" in text
    assert "3 signers chose to be named" in text
    assert "Hidden Person" not in text
    assert "Secretville" not in text and "Paris" not in text
    assert "Not Confirmed" not in text
    # The dates.
    assert "Opened" in text and "Open until" in text and "This dossier was generated" in text

    # The digest printed is the SHA-256 of the CSV's bytes.
    digest = hashlib.sha256(csv_path.read_bytes()).hexdigest()
    assert digest in text
    assert subprocess.run(
        ["sha256sum", str(csv_path)], capture_output=True, text=True, check=True
    ).stdout.startswith(digest)


def test_the_csv_is_the_admin_export_byte_for_byte(petition, campaign_lead, tmp_path):
    _pdf, csv_path = dossier.build(petition, ["ru"], campaign_lead, tmp_path)
    with translation.override("ru"):
        log = export.start(petition, campaign_lead)
        exported = "".join(export.stream_csv(petition, log)).encode()
    assert csv_path.read_bytes() == exported
    with translation.override("ru"):
        assert translation.gettext("name withheld") in exported.decode()


def test_fonts_are_embedded_subsets(petition, campaign_lead, tmp_path):
    pdf_path, _csv = dossier.build(petition, ["kk"], campaign_lead, tmp_path)
    rows = poppler("pdffonts", pdf_path).splitlines()[2:]
    assert len(rows) == 3  # regular, bold, italic
    for row in rows:
        name, *columns = row.split()[:7]
        assert name[6] == "+"
        assert columns[3:] == ["yes", "yes", "yes"]  # embedded, subset, ToUnicode
    # The frame speaks the first language chosen.
    with translation.override("kk"):
        heading = translation.gettext("Delivery dossier")
    assert heading != "Delivery dossier"
    assert heading in text_of(pdf_path)


def test_size_grows_with_the_names_only(campaign_lead, tmp_path):
    petition = make_petition("sized")
    bulk_signatures(petition, 2000, show_name=True, name="Айгүл Серікқызы Төлеубаева")
    pdf_path, _csv = dossier.build(petition, ["en"], campaign_lead, tmp_path)
    pages = int(
        next(
            line.split()[-1]
            for line in poppler("pdfinfo", pdf_path).splitlines()
            if line.startswith("Pages:")
        )
    )
    # Two columns of names: about 120 a page.
    assert 14 <= pages <= 25
    # A few hundred bytes a page, not a font or a copy of the content per page.
    assert pdf_path.stat().st_size < 30_000 + pages * 2_500
    assert text_of(pdf_path).count("Айгүл Серікқызы Төлеубаева") == 2000


@pytest.mark.parametrize("method", ["get", "post"])
def test_only_leads_generate_a_dossier(as_user, roles, petition, method):
    assert getattr(as_user(None), method)(URL).status_code == 302
    for role in ("moderator", "editor"):
        assert getattr(as_user(roles[role]), method)(URL).status_code == 403
    assert not ExportLog.objects.exists()


def test_a_lead_downloads_the_dossier_and_its_csv(visitor, campaign_lead, petition, tmp_path):
    log_in(visitor, campaign_lead.username, "correct horse battery staple")
    page = visitor.get(URL)
    form = page.forms["dossier-form"]
    form["petition"].select(str(petition.pk))
    form["languages"] = ["en", "kk"]
    response = form.submit()
    assert response.status_int == 200
    assert response.content_type == "application/zip"
    assert "justice-dossier" in response.headers["Content-Disposition"]
    bundle = zipfile.ZipFile(io.BytesIO(response.body))
    assert sorted(bundle.namelist()) == ["justice-dossier.pdf", "justice-signatures.csv"]
    digest = hashlib.sha256(bundle.read("justice-signatures.csv")).hexdigest()
    pdf_path = tmp_path / "dossier.pdf"
    pdf_path.write_bytes(bundle.read("justice-dossier.pdf"))
    text = text_of(pdf_path)
    assert digest in text
    assert TITLE_KK in text and "An inquiry now" in text
    assert DEMAND_RU not in text  # Russian was not chosen
    log = ExportLog.objects.get()
    assert (log.user, log.rows) == (campaign_lead, 10)
    assert log.finished_at is not None
    assert LogEntry.objects.filter(change_message__contains="delivery dossier").count() == 1


def test_the_command_writes_both_files_for_a_lead_only(
    petition, campaign_lead, moderator, tmp_path
):
    with pytest.raises(CommandError, match="may export"):
        call_command("delivery_dossier", "justice", user="moderator", output=str(tmp_path))
    out = io.StringIO()
    call_command(
        "delivery_dossier",
        "justice",
        user="lead",
        language=["kk", "en"],
        output=str(tmp_path),
        stdout=out,
    )
    csv_bytes = (tmp_path / "justice-signatures.csv").read_bytes()
    digest = hashlib.sha256(csv_bytes).hexdigest()
    assert f"SHA-256 {digest}" in out.getvalue()
    text = text_of(tmp_path / "justice-dossier.pdf")
    assert digest in text and TITLE_KK in text
    assert ExportLog.objects.get().user == campaign_lead


def test_a_long_place_wraps_short_of_its_figure(campaign_lead, tmp_path):
    petition = make_petition("long-place")
    # As long as the field allows (200), which PostgreSQL enforces.
    place = ("Маңғыстау облысы, Жаңаөзен қаласы, Рахат шағын ауданы, " * 4)[:200]
    PaperBatch.objects.create(
        petition=petition, count=7, place=place, collected_from=date(2026, 3, 1), scans="s"
    )
    pdf_path, _csv = dossier.build(petition, ["en"], campaign_lead, tmp_path)
    layout = poppler("pdftotext", "-layout", pdf_path, "-").splitlines()
    first = next(i for i, line in enumerate(layout) if "Маңғыстау облысы" in line)
    last = next(i for i in range(first, len(layout)) if layout[i].rstrip().endswith("7"))
    # The label takes several lines, and the figure stands apart at the end of the last one.
    assert last - first >= 2
    assert re.search(r"\S\s{3,}7$", layout[last].rstrip())
