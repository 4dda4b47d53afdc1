//! Issue 12: pages choose their place in the main menu (`menu`, `weight`, `menu_label`),
//! drafts are not published, `tanrak new update` starts a note, a theme can link any of its
//! files by its published address (`asset()`), and `check` renders the templates.

use crate::support::*;

/// The labels of the main menu on a built page, in order.
fn menu(html: &str) -> Vec<String> {
    let nav = html
        .split("<nav class=\"site-nav\"")
        .nth(1)
        .and_then(|rest| rest.split("</nav>").next())
        .expect("a main menu");
    nav.split("<li><a ")
        .skip(1)
        .map(|item| {
            let label = item.split('>').nth(1).unwrap_or("");
            label.split('<').next().unwrap_or("").to_string()
        })
        .collect()
}

fn page(site: &Site, name: &str, lang: &str, front: &str) {
    site.write(
        &format!("content/pages/{name}.{lang}.md"),
        &format!("---\n{front}updated: 2026-11-19\n---\nText of {name}.\n"),
    );
}

#[test]
fn pages_choose_whether_and_where_they_are_in_the_menu() {
    let site = Site::fixture("tiny");
    // about: weight 20, short label in Thai only.
    site.edit(
        "content/pages/about.th.md",
        "title: About th\n",
        "title: About th\nweight: 20\nmenu_label: เกี่ยวกับ\n",
    );
    site.edit(
        "content/pages/about.en.md",
        "title: About en\n",
        "title: About en\nweight: 20\n",
    );
    page(&site, "contact", "th", "title: Contact th\nweight: 10\n");
    page(&site, "contact", "en", "title: Contact en\nweight: 10\n");
    page(&site, "privacy", "th", "title: Privacy th\nmenu: false\n");
    page(&site, "privacy", "en", "title: Privacy en\nmenu: false\n");
    site.build_ok();
    let th = site.output("index.html");
    let labels = menu(&th);
    let n = labels.len();
    assert_eq!(
        labels[n - 3..],
        ["Contact th", "เกี่ยวกับ", labels[n - 1].as_str()],
        "{labels:?}"
    );
    assert!(!labels.iter().any(|l| l.contains("Privacy")), "{labels:?}");
    let en = menu(&site.output("en/index.html"));
    assert_eq!(en[en.len() - 3..en.len() - 1], ["Contact en", "About en"]);
    // Out of the menu is still published.
    assert!(
        site.output("privacy/index.html")
            .contains("Text of privacy.")
    );
}

#[test]
fn a_draft_is_published_in_neither_language() {
    let site = Site::fixture("tiny");
    page(&site, "plans", "th", "title: Plans th\ndraft: true\n");
    page(&site, "plans", "en", "title: Plans en\n");
    site.write(
        "content/updates/2026-11-20-coming.th.md",
        "---\ntitle: Coming th\ndate: 2026-11-20\ndraft: true\n---\nSoon.\n",
    );
    site.write(
        "content/updates/2026-11-20-coming.en.md",
        "---\ntitle: Coming en\ndate: 2026-11-20\ndraft: true\n---\nSoon.\n",
    );
    let run = site.build_ok();
    assert!(!run.stderr.contains("plans"), "{}", run.stderr);
    assert!(!site.out().join("plans").exists());
    assert!(!site.out().join("en/plans").exists());
    assert!(!menu(&site.output("index.html")).contains(&"Plans th".to_string()));
    let updates = site.output("updates/index.html");
    assert!(!updates.contains("Coming th"), "{updates}");
    assert!(!site.output("en/feed.xml").contains("Coming en"));
    // Once ready, it is published.
    site.edit("content/pages/plans.th.md", "draft: true\n", "");
    site.build_ok();
    assert!(site.output("plans/index.html").contains("Plans th"));
}

