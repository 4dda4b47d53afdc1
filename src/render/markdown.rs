//! Markdown to HTML for narratives, pages and the questions.
//!
//! Smart punctuation stays off: it turns Thai quotes the wrong way round (see
//! notes/crates.md). Site-absolute links (`/faq/#q6`) are rewritten under the base path so a
//! site works under a sub-path; footnote ids get a prefix so they never clash with headings;
//! GitHub-style alerts (`> [!WARNING]`) become labelled notes.
//!
//! Nothing in content may run code in a reader's browser. Heading attributes are limited to
//! `{#id}` and `{.class}`; a link or image address must be http(s), mailto or an address on
//! the site ([`is_safe_url`]); raw HTML is passed through an allow-list sanitiser (ammonia)
//! with the tags and attributes of [`HTML_TAGS`] and [`HTML_ATTRIBUTES`]. `tanrak check`
//! reports each of these with its position (`check::markup`), so a build never publishes one;
//! the rendering rules here are the second line of defence, for the preview too.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use pulldown_cmark::{
    BlockQuoteKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};

/// The address schemes content may link to; anything else (`javascript:`, `data:`, `file:`)
/// is refused.
pub const URL_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Whether an address from content is safe to publish as a link or image: `http:`, `https:`,
/// `mailto:`, `tel:`, or an address without a scheme (on this site: `/faq/`, `../x/`, `#q1`).
/// Browsers ignore tabs, line breaks and leading spaces in a scheme, so these are ignored here
/// too before it is read.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    match scheme(&cleaned) {
        Some(scheme) => URL_SCHEMES
            .iter()
            .any(|allowed| scheme.eq_ignore_ascii_case(allowed)),
        None => !cleaned.chars().any(char::is_control),
    }
}

/// The scheme of an address (`https` of `https://…`), if it has one.
fn scheme(url: &str) -> Option<&str> {
    let end = url.find([':', '/', '?', '#'])?;
    if !url[end..].starts_with(':') {
        return None;
    }
    let candidate = &url[..end];
    let mut chars = candidate.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(candidate)
}

/// HTML tags content may use, beside what Markdown makes itself.
pub const HTML_TAGS: [&str; 49] = [
    "a",
    "abbr",
    "aside",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Attributes allowed on every allowed tag.
pub const HTML_GENERIC_ATTRIBUTES: [&str; 5] = ["id", "class", "title", "lang", "dir"];

/// Attributes allowed on particular tags, beside the generic ones.
pub const HTML_ATTRIBUTES: [(&str, &[&str]); 7] = [
    ("a", &["href"]),
    ("img", &["src", "alt", "width", "height"]),
    ("td", &["colspan", "rowspan", "style"]),
    ("th", &["colspan", "rowspan", "style"]),
    ("ol", &["start"]),
    ("input", &["type", "checked", "disabled"]),
    ("q", &["cite"]),
];

/// The sanitiser raw HTML passes through: the allow-lists above, the address rule of
/// [`is_safe_url`], only `text-align` in a style (Markdown's table alignment), script and
/// style contents dropped, comments dropped.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut builder = ammonia::Builder::empty();
        builder
            .tags(HTML_TAGS.iter().copied().collect::<HashSet<_>>())
            .generic_attributes(HTML_GENERIC_ATTRIBUTES.iter().copied().collect())
            .tag_attributes(
                HTML_ATTRIBUTES
                    .iter()
                    .map(|(tag, attrs)| (*tag, attrs.iter().copied().collect()))
                    .collect::<HashMap<_, _>>(),
            )
            .filter_style_properties(["text-align"].into_iter().collect())
            .url_schemes(URL_SCHEMES.iter().copied().collect())
            .url_relative(ammonia::UrlRelative::PassThrough)
            .link_rel(None)
            .clean_content_tags(["script", "style"].into_iter().collect())
            .strip_comments(true);
        builder
    })
}

/// How deep elements written in raw HTML may nest. No report needs more; the HTML parser
/// the sanitiser uses looks through every open element for many tags (the HTML standard's
/// "in scope" checks), so deeper nesting would take time in the square of the input's size.
pub const HTML_NESTING_LIMIT: usize = 100;

/// Elements that have no end tag, or whose end tag may be left out (a new `<li>` or `<p>`
/// closes the last one): they never deepen the nesting [`html_nesting`] counts.
const NOT_NESTING: [&str; 24] = [
    "area", "base", "br", "col", "colgroup", "dd", "dt", "embed", "hr", "img", "input", "li",
    "link", "meta", "optgroup", "option", "p", "rp", "rt", "source", "tbody", "td", "tfoot", "th",
];

