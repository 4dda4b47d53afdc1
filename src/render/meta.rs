//! What a page tells machines about itself: Open Graph and Twitter cards for link previews,
//! and schema.org JSON-LD for search engines.
//!
//! Link previews use one fixed share image per language (a PNG in the theme's `static/`
//! folder, made once and committed), so no image is generated at build time. JSON-LD is built
//! with serde_json and escaped so that no text from content can close the `<script>` element.

use serde::Serialize;
use serde_json::{Value, json};

use super::theme::Theme;
use super::views::{absolute, href, status_view};
use crate::model::{DataStatus, Lang, Site};

/// The share image's size in pixels (the size link previews ask for).
pub const SHARE_IMAGE_SIZE: (u32, u32) = (1200, 630);

/// Open Graph, Twitter and feed links for one page.
#[derive(Serialize)]
pub struct MetaView {
    pub og_type: &'static str,
    pub og_locale: &'static str,
    pub og_locale_alternate: Vec<&'static str>,
    /// Absolute address of the share image; empty when the theme has none.
    pub image: String,
    pub image_alt: String,
    pub image_width: u32,
    pub image_height: u32,
    /// The language's Atom feed (root-relative) and its title.
    pub feed_href: String,
    pub feed_title: String,
    /// JSON-LD for this page, already escaped for a `<script>` element; empty for none.
    pub json_ld: String,
}

/// The Open Graph locale of a language.
pub fn og_locale(lang: Lang) -> &'static str {
    match lang {
        Lang::Th => "th_TH",
        Lang::En => "en_US",
    }
}

/// The theme's share image for a language, under `static/`.
pub fn share_image_name(lang: Lang) -> String {
    format!("share-{}.png", lang.code())
}

/// Path of a language's feed below the site root (`feed.xml`, `en/feed.xml`).
pub fn feed_rel(site: &Site, lang: Lang) -> String {
    super::views::lang_rel(site, lang, "feed.xml")
}

/// The meta view of a page; `home` pages also carry the site's JSON-LD.
pub fn meta_view(site: &Site, theme: &Theme, lang: Lang, home: bool) -> MetaView {
    let c = &site.config;
    let image_name = share_image_name(lang);
    let image = if theme.assets.has(&image_name) {
        format!("{}assets/{}", c.base_url, theme.assets.name(&image_name))
    } else {
        String::new()
    };
    MetaView {
        og_type: "website",
        og_locale: og_locale(lang),
        og_locale_alternate: c
            .languages
            .iter()
            .filter(|l| **l != lang)
            .map(|l| og_locale(*l))
            .collect(),
        image,
        image_alt: format!("{} – {}", c.title.get(lang), c.agency_name.get(lang)),
        image_width: SHARE_IMAGE_SIZE.0,
        image_height: SHARE_IMAGE_SIZE.1,
        feed_href: href(site, lang, "feed.xml"),
        feed_title: format!("{} – {}", theme.t(lang, "updates_title"), c.title.get(lang)),
        json_ld: if home {
            script_json(&site_json_ld(site, theme, lang))
        } else {
            String::new()
        },
    }
}

/// JSON for inside `<script type="application/ld+json">`: `<`, `>` and `&` are written as
/// `\u003c`, `\u003e` and `\u0026`, so text can never end the script element early.
pub fn script_json(value: &Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The site's publisher and its downloads, for the home page.
fn site_json_ld(site: &Site, theme: &Theme, lang: Lang) -> Value {
    let c = &site.config;
    let t = |k: &str| theme.t(lang, k);
    let org_id = format!("{}#organization", c.base_url);
    let mut org = json!({
        "@type": "GovernmentOrganization",
        "@id": org_id,
        "name": c.agency_name.get(lang),
        "url": absolute(site, lang, ""),
        "parentOrganization": {
            "@type": "GovernmentOrganization",
            "name": c.agency_parent.get(lang),
        },
    });
    if !c.contact.email.is_empty() {
        org["email"] = json!(c.contact.email);
    }
    if !c.contact.phone.is_empty() {
        org["telephone"] = json!(c.contact.phone);
    }
    let mut graph = vec![
        org,
        json!({
            "@type": "WebSite",
            "@id": format!("{}#website", absolute(site, lang, "")),
            "name": c.title.get(lang),
            "description": c.description.get(lang),
            "url": absolute(site, lang, ""),
            "inLanguage": lang.code(),
            "publisher": {"@id": org_id},
        }),
    ];

    // The downloads are written by render/data.rs under /data/; each is a Dataset with its
    // distributions, so search engines can list them.
    let periods = &site.national.periods;
    let coverage = match (periods.first(), periods.last()) {
        (Some(first), Some(last)) => format!("{}/{}", first.period.start, last.period.end),
        _ => String::new(),
    };
    let download = |file: &str, format: &str| {
        json!({
            "@type": "DataDownload",
            "encodingFormat": format,
            "contentUrl": format!("{}data/{file}", c.base_url),
        })
    };
    let dataset = |name: String, description: String, distribution: Vec<Value>| {
        let mut d = json!({
            "@type": "Dataset",
            "name": name,
            "description": description,
            "url": absolute(site, lang, ""),
            "inLanguage": lang.code(),
            "isAccessibleForFree": true,
            "creator": {"@id": org_id},
            "publisher": {"@id": org_id},
            "distribution": distribution,
        });
        if !coverage.is_empty() {
            d["temporalCoverage"] = json!(coverage);
        }
        d
    };
    let strings = theme.strings(lang);
    let with_status = |text: String, status: DataStatus| {
        if status == DataStatus::Official {
            text
        } else {
            format!("{text} {}", status_view(strings, status).notice)
        }
    };
    let national_status = periods
        .last()
        .map_or(DataStatus::Official, |p| p.data_status);
    graph.push(dataset(
        t("dataset_national_name"),
        with_status(t("dataset_national_description"), national_status),
        vec![download("national.json", "application/json")],
    ));
    graph.push(dataset(
        t("dataset_provinces_name"),
        with_status(
            t("dataset_provinces_description"),
            site.province_data_status(),
        ),
        vec![
            download("provinces.csv", "text/csv"),
            download("provinces.json", "application/json"),
        ],
    ));
    json!({ "@context": "https://schema.org", "@graph": graph })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script() {
        let text = script_json(&json!({"name": "</script><script>alert(1)</script> & more"}));
        assert!(
            !text.contains('<') && !text.contains('>') && !text.contains('&'),
            "{text}"
        );
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script> & more");
    }
}
