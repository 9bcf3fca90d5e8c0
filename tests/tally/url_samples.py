"""Sample reverse() kwargs for the tally's URL patterns (tests/urls_catalogue.py): the
sample petition, with its chain recorded so the page shows a table."""


def petition_with_tally():
    from campaign.tally import chain
    from tests.campaign.url_samples import petition_slug

    kwargs = petition_slug()
    chain.record(chain.last_closed_day())
    return kwargs


SAMPLES = {
    "tally:page": petition_with_tally,
    "tally:json": petition_with_tally,
}
