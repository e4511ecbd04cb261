"""Answers as plain text, for the command line and the console (Discord builds embeds from the same parts).

The wording takes an Answer; the Answer knows nothing of its wording.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from bot.domain.incidents.answers import IncidentAnswer
from bot.domain.numbers import number

if TYPE_CHECKING:
    from bot.domain.answers import Answer, AnswerItem
    from bot.domain.models import Figure, FigureRecord, Revision, Vocabulary

_QUALIFIER = re.compile(r"^\s*(?P<prefix>[^()]*?)\s*(?:\((?P<suffix>[^)]*)\))?\s*$")
_PREFIXES = ("at least", "more than", "over", "about", "around", "nearly", "almost", "up to", "some",
             "approximately", "a total of", "fewer than", "less than", "claims")
_SHOWN_AFTER = ("claims", "a total of")
"""Qualifiers that are the source's wording but would read oddly before the number."""


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, ending in "…" when cut."""
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + "…"


def value_phrase(figure: FigureRecord, unit: str = "") -> str:
    """'at least 352 civilians killed (more likely than not)', '3,164', '8,194–13,249'."""
    if figure.value_high is not None and figure.value_high != figure.value_low:
        core = f"{number(figure.value_low)}–{number(figure.value_high)}"
    else:
        core = number(figure.value_low)
    prefix, suffix = "", ""
    if figure.qualifier:
        m = _QUALIFIER.match(figure.qualifier)
        if m and (m["prefix"] or "").lower() in _PREFIXES:
            prefix = m["prefix"] if m["prefix"].lower() not in _SHOWN_AFTER else ""
            suffix = m["suffix"] or ""
        else:
            suffix = figure.qualifier
    elif figure.value_high is None:
        prefix = "at least"
    text = " ".join(x for x in (prefix, core, unit) if x)
    return f"{text} ({suffix})" if suffix else text


KEPT_QUOTE = "the quote is the report's wording."
"""Ends the note a correction adds when the value changed and the quote (stating the old number) stayed."""


def quoted(figure: Figure, escape: Callable[[str], str] = str) -> str:
    """The source's wording in quotes; after a correction that kept it, named as the report's wording and followed
    by the correction, so the old number in it is never read as the figure."""
    quote = f"“{escape(figure.quote or '')}”"
    notes = figure.notes or ""
    start = notes.rfind("Value corrected from")
    if start < 0 or not notes.endswith(KEPT_QUOTE):
        return quote
    correction = notes[start:-len(KEPT_QUOTE)].rstrip("; ")
    return f"The report's wording: {quote} — {escape(correction[:1].lower() + correction[1:])}."


def scope_phrase(record: FigureRecord, vocabulary: Vocabulary) -> str:
    """Whose strikes and where, when not the campaign's ("by Russia in Syria", "in Mosul"); "" when they are. A list
    line without it would read as a count for the whole campaign."""
    campaign = vocabulary.campaign
    return " ".join(([f"by {vocabulary.label('actor', record.actor)}"] if record.actor != campaign.actor else [])
                    + ([f"in {vocabulary.label('place', record.place)}"] if record.place != campaign.place else []))


def period_phrase(figure: Figure) -> str:
    if figure.period_start is None:
        return f"as assessed in the report of {figure.published.label(long=True)}"
    start = figure.period_start.label(long=True)
    if figure.period_end:
        return f"{start} – {figure.period_end.label(long=True)}"
    return f"since {start}"


def cite(figure: Figure, reporter: str, escape: Callable[[str], str] = str,
         link: Callable[[str], str] = lambda url: f"<{url}>") -> str:
    """'CJTF-OIR press release, 30 Apr 2017 (reported by RT News, The Hill)', then the link if there is one."""
    text = f"{escape(figure.title or reporter)}, {figure.published.label()}"
    if figure.outlets:
        text += f" (reported by {', '.join(escape(o) for o in figure.outlets)})"
    if figure.url:
        text += f" {link(figure.url)}"
    return text


def citation(item: AnswerItem) -> str:
    return f"— {cite(item.figure, item.names.reporter)}"


def item_line(item: AnswerItem) -> str:
    """The number, what it counts, and its scope.

    '45 civilians killed — US-led Coalition, Iraq and Syria, since November 2016'
    """
    f = item.figure
    value = value_phrase(f, item.names.unit)
    return f"{value[:1].upper()}{value[1:]} — {item.names.actor}, {item.names.place}, {period_phrase(f)}"


NoteKind = Literal["difference", "trend", "age"]


def item_notes(item: AnswerItem, answer: Answer | None = None) -> list[tuple[NoteKind, str]]:
    """What is said under one figure, in order: what it does not cover, where its series came from, its age.
    The text and the embed decorate these the same way, so neither can forget one.

    Within an answer, what was already said above every figure (what no figure covers) and an age shared by
    every figure (said once, under them all) are not repeated here."""
    notes: list[tuple[NoteKind, str]] = []
    difference = item.difference
    if difference and answer is not None:
        for said in answer.uncovered:
            difference = difference.replace(said, "").strip()
    if difference:
        notes.append(("difference", difference))
    if item.trend:
        notes.append(("trend", item.trend))
    if item.age_note and (answer is None or shared_age(answer) is None):
        notes.append(("age", item.age_note))
    return notes


def shared_age(answer: Answer) -> str | None:
    """The staleness note when every figure of the answer has the same one: said once per reply."""
    ages = {item.age_note for item in answer.items}
    if len(answer.items) > 1 and len(ages) == 1:
        return next(iter(ages))
    return None


def answer_notes(answer: Answer) -> list[str]:
    """What is said under all the figures: the ratio between reporters, derived changes, scope notes, the age."""
    lines = [answer.comparison] if answer.comparison else []
    if answer.items:
        lines += [change.text(answer.items[0].names.unit) for change in answer.changes]
    age = shared_age(answer)
    return lines + list(answer.notes) + ([age] if age else [])


def headline(answer: Answer) -> str:
    if isinstance(answer, IncidentAnswer):
        return answer.title
    if answer.parts:
        return f"Your message asks {len(answer.parts)} things; each is answered in turn."
    if answer.uncovered:
        return answer.uncovered[0]
    if answer.lines:
        return answer.lines[0]
    if answer.status == "answered":
        if len(answer.items) == 1:
            return item_line(answer.items[0])
        return _side_by_side(answer)
    if answer.status == "ambiguous":
        return "Did you mean one of these?"
    return answer.notes[0] if answer.notes else "I have no figure for that."


def _side_by_side(answer: Answer) -> str:
    label = answer.interpretation.metric_label or "figures"
    return f"{label[:1].upper()}{label[1:]}: {len(answer.items)} reporters side by side"


def render_text(answer: Answer) -> str:
    if isinstance(answer, IncidentAnswer):
        return _incidents_text(answer)
    if answer.parts:
        blocks = [f"{n}. {render_text(part)}" for n, part in enumerate(answer.parts, start=1)]
        return "\n\n".join([headline(answer), *blocks])
    lines: list[str] = list(answer.uncovered) + list(answer.lines)
    if answer.status == "answered":
        many = len(answer.items) > 1
        if many and not answer.lines:
            lines.append(_side_by_side(answer))
        for item in answer.items:
            indent = "  "
            if many:
                lines.append(f"• {item.names.reporter}: {item_line(item)}")
            else:
                lines.append(item_line(item))
            if item.figure.quote:
                lines.append(f"{indent}{quoted(item.figure)}")
            lines.append(f"{indent}{citation(item)}")
            lines.extend(f"{indent}{'Note: ' if kind == 'difference' else ''}{text}"
                         for kind, text in item_notes(item, answer))
        lines.extend(answer_notes(answer))
    elif answer.status == "ambiguous":
        lines.append(headline(answer))
        lines.extend(answer.notes)
    elif answer.lines:
        lines.extend(answer.notes)
    else:
        lines.append(headline(answer))
        lines.extend(answer.notes[1:])
    if answer.suggestions:
        label = "Try" if answer.status != "answered" else "See also"
        lines.append(f"{label}: " + " · ".join(answer.suggestions))
    lines.append(answer.interpretation.read_as())
    return "\n".join(lines)


def _incidents_text(answer: IncidentAnswer) -> str:
    out = [*answer.lines, *answer.notes]
    if answer.reported is not None and answer.reported.items:
        out.append("Reported figures (published totals, not Tally's sums):")
        out += ["  " + line for line in render_text(answer.reported).splitlines() if not line.startswith("Read as")]
    out.append(answer.interpretation.read_as())
    return "\n".join(out)


def answer_json(answer: Answer) -> dict[str, Any]:
    """The Answer JSON (`ask --json`; README, "The Answer JSON"): the answer's fields, with its text and each
    derived change's sentence."""
    data = answer.json_fields()
    label = answer.interpretation.metric_label or ""
    # Not strict: an incident answer says no derived change even when its reported part has some.
    data["derived"] = [d | {"text": c.text(label)} for d, c in zip(data["derived"], answer.changes, strict=False)]
    return data | {"text": render_text(answer)}


