"""Sample reverse() kwargs for the updates' URL patterns (tests/urls_catalogue.py): the
unsubscribe link of a confirmed signer of the sample petition who asked for news."""


def unsubscribe_token():
    from campaign.updates.tokens import unsubscribe_token as token
    from tests.campaign.factories import make_petition, make_signature

    signature = make_signature(
        make_petition(slug="sample-petition"),
        email="sample-reader@example.org",
        state="confirmed",
        wants_updates=True,
    )
    return {"token": token(signature.key)}


SAMPLES = {
    "updates:unsubscribe": unsubscribe_token,
}
