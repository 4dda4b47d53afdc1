//! The site search index: the words of every page, per language, written at build time so a
//! static host can serve search.
//!
//! Thai has no spaces between words, so text is cut into words with ICU's dictionary word
//! segmenter, which gives the same words as the browser's `Intl.Segmenter` that the search
//! script uses on the query. Other scripts follow the ordinary Unicode word rules, lower-cased.
//!
//! Pages are indexed as they are rendered: each page gives its title, its area's names (in
//! every language and spelling) and the words of its `<main>` (less what the theme marks
//! with [`SKIP_ATTRIBUTE`]), and only the words and their weights are kept, never the page's
//! text. The index of a language is a small head
//! (`search/<lang>/index.json`: the shards and the page count), shards of words by their first
//! character (`search/<lang>/<shard>.json`), a shard split further by the next character when
//! it is large, and page lists of 50 pages each (`search/<lang>/pages-<n>.json`), so a query
//! downloads the head, the shards of its words and the page lists of the results it shows.
//! A typo lexicon (`near.json`, `s-<key>.json`, `e-<key>.json`: the words without their pages,
//! filed by their first and by their last characters) lets the script find a word one edit
//! away, wherever the edit is, reading it only for a word the index lacks.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::rc::Rc;
use std::sync::{Mutex, OnceLock};

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;
use memchr::{memchr, memmem, memrchr2};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet, FxHasher};
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

/// The typo lexicon: a word of `n` characters is filed under at most `(n - 1) / 2` of its
/// first characters and as many of its last ones (at least 1, at most this many).
const NEAR_DEPTH: usize = 3;

/// A lexicon file larger than this (bytes of JSON) is split by the words' next character
/// inward, as far as [`near_key_max`] lets each word go.
const NEAR_SPLIT: usize = 6_000;

/// Characters of a page's description kept as its excerpt.
const EXCERPT_CHARS: usize = 160;

fn segmenter() -> &'static icu_segmenter::WordSegmenterBorrowed<'static> {
    static SEG: OnceLock<icu_segmenter::WordSegmenterBorrowed<'static>> = OnceLock::new();
    SEG.get_or_init(|| WordSegmenter::new_dictionary(WordBreakInvariantOptions::default()))
}

/// Call `f` with each word of `text`: dictionary segmentation for Thai, Unicode word rules
/// otherwise; punctuation and spaces are left out. Give it lower-cased text.
///
/// ICU gives the words, but two things make it cheaper. The text is cut into pieces before
/// each ASCII character or Thai letter (a consonant or a leading vowel) that follows ASCII
/// white space: ICU always breaks there (nothing joins white space to what follows it but a
/// combining mark, and it cuts a run of Thai on its own) and none of its rules looks across
/// white space, so each piece has the words it would have in the whole text. Then most
/// pieces are plain ASCII (English, figures), and ICU's rules for those are few:
/// [`ascii_words`] applies them by hand. The other pieces, Thai mostly, are cut by ICU and
/// remembered ([`PieceCache`]). The test
/// `words_of_pieces_are_the_words_icu_gives` checks all this against ICU alone.
fn each_word<'t>(text: &'t str, mut f: impl FnMut(&'t str)) {
    let bytes = text.as_bytes();
    let starts_piece =
        |c: char| (c.is_ascii() && !c.is_ascii_whitespace()) || matches!(c, 'ก'..='ฮ' | 'เ'..='ไ');
    let mut piece = 0;
    for i in 1..bytes.len() {
        if bytes[i - 1].is_ascii_whitespace() && text[i..].starts_with(starts_piece) {
            piece_words(&text[piece..i], &mut f);
            piece = i;
        }
    }
    piece_words(&text[piece..], &mut f);
}

/// The words of a piece of text (see [`each_word`]).
fn piece_words<'t>(piece: &'t str, f: &mut impl FnMut(&'t str)) {
    if piece.is_ascii() {
        ascii_words(piece, f);
        return;
    }
    PIECES.with_borrow_mut(|cache| {
        if let Some(words) = cache.words.get(piece) {
            for &(start, end) in words {
                f(&piece[start as usize..end as usize]);
            }
            return;
        }
        let mut words = Vec::new();
        icu_words(piece, |start, end| {
            f(&piece[start..end]);
            words.push((start as u32, end as u32));
        });
        if cache.bytes + piece.len() > PIECES_BYTES {
            cache.words.clear();
            cache.bytes = 0;
        }
        cache.bytes += piece.len() + 8 * words.len();
        cache.words.insert(piece.into(), words.into());
    });
}

/// The words of pieces of text that are not plain ASCII (see [`each_word`]), by the piece, as
/// byte ranges in it: a phrase that recurs (between the names and figures of a generated
/// sentence, in a table's labels) goes through ICU's dictionary once per thread, not once
/// per page.
#[derive(Default)]
struct PieceCache {
    words: HashMap<Box<str>, Box<[(u32, u32)]>>,
    bytes: usize,
}

/// Bytes of text and word ranges a thread's [`PieceCache`] keeps (its table takes about half
/// as much again); when full it starts again.
const PIECES_BYTES: usize = 1_000_000;

thread_local! {
    static PIECES: RefCell<PieceCache> = RefCell::default();
}

/// Call `f` with where each word of `text` starts and ends, by ICU alone.
fn icu_words(text: &str, mut f: impl FnMut(usize, usize)) {
    if text.is_empty() {
        return;
    }
    let mut iter = segmenter().segment_str(text);
    let mut last = 0;
    while let Some(at) = iter.next() {
        if at > last && iter.is_word_like() {
            let segment = &text[last..at];
            let start = last + segment.len() - segment.trim_start().len();
            let end = last + segment.trim_end().len();
            if start < end {
                f(start, end);
            }
        }
        last = at;
    }
}

/// The words ICU finds in ASCII text (Unicode's word rules, UAX #29): runs of letters,
/// digits and `_`, where a run also goes on over one `.`, `'` or `:` between two letters,
/// and over one `.`, `'`, `,` or `;` between two digits (`don't`, `e.g`, `1,886.5`). ICU
/// counts a run as a word however it ends, and nothing else in ASCII as one.
fn ascii_words<'t>(text: &'t str, f: &mut impl FnMut(&'t str)) {
    let bytes = text.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let joins = |before: u8, mid: u8, after: u8| {
        let letters = before.is_ascii_alphabetic() && after.is_ascii_alphabetic();
        let digits = before.is_ascii_digit() && after.is_ascii_digit();
        match mid {
            b'.' | b'\'' => letters || digits,
            b':' => letters,
            b',' | b';' => digits,
            _ => false,
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        if !word(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        loop {
            while i < bytes.len() && word(bytes[i]) {
                i += 1;
            }
            match bytes.get(i..i + 2) {
                Some(&[mid, after]) if joins(bytes[i - 1], mid, after) => i += 2,
                _ => break,
            }
        }
        f(&text[start..i]);
    }
}

/// `text` as the index spells it: lower-case, Thai digits as ASCII digits (a page with Thai
/// digits is found by `1886`, and the script spells queries the same way).
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(&mut out, text);
    out
}

/// Append `text` to `out` as [`fold`] spells it (character by character). Text with no
/// capital letters and no Thai digits (most of it: Thai has no case) is copied in runs.
fn fold_into(out: &mut String, text: &str) {
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
        return;
    }
    let mut copied = 0;
    for (at, c) in text.char_indices() {
        match c {
            'A'..='Z' => out.push_str(&text[copied..at]),
            '๐'..='๙' => out.push_str(&text[copied..at]),
            // Thai letters and marks, and the rest of ASCII, have no lower case.
            '\0'..='\x7f' | '\u{0e00}'..='\u{0e7f}' => continue,
            c => {
                let mut lower = c.to_lowercase();
                if lower.len() == 1 && lower.next() == Some(c) {
                    continue;
                }
                out.push_str(&text[copied..at]);
            }
        }
        out.extend(char::to_lowercase(c).map(|c| match c {
            '๐'..='๙' => char::from(b'0' + (c as u32 - '๐' as u32) as u8),
            c => c,
        }));
        copied = at + c.len_utf8();
    }
    out.push_str(&text[copied..]);
}

