//! The site search index: the words of every page, per language, written at build time so a
//! static host can serve search.
//!
//! Thai has no spaces between words, so text is cut into words with ICU's dictionary word
//! segmenter, which gives the same words as the browser's `Intl.Segmenter` that the search
//! script uses on the query. Other scripts follow the ordinary Unicode word rules, lower-cased.
//!
//! Pages are indexed as they are rendered: each page gives its title, its area's names (in
//! every language and spelling) and the words of its `<main>`, and only the words and their
//! weights are kept, never the page's text. The index of a language is a small head
//! (`search/<lang>/index.json`: the shards and the page count), shards of words by their first
//! character (`search/<lang>/<shard>.json`), a shard split further by the next character when
//! it is large, and page lists of 200 pages each (`search/<lang>/pages-<n>.json`), so a query
//! downloads the head, the shards of its words and the page lists of the results it shows.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;
use serde::Serialize;

use super::pages::{Kind, Route};
use super::theme::Theme;
use super::views::href;
use crate::model::{Lang, Site};

/// Weights of where a word is found: any title match ranks above any area-name match, which
/// ranks above body text.
const TITLE: u32 = 10_000;
const AREA: u32 = 1_000;
/// Body matches count up to this many times.
const BODY_MAX: u32 = 999;

/// A shard larger than this (bytes of JSON) is split by the words' next character.
const SHARD_SPLIT: usize = 24_000;

/// Characters of a page's description kept as its excerpt.
const EXCERPT_CHARS: usize = 160;

/// What one rendered page gives the index.
#[derive(Debug, Clone)]
pub struct Doc {
    pub lang: Lang,
    pub href: String,
    pub title: String,
    /// The page's area names, its language's first, and aliases (area pages only).
    pub area: String,
    pub excerpt: String,
    /// Word → weight.
    pub terms: BTreeMap<String, u32>,
}

fn segmenter() -> &'static icu_segmenter::WordSegmenterBorrowed<'static> {
    static SEG: OnceLock<icu_segmenter::WordSegmenterBorrowed<'static>> = OnceLock::new();
    SEG.get_or_init(|| WordSegmenter::new_dictionary(WordBreakInvariantOptions::default()))
}

/// The words of `text`: dictionary segmentation for Thai, Unicode word rules otherwise,
/// lower-cased; punctuation and spaces are left out.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut iter = segmenter().segment_str(text);
    let mut last = 0;
    while let Some(at) = iter.next() {
        if at > last && iter.is_word_like() {
            let w = text[last..at].trim();
            if !w.is_empty() {
                out.push(w.to_lowercase());
            }
        }
        last = at;
    }
    out
}

/// The visible text of an HTML fragment: tags dropped (and what is inside `<svg>`, `<script>`
/// and `<style>`), the common entities decoded, white space collapsed.
fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        out.push(' ');
        let tag = &rest[lt..];
        let skip_to = ["svg", "script", "style"].iter().find_map(|name| {
            let open = tag.get(1..=name.len())?;
            let next = tag.as_bytes().get(name.len() + 1)?;
            (open.eq_ignore_ascii_case(name) && matches!(next, b' ' | b'>'))
                .then(|| format!("</{name}>"))
        });
        rest = match skip_to {
            Some(close) => match tag.find(&close) {
                Some(end) => &tag[end + close.len()..],
                None => "",
            },
            None => match tag.find('>') {
                Some(end) => &tag[end + 1..],
                None => "",
            },
        };
    }
    out.push_str(rest);
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The part of a page that is its own: `<main>` without its heading and the "last updated"
/// line the template adds.
fn main_html(html: &str) -> &str {
    let start = html.find("<main").unwrap_or(0);
    let end = html[start..]
        .find("</main>")
        .map_or(html.len(), |e| start + e);
    let main = &html[start..end];
    let main = match main.find("</h1>") {
        Some(h) => &main[h + 5..],
        None => main,
    };
    match main.rfind("<p class=\"updated\">") {
        Some(u) => &main[..u],
        None => main,
    }
}

/// English spellings of a multi-word name also written as one word (Chon Buri → chonburi).
fn joined(name: &str) -> Option<String> {
    let parts: Vec<&str> = name.split_whitespace().collect();
    (parts.len() > 1).then(|| parts.concat().to_lowercase())
}

