"""Reading `data/vocabulary.json` and `data/sources.json` into the domain's Vocabulary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.domain.dates import PartialDate
from bot.domain.errors import Problem, ValidationError
from bot.domain.models import SOURCE_KINDS, Campaign, Source, Term, TermKind, Vocabulary

_SECTIONS: tuple[tuple[str, TermKind], ...] = (
    ("concepts", "concept"), ("metrics", "metric"), ("actors", "actor"), ("places", "place"),
)


def load(data_dir: Path) -> Vocabulary:
    vocabulary = _read(data_dir / "vocabulary.json")
    sources = _read(data_dir / "sources.json")
    return parse(vocabulary, sources)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValidationError([Problem(str(path), "file", "is missing")]) from None
    except json.JSONDecodeError as e:
        raise ValidationError([Problem(f"{path} line {e.lineno}", "file", f"is not valid JSON ({e.msg})")]) from None
    if not isinstance(data, dict):
        raise ValidationError([Problem(str(path), "file", "must hold a JSON object")])
    return data


def parse(vocabulary: dict[str, Any], sources: dict[str, Any]) -> Vocabulary:
    problems: list[Problem] = []
    try:
        c = vocabulary["campaign"]
        campaign = Campaign(name=c["name"], start=PartialDate.parse(c["start"]), place=c["place"],
                            actor=c["actor"], aliases=tuple(c.get("aliases", ())))
    except (KeyError, TypeError, ValueError) as e:
        raise ValidationError([Problem("vocabulary.json", "campaign", f"is incomplete or malformed ({e})")]) from None
    terms: list[Term] = []
    for section, kind in _SECTIONS:
        for n, item in enumerate(vocabulary.get(section, []), start=1):
            try:
                terms.append(Term(
                    kind=kind, key=item["key"], label=item["label"], description=item.get("description", ""),
                    aliases=tuple(item.get("aliases", ())), concepts=tuple(item.get("concepts", ())),
                    core=tuple(item.get("core", ())), unit=item.get("unit", ""),
                    tolerates=tuple(item.get("tolerates", ())), weight=int(item.get("weight", 1)),
                    family=item.get("family"), within=item.get("within"),
                ))
            except (KeyError, TypeError, ValueError) as e:
                problems.append(Problem(f"vocabulary.json {section} #{n}", "term", f"is malformed ({e})"))
    parsed_sources: list[Source] = []
    for n, item in enumerate(sources.get("sources", []), start=1):
        if item.get("kind") not in SOURCE_KINDS:
            problems.append(Problem(f"sources.json #{n}", "kind", f"must be one of {', '.join(SOURCE_KINDS)}"))
            continue
        try:
            parsed_sources.append(Source(key=item["key"], name=item["name"], kind=item["kind"],
                                         description=item.get("description", ""), url=item.get("url"),
                                         aliases=tuple(item.get("aliases", ())), speaks_for=item.get("speaks_for")))
        except KeyError as e:
            problems.append(Problem(f"sources.json #{n}", str(e), "is required"))
    keys = {(t.kind, t.key) for t in terms}
    for t in terms:
        for concept in (*t.concepts, *t.core, *t.tolerates):
            if ("concept", concept) not in keys:
                problems.append(Problem(f"vocabulary.json {t.key}", "concepts", f"{concept!r} is not a concept"))
        if t.within and (t.kind, t.within) not in keys:
            problems.append(Problem(f"vocabulary.json {t.key}", "within", f"{t.within!r} is not a {t.kind}"))
    if ("place", campaign.place) not in keys or ("actor", campaign.actor) not in keys:
        problems.append(Problem("vocabulary.json", "campaign", "place and actor must be keys of places and actors"))
    words = _words(vocabulary, problems)
    if problems:
        raise ValidationError(problems)
    return Vocabulary(campaign=campaign, terms=tuple(terms), sources=tuple(parsed_sources),
                      stopwords=frozenset(vocabulary.get("stopwords", ())), words=words)


def _words(vocabulary: dict[str, Any], problems: list[Problem]) -> dict[str, tuple[str, ...]]:
    found = vocabulary.get("words", {})
    if not isinstance(found, dict) or not all(isinstance(v, list) for v in found.values()):
        problems.append(Problem("vocabulary.json", "words", "must map a name to a list of words"))
        return {}
    return {name: tuple(str(w) for w in ws) for name, ws in found.items()}