/// Follow the nesting of the elements in a piece of HTML, starting at `depth` open elements
/// and leaving the count there at the end (so the pieces of one document can be followed in
/// turn): the byte offset of the first start tag that opens more than [`HTML_NESTING_LIMIT`]
/// elements, if any. One pass over the text: linear in its size.
pub fn html_nesting(html: &str, depth: &mut usize) -> Option<usize> {
    let b = html.as_bytes();
    let mut first = None;
    let mut i = 0;
    while let Some(lt) = memchr_lt(&b[i..]) {
        let at = i + lt;
        i = at + 1;
        if b[i..].starts_with(b"!--") {
            i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let end = start
            + b[start..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
        if end == start || !b[start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[start..end].to_ascii_lowercase();
        // The end of the tag: the first `>` outside a quoted attribute value (a quote opens
        // one only right after `=`, as the HTML parser reads it).
        let mut quote = None;
        let mut last = 0u8;
        let mut close = end;
        while close < b.len() {
            let c = b[close];
            match quote {
                None if c == b'>' => break,
                None if matches!(c, b'"' | b'\'') && last == b'=' => quote = Some(c),
                Some(q) if c == q => quote = None,
                _ => {}
            }
            if !c.is_ascii_whitespace() {
                last = c;
            }
            close += 1;
        }
        let self_closing = close > 0 && b.get(close - 1) == Some(&b'/');
        i = close.min(b.len());
        if NOT_NESTING.contains(&name.as_str()) || self_closing {
            continue;
        }
        if closing {
            *depth = depth.saturating_sub(1);
        } else {
            *depth += 1;
            if *depth > HTML_NESTING_LIMIT && first.is_none() {
                first = Some(at);
            }
        }
    }
    first
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

/// HTML made from content with raw HTML in it, cleaned by the allow-list sanitiser. HTML
/// nested deeper than [`HTML_NESTING_LIMIT`] (which `tanrak check` reports) is published as
/// text: the sanitiser would take time in the square of its size.
pub fn sanitize(html: &str) -> String {
    if html_nesting(html, &mut 0).is_some() {
        return format!("<p>{}</p>", escape(html));
    }
    sanitizer().clean(html).to_string()
}

/// What a rendering needs to know about where it is going.
pub struct MarkdownContext<'a> {
    /// The site's base path, like `/` or `/report/`.
    pub base_path: &'a str,
    /// Labels for alert kinds: note, tip, important, warning, caution.
    pub alert_label: &'a dyn Fn(&str) -> String,
    /// Prefix for footnote ids on this page.
    pub footnote_prefix: &'a str,
}

/// The Markdown features the site uses; the link check parses with the same set.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

fn alert_key(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    }
}

/// Rewrite a site-absolute address under the base path; leave others alone.
pub fn site_link(base_path: &str, dest: &str) -> String {
    if dest.starts_with('/') && !dest.starts_with("//") {
        format!("{}{}", base_path, &dest[1..])
    } else {
        dest.to_string()
    }
}

/// A link or image address as published: under the base path, or emptied when unsafe.
fn published_link(base_path: &str, dest: &str) -> String {
    if is_safe_url(dest) {
        site_link(base_path, dest)
    } else {
        String::new()
    }
}

fn transform<'a>(event: Event<'a>, cx: &MarkdownContext) -> Event<'a> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::from(published_link(cx.base_path, &dest_url)),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: CowStr::from(published_link(cx.base_path, &dest_url)),
            title,
            id,
        }),
        // Only `{#id}` and `{.class}`: other heading attributes could be event handlers.
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs: _,
        }) => Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs: Vec::new(),
        }),
        Event::Start(Tag::BlockQuote(Some(kind))) => {
            let key = alert_key(kind);
            Event::Html(CowStr::from(format!(
                "<aside class=\"callout callout-{key}\"><p class=\"callout-label\">{}</p>\n",
                escape((cx.alert_label)(key).as_str())
            )))
        }
        Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html(CowStr::from("</aside>\n")),
        Event::FootnoteReference(name) => {
            Event::FootnoteReference(CowStr::from(format!("{}{}", cx.footnote_prefix, name)))
        }
        Event::Start(Tag::FootnoteDefinition(name)) => Event::Start(Tag::FootnoteDefinition(
            CowStr::from(format!("{}{}", cx.footnote_prefix, name)),
        )),
        other => other,
    }
}

