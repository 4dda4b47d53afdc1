//! Building the tiny fixture and the bundled site, and looking at the pages.

use crate::support::*;

#[test]
fn tiny_site_builds_both_languages() {
    let site = Site::fixture("tiny");
    let run = site.build_ok();
    assert!(run.stdout.starts_with("built 15 pages"), "{}", run.stdout);
    for page in [
        "index.html",
        "provinces/index.html",
        "provinces/chiang-mai/index.html",
        "faq/index.html",
        "about/index.html",
        "404.html",
    ] {
        assert!(site.out().join(page).is_file(), "{page}");
        if page != "404.html" {
            assert!(site.out().join("en").join(page).is_file(), "en/{page}");
        }
    }
}
