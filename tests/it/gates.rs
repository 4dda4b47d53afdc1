//! Quality gates over the whole built bundled site, the checks an accessibility auditor and a
//! web team would run before publishing: every internal link and asset resolves (at the domain
//! root and under a sub-path), two clean builds are byte-identical, axe-core finds no WCAG 2.1
//! A/AA violation in real Chromium, and the Nu HTML Checker finds no error.
//!
//! The browser and HTML checks need Chromium, a Java runtime and the npm packages of
//! `package-lock.json` (`.ci/run` installs them). They are `#[ignore]`d, so `cargo test` on a
//! fresh clone says plainly that they did not run (rather than passing without running);
//! `.ci/run` runs them with `--include-ignored`, and there a missing tool is a failure.

use crate::support::{self, Site};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, MutexGuard};

// ---------------------------------------------------------------------------------------------
// A small HTML attribute scanner: enough to find every href/src/id in well-formed generated
// markup without an HTML parser dependency.

/// One start tag: its lower-case name and its attributes (names lower-case, values with the
/// common character references decoded).
#[derive(Debug)]
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn decode_entities(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every start tag in `html`, skipping comments and the contents of script and style elements.
fn start_tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        if i + 1 >= b.len() || !b[i + 1].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        // Tag name.
        let mut j = i + 1;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
            j += 1;
        }
        let name = html[i + 1..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        // Attributes until '>'.
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                j += 1;
                break;
            }
            let ns = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/')
            {
                j += 1;
            }
            let aname = html[ns..j].to_ascii_lowercase();
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let vs = j + 1;
                    j = vs;
                    while j < b.len() && b[j] != q {
                        j += 1;
                    }
                    value = decode_entities(&html[vs..j.min(b.len())]);
                    j += 1;
                } else {
                    let vs = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = decode_entities(&html[vs..j]);
                }
            }
            if !aname.is_empty() {
                attrs.push((aname, value));
            }
        }
        i = j;
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i = html[i.min(b.len())..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(b.len(), |e| i + e);
        }
        tags.push(Tag { name, attrs });
    }
    tags
}

#[test]
fn scanner_reads_quoted_unquoted_and_entity_attributes() {
    let tags = start_tags(
        "<!-- <a href=\"/no\"> --><p id=top class=x><a href='/a?x=1&amp;y=2#f'>a</a>\
         <script>let s = '<img src=\"/no.png\">';</script><img alt=\"\" src=/i.png>",
    );
    let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["p", "a", "script", "img"]);
    assert_eq!(tags[0].attr("id"), Some("top"));
    assert_eq!(tags[1].attr("href"), Some("/a?x=1&y=2#f"));
    assert_eq!(tags[3].attr("src"), Some("/i.png"));
    assert_eq!(tags[3].attr("alt"), Some(""));
}

// ---------------------------------------------------------------------------------------------
// Links.

/// Decode %XX escapes in a URL path (slugs may be non-ASCII).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Ok(v) = u8::from_str_radix(&String::from_utf8_lossy(&b[i + 1..i + 3]), 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The site path ("/en/faq/") a built file is served at.
fn site_path(out: &Path, file: &Path) -> String {
    let rel = file
        .strip_prefix(out)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    let rel = format!("/{rel}");
    match rel.strip_suffix("index.html") {
        Some(folder) => folder.to_string(),
        None => rel,
    }
}

/// Resolve `.` and `..` segments of an absolute path.
fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut p = format!("/{}", parts.join("/"));
    if path.ends_with('/') && p != "/" {
        p.push('/');
    }
    p
}

/// Every `id` (and `<a name>`) in each built HTML page, by site path.
fn ids_by_page(
    out: &Path,
    pages: &BTreeMap<PathBuf, String>,
) -> BTreeMap<String, BTreeSet<String>> {
    pages
        .iter()
        .map(|(file, html)| {
            let ids = start_tags(html)
                .iter()
                .flat_map(|t| {
                    let mut v = Vec::new();
                    if let Some(id) = t.attr("id") {
                        v.push(id.to_string());
                    }
                    if t.name == "a"
                        && let Some(n) = t.attr("name")
                    {
                        v.push(n.to_string());
                    }
                    v
                })
                .collect();
            (site_path(out, file), ids)
        })
        .collect()
}

