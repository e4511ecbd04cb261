from bot.domain.service import Tally
from bot.domain.text import MAX_QUESTION_CHARS, normalize


def test_normalize_folds_case_punctuation_emoji_and_repeats() -> None:
    assert normalize("  CIVILIANS   civilians since Nov. 2016?!! 🙏 ") == "civilians since nov 2016"
    assert normalize("The Coalition’s count") == "the coalition count"
    assert normalize("nov '16") == "nov 2016"
    assert normalize("x" * 5000) == "x" * MAX_QUESTION_CHARS


def test_aliases_win_longest_first(seeded: Tally) -> None:
    reading = seeded.refresh().lexicon.read("strikes where no civilians died")
    assert ("concept", "no_evidence") in [m.ref for m in reading.matches]


def test_typos_are_read_as_the_nearest_word_with_a_clear_winner(seeded: Tally) -> None:
    reading = seeded.refresh().lexicon.read("civilans killd")
    assert {m.ref for m in reading.matches} == {("metric", "civilian_deaths")}
    assert reading.corrections() == [("civilans killd", "civilians killed")]
    reading = seeded.refresh().lexicon.read("airwar sorites")
    assert {m.ref for m in reading.matches} >= {("reporter", "airwars"), ("concept", "strike")}


def test_unknown_words_are_shown_back_not_guessed(seeded: Tally) -> None:
    reading = seeded.refresh().lexicon.read("civilian deaths in narnia")
    assert reading.ignored == ["narnia"] and reading.unknown_places == ["narnia"]
