//! What a page tells machines about itself: Open Graph and Twitter cards for link previews,
//! and schema.org JSON-LD for search engines.
//!
//! Link previews use one fixed share image per language (a PNG in the theme's `static/`
//! folder, made once and committed), except on area pages, which get their own image made
//! at build time ([`super::preview`]) when the report lists measures for it. JSON-LD is built
//! with serde_json and escaped so that no text from content can close the `<script>` element.

use serde::Serialize;
use serde_json::{Value, json};

use super::pages::Kind;
use super::theme::Theme;
use super::views::{Route, absolute, href, status_notice};
use crate::model::{DataStatus, Lang, Site};

/// The share image's size in pixels (the size link previews ask for).
pub const SHARE_IMAGE_SIZE: (u32, u32) = (1200, 630);

/// Open Graph, Twitter and feed links for one page.
#[derive(Serialize)]
pub struct MetaView {
    pub og_type: &'static str,
    pub og_locale: String,
    pub og_locale_alternate: Vec<String>,
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

/// The Open Graph locale of a language: the theme's `og_locale` string (`th_TH`, `en_US`).
pub fn og_locale(theme: &Theme, lang: Lang) -> String {
    theme.t(lang, "og_locale")
}

/// The theme's share image for a language, under `static/`.
pub fn share_image_name(lang: Lang) -> String {
    format!("share-{}.png", lang.code())
}

/// Path of a language's feed below the site root (`feed.xml`, `en/feed.xml`).
pub fn feed_rel(site: &Site, lang: Lang) -> String {
    super::views::lang_rel(site, lang, "feed.xml")
}

/// The meta view of a page. The home page also carries the site's JSON-LD (the agency and
/// the site-wide downloads), a province page the Dataset of its own downloads.
pub fn meta_view(site: &Site, theme: &Theme, lang: Lang, route: &Route) -> MetaView {
    let c = &site.config;
    let image_name = share_image_name(lang);
    let image = if theme.assets.has(&image_name) {
        format!("{}assets/{}", c.base_url, theme.assets.name(&image_name))
    } else {
        String::new()
    };
    MetaView {
        og_type: "website",
        og_locale: og_locale(theme, lang),
        og_locale_alternate: c
            .languages
            .iter()
            .filter(|l| **l != lang)
            .map(|l| og_locale(theme, *l))
            .collect(),
        image,
        image_alt: format!("{} – {}", c.title.get(lang), c.agency_name.get(lang)),
        image_width: SHARE_IMAGE_SIZE.0,
        image_height: SHARE_IMAGE_SIZE.1,
        feed_href: href(site, lang, "feed.xml"),
        feed_title: format!("{} – {}", theme.t(lang, "updates_title"), c.title.get(lang)),
        json_ld: match route.kind {
            Kind::Home => script_json(&site_json_ld(site, theme, lang)),
            Kind::Area => script_json(&area_json_ld(site, theme, lang, route.item)),
            _ => String::new(),
        },
    }
}

/// Point a page's link preview at its own image (an area page's, from [`super::preview`]).
pub fn use_preview(site: &Site, meta: &mut MetaView, image: &super::preview::Image) {
    meta.image = format!("{}{}", site.config.base_url, image.path);
    meta.image_alt = image.alt.clone();
    (meta.image_width, meta.image_height) = super::preview::SIZE;
}

/// JSON for inside `<script type="application/ld+json">`: `<`, `>` and `&` are written as
/// `\u003c`, `\u003e` and `\u0026`, so text can never end the script element early.
pub fn script_json(value: &Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_default();
    let mut out = String::with_capacity(text.len() + 16);
    // Copied in runs between the characters that need escaping (a page's JSON is mostly Thai
    // letters, three bytes each, which need none), found by two vector searches: one for
    // `<`, `>` and `&`, one for the first byte of U+2028 and U+2029 (and of other
    // punctuation, such as the dash of a period). Every split is at a character boundary:
    // those bytes start characters.
    let bytes = text.as_bytes();
    let mut ascii = memchr::memchr3_iter(b'<', b'>', b'&', bytes).peekable();
    let mut e2 = memchr::memchr_iter(0xE2, bytes).peekable();
    let mut from = 0;
    loop {
        let i = match (ascii.peek(), e2.peek()) {
            (Some(&a), Some(&e)) if a < e => ascii.next(),
            (Some(_), Some(_)) | (None, Some(_)) => e2.next(),
            (Some(_), None) => ascii.next(),
            (None, None) => None,
        };
        let Some(i) = i else { break };
        let b = bytes[i];
        let escaped = match b {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            b'&' => "\\u0026",
            0xE2 if bytes[i..].starts_with("\u{2028}".as_bytes()) => "\\u2028",
            0xE2 if bytes[i..].starts_with("\u{2029}".as_bytes()) => "\\u2029",
            _ => continue,
        };
        out.push_str(&text[from..i]);
        out.push_str(escaped);
        from = i + if b == 0xE2 { 3 } else { 1 };
    }
    out.push_str(&text[from..]);
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
    let mut website = json!({
        "@type": "WebSite",
        "@id": format!("{}#website", absolute(site, lang, "")),
        "name": c.title.get(lang),
        "description": c.description.get(lang),
        "url": absolute(site, lang, ""),
        "inLanguage": lang.code(),
    });
    let mut graph = vec![org];
    // The agency is the source of the figures; it publishes the site only when the site says
    // who does.
    if let Some(publisher) = &c.publisher {
        graph.push(json!({
            "@type": "Organization",
            "@id": format!("{}#publisher", c.base_url),
            "name": publisher.get(lang),
        }));
        website["publisher"] = json!({"@id": format!("{}#publisher", c.base_url)});
    }
    graph.push(website);

    // The downloads are written by render/data.rs under /data/; each is a Dataset with its
    // distributions, so search engines can list them.
    let national_status = site
        .national
        .periods
        .last()
        .map_or(DataStatus::Official, |p| p.data_status);
    graph.push(dataset(
        site,
        theme,
        lang,
        DatasetText {
            name: t("dataset_national_name"),
            description: t("dataset_national_description"),
            status: Some(national_status),
            // The national figures are the agency's own.
            creator: Some(json!({"@id": org_id})),
        },
        &[("data/national.json", "application/json")],
    ));
    graph.push(dataset(
        site,
        theme,
        lang,
        DatasetText {
            name: t("dataset_areas_name"),
            description: t("dataset_areas_description"),
            status: Some(site.area_data_status()),
            creator: None,
        },
        &[
            (
                &format!("data/{}.csv", site.report.area.segment),
                "text/csv",
            ),
            (
                &format!("data/{}.json", site.report.area.segment),
                "application/json",
            ),
        ],
    ));
    json!({ "@context": "https://schema.org", "@graph": graph })
}

/// What a Dataset is called and says, in the page's language.
struct DatasetText {
    name: String,
    description: String,
    /// Added to the description when the figures are not official; `None` when there are none.
    status: Option<DataStatus>,
    /// Who made the figures, when known (the agency, for its own national figures).
    creator: Option<Value>,
}

/// A schema.org Dataset for downloads under /data/ (written by render/data.rs): `files` are
/// paths below the site root with their media types.
fn dataset(
    site: &Site,
    theme: &Theme,
    lang: Lang,
    text: DatasetText,
    files: &[(&str, &str)],
) -> Value {
    let c = &site.config;
    let description = match text.status {
        None | Some(DataStatus::Official) => text.description,
        Some(status) => format!(
            "{} {}",
            text.description,
            status_notice(theme.strings(lang), status)
        ),
    };
    let distribution: Vec<Value> = files
        .iter()
        .map(|(rel, format)| {
            json!({
                "@type": "DataDownload",
                "encodingFormat": format,
                "contentUrl": format!("{}{rel}", c.base_url),
            })
        })
        .collect();
    let mut d = json!({
        "@type": "Dataset",
        "name": text.name,
        "description": description,
        "url": absolute(site, lang, &Route::one(Kind::Data).rel(site)),
        "inLanguage": lang.code(),
        "isAccessibleForFree": true,
        "distribution": distribution,
    });
    if let Some(creator) = text.creator {
        d["creator"] = creator;
    }
    if c.publisher.is_some() {
        d["publisher"] = json!({"@id": format!("{}#publisher", c.base_url)});
    }
    let periods = &site.national.periods;
    if let (Some(first), Some(last)) = (periods.first(), periods.last()) {
        d["temporalCoverage"] = json!(format!("{}/{}", first.period.start, last.period.end));
    }
    d
}

/// The Dataset of one area's downloads, for its page.
fn area_json_ld(site: &Site, theme: &Theme, lang: Lang, index: usize) -> Value {
    let p = &site.records[index];
    let segment = &site.report.area.segment;
    let area = site.area(p);
    let name = area.name.get(lang);
    let t = |k: &str| theme.t(lang, k).replace("{name}", name);
    let mut d = dataset(
        site,
        theme,
        lang,
        DatasetText {
            name: theme
                .t_status(
                    lang,
                    "area_description",
                    (!p.results.is_empty()).then_some(p.status()),
                )
                .replace("{name}", name),
            description: t("dataset_area_description"),
            // An area without figures has no status to state.
            status: (!p.results.is_empty()).then_some(p.status()),
            creator: None,
        },
        &[
            (&format!("data/{segment}/{}.csv", area.slug), "text/csv"),
            (
                &format!("data/{segment}/{}.json", area.slug),
                "application/json",
            ),
        ],
    );
    d["url"] = json!(absolute(site, lang, &Route::area(index).rel(site)));
    d["spatialCoverage"] = json!({"@type": "Place", "name": name});
    if let Some(publisher) = &site.config.publisher {
        d["publisher"] = json!({"@type": "Organization", "name": publisher.get(lang)});
    }
    d["@context"] = json!("https://schema.org");
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_escapes_what_it_did_character_by_character() {
        let old = |text: &str| {
            let mut out = String::new();
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
        };
        for name in [
            "",
            "ภาคเหนือ <b>&</b>",
            "a\u{2028}b\u{2029}c\u{2027}d\u{2030}–—…",
            "\u{2028}",
            "<>&",
            "x\u{2029}",
            "–<\u{2028}>—&\u{2029}…<ก–&",
        ] {
            let value = json!({ "name": name });
            let text = serde_json::to_string(&value).unwrap();
            assert_eq!(script_json(&value), old(&text), "{name:?}");
        }
    }

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
