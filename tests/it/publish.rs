//! Publishing-grade output: sitemap, robots.txt, Atom feeds, link-preview and JSON-LD
//! metadata, fingerprinted assets, precompressed copies, sub-path hosting and page weight.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::support::*;

const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// Every `name="…"` attribute value in an HTML text, with `&amp;` decoded.
fn attributes(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let start = i + needle.len();
            let end = start + html[start..].find('"').expect("attribute is closed");
            html[start..end].replace("&amp;", "&")
        })
        .collect()
}

/// The `content` of `<meta property|name="key" content="…">` tags.
fn meta(html: &str, key: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attr in ["property", "name"] {
        let needle = format!("<meta {attr}=\"{key}\" content=\"");
        for (i, _) in html.match_indices(&needle) {
            let start = i + needle.len();
            let end = start + html[start..].find('"').unwrap();
            found.push(html[start..end].replace("&amp;", "&"));
        }
    }
    found
}

fn html_pages(out: &Path) -> Vec<String> {
    tree(out)
        .into_keys()
        .filter(|k| k.ends_with(".html"))
        .collect()
}

/// The file a path below the site root names (`en/faq/` → `en/faq/index.html`).
fn target(out: &Path, path: &str) -> PathBuf {
    let path = path.split(['#', '?']).next().unwrap();
    if path.is_empty() || path.ends_with('/') {
        out.join(path).join("index.html")
    } else {
        out.join(path)
    }
}

/// The address of a page file (`en/faq/index.html` → `https://example.org/en/faq/`).
fn address(base_url: &str, page: &str) -> String {
    format!(
        "{base_url}{}",
        page.strip_suffix("index.html").unwrap_or(page)
    )
}

fn json_ld(html: &str) -> serde_json::Value {
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).expect("page has JSON-LD") + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("JSON-LD parses")
}

#[test]
fn sitemap_lists_every_page_with_its_alternates_and_content_date() {
    let site = Site::fixture("tiny");
    site.build_ok();
    let out = site.out();
    let text = site.output("sitemap.xml");
    let doc = roxmltree::Document::parse(&text).expect("sitemap.xml parses");
    assert_eq!(doc.root_element().tag_name().namespace(), Some(SITEMAP));
    let urls: Vec<_> = doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((SITEMAP, "url")))
        .collect();
    let mut listed = BTreeSet::new();
    for url in &urls {
        let child = |name: &str| {
            url.children()
                .find(|n| n.has_tag_name((SITEMAP, name)))
                .and_then(|n| n.text())
                .unwrap_or_else(|| panic!("<url> without <{name}>"))
                .to_string()
        };
        let loc = child("loc");
        let rel = loc
            .strip_prefix("https://example.org/")
            .expect("absolute loc");
        let file = target(&out, rel);
        assert!(file.is_file(), "{loc} is not a page");
        assert!(listed.insert(loc.clone()), "{loc} listed twice");
        // lastmod is the date the page itself shows as its last change.
        let page = std::fs::read_to_string(&file).unwrap();
        let shown = page
            .split("<p class=\"updated\">")
            .nth(1)
            .expect("updated line");
        let lastmod = child("lastmod");
        assert!(
            shown.contains(&format!("datetime=\"{lastmod}\"")),
            "{loc}: lastmod {lastmod}"
        );
        let alternates: Vec<(String, String)> = url
            .children()
            .filter(|n| n.has_tag_name((XHTML, "link")))
            .map(|n| {
                (
                    n.attribute("hreflang").unwrap().to_string(),
                    n.attribute("href").unwrap().to_string(),
                )
            })
            .collect();
        let langs: Vec<&str> = alternates.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(langs, ["th", "en", "x-default"], "{loc}");
        assert!(
            alternates.iter().any(|(_, h)| *h == loc),
            "{loc} is one of its own alternates"
        );
        for (_, href) in &alternates {
            let rel = href.strip_prefix("https://example.org/").unwrap();
            assert!(
                target(&out, rel).is_file(),
                "{loc}: alternate {href} does not exist"
            );
        }
        let x_default = &alternates[2].1;
        assert!(
            !x_default.contains("/en/"),
            "x-default is the Thai page: {x_default}"
        );
    }
    // Every page but the 404 page is listed, in both languages.
    let pages: BTreeSet<String> = html_pages(&out)
        .into_iter()
        .filter(|p| p != "404.html")
        .map(|p| address("https://example.org/", &p))
        .collect();
    assert_eq!(listed, pages);
    assert!(listed.contains("https://example.org/en/updates/"));

    // The same content gives the same sitemap; its dates come from content, not the clock.
    let again = Site::fixture("tiny");
    again.build_ok();
    assert_eq!(again.output("sitemap.xml"), text);
}

