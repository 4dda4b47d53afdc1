//! Nothing in content may run code in a reader's browser: raw HTML only with the tags and
//! attributes the sanitiser keeps, headings with only `{#id}` and `{.class}`, and every
//! address published from content (Markdown links and images, addresses in raw HTML, the
//! `url` of a source) on the web (http, https), an email or phone link, or on the site.
//!
//! The sanitiser in `render::markdown` would drop what is not allowed; this check says so
//! first, with the position and what to write instead, so nothing silently disappears from a
//! page and a build never publishes it.

use std::ops::Range;
use std::path::Path;

use rayon::prelude::*;

use pulldown_cmark::{Event, Parser, Tag};
use serde_saphyr::Spanned;

use crate::check::BodyPositions;
use crate::content::yaml::position_of;
use crate::content::{Content, MarkdownFile, WrittenLink};
use crate::diagnostics::Diagnostics;
use crate::msg;
use crate::render::markdown::{
    HTML_ATTRIBUTES, HTML_GENERIC_ATTRIBUTES, HTML_NESTING_LIMIT, HTML_TAGS, URL_SCHEMES,
    html_nesting, is_safe_url, options,
};

pub fn check(content: &Content, diags: &mut Diagnostics) {
    let files = content
        .home
        .values()
        .chain(content.faq.values())
        .chain(content.pages.values())
        .chain(content.narratives.values())
        .chain(content.updates.values())
        .collect::<Vec<_>>();
    // In parallel (narratives are read again from their files), each file into its own
    // collector, merged in order.
    let found: Vec<Diagnostics> = files
        .par_iter()
        .map(|md| {
            // What was found as loading read the file, else read again.
            if let Some(seen) = &md.seen {
                return seen.problems.clone();
            }
            let mut local = Diagnostics::new(diags.root());
            match md.text() {
                Ok(body) => check_markdown(md, &body, &mut local),
                Err(e) => e.report(&md.file, &mut local),
            }
            local
        })
        .collect();
    for local in found {
        diags.extend(local);
    }
    if let Some(national) = &content.national {
        for period in &national.value.periods {
            if let Some(url) = period.value.source.as_ref().and_then(|s| s.url.as_ref()) {
                check_source_url(&national.file, url, diags);
            }
        }
    }
    for record in &content.records {
        for source in &record.value.sources {
            if let Some(url) = &source.value.url {
                check_source_url(&record.file, url, diags);
            }
        }
    }
}

/// [`check`] of the narratives and records among `files`.
pub fn check_files(content: &Content, files: &[std::path::PathBuf], diags: &mut Diagnostics) {
    let files = crate::content::Among::new(files);
    for md in content.narratives.values() {
        if files.has(&md.file) {
            match md.text() {
                Ok(body) => check_markdown(md, &body, diags),
                Err(e) => e.report(&md.file, diags),
            }
        }
    }
    for record in &content.records {
        if files.has(&record.file) {
            for source in &record.value.sources {
                if let Some(url) = &source.value.url {
                    check_source_url(&record.file, url, diags);
                }
            }
        }
    }
}

/// A source's address: a web page or document (http, https) or a file on the site.
fn check_source_url(file: &Path, url: &Spanned<String>, diags: &mut Diagnostics) {
    let value = url.value.trim();
    let web = ["http://", "https://"].iter().any(|p| {
        value
            .get(..p.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(p))
    });
    let on_site = value.starts_with('/') && !value.starts_with("//");
    if (web || on_site) && is_safe_url(value) {
        return;
    }
    diags
        .error(
            "unsafe-url",
            file,
            position_of(url, 0),
            msg!("unsafe-url--source", url = value),
        )
        .help(msg!("unsafe-url--source.help"));
}

