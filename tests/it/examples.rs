//! The sites in `examples/`: reports other than the bundled one, built by the same program with
//! no change to it (issue 8's proof). `lamphun-districts` reports by district (อำเภอ) at
//! `/districts/`, with its own measures (money, a percentage with one decimal and no sums
//! check, a measure with parts), no grouping, no map, Thai digits, and made-up figures that
//! every page showing them must label as such.

use crate::support::*;
use std::path::Path;

const LAMPHUN: &str = "lamphun-districts";

/// The eight district slugs of the Lamphun example, as in its `areas.csv`.
const DISTRICTS: [&str; 8] = [
    "mueang-lamphun",
    "mae-tha",
    "ban-hong",
    "li",
    "thung-hua-chang",
    "pa-sang",
    "ban-thi",
    "wiang-nong-long",
];

fn lamphun() -> Site {
    Site::example(LAMPHUN)
}

/// A page's text as a reader sees it: no tags, no script or style, entities of `&` `<` `>`
/// decoded, runs of white space as one space.
fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        out.push(' ');
        rest = &rest[lt..];
        let lower = rest.get(..7).unwrap_or("").to_ascii_lowercase();
        let close = if lower.starts_with("<script") {
            "</script>"
        } else if lower.starts_with("<style") {
            "</style>"
        } else if rest.starts_with("<!--") {
            "-->"
        } else {
            ">"
        };
        rest = match rest.find(close) {
            Some(i) => &rest[i + close.len()..],
            None => "",
        };
    }
    out.push_str(rest);
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every built HTML page under `out`, as (path relative to `out`, text).
fn pages(out: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(out)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

fn thai_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x0E50 + d).unwrap(),
            None => c,
        })
        .collect()
}

#[test]
fn lamphun_example_builds_and_passes_check_without_warnings() {
    let site = lamphun();
    let run = site.run(&["check", "--deny-warnings"]);
    assert_eq!(run.code, 0, "check:\n{}{}", run.stdout, run.stderr);
    assert!(
        !run.stderr.contains("warning") && !run.stderr.contains("error:"),
        "check printed problems:\n{}",
        run.stderr
    );
    site.build_ok();
    for slug in DISTRICTS {
        assert!(
            site.out()
                .join(format!("districts/{slug}/index.html"))
                .is_file(),
            "no Thai page for {slug}"
        );
        assert!(
            site.out()
                .join(format!("en/districts/{slug}/index.html"))
                .is_file(),
            "no English page for {slug}"
        );
    }
    assert!(
        !site.out().join("provinces").exists() && !site.out().join("en/provinces").exists(),
        "a district report must not publish /provinces/"
    );
}

#[test]
fn lamphun_pages_use_the_district_word_and_segment() {
    let site = lamphun();
    site.build_ok();
    let th = site.output("districts/li/index.html");
    let en = site.output("en/districts/li/index.html");
    // Links and the language switch use the report's own URL segment.
    assert!(
        th.contains("href=\"/en/districts/li/\""),
        "no switch to English"
    );
    assert!(en.contains("href=\"/districts/li/\""), "no switch to Thai");
    let home = site.output("index.html");
    assert!(
        home.contains("href=\"/districts/\""),
        "home does not link the districts"
    );
    let index = visible_text(&site.output("districts/index.html"));
    assert!(index.contains("อำเภอ"), "the Thai index does not say อำเภอ");
    for slug in DISTRICTS {
        assert!(
            site.output("districts/index.html")
                .contains(&format!("href=\"/districts/{slug}/\"")),
            "the index does not link {slug}"
        );
    }
    let en_index = visible_text(&site.output("en/districts/index.html"));
    assert!(
        en_index.contains("district"),
        "the English index does not say district"
    );
    assert!(visible_text(&th).contains("อำเภอ"));
    assert!(visible_text(&en).contains("district") || visible_text(&en).contains("District"));
}

