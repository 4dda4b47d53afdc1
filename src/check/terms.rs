//! Terminology and house style: official names spelt the official way, and the text the site
//! writes itself written one way.
//!
//! `content/glossary.yaml` lists each official name or house term with the wrong forms known
//! to occur (the programme's source document itself has some). Every Markdown, YAML and CSV
//! file under `content/` is searched for the wrong forms; each one found is an error that
//! names its line and column and the right form. An entry marked `site_text_only` is looked
//! for only in the text the site writes itself (below). The glossary itself holds the wrong
//! forms on purpose and is not searched.
//!
//! Two rules need no glossary and apply to the text the site writes itself in Markdown:
//! - one kind of digit in a sentence: Thai digits (๐–๙) and Arabic digits (0–9) are not mixed
//!   in one sentence (Thai has no full stop, so a Thai paragraph, list item or heading counts
//!   as one sentence);
//! - "by <date>" in English, which reads as "no later than": where the source gives the day a
//!   thing happened (เมื่อวันที่), the English says "on".
//!
//! The text the site writes itself leaves out what it quotes: anything inside quotation marks
//! (“…” or "…"), code spans, link addresses, and the source's own words on the questions page
//! of the site's first language, which is everything there after its first `## ` heading
//! except the notes the site adds (lines starting with `>`).

use std::path::{Path, PathBuf};

use memchr::memmem;
use rayon::prelude::*;

use crate::content::raw::RawTerm;
use crate::content::yaml::{parse, position_of};
use crate::content::{Content, read_text};
use crate::diagnostics::{Diagnostics, Position};
use crate::model::Lang;
use crate::msg;

pub const GLOSSARY: &str = "glossary.yaml";

/// A checked glossary entry.
struct Term {
    right: String,
    wrong: Vec<String>,
    /// A searcher for each wrong form, made once for every file (SIMD, where the standard
    /// library's `match_indices` builds its searcher again for each file).
    finders: Vec<memmem::Finder<'static>>,
    site_text_only: bool,
}

/// The glossary's entries, read once for every file, and the problems found in it.
pub struct Glossary {
    file: PathBuf,
    terms: Vec<Term>,
    problems: Diagnostics,
}

impl Glossary {
    /// Read `content/glossary.yaml` (no entries when there is none).
    pub fn load(root: &Path) -> Glossary {
        let mut problems = Diagnostics::new(root);
        let terms = load(root, &mut problems);
        Glossary {
            file: root.join("content").join(GLOSSARY),
            terms,
            problems,
        }
    }

    /// The site's folder.
    pub fn root(&self) -> &Path {
        self.problems.root()
    }

    /// Whether `path` is searched: a Markdown, YAML or CSV file, not the glossary itself.
    fn searches(&self, path: &Path) -> bool {
        matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("md" | "yaml" | "yml" | "csv")
        ) && path != self.file
    }

    /// Search one file's `text` (as loading read it), when it is a file to search.
    pub fn search_text(&self, path: &Path, text: &str, quotes_source: bool) -> Option<Diagnostics> {
        if !self.searches(path) {
            return None;
        }
        let mut found = Diagnostics::new(self.problems.root());
        search_text(path, text, &self.terms, quotes_source, &mut found);
        Some(found)
    }
}

fn load(root: &Path, diags: &mut Diagnostics) -> Vec<Term> {
    let file = root.join("content").join(GLOSSARY);
    if !file.exists() {
        return Vec::new();
    }
    let Some(text) = read_text(&file, diags) else {
        return Vec::new();
    };
    let Some(raw) = parse::<Vec<RawTerm>>(&file, &text, 0, diags) else {
        return Vec::new();
    };
    let mut terms = Vec::new();
    for entry in raw {
        let right = entry.right.value.trim().to_string();
        if right.is_empty() {
            diags
                .error(
                    "glossary",
                    &file,
                    position_of(&entry.right, 0),
                    msg!("glossary--empty"),
                )
                .help(msg!("glossary--empty.help"));
            continue;
        }
        let mut wrong = Vec::new();
        for w in &entry.wrong {
            let form = w.value.trim();
            if form.is_empty() || right.contains(form) {
                diags
                    .error(
                        "glossary",
                        &file,
                        position_of(w, 0),
                        msg!("glossary--part", form = form, right = &right),
                    )
                    .help(msg!("glossary--part.help"));
                continue;
            }
            wrong.push(form.to_string());
        }
        terms.push(Term {
            right,
            finders: wrong
                .iter()
                .map(|w| memmem::Finder::new(w).into_owned())
                .collect(),
            wrong,
            site_text_only: entry.site_text_only,
        });
    }
    terms
}

