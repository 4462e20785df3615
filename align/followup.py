"""Follow-up verdicts: for every goal and assignment of a plan, the report section that accounts for it.

A plan's period is [y1, y2]; the reports of the same municipality and committee whose period lies inside it
cover it. Within each covering report, plan items and the report's follow-up sections are paired one-to-one
(best first), so one section does not account for two items. An item is `reported` by the latest covering
report with a follow-up above the threshold, `not_reported` when no covering report has one (the nearest
candidate is still given), and `no_covering_report` when the corpus has no report for its period.

Which items are plan items: the goals and assignments of every document that is not a report, and the
assignments a report lists itself (reports often list the assignments of a budget that is not in the corpus,
and then report on them); a report's goals are the headings of its own follow-up sections, not new goals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from plantrace.align.features import FOLLOWUP_WEIGHTS, Context, combine, features_at, pair_features
from plantrace.align.overrides import apply_decisions
from plantrace.align.lineage import Thresholds, one_to_one


def plan_items(items: pd.DataFrame) -> pd.DataFrame:
    is_report = items["doc_type"] == "report"
    keep = (items["kind"] == "assignment") | ((items["kind"] == "goal") & ~is_report)
    return items[keep & ~items["placeholder"]]


def covering_reports(docs: pd.DataFrame, plan_doc: pd.Series) -> list[str]:
    """Reports of the same municipality and committee whose period lies inside the plan's (oldest first)."""
    if pd.isna(plan_doc["period_start"]):
        return []
    y1 = plan_doc["period_start"]
    y2 = plan_doc["period_end"] if not pd.isna(plan_doc["period_end"]) else y1
    r = docs[(docs["doc_type"] == "report") & (docs["municipality"] == plan_doc["municipality"])
             & (docs["committee"] == plan_doc["committee"]) & docs["period_start"].notna()]
    inside = r[(r["period_start"] >= y1) & (r["period_end"].fillna(r["period_start"]) <= y2)]
    return inside.sort_values(["period_end", "source"])["document"].tolist()


def followups(items: pd.DataFrame, docs: pd.DataFrame, ctx: Context, th: Thresholds, weights=None,
              forced: dict | None = None, rejected: set | None = None) -> tuple[list[dict], list[dict]]:
    """(verdicts, follow-up links) for every plan item of the corpus."""
    verdicts, links = [], []
    fus = items[items["kind"] == "followup"]
    fus_by_doc = {d: g.reset_index(drop=True) for d, g in fus.groupby("document")}
    forced, rejected = forced or {}, rejected or set()
    docs_by_id = docs.set_index("document")
    for doc_id, plan in plan_items(items).groupby("document", sort=False):
        plan = plan.reset_index(drop=True)
        reports = covering_reports(docs, docs_by_id.loc[doc_id])
        best: dict[int, dict] = {}  # plan row → the chosen follow-up (latest report wins)
        nearest: dict[int, dict] = {}
        for rep in reports:
            cand = fus_by_doc.get(rep)
            if cand is None or cand.empty:
                continue
            feats = pair_features(plan, cand, ctx)
            feats["kind"] = (plan["kind"].to_numpy()[:, None] == cand["followup_kind"].to_numpy()[None, :]).astype(np.float32)
            score = apply_decisions(combine(feats, weights or FOLLOWUP_WEIGHTS), plan["ref"].tolist(),
                                    cand["ref"].tolist(), forced, rejected)
            for i, j in one_to_one(score, th.followup):
                best[i] = _candidate(plan, cand, i, j, score, feats, forced)
            for i in range(len(plan)):
                j = int(np.argmax(score[i]))
                if i not in nearest or score[i, j] > nearest[i]["score"]:
                    nearest[i] = _candidate(plan, cand, i, j, score, feats, forced)
        for i in range(len(plan)):
            ref = plan["ref"].iloc[i]
            if not reports:
                verdicts.append({"plan_item": ref, "verdict": "no_covering_report", "followup": None, "status": None,
                                 "score": None, "nearest": None, "features": None})
            elif i in best:
                c = best[i]
                verdicts.append({"plan_item": ref, "verdict": "reported", "followup": c["ref"], "status": c["status"],
                                 "score": c["score"], "nearest": c["ref"], "features": c["features"]})
                links.append({"a": ref, "b": c["ref"], "relation": "followup", "score": c["score"],
                              "features": c["features"]})
            else:
                c = nearest.get(i)
                verdicts.append({"plan_item": ref, "verdict": "not_reported", "followup": None, "status": None,
                                 "score": c["score"] if c else None, "nearest": c["ref"] if c else None,
                                 "features": c["features"] if c else None})
    return verdicts, links


def _candidate(plan, cand, i, j, score, feats, forced) -> dict:
    features = features_at(feats, i, j)
    if (plan["ref"].iloc[i], cand["ref"].iloc[j]) in forced:
        features["override"] = "accepted"
    return {"ref": cand["ref"].iloc[j], "status": cand["status"].iloc[j], "score": round(float(score[i, j]), 3),
            "features": features}
