"""How personal names are ordered: Chinese, Korean and Vietnamese names family name first.

"Zhou Enlai", "Kim Il Sung", "Ho Chi Minh" are stored as family and given names like any other
(family Zhou, given Enlai) and printed in their own order, uninverted, as CMOS and MLA require;
:func:`family_first` tells such a name from "Lee, Robert".
"""

from __future__ import annotations

import re

from quotecite.model import Name

#: family names of Chinese, Korean and Vietnamese people, who are written family name first
EAST_ASIAN_FAMILIES = {
    "zhou", "mao", "liu", "deng", "zhu", "peng", "chen", "li", "wang", "zhang", "yang", "huang",
    "zhao", "wu", "xu", "sun", "ma", "hu", "guo", "he", "gao", "lin", "luo", "zheng", "liang",
    "xie", "song", "tang", "han", "feng", "dong", "ye", "cheng", "cao", "yuan", "fu", "shen",
    "zeng", "su", "lu", "jiang", "cai", "jia", "ding", "wei", "xue", "yan", "yu", "pan", "du",
    "dai", "xia", "zhong", "tian", "ren", "fan", "fang", "shi", "yao", "tan", "liao", "zou",
    "xiong", "jin", "hao", "kong", "bai", "cui", "kang", "qiu", "qin", "gu", "hou", "shao",
    "meng", "long", "wan", "duan", "qian", "yin", "lai", "gong", "wen", "ji", "kim", "pak",
    "park", "choe", "choi", "ri", "lee", "chong", "jong", "cho", "yun", "jang", "ho", "nam",
    "mun", "ryu", "son", "hong", "ko", "kwon", "hwang", "nguyen", "tran", "pham", "hoang",
    "vo", "dang", "bui", "vu", "ngo", "le", "chiang", "soong",
}  # fmt: skip

#: a given name romanised from Chinese (pinyin, Wade–Giles) or Korean: syllables, not "Robert"
_SYLLABLE = r"(?:[bcdfghjklmnpqrstwxyz]{0,2}h?[aeiouüy]{1,3}(?:ng?|nh|r|l|k|m|p|t)?)"
_EAST_ASIAN_GIVEN = re.compile(rf"(?:{_SYLLABLE}{{1,3}})(?:[-\s]{_SYLLABLE}{{1,3}}){{0,2}}", re.I)


def family_first(name: Name) -> bool:
    """Is ``name`` written family name first ("Zhou Enlai")?"""
    return (
        bool(name.family and name.given)
        and name.family.casefold() in EAST_ASIAN_FAMILIES
        and "." not in name.given
        and _EAST_ASIAN_GIVEN.fullmatch(name.given) is not None
    )
