//! Bad input: each folder in `tests/fixtures/invalid/<case>/` holds files that replace the
//! tiny site's (content or theme) (and optionally `remove`, a list of files to delete) plus `expected.txt`, the
//! exact error report the build must print. The build must fail with exit code 1, print
//! that report, and write nothing.
//!
//! To refresh the expected reports after an intended change of wording, run the tests with
//! `TANRAK_BLESS=1` and review the diff.

use std::path::Path;

use crate::support::*;

/// The error blocks of a report (warnings about the tiny site's missing narrative dropped).
fn errors_only(stderr: &str) -> String {
    stderr
        .split("\n\n")
        .filter(|block| block.contains(": error: ") || block.starts_with("build failed"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn run_case(case: &Path) -> Result<(), String> {
    let site = Site::fixture("tiny");
    copy_tree(case, site.root());
    if let Ok(list) = std::fs::read_to_string(case.join("remove")) {
        for rel in list.lines().filter(|l| !l.trim().is_empty()) {
            std::fs::remove_file(site.path(rel.trim()))
                .map_err(|e| format!("remove {rel}: {e}"))?;
        }
    }
    let run = site.build();
    if run.code != 1 {
        return Err(format!(
            "exit code {} (expected 1)\n{}",
            run.code, run.stderr
        ));
    }
    if site.out().exists() {
        return Err("the failed build created the output folder".into());
    }
    let got = errors_only(&run.stderr);
    let expected_path = case.join("expected.txt");
    if std::env::var_os("TANRAK_BLESS").is_some() {
        std::fs::write(&expected_path, &got).unwrap();
        return Ok(());
    }
    let expected = std::fs::read_to_string(&expected_path)
        .map_err(|e| format!("{}: {e}", expected_path.display()))?;
    if got.trim_end() != expected.trim_end() {
        return Err(format!(
            "report differs.\n--- expected\n{expected}\n--- got\n{got}"
        ));
    }
    Ok(())
}

#[test]
fn every_invalid_case_reports_its_exact_error() {
    let dir = fixture("invalid");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 20,
        "expected at least 20 cases, found {}",
        cases.len()
    );
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            run_case(case)
                .err()
                .map(|e| format!("== {}: {e}", case.file_name().unwrap().to_string_lossy()))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn all_problems_are_reported_not_only_the_first() {
    let site = Site::fixture("tiny");
    site.edit(
        "content/provinces/phuket.yaml",
        "code: TH-83",
        "code: TH-99",
    );
    site.edit(
        "content/provinces/chiang-mai.yaml",
        "region: north",
        "region: south",
    );
    site.edit(
        "content/site.yaml",
        "thai_digits: false",
        "thai_digits: yes",
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("content/provinces/phuket.yaml:1:7: error: `TH-99` is not a code"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("content/provinces/chiang-mai.yaml:3:9: error: the region `south` does not match `north`"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/site.yaml:5:14: error: this must be `true` or `false`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("build failed: 3 errors,"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = Site::fixture("tiny");
    site.build_ok();
    let before = tree(&site.out());
    site.edit(
        "content/provinces/phuket.yaml",
        "beneficiaries: 400",
        "beneficiaries: -1",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("the output folder was not changed"));
    assert_eq!(
        tree(&site.out()),
        before,
        "the output changed after a failed build"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // The preview images' cache is kept on purpose (tests/it/preview.rs).
        .filter(|n| n.contains("tanrak-") && n != ".tanrak-cache")
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
}

#[test]
fn bad_usage_exits_with_code_two() {
    let site = Site::fixture("tiny");
    let run = site.run(&["build", "--no-such-flag"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn a_ui_string_missing_in_one_language_is_an_error() {
    let site = Site::fixture("tiny");
    let en = std::fs::read_to_string(repo_root().join("themes/default/i18n/en.yaml")).unwrap();
    let without: String = en
        .lines()
        .filter(|l| !l.starts_with("back_to_top:"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(
        en.len(),
        without.len(),
        "the theme has no back_to_top string any more"
    );
    site.write("themes/default/i18n/en.yaml", &without);
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("themes/default/i18n/en.yaml: error: the UI string `back_to_top` has no English text\n  help: add `back_to_top: …` to this file (it is in i18n/th.yaml)"),
        "{}",
        run.stderr
    );
}
