"""Finding the period a question asks about: "since Nov 2016", "between November 2016 and March",
"in 2019", "as of 2018", "11/2016", "nov '16", "since the start of the operation".

Spans are located here with patterns; each span is turned into a date and its precision by
dateparser (cached, since people ask about the same few months over and over).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from bot.domain.dates import PartialDate, Period

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
         r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
YEAR = r"(?:19|20)\d{2}"
DAY = r"(?:[0-2]?\d|3[01])(?:st|nd|rd|th)?"
RELATIVE = (r"(?:yesterday|today|tomorrow|(?:last|this|past|next|coming)\s+(?:week|month|year)"
            r"|\d{1,2}\s+(?:days|weeks|months|years)\s+ago|in\s+\d{1,2}\s+(?:days|weeks|months|years))")
DATE = (
    rf"(?:{RELATIVE}"
    rf"|{YEAR}-\d{{1,2}}-\d{{1,2}}"
    rf"|{YEAR}[/-](?:0?[1-9]|1[0-2])(?![\d/-])"
    rf"|(?:0?[1-9]|1[0-2])[/-]{YEAR}"
    rf"|{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}"
    rf"|{MONTH}\s+{DAY},?\s+{YEAR}"
    rf"|{MONTH},?\s+(?:of\s+)?{YEAR}"
    rf"|(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+(?:{MONTH}\s+)?{YEAR}"
    rf"|{YEAR}|{MONTH})"
)
_B = r"(?<![\w/-])"
_E = r"(?![\w/-])"
_BETWEEN = re.compile(
    rf"{_B}(?:between|from)\s+(?P<a>{DATE})\s+(?:and|to|until|till|through|thru|-)\s+(?P<b>{DATE}){_E}"
)
_SINCE = re.compile(
    rf"{_B}(?:since|from|after|starting(?:\s+in|\s+from)?|beginning\s+in|counting\s+from)\s+(?P<a>{DATE}){_E}"
)
_AS_OF = re.compile(rf"{_B}(?P<prep>as\s+of|as\s+at|by|at|until|till|up\s+to|before|through)\s+(?P<a>{DATE}){_E}")
_IN = re.compile(rf"{_B}(?:(?P<prep>in|during|for|throughout|over|of)\s+)?(?P<a>{DATE}){_E}")
_WORD = re.compile(r"[a-z]{3,}")
_ALL_WORDS = re.compile(r"\S+")
_BOUNDARY = re.compile(r"^(?:the\s+)?(end|start|beginning|middle)\s+of\s+")


@dataclass(frozen=True)
class DateReading:
    period: Period | None
    rest: str
    """The question with the date phrase taken out, for the vocabulary to read."""
    problem: str | None = None
    """Set when the date asked about cannot hold a figure (it is in the future)."""


def read_period(text: str, today: date, campaign_start: PartialDate, campaign_words: tuple[str, ...],
                reference: date | None = None) -> DateReading:
    """Find the period asked about in normalised text. Never raises; unknown forms are left in the text.

    `reference` is the date of the latest report: a month named without a year ("between November
    and March") is the last such month before it, and a two-digit year is read within its century.
    """
    text = _fix_month_typos(_short_forms(_in_english(_full_dates(text))))
    reference = reference or today
    start_phrase = _campaign_start_pattern(campaign_words)
    m = start_phrase.search(text)
    if m:
        return DateReading(Period("since", campaign_start), _cut(text, m))
    m = _BETWEEN.search(text)
    if m:
        a = _to_date(m["a"], today, reference=reference)
        b = _to_date(m["b"], today, after=a)
        if a and b:
            if b < a:
                a, b = b, a
            return _checked(Period("between", a, b), _cut(text, m), today)
    for pattern, mode in ((_SINCE, "since"), (_AS_OF, "as_of"), (_IN, "in")):
        m = next((m for m in pattern.finditer(text) if _plausible(m, mode)), None)
        if not m:
            continue
        when = _to_date(m["a"], today, reference=reference)
        if when is None:
            continue
        boundary = _BOUNDARY.match(m["a"])
        if mode == "since":
            return _checked(Period("since", when), _cut(text, m), today)
        if mode == "as_of" and m["prep"] == "before":
            # "before 2017": what had been published by the last day of 2016.
            when = PartialDate(when.first_day - timedelta(days=1), "day")
        if mode == "as_of" or (boundary and boundary.group(1) == "end"):
            return _checked(Period("as_of", end=when), _cut(text, m), today)
        return _checked(Period("in", when), _cut(text, m), today)
    return DateReading(None, text)


def _checked(period: Period, rest: str, today: date) -> DateReading:
    for when in (period.start, period.end):
        if when and when.first_day > today:
            return DateReading(period, rest, f"{when.label()} is in the future: no figure can cover it yet.")
    return DateReading(period, rest)


def _plausible(m: re.Match[str], mode: str) -> bool:
    """A bare month word with no year and no preposition is a verb ("may have died", "march on")."""
    if re.search(r"\d", m["a"]) or re.fullmatch(RELATIVE, m["a"]):
        return True
    return mode != "in" or bool(m["prep"])


def _cut(text: str, m: re.Match[str]) -> str:
    return f"{text[: m.start()]} {text[m.end():]}".strip()


@lru_cache(maxsize=64)
def _campaign_start_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(
        rf"{_B}(?:since|from)\s+(?:the\s+)?(?:very\s+)?(?:start|beginning|outset|launch|onset)"
        rf"(?:\s+of\s+(?:the\s+)?(?:{names}))?{_E}"
        rf"|{_B}since\s+(?:the\s+)?(?:{names})\s+(?:began|started|begun|was\s+launched|launched){_E}"
        rf"|{_B}since\s+(?:it|they)\s+(?:began|started){_E}"
        rf"|{_B}(?:all\s+time|ever|to\s+date|in\s+total|altogether){_E}"
    )


_LEVANTINE = {
    "\u0643\u0627\u0646\u0648\u0646_\u0627\u0644\u062b\u0627\u0646\u064a": "january",
    "\u0634\u0628\u0627\u0637": "february",
    "\u0622\u0630\u0627\u0631": "march",
    "\u0646\u064a\u0633\u0627\u0646": "april",
    "\u0623\u064a\u0627\u0631": "may",
    "\u062d\u0632\u064a\u0631\u0627\u0646": "june",
    "\u062a\u0645\u0648\u0632": "july",
    "\u0622\u0628": "august",
    "\u0623\u064a\u0644\u0648\u0644": "september",
    "\u062a\u0634\u0631\u064a\u0646_\u0627\u0644\u0623\u0648\u0644": "october",
    "\u062a\u0634\u0631\u064a\u0646_\u0627\u0644\u062b\u0627\u0646\u064a": "november",
    "\u0643\u0627\u0646\u0648\u0646_\u0627\u0644\u0623\u0648\u0644": "december",
}
"""Two-word names are written with "_" here and matched as a pair of words."""


def _foreign_words() -> dict[str, str]:
    """Month names and date prepositions of French, Spanish, German and Arabic, to the English the patterns know.

    The month names are dateparser's own (its locale data); only full names, so "mar" (sea) stays a word.
    """
    from dateparser.languages.loader import default_loader

    from bot.domain.text import phrase

    words: dict[str, str] = {}
    for language in ("fr", "es", "de", "ar"):
        info = default_loader.get_locale(language).info
        for month in _MONTHS:
            for name in info.get(month, ()):
                folded = phrase(name)
                if len(folded) >= 4 and " " not in folded and folded not in _MONTHS:
                    words.setdefault(folded, month)
    # The Levantine month names, used in Iraq and Syria beside the ones dateparser knows.
    words.update({"_".join(phrase(w) for w in k.split("_")): v for k, v in _LEVANTINE.items()})
    words.update({
        "1er": "1", "1ero": "1", "1.": "1",
        "depuis": "since", "desde": "since", "seit": "since", "seitdem": "since", "\u0645\u0646\u0630": "since",
        "entre": "between", "zwischen": "between", "\u0628\u064a\u0646": "between",
        "jusqu": "until", "hasta": "until", "bis": "until", "\u062d\u062a\u064a": "until",
        "durant": "during", "pendant": "during", "durante": "during", "wahrend": "during",
        "\u0639\u0627\u0645": "in", "annee": "in", "ano": "in", "jahr": "in",
        # "منذ شهر نوفمبر", "le mois de novembre", "im Monat November": the word for month before its name.
        "\u0634\u0647\u0631": "month", "mois": "month", "monat": "month",
    })
    return words


_FOREIGN: dict[str, str] = {}
_FOREIGN_PAIR = re.compile(
    r"\b(?:de|del|du|von|vom|\u0645\u0646)\s+(\S+)\s+(?:a|al|à|au|bis|zum|\u0627\u0644\u064a)\s+(\S+)"
)
_AND = {"et": "and", "y": "and", "und": "and", "\u0648": "and"}


_FULL_DATE = re.compile(rf"(?<![\w/.-])(?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?P=sep)(?P<y>{YEAR})(?![\w/-])")


def _full_dates(text: str) -> str:
    """"01/11/2016", "1.11.2016", "11/01/2016" as ISO dates, which the patterns read to the day.

    Which number is the day: the one over 12 if there is one; else the day comes first when the date is written
    with dots (as in German) or the question is in another language than English (French, Spanish, German and
    Arabic write day/month/year), and the month first in English ("11/01/2016" is 1 Nov 2016, as "11/16" is
    Nov 2016).
    """
    if not _FULL_DATE.search(text):
        return text
    if not _FOREIGN:
        _FOREIGN.update(_foreign_words())
    day_first = not text.isascii() or any(w in _FOREIGN for w in text.split())

    def iso(m: re.Match[str]) -> str:
        a, b = int(m["a"]), int(m["b"])
        first_is_day = a > 12 or (b <= 12 and (day_first or m["sep"] == "."))
        day, month = (a, b) if first_is_day else (b, a)
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return m[0]
        return f"{m['y']}-{month:02d}-{day:02d}"

    return _FULL_DATE.sub(iso, text)


def _in_english(text: str) -> str:
    """Translate the date words of other languages, so one set of patterns reads them all."""
    if not _FOREIGN:
        _FOREIGN.update(_foreign_words())
    if text.isascii() and not any(w in _FOREIGN for w in text.split()):
        return text
    split = text.split()
    # Two-word month names ("تشرين الثاني") first, then one word at a time.
    paired = [f"{a}_{b}" for a, b in pairwise(split)]
    for pair in paired:
        if pair in _FOREIGN:
            text = text.replace(pair.replace("_", " "), _FOREIGN[pair])
    words = [_FOREIGN.get(w, w) for w in text.split()]
    # "depuis le 1 novembre", "desde el 1 de noviembre", "seit dem 1. November": the article goes.
    words = [w for i, w in enumerate(words) if not (w in ("le", "el", "dem", "der") and i and words[i - 1] == "since")]
    words = [w for i, w in enumerate(words) if not (w == "de" and i and words[i - 1].isdigit()
                                                    and i + 1 < len(words) and words[i + 1] in _MONTHS)]
    # "noviembre de 2016": the month of a year.
    words = [w for i, w in enumerate(words) if not (w in ("de", "del") and 0 < i < len(words) - 1
                                                    and words[i - 1] in _MONTHS and re.fullmatch(YEAR, words[i + 1]))]
    text = " ".join(w if not (0 < i < len(words) - 1 and words[i - 1] in _MONTHS_OR_YEAR and w in _AND)
                    else "and" for i, w in enumerate(words))
    # "de noviembre a marzo", "von November bis März": from ... to ...
    return _FOREIGN_PAIR.sub(lambda m: f"from {m[1]} to {m[2]}" if m[1] in _MONTHS else m[0], text)


class _MonthsOrYear:
    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (word in _MONTHS or bool(re.fullmatch(YEAR, word)))


_MONTHS_OR_YEAR = _MonthsOrYear()
_SHORT_YEAR = re.compile(rf"{_B}(?P<m>{MONTH})\s+(?P<y>1[4-9]|2\d)(?![\w/-])")
_SLASH_YEAR = re.compile(rf"{_B}(?P<m>0?[1-9]|1[0-2])/(?P<y>1[4-9]|2\d)(?![\w/-])")
_MONTH_RANGE = re.compile(rf"{_B}(?P<a>{MONTH}(?:\s+{YEAR})?)\s*-\s*(?P<b>{MONTH}(?:\s+{YEAR})?)(?![\w/])")
_DOT_YEAR = re.compile(rf"{_B}(?P<m>0?[1-9]|1[0-2])\.(?P<y>{YEAR})(?![\w/-])")
# "the month of November, year 2016" (as Arabic and formal English say it): the words "month" and "year" go.
_MONTH_WORD = re.compile(rf"{_B}(?:the\s+|le\s+|el\s+)?(?:month|mes)\s+(?:of\s+|de\s+)?(?={MONTH}{_E})")
_YEAR_WORD = re.compile(rf"{_B}(?P<m>{MONTH}),?\s+(?:(?:of|in|the)\s+)*(?:year|in)\s+(?P<y>{YEAR}){_E}")
_ORDINAL_DAY = re.compile(r"\b(?:the\s+)?(first|1st)\s+of\s+")
_ROUGHLY = re.compile(rf"{_B}(early|mid|late)(?:\s+of)?\s+(?P<y>{YEAR}){_E}")
_ROUGH_MONTH = {"early": "january", "mid": "june", "late": "october"}


def _short_forms(text: str) -> str:
    """'nov 16', '11/16' and '11.2016' are November 2016 here (the campaign's years); 'late 2016' is from October
    2016; "the month of November, year 2016" is November 2016."""
    text = _MONTH_RANGE.sub(lambda m: f"from {m['a']} to {m['b']}", text)
    text = _SHORT_YEAR.sub(lambda m: f"{m['m']} 20{m['y']}", text)
    text = _SLASH_YEAR.sub(lambda m: f"{m['m']}/20{m['y']}", text)
    # Most questions hold none of these: a test for the word is cheaper than the pattern.
    if "." in text:
        text = _DOT_YEAR.sub(lambda m: f"{m['m']}/{m['y']}", text)
    if "month" in text or "mes" in text:
        text = _MONTH_WORD.sub("", text)
    if "year" in text or "in " in text:
        text = _YEAR_WORD.sub(lambda m: f"{m['m']} {m['y']}", text)
    text = _ORDINAL_DAY.sub("1 ", text)
    return _ROUGHLY.sub(lambda m: f"{_ROUGH_MONTH[m[1]]} {m['y']}", text)


def _fix_month_typos(text: str) -> str:
    """'novmber 2016' -> 'november 2016': only words right before a year, so 'mark 2016' stays unless close."""
    words = _ALL_WORDS.findall(text)
    changed = False
    for i, word in enumerate(words[:-1]):
        if not _WORD.fullmatch(word) or not re.fullmatch(YEAR, words[i + 1]):
            continue
        if re.fullmatch(MONTH, word):
            continue
        best = process.extractOne(word, _MONTHS, scorer=fuzz.ratio, score_cutoff=80)
        if best:
            words[i] = best[0]
            changed = True
    return " ".join(words) if changed else text


def _to_date(span: str, today: date, after: PartialDate | None = None,
             reference: date | None = None) -> PartialDate | None:
    boundary = _BOUNDARY.match(span)
    core = span[boundary.end():] if boundary else span
    yearless = reference is not None and not re.search(r"\d", core) and not re.fullmatch(RELATIVE, core.strip())
    parsed = _parse_span(core.strip().rstrip("."), reference if yearless and reference else today)
    if parsed is None:
        return None
    if after is not None and not re.search(YEAR, core):
        # "between November 2016 and March": the month without a year is the next one after the start.
        year = after.value.year + (1 if parsed.value.month < after.value.month else 0)
        parsed = PartialDate(parsed.value.replace(year=year), parsed.precision)
    return parsed


@lru_cache(maxsize=4096)
def _parse_span(span: str, today: date) -> PartialDate | None:
    base = datetime(today.year, today.month, today.day)
    try:
        data = _parser_for(base).get_date_data(span)
    except (ValueError, OverflowError):
        return None
    if data.date_obj is None:
        return None
    precision = data.period if data.period in ("day", "month", "year") else "day"
    if re.fullmatch(YEAR, span) or re.fullmatch(r"(?:last|this|past)\s+year", span):
        precision = "year"
    return PartialDate.of(data.date_obj.date(), precision)


@lru_cache(maxsize=8)
def _parser_for(base: datetime) -> DateDataParser:
    # Imported here: dateparser takes a noticeable part of a cold start, and most questions name no date.
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={"PREFER_DAY_OF_MONTH": "first", "PREFER_DATES_FROM": "past", "RELATIVE_BASE": base},
    )
