//! Open-data downloads, the data and reporting-status pages, and the province map: the
//! files must hold exactly the figures of the YAML records, and the map must link every area.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::*;

const HEADER: &str = "code,slug,name_th,name_en,region,period_start,period_end,target_groups_agriculture,target_groups_processing,target_groups_community_tourism,target_groups_total,groups_with_higher_income,income_increase_baht,beneficiaries,data_status,has_figures,expected";

/// A YAML number as editors may write it (`๕`, `"600,000"`), read independently of tanrak.
fn number(v: &serde_json::Value) -> u64 {
    match v {
        serde_json::Value::Number(n) => n.as_u64().unwrap(),
        serde_json::Value::String(s) => s
            .chars()
            .filter(|c| *c != ',')
            .map(|c| match c {
                '๐'..='๙' => char::from_u32(c as u32 - '๐' as u32 + '0' as u32).unwrap(),
                c => c,
            })
            .collect::<String>()
            .parse()
            .unwrap(),
        other => panic!("not a number: {other:?}"),
    }
}

fn yaml(text: &str) -> serde_json::Value {
    serde_saphyr::from_str(text).unwrap()
}

/// The seven figures of a result or national period, in CSV column order from
/// target_groups_agriculture to beneficiaries.
fn figures(r: &serde_json::Value) -> [u64; 7] {
    let tg = &r["target_groups"];
    let (a, p, c) = (
        number(&tg["agriculture"]),
        number(&tg["processing"]),
        number(&tg["community_tourism"]),
    );
    [
        a,
        p,
        c,
        a + p + c,
        number(&r["groups_with_higher_income"]),
        number(&r["income_increase_baht"]),
        number(&r["beneficiaries"]),
    ]
}

fn period(r: &serde_json::Value) -> (String, String) {
    let s = |v: &serde_json::Value| {
        v.as_str()
            .map(str::to_string)
            .unwrap_or_else(|| v.to_string())
    };
    (s(&r["period"]["start"]), s(&r["period"]["end"]))
}

/// The areas list: code → slug.
fn areas(site: &Site) -> BTreeMap<String, String> {
    let mut r = csv::Reader::from_path(site.path("content/areas.csv")).unwrap();
    r.records()
        .map(|x| x.unwrap())
        .map(|x| (x[0].to_string(), x[1].to_string()))
        .collect()
}

fn output_bytes(site: &Site, rel: &str) -> Vec<u8> {
    std::fs::read(site.out().join(rel)).unwrap_or_else(|e| panic!("cannot read output {rel}: {e}"))
}

