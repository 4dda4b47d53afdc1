#!/usr/bin/env python3
"""Write the ILLUSTRATIVE province figures of tanrak's example content.

Why this script exists
----------------------
The department's source document ("๑๐ ประเด็น ๑๐ ความชัดเจน") gives national
results only, for October 2016 - May 2017 (ตุลาคม 2559 - พฤษภาคม 2560):

    target groups: agriculture 588, processing 827, community tourism 471
    groups with higher income: 828
    income increase: 354,896,256 baht
    people who benefited: 203,776

It gives NO figures for any single province. To show what a province page
looks like, the example site needs some province figures, so this script
makes them up in a stated, repeatable way. They are marked "illustrative" in
every file and on every page, and must never be quoted as official.

The method, in plain words
--------------------------
1. Only the 76 provinces get figures. Bangkok (TH-10) gets none, because the
   source reports results for the 76 provincial companies and does not say
   whether Bangkok is included.
2. A pseudo-random number generator with a fixed seed (random.Random(2559))
   gives each province a random weight between 0.5 and 1.5, separately for
   each of the three kinds of target group. Same seed, same numbers, every run.
3. Each national total is shared out in proportion to those weights by the
   "largest remainder" method: every province first gets the whole-number part
   of its exact share; the units left over go, one each, to the provinces with
   the largest fractional parts (ties broken by province code order). This
   makes the province figures whole numbers that add up EXACTLY to the
   national total.
4. Groups with higher income are shared out in proportion to each province's
   own total of target groups (so a province never has more groups with higher
   income than target groups).
5. Income increase is shared out in proportion to each province's groups with
   higher income (a province with none gets 0 baht).
6. People who benefited are shared out in proportion to each province's total
   of target groups.

Usage:  python3 docs/illustrative-figures.py [provinces.csv]
Without an argument it reads the area list from content/areas.csv. Writes content/areas.csv and content/provinces/<slug>.yaml (77 files), then
prints the column sums and checks them against the national totals.
Python 3 standard library only.
"""

import csv
import os
import random
import sys
from fractions import Fraction

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "content", "provinces")
AREAS_CSV = os.path.join(ROOT, "content", "areas.csv")

SEED = 2559
BANGKOK = "TH-10"
PERIOD = "{start: 2016-10, end: 2017-05}"
UPDATED = "2026-11-25"

NATIONAL = {
    "agriculture": 588,
    "processing": 827,
    "community_tourism": 471,
    "groups_with_higher_income": 828,
    "income_increase_baht": 354896256,
    "beneficiaries": 203776,
}

SOURCE_TITLE_TH = ("๑๐ ประเด็น ๑๐ ความชัดเจน ของการดำเนินงานการพัฒนาเศรษฐกิจฐานรากและประชารัฐ")
SOURCE_TITLE_EN = ("10 Issues, 10 Clarifications on the Grassroots Economy and Pracharat "
                   "Programme (unofficial translation of the title)")

# Question 6 of the source: where the central working group held workshops and
# field visits, between 3 March and 7 May 2560 B.E. (2017). Thai names as in the source.
WORKSHOPS = ["นครปฐม", "พระนครศรีอยุธยา", "เชียงใหม่", "ร้อยเอ็ด", "อุตรดิตถ์", "ภูเก็ต", "นครศรีธรรมราช"]
FIELD_VISITS = ["เพชรบุรี", "ชลบุรี", "แพร่", "สกลนคร", "ร้อยเอ็ด", "พังงา", "สงขลา"]
EVENT_SPAN = "{start: 2017-03-03, end: 2017-05-07}"
WORKSHOP_TITLE = (
    "ประชุมเชิงปฏิบัติการการพัฒนาเศรษฐกิจฐานรากและประชารัฐ ของคณะทำงานขับเคลื่อนการพัฒนาเศรษฐกิจฐานรากและประชารัฐ ส่วนกลาง",
    "Workshop on grassroots economy and Pracharat development held by the central working group",
)
FIELD_VISIT_TITLE = (
    "คณะทำงานส่วนกลางลงพื้นที่ติดตามการดำเนินงาน",
    "Field visit by the central working group to follow up on the work",
)


def largest_remainder(total, weights):
    """Share the whole number `total` in proportion to `weights` so the parts sum to `total`."""
    weights = [Fraction(w) for w in weights]
    wsum = sum(weights)
    if total == 0 or wsum == 0:
        return [0] * len(weights)
    quotas = [total * w / wsum for w in weights]
    parts = [q.numerator // q.denominator for q in quotas]
    left = total - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - parts[i]), i))
    for i in order[:left]:
        parts[i] += 1
    return parts


def read_areas():
    """Read the 77 areas: from the CSV named on the command line (columns
    code,name_th,name_en,region_th,region_en, e.g. the shared provinces.csv),
    or else from content/areas.csv itself."""
    src = sys.argv[1] if len(sys.argv) > 1 else AREAS_CSV
    with open(src, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        r["slug"] = r["name_en"].lower().replace(" ", "-")
        r["region"] = r["region_en"].lower()
    return rows


def write_areas_csv(rows):
    with open(AREAS_CSV, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "slug", "name_th", "name_en", "region", "region_th", "region_en"])
        for r in rows:
            w.writerow([r["code"], r["slug"], r["name_th"], r["name_en"], r["region"],
                        r["region_th"], r["region_en"]])