/// The words of `text`, folded (see [`fold`]).
pub fn words(text: &str) -> Vec<String> {
    let lower = fold(text);
    let mut out = Vec::new();
    each_word(&lower, |w| out.push(w.to_string()));
    out
}

/// The attribute that keeps an element and everything in it out of the index (see
/// `docs/themes.md`): the built-in theme puts it on what repeats the page's figures or
/// describes every area alike (an area's comparison with the others, a chart's table).
pub const SKIP_ATTRIBUTE: &str = "data-search-skip";

/// Call `f` with each run of text between the tags of an HTML fragment, leaving out what is
/// inside `<svg>`, `<script>`, `<style>` and any element with [`SKIP_ATTRIBUTE`]. Entities
/// are not decoded (see [`decode`]). A tag runs from a `<` to the first `>` after it.
fn text_nodes<'h>(html: &'h str, mut f: impl FnMut(&'h str)) {
    let bytes = html.as_bytes();
    // Where the skip attribute is written, found in one pass over the fragment rather than
    // looked for in each tag: the next one not yet passed.
    let mut marks = skip_finder().find_iter(bytes).peekable();
    // Always where text may start: a `<` from here on opens a tag.
    let mut at = 0;
    while let Some(lt) = memchr(b'<', &bytes[at..]).map(|i| at + i) {
        if lt > at {
            f(&html[at..lt]);
        }
        let Some(end) = memchr(b'>', &bytes[lt..]).map(|i| lt + i) else {
            return;
        };
        let after = end + 1;
        let name = element_name(&html[lt..]);
        // Raw text and drawings: to their close tag, whatever is in them.
        let raw_end = RAW_CLOSE
            .iter()
            .position(|close| close[2..close.len() - 1].eq_ignore_ascii_case(name));
        let mut skip = false;
        while let Some(&mark) = marks.peek() {
            if mark >= end {
                break;
            }
            marks.next();
            skip |= mark > lt && is_skip_attribute(&bytes[lt..end], mark - lt);
        }
        let next = match raw_end {
            Some(i) => raw_close_finders()[i]
                .find(&bytes[after..])
                .map(|at| after + at + RAW_CLOSE[i].len()),
            None if !name.is_empty() && skip => skip_element(html, after, name),
            None => Some(after),
        };
        let Some(next) = next else {
            return;
        };
        // Marks inside what was left out are passed.
        while marks.next_if(|&mark| mark < next).is_some() {}
        at = next;
    }
    if at < html.len() {
        f(&html[at..]);
    }
}

/// The close tags of the elements whose content is never text (drawings, scripts, styles).
const RAW_CLOSE: [&str; 3] = ["</svg>", "</script>", "</style>"];

