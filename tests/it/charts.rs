//! Charts: the SVGs in built pages are parsed as XML and compared with the table under each
//! chart and with the chart's CSV and JSON downloads.

use crate::support::Site;

/// One chart as a page carries it: the SVG, the table below it, and its downloads.
struct OnPage {
    id: String,
    svg: String,
    table: String,
    csv_href: String,
    json_href: String,
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<(&'a str, &'a str)> {
    let i = text.find(start)?;
    let j = text[i..].find(end)? + i + end.len();
    Some((&text[i..j], &text[j..]))
}

fn attr(html: &str, name: &str) -> String {
    let key = format!("{name}=\"");
    let i = html
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} in {html}"))
        + key.len();
    html[i..i + html[i..].find('"').unwrap()].to_string()
}

/// The charts of a built page, in order. Only finds the pieces; they are parsed as XML later.
/// A chart without downloads of its own (an area's comparison with the medians) has empty
/// `csv_href` and `json_href`.
fn charts(html: &str) -> Vec<OnPage> {
    const START: &str = "<div class=\"chart-block\">";
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(START) {
        let after = &rest[i + START.len()..];
        let block = &after[..after.find(START).unwrap_or(after.len())];
        let (svg, _) = between(block, "<svg", "</svg>").expect("a chart block without an SVG");
        let (table, _) =
            between(block, "<table", "</table>").expect("a chart block without a table");
        let (csv_href, json_href) = match between(block, "<p class=\"chart-downloads\">", "</p>") {
            Some((links, _)) => (
                attr(
                    &links[links
                        .find("CSV")
                        .map(|i| links[..i].rfind("href").unwrap())
                        .unwrap()..],
                    "href",
                ),
                attr(
                    &links[links
                        .find("JSON")
                        .map(|i| links[..i].rfind("href").unwrap())
                        .unwrap()..],
                    "href",
                ),
            ),
            None => (String::new(), String::new()),
        };
        out.push(OnPage {
            id: attr(svg, "aria-labelledby")
                .trim_end_matches("-title")
                .to_string(),
            svg: svg.into(),
            table: table.into(),
            csv_href,
            json_href,
        });
        rest = after;
    }
    out
}

/// What the SVG draws: for each bar its label, its width and the value written beside it.
struct Drawn {
    title: String,
    desc: String,
    bars: Vec<(String, f64, String)>,
}

fn text_of(node: roxmltree::Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .map(|n| n.text().unwrap())
        .collect()
}

fn parse_svg(svg: &str) -> Drawn {
    let doc = roxmltree::Document::parse(svg)
        .unwrap_or_else(|e| panic!("the SVG is not XML: {e}\n{svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(root.attribute("class"), Some("chart"));
    assert!(root.attribute("viewBox").is_some(), "no viewBox");
    assert!(
        root.attribute("width").is_none() && root.attribute("height").is_none(),
        "fixed size left in"
    );
    // At 390 px wide the page's content box is 358 px: no chart text may end up below 12 px.
    let view_width: f64 = root
        .attribute("viewBox")
        .unwrap()
        .split(' ')
        .nth(2)
        .unwrap()
        .parse()
        .unwrap();
    let font_size: f64 = root
        .attribute("font-size")
        .expect("no font-size")
        .parse()
        .unwrap();
    assert!(
        font_size * 358.0 / view_width >= 12.0,
        "text would be {} px at 390 px",
        font_size * 358.0 / view_width
    );
    assert!(
        doc.descendants()
            .all(|n| n.attribute("font-size").is_none() || n == root),
        "a smaller font inside"
    );
    let by_id = |id: &str| {
        doc.descendants()
            .find(|n| n.attribute("id") == Some(id))
            .unwrap_or_else(|| panic!("nothing has the id {id} that the SVG refers to"))
    };
    let title = by_id(
        root.attribute("aria-labelledby")
            .expect("no aria-labelledby"),
    );
    let desc = by_id(
        root.attribute("aria-describedby")
            .expect("no aria-describedby"),
    );
    assert_eq!(title.tag_name().name(), "title");
    assert_eq!(desc.tag_name().name(), "desc");
    let rects: Vec<f64> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "rect")
        .map(|n| n.attribute("width").unwrap().parse().unwrap())
        .collect();
    let texts: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "text")
        .map(|n| {
            let label = n
                .children()
                .filter(|c| c.is_text())
                .map(|c| c.text().unwrap())
                .collect();
            let value = n
                .children()
                .find(|c| c.tag_name().name() == "tspan")
                .map(text_of)
                .unwrap_or_default();
            (label, value)
        })
        .collect();
    // A group none of whose areas has reported has a label and the words "not yet
    // reported", but no bar (issue 11): never a zero.
    let drawn_bars = texts
        .iter()
        .filter(|(_, v)| !NOT_REPORTED.contains(&v.as_str()))
        .count();
    assert_eq!(rects.len(), drawn_bars, "one bar per reported label");
    let mut rects = rects.into_iter();
    Drawn {
        title: text_of(title),
        desc: text_of(desc),
        bars: texts
            .into_iter()
            .map(|(l, v)| {
                let w = if NOT_REPORTED.contains(&v.as_str()) {
                    0.0
                } else {
                    rects.next().unwrap()
                };
                (l, w, v)
            })
            .collect(),
    }
}