/// The index entry of one rendered page. `area` is the page's area, if it is an area page.
/// `description` (the page's meta description) is shown as its excerpt.
pub fn doc(
    site: &Site,
    lang: Lang,
    href: String,
    title: &str,
    description: &str,
    area: Option<usize>,
    html: &str,
) -> Doc {
    let mut terms: BTreeMap<String, u32> = BTreeMap::new();
    let text = visible_text(main_html(html));
    for w in words(&text) {
        let e = terms.entry(w).or_default();
        *e = (*e + 1).min(BODY_MAX);
    }
    let mut area_name = String::new();
    if let Some(a) = area.and_then(|i| site.areas.get(i)) {
        // Shown under the result: its names in the page's language first, then the others
        // and the aliases, so a match in another script or an alias shows.
        let mut shown: Vec<&str> = vec![a.name.get(lang)];
        for (_, name) in a.name.iter() {
            shown.push(name);
        }
        shown.extend(a.aliases.iter().map(String::as_str));
        let mut seen = std::collections::BTreeSet::new();
        shown.retain(|n| seen.insert(*n));
        area_name = shown.join(" · ");
        // Indexed: every name, its one-word spelling (Chon Buri → chonburi) and the aliases.
        let mut names: Vec<String> = Vec::new();
        for name in shown {
            names.push(name.to_string());
            names.extend(joined(name));
        }
        let mut area_words: Vec<String> = names.iter().flat_map(|n| words(n)).collect();
        area_words.sort();
        area_words.dedup();
        for w in area_words {
            *terms.entry(w).or_default() += AREA;
        }
    }
    let mut title_words = words(title);
    title_words.sort();
    title_words.dedup();
    for w in title_words {
        *terms.entry(w).or_default() += TITLE;
    }
    let excerpt: String = description.chars().take(EXCERPT_CHARS).collect();
    let excerpt = if description.chars().count() > EXCERPT_CHARS {
        format!("{}…", excerpt.trim_end())
    } else {
        excerpt
    };
    Doc {
        lang,
        href,
        title: title.to_string(),
        area: area_name,
        excerpt,
        terms,
    }
}

/// The search page's view: where the index and the script are, and the pages to point to
/// without script.
#[derive(Serialize)]
pub struct SearchView {
    /// The folder of this language's index, like `/search/th/`.
    pub index: String,
    pub script: String,
    pub areas_href: String,
    pub faq_href: String,
}

pub fn view(site: &Site, theme: &Theme, lang: Lang) -> SearchView {
    let base = site.config.base_path();
    SearchView {
        index: format!("{base}search/{}/", lang.code()),
        script: format!("{base}assets/{}", theme.assets.name(SCRIPT)),
        areas_href: href(site, lang, &Route::one(Kind::Areas).rel(site)),
        faq_href: href(site, lang, &Route::one(Kind::Faq).rel(site)),
    }
}

/// The search script in the theme's `static/` folder.
pub const SCRIPT: &str = "search.js";

/// A language's index head: everything a query reads first.
#[derive(Serialize)]
struct Head {
    /// Shard key → file name (without `.json`), longest keys first, for the script.
    shards: Vec<(String, String)>,
    /// How many pages there are, and how many each `pages-<n>.json` lists.
    pages: usize,
    per: usize,
}

/// Pages per page-list file: a query fetches the files of the results it shows only.
const PAGES_PER_FILE: usize = 200;

/// A shard's file name: the key's code points in hex (`0e01`, `0e01-0e32`, `0063`).
fn shard_name(key: &str) -> String {
    key.chars()
        .map(|c| format!("{:04x}", c as u32))
        .collect::<Vec<_>>()
        .join("-")
}

/// What the index of all languages came to, for the build summary.
#[derive(Debug, Default, Clone, Copy)]
pub struct IndexCounts {
    pub terms: usize,
    pub bytes: usize,
}

type Postings = BTreeMap<String, Vec<(usize, u32)>>;

fn shard_json(terms: &Postings) -> String {
    let map: BTreeMap<&str, Vec<u32>> = terms
        .iter()
        .map(|(t, ps)| {
            (
                t.as_str(),
                ps.iter().flat_map(|&(p, w)| [p as u32, w]).collect(),
            )
        })
        .collect();
    serde_json::to_string(&map).unwrap_or_default()
}

