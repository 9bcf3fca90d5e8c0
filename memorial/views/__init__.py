from memorial.views.data import data, open_data
from memorial.views.pages import figures, home, people, person_detail, sources, timeline
from memorial.views.visitors import candles, correction, correction_thanks

__all__ = [
    "candles",
    "correction",
    "correction_thanks",
    "data",
    "figures",
    "home",
    "open_data",
    "people",
    "person_detail",
    "sources",
    "timeline",
]