fn html_files(out: &Path) -> BTreeMap<PathBuf, String> {
    walkdir::WalkDir::new(out)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap();
            (e.path().to_path_buf(), text)
        })
        .collect()
}

/// Check every internal href/src in every page of `out`, built for `base_url` (which ends in
/// '/'). Returns one line per broken reference.
fn broken_links(out: &Path, base_url: &str) -> (usize, Vec<String>) {
    let base_path = {
        let after_scheme = base_url.split_once("://").map_or(base_url, |(_, r)| r);
        after_scheme
            .find('/')
            .map_or("/".to_string(), |i| after_scheme[i..].to_string())
    };
    let pages = html_files(out);
    assert!(!pages.is_empty(), "no HTML pages in {}", out.display());
    let ids = ids_by_page(out, &pages);
    let mut checked = 0;
    let mut problems = Vec::new();
    for (file, html) in &pages {
        let here = site_path(out, file);
        // The 404 page is served at any address, so its links must not be relative.
        let is_404 = here == "/404.html";
        for tag in start_tags(html) {
            for attr in ["href", "src", "content"] {
                let Some(raw) = tag.attr(attr) else { continue };
                let raw = raw.trim();
                // `content` (Open Graph images and addresses) only when it is one of the site's.
                if attr == "content" && !raw.starts_with(base_url) {
                    continue;
                }
                let on = format!("{here}: <{} {attr}=\"{raw}\">", tag.name);
                // Which references are internal, as a path from the host root.
                let url_path = if let Some(rest) = raw.strip_prefix(base_url) {
                    format!("{base_path}{rest}")
                } else if raw.starts_with("//")
                    || raw.contains("://")
                    || raw.starts_with("mailto:")
                    || raw.starts_with("tel:")
                    || raw.starts_with("data:")
                {
                    continue;
                } else if raw.starts_with('/') {
                    raw.to_string()
                } else if raw.starts_with('#') {
                    format!("{base_path}{}{raw}", here.trim_start_matches('/'))
                } else {
                    if is_404 {
                        problems.push(format!("{on}: relative link on the 404 page"));
                    }
                    let dir = &here[..here.rfind('/').unwrap() + 1];
                    format!("{base_path}{}{raw}", dir.trim_start_matches('/'))
                };
                checked += 1;
                let (no_query, fragment) = match url_path.split_once('#') {
                    Some((p, f)) => (p.to_string(), Some(percent_decode(f))),
                    None => (url_path.clone(), None),
                };
                let path_part = no_query.split('?').next().unwrap_or_default();
                let Some(in_site) = path_part.strip_prefix(&base_path) else {
                    problems.push(format!("{on}: outside the site's base path {base_path}"));
                    continue;
                };
                let target_path = normalise(&format!("/{}", percent_decode(in_site)));
                let mut target = out.join(target_path.trim_start_matches('/'));
                if target.is_dir() {
                    if !target_path.ends_with('/') {
                        problems.push(format!("{on}: folder address without a trailing '/'"));
                    }
                    target = target.join("index.html");
                }
                if !target.is_file() {
                    problems.push(format!("{on}: no such file {}", target.display()));
                    continue;
                }
                if let Some(frag) = fragment.filter(|f| !f.is_empty()) {
                    let key = site_path(out, &target);
                    match ids.get(&key) {
                        Some(set) if set.contains(&frag) => {}
                        Some(_) => problems.push(format!("{on}: no id=\"{frag}\" in {key}")),
                        None => problems.push(format!("{on}: fragment on a non-HTML file")),
                    }
                }
            }
        }
    }
    (checked, problems)
}

