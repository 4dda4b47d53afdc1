//! Issue 11: a new reporting period arrives one area at a time. The fixture
//! `tests/fixtures/periods` has two periods: the first complete (four provinces expected,
//! Bangkok with no figures of its own), the second reported by Chiang Mai only, with the
//! national figures pending. The tests build it at each step (pending, published while
//! areas are still reporting, complete) and look at the home page, the charts, the map, the
//! area pages, the status page, the data files and the messages of `check`.

use crate::support::Site;

const P1: &str = "October 2016 – May 2017";
const P2: &str = "June 2017 – September 2017";

/// The national figures of the second period, published: the sums of all four provinces.
const P2_NATIONAL: &str = "    source:
      title: {th: เอกสารทดสอบฉบับที่สอง, en: Second test document}
      publisher: {th: หน่วยงานทดสอบ, en: Test unit}
    target_groups: {agriculture: 10, processing: 6, community_tourism: 5}
    groups_with_higher_income: 8
    income_increase_baht: 350000
    beneficiaries: 250
";

/// The second period's figures of a province, as an editor adds them.
fn p2(a: u32, p: u32, c: u32, h: u32, income: u32, people: u32) -> String {
    format!(
        "  - period: {{start: 2017-06, end: 2017-09}}
    target_groups: {{agriculture: {a}, processing: {p}, community_tourism: {c}}}
    groups_with_higher_income: {h}
    income_increase_baht: {income}
    beneficiaries: {people}
"
    )
}

fn publish_national(site: &Site) {
    site.edit(
        "content/national.yaml",
        "    data_status: provisional\n    pending: true\n",
        &format!("    data_status: official\n{P2_NATIONAL}"),
    );
}

fn everyone_reports(site: &Site) {
    for (slug, figures) in [
        ("lamphun", p2(2, 2, 1, 2, 80000, 60)),
        ("phuket", p2(3, 1, 2, 2, 100000, 70)),
        ("songkhla", p2(1, 1, 1, 1, 50000, 30)),
    ] {
        let rel = format!("content/provinces/{slug}.yaml");
        let text = site.read(&rel);
        site.write(&rel, &format!("{text}{figures}"));
    }
}

/// The part of `html` from `start` up to the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in the page"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

fn chart<'a>(html: &'a str, id: &str) -> &'a str {
    between(
        html,
        &format!("<figure class=\"chart-figure\" id=\"{id}\">"),
        "chart-downloads",
    )
}

