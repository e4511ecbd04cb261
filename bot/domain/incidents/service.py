"""The incident use cases: answering a question from the records, importing and exporting them, and the data
behind maps and monthly charts. `Tally` holds one of these; the cogs and the command line call through it."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from bot.domain.answers import Answer, MatchKind
from bot.domain.dates import Period
from bot.domain.errors import Forbidden, NotFound, UsageError
from bot.domain.incidents import importing, records
from bot.domain.incidents.answers import SOURCE_LINE, IncidentAnswer, IncidentInterpretation, IncidentItem
from bot.domain.incidents.importing import IncidentPlan
from bot.domain.incidents.model import Coverage, Incident, IncidentFilter, Totals
from bot.domain.incidents.ports import IncidentStore
from bot.domain.incidents.reading import IncidentQuestion, read
from bot.domain.models import Editor, PendingImport, Revision
from bot.domain.moderation import checked_reason

DEFAULT_READING = "civilian harm reported, Discounted left out"
PENDING_MINUTES = 15
"""How long a previewed incident import waits for its uploader's Confirm."""
_LABELS = {"incidents": "incidents", "killed": "civilians killed", "injured": "civilians injured",
           "children": "children killed", "women": "women killed"}
_LABELS_AR = {"incidents": "حادثة", "killed": "مدنياً قُتلوا", "injured": "مدنياً جُرحوا", "children": "طفلاً قُتلوا",
              "women": "امرأة قُتلن"}


def _span(low: int, high: int) -> str:
    return f"{low:,}" if low == high else f"{low:,}–{high:,}"


def _day(value: date | None) -> str:
    return f"{value.day} {value:%b %Y}" if value else "—"


def _arabic_period(period: Period) -> str:
    start = str(period.start) if period.start else ""
    end = str(period.end) if period.end else ""
    if period.mode == "in":
        return f"في {start}"
    if period.mode == "since":
        return f"منذ {start}"
    if period.mode == "between":
        return f"بين {start} و{end}"
    return f"قبل {end}"


@dataclass(frozen=True)
class MonthlyData:
    title: str
    caption: str
    months: list[tuple[date, int, int, int]]


@dataclass(frozen=True)
class MapData:
    title: str
    caption: str
    incidents: list[Incident]
    place: str | None


