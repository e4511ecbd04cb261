"""Reading a question into its parts, kind and words read or not: the vocabulary of data/, no store."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain import vocabulary_files
from bot.domain.lexicon import Lexicon
from bot.domain.reading import Part, Reader
from bot.domain.text import MAX_QUESTION_CHARS, normalize, question_sentences
from tests.conftest import DATA_DIR

TODAY = date(2026, 11, 23)
REPORT = date(2017, 4, 30)
VOCABULARY = vocabulary_files.load(DATA_DIR)
METRICS = frozenset({"civilian_deaths", "strikes", "strikes_no_civcas", "civcas_incidents",
                     "incidents_under_assessment"})
READER = Reader(VOCABULARY, Lexicon(VOCABULARY), {"cjtf-oir": METRICS, "airwars": frozenset({"civilian_deaths"})},
                lambda: TODAY, REPORT)


def part(question: str) -> Part:
    [only] = READER.read(question).parts
    return only


@pytest.mark.parametrize("question,kind,metrics,reporters", [
    ("civilians since Nov 2016", "figure", ("civilian_deaths",), ()),
    ("by how much does the airwars count exceed the coalition's", "comparison", ("civilian_deaths",),
     ("cjtf-oir", "airwars")),
    ("gap between cjtf-oir and airwars civilian figures", "comparison", ("civilian_deaths",), ("cjtf-oir", "airwars")),
    ("is the 352 an exact count?", "figure_by_number", (), ()),
    ("20205 sorties is that right", "figure_by_number", ("strikes",), ()),
    ("who are airwars", "about_source", ("civilian_deaths",), ("airwars",)),
    ("what does cjtf-oir stand for", "about_source", METRICS, ("cjtf-oir",)),
    ("show me every figure you have", "list", (), ()),
    ("all the incident figures", "list", ("incidents_under_assessment", "civcas_incidents"), ()),
    ("hey there", "chit_chat", (), ()),
    ("thank you!", "chit_chat", (), ()),
    ("what time is it", "chit_chat", (), ()),
    ("zzzz qqqq", "figure", (), ()),
    ("Wie viele Einsätze hat die Koalition geflogen?", "figure", ("strikes",), ()),
    ("nombre de civils tués selon airwars", "figure", ("civilian_deaths",), ("airwars",)),
    ("¿cuántas incidencias siguen bajo evaluación?", "figure", ("incidents_under_assessment",), ()),
    ("حسب ايروورز كم عدد الضحايا المدنيين", "figure", ("civilian_deaths",), ("airwars",)),
    ("how many civilians does the coalition say its strikes killed", "figure", ("civilian_deaths",), ("cjtf-oir",)),
    ("airwars and the coalition", "figure", ("civilian_deaths",), ("cjtf-oir", "airwars")),
    ("airwars count of coalition civilian deaths", "figure", ("civilian_deaths",), ("airwars",)),
    # an English word is not taken for a near miss of another language's ("fall" is not German "Fälle")
    ("civilian deaths since the fall of mosul", "figure", ("civilian_deaths",), ()),
    ("airwars vs coalition which one is more credible", "comparison", ("civilian_deaths",), ("cjtf-oir", "airwars")),
])
def test_each_kind_of_question(question: str, kind: str, metrics: tuple[str, ...] | frozenset[str],
                               reporters: tuple[str, ...]) -> None:
    read = part(question)
    assert read.kind == kind
    assert set(read.metrics) == set(metrics)
    assert read.reporters == reporters


@pytest.mark.parametrize("question,metrics", [
    ("how many sorties and how many incidents are still being assessed",
     [("strikes",), ("incidents_under_assessment",)]),
    ("civilian deaths and strikes with no evidence of casualties", [("civilian_deaths",), ("strikes_no_civcas",)]),
    ("sorties? civilian deaths since nov 2016?", [("strikes",), ("civilian_deaths",)]),
    ("give me the sorties, the civilian deaths and the incidents still under assessment",
     [("strikes",), ("civilian_deaths",), ("incidents_under_assessment",)]),
    ("1) how many sorties 2) how many civilians did airwars count", [("strikes",), ("civilian_deaths",)]),
    ("total sorties vs total incidents", [("strikes",), ("incidents_under_assessment", "civcas_incidents")]),
    ("كم عدد الطلعات وكم حادثة قيد التقييم", [("strikes",), ("incidents_under_assessment",)]),
    # one question, however many "and"s
    ("incidents with civilian casualties between nov 2016 and march 2017", [("civcas_incidents",)]),
    ("civilian deaths in iraq and syria", [("civilian_deaths",)]),
    ("airwars and cjtf-oir civilian deaths", [("civilian_deaths",)]),
])
def test_a_message_is_split_only_where_each_side_asks_its_own_figure(question: str,
                                                                    metrics: list[tuple[str, ...]]) -> None:
    assert [p.metrics for p in READER.read(question).parts] == metrics


def test_a_period_said_once_holds_for_every_part_of_the_sentence() -> None:
    parts = READER.read("civilian deaths and strikes since 2016").parts
    assert [str(p.period.start) for p in parts if p.period] == ["2016", "2016"]
    sentences = READER.read("sorties? civilian deaths since nov 2016?").parts
    assert sentences[0].period is None
    assert sentences[1].period is not None and str(sentences[1].period.start) == "2016-11"


def test_it_refers_back_to_the_actor_of_the_part_before() -> None:
    question = "How many sorties has the coalition flown? Also, how many civilians does it admit killing?"
    parts = READER.read(question).parts
    assert parts[1].reporters == ("cjtf-oir",)


@pytest.mark.parametrize("question,unread", [
    ("civilians killed by the french air force", [("french", "nationality"), ("air force", "weapon")]),
    ("civilian deaths from australian jets", [("australian", "nationality"), ("jets", "weapon")]),
    ("civilian deaths according to human rights watch", [("human rights watch", "source")]),
    ("civilian death toll according to the UN", [("un", "source")]),
    ("civilians killed per month on average", [("per month", "arithmetic"), ("average", "arithmetic")]),
    ("how many civilians were killed per sortie", [("per sortie", "arithmetic")]),
    ("how many taliban did the coalition kill", [("taliban", "group")]),
    ("civilian deaths at night", [("night", "time")]),
    ("civilian deaths in Narnia", [("narnia", "place")]),
    ("civilian deaths caused by Wagner", [("wagner", "name")]),
    # filler and politeness change nothing
    ("hey guys, I was wondering, how many civilians were killed please lol", []),
    ("civilian deaths according to airwars", []),
])
def test_words_not_read_are_kept_with_what_they_seem_to_be(question: str, unread: list[tuple[str, str]]) -> None:
    assert [(u.text, u.what) for u in part(question).unread] == unread


def test_words_are_shown_as_typed_never_mangled() -> None:
    read = part("¿cuántos muertos civiles según Señor X?")
    assert [(u.text, u.what) for u in read.unread] == [("señor x", "source")]
    assert [(u.text, u.what) for u in part("¿cuántos civiles muertos en Alepo?").unread] == [("alepo", "place")]
    assert normalize("Évaluation d'incidents à Mossoul") == "évaluation incidents à mossoul"


@pytest.mark.parametrize("question,start,end", [
    ("civs since 11/16", "2016-11", None),
    ("civilians killed since nov '16", "2016-11", None),
    ("since nov 16", "2016-11", None),
    ("incidents from november to march", "2016-11", "2017-03"),
    ("civilians killed since the first of November 2016", "2016-11-01", None),
    ("civils tués depuis le 1er novembre 2016", "2016-11-01", None),
    ("muertes civiles desde noviembre de 2016", "2016-11", None),
    ("Zivilisten getötet seit November 2016", "2016-11", None),
    ("كم مدنيا قتل منذ نوفمبر 2016", "2016-11", None),
    ("كم مدنيًا قتل منذ تشرين الثاني 2016", "2016-11", None),
    ("incidents entre noviembre de 2016 y marzo de 2017", "2016-11", "2017-03"),
])
def test_dates_as_people_write_them(question: str, start: str, end: str | None) -> None:
    period = part(question).period
    assert period is not None
    assert str(period.start) == start and (str(period.end) if period.end else None) == end


def test_a_future_date_is_a_problem_not_a_reading() -> None:
    assert part("civilian deaths next month").date_problem


def test_a_long_post_is_read_for_its_question_sentence_with_bounded_work() -> None:
    rant = "I am tired of the arguments about strikes and sorties and civilians in every thread. " * 40
    asked = "Anyway, what I want to know is simple: how many incidents is the coalition still looking into? "
    post = rant + asked + rant
    assert len(post) > 4000
    assert question_sentences(post) == "how many incidents is the coalition still looking into?"
    assert part(post).metrics == ("incidents_under_assessment",)
    assert len(question_sentences("x " * 10_000)) <= MAX_QUESTION_CHARS


@pytest.mark.parametrize("question,metrics", [
    ("كم حادثة قيد التقييم", ("incidents_under_assessment",)),
    ("كم حادثه قيد التقييم", ("incidents_under_assessment",)),
    ("والغارات الجوية", ("strikes",)),
    ("كم مدنيًا قُتل", ("civilian_deaths",)),
])
def test_arabic_articles_conjunctions_and_spellings_are_read(question: str, metrics: tuple[str, ...]) -> None:
    read = part(question)
    assert read.metrics == metrics and not read.unread


def test_a_short_message_of_several_sentences_is_read_for_its_question() -> None:
    message = ("My teacher said the coalition never killed anyone. I know that's wrong but I need a number. "
               "What is the coalition's own count of civilian deaths? Thanks!")
    read = part(message)
    assert read.metrics == ("civilian_deaths",) and read.reporters == ("cjtf-oir",) and not read.unread
    # A question sentence that names nothing on its own keeps the sentences around it.
    assert READER.read("Civilian deaths in Iraq. Since 2016?").parts[0].metrics == ("civilian_deaths",)


@pytest.mark.parametrize("message", ["How many civilians died? The French ones.",
                                     "Wie viele Vorfälle werden noch geprüft? Xylophor"])
def test_a_narrowing_word_around_a_short_question_is_never_dropped(message: str) -> None:
    assert part(message).unread


@pytest.mark.parametrize("message", ["civilian deaths? airwars", "civilian deaths? according to airwars"])
def test_a_reporter_beside_a_short_question_is_read_with_it(message: str) -> None:
    assert part(message).reporters == ("airwars",)


@pytest.mark.parametrize("message,said", [
    # Beside the question sentence, a place, an actor, a year or another metric is read, never dropped as talk.
    ("civilian deaths? civilian deaths in mosul", [("civilian_deaths", "mosul", None, None)]),
    ("civilian deaths? civilian deaths in yemen", [("civilian_deaths", "yemen", None, None)]),
    ("How many civilians died? The Russians did it.", [("civilian_deaths", None, "russia", None)]),
    ("civilian deaths? in 2016", [("civilian_deaths", None, None, "2016")]),
    ("civilian deaths? strikes", [("civilian_deaths", None, None, None), ("strikes", None, None, None)]),
    ("civilian deaths? since november", [("civilian_deaths", None, None, "2016-11")]),
])
def test_what_a_short_question_is_about_is_read_from_the_sentences_beside_it(
        message: str, said: list[tuple[str, str | None, str | None, str | None]]) -> None:
    parts = READER.read(message).parts
    assert [(p.metrics[0] if len(p.metrics) == 1 else p.metrics, p.place, p.actor,
             str(p.period.start) if p.period and p.period.start else None) for p in parts] == said


# -- the classes of question found failing on unseen questions (issue 9, second round) -------------------------

@pytest.mark.parametrize("question,metrics", [
    # joined by "+", by a comma, by full stops, by a sentence that opens with "and"
    ("sorties flown + incidents under review", [("strikes",), ("incidents_under_assessment",)]),
    ("civilians killed+strikes with zero civilian deaths", [("civilian_deaths",), ("strikes_no_civcas",)]),
    ("number of sorties. civilians dead according to airwars.", [("strikes",), ("civilian_deaths",)]),
    ("how many strikes were there. and how many civilians did airwars count.", [("strikes",), ("civilian_deaths",)]),
    # words joined by hyphens are read one by one when no alias names them whole
    ("still-under-review incidents, and airwars civilian deaths", [("incidents_under_assessment",),
                                                                  ("civilian_deaths",)]),
    ("combien de sorties + combien d'incidents en cours d'examen", [("strikes",), ("incidents_under_assessment",)]),
    ("cuántas salidas. cuántos civiles muertos según airwars.", [("strikes",), ("civilian_deaths",)]),
    ("Anzahl der Einsätze + zivile Opfer laut Airwars", [("strikes",), ("civilian_deaths",)]),
    ("كم غارة + كم مدني قتل حسب ايروورز", [("strikes",), ("civilian_deaths",)]),
    # "nov. 2016" and "u.s." end no sentence
    ("combien de civils tués depuis déc. 2016 et combien d'incidents sont encore évalués",
     [("civilian_deaths",), ("incidents_under_assessment",)]),
    ("civilians killed by u.s. strikes since nov. 2016", [("civilian_deaths",)]),
])
def test_several_questions_however_they_are_joined(question: str, metrics: list[tuple[str, ...]]) -> None:
    assert [p.metrics for p in READER.read(question).parts] == metrics


def test_an_abbreviation_keeps_its_period_in_its_part() -> None:
    first, second = READER.read("civils tués depuis nov. 2016 et combien d'incidents encore évalués").parts
    assert first.period is not None
    assert str(first.period.start) == "2016-11" and not first.unread and not second.unread


@pytest.mark.parametrize("question,kind,reporters", [
    # comparisons as arithmetic or said in passing
    ("what's airwars' count divided by the coalition's count", "comparison", ("cjtf-oir", "airwars")),
    ("the coalition admits far fewer deaths than airwars, how many fewer", "comparison", ("cjtf-oir", "airwars")),
    ("airwars reckons way more civilians died than cjtf-oir, by how much?", "comparison", ("airwars", "cjtf-oir")),
    ("le chiffre d'airwars divisé par celui de la coalition", "comparison", ("cjtf-oir", "airwars")),
    ("¿por cuánto supera airwars a la coalición en muertes civiles?", "comparison", ("cjtf-oir", "airwars")),
    ("Airwars-Zahl geteilt durch die Zahl der Koalition", "comparison", ("cjtf-oir", "airwars")),
    ("بكم يزيد رقم ايروورز عن رقم التحالف", "comparison", ("cjtf-oir", "airwars")),
    # every figure, asked loosely
    ("show all", "list", ()),
    ("give me all the stats", "list", ()),
    ("what data have you got", "list", ()),
    ("montre-moi tous les chiffres", "list", ()),
    ("muéstrame todo", "list", ()),
    ("zeig mir alles was du hast", "list", ()),
    ("ما هي كل الأرقام لديك", "list", ()),
    # a reporter asked about tersely, or where it is
    ("airwars = ?", "about_source", ("airwars",)),
    ("cjtf-oir=?", "about_source", ("cjtf-oir",)),
    ("where's airwars headquartered", "about_source", ("airwars",)),
    ("où est basé airwars ?", "about_source", ("airwars",)),
    ("¿dónde tiene su sede airwars?", "about_source", ("airwars",)),
    ("wo sitzt airwars?", "about_source", ("airwars",)),
    ("أين يقع مقر التحالف", "about_source", ("cjtf-oir",)),
])
def test_loosely_phrased_comparisons_lists_and_sources(question: str, kind: str, reporters: tuple[str, ...]) -> None:
    read = part(question)
    assert (read.kind, read.reporters, read.unread) == (kind, reporters, ())


@pytest.mark.parametrize("question", ["hi all", "thanks all", "cheers everyone", "thanks all, you have been great"])
def test_a_greeting_to_all_is_not_a_request_for_every_figure(question: str) -> None:
    assert part(question).kind == "chit_chat"


@pytest.mark.parametrize("question", [
    "deaths from 11.2016 on", "zivile Tote seit 11.2016", "muertes civiles desde el mes de noviembre de 2016",
    "منذ شهر تشرين الثاني ٢٠١٦ كم قتيل مدني", "civilian deaths since the month of november in the year 2016",
])
def test_a_month_written_with_a_dot_or_with_the_words_month_and_year(question: str) -> None:
    read = part(question)
    assert read.period is not None and str(read.period.start) == "2016-11" and read.period.mode == "since"
    assert read.metrics == ("civilian_deaths",) and not read.unread


def test_a_question_word_may_open_any_clause_of_a_sentence() -> None:
    message = "ok so, how many sorties were flown. and how many incidents are pending."
    assert [p.metrics for p in READER.read(message).parts] == [("strikes",), ("incidents_under_assessment",)]
    assert question_sentences("Long day. hey all, what did airwars count", short=True) == \
        "hey all, what did airwars count"
