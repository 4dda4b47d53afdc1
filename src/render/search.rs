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
//! it is large, and page lists of 50 pages each (`search/<lang>/pages-<n>.json`), so a query
//! downloads the head, the shards of its words and the page lists of the results it shows.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Mutex, OnceLock};

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

/// A word on more than this share of a language's pages (and on more than
/// [`COMMON_MIN`] pages) keeps only the pages that have it in their title or area name: on a
/// large site such a word says nothing about a page's body, and its list would be most of
/// the download.
const COMMON_SHARE: usize = 4;
const COMMON_MIN: usize = 100;

/// A shard larger than this (bytes of JSON) is split by the words' next character.
const SHARD_SPLIT: usize = 24_000;

/// Characters of a page's description kept as its excerpt.
const EXCERPT_CHARS: usize = 160;

fn segmenter() -> &'static icu_segmenter::WordSegmenterBorrowed<'static> {
    static SEG: OnceLock<icu_segmenter::WordSegmenterBorrowed<'static>> = OnceLock::new();
    SEG.get_or_init(|| WordSegmenter::new_dictionary(WordBreakInvariantOptions::default()))
}

/// Call `f` with each word of `text`: dictionary segmentation for Thai, Unicode word rules
/// otherwise; punctuation and spaces are left out. Give it lower-cased text.
fn each_word<'t>(text: &'t str, mut f: impl FnMut(&'t str)) {
    let mut iter = segmenter().segment_str(text);
    let mut last = 0;
    while let Some(at) = iter.next() {
        if at > last && iter.is_word_like() {
            let w = text[last..at].trim();
            if !w.is_empty() {
                f(w);
            }
        }
        last = at;
    }
}

/// `text` as the index spells it: lower-case, Thai digits as ASCII digits (a page with Thai
/// digits is found by `1886`, and the script spells queries the same way).
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '๐'..='๙' => char::from(b'0' + (c as u32 - '๐' as u32) as u8),
            c => c,
        })
        .collect()
}

/// The words of `text`, folded (see [`fold`]).
pub fn words(text: &str) -> Vec<String> {
    let lower = fold(text);
    let mut out = Vec::new();
    each_word(&lower, |w| out.push(w.to_string()));
    out
}

/// The visible text of an HTML fragment: tags dropped (and what is inside `<svg>`, `<script>`
/// and `<style>`), the common entities decoded.
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
    if !out.contains('&') {
        return out;
    }
    let mut decoded = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(amp) = rest.find('&') {
        decoded.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let entity = ENTITIES.iter().find(|(e, _)| tail.starts_with(e));
        match entity {
            Some((e, c)) => {
                decoded.push_str(c);
                rest = &tail[e.len()..];
            }
            None => {
                decoded.push('&');
                rest = &tail[1..];
            }
        }
    }
    decoded.push_str(rest);
    decoded
}

/// The character references the templates and Markdown write.
const ENTITIES: [(&str, &str); 7] = [
    ("&amp;", "&"),
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&quot;", "\""),
    ("&#39;", "'"),
    ("&#x27;", "'"),
    ("&nbsp;", " "),
];

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

/// A page as its search result shows it.
struct Listed {
    /// The page's place in the render order, which gives its number in the index.
    order: usize,
    /// `[href, title, area names, excerpt]`.
    fields: [String; 4],
}

/// One language's index while pages are rendered: the pages and, for each word, the pages it
/// is on (by render order) with a weight.
#[derive(Default)]
struct Collected {
    pages: Vec<Listed>,
    postings: HashMap<String, Vec<(u32, u32)>>,
}

/// Collects the index as pages are rendered (from any thread); [`Collector::files`] writes it.
pub struct Collector {
    langs: Vec<(Lang, Mutex<Collected>)>,
}

/// What a page is, for the index.
pub struct PageInfo<'a> {
    pub lang: Lang,
    /// Its place in the render order.
    pub order: usize,
    pub href: &'a str,
    pub title: &'a str,
    /// The page's meta description, shown as its excerpt.
    pub description: &'a str,
    /// The page's area, if it is an area page.
    pub area: Option<usize>,
}

