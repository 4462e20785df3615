"""One-off tool that proposed the role labels in data/roles.jsonl; kept so the labelling can be redone and audited.

    python -m plantrace.nlp_models.labelling /work/shared > /tmp/roles.proposed.jsonl

Why a tool and not hand typing: the corpus has about 1,000 units, most of them obvious (a gold goal, a table header,
a long narrative paragraph). The tool proposes a label for every unit — from the answer keys first, then from
layout rules — and the proposals were then read one by one and corrected in `CORRECTIONS` below (and the few
hand-written lines live in data/roles_written.jsonl). Training never runs this module: it reads the committed
JSONL, so the build does not depend on ../shared being present.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from rapidfuzz import fuzz

MARKUP = re.compile(r"\*\*|</?[bi]>|^#+\s*|\*")
BULLET = re.compile(r"^\s*(?:[•\-–*\uf000-\uf0ff]|[a-h][:)])\s+")
NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2}){0,4}\.?|\d{1,2}\))\s+(?=\S)")
TOC = re.compile(r"(?:\.{3,}\s*\d*\s*$)|(?:\t\s*\d{1,3}\s*$)")
NUMERIC_ROW = re.compile(r"^[^\t]*(?:\t\s*-?[\d\s,.]*)+$")
FURNITURE = re.compile(
    r"^(?:Sida \d+|\d{1,3}$|Datum:?$|Diarienummer:?$|Handläggare:?$|Dokumentansvarig:?$|Beslutsfattare:?$|"
    r"Postadress|Telefon|E-post|_{3,}|-{3,}|\d{4}-\d{2}-\d{2}$|[A-ZÅÄÖ]{2,5}-\d{4}-\d{3,5}$|\d{4}/\d+$)"
)
TABLE_HEADER = re.compile(r"^(?:Indikator|Nämndens åtgärd|\(mnkr\)|Mnkr|Belopp i|Kontrollområde|\s*Totalt)\b")


# Read-through corrections: first-cell prefix → label (None = leave the unit out: fragments, OCR splinters,
# glossary terms and document-title lists that no role fits). Exact match when the key ends with "$".
CORRECTIONS: dict[str, str | None] = {
    # 000 (Gävle VP 2021–2024 proposal)
    "Socialnämnden$": "furniture",
    "Socialnämnden ska möta barn och ungdomar i behov av stöd": "goal",
    "Socialnämnden ska i samverkan med andra aktörer bidra": "goal",
    "Barn och unga fullföljer sin skolgång": "goal",
    "Nämnden ska fortsätta säkerställa fokus": "goal",
    "Tiden till insats ska minska": "goal",
    "Nämnden ska utveckla samverkan med civilsamhället": "goal",
    "Målvärde 20": "furniture",
    "Uppdateras$": "furniture",
    "UPPD$": "furniture", "ATER$": "furniture", "AS$": "furniture",
    "Uppda teras": "furniture", "Uppdate ras": "furniture",
    "DATA UPPDATERAS": "furniture",
    "Orosanmälningar barn": "indicator",
    "Andel familjehemsplacerade elever": "indicator",
    "1. Tid till insats": "indicator",
    "2. Externa placeringar följ upp": "indicator",
    "3. Ej återaktualiserade vuxna": "indicator",
    "Målvärde 2024 avslutad": None,
    "insats (3) )": None,
    "1. Socialnämnden uppdras att fördjupa": "assignment",
    "det missbruksbehandlande arbetet.": None,
    "2. Socialnämnden uppdras att främja": "assignment",
    # 001 (Gävle VP 2025–2028)
    "Målsättningen är att minska de totala kostnaderna": "measurable_target",
    "Omställning Öppenvård": "heading",
    "INVESTERINGSBUDGE": None, "T$": None, "enskilde.$": None,
    # 002 (Gävle VR 2023)
    "3.10$": None,
    "Gemensam handlingsplan för att minska placeringskostnaderna": "heading",
    "Åtgärder som syftar till att utveckla brottsförebyggande": "heading",
    "Insatser sker utifrån behov": "heading",
    "Grunden har startat upp en anonym chatt för att minska": "narrative",
    "(mnkr)$": "furniture",
    # 003 (Ronneby protocol 2012)
    "2012/36": "furniture",
    "§ 64": "heading",
    "1 Handling": None,
    "• Barn och ungdomars behov av stöd": "goal",
    "• Minst 75 %": "measurable_target",
    "• Alla barn/ungdomar som bevittnat våld": "goal",
    "• Alla barnfamiljer som haft försörjningsstöd": "goal",
    "• Barn till missbrukande föräldrar": "goal",
    "• Öka familjehemsplacerade barns": "goal",
    "Människor med behov av försörjningsstöd ska ges": "goal",
    "• Minst 50 %": "measurable_target",
    "• Alla ska vara i sysselsättning": "goal",
    "• Antalet hushåll som fått försörjningsstöd": None,
    "• Sex månader efter avslutad": "measurable_target",
    "• Antal vårddygn för institutionsplacerade": "measurable_target",
    "Alla människor som utsatts för våld": "goal",
    "Alla hemlösa som söker bostad": "goal",
    "Kommunen ska tillhandahålla omsorg": "goal",
    "• Alla som ansöker om stödinsatser": "measurable_target",
    "• Personer som har individuell plan": "measurable_target",
    "• Barn- och familjehemsvård": "goal", "• Missbruk": "goal", "• Handikappomsorg": "goal",
    "• Försörjningsstöd": "goal", "• Socialpsykiatri": "goal",
    "Socialnämnden beslutar att notera": "narrative",
    # 004 (Uppsala VP 2021–2023 bundle)
    "Socialförvaltningen": "furniture",
    "Tjänsteskrivelse till socialnämnden": "furniture",
    "Datum:": "furniture", "Diarienummer:": "furniture", "Handläggare:": "furniture",
    "Beslutsfattare:": "furniture", "Dokumentansvarig:": "furniture",
    "Socialnämnden beslutar$": None,
    "1. att anta": "narrative", "2. att överlämna": "narrative",
    "- Tjänsteskrivelse, daterad": "furniture", "- Verksamhetsplan och budget 2021": "furniture",
    "- Bilaga ": "furniture",
    "Tomas Odin": "furniture", "Direktör$": "furniture",
    "Aktiverande styrdokument$": "furniture",
    "Översiktsplan$": "furniture", "Mål och budget$": "furniture", "Verksamhetsplaner och affärsplaner$": "furniture",
    "Program$": "furniture", "Handlingsplaner och övriga planer$": "furniture",
    "Uppdrag$": None, "Grunduppdrag$": None, "Nämndmål$": None, "Budget$": None, "Strategi$": None,
    "Åtgärd$": None, "Förväntad effekt$": None, "Styrdokument$": None, "Inriktningsmål$": None,
    "Kommunfullmäktiges inriktningssmål 1 ": "goal",
    "Kommunfullmäktiges inriktningsmål 3 ": "goal", "Kommunfullmäktiges inriktningsmål 4 ": "goal",
    "Kommunfullmäktiges inriktningsmål 5 ": "goal", "Kommunfullmäktiges inriktningsmål 7 ": "goal",
    "Kommunfullmäktiges inriktningsmål 8 ": "goal", "Kommunfullmäktiges inriktningsmål 9 ": "goal",
    "Uppdrag: ": "assignment",
    "Nämndmål: ": "goal",
    "- Effektivare myndighetsutövning": None, "- Avtal, samordning": None, "- Lokalsamordning": None,
    "Grunduppdrag: ": "heading",
    "a: ": None, "b: ": None, "c: ": None, "- a: ": None, "Kolada": None,
    "Andel aktualiserade invånare": "indicator", "Antal aktualiserade invånare": "indicator",
    "Andel aktualiseringar": "indicator", "Andel invånare med insats": "indicator",
    "Antal invånare som aktualiserats": "indicator", "Andel I invånare": "indicator",
    "Antal inkomna orosanmälningar gällande": "indicator", "Andel orosanmälningar gällande": "indicator",
    "Antal invånare med insats efter": "indicator",
    "Brukarbedömning om": "indicator",
    "Arbetsgivarpolicyn för": None, "Avfallsplan för": None, "Handlingsplan för näringslivsutveckling": None,
    "Handlingsplan för ökad trygghet": None, "Handlingsplan för trygghet och säkerhet": None,
    "Miljö- och klimatprogrammet": None, "Policy för upphandling": None, "Program för ": None,
    "Verksamhetsplan 2021 för samråd": None,
    "Uppföljning av socialnämndens nya inriktning": "heading",
    "En flygande start": "heading",
    "Uppföljning av privata utförare och verksamheter i egen regi": "heading",
    "Analys av årets internkontroll": "heading",
    "Organisation och ansvar för nämndens arbete": "heading",
    "- Uppgifter som framkommer": "narrative",
    "För socialnämnden$": "furniture",
    "Ett redovisande och aktiverande dokument": "furniture",
    "Kontrollområde": None, "Riskbeskrivning$": None, "Kontrollmoment$": None, "Kontrollmetod$": None,
    "Tidpunkt för rapportering$": None,
}


def corrected(first_cell: str, label: str) -> str | None:
    """The read-through's label for a unit, or the proposal when the read-through agreed with it."""
    for key, value in CORRECTIONS.items():
        if (key.endswith("$") and first_cell == key[:-1]) or (not key.endswith("$") and first_cell.startswith(key)):
            return value
    return label