/// Addresses of the site (starting with `base_url`) written in its XML and text files (sitemap,
/// feeds, robots.txt) that name no built file.
fn broken_addresses_in_xml_and_text(out: &Path, base_url: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(out).sort_by_file_name() {
        let entry = entry.unwrap();
        let is_text = entry
            .path()
            .extension()
            .is_some_and(|x| x == "xml" || x == "txt");
        if !entry.file_type().is_file() || !is_text {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let name = entry
            .path()
            .strip_prefix(out)
            .unwrap()
            .display()
            .to_string();
        for (at, _) in text.match_indices(base_url) {
            let rest = &text[at + base_url.len()..];
            let end = rest
                .find(|c: char| c.is_whitespace() || matches!(c, '<' | '"' | '\'' | '#' | '?'))
                .unwrap_or(rest.len());
            let rel = decode_entities(&percent_decode(&rest[..end]));
            let mut target = out.join(&rel);
            if target.is_dir() {
                target = target.join("index.html");
            }
            if !target.is_file() {
                problems.push(format!("{name}: {base_url}{rel}: no such file"));
            }
        }
    }
    problems
}

fn assert_links_resolve(site: &Site, base_url: &str) {
    // The bundled site has hundreds of pages each with navigation; a tiny count means the
    // scanner broke.
    assert_links_resolve_at_least(site, base_url, 1000);
}

fn assert_links_resolve_at_least(site: &Site, base_url: &str, at_least: usize) {
    let (checked, mut problems) = broken_links(&site.out(), base_url);
    problems.extend(broken_addresses_in_xml_and_text(&site.out(), base_url));
    assert!(
        problems.is_empty(),
        "{} broken internal reference(s) (base {base_url}):\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(
        checked > at_least,
        "only {checked} internal references checked"
    );
}

#[test]
fn every_internal_link_resolves_at_the_domain_root() {
    let site = Site::bundled();
    site.build_ok();
    assert_links_resolve(&site, "https://example.org/");
}

#[test]
fn every_internal_link_resolves_under_a_sub_path() {
    let site = Site::bundled();
    let run = site.run(&["build", "--base-url", "https://example.org/report/"]);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    assert_links_resolve(&site, "https://example.org/report/");
    // And nothing points at the domain root any more.
    let home = site.output("index.html");
    assert!(
        home.contains("href=\"/report/"),
        "links are not under /report/"
    );
}

/// The example sites of `examples/`, each with the least number of internal references its
/// link check must see (fewer means the scanner or the build broke).
const EXAMPLES: [(&str, usize); 1] = [("lamphun-districts", 400)];

#[test]
fn every_internal_link_resolves_in_the_examples() {
    for (name, at_least) in EXAMPLES {
        let site = Site::example(name);
        site.build_ok();
        assert_links_resolve_at_least(&site, "https://example.org/", at_least);
        let site = Site::example(name);
        let run = site.run(&["build", "--base-url", "https://example.org/report/"]);
        assert_eq!(run.code, 0, "{name}: build failed:\n{}", run.stderr);
        assert_links_resolve_at_least(&site, "https://example.org/report/", at_least);
    }
}

#[test]
fn the_link_checker_finds_a_broken_link_and_a_missing_fragment() {
    let site = Site::bundled();
    site.build_ok();
    let faq = site.out().join("en/faq/index.html");
    let html = std::fs::read_to_string(&faq).unwrap();
    let html = html.replacen(
        "</main>",
        "<a href=\"/en/nowhere/\">x</a><a href=\"/en/#no-such-id\">y</a><a href=\"#q1\">z</a></main>",
        1,
    );
    std::fs::write(&faq, html).unwrap();
    let (_, problems) = broken_links(&site.out(), "https://example.org/");
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].contains("/en/nowhere/") && problems[0].contains("no such file"));
    assert!(problems[1].contains("no id=\"no-such-id\""));

    std::fs::write(
        site.out().join("test-sitemap.xml"),
        "<urlset><url><loc>https://example.org/en/faq/</loc></url>\
         <url><loc>https://example.org/en/gone/</loc></url></urlset>",
    )
    .unwrap();
    let problems = broken_addresses_in_xml_and_text(&site.out(), "https://example.org/");
    assert_eq!(
        problems,
        ["test-sitemap.xml: https://example.org/en/gone/: no such file"]
    );
}

// ---------------------------------------------------------------------------------------------
// Reproducibility.

/// Build with this many threads, in this time zone and locale.
fn build_in(site: &Site, threads: &str, tz: &str, lang: &str) {
    let run = site.run_with_env(
        &["build"],
        &[
            ("RAYON_NUM_THREADS", threads),
            ("TZ", tz),
            ("LANG", lang),
            ("LC_ALL", lang),
        ],
    );
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
}

