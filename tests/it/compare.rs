//! Issue 13: "how is my area doing?" on area pages (ranks overall and within the group, ties,
//! share of the national value, medians, in words and a small chart in both languages) and
//! the group pages (`area.group.segment`), on a tiny site whose numbers are worked out by hand.

use crate::support::*;

/// The tiny fixture with Phuket moved into the North region, so that the North has two
/// provinces with figures (Chiang Mai and Phuket), the Central region one without (Bangkok),
/// and the South none.
///
/// Figures (2016-10 to 2017-05), Chiang Mai / Phuket / national:
/// target groups 35 / 25 / 60 (agriculture 20 / 10 / 30, processing 10 / 10 / 20,
/// community tourism 5 / 5 / 10), groups with higher income 15 / 10 / 25,
/// income increase 600,000 / 400,000 / 1,000,000, people 500 / 400 / 900.
fn north_site() -> Site {
    let site = Site::fixture("tiny");
    site.edit(
        "content/areas.csv",
        "TH-83,phuket,ภูเก็ต,Phuket,south,ภาคใต้,South",
        "TH-83,phuket,ภูเก็ต,Phuket,north,ภาคเหนือ,North",
    );
    site.edit(
        "content/provinces/phuket.yaml",
        "region: south",
        "region: north",
    );
    site
}

/// The text from the element with this `id` attribute to the end of the table after it,
/// with tags removed and white space squeezed.
fn block(html: &str, id: &str) -> String {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element with id {id}"));
    let rest = &html[at..];
    let end = rest.find("</table>").unwrap_or(rest.len());
    text(&rest[..end])
}

fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `<p>` after the heading of a measure's comparison.
fn sentence(html: &str, measure: &str) -> String {
    let b = &html[html
        .find(&format!("id=\"compare-{measure}\""))
        .unwrap_or_else(|| panic!("no comparison of {measure}"))..];
    let p = &b[b.find("<p>").unwrap() + 3..];
    p[..p.find("</p>").unwrap()].replace("&#39;", "'")
}

#[test]
fn issue_13_area_pages_rank_share_and_median_in_english() {
    let site = north_site();
    site.build_ok();
    let cm = site.output("en/provinces/chiang-mai/index.html");
    let intro = &cm[cm.find("id=\"compare-h\"").unwrap()..];
    assert!(
        intro.contains("Illustrative figures for October 2016 – May 2017, made up for 2 of 3 provinces: nothing below says how any province really did."),
        "{}",
        &intro[..600]
    );
    assert_eq!(
        sentence(&cm, "target_groups_total"),
        "1st of 2 provinces by illustrative figures, not a real rank. 1st of 2 in its region, North, by illustrative figures. \
         The median of the illustrative figures of North is 30. The median of all provinces' illustrative figures is 30. \
         This illustrative figure is 58.33% of the real national figure."
    );
    // Equal values share a rank and say so.
    assert_eq!(
        sentence(&cm, "target_groups_community_tourism"),
        "1st of 2 provinces by illustrative figures, not a real rank (shared with 1 other province). \
         1st of 2 in its region, North, by illustrative figures (shared with 1 other province). \
         The median of the illustrative figures of North is 5. The median of all provinces' illustrative figures is 5. \
         This illustrative figure is 50.00% of the real national figure."
    );
    // A median between two values keeps its half; money is written as money.
    assert!(
        sentence(&cm, "groups_with_higher_income")
            .contains("The median of the illustrative figures of North is 12.5."),
        "{}",
        sentence(&cm, "groups_with_higher_income")
    );
    assert!(
        sentence(&cm, "income_increase_baht")
            .contains("The median of the illustrative figures of North is THB 500,000.")
            && sentence(&cm, "income_increase_baht")
                .contains("This illustrative figure is 60.00% of the real national figure."),
        "{}",
        sentence(&cm, "income_increase_baht")
    );
    let pk = site.output("en/provinces/phuket/index.html");
    assert!(
        sentence(&pk, "target_groups_total")
            .starts_with("2nd of 2 provinces by illustrative figures, not a real rank. 2nd of 2 in its region, North, by illustrative figures."),
        "{}",
        sentence(&pk, "target_groups_total")
    );
    // The small chart: a title and description the SVG points at, with the numbers it draws
    // (the area, the group's median, all areas' median), marked illustrative. It has no table
    // of its own: the sentence above it and the section's one table hold the same numbers.
    let id = "chart-province-chiang-mai-compare-groups_with_higher_income";
    let figure = &cm[cm.find(&format!("id=\"{id}\"")).unwrap()..];
    let figure = &figure[..figure.find("</div>").unwrap()];
    assert!(figure.contains("</figure>"), "{figure}");
    assert!(!figure.contains("<table"), "{figure}");
    assert!(!cm.contains(&format!("data-chart=\"{id}\"")));
    let chart = text(figure);
    assert!(
        chart.contains("Chiang Mai: Groups with higher income beside the medians, October 2016 – May 2017 (illustrative figures)"),
        "{chart}"
    );
    assert!(
        chart.contains("Chiang Mai 15 Median of North 12.5 Median of all provinces 12.5"),
        "{chart}"
    );
    let svg = &cm[cm
        .find("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox")
        .unwrap()..];
    assert!(svg.contains("aria-labelledby=\"chart-"));
    assert!(cm.contains(
        "<title id=\"chart-province-chiang-mai-compare-groups_with_higher_income-title\">"
    ));
    // The comparison charts have no download files of their own.
    assert!(
        !site
            .out()
            .join("data/charts/province-chiang-mai-compare-target_groups_total.csv")
            .exists()
    );
    // An area without figures is not compared, and is not counted among the ranked.
    let bkk = site.output("en/provinces/bangkok/index.html");
    assert!(!bkk.contains("id=\"compare-h\""));
}

