//! `tanrak check`, `tanrak new` and the editors' schemas: each check is tripped by breaking
//! one thing in the tiny fixture, and the exact message and position are asserted.

use crate::support::*;

/// The tiny fixture without its one warning (Phuket's missing English narrative), so that
/// each test sees only the problem it makes.
fn clean_tiny() -> Site {
    let site = Site::fixture("tiny");
    site.write("content/provinces/phuket.en.md", "Phuket's narrative.\n");
    site
}

fn check(site: &Site) -> Run {
    site.run(&["check"])
}

fn json(site: &Site) -> Vec<serde_json::Value> {
    let run = site.run(&["check", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.stdout));
    value.as_array().expect("a JSON array").clone()
}

#[test]
fn clean_site_passes_with_exit_code_zero() {
    let site = clean_tiny();
    let run = check(&site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr.trim(), "check: no problems found");
    let run = site.run(&["check", "--deny-warnings"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site.out().exists(), "check must not write a site");
}

#[test]
fn the_bundled_site_has_no_errors() {
    let site = Site::bundled();
    let run = check(&site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Its standing contact warnings are accepted in its site.yaml.
    assert_eq!(run.stderr, "check: no problems found\n");
}

#[test]
fn anchor_past_the_last_question_is_an_error_with_its_position() {
    let site = clean_tiny();
    site.edit(
        "content/pages/about.en.md",
        "(/en/faq/#q2)",
        "(/en/faq/#q12)",
    );
    let run = check(&site);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/pages/about.en.md:6:22: error: the link `/en/faq/#q12` points at `#q12`, but the English questions page has questions #q1 to #q10\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "6 | About text en. [FAQ](/en/faq/#q12)\n  |                      ^^^^^^^^^^^^\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn link_to_a_missing_page_names_the_nearest_page() {
    let site = clean_tiny();
    // No front matter in this file, and Thai text before the link: columns count characters.
    site.edit(
        "content/provinces/chiang-mai.th.md",
        "(/faq/#q6)",
        "(/provinces/chiang-mia/)",
    );
    let run = check(&site);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/provinces/chiang-mai.th.md:1:25: error: the link `/provinces/chiang-mia/` leads to no page of this site\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("help: did you mean `/provinces/chiang-mai/`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn links_in_update_notes_are_checked() {
    let site = clean_tiny();
    site.edit(
        "content/updates/2026-11-02-second.en.md",
        "\nText",
        "\nSee [Chiang Mai](/en/provinces/chiangmai/).",
    );
    let run = check(&site);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/updates/2026-11-02-second.en.md:7:18: error: the link `/en/provinces/chiangmai/` leads to no page of this site\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("help: did you mean `/en/provinces/chiang-mai/`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn links_into_the_other_language_are_checked_too() {
    let site = clean_tiny();
    site.edit("content/pages/about.th.md", "(/faq/#q2)", "(/en/faq)");
    site.edit(
        "content/pages/about.en.md",
        "(/en/faq/#q2)",
        "(/provinces/phuket/)",
    );
    let run = check(&site);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/pages/about.th.md:6:22: error: the link `/en/faq` leads to no page of this site\n"), "{}", run.stderr);
    assert!(
        run.stderr.contains("help: add the final slash: `/en/faq/`"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("about.en.md"),
        "a link from English to a Thai page is fine:\n{}",
        run.stderr
    );
}

#[test]
fn relative_links_are_warnings() {
    let site = clean_tiny();
    site.edit("content/pages/about.en.md", "(/en/faq/#q2)", "(faq/)");
    let run = check(&site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/pages/about.en.md:6:22: warning: the link `faq/` does not start with `/`, so where it leads depends on the page it is on\n"),
        "{}",
        run.stderr
    );
    assert_eq!(site.run(&["check", "--deny-warnings"]).code, 1);
}

#[test]
fn broken_links_stop_the_build() {
    let site = clean_tiny();
    site.edit(
        "content/pages/about.en.md",
        "(/en/faq/#q2)",
        "(/en/faq/#q0)",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("about.en.md:6:22: error: the link `/en/faq/#q0`"),
        "{}",
        run.stderr
    );
    assert!(!site.out().exists(), "nothing may be published");
}

/// Give Bangkok (the one area without results) figures of zero, so all 3 areas have reported.
fn all_reported(site: &Site) {
    site.edit(
        "content/provinces/bangkok.yaml",
        "results: []",
        "results:\n  - period: {start: 2016-10, end: 2017-05}\n    target_groups: {agriculture: 0, processing: 0, community_tourism: 0}\n    groups_with_higher_income: 0\n    income_increase_baht: 0\n    beneficiaries: 0",
    );
}

#[test]
fn sums_that_differ_when_all_have_reported_are_errors() {
    let site = clean_tiny();
    all_reported(&site);
    assert_eq!(check(&site).code, 0, "{}", check(&site).stderr);
    site.edit(
        "content/national.yaml",
        "beneficiaries: 900",
        "beneficiaries: 905",
    );
    site.edit(
        "content/national.yaml",
        "income_increase_baht: 1000000",
        "income_increase_baht: 999000",
    );
    let run = check(&site);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/national.yaml:11:20: error: `beneficiaries` for 2016-10 to 2017-05: the provinces add up to 900, but the national figure is 905 (difference -5)\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/national.yaml:10:27: error: `income_increase_baht` for 2016-10 to 2017-05: the provinces add up to 1,000,000, but the national figure is 999,000 (difference +1,000)\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("help: every province expected to report for this period has (all 3)"),
        "{}",
        run.stderr
    );
    let build = site.build();
    assert_eq!(
        build.code, 1,
        "a sum error must stop the build:\n{}",
        build.stderr
    );
}

#[test]
fn sums_that_differ_while_areas_are_reporting_are_warnings() {
    let site = clean_tiny();
    site.edit(
        "content/national.yaml",
        "agriculture: 30",
        "agriculture: 31",
    );
    let run = check(&site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/national.yaml:3:13: warning: for 2016-10 to 2017-05, 2 of 3 provinces have reported so far, and their figures do not yet add up to these national figures: `target_groups.agriculture` 30 ≠ 31 (-1)\n"),
        "{}",
        run.stderr
    );
    assert_eq!(site.run(&["check", "--deny-warnings"]).code, 1);
    site.build_ok();
}

const GLOSSARY: &str = "- {right: ประชารัฐรักสามัคคี, wrong: [ประชาธิปไตยรักสามัคคี, ประชากรรัฐรักสามัคคี]}\n- {right: อย่างยั่งยืน, wrong: [อย่างยิ่งย่น]}\n";

#[test]
fn wrong_forms_of_official_names_are_reported_with_the_right_form() {
    let site = clean_tiny();
    site.write("content/glossary.yaml", GLOSSARY);
    site.edit(
        "content/pages/about.th.md",
        "About text th.",
        "บริษัทประชากรรัฐรักสามัคคี เพื่อการพัฒนาอย่างยิ่งย่น",
    );
    site.edit(
        "content/provinces/chiang-mai.yaml",
        "title: {th: ประชุมเชิงปฏิบัติการ,",
        "title: {th: ประชุมประชาธิปไตยรักสามัคคี,",
    );
    let run = check(&site);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/pages/about.th.md:6:7: error: `ประชากรรัฐรักสามัคคี` is a wrong form of `ประชารัฐรักสามัคคี`\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "content/pages/about.th.md:6:41: error: `อย่างยิ่งย่น` is a wrong form of `อย่างยั่งยืน`\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/provinces/chiang-mai.yaml:15:23: error: `ประชาธิปไตยรักสามัคคี` is a wrong form of `ประชารัฐรักสามัคคี`\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "help: write `ประชารัฐรักสามัคคี` (content/glossary.yaml lists the official forms)"
        )
    );
    assert!(
        !run.stderr.contains("content/glossary.yaml:"),
        "the glossary itself is not searched:\n{}",
        run.stderr
    );
}

#[test]
fn long_titles_and_summaries_are_warnings() {
    let site = clean_tiny();
    let title = "A title that goes on for far too long to be shown whole in a browser tab";
    let summary = "s".repeat(161);
    site.edit(
        "content/pages/about.en.md",
        "title: About en",
        &format!("title: {title}"),
    );
    site.edit(
        "content/pages/about.en.md",
        "summary: About the test site",
        &format!("summary: {summary}"),
    );
    let run = check(&site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("content/pages/about.en.md:2:8: warning: this title is {} characters long; over 70 it is cut short in search results and browser tabs\n", title.len())),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/pages/about.en.md:3:10: warning: this summary is 161 characters long; over 160 it is cut short in search results and link previews\n"),
        "{}",
        run.stderr
    );
    assert_eq!(site.run(&["check", "--deny-warnings"]).code, 1);
}

#[test]
fn json_format_lists_every_problem_with_all_fields() {
    let site = Site::fixture("tiny");
    site.edit(
        "content/pages/about.en.md",
        "(/en/faq/#q2)",
        "(/en/faq/#q12)",
    );
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let items = json(&site);
    assert_eq!(items.len(), 2, "{items:?}");
    for item in &items {
        for field in [
            "file", "line", "column", "severity", "code", "message", "help",
        ] {
            assert!(item.get(field).is_some(), "{field} missing in {item}");
        }
    }
    let link = items
        .iter()
        .find(|i| i["code"] == "broken-anchor")
        .expect("the broken anchor");
    assert_eq!(link["file"], "content/pages/about.en.md");
    assert_eq!(
        (link["line"].as_u64(), link["column"].as_u64()),
        (Some(6), Some(22))
    );
    assert_eq!(link["severity"], "error");
    let narrative = items
        .iter()
        .find(|i| i["code"] == "missing-narrative")
        .expect("the warning");
    assert_eq!(narrative["severity"], "warning");
}

#[test]
fn bad_usage_exits_with_two() {
    let site = clean_tiny();
    assert_eq!(site.run(&["check", "--format", "xml"]).code, 2);
    assert_eq!(site.run(&["new", "shop", "x"]).code, 2);
}

#[test]
fn new_province_writes_a_record_that_passes_check() {
    let site = clean_tiny();
    let areas = site.read("content/areas.csv");
    site.write(
        "content/areas.csv",
        &format!("{areas}TH-45,roi-et,ร้อยเอ็ด,Roi Et,northeast,ภาคตะวันออกเฉียงเหนือ,Northeast\n"),
    );
    let before = check(&site);
    assert!(
        before
            .stderr
            .contains("TH-45 (Roi Et, ร้อยเอ็ด) has no record"),
        "{}",
        before.stderr
    );
    let run = site.run(&["new", "province", "th-45"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "wrote content/provinces/roi-et.yaml\nwrote content/provinces/roi-et.th.md\nwrote content/provinces/roi-et.en.md\n"
    );
    let record = site.read("content/provinces/roi-et.yaml");
    assert!(record.starts_with("# yaml-language-server: $schema=../../schemas/province.schema.json\ncode: TH-45\nname: {th: \"ร้อยเอ็ด\", en: \"Roi Et\"}\nregion: northeast\n"), "{record}");
    assert!(record.contains("\nresults: []\n"), "{record}");
    let after = check(&site);
    assert_eq!(after.code, 0, "{}", after.stderr);
    // The only remark left is that the tiny fixture's map has no outline for the new area.
    assert!(
        after.stderr.trim().ends_with("check: 0 errors, 1 warning"),
        "{}",
        after.stderr
    );
    assert!(
        after.stderr.contains("TH-45 (Roi Et) has no outline"),
        "{}",
        after.stderr
    );
    site.build_ok();
    assert!(
        site.output("en/provinces/roi-et/index.html")
            .contains("Roi Et")
    );

    // Never overwrites, even one file of three.
    let narrative = "Roi Et's own text.\n";
    site.write("content/provinces/roi-et.en.md", narrative);
    std::fs::remove_file(site.path("content/provinces/roi-et.yaml")).unwrap();
    let again = site.run(&["new", "province", "TH-45"]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("content/provinces/roi-et.en.md: error: this file already exists; `tanrak new` never replaces a file"), "{}", again.stderr);
    assert_eq!(site.read("content/provinces/roi-et.en.md"), narrative);
    assert!(
        !site.path("content/provinces/roi-et.yaml").exists(),
        "nothing is written when anything exists"
    );
}

#[test]
fn new_province_refuses_unknown_codes_with_a_suggestion() {
    let site = clean_tiny();
    let run = site.run(&["new", "province", "TH-51"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("content/areas.csv: error: `TH-51` is not a code in content/areas.csv\n  help: did you mean TH-50?"), "{}", run.stderr);
    let run = site.run(&["new", "province", "chiang-mai"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "help: Chiang Mai (เชียงใหม่) has the code TH-50: run `tanrak new province TH-50`"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn new_page_writes_both_languages_and_refuses_reserved_names() {
    let site = clean_tiny();
    let run = site.run(&["new", "page", "how-to-apply"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "wrote content/pages/how-to-apply.th.md\nwrote content/pages/how-to-apply.en.md\n"
    );
    assert!(
        site.read("content/pages/how-to-apply.th.md")
            .starts_with("---\ntitle: \"how to apply\"\nupdated: ")
    );
    let after = check(&site);
    assert_eq!(after.code, 0, "{}", after.stderr);
    site.build_ok();
    assert!(site.out().join("en/how-to-apply/index.html").is_file());

    let again = site.run(&["new", "page", "how-to-apply"]);
    assert_eq!(again.code, 1);
    assert!(
        again
            .stderr
            .contains("content/pages/how-to-apply.th.md: error: this file already exists"),
        "{}",
        again.stderr
    );

    for (name, why) in [
        ("faq", "is reserved for the site's own pages"),
        ("provinces", "is the address of the areas' pages"),
        ("How-To", "is not a valid address part"),
        ("../x", "is not a valid address part"),
    ] {
        let run = site.run(&["new", "page", name]);
        assert_eq!(run.code, 1, "{name}");
        assert!(
            run.stderr
                .contains(&format!("error: the page name `{name}` {why}")),
            "{}",
            run.stderr
        );
    }
}

/// A copy of the bundled site after `tanrak schema`, with the files it wrote.
fn bundled_with_schemas() -> (Site, Run) {
    let site = Site::bundled();
    let run = site.run(&["schema"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (site, run)
}

#[test]
fn schemas_are_current_and_referenced_from_the_yaml_files() {
    // The committed schemas are exactly what `tanrak schema` writes for the bundled site.
    let (site, run) = bundled_with_schemas();
    assert_eq!(
        run.stdout,
        "wrote schemas/report.schema.json\nwrote schemas/site.schema.json\nwrote schemas/glossary.schema.json\nwrote schemas/national.schema.json\nwrote schemas/province.schema.json\n"
    );
    let dir = repo_root().join(tanrak::content::schema::DIR);
    let written = tree(&site.path("schemas"));
    let committed = tree(&dir);
    assert_eq!(
        committed.keys().collect::<Vec<_>>(),
        written.keys().collect::<Vec<_>>(),
        "schemas/ holds other files than `tanrak schema` writes: run `cargo run -- schema` and delete the rest"
    );
    for (name, text) in &written {
        assert!(
            committed.get(name) == Some(text),
            "schemas/{name} is out of date: run `cargo run -- schema`"
        );
    }
    let content = repo_root().join("content");
    let mut files = vec![
        content.join("site.yaml"),
        content.join("report.yaml"),
        content.join("national.yaml"),
        content.join("glossary.yaml"),
    ];
    for entry in std::fs::read_dir(content.join("provinces")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            files.push(path);
        }
    }
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let first = text.lines().next().unwrap_or("");
        let rel = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{} does not name its schema on line 1", file.display()));
        let target = file.parent().unwrap().join(rel);
        assert!(
            target.is_file(),
            "{}: {rel} is not a schema",
            file.display()
        );
    }
}

#[test]
fn schemas_accept_numbers_the_loader_accepts() {
    let (site, _) = bundled_with_schemas();
    let province: serde_json::Value =
        serde_json::from_str(&site.read("schemas/province.schema.json")).unwrap();
    let count = &province["definitions"]["Count"];
    assert_eq!(count["anyOf"][0]["type"], "integer");
    let pattern = count["anyOf"][1]["pattern"].as_str().unwrap();
    assert!(
        pattern.contains("๐-๙") && pattern.contains(','),
        "{pattern}"
    );
    assert!(
        province["description"].as_str().unwrap().contains(" / "),
        "descriptions are in both languages"
    );
    assert_eq!(province["additionalProperties"], false);
}

#[test]
fn links_to_assets_must_use_the_published_name() {
    let site = clean_tiny();
    site.build_ok();
    let font = std::fs::read_dir(site.out().join("assets/fonts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.ends_with(".woff2"))
        .unwrap();
    // The stylesheet is published under a fingerprinted name (style.<hash>.css), so a link
    // to the theme's own file name would be a dead link on the site.
    site.edit(
        "content/pages/about.en.md",
        "(/en/faq/#q2)",
        "(/assets/style.css)",
    );
    let run = check(&site);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: the link `/assets/style.css` leads to no page of this site"),
        "{}",
        run.stderr
    );
    // A name the build really writes passes.
    site.edit(
        "content/pages/about.en.md",
        "(/assets/style.css)",
        &format!("(/assets/fonts/{font})"),
    );
    let run = check(&site);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Issue 12: after a file's first error, no false follow-on problems: a page whose front
/// matter is broken is not also "missing its Thai version", and a record whose line in
/// areas.csv is broken is not also "an unknown code" with "unused" narratives.
#[test]
fn issue_12_a_broken_file_brings_no_follow_on_problems() {
    let site = clean_tiny();
    site.edit(
        "content/pages/about.th.md",
        "title: About th",
        "title About th",
    );
    site.edit(
        "content/areas.csv",
        "TH-50,chiang-mai,เชียงใหม่,Chiang Mai,north,ภาคเหนือ,North",
        "TH-50,chiang-mai,เชียงใหม่,Chiang Mai,north;ภาคเหนือ,North",
    );
    let run = check(&site);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let headlines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: ") || l.starts_with("check:"))
        .collect();
    assert_eq!(
        headlines,
        [
            "content/areas.csv:3:1: error: this line has 6 values; it needs 7",
            "content/pages/about.th.md:2:1: error: there is no colon after the field name `title`",
            "check: 2 errors, 0 warnings",
        ],
        "{}",
        run.stderr
    );
}

// Issue 10: the mechanical parts of "every sentence as true as the source allows".

#[test]
fn issue_10_thai_and_arabic_digits_mixed_in_one_sentence_are_errors() {
    let site = clean_tiny();
    site.edit(
        "content/pages/about.th.md",
        "About text th.",
        "คำสำคัญ ๓ คำของข้อ 2 ไม่มีในข้อความ\n\nเอกสาร “๑๐ ประเด็น” ระบุ 76 จังหวัด\n\n- `๑` และ [ข้อ 7](/faq/#q7)",
    );
    site.edit(
        "content/pages/about.en.md",
        "About text en.",
        "Item ๒ is missing. Item 3 is not.",
    );
    let run = check(&site);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/pages/about.th.md:6:20: error: `2` is an Arabic digit in a sentence that already has a Thai digit (`๓`, column 9): write the site's own numbers one way\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "help: use one kind of digit in a sentence; words quoted from the source, in “ ”, keep their own digits"
        ),
        "{}",
        run.stderr
    );
    // Quoted words and code spans keep their own digits; English sentences are apart.
    assert_eq!(run.stderr.matches(": error:").count(), 1, "{}", run.stderr);
}

#[test]
fn issue_10_by_a_date_in_english_is_an_error() {
    let site = clean_tiny();
    site.edit(
        "content/pages/about.en.md",
        "About text en.",
        "Companies were set up by 28 November 2016. Another by November 28, 2016, and “by 1 May” in quotes.",
    );
    let run = check(&site);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/pages/about.en.md:6:23: error: `by 28 November 2016` reads as \"no later than 28 November 2016\"\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("help: where the source gives the day it happened (เมื่อวันที่), write `on 28 November 2016`; for a deadline write `no later than 28 November 2016`\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/pages/about.en.md:6:52: error: `by November 28, 2016` reads as \"no later than November 28, 2016\"\n"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches(": error:").count(), 2, "{}", run.stderr);
}

#[test]
fn issue_10_site_text_only_forms_are_not_reported_in_quotes_or_the_quoted_source() {
    let site = clean_tiny();
    site.write(
        "content/glossary.yaml",
        "- {right: บริษัทประชารัฐรักสามัคคีจังหวัด, wrong: [บริษัท ประชารัฐรักสามัคคีจังหวัด], site_text_only: true}\n- {right: แฟ้ม, wrong: [ไฟล์]}\n",
    );
    let wrong = "บริษัท ประชารัฐรักสามัคคีจังหวัด";
    // The Thai questions quote the source: its answers keep the source's spacing, its
    // intro and notes are the site's own words.
    site.edit("content/faq.th.md", "intro th", &format!("intro {wrong}"));
    site.edit(
        "content/faq.th.md",
        "Answer 1.",
        &format!("Answer {wrong} ไฟล์"),
    );
    site.edit(
        "content/faq.th.md",
        "Answer 2.",
        &format!("Answer 2.\n\n> [!NOTE]\n> {wrong}"),
    );
    site.edit(
        "content/faq.en.md",
        "Answer 1.",
        &format!("Answer {wrong}."),
    );
    site.edit(
        "content/pages/about.th.md",
        "About text th.",
        &format!("“{wrong}” {wrong}"),
    );
    let run = check(&site);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let message = format!("error: `{wrong}` is a wrong form of `บริษัทประชารัฐรักสามัคคีจังหวัด`\n");
    for at in [
        "content/faq.th.md:5:7: ",
        "content/faq.th.md:16:3: ",
        "content/faq.en.md:9:8: ",
        "content/pages/about.th.md:6:36: ",
    ] {
        assert!(
            run.stderr.contains(&format!("{at}{message}")),
            "{at}\n{}",
            run.stderr
        );
    }
    // A form for all text is reported in the quoted source too.
    assert!(
        run.stderr
            .contains("content/faq.th.md:9:41: error: `ไฟล์` is a wrong form of `แฟ้ม`\n"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches(": error:").count(), 5, "{}", run.stderr);
}

/// A build runs the checks of single files on each file's text as loading reads it
/// (`check::AsRead`); the preview server loads without that look and reads the files again.
/// Both must find the same problems, at the same places: wrong forms in a narrative and in a
/// record, an unsafe address, a heading attribute, a broken and a relative link.
#[test]
fn checks_while_loading_find_what_checks_reading_again_find() {
    let site = clean_tiny();
    site.write("content/glossary.yaml", GLOSSARY);
    site.write(
        "content/provinces/chiang-mai.th.md",
        "เชียงใหม่ ประชากรรัฐรักสามัคคี\n\n## หัวข้อ {data-x=1}\n\n[ลิงก์](javascript:alert(1)) [หาย](/provinces/nowhere/) [ใกล้](faq/)\n",
    );
    site.edit(
        "content/provinces/chiang-mai.yaml",
        "title: {th: ประชุมเชิงปฏิบัติการ,",
        "title: {th: ประชุมประชาธิปไตยรักสามัคคี,",
    );
    // Files that are not loaded are searched too: a hidden one, one in a hidden folder, and
    // one tanrak does not use.
    site.write("content/.notes.md", "ประชากรรัฐรักสามัคคี\n");
    site.write("content/.drafts/next.yaml", "a: ประชากรรัฐรักสามัคคี\n");
    site.write("content/extra.md", "อย่างยิ่งย่น\n");
    let mut by_build: Vec<String> = json(&site)
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{} {} {}",
                d["file"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    let rebuilt = tanrak::rebuild::Session::new(site.root(), None).build();
    let mut by_reading: Vec<String> = rebuilt
        .diags
        .sorted()
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{} {} {}",
                d.file,
                d.line,
                d.column,
                d.code,
                d.message.text(tanrak::messages::Lang::En)
            )
        })
        .collect();
    by_build.sort();
    by_reading.sort();
    for file in [".notes.md", ".drafts/next.yaml", "extra.md"] {
        assert!(
            by_build.iter().any(
                |d| d.starts_with(&format!("content/{file}:1:")) && d.contains(" terminology ")
            ),
            "{file} not searched: {by_build:#?}"
        );
    }
    for code in [
        "terminology",
        "unsafe-url",
        "heading-attribute",
        "broken-link",
        "relative-link",
    ] {
        assert!(
            by_build.iter().any(|d| d.contains(&format!(" {code} "))),
            "{code} not found: {by_build:#?}"
        );
    }
    assert_eq!(by_build, by_reading);
}

#[test]
fn a_corrected_area_figure_gives_both_ways_out_and_the_logged_correction_is_published() {
    let site = clean_tiny();
    all_reported(&site);
    assert_eq!(check(&site).code, 0, "{}", check(&site).stderr);
    // One province's published figure was wrong: 400 beneficiaries, not 410.
    site.edit(
        "content/provinces/phuket.yaml",
        "beneficiaries: 400",
        "beneficiaries: 410",
    );
    let run = check(&site);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/national.yaml:11:20: error: `beneficiaries` for 2016-10 to 2017-05: the provinces add up to 910, but the national figure is 900 (difference +10)\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "help: every province expected to report for this period has (all 3), so the totals must agree. If you corrected one province's figure, there are two ways out: (1) the published national figure was corrected too: change it here and record the correction under `corrections:` at the end of this file (`- date:`, `what:` and `why:`, each in Thai and English); (2) the national figure stands: then another province's figure is wrong: find it and correct it. See “Correcting a published figure” in docs/editing.en.md\n"
        ),
        "{}",
        run.stderr
    );
    let thai = site.run_in("th_TH.UTF-8", &["check"]);
    assert_eq!(thai.code, 1, "{}", thai.stderr);
    assert!(
        thai.stderr.contains(
            "ยอดรวมจึงต้องเท่ากัน หากท่านแก้ตัวเลขของจังหวัดหนึ่ง มีทางแก้สองทาง ทางแรก ตัวเลขระดับประเทศที่เผยแพร่แล้วได้รับการแก้ไขด้วย ให้แก้ตัวเลขนั้นในแฟ้มนี้ และบันทึกการแก้ไขไว้ใต้ `corrections:` ท้ายแฟ้มนี้ (`- date:` `what:` และ `why:` เขียนทั้งภาษาไทยและภาษาอังกฤษ) ทางที่สอง ตัวเลขระดับประเทศถูกต้องแล้ว แสดงว่าตัวเลขของจังหวัดอื่นผิด ให้ค้นหาและแก้ไขตัวเลขนั้น ดูหัวข้อ “การแก้ไขตัวเลขที่เผยแพร่แล้ว” ใน docs/editing.th.md\n"
        ),
        "{}",
        thai.stderr
    );
    // The first way out: the published total was corrected too, and the log says so.
    site.edit(
        "content/national.yaml",
        "beneficiaries: 900",
        "beneficiaries: 910",
    );
    site.write(
        "content/national.yaml",
        &format!(
            "{}corrections:\n  - date: 2026-12-01\n    what: {{th: \"แก้จำนวนผู้ได้รับประโยชน์ของภูเก็ตเป็น 410 คน\", en: \"Phuket's beneficiaries corrected to 410\"}}\n    why: {{th: \"พิมพ์ผิดในรายงานฉบับแรก\", en: \"A typing error in the first report\"}}\n",
            std::fs::read_to_string(site.path("content/national.yaml")).unwrap()
        ),
    );
    let run = check(&site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let build = site.build();
    assert_eq!(build.code, 0, "{}", build.stderr);
    let home = std::fs::read_to_string(site.out().join("en/index.html")).unwrap();
    assert!(
        home.contains("<li><strong>")
            && home.contains("Phuket&#39;s beneficiaries corrected to 410")
            && home.contains("(A typing error in the first report)"),
        "{home}"
    );
    let national: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site.out().join("data/national.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        national["corrections"],
        serde_json::json!([{
            "date": "2026-12-01",
            "what": {"th": "แก้จำนวนผู้ได้รับประโยชน์ของภูเก็ตเป็น 410 คน", "en": "Phuket's beneficiaries corrected to 410"},
            "why": {"th": "พิมพ์ผิดในรายงานฉบับแรก", "en": "A typing error in the first report"}
        }])
    );
    assert_eq!(national["periods"][0]["beneficiaries"], 910, "{national}");
}
