"""Display names for a figure's keys, looked up in the vocabulary."""

from __future__ import annotations

from bot.domain.models import Figure, Vocabulary


def figure_names(figure: Figure, vocabulary: Vocabulary) -> dict[str, str]:
    metric = vocabulary.term("metric", figure.metric)
    return {
        "reporter": vocabulary.label("reporter", figure.reporter),
        "metric": metric.label if metric else figure.metric,
        "unit": (metric.unit or metric.label) if metric else figure.metric,
        "actor": vocabulary.label("actor", figure.actor),
        "place": vocabulary.label("place", figure.place),
    }