/// What a chart writes instead of a number for a group with no figures yet.
const NOT_REPORTED: [&str; 2] = ["not yet reported", "ยังไม่รายงาน"];

/// The table's rows: label, shown value, and the plain number in `data-value`.
fn parse_table(table: &str) -> (String, Vec<(String, String, String)>) {
    let doc = roxmltree::Document::parse(table)
        .unwrap_or_else(|e| panic!("the table is not well-formed: {e}"));
    let caption = doc
        .descendants()
        .find(|n| n.tag_name().name() == "caption")
        .map(text_of)
        .expect("no caption");
    for th in doc.descendants().filter(|n| n.tag_name().name() == "th") {
        assert!(th.attribute("scope").is_some(), "a th without scope");
    }
    let rows = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "tr")
        .filter_map(|tr| {
            let td = tr.children().find(|c| c.tag_name().name() == "td")?;
            let th = tr.children().find(|c| c.tag_name().name() == "th")?;
            Some((
                text_of(th),
                text_of(td),
                td.attribute("data-value")?.to_string(),
            ))
        })
        .collect();
    (caption, rows)
}

/// Check one chart against its table and its downloads; returns the plain values.
fn check(site: &Site, chart: &OnPage) -> Vec<String> {
    let drawn = parse_svg(&chart.svg);
    let (caption, rows) = parse_table(&chart.table);
    assert_eq!(
        caption, drawn.title,
        "{}: the table's caption is not the chart's title",
        chart.id
    );
    assert!(!drawn.desc.is_empty());
    assert_eq!(
        rows.len(),
        drawn.bars.len(),
        "{}: table and chart differ in rows",
        chart.id
    );
    // A row not yet reported has no number (empty data-value), drawn as no bar.
    let values: Vec<f64> = rows.iter().map(|r| r.2.parse().unwrap_or(0.0)).collect();
    let max_value = values.iter().cloned().fold(0.0, f64::max);
    let max_width = drawn.bars.iter().map(|b| b.1).fold(0.0, f64::max);
    for ((label, _, shown), (row_label, row_value, _)) in drawn.bars.iter().zip(&rows) {
        assert_eq!(label, row_label, "{}: bar label", chart.id);
        assert_eq!(
            shown, row_value,
            "{}: the value beside the bar differs from the table",
            chart.id
        );
    }
    for (bar, v) in drawn.bars.iter().zip(&values) {
        let expected = if max_value == 0.0 {
            0.0
        } else {
            v / max_value * max_width
        };
        assert!(
            (bar.1 - expected).abs() <= 0.1,
            "{}: bar {} is {} wide, expected {expected}",
            chart.id,
            bar.0,
            bar.1
        );
    }
    // The downloads hold the same numbers, in ASCII digits.
    let plain: Vec<String> = rows.iter().map(|r| r.2.clone()).collect();
    if chart.csv_href.is_empty() {
        return plain;
    }
    let csv = std::fs::read(site.out().join(chart.csv_href.trim_start_matches('/'))).unwrap();
    assert!(
        csv.starts_with(b"\xEF\xBB\xBF"),
        "CSV without a byte-order mark"
    );
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    let header = reader.headers().unwrap().clone();
    let col = header
        .iter()
        .position(|h| h == "value")
        .expect("no value column");
    assert_eq!(&header[0], "chart");
    // An area page's charts share one CSV and one JSON: this chart's rows are those that
    // name it.
    let id = chart.id.trim_start_matches("chart-");
    let csv_values: Vec<String> = reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[0] == id)
        .map(|r| r[col].to_string())
        .collect();
    assert_eq!(csv_values, plain, "{}: CSV values", chart.id);
    let json: serde_json::Value =
        serde_json::from_str(&site.output(chart.json_href.trim_start_matches('/'))).unwrap();
    let json = match json["charts"].as_array() {
        Some(all) => all
            .iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("{id} not in {}", chart.json_href))
            .clone(),
        None => json,
    };
    assert_eq!(json["id"], id);
    let json_values: Vec<f64> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["value"].as_f64().unwrap_or(0.0))
        .collect();
    assert_eq!(json_values, values, "{}: JSON values", chart.id);
    for (row, item) in rows.iter().zip(json["items"].as_array().unwrap()) {
        assert_eq!(row.2.is_empty(), item["value"].is_null(), "{}", chart.id);
    }
    plain
}