#[test]
fn robots_allows_all_and_names_the_sitemap() {
    let site = Site::fixture("tiny");
    site.run(&["build", "--base-url", "https://example.org/report/"]);
    assert_eq!(
        site.output("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/report/sitemap.xml\n"
    );
}

#[test]
fn atom_feeds_list_dated_notes_newest_first() {
    let site = Site::fixture("tiny");
    site.build_ok();
    for (lang, feed, prefix, second_title) in [
        ("th", "feed.xml", "https://example.org/", "บันทึกที่สอง <ทดสอบ>"),
        (
            "en",
            "en/feed.xml",
            "https://example.org/en/",
            "Second note <test>",
        ),
    ] {
        let text = site.output(feed);
        let doc =
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{feed} parses: {e}"));
        let root = doc.root_element();
        assert!(root.has_tag_name((ATOM, "feed")), "{feed}");
        assert_eq!(
            root.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
            Some(lang)
        );
        let child_text = |node: roxmltree::Node, name: &str| {
            node.children()
                .find(|n| n.has_tag_name((ATOM, name)))
                .and_then(|n| n.text())
                .unwrap_or_default()
                .to_string()
        };
        // updated = the newest note's last change, not the build time.
        assert_eq!(
            child_text(root, "updated"),
            "2026-11-03T00:00:00+07:00",
            "{feed}"
        );
        assert_eq!(child_text(root, "id"), format!("{prefix}updates/"));
        let self_link = root
            .children()
            .find(|n| n.has_tag_name((ATOM, "link")) && n.attribute("rel") == Some("self"))
            .and_then(|n| n.attribute("href"));
        assert_eq!(self_link, Some(format!("{prefix}feed.xml").as_str()));
        let entries: Vec<_> = root
            .children()
            .filter(|n| n.has_tag_name((ATOM, "entry")))
            .collect();
        assert_eq!(entries.len(), 2, "{feed}");
        let ids: Vec<String> = entries.iter().map(|e| child_text(*e, "id")).collect();
        assert_eq!(
            ids,
            [
                format!("{prefix}updates/#2026-11-02-second"),
                format!("{prefix}updates/#2026-10-01-first")
            ]
        );
        assert_eq!(child_text(entries[0], "title"), second_title);
        assert_eq!(
            child_text(entries[0], "published"),
            "2026-11-02T00:00:00+07:00"
        );
        assert_eq!(
            child_text(entries[0], "updated"),
            "2026-11-03T00:00:00+07:00"
        );
        // Links in a note's text are under the base path; xml:base makes them absolute.
        let content = child_text(entries[1], "content");
        let faq = if lang == "th" {
            "/faq/#q1"
        } else {
            "/en/faq/#q1"
        };
        assert!(content.contains(&format!("href=\"{faq}\"")), "{content}");
        assert_eq!(
            root.attribute(("http://www.w3.org/XML/1998/namespace", "base")),
            Some("https://example.org/")
        );
    }
    // The updates page lists the notes with the anchors the feed links to.
    let page = site.output("en/updates/index.html");
    let first = page
        .find("id=\"2026-11-02-second\"")
        .expect("second note on the page");
    let second = page
        .find("id=\"2026-10-01-first\"")
        .expect("first note on the page");
    assert!(first < second, "newest first");
    assert!(page.contains("Second note &lt;test&gt;"));
    assert!(site.out().join("updates/index.html").is_file());
}

#[test]
fn every_page_links_its_language_feed() {
    let site = Site::fixture("tiny");
    site.build_ok();
    for page in html_pages(&site.out())
        .into_iter()
        .filter(|p| p != "404.html")
    {
        let html = site.output(&page);
        let expected = if page.starts_with("en/") {
            "/en/feed.xml"
        } else {
            "/feed.xml"
        };
        let tag =
            format!("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"{expected}\"");
        assert!(html.contains(&tag), "{page} does not link {expected}");
    }
}

#[test]
fn update_notes_need_a_title_and_a_date_and_both_languages() {
    let site = Site::fixture("tiny");
    site.edit(
        "content/updates/2026-10-01-first.en.md",
        "date: 2026-10-01\n",
        "",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/updates/2026-10-01-first.en.md:1:1: error: this update note has no `date`"
        ),
        "{}",
        run.stderr
    );

    let site = Site::fixture("tiny");
    std::fs::remove_file(site.path("content/updates/2026-10-01-first.en.md")).unwrap();
    let run = site.build_ok();
    assert!(
        run.stderr
            .contains("warning: the update note `2026-10-01-first` has no English version"),
        "{}",
        run.stderr
    );
    let feed = site.output("en/feed.xml");
    assert_eq!(feed.matches("<entry>").count(), 1);
    assert_eq!(site.output("feed.xml").matches("<entry>").count(), 2);

    // Both languages must agree on the date, and the file name's date should match it.
    let site = Site::fixture("tiny");
    site.edit(
        "content/updates/2026-10-01-first.en.md",
        "date: 2026-10-01",
        "date: 2026-10-02",
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "content/updates/2026-10-01-first.en.md:3:7: error: this note's date is 2026-10-02 but the other language's is 2026-10-01"
        ),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("has no English version"),
        "{}",
        run.stderr
    );
    site.edit(
        "content/updates/2026-10-01-first.th.md",
        "date: 2026-10-01",
        "date: 2026-10-02",
    );
    let run = site.build_ok();
    assert!(
        run.stderr
            .contains("warning: the file name says 2026-10-01 but the note's `date` is 2026-10-02"),
        "{}",
        run.stderr
    );
}

