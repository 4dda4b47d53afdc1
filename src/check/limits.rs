//! Editorial limits: titles and summaries short enough to be shown whole.
//!
//! Browsers, search results and link previews cut long titles and descriptions. These are
//! warnings, not errors: a long title still makes a working page. Length is counted in
//! characters as they are seen, so Thai vowel and tone marks written above or below a letter
//! do not count (they take no width of their own).

use unicode_width::UnicodeWidthStr;

use crate::content::yaml::position_of;
use crate::content::{Content, MarkdownFile};
use crate::diagnostics::Diagnostics;
use crate::msg;

/// Longest title shown whole in search results and browser tabs.
pub const TITLE_MAX: usize = 70;
/// Longest summary shown whole as a search result's or link preview's description.
pub const SUMMARY_MAX: usize = 160;

pub fn check(content: &Content, diags: &mut Diagnostics) {
    let files = content
        .home
        .values()
        .chain(content.faq.values())
        .chain(content.pages.values())
        .chain(content.narratives.values());
    for md in files {
        check_file(md, diags);
    }
}

/// [`check`] of the narratives among `files` (records have nothing it checks).
pub fn check_files(content: &Content, files: &[std::path::PathBuf], diags: &mut Diagnostics) {
    let files = crate::content::Among::new(files);
    for md in content.narratives.values() {
        if files.has(&md.file) {
            check_file(md, diags);
        }
    }
}

fn check_file(md: &MarkdownFile, diags: &mut Diagnostics) {
    // Front matter starts on the file's second line, below the opening `---`.
    if let Some(title) = &md.front.title {
        let length = title.value.trim().width();
        if length > TITLE_MAX {
            diags
                .warning(
                    "long-title",
                    &md.file,
                    position_of(title, 1),
                    msg!("long-title", length = length, max = TITLE_MAX),
                )
                .help(msg!("long-title.help"));
        }
    }
    if let Some(summary) = &md.front.summary {
        let length = summary.value.trim().width();
        if length > SUMMARY_MAX {
            diags
                .warning(
                    "long-summary",
                    &md.file,
                    position_of(summary, 1),
                    msg!("long-summary", length = length, max = SUMMARY_MAX),
                )
                .help(msg!("long-summary.help"));
        }
    }
}
