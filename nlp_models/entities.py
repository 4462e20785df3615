"""Entity rules: shapes by regex over the text, names by spaCy's EntityRuler.

Why two mechanisms: amounts, periods, diarienummer and Kolada ids are character shapes that the tokenizer cuts
in different places ("SCN-2020-00608" is one token, "SN 2019/0055" two, "2021-2024" three, "2021–2024" one), so
one compiled regex pass over `doc.text` finds them whatever the tokenization and costs little. Committee and
municipality names are closed lists with canonical ids, which is what the EntityRuler's phrase matcher is for.
`plantrace_shapes` runs after the ruler and keeps the longest span where they overlap ("SN 2019/0055" beats
the committee "SN").
"""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry

from .places import municipalities, regions, rows

DATA = Path(__file__).resolve().parent / "data"

LABELS = ("COMMITTEE", "MUNICIPALITY", "REGION", "AMOUNT", "YEAR", "PERIOD", "DATE", "PERCENT", "TARGET",
          "AGE_GROUP", "KPI", "DIARIENUMMER")

_NUM = r"-?\d{1,3}(?:[ \u00a0]\d{3})+(?:[,.]\d+)?|-?\d+(?:[,.]\d+)?"
_DASH = r"\s?[–—-]\s?"
_YEAR = r"(?:19|20)\d{2}"
_MONTH = (r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
          r"jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?")
_GROUP = r"(?:[Bb]arn|[Uu]ngdomar|[Uu]nga vuxna|[Uu]nga|[Vv]uxna|[Ee]lever|[Pp]ersoner|[Ää]ldre|[Ff]lickor|[Pp]ojkar|[Ii]nvånare)"
_QUAL = r"(?:[Mm]inst|[Hh]ögst|[Mm]ax(?:imalt)?|[Mm]in\.|[Ll]ägst|[Öö]ver|[Uu]nder|[Mm]er än|[Mm]indre än)"
_AGE = (r"(?:(?:från\s+)?\d{1,2}\s?[–—-]\s?\d{1,3}\s+år|(?:över|under|från)\s+\d{1,3}\s+år|\d{1,3}\s+år(?=\s+och\s+(?:äldre|uppåt|yngre)))"
        r"\b(?:\s+och\s+(?:äldre|uppåt|yngre))?")
_UNIT = (r"(?:miljoner kronor|miljarder kronor|tusen kronor|mnkr|mdkr|mkr|Mkr|MSEK|msek|tkr|Tkr|TSEK|kronor|kr|SEK|"
         r"miljoner|miljarder)")

