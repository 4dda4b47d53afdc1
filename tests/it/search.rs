//! Site search (issue 14): the index the build writes under `search/<lang>/`, the search page
//! and the search box in every page's header. The script itself is tried in Chromium by
//! `tests/browser/search.mjs` (see `gates.rs`).

use crate::support::{self, Site};
use serde_json::Value;
use std::path::Path;

fn read_json(out: &Path, rel: &str) -> Value {
    let text = std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// The pages (by address) a word is found on, with their weights, looked up the way the
/// script does: in the shards whose key begins the word.
fn lookup(out: &Path, lang: &str, word: &str) -> Vec<(String, u64)> {
    let head = read_json(out, &format!("search/{lang}/index.json"));
    let per = head["per"].as_u64().unwrap();
    let postings = head["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .filter(|k| word.starts_with(k))
        .find_map(|k| {
            let shard = read_json(out, &format!("search/{lang}/{}.json", hex(k)));
            shard[word].as_array().cloned()
        });
    let Some(postings) = postings else {
        return Vec::new();
    };
    postings
        .chunks(2)
        .map(|p| {
            let id = p[0].as_u64().unwrap();
            let list = read_json(out, &format!("search/{lang}/pages-{}.json", id / per));
            let page = &list[(id % per) as usize];
            (
                page[0].as_str().unwrap().to_string(),
                p[1].as_u64().unwrap(),
            )
        })
        .collect()
}

/// A file of the index is named by its key's code points in hex (`0063-0068` for `ch`).
fn hex(key: &str) -> String {
    key.chars()
        .map(|c| format!("{:04x}", c as u32))
        .collect::<Vec<_>>()
        .join("-")
}

/// Whether `a` and `b` are at most one edit apart (a letter added, dropped or changed, or two
/// neighbours swapped), as the script decides it.
fn close(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let mut i = 0;
    while i < a.len() && i < b.len() && a[i] == b[i] {
        i += 1;
    }
    let (mut ja, mut jb) = (a.len(), b.len());
    while ja > i && jb > i && a[ja - 1] == b[jb - 1] {
        ja -= 1;
        jb -= 1;
    }
    (ja - i <= 1 && jb - i <= 1)
        || (ja - i == 2 && jb - i == 2 && a[i] == b[i + 1] && a[i + 1] == b[i])
}

/// The index's words one edit away from `word`, read from the typo lexicon as the script
/// reads it: the files whose key begins the word or ends it. Also gives how many bytes
/// those files (and `near.json`) are.
fn near(out: &Path, lang: &str, word: &str) -> (Vec<String>, usize) {
    let dir = out.join(format!("search/{lang}"));
    let mut bytes = std::fs::metadata(dir.join("near.json")).unwrap().len() as usize;
    let head = read_json(out, &format!("search/{lang}/near.json"));
    let keys = |half: &str| -> Vec<String> {
        head[half]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap().to_string())
            .collect()
    };
    let mut files: Vec<String> = keys("starts")
        .iter()
        .filter(|k| word.starts_with(k.as_str()))
        .map(|k| format!("s-{}.json", hex(k)))
        .collect();
    files.extend(
        keys("ends")
            .iter()
            .filter(|k| word.ends_with(k.as_str()))
            .map(|k| format!("e-{}.json", hex(k))),
    );
    let mut found = Vec::new();
    for f in files {
        bytes += std::fs::metadata(dir.join(&f)).unwrap().len() as usize;
        let list = read_json(out, &format!("search/{lang}/{f}"));
        for t in list.as_array().unwrap() {
            let t = t.as_str().unwrap();
            if t != word && close(word, t) && !found.iter().any(|f| f == t) {
                found.push(t.to_string());
            }
        }
    }
    (found, bytes)
}

fn finds(out: &Path, lang: &str, word: &str, href: &str) -> bool {
    lookup(out, lang, word).iter().any(|(h, _)| h == href)
}

/// The page a word ranks first (highest weight).
fn first(out: &Path, lang: &str, word: &str) -> String {
    let mut hits = lookup(out, lang, word);
    hits.sort_by_key(|h| std::cmp::Reverse(h.1));
    hits.first()
        .map(|h| h.0.clone())
        .unwrap_or_else(|| panic!("`{word}` is not in the {lang} index"))
}

#[test]
fn the_index_exists_for_each_language_and_is_the_same_on_every_build() {
    let site = Site::bundled();
    let run = site.build_ok();
    assert!(
        run.stdout.contains("a search index of "),
        "the summary counts the index: {}",
        run.stdout
    );
    let once = support::tree(&site.out().join("search"));
    for lang in ["th", "en"] {
        for file in ["index.json", "pages-0.json"] {
            assert!(
                once.contains_key(&format!("{lang}/{file}")),
                "{lang}/{file}"
            );
        }
        assert!(
            once.keys()
                .filter(|k| k.starts_with(&format!("{lang}/")))
                .count()
                > 10,
            "{lang}: the index is split into shards"
        );
    }
    site.build_ok();
    assert!(
        once == support::tree(&site.out().join("search")),
        "two builds wrote different search indexes"
    );
}

#[test]
fn thai_text_is_indexed_as_words() {
    let site = Site::bundled();
    site.build_ok();
    let out = site.out();
    // Words cut from running Thai text, not whole phrases.
    assert!(finds(&out, "th", "ฐานราก", "/"), "ฐานราก on the home page");
    assert!(
        finds(&out, "th", "ฐานราก", "/faq/"),
        "ฐานราก on the questions page"
    );
    assert_eq!(first(&out, "th", "เชียงใหม่"), "/provinces/chiang-mai/");
    // ประชารัฐ is two dictionary words (as in the browser); the questions page has both.
    for word in ["ประชา", "รัฐ"] {
        assert!(finds(&out, "th", word, "/faq/"), "{word}");
    }
    // English pages: ordinary words, lower-cased.
    assert!(finds(&out, "en", "grassroots", "/en/"));
    assert_eq!(first(&out, "en", "chiang"), "/en/provinces/chiang-mai/");
}

#[test]
fn area_names_are_found_in_both_scripts_and_common_spellings() {
    let site = Site::bundled();
    site.build_ok();
    let out = site.out();
    for (lang, prefix) in [("th", ""), ("en", "/en")] {
        let chon_buri = format!("{prefix}/provinces/chon-buri/");
        // "Chon Buri" as two words, "Chonburi" as one, and the Thai name on either side.
        for word in ["chon", "buri", "chonburi", "ชลบุรี"] {
            assert!(finds(&out, lang, word, &chon_buri), "{lang}: {word}");
        }
        assert_eq!(first(&out, lang, "chonburi"), chon_buri, "{lang}");
        assert_eq!(
            first(&out, lang, "lopburi"),
            format!("{prefix}/provinces/lop-buri/")
        );
        // An alias from the areas list's `aliases` column.
        assert_eq!(
            first(&out, lang, "korat"),
            format!("{prefix}/provinces/nakhon-ratchasima/")
        );
    }
}

#[test]
fn every_page_has_a_search_box_and_the_search_page_is_in_the_sitemap() {
    let site = Site::bundled();
    site.build_ok();
    for (page, action) in [
        ("index.html", "/search/"),
        ("faq/index.html", "/search/"),
        ("provinces/chiang-mai/index.html", "/search/"),
        ("en/index.html", "/en/search/"),
        ("en/data/index.html", "/en/search/"),
    ] {
        let html = site.output(page);
        assert!(
            html.contains(&format!(
                "<form class=\"site-search\" role=\"search\" action=\"{action}\" method=\"get\">"
            )),
            "{page}"
        );
    }
    let sitemap = site.output("sitemap.xml");
    for url in ["/search/</loc>", "/en/search/</loc>"] {
        assert!(sitemap.contains(url), "{url} in the sitemap");
    }
}

#[test]
fn the_search_page_works_without_script_by_pointing_to_the_lists() {
    let site = Site::bundled();
    site.build_ok();
    for (page, lang, prefix) in [
        ("search/index.html", "th", ""),
        ("en/search/index.html", "en", "/en"),
    ] {
        let html = site.output(page);
        assert!(
            html.contains("<label for=\"search-q\">"),
            "{page}: labelled input"
        );
        assert!(
            html.contains("role=\"status\""),
            "{page}: results are announced"
        );
        assert!(
            html.contains(&format!("data-index=\"/search/{lang}/\"")),
            "{page}"
        );
        for href in [format!("{prefix}/provinces/"), format!("{prefix}/faq/")] {
            assert!(
                html.contains(&format!("<li><a href=\"{href}\">")),
                "{page}: {href}"
            );
        }
        // Two scripts, each a file of its own: the theme's search script and the print
        // helper every page loads.
        assert_eq!(html.matches("<script src=").count(), 2, "{page}");
        assert!(html.contains("<script src=\"/assets/search."), "{page}");
        assert!(html.contains("<script src=\"/assets/print."), "{page}");
        // The header's box is left out here: the page has its own.
        assert!(!html.contains("class=\"site-search\""), "{page}");
    }
}

/// A query word one edit away from a word of the index (a letter added, dropped or changed,
/// or two neighbours swapped, at any place, the first letter too) finds that word in the
/// typo lexicon, and through it the word's pages.
#[test]
fn a_word_one_edit_away_is_found_wherever_the_edit_is() {
    let site = Site::bundled();
    site.build_ok();
    let out = site.out();
    let cases = [
        (
            "th",
            "ฐานราก",
            "/faq/",
            ["ถานราก", "านราก", "กฐานราก", "าฐนราก", "ฐานรก", "ฐานรากก"],
        ),
        (
            "th",
            "เชียงใหม่",
            "/provinces/chiang-mai/",
            [
                "แชียงใหม่",
                "ชียงใหม่",
                "เชียงใหม",
                "เชียงใหม่่",
                "เขียงใหม่",
                "ชเียงใหม่",
            ],
        ),
        (
            "en",
            "chiang",
            "/en/provinces/chiang-mai/",
            ["xhiang", "hiang", "cchiang", "hciang", "chiagn", "chiamg"],
        ),
        (
            "en",
            "korat",
            "/en/provinces/nakhon-ratchasima/",
            ["korat", "gorat", "orat", "okrat", "kora", "koratt"],
        ),
    ];
    for (lang, word, page, typos) in cases {
        assert!(finds(&out, lang, word, page), "{lang}: {word} on {page}");
        for typo in typos {
            if typo == word {
                continue;
            }
            let (found, bytes) = near(&out, lang, typo);
            assert!(
                found.iter().any(|f| f == word),
                "{lang}: `{typo}` does not lead to `{word}` (found {found:?})"
            );
            // The lexicon files a typo reads stay small.
            assert!(
                bytes < 20_000,
                "{lang}: `{typo}` reads {bytes} bytes of lexicon"
            );
        }
    }
    // Two edits are not one.
    assert!(near(&out, "en", "xhiagn").0.iter().all(|f| f != "chiang"));
}