/// The questions page that quotes the source: the one in the site's first language.
fn source_questions(content: &Content) -> Option<PathBuf> {
    let site = content.site.as_ref()?;
    let first = site.value.languages.value.first()?;
    let lang = Lang::parse(first.value.trim())?;
    content.faq.get(&lang).map(|md| md.file.clone())
}

pub fn check(root: &Path, content: &Content, diags: &mut Diagnostics) {
    check_some(root, content, None, &Glossary::load(root), diags);
}

/// [`check`], with `glossary` read before loading: the files in [`Content::looked`] were
/// searched as loading read them, and only what they found is taken here.
pub fn check_looked(content: &Content, glossary: &Glossary, diags: &mut Diagnostics) {
    // Loading walked the folder: the files it looked at, with what it found, and all the
    // others.
    let mut files: Vec<ToSearch> = content
        .looked
        .iter()
        .map(|(path, found)| (path.clone(), Some(found)))
        .chain(
            content
                .unlooked
                .iter()
                .filter(|path| glossary.searches(path))
                .map(|path| (path.clone(), None)),
        )
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    search_files(content, files, glossary, diags);
}

/// [`check`] of the files among `only`.
pub fn check_files(root: &Path, content: &Content, only: &[PathBuf], diags: &mut Diagnostics) {
    check_some(root, content, Some(only), &Glossary::load(root), diags);
}

fn check_some(
    root: &Path,
    content: &Content,
    only: Option<&[PathBuf]>,
    glossary: &Glossary,
    diags: &mut Diagnostics,
) {
    let content_dir = root.join("content");
    let files: Vec<PathBuf> = match only {
        Some(only) => only
            .iter()
            .filter(|path| {
                matches!(crate::sitefs::look(root, path), Ok(Some(m)) if m.is_file())
                    && glossary.searches(path)
            })
            .cloned()
            .collect(),
        None => crate::sitefs::walk(&content_dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|entry| entry.file_type().is_file() && glossary.searches(entry.path()))
            .map(walkdir::DirEntry::into_path)
            .collect(),
    };
    // What loading found in a file it looked at, if it did.
    let files = files
        .into_iter()
        .map(|path| {
            let found = content
                .looked
                .binary_search_by(|(p, _)| p.as_path().cmp(&path))
                .ok()
                .map(|at| &content.looked[at].1);
            (path, found)
        })
        .collect();
    search_files(content, files, glossary, diags);
}

/// A file to search, and what loading found in it when loading searched it already.
type ToSearch<'c> = (PathBuf, Option<&'c Option<Diagnostics>>);

/// Search `files` (in this order) for the glossary's wrong forms and the house-style slips;
/// a file searched as loading read it is not read again.
fn search_files(
    content: &Content,
    files: Vec<ToSearch>,
    glossary: &Glossary,
    diags: &mut Diagnostics,
) {
    diags.extend(glossary.problems.clone());
    let source = source_questions(content);
    // Files are searched in parallel, each into its own collector, merged in file order.
    let found: Vec<Diagnostics> = files
        .par_iter()
        .map(|(path, looked)| {
            if let Some(found) = looked {
                return (*found)
                    .clone()
                    .unwrap_or_else(|| Diagnostics::new(diags.root()));
            }
            let mut local = Diagnostics::new(diags.root());
            let quotes_source = source.as_deref() == Some(path.as_path());
            search(path, &glossary.terms, quotes_source, &mut local);
            local
        })
        .collect();
    for local in found {
        diags.extend(local);
    }
}

/// Report every wrong form and house-style slip in one file.
fn search(path: &Path, terms: &[Term], quotes_source: bool, diags: &mut Diagnostics) {
    // A file that cannot be read was already reported by loading.
    let Some(text) = crate::sitefs::read_opened(path)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
    else {
        return;
    };
    search_text(path, &text, terms, quotes_source, diags);
}

