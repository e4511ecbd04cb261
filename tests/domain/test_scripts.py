import pytest

from bot.domain.scripts import fold_arabic, has_arabic


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("الرقّة", "الرقه"),  # shadda dropped, ta marbuta -> ha
        ("الرقة", "الرقه"),
        ("إيروورز", "ايروورز"),  # hamza below
        ("أيروورز", "ايروورز"),  # hamza above
        ("آمرلي", "امرلي"),  # madda
        ("منبـــج", "منبج"),  # tatweel
        ("مدنيًا", "مدنيا"),  # tanwin
        ("على", "علي"),  # alef maqsura
        ("٢٠١٦", "2016"),
        ("۲۰۱۶", "2016"),
        ("كم؟", "كم?"),
        ("since nov 2016", "since nov 2016"),
    ],
)
def test_fold_arabic(typed: str, folded: str) -> None:
    assert fold_arabic(typed) == folded


def test_has_arabic() -> None:
    assert has_arabic("كم مدنيا")
    assert not has_arabic("combien de civils")
