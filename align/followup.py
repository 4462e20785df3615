"""Follow-up verdicts: for every goal and assignment of a plan, the report section that accounts for it, and how
sure that verdict is.

A plan's period is [y1, y2]; the reports of the same municipality and committee whose period lies inside it
cover it. Within each covering report, plan items and the report's follow-up sections are paired one-to-one by an
assignment solver over the score matrix (the pairing with the highest total score, so one strong pair does not
take a section that a weaker item needs more). The latest covering report with a follow-up above the threshold
decides.

Verdicts, from the auditor's point of view (a false accusation is the worst error):

- `reported` — a follow-up above the threshold accounts for the item (its status, score and features kept);
- `not_reported` — reports with readable follow-ups cover the plan and none accounts for the item (the nearest
  candidate and its score are still given);
- `report_without_followups` — reports cover the plan but no follow-up could be read from any of them: nothing
  can be said about the item, and the verdict says so instead of accusing;
- `no_covering_report` — the corpus holds no report for the plan's period.

Every verdict carries a review band (`certain` / `check`), a confidence in [0, 1] and its evidence: the reason
in words and the plan's coverage ("reports for 2023 of 2021–2024"). A `not_reported` item is `certain` only when
reports cover every year of the plan and no candidate came near the threshold; otherwise an auditor should look.

Which items are plan items: the goals and assignments of every document that is not a report, and the
assignments a report lists itself (reports often list the assignments of a budget that is not in the corpus,
and then report on them); a report's goals are the headings of its own follow-up sections, not new goals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from plantrace.align.features import FOLLOWUP_WEIGHTS, Context, combine, features_at, pair_features
from plantrace.align.overrides import apply_decisions
from plantrace.align.lineage import Thresholds

VERDICTS = ("reported", "not_reported", "report_without_followups", "no_covering_report")
BANDS = ("certain", "check")
# a reported pair at or above this score is a restatement or a close paraphrase; below it, a reworded match an
# auditor should confirm
CERTAIN_REPORTED = 0.75
# a not_reported item whose nearest candidate scored at least this share of the threshold was a near miss
NEAR_MISS = 0.8


def plan_items(items: pd.DataFrame) -> pd.DataFrame:
    is_report = items["doc_type"] == "report"
    keep = (items["kind"] == "assignment") | ((items["kind"] == "goal") & ~is_report)
    return items[keep & ~items["placeholder"]]


def covering_reports(docs: pd.DataFrame, plan_doc: pd.Series, series: dict | None = None) -> list[str]:
    """Reports of the same municipality and committee whose period lies inside the plan's (oldest first).
    `series` (from `report_series`) saves filtering the whole corpus once per plan."""
    if pd.isna(plan_doc["period_start"]):
        return []
    y1, y2 = _period(plan_doc)
    if series is not None:
        r = series.get((plan_doc["municipality"], plan_doc["committee"]))
        if r is None:
            return []
    else:
        r = report_series(docs).get((plan_doc["municipality"], plan_doc["committee"]), docs.iloc[:0])
    inside = r[(r["period_start"] >= y1) & (r["period_end"].fillna(r["period_start"]) <= y2)]
    return inside["document"].tolist()


def report_series(docs: pd.DataFrame) -> dict:
    """(municipality, committee) → its reports with a period, sorted as verdicts read them (oldest first)."""
    r = docs[(docs["doc_type"] == "report") & docs["period_start"].notna()]
    r = r.sort_values(["period_end", "source"])
    return {k: g for k, g in r.groupby(["municipality", "committee"], sort=False)}


def coverage(docs_by_id: pd.DataFrame, plan_doc: pd.Series, reports: list[str], readable: set[str]) -> dict:
    """Which years of the plan's period have a report in the corpus, and which of those reports had follow-ups
    that could be read: the context every verdict of the plan is to be read in."""
    if pd.isna(plan_doc["period_start"]):
        return {"period": None, "years": [], "report_years": [], "readable_years": [], "reports": [], "share": 0.0,
                "text": "the plan's period is unknown"}
    y1, y2 = _period(plan_doc)
    years = list(range(y1, y2 + 1))
    report_years, readable_years = set(), set()
    for rep in reports:
        r1, r2 = _period(docs_by_id.loc[rep])
        span = set(range(r1, r2 + 1)) & set(years)
        report_years |= span
        if rep in readable:
            readable_years |= span
    period = f"{y1}–{y2}" if y2 != y1 else str(y1)
    if not reports:
        text = f"no report for {period}"
    else:
        text = f"reports for {_years(sorted(report_years))} of {period}"
        unreadable = sorted(report_years - readable_years)
        if unreadable:
            text += f" (no follow-ups read for {_years(unreadable)})"
    return {"period": period, "years": years, "report_years": sorted(report_years),
            "readable_years": sorted(readable_years), "reports": [docs_by_id.loc[r, "source"] for r in reports],
            "share": round(len(readable_years) / len(years), 3), "text": text}


def followups(items: pd.DataFrame, docs: pd.DataFrame, ctx: Context, th: Thresholds, weights=None,
              forced: dict | None = None, rejected: set | None = None) -> tuple[list[dict], list[dict]]:
    """(verdicts, follow-up links) for every plan item of the corpus. `docs` should hold every stored document
    (`items.load_documents`), so that a report from which nothing was read still counts as covering."""
    verdicts, links = [], []
    fus = items[items["kind"] == "followup"]
    fus_by_doc = {d: g.reset_index(drop=True) for d, g in fus.groupby("document")}
    stated = items[items["kind"].isin(["goal", "assignment"]) & (items["doc_type"] == "report")]
    stated_by_doc = {d: g.reset_index(drop=True) for d, g in stated.groupby("document")}
    forced, rejected = forced or {}, rejected or set()
    docs_by_id = docs.drop_duplicates("document").set_index("document")
    series = report_series(docs)
    for doc_id, plan in plan_items(items).groupby("document", sort=False):
        plan = plan.reset_index(drop=True)
        reports = covering_reports(docs, docs_by_id.loc[doc_id], series) if doc_id in docs_by_id.index else []
        readable = {r for r in reports if r in fus_by_doc and not fus_by_doc[r].empty}
        cov = coverage(docs_by_id, docs_by_id.loc[doc_id], reports, readable) if doc_id in docs_by_id.index else \
            coverage(docs_by_id, pd.Series({"period_start": None}), [], set())
        # the kinds each report follows up: a report read for its assignments only says nothing about goals
        kinds_read = {r: _kinds(fus_by_doc[r]) for r in readable}
        best: dict[int, dict] = {}  # plan row → the chosen follow-up (latest report wins)
        nearest: dict[int, dict] = {}
        for rep in reports:
            if rep not in readable:
                continue
            cand = fus_by_doc[rep]
            feats = pair_features(plan, cand, ctx)
            feats["kind"] = (plan["kind"].to_numpy()[:, None] == cand["followup_kind"].to_numpy()[None, :]).astype(np.float32)
            feats["numbering"] = mirrored_numbering(plan["number"], cand["number"])
            score = apply_decisions(combine(feats, weights or {**FOLLOWUP_WEIGHTS, "numbering": NUMBERING_WEIGHT}),
                                    plan["ref"].tolist(),
                                    cand["ref"].tolist(), forced, rejected)
            for i, j in best_assignment(score, th.followup):
                best[i] = _candidate(plan, cand, i, j, score, feats, forced, docs_by_id.loc[rep, "source"])
            for i in range(len(plan)):
                j = int(np.argmax(score[i]))
                if i not in nearest or score[i, j] > nearest[i]["score"]:
                    nearest[i] = _candidate(plan, cand, i, j, score, feats, forced, docs_by_id.loc[rep, "source"])
        judged = []
        for i in range(len(plan)):
            kind = plan["kind"].iloc[i]
            read_for_kind = {r for r in readable if kind in kinds_read[r]}
            judged.append(judge(best.get(i), nearest.get(i), reports, read_for_kind, cov, th, kind))
        through_subgoals(plan, judged)
        restated_unassessed(plan, judged, [(r, stated_by_doc[r]) for r in reports if r in stated_by_doc and r != doc_id],
                            docs_by_id, ctx, th, weights)
        for ref, v in zip(plan["ref"], judged):
            verdicts.append({"plan_item": ref, **v})
            if v["verdict"] == "reported" and v["followup"] is not None:
                links.append({"a": ref, "b": v["followup"], "relation": "followup", "score": v["score"],
                              "features": v["features"]})
    return verdicts, links


def restated_unassessed(plan: pd.DataFrame, judged: list[dict], stated: list[tuple[str, pd.DataFrame]],
                        docs_by_id: pd.DataFrame, ctx: Context, th: Thresholds, weights=None) -> None:
    """An item left `not_reported` that a covering report restates among its own goals or assignments, with no
    assessment that could be read (an overview whose status icons were lost, a goal named in a chapter's prose):
    the finding stays, but for review, and says where the item stands."""
    open_rows = [i for i, v in enumerate(judged) if v["verdict"] == "not_reported"]
    if not open_rows:
        return
    rows = plan.iloc[open_rows].reset_index(drop=True)
    noted: set[int] = set()  # (the first report that restates an item is the one named)
    for rep, cand in stated:
        if cand.empty:
            continue
        score = combine(pair_features(rows, cand, ctx), weights or FOLLOWUP_WEIGHTS)
        for k, i in enumerate(open_rows):
            j = int(np.argmax(score[k]))
            if i in noted or score[k, j] < th.followup:
                continue
            noted.add(i)
            judged[i]["band"] = "check"
            judged[i]["evidence"]["reason"] += (f"; restated in {_name(docs_by_id.loc[rep, 'source'])} "
                                                f"({score[k, j]:.2f}) without an assessment that could be read")


def through_subgoals(plan: pd.DataFrame, judged: list[dict]) -> None:
    """A goal that the reports follow up through the goals under it (a council goal the committee's goals serve)
    is reported, with their statuses taken together, for review: the committee accounts for its own goals, and a
    council goal it does not restate is no goal it failed to report on. Deepest goals first, so a tree of three
    levels is read from its leaves."""
    if "parent" not in plan.columns:
        return
    row_of = {item_id: i for i, item_id in enumerate(plan["id"])}
    kids: dict[int, list[int]] = {}
    for i, (kind, parent) in enumerate(zip(plan["kind"], plan["parent"])):
        if kind == "goal" and isinstance(parent, str) and parent in row_of:
            kids.setdefault(row_of[parent], []).append(i)

    def depth(i: int) -> int:
        d, parent = 0, plan["parent"].iloc[i]
        while isinstance(parent, str) and parent in row_of and d < 10:
            d, parent = d + 1, plan["parent"].iloc[row_of[parent]]
        return d

    for i in sorted(kids, key=depth, reverse=True):
        v = judged[i]
        if v["verdict"] != "not_reported" or plan["kind"].iloc[i] != "goal":
            continue
        reported = [k for k in kids[i] if judged[k]["verdict"] == "reported"]
        if not reported:
            continue
        statuses = [judged[k]["status"] for k in reported]
        ev = v["evidence"]
        ev["reason"] = (f"followed up through {len(reported)} of the {len(kids[i])} goals under it "
                        f"({', '.join(s or 'unknown' for s in statuses)}); not restated in the report itself")
        ev["through"] = [plan["ref"].iloc[k] for k in reported]
        first = judged[reported[0]]
        ev["report"] = first["evidence"].get("report")
        v.update(verdict="reported", status=combined_status(statuses, complete=len(reported) == len(kids[i])),
                 followup=None, score=None, nearest=first["followup"] or first["nearest"], features=None,
                 band="check", confidence=round(0.5 * len(reported) / len(kids[i]), 3))


def combined_status(statuses: list, complete: bool = True) -> str:
    """The status of a goal from those of the goals under it: one they all share, partial where some were met
    or met in part and some not, ongoing where work goes on and nothing was met."""
    known = {s for s in statuses if s and s != "unknown"}
    if not known:
        return "unknown"
    if len(known) == 1 and complete:
        return known.pop()
    if known & {"done", "partial"}:
        return "partial"
    if "ongoing" in known:
        return "ongoing"
    return "not_done" if known == {"not_done"} else "unknown"


def judge(chosen: dict | None, nearest: dict | None, reports: list, readable: set, cov: dict,
          th: Thresholds, kind: str = "item") -> dict:
    """One plan item's verdict, band, confidence and evidence from what its covering reports offered;
    `readable` are the covering reports from which follow-ups of the item's kind were read."""
    out = {"verdict": None, "followup": None, "status": None, "score": None, "nearest": None, "features": None,
           "band": "check", "confidence": 0.0, "evidence": {"coverage": cov["text"], "coverage_share": cov["share"]}}
    ev = out["evidence"]
    if not reports:
        out.update(verdict="no_covering_report", band="certain", confidence=1.0)
        ev["reason"] = f"the corpus holds no report of this committee for {cov['period'] or 'the plan'}"
        return out
    if chosen is not None:
        overridden = (chosen["features"] or {}).get("override") == "accepted"
        certain = overridden or chosen["score"] >= CERTAIN_REPORTED
        conf = 1.0 if overridden else 0.5 + 0.5 * min(1.0, (chosen["score"] - th.followup) / max(1e-9, 1 - th.followup))
        out.update(verdict="reported", followup=chosen["ref"], status=chosen["status"], score=chosen["score"],
                   nearest=chosen["ref"], features=chosen["features"], band="certain" if certain else "check",
                   confidence=round(conf, 3))
        ev["reason"] = ("accepted by a review decision" if overridden else
                        f"follow-up in {_name(chosen['report'])} scores {chosen['score']:.2f} "
                        f"(threshold {th.followup:.2f})" + ("" if certain else "; reworded, confirm the pairing"))
        ev["report"] = chosen["report"]
        return out
    if not readable:
        out.update(verdict="report_without_followups", confidence=0.0)
        ev["reason"] = (f"no {kind} follow-up could be read from " + ", ".join(_name(r) for r in cov["reports"])
                        + ": whether the item was reported is not known")
        return out
    score = nearest["score"] if nearest else None
    near = score is not None and score >= NEAR_MISS * th.followup
    complete = cov["share"] >= 1.0
    conf = (1.0 - max(0.0, score or 0.0) / th.followup) * cov["share"]
    out.update(verdict="not_reported", score=score, nearest=nearest["ref"] if nearest else None,
               features=nearest["features"] if nearest else None,
               band="certain" if complete and not near else "check", confidence=round(max(0.0, conf), 3))
    reasons = [f"no follow-up in {', '.join(_name(r) for r in cov['reports'])} reaches {th.followup:.2f}"]
    if nearest:
        reasons.append(f"nearest scores {score:.2f}" + (" (a near miss)" if near else ""))
        ev["report"] = nearest["report"]
    if not complete:
        reasons.append(f"only {cov['text']}: it may be reported in a report not in the corpus")
    ev["reason"] = "; ".join(reasons)
    return out


# as strong as the rare terms: a report that numbers its sections as the plan numbered its items restates them,
# however short its headings ("2.3 Färre timanställda" for "2.3 Nämnden ska minska användningen av …")
NUMBERING_WEIGHT = 3.0


def mirrored_numbering(a: pd.Series, b: pd.Series) -> np.ndarray:
    """1.0 where a report section carries the plan item's own multi-part number ("2.3" ~ "2.3"), else NaN (no
    evidence either way): reports that mirror their plan's numbering say so, and a single "3" says nothing."""
    def key(n):
        n = str(n).strip().rstrip(".") if isinstance(n, str) else ""
        return n if n.count(".") >= 1 else None
    ka = [key(n) for n in a]
    kb = [key(n) for n in b]
    out = np.full((len(ka), len(kb)), np.nan, dtype=np.float32)
    for i, x in enumerate(ka):
        if x is None:
            continue
        for j, y in enumerate(kb):
            if x == y:
                out[i, j] = 1.0
    return out


def _kinds(fus: pd.DataFrame) -> set[str]:
    """Kinds of plan item a report's follow-ups are about; a follow-up of unknown kind may be about either."""
    kinds = set(fus["followup_kind"].dropna())
    if fus["followup_kind"].isna().any() or not kinds <= {"goal", "assignment"}:
        kinds |= {"goal", "assignment"}
    return kinds


def best_assignment(score: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """One-to-one pairs at or above the threshold that maximise the total score (Hungarian algorithm)."""
    if score.size == 0:
        return []
    ok = score >= threshold
    if not ok.any():
        return []
    # pairs below the threshold are worth nothing; the solver may still place them, they are dropped after
    rows, cols = linear_sum_assignment(np.where(ok, score, 0.0), maximize=True)
    return [(int(i), int(j)) for i, j in zip(rows, cols) if ok[i, j]]


def _candidate(plan, cand, i, j, score, feats, forced, report: str) -> dict:
    features = features_at(feats, i, j)
    if (plan["ref"].iloc[i], cand["ref"].iloc[j]) in forced:
        features["override"] = "accepted"
    return {"ref": cand["ref"].iloc[j], "status": cand["status"].iloc[j], "score": round(float(score[i, j]), 3),
            "features": features, "report": report}


def _period(doc: pd.Series) -> tuple[int, int]:
    y1 = int(doc["period_start"])
    y2 = int(doc["period_end"]) if not pd.isna(doc["period_end"]) else y1
    return y1, y2


def _years(years: list[int]) -> str:
    """2021, 2022, 2023, 2025 → "2021–2023, 2025"."""
    runs: list[list[int]] = []
    for y in years:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs) or "none"


def _name(source: str) -> str:
    return str(source).replace("\\", "/").rsplit("/", 1)[-1]