# (label, pattern); the longest match wins, ties go to the earlier rule
SHAPES: list[tuple[str, re.Pattern]] = [
    ("DIARIENUMMER", re.compile(r"\b[A-ZÅÄÖ]{1,5}-(?:19|20)\d{2}-\d{3,6}\b")),
    ("DIARIENUMMER", re.compile(rf"\b(?:[Dd]nr\.?:?\s*)?[A-ZÅÄÖ]{{1,5}}\s{_YEAR}/\d{{1,5}}(?:[-:]\d+)?\b")),
    ("DIARIENUMMER", re.compile(rf"\b(?:[Dd]nr\.?:?\s*)?{_YEAR}/\d{{1,5}}\b")),
    ("DIARIENUMMER", re.compile(r"\b[Dd]nr\.?:?\s*[A-ZÅÄÖ]{0,5}[\s-]?\d{2,4}[/:.-]\d{1,6}(?:[-/]\d+)?\b")),
    ("KPI", re.compile(r"\b[NU]\d{5}\b")),
    ("DATE", re.compile(rf"\b{_YEAR}-[01]\d-[0-3]\d\b")),
    ("DATE", re.compile(rf"\b\d{{1,2}}/\d{{1,2}}[-–]{_YEAR}\b")),
    ("DATE", re.compile(rf"\b\d{{1,2}}(?:[–-]\d{{1,2}})?\s+{_MONTH}(?:\s+{_YEAR})?(?!\w)")),
    ("AMOUNT", re.compile(rf"(?<![\w,.])(?:{_NUM})(?:{_DASH}(?:{_NUM}))?\s?{_UNIT}\b")),
    ("TARGET", re.compile(rf"\b{_QUAL}\s+(?:{_NUM})(?:{_DASH}(?:{_NUM}))?\s?(?:%|procent(?:enheter)?)")),
    ("TARGET", re.compile(r"\b(?:[Mm]inst|[Hh]ögst|[Öö]ver|[Uu]nder)\s+(?:NKI|NMI|HME|[Ii]ndex)\s+\d+(?:[,.]\d+)?")),
    ("PERCENT", re.compile(rf"(?<![\w,.])(?:{_NUM})(?:{_DASH}(?:{_NUM}))?\s?(?:%|procent(?:enheter)?)")),
    # age groups: anchored at the group word, at "i åldern" or at the first digit (an optional prefix group would
    # be tried at every character of the text)
    ("AGE_GROUP", re.compile(rf"\b{_GROUP}\s+(?:i\s+åldern\s+)?{_AGE}")),
    ("AGE_GROUP", re.compile(rf"\bi\s+åldern\s+{_AGE}")),
    ("AGE_GROUP", re.compile(rf"(?<![\d–-]){_AGE}")),
    ("PERIOD", re.compile(rf"\b[Bb]udget\s+{_YEAR}\s+med\s+plan\s+{_YEAR}(?:{_DASH}{_YEAR})?\b")),
    ("PERIOD", re.compile(rf"\b{_YEAR}{_DASH}{_YEAR}\b")),
    ("PERIOD", re.compile(rf"\b{_YEAR}/(?:\d{{2}}|{_YEAR})\b")),
    ("PERIOD", re.compile(
        rf"\b(?:[Hh]elår(?:et)?|[Dd]elår(?:et)?|[Tt]ertial(?:et)?|[Kk]vartal(?:et)?|[Hh]alvår(?:et)?|[Åå]rsbokslut(?:et)?|"
        rf"[Bb]okslut(?:et)?|[Vv]erksamhetsår(?:et)?|[Bb]udgetår(?:et)?|[Bb]udget|[Pp]lan|[Mm]ål och budget)"
        rf"\s+(?:\d\s+)?{_YEAR}(?:{_DASH}{_YEAR})?\b")),
    ("PERIOD", re.compile(r"\b(?:[Dd]elår|[Tt]ertial|[Kk]vartal)\s+[1-4]\b")),
    ("PERIOD", re.compile(rf"\bT[1-3](?:\s+{_YEAR})?\b")),
    ("PERIOD", re.compile(rf"\b(?:första|andra|tredje|fjärde|sista)\s+(?:halvåret|kvartalet|tertialet)(?:\s+{_YEAR})?\b")),
    ("COMMITTEE", re.compile(r"\b(?:[A-ZÅÄÖa-zåäö]+-\s(?:och|samt)\s)?[A-ZÅÄÖa-zåäö]{3,}nämnd(?:en|ens)\b")),
    ("YEAR", re.compile(rf"(?<![\d/:.,-]){_YEAR}(?![\d/:]|-\d|,\d)")),
]


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc and shared by the components (spaCy rebuilds it on every access)."""
    cached = doc.user_data.get("plantrace_text")
    if cached is None or cached[0] != len(doc):  # (n tokens, text): a retokenised Doc gets a fresh copy
        cached = doc.user_data["plantrace_text"] = (len(doc), doc.text)
    return cached[1]


def _shape_id(label: str, text: str) -> str:
    """A canonical id where one is cheap: periods as 'YYYY-YYYY', free committee names in their base form."""
    if label == "PERIOD":
        years = re.findall(r"(?:19|20)\d{2}|(?<=/)\d{2}\b", text)
        if len(years) == 2:
            end = years[1] if len(years[1]) == 4 else years[0][:2] + years[1]
            return f"{years[0]}-{end}"
    if label == "COMMITTEE":
        base = text[:-1] if text.endswith("ens") else text
        return base[:1].upper() + base[1:]
    return ""


def shape_spans(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, label, id) of the non-overlapping shape matches in `text`, longest first."""
    found: list[tuple[int, int, int, str]] = []
    for rank, (label, pattern) in enumerate(SHAPES):
        for m in pattern.finditer(text):
            if "/" in m.group() and re.fullmatch(r"\d{4}/\d+", m.group()):
                if (label == "PERIOD") != _consecutive(m.group()):
                    continue  # 2012/36 is a diarienummer, 2020/21 a period
            found.append((m.start(), m.end(), rank, label))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken = bytearray(len(text))  # characters already inside a kept span
    out: list[tuple[int, int, str, str]] = []
    for start, end, _rank, label in found:
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        out.append((start, end, label, _shape_id(label, text[start:end])))
    return sorted(out)


