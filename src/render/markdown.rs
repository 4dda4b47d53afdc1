//! Markdown to HTML for narratives, pages and the questions.
//!
//! Smart punctuation stays off: it turns Thai quotes the wrong way round (see
//! notes/crates.md). Site-absolute links (`/faq/#q6`) are rewritten under the base path so a
//! site works under a sub-path; footnote ids get a prefix so they never clash with headings;
//! GitHub-style alerts (`> [!WARNING]`) become labelled notes.

use pulldown_cmark::{
    BlockQuoteKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};

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

fn transform<'a>(event: Event<'a>, cx: &MarkdownContext) -> Event<'a> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::from(site_link(cx.base_path, &dest_url)),
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
            dest_url: CowStr::from(site_link(cx.base_path, &dest_url)),
            title,
            id,
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
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Render a Markdown document to HTML.
pub fn to_html(text: &str, cx: &MarkdownContext) -> String {
    let parser = Parser::new_ext(text, options()).map(|e| transform(e, cx));
    let mut out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut out, parser);
    out
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
    for event in Parser::new_ext(text, options()).map(|e| transform(e, cx)) {
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
    let render = |events: Vec<Event>| {
        let mut out = String::new();
        html::push_html(&mut out, events.into_iter());
        out
    };
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