#[test]
fn pages_carry_open_graph_and_twitter_meta() {
    let site = Site::fixture("tiny");
    site.build_ok();
    let out = site.out();
    for (page, locale, alternate) in [
        ("index.html", "th_TH", "en_US"),
        ("en/index.html", "en_US", "th_TH"),
        ("provinces/chiang-mai/index.html", "th_TH", "en_US"),
        ("en/provinces/chiang-mai/index.html", "en_US", "th_TH"),
    ] {
        let html = site.output(page);
        let one = |key: &str| {
            let values = meta(&html, key);
            assert_eq!(values.len(), 1, "{page}: {key} {values:?}");
            values[0].clone()
        };
        assert!(!one("og:title").is_empty());
        assert!(!one("og:description").is_empty());
        assert_eq!(
            one("og:site_name"),
            if locale == "th_TH" {
                "เว็บทดสอบ"
            } else {
                "Test site"
            }
        );
        assert_eq!(one("og:type"), "website");
        assert_eq!(one("og:locale"), locale);
        assert_eq!(one("og:locale:alternate"), alternate);
        assert_eq!(one("og:url"), address("https://example.org/", page));
        assert_eq!(one("twitter:card"), "summary_large_image");
        let image = one("og:image");
        assert_eq!(one("twitter:image"), image);
        let rel = image
            .strip_prefix("https://example.org/")
            .expect("absolute image address");
        let lang = &locale[..2];
        // An area page has its own image (tests/it/preview.rs); other pages the site's.
        let expected = if page.contains("provinces/") {
            format!("{}preview.", page.trim_end_matches("index.html"))
        } else {
            format!("assets/share-{lang}.")
        };
        assert!(
            rel.starts_with(&expected) && rel.ends_with(".png"),
            "{image}"
        );
        let png = std::fs::read(out.join(rel)).expect("share image exists");
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!((width, height), (1200, 630));
        assert_eq!(one("og:image:width"), "1200");
        assert!(png.len() < 60_000, "{rel} is {} bytes", png.len());
    }
}

