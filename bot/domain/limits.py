"""How long each text people give Tally may be, said once: the domain refuses longer text from any door (a file,
the command line, Discord), the tables are sized by it, and Discord's options and forms are built from it."""

from __future__ import annotations

# A figure's fields. Quote and notes are unbounded TEXT columns: these limits are the only ones they have.
QUALIFIER = 100
TITLE = 300
OUTLET = 300
URL = 500
QUOTE = 1000
NOTES = 4000
EXCLUDES = 300

FIGURE_TEXT: dict[str, int] = {"qualifier": QUALIFIER, "title": TITLE, "outlet": OUTLET, "url": URL,
                               "quote": QUOTE, "notes": NOTES, "excludes": EXCLUDES}
"""The figure fields whose length is limited, by column."""

VALUE = 40
"""A value as typed: "8,194-13,249", two numbers up to a trillion with their separators."""
DATE = 10
"""A date as typed: YYYY, YYYY-MM or YYYY-MM-DD."""
PERIOD = 100
"""A period as typed into a comparison: "since Nov 2016", "between March and June 2017"."""
FIGURE_ID = 2**31 - 1
"""The largest figure id: the id columns are 32-bit integers on PostgreSQL."""

REASON = 500
"""Why a change was made, kept in its revision."""

# The vocabulary and the reporters.
KEY = 64
"""A key of the vocabulary or of a reporter (civilian_deaths, airwars): the reporter, metric, actor and place
columns of a figure hold them."""
NAME = 200
"""A word's label or a reporter's name, and so any name typed for one."""
ALIAS = 100
"""A word taught to the vocabulary."""
DESCRIPTION = 2000
"""What a reporter is."""
