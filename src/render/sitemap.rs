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

pub fn sitemap(site: &Site, entries: &[Entry]) -> String {
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