/// With the words จังหวัด / province / ประเทศ / national taken out of the example's own content
/// (its narratives rightly say "Lamphun province"), no page may say them: every such word on
/// a page would come from the program or its theme, not from this report.
#[test]
fn lamphun_pages_say_nothing_of_provinces_or_the_nation() {
    let site = lamphun();
    for entry in walkdir::WalkDir::new(site.path("content")) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let strip = |s: &str| {
            s.replace("จังหวัด", "")
                .replace("ประเทศ", "")
                .replace("province", "")
                .replace("Province", "")
                .replace("national", "")
        };
        let text = std::fs::read_to_string(entry.path()).unwrap();
        // In the UI strings only the texts, not the keys (`national_results: …`).
        let cleaned = if entry
            .path()
            .parent()
            .is_some_and(|p| p.ends_with("strings"))
        {
            text.lines()
                .map(|line| match line.split_once(':') {
                    Some((key, value)) if !line.starts_with('#') => {
                        format!("{key}:{}\n", strip(value))
                    }
                    _ => format!("{}\n", strip(line)),
                })
                .collect()
        } else {
            strip(&text)
        };
        std::fs::write(entry.path(), cleaned).unwrap();
    }
    site.build_ok();
    let mut found = Vec::new();
    for (rel, html) in pages(&site.out()) {
        // The download's file name is the program's, the same in every report.
        let text = visible_text(&html).replace("national.json", "");
        for word in [
            "จังหวัด",
            "ประเทศ",
            "province",
            "Province",
            "national",
            "National",
        ] {
            if let Some(at) = text.find(word) {
                let from = text.floor_char_boundary(at.saturating_sub(60));
                let to = text.ceil_char_boundary((at + word.len() + 60).min(text.len()));
                found.push(format!("{rel}: {word}: …{}…", &text[from..to]));
            }
        }
    }
    assert!(
        found.is_empty(),
        "{} place(s) where the program speaks of provinces or the nation:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn lamphun_csv_and_json_have_the_reports_own_columns() {
    let site = lamphun();
    site.build_ok();
    let csv = site.output("data/districts.csv");
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert_eq!(
        header,
        "code,slug,name_th,name_en,period_start,period_end,groups_farm_products,groups_food,\
         groups_textiles,groups_crafts,groups_total,households,households_higher_income,\
         share_higher_income,sales_baht,data_status,has_figures,expected"
    );
    // Li, fiscal year 2567: plain ASCII digits, the percentage with its decimal.
    assert!(
        csv.contains(
            "5104,li,ลี้,Li,2023-10,2024-09,3,6,6,14,29,638,459,71.9,4894707,illustrative,true,true"
        ),
        "{csv}"
    );
    // Every row of figures says it is illustrative; a period not reported has no figures.
    for line in csv.lines().skip(1).filter(|l| !l.is_empty()) {
        assert!(
            line.ends_with(",illustrative,true,true") || line.ends_with(",,false,true"),
            "{line}"
        );
    }
    let one = site.output("data/districts/li.csv");
    assert!(
        one.trim_start_matches('\u{feff}').starts_with(header),
        "{one}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&site.output("data/districts/li.json")).unwrap();
    let text = json.to_string();
    assert!(text.contains("\"share_higher_income\":71.9"), "{text}");
    assert!(text.contains("\"sales_baht\":4894707"), "{text}");
    assert!(text.contains("illustrative"), "{text}");
}

#[test]
fn lamphun_thai_pages_use_thai_digits_and_english_pages_ascii() {
    let site = lamphun();
    site.build_ok();
    let th = visible_text(&site.output("districts/li/index.html"));
    let en = visible_text(&site.output("en/districts/li/index.html"));
    // Households taking part in fiscal year 2567 and their share with higher income.
    assert!(th.contains(&thai_digits("638")), "{th}");
    assert!(th.contains(&thai_digits("71.9")), "{th}");
    assert!(en.contains("638") && en.contains("71.9"), "{en}");
    assert!(
        !en.chars().any(|c| ('\u{0E50}'..='\u{0E59}').contains(&c)),
        "{en}"
    );
}

/// Every page that shows figures (a table or a chart) says they are made up, in its language.
#[test]
fn lamphun_figures_are_labelled_illustrative_wherever_they_appear() {
    let site = lamphun();
    site.build_ok();
    let mut unlabelled = Vec::new();
    let mut with_figures = 0;
    for (rel, html) in pages(&site.out()) {
        if !(html.contains("<table") || html.contains("<svg")) {
            continue;
        }
        with_figures += 1;
        let text = visible_text(&html);
        let labelled = if rel.starts_with("en/") {
            text.contains("illustrative") || text.contains("Illustrative")
        } else {
            text.contains("ตัวเลขสมมุติ")
        };
        if !labelled {
            unlabelled.push(rel);
        }
    }
    // Home, the index and 8 districts, in both languages, at the least.
    assert!(with_figures >= 20, "only {with_figures} pages with figures");
    assert!(
        unlabelled.is_empty(),
        "pages with figures that do not say they are illustrative: {unlabelled:?}"
    );
}

#[test]
fn lamphun_sums_check_skips_the_percentage_but_not_money() {
    // A district's percentage may be anything: it is not added up.
    let site = lamphun();
    site.edit(
        "content/districts/li.yaml",
        "share_higher_income: 71.9",
        "share_higher_income: 12.5",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A district's sales must add up to the province's.
    let site = lamphun();
    site.edit(
        "content/districts/li.yaml",
        "sales_baht: 4894707",
        "sales_baht: 4894708",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/national.yaml:34:17: error: `sales_baht` for 2023-10 to 2024-09: the \
             districts add up to 56,824,355"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn lamphun_percentage_decimals_and_at_most_rule_are_checked() {
    // One decimal is declared for the percentage: two are an error at the value.
    let site = lamphun();
    site.edit(
        "content/districts/li.yaml",
        "share_higher_income: 71.9",
        "share_higher_income: 71.95",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/districts/li.yaml:20:26: error: `71.95` has more than 1"),
        "{}",
        run.stderr
    );
    // Households with higher income are at most the households taking part.
    let site = lamphun();
    site.edit(
        "content/districts/li.yaml",
        "households_higher_income: 459",
        "households_higher_income: 700",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/districts/li.yaml:19:31: error: `households_higher_income` is 700, more \
             than `households`"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn lamphun_event_kinds_are_the_reports_own() {
    let site = lamphun();
    site.edit(
        "content/districts/li.yaml",
        "events: []",
        "events:\n  - kind: product_fair\n    date: 2024-02-01\n    title: {th: ทดสอบ, en: Test}",
    );
    site.build_ok();
    assert!(visible_text(&site.output("districts/li/index.html")).contains("งานแสดงและจำหน่ายสินค้า"));
    assert!(visible_text(&site.output("en/districts/li/index.html")).contains("Product fair"));
    // The bundled report's kinds are not this report's.
    let site = lamphun();
    site.edit(
        "content/districts/li.yaml",
        "events: []",
        "events:\n  - kind: workshop\n    date: 2024-02-01\n    title: {th: ทดสอบ, en: Test}",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/districts/li.yaml"),
        "{}",
        run.stderr
    );
}

/// Every chart the example's report.yaml declares is published, with its downloads: on the
/// home page, the index and every district page (prefixed with the area key and the slug).
#[test]
fn lamphun_every_declared_chart_is_published() {
    let site = lamphun();
    site.build_ok();
    let home = ["home-groups-by-kind", "home-households-higher-income"];
    let index = ["districts-sales", "districts-share-higher-income"];
    let area = ["groups-by-kind", "share", "sales-trend"];
    let mut missing = Vec::new();
    let mut expect = |page: &str, id: String| {
        for ext in ["csv", "json"] {
            if !site.out().join(format!("data/charts/{id}.{ext}")).is_file() {
                missing.push(format!("data/charts/{id}.{ext}"));
            }
        }
        for lang in ["", "en/"] {
            let html = site.output(&format!("{lang}{page}"));
            if !html.contains(&format!("/data/charts/{id}.csv")) {
                missing.push(format!("{lang}{page}: {id}"));
            }
        }
    };
    for id in home {
        expect("index.html", id.to_string());
    }
    for id in index {
        expect("districts/index.html", id.to_string());
    }
    // A district page's charts share one CSV and one JSON, which hold every one of them.
    for slug in DISTRICTS {
        let file = format!("data/charts/districts/{slug}");
        let csv =
            std::fs::read_to_string(site.out().join(format!("{file}.csv"))).unwrap_or_default();
        let json =
            std::fs::read_to_string(site.out().join(format!("{file}.json"))).unwrap_or_default();
        for id in area {
            let id = format!("district-{slug}-{id}");
            if !csv.lines().any(|l| l.starts_with(&format!("{id},"))) {
                missing.push(format!("{file}.csv: {id}"));
            }
            if !json.contains(&format!("\"id\": \"{id}\"")) {
                missing.push(format!("{file}.json: {id}"));
            }
            if site.out().join(format!("data/charts/{id}.csv")).exists() {
                missing.push(format!("data/charts/{id}.csv should not be written"));
            }
        }
        for lang in ["", "en/"] {
            let html = site.output(&format!("{lang}districts/{slug}/index.html"));
            if !html.contains(&format!("/{file}.csv\""))
                || !html.contains(&format!("/{file}.json\""))
            {
                missing.push(format!("{lang}districts/{slug}: no link to {file}"));
            }
        }
    }
    assert!(missing.is_empty(), "charts not published: {missing:#?}");
}

/// The areas list may open with `#` comment lines (the example's say where its list comes
/// from); problems are still reported at the line they are on.
#[test]
fn lamphun_areas_list_comments_are_skipped_and_lines_still_counted() {
    let site = lamphun();
    let csv = site.read("content/areas.csv");
    assert!(csv.starts_with("# "), "the example's list names its source");
    let header_line = csv.lines().position(|l| l.starts_with("code,")).unwrap() + 1;
    site.edit("content/areas.csv", "code,slug", "kode,slug");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("content/areas.csv:{header_line}:1: error:")),
        "{}",
        run.stderr
    );
    let site = lamphun();
    site.edit("content/areas.csv", "5104,li,", "5104,li,x,");
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains(&format!(
            "content/areas.csv:{}:1: error: this line has 5 values",
            header_line + 4
        )),
        "{}",
        run.stderr
    );
}

/// `tanrak new <area key> CODE` speaks the report's own area level: a district's record and
/// narratives land in `content/districts/`, and the site still checks, with the sums now
/// "7 of 8 districts have reported so far" warnings, one per period.
#[test]
fn lamphun_new_district_writes_a_record_that_checks() {
    let site = lamphun();
    for ext in ["yaml", "th.md", "en.md"] {
        std::fs::remove_file(site.path(&format!("content/districts/li.{ext}"))).unwrap();
    }
    let run = site.run(&["new", "district", "5104"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let record = site.read("content/districts/li.yaml");
    assert!(record.contains("code: \"5104\""), "{record}");
    assert!(record.contains("sales_baht"), "{record}");
    assert!(site.read("content/districts/li.th.md").contains("อำเภอลี้"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("7 of 8 districts have reported so far"),
        "{}",
        run.stderr
    );
}
