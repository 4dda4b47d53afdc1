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
        "base_url: \"https://exa\\nmple.org/\\n::error file=a::pwned\\u202e\"",
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
            run.stderr
                .contains("exa\\u{a}mple.org/\\u{a}::error file=a::pwned\\u{202e}"),
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
            .any(|d| d["message"].as_str().unwrap().contains("::pwned\u{202e}")),
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

/// The tiny site with its About page's English body replaced by `body`.
fn with_about(body: &str) -> Site {
    let site = clean_tiny();
    site.write(
        "content/pages/about.en.md",
        &format!(
            "---\ntitle: About\nsummary: About the test site\nupdated: 2026-11-19\n---\n{body}"
        ),
    );
    site
}

/// How long `tanrak <args>` takes on `site`, or `None` when it takes longer than `limit`
/// (the run is stopped then: a quadratic run at 100,000 elements would take many minutes).
fn timed(site: &Site, args: &[&str], limit: std::time::Duration) -> Option<std::time::Duration> {
    let start = std::time::Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tanrak"))
        .args(args)
        .arg("--root")
        .arg(site.root())
        .env("LANG", "en_US.UTF-8")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    loop {
        if child.try_wait().unwrap().is_some() {
            return Some(start.elapsed());
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Every check and renderer takes time linear in the input's size: a document with 100,000
/// of an element takes at most 30 times what one with 10,000 takes (linear time gives at
/// most 10 times, less with the fixed cost of loading the site; the square of the size
/// would give 100 times), measured in the same test on the same machine.
#[test]
fn checks_and_renderers_take_linear_time_in_the_inputs_size() {
    type Body = fn(usize) -> String;
    let cases: [(&str, &str, Body); 5] = [
        ("nested elements", "check", |n| {
            format!("{}x{}\n", "<div>".repeat(n), "</div>".repeat(n))
        }),
        ("links, one a line", "check", |n| "[a](/about/)\n".repeat(n)),
        ("links on one line", "check", |n| {
            format!("{}\n", "[a](/about/) ".repeat(n))
        }),
        ("links, one a line", "build", |n| "[a](/about/)\n".repeat(n)),
        ("a list inside raw HTML", "build", |n| {
            format!("<div class=\"x\">\n\n{}\n</div>\n", "- item\n".repeat(n))
        }),
    ];
    for (what, command, body) in cases {
        let small = with_about(&body(10_000));
        let large = with_about(&body(100_000));
        let hour = std::time::Duration::from_secs(3600);
        let base = timed(&small, &[command], hour).unwrap();
        let limit = base * 30;
        let took = timed(&large, &[command], limit);
        assert!(
            took.is_some(),
            "{command} of {what}: 10,000 took {base:?}, 100,000 took more than {limit:?}"
        );
    }
}

/// Raw HTML nested deeper than any report needs is an error at the tag that goes too deep
/// (the HTML parser would take time in the square of the nesting), in both languages.
#[test]
fn html_nested_deeper_than_a_hundred_levels_is_an_error_at_its_tag() {
    let site = with_about(&format!(
        "Intro.\n\n{}x{}\n",
        "<div>".repeat(101),
        "</div>".repeat(101)
    ));
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/pages/about.en.md:8:501: error: the HTML elements here are nested more than 100 deep\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "  help: close the elements you opened (`</div>`, `</span>`) before opening more, or write the part in Markdown; no page needs more than 100 levels\n"
        ),
        "{}",
        run.stderr
    );
    let thai = site.run_in("th_TH.UTF-8", &["check"]);
    assert!(
        thai.stderr.contains(
            "content/pages/about.en.md:8:501: ข้อผิดพลาด: แท็ก HTML ตรงนี้ซ้อนกันลึกเกิน 100 ชั้น\n"
        ),
        "{}",
        thai.stderr
    );
    assert!(
        thai.stderr.contains(
            "ให้ปิดแท็กที่เปิดไว้ (`</div>`, `</span>`) ก่อนเปิดแท็กใหม่ หรือเขียนส่วนนี้เป็น Markdown แทน ไม่มีหน้าใดต้องซ้อนลึกเกิน 100 ชั้น\n"
        ),
        "{}",
        thai.stderr
    );
    // Markdown's own nesting counts too (the sanitiser reads the HTML it makes).
    let site = with_about(&format!("{} deep\n", ">".repeat(150)));
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains(
            "content/pages/about.en.md:6:101: error: the HTML elements here are nested more than 100 deep\n"
        ),
        "{}",
        run.stderr
    );
    // A hundred levels, and lists and paragraphs whose end tags are left out, are fine.
    let site = with_about(&format!(
        "{}x{}\n\n<ul>{}</ul>\n",
        "<div>".repeat(100),
        "</div>".repeat(100),
        "<li><p>item".repeat(500)
    ));
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// A Markdown list in a document that also holds raw HTML keeps its `<ul>` (the sanitiser
/// allowed `<li>` and `<ol>` but not `<ul>`, and published bare list items).
#[test]
fn lists_in_documents_with_raw_html_keep_their_list_element() {
    let site = with_about(
        "<div class=\"note\">A note.</div>\n\n- first\n- second\n\n1. one\n2. two\n\n<ul><li>raw</li></ul>\n",
    );
    site.build_ok();
    let html = site.output("en/about/index.html");
    assert!(
        html.contains("<ul>\n<li>first</li>\n<li>second</li>\n</ul>"),
        "{html}"
    );
    assert!(
        html.contains("<ol>\n<li>one</li>\n<li>two</li>\n</ol>"),
        "{html}"
    );
    assert!(html.contains("<ul><li>raw</li></ul>"), "{html}");
    assert!(html.contains("<div class=\"note\">A note.</div>"), "{html}");
}

/// Characters XML and HTML forbid (controls, NUL, noncharacters such as U+FFFE and U+FFFF)
/// are errors where they are written, whether written as they are or as YAML escapes, in
/// both languages; a build with one writes nothing (no feed or page can carry it).
#[test]
fn characters_xml_forbids_are_errors_however_they_are_written() {
    let site = clean_tiny();
    site.edit(
        "content/site.yaml",
        "title: {th: เว็บทดสอบ, en: Test site}",
        "title: {th: \"เว็บ\\u0001ทดสอบ\", en: \"Test\\e[2J \\0 site\\uFFFE\"}",
    );
    site.edit(
        "content/site.yaml",
        "description: {th: เว็บไซต์ขนาดเล็กสำหรับการทดสอบ, en: A tiny site for tests}",
        "description:\n  en: A tiny site for tests\n  th: \"a\n    b\\U0010FFFF\\x7f\"",
    );
    site.write(
        "content/pages/about.en.md",
        "---\ntitle: \"About\\a\"\nsummary: About the test site\nupdated: 2026-11-19\n---\nRaw \u{ffff} and \u{fdd0}, fine: \u{fffd} \\e \"\\u0001\".\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let escape = |at: &str, escape: &str, code: &str, caret: &str| {
        format!(
            "content/site.yaml:{at}: error: the escape `{escape}` writes U+{code}, a control character or noncharacter that web pages and feeds may not contain\n{caret}"
        )
    };
    for expected in [
        escape("1:18", "\\u0001", "0001", ""),
        escape("1:41", "\\e", "001B", ""),
        escape("1:47", "\\0", "0000", ""),
        escape("1:54", "\\uFFFE", "FFFE", ""),
        escape("5:6", "\\U0010FFFF", "10FFFF", ""),
        escape("5:16", "\\x7f", "007F", ""),
        "content/pages/about.en.md:2:14: error: the escape `\\a` writes U+0007".into(),
        "content/pages/about.en.md:6:5: error: this line holds U+FFFF, which is not a character of any text: web pages and feeds may not contain it\n".into(),
        "content/pages/about.en.md:6:11: error: this line holds U+FDD0".into(),
        "  help: delete the escape; to break a line write `\\n`, for a tab `\\t`\n".into(),
        "  help: delete it (it comes from a broken conversion or copy): if you cannot see it, delete and retype the characters around this column\n".into(),
    ] {
        assert!(run.stderr.contains(&expected), "{expected}\n{}", run.stderr);
    }
    // Only these: `\e` and `"\u0001"` in Markdown text are just text, U+FFFD is a character.
    assert_eq!(run.stderr.matches(": error: ").count(), 9, "{}", run.stderr);
    let thai = site.run_in("th_TH.UTF-8", &["check"]).stderr;
    for expected in [
        "content/site.yaml:1:41: ข้อผิดพลาด: รหัสหลีก `\\e` เขียนอักขระ U+001B ซึ่งเป็นอักขระควบคุมหรือไม่ใช่อักขระ หน้าเว็บและฟีดต้องไม่มีอักขระนี้\n",
        "ให้ลบรหัสหลีกนี้ออก หากต้องการขึ้นบรรทัดใหม่ให้เขียน `\\n` หากต้องการแท็บให้เขียน `\\t`\n",
        "content/pages/about.en.md:6:5: ข้อผิดพลาด: บรรทัดนี้มี U+FFFF ซึ่งไม่ใช่อักขระของข้อความใด ๆ หน้าเว็บและฟีดต้องไม่มีอักขระนี้\n",
        "ให้ลบอักขระนี้ออก (มักเกิดจากการแปลงหรือคัดลอกแฟ้มที่ผิดพลาด) หากมองไม่เห็น ให้ลบตัวอักษรรอบ ๆ คอลัมน์นี้แล้วพิมพ์ใหม่\n",
    ] {
        assert!(thai.contains(expected), "{expected}\n{thai}");
    }
    let build = site.build();
    assert_eq!(build.code, 1, "{}", build.stderr);
    assert!(!site.out().join("feed.xml").exists() && !site.out().join("en/feed.xml").exists());
}

/// A Markdown or HTML character reference that writes a forbidden character is an error at
/// the reference, in both languages (the page would carry the character as it is).
#[test]
fn character_references_to_forbidden_characters_are_errors() {
    let site = with_about(
        "Ref &#1; and &#xFFFE; but &#xe01; and `&#1;` are fine.\n\n<span>raw &#x1b;</span>\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "content/pages/about.en.md:6:5: error: the character reference `&#1;` writes U+0001, a control character or noncharacter that web pages and feeds may not contain\n  |\n6 | Ref &#1; and &#xFFFE; but &#xe01; and `&#1;` are fine.\n  |     ^^^^\n  help: delete the reference\n",
        "content/pages/about.en.md:6:14: error: the character reference `&#xFFFE;` writes U+FFFE",
        "content/pages/about.en.md:8:11: error: the character reference `&#x1b;` writes U+001B",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    assert_eq!(run.stderr.matches(": error: ").count(), 3, "{}", run.stderr);
    let thai = site.run_in("th_TH.UTF-8", &["check"]).stderr;
    assert!(
        thai.contains("content/pages/about.en.md:6:5: ข้อผิดพลาด: การอ้างอิงอักขระ `&#1;` เขียนอักขระ U+0001 ซึ่งเป็นอักขระควบคุมหรือไม่ใช่อักขระ หน้าเว็บและฟีดต้องไม่มีอักขระนี้\n"),
        "{thai}"
    );
    assert!(thai.contains("ให้ลบการอ้างอิงอักขระนี้ออก\n"), "{thai}");
}