/// [`search`] in a file's text.
fn search_text(
    path: &Path,
    text: &str,
    terms: &[Term],
    quotes_source: bool,
    diags: &mut Diagnostics,
) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let markdown = path.extension().is_some_and(|e| e == "md");
    let english = path
        .file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| s.ends_with(".en"));
    // Each wrong form is searched once in the whole file (not once per line), and lines are
    // only looked at closely where a form was found or a line-level rule can apply.
    let mut hits: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (t, term) in terms.iter().enumerate() {
        for (f, finder) in term.finders.iter().enumerate() {
            // Non-overlapping, left to right, as `str::match_indices` finds them.
            for byte in finder.find_iter(text.as_bytes()) {
                hits.push((byte, t, f, 0));
            }
        }
    }
    // Most files have no Thai digit: then no line needs a look for one.
    let thai_digits = has_thai_digit(text);
    // A file with no wrong form and no line a line-level rule applies to (most files) is
    // not gone through line by line.
    let date_rule_anywhere = markdown && english && text.contains("by ");
    if hits.is_empty() && !(markdown && thai_digits) && !date_rule_anywhere {
        return;
    }
    // Order as if read line by line, term by term, form by form.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    for hit in &mut hits {
        hit.3 = line_starts.partition_point(|&s| s <= hit.0) - 1;
    }
    hits.sort_by_key(|&(byte, t, f, line)| (line, t, f, byte));
    let mut next_hit = 0;
    let mut in_fence = false;
    let mut source_part = false;
    for (index, line) in text.lines().enumerate() {
        let line_hits_end = next_hit + hits[next_hit..].iter().take_while(|h| h.3 == index).count();
        let line_hits = &hits[next_hit..line_hits_end];
        next_hit = line_hits_end;
        let trimmed = line.trim_start();
        let fence_mark = markdown && (trimmed.starts_with("```") || trimmed.starts_with("~~~"));
        if fence_mark {
            in_fence = !in_fence;
        }
        if markdown && quotes_source && line.starts_with("## ") {
            source_part = true;
        }
        let has_thai_digit = thai_digits && has_thai_digit(line);
        let has_arabic_digit = line.bytes().any(|b| b.is_ascii_digit());
        let digits_rule = markdown && has_thai_digit && has_arabic_digit;
        let date_rule = markdown && english && line.contains("by ");
        if line_hits.is_empty() && !digits_rule && !date_rule {
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let mask = if markdown {
            let quoted_line = source_part && !trimmed.starts_with('>');
            if in_fence || fence_mark || quoted_line {
                vec![false; chars.len()]
            } else {
                site_text(&chars)
            }
        } else {
            vec![true; chars.len()]
        };
        for &(byte, t, f, _) in line_hits {
            let (term, form) = (&terms[t], &terms[t].wrong[f]);
            let column = text[line_starts[index]..byte].chars().count();
            if term.site_text_only && !mask.get(column).copied().unwrap_or(false) {
                continue;
            }
            let at = Position::new(index + 1, column + 1).with_len(form.chars().count());
            diags
                .error(
                    "terminology",
                    path,
                    at,
                    msg!("terminology", form = form, right = term.right.as_str()),
                )
                .help(msg!("terminology.help", right = term.right.as_str()));
        }
        if digits_rule {
            for (start, end) in sentences(&chars) {
                mixed_digits(path, index + 1, &chars, &mask, start, end, diags);
            }
        }
        if date_rule {
            by_date(path, index + 1, &chars, &mask, diags);
        }
    }
}

/// Which characters of a Markdown line are the site's own words: not inside quotation marks,
/// code spans, link addresses or HTML tags, and not the line's list, quote or heading marks.
fn site_text(chars: &[char]) -> Vec<bool> {
    let mut mask = vec![true; chars.len()];
    // Leading marks, each followed by a space: `>`, `#`, `-`, `*`, `+`, `1.`, `1)`, `[!NOTE]`.
    let mut i = 0;
    loop {
        while i < chars.len() && chars[i] == ' ' {
            i += 1;
        }
        let rest = &chars[i..];
        let mark = match rest.first() {
            Some('>' | '#' | '-' | '*' | '+') => rest.iter().take_while(|&&c| c == rest[0]).count(),
            Some(c) if c.is_ascii_digit() => {
                let n = rest.iter().take_while(|c| c.is_ascii_digit()).count();
                if matches!(rest.get(n), Some('.' | ')')) {
                    n + 1
                } else {
                    0
                }
            }
            Some('[') if rest.get(1) == Some(&'!') => {
                rest.iter().position(|&c| c == ']').map_or(0, |n| n + 1)
            }
            _ => 0,
        };
        if mark == 0 || rest.get(mark).is_some_and(|&c| c != ' ') {
            break;
        }
        i += mark;
    }
    mask[..i].fill(false);
    let mut open: Option<(char, usize)> = None;
    let mut j = i;
    while j < chars.len() {
        let c = chars[j];
        let close = match open {
            Some((close, from)) if c == close => {
                mask[from..=j].fill(false);
                open = None;
                j += 1;
                continue;
            }
            Some(_) => {
                j += 1;
                continue;
            }
            None => match c {
                '“' => Some('”'),
                '"' => Some('"'),
                '`' => Some('`'),
                '<' => Some('>'),
                '(' if j > 0 && chars[j - 1] == ']' => Some(')'),
                _ => None,
            },
        };
        if let Some(close) = close {
            open = Some((close, j));
        }
        j += 1;
    }
    mask
}