def clean(text: str) -> str:
    """Markup out, whitespace collapsed, hyphenated line breaks joined — as the answer keys are written."""
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    text = MARKUP.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def units(text: str) -> list[str]:
    """Blocks split at blank lines; inside a block a bullet, a number, a tab row or a heading line starts a unit."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln for ln in block.split("\n") if ln.strip()]
        cur: list[str] = []
        for ln in lines:
            starts = bool(BULLET.match(ln) or NUMBER.match(ln) or "\t" in ln or ln.lstrip().startswith("#"))
            short_prev = bool(cur) and len(cur[-1].strip()) < 60 and not re.search(r"[.,:;]\s*$", cur[-1]) \
                and ln.strip()[:1].isupper()
            if not cur and not starts and out and ln.strip()[:1].islower() and "\t" not in out[-1]:
                out[-1] += "\n" + ln  # a paragraph break inside a sentence (003's bullets, 000's items)
                continue
            if cur and (starts or short_prev or "\t" in cur[-1]):
                out.append("\n".join(cur))
                cur = []
            cur.append(ln)
        if cur:
            out.append("\n".join(cur))
    return out


def strip_number(text: str) -> tuple[str, str]:
    m = NUMBER.match(text) or BULLET.match(text)
    return (text[m.end():], text[: m.end()].strip()) if m else (text, "")


def gold_index(shared: Path) -> list[tuple[str, str, str]]:
    """(text, role, group) from the answer keys."""
    items: list[tuple[str, str, str]] = []
    for path in sorted((shared / "gold").glob("0*.json")):
        items += key_items(json.loads(path.read_text(encoding="utf-8")), path.stem[:3], start=len(items))
    return items


def goal_role(goal: dict) -> str:
    """A sub-level goal with a number, "minst"/"högst", % or mnkr is a measurable target."""
    measurable = goal.get("level") == "sub" and re.search(r"\d\s*(%|mnkr|procent)|\b(minst|högst)\b", goal["text"], re.I)
    return "measurable_target" if measurable else "goal"


def key_items(key: dict, stem: str, start: int = 0) -> list[tuple[str, str, str]]:
    """(text, role, group) of one answer key; group = "<stem>-<item id>" ties a unit to the item it repeats."""
    items: list[tuple[str, str, str]] = []
    for g in key.get("goals") or []:
        items.append((g["text"], goal_role(g), f"{stem}-{g['id']}"))
    for a in key.get("assignments") or []:
        items.append((a["text"], "assignment", f"{stem}-{a['id']}"))
    for i in key.get("indicators") or []:
        items.append((i["name"], "indicator", f"{stem}-{i['id']}"))
    for x in key.get("actions") or []:
        items.append((x["text"], "action", f"{stem}-act{start + len(items)}"))
    for f in key.get("followups") or []:
        if f.get("status_raw") and len(f["status_raw"]) > 3:
            items.append((f["status_raw"], "followup_status", f"{stem}-{f['id']}"))
    return items


def propose(unit: str, gold: list[tuple[str, str, str]]) -> tuple[str, str]:
    """(label, group) for one unit; group ties a unit to the gold item it repeats so splits keep them together."""
    first_cell = clean(unit.split("\t")[0])
    body, _num = strip_number(first_cell)
    if TOC.search(unit):
        return "furniture", ""
    best = max(gold, key=lambda g: fuzz.ratio(body.lower(), g[0].lower()))
    if fuzz.ratio(body.lower(), best[0].lower()) >= 90:
        return best[1], best[2]
    if FURNITURE.match(unit) or TABLE_HEADER.match(unit) or numeric_row(unit):
        return "furniture", ""
    for t, r, grp in gold:
        if r == "followup_status" and body.startswith(t):
            return r, grp
    return text_role(body), ""


def numeric_row(unit: str) -> bool:
    """A table row whose cells after the first hold only figures."""
    return "\t" in unit and bool(NUMERIC_ROW.match(unit)) and not re.search(r"[a-zåäö]{4}", unit.split("\t", 1)[1])


def text_role(body: str) -> str:
    """What a unit no answer key explains is by its shape: a short capitalised line without a full stop is a
    heading, the rest narrative."""
    return "heading" if len(body.split()) <= 8 and not body.endswith(".") and body[:1].isupper() else "narrative"


def main(shared: Path) -> None:
    gold = gold_index(shared)
    seen: set[str] = set()
    for path in sorted((shared / "corpus" / "text").glob("*.txt")):
        for unit in units(path.read_text(encoding="utf-8")):
            text = clean(unit.split("\t")[0]) if "\t" in unit and not TOC.search(unit) else clean(unit)
            if not text or text.lower() in seen:
                continue
            seen.add(text.lower())
            label, group = propose(unit, gold)
            label = corrected(text, label)
            if label is None:
                continue
            if "\t" in unit and label == "furniture":
                text = clean(unit.replace("\t", " | "))
            print(json.dumps({"text": text, "label": label, "source": f"corpus/{path.name[:3]}", "group": group},
                             ensure_ascii=False))
    for pdf in sorted((shared / "corpus" / "pdf").glob("*.word.pdf")):
        import pymupdf  # running headers and page footers exist only in the PDF renderings

        with pymupdf.open(pdf) as doc:
            footers = 0
            for page in doc:
                lines = [ln.strip() for ln in page.get_text().splitlines() if ln.strip()]
                for text in lines[:1] + lines[-1:]:
                    footer = text.startswith("Sida ")
                    if not re.match(r"^(Sida \d+|.{10,80} · )", text) or text.lower() in seen or (footer and footers >= 2):
                        continue
                    seen.add(text.lower())
                    footers += footer
                    group = "pdf-footer" if footer else "pdf-header"  # near-identical lines stay on one side of the split
                    print(json.dumps({"text": text, "label": "furniture", "source": f"pdf/{pdf.name[:3]}",
                                      "group": group}, ensure_ascii=False))
    for text, label, group in gold:
        if text.lower() not in seen:
            seen.add(text.lower())
            print(json.dumps({"text": text, "label": label, "source": "gold", "group": group}, ensure_ascii=False))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared"))