/// Escape text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text);
    out
}

/// [`escape`], appended to `out`.
pub fn escape_into(out: &mut String, text: &str) {
    let _ = escape_pieces::<std::convert::Infallible>(text, |piece| {
        out.push_str(piece);
        Ok(())
    });
}

/// Escape `text` for HTML as a sequence of pieces given to `put` in order: each run of plain
/// text whole, and a character reference for each `&`, `<`, `>`, `"` and `'` (a write per
/// run, not per character: escaping is on every page's hot path).
pub fn escape_pieces<E>(text: &str, mut put: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    let bytes = text.as_bytes();
    let mut plain = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time past text with nothing to escape (most of a page's text).
        if let Some(chunk) = bytes.get(i..i + 8)
            && !has_special(u64::from_le_bytes(chunk.try_into().unwrap_or_default()))
        {
            i += 8;
            continue;
        }
        let end = (i + 8).min(bytes.len());
        while i < end {
            let reference = match bytes[i] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                b'\'' => "&#39;",
                _ => {
                    i += 1;
                    continue;
                }
            };
            put(&text[plain..i])?;
            put(reference)?;
            i += 1;
            plain = i;
        }
    }
    put(&text[plain..])
}

/// Whether any of the eight bytes of `chunk` is `&`, `<`, `>`, `"` or `'`: a byte equal to
/// the one looked for is zero after `^`, and `v - 0x01…01 & !v & 0x80…80` is non-zero exactly
/// when some byte of `v` is zero.
fn has_special(chunk: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let is = |b: u8| zero_byte(chunk ^ (ONES * u64::from(b)));
    (is(b'&') | is(b'<') | is(b'>') | is(b'"') | is(b'\'')) != 0
}

/// Whether an event is raw HTML (a document with any has to pass the sanitiser).
fn is_raw_html(event: &Event) -> bool {
    matches!(event, Event::Html(_) | Event::InlineHtml(_))
}

/// Whether a document holds raw HTML.
fn has_raw_html(events: &[Event]) -> bool {
    events.iter().any(is_raw_html)
}

/// The HTML written for a document: sanitised when `raw` says the document holds raw HTML.
fn sanitised_if(out: String, raw: bool) -> String {
    if raw { sanitize(&out) } else { out }
}

/// HTML for a list of events: sanitised when `raw` says the document holds raw HTML.
fn push(events: Vec<Event>, raw: bool) -> String {
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    sanitised_if(out, raw)
}

/// Render a Markdown document to HTML.
pub fn to_html(text: &str, cx: &MarkdownContext) -> String {
    // Written as the parser goes, not gathered into lists of events first: whether the
    // document holds raw HTML is seen on the way, and the sanitiser then reads the HTML.
    let mut raw = false;
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let events = Parser::new_ext(text, options()).map(|e| {
        raw |= is_raw_html(&e);
        transform(e, cx)
    });
    html::push_html(&mut out, events);
    sanitised_if(out, raw)
}

/// How many questions (level-2 headings) a questions file has.
pub fn count_questions(text: &str) -> usize {
    Parser::new_ext(text, options())
        .filter(|e| {
            matches!(
                e,
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H2,
                    ..
                })
            )
        })
        .count()
}

/// A questions file split at its level-2 headings.
pub struct Questions {
    /// HTML before the first question.
    pub intro: String,
    /// Each question's heading (inline HTML) and answer (HTML).
    pub items: Vec<(String, String)>,
}