#[test]
fn issue_11_pending_period_keeps_the_complete_one_and_shows_the_new_one_beside_it() {
    let site = Site::fixture("periods");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    site.build_ok();

    // Home: the complete period leads; the arriving one is beside it, counted, with the
    // national figures said to be pending in words.
    let home = site.output("en/index.html");
    assert!(
        home.contains(&format!(
            "<p class=\"period-line\">Period: <strong>{P1}</strong>"
        )),
        "{home}"
    );
    let arriving = between(&home, "<section class=\"arriving\"", "</section>");
    assert!(arriving.contains(&format!("Figures still arriving: {P2}")));
    assert!(arriving.contains(
        "<strong>1 of 4 provinces have illustrative figures so far, not reported ones</strong>"
    ));
    assert!(arriving.contains("The national figures for this period are not yet published."));
    assert!(arriving.contains(&format!("this page keeps showing {P1}, the latest period")));
    // The arriving period's regions: the south has not reported, which is said, not drawn
    // as zero; each region says how many of its provinces its total covers.
    let regions = chart(&home, "chart-home-income-by-region-2017-06_2017-09");
    assert_eq!(regions.matches("<rect").count(), 1, "{regions}");
    assert!(regions.contains("North (1 of 2 provinces)"), "{regions}");
    assert!(
        regions.contains(
            "<th scope=\"row\">South (0 of 2 provinces)</th><td class=\"num\" data-value=\"\">not yet reported</td>"
        ),
        "{regions}"
    );
    assert!(regions.contains("Not yet reported: South (0 of 2 provinces)."));
    assert!(!regions.contains("data-value=\"0\""), "{regions}");
    // The complete period's regions: Bangkok has no figures of its own, so the central
    // region has no total at all rather than a zero.
    let regions = chart(&home, "chart-home-income-by-region");
    assert!(regions.contains(P1), "{regions}");
    assert!(!regions.contains("Central"), "{regions}");
    assert!(regions.contains("No figures of their own: Bangkok."));
    // The cross-check is of the complete period: everything matches.
    assert!(!home.contains("class=\"num differs\""));
    assert!(!home.contains("class=\"num incomplete\""));
    let th = site.output("index.html");
    assert!(th.contains("มีตัวเลขสมมุติแล้ว 1 จาก 4 จังหวัด"), "{th}");
    assert!(th.contains("ยังไม่เผยแพร่ตัวเลขระดับประเทศของช่วงเวลานี้"));

    // Areas index and map: the complete period, with the arriving one named beside it.
    let index = site.output("en/provinces/index.html");
    assert!(index.contains(&format!(
        "Figures for {P2} are still arriving: 1 of 4 provinces have illustrative figures so far, not reported ones. This page shows {P1}, the latest complete period."
    )));
    let map = between(&index, "<svg", "</svg>");
    assert!(map.contains(&format!("Target groups by province, {P1}")));
    assert!(map.contains("<title>Phuket: 18</title>"), "{map}");
    assert!(map.contains("<title>Bangkok: no figures</title>"), "{map}");
    let bangkok = between(&index, "/bangkok/\">", "</tr>");
    assert!(
        bangkok.ends_with("<td>No figures of its own</td>"),
        "{bangkok}"
    );

    // Area pages: each period carries its own status; a province that has not reported
    // the new period says so.
    let cm = site.output("en/provinces/chiang-mai/index.html");
    assert!(cm.contains(&format!(
        "Chiang Mai: results, {P2} <span class=\"badge status-official\">Official figures</span>"
    )));
    assert!(cm.contains(&format!(
        "Chiang Mai: results, {P1} <span class=\"badge status-illustrative\">Illustrative figures</span>"
    )));
    assert!(cm.contains(&format!(
        "<p class=\"notice notice-illustrative\">Figures of {P1}: <strong>Illustrative figures:</strong>"
    )));
    let phuket = site.output("en/provinces/phuket/index.html");
    assert!(phuket.contains(&format!(
        "No figures yet for {P2}: Phuket has not reported them."
    )));
    assert!(!cm.contains("has not reported them"));

    // Status page: which provinces have reported, per period.
    let status = site.output("en/status/index.html");
    let second = between(&status, "id=\"period-2017-06_2017-09-h\"", "</section>");
    assert!(second.contains(
        "<strong>1 of 4 provinces have illustrative figures so far, not reported ones</strong> · The national figures for this period are not yet published."
    ));
    assert!(
        second
            .contains("<tr data-code=\"TH-83\" data-has-figures=\"false\" data-expected=\"true\">")
    );
    assert!(second.contains("<td class=\"none\">Not yet reported</td>"));
    assert!(
        second.contains(
            "<tr data-code=\"TH-10\" data-has-figures=\"false\" data-expected=\"false\">"
        )
    );
    assert!(second.contains("<td class=\"none\">No figures of its own</td>"));
    assert!(
        second.contains("South <span class=\"count\">(0 of 2 provinces have illustrative figures so far, not reported ones)</span>")
    );
    let first = between(&status, "id=\"period-2016-10_2017-05-h\"", "</section>");
    assert!(
        first.contains(
            "<strong>all 4 provinces have illustrative figures, not reported ones</strong>"
        )
    );

    // Data files: a row per province and period, with the period's own status and whether
    // it was reported; no zeros for a province that has not.
    let csv = site.output("data/provinces.csv");
    assert!(csv.contains("TH-83,phuket,ภูเก็ต,Phuket,south,2017-06,2017-09,,,,,,,,,false,true\r\n"));
    assert!(csv.contains(
        "TH-50,chiang-mai,เชียงใหม่,Chiang Mai,north,2017-06,2017-09,4,2,1,7,3,120000,90,official,true,true\r\n"
    ));
    assert!(csv.contains(
        "TH-50,chiang-mai,เชียงใหม่,Chiang Mai,north,2016-10,2017-05,10,5,3,18,9,300000,250,illustrative,true,true\r\n"
    ));
    assert!(csv.contains(
        "TH-10,bangkok,กรุงเทพมหานคร,Bangkok,central,2017-06,2017-09,,,,,,,,,false,false\r\n"
    ));
    let national: serde_json::Value =
        serde_json::from_str(&site.output("data/national.json")).unwrap();
    let p = &national["periods"][1];
    assert_eq!(p["pending"], true);
    assert_eq!(p["complete"], false);
    assert_eq!(p["areas_with_figures"], 1);
    assert_eq!(p["areas_expected"], 4);
    assert_eq!(p["beneficiaries"], serde_json::Value::Null);
    assert_eq!(p["source"], serde_json::Value::Null);
    assert_eq!(p["data_status"], "provisional");
    assert_eq!(national["periods"][0]["complete"], true);
    let areas: serde_json::Value =
        serde_json::from_str(&site.output("data/provinces/phuket.json")).unwrap();
    let r = &areas["provinces"][0]["results"][1];
    assert_eq!(r["has_figures"], false);
    assert_eq!(r["target_groups_total"], serde_json::Value::Null);
    let data = site.output("en/data/index.html");
    assert!(data.contains(
        "<dt>Source</dt><dd>The national figures for this period are not yet published.</dd>"
    ));
    assert!(data.contains("<code>has_figures</code>"));
    let regions = site.output("data/charts/home-income-by-region-2017-06_2017-09.csv");
    assert!(
        regions.contains(
            "home-income-by-region-2017-06_2017-09,south,ภาคใต้ (0 จาก 2 จังหวัด),South (0 of 2 provinces),,THB,2017-06,2017-09,official,false,0,2"
        ),
        "{regions}"
    );
}