fn find<'a>(charts: &'a [OnPage], id: &str) -> &'a OnPage {
    charts
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no chart {id}"))
}

#[test]
fn home_charts_draw_the_national_and_region_figures() {
    let site = Site::fixture("tiny");
    let run = site.build_ok();
    assert!(
        run.stdout.contains("charts") || run.stderr.contains("charts"),
        "summary without charts"
    );
    let th = charts(&site.output("index.html"));
    assert_eq!(th.len(), 3);
    assert_eq!(
        check(&site, find(&th, "chart-home-work-groups")),
        ["30", "20", "10"]
    );
    assert_eq!(
        check(&site, find(&th, "chart-home-higher-income")),
        ["60", "25"]
    );
    // Regions in the areas list's order; Bangkok (central) has not reported, so its region
    // says so and how many of its provinces it covers, never a total of 0 (issue 11).
    assert_eq!(
        check(&site, find(&th, "chart-home-income-by-region")),
        ["", "600000", "400000"]
    );
    let central = &parse_svg(&find(&th, "chart-home-income-by-region").svg).bars[0];
    assert_eq!(
        (central.0.as_str(), central.2.as_str()),
        ("ภาคกลาง (0 จาก 1 จังหวัด)", "ยังไม่รายงาน")
    );
    let official = parse_svg(&find(&th, "chart-home-work-groups").svg);
    assert!(
        !official.title.contains("สมมุติ"),
        "official figures called illustrative"
    );
    assert!(
        official.desc.contains("มากที่สุด การเกษตร 30") && official.desc.contains("รวม 60"),
        "desc without its finding: {}",
        official.desc
    );
    let region = parse_svg(&find(&th, "chart-home-income-by-region").svg);
    assert!(region.title.contains("ตัวเลขสมมุติ"), "{}", region.title);

    let en = charts(&site.output("en/index.html"));
    let region = parse_svg(&find(&en, "chart-home-income-by-region").svg);
    assert!(region.title.contains("illustrative"), "{}", region.title);
    assert_eq!(region.bars[1].0, "North");
    for c in &en {
        check(&site, c);
    }
    // The figure caption links to the provenance on the home page.
    assert!(site.output("index.html").contains("href=\"/#provenance\""));
}

#[test]
fn province_index_ranks_provinces_and_names_the_ones_without_figures() {
    let site = Site::fixture("tiny");
    site.build_ok();
    let html = site.output("provinces/index.html");
    let th = charts(&html);
    assert_eq!(th.len(), 2);
    assert_eq!(
        check(&site, find(&th, "chart-provinces-target-groups")),
        ["35", "25"]
    );
    assert_eq!(
        check(&site, find(&th, "chart-provinces-income")),
        ["600000", "400000"]
    );
    let drawn = parse_svg(&find(&th, "chart-provinces-target-groups").svg);
    assert_eq!(drawn.bars[0].0, "เชียงใหม่");
    assert!(drawn.title.contains("ตัวเลขสมมุติ"));
    assert!(
        drawn.desc.contains("กรุงเทพมหานคร"),
        "Bangkok's lack of figures not said: {}",
        drawn.desc
    );
    for c in &charts(&site.output("en/provinces/index.html")) {
        assert!(parse_svg(&c.svg).title.contains("illustrative"));
        check(&site, c);
    }
}

#[test]
fn province_pages_chart_their_groups_and_shares_and_bangkok_says_no_figures() {
    let site = Site::fixture("tiny");
    site.build_ok();
    let cm = charts(&site.output("provinces/chiang-mai/index.html"));
    assert_eq!(cm.len(), 2, "no trend with a single period");
    assert_eq!(
        check(&site, find(&cm, "chart-province-chiang-mai-work-groups")),
        ["20", "10", "5"]
    );
    // 35 of 60 target groups, 20 of 30, 10 of 20, 5 of 10, 15 of 25, 600,000 of 1,000,000, 500 of 900.
    assert_eq!(
        check(&site, find(&cm, "chart-province-chiang-mai-share")),
        [
            "58.33", "66.67", "50.00", "50.00", "60.00", "60.00", "55.56"
        ]
    );
    for c in &cm {
        assert!(parse_svg(&c.svg).title.contains("ตัวเลขสมมุติ"));
    }
    let bkk = site.output("provinces/bangkok/index.html");
    assert!(charts(&bkk).is_empty() && !bkk.contains("<svg"));
    let section = between(&bkk, "<section class=\"charts\"", "</section>")
        .unwrap()
        .0;
    assert!(
        section.contains("notice-none"),
        "Bangkok's chart section says nothing: {section}"
    );
}