def figure_text(figure: Figure, names: dict[str, str]) -> str:
    """One figure in full: the number, its wording, scope, citation, notes and lifecycle."""
    f = figure
    lines = [
        f"Figure {f.id} [{f.status}] — {names['reporter']}: {value_phrase(f, names['unit'])}",
        f"  what: {names['metric']} · by {names['actor']} · {names['place']} · {period_phrase(f)}",
    ]
    if f.quote:
        lines.append(f"  wording: {quoted(f)}")
    cite = ", ".join(x for x in (f.title, *f.outlets, f.url) if x)
    lines.append(f"  published: {f.published.label()}" + (f" — {cite}" if cite else ""))
    if f.notes:
        lines.append(f"  notes: {f.notes}")
    if f.supersedes:
        lines.append(f"  supersedes figure {f.supersedes}")
    lines.append(f"  version {f.version}")
    return "\n".join(lines)


def history_text(figure_id: int, revisions: list[Revision]) -> str:
    count = f"{len(revisions)} revision" + ("" if len(revisions) == 1 else "s")
    lines = [f"History of figure {figure_id} ({count}):"]
    for r in revisions:
        lines.append(f"  #{r.id} {r.at:%Y-%m-%d %H:%M} UTC · {r.action} by {r.editor.name} — {r.reason}")
        for change in revision_changes(r):
            lines.append(f"      {change}")
    return "\n".join(lines)


def revision_changes(revision: Revision) -> list[str]:
    """'value_low: 352 → 484' for each field a revision changed (everything, for the first one)."""
    before, after = revision.before or {}, revision.after or {}
    skip = {"version", "id", "series"}
    if not before and "value_low" not in after:  # a record that is not a figure (an incident)
        return [f"added, status {after.get('status')}"]
    if not before:
        low, high = after.get("value_low"), after.get("value_high")
        # An empty high value is "at least": said so, as every answer says it.
        value = f"at least {low}" if high is None else f"{low}" + (f"–{high}" if high != low else "")
        return [f"value: {value}, status {after.get('status')}"]
    changed = [k for k in after if k not in skip and before.get(k) != after.get(k)]
    return [f"{k}: {before.get(k)!r} → {after.get(k)!r}" for k in changed]