/// A searcher for each of [`RAW_CLOSE`], in its order.
fn raw_close_finders() -> &'static [memmem::Finder<'static>; 3] {
    static FINDERS: OnceLock<[memmem::Finder<'static>; 3]> = OnceLock::new();
    FINDERS.get_or_init(|| RAW_CLOSE.map(memmem::Finder::new))
}

/// A searcher for [`SKIP_ATTRIBUTE`].
fn skip_finder() -> &'static memmem::Finder<'static> {
    static FINDER: OnceLock<memmem::Finder<'static>> = OnceLock::new();
    FINDER.get_or_init(|| memmem::Finder::new(SKIP_ATTRIBUTE))
}

/// Whether a byte continues an element name (see [`element_name`]).
fn name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// The element name of an opening tag (`<section class="x">` → `section`); empty for a
/// closing tag, a comment or a doctype.
fn element_name(tag: &str) -> &str {
    let name = &tag[1..];
    let len = name
        .bytes()
        .position(|b| !name_byte(b))
        .unwrap_or(name.len());
    &name[..len]
}

/// Whether [`SKIP_ATTRIBUTE`], found at `at` in an opening tag (without its `>`), is that
/// attribute: after white space, and not the start of a longer name.
fn is_skip_attribute(open: &[u8], at: usize) -> bool {
    at > 0
        && open[at - 1].is_ascii_whitespace()
        && matches!(
            open.get(at + SKIP_ATTRIBUTE.len()),
            None | Some(b'=' | b'/') | Some(b' ' | b'\t' | b'\n')
        )
}

/// Where the element `name` whose content starts at `from` ends (just after the close tag
/// that balances it, counting nested elements of the same name, in any case); `None` if it
/// never ends.
///
/// Only the tags named `name` matter here, so it looks at each `<` or `</` followed by the
/// name, and checks that such a `<` opens a tag rather than sits in another tag's
/// attribute: it does when the `<` or `>` nearest before it is a `>`.
fn skip_element(html: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut depth = 1;
    // Where text may start: no tag is open here.
    let mut text = from;
    let mut at = from;
    while let Some(lt) = memchr(b'<', &bytes[at..]).map(|i| at + i) {
        at = lt + 1;
        let closing = bytes.get(lt + 1) == Some(&b'/');
        let start = lt + 1 + usize::from(closing);
        let named = bytes
            .get(start..start + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        let longer = bytes
            .get(start + name.len())
            .copied()
            .is_some_and(name_byte);
        if !named || longer {
            continue;
        }
        let opens_tag =
            memrchr2(b'<', b'>', &bytes[text..lt]).is_none_or(|i| bytes[text + i] == b'>');
        if !opens_tag {
            continue;
        }
        let end = lt + memchr(b'>', &bytes[lt..])?;
        if closing {
            depth -= 1;
            if depth == 0 {
                return Some(end + 1);
            }
        } else if bytes[end - 1] != b'/' {
            depth += 1;
        }
        text = end + 1;
        at = end + 1;
    }
    None
}

/// Append a text node to `out` with the common character references decoded, the text
/// between them through `push`.
fn decode_into(out: &mut String, text: &str, push: impl Fn(&mut String, &str)) {
    let mut rest = text;
    while let Some(amp) = memchr(b'&', rest.as_bytes()) {
        push(out, &rest[..amp]);
        let tail = &rest[amp..];
        let entity = ENTITIES.iter().find(|(e, _)| tail.starts_with(e));
        match entity {
            Some((e, c)) => {
                out.push_str(c);
                rest = &tail[e.len()..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    push(out, rest);
}

/// The visible text of an HTML fragment: its text nodes, decoded, a space between them.
#[cfg(test)]
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    text_nodes(html, |t| {
        decode_into(&mut out, t, String::push_str);
        out.push(' ');
    });
    out
}

/// The words of text nodes that recur from page to page (a page template's headings,
/// notices, chart captions and table labels repeat on every page of a kind), so each is cut
/// into words once per thread rather than once per page. A node is kept when a second page
/// has it; nodes seen on one page are remembered only by a hash. Keeping or not changes no
/// word, only the time.
#[derive(Default)]
struct NodeCache {
    seen: HashSet<u64>,
    /// A kept node's words, by its hash (with the node, as hashes may collide).
    words: HashMap<u64, (Box<str>, NodeWords)>,
    bytes: usize,
}

/// The words of a kept text node, shared with the pages that have it.
type NodeWords = Rc<[Box<str>]>;

/// Bounds of a thread's [`NodeCache`]: nodes remembered by hash, and bytes of text kept.
const NODES_SEEN: usize = 200_000;
const NODES_BYTES: usize = 2_000_000;

thread_local! {
    static NODES: RefCell<NodeCache> = RefCell::default();
}

/// Put the words of recurring nodes of `html`'s text in `known` (a list per node) and return
/// the folded text of the other nodes, for the caller to cut into words.
fn body_words(html: &str, known: &mut Vec<NodeWords>) -> String {
    let mut fresh = String::new();
    let mut on_page = HashSet::default();
    NODES.with_borrow_mut(|cache| {
        text_nodes(html, |node| {
            if node.trim().is_empty() {
                return;
            }
            let mut hasher = FxHasher::default();
            node.hash(&mut hasher);
            let hash = hasher.finish();
            if let Some((kept, words)) = cache.words.get(&hash)
                && **kept == *node
            {
                known.push(words.clone());
                return;
            }
            // Seen before on this page, or on no other page: cut here, not kept.
            let new_here = on_page.insert(hash);
            let elsewhere = new_here && !cache.seen.insert(hash);
            if !elsewhere || cache.bytes + node.len() > NODES_BYTES {
                if cache.seen.len() > NODES_SEEN {
                    cache.seen.clear();
                }
                decode_into(&mut fresh, node, fold_into);
                fresh.push(' ');
                return;
            }
            let start = fresh.len();
            decode_into(&mut fresh, node, fold_into);
            let mut words = Vec::new();
            each_word(&fresh[start..], |w| words.push(Box::<str>::from(w)));
            fresh.truncate(start);
            let words: NodeWords = words.into();
            cache.bytes += node.len() + 40 * words.len();
            known.push(words.clone());
            cache.words.insert(hash, (node.into(), words));
        });
    });
    fresh
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
    struct Finders {
        main: memmem::Finder<'static>,
        main_end: memmem::Finder<'static>,
        h1_end: memmem::Finder<'static>,
        updated: memmem::FinderRev<'static>,
    }
    static FINDERS: OnceLock<Finders> = OnceLock::new();
    let f = FINDERS.get_or_init(|| Finders {
        main: memmem::Finder::new("<main"),
        main_end: memmem::Finder::new("</main>"),
        h1_end: memmem::Finder::new("</h1>"),
        updated: memmem::FinderRev::new("<p class=\"updated\">"),
    });
    let start = f.main.find(html.as_bytes()).unwrap_or(0);
    let end = f
        .main_end
        .find(&html.as_bytes()[start..])
        .map_or(html.len(), |e| start + e);
    let main = &html[start..end];
    let main = match f.h1_end.find(main.as_bytes()) {
        Some(h) => &main[h + 5..],
        None => main,
    };
    match f.updated.rfind(main.as_bytes()) {
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
#[derive(Clone)]
struct Listed {
    /// The page's place in the render order, which gives its number in the index.
    order: usize,
    /// `[href, title, area names, excerpt]`.
    fields: [String; 4],
}

/// One language's index while pages are rendered: the pages and, for each word, the pages it
/// is on (by render order) with a weight.
#[derive(Default, Clone)]
struct Collected {
    pages: Vec<Listed>,
    postings: HashMap<String, Vec<(u32, u32)>>,
    /// In a build, how many pages a word may be on before it is common ([`common`] of the
    /// pages the build will index): a word's postings are cut to its title and area-name
    /// ones as soon as it is on more, as the index would cut them when written, and marked
    /// [`CUT`]. `None` in the preview server, whose pages come and go.
    common: Option<usize>,
    /// The words cut so far, in a small table of their own: most words of a page are common
    /// ones (the template's), and this finds them without a look into `postings`, whose
    /// entries for tens of thousands of words are mostly not in the processor's cache.
    cut: HashSet<Box<str>>,
    /// Once pages are taken out ([`Collector::remove`]): the postings of each word taken
    /// out, and those added back since the index was last written. Only the words whose
    /// postings differ have their files written again.
    touched: Option<HashMap<String, Swap>>,
}

/// A word's postings taken out of the index, and added back.
#[derive(Default, Clone)]
struct Swap {
    out: Vec<(u32, u32)>,
    back: Vec<(u32, u32)>,
}

impl Swap {
    fn changes(mut self) -> bool {
        self.out.sort_unstable();
        self.back.sort_unstable();
        self.out != self.back
    }
}

/// Collects the index as pages are rendered (from any thread); [`Collector::write`] writes it.
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

    /// A build's collector, for the `pages` it will index (each page's language): the
    /// postings of a common word are cut as they grow, not all held until written.
    pub fn for_build(site: &Site, pages: impl Iterator<Item = Lang>) -> Collector {
        let mut counts: Vec<(Lang, usize)> =
            site.config.languages.iter().map(|&l| (l, 0)).collect();
        for lang in pages {
            if let Some((_, n)) = counts.iter_mut().find(|(l, _)| *l == lang) {
                *n += 1;
            }
        }
        Collector {
            langs: counts
                .into_iter()
                .map(|(l, n)| {
                    let collected = Collected {
                        common: Some(common(n)),
                        ..Collected::default()
                    };
                    (l, Mutex::new(collected))
                })
                .collect(),
        }
    }

    /// Add a rendered page: its words are counted here and only they are kept.
    pub fn add(&self, site: &Site, page: PageInfo, html: &str) {
        let Some((_, collected)) = self.langs.iter().find(|(l, _)| *l == page.lang) else {
            return;
        };
        let mut known = Vec::new();
        let body = body_words(main_html(html), &mut known);
        // A page has a few hundred words: room for them at once rather than growing.
        let mut terms: HashMap<&str, u32> =
            HashMap::with_capacity_and_hasher(512, Default::default());
        each_word(&body, |w| *terms.entry(w).or_default() += 1);
        for w in known.iter().flat_map(|words| words.iter()) {
            *terms.entry(w).or_default() += 1;
        }
        for n in terms.values_mut() {
            *n = (*n).min(BODY_MAX);
        }
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
        let listed = Listed {
            order: page.order,
            fields: [
                page.href.to_string(),
                page.title.to_string(),
                area_names,
                excerpt,
            ],
        };
        insert(collected, listed, terms);
    }
}

/// Put a page and its words with their weights in a language's index.
fn insert(collected: &Mutex<Collected>, page: Listed, terms: HashMap<&str, u32>) {
    let order = page.order as u32;
    let mut c = match collected.lock() {
        Ok(c) => c,
        Err(poisoned) => poisoned.into_inner(),
    };
    c.pages.push(page);
    if let Some(touched) = &mut c.touched {
        for (t, w) in &terms {
            touched
                .entry(t.to_string())
                .or_default()
                .back
                .push((order, *w));
        }
    }
    let Collected {
        postings,
        common,
        cut,
        ..
    } = &mut *c;
    for (t, w) in terms {
        // Only a title or area-name page is kept for a common word.
        if w < AREA && cut.contains(t) {
            continue;
        }
        match postings.get_mut(t) {
            // A common word keeps only its title and area-name pages.
            Some(p) if p.first() == Some(&CUT) => {
                if w >= AREA {
                    p.push((order, w));
                }
            }
            Some(p) => {
                p.push((order, w));
                if let Some(common) = *common
                    && p.len() > common
                {
                    p.retain(|&(_, w)| w >= AREA);
                    p.insert(0, CUT);
                    p.shrink_to_fit();
                    cut.insert(t.into());
                }
            }
            None => {
                postings.insert(t.to_string(), vec![(order, w)]);
            }
        }
    }
}

/// The first posting of a word found common while a build collects (see
/// [`Collected::common`]); no page has this number.
const CUT: (u32, u32) = (u32::MAX, u32::MAX);

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
    /// The shards' keys, longest first; a shard's file is its key's code points in hex
    /// ([`shard_name`]).
    shards: Vec<String>,
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

/// Whether a word is filed in the typo lexicon by its first characters or by its last ones.
#[derive(Clone, Copy, PartialEq)]
enum End {
    Start,
    Finish,
}

/// How many characters at either end a word may be filed under in the typo lexicon: at most
/// `(n - 1) / 2` of its `n` (at least 1). Then one edit (a letter added, dropped or changed,
/// or two neighbours swapped) always leaves one of its two keys whole: an edit that touches
/// the first `p` characters and the last `s` would need `n >= p + s + 1` characters between
/// them to be in both, and there are not that many.
fn near_key_max(word: &str) -> usize {
    (word.chars().count().saturating_sub(1) / 2).clamp(1, NEAR_DEPTH)
}

/// A word's key of `len` characters at its start or its end.
fn near_key(word: &str, len: usize, end: End) -> String {
    match end {
        End::Start => word.chars().take(len).collect(),
        End::Finish => {
            let n = word.chars().count();
            word.chars().skip(n.saturating_sub(len)).collect()
        }
    }
}

/// Split a lexicon file by the words' next character inward while it is large, each word
/// going no deeper than [`near_key_max`] allows.
fn near_split<'a>(
    words: Vec<&'a str>,
    key: String,
    end: End,
    limit: usize,
    out: &mut Vec<(String, Vec<&'a str>)>,
) {
    let depth = key.chars().count();
    let size: usize = words.iter().map(|w| w.len() + 3).sum();
    if size <= limit || depth >= NEAR_DEPTH {
        out.push((key, words));
        return;
    }
    let mut here = Vec::new();
    let mut deeper: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for w in words {
        if near_key_max(w) > depth {
            deeper
                .entry(near_key(w, depth + 1, end))
                .or_default()
                .push(w);
        } else {
            here.push(w);
        }
    }
    if !here.is_empty() {
        out.push((key, here));
    }
    for (k, ws) in deeper {
        near_split(ws, k, end, limit, out);
    }
}

/// One group of the typo lexicon (`s-<key>.json` for the words with one first character,
/// `e-<key>.json` for those with one last character), split while large. Returns the keys
/// of its files. The files and the keys depend only on which words there are, not on their
/// order.
fn near_group(
    words: Vec<&str>,
    key: String,
    end: End,
    dir: &str,
    emit: &mut impl FnMut(String, String),
) -> Vec<String> {
    let prefix = match end {
        End::Start => "s-",
        End::Finish => "e-",
    };
    let mut files = Vec::new();
    near_split(words, key, end, NEAR_SPLIT, &mut files);
    let mut keys = Vec::new();
    for (k, mut ws) in files {
        ws.sort_unstable();
        emit(
            format!("{dir}{prefix}{}.json", shard_name(&k)),
            serde_json::to_string(&ws).unwrap_or_default(),
        );
        keys.push(k);
    }
    keys
}

/// The typo lexicon's head, `near.json`: the keys of both halves. The script reads the
/// lexicon only for a query word the index does not have.
fn near_head(kept: &LangWritten, dir: &str, emit: &mut impl FnMut(String, String)) {
    #[derive(Serialize)]
    struct NearHead<'k> {
        starts: Vec<&'k String>,
        ends: Vec<&'k String>,
    }
    let mut head = NearHead {
        starts: kept.starts.values().flatten().collect(),
        ends: kept.ends.values().flatten().collect(),
    };
    head.starts.sort();
    head.ends.sort();
    emit(
        format!("{dir}near.json"),
        serde_json::to_string(&head).unwrap_or_default(),
    );
}

impl Collector {
    /// Take out the pages at `orders` (in every language), so they can be added again after
    /// an edit (`tanrak serve`): their entries in the page list and their words. From here on
    /// the collector notes the words whose pages change, for [`Collector::write_changed`].
    pub fn remove(&self, orders: &[usize]) {
        // Few pages at a time: a slice beats a hash set over millions of postings.
        let gone: Vec<u32> = orders.iter().map(|&o| o as u32).collect();
        self.langs.par_iter().for_each(|(_, collected)| {
            let mut c = match collected.lock() {
                Ok(c) => c,
                Err(poisoned) => poisoned.into_inner(),
            };
            // The preview server's collector cuts no postings (`common` is `None`).
            let Collected {
                pages,
                postings,
                touched,
                ..
            } = &mut *c;
            pages.retain(|p| !gone.contains(&(p.order as u32)));
            let touched = touched.get_or_insert_with(HashMap::default);
            postings.retain(|t, ps| {
                if ps.iter().any(|(o, _)| gone.contains(o)) {
                    let out = &mut touched.entry(t.clone()).or_default().out;
                    ps.retain(|p| {
                        let kept = !gone.contains(&p.0);
                        if !kept {
                            out.push(*p);
                        }
                        kept
                    });
                }
                !ps.is_empty()
            });
        });
    }

    /// [`Collector::write`], keeping the collector (so pages can be replaced and the index
    /// written again, in `tanrak serve`), and what [`Collector::write_changed`] needs to
    /// write again only what changes.
    pub fn write_kept(&self, emit: impl Fn(String, String) + Sync) -> Written {
        let langs = self
            .langs
            .par_iter()
            .map(|(lang, collected)| {
                let collected = {
                    let mut c = match collected.lock() {
                        Ok(c) => c,
                        Err(poisoned) => poisoned.into_inner(),
                    };
                    c.touched = None;
                    c.clone()
                };
                write_lang(*lang, collected, &emit).0
            })
            .collect();
        Written { langs }
    }

    /// Write again the index files that the pages taken out ([`Collector::remove`]) and
    /// added again since the last write change: the shards and typo-lexicon files of the
    /// words whose pages changed, the page lists of those pages, and the two heads. The
    /// files are byte for byte those [`Collector::write`] would write. Returns every file the
    /// index now has, or `None` when the pages are not those of the last write (then write
    /// it whole).
    pub fn write_changed(
        &self,
        written: &mut Written,
        orders: &[usize],
        emit: impl Fn(String, String) + Sync,
    ) -> Option<Vec<String>> {
        let all: Vec<Option<Vec<String>>> = self
            .langs
            .par_iter()
            .zip(written.langs.par_iter_mut())
            .map(|((lang, collected), kept)| {
                let mut c = match collected.lock() {
                    Ok(c) => c,
                    Err(poisoned) => poisoned.into_inner(),
                };
                let touched: HashSet<String> = c
                    .touched
                    .take()
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|(t, swap)| swap.changes().then_some(t))
                    .collect();
                rewrite_lang(*lang, &c, kept, &touched, orders, &emit)
            })
            .collect();
        all.into_iter()
            .try_fold(Vec::new(), |mut files, lang| {
                files.extend(lang?);
                Some(files)
            })
            .map(|mut files| {
                files.sort();
                files
            })
    }

    /// Write the index files of every language through `emit(path, text)` (languages in
    /// parallel, each file as soon as it is made), and count them.
    pub fn write(self, emit: impl Fn(String, String) + Sync) -> IndexCounts {
        self.langs
            .into_par_iter()
            .map(|(lang, collected)| {
                let collected = match collected.into_inner() {
                    Ok(c) => c,
                    Err(poisoned) => poisoned.into_inner(),
                };
                write_lang(lang, collected, &emit).1
            })
            .reduce(IndexCounts::default, |a, b| IndexCounts {
                terms: a.terms + b.terms,
                bytes: a.bytes + b.bytes,
            })
    }
}

/// What one language's index files were made of, by the groups they fall in, so that a
/// change to some words writes again only their groups' files.
#[derive(Default)]
struct LangWritten {
    /// The pages' numbers in the index, by render order.
    number: HashMap<u32, u32>,
    /// The shards' keys, by the first character of their words.
    shards: BTreeMap<String, Vec<String>>,
    /// The words the shards hold.
    words: BTreeSet<String>,
    /// The typo lexicon's keys, by the first (`starts`) and last (`ends`) character of
    /// their words.
    starts: BTreeMap<String, Vec<String>>,
    ends: BTreeMap<String, Vec<String>>,
}

/// What the index files of every language were made of (see [`Collector::write_kept`]).
pub struct Written {
    langs: Vec<LangWritten>,
}

/// A word's first character, the key of its group of shards and of lexicon files by start.
fn first_char(word: &str) -> String {
    near_key(word, 1, End::Start)
}

/// The pages in render order, and their numbers in the index.
fn numbered(pages: &[Listed]) -> (Vec<&Listed>, HashMap<u32, u32>) {
    let mut sorted: Vec<&Listed> = pages.iter().collect();
    // Pages are numbered in render order, whatever order the threads added them in.
    sorted.sort_by_key(|p| p.order);
    let number = sorted
        .iter()
        .enumerate()
        .map(|(i, p)| (p.order as u32, i as u32))
        .collect();
    (sorted, number)
}

/// A word's postings as the index writes them: numbered, sorted, and for a word on more
/// than `common` pages only the pages with it in a title or area name (`None` if none). A
/// word [`CUT`] while collected has only those pages left already.
fn kept_postings(
    mut ps: Vec<(u32, u32)>,
    common: usize,
    number: &HashMap<u32, u32>,
) -> Option<Vec<(u32, u32)>> {
    if ps.first() == Some(&CUT) {
        ps.remove(0);
    }
    if ps.len() > common {
        ps.retain(|&(_, w)| w >= AREA);
    }
    if ps.is_empty() {
        return None;
    }
    for p in &mut ps {
        p.0 = number[&p.0];
    }
    ps.sort_unstable();
    Some(ps)
}

/// How many pages a word may be on before it counts as common (see [`COMMON_SHARE`]).
fn common(pages: usize) -> usize {
    (pages / COMMON_SHARE).max(COMMON_MIN)
}

/// Write one group of shards (the words with one first character): returns their keys and
/// the words.
fn write_group(
    dir: &str,
    key: String,
    terms: Postings,
    emit: &mut impl FnMut(String, String),
) -> (Vec<String>, Vec<String>) {
    let mut split = Vec::new();
    shards(terms, 1, key, &mut split);
    let mut keys = Vec::new();
    let mut words = Vec::new();
    for (k, terms) in split {
        emit(format!("{dir}{}.json", shard_name(&k)), shard_json(&terms));
        keys.push(k);
        words.extend(terms.into_keys());
    }
    (keys, words)
}

/// The head of a language's index (`index.json`).
fn write_head<'k>(
    dir: &str,
    keys: impl Iterator<Item = &'k String>,
    pages: usize,
    emit: &mut impl FnMut(String, String),
) {
    let mut keys: Vec<String> = keys.cloned().collect();
    // Longest keys first, as the script looks them up.
    keys.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    let head = Head {
        shards: keys,
        pages,
        per: PAGES_PER_FILE,
    };
    emit(
        format!("{dir}index.json"),
        serde_json::to_string(&head).unwrap_or_default(),
    );
}

/// Page list `n` (`pages-<n>.json`): `[href, title, area, excerpt]` per page; postings point
/// into these lists.
fn write_page_list(dir: &str, n: usize, pages: &[&Listed], emit: &mut impl FnMut(String, String)) {
    let list: Vec<&[String; 4]> = pages.iter().map(|p| &p.fields).collect();
    emit(
        format!("{dir}pages-{n}.json"),
        serde_json::to_string(&list).unwrap_or_default(),
    );
}

/// Write one language's index: its shards, its head, its page lists and its typo lexicon.
fn write_lang(
    lang: Lang,
    collected: Collected,
    emit: &impl Fn(String, String),
) -> (LangWritten, IndexCounts) {
    let mut counts = IndexCounts::default();
    let mut emit = |path: String, text: String| {
        counts.bytes += text.len();
        emit(path, text);
    };
    let Collected {
        pages,
        postings,
        common: cut_above,
        ..
    } = collected;
    let (pages, number) = numbered(&pages);
    let mut by_first: BTreeMap<String, Postings> = BTreeMap::new();
    let common = common(pages.len());
    // A build indexes the pages it was made for (a page that fails fails the build).
    debug_assert!(cut_above.is_none_or(|c| c == common));
    for (t, ps) in postings {
        if let Some(ps) = kept_postings(ps, common, &number) {
            by_first.entry(first_char(&t)).or_default().insert(t, ps);
        }
    }
    let dir = format!("search/{}/", lang.code());
    let mut written = LangWritten::default();
    for (k, ts) in by_first {
        let (keys, words) = write_group(&dir, k.clone(), ts, &mut emit);
        written.words.extend(words);
        written.shards.insert(k, keys);
    }
    write_head(
        &dir,
        written.shards.values().flatten(),
        pages.len(),
        &mut emit,
    );
    for (n, chunk) in pages.chunks(PAGES_PER_FILE).enumerate() {
        write_page_list(&dir, n, chunk, &mut emit);
    }
    let mut all = |end: End, groups: &mut BTreeMap<String, Vec<String>>| {
        let mut by_one: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for w in &written.words {
            by_one.entry(near_key(w, 1, end)).or_default().push(w);
        }
        for (k, ws) in by_one {
            let keys = near_group(ws, k.clone(), end, &dir, &mut emit);
            groups.insert(k, keys);
        }
    };
    let (mut starts, mut ends) = (BTreeMap::new(), BTreeMap::new());
    all(End::Start, &mut starts);
    all(End::Finish, &mut ends);
    written.starts = starts;
    written.ends = ends;
    near_head(&written, &dir, &mut emit);
    counts.terms = written.words.len();
    written.number = number;
    (written, counts)
}

/// [`write_lang`] of what changed since `kept` was written: the groups of the `touched`
/// words, the page lists of the pages at `orders`, and the heads.
fn rewrite_lang(
    lang: Lang,
    collected: &Collected,
    kept: &mut LangWritten,
    touched: &HashSet<String>,
    orders: &[usize],
    emit: &impl Fn(String, String),
) -> Option<Vec<String>> {
    let mut emit = |path: String, text: String| emit(path, text);
    let (pages, number) = numbered(&collected.pages);
    if number != kept.number {
        return None;
    }
    let dir = format!("search/{}/", lang.code());
    let common = common(pages.len());
    // The shards of every first character a touched word has, made again.
    let firsts: BTreeSet<String> = touched.iter().map(|t| first_char(t)).collect();
    let chars: HashSet<char> = touched.iter().filter_map(|t| t.chars().next()).collect();
    let mut by_first: BTreeMap<String, Postings> = BTreeMap::new();
    for (t, ps) in &collected.postings {
        if t.chars().next().is_some_and(|c| chars.contains(&c))
            && let Some(ps) = kept_postings(ps.clone(), common, &number)
        {
            by_first
                .entry(first_char(t))
                .or_default()
                .insert(t.clone(), ps);
        }
    }
    let mut words_changed = BTreeSet::new();
    for k in &firsts {
        let now: BTreeSet<String> = by_first
            .get(k)
            .map(|ts| ts.keys().cloned().collect())
            .unwrap_or_default();
        let before: Vec<String> = kept
            .words
            .range(k.clone()..)
            .take_while(|w| w.starts_with(k.as_str()))
            .cloned()
            .collect();
        for w in &before {
            if !now.contains(w) {
                kept.words.remove(w);
                words_changed.insert(w.clone());
            }
        }
        for w in now {
            if kept.words.insert(w.clone()) {
                words_changed.insert(w);
            }
        }
        match by_first.remove(k) {
            Some(ts) => {
                let (keys, _) = write_group(&dir, k.clone(), ts, &mut emit);
                kept.shards.insert(k.clone(), keys);
            }
            None => {
                kept.shards.remove(k);
            }
        }
    }
    write_head(&dir, kept.shards.values().flatten(), pages.len(), &mut emit);
    let lists: BTreeSet<usize> = orders
        .iter()
        .filter_map(|o| number.get(&(*o as u32)))
        .map(|&n| n as usize / PAGES_PER_FILE)
        .collect();
    for n in lists {
        let chunk = pages.chunks(PAGES_PER_FILE).nth(n).unwrap_or_default();
        write_page_list(&dir, n, chunk, &mut emit);
    }
    // The typo lexicon holds words only: its files change only with the set of words.
    if !words_changed.is_empty() {
        for (end, groups) in [
            (End::Start, &mut kept.starts),
            (End::Finish, &mut kept.ends),
        ] {
            let keys: BTreeSet<String> =
                words_changed.iter().map(|w| near_key(w, 1, end)).collect();
            for k in keys {
                let ws: Vec<&str> = match end {
                    // Words with one first character are together in the sorted set.
                    End::Start => kept
                        .words
                        .range(k.clone()..)
                        .take_while(|w| w.starts_with(k.as_str()))
                        .map(String::as_str)
                        .collect(),
                    End::Finish => kept
                        .words
                        .iter()
                        .filter(|w| w.ends_with(k.as_str()))
                        .map(String::as_str)
                        .collect(),
                };
                if ws.is_empty() {
                    groups.remove(&k);
                } else {
                    let keys = near_group(ws, k.clone(), end, &dir, &mut emit);
                    groups.insert(k, keys);
                }
            }
        }
        near_head(kept, &dir, &mut emit);
    }
    Some(files_of(kept, &dir, pages.len()))
}

/// Every file of one language's index.
fn files_of(kept: &LangWritten, dir: &str, pages: usize) -> Vec<String> {
    let mut files = vec![format!("{dir}index.json"), format!("{dir}near.json")];
    files.extend(
        kept.shards
            .values()
            .flatten()
            .map(|k| format!("{dir}{}.json", shard_name(k))),
    );
    files.extend((0..pages.div_ceil(PAGES_PER_FILE)).map(|n| format!("{dir}pages-{n}.json")));
    for (prefix, groups) in [("s-", &kept.starts), ("e-", &kept.ends)] {
        files.extend(
            groups
                .values()
                .flatten()
                .map(|k| format!("{dir}{prefix}{}.json", shard_name(k))),
        );
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of a made-up site: `n` of `pages`, its words drawn from a vocabulary with long
    /// shared beginnings and ends (so shards and lexicon files split), one word on every
    /// page (so it is common), and `edit` changing which words it has.
    fn page_words(n: usize, edit: usize) -> (Listed, HashMap<String, u32>) {
        let mut seed = (n * 7919 + edit * 104_729 + 1) as u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize
        };
        let mut terms = HashMap::default();
        terms.insert(
            "everywhere".to_string(),
            if n.is_multiple_of(50) { TITLE } else { 3 },
        );
        for _ in 0..60 {
            let w = match next() % 3 {
                0 => format!("abc{}", next() % 900),
                1 => format!("{}xyz", next() % 700),
                _ => format!("w{edit}v{}", next() % 50),
            };
            *terms.entry(w).or_default() += 1 + (next() % 3) as u32;
        }
        let listed = Listed {
            order: n,
            fields: [
                format!("/p/{n}/"),
                format!("Page {n} edit {edit}"),
                String::new(),
                format!("excerpt {edit}"),
            ],
        };
        (listed, terms)
    }

    fn collector(pages: impl Iterator<Item = (usize, usize)>) -> Collector {
        let c = Collector {
            langs: vec![(Lang::EN, Mutex::default())],
        };
        for (n, edit) in pages {
            let (listed, terms) = page_words(n, edit);
            insert(
                &c.langs[0].1,
                listed,
                terms.iter().map(|(t, w)| (t.as_str(), *w)).collect(),
            );
        }
        c
    }

    fn files(emitted: Mutex<BTreeMap<String, String>>) -> BTreeMap<String, String> {
        emitted.into_inner().unwrap()
    }

    /// A build cuts a common word's postings as they grow; the files are those of a
    /// collector that keeps every posting until it writes.
    #[test]
    fn postings_cut_while_collected_write_the_files_of_postings_kept_whole() {
        const PAGES: usize = 700;
        let write = |c: Collector| {
            let emitted = Mutex::new(BTreeMap::new());
            c.write(|path, text| {
                emitted.lock().unwrap().insert(path, text);
            });
            files(emitted)
        };
        // Each page's words, with one more that is in an area name on some pages.
        let words = |n: usize| {
            let (listed, mut terms) = page_words(n, 0);
            terms.insert(
                "named".to_string(),
                if n.is_multiple_of(60) { AREA } else { 2 },
            );
            (listed, terms)
        };
        let whole = Collector {
            langs: vec![(Lang::EN, Mutex::default())],
        };
        let cut = Collector {
            langs: vec![(
                Lang::EN,
                Mutex::new(Collected {
                    common: Some(common(PAGES)),
                    ..Collected::default()
                }),
            )],
        };
        for n in 0..PAGES {
            for c in [&whole, &cut] {
                let (listed, terms) = words(n);
                insert(
                    &c.langs[0].1,
                    listed,
                    terms.iter().map(|(t, w)| (t.as_str(), *w)).collect(),
                );
            }
        }
        // What the test is about: some words were cut as they grew, and not all of them.
        {
            let c = cut.langs[0].1.lock().unwrap();
            let cut_words = c.postings.values().filter(|ps| ps.first() == Some(&CUT));
            assert!(cut_words.count() > 1);
            assert_eq!(c.postings["everywhere"].len(), 1 + PAGES.div_ceil(50));
            assert_eq!(c.postings["named"].len(), 1 + PAGES.div_ceil(60));
            assert!(c.postings.values().any(|ps| ps.first() != Some(&CUT)));
        }
        let whole = write(whole);
        assert!(whole.keys().any(|k| k.starts_with("search/en/0065")));
        assert_eq!(write(cut), whole);
    }

    #[test]
    fn pages_written_again_in_part_give_the_files_of_a_whole_write() {
        const PAGES: usize = 400;
        let kept = collector((0..PAGES).map(|n| (n, 0)));
        let emitted = Mutex::new(BTreeMap::new());
        let mut written = kept.write_kept(|path, text| {
            emitted.lock().unwrap().insert(path, text);
        });
        let mut served = files(emitted);
        // The made-up site's index has what the test is about.
        assert!(served.keys().any(|k| k.starts_with("search/en/0061-0062")));
        assert!(
            served
                .keys()
                .any(|k| k.starts_with("search/en/s-0061-0062"))
        );
        assert!(served.keys().any(|k| k.starts_with("search/en/e-007a")));
        // Pages edited once, then again, then put back.
        let mut edits = vec![0; PAGES];
        for (round, orders) in [vec![3, 77, 310], vec![77, 150], vec![3, 77, 150, 310]]
            .into_iter()
            .enumerate()
        {
            kept.remove(&orders);
            for &n in &orders {
                edits[n] = if round == 2 { 0 } else { round + 1 };
                let (listed, terms) = page_words(n, edits[n]);
                insert(
                    &kept.langs[0].1,
                    listed,
                    terms.iter().map(|(t, w)| (t.as_str(), *w)).collect(),
                );
            }
            let emitted = Mutex::new(BTreeMap::new());
            let now = kept
                .write_changed(&mut written, &orders, |path, text| {
                    emitted.lock().unwrap().insert(path, text);
                })
                .expect("the same pages");
            let changed = files(emitted);
            assert!(
                changed.len() < served.len(),
                "{} of {} files",
                changed.len(),
                served.len()
            );
            served.extend(changed);
            served.retain(|k, _| now.contains(k));
            let fresh = Mutex::new(BTreeMap::new());
            collector(edits.iter().copied().enumerate()).write(|path, text| {
                fresh.lock().unwrap().insert(path, text);
            });
            let fresh = files(fresh);
            assert_eq!(
                served.keys().collect::<Vec<_>>(),
                fresh.keys().collect::<Vec<_>>(),
                "round {round}"
            );
            for (k, v) in &fresh {
                assert_eq!(&served[k], v, "round {round}: {k}");
            }
        }
    }

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

    /// Folding lowers every script's capitals (one character may become two), spells Thai
    /// digits in ASCII and leaves Thai letters and other caseless text as they are.
    #[test]
    fn folded_text_is_lower_case_with_ascii_digits() {
        assert_eq!(
            fold("Chiang Mai เชียงใหม่ ๑,๘๘๖ ÄÖ Σ İstanbul – ·"),
            "chiang mai เชียงใหม่ 1,886 äö σ i\u{307}stanbul – ·"
        );
        assert_eq!(fold("ABC-12"), "abc-12");
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

    /// An element with the skip attribute is left out whole, nested elements of its own name
    /// too; a longer attribute name that starts the same is not it.
    #[test]
    fn marked_elements_are_left_out() {
        let html = "<p>a</p><section class=\"x\" data-search-skip><section><p>b</p></section>\
            <p>c</p></section><p>d</p><div data-search-skipped>e</div>\
            <details data-search-skip><summary>f</summary></details>g<br>h";
        assert_eq!(
            visible_text(html).split_whitespace().collect::<Vec<_>>(),
            ["a", "d", "e", "g", "h"]
        );
    }

    /// A skipped element ends at the close tag that balances it: nested elements of its name
    /// count in any case (not self-closing ones), a longer name that starts the same does not,
    /// nor a tag written inside another tag's attribute; a tag ends at its first `>`, even in
    /// an attribute value; a skipped element that never ends leaves out the rest.
    #[test]
    fn skipped_elements_end_where_their_name_balances() {
        let cases: [(&str, &[&str]); 8] = [
            ("<div data-search-skip><DIV>a</Div><div/>b</div>c", &["c"]),
            ("<SECTION data-search-skip>a</section>b", &["b"]),
            (
                "<section data-search-skip><sectionx>a</sectionx><section-b>c</section>d",
                &["d"],
            ),
            (
                "<section data-search-skip><p title=\"</section>\">a</p></section>b",
                &["b"],
            ),
            (
                "<section data-search-skip title=\"a>b\">c</section>d",
                &["d"],
            ),
            ("<p title=\"a>b\">c</p>", &["b\">c"]),
            ("<p>a</p><section data-search-skip><p>b</p>", &["a"]),
            (
                "<div data-search-skip>a</div >b<div data-search-skip>c</div",
                &["b"],
            ),
        ];
        for (html, expected) in cases {
            let text = visible_text(html);
            assert_eq!(
                text.split_whitespace().collect::<Vec<_>>(),
                expected,
                "{html}"
            );
        }
    }

    /// The words [`each_word`] gives (ASCII pieces by hand) are those ICU gives for the whole
    /// text: on random text made of the characters its rules treat apart, ASCII and not,
    /// and on the text of the bundled site, the example and the fixtures.
    #[test]
    fn words_of_pieces_are_the_words_icu_gives() {
        fn check(text: &str) {
            let mut icu = Vec::new();
            icu_words(text, |start, end| icu.push(&text[start..end]));
            // Twice: the second time, the pieces ICU cut are remembered.
            for _ in 0..2 {
                let mut fast = Vec::new();
                each_word(text, |w| fast.push(w));
                assert_eq!(fast, icu, "words of {text:?}");
            }
        }
        // Letters, digits and the joiners of both, ASCII white space and punctuation; and
        // what ICU treats apart: Thai letters of every kind (a piece starts at some), marks,
        // signs, digits and dictionary words; combining marks (they join what is before
        // them, a space too), a joiner, curly quotes (which join letters), Latin letters past
        // ASCII, other spaces, kana, Han, Lao, a flag's half.
        let mut alphabet: Vec<String> = "abzqAZ019'.,:;_-   \t\n\r\"/&(?#@+\u{7f}"
            .chars()
            .map(String::from)
            .collect();
        let ascii = alphabet.len();
        let others = "\u{2019} \u{2018} \u{e9} \u{301} \u{200d} \u{200b} \u{a0} \u{3000} \u{b7} \u{2013} \
                      \u{2026} \u{30ab} \u{65e5} \u{1f1f9} ກ ก ม ฮ เ แ ไ า ะ ำ \u{e48} \u{e49} \u{e31} \
                      \u{e34} ๆ ฯ ฿ ๑ \u{e4c} กลุ่ม ที่ การ เกษตร ผลิต";
        alphabet.extend(others.split(' ').map(String::from));
        let mut seed = 0x5eed_u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize
        };
        let mut text = String::new();
        for _ in 0..300_000 {
            text.clear();
            // Three texts in four are all ASCII, so long ASCII pieces come up often.
            let ascii_only = next() % 4 != 0;
            for _ in 0..next() % 24 {
                let n = if ascii_only { ascii } else { alphabet.len() };
                text.push_str(&alphabet[next() % n]);
            }
            check(&text);
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = 0;
        for dir in ["content", "examples", "tests/fixtures"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
                let is_text = entry
                    .path()
                    .extension()
                    .is_some_and(|e| ["md", "yaml", "csv", "ftl"].contains(&&*e.to_string_lossy()));
                if let Ok(text) = std::fs::read_to_string(entry.path())
                    && is_text
                {
                    check(&fold(&text));
                    files += 1;
                }
            }
        }
        assert!(files > 100, "{files} files of text");
    }

    /// Recurring text nodes are cut once and remembered; the words are the same either way.
    #[test]
    fn remembered_nodes_give_the_same_words() {
        let html = "<p>การพัฒนาเศรษฐกิจฐานราก &amp; Chon Buri</p><td>1,886</td><p>once only</p>";
        let mut expected: Vec<String> = words(&visible_text(html));
        expected.sort();
        for page in 0..3 {
            // A node twice on one page is kept only once another page has it.
            let html = format!("{html}<p>once only</p><p>page {page}</p>");
            let mut expected = expected.clone();
            expected.extend(["once", "only", "page"].map(String::from));
            expected.push(page.to_string());
            expected.sort();
            let mut known = Vec::new();
            let fresh = body_words(&html, &mut known);
            let mut got = words(&fresh);
            got.extend(known.iter().flat_map(|ws| ws.iter().map(|w| w.to_string())));
            got.sort();
            assert_eq!(got, expected);
        }
    }

    #[test]
    fn multi_word_names_have_a_one_word_spelling() {
        assert_eq!(joined("Chon Buri").as_deref(), Some("chonburi"));
        assert_eq!(joined("Bangkok"), None);
    }

    /// Whether `a` and `b` are one edit apart, as the script decides it.
    fn close(a: &str, b: &str) -> bool {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        if a.len().abs_diff(b.len()) > 1 {
            return false;
        }
        let mut i = 0;
        while i < a.len() && i < b.len() && a[i] == b[i] {
            i += 1;
        }
        let (mut ja, mut jb) = (a.len(), b.len());
        while ja > i && jb > i && a[ja - 1] == b[jb - 1] {
            ja -= 1;
            jb -= 1;
        }
        (ja - i <= 1 && jb - i <= 1)
            || (ja - i == 2 && jb - i == 2 && a[i] == b[i + 1] && a[i + 1] == b[i])
    }

    /// Every word one edit from `w` over the letters `abc`: added, dropped, changed, swapped.
    fn edits(w: &str) -> Vec<String> {
        let cs: Vec<char> = w.chars().collect();
        let mut out = Vec::new();
        for i in 0..=cs.len() {
            for c in ['a', 'b', 'c', 'x'] {
                let mut v = cs.clone();
                v.insert(i, c);
                out.push(v.into_iter().collect());
                if i < cs.len() {
                    let mut v = cs.clone();
                    v[i] = c;
                    out.push(v.into_iter().collect());
                }
            }
            if i < cs.len() {
                let mut v = cs.clone();
                v.remove(i);
                out.push(v.into_iter().collect());
            }
            if i + 1 < cs.len() {
                let mut v = cs.clone();
                v.swap(i, i + 1);
                out.push(v.into_iter().collect());
            }
        }
        out
    }

    /// The lexicon's promise: however deep its files are split, a word one edit away from an
    /// indexed word of 3 or more letters reads a file that holds that word.
    #[test]
    fn one_edit_anywhere_leaves_a_key_whole() {
        let mut words: Vec<String> = Vec::new();
        for a in ['a', 'b', 'c'] {
            for b in ['a', 'b', 'c'] {
                for tail in ["", "c", "ab", "bca", "cabb", "abcab", "bcabca"] {
                    words.push(format!("{a}{b}{tail}"));
                }
            }
        }
        words.push("ฐานราก".into());
        words.push("เชียงใหม่".into());
        words.sort();
        words.dedup();
        // A tiny size limit splits every file as deep as its words allow.
        let mut files = Vec::new();
        for end in [End::Start, End::Finish] {
            let mut by_one: BTreeMap<String, Vec<&str>> = BTreeMap::new();
            for w in &words {
                by_one.entry(near_key(w, 1, end)).or_default().push(w);
            }
            for (k, ws) in by_one {
                let mut split = Vec::new();
                near_split(ws, k, end, 1, &mut split);
                files.extend(split.into_iter().map(|(k, ws)| (end, k, ws)));
            }
        }
        assert!(
            files
                .iter()
                .any(|(_, k, _)| k.chars().count() == NEAR_DEPTH),
            "files were split to the deepest key"
        );
        let mut tried = 0;
        for w in words.iter().filter(|w| w.chars().count() >= 3) {
            let mut variants = edits(w);
            if w.starts_with('ฐ') {
                variants.extend(["ถานราก", "านราก", "าฐนราก", "ฐานรก"].map(String::from));
            }
            for q in variants.iter().filter(|q| close(q, w)) {
                tried += 1;
                let read = files.iter().any(|(end, k, ws)| {
                    let selects = match end {
                        End::Start => q.starts_with(k.as_str()),
                        End::Finish => q.ends_with(k.as_str()),
                    };
                    selects && ws.contains(&w.as_str())
                });
                assert!(read, "`{q}` reads no file holding `{w}`");
            }
        }
        assert!(tried > 1000, "{tried}");
    }

    #[test]
    fn one_edit_is_a_letter_added_dropped_changed_or_two_swapped() {
        for (a, b) in [
            ("chiang", "xhiang"),
            ("chiang", "hiang"),
            ("chiang", "cchiang"),
            ("chiang", "hciang"),
            ("chiang", "chiagn"),
            ("ฐานราก", "ถานราก"),
        ] {
            assert!(close(a, b), "{a} {b}");
        }
        for (a, b) in [("chiang", "hcaing"), ("chiang", "chi"), ("ab", "ba ")] {
            assert!(!close(a, b), "{a} {b}");
        }
    }
}
