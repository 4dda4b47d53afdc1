//! `tanrak init`: a new site that checks and builds at once (only the examples' reminders),
//! from flags or from answers piped to its questions; every wrong start refused with its
//! message and nothing written; `--from` a compiled-in site.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::support::*;

/// Run `tanrak <args>` in `dir` with `LANG=lang`, `input` on its standard input.
fn tanrak(dir: &Path, lang: &str, args: &[&str], input: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tanrak"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    Run::from(child.wait_with_output().unwrap())
}

/// The codes and files of `check --format json` on the site at `root`.
fn problems(root: &Path) -> Vec<(String, String)> {
    let run = tanrak(root, "en_US.UTF-8", &["check", "--format", "json"], "");
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The examples' reminders a new site has: one for each file holding examples.
const REMINDED: [&str; 17] = [
    "content/areas.csv",
    "content/districts/district-a.en.md",
    "content/districts/district-a.th.md",
    "content/districts/district-a.yaml",
    "content/districts/district-b.en.md",
    "content/districts/district-b.th.md",
    "content/districts/district-b.yaml",
    "content/districts/district-c.en.md",
    "content/districts/district-c.th.md",
    "content/districts/district-c.yaml",
    "content/faq.en.md",
    "content/faq.th.md",
    "content/home.en.md",
    "content/home.th.md",
    "content/national.yaml",
    "content/report.yaml",
    "content/site.yaml",
];

fn assert_only_reminders(root: &Path) {
    let found = problems(root);
    let expected: Vec<(String, String)> = REMINDED
        .iter()
        .map(|f| ("example-content".to_string(), f.to_string()))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn init_with_flags_makes_a_site_that_checks_and_builds_with_only_the_examples_reminders() {
    let dir = tempfile::tempdir().unwrap();
    let run = tanrak(
        dir.path(),
        "en_US.UTF-8",
        &[
            "init",
            "my-site",
            "--languages",
            "th,en",
            "--title-th",
            "รายงานผลรายอำเภอ",
            "--title-en",
            "District results",
            "--area-word-th",
            "อำเภอ",
            "--area-word-en",
            "district",
        ],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Asked nothing.
    assert_eq!(run.stderr, "");
    assert!(
        run.stdout
            .starts_with("init: made a new site in my-site (25 files)."),
        "{}",
        run.stdout
    );
    let root = dir.path().join("my-site");
    for file in [
        ".gitignore",
        "README.md",
        ".github/workflows/publish.yml",
        "schemas/district.schema.json",
    ] {
        assert!(root.join(file).is_file(), "no {file}");
    }
    assert!(!root.join("themes").exists(), "a theme only when asked");
    let site = std::fs::read_to_string(root.join("content/site.yaml")).unwrap();
    assert!(
        site.contains("title: {th: \"รายงานผลรายอำเภอ\", en: \"District results\"}\n"),
        "{site}"
    );
    assert_only_reminders(&root);
    // The reminder, in full, in both languages.
    let run = tanrak(&root, "en_US.UTF-8", &["check"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(
        "content/site.yaml:2:3: warning: this file still holds the examples `tanrak init` wrote: they are not the site's own words or figures\n"
    ), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "  help: replace the examples in this file with the site's own, then delete this line\n"
        ),
        "{}",
        run.stderr
    );
    let run = tanrak(&root, "th_TH.UTF-8", &["check"], "");
    assert!(run.stderr.contains(
        "content/site.yaml:2:3: คำเตือน: แฟ้มนี้ยังมีตัวอย่างที่ `tanrak init` เขียนไว้ ซึ่งไม่ใช่ข้อความหรือตัวเลขของเว็บไซต์นี้\n"
    ), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("  วิธีแก้: ให้แทนตัวอย่างในแฟ้มนี้ด้วยข้อความและตัวเลขของหน่วยงาน แล้วลบบรรทัดนี้ออก\n"),
        "{}",
        run.stderr
    );
    let run = tanrak(&root, "en_US.UTF-8", &["build"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let home = std::fs::read_to_string(root.join("public/en/index.html")).unwrap();
    assert!(home.contains("District results"));
    assert!(
        root.join("public/districts/district-a/index.html")
            .is_file()
    );
    // Replacing an example and deleting its line ends that file's reminder.
    let path = root.join("content/site.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.contains("tanrak-example"))
        .collect();
    std::fs::write(&path, kept.join("\n") + "\n").unwrap();
    assert!(
        !problems(&root)
            .iter()
            .any(|(_, f)| f == "content/site.yaml"),
        "the reminder stayed"
    );
}

#[test]
fn init_asks_in_the_users_language_and_takes_piped_answers() {
    let dir = tempfile::tempdir().unwrap();
    let run = tanrak(
        dir.path(),
        "th_TH.UTF-8",
        &["init", "site"],
        "th,en\nรายงานผลรายอำเภอ\nDistrict results\nอำเภอ\ndistrict\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "ภาษาของเว็บไซต์ ภาษาหลักก่อน (th,en / th / en) [th,en]: \n\
         ชื่อเว็บไซต์ภาษาไทย [เว็บไซต์รายงานผล (ตัวอย่าง)]: \n\
         ชื่อเว็บไซต์ภาษาอังกฤษ [Results report (example)]: \n\
         คำเรียกพื้นที่หนึ่งแห่งของรายงานเป็นภาษาไทย (เช่น อำเภอ) [พื้นที่]: \n\
         คำเรียกพื้นที่หนึ่งแห่งเป็นภาษาอังกฤษ เป็นคำเดียว (เช่น district) [area]: \n"
    );
    let root = dir.path().join("site");
    let site = std::fs::read_to_string(root.join("content/site.yaml")).unwrap();
    assert!(
        site.contains("title: {th: \"รายงานผลรายอำเภอ\", en: \"District results\"}\n"),
        "{site}"
    );
    assert_only_reminders(&root);
    let run = tanrak(&root, "en_US.UTF-8", &["build"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn init_in_one_language_writes_only_that_languages_files() {
    let dir = tempfile::tempdir().unwrap();
    // Empty answers take the defaults shown (the English area word `area`).
    let run = tanrak(
        dir.path(),
        "en_US.UTF-8",
        &["init", "s"],
        "th\nชื่อทดลอง\n\n\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let root = dir.path().join("s");
    assert!(root.join("content/areas/area-a.th.md").is_file());
    assert!(!root.join("content/areas/area-a.en.md").exists());
    let found = problems(&root);
    assert!(
        found.iter().all(|(code, _)| code == "example-content"),
        "{found:?}"
    );
    let run = tanrak(&root, "en_US.UTF-8", &["build"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// `args` after `init`, in `dir`: refused with exactly `message`, and nothing written.
fn refused(dir: &Path, args: &[&str], message: &str) {
    let entries = || -> Vec<_> {
        walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .collect()
    };
    let (before, listed) = (tree(dir), entries());
    let mut all = vec!["init"];
    all.extend_from_slice(args);
    let run = tanrak(dir, "en_US.UTF-8", &all, "");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!("{message}\ninit: nothing was written\n")
    );
    assert_eq!(tree(dir), before, "something was written");
    assert_eq!(entries(), listed, "a folder was made");
}

#[test]
fn init_refuses_every_wrong_start_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("full")).unwrap();
    std::fs::write(d.join("full/notes.txt"), "mine\n").unwrap();
    refused(
        d,
        &["full", "--from", "bundled"],
        "full: error: `full` already holds files: `tanrak init` writes only into a new or empty folder\n  help: choose a new folder, like `tanrak init my-site`; to start from this site, copy its folder instead\n",
    );
    std::fs::write(d.join("a-file"), "x\n").unwrap();
    refused(
        d,
        &["a-file", "--from", "bundled"],
        "a-file: error: `a-file` is a file, not a folder\n  help: choose a new folder name, like `tanrak init my-site`\n",
    );
    refused(
        d,
        &["new", "--languages", "th,fr"],
        "new: error: `fr` is not a language tanrak can make a site in\n  help: give th, en or both, the main one first: `--languages th,en`\n",
    );
    refused(
        d,
        &["new", "--languages", "th", "--title-en", "Results"],
        "new: error: a title in `en` was given, but `en` is not one of the site's languages\n  help: add `en` to `--languages`, or leave out `--title-en`\n",
    );
    refused(
        d,
        &["new", "--from", "examples/none"],
        "new: error: there is no site `examples/none` to start from\n  help: give `bundled`, one of examples/lamphun-districts, or the folder of a site (the folder holding its content/)\n",
    );
    refused(
        d,
        &[
            "new",
            "--languages",
            "en",
            "--title-en",
            "R",
            "--area-word-en",
            "two words",
        ],
        "new: error: `two words` cannot be the word for one area\n  help: in English give one word of the letters a-z (like `district`); in Thai give the word (like `อำเภอ`)\n",
    );
    refused(
        d,
        &["new", "--from", "bundled", "--title-en", "Mine"],
        "new: error: `--title-en` cannot be given with `--from`: the site started from has its own title, languages and areas\n  help: leave out `--title-en` and change the copy's content/site.yaml afterwards, or leave out `--from` to start a new site\n",
    );
    // A second init into the same folder.
    let run = tanrak(
        d,
        "en_US.UTF-8",
        &["init", "twice", "--from", "bundled"],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    refused(
        d,
        &["twice", "--from", "bundled"],
        "twice: error: `twice` already holds files: `tanrak init` writes only into a new or empty folder\n  help: choose a new folder, like `tanrak init my-site`; to start from this site, copy its folder instead\n",
    );
}

#[test]
fn init_from_a_compiled_in_site_copies_it_and_it_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let run = tanrak(
        dir.path(),
        "en_US.UTF-8",
        &[
            "init",
            "copy",
            "--from",
            "examples/lamphun-districts",
            "--theme",
        ],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let root = dir.path().join("copy");
    let original = repo_root().join("examples/lamphun-districts/content");
    assert_eq!(tree(&root.join("content")), tree(&original));
    assert!(root.join("themes/default/templates").is_dir());
    assert!(root.join(".github/workflows/publish.yml").is_file());
    let run = tanrak(&root, "en_US.UTF-8", &["check"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "check: no problems found\n");
}

#[test]
fn init_from_a_folder_refuses_a_link_in_the_site_it_copies() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("from/content")).unwrap();
    std::fs::write(d.join("outside.txt"), "not the site's\n").unwrap();
    std::os::unix::fs::symlink(d.join("outside.txt"), d.join("from/content/home.en.md")).unwrap();
    refused(
        d,
        &["new", "--from", "from"],
        &format!(
            "from/content/home.en.md: error: this is a symbolic link (to `{}`); tanrak reads and writes only plain files and folders in the site's folder\n  help: put the file itself here in place of the link (copy it, then delete the link)\n",
            d.join("outside.txt").display()
        ),
    );
}
