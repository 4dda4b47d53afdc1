//! `check`, `new` and `schema` read the report definition (issue 8): the sums check runs over
//! the declared measures, `tanrak new <area-key>` follows the report's area level and
//! languages, and the schemas are generated per site and kept current by `check`. The
//! district fixture (`tests/fixtures/districts`, one language, no grouping, made-up figures)
//! is the second report these run on.

use crate::support::*;

fn check(site: &Site) -> Run {
    site.run(&["check"])
}

/// The problems of a `check` run, without the district fixture's one remark that it has no
/// map (its report declares none).
fn problems(run: &Run) -> String {
    run.stderr
        .split("\n\n")
        .filter(|p| !p.contains("areas.geojson"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The measure keys declared in a report.yaml, in order (a plain reading of `- key:` lines
/// under `measures:`, enough for the fixtures and the bundled site).
fn measure_keys(report: &str) -> Vec<String> {
    let measures = report.split("\nmeasures:\n").nth(1).unwrap();
    let measures = measures.split("\n\n").next().unwrap();
    measures
        .lines()
        .filter_map(|l| l.strip_prefix("  - key: "))
        .map(|k| k.trim().to_string())
        .collect()
}

// The sums check.

#[test]
fn issue_8_sums_of_a_district_report_warn_until_every_district_has_reported() {
    let site = Site::fixture("districts");
    let run = check(&site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stderr.contains("national-sum") && !run.stderr.contains("add up"),
        "{}",
        run.stderr
    );
    site.edit(
        "content/national.yaml",
        "grants_thb: 1500000",
        "grants_thb: 1600000",
    );
    // A percentage is declared `sums: false`: never compared.
    site.edit(
        "content/national.yaml",
        "share_online: 40.5",
        "share_online: 99.9",
    );
    let run = check(&site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/national.yaml:4:13: warning: for 2026-01 to 2026-06, 2 of 3 districts have reported so far, and their figures do not yet add up to these national figures: `grants_thb` 1,500,000 ≠ 1,600,000 (-100,000)\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("help: expected while districts are still reporting; it becomes an error once all 3 have reported"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("share_online"), "{}", run.stderr);
    assert_eq!(site.run(&["check", "--deny-warnings"]).code, 1);
}

#[test]
fn issue_8_sums_of_a_district_report_are_errors_once_every_district_has_reported() {
    let site = Site::fixture("districts");
    site.edit(
        "content/districts/old-town.yaml",
        "results: []",
        "results:\n  - period: {start: 2026-01, end: 2026-06}\n    grants_thb: 250000.5\n    share_online: 12.5",
    );
    let run = check(&site);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // Money is whole here (no `decimals:`), so the half baht is refused before any sum.
    assert!(
        run.stderr
            .contains("error: `250000.5` is not a whole number"),
        "{}",
        run.stderr
    );
    site.edit("content/districts/old-town.yaml", "250000.5", "250000");
    let run = check(&site);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/national.yaml:9:17: error: `grants_thb` for 2026-01 to 2026-06: the districts add up to 1,750,000, but the national figure is 1,500,000 (difference +250,000)\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("help: every district expected to report for this period has (all 3), so the totals must agree. If you corrected one district's figure, there are two ways out: (1) the published national figure was corrected too"),
        "{}",
        run.stderr
    );
    site.edit(
        "content/national.yaml",
        "grants_thb: 1500000",
        "grants_thb: 1750000",
    );
    let run = check(&site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.trim().ends_with("check: no problems found"),
        "{}",
        run.stderr
    );
}

#[test]
fn issue_8_sums_of_a_part_point_at_the_part_in_the_bundled_site() {
    let site = Site::bundled();
    site.edit(
        "content/national.yaml",
        "agriculture: 588",
        "agriculture: 589",
    );
    site.edit(
        "content/national.yaml",
        "income_increase_baht: 354896256",
        "income_increase_baht: 354896000",
    );
    // Every province expected has reported (Bangkok has no figures of its own): errors.
    let run = check(&site);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/national.yaml:14:34: error: `target_groups.agriculture` for 2016-10 to 2017-05: the provinces add up to 588, but the national figure is 589 (difference -1)\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/national.yaml:16:27: error: `income_increase_baht` for 2016-10 to 2017-05: the provinces add up to 354,896,256, but the national figure is 354,896,000 (difference +256)\n"),
        "{}",
        run.stderr
    );
    // The total of the parts is not reported a second time.
    assert!(
        !run.stderr.contains("`target_groups` for"),
        "{}",
        run.stderr
    );
}

// `tanrak new`.

#[test]
fn issue_8_new_province_writes_every_declared_measure_for_the_bundled_site() {
    let site = Site::bundled();
    for f in ["roi-et.yaml", "roi-et.th.md", "roi-et.en.md"] {
        std::fs::remove_file(site.path(&format!("content/provinces/{f}"))).unwrap();
    }
    let run = site.run(&["new", "province", "TH-45"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "wrote content/provinces/roi-et.yaml\nwrote content/provinces/roi-et.th.md\nwrote content/provinces/roi-et.en.md\n"
    );
    let record = site.read("content/provinces/roi-et.yaml");
    assert!(
        record.starts_with("# yaml-language-server: $schema=../../schemas/province.schema.json\ncode: TH-45\nname: {th: \"ร้อยเอ็ด\", en: \"Roi Et\"}\nregion: northeast\n"),
        "{record}"
    );
    assert!(record.contains("\n#   - period: {start: 2016-10, end: 2017-05}\n#     target_groups: {agriculture: 0, processing: 0, community_tourism: 0}\n#     groups_with_higher_income: 0\n#     income_increase_baht: 0\n#     beneficiaries: 0\nresults: []\n"), "{record}");
    assert!(
        record.contains("\n# company: {th: \"…\", en: \"…\"}\n"),
        "{record}"
    );
    for key in measure_keys(&site.read("content/report.yaml")) {
        assert!(
            record.contains(&format!("{key}: ")),
            "{key} missing:\n{record}"
        );
    }
    assert!(
        site.read("content/provinces/roi-et.th.md")
            .contains("ของจังหวัดร้อยเอ็ด")
    );
    let after = check(&site);
    assert_eq!(after.code, 0, "{}", after.stderr);
    assert!(after.stderr.contains("check: 0 errors"), "{}", after.stderr);
}

#[test]
fn issue_8_new_district_writes_a_one_language_record_that_passes_check() {
    let site = Site::fixture("districts");
    let areas = site.read("content/areas.csv");
    site.write(
        "content/areas.csv",
        &format!("{areas}9004,new-place,New Place\n"),
    );
    let before = check(&site);
    assert!(
        before.stderr.contains("9004 (New Place) has no record"),
        "{}",
        before.stderr
    );
    assert!(
        before
            .stderr
            .contains("(tanrak new district 9004 writes one to start from)"),
        "{}",
        before.stderr
    );
    let run = site.run(&["new", "district", "9004"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "wrote content/districts/new-place.yaml\nwrote content/districts/new-place.en.md\n"
    );
    let record = site.read("content/districts/new-place.yaml");
    assert!(
        record.starts_with("# yaml-language-server: $schema=../../schemas/district.schema.json\ncode: \"9004\"\nname: {en: \"New Place\"}\n# official, provisional or illustrative: how far the figures can be relied on (a period\n# may give its own `data_status`, which wins over this one)\ndata_status: provisional\n"),
        "{record}"
    );
    assert!(
        record.contains("#   - period: {start: 2026-01, end: 2026-06}\n#     grants_thb: 0\n#     share_online: 0\nresults: []\nevents: []\nsources: []\n"),
        "{record}"
    );
    assert!(!site.path("content/districts/new-place.th.md").exists());
    let after = check(&site);
    assert_eq!(after.code, 0, "{}", after.stderr);
    assert_eq!(
        problems(&after).trim(),
        "check: no problems found",
        "{}",
        after.stderr
    );

    // The province word means nothing here; the area key is `district`.
    let run = site.run(&["new", "province", "9003"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/report.yaml: error: `tanrak new` makes a `district` (the area key in content/report.yaml) or a `page`, not a `province`\n"),
        "{}",
        run.stderr
    );
    let run = site.run(&["new", "distric", "9003"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("help: did you mean `tanrak new district 9003`?"),
        "{}",
        run.stderr
    );
    let run = site.run(&["new", "district", "old-town"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("content/areas.csv: error: `old-town` is not a code in content/areas.csv\n  help: Old Town has the code 9003: run `tanrak new district 9003`"),
        "{}",
        run.stderr
    );
}

#[test]
fn issue_8_new_refuses_a_bad_slug_from_the_areas_list() {
    let site = Site::fixture("districts");
    let areas = site.read("content/areas.csv");
    site.write(
        "content/areas.csv",
        &format!("{areas}9005,../x,Elsewhere\n"),
    );
    let run = site.run(&["new", "district", "9005"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/areas.csv:5:1: error: the slug `../x` of 9005 is not a valid address part"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.path("content/x.yaml").exists() && !site.path("x.yaml").exists());
}

#[test]
fn issue_8_new_page_writes_one_file_per_site_language() {
    let site = Site::fixture("districts");
    let run = site.run(&["new", "page", "how-to-apply"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "wrote content/pages/how-to-apply.en.md\n");
    let run = site.run(&["new", "page", "districts"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error: the page name `districts` is the address of the areas' pages"),
        "{}",
        run.stderr
    );
    let after = check(&site);
    assert_eq!(after.code, 0, "{}", after.stderr);
}

// Per-site schemas.

#[test]
fn issue_8_schema_of_the_bundled_site_names_every_declared_measure() {
    let site = Site::bundled();
    let run = site.run(&["schema"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let read = |name: &str| -> serde_json::Value {
        serde_json::from_str(&site.read(&format!("schemas/{name}"))).unwrap()
    };
    let (province, national) = (read("province.schema.json"), read("national.schema.json"));
    let result = &province["definitions"]["Result"]["properties"];
    let period = &national["definitions"]["NationalPeriod"]["properties"];
    let parts = &result["target_groups"]["properties"];
    for key in measure_keys(&site.read("content/report.yaml")) {
        let found = |props: &serde_json::Value| {
            props.get(&key).is_some() || props["target_groups"]["properties"].get(&key).is_some()
        };
        assert!(found(result), "{key} is not in the record schema");
        assert!(found(period), "{key} is not in the national schema");
    }
    // Parts are given, never the total's value; the total is a group of exactly its parts.
    assert_eq!(result["target_groups"]["additionalProperties"], false);
    assert_eq!(
        parts.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["agriculture", "community_tourism", "processing"]
    );
    assert!(
        result["beneficiaries"]["description"]
            .as_str()
            .unwrap()
            .contains("ผู้ได้รับประโยชน์ (คน) / People who benefited"),
        "{}",
        result["beneficiaries"]
    );
    // The group, the optional field, the event kinds and the languages are the site's.
    assert_eq!(province["properties"]["region"]["enum"][0], "central");
    assert!(
        province["required"]
            .as_array()
            .unwrap()
            .contains(&"region".into())
    );
    assert!(province["properties"].get("company").is_some());
    let kinds = &province["definitions"]["RawEvent"]["properties"]["kind"]["enum"];
    assert_eq!(
        kinds,
        &serde_json::json!(["workshop", "field_visit", "meeting", "other"])
    );
    let text = &province["definitions"]["Text"];
    assert_eq!(text["required"], serde_json::json!(["th", "en"]));
    assert_eq!(text["additionalProperties"], false);
    // The definition's own schema is there too, for content/report.yaml's first line.
    let report = read("report.schema.json");
    assert!(report["properties"]["measures"].is_object());
}

#[test]
fn issue_8_schema_of_a_district_report_has_its_languages_and_decimals() {
    let site = Site::fixture("districts");
    let run = site.run(&["schema"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .ends_with("wrote schemas/national.schema.json\nwrote schemas/district.schema.json\n"),
        "{}",
        run.stdout
    );
    let district: serde_json::Value =
        serde_json::from_str(&site.read("schemas/district.schema.json")).unwrap();
    assert_eq!(district["title"], "tanrak: content/districts/<slug>.yaml");
    assert_eq!(
        district["required"],
        serde_json::json!(["code", "name", "data_status", "updated"])
    );
    let result = &district["definitions"]["Result"];
    assert_eq!(
        result["required"],
        serde_json::json!(["period", "grants_thb", "share_online"])
    );
    assert_eq!(
        result["properties"]["share_online"]["allOf"][0]["$ref"],
        "#/definitions/Decimal1"
    );
    let decimal = &district["definitions"]["Decimal1"];
    assert_eq!(decimal["anyOf"][0]["type"], "number");
    assert!(
        decimal["anyOf"][1]["pattern"]
            .as_str()
            .unwrap()
            .contains("{1,1}")
    );
    assert_eq!(
        result["properties"]["grants_thb"]["allOf"][0]["$ref"],
        "#/definitions/Count"
    );
    assert_eq!(
        district["definitions"]["Text"]["required"],
        serde_json::json!(["en"])
    );
    // With the schemas committed, a current site has no schema warning.
    let after = check(&site);
    assert_eq!(
        problems(&after).trim(),
        "check: no problems found",
        "{}",
        after.stderr
    );
}

#[test]
fn issue_8_a_stale_schema_is_a_warning_that_says_to_run_tanrak_schema() {
    let site = Site::bundled();
    assert_eq!(site.run(&["schema"]).code, 0);
    let clean = check(&site);
    assert!(
        !clean.stderr.contains("schema-stale") && !clean.stderr.contains("schemas/"),
        "{}",
        clean.stderr
    );
    // A new kind of event changes the records' schema, not the national one.
    site.edit(
        "content/report.yaml",
        "  - {key: other, label: {th: กิจกรรม, en: Event}}",
        "  - {key: other, label: {th: กิจกรรม, en: Event}}\n  - {key: training, label: {th: อบรม, en: Training}}",
    );
    let run = check(&site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("schemas/province.schema.json: warning: `schemas/province.schema.json` is out of date: it is not what `tanrak schema` writes for this site\n  help: run `tanrak schema`\n"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("schemas/national.schema.json"),
        "{}",
        run.stderr
    );
    let json = site.run(&["check", "--format", "json"]);
    assert!(
        json.stdout.contains("\"code\": \"schema-stale\"")
            || json.stdout.contains("\"code\":\"schema-stale\""),
        "{}",
        json.stdout
    );
    assert_eq!(site.run(&["check", "--deny-warnings"]).code, 1);
    std::fs::remove_file(site.path("schemas/national.schema.json")).unwrap();
    let run = check(&site);
    assert!(
        run.stderr.contains("schemas/national.schema.json: warning: `schemas/national.schema.json` is missing, though the site keeps its schemas in `schemas/`\n"),
        "{}",
        run.stderr
    );
    assert_eq!(site.run(&["schema"]).code, 0);
    let run = check(&site);
    assert!(!run.stderr.contains("schemas/"), "{}", run.stderr);
}

#[test]
fn issue_8_a_total_is_checked_when_its_parts_are_not() {
    let site = Site::bundled();
    // The work groups no longer add up on their own; only their total must.
    let report = site.read("content/report.yaml");
    let mut parts_unsummed = String::new();
    let mut in_part = false;
    for line in report.lines() {
        if let Some(key) = line.strip_prefix("  - key: ") {
            in_part = ["agriculture", "processing", "community_tourism"].contains(&key.trim());
        }
        if in_part && line == "    sums: true" {
            parts_unsummed.push_str("    sums: false\n");
        } else {
            parts_unsummed.push_str(line);
            parts_unsummed.push('\n');
        }
    }
    site.write("content/report.yaml", &parts_unsummed);
    // Moving one group from a work group to another keeps the total: nothing to report.
    site.edit(
        "content/national.yaml",
        "agriculture: 588, processing: 827",
        "agriculture: 589, processing: 826",
    );
    let run = check(&site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("add up to"), "{}", run.stderr);
    site.edit(
        "content/national.yaml",
        "processing: 826",
        "processing: 827",
    );
    let run = check(&site);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/national.yaml:14:20: error: `target_groups` for 2016-10 to 2017-05: the provinces add up to 1,886, but the national figure is 1,887 (difference -1)\n"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("`target_groups.agriculture`"),
        "{}",
        run.stderr
    );
}

#[test]
fn issue_8_schema_of_a_broken_definition_writes_nothing() {
    let site = Site::fixture("districts");
    site.edit("content/report.yaml", "unit: percent", "unit: percentage");
    let run = site.run(&["schema"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/report.yaml:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("error: `percentage` is not a unit"),
        "{}",
        run.stderr
    );
    assert!(!site.path("schemas").exists());
}

/// Issue 8's proof, the part this branch owns: a measure added by editing only `content/`
/// is in the generated schemas and in the sums check, and the committed schemas are flagged
/// until `tanrak schema` runs again.
#[test]
fn issue_8_a_measure_added_in_content_reaches_the_schemas_and_the_sums_check() {
    let site = Site::bundled();
    assert_eq!(site.run(&["schema"]).code, 0);
    let total = add_a_measure(&site);
    // The national figure is off by 5 baht.
    site.edit(
        "content/national.yaml",
        &format!("otop_sales_baht: {total}\n"),
        &format!("otop_sales_baht: {}\n", total + 5),
    );
    let run = check(&site);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "content/national.yaml:18:22: error: `otop_sales_baht` for 2016-10 to 2017-05: the provinces add up to {}, but the national figure is {} (difference -5)\n",
            grouped(total),
            grouped(total + 5)
        )),
        "{}",
        run.stderr
    );
    for name in ["national", "province"] {
        assert!(
            run.stderr.contains(&format!(
                "schemas/{name}.schema.json: warning: `schemas/{name}.schema.json` is out of date"
            )),
            "{}",
            run.stderr
        );
    }
    assert!(
        !run.stderr.contains("schemas/report.schema.json"),
        "{}",
        run.stderr
    );
    assert_eq!(site.run(&["schema"]).code, 0);
    let run = check(&site);
    assert!(
        !run.stderr.contains("schema-stale") && !run.stderr.contains("schemas/"),
        "{}",
        run.stderr
    );
    for (name, definition) in [("province", "Result"), ("national", "NationalPeriod")] {
        let schema: serde_json::Value =
            serde_json::from_str(&site.read(&format!("schemas/{name}.schema.json"))).unwrap();
        let d = &schema["definitions"][definition];
        assert_eq!(
            d["properties"]["otop_sales_baht"]["description"],
            "ยอดขายผลิตภัณฑ์ชุมชน (บาท) / Sales of local products (baht)"
        );
        // A national period may leave its measures out while `pending: true` (issue 11).
        let required = match name {
            "national" => &d["else"]["required"],
            _ => &d["required"],
        };
        assert!(
            required
                .as_array()
                .unwrap()
                .contains(&"otop_sales_baht".into())
        );
    }
}
