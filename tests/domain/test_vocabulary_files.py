"""`vocabulary_files`: reading data/vocabulary.json and data/sources.json, every problem named at once."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.domain.errors import ValidationError
from bot.domain.vocabulary_files import load, parse
from tests.conftest import DATA_DIR

VOCABULARY = json.loads((DATA_DIR / "vocabulary.json").read_text(encoding="utf-8"))
SOURCES = json.loads((DATA_DIR / "sources.json").read_text(encoding="utf-8"))
Edit = Callable[[dict[str, Any], dict[str, Any]], None]


def test_the_projects_files_are_read_whole() -> None:
    vocabulary = load(DATA_DIR)
    assert (str(vocabulary.campaign.start), vocabulary.campaign.place, vocabulary.campaign.actor) == (
        "2014-08", "iraq_and_syria", "coalition")
    assert [s.key for s in vocabulary.sources] == [s["key"] for s in SOURCES["sources"]]
    assert len(vocabulary.of_kind("metric")) == len(VOCABULARY["metrics"])
    assert len(vocabulary.terms) == sum(len(VOCABULARY[k]) for k in ("concepts", "metrics", "actors", "places"))
    deaths = vocabulary.term("metric", "civilian_deaths")
    assert deaths is not None and (deaths.unit, deaths.core) == ("civilians killed", ("civilian", "death"))
    assert vocabulary.word_list("filler") == tuple(VOCABULARY["words"]["filler"])
    assert vocabulary.stopwords == frozenset(VOCABULARY["stopwords"])


def first_metric(change: dict[str, Any]) -> Edit:
    return lambda v, s: v["metrics"][0].update(change)


@pytest.mark.parametrize("edit,problem", [
    (lambda v, s: v["campaign"].pop("start"), "vocabulary.json, campaign: is incomplete or malformed ('start')"),
    (lambda v, s: v["campaign"].update(start="August 2014"), "vocabulary.json, campaign: is incomplete or malformed"),
    (lambda v, s: v["campaign"].update(place="atlantis"),
     "vocabulary.json, campaign: place and actor must be keys of places and actors"),
    (lambda v, s: v["metrics"][0].pop("label"), "vocabulary.json metrics #1, term: is malformed ('label')"),
    (first_metric({"weight": "heavy"}), "vocabulary.json metrics #1, term: is malformed"),
    (first_metric({"concepts": ["ghost"]}), "vocabulary.json civilian_deaths, concepts: 'ghost' is not a concept"),
    (first_metric({"tolerates": ["ghost"]}), "vocabulary.json civilian_deaths, concepts: 'ghost' is not a concept"),
    (lambda v, s: v["places"][0].update(within="atlantis"),
     f"vocabulary.json {VOCABULARY['places'][0]['key']}, within: 'atlantis' is not a place"),
    (lambda v, s: v.update(words={"filler": "um"}), "vocabulary.json, words: must map a name to a list of words"),
    (lambda v, s: s["sources"][0].update(kind="blog"),
     "sources.json #1, kind: must be one of military, monitor, media, government, other"),
    (lambda v, s: s["sources"][1].pop("name"), "sources.json #2, 'name': is required"),
])
def test_each_problem_is_named_with_where_it_is(edit: Edit, problem: str) -> None:
    vocabulary, sources = copy.deepcopy(VOCABULARY), copy.deepcopy(SOURCES)
    edit(vocabulary, sources)
    with pytest.raises(ValidationError) as refused:
        parse(vocabulary, sources)
    assert problem in str(refused.value)


def test_every_problem_is_said_at_once() -> None:
    vocabulary, sources = copy.deepcopy(VOCABULARY), copy.deepcopy(SOURCES)
    vocabulary["metrics"][0]["concepts"] = ["ghost"]
    vocabulary["words"] = []
    sources["sources"][0]["kind"] = "blog"
    with pytest.raises(ValidationError) as refused:
        parse(vocabulary, sources)
    assert [p.field for p in refused.value.problems] == ["kind", "concepts", "words"]


@pytest.mark.parametrize("name,content,problem", [
    ("vocabulary.json", None, "vocabulary.json, file: is missing"),
    ("vocabulary.json", "{\n  \"campaign\": ,\n}", "vocabulary.json line 2, file: is not valid JSON"),
    ("sources.json", "[]", "sources.json, file: must hold a JSON object"),
])
def test_a_file_that_is_missing_or_not_an_object_is_refused(tmp_path: Path, name: str, content: str | None,
                                                            problem: str) -> None:
    for file in ("vocabulary.json", "sources.json"):
        (tmp_path / file).write_text((DATA_DIR / file).read_text(encoding="utf-8"), encoding="utf-8")
    if content is None:
        (tmp_path / name).unlink()
    else:
        (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(ValidationError) as refused:
        load(tmp_path)
    assert problem in str(refused.value)
