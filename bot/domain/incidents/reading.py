"""Reading a question about incidents: is it one, and which place, time, grading, measure, code or ranking.

A question is about incidents when it names an incident code, one of the data's towns or a Syrian
governorate (in English or Arabic, or a near miss of one), a place in Iraq (answered "Syria only"), or
Syria together with something only the records can answer (a year, a grading, "deadliest"). Everything
else stays with the figures resolver. Every word is accounted for: a word that is neither read nor filler
is said back, and the answer is then at best partial.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz, process

from bot.domain.dates import PartialDate, Period
from bot.domain.incidents.model import GRADINGS, LIKELY
from bot.domain.incidents.names import normal
from bot.domain.incidents.places import GOVERNORATES, IRAQ, PROVINCE_WORDS, SYRIA, TOWNS, Place
from bot.domain.scripts import has_arabic

MAX_RANKED = 25
DEFAULT_RANKED = 5
ALL_GRADED = (*GRADINGS, "Contested, Discounted")
"""Airwars' "alleged" reading: every grading, Discounted included."""


@dataclass(frozen=True)
class IncidentQuestion:
    text: str
    arabic: bool = False
    code: str | None = None
    town: Place | None = None
    governorate: Place | None = None
    syria: bool = False
    iraq: str | None = None
    """The Iraqi place named, if any: answered with "Syria only"."""
    russia: bool = False
    start: date | None = None
    end: date | None = None
    """Half-open: the first day not included."""
    period: Period | None = None
    gradings: tuple[str, ...] | None = None
    grading_label: str | None = None
    measures: tuple[str, ...] = ()
    """Asked-for measures in order: incidents, killed, injured, children, women."""
    ranked: int | None = None
    """"the 5 deadliest": how many."""
    unread: tuple[str, ...] = ()
    corrections: tuple[tuple[str, str], ...] = ()
    other_place: str | None = None
    """Another published place (a village, a neighbourhood), by its name as published."""
    other_key: str | None = None

    @property
    def place(self) -> Place | None:
        return self.town or self.governorate

    def place_name(self) -> str:
        place = self.place
        if place is None and self.other_place:
            return self.other_place
        if place is None:
            return "سوريا" if self.arabic else "Syria"
        name = place.arabic if self.arabic else place.name
        if place.kind == "governorate" and not self.arabic:
            return f"{name} governorate"
        if place.kind == "governorate":
            return f"محافظة {name}"
        return name


@dataclass
class _Reading:
    text: str
    consumed: list[tuple[int, int]] = field(default_factory=list)

    def take(self, match: re.Match[str]) -> None:
        self.consumed.append(match.span())

    def free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.consumed)

    def search(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        for match in pattern.finditer(self.text):
            if self.free(*match.span()):
                return match
        return None

    def leftover(self) -> list[str]:
        chars = list(self.text)
        for a, b in self.consumed:
            for i in range(a, b):
                chars[i] = " "
        return "".join(chars).split()


def _alternation(words: list[str]) -> re.Pattern[str]:
    ordered = sorted({normal(w) for w in words if w}, key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(w) for w in ordered) + r")(?![\w'])")


_TOWN_NAMES: dict[str, Place] = {}
for _place in TOWNS:
    for _name in (*_place.spellings, _place.name, _place.arabic):
        _TOWN_NAMES[normal(_name)] = _place
_GOV_NAMES: dict[str, Place] = {}
for _place in GOVERNORATES:
    for _name in (*_place.spellings, _place.name, _place.arabic):
        _GOV_NAMES.setdefault(normal(_name), _place)
_TOWN = _alternation(list(_TOWN_NAMES))
_GOV = _alternation([n for n in _GOV_NAMES if n not in _TOWN_NAMES])
_PROVINCE_WORD = _alternation([*PROVINCE_WORDS, "provinces", "area", "محافظه"])
_IRAQ = _alternation(list(IRAQ))
_SYRIA = _alternation(list(SYRIA))
_RUSSIA = _alternation(["russia", "russian", "russians", "russian military", "روسيا", "الروسي", "الروسيه",
                        "روسي", "الروس"])
_CITY = _alternation(["city", "town", "مدينه", "مدينة"])
_COALITION_SAYS = re.compile(r"(?<![\w'])(?:according to|says|said|per|by the count of|as counted by)\s+(?:the\s+)?"
                             r"(?:coalition|us-led coalition|us military|u\.s\. military|pentagon|cjtf-oir|cjtf|oir|"
                             r"centcom)(?![\w'])|(?<![\w'])(?:cjtf-oir|cjtf|pentagon|centcom)(?![\w'])")