/// Parse a CSV download (after its byte-order mark) into rows of fields.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("CSV starts with a UTF-8 byte-order mark");
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body);
    r.records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn check_round_trip(site: &Site) {
    let rows = csv_rows(&output_bytes(site, "data/provinces.csv"));
    assert_eq!(rows[0].join(","), HEADER);
    let rows = &rows[1..];
    let mut expected = Vec::new();
    let mut yaml_sums: BTreeMap<(String, String), [u64; 7]> = BTreeMap::new();
    let areas = areas(site);
    for (code, slug) in &areas {
        let record = yaml(&site.read(&format!("content/provinces/{slug}.yaml")));
        assert_eq!(record["code"].as_str(), Some(code.as_str()));
        for r in record["results"].as_array().unwrap() {
            let (start, end) = period(r);
            let f = figures(r);
            let sum = yaml_sums
                .entry((start.clone(), end.clone()))
                .or_insert([0; 7]);
            sum.iter_mut().zip(f).for_each(|(s, v)| *s += v);
            // A period's own status wins over the record's (issue 11).
            let status = r["data_status"]
                .as_str()
                .or(record["data_status"].as_str())
                .unwrap();
            expected.push((
                code.clone(),
                slug.clone(),
                start,
                end,
                f,
                status.to_string(),
            ));
        }
    }
    // Every area has a row per period; a period it has not reported has no figures, never
    // zeros, and says so (issue 11).
    let (reported, not_reported): (Vec<_>, Vec<_>) = rows.iter().partition(|r| r[15] == "true");
    for row in &not_reported {
        assert_eq!(row[15], "false", "{row:?}");
        assert!(row[7..15].iter().all(String::is_empty), "{row:?}");
    }
    assert_eq!(
        reported.len(),
        expected.len(),
        "one reported CSV row per area and period it reports"
    );
    let mut csv_sums: BTreeMap<(String, String), [u64; 7]> = BTreeMap::new();
    for row in reported {
        assert_eq!(row.len(), 17, "{row:?}");
        let numbers: Vec<u64> = row[7..14]
            .iter()
            .map(|s| {
                assert!(
                    s.bytes().all(|b| b.is_ascii_digit()),
                    "plain ASCII digits: {s}"
                );
                s.parse().unwrap()
            })
            .collect();
        let found = expected
            .iter()
            .find(|e| e.0 == row[0] && e.2 == row[5] && e.3 == row[6]);
        let e = found.unwrap_or_else(|| panic!("CSV row not in the records: {row:?}"));
        assert_eq!(row[1], e.1);
        assert_eq!(numbers, e.4.to_vec(), "{}", row[0]);
        assert_eq!(row[14], e.5);
        let sum = csv_sums
            .entry((row[5].clone(), row[6].clone()))
            .or_insert([0; 7]);
        sum.iter_mut().zip(&numbers).for_each(|(s, v)| *s += v);
    }
    assert_eq!(csv_sums, yaml_sums);
    // The province figures add up to the national figures.
    let national = yaml(&site.read("content/national.yaml"));
    for np in national["periods"].as_array().unwrap() {
        assert_eq!(
            csv_sums.get(&period(np)),
            Some(&figures(np)),
            "sums for {:?}",
            period(np)
        );
    }
    // Per-area files for every area; JSON without a byte-order mark, parsing.
    let all: serde_json::Value =
        serde_json::from_slice(&output_bytes(site, "data/provinces.json")).unwrap();
    let listed: Vec<&str> = all["provinces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(listed, areas.keys().map(String::as_str).collect::<Vec<_>>());
    for (code, slug) in &areas {
        let csv = output_bytes(site, &format!("data/provinces/{slug}.csv"));
        let own = csv_rows(&csv);
        assert_eq!(own[0].join(","), HEADER);
        assert!(own[1..].iter().all(|r| &r[0] == code));
        let json = output_bytes(site, &format!("data/provinces/{slug}.json"));
        assert!(!json.starts_with(b"\xEF\xBB\xBF"));
        let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(v["provinces"][0]["code"].as_str(), Some(code.as_str()));
        assert_eq!(
            v["provinces"][0]["results"].as_array().unwrap().len(),
            own.len() - 1
        );
    }
}

#[test]
fn tiny_csv_round_trips_to_the_records() {
    let site = Site::fixture("tiny");
    site.build_ok();
    check_round_trip(&site);
    // Bangkok has no results: its one period says it has not reported, without figures.
    let v: serde_json::Value =
        serde_json::from_slice(&output_bytes(&site, "data/provinces.json")).unwrap();
    let bangkok = &v["provinces"][0];
    assert_eq!(bangkok["code"], "TH-10");
    assert_eq!(bangkok["results"][0]["has_figures"], false);
    assert_eq!(bangkok["results"][0]["expected"], true);
    assert_eq!(
        bangkok["results"][0]["beneficiaries"],
        serde_json::Value::Null
    );
    assert_eq!(
        bangkok["results"][0]["data_status"],
        serde_json::Value::Null
    );
    assert_eq!(v["provinces"][1]["results"][0]["period_start"], "2016-10");
    assert_eq!(
        v["provinces"][1]["results"][0]["target_groups_community_tourism"],
        5
    );
    assert_eq!(
        v["provinces"][1]["results"][0]["income_increase_baht"],
        600000
    );
}

#[test]
fn bundled_csv_round_trips_and_adds_up_to_national() {
    let site = Site::bundled();
    site.build_ok();
    check_round_trip(&site);
}

#[test]
fn national_json_has_figures_provenance_and_corrections() {
    let site = Site::bundled();
    site.build_ok();
    let bytes = output_bytes(&site, "data/national.json");
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF"));
    let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let p = &v["periods"][0];
    assert_eq!(p["period_start"], "2016-10");
    assert_eq!(p["period_end"], "2017-05");
    assert_eq!(p["target_groups_total"], 1886);
    assert_eq!(p["groups_with_higher_income"], 828);
    assert_eq!(p["income_increase_baht"], 354896256);
    assert_eq!(p["beneficiaries"], 203776);
    assert_eq!(p["data_status"], "official");
    assert!(
        p["source"]["title"]["th"]
            .as_str()
            .unwrap()
            .contains("๑๐ ประเด็น")
    );
    assert!(
        p["source"]["publisher"]["th"]
            .as_str()
            .unwrap()
            .contains("กรมการพัฒนาชุมชน")
    );
    assert!(p["source"]["released"].is_null());
    assert!(p["next_release"].is_null());
    assert!(v["corrections"].is_array());
    // Same bytes on a second build.
    site.build_ok();
    assert_eq!(output_bytes(&site, "data/national.json"), bytes);
}

#[test]
fn data_page_links_every_download_and_explains_them() {
    let site = Site::fixture("tiny");
    site.build_ok();
    for (page, words) in [
        (
            "data/index.html",
            ["ข้อมูลเปิด", "เอกสารไม่ได้ระบุวันที่", "ยังไม่ได้ระบุสัญญาอนุญาต"],
        ),
        (
            "en/data/index.html",
            [
                "Open data",
                "date not stated in the source",
                "has not stated a licence",
            ],
        ),
    ] {
        let html = site.output(page);
        for w in words {
            assert!(html.contains(w), "{page}: {w}");
        }
        for rel in [
            "data/provinces.csv",
            "data/provinces.json",
            "data/national.json",
            "data/provinces/chiang-mai.csv",
            "data/provinces/bangkok.json",
        ] {
            assert!(
                html.contains(&format!("href=\"/{rel}\"")),
                "{page} links {rel}"
            );
            assert!(site.out().join(rel).is_file(), "{rel}");
        }
        for column in HEADER.split(',') {
            assert!(
                html.contains(&format!("<code>{column}</code>")),
                "{page} explains {column}"
            );
        }
    }
    // The nav links the data page.
    assert!(site.output("index.html").contains("href=\"/data/\""));
    assert!(site.output("en/index.html").contains("href=\"/en/data/\""));
}

/// How many areas are expected to report (not saying `own_figures: false`).
fn expected(site: &Site) -> usize {
    areas(site)
        .values()
        .filter(|slug| {
            !site
                .read(&format!("content/provinces/{slug}.yaml"))
                .contains("own_figures: false")
        })
        .count()
}

#[test]
fn status_page_lists_every_area() {
    for site in [Site::fixture("tiny"), Site::bundled()] {
        site.build_ok();
        let areas = areas(&site);
        for (page, count) in [
            // Bangkok has no figures of its own in the bundled site: one fewer expected.
            ("status/index.html", format!("{} จังหวัด", expected(&site))),
            (
                "en/status/index.html",
                format!("{} provinces", expected(&site)),
            ),
        ] {
            let html = site.output(page);
            // English says the count as "(76 in all)" once every expected area has reported.
            let all_in = format!("({} in all)", expected(&site));
            assert!(
                html.contains(&count) || (page.starts_with("en/") && html.contains(&all_in)),
                "{page}: {count}"
            );
            let listed: BTreeSet<String> = html
                .match_indices("data-code=\"")
                .map(|(i, m)| html[i + m.len()..].split('"').next().unwrap().to_string())
                .collect();
            assert_eq!(
                listed,
                areas.keys().cloned().collect::<BTreeSet<_>>(),
                "{page}"
            );
        }
    }
}

/// The map's SVG, cut out of a page.
fn map_svg(html: &str) -> &str {
    let start = html
        .find("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map-svg\"")
        .expect("the page has the map");
    let end = html[start..].find("</svg>").unwrap() + start + "</svg>".len();
    &html[start..end]
}

#[test]
fn bundled_map_links_every_area() {
    let site = Site::bundled();
    site.build_ok();
    let areas = areas(&site);
    assert_eq!(areas.len(), 77);
    for (page, prefix, credit, illustrative) in [
        (
            "provinces/index.html",
            "/provinces/",
            "ขอบเขต: Natural Earth",
            "ตัวเลขสมมุติ",
        ),
        (
            "index.html",
            "/provinces/",
            "ขอบเขต: Natural Earth",
            "ตัวเลขสมมุติ",
        ),
        (
            "en/provinces/index.html",
            "/en/provinces/",
            "Boundaries: Natural Earth",
            "Illustrative",
        ),
    ] {
        let html = site.output(page);
        let svg = map_svg(&html);
        assert!(svg.len() < 40_000, "{page}: map is {} bytes", svg.len());
        let doc = roxmltree::Document::parse(svg).unwrap();
        let root = doc.root_element();
        assert_eq!(root.attribute("role"), Some("group"));
        let title_id = root.attribute("aria-labelledby").unwrap();
        let title = doc
            .descendants()
            .find(|n| n.attribute("id") == Some(title_id))
            .unwrap();
        assert!(
            title.text().unwrap().contains(illustrative),
            "{page}: the title says the figures are illustrative"
        );
        let links: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("a")).collect();
        assert_eq!(links.len(), 77, "{page}");
        let mut seen = BTreeMap::new();
        for a in &links {
            let code = a.attribute("data-code").unwrap();
            let href = a.attribute("href").unwrap();
            let name = a
                .children()
                .find(|c| c.has_tag_name("title"))
                .and_then(|t| t.text())
                .unwrap_or("");
            assert!(
                name.contains(": "),
                "{code} has an accessible name with its value: {name:?}"
            );
            assert!(
                a.children().any(|c| c.has_tag_name("path")
                    && c.attribute("d").is_some_and(|d| d.starts_with('M')))
            );
            seen.insert(code.to_string(), href.to_string());
        }
        let want: BTreeMap<String, String> = areas
            .iter()
            .map(|(c, s)| (c.clone(), format!("{prefix}{s}/")))
            .collect();
        assert_eq!(seen, want, "{page}");
        let texts: String = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect();
        assert!(texts.contains(credit), "{page}: credit");
        // The no-figures legend entry (Bangkok has none).
        let no_fig = if prefix.starts_with("/en") {
            "no figures"
        } else {
            "ไม่มีตัวเลข"
        };
        assert!(html.contains(&format!("swatch-hatched\" style=\"background-color:#d9d9d9\" aria-hidden=\"true\"></span> {no_fig}")), "{page}");
    }
}

