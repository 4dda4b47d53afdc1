//! The report definition: a site declares its measures, area level, languages and wording in
//! `content/`, and everything follows from it without a change to the program.

use crate::support::*;

fn bundled_with_a_new_measure() -> (Site, u64) {
    let site = Site::bundled();
    let total = add_a_measure(&site);
    (site, total)
}

#[test]
fn a_measure_added_in_content_reaches_pages_charts_downloads_and_checks() {
    let (site, total) = bundled_with_a_new_measure();
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site.build_ok();

    let cm = site.read("content/provinces/chiang-mai.yaml");
    let value: u64 = cm
        .lines()
        .find_map(|l| l.trim().strip_prefix("otop_sales_baht: "))
        .unwrap()
        .parse()
        .unwrap();
    // The area page's table, in both languages, with the measure's label and unit.
    let th = site.output("provinces/chiang-mai/index.html");
    assert!(th.contains("ยอดขายผลิตภัณฑ์ชุมชน (บาท)"), "no Thai label");
    assert!(
        th.contains(&format!(
            r#"data-key="otop_sales_baht" data-value="{value}">{} บาท<"#,
            grouped(value)
        )),
        "no value in the Thai table"
    );
    let en = site.output("en/provinces/chiang-mai/index.html");
    assert!(en.contains(&format!(">THB {}<", grouped(value))));
    // Its chart, drawn on the page and downloadable.
    assert!(en.contains(r#"id="chart-province-chiang-mai-otop""#));
    let chart = site.output("data/charts/provinces/chiang-mai.csv");
    assert!(
        chart.contains(&format!(
            "province-chiang-mai-otop,otop_sales_baht,ยอดขายผลิตภัณฑ์ชุมชน,Sales of local products,{value},THB,"
        )),
        "{chart}"
    );
    // The downloads have its column, after the bundled ones.
    let csv = site.output("data/provinces.csv");
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",beneficiaries,otop_sales_baht,data_status,has_figures,expected"),
        "{}",
        csv.lines().next().unwrap()
    );
    assert!(csv.contains(&format!(",{value},illustrative")));
    let json = site.output("data/provinces/chiang-mai.json");
    assert!(
        json.contains(&format!("\"otop_sales_baht\": {value}")),
        "{json}"
    );
    let national = site.output("data/national.json");
    assert!(national.contains(&format!("\"otop_sales_baht\": {total}")));
    // The data page explains the column.
    assert!(
        site.output("en/data/index.html")
            .contains("Sales of local products (a test figure)")
    );
    // The home page's cross-check compares it.
    let home = site.output("en/index.html");
    assert!(home.contains("Sales of local products (baht)"));
}

#[test]
fn a_measure_added_in_content_is_checked_like_the_others() {
    let (site, total) = bundled_with_a_new_measure();
    // A record without the new figure.
    site.edit(
        "content/provinces/chiang-mai.yaml",
        "    otop_sales_baht: ",
        "    otop_sales: ",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: unknown field `otop_sales`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `otop_sales_baht`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("error: `otop_sales_baht` is missing"),
        "{}",
        run.stderr
    );
    let _ = total;
}

#[test]
fn the_default_language_is_the_first_listed_and_thai_dates_follow_the_th_locale() {
    let site = Site::fixture("tiny");
    site.edit(
        "content/site.yaml",
        "languages: [th, en]",
        "languages: [en, th]",
    );
    site.edit("content/pages/about.en.md", "/en/faq/", "/faq/");
    site.edit("content/provinces/chiang-mai.en.md", "/en/faq/", "/faq/");
    site.edit(
        "content/updates/2026-10-01-first.en.md",
        "/en/faq/",
        "/faq/",
    );
    site.build_ok();
    let en = site.output("index.html");
    assert!(en.contains(r#"<html lang="en""#));
    let th = site.output("th/provinces/chiang-mai/index.html");
    assert!(th.contains(r#"<html lang="th""#));
    assert!(
        th.contains("พฤศจิกายน 2569"),
        "Buddhist-Era year on the Thai page"
    );
    assert!(
        site.output("provinces/chiang-mai/index.html")
            .contains("November 2026"),
        "Gregorian year on the English page"
    );
    assert!(site.out().join("th/faq/index.html").exists());
    assert!(!site.out().join("en").exists(), "English is at the root");
}

#[test]
fn a_site_changes_one_ui_string_without_copying_the_others() {
    let site = Site::fixture("tiny");
    site.write(
        "content/strings/en.yaml",
        "nav_faq: Ten questions\nnav_fqa: typo\n",
    );
    let run = site.build_ok();
    assert!(
        run.stderr
            .contains("warning: the theme has no UI string `nav_fqa`"),
        "{}",
        run.stderr
    );
    let en = site.output("en/index.html");
    assert!(en.contains(">Ten questions<"));
    // Every other string is still the theme's, with the report's words filled in.
    assert!(
        en.contains(">Provinces<"),
        "the areas' menu entry from the area word"
    );
}

#[test]
fn a_language_added_to_the_site_needs_its_text_everywhere() {
    let site = Site::fixture("tiny");
    site.edit(
        "content/site.yaml",
        "languages: [th, en]",
        "languages: [th, en, lo]",
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("content/report.yaml:5:9: error: `area.word` has no Lao text (`lo`)\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(r#"help: give the text in every language of the site, like `area.word: {th: "…", en: "…", lo: "…"}`"#),
        "{}",
        run.stderr
    );
}