#[test]
fn home_page_json_ld_names_the_agency_and_the_downloads() {
    let site = Site::fixture("tiny");
    // Text that would end the script element if it were not escaped.
    site.edit(
        "content/site.yaml",
        "en: Test unit}",
        "en: \"Test unit </script><b>x\"}",
    );
    site.build_ok();
    for (page, agency, parent) in [
        ("index.html", "หน่วยงานทดสอบ", "กรมทดสอบ"),
        (
            "en/index.html",
            "Test unit </script><b>x",
            "Test department",
        ),
    ] {
        let html = site.output(page);
        assert_eq!(
            without_print_script(&html).matches("<script").count(),
            1,
            "{page}: only the JSON-LD script (and the print helper)"
        );
        let ld = json_ld(&html);
        assert_eq!(ld["@context"], "https://schema.org");
        let graph = ld["@graph"].as_array().expect("@graph");
        let of_type = |t: &str| graph.iter().filter(|n| n["@type"] == t).collect::<Vec<_>>();
        let org = of_type("GovernmentOrganization");
        assert_eq!(org.len(), 1, "{page}");
        assert_eq!(org[0]["name"], agency);
        assert_eq!(
            org[0]["parentOrganization"]["@type"],
            "GovernmentOrganization"
        );
        assert_eq!(org[0]["parentOrganization"]["name"], parent);
        let datasets = of_type("Dataset");
        assert_eq!(datasets.len(), 2, "{page}");
        // The site names no publisher: the agency is the national figures' creator, not the
        // publisher of the site or of the area figures (issue 10).
        assert!(of_type("WebSite")[0].get("publisher").is_none(), "{page}");
        assert_eq!(datasets[0]["creator"]["@id"], org[0]["@id"]);
        assert!(datasets[1].get("creator").is_none());
        let mut formats = BTreeSet::new();
        for d in &datasets {
            assert!(!d["name"].as_str().unwrap().is_empty());
            assert!(d.get("publisher").is_none(), "{page}");
            for dist in d["distribution"].as_array().unwrap() {
                assert_eq!(dist["@type"], "DataDownload");
                let url = dist["contentUrl"].as_str().unwrap();
                let rel = url.strip_prefix("https://example.org/").unwrap();
                assert!(
                    rel.starts_with("data/") && site.out().join(rel).is_file(),
                    "{url} is not written"
                );
                formats.insert((
                    url.rsplit('/').next().unwrap().to_string(),
                    dist["encodingFormat"].as_str().unwrap().to_string(),
                ));
            }
        }
        let expected: BTreeSet<(String, String)> = [
            ("national.json", "application/json"),
            ("provinces.csv", "text/csv"),
            ("provinces.json", "application/json"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        assert_eq!(formats, expected);
    }
    // The illustrative province figures say so in the dataset description too.
    let en = json_ld(&site.output("en/index.html"));
    let provinces = en["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| {
            n["name"]
                .as_str()
                .is_some_and(|s| s.contains("by province"))
        })
        .unwrap();
    assert!(
        provinces["description"]
            .as_str()
            .unwrap()
            .contains("illustrative"),
        "{provinces}"
    );
    // A province page describes its own downloads; other pages carry no JSON-LD.
    assert!(
        !site
            .output("en/faq/index.html")
            .contains("application/ld+json")
    );
    for (page, name) in [
        ("provinces/chiang-mai/index.html", "เชียงใหม่"),
        ("en/provinces/chiang-mai/index.html", "Chiang Mai"),
    ] {
        let ld = json_ld(&site.output(page));
        assert_eq!(ld["@type"], "Dataset", "{page}");
        assert_eq!(ld["spatialCoverage"]["name"], name);
        assert!(
            ld["description"]
                .as_str()
                .unwrap()
                .contains(if name == "Chiang Mai" {
                    "illustrative"
                } else {
                    "สมมุติ"
                }),
            "{ld}"
        );
        let formats: Vec<&str> = ld["distribution"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["encodingFormat"].as_str().unwrap())
            .collect();
        assert_eq!(formats, ["text/csv", "application/json"]);
        for d in ld["distribution"].as_array().unwrap() {
            let rel = d["contentUrl"]
                .as_str()
                .unwrap()
                .strip_prefix("https://example.org/")
                .unwrap();
            assert!(
                rel.starts_with("data/provinces/chiang-mai.") && site.out().join(rel).is_file(),
                "{rel}"
            );
        }
    }
}

#[test]
fn stylesheet_and_fonts_have_fingerprinted_names() {
    let site = Site::fixture("tiny");
    site.build_ok();
    let out = site.out();
    let assets: Vec<String> = tree(&out.join("assets")).into_keys().collect();
    let css: Vec<&String> = assets.iter().filter(|a| a.ends_with(".css")).collect();
    assert_eq!(css.len(), 1, "{assets:?}");
    let name = css[0].as_str();
    let hash = name
        .strip_prefix("style.")
        .and_then(|n| n.strip_suffix(".css"))
        .expect("style.<hash>.css");
    assert!(
        hash.len() >= 10 && hash.chars().all(|c| c.is_ascii_hexdigit()),
        "{name}"
    );
    assert!(!assets.iter().any(|a| a == "style.css"));
    for page in html_pages(&out) {
        let html = site.output(&page);
        let sheets: Vec<String> = attributes(&html, "href")
            .into_iter()
            .filter(|h| h.ends_with(".css"))
            .collect();
        assert_eq!(sheets, [format!("/assets/{name}")], "{page}");
    }
    // The stylesheet loads the fonts by their fingerprinted names, and they exist.
    let text = site.output(&format!("assets/{name}"));
    let fonts: Vec<&str> = text
        .split("url(")
        .skip(1)
        .map(|r| r.split(')').next().unwrap().trim_matches(['\'', '"']))
        .collect();
    assert_eq!(fonts.len(), 4, "{fonts:?}");
    for font in fonts {
        assert!(out.join("assets").join(font).is_file(), "{font}");
        let stem = font.strip_suffix(".woff2").unwrap();
        let hash = stem.rsplit('.').next().unwrap();
        assert!(
            hash.len() >= 10 && hash.chars().all(|c| c.is_ascii_hexdigit()),
            "{font}"
        );
    }
    // The font licence keeps its name.
    assert!(out.join("assets/fonts/OFL.txt").is_file());
}

#[test]
fn precompress_writes_gzip_and_brotli_copies_of_text_files() {
    let site = Site::fixture("tiny");
    let run = site.run(&["build", "--precompress"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = tree(&site.out());
    let mut checked = 0;
    for (rel, bytes) in &files {
        let ext = rel.rsplit('.').next().unwrap();
        let text = ["html", "css", "svg", "xml", "json", "csv", "txt", "js"].contains(&ext);
        let (gz, br) = (
            files.get(&format!("{rel}.gz")),
            files.get(&format!("{rel}.br")),
        );
        if ext == "gz" || ext == "br" {
            continue;
        }
        if !text {
            assert!(
                gz.is_none() && br.is_none(),
                "{rel} should not be compressed"
            );
            continue;
        }
        let (gz, br) = (
            gz.unwrap_or_else(|| panic!("no {rel}.gz")),
            br.unwrap_or_else(|| panic!("no {rel}.br")),
        );
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(&back, bytes, "{rel}.gz");
        assert_eq!(&gz[4..8], &[0, 0, 0, 0], "{rel}.gz has no time in it");
        let mut back = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(&back, bytes, "{rel}.br");
        checked += 1;
    }
    assert!(checked >= 20, "{checked}");
    assert!(files.contains_key("sitemap.xml.br") && files.contains_key("en/feed.xml.gz"));

    // A second build gives the same bytes.
    let again = Site::fixture("tiny");
    again.run(&["build", "--precompress"]);
    assert!(tree(&again.out()) == files, "precompressed builds differ");
    // Without the flag there are no compressed copies.
    let plain = Site::fixture("tiny");
    plain.build_ok();
    assert!(
        !tree(&plain.out())
            .keys()
            .any(|k| k.ends_with(".gz") || k.ends_with(".br"))
    );
}

/// Check every `href`/`src` of every page of a build under `https://example.org/report/`.
#[test]
fn under_a_sub_path_every_link_resolves() {
    let site = Site::fixture("tiny");
    let run = site.run(&["build", "--base-url", "https://example.org/report/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = site.out();
    let base = "https://example.org/report/";
    let mut checked = 0;
    for page in html_pages(&out) {
        let html = site.output(&page);
        for value in attributes(&html, "href")
            .into_iter()
            .chain(attributes(&html, "src"))
        {
            let rel = if value.starts_with('#')
                || value.starts_with("mailto:")
                || value.starts_with("tel:")
            {
                continue;
            } else if let Some(rest) = value.strip_prefix(base) {
                rest.to_string()
            } else if value.starts_with("https://") || value.starts_with("http://") {
                continue; // another site (the fixture's sources are on example.org too)
            } else if let Some(rest) = value.strip_prefix("/report/") {
                rest.to_string()
            } else {
                panic!("{page}: {value} is not under /report/");
            };
            assert!(
                target(&out, &rel).is_file(),
                "{page}: {value} does not resolve"
            );
            checked += 1;
        }
        for key in ["og:url", "og:image"] {
            for value in meta(&html, key) {
                let rel = value
                    .strip_prefix(base)
                    .unwrap_or_else(|| panic!("{page}: {key} {value}"));
                assert!(target(&out, rel).is_file(), "{page}: {key} {value}");
            }
        }
        if page != "404.html" {
            let canonical = attributes(&html, "href")
                .into_iter()
                .find(|h| html.contains(&format!("<link rel=\"canonical\" href=\"{h}\"")))
                .expect("canonical");
            assert_eq!(canonical, address(base, &page), "{page}");
        }
    }
    assert!(checked > 200, "{checked}");
    // Markdown links (`/faq/#q1`) and the feed's links are under the base path too.
    assert!(
        site.output("en/updates/index.html")
            .contains("href=\"/report/en/faq/#q1\"")
    );
    let feed = site.output("feed.xml");
    assert!(feed.contains("xml:base=\"https://example.org/report/\""));
    assert!(feed.contains("<id>https://example.org/report/updates/#2026-11-02-second</id>"));
    // The sitemap's addresses, and their alternates, are all under the base.
    let sitemap = site.output("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let addresses: Vec<&str> = doc
        .descendants()
        .filter_map(|n| {
            if n.has_tag_name((SITEMAP, "loc")) {
                n.text()
            } else {
                n.attribute("href")
            }
        })
        .collect();
    assert!(addresses.len() > 50);
    for a in addresses {
        let rel = a
            .strip_prefix(base)
            .unwrap_or_else(|| panic!("sitemap: {a}"));
        assert!(target(&out, rel).is_file(), "sitemap: {a}");
    }
    // The 404 page, served at any depth, loads its stylesheet and links from the base.
    let not_found = site.output("404.html");
    assert!(
        not_found.contains("href=\"/report/assets/style."),
        "{not_found}"
    );
    assert!(not_found.contains("href=\"/report/en/\""));
}

#[test]
fn a_province_page_weighs_under_150_kb() {
    let site = Site::bundled();
    site.build_ok();
    let out = site.out();
    for page in [
        "provinces/chiang-mai/index.html",
        "en/provinces/chiang-mai/index.html",
    ] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        let mut total = html.len();
        for href in attributes(&html, "href")
            .into_iter()
            .filter(|h| h.ends_with(".css"))
        {
            let css_path = target(&out, href.trim_start_matches('/'));
            let css = std::fs::read_to_string(&css_path).unwrap();
            total += css.len();
            // Every font the stylesheet can load (a page needs at most all of them).
            for font in css
                .split("url(")
                .skip(1)
                .map(|r| r.split(')').next().unwrap().trim_matches(['\'', '"']))
            {
                total += std::fs::metadata(css_path.parent().unwrap().join(font))
                    .unwrap()
                    .len() as usize;
            }
        }
        for src in attributes(&html, "src") {
            if let Some(rel) = src.strip_prefix('/') {
                total += std::fs::metadata(target(&out, rel)).unwrap().len() as usize;
            }
        }
        assert!(total < 150_000, "{page} weighs {total} bytes");
    }
}

/// Issue 10: the site names its publisher only when its settings say who publishes it.
#[test]
fn the_publisher_is_named_only_when_the_site_says_who_it_is() {
    let site = Site::fixture("tiny");
    let en = {
        site.build_ok();
        site.output("en/index.html")
    };
    assert!(
        en.contains(r#"<span class="brand-agency">Source: "#),
        "the agency as the source"
    );
    site.edit(
        "content/site.yaml",
        "contact:",
        "publisher: {th: สำนักงานทดสอบ, en: Test Office}\ncontact:",
    );
    std::fs::remove_dir_all(site.out()).unwrap();
    site.build_ok();
    let en = site.output("en/index.html");
    assert!(en.contains(r#"<span class="brand-agency">Test Office</span>"#));
    assert!(
        en.contains(r##""publisher":{"@id":"https://example.org/#publisher"}"##),
        "{en}"
    );
}
