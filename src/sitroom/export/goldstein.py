"""The Goldstein conflict–cooperation score of a CAMEO event code, for the GDELT-style export.

Goldstein (1992) weighted each WEIS event category from -10 (most conflictual) to +10 (most cooperative);
the CAMEO codebook carried those weights over to CAMEO's codes, and GDELT and ICEWS publish every event
with that value (GDELT's ``GoldsteinScale``). The table below holds the published values for CAMEO's 20
root codes and their three-digit base codes, plus the four four-digit codes whose value differs from their
base; any other code takes its base's value, then its root's. Sources are cited in ``docs/ontology.md``
("Exports").

    >>> goldstein("190"), goldstein("0874"), goldstein("1712")
    (-10.0, 10.0, -9.2)
"""

from __future__ import annotations

_ROWS = """
01 0    010 0    011 -0.1 012 -0.4 013 0.4  014 0    015 0    016 -5   017 0    018 3.4  019 3.4
02 3    020 3    021 3.4  022 3.4  023 3.4  024 -0.3 025 -0.3 026 4    027 4    028 4
03 4    030 4    031 5.2  032 4.5  033 5.2  034 7    035 7    036 4    037 5    038 7    039 5    0334 6
04 1    040 1    041 1    042 1.9  043 2.8  044 2.5  045 5    046 7
05 3.5  050 3.5  051 3.4  052 3.5  053 3.8  054 6    055 7    056 7    057 8
06 6    060 6    061 6.4  062 7.4  063 7.4  064 7
07 7    070 7    071 7.4  072 8.3  073 7.4  074 8.5  075 7
08 5    080 5    081 5    082 5    083 5    084 7    085 7    086 9    087 9    0874 10
09 -2   090 -2   091 -2   092 -2   093 -2   094 -2
10 -5   100 -5   101 -5   102 -5   103 -5   104 -5   105 -5   106 -5   107 -5   108 -5
11 -2   110 -2   111 -2   112 -2   113 -2   114 -2   115 -2   116 -2
12 -4   120 -4   121 -4   122 -4   123 -4   124 -4   125 -5   126 -5   127 -5   128 -5   129 -5
13 -6   130 -4.4 131 -5.8 132 -5.8 133 -5.8 134 -5.8 135 -5.8 136 -7   137 -7   138 -7   139 -7
14 -6.5 140 -6.5 141 -6.5 142 -6.5 143 -6.5 144 -7.5 145 -7.5
15 -7.2 150 -7.2 151 -7.2 152 -7.2 153 -7.2 154 -7.2
16 -4   160 -4   161 -4   162 -5.6 163 -8   164 -6.5 165 -7   166 -7
17 -7   170 -7   171 -9.2 172 -5   173 -5   174 -5   175 -9
18 -9   180 -9   181 -9   182 -9.5 183 -10  184 -8   185 -8   186 -10  1821 -9  1822 -9  1823 -10
19 -10  190 -10  191 -9.5 192 -9.5 193 -10  194 -10  195 -10  196 -9.5
20 -10  200 -10  201 -9.5 202 -10  203 -10  204 -10
"""

GOLDSTEIN: dict[str, float] = {
    code: float(value)
    for line in _ROWS.strip().splitlines()
    for code, value in zip(line.split()[::2], line.split()[1::2], strict=True)
}


def goldstein(cameo: str | None) -> float | None:
    """The score of the most specific known prefix of ``cameo`` (4, 3, then 2 digits); None if unknown."""
    if not cameo:
        return None
    for length in (4, 3, 2):
        if len(cameo) >= length and cameo[:length] in GOLDSTEIN:
            return GOLDSTEIN[cameo[:length]]
    return None


def cameo_quad_class(cameo: str | None) -> int | None:
    """GDELT's QuadClass from the CAMEO root: 01–05 verbal cooperation (1), 06–08 material cooperation
    (2), 09–13 verbal conflict (3), 14–20 material conflict (4)."""
    if not cameo or not cameo[:2].isdigit():
        return None
    root = int(cameo[:2])
    if 1 <= root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4 if root <= 20 else None