fn allowed_schemes() -> String {
    URL_SCHEMES
        .iter()
        .map(|s| format!("{s}:"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn unsafe_url(
    md: &MarkdownFile,
    positions: &BodyPositions,
    offset: usize,
    url: &str,
    diags: &mut Diagnostics,
) {
    let at = positions.at(offset, url.chars().count());
    diags
        .error(
            "unsafe-url",
            &md.file,
            at,
            msg!("unsafe-url--link", url = url, schemes = allowed_schemes()),
        )
        .help(msg!("unsafe-url--link.help"));
}

fn check_markdown(md: &MarkdownFile, body: &str, diags: &mut Diagnostics) {
    look(md, body, diags);
}

/// Check a Markdown body (as [`check`] does) and return the links it writes, for the link
/// check: one reading of the body for both.
pub fn look(md: &MarkdownFile, body: &str, diags: &mut Diagnostics) -> Vec<WrittenLink> {
    let mut links = Vec::new();
    let positions = BodyPositions::new(body, md.front_lines);
    // Elements open in the raw HTML read so far, and whether too deep a nesting was reported.
    let (mut depth, mut too_deep) = (0, false);
    // Elements Markdown itself opens (lists, quotes) count too: the sanitiser reads them.
    let mut markdown_depth = 0usize;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match &event {
            Event::Start(_) => markdown_depth += 1,
            Event::End(_) => markdown_depth = markdown_depth.saturating_sub(1),
            _ => {}
        }
        if markdown_depth + depth > HTML_NESTING_LIMIT
            && matches!(event, Event::Start(_))
            && !too_deep
        {
            too_deep = true;
            diags
                .error(
                    "html-nesting",
                    &md.file,
                    positions.at(range.start, 1),
                    msg!("html-nesting", limit = HTML_NESTING_LIMIT),
                )
                .help(msg!("html-nesting.help", limit = HTML_NESTING_LIMIT));
        }
        match &event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                if !is_safe_url(dest_url) {
                    let source = body.get(range.clone()).unwrap_or("");
                    let offset = source
                        .rfind(dest_url.as_ref())
                        .map_or(range.start, |i| range.start + i);
                    unsafe_url(md, &positions, offset, dest_url, diags);
                }
                links.push(super::links::written_link(
                    &positions, body, dest_url, range,
                ));
            }
            Event::Start(Tag::Heading { attrs, .. }) if !attrs.is_empty() => {
                let source = body.get(range.clone()).unwrap_or("");
                for (name, _) in attrs {
                    let offset = source
                        .rfind(name.as_ref())
                        .map_or(range.start, |i| range.start + i);
                    let at = positions.at(offset, name.chars().count());
                    diags
                        .error(
                            "heading-attribute",
                            &md.file,
                            at,
                            msg!("heading-attribute", name = name.as_ref()),
                        )
                        .help(msg!("heading-attribute.help"));
                }
            }
            Event::Text(_) | Event::Html(_) => {
                forbidden_references(md, &positions, body, range.clone(), diags);
            }
            Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_) => {
                forbidden_references(md, &positions, body, range.clone(), diags);
                check_html(md, &positions, body, range.clone(), diags);
                let html = body.get(range.clone()).unwrap_or("");
                if let Some(at) = html_nesting(html, &mut depth)
                    && !too_deep
                {
                    too_deep = true;
                    let tag_len = html[at..].find('>').map_or(1, |e| e + 1);
                    diags
                        .error(
                            "html-nesting",
                            &md.file,
                            positions.at(range.start + at, tag_len),
                            msg!("html-nesting", limit = HTML_NESTING_LIMIT),
                        )
                        .help(msg!("html-nesting.help", limit = HTML_NESTING_LIMIT));
                }
            }
            _ => {}
        }
    }
    links
}

/// The allowed attributes of a tag, beside the generic ones.
fn tag_attributes(tag: &str) -> &'static [&'static str] {
    HTML_ATTRIBUTES
        .iter()
        .find(|(t, _)| *t == tag)
        .map_or(&[], |(_, attrs)| attrs)
}

/// Decode the character references a browser would decode in an attribute value, enough to
/// see the scheme of an address (`&#106;avascript:`, `&colon;`).
fn decode_references(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e < 12);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse().ok().and_then(char::from_u32)
            } else {
                match name.to_ascii_lowercase().as_str() {
                    "colon" => Some(':'),
                    "tab" => Some('\t'),
                    "newline" => Some('\n'),
                    "amp" => Some('&'),
                    _ => None,
                }
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, skip)) => {
                out.push(c);
                rest = &rest[skip..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Report each numeric character reference (`&#1;`, `&#xFFFE;`) at `range` of a Markdown
/// body that writes a character XML and HTML forbid: the page would carry it as it is.
fn forbidden_references(
    md: &MarkdownFile,
    positions: &BodyPositions,
    body: &str,
    range: Range<usize>,
    diags: &mut Diagnostics,
) {
    let Some(source) = body.get(range.clone()) else {
        return;
    };
    for (at, _) in source.match_indices("&#") {
        let rest = &source[at + 2..];
        let Some(end) = rest.find(';').filter(|&e| e <= 9) else {
            continue;
        };
        let digits = &rest[..end];
        let code = match digits.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16),
            None => digits.parse(),
        };
        let Some(c) = code.ok().and_then(char::from_u32) else {
            continue;
        };
        // NUL is read as U+FFFD, and CR as a line break.
        if c != '\0' && c != '\r' && crate::content::yaml::is_forbidden(c) {
            let written = &source[at..at + 3 + end];
            diags
                .error(
                    "forbidden-character",
                    &md.file,
                    positions.at(range.start + at, written.chars().count()),
                    msg!(
                        "forbidden-character--reference",
                        reference = written,
                        code = format!("{:04X}", c as u32)
                    ),
                )
                .help(msg!("forbidden-character--reference.help"));
        }
    }
}