#[test]
fn issue_11_published_national_figures_wait_for_every_expected_area() {
    let site = Site::fixture("periods");
    publish_national(&site);
    // One warning for the period, listing the measures that do not add up yet.
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/national.yaml:13:13: warning: for 2017-06 to 2017-09, 1 of 4 provinces have reported so far, and their figures do not yet add up to these national figures: `target_groups.agriculture` 4 ≠ 10 (-6); `target_groups.processing` 2 ≠ 6 (-4); `target_groups.community_tourism` 1 ≠ 5 (-4); `groups_with_higher_income` 3 ≠ 8 (-5); `income_increase_baht` 120,000 ≠ 350,000 (-230,000); `beneficiaries` 90 ≠ 250 (-160)\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("warning:").count(), 1, "{}", run.stderr);
    site.build_ok();
    // Published but not complete: the home page still leads with the first period and
    // shows the new national figures beside it.
    let home = site.output("en/index.html");
    assert!(home.contains(&format!(
        "<p class=\"period-line\">Period: <strong>{P1}</strong>"
    )));
    let arriving = between(&home, "<section class=\"arriving\"", "</section>");
    assert!(
        arriving.contains("1 of 4 provinces have illustrative figures so far, not reported ones")
    );
    assert!(arriving.contains("data-key=\"beneficiaries\" data-value=\"250\">250</td>"));
    assert!(!arriving.contains("not yet published"));
}

#[test]
fn issue_11_complete_period_leads_and_a_wrong_figure_is_an_error() {
    let site = Site::fixture("periods");
    publish_national(&site);
    everyone_reports(&site);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    site.build_ok();
    let home = site.output("en/index.html");
    assert!(home.contains(&format!(
        "<p class=\"period-line\">Period: <strong>{P2}</strong>"
    )));
    assert!(!home.contains("Figures still arriving"));
    assert!(!home.contains("not yet reported"));
    let index = site.output("en/provinces/index.html");
    assert!(!index.contains("are still arriving"));
    assert!(
        between(&index, "<svg", "</svg>").contains(&format!("Target groups by province, {P2}"))
    );
    let status = site.output("en/status/index.html");
    let second = between(&status, "id=\"period-2017-06_2017-09-h\"", "</section>");
    assert!(
        second.contains(
            "<strong>all 4 provinces have illustrative figures, not reported ones</strong>"
        )
    );
    let national: serde_json::Value =
        serde_json::from_str(&site.output("data/national.json")).unwrap();
    assert_eq!(national["periods"][1]["complete"], true);
    assert_eq!(national["periods"][1]["pending"], false);
    assert!(!site.output("data/provinces.csv").contains(",false,true"));
    let phuket = site.output("en/provinces/phuket/index.html");
    assert!(!phuket.contains("has not reported them"));
    assert!(phuket.contains(&format!("Phuket: results, {P2}")));

    // Every expected province has reported: a figure that breaks the total is an error.
    site.edit(
        "content/provinces/phuket.yaml",
        "beneficiaries: 70",
        "beneficiaries: 394",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/national.yaml:21:20: error: `beneficiaries` for 2017-06 to 2017-09: the provinces add up to 574, but the national figure is 250 (difference +324)\n"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(
        "help: every province expected to report for this period has (all 4), so the totals must agree"
    ));
}