/// Split the words into shards by their first character, and a large shard again by the
/// next character (a word that ends at the key stays in the shorter shard).
fn shards(terms: Postings, depth: usize, key: String, out: &mut Vec<(String, String)>) {
    let json = shard_json(&terms);
    if json.len() <= SHARD_SPLIT || depth >= 3 {
        out.push((key, json));
        return;
    }
    let mut by_next: BTreeMap<String, Postings> = BTreeMap::new();
    let mut here = Postings::new();
    for (t, ps) in terms {
        match t.chars().nth(depth) {
            Some(_) => {
                let k: String = t.chars().take(depth + 1).collect();
                by_next.entry(k).or_default().insert(t, ps);
            }
            None => {
                here.insert(t, ps);
            }
        }
    }
    if !here.is_empty() || depth == 0 {
        out.push((key, shard_json(&here)));
    }
    for (k, ts) in by_next {
        shards(ts, depth + 1, k, out);
    }
}

/// The index files of every language: `(path, text)`, in a fixed order.
pub fn files(site: &Site, docs: &[Doc]) -> (Vec<(String, String)>, IndexCounts) {
    let mut files = Vec::new();
    let mut counts = IndexCounts::default();
    for &lang in &site.config.languages {
        let docs: Vec<&Doc> = docs.iter().filter(|d| d.lang == lang).collect();
        let mut postings = Postings::new();
        for (i, d) in docs.iter().enumerate() {
            for (t, &w) in &d.terms {
                postings.entry(t.clone()).or_default().push((i, w));
            }
        }
        counts.terms += postings.len();
        let mut by_first: BTreeMap<String, Postings> = BTreeMap::new();
        for (t, ps) in postings {
            let k: String = t.chars().take(1).collect();
            by_first.entry(k).or_default().insert(t, ps);
        }
        let mut all = Vec::new();
        for (k, ts) in by_first {
            shards(ts, 1, k, &mut all);
        }
        let dir = format!("search/{}/", lang.code());
        let mut keys: Vec<(String, String)> = all
            .iter()
            .map(|(k, _)| (k.clone(), shard_name(k)))
            .collect();
        keys.sort_by(|a, b| {
            b.0.chars()
                .count()
                .cmp(&a.0.chars().count())
                .then(a.0.cmp(&b.0))
        });
        for (k, json) in all {
            counts.bytes += json.len();
            files.push((format!("{dir}{}.json", shard_name(&k)), json));
        }
        let head = Head {
            shards: keys,
            pages: docs.len(),
            per: PAGES_PER_FILE,
        };
        let json = serde_json::to_string(&head).unwrap_or_default();
        counts.bytes += json.len();
        files.push((format!("{dir}index.json"), json));
        // `[href, title, area, excerpt]` per page; postings point into these lists.
        for (n, chunk) in docs.chunks(PAGES_PER_FILE).enumerate() {
            let list: Vec<[&str; 4]> = chunk
                .iter()
                .map(|d| {
                    [
                        d.href.as_str(),
                        d.title.as_str(),
                        d.area.as_str(),
                        d.excerpt.as_str(),
                    ]
                })
                .collect();
            let json = serde_json::to_string(&list).unwrap_or_default();
            counts.bytes += json.len();
            files.push((format!("{dir}pages-{n}.json"), json));
        }
    }
    (files, counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_is_cut_into_dictionary_words() {
        assert_eq!(
            words("การพัฒนาเศรษฐกิจฐานรากที่เชียงใหม่"),
            ["การ", "พัฒนา", "เศรษฐกิจ", "ฐานราก", "ที่", "เชียงใหม่"]
        );
        assert_eq!(
            words("Chon Buri, 1,886 groups."),
            ["chon", "buri", "1,886", "groups"]
        );
    }

    #[test]
    fn text_leaves_out_tags_and_drawings() {
        assert_eq!(
            visible_text("<p>a &amp; <b>b</b></p><svg><text>x</text></svg><p>c</p>"),
            "a & b c"
        );
    }

    #[test]
    fn multi_word_names_have_a_one_word_spelling() {
        assert_eq!(joined("Chon Buri").as_deref(), Some("chonburi"));
        assert_eq!(joined("Bangkok"), None);
    }
}
