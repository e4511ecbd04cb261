"""The English sentences of answers that depend on how a question was read, in one place to translate later.

Each function takes what was read or chosen and returns a sentence; none looks anything up.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.dates import Period
from bot.domain.models import Figure
from bot.domain.reading import Unread

HOW_TO_ASK = ('Ask me about a reported figure in your own words, e.g. "civilians since Nov 2016", '
              '"how many sorties?", "airwars vs cjtf-oir", or "show me every figure".')
GREETING = ("Hello! I'm Tally: I answer with the reported figures of the air campaign against ISIS, "
            "each with its source.")
THANKS = "You're welcome."
WHO_I_AM = ("I'm Tally, a bot that answers with the reported figures of the US-led air campaign against ISIS, "
            "always with who reported them, when, and how they were worded.")


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def chit_chat(words: str) -> str:
    """One friendly line for a greeting, thanks or 'who are you', then how to ask."""
    said = f" {words} "
    if any(f" {w} " in said for w in ("thanks", "thank", "thx", "ty", "merci", "gracias", "danke", "شكرا", "cheers")):
        first = THANKS
    elif any(f" {w} " in said for w in ("who", "what", "made", "built", "created", "bot", "real")):
        first = WHO_I_AM
    else:
        first = GREETING
    return f"{first} {HOW_TO_ASK}"


def uncovered(unread: Unread, metric_label: str, actor_label: str, counted: Sequence[str],
              reporters: Sequence[str]) -> str:
    """What no figure covers, said before the nearest figure is offered."""
    words = unread.text
    title = " ".join(w[:1].upper() + w[1:] for w in words.split())
    if unread.what == "nationality":
        return f"No figure counts {title} strikes alone; the nearest covers the whole {actor_label}."
    if unread.what == "group":
        return f"No figure counts {title}; Tally's figures count {_join(counted)}."
    if unread.what == "weapon":
        return f"No figure counts strikes by {words} alone; the nearest covers every {actor_label} strike."
    if unread.what == "source":
        return f"No figure from {title}; Tally's reporters are {_join(reporters)}."
    if unread.what == "arithmetic":
        return (f"No figure gives {metric_label} {words} (an average, rate or share); the figures are totals "
                f"over their periods.")
    if unread.what == "time":
        return f"No figure covers {words} alone; the nearest covers every time of day and year."
    if unread.what == "place":
        return f"No figure covers {title} alone."
    if unread.what == "actor":
        return f"No figure counts strikes by {words}; the figures here count the {actor_label}'s."
    return f"No figure covers {words!r}; the nearest answers the rest of the question."


def not_counted(unread: Sequence[Unread], outcome: str, counted: Sequence[str], actor: str) -> str:
    """A question about whom no figure counts ('how many taliban did the coalition kill'), or whose harm
    ('killed by Iranian militias')."""
    who = " ".join(u.text[:1].upper() + u.text[1:] for u in unread)
    if any(u.after in _BY for u in unread):
        return f"No figure counts harm done by {who}; Tally's figures count strikes by the {actor} and their toll."
    return f"No figure counts {who} {outcome}; Tally's figures count {_join(counted)}."


_BY = frozenset({"by", "par", "por", "von", "durch"})


def ambiguous(count: int) -> str:
    """The readings themselves are the suggestions (buttons on Discord): not listed twice."""
    return f"That could mean any of {count} figures; pick one below." if count > 2 else \
        "That could mean either of two figures; pick one below."


def no_metric(asked: Sequence[str], reporters: Sequence[str]) -> str:
    if asked:
        return f"Tally has no figure for that ({', '.join(asked)})."
    if reporters:
        return f"{' and '.join(reporters)}: no figures in common to compare."
    return "I have no figure for that."


def unknown_place(where: str, covered: str) -> str:
    return f"I have no figure for {where!r}: Tally's figures cover {covered}."


def comparison(high: str, low: str, ratio: float, difference: int, when_high: str = "", when_low: str = "",
               periods: str = "") -> str:
    text = (f"{possessive(high)} count{when_high} is {ratio:.1f}× {possessive(low)}{when_low}, "
            f"{difference:,} more.")
    return f"{text} {periods}" if periods else text


def different_periods(first: str, first_period: str, second: str, second_period: str) -> str:
    return f"They count different periods: {first} {first_period}, {second} {second_period}."


def by_number_found(number: int, reporter: str, metric_label: str) -> str:
    return f"{number:,} is {possessive(reporter)} figure of {metric_label}."


def by_number_qualifier(qualifier: str | None, value_high: int | None, value_low: int) -> str | None:
    """How exact the number is, in the source's own words."""
    if value_high is None:
        return "It is a lower bound (\"at least\"), not an exact count."
    if value_high != value_low:
        return f"It is a range, {value_low:,}–{value_high:,}, not an exact count."
    if qualifier:
        return f"The source words it \"{qualifier}\"."
    return None


