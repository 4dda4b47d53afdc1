//! Dated updates: the `/updates/` page and an Atom feed per language (`/feed.xml`,
//! `/en/feed.xml`), both made from the notes in `content/updates/`.
//!
//! A note missing in one language is left out of that language's page and feed (validation
//! warns about it). Entry ids are the absolute address of the note on the updates page, so
//! they stay the same from build to build; the feed's `updated` is the newest note's date,
//! never the time of the build.

use serde::Serialize;

use super::format::Formatter;
use super::markdown::escape;
use super::theme::Theme;
use super::views::{Route, absolute, render_markdown};
use crate::model::{Date, Lang, Site};

/// Atom wants a time; notes have a day. Midnight in Thailand.
fn atom_time(date: Date) -> String {
    format!("{date}T00:00:00+07:00")
}

#[derive(Serialize)]
pub struct UpdateEntry {
    /// The note's name, its anchor on the page.
    pub id: String,
    pub title: String,
    pub date: String,
    pub date_iso: String,
    /// The date of the last change, when later than `date`.
    pub updated: String,
    pub updated_iso: String,
    pub html: String,
}

#[derive(Serialize)]
pub struct UpdatesView {
    pub entries: Vec<UpdateEntry>,
    pub feed_href: String,
}

/// The notes of a language, newest first.
fn entries(site: &Site, theme: &Theme, fmt: &Formatter) -> Vec<UpdateEntry> {
    let lang = fmt.lang;
    site.updates
        .iter()
        .filter_map(|u| {
            let note = u.get(lang)?;
            let later = note.updated > u.date;
            Some(UpdateEntry {
                id: u.name.clone(),
                title: note.title.clone(),
                date: fmt.date(u.date),
                date_iso: u.date.to_string(),
                updated: if later {
                    fmt.date(note.updated)
                } else {
                    String::new()
                },
                updated_iso: if later {
                    note.updated.to_string()
                } else {
                    String::new()
                },
                html: render_markdown(
                    site,
                    theme,
                    lang,
                    &note.body.text,
                    &format!("{}-fn-", u.name),
                ),
            })
        })
        .collect()
}

pub fn updates_view(site: &Site, theme: &Theme, fmt: &Formatter) -> UpdatesView {
    UpdatesView {
        entries: entries(site, theme, fmt),
        feed_href: super::views::href(site, fmt.lang, "feed.xml"),
    }
}

/// The newest change to any note of a language, if it has notes.
pub fn newest(site: &Site, lang: Lang) -> Option<Date> {
    site.updates
        .iter()
        .filter_map(|u| u.get(lang).map(|n| n.updated))
        .max()
}

/// The Atom feed of a language.
pub fn atom(site: &Site, theme: &Theme, lang: Lang) -> String {
    let c = &site.config;
    let page = absolute(
        site,
        lang,
        &Route::one(super::pages::Kind::Updates).rel(site),
    );
    let title = format!("{} – {}", theme.t(lang, "updates_title"), c.title.get(lang));
    let updated = newest(site, lang).unwrap_or(site.national.updated);
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\" xml:base=\"{}\">\n",
        lang.code(),
        escape(&c.base_url)
    ));
    out.push_str(&format!("<title>{}</title>\n", escape(&title)));
    out.push_str(&format!(
        "<subtitle>{}</subtitle>\n",
        escape(&theme.t(lang, "updates_description"))
    ));
    out.push_str(&format!("<id>{}</id>\n", escape(&page)));
    out.push_str(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(&absolute(site, lang, "feed.xml"))
    ));
    out.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&page)
    ));
    out.push_str(&format!("<updated>{}</updated>\n", atom_time(updated)));
    out.push_str(&format!(
        "<author><name>{}</name></author>\n",
        escape(c.agency_name.get(lang))
    ));
    for u in &site.updates {
        let Some(note) = u.get(lang) else { continue };
        let link = format!("{page}#{}", u.name);
        let html = render_markdown(
            site,
            theme,
            lang,
            &note.body.text,
            &format!("{}-fn-", u.name),
        );
        out.push_str("<entry>\n");
        out.push_str(&format!("<title>{}</title>\n", escape(&note.title)));
        out.push_str(&format!("<id>{}</id>\n", escape(&link)));
        out.push_str(&format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&link)
        ));
        out.push_str(&format!("<published>{}</published>\n", atom_time(u.date)));
        out.push_str(&format!("<updated>{}</updated>\n", atom_time(note.updated)));
        if let Some(summary) = &note.summary {
            out.push_str(&format!("<summary>{}</summary>\n", escape(summary)));
        }
        out.push_str(&format!(
            "<content type=\"html\">{}</content>\n",
            escape(&html)
        ));
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}