_CODE = re.compile(r"(?<![\w])((?:ncs|issy|irs|cs|ci|rs|ts)[ -]?|s)(\d{2,4}[a-z]?)(?![\w])")

_MONTHS: dict[str, int] = {}
for _i in range(1, 13):
    _MONTHS[calendar.month_name[_i].lower()] = _i
    _MONTHS[calendar.month_abbr[_i].lower()] = _i
_MONTHS["sept"] = 9
for _i, _names in enumerate(
    (("يناير", "كانون الثاني"), ("فبراير", "شباط"), ("مارس", "اذار"), ("ابريل", "نيسان"), ("مايو", "ايار"),
     ("يونيو", "حزيران"), ("يوليو", "تموز"), ("اغسطس", "اب"), ("سبتمبر", "ايلول"), ("اكتوبر", "تشرين الاول"),
     ("نوفمبر", "تشرين الثاني"), ("ديسمبر", "كانون الاول")), start=1):
    for _name in _names:
        _MONTHS[normal(_name)] = _i
_MONTH = "(?:" + "|".join(re.escape(m) for m in sorted(_MONTHS, key=len, reverse=True)) + ")"
_YEAR = r"(?:19|20)\d{2}"
def _my(suffix: str) -> str:
    """A month and year, in words or digits, with named groups ending in `suffix`."""
    return (rf"(?:(?P<m{suffix}>{_MONTH})\s+(?:of\s+)?(?P<y{suffix}>{_YEAR})"
            rf"|(?P<ya{suffix}>{_YEAR})[-/](?P<n{suffix}>0?[1-9]|1[0-2])(?!\d)"
            rf"|(?P<nb{suffix}>0?[1-9]|1[0-2])[/-](?P<yb{suffix}>{_YEAR}))")


_B = r"(?<![\w'])"
_E = r"(?![\w'])"
_SPAN = re.compile(
    _B + r"(?:between|from|بين|من)?\s*(?:(?P<m1only>" + _MONTH + r")|" + _my("1") + r"|(?P<yy1>" + _YEAR + r"))"
    r"\s*(?:and|to|until|till|through|thru|-|و|الى|حتى)\s*(?:" + _my("2") + r"|(?P<yy2>" + _YEAR + r"))" + _E)
_MONTH_YEAR = re.compile(_B + r"(?:in|during|في|خلال|شهر)?\s*" + _my("") + _E)
_SINCE = re.compile(_B + r"(?P<word>since|after|from|منذ|بعد)\s+(?:" + _my("s") + r"|(?P<yys>" + _YEAR + r"))" + _E)
_BEFORE = re.compile(_B + r"(?P<word>before|until|till|up to|قبل|حتى)\s+(?:" + _my("b") + r"|(?P<yyb>" + _YEAR
                     + r"))" + _E)
_YEAR_ONLY = re.compile(_B + r"(?:in|during|of|for|في|خلال|عام|سنه|العام)?\s*(?P<y>" + _YEAR + r")" + _E)

_GRADING_WORDS: tuple[tuple[re.Pattern[str], tuple[str, ...] | None, str], ...] = (
    (_alternation(["including discounted", "incl discounted", "with discounted", "all gradings", "every grading",
                   "any grading", "alleged", "all incidents", "all alleged", "including the discounted"]),
     ALL_GRADED, "every grading, Discounted included (Airwars' \"alleged\")"),
    (_alternation(["fair or better", "fair or confirmed", "confirmed or fair", "fair and confirmed",
                   "confirmed and fair", "likely", "headline", "fair+confirmed", "fair confirmed"]),
     LIKELY, "Fair or Confirmed (Airwars' headline)"),
    (_alternation(["confirmed", "مؤكد", "مؤكده", "المؤكده"]), ("Confirmed",), "Confirmed"),
    (_alternation(["fair", "مقبول", "مقبوله"]), ("Fair",), "Fair"),
    (_alternation(["weak", "single source", "ضعيف", "ضعيفه"]), ("Weak",), "Weak"),
    (_alternation(["contested", "disputed", "متنازع عليها", "متنازع"]), ("Contested", "Contested, Discounted"),
     "Contested"),
    (_alternation(["discounted", "مستبعد", "مستبعده"]), ("Discounted",), "Discounted"),
)
_GRADED = _alternation(["graded", "grading", "gradings", "grade"])