def _consecutive(text: str) -> bool:
    first, second = text.split("/")[:2]
    second = second[-2:]
    return int(second) == (int(first) + 1) % 100


@Language.factory("plantrace_shapes", default_config={"labels": list(LABELS)})
def make_shapes(nlp: Language, name: str, labels: list[str]) -> "ShapeEntities":
    return ShapeEntities(labels)


class ShapeEntities:
    """Adds the regex shape entities to `doc.ents`, keeping the longest span where they meet existing ones."""

    def __init__(self, labels: list[str]):
        self.labels = tuple(dict.fromkeys(labels))  # ordered, so that meta.json is the same on every build
        self._wanted = frozenset(self.labels)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for start, end, label, ident in shape_spans(doc_text(doc)):
            if label in self._wanted:
                span = doc.char_span(start, end, label=label, alignment_mode="expand", span_id=ident or 0)
                if span is not None:
                    spans.append(span)
        if spans:
            kept = filter_spans([Span(doc, e.start, e.end, label=e.label, span_id=e.ent_id) for e in doc.ents] + spans)
            for token in doc:
                token.ent_id = 0  # a shape that swallows a named entity ("SN 2019/0055") must not keep its id
            doc.ents = kept
        return doc


AMBIGUOUS_MUNICIPALITIES = {"Berg", "Mark", "Vara", "Kil", "Ale", "Nora", "Salem"}  # common words: only "X kommun"


def _genitive(name: str) -> str:
    return name if name[-1] in "sxz" else name + "s"


@registry.misc("plantrace.entity_patterns.v1")
def entity_patterns(data_dir: str = "") -> list[dict]:
    """EntityRuler phrase patterns for committees, municipalities and regions, each with its canonical id."""
    data = Path(data_dir) if data_dir else DATA
    patterns: list[dict] = []

    def add(label: str, ident: str, *texts: str) -> None:
        for text in dict.fromkeys(t for t in texts if t):
            patterns.append({"label": label, "pattern": text, "id": ident})

    for row in rows(data / "committees.tsv"):
        name, abbrevs, others = (row + ["", ""])[:3]
        for form in [name] + [o for o in others.split(",") if o]:
            lower = form[:1].lower() + form[1:]
            indefinite = form[:-2] if form.endswith("nämnden") else ""
            add("COMMITTEE", name, form, _genitive(form), lower, _genitive(lower), indefinite,
                indefinite[:1].lower() + indefinite[1:])
        for abbrev in abbrevs.split(","):
            add("COMMITTEE", name, abbrev.strip())
    for name in municipalities(data):
        forms = [f"{name} kommun", f"{name} kommuns", f"{name} Kommun", f"{name} Kommuns", f"{_genitive(name)} kommun"]
        if name not in AMBIGUOUS_MUNICIPALITIES:
            forms += [name, _genitive(name)]
        add("MUNICIPALITY", name, *forms)
    for region, county in regions(data):
        add("REGION", f"Region {region}", f"Region {region}", f"{county} län", f"{county} läns")
    return patterns