#[test]
fn issue_11_a_period_missing_from_national_yaml_is_a_warning_that_says_what_to_add() {
    let site = Site::fixture("periods");
    let rel = "content/provinces/lamphun.yaml";
    let text = site.read(rel);
    site.write(
        rel,
        &format!(
            "{text}{}",
            p2(1, 1, 1, 1, 1000, 10).replace("2017-06, end: 2017-09", "2017-10, end: 2017-12")
        ),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/provinces/lamphun.yaml:12:13: warning: figures for 2017-10 to 2017-12 are given here, but content/national.yaml has no such period, so they show only on this page and in the downloads, and no total is checked\n"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(
        "help: add the period to content/national.yaml: `- period: {start: 2017-10, end: 2017-12}` with `data_status: provisional` and `pending: true` until the national figures are published"
    ));
}

#[test]
fn issue_11_a_record_without_figures_of_its_own_may_not_give_figures() {
    let site = Site::fixture("periods");
    site.edit(
        "content/provinces/bangkok.yaml",
        "results: []",
        &format!("results:\n{}", p2(1, 1, 1, 1, 1000, 10)),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/provinces/bangkok.yaml:8:5: error: this record says `own_figures: false` but gives 1 period of figures\n"
        ),
        "{}",
        run.stderr
    );
}

/// Issue 11's check on the bundled site: Bangkok has no figures of its own, so all 76
/// provinces expected have reported, and a province figure that breaks the national total
/// is an error (it was a warning while Bangkok counted as "not yet reported").
#[test]
fn issue_11_bundled_site_errors_on_a_wrong_province_figure() {
    let site = Site::bundled();
    site.edit(
        "content/provinces/chiang-mai.yaml",
        "beneficiaries: 2485",
        "beneficiaries: 2809",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/national.yaml:17:20: error: `beneficiaries` for 2016-10 to 2017-05: the provinces add up to 204,100, but the national figure is 203,776 (difference +324)\n"
        ),
        "{}",
        run.stderr
    );
}

/// A period may name the areas expected to report for it; complete means all of those.
#[test]
fn issue_11_a_period_that_lists_its_expected_areas_is_complete_when_they_have_reported() {
    let site = Site::fixture("periods");
    site.edit(
        "content/national.yaml",
        "    data_status: provisional\n    pending: true\n",
        "    data_status: official
    expected: [TH-50]
    source:
      title: {th: เอกสารทดสอบฉบับที่สอง, en: Second test document}
      publisher: {th: หน่วยงานทดสอบ, en: Test unit}
    target_groups: {agriculture: 4, processing: 2, community_tourism: 1}
    groups_with_higher_income: 3
    income_increase_baht: 120000
    beneficiaries: 90
",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    site.build_ok();
    assert!(site.output("en/index.html").contains(&format!(
        "<p class=\"period-line\">Period: <strong>{P2}</strong>"
    )));
    let status = site.output("en/status/index.html");
    let second = between(&status, "id=\"period-2017-06_2017-09-h\"", "</section>");
    assert!(
        second.contains(
            "<strong>all 1 provinces have illustrative figures, not reported ones</strong>"
        )
    );
    assert!(
        second.contains(
            "<tr data-code=\"TH-83\" data-has-figures=\"false\" data-expected=\"false\">"
        )
    );
    // A code that is not in the areas list is an error at its place.
    site.edit("content/national.yaml", "[TH-50]", "[TH-50, TH-99]");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/national.yaml:15:23: error: `TH-99` under `expected` is not a code in the areas list\n"
        ),
        "{}",
        run.stderr
    );
}