/// The rows of the comparisons' one table (the fact sheet's, printed in place of the
/// sentences and charts): each row's cells as text, header first.
fn compare_table(html: &str) -> Vec<String> {
    let at = html
        .find("id=\"compare-caption\"")
        .expect("no comparisons table");
    let table = &html[at..];
    let table = &table[..table.find("</table>").unwrap()];
    table
        .split("<tr>")
        .skip(1)
        .map(|row| text(row).trim().to_string())
        .collect()
}

#[test]
fn issue_13_the_comparisons_as_one_table_say_what_the_sentences_say() {
    let site = north_site();
    site.build_ok();
    let cm = site.output("en/provinces/chiang-mai/index.html");
    // Folded on screen (its summary says what it holds), open in print like a chart's table.
    assert!(cm.contains(
        "<details class=\"chart-data compare-table\"><summary>All these comparisons in one table</summary>"
    ));
    assert!(cm.contains(
        "<caption id=\"compare-caption\">How Chiang Mai compares, October 2016 – May 2017 \
         <span class=\"badge status-illustrative\">Illustrative figures</span></caption>"
    ));
    let rows = compare_table(&cm);
    assert_eq!(
        rows[0],
        "Measure Value Rank by illustrative figures (not a real rank) Rank in North Median of North \
         Median of all provinces Share of the national figure (illustrative)"
    );
    assert!(
        rows.contains(&"All target groups (groups) 35 1 of 2 1 of 2 30 30 58.33%".to_string()),
        "{rows:#?}"
    );
    // A shared rank is marked, and the note under the table says what the mark means.
    assert!(
        rows.contains(&"Community-based tourism (groups) 5 1 of 2* 1 of 2* 5 5 50.00%".to_string()),
        "{rows:#?}"
    );
    assert!(cm.contains(
        "<p class=\"table-note\">* A shared rank: at least one other province has the same figure.</p>"
    ));
    assert!(
        rows.iter()
            .any(|r| r
                .starts_with("Total income increase (baht) THB 600,000 1 of 2 1 of 2 THB 500,000")),
        "{rows:#?}"
    );
    // Thai: the same cells in Thai words.
    let th = site.output("provinces/chiang-mai/index.html");
    let rows = compare_table(&th);
    assert!(rows[0].contains("อันดับตามตัวเลขสมมุติ (ไม่ใช่อันดับจริง) อันดับในภาคเหนือ ค่ามัธยฐานของภาคเหนือ"));
    assert!(rows.iter().any(|r| r.contains(" 1 จาก 2* ")), "{rows:#?}");
    assert!(th.contains("* อันดับร่วม: มีจังหวัดอื่นอย่างน้อยหนึ่งจังหวัดที่มีตัวเลขเท่ากัน"));
    // No group columns without groups; a measure that does not add up has no share.
    let districts = Site::fixture("districts");
    districts.build_ok();
    let page = districts.output("districts/north-hill/index.html");
    let rows = compare_table(&page);
    assert_eq!(
        rows[0],
        "Measure Value Rank by illustrative figures (not a real rank) Median of all districts \
         Share of the national figure (illustrative)"
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("Applications made online (%) ") && r.ends_with(" –")),
        "{rows:#?}"
    );
}