_MEASURES = (
    ("children", _alternation(["children", "child", "kids", "minors", "اطفال", "الاطفال", "طفل", "طفلا"])),
    ("women", _alternation(["women", "woman", "female", "نساء", "النساء", "امراه", "سيدات"])),
    ("injured", _alternation(["injured", "wounded", "injuries", "hurt", "injury", "جرحى", "الجرحى", "مصاب",
                              "مصابين", "اصابات", "جريح"])),
    ("killed", _alternation(["killed", "kill", "kills", "killing", "killings", "deaths", "dead", "died", "die",
                             "death", "deadly", "death toll", "casualties",
                             "fatalities", "lives", "toll", "قتل", "قتلى", "القتلى", "قتيل", "مقتل", "وفاه",
                             "وفيات", "ضحايا", "الضحايا", "قتلوا", "استشهد", "شهداء"])),
    ("incidents", _alternation(["incidents", "incident", "events", "حوادث", "حادثه", "الحوادث", "حادثا"])),
)
_STRIKES = _alternation(["strikes", "strike", "airstrikes", "airstrike", "air strikes", "air strike", "attacks",
                         "bombings", "bombing", "raids", "raid", "bombardment", "غارات", "غاره", "الغارات", "ضربات",
                         "هجمات", "قصف", "بالغارات", "الغاره"])
"""Strikes are how the harm came, not what the records count: "killed in airstrikes" reads as killed, but a
count of strikes is not a count of incidents, so "how many strikes" alone is only partly answered."""
_SINGLE = re.compile(_B + r"(?:deadliest|most deadly|worst|bloodiest)\s+(?:single\s+)?(?:incident|strike|airstrike|"
                     r"attack|raid|bombing)" + _E)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "twenty": 20, "خمس": 5, "خمسه": 5, "عشر": 10, "عشره": 10, "ثلاث": 3,
                 "ثلاثه": 3}
_RANK_WORD = r"(?:deadliest|most deadly|worst|bloodiest|deadliest incidents|الاكثر دمويه|اكثر دمويه|الاسوا|اسوا)"
_NUM = r"(?P<n>\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")"
_RANKED = re.compile(_B + r"(?:(?:top|the)\s+)?(?:" + _NUM + r"\s+)?" + _RANK_WORD + r"(?:\s+(?P<n2>\d{1,3}))?"
                     + _E)
_TOP = re.compile(_B + r"top\s+" + _NUM + _E)

FILLER = frozenset(normal(w) for w in """
hit hits struck targeting targeted against upon into inside near around
مدنيا المدنيون مدنيون
a an the of in on at by for to from with and or were was is are be been how many much what which who whom
there did do does has have had total number numbers count sum tell me please show give list i want know about
during civilians civilian people killed coalition us-led us led u.s.-led airwars according record records
recorded reported say says said all any some city town province governorate region country area year years
month months period its their it this that these those alleged strike strikes air airstrike incident incidents
by per was were most happened happen what's whats where when ever so far overall altogether total كم عدد ما هو
هي في من على عن الى إلى خلال عام سنه شهر مدينه بلده التحالف الدولي المدنيين مدنيين مدني الذين قتل قتلوا سقط
سقطوا حسب وفق ايروورز ايرورز هل كان كانت تم منذ حتى بين و او
""".split())  # noqa: SIM905


def _fuzzy_place(words: list[str]) -> tuple[str, Place, str] | None:
    """A near miss of a town or governorate ("manbji", "raqqqa"): (typed, place, the spelling it matched).

    A word of fewer than five letters is never one: French "sous" would be Al Soussa. Short spellings people
    use ("raqa") are in `places` instead."""
    candidates = {**{k: v for k, v in _GOV_NAMES.items() if k not in _TOWN_NAMES}, **_TOWN_NAMES}
    names = [n for n in candidates if len(n) >= 5]
    best: tuple[float, str, str] | None = None
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            typed = " ".join(words[i:i + size])
            if len(typed) < 5 or typed in FILLER or any(w in FILLER for w in words[i:i + size]):
                continue
            found = process.extractOne(typed, names, scorer=fuzz.ratio, score_cutoff=80)
            if found and (best is None or found[1] > best[0]):
                best = (found[1], typed, found[0])
    if best is None:
        return None
    return best[1], candidates[best[2]], best[2]


def _month_start(year: int, month: int) -> date:
    return date(year, month, 1)


def _next_month(year: int, month: int) -> date:
    return date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)