class Incidents:
    def __init__(self, store: IncidentStore, now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.store = store
        self.now = now
        self._pending: dict[str, PendingImport] = {}
        self._pending_lock = threading.Lock()
        self._place_names: dict[str, str] = {}
        self._places_state: tuple[object, ...] | None = None
        self._coverage: tuple[int, Coverage] | None = None

    # -- questions -----------------------------------------------------------------------------

    def coverage(self, data_version: int | None = None) -> Coverage:
        """What the records cover; with the store's data version (which every incident write moves), read once
        per version rather than before every question."""
        if data_version is None:
            return self.store.coverage()
        if self._coverage is None or self._coverage[0] != data_version:
            self._coverage = (data_version, self.store.coverage())
        return self._coverage[1]

    def answer(self, question: str, reported: Callable[[str], Answer],
               data_version: int | None = None) -> Answer | None:
        """The answer from the records, or None when the question is not about incidents (or none are held)."""
        coverage = self.coverage(data_version)
        if coverage.incidents == 0:
            return None
        asked = read(question, self._places(coverage))
        if asked is None:
            return None
        if asked.iraq and (asked.ranked or asked.code):
            return self._nothing(asked, self._iraq_note(asked))
        if asked.iraq:
            return self._iraq(asked, reported(question))
        if asked.russia:
            return self._nothing(asked, "Russian strikes are not in these records: Tally's incident "
                                 "records hold the incidents Airwars attributes to the US-led Coalition only "
                                 "(joint incidents that also name Russia's military are counted as the "
                                 "Coalition's, and say so).")
        if asked.code:
            return self._code(asked, coverage)
        where = self._filter(asked)
        if asked.ranked:
            return self._ranked(asked, where, coverage)
        return self._totals(asked, where, coverage, reported)

    def _places(self, coverage: Coverage) -> dict[str, str]:
        """Other published places, read once per state of the records (an import changes the coverage)."""
        state = (coverage.incidents, coverage.first, coverage.last, coverage.imported)
        if self._places_state != state:
            self._place_names, self._places_state = self.store.place_names(), state
        return self._place_names

    def _filter(self, asked: IncidentQuestion) -> IncidentFilter:
        return IncidentFilter(
            place_group=asked.town.name if asked.town else None,
            governorate=asked.governorate.name if asked.governorate else None,
            start=asked.start, end=asked.end, gradings=asked.gradings, place_key=asked.other_key)

    def _interpretation(self, asked: IncidentQuestion, kind: str) -> IncidentInterpretation:
        return IncidentInterpretation(
            metric="incident_" + (asked.measures[0] if asked.measures else "killed"),
            metric_label="Airwars incident records", reporters=("Airwars",), actor="US-led Coalition",
            place=asked.place_name(), period=asked.period, ignored=asked.unread, corrections=asked.corrections,
            grading=self._grading_text(asked), kind=kind)

    @staticmethod
    def _grading_text(asked: IncidentQuestion) -> str:
        if asked.gradings is None:
            return DEFAULT_READING
        return f"civilian harm reported, graded {asked.grading_label}"

    def _match(self, asked: IncidentQuestion) -> tuple[MatchKind, str | None]:
        if asked.unread:
            words = ", ".join(repr(w) for w in asked.unread)
            return "partial", f"Only partly answered — not covered: {words}. The records were summed without them."
        return "exact", None

    def _where_when(self, asked: IncidentQuestion) -> str:
        place = asked.place_name()
        if asked.arabic:
            return f"{place}، {_arabic_period(asked.period)}" if asked.period else f"{place}، كل السنوات المسجلة"
        return f"{place}, {asked.period.label()}" if asked.period else f"{place}, every year on record"

    def _data_note(self, coverage: Coverage) -> str:
        imported = f", imported {_day(coverage.imported)}" if coverage.imported else ""
        return (f"Data: Airwars' records of {coverage.incidents:,} incidents with civilian harm reported, dated "
                f"{_day(coverage.first)} – {_day(coverage.last)}{imported}.")

    def _totals(self, asked: IncidentQuestion, where: IncidentFilter, coverage: Coverage,
                reported: Callable[[str], Answer]) -> Answer:
        interpretation = self._interpretation(asked, "totals")
        if not self._covers(where, coverage):
            return self._outside(asked, coverage, interpretation)
        totals = self.store.totals(where)
        match, difference = self._match(asked)
        derivation = f"{self._grading_text(asked)}, {totals.incidents:,} incidents"
        measures = [m for m in asked.measures if m != "incidents"] or ["killed"]
        order = ["incidents", *measures] if asked.measures[:1] == ("incidents",) else [*measures, "incidents"]
        period_start = str(asked.period.start) if asked.period and asked.period.start else None
        period_end = str(where.end - timedelta(days=1)) if where.end else None
        as_of = str(coverage.imported or coverage.last)
        items = []
        for name in order:
            low, high = (totals.incidents, totals.incidents) if name == "incidents" else \
                (totals.measure(name).low, totals.measure(name).high)
            items.append(IncidentItem(name, low, high, _LABELS[name], match, asked.place_name(), derivation,
                                      period_start, period_end, as_of, difference=difference))
        where_when = self._where_when(asked)
        parts = [f"{_span(i.low, i.high)} {i.label}" for i in items]
        if asked.arabic:
            head = f"{where_when}: " + "؛ ".join(f"{_span(i.low, i.high)} {_LABELS_AR[i.measure]}" for i in items)
        else:
            head = f"{where_when}: " + "; ".join(parts) + "."
        lines = [head]
        if difference:
            lines.insert(0, difference)
        if totals.incidents == 0:
            lines.append("No incident of this reading is recorded there in that time: zero, as the records "
                         "cover it.")
        for name in measures:
            measure = totals.measure(name)
            if name != "killed" and totals.incidents and measure.given < totals.incidents:
                lines.append(f"{_LABELS[name].capitalize()}: not recorded for {totals.incidents - measure.given:,} "
                             f"of the {totals.incidents:,} incidents, so the sum is a floor.")
        lines.append(f"Derived by Tally: the sum of Airwars' incident records ({derivation}); "
                     "min–max as Airwars records each incident.")
        lines += [self._data_note(coverage), SOURCE_LINE]
        also = None
        if asked.period is None and asked.gradings is None:
            figures = reported(asked.text)
            also = figures if figures.status == "answered" else None
        return IncidentAnswer(question=asked.text, status="answered", interpretation=interpretation,
                              title=head, lines=tuple(lines), incident_items=tuple(items), reported=also)

    def _covers(self, where: IncidentFilter, coverage: Coverage) -> bool:
        if coverage.first is None or coverage.last is None:
            return False
        if where.end is not None and where.end <= coverage.first:
            return False
        return not (where.start is not None and where.start > coverage.last)

    def _outside(self, asked: IncidentQuestion, coverage: Coverage, interpretation: IncidentInterpretation) -> Answer:
        note = (f"The incident records Tally holds run from {_day(coverage.first)} to {_day(coverage.last)}: "
                f"nothing is recorded {asked.period.label() if asked.period else 'then'}.")
        return IncidentAnswer(question=asked.text, status="no_match", interpretation=interpretation, notes=(note,),
                              title="No incident records for that time", lines=())

    def _nothing(self, asked: IncidentQuestion, note: str) -> Answer:
        return IncidentAnswer(question=asked.text, status="no_match",
                              interpretation=self._interpretation(asked, "boundary"), notes=(note,),
                              title="Not in the incident records", lines=())

    @staticmethod
    def _iraq_note(asked: IncidentQuestion) -> str:
        return (f"The incident records Tally holds cover Syria only: there are none for {(asked.iraq or '').title()} "
                "or anywhere in Iraq.")

    def _iraq(self, asked: IncidentQuestion, figures: Answer) -> Answer:
        return replace(figures, notes=(self._iraq_note(asked), *figures.notes))

    def _code(self, asked: IncidentQuestion, coverage: Coverage) -> Answer:
        assert asked.code is not None
        found = self.store.by_code(asked.code)
        interpretation = replace(self._interpretation(asked, "incident by code"), place=asked.code,
                                 grading="as Airwars recorded it")
        if not found:
            return IncidentAnswer(question=asked.text, status="no_match", interpretation=interpretation,
                                  notes=(f"No incident with the code {asked.code} is in the records.",),
                                  title=f"No incident {asked.code}")
        match, difference = self._match(asked)
        items, lines = [], []
        for incident in found:
            item, text = self._one(incident, asked, match, difference, coverage)
            items.append(item)
            lines += text
        lines += [self._data_note(coverage), SOURCE_LINE]
        return IncidentAnswer(question=asked.text, status="answered", interpretation=interpretation,
                              title=lines[0], lines=tuple(lines), incident_items=tuple(items))

    def _one(self, i: Incident, asked: IncidentQuestion, match: MatchKind, difference: str | None,
             coverage: Coverage) -> tuple[IncidentItem, list[str]]:
        place = (i.place_ar or i.place) if asked.arabic else (i.place or i.place_ar)
        where = ", ".join(x for x in (place, i.governorate) if x) or "place not recorded"
        when = str(i.date) + (f" to {i.date_end}" if i.date_end else "")
        killed = _span(i.killed_min or 0, i.killed_max or 0) if i.killed_min is not None or i.killed_max is not None \
            else "not recorded"
        facts = [f"civilians killed {killed}"]
        for name, low, high in (("injured", i.injured_min, i.injured_max), ("children killed", i.children_min,
                                i.children_max), ("women killed", i.women_min, i.women_max)):
            if low is not None or high is not None:
                facts.append(f"{name} {_span(low or 0, high if high is not None else low or 0)}")
        lines = [f"{i.code} — {when}, {where}" + (" (retracted in Tally)" if i.status == "retracted" else ""),
                 f"Graded {i.grading or 'not graded'} by Airwars; civilian harm reported: "
                 f"{i.civilian_harm_reported or 'not recorded'}; " + "; ".join(facts) + "."]
        assessment = i.coalition_assessment or "none recorded"
        conceded = ""
        if i.conceded_min is not None or i.conceded_max is not None:
            conceded = f"; deaths it conceded: {_span(i.conceded_min or 0, i.conceded_max or i.conceded_min or 0)}"
        lines.append(f"The Coalition's assessment: {assessment}{conceded}. Belligerents named: "
                     f"{i.belligerents or 'not recorded'}.")
        if i.previous_codes:
            lines.append(f"Earlier codes: {i.previous_codes}.")
        if i.data_note:
            lines.append(f"Note in the data: {i.data_note}.")
        if i.url:
            lines.append(i.url)
        item = IncidentItem("incident", i.killed_min or 0, i.killed_max if i.killed_max is not None else
                            i.killed_min or 0, f"civilians killed in {i.code}", match, place or "Syria",
                            f"incident {i.code} as Airwars records it", str(i.date), str(i.date_end or i.date),
                            str(coverage.imported or coverage.last), code=i.code, url=i.url or None,
                            difference=difference)
        return item, lines

    def _ranked(self, asked: IncidentQuestion, where: IncidentFilter, coverage: Coverage) -> Answer:
        assert asked.ranked is not None
        interpretation = self._interpretation(asked, f"the {asked.ranked} deadliest")
        found = self.store.ranked(where, asked.ranked)
        match, difference = self._match(asked)
        which = "The deadliest incident" if asked.ranked == 1 else f"The {len(found)} deadliest incidents"
        title = f"{which} — {self._where_when(asked)} ({self._grading_text(asked)})"
        if not found:
            return IncidentAnswer(question=asked.text, status="no_match", interpretation=interpretation,
                                  notes=(f"No incidents with a death figure in {self._where_when(asked)} "
                                         f"({self._grading_text(asked)}).",), title="No incidents")
        lines = [title + ", by most civilians killed:"] + ([difference] if difference else [])
        items = []
        for n, i in enumerate(found, start=1):
            place = (i.place_ar or i.place) if asked.arabic else (i.place or i.place_ar)
            lines.append(f"{n}. {i.code} — {i.date}, {place}: {_span(i.killed_min or 0, i.killed_max or 0)} "
                         f"civilians killed ({i.grading}) {i.url}".rstrip())
            items.append(IncidentItem("incident", i.killed_min or 0, i.killed_max or 0,
                                      f"civilians killed in {i.code}", match, place or "Syria",
                                      f"rank {n} by civilians killed; {self._grading_text(asked)}", str(i.date),
                                      str(i.date_end or i.date), str(coverage.imported or coverage.last),
                                      code=i.code, url=i.url or None, difference=difference))
        lines += [self._data_note(coverage), SOURCE_LINE]
        return IncidentAnswer(question=asked.text, status="answered", interpretation=interpretation, title=title,
                              lines=tuple(lines), incident_items=tuple(items))

    # -- pictures ------------------------------------------------------------------------------

    def _place_filter(self, place: str | None, year: int | None, grading: str | None) -> tuple[IncidentQuestion,
                                                                                                 IncidentFilter]:
        if self.store.coverage().incidents == 0:
            raise NotFound("No incident records are held yet.",
                           "A moderator can import Airwars' records with /incidents import (or `incidents import`).")
        text = " ".join(x for x in (place or "syria", str(year) if year else "", grading or "", "incidents") if x)
        asked = read(text, self._places(self.store.coverage()))
        if asked is None or (place and asked.place is None and not asked.syria and not asked.other_place) \
                or asked.iraq:
            raise NotFound(f"I don't know the place {place!r} in the incident records.",
                           "Name a town (Raqqa, Manbij, Tabqa, …) or a Syrian governorate (Deir ez-Zor, Aleppo, …).")
        if grading and asked.gradings is None:
            raise UsageError(f"{grading!r} is not a grading.",
                             "Use confirmed, fair, weak, contested, discounted, fair or better, or all gradings.")
        return asked, self._filter(asked)

    def map_data(self, place: str | None, year: int | None = None, grading: str | None = None) -> MapData:
        asked, where = self._place_filter(place, year, grading)
        chosen = self.store.selected(where)
        if not chosen:
            raise NotFound(f"No incidents in {self._where_when(asked)} ({self._grading_text(asked)}).")
        totals = self.store.totals(where)
        title = f"Incidents — {self._where_when(asked)}"
        caption = (f"{totals.incidents:,} incidents, {_span(totals.killed.low, totals.killed.high)} civilians killed "
                   f"({self._grading_text(asked)}). {SOURCE_LINE}")
        return MapData(title, caption, chosen, asked.place.name if asked.place else asked.other_place)

    def monthly(self, place: str | None, year: int | None = None, grading: str | None = None) -> MonthlyData:
        asked, where = self._place_filter(place, year, grading)
        months = self.store.monthly(where)
        if not months:
            raise NotFound(f"No incidents in {self._where_when(asked)} ({self._grading_text(asked)}).")
        title = f"Incidents and civilians killed per month — {self._where_when(asked)}"
        caption = f"{self._grading_text(asked)}; deaths as min–max. {SOURCE_LINE}"
        return MonthlyData(title, caption, months)

    # -- files ---------------------------------------------------------------------------------

    def read_file(self, content: bytes | str) -> list[Incident]:
        return records.parse(content)

    def preview(self, incidents: list[Incident]) -> IncidentPlan:
        with self.store.transaction() as tx:
            return importing.plan(incidents, tx)

    def stage_import(self, content: bytes, filename: str, editor: Editor,
                     reason: str) -> tuple[IncidentPlan, str | None]:
        """Read and preview a file; if it would change anything, hold it for its uploader's Confirm. Returns the
        preview and the pending import's token (None when nothing would change).

        Held in this process's memory for PENDING_MINUTES, unlike figure imports (which are kept in the store): a
        restart forgets them, and their Confirm then says the import expired and nothing is written. The file is
        kept, and read and planned again at Confirm (the records may have changed meanwhile)."""
        reason = checked_reason(reason)
        plan = self.preview(self.read_file(content))
        if not plan.writes:
            return plan, None
        now = self.now()
        pending = PendingImport(secrets.token_hex(8), editor, filename, reason, content, plan.summary(), now,
                                now + timedelta(minutes=PENDING_MINUTES))
        with self._pending_lock:
            self._forget_expired(now)
            self._pending[pending.token] = pending
        return plan, pending.token

    def settle_import(self, token: str, editor: Editor, confirm: bool) -> tuple[PendingImport, IncidentPlan | None]:
        """Confirm (write all of it or nothing) or cancel a pending import; only its uploader may. Either way it is
        no longer pending; someone else's attempt leaves it waiting."""
        with self._pending_lock:
            self._forget_expired(self.now())
            pending = self._pending.get(token)
            if pending is None:
                raise UsageError("This import has expired (or the bot restarted); nothing was written.",
                                 "Run /incidents import again with the file.")
            if pending.editor.id != editor.id:
                raise Forbidden("Only the moderator who uploaded this file can confirm or cancel it.")
            del self._pending[token]
        if not confirm:
            return pending, None
        return pending, self.import_rows(self.read_file(pending.content), editor, pending.reason)

    def _forget_expired(self, now: datetime) -> None:
        for token in [t for t, p in self._pending.items() if p.expires <= now]:
            del self._pending[token]

    def import_rows(self, incidents: list[Incident], editor: Editor, reason: str) -> IncidentPlan:
        reason = checked_reason(reason)
        with self.store.transaction() as tx:
            return importing.apply(incidents, tx, editor, reason)

    def set_status(self, code: str, status: str, editor: Editor, reason: str) -> Incident:
        """Retract an incident (it is no longer counted, but kept with its history) or restore it."""
        reason = checked_reason(reason)
        found = self.store.by_code(code.strip())
        if not found:
            raise NotFound(f"No incident with the code {code.strip()!r}.")
        if len(found) > 1:
            raise UsageError(f"The code {code.strip()!r} is on {len(found)} incidents "
                             f"({', '.join(i.code for i in found)}).", "Give the incident's full code.")
        incident = found[0]
        if incident.status == status:
            raise UsageError(f"Incident {incident.code} is already {status}.")
        with self.store.transaction() as tx:
            return importing.change_status(tx, incident, status, editor, reason)

    def export(self) -> str:
        return records.dump(self.store.all_incidents())

    def history(self, code: str) -> tuple[Incident, list[Revision]]:
        found = self.store.by_code(code.strip())
        if not found:
            raise NotFound(f"No incident with the code {code.strip()!r}.")
        return found[0], self.store.history(found[0].id or 0)

    def totals(self, where: IncidentFilter) -> Totals:
        return self.store.totals(where)