#[test]
fn issue_13_area_pages_rank_in_thai_with_natural_ordinals() {
    let site = north_site();
    site.build_ok();
    let cm = site.output("provinces/chiang-mai/index.html");
    assert!(cm.contains("<h2 id=\"compare-h\">เชียงใหม่ เทียบกับจังหวัดอื่น</h2>"));
    assert!(cm.contains("ของ 2 จาก 3 จังหวัดเป็นตัวเลขสมมุติ"));
    assert_eq!(
        sentence(&cm, "target_groups_total"),
        "อันดับที่ 1 จาก 2 จังหวัด ตามตัวเลขสมมุติ ไม่ใช่อันดับจริง อันดับที่ 1 จาก 2 จังหวัดในภาคเหนือ ตามตัวเลขสมมุติ \
         ค่ามัธยฐานของตัวเลขสมมุติในภาคเหนือคือ 30 ค่ามัธยฐานของตัวเลขสมมุติของทุกจังหวัดคือ 30 \
         ตัวเลขสมมุตินี้คิดเป็นร้อยละ 58.33 ของตัวเลขระดับประเทศจริง"
    );
    assert_eq!(
        sentence(&cm, "target_groups_processing"),
        "อันดับที่ 1 จาก 2 จังหวัด ตามตัวเลขสมมุติ ไม่ใช่อันดับจริง (เท่ากับอีก 1 จังหวัด) \
         อันดับที่ 1 จาก 2 จังหวัดในภาคเหนือ ตามตัวเลขสมมุติ (เท่ากับอีก 1 จังหวัด) \
         ค่ามัธยฐานของตัวเลขสมมุติในภาคเหนือคือ 10 ค่ามัธยฐานของตัวเลขสมมุติของทุกจังหวัดคือ 10 \
         ตัวเลขสมมุตินี้คิดเป็นร้อยละ 50.00 ของตัวเลขระดับประเทศจริง"
    );
    let pk = site.output("provinces/phuket/index.html");
    assert!(
        sentence(&pk, "income_increase_baht").starts_with(
            "อันดับที่ 2 จาก 2 จังหวัด ตามตัวเลขสมมุติ ไม่ใช่อันดับจริง อันดับที่ 2 จาก 2 จังหวัดในภาคเหนือ ตามตัวเลขสมมุติ ค่ามัธยฐานของตัวเลขสมมุติในภาคเหนือคือ 500,000 บาท"
        ),
        "{}",
        sentence(&pk, "income_increase_baht")
    );
    // With Thai digits on, ranks and medians are in Thai digits too.
    site.edit(
        "content/site.yaml",
        "thai_digits: false",
        "thai_digits: true",
    );
    site.build_ok();
    let cm = site.output("provinces/chiang-mai/index.html");
    assert!(cm.contains("ของ ๒ จาก ๓ จังหวัดเป็นตัวเลขสมมุติ"));
    assert!(cm.contains("ค่ามัธยฐานคือค่ากลาง"));
    assert!(
        sentence(&cm, "groups_with_higher_income").starts_with(
            "อันดับที่ ๑ จาก ๒ จังหวัด ตามตัวเลขสมมุติ ไม่ใช่อันดับจริง อันดับที่ ๑ จาก ๒ จังหวัดในภาคเหนือ ตามตัวเลขสมมุติ ค่ามัธยฐานของตัวเลขสมมุติในภาคเหนือคือ ๑๒.๕"
        ),
        "{}",
        sentence(&cm, "groups_with_higher_income")
    );
}

