#!/usr/bin/env python3
"""Writes the MADE-UP figures of the Lamphun district example: content/districts/<slug>.yaml and
content/national.yaml (here: the province-wide figures).

The figures are not real: they show what a district-level report looks like. No programme
reported them. Run from this folder (`python3 make-figures.py`); the output is the same on
every run (fixed seed), so the files can be checked against it.

Method:
- Each district gets, per period, a random number of occupational groups of each kind
  (farm products, food, textiles, crafts); the second period adds a few to the first.
- Households taking part: the groups times a random 12-25 households per group; households
  with higher income: a random 45-85 % of them, rounded down.
- Sales: the groups times a random 60,000-250,000 baht per group, in whole baht.
- The percentage of households with higher income is worked out from the two counts and rounded
  half up to one decimal, for each district and for the province; it is not added up.
- The province-wide figures of every measure with `sums: true` are the exact sums of the eight
  districts.
"""

import csv
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONTENT = HERE / "content"
UPDATED = "2026-11-29"
SEED = 51  # Lamphun's province code
PERIODS = [("2022-10", "2023-09"), ("2023-10", "2024-09")]
# The province's page on its administrative divisions: its 8 districts and their subdistricts.
DIVISIONS_URL = (
    "https://www.lamphun.go.th/th/information/aboutus/7/"
    "%E0%B8%81%E0%B8%B2%E0%B8%A3%E0%B9%81%E0%B8%9A%E0%B9%88%E0%B8%87%E0%B9%80%E0%B8%82%E0%B8%95"
    "%E0%B8%81%E0%B8%B2%E0%B8%A3%E0%B8%9B%E0%B8%81%E0%B8%84%E0%B8%A3%E0%B8%AD%E0%B8%87"
)
PARTS = ["farm_products", "food", "textiles", "crafts"]

HEADER_TH = "# ตัวเลขในแฟ้มนี้เป็นตัวเลขสมมุติของรายงานตัวอย่าง ไม่ใช่ผลการดำเนินงานของโครงการใดจริง ห้ามอ้างอิง"
HEADER_EN = "# EXAMPLE REPORT: every figure in this file is MADE UP, not the result of any real programme."
GENERATED = "# Written by examples/lamphun-districts/make-figures.py (method in its docstring); do not edit by hand."


def percent(part, whole):
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def main():
    rng = random.Random(SEED)
    with open(CONTENT / "areas.csv", encoding="utf-8") as f:
        areas = list(csv.DictReader(line for line in f if not line.startswith("#")))

    totals = [dict.fromkeys(PARTS + ["households", "higher", "sales"], 0) for _ in PERIODS]
    for area in areas:
        results = []
        groups = {p: rng.randint(2, 14) for p in PARTS}
        for i, (start, end) in enumerate(PERIODS):
            if i > 0:
                groups = {p: n + rng.randint(0, 4) for p, n in groups.items()}
            n_groups = sum(groups.values())
            households = n_groups * rng.randint(12, 25)
            higher = households * rng.randint(45, 85) // 100
            sales = n_groups * rng.randint(60_000, 250_000)
            for p in PARTS:
                totals[i][p] += groups[p]
            totals[i]["households"] += households
            totals[i]["higher"] += higher
            totals[i]["sales"] += sales
            results.append(
                f"  - period: {{start: {start}, end: {end}}}\n"
                f"    groups: {{{', '.join(f'{p}: {groups[p]}' for p in PARTS)}}}\n"
                f"    households: {households}\n"
                f"    households_higher_income: {higher}\n"
                f"    share_higher_income: {percent(higher, households)}\n"
                f"    sales_baht: {sales}\n"
            )
        text = (
            "# yaml-language-server: $schema=../../schemas/district.schema.json\n"
            f"{HEADER_TH}\n{HEADER_EN}\n{GENERATED}\n"
            f"code: \"{area['code']}\"\n"
            f"name: {{th: {area['name_th']}, en: {area['name_en']}}}\n"
            "data_status: illustrative\n"
            f"updated: {UPDATED}\n"
            "results:\n" + "".join(results) + "events: []\n"
            "sources:\n"
            "  - title: {th: \"ตัวเลขสมมุติของรายงานตัวอย่างนี้ (ดูหน้าเกี่ยวกับข้อมูล)\", "
            "en: \"Made-up figures of this example report (see About the data)\"}\n"
            "  - title: {th: \"การแบ่งเขตการปกครอง (เว็บไซต์จังหวัดลำพูน)\", "
            "en: \"Administrative divisions (Lamphun provincial website, in Thai)\"}\n"
            f"    url: {DIVISIONS_URL}\n"
        )
        (CONTENT / "districts" / f"{area['slug']}.yaml").write_text(text, encoding="utf-8")

    periods = []
    for (start, end), t in zip(PERIODS, totals):
        periods.append(
            f"  - period: {{start: {start}, end: {end}}}\n"
            "    data_status: illustrative\n"
            "    source:\n"
            "      title: {th: \"ผลรวมของตัวเลขสมมุติรายอำเภอในรายงานตัวอย่างนี้\", "
            "en: \"The sum of this example report's made-up district figures\"}\n"
            "      publisher: {th: \"รายงานตัวอย่างของ tanrak (ไม่ใช่หน่วยงานราชการ)\", "
            "en: \"A tanrak example report (not a government agency)\"}\n"
            "      released: null\n"
            "      url: null\n"
            "    next_release: null\n"
            f"    groups: {{{', '.join(f'{p}: {t[p]}' for p in PARTS)}}}\n"
            f"    households: {t['households']}\n"
            f"    households_higher_income: {t['higher']}\n"
            f"    share_higher_income: {percent(t['higher'], t['households'])}\n"
            f"    sales_baht: {t['sales']}\n"
        )
    national = (
        "# yaml-language-server: $schema=../schemas/national.schema.json\n"
        "# ตัวเลขระดับจังหวัด (ทั้งจังหวัดลำพูน) ของรายงานตัวอย่าง: เป็นผลรวมของตัวเลขสมมุติรายอำเภอ ไม่ใช่ตัวเลขจริง\n"
        "# Province-wide figures of the EXAMPLE report: the sums of the MADE-UP district figures, not real results.\n"
        "# ร้อยละของครัวเรือนที่มีรายได้เพิ่มขึ้นคำนวณจากผลรวม ไม่ได้นำร้อยละของแต่ละอำเภอมาบวกกัน\n"
        "# The percentage is worked out from the sums, not added up from the districts' percentages.\n"
        f"{GENERATED}\n"
        f"updated: {UPDATED}\n"
        "periods:\n" + "".join(periods) + "corrections: []\n"
    )
    (CONTENT / "national.yaml").write_text(national, encoding="utf-8")


if __name__ == "__main__":
    main()