#[test]
fn two_clean_builds_are_byte_identical() {
    // Different thread counts, time zones and locales must not change a byte.
    let a = Site::bundled();
    let b = Site::bundled();
    build_in(&a, "1", "UTC", "C");
    build_in(&b, "7", "Asia/Bangkok", "th_TH.UTF-8");
    let ta = support::tree(&a.out());
    let tb = support::tree(&b.out());
    let names_a: Vec<&String> = ta.keys().collect();
    let names_b: Vec<&String> = tb.keys().collect();
    assert_eq!(names_a, names_b, "the two builds wrote different files");
    let differing: Vec<&String> = ta
        .iter()
        .filter(|(k, v)| tb[*k] != **v)
        .map(|(k, _)| k)
        .collect();
    assert!(
        differing.is_empty(),
        "files differ between two clean builds: {differing:?}"
    );
    assert!(ta.len() > 100, "only {} files built", ta.len());
}

#[test]
fn two_clean_builds_of_the_examples_are_byte_identical() {
    for (name, _) in EXAMPLES {
        let a = Site::example(name);
        let b = Site::example(name);
        build_in(&a, "1", "UTC", "C");
        build_in(&b, "7", "Asia/Bangkok", "th_TH.UTF-8");
        assert_eq!(
            support::tree(&a.out()),
            support::tree(&b.out()),
            "{name}: two clean builds differ"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Browser and HTML checks (external tools).

/// The browser and Java checks run one at a time: Lighthouse's performance score is made from
/// the measured CPU time of the page's work, so a check of the same test run sharing the CPU
/// would lower it.
static ONE_TOOL_AT_A_TIME: Mutex<()> = Mutex::new(());

fn one_tool_at_a_time() -> MutexGuard<'static, ()> {
    ONE_TOOL_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Fail with what is missing (an ignored test runs only when asked for, so a missing tool is
/// an error, never a silent pass).
fn require(test: &str, needs: &[(&str, bool)]) {
    let absent: Vec<&str> = needs
        .iter()
        .filter(|(_, ok)| !ok)
        .map(|(n, _)| *n)
        .collect();
    assert!(
        absent.is_empty(),
        "{test}: {} missing: run .ci/run, or install them and `npm ci`",
        absent.join(", ")
    );
}

fn on_path(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

/// Fail unless the axe script's tools are there.
fn axe_ready() {
    let modules = support::repo_root().join("node_modules");
    let browser = format!("Chromium ({})", chromium().display());
    require(
        "axe (accessibility)",
        &[
            ("node", on_path("node")),
            (browser.as_str(), chromium().is_file()),
            ("node_modules/axe-core", modules.join("axe-core").is_dir()),
            (
                "node_modules/playwright-core",
                modules.join("playwright-core").is_dir(),
            ),
        ],
    );
}

/// Run one of `tests/browser/*.mjs` on a built folder with Chromium, one browser tool at a
/// time: (exit success, everything it printed).
fn run_browser_script(
    script: &str,
    dir: &Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> (bool, String) {
    let _turn = one_tool_at_a_time();
    let out = Command::new("node")
        .arg(support::repo_root().join("tests/browser").join(script))
        .arg(dir)
        .args(args)
        .env("CHROMIUM", chromium())
        .envs(env.iter().copied())
        .output()
        .expect("run node");
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// Run `tests/browser/axe.mjs` on a built folder: (exit success, everything it printed).
fn run_axe(dir: &Path) -> (bool, String) {
    // The search pages with results shown, in both languages, besides one page of each kind.
    let searches: Vec<&str> = [
        "/search/?q=%E0%B8%90%E0%B8%B2%E0%B8%99%E0%B8%A3%E0%B8%B2%E0%B8%81",
        "/en/search/?q=chiang%20mai",
    ]
    .into_iter()
    .filter(|p| {
        dir.join(&p[1..p.find('?').unwrap_or(0)])
            .join("index.html")
            .is_file()
    })
    .collect();
    run_browser_script("axe.mjs", dir, &searches, &[])
}

/// How many pages the axe script says it looked at.
fn axe_pages(text: &str) -> usize {
    text.lines()
        .find_map(|l| l.strip_prefix("axe: ")?.split(' ').next()?.parse().ok())
        .unwrap_or_else(|| panic!("no summary line in the axe output:\n{text}"))
}

#[test]
#[ignore = "needs Chromium, Node and the npm packages: run by .ci/run"]
fn axe_finds_no_wcag_violation_in_chromium() {
    axe_ready();
    let site = Site::bundled();
    site.build_ok();
    let (ok, text) = run_axe(&site.out());
    assert!(ok, "axe found problems:\n{text}");
    // The script must really have looked at pages: one of every kind in both languages.
    let pages = axe_pages(&text);
    assert!(pages >= 20, "axe looked at only {pages} pages:\n{text}");
    assert!(
        text.contains(" 0 problem(s)"),
        "unexpected axe output:\n{text}"
    );
}

/// Issue 14: in Chromium, queries typed with the keyboard in Thai and English (and in Thai
/// without `Intl.Segmenter`, and with a typo anywhere in a word) give the right first result,
/// announced and highlighted; and the search pages as the browser then holds them, results
/// shown, pass the Nu HTML Checker.
#[test]
#[ignore = "needs Chromium, Java, Node and the npm packages: run by .ci/run"]
fn search_finds_the_right_page_first_in_chromium() {
    axe_ready();
    vnu_ready();
    let site = Site::bundled();
    site.build_ok();
    let saved = tempfile::tempdir().unwrap();
    let saved_path = saved.path().to_str().expect("a UTF-8 temporary folder");
    let (ok, text) = run_browser_script("search.mjs", &site.out(), &["--save", saved_path], &[]);
    assert!(ok, "search in Chromium failed:\n{text}");
    assert!(
        text.contains(": 0 failure(s)"),
        "unexpected output:\n{text}"
    );
    for lang in ["th", "en"] {
        let page = saved.path().join(format!("{lang}-results.html"));
        let html = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{lang}: {e}"));
        assert!(
            html.contains("<ol id=\"search-results\" class=\"search-results\"><li>"),
            "{lang}: the saved page shows results"
        );
    }
    let errors = vnu_errors(saved.path());
    assert!(
        errors.is_empty(),
        "{} HTML error(s) on the search pages with results:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

#[test]
#[ignore = "needs Chromium, Node and the npm packages: run by .ci/run"]
fn axe_finds_no_wcag_violation_in_the_examples() {
    axe_ready();
    for (name, _) in EXAMPLES {
        let site = Site::example(name);
        site.build_ok();
        let (ok, text) = run_axe(&site.out());
        assert!(ok, "{name}: axe found problems:\n{text}");
        // One page of every kind the example has, in both languages: 19 for the Lamphun
        // example, which has fewer kinds of page than the bundled site.
        let pages = axe_pages(&text);
        assert!(
            pages >= 19,
            "{name}: axe looked at only {pages} pages:\n{text}"
        );
        assert!(
            text.contains(" 0 problem(s)"),
            "{name}: unexpected axe output:\n{text}"
        );
    }
}

#[test]
#[ignore = "needs Chromium, Node and the npm packages: run by .ci/run"]
fn axe_script_reports_a_violation_and_sideways_scrolling() {
    axe_ready();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!DOCTYPE html><html><head><title>t</title><meta name=viewport \
         content=\"width=device-width\"></head><body><main><h1>t</h1>\
         <img src=\"a.png\"><div style=\"width:900px\">wide</div></main></body></html>",
    )
    .unwrap();
    let (ok, text) = run_axe(dir.path());
    assert!(
        !ok,
        "axe passed a page with no lang and an image without alt:\n{text}"
    );
    assert!(text.contains("html-has-lang"), "{text}");
    assert!(text.contains("image-alt"), "{text}");
    assert!(text.contains("scrolls sideways"), "{text}");
}

fn vnu_jar() -> PathBuf {
    support::repo_root().join("node_modules/vnu-jar/build/dist/vnu.jar")
}

/// Fail unless the Nu HTML Checker's tools are there.
fn vnu_ready() {
    require(
        "vnu (HTML validity)",
        &[
            ("Java (java)", on_path("java")),
            ("node_modules/vnu-jar", vnu_jar().is_file()),
        ],
    );
}

/// Every error and warning the Nu HTML Checker reports for the HTML files under `dir`.
fn vnu_errors(dir: &Path) -> Vec<String> {
    let _turn = one_tool_at_a_time();

    let out = Command::new("java")
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--errors-only", "--format", "json", "--skip-non-html"])
        .arg(dir)
        .output()
        .expect("run java");
    let report = String::from_utf8_lossy(&out.stderr);
    let json: serde_json::Value = serde_json::from_str(&report)
        .unwrap_or_else(|e| panic!("vnu printed no JSON report ({e}):\n{report}"));
    let messages = json["messages"].as_array().expect("messages array");
    let dir_url = format!("file:{}", dir.display());
    let errors: Vec<String> = messages
        .iter()
        .filter(|m| m["type"] != "info")
        .map(|m| {
            let url = m["url"].as_str().unwrap_or("?");
            format!(
                "{}:{}:{}: {}\n    {}",
                url.strip_prefix(&dir_url).unwrap_or(url),
                m["lastLine"],
                m["firstColumn"],
                m["message"].as_str().unwrap_or("?"),
                m["extract"].as_str().unwrap_or("").replace('\n', " ")
            )
        })
        .collect();
    assert_eq!(
        out.status.success(),
        errors.is_empty(),
        "vnu's exit status disagrees with its report:\n{report}"
    );
    errors
}

#[test]
#[ignore = "needs Java and the npm packages: run by .ci/run"]
fn nu_html_checker_finds_no_error() {
    vnu_ready();
    let site = Site::bundled();
    site.build_ok();
    let errors = vnu_errors(&site.out());
    assert!(
        errors.is_empty(),
        "{} HTML error(s):\n{}",
        errors.len(),
        errors.join("\n")
    );
}

#[test]
#[ignore = "needs Java and the npm packages: run by .ci/run"]
fn nu_html_checker_finds_no_error_in_the_examples() {
    vnu_ready();
    for (name, _) in EXAMPLES {
        let site = Site::example(name);
        site.build_ok();
        let errors = vnu_errors(&site.out());
        assert!(
            errors.is_empty(),
            "{name}: {} HTML error(s):\n{}",
            errors.len(),
            errors.join("\n")
        );
    }
}

#[test]
#[ignore = "needs Java and the npm packages: run by .ci/run"]
fn nu_html_checker_reports_an_error() {
    vnu_ready();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.html"),
        "<!DOCTYPE html><html lang=en><head><title>t</title></head><body>\
         <p id=a>x</p><p id=a>y</p></body></html>",
    )
    .unwrap();
    let errors = vnu_errors(dir.path());
    assert!(
        errors
            .iter()
            .any(|e| e.contains("/bad.html:1:") && e.contains("Duplicate ID")),
        "{errors:#?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Lighthouse (issue 13): a steady, fast page on a phone.

/// Fail unless the Lighthouse script's tools are there.
fn lighthouse_ready() {
    axe_ready();
    let modules = support::repo_root().join("node_modules");
    require(
        "Lighthouse",
        &[(
            "node_modules/lighthouse",
            modules.join("lighthouse").is_dir(),
        )],
    );
}

/// Run `tests/browser/lighthouse.mjs` on a built folder, measuring a page whose performance
/// score falls short at most `runs` times in all (its best performance score counts, each retry
/// with the CPU slowdown calibrated to the host's measured speed; the other categories and
/// the layout shift must hold in every run): (exit success, everything it printed).
fn run_lighthouse(dir: &Path, runs: &str, args: &[&str]) -> (bool, String) {
    run_browser_script("lighthouse.mjs", dir, args, &[("LIGHTHOUSE_RUNS", runs)])
}

/// Lighthouse (mobile) on one page of every kind, the languages taken in turn: each of the
/// four categories scores 95 or more and the layout shifts by less than 0.05.
#[test]
#[ignore = "needs Chromium and npm tools; run by .ci/run"]
fn lighthouse_scores_95_and_the_page_stays_still_on_every_page_kind() {
    lighthouse_ready();
    let site = Site::bundled();
    site.build_ok();
    let (ok, text) = run_lighthouse(&site.out(), "3", &["--one-language"]);
    assert!(ok, "Lighthouse found problems:\n{text}");
    let pages: usize = text
        .lines()
        .find_map(|l| {
            l.strip_prefix("lighthouse: ")?
                .split(' ')
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or_else(|| panic!("no summary line in the Lighthouse output:\n{text}"));
    // home, areas, area, faq, data, status, page, search, updates, 404.
    assert!(
        pages >= 10,
        "Lighthouse looked at only {pages} pages:\n{text}"
    );
    for lang in [" th ", " en "] {
        assert!(text.contains(lang), "no page in{lang}:\n{text}");
    }
    assert!(text.contains(": 0 problem(s)"), "{text}");
}

/// The gate fails a page that moves: a site whose theme override (its own `static/style.css`,
/// the built-in one plus an animation) drops the page's content down a screen in eight steps,
/// one every half second from 1 s to 4.5 s. A CSS animation's clock starts when the style is
/// first computed, not when the page is first painted: a single jump at 0.5 s was painted
/// already done on a loaded CI machine whose first paint came later (CLS 0.000). With eight
/// steps some always come after the first paint and inside the trace, each moving the content
/// by 15% of the screen (a shift of about 0.15, above both the gate's 0.05 and the 0.1 where
/// the audit fails), so one run is enough; the message names the layout shift and the audit.
#[test]
#[ignore = "needs Chromium and npm tools; run by .ci/run"]
fn lighthouse_script_fails_a_page_whose_layout_shifts() {
    lighthouse_ready();
    let site = Site::fixture("tiny");
    let css = std::fs::read_to_string(support::repo_root().join("themes/default/static/style.css"))
        .unwrap();
    site.write(
        "themes/default/static/style.css",
        &format!(
            "{css}\n/* A deliberate regression: the page jumps down after it is shown. */\n\
             main {{ animation: tanrak-jump 4s 0.5s both steps(8, end); }}\n\
             @keyframes tanrak-jump {{ from {{ margin-top: 0; }} to {{ margin-top: 120vh; }} }}\n"
        ),
    );
    site.build_ok();
    let (ok, text) = run_lighthouse(&site.out(), "1", &["/en/"]);
    assert!(!ok, "Lighthouse passed a page whose layout shifts:\n{text}");
    assert!(
        text.contains("/en/: below 95 or layout shift ≥ 0.05"),
        "{text}"
    );
    let shift: f64 = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("layout shift: "))
        .and_then(|l| l.split(',').next()?.parse().ok())
        .unwrap_or_else(|| panic!("no layout shift line:\n{text}"));
    assert!(shift >= 0.05, "{text}");
    assert!(
        text.contains("performance: cumulative-layout-shift ("),
        "{text}"
    );
    assert!(text.contains(": 1 problem(s)"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// Print (issue 13): an area page is a two-page A4 fact sheet.

/// Run `tests/browser/print.mjs` on a built folder: (exit success, everything it printed).
fn run_print(dir: &Path, args: &[&str]) -> (bool, String) {
    run_browser_script("print.mjs", dir, args, &[])
}

/// The three area pages with the most text in each language, of the bundled site and of each
/// example, print on at most `MAX_SHEETS` A4 pages: a two-page fact sheet (issue 13; four
/// before it, the first two mostly blank). In print the comparisons are one table and each
/// chart sits compact beside its table.
const MAX_SHEETS: &str = "2";

#[test]
#[ignore = "needs Chromium, Node and the npm packages: run by .ci/run"]
fn an_area_page_prints_on_few_a4_pages() {
    axe_ready();
    let mut sites = vec![("bundled", Site::bundled())];
    sites.extend(
        EXAMPLES
            .iter()
            .map(|(name, _)| (*name, Site::example(name))),
    );
    for (name, site) in sites {
        site.build_ok();
        let (ok, text) = run_print(&site.out(), &["--longest", "3", "--max-pages", MAX_SHEETS]);
        assert!(
            ok,
            "{name}: an area page prints on too many A4 pages:\n{text}"
        );
        assert!(
            text.contains("print: 6 area pages on A4")
                && text.contains(&format!(": 0 over {MAX_SHEETS} page(s)")),
            "{name}: unexpected output:\n{text}"
        );
    }
}

/// The print check fails a page that runs over, and counts its pages.
#[test]
#[ignore = "needs Chromium, Node and the npm packages: run by .ci/run"]
fn print_script_reports_a_page_over_two_sheets() {
    axe_ready();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        format!(
            "<!DOCTYPE html><html lang=en><head><title>t</title></head><body class=\"page-area\">\
             <main>{}</main></body></html>",
            "<p style=\"height:200mm\">tall</p>".repeat(4)
        ),
    )
    .unwrap();
    let (ok, text) = run_print(dir.path(), &[]);
    assert!(!ok, "a four-page print passed:\n{text}");
    // 800 mm of text: three or four sheets, whatever margins the browser takes.
    assert!(
        text.contains("/: 3 A4 page(s), more than 2") || text.contains("/: 4 A4 page(s)"),
        "{text}"
    );
    assert!(text.contains(": 1 over 2 page(s)"), "{text}");
}
