//! The catalogues are complete: every code and message id the sources use has its text in
//! Thai and in English, and both languages' texts take the same values.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::*;

/// Entries of a catalogue: `id` and `id.attribute` → the variables the text uses.
fn entries(text: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut message = String::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let starts_entry = line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '-');
        if starts_entry && let Some((id, _)) = line.split_once(" =") {
            message = id.trim().to_string();
            current = message.clone();
            out.entry(current.clone()).or_default();
        } else if let Some(rest) = line.trim_start().strip_prefix('.')
            && let Some((attr, _)) = rest.split_once(" =")
        {
            current = format!("{message}.{}", attr.trim());
            out.entry(current.clone()).or_default();
        }
        let mut rest = line;
        while let Some(i) = rest.find('$') {
            let name: String = rest[i + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `name_th` and `name_en` are one value in each language's own words.
            let name = name
                .strip_suffix("_th")
                .or_else(|| name.strip_suffix("_en"))
                .map_or(name.clone(), |stem| format!("{stem}_*"));
            out.entry(current.clone()).or_default().insert(name);
            rest = &rest[i + 1..];
        }
    }
    out
}

/// Every `.rs` file under `src/`.
fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    walkdir::WalkDir::new(&root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            (
                e.path().display().to_string(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The string literal that starts right after `at` (skipping white space), if any.
fn literal_after(text: &str) -> Option<&str> {
    let text = text.trim_start().strip_prefix('"')?;
    text.split('"').next()
}

/// `(file, what)` for every literal after each of `needles` in the sources.
fn used(needles: &[&str]) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (file, text) in sources() {
        if file.ends_with("messages/tests.rs") {
            continue;
        }
        for needle in needles {
            for (i, _) in text.match_indices(needle) {
                // `t(lang, …)` is the catalogue's; `theme.t(lang, …)` is the theme's strings.
                let before = text[..i].chars().next_back();
                if needle.starts_with("t(")
                    && before.is_some_and(|c| c == '.' || c == '_' || c.is_alphanumeric())
                {
                    continue;
                }
                if let Some(lit) = literal_after(&text[i + needle.len()..]) {
                    out.insert((file.clone(), lit.to_string()));
                }
            }
        }
    }
    out
}

#[test]
fn both_catalogues_parse_without_errors() {
    for (lang, text) in CATALOGUES {
        if let Err((_, errors)) = FluentResource::try_new(text.to_string()) {
            panic!("{}.ftl: {errors:?}", lang.code());
        }
    }
}

#[test]
fn every_message_is_in_both_catalogues() {
    let th = entries(CATALOGUES[0].1);
    let en = entries(CATALOGUES[1].1);
    let mut problems = Vec::new();
    for (id, vars) in &th {
        match en.get(id) {
            None => problems.push(format!("`{id}` is in th.ftl but not in en.ftl")),
            Some(other) if other != vars => problems.push(format!(
                "`{id}` takes {vars:?} in Thai but {other:?} in English"
            )),
            Some(_) => {}
        }
    }
    for id in en.keys().filter(|id| !th.contains_key(*id)) {
        problems.push(format!("`{id}` is in en.ftl but not in th.ftl"));
    }
    // Every message id named in the code.
    for (file, id) in used(&["msg!(", "t(lang, ", "t(self.lang, "]) {
        if !th.contains_key(&id) || !en.contains_key(&id) {
            problems.push(format!(
                "{file}: message `{id}` is missing from a catalogue"
            ));
        }
    }
    // Every diagnostic code has at least one message, `code` or `code--…`, in both.
    for (file, code) in used(&[".error(", ".warning("]) {
        let has = |cat: &BTreeMap<String, BTreeSet<String>>| {
            cat.keys().any(|id| {
                let name = id.split('.').next().unwrap_or(id);
                name == code || name.starts_with(&format!("{code}--"))
            })
        };
        if !has(&th) || !has(&en) {
            problems.push(format!(
                "{file}: the code `{code}` has no message in a catalogue"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn messages_read_in_both_languages() {
    let m = msg!("csv-columns", found = 6usize, needed = 7usize);
    assert_eq!(m.text(Lang::En), "this line has 6 values; it needs 7");
    assert_eq!(m.text(Lang::Th), "บรรทัดนี้มี 6 ค่า แต่ต้องมี 7 ค่า");
    let m = msg!("count-errors", n = 1usize);
    assert_eq!(m.text(Lang::En), "1 error");
    assert_eq!(msg!("count-errors", n = 2usize).text(Lang::En), "2 errors");
    assert_eq!(m.text(Lang::Th), "ข้อผิดพลาด 1 รายการ");
    let help = msg!("yaml--tab.help");
    assert_eq!(
        help.text(Lang::Th),
        "YAML นับเฉพาะการเว้นวรรค ให้ลบ Tab ออกแล้วเว้นวรรคแทน ระดับละสองช่อง"
    );
}

#[test]
fn the_language_comes_from_the_flag_then_the_environment() {
    assert_eq!(Lang::from_locale("th_TH.UTF-8"), Some(Lang::Th));
    assert_eq!(Lang::from_locale("en_GB"), Some(Lang::En));
    assert_eq!(Lang::from_locale("C"), None);
    assert_eq!(Lang::from_locale("fr_FR.UTF-8"), None);
    assert_eq!(choose(Some(Lang::En), None), Lang::En);
    let args: Vec<std::ffi::OsString> = ["tanrak", "check", "--lang", "en"]
        .iter()
        .map(Into::into)
        .collect();
    assert_eq!(flag_in(&args), Some(Lang::En));
    let args: Vec<std::ffi::OsString> = ["tanrak", "--lang=th", "build"]
        .iter()
        .map(Into::into)
        .collect();
    assert_eq!(flag_in(&args), Some(Lang::Th));
}

#[test]
fn the_site_default_is_its_first_language() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(
        dir.path().join("content/site.yaml"),
        "title: x\nlanguages: [en, th]\n",
    )
    .unwrap();
    assert_eq!(site_default(dir.path()), Some(Lang::En));
}
