//! Links written in the Markdown content lead to pages the site has.
//!
//! Editors write site links from the site root (`/faq/#q6`, `/en/provinces/roi-et/`); the
//! renderer puts them under the base path. A link is good when it names a page that
//! rendering will write (the same route list, `render::routes`, and the same addresses,
//! `views::lang_rel`), the 404 page, or a theme asset; a `#qN` anchor on the questions page
//! must be one of that language's questions. Links in the templates are not checked here:
//! templates build every address from the same routes with `views::href`, so they are
//! correct by construction.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};
use rayon::prelude::*;

use super::BodyPositions;
use crate::content::yaml::closest;
use crate::content::{Content, MarkdownFile, WrittenLink};
use crate::diagnostics::Diagnostics;
use crate::messages::Message;
use crate::model::{Lang, Site};
use crate::msg;
use crate::render::markdown::{count_questions, options};
use crate::render::pages::Kind;
use crate::render::theme::Theme;
use crate::render::views::{Route, lang_rel};
use crate::render::{NOT_FOUND, routes};

/// The addresses of the site, root-relative without the base path (`/en/faq/`): what a
/// link may lead to. `tanrak serve` keeps them while an edit leaves the pages as they were.
pub struct Addresses {
    pages: BTreeSet<String>,
    /// An area page's address and an English-or-other-language page's, for examples in help.
    example: String,
    /// The questions page of each language and how many questions it has.
    faq: BTreeMap<String, (Lang, usize)>,
}

impl Addresses {
    pub fn new(site: &Site, theme: Option<&Theme>) -> Self {
        let mut faq = BTreeMap::new();
        let routes = routes(site);
        for (lang, route) in routes.iter().filter(|(_, r)| r.kind == Kind::Faq) {
            let path = format!("/{}", lang_rel(site, *lang, &route.rel(site)));
            let n = site
                .faq
                .get(*lang)
                .map_or(0, |d| count_questions(&d.body.text));
            faq.insert(path, (*lang, n));
        }
        // Made on all threads and sorted, then built into the set at once: one at a time,
        // the addresses of 100,000 pages took about 40 ms with the other core idle.
        let mut paths: Vec<String> = routes
            .par_iter()
            .map(|(lang, route)| format!("/{}", lang_rel(site, *lang, &route.rel(site))))
            .collect();
        paths.push(format!("/{NOT_FOUND}"));
        paths.par_sort_unstable();
        let mut pages: BTreeSet<String> = paths.into_iter().collect();
        if let Some(theme) = theme {
            pages.extend(
                theme
                    .assets
                    .files()
                    .map(|(name, _)| format!("/assets/{name}")),
            );
        }
        let example = {
            let area = site
                .records
                .first()
                .map(|_| format!("/{}", Route::area(0).rel(site)));
            let other = site
                .config
                .languages
                .get(1)
                .map(|l| format!("/{}", lang_rel(site, *l, &Route::one(Kind::Faq).rel(site))));
            let mut parts = vec!["/faq/#q6".to_string()];
            parts.extend(area);
            parts.extend(other.map(|o| format!("{o}#q6")));
            parts.join(" or ")
        };
        Addresses {
            pages,
            faq,
            example,
        }
    }
}

/// Every Markdown file of the content, with the address of the page it is shown on when
/// that page is a questions page (so `#q3` alone can be checked there).
fn files<'a>(content: &'a Content, site: &Site) -> Vec<(&'a MarkdownFile, Option<String>)> {
    let mut all: Vec<(&MarkdownFile, Option<String>)> = Vec::new();
    all.extend(content.home.values().map(|md| (md, None)));
    all.extend(content.faq.iter().map(|(lang, md)| {
        (
            md,
            Some(format!(
                "/{}",
                lang_rel(site, *lang, &Route::one(Kind::Faq).rel(site))
            )),
        )
    }));
    all.extend(content.pages.values().map(|md| (md, None)));
    all.extend(content.narratives.values().map(|md| (md, None)));
    all.extend(content.updates.values().map(|md| (md, None)));
    all
}

pub fn check(content: &Content, site: &Site, theme: Option<&Theme>, diags: &mut Diagnostics) {
    check_some(content, site, &Addresses::new(site, theme), None, diags);
}

/// [`check`] of the Markdown files among `only`, against the site's `addresses`.
pub fn check_files(
    content: &Content,
    site: &Site,
    addresses: &Addresses,
    only: &[std::path::PathBuf],
    diags: &mut Diagnostics,
) {
    check_some(content, site, addresses, Some(only), diags);
}

