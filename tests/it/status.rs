//! A figure's status travels into every sentence made from it: counts, cross-checks, ranks,
//! medians, shares, sums and page descriptions say "illustrative" or "provisional" when the
//! figures they use are, and a site can turn ranks off for a status.

use crate::support::Site;

/// The visible text of an HTML page or SVG image: tags dropped, entities of quotes undone,
/// runs of white space as one space.
fn text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every file under the built site's folder `rel` whose name ends in one of `ends`.
fn files(site: &Site, ends: &[&str]) -> Vec<(String, String)> {
    let root = site.out();
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.unwrap();
        let name = entry.path().to_string_lossy().to_string();
        if entry.file_type().is_file() && ends.iter().any(|e| name.ends_with(e)) {
            let rel = entry.path().strip_prefix(&root).unwrap();
            out.push((
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read_to_string(entry.path()).unwrap(),
            ));
        }
    }
    out
}

#[test]
fn bundled_site_never_calls_its_illustrative_province_figures_reported_verified_or_ranked() {
    let site = Site::bundled();
    site.build_ok();
    // Words that would make a made-up province figure look real: "reported" of provinces,
    // a cross-check that "matches", a rank. The national figures are official and may be
    // reported, so sentences about them are not counted.
    let forbidden_en = [
        "provinces that reported",
        "province expected has reported",
        "provinces have reported",
        "that reported for",
        "reported so far",
        "of the national figure.",
        "Rank ",
        " ranked by",
        "rank among",
        "verified",
    ];
    let forbidden_th = ["จังหวัดที่รายงานตัวเลข", "รายงานครบทั้ง", "อันดับที่", "จัดอันดับ"];
    let mut checked = 0;
    for (rel, body) in files(&site, &[".html", ".svg"]) {
        let shown = text(&body);
        for word in forbidden_en.iter().chain(&forbidden_th) {
            assert!(
                !shown.contains(word),
                "{rel} says {word:?}: …{}…",
                shown
                    .find(word)
                    .map(|i| shown[i.saturating_sub(120)..]
                        .chars()
                        .take(240)
                        .collect::<String>())
                    .unwrap_or_default()
            );
        }
        checked += 1;
    }
    assert!(checked > 150, "{checked} files read");
    // The data files say whether there are figures, not that they were reported.
    let data = files(&site, &[".json", ".csv"]);
    assert!(data.len() > 100, "{} data files", data.len());
    // (The search index holds the pages' own words, read above.)
    for (rel, body) in data.iter().filter(|(rel, _)| !rel.starts_with("search/")) {
        for word in [
            "\"reported\"",
            "areas_reported",
            ",reported,",
            "reported: true",
        ] {
            assert!(!body.contains(word), "{rel} has {word}");
        }
    }
    let csv = site.output("data/provinces.csv");
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",data_status,has_figures,expected")
    );
    let national: serde_json::Value =
        serde_json::from_str(&site.output("data/national.json")).unwrap();
    assert_eq!(national["periods"][0]["areas_with_figures"], 76);
    // The cross-check says its sums add up by construction, not that they were checked.
    let home = text(&site.output("en/index.html"));
    assert!(home.contains(
        "The illustrative province figures were made to add up to the national figures, so they \
         match by construction and this is not a check of real figures; all 76 provinces have \
         illustrative figures, not reported ones."
    ));
    assert!(!home.contains(" matches "), "{home}");
    let th = text(&site.output("index.html"));
    assert!(th.contains("ตรงกันโดยวิธีจัดทำ"));
    assert!(th.contains("มีตัวเลขครบทั้ง 76 จังหวัด (ตัวเลขสมมุติ ไม่ใช่ตัวเลขที่จังหวัดรายงาน)"));
    // A province page: no rank, and its medians and share say whose figures they are.
    let cm = site.output("en/provinces/chiang-mai/index.html");
    assert!(cm.contains(
        "<meta name=\"description\" content=\"Chiang Mai: illustrative figures of the grassroots \
         economy and Pracharat programme, not real results\">"
    ));
    let cm = text(&cm);
    assert!(cm.contains("The median of all provinces' illustrative figures is"));
    assert!(cm.contains("% of the real national figure."));
    // Bangkok has no figures, so its description does not call them illustrative.
    let bkk = site.output("en/provinces/bangkok/index.html");
    assert!(!bkk.contains("illustrative figures of"), "{bkk}");
}

#[test]
fn provisional_figures_say_provisional_on_their_ranks_medians_and_sums() {
    let site = Site::fixture("tiny");
    for area in ["chiang-mai", "phuket", "bangkok"] {
        site.edit(
            &format!("content/provinces/{area}.yaml"),
            "data_status: illustrative",
            "data_status: provisional",
        );
    }
    site.build_ok();
    let cm = text(&site.output("en/provinces/chiang-mai/index.html"));
    assert!(
        cm.contains(
            "Provisional figures for October 2016 – May 2017, which may change. Ranks count only \
             the 2 of 3 provinces that reported figures for this period;"
        ),
        "{cm}"
    );
    assert!(cm.contains("1st of the 2 provinces that reported, on provisional figures."));
    assert!(cm.contains("The provisional median of all provinces that reported is 30."));
    assert!(cm.contains("It is 58.33% of the national figure, on provisional figures."));
    assert!(cm.contains("Provisional rank among the provinces that reported"));
    let th = text(&site.output("provinces/chiang-mai/index.html"));
    assert!(
        th.contains("อันดับที่ 1 จาก 2 จังหวัดที่รายงานตัวเลข ตามตัวเลขเบื้องต้น"),
        "{th}"
    );
    assert!(th.contains("ค่ามัธยฐานเบื้องต้นของทุกจังหวัดที่รายงานคือ 30"));
    // The sums of a region's provinces say they are provisional.
    let north = text(&site.output("en/regions/north/index.html"));
    assert!(
        north.contains(
            "These totals are the sums of the provisional figures of the 1 of 1 provinces of \
             North that reported for October 2016 – May 2017; they may change."
        ),
        "{north}"
    );
    // The home page's count and cross-check.
    let home = text(&site.output("en/index.html"));
    assert!(home.contains("Provisional province figures checked against the national figures"));
    assert!(
        home.contains("2 of 3 provinces reported so far (provisional figures)"),
        "{home}"
    );
}

#[test]
fn a_site_can_turn_ranks_off_for_a_status() {
    let site = Site::fixture("tiny");
    site.edit(
        "content/report.yaml",
        "\nmeasures:",
        "\nunranked: [illustrative]\nmeasures:",
    );
    site.build_ok();
    let cm = site.output("en/provinces/chiang-mai/index.html");
    let shown = text(&cm);
    assert!(!shown.contains("Rank "), "{shown}");
    assert!(!shown.contains("1st of"), "{shown}");
    assert!(shown.contains("The median of all provinces' illustrative figures is 30."));
    let th = text(&site.output("provinces/chiang-mai/index.html"));
    assert!(!th.contains("อันดับ"), "{th}");
    // No ranking charts of the figures either.
    assert!(!site.output("en/provinces/index.html").contains("ranked by"));
}