def allocate(provinces):
    rng = random.Random(SEED)
    n = len(provinces)
    figs = [dict() for _ in range(n)]
    for field in ("agriculture", "processing", "community_tourism"):
        weights = [Fraction(rng.uniform(0.5, 1.5)) for _ in range(n)]
        for f, v in zip(figs, largest_remainder(NATIONAL[field], weights)):
            f[field] = v
    targets = [f["agriculture"] + f["processing"] + f["community_tourism"] for f in figs]
    for f, v in zip(figs, largest_remainder(NATIONAL["groups_with_higher_income"], targets)):
        f["groups_with_higher_income"] = v
    higher = [f["groups_with_higher_income"] for f in figs]
    for f, v in zip(figs, largest_remainder(NATIONAL["income_increase_baht"], higher)):
        f["income_increase_baht"] = v
    for f, v in zip(figs, largest_remainder(NATIONAL["beneficiaries"], targets)):
        f["beneficiaries"] = v
    for f, t in zip(figs, targets):
        assert all(v >= 0 for v in f.values())
        assert f["groups_with_higher_income"] <= t, (f, t)
        if f["groups_with_higher_income"] == 0:
            assert f["income_increase_baht"] == 0
    return figs


def province_yaml(area, fig):
    th, en = area["name_th"], area["name_en"]
    out = ["# yaml-language-server: $schema=../../schemas/province.schema.json"]
    if area["code"] == BANGKOK:
        out += [
            "# ไม่มีตัวเลขของกรุงเทพมหานคร: เอกสารต้นฉบับรายงานผลของคณะกรรมการและบริษัทระดับจังหวัด ซึ่งกล่าวถึง ๗๖ จังหวัด",
            "# และไม่ได้ระบุว่ารวมกรุงเทพมหานครด้วยหรือไม่",
            "# No figures for Bangkok: the source reports results of the provincial committees and companies,",
            "# which it speaks of as 76 provinces, and does not say whether Bangkok is included.",
        ]
    else:
        out += [
            "# ตัวเลขช่วง 2016-10 ถึง 2017-05 เป็นตัวเลขสมมุติเพื่อการสาธิต ไม่ใช่ตัวเลขทางการ ช่วงเวลาใหม่ให้เพิ่มต่อท้าย results: (ดู docs/editing.th.md)",
            "# The 2016-10 to 2017-05 figures are ILLUSTRATIVE, not official: the source gives no per-province figures.",
            "# They come from docs/illustrative-figures.py. Add new periods at the end of results: (see docs/editing.en.md).",
        ]
    out += [
        f"code: {area['code']}",
        f"name: {{th: {th}, en: {en}}}",
        f"region: {area['region']}",
        "data_status: illustrative",
    ]
    if fig is None:
        out += [
            "# ไม่นับกรุงเทพมหานครในจำนวนจังหวัดที่ต้องรายงาน จนกว่าจะมีแหล่งข้อมูลที่ให้ตัวเลขของกรุงเทพมหานคร",
            "# Bangkok is not counted among the provinces expected to report until a source gives its figures.",
            "own_figures: false",
        ]
    out.append(f"updated: {UPDATED}")
    if fig is None:
        out.append("results: []")
    else:
        out += [
            "results:",
            f"  - period: {PERIOD}",
            f"    target_groups: {{agriculture: {fig['agriculture']}, processing: {fig['processing']}, "
            f"community_tourism: {fig['community_tourism']}}}",
            f"    groups_with_higher_income: {fig['groups_with_higher_income']}",
            f"    income_increase_baht: {fig['income_increase_baht']}",
            f"    beneficiaries: {fig['beneficiaries']}",
        ]
    events = []
    if th in WORKSHOPS:
        events.append(("workshop", WORKSHOP_TITLE))
    if th in FIELD_VISITS:
        events.append(("field_visit", FIELD_VISIT_TITLE))
    if events:
        out.append("# กิจกรรมจากข้อ ๖ ของเอกสารต้นฉบับ ซึ่งระบุไว้เพียงช่วงวันที่ ๓ มีนาคม - ๗ พฤษภาคม ๒๕๖๐")
        out.append("# Events from question 6 of the source, which gives only the span 3 March - 7 May 2017.")
        out.append("events:")
        for kind, (tth, ten) in events:
            out += [
                f"  - kind: {kind}",
                f"    between: {EVENT_SPAN}",
                f'    title: {{th: "{tth}", en: "{ten}"}}',
            ]
    else:
        out.append("events: []")
    out += [
        "sources:",
        f'  - title: {{th: "{SOURCE_TITLE_TH}", en: "{SOURCE_TITLE_EN}"}}',
    ]
    return "\n".join(out) + "\n"


def main():
    areas = read_areas()
    assert len(areas) == 77, len(areas)
    write_areas_csv(areas)
    provinces = [a for a in areas if a["code"] != BANGKOK]
    figs = allocate(provinces)
    by_code = {a["code"]: f for a, f in zip(provinces, figs)}
    os.makedirs(OUT_DIR, exist_ok=True)
    for a in areas:
        path = os.path.join(OUT_DIR, a["slug"] + ".yaml")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(province_yaml(a, by_code.get(a["code"])))
    ok = True
    print(f"{'field':28} {'sum':>12} {'national':>12}")
    for field, total in NATIONAL.items():
        s = sum(f[field] for f in figs)
        ok &= s == total
        print(f"{field:28} {s:>12} {total:>12} {'ok' if s == total else 'MISMATCH'}")
    print(f"wrote {len(areas)} province files and content/areas.csv")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
