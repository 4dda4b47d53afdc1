//! Content is untrusted: nothing in it may reach a terminal or a CI log as a command or as a
//! line of its own, put a character XML or HTML forbid into the output, or make a check or a
//! renderer take more than linear time.

use crate::support::*;

/// The tiny fixture without its one warning (Phuket's missing English narrative).
fn clean_tiny() -> Site {
    let site = Site::fixture("tiny");
    site.write("content/provinces/phuket.en.md", "Phuket's narrative.\n");
    site
}

/// A report printed from hostile content: no character a terminal acts on, and no line that
/// content started (a workflow command, or a `file:line:column: error:` line a problem
/// matcher would pick up).
fn assert_inert(report: &str) {
    for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{7f}', '\u{202e}', '\r'] {
        assert!(
            !report.contains(bad),
            "U+{:04X} printed raw in:\n{report}",
            bad as u32
        );
    }
    for line in report.lines() {
        assert!(
            !line.starts_with("::") && !line.starts_with("fake.md"),
            "content started the line {line:?} in:\n{report}"
        );
    }
}

#[test]
fn escape_characters_and_line_breaks_from_content_are_printed_visibly_on_one_line() {
    let site = clean_tiny();
    // A value read through YAML escapes, printed in a message.
    site.edit(
        "content/site.yaml",
        "base_url: https://example.org/",
        "base_url: \"https://exa\\e[2Jm\\aple.org/\\n::error file=a::pwned\\u009b1m\\u202e\"",
    );
    // A file name holding ESC and line breaks, printed as a problem's place.
    let name = "content/provinces/x\n::stop-commands::tok\nfake.md:1:1: error: \u{1b}[32mb.yaml";
    site.write(name, &site.read("content/provinces/bangkok.yaml"));
    // A content line holding ESC, printed under its own control-character error.
    site.write(
        "content/pages/about.en.md",
        "Bad \u{1b}[2J\u{1b}[32m line\n",
    );
    for lang in ["en_US.UTF-8", "th_TH.UTF-8"] {
        let run = site.run_in(lang, &["check"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert_inert(&run.stderr);
        assert_inert(&run.stdout);
        assert!(
            run.stderr.contains(
                "content/provinces/x\\u{a}::stop-commands::tok\\u{a}fake.md:1:1: error: \\u{1b}[32mb.yaml"
            ),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("1 | Bad \\u{1b}[2J\\u{1b}[32m line\n"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(
                "exa\\u{1b}[2Jm\\u{7}ple.org/\\u{a}::error file=a::pwned\\u{9b}1m\\u{202e}"
            ),
            "{}",
            run.stderr
        );
    }
    let english = site.run(&["check"]).stderr;
    assert!(
        english.contains(
            "content/pages/about.en.md:1:5: error: this line holds an invisible control character (U+001B)\n  |\n1 | Bad \\u{1b}[2J\\u{1b}[32m line\n  |     ^^^^^^\n"
        ),
        "{english}"
    );
    // The JSON report escapes what JSON allows raw (DEL, C1 controls, bidirectional controls)
    // and still reads back as the same values.
    let run = site.run(&["check", "--format", "json"]);
    assert_inert(&run.stdout);
    let items: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let files: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert!(files.contains(&name), "{files:?}");
    assert!(
        items
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("\u{9b}1m\u{202e}")),
        "{}",
        run.stdout
    );
}

/// The deploy examples' Content-Security-Policy runs scripts from the site's own files only:
/// no page may hold a script written into it (it would be blocked, and printing would leave
/// the closed disclosures closed), an event handler attribute or a `javascript:` address.
/// The print helper is a file under /assets/ that every page loads.
#[test]
fn every_script_on_every_page_is_a_file_the_content_security_policy_allows() {
    let site = clean_tiny();
    site.build_ok();
    let netlify = std::fs::read_to_string(repo_root().join("docs/deploy/netlify.toml")).unwrap();
    let script_src: Vec<&str> = netlify
        .split(['"', ';'])
        .map(str::trim)
        .filter(|d| d.starts_with("script-src"))
        .collect();
    assert_eq!(script_src, ["script-src 'self'"]);
    let files = tree(&site.out());
    let mut pages = 0;
    for (name, bytes) in &files {
        if !name.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8_lossy(bytes);
        let mut scripts = 0;
        for (at, _) in html.match_indices("<script") {
            let tag = &html[at..at + html[at..].find('>').unwrap()];
            if tag.contains("type=\"application/ld+json\"") {
                // Data, not script: browsers never run it.
                continue;
            }
            let src = tag
                .split_once(" src=\"")
                .and_then(|(_, rest)| rest.split_once('"'))
                .map(|(src, _)| src)
                .unwrap_or_else(|| panic!("{name}: a script written into the page: {tag}"));
            let file = src.strip_prefix('/').unwrap_or(src);
            assert!(
                file.starts_with("assets/") && files.contains_key(file),
                "{name}: the script {src} is not one of the site's files"
            );
            assert!(
                html[at..].starts_with(&format!("{tag}></script>")),
                "{name}: {tag}"
            );
            scripts += 1;
        }
        let lower = html.to_lowercase();
        assert!(!lower.contains("javascript:"), "{name}");
        for (at, _) in lower.match_indices(" on") {
            let word: String = lower[at + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            let after = &lower[at + 1 + word.len()..];
            assert!(
                !(after.starts_with('=') && word.len() > 2),
                "{name}: an event handler attribute `{word}`"
            );
        }
        if name != "404.html" {
            assert!(html.contains(PRINT_SCRIPT), "{name}: no print helper");
            assert!(scripts >= 1, "{name}");
        }
    }
    assert!(pages > 10, "{pages} pages");
    let print = String::from_utf8_lossy(&files["assets/print.js"]);
    assert!(
        print.contains("addEventListener(\"beforeprint\"") && print.contains("afterprint"),
        "{print}"
    );
}
