"""Alignment's first stage: normalisation (lemmas, boilerplate, masked numbers kept as evidence) and themes.

Texts are real: lines of the bundled sample corpus and items of the answer keys in tests/gold/ and tests/keys/
(never ../shared, which a clean clone does not have).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from rapidfuzz import fuzz

from plantrace.align.normalise import BOILERPLATE, Normalised, normalise, normalise_many, strip_boilerplate
from plantrace.align.themes import THEMES, assign_themes, assign_themes_many, compiled_cues, theme_label

ROOT = Path(__file__).resolve().parents[1]
TEXT = ROOT / "corpus" / "sample" / "text"
GOLD = ROOT / "tests" / "gold"
KEYS = ROOT / "tests" / "keys"


def _items() -> dict[str, str]:
    """'<file prefix>:<id>' → text for every goal, assignment and indicator of the keys."""
    items = {}
    for path in sorted(GOLD.glob("0*.json")) + sorted(KEYS.glob("0*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for kind in ("goals", "assignments", "indicators"):
            for item in data.get(kind, []):
                items[f"{path.name[:3]}:{item['id']}"] = item.get("text") or item.get("name")
    return items


ITEMS = _items()


def body_line(prefix: str, number: str) -> str:
    """The body line of a numbered item in a corpus text (not its table-of-contents line, which ends in a page)."""
    [path] = TEXT.glob(f"{prefix}_*.txt")
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith(number + " ") and not re.search(r"\t\d+\s*$", line)
    ]
    assert lines, f"no body line {number} in {path.name}"
    return lines[-1]


def corpus_line(prefix: str, contains: str) -> str:
    [path] = TEXT.glob(f"{prefix}_*.txt")
    for line in path.read_text(encoding="utf-8").splitlines():
        if contains in line:
            return line
    raise AssertionError(f"{contains!r} not in {path.name}")


# --- boilerplate and numbering -------------------------------------------------------------------------------


def test_numbering_council_prefix_and_formula_are_removed_and_reported():
    line = body_line("002", "3.5")  # "3.5 Barn och Unga i Gävle kommun har trygga uppväxtvillkor: Socialnämnden ska …"
    n = normalise(line)
    assert n.removed[0] == "3.5"
    assert any(r.endswith("uppväxtvillkor:") for r in n.removed)
    assert n.removed[-1].lower() == "socialnämnden ska"
    assert n.key.startswith("införa ")
    for gone in ("3.5", "uppväxtvillkor", "socialnämnd", "gävle"):
        assert gone not in n.key


def test_parenthesised_council_goal_and_uppdras_att_are_removed():
    n = normalise(body_line("002", "3.10"))  # "3.10 (Alla i Gävle kommun har trygga boendemiljöer) Socialnämnden uppdras att …"
    assert n.removed[1].startswith("(Alla i Gävle kommun")
    assert n.key.startswith("ta fram en handlingsplan")
    assert "boendemiljö" not in n.key


def test_nämnden_fortsätter_arbetet_med_att_is_removed():
    n = normalise(ITEMS["001:g12"])
    assert n.removed == ("Nämnden fortsätter arbetet med att",)
    assert n.key.split()[0] == normalise("motverka", strip=False).key
    assert "nämnd" not in n.key and "fortsätta" not in n.key


def test_markdown_numbering_is_removed():
    n = normalise(corpus_line("001", "Effektiv vård och skydd i egen regi"))  # "**1.2.2.2 Effektiv vård …**"
    assert n.key.startswith("effektiv vård")
    assert not re.search(r"\d|\*", n.key)


def test_text_without_boilerplate_is_left_whole():
    for item in ("004:g12", "001:i4", "004:g13"):
        n = normalise(ITEMS[item])
        assert n.removed == ()
        assert n.key == normalise(ITEMS[item], strip=False).key


def test_an_opening_alone_is_not_stripped_to_nothing():
    assert strip_boilerplate("Socialnämnden ska")[0] == "Socialnämnden ska"
    assert normalise("Mål formuleras till delår 1 2025").key  # a placeholder goal keeps its words


def test_boilerplate_is_data():
    assert len(BOILERPLATE) >= 4
    for name, pattern in BOILERPLATE:
        assert isinstance(name, str) and re.compile(pattern)


# --- years and numbers ---------------------------------------------------------------------------------------


def test_amounts_and_percentages_are_masked_and_kept_as_evidence():
    n = normalise(corpus_line("001", "12.5 mnkr per år"))
    assert n.numbers == ("12,5 mnkr", "30 %")
    assert n.key.count("<num>") == 2
    assert not re.search(r"\d", n.key)


def test_percent_target_counts_and_ages():
    n = normalise(ITEMS["003:g2"])  # "Minst 75 % av alla barn och ungdomar under 18 år … inom 14 dagar."
    assert n.numbers == ("75 %", "18 år", "14 dagar")
    assert n.years == ()
    n = normalise(body_line("002", "4.3"))  # "… för barn 7-15 år."
    assert n.numbers == ("7–15 år",)


def test_years_are_masked_and_kept():
    n = normalise(ITEMS["003:g13"])  # "… ska inte överstiga motsvarande siffra 2009."
    assert n.years == (2009,)
    assert "<year>" in n.key and "2009" not in n.key
    n = normalise(ITEMS["002:g8"])  # "… togs fram av sektorn under 2022 ska följas."
    assert n.years == (2022,) and n.numbers == ()
    assert normalise(corpus_line("001", "Verksamhetsplan 2025-2028")).years[:2] == (2025, 2028)


def test_amount_in_an_assignment():
    n = normalise(body_line("002", "4.4"))
    assert n.numbers == ("5 mnkr",)


def test_same_goal_with_another_number_has_the_same_key_but_other_evidence():
    a = normalise(ITEMS["001:i4"])  # "Korttidssjukfrånvaro ska minska med 5%"
    b = normalise(ITEMS["001:i4"].replace("5%", "10 procent"))
    assert a.key == b.key
    assert (a.numbers, b.numbers) == (("5 %",), ("10 %",))


# --- lemmas --------------------------------------------------------------------------------------------------


def test_inflected_forms_give_the_same_lemmas():
    assert normalise("externa placeringar").key == normalise("extern placering").key
    assert "placering" in normalise(ITEMS["002:i8"]).lemmas  # "placering och öppenvårdsinsatser"
    assert "placering" in normalise(ITEMS["001:g13"]).lemmas  # "… externa placeringar …"
    assert "hemlöshet" in normalise(ITEMS["004:g12"]).lemmas  # "Hemlösheten ska minska"
    assert "hemlöshet" in normalise(ITEMS["002:g10"]).lemmas  # "… minska hemlösheten."


def test_lemmas_are_content_words_only():
    n = normalise(ITEMS["003:g14"])  # "Alla människor som utsatts för våld i nära relationer, …"
    assert "våld" in n.lemmas and "relation" in n.lemmas
    for stop in ("alla", "som", "för", "i", "och", "ska"):
        assert stop not in n.lemmas
    assert "ska" in normalise(ITEMS["004:g12"]).key.split()  # the modal stays "ska" in the key, not "skola"
    assert "skola" not in normalise(ITEMS["004:g12"]).lemmas


def test_normalise_many_equals_normalise():
    texts = [ITEMS[k] for k in ("001:g13", "002:g8", "003:g2", "004:i6")]
    assert normalise_many(texts) == [normalise(t) for t in texts]
    assert all(isinstance(n, Normalised) for n in normalise_many(texts))


# --- similarity across documents ---------------------------------------------------------------------------------


def _score(a: str, b: str) -> float:
    return fuzz.token_set_ratio(normalise(a).key, normalise(b).key)


def test_goal_and_its_assignment_restated_in_one_report_get_the_same_key():
    for goal, assignment in (("3.2", "4.1"), ("3.5", "4.3"), ("3.10", "4.6")):
        g, a = body_line("002", goal), body_line("002", assignment)
        assert g != a
        assert normalise(g).key == normalise(a).key


def test_a_goal_continued_into_the_next_plan_is_near_and_unrelated_goals_are_not():
    # 002:g8 (report 2023) continues as 001:g13 (plan 2025-2028): same commitment, reworded
    linked = _score(ITEMS["002:g8"], ITEMS["001:g13"])
    assert linked >= 70
    unrelated = [
        _score(ITEMS["002:g8"], text)
        for key, text in ITEMS.items() if key.startswith("001:g") and key != "001:g13"
    ]
    assert max(unrelated) <= linked - 10


def test_restatement_across_municipalities_is_near():
    # Uppsala "Hemlösheten ska minska" and Gävle's Bostad först assignment "… i syfte att minska hemlösheten"
    assert _score(ITEMS["004:g12"], ITEMS["002:g10"]) >= 80
    assert _score(ITEMS["004:g12"], ITEMS["004:g6"]) < 60  # Uppsala's school goal


def test_continued_items_are_nearest_by_key():
    links = json.loads((GOLD / "links.json").read_text(encoding="utf-8"))["links"]
    continues = [link for link in links if link["relation"] == "continues"]
    assert len(continues) >= 5
    nearest = 0
    for link in continues:
        a, b = link["a"], link["b"]
        same_kind = [k for k in ITEMS if k[:5] == b[:5]]  # items of b's document and kind ("001:g")
        best = max(same_kind, key=lambda k: _score(ITEMS[a], ITEMS[k]))
        nearest += best == b
    assert nearest >= len(continues) - 1


def test_normalising_helps_linked_pairs_on_average():
    links = json.loads((GOLD / "links.json").read_text(encoding="utf-8"))["links"]
    raw = [fuzz.token_set_ratio(ITEMS[l["a"]].lower(), ITEMS[l["b"]].lower()) for l in links]
    keyed = [_score(ITEMS[l["a"]], ITEMS[l["b"]]) for l in links]
    assert sum(keyed) > sum(raw)


# --- themes ----------------------------------------------------------------------------------------------------


def _themes(text) -> list[str]:
    return [t for t, _, _ in assign_themes(text)]


def test_gävle_own_open_care_against_external_placements():
    result = assign_themes(ITEMS["001:g13"])  # "Effektiv vård och skydd i egen regi - minska antalet externa placeringar …"
    theme, score, cues = result[0]
    assert theme == "external_placements"
    assert "extern placering" in cues and "öppenvård" in cues
    assert _themes(ITEMS["004:i6"])[0] == "external_placements"  # Uppsala "Andel öppenvård i egen regi …"


def test_ronneby_violence_in_close_relationships():
    line = corpus_line("003", "utsatts för våld i nära relationer")
    theme, _, cues = assign_themes(line)[0]
    assert theme == "violence"
    assert "våld i nära relation" in cues
    assert "homelessness" not in _themes(line)  # "skyddat boende" is violence, not housing
    assert _themes(ITEMS["003:g3"])[0] == "violence"  # children who witnessed violence


def test_other_ronneby_goals():
    assert _themes(ITEMS["003:g15"])[0] == "homelessness"  # "Alla hemlösa som söker bostad …"
    assert _themes(ITEMS["003:g7"])[0] == "income_support"  # försörjningsstöd, egen försörjning
    assert _themes(ITEMS["003:g12"]) == ["addiction"]  # "drogfria": a compound of the cue
    assert _themes(ITEMS["003:g23"]) == ["disability"]  # "Handikappomsorg"
    assert _themes(ITEMS["003:g25"]) == ["psychiatry"]  # "Socialpsykiatri"


def test_compound_heads_and_false_friends():
    assert _themes(ITEMS["001:i4"]) == ["sick_leave"]  # "Korttidssjukfrånvaro"
    assert "climate_environment" not in _themes(ITEMS["001:g21"])  # "företagsklimat" is not the climate
    assert _themes(ITEMS["004:g10"])[0] == "economy"  # "ekonomi i balans"
    assert "staff_competence" in _themes(ITEMS["004:g15"])  # "medarbetarskap": the stem cue


def test_text_without_cue_gets_no_theme():
    assert assign_themes(ITEMS["002:i1"]) == []  # "Resultat av planerade genomförda aktiviteter"
    assert assign_themes(ITEMS["001:g24"]) == []  # "Service, kommunikation och återkoppling ska förbättras …"
    assert assign_themes("") == []


def test_themes_ranked_best_first_and_explained():
    result = assign_themes(ITEMS["003:g13"])  # vårddygn for institutionsplacerade with missbruksproblem
    assert {"external_placements", "addiction"} <= {t for t, _, _ in result}
    scores = [s for _, s, _ in result]
    assert scores == sorted(scores, reverse=True)
    assert all(cues for _, _, cues in result)


def test_assign_themes_takes_a_normalised_item_or_text():
    text = ITEMS["002:g2"]
    assert assign_themes(normalise(text)) == assign_themes(text)
    assert assign_themes_many([text, ITEMS["002:i1"]]) == [assign_themes(text), []]


def test_theme_list_is_data_and_every_cue_finds_its_theme():
    ids = [t["id"] for t in THEMES]
    assert 15 <= len(ids) <= 30 and len(set(ids)) == len(ids)
    assert all(t["label"] and t["cues"] for t in THEMES)
    assert theme_label("violence") == "Våld i nära relationer"
    assert compiled_cues()  # every cue has a content word
    for theme in THEMES:
        for cue in theme["cues"]:
            if cue.endswith("-"):
                continue  # a stem is not a word on its own
            assert theme["id"] in _themes(cue.lstrip("*")), (theme["id"], cue)