def _read_my(match: re.Match[str], suffix: str) -> tuple[int, int] | None:
    groups = match.groupdict()
    if groups.get(f"m{suffix}"):
        return int(groups[f"y{suffix}"]), _MONTHS[groups[f"m{suffix}"]]
    if groups.get(f"ya{suffix}"):
        return int(groups[f"ya{suffix}"]), int(groups[f"n{suffix}"])
    if groups.get(f"yb{suffix}"):
        return int(groups[f"yb{suffix}"]), int(groups[f"nb{suffix}"])
    return None


def _read_time(r: _Reading) -> tuple[date | None, date | None, Period | None]:
    m = r.search(_SPAN)
    if m:
        end_my = _read_my(m, "2")
        end_year = end_my[0] if end_my else int(m["yy2"])
        start_my = _read_my(m, "1")
        if m["m1only"]:
            start_my = (end_year, _MONTHS[m["m1only"]])
        if start_my:
            start, start_pd = _month_start(*start_my), PartialDate(_month_start(*start_my), "month")
        else:
            start, start_pd = date(int(m["yy1"]), 1, 1), PartialDate(date(int(m["yy1"]), 1, 1), "year")
        if end_my:
            end, end_pd = _next_month(*end_my), PartialDate(_month_start(*end_my), "month")
        else:
            end, end_pd = date(end_year + 1, 1, 1), PartialDate(date(end_year, 1, 1), "year")
        if start < end:
            r.take(m)
            return start, end, Period("between", start_pd, end_pd)
    m = r.search(_SINCE)
    if m:
        r.take(m)
        my = _read_my(m, "s")
        if my:
            return _month_start(*my), None, Period("since", PartialDate(_month_start(*my), "month"))
        year = int(m["yys"])
        start = date(year + 1, 1, 1) if m["word"] in ("after", "بعد") else date(year, 1, 1)
        return start, None, Period("since", PartialDate(start, "year"))
    m = r.search(_BEFORE)
    if m:
        r.take(m)
        my = _read_my(m, "b")
        inclusive = m["word"] in ("until", "till", "up to", "حتى")
        if my:
            end = _next_month(*my) if inclusive else _month_start(*my)
        else:
            end = date(int(m["yyb"]) + (1 if inclusive else 0), 1, 1)
        return None, end, Period("as_of", None, PartialDate(end, "day"))
    m = r.search(_MONTH_YEAR)
    if m:
        r.take(m)
        my = _read_my(m, "")
        assert my is not None
        return _month_start(*my), _next_month(*my), Period("in", PartialDate(_month_start(*my), "month"))
    m = r.search(_YEAR_ONLY)
    if m:
        r.take(m)
        year = int(m["y"])
        return date(year, 1, 1), date(year + 1, 1, 1), Period("in", PartialDate(date(year, 1, 1), "year"))
    return None, None, None


def _other_place(r: _Reading, places: Mapping[str, str]) -> tuple[str, str] | None:
    """A published place named word for word ("Tokhar", "Kasrat Faraj"): (its key, its published name)."""
    words = r.leftover()
    for size in (4, 3, 2, 1):
        for i in range(len(words) - size + 1):
            key = " ".join(words[i:i + size])
            if len(key) < 4 or key in FILLER or key in _TOWN_NAMES or key in _GOV_NAMES or key not in places:
                continue
            where = r.text.find(f" {key} ")
            if where >= 0 and r.free(where + 1, where + 1 + len(key)):
                r.consumed.append((where + 1, where + 1 + len(key)))
                return key, places[key]
    return None


