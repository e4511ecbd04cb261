"""The places an incident question can name: the data's twelve town groups and the governorates, in English
and Arabic, and the places the records do not cover (Iraq), so those get an honest "Syria only".

Town spellings are the data's own groups (see the data's README, "Town groups"), plus the usual
transliterations people type. Arabic names are compared after `fold_arabic`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    name: str
    """As the records hold it: `place_group` for a town, `governorate` for a province."""
    arabic: str
    kind: str
    """"town" or "governorate"."""
    spellings: tuple[str, ...]


TOWNS = (
    Place("Raqqa", "الرقة", "town", ("raqqa", "raqqah", "ar raqqah", "ar raqqa", "ar-raqqah", "ar-raqqa", "raqqa city",
                                     "al raqqa", "rakka", "al-raqqa", "raqa", "ar raqa", "ar-raqa", "al raqa",
                                     "al-raqa")),
    Place("Tabqa", "الطبقة", "town", ("tabqa", "tabaqah", "tabaqa", "al tabaqa", "al tabqah", "al tabqa", "tabqah",
                                      "al-thawrah", "al thawrah", "thawra")),
    Place("Mayadin", "الميادين", "town", ("mayadin", "al mayadin", "al-mayadin", "mayadeen", "al mayadeen")),
    Place("Al Soussa", "السوسة", "town", ("al soussa", "soussa", "sussah", "al sousse", "all soussa", "sousa",
                                          "al susa", "susa", "al-soussa")),
    Place("Baghouz", "الباغوز", "town", ("baghouz", "al baghouz", "bagouz", "al bagouz", "baghuz", "al-baghouz",
                                         "baghouz fawqani", "al baghouz tahtani")),
    Place("Manbij", "منبج", "town", ("manbij", "menbij", "manbej", "munbij")),
    Place("Abu Kamal", "البوكمال", "town", ("abu kamal", "al bukamal", "bukamal", "albukamal", "abo kamal",
                                            "abukamal", "al-bukamal", "boukamal")),
    Place("Hajin", "هجين", "town", ("hajin", "hajeen")),
    Place("Al Sha'afa", "الشعفة", "town", ("al sha'afa", "al shaafa", "al shafa", "shaafa", "sha'afa", "shafa",
                                           "al-shaafa")),
    Place("Al Mansoura", "المنصورة", "town", ("al mansoura", "mansoura", "al-mansoura", "mansura", "al mansura")),
    Place("Al-Bab", "الباب", "town", ("al-bab", "al bab")),
    Place("Shadadi", "الشدادي", "town", ("shadadi", "al shadadi", "shaddadi", "al-shaddadi", "al shaddadi",
                                         "al-shadadi")),
)

GOVERNORATES = (
    Place("Raqqa", "الرقة", "governorate", ()),  # named as a town; "Raqqa province" reads the governorate
    Place("Deir ez-Zor", "دير الزور", "governorate", ("deir ez-zor", "deir ez zor", "deir ezzor", "deir al-zour",
                                                       "deir al zour", "deir el-zor", "deir ezzor province",
                                                       "dayr az zawr", "deir azzor", "deir ez-zur", "deir-ez-zor",
                                                       "deir zor", "deirezzor")),
    Place("Aleppo", "حلب", "governorate", ("aleppo", "halab")),
    Place("Al-Hasakah", "الحسكة", "governorate", ("al-hasakah", "hasakah", "al hasakah", "hasaka", "hassakeh",
                                                  "al-hasakeh", "hasakeh", "al hasaka")),
    Place("Idlib", "إدلب", "governorate", ("idlib", "idleb")),
    Place("Homs", "حمص", "governorate", ("homs",)),
    Place("Daraa", "درعا", "governorate", ("daraa", "dara'a", "deraa", "dar'a")),
    Place("Damascus", "دمشق", "governorate", ("damascus",)),
    Place("Rif Dimashq", "ريف دمشق", "governorate", ("rif dimashq", "rural damascus", "damascus countryside")),
    Place("Hama", "حماة", "governorate", ("hama",)),
)

SYRIA = ("syria", "syrian", "سوريا", "سورية")

IRAQ = ("iraq", "iraqi", "mosul", "west mosul", "east mosul", "fallujah", "falluja", "ramadi", "tal afar", "tikrit",
        "baghdad", "kirkuk", "anbar", "al qaim", "qaim", "haditha", "sinjar", "nineveh", "ninawa", "erbil",
        "العراق", "الموصل", "الفلوجة", "الرمادي", "بغداد", "تلعفر", "تكريت", "كركوك", "الانبار", "القائم")
"""Places in Iraq. The records are Syria's: for these, the answer says so instead of a number."""

PROVINCE_WORDS = ("province", "governorate", "region", "countryside", "محافظة", "ريف")
