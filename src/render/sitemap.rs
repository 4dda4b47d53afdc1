//! `sitemap.xml` and `robots.txt`, for search engines.
//!
//! The sitemap lists every page in every language with its language alternates (and
//! `x-default`, the default language), in the order pages are rendered, with `lastmod` from
//! the page's content date: two builds of the same content give the same file.

use super::markdown::escape;
use super::views::absolute;
use crate::model::{Date, Lang, Site};

/// One page for the sitemap: its path below the language root, language and content date.
pub struct Entry {
    pub rel: String,
    pub lang: Lang,
    pub lastmod: Date,
}

/// Addresses per sitemap file. The standard allows 50,000 (and 50 MB); each entry here also
/// carries its language alternates, so files are kept well below both.
pub const PER_FILE: usize = 20_000;

/// The sitemap files to write: `sitemap.xml` alone for a site of up to `per_file` pages;
/// otherwise `sitemap-1.xml`, `sitemap-2.xml`, … and `sitemap.xml` as their index, so the
/// address in robots.txt stays the same whatever the size of the site.
pub fn files(site: &Site, entries: &[Entry], per_file: usize) -> Vec<(String, String)> {
    if entries.len() <= per_file {
        return vec![("sitemap.xml".into(), sitemap(site, entries))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, chunk) in entries.chunks(per_file.max(1)).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        let lastmod = chunk.iter().map(|e| e.lastmod).max();
        index.push_str(&format!(
            "<sitemap>\n<loc>{}{name}</loc>\n",
            escape(&site.config.base_url)
        ));
        if let Some(d) = lastmod {
            index.push_str(&format!("<lastmod>{d}</lastmod>\n"));
        }
        index.push_str("</sitemap>\n");
        files.push((name, sitemap(site, chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, ("sitemap.xml".into(), index));
    files
}

fn sitemap(site: &Site, entries: &[Entry]) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for e in entries {
        out.push_str("<url>\n");
        out.push_str(&format!(
            "<loc>{}</loc>\n",
            escape(&absolute(site, e.lang, &e.rel))
        ));
        out.push_str(&format!("<lastmod>{}</lastmod>\n", e.lastmod));
        for &l in &site.config.languages {
            out.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                l.code(),
                escape(&absolute(site, l, &e.rel))
            ));
        }
        out.push_str(&format!(
            "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n",
            escape(&absolute(site, site.config.default_lang(), &e.rel))
        ));
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// Everything may be crawled; the sitemap is named by its absolute address.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
        site.config.base_url
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::diagnostics::Diagnostics;

    #[test]
    fn a_large_site_gets_a_sitemap_index() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
        let mut diags = Diagnostics::new(&root);
        let (site, theme) = crate::site::load(&root, None, &mut diags).expect("tiny site loads");
        let entries = super::super::sitemap_entries(&site, &theme);
        assert!(entries.len() > 10, "{}", entries.len());

        let single = files(&site, &entries, entries.len());
        assert_eq!(single.len(), 1);
        assert_eq!(single[0].0, "sitemap.xml");

        let split = files(&site, &entries, 5);
        let parts = entries.len().div_ceil(5);
        assert_eq!(split.len(), parts + 1);
        let index = roxmltree::Document::parse(&split[0].1).unwrap();
        assert_eq!(index.root_element().tag_name().name(), "sitemapindex");
        let locs: Vec<&str> = index
            .descendants()
            .filter(|n| n.has_tag_name("loc"))
            .filter_map(|n| n.text())
            .collect();
        let expected: Vec<String> = (1..=parts)
            .map(|i| format!("https://example.org/sitemap-{i}.xml"))
            .collect();
        assert_eq!(locs, expected);
        let mut listed = 0;
        for (name, xml) in &split[1..] {
            let doc = roxmltree::Document::parse(xml).unwrap();
            let urls = doc.descendants().filter(|n| n.has_tag_name("url")).count();
            assert!(urls <= 5, "{name} has {urls}");
            listed += urls;
        }
        assert_eq!(listed, entries.len(), "every page is in exactly one part");
    }
}