#[test]
fn map_is_left_out_without_boundaries_and_warns_about_unknown_codes() {
    let site = Site::fixture("tiny");
    site.edit("content/areas.geojson", "\"TH-83\"", "\"TH-99\"");
    let run = site.build_ok();
    assert!(
        run.stderr
            .contains("`TH-99`, which is not in content/areas.csv"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("TH-83 (Phuket) has no outline"),
        "{}",
        run.stderr
    );
    let svg = site.output("provinces/index.html");
    let doc = roxmltree::Document::parse(map_svg(&svg)).unwrap();
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("a")).count(), 2);

    std::fs::remove_file(site.path("content/areas.geojson")).unwrap();
    let run = site.build_ok();
    assert!(
        run.stderr
            .contains("there is no boundaries file, so the map is left out"),
        "{}",
        run.stderr
    );
    assert!(
        !site
            .output("provinces/index.html")
            .contains("class=\"map-svg\"")
    );
}

#[test]
fn keyboard_users_can_skip_the_map() {
    let site = Site::fixture("tiny");
    site.build_ok();
    for page in [
        "provinces/index.html",
        "en/provinces/index.html",
        "index.html",
    ] {
        let html = site.output(page);
        let skip = html
            .find("class=\"skip-map\" href=\"#")
            .unwrap_or_else(|| panic!("{page}: no skip link"));
        let start = skip + "class=\"skip-map\" href=\"#".len();
        let target = &html[start..start + html[start..].find('"').unwrap()];
        let anchor = html
            .find(&format!("id=\"{target}\""))
            .unwrap_or_else(|| panic!("{page}: #{target} missing"));
        let map = html.find("class=\"map-svg\"").unwrap();
        assert!(
            skip < map && map < anchor,
            "{page}: the skip link must jump from before the map to after it"
        );
    }
}