/// Split the questions file into an introduction and its questions, each rendered.
pub fn questions(text: &str, cx: &MarkdownContext) -> Questions {
    let mut intro: Vec<Event> = Vec::new();
    let mut items: Vec<(Vec<Event>, Vec<Event>)> = Vec::new();
    let mut in_heading = false;
    let events: Vec<Event> = Parser::new_ext(text, options()).collect();
    let raw = has_raw_html(&events);
    for event in events.into_iter().map(|e| transform(e, cx)) {
        match &event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => {
                in_heading = true;
                items.push((Vec::new(), Vec::new()));
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) if in_heading => in_heading = false,
            _ => match items.last_mut() {
                Some((heading, _)) if in_heading => heading.push(event),
                Some((_, body)) => body.push(event),
                None => intro.push(event),
            },
        }
    }
    let render = |events: Vec<Event>| push(events, raw);
    Questions {
        intro: render(intro),
        items: items
            .into_iter()
            .map(|(h, b)| (render(h).trim().to_string(), render(b)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {

    /// The escaper skipping eight bytes at a time gives what escaping each byte gives, on
    /// text of every length around the chunk size with the special bytes at every place.
    #[test]
    fn escape_pieces_matches_escaping_byte_by_byte() {
        let slow = |text: &str| {
            let mut out = String::new();
            for c in text.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '"' => out.push_str("&quot;"),
                    '\'' => out.push_str("&#39;"),
                    c => out.push(c),
                }
            }
            out
        };
        let fast = |text: &str| {
            let mut out = String::new();
            escape_pieces::<()>(text, |p| {
                out.push_str(p);
                Ok(())
            })
            .unwrap();
            out
        };
        let alphabet = [
            'a', ' ', '&', '<', '>', '"', '\'', 'ก', '้', '%', '\u{0}', '\u{7f}', 'é',
        ];
        // Every text of up to 3 characters, then longer ones from a simple generator.
        let mut texts = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
        }
        let mut seed: u64 = 7;
        for len in 0..40 {
            for _ in 0..200 {
                let text: String = (0..len)
                    .map(|_| {
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        alphabet[(seed >> 33) as usize % alphabet.len()]
                    })
                    .collect();
                texts.push(text);
            }
        }
        for text in &texts {
            assert_eq!(fast(text), slow(text), "{text:?}");
        }
    }
    use super::*;

    fn cx() -> MarkdownContext<'static> {
        MarkdownContext {
            base_path: "/report/",
            alert_label: &|k| format!("[{k}]"),
            footnote_prefix: "fn-",
        }
    }

    #[test]
    fn thai_quotes_are_left_alone() {
        let html = to_html("ด้าน\"การท่องเที่ยวโดยชุมชน\"มี", &cx());
        assert!(html.contains("ด้าน\"การท่องเที่ยวโดยชุมชน\"มี"), "{html}");
        assert!(!html.contains('“') && !html.contains('”'));
    }

    #[test]
    fn site_links_go_under_the_base_path() {
        let html = to_html(
            "[q6](/faq/#q6) [ext](https://example.com/) [rel](x/)",
            &cx(),
        );
        assert!(html.contains("href=\"/report/faq/#q6\""), "{html}");
        assert!(html.contains("href=\"https://example.com/\""));
        assert!(html.contains("href=\"x/\""));
    }

    #[test]
    fn nothing_in_markdown_can_run_script() {
        let html = to_html(
            "<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> \
             <a href=\"javascript:alert(1)\">a</a> [b](javascript:alert(1)) \
             [c](java\tscript:x) <span class=\"k\" style=\"color:red\">k</span>\n\n\
             ## H {#h .c onmouseover=alert(1)}\n\n| a |\n|:-:|\n| b |\n",
            &cx(),
        );
        for bad in [
            "<script",
            "alert(1)",
            "onerror",
            "javascript",
            "onmouseover",
            "color:red",
        ] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("<h2 id=\"h\" class=\"c\">H</h2>"), "{html}");
        assert!(html.contains("<span class=\"k\">k</span>"), "{html}");
        assert!(html.contains("text-align:center"), "{html}");
    }

    #[test]
    fn safe_urls_are_http_mailto_and_on_the_site() {
        for ok in [
            "https://x.org/",
            "HTTP://X.ORG",
            "mailto:a@b.c",
            "/faq/",
            "../a",
            "#q1",
            "?q=1",
            "//cdn.example/x",
        ] {
            assert!(is_safe_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:x",
            "java\tscript:x",
            "data:text/html,x",
            "file:///etc/passwd",
            "vbscript:x",
        ] {
            assert!(!is_safe_url(bad), "{bad}");
        }
    }

    #[test]
    fn alerts_become_labelled_notes() {
        let html = to_html("> [!WARNING]\n> missing", &cx());
        assert!(
            html.contains(
                "<aside class=\"callout callout-warning\"><p class=\"callout-label\">[warning]</p>"
            ),
            "{html}"
        );
        assert!(html.contains("</aside>"));
    }

    #[test]
    fn questions_split_at_level_two_headings() {
        let q = questions(
            "intro\n\n## One?\n\nA1\n\n### sub\n\n## Two?\n\nA2\n",
            &cx(),
        );
        assert!(q.intro.contains("intro"));
        assert_eq!(q.items.len(), 2);
        assert_eq!(q.items[0].0, "One?");
        assert!(q.items[0].1.contains("<h3>sub</h3>"));
        assert_eq!(count_questions("## a\n## b\n### c"), 2);
    }
}