def read(question: str, places: Mapping[str, str] | None = None) -> IncidentQuestion | None:
    """The question read as one about incidents, or None when it is not one (the figures resolver answers).

    `places`: other published places by `place_key`, looked up word for word when no town or governorate is named.
    """
    r = _Reading(f" {normal(question)} ")
    arabic = has_arabic(question)
    code_match = r.search(_CODE)
    code = None
    if code_match:
        r.take(code_match)
        code = (code_match[1].rstrip(" -") + code_match[2]).upper()
    iraq_match = r.search(_IRAQ)
    iraq = None
    # "Iraq" itself is the figures' place too ("in Iraq and Syria", "in Iraq"): a question naming it and no
    # Syrian town or code is the figures'. A named Iraqi town (Mosul) is answered "Syria only".
    iraq_country = bool(iraq_match and iraq_match[0].strip() in ("iraq", "iraqi", "العراق"))
    if iraq_match and not iraq_country:
        iraq = iraq_match[0].strip()
        r.take(iraq_match)
    town = governorate = None
    corrections: list[tuple[str, str]] = []
    gov_match = r.search(_GOV)
    town_match = r.search(_TOWN)
    province_match = r.search(_PROVINCE_WORD)
    if town_match:
        r.take(town_match)
        town = _TOWN_NAMES[town_match[0].strip()]
        # "Raqqa province": the governorate that shares the town's name.
        if province_match and any(g.name == town.name for g in GOVERNORATES):
            r.take(province_match)
            governorate, town = next(g for g in GOVERNORATES if g.name == town.name), None
    elif gov_match:
        r.take(gov_match)
        governorate = _GOV_NAMES[gov_match[0].strip()]
        if province_match:
            r.take(province_match)
    caveats: list[str] = []
    city = r.search(_CITY)
    if city and governorate is not None and not province_match:
        # "Deir ez-Zor city": the records group that city's incidents only by governorate.
        r.take(city)
        caveats.append(f"{city[0].strip()} (the records hold {governorate.name} as a governorate, not as a town)")
    other_reporter = r.search(_COALITION_SAYS)
    if other_reporter:
        r.take(other_reporter)
        caveats.append(f"{other_reporter[0].strip()} (these are Airwars' records; the Coalition's own assessment "
                       "is given per incident, by code)")
    syria_match = r.search(_SYRIA)
    if syria_match:
        r.take(syria_match)
    start, end, period = _read_time(r)
    ranked = None
    rank_match = r.search(_RANKED)
    if rank_match:
        r.take(rank_match)
        number = rank_match["n"] or rank_match["n2"]
        top = r.search(_TOP)
        if number is None and top:
            r.take(top)
            number = top["n"]
        single = number is None and r.text.find(" ", rank_match.start() + 1) >= 0 and _SINGLE.search(r.text)
        if number:
            value = _NUMBER_WORDS[number] if number in _NUMBER_WORDS else int(number)
        else:
            value = 1 if single else DEFAULT_RANKED
        ranked = min(MAX_RANKED, max(1, value))
    other = None
    if town is None and governorate is None and iraq is None and code is None and places:
        other = _other_place(r, places)
    if town is None and governorate is None and iraq is None and code is None and other is None:
        fuzzy = _fuzzy_place(r.leftover())
        if fuzzy:
            typed, place, _ = fuzzy
            where = r.text.find(f" {typed} ")
            r.consumed.append((where + 1, where + 1 + len(typed)))
            if place.kind == "town":
                town = place
            else:
                governorate = place
            corrections.append((typed, place.arabic if has_arabic(typed) else place.name))
    gradings: tuple[str, ...] | None = None
    grading_label = None
    for pattern, values, label in _GRADING_WORDS:
        m = r.search(pattern)
        if m:
            r.take(m)
            gradings, grading_label = values, label
            break
    graded = r.search(_GRADED)
    if graded and gradings is not None:
        r.take(graded)
    measures: list[tuple[int, str]] = []
    for name, pattern in _MEASURES:
        for m in pattern.finditer(r.text):
            if r.free(*m.span()):
                r.take(m)
                measures.append((m.start(), name))
    strikes_only = False
    for m in _STRIKES.finditer(r.text):
        if r.free(*m.span()):
            r.take(m)
            strikes_only = not measures
    russia_match = r.search(_RUSSIA)
    if russia_match:
        r.take(russia_match)
    place_named = town is not None or governorate is not None or other is not None
    about_records = bool(period or gradings is not None or ranked or any(n == "incidents" for _, n in measures))
    if not (code or iraq or place_named or ranked or (syria_match and (about_records or measures))):
        return None
    if iraq_country and not (code or place_named):
        return None
    unread = tuple(w for w in r.leftover() if w not in FILLER and not w.isdigit()) + tuple(caveats)
    if strikes_only and not ranked:
        unread += ("strikes (the records count incidents of alleged civilian harm, not strikes)",)
    return IncidentQuestion(
        text=question, arabic=arabic, code=code, town=town, governorate=governorate, syria=bool(syria_match),
        iraq=iraq, russia=bool(russia_match), start=start, end=end, period=period, gradings=gradings,
        grading_label=grading_label, measures=tuple(dict.fromkeys(n for _, n in sorted(measures))), ranked=ranked,
        unread=unread, corrections=tuple(corrections),
        other_key=other[0] if other else None, other_place=other[1] if other else None,
    )
