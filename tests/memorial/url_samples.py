"""Sample reverse() kwargs for the memorial's URL patterns that take parameters.

name -> callable returning kwargs from what is in the test database (or None to skip).
"""


def person_slug():
    from memorial.models import Person

    person = Person.objects.public().first()
    if person is None:
        person = Person.objects.create(
            slug="sample-person", name="Sample Person", biography="Sample.", published=True
        )
    return {"slug": person.slug}


SAMPLES = {
    "memorial:person_detail": person_slug,
    "memorial:data": lambda: {"dataset": "people", "fmt": "json"},
}