def not_broken_down(labels: Sequence[str]) -> str:
    return f"No figure counts {_join(labels)} among them: the source gives no such breakdown."


def excludes(labels: Sequence[str]) -> str:
    return f"No: this figure does not cover {_join(labels)}."


def by_number_missing(numbers: Sequence[int], metric_label: str | None) -> str:
    shown = " or ".join(f"{n:,}" for n in numbers)
    what = f" of {metric_label}" if metric_label else ""
    return f"No figure{what} is {shown}: Tally holds no such number."


def by_number_other_metric(number: int, found_label: str, asked_label: str) -> str:
    return f"{number:,} is a figure of {found_label}, not of {asked_label}."


def about_source(name: str, kind: str, description: str, metric_labels: Sequence[str]) -> str:
    what = f" Its figures here: {_join(metric_labels)}." if metric_labels else " Tally holds no figures from it."
    return f"{name} ({kind}): {description}{what}"


def every_figure(count: int, shown: int) -> str:
    if count > shown:
        return f"The current figures ({shown} of {count}; /figures lists them all):"
    return f"The current figures ({count}), by what they count:"


NOT_COMPARABLE = ("These count different things, so Tally gives each figure with its source and computes no ratio "
                  "or difference between them.")
NO_CHANGE = "Each reporter has only one report in this series, so there is no change to derive."


def none_published(metric_label: str, by: str) -> str:
    return f"No {metric_label} figure had been published by {by}."


def none_covers(metric_label: str, period: str, latest: str, span: str) -> str:
    return f"No {metric_label} figure covers {period}; the latest was published {latest}, covering {span}."


def reporter_has_none(reporter: str, metric_label: str, period: str) -> str:
    return f"{reporter} has no {metric_label} figure {period}."


def nothing_in_scope(metric_label: str, reporters: Sequence[str], actor: str, place: str) -> str:
    where = []
    if reporters:
        where.append("from " + " or ".join(reporters))
    if actor:
        where.append(f"for strikes by {actor}")
    if place:
        where.append(f"for {place}")
    return " ".join(["No", metric_label, "figure", *where]) + "."


def place_difference(asked: str, covered: str) -> str:
    return f"No figure covers {asked} alone; the nearest covers {covered}."


def actor_difference(asked: str, covered: str) -> str:
    return (f"No figure counts strikes by {asked} alone; the nearest counts strikes by the {covered}, "
            "which includes them.")


def unstated_period(published: str) -> str:
    return f"This figure does not state the period it covers; it was reported on {published}."


def other_start(asked: str, start: str) -> str:
    return f"No figure counts from {asked}; the nearest counts from {start}."


def other_span(asked: str, span: str) -> str:
    return f"No figure covers {asked} alone; the nearest covers {span}."


def reported_in(asked: str, published: str, span: str) -> str:
    return f"No figure counts {asked} alone; this is the count as reported in {published}, covering {span}."


def period_words(period: Period | None) -> str:
    if period is None:
        return "any period"
    if period.mode == "in" and period.start:
        return period.start.label()
    return period.label()


def span_label(figure: Figure) -> str:
    start = figure.period_start.label() if figure.period_start else "an unstated start"
    end = (figure.period_end or figure.published).label()
    return f"{start} – {end}"



def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