impl Collector {
    pub fn new(site: &Site) -> Collector {
        Collector {
            langs: site
                .config
                .languages
                .iter()
                .map(|&l| (l, Mutex::default()))
                .collect(),
        }
    }

    /// Add a rendered page: its words are counted here and only they are kept.
    pub fn add(&self, site: &Site, page: PageInfo, html: &str) {
        let Some((_, collected)) = self.langs.iter().find(|(l, _)| *l == page.lang) else {
            return;
        };
        let body = fold(&visible_text(main_html(html)));
        let mut terms: HashMap<&str, u32> = HashMap::new();
        each_word(&body, |w| {
            let e = terms.entry(w).or_default();
            *e = (*e + 1).min(BODY_MAX);
        });
        let mut area_names = String::new();
        let mut extra = String::new();
        if let Some(a) = page.area.and_then(|i| site.areas.get(i)) {
            // Shown under the result: its names in the page's language first, then the
            // others and the aliases, so a match in another script or an alias shows.
            let mut shown: Vec<&str> = vec![a.name.get(page.lang)];
            for (_, name) in a.name.iter() {
                shown.push(name);
            }
            shown.extend(a.aliases.iter().map(String::as_str));
            let mut seen = BTreeSet::new();
            shown.retain(|n| seen.insert(*n));
            area_names = shown.join(" · ");
            // Indexed: every name, and each multi-word one as one word (Chon Buri → chonburi).
            extra = shown
                .iter()
                .flat_map(|n| [n.to_string(), joined(n).unwrap_or_default()])
                .collect::<Vec<_>>()
                .join(" \n ");
            extra = fold(&extra);
        }
        let mut area_words: BTreeSet<&str> = BTreeSet::new();
        each_word(&extra, |w| {
            area_words.insert(w);
        });
        for w in area_words {
            *terms.entry(w).or_default() += AREA;
        }
        let title = fold(page.title);
        let mut title_words: BTreeSet<&str> = BTreeSet::new();
        each_word(&title, |w| {
            title_words.insert(w);
        });
        for w in title_words {
            *terms.entry(w).or_default() += TITLE;
        }
        let excerpt: String = page.description.chars().take(EXCERPT_CHARS).collect();
        let excerpt = if page.description.chars().count() > EXCERPT_CHARS {
            format!("{}…", excerpt.trim_end())
        } else {
            excerpt
        };
        let order = page.order as u32;
        let mut c = match collected.lock() {
            Ok(c) => c,
            Err(poisoned) => poisoned.into_inner(),
        };
        c.pages.push(Listed {
            order: page.order,
            fields: [
                page.href.to_string(),
                page.title.to_string(),
                area_names,
                excerpt,
            ],
        });
        for (t, w) in terms {
            match c.postings.get_mut(t) {
                Some(p) => p.push((order, w)),
                None => {
                    c.postings.insert(t.to_string(), vec![(order, w)]);
                }
            }
        }
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
const PAGES_PER_FILE: usize = 50;

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

/// Word → `(page number, weight)`, pages in order.
type Postings = BTreeMap<String, Vec<(u32, u32)>>;

/// About how many bytes a word's entry takes in a shard, to decide splits without writing.
fn entry_size(term: &str, postings: &[(u32, u32)]) -> usize {
    term.len() + 6 + postings.len() * 10
}

fn shard_json(terms: &Postings) -> String {
    let map: BTreeMap<&str, Vec<u32>> = terms
        .iter()
        .map(|(t, ps)| (t.as_str(), ps.iter().flat_map(|&(p, w)| [p, w]).collect()))
        .collect();
    serde_json::to_string(&map).unwrap_or_default()
}

/// Split the words into shards by their first character, and a large shard again by the
/// next character (a word that ends at the key stays in the shorter shard).
fn shards(terms: Postings, depth: usize, key: String, out: &mut Vec<(String, Postings)>) {
    let size: usize = terms.iter().map(|(t, p)| entry_size(t, p)).sum();
    if size <= SHARD_SPLIT || depth >= 3 {
        out.push((key, terms));
        return;
    }
    let mut by_next: BTreeMap<String, Postings> = BTreeMap::new();
    let mut here = Postings::new();
    for (t, ps) in terms {
        if t.chars().nth(depth).is_some() {
            let k: String = t.chars().take(depth + 1).collect();
            by_next.entry(k).or_default().insert(t, ps);
        } else {
            here.insert(t, ps);
        }
    }
    if !here.is_empty() {
        out.push((key, here));
    }
    for (k, ts) in by_next {
        shards(ts, depth + 1, k, out);
    }
}

impl Collector {
    /// Take out the pages at `orders` (in every language), so they can be added again after
    /// an edit (`tanrak serve`): their entries in the page list and their words.
    pub fn remove(&self, orders: &[usize]) {
        let gone: std::collections::HashSet<u32> = orders.iter().map(|&o| o as u32).collect();
        for (_, collected) in &self.langs {
            let mut c = match collected.lock() {
                Ok(c) => c,
                Err(poisoned) => poisoned.into_inner(),
            };
            c.pages.retain(|p| !gone.contains(&(p.order as u32)));
            c.postings.retain(|_, ps| {
                ps.retain(|(o, _)| !gone.contains(o));
                !ps.is_empty()
            });
        }
    }

    /// The index files of every language, `(path, text)` in a fixed order, and their counts.
    /// The collector stays as it is, so pages can be replaced and the files written again.
    pub fn files(&self) -> (Vec<(String, String)>, IndexCounts) {
        let mut files = Vec::new();
        let mut counts = IndexCounts::default();
        for (lang, collected) in &self.langs {
            let lang = *lang;
            let c = match collected.lock() {
                Ok(c) => c,
                Err(poisoned) => poisoned.into_inner(),
            };
            // Pages are numbered in render order, whatever order the threads added them in.
            let mut pages: Vec<&Listed> = c.pages.iter().collect();
            pages.sort_by_key(|p| p.order);
            let number: HashMap<u32, u32> = pages
                .iter()
                .enumerate()
                .map(|(i, p)| (p.order as u32, i as u32))
                .collect();
            let mut by_first: BTreeMap<String, Postings> = BTreeMap::new();
            let common = (pages.len() / COMMON_SHARE).max(COMMON_MIN);
            for (t, ps) in &c.postings {
                let mut ps = ps.clone();
                let t = t.clone();
                if ps.len() > common {
                    ps.retain(|&(_, w)| w >= AREA);
                    if ps.is_empty() {
                        continue;
                    }
                }
                for p in &mut ps {
                    p.0 = number[&p.0];
                }
                ps.sort_unstable();
                counts.terms += 1;
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
            for (k, terms) in all {
                let json = shard_json(&terms);
                counts.bytes += json.len();
                files.push((format!("{dir}{}.json", shard_name(&k)), json));
            }
            let head = Head {
                shards: keys,
                pages: pages.len(),
                per: PAGES_PER_FILE,
            };
            let json = serde_json::to_string(&head).unwrap_or_default();
            counts.bytes += json.len();
            files.push((format!("{dir}index.json"), json));
            // `[href, title, area, excerpt]` per page; postings point into these lists.
            for (n, chunk) in pages.chunks(PAGES_PER_FILE).enumerate() {
                let list: Vec<&[String; 4]> = chunk.iter().map(|p| &p.fields).collect();
                let json = serde_json::to_string(&list).unwrap_or_default();
                counts.bytes += json.len();
                files.push((format!("{dir}pages-{n}.json"), json));
            }
        }
        (files, counts)
    }
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
            words("Chon Buri, 1,886 groups, ๑,๘๘๖ กลุ่ม."),
            ["chon", "buri", "1,886", "groups", "1,886", "กลุ่ม"]
        );
    }

    #[test]
    fn text_leaves_out_tags_and_drawings() {
        assert_eq!(
            visible_text("<p>a &amp; <b>b</b></p><svg><text>x</text></svg><p>c &x</p>")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["a", "&", "b", "c", "&x"]
        );
    }

    #[test]
    fn multi_word_names_have_a_one_word_spelling() {
        assert_eq!(joined("Chon Buri").as_deref(), Some("chonburi"));
        assert_eq!(joined("Bangkok"), None);
    }
}
