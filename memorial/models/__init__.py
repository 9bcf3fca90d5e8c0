from memorial.models.claims import CountClaim
from memorial.models.dates import DatePrecision
from memorial.models.events import Event
from memorial.models.people import Harm, NameVariant, Person
from memorial.models.sources import Citation, Source
from memorial.models.visitors import CorrectionRequest, Tribute

__all__ = [
    "Citation",
    "CorrectionRequest",
    "CountClaim",
    "DatePrecision",
    "Event",
    "Harm",
    "NameVariant",
    "Person",
    "Source",
    "Tribute",
]
