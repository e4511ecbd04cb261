"""The same figures filter typed on every front end (Discord, the console, the command line): each case is a
metric and a reporter as a person types them, and the seed's figures they must list, in order."""

from __future__ import annotations

import re

CASES: list[tuple[str | None, str | None, list[int]]] = [
    ("civilian deaths", "CJTF-OIR", [1, 2]),  # labels
    ("civilians killed", "the pentagon", [1, 2]),  # aliases
    ("civlian deths", "monitoring group", [7]),  # a metric read as a question reads it; a reporter's alias
    (None, "cjtf", [1, 2, 3, 4, 5, 6]),
    ("sorties", None, [3]),
    ("airwars civilian deaths", None, [7]),  # a metric's words may name its reporter
    ("civilian deaths", "airwar", [7]),  # a reporter read as a question reads it
    ("airwars count", None, [7]),  # a metric alias that names its reporter, as `ask "airwars count"` reads it
]

# Words that name more than a metric are refused, never read as the bare metric: listing the Coalition's civilian
# deaths for "civilian deaths by Russia" would state figures about something nobody asked.
REFUSED: list[str] = ["civilian deaths by Russia", "civilian deaths in Mosul", "civilians killed in 2016",
                      "civilian deaths in narnia",
                      # a message of several parts: the second part's metric and place must not be dropped
                      "sorties and civilian deaths in mosul", "civilian deaths? civilian deaths in yemen",
                      "civilian deaths 352"]
REFUSAL = "names more than a metric"

_ID = re.compile(r"^`?#(\d+)`? ", re.MULTILINE)


def listed(text: str) -> list[int]:
    """The figure ids a list shows, in order: `#3 …` on a terminal, `` `#3` … `` in an embed."""
    return [int(n) for n in _ID.findall(text)]
