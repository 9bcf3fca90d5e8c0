"""What an embed shows, read in a fixed number of queries whatever the number of rows.

The memorial's own reads (`memorial.queries`, `memorial.candles`) apply the same rules as its
pages: only public people, never one whose consent was withdrawn. Nothing about signers is
read beyond the petition's confirmed count: an embed sits on other people's sites.
"""

from campaign.petitions.models import Petition
from memorial import queries
from memorial.candles import candle_count
from memorial.models import Event, Harm

DEATHS = {Harm.Kind.KILLED, Harm.Kind.DIED_IN_CUSTODY}


def people_by_fate():
    """(the dead, everyone else the sources name as harmed), names in alphabetical order."""
    dead, harmed = [], []
    for person in queries.people_list():
        kinds = {harm.kind for harm in person.harms.all()}
        (dead if kinds & DEATHS else harmed).append(person)
    return dead, harmed


def open_petition():
    return Petition.objects.open().order_by("-opens_at").first()


def memorial_content(options):
    """The context of the memorial embed, for the sections the options ask for."""
    context = {"petition": open_petition()}
    if options.shows_people:
        context["dead"], context["harmed"] = people_by_fate()
        context["unnamed"] = queries.unnamed_dead()
        context["candles"] = candle_count()
    if options.shows_figures:
        context["claims"] = list(queries.public_claims())
    if options.shows_timeline:
        context["events"] = list(Event.objects.public())
    return context