#[test]
fn a_second_period_adds_a_trend_and_thai_digits_reach_the_charts_but_not_the_downloads() {
    let site = Site::fixture("tiny");
    site.edit(
        "content/site.yaml",
        "thai_digits: false",
        "thai_digits: true",
    );
    site.edit(
        "content/provinces/phuket.yaml",
        "results:\n",
        "results:\n  - period: {start: 2015-10, end: 2016-05}\n    target_groups: {agriculture: 4, processing: 3, community_tourism: 1}\n    groups_with_higher_income: 2\n    income_increase_baht: 1000\n    beneficiaries: 10\n",
    );
    site.build_ok();
    let th = charts(&site.output("provinces/phuket/index.html"));
    let trend = find(&th, "chart-province-phuket-trend");
    assert_eq!(check(&site, trend), ["8", "25"]);
    let drawn = parse_svg(&trend.svg);
    assert_eq!(drawn.bars[1].2, "๒๕");
    assert!(drawn.bars[0].0.contains("๒๕๕๘"), "{}", drawn.bars[0].0);
    let csv = site.output("data/charts/provinces/phuket.csv");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("province-phuket-trend,2016-10_2017-05,")
                && l.trim_end()
                    .contains(",25,groups,2016-10,2017-05,illustrative,")),
        "{csv}"
    );
    assert!(
        !csv.chars().any(|c| ('๐'..='๙').contains(&c)),
        "Thai digits in a download"
    );
    let en = charts(&site.output("en/provinces/phuket/index.html"));
    assert_eq!(
        parse_svg(&find(&en, "chart-province-phuket-trend").svg).bars[1].2,
        "25"
    );
}

#[test]
fn bundled_site_charts_are_small_and_consistent() {
    let site = Site::bundled();
    site.build_ok();
    // The site turns ranks off for illustrative figures: its index has no ranking charts.
    let index = charts(&site.output("provinces/index.html"));
    assert_eq!(index.len(), 0);
    for c in &index {
        assert_eq!(
            check(&site, c).len(),
            76,
            "76 provinces with figures; Bangkok has none"
        );
        assert!(
            c.svg.len() <= 10 * 1024,
            "{} is {} bytes",
            c.id,
            c.svg.len()
        );
    }
    let home = charts(&site.output("index.html"));
    assert_eq!(
        check(&site, find(&home, "chart-home-work-groups")),
        ["588", "827", "471"]
    );
    assert_eq!(
        check(&site, find(&home, "chart-home-higher-income")),
        ["1886", "828"]
    );
    // The regions add up to the national income increase.
    let regions = check(&site, find(&home, "chart-home-income-by-region"));
    assert_eq!(
        regions
            .iter()
            .map(|v| v.parse::<u64>().unwrap())
            .sum::<u64>(),
        354_896_256
    );
    for page in [
        "provinces/chiang-mai/index.html",
        "en/provinces/songkhla/index.html",
    ] {
        for c in &charts(&site.output(page)) {
            check(&site, c);
            assert!(c.svg.len() <= 10 * 1024);
        }
    }
}

#[test]
fn chart_links_follow_the_base_path() {
    let site = Site::fixture("tiny");
    let run = site.run(&["build", "--base-url", "https://example.org/report/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.output("en/provinces/chiang-mai/index.html");
    let on_page: Vec<OnPage> = charts(&html)
        .into_iter()
        .filter(|c| !c.csv_href.is_empty())
        .collect();
    assert_eq!(on_page.len(), 2);
    // An area page's charts share one CSV and one JSON, the same for every language.
    assert!(html.contains("Download the data of all the charts on this page: <a"));
    let th = site.output("provinces/chiang-mai/index.html");
    for c in &on_page {
        assert_eq!(c.csv_href, "/report/data/charts/provinces/chiang-mai.csv");
        assert_eq!(c.json_href, "/report/data/charts/provinces/chiang-mai.json");
        assert!(th.contains(&format!("href=\"{}\"", c.csv_href)));
        assert!(
            c.csv_href.starts_with("/report/data/charts/"),
            "{}",
            c.csv_href
        );
        assert!(
            c.json_href.starts_with("/report/data/charts/"),
            "{}",
            c.json_href
        );
        let rel = c.csv_href.trim_start_matches("/report/");
        assert!(site.out().join(rel).is_file(), "{rel} not written");
    }
    assert!(html.contains("href=\"/report/en/#provenance\""));
}