/// Look at every start tag in the raw HTML at `range` of a Markdown body.
fn check_html(
    md: &MarkdownFile,
    positions: &BodyPositions,
    body: &str,
    range: Range<usize>,
    diags: &mut Diagnostics,
) {
    let Some(html) = body.get(range.clone()) else {
        return;
    };
    for tag in start_tags(html) {
        let at = |offset: usize, len: usize| positions.at(range.start + offset, len);
        if !HTML_TAGS.contains(&tag.name.as_str()) {
            diags
                .error(
                    "html-tag",
                    &md.file,
                    at(tag.offset, tag.name.chars().count() + 1),
                    msg!("html-tag", tag = tag.name.as_str()),
                )
                .help(msg!("html-tag.help", allowed = HTML_TAGS.join(", ")));
            continue;
        }
        let own = tag_attributes(&tag.name);
        for attr in &tag.attrs {
            let name = attr.name.as_str();
            if !HTML_GENERIC_ATTRIBUTES.contains(&name) && !own.contains(&name) {
                let allowed: Vec<&str> = HTML_GENERIC_ATTRIBUTES
                    .iter()
                    .chain(own.iter())
                    .copied()
                    .collect();
                diags
                    .error(
                        "html-attribute",
                        &md.file,
                        at(attr.offset, name.chars().count()),
                        msg!("html-attribute", name = name, tag = tag.name.as_str()),
                    )
                    .help(msg!(
                        "html-attribute.help",
                        tag = tag.name.as_str(),
                        allowed = allowed.join(", ")
                    ));
            } else if matches!(name, "href" | "src" | "cite") {
                let value = decode_references(&attr.value);
                if !is_safe_url(&value) {
                    unsafe_url(md, positions, range.start + attr.offset, &value, diags);
                }
            }
        }
    }
}

/// A start tag in raw HTML: lower-case name, attributes, and byte offsets.
struct StartTag {
    name: String,
    offset: usize,
    attrs: Vec<Attribute>,
}

struct Attribute {
    name: String,
    value: String,
    offset: usize,
}

/// Every start tag in a piece of raw HTML, skipping comments and end tags.
fn start_tags(html: &str) -> Vec<StartTag> {
    let b = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        if i + 1 >= b.len() || !b[i + 1].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let offset = i;
        let mut j = i + 1;
        while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'>' | b'/') {
            j += 1;
        }
        let name = html[i + 1..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                j += 1;
                break;
            }
            let start = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/')
            {
                j += 1;
            }
            let attr_name = html[start..j].to_ascii_lowercase();
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let quote = b[j];
                    let value_start = j + 1;
                    j = value_start;
                    while j < b.len() && b[j] != quote {
                        j += 1;
                    }
                    value = html[value_start..j.min(b.len())].to_string();
                    j += 1;
                } else {
                    let value_start = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = html[value_start..j].to_string();
                }
            }
            if !attr_name.is_empty() {
                attrs.push(Attribute {
                    name: attr_name,
                    value,
                    offset: start,
                });
            }
        }
        tags.push(StartTag {
            name,
            offset,
            attrs,
        });
        i = j;
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_attributes_are_found_with_their_offsets() {
        let tags = start_tags("<!-- <script> --><img src=x onerror='a(1)'><a\nhref=\"/x\">y</a>");
        assert_eq!(tags.len(), 2);
        assert_eq!(tags[0].name, "img");
        assert_eq!(tags[0].attrs[1].name, "onerror");
        assert_eq!(tags[0].attrs[1].value, "a(1)");
        assert_eq!(tags[0].attrs[1].offset, 28);
        assert_eq!(tags[1].attrs[0].value, "/x");
    }

    #[test]
    fn references_that_hide_a_scheme_are_decoded() {
        assert_eq!(
            decode_references("&#106;ava&#x73;cript&colon;x"),
            "javascript:x"
        );
        assert_eq!(decode_references("a&b=c"), "a&b=c");
    }
}