#[test]
fn new_update_starts_a_dated_draft_in_both_languages_that_check_names_until_it_is_ready() {
    let site = Site::fixture("tiny");
    site.write("content/provinces/phuket.en.md", "Phuket's narrative.\n");
    let run = site.run(&["new", "update", "new-figures"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let today = tanrak::scaffold::today().to_string();
    assert_eq!(
        run.stdout,
        format!(
            "wrote content/updates/{today}-new-figures.th.md\nwrote content/updates/{today}-new-figures.en.md\n"
        )
    );
    let en = site.read(&format!("content/updates/{today}-new-figures.en.md"));
    assert!(
        en.starts_with(&format!(
            "---\ntitle: \"new figures\"\ndate: {today}\ndraft: true\n---\n<!-- Change the title above"
        )),
        "{en}"
    );
    // A draft until its lines `draft: true` go: check says so, and the build leaves it out.
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(
        check.stderr,
        format!(
            "content/updates/{today}-new-figures.en.md: warning: this note is a draft (`draft: true`): it is checked but not published, in any language\n  help: when the title and the text are written in every language, remove the line `draft: true` from each language's file\n\ncheck: 0 errors, 1 warning\n"
        )
    );
    site.build_ok();
    assert!(!site.output("en/updates/index.html").contains("new figures"));
    for lang in ["th", "en"] {
        let rel = format!("content/updates/{today}-new-figures.{lang}.md");
        let text = site.read(&rel).replace("draft: true\n", "");
        site.write(&rel, &text);
    }
    let check = site.run(&["check"]);
    assert_eq!(check.stderr.trim(), "check: no problems found");
    site.build_ok();
    assert!(site.output("en/updates/index.html").contains("new figures"));
    // Never overwrites, and refuses a name that is no address.
    let again = site.run(&["new", "update", "new-figures"]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    let bad = site.run(&["new", "update", "New Figures"]);
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr
            .contains("the note name `New Figures` is not a valid address part"),
        "{}",
        bad.stderr
    );
}

/// The built-in `base.html` with a logo linked through `asset()`.
fn theme_with_logo(site: &Site, name: &str) {
    let base =
        std::fs::read_to_string(repo_root().join("themes/default/templates/base.html")).unwrap();
    let from = "<a class=\"brand\" href=\"{{ home_href }}\">";
    assert!(base.contains(from));
    let to =
        format!("{from}<img class=\"logo\" src=\"{{{{ asset(path=\"{name}\") }}}}\" alt=\"\">");
    site.write(
        "themes/default/templates/base.html",
        &base.replacen(from, &to, 1),
    );
    site.write(
        "themes/default/static/img/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"/>\n",
    );
}

#[test]
fn asset_gives_the_published_address_of_a_theme_file() {
    let site = Site::fixture("tiny");
    site.write("content/provinces/phuket.en.md", "Phuket's narrative.\n");
    theme_with_logo(&site, "img/logo.svg");
    site.run(&["build", "--base-url", "https://example.org/report/"]);
    let html = site.output("provinces/chiang-mai/index.html");
    let src = html
        .split("<img class=\"logo\" src=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("the logo");
    let published = src
        .strip_prefix("/report/assets/img/logo.")
        .and_then(|s| s.strip_suffix(".svg"))
        .unwrap_or_else(|| panic!("{src}"));
    assert_eq!(published.len(), 12, "{src}");
    let file = site.out().join(src.trim_start_matches("/report/"));
    assert!(file.is_file(), "{}", file.display());
}

#[test]
fn check_renders_the_templates_so_a_missing_theme_file_fails_it() {
    let site = Site::fixture("tiny");
    site.write("content/provinces/phuket.en.md", "Phuket's narrative.\n");
    theme_with_logo(&site, "img/logo.png");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error: template error: the theme has no file `static/img/logo.png` for asset(path=\"img/logo.png\")"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.out().exists());
}

#[test]
fn check_fails_on_an_undefined_template_variable_as_build_does() {
    let site = Site::fixture("tiny");
    site.write("content/provinces/phuket.en.md", "Phuket's narrative.\n");
    let page =
        std::fs::read_to_string(repo_root().join("themes/default/templates/page.html")).unwrap();
    site.write(
        "themes/default/templates/page.html",
        &page.replacen("{% block main %}", "{% block main %}{{ no_such_value }}", 1),
    );
    let check = site.run(&["check"]);
    let build = site.run(&["build"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert_eq!(build.code, 1, "{}", build.stderr);
    let first = |s: &str| {
        s.lines()
            .find(|l| l.contains(": error: "))
            .map(str::to_string)
    };
    assert!(
        first(&check.stderr).is_some_and(|l| l.contains("no_such_value")),
        "{}",
        check.stderr
    );
    assert_eq!(first(&check.stderr), first(&build.stderr));
}
