//! Checks beyond validation: things a site can get wrong that still make a valid model.
//!
//! Validation (`validate`) makes sure the content can be turned into a site at all; these
//! checks look at what the site will say: links between pages that lead nowhere, province
//! figures that do not add up to the national ones, known wrong spellings of official names,
//! titles and summaries too long to show. `tanrak check` runs them without writing anything;
//! `tanrak build` runs the same ones (through [`crate::site::load`]) and an error from any of
//! them stops the build, so what `check` passes is what `build` publishes.
//!
//! Two checks the brief lists live where the data is made and are not repeated here: every
//! page in both languages (validation warns for a missing page, narrative or home text and
//! errs for a missing questions file) and every UI string in both languages
//! (`render::theme::check_strings`, run when the theme loads).

pub mod limits;
pub mod links;
pub mod markup;
pub mod schemas;
pub mod sums;
pub mod terms;

use std::path::{Path, PathBuf};

use crate::content::{Content, MarkdownFile, Seen};
use crate::diagnostics::{Diagnostics, Position};
use crate::model::Site;
use crate::render::theme::Theme;

/// Checks that need only the files as read: terminology and editorial limits. They run even
/// when validation fails, so an editor sees these problems in the same run.
pub fn content(root: &Path, content: &Content, diags: &mut Diagnostics) {
    terms::check(root, content, diags);
    limits::check(content, diags);
    markup::check(content, diags);
}

/// The checks of single files' text (terminology, markup, and finding the links the link
/// check checks), run as loading reads each file ([`crate::content::load_looking`]), so a
/// build reads no file a second time before its page is rendered.
pub struct AsRead {
    glossary: terms::Glossary,
}

impl AsRead {
    /// Read the glossary the terminology check needs (its problems are reported by
    /// [`AsRead::content`]).
    pub fn new(root: &Path) -> AsRead {
        AsRead {
            glossary: terms::Glossary::load(root),
        }
    }

    /// [`content`], taking what was found as loading read the files.
    pub fn content(&self, content: &Content, diags: &mut Diagnostics) {
        // The two files loading reads before the walk (no look sees them as read).
        let first = [
            content.site.as_ref().map(|l| &l.file),
            content.report.as_ref().map(|l| &l.file),
        ];
        for file in first.into_iter().flatten() {
            let mut quiet = Diagnostics::new(self.glossary.root());
            if let Some(text) = crate::content::read_text(file, &mut quiet)
                && let Some(found) = example_marker(self.glossary.root(), file, &text)
            {
                diags.extend(found);
            }
        }
        terms::check_looked(content, &self.glossary, diags);
        limits::check(content, diags);
        markup::check(content, diags);
    }
}

impl crate::content::Look for AsRead {
    fn text(&self, file: &Path, text: &str, quotes_source: bool) -> Option<Diagnostics> {
        let found = self.glossary.search_text(file, text, quotes_source);
        let Some(example) = example_marker(self.glossary.root(), file, text) else {
            return found;
        };
        let mut found = found.unwrap_or_else(|| Diagnostics::new(self.glossary.root()));
        found.extend(example);
        Some(found)
    }

    fn markdown(&self, md: &MarkdownFile, body: &str) -> Seen {
        let mut problems = Diagnostics::new(self.glossary.root());
        let links = markup::look(md, body, &mut problems);
        Seen { problems, links }
    }
}

/// The words that mark a starter's example in a content file (`tanrak init` writes them): a
/// reminder stays until the examples are replaced and the line is deleted.
pub const EXAMPLE_MARKER: &str = "tanrak-example";

/// A reminder at the first [`EXAMPLE_MARKER`] in a text file, if it has one.
fn example_marker(root: &Path, file: &Path, text: &str) -> Option<Diagnostics> {
    let at = memchr::memmem::find(text.as_bytes(), EXAMPLE_MARKER.as_bytes())?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    let mut found = Diagnostics::new(root);
    found
        .warning(
            "example-content",
            file,
            Position::new(line, column).with_len(EXAMPLE_MARKER.len()),
            crate::msg!("example-content--1"),
        )
        .help(crate::msg!("example-content--1.help"));
    Some(found)
}

/// [`content`]'s checks of the given files only (records and narratives edited while
/// `tanrak serve` runs): what they find is all about those files.
pub fn content_of(root: &Path, content: &Content, files: &[PathBuf], diags: &mut Diagnostics) {
    terms::check_files(root, content, files, diags);
    limits::check_files(content, files, diags);
    markup::check_files(content, files, diags);
    for file in files {
        let mut quiet = Diagnostics::new(root);
        if let Some(text) = crate::content::read_text(file, &mut quiet)
            && let Some(found) = example_marker(root, file, &text)
        {
            diags.extend(found);
        }
    }
}

/// Checks that need the validated site: links and anchors, national sums, current schemas.
pub fn site(content: &Content, site: &Site, theme: Option<&Theme>, diags: &mut Diagnostics) {
    links::check(content, site, theme, diags);
    whole_site(content, site, diags);
}

/// The checks of [`site`] that look at all records at once (the sums, the schemas); the
/// link check is done file by file ([`links::check_files`]).
pub fn whole_site(content: &Content, site: &Site, diags: &mut Diagnostics) {
    sums::check(content, site, diags);
    schemas::check(content, site, diags);
}

/// The line and column (1-based, columns in characters) of byte `offset` in a Markdown
/// file's body, as a position in the whole file: the front matter's lines come first. (For
/// many positions in one body, [`BodyPositions`] finds each without counting from the top.)
pub fn body_position(body: &str, front_lines: usize, offset: usize, len_chars: usize) -> Position {
    BodyPositions::new(body, front_lines).at(offset, len_chars)
}

/// Positions in one Markdown body, found in time linear in the body's size however many are
/// asked for: the line by a search in the lines' starts (made once, on the first question),
/// the column counted on from the last position asked for when it is earlier on the same
/// line (problems are found in reading order), else from the line's start.
pub struct BodyPositions<'a> {
    body: &'a str,
    front_lines: usize,
    starts: std::cell::OnceCell<Vec<usize>>,
    /// The last position found: byte offset, line index, column (0-based, in characters).
    last: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> BodyPositions<'a> {
    pub fn new(body: &'a str, front_lines: usize) -> Self {
        BodyPositions {
            body,
            front_lines,
            starts: std::cell::OnceCell::new(),
            last: std::cell::Cell::new((0, 0, 0)),
        }
    }

    /// The position of byte `offset` (moved back to a character boundary), `len_chars` long.
    pub fn at(&self, offset: usize, len_chars: usize) -> Position {
        let mut offset = offset.min(self.body.len());
        while !self.body.is_char_boundary(offset) {
            offset -= 1;
        }
        let starts = self.starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.body.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = starts.partition_point(|&s| s <= offset) - 1;
        let (last_offset, last_line, last_column) = self.last.get();
        let column = if last_line == line && last_offset <= offset && last_offset >= starts[line] {
            last_column + self.body[last_offset..offset].chars().count()
        } else {
            self.body[starts[line]..offset].chars().count()
        };
        self.last.set((offset, line, column));
        Position::new(line + 1 + self.front_lines, column + 1).with_len(len_chars)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_positions_count_front_matter_lines_and_characters() {
        let body = "first\nเชียงใหม่ [x](/y/)\n";
        let at = body.find("(/y/)").unwrap() + 1;
        let p = body_position(body, 4, at, 4);
        assert_eq!((p.line, p.column, p.len), (6, 15, 4));
    }
}