/// Sentences of a line as (start, end) character ranges: English ones end at `.`, `?` or `!`
/// before a space; Thai has no full stop, so a Thai line is one sentence.
fn sentences(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in chars.iter().enumerate() {
        let ends =
            matches!(c, '.' | '?' | '!') && chars.get(i + 1).is_some_and(|c| c.is_whitespace());
        if ends {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    out.push((start, chars.len()));
    out
}

fn is_thai_digit(c: char) -> bool {
    ('๐'..='๙').contains(&c)
}

/// Whether `text` holds a Thai digit, read as bytes: ๐–๙ (U+0E50–U+0E59) are the three bytes
/// `E0 B9 90`–`E0 B9 99`.
fn has_thai_digit(text: &str) -> bool {
    memmem::find_iter(text.as_bytes(), b"\xE0\xB9")
        .any(|i| matches!(text.as_bytes().get(i + 2), Some(0x90..=0x99)))
}

/// Thai and Arabic digits in one sentence of the site's own words.
fn mixed_digits(
    path: &Path,
    line: usize,
    chars: &[char],
    mask: &[bool],
    start: usize,
    end: usize,
    diags: &mut Diagnostics,
) {
    let own = |i: &usize| mask[*i];
    let thai = (start..end).filter(own).find(|&i| is_thai_digit(chars[i]));
    let arabic = (start..end)
        .filter(own)
        .find(|&i| chars[i].is_ascii_digit());
    let (Some(thai), Some(arabic)) = (thai, arabic) else {
        return;
    };
    // Point at the first digit of the kind that comes second.
    let (at, first) = if thai > arabic {
        (thai, arabic)
    } else {
        (arabic, thai)
    };
    let kind = |i: usize| {
        if is_thai_digit(chars[i]) {
            "thai"
        } else {
            "arabic"
        }
    };
    diags
        .error(
            "digits",
            path,
            Position::new(line, at + 1).with_len(1),
            msg!(
                "digits",
                digit = chars[at],
                kind = kind(at),
                other_kind = kind(first),
                other = chars[first],
                column = first + 1
            ),
        )
        .help(msg!("digits.help"));
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "by 28 November 2016" (or "by November 28") in the site's own English words.
fn by_date(path: &Path, line: usize, chars: &[char], mask: &[bool], diags: &mut Diagnostics) {
    let text: String = chars.iter().collect();
    for (byte, _) in text.match_indices("by ") {
        let at = text[..byte].chars().count();
        let word_start = at == 0 || !chars[at - 1].is_alphanumeric();
        if !word_start || !mask[at] {
            continue;
        }
        let rest = &text[byte + 3..];
        let day_first = {
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            (1..=2).contains(&digits)
                && MONTHS.iter().any(|m| {
                    rest[digits..]
                        .strip_prefix(' ')
                        .is_some_and(|r| r.starts_with(m))
                })
        };
        let month_first = MONTHS.iter().any(|m| {
            rest.strip_prefix(m)
                .and_then(|r| r.strip_prefix(' '))
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        });
        if !(day_first || month_first) {
            continue;
        }
        let date = date_after_by(rest, day_first);
        let phrase = format!("by {date}");
        diags
            .error(
                "wording",
                path,
                Position::new(line, at + 1).with_len(phrase.chars().count()),
                msg!(
                    "wording--1",
                    phrase = (phrase).to_string(),
                    date = (date).to_string()
                ),
            )
            .help(msg!("wording--h2", date = (date).to_string()));
    }
}

/// The date that follows "by ": "28 November", "28 November 2016", "November 28, 2016".
fn date_after_by(rest: &str, day_first: bool) -> String {
    let words: Vec<&str> = rest.split(' ').collect();
    let clean = |w: &str| {
        w.trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_string()
    };
    let is_year = |w: &str| {
        let w = clean(w);
        w.len() == 4 && w.chars().all(|c| c.is_ascii_digit())
    };
    let mut date = vec![clean(words[0]), clean(words.get(1).copied().unwrap_or(""))];
    if day_first {
        if words
            .get(1)
            .is_some_and(|w| !w.ends_with(|c: char| !c.is_alphanumeric()))
            && words.get(2).is_some_and(|w| is_year(w))
        {
            date.push(clean(words[2]));
        }
    } else if words.get(1).is_some_and(|w| w.ends_with(','))
        && words.get(2).is_some_and(|w| is_year(w))
    {
        date[1].push(',');
        date.push(clean(words[2]));
    }
    date.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte search finds a Thai digit exactly where the character test does, among the
    /// characters that share its first two bytes (the rest of the Thai block) and others.
    #[test]
    fn thai_digits_are_found_by_their_bytes() {
        for c in ('\u{0E00}'..='\u{0E7F}').chain(['a', '1', '๑', 'é', '中', '\u{0E50}']) {
            for text in [format!("{c}"), format!("ปี {c} และ"), format!("x{c}")] {
                assert_eq!(
                    has_thai_digit(&text),
                    text.chars().any(is_thai_digit),
                    "{text:?}"
                );
            }
        }
        assert!(has_thai_digit("ปี ๒๕๖๐"));
        assert!(!has_thai_digit("ปี 2560 ภาคเหนือ"));
    }
}