fn check_some(
    content: &Content,
    site: &Site,
    addresses: &Addresses,
    only: Option<&[std::path::PathBuf]>,
    diags: &mut Diagnostics,
) {
    // In parallel (narratives are read again from their files), each file into its own
    // collector, merged in order.
    let only = only.map(crate::content::Among::new);
    let found: Vec<Diagnostics> = files(content, site)
        .par_iter()
        .filter(|(md, _)| only.as_ref().is_none_or(|only| only.has(&md.file)))
        .map(|(md, here)| {
            let mut local = Diagnostics::new(diags.root());
            check_file(md, here.as_deref(), addresses, &mut local);
            local
        })
        .collect();
    for local in found {
        diags.extend(local);
    }
}

fn check_file(
    md: &MarkdownFile,
    here: Option<&str>,
    addresses: &Addresses,
    diags: &mut Diagnostics,
) {
    // The links found as loading read the file; else read again (a file that cannot be
    // read again was reported by `check::markup`).
    let read;
    let links = match &md.seen {
        Some(seen) => &seen.links,
        None => {
            let Ok(body) = md.text() else {
                return;
            };
            read = written_links(md, &body);
            &read
        }
    };
    for link in links {
        if let Some((code, message, help)) = problem(&link.dest, here, addresses) {
            if code == "relative-link" {
                diags.warning(code, &md.file, link.at, message).help(help);
            } else {
                diags.error(code, &md.file, link.at, message).help(help);
            }
        }
    }
}

/// The links and images a Markdown body writes.
fn written_links(md: &MarkdownFile, body: &str) -> Vec<WrittenLink> {
    let positions = BodyPositions::new(body, md.front_lines);
    Parser::new_ext(body, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match &event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                Some(written_link(&positions, body, dest_url, range))
            }
            _ => None,
        })
        .collect()
}

/// A link or image to `dest` written at `range` of `body`, pointed at where a problem with
/// it is shown: the address itself inside `[text](address)`; for a reference-style link,
/// the link.
pub fn written_link(
    positions: &BodyPositions,
    body: &str,
    dest: &str,
    range: Range<usize>,
) -> WrittenLink {
    let source = body.get(range.clone()).unwrap_or("");
    let offset = source.rfind(dest).map_or(range.start, |i| range.start + i);
    let len = if offset == range.start {
        source.chars().count()
    } else {
        dest.chars().count()
    };
    WrittenLink {
        dest: dest.to_string(),
        at: positions.at(offset, len),
    }
}

/// What is wrong with a link, if anything: its code, the message and the help line. A
/// relative link is only a warning (it works on some pages); the others are errors.
fn problem(
    dest: &str,
    here: Option<&str>,
    addresses: &Addresses,
) -> Option<(&'static str, Message, Message)> {
    let external = dest.starts_with("//")
        || dest.contains("://")
        || dest.starts_with("mailto:")
        || dest.starts_with("tel:");
    // An address that is not safe to publish is reported by `check::markup`.
    if external || dest.is_empty() || !crate::render::markdown::is_safe_url(dest) {
        return None;
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    let path = if path.is_empty() {
        // `#q3` alone: only the questions page's own anchors are known.
        here?
    } else if !path.starts_with('/') {
        return Some((
            "relative-link",
            msg!("relative-link", dest = dest),
            msg!("relative-link.help", example = addresses.example.as_str()),
        ));
    } else {
        path
    };
    if !addresses.pages.contains(path) {
        let with_slash = format!("{path}/");
        let help = if addresses.pages.contains(&with_slash) {
            msg!("broken-link.help-slash", fixed = with_slash)
        } else {
            let known: Vec<&str> = addresses.pages.iter().map(String::as_str).collect();
            match closest(path, &known) {
                Some(best) => msg!("broken-link.help-best", best = best),
                None => msg!("broken-link.help", example = addresses.example.as_str()),
            }
        };
        return Some(("broken-link", msg!("broken-link", dest = dest), help));
    }
    let (fragment, (lang, count)) = match (fragment, addresses.faq.get(path)) {
        (Some(f), Some(faq)) => (f, *faq),
        // Other pages' anchors come from templates and headings; only questions are checked.
        _ => return None,
    };
    let number = fragment
        .strip_prefix('q')
        .and_then(|n| n.parse::<usize>().ok());
    if number.is_some_and(|n| (1..=count).contains(&n)) {
        return None;
    }
    Some((
        "broken-anchor",
        msg!(
            "broken-anchor",
            dest = dest,
            fragment = fragment,
            lang = lang.code(),
            count = count
        ),
        msg!("broken-anchor.help", count = count),
    ))
}