#[test]
fn issue_13_group_pages_list_exactly_their_areas_with_totals() {
    let site = north_site();
    site.build_ok();
    let north = site.output("en/regions/north/index.html");
    assert!(north.contains("<h1>North: results by province</h1>"));
    let table = &north[north.find("id=\"group-areas-caption\"").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    let listed: Vec<&str> = table
        .match_indices("<th scope=\"row\"><a href=\"")
        .map(|(i, m)| {
            let rest = &table[i + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert_eq!(
        listed,
        ["/en/provinces/chiang-mai/", "/en/provinces/phuket/"]
    );
    // Totals: sums of the two provinces' figures, saying how many they cover.
    assert!(north.contains(
        "These totals add up the illustrative figures of 2 of 2 provinces of North for October 2016 – May 2017. They are made up, not figures reported for the region."
    ));
    assert!(north.contains("data-key=\"target_groups_total\" data-value=\"60\">60</td>"));
    assert!(
        north.contains(
            "data-key=\"income_increase_baht\" data-value=\"1000000\">THB 1,000,000</td>"
        )
    );
    assert!(
        north.contains("<span class=\"badge status-illustrative\">Illustrative figures</span>")
    );
    // The ranking of the group's provinces, from the index's ranking charts.
    let ranking = block(&north, "chart-regions-north-provinces-target-groups");
    assert!(
        ranking.contains("Provinces of North ranked by All target groups, October 2016 – May 2017 (illustrative figures)")
            && ranking.contains("Chiang Mai 35 Phuket 25"),
        "{ranking}"
    );
    assert!(
        site.out()
            .join("data/charts/regions-north-provinces-target-groups.csv")
            .is_file()
    );
    // The Thai twin, and a region whose only province has no figures.
    let th = site.output("regions/north/index.html");
    assert!(th.contains("<h1>ภาคเหนือ: ผลรายจังหวัด</h1>"));
    assert!(th.contains(
        "ยอดนี้ได้จากการบวกตัวเลขสมมุติของ 2 จาก 2 จังหวัดในภาคเหนือ ช่วงตุลาคม 2559 – พฤษภาคม 2560"
    ));
    let central = site.output("en/regions/central/index.html");
    assert!(central.contains("/en/provinces/bangkok/"));
    assert!(!central.contains("/en/provinces/chiang-mai/\">"));
    assert!(central.contains(
        "None of the provinces of Central has figures for this period, so there are no totals."
    ));
    // No province is left in the South: it has no page.
    assert!(!site.out().join("regions/south/index.html").exists());
    // Linked from the home page, the areas index and each area page; in the sitemap.
    for (page, link) in [
        ("en/index.html", "<a href=\"/en/regions/north/\">North</a>"),
        (
            "en/provinces/index.html",
            "<a href=\"/en/regions/north/\">North</a>",
        ),
        (
            "en/provinces/phuket/index.html",
            "<a href=\"/en/regions/north/\">North</a>",
        ),
        (
            "en/provinces/phuket/index.html",
            "<a href=\"/en/regions/north/\">All provinces of North</a>",
        ),
        (
            "regions/central/index.html",
            "<a href=\"/regions/north/\">ภาคเหนือ</a>",
        ),
    ] {
        assert!(site.output(page).contains(link), "{page} lacks {link}");
    }
    // The map's group figures beside its legend link to the group pages, on the home page
    // and the areas index.
    for page in ["en/index.html", "en/provinces/index.html"] {
        let html = site.output(page);
        let groups = &html[html.find("class=\"table-wrap map-groups\"").unwrap()..];
        let groups = &groups[..groups.find("</table>").unwrap()];
        assert!(
            groups.contains("<a href=\"/en/regions/north/\">North</a>")
                && !groups.contains("#group-"),
            "{page}: {groups}"
        );
    }
    let sitemap: String = std::fs::read_dir(site.out())
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            p.file_name()?
                .to_str()?
                .starts_with("sitemap")
                .then(|| std::fs::read_to_string(p).unwrap())
        })
        .collect();
    assert!(sitemap.contains("https://example.org/regions/north/"));
    assert!(sitemap.contains("https://example.org/en/regions/central/"));
    // Every link resolves (the link check reads the same page table).
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn issue_13_sites_without_group_pages_have_none() {
    // The district fixture declares no grouping; its pages still compare among all areas.
    let site = Site::fixture("districts");
    site.build_ok();
    assert!(!site.out().join("regions").exists());
    let page = site.output("districts/north-hill/index.html");
    assert!(page.contains("id=\"compare-h\""));
    assert!(!page.contains("in its"), "no group rank without groups");
    // A grouping without a segment gives no group pages either.
    let tiny = Site::fixture("tiny");
    tiny.edit("content/report.yaml", "    segment: regions\n", "");
    tiny.build_ok();
    assert!(!tiny.out().join("regions").exists());
    assert!(!tiny.output("en/provinces/index.html").contains("/regions/"));
    // The map's group figures link to the groups' parts of the areas index instead.
    assert!(
        tiny.output("en/index.html")
            .contains("<a href=\"/en/provinces/#group-north\">North</a>")
    );
}

#[test]
fn issue_13_a_group_segment_that_clashes_is_refused_with_the_exact_message() {
    let site = Site::fixture("tiny");
    site.edit(
        "content/report.yaml",
        "    segment: regions\n",
        "    segment: provinces\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/report.yaml:14:14: error: the group pages' address part `provinces` is already the address of the areas' pages (`area.segment`)\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "  help: choose another word for the group pages' addresses, like `regions`: lower-case English letters, digits and hyphens, and none of: faq, data, status, search, updates, assets, strings, 404.html, provinces, en\n"
        ),
        "{}",
        run.stderr
    );
    // A page of the site may not take the group pages' address either.
    let site = Site::fixture("tiny");
    site.write(
        "content/pages/regions.th.md",
        "---\ntitle: ภาค\nupdated: 2026-11-01\n---\nข้อความ\n",
    );
    site.write(
        "content/pages/regions.en.md",
        "---\ntitle: Regions\nupdated: 2026-11-01\n---\nText\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: the page name `regions` is the address of the group pages"),
        "{}",
        run.stderr
    );
}
