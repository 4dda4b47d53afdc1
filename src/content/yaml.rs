//! Reading one YAML document into a typed shape, turning the reader's errors into
//! plain-words diagnostics with file, line and column.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{Options, RenderOptions, SnippetMode, Spanned};

use super::raw::ValueError;
use super::structure::{self, Problem, ProblemKind};
use crate::diagnostics::{Diagnostics, Position};
use crate::messages::Message;
use crate::msg;

/// The position of a value read with [`Spanned`], shifted by `line_offset` lines (for front
/// matter that starts below the top of its file).
pub fn position_of<T>(value: &Spanned<T>, line_offset: usize) -> Position {
    let loc = value.referenced;
    Position::new(loc.line() as usize + line_offset, loc.column() as usize)
        .with_len(loc.span().len() as usize)
}

/// Parse `text` (the contents of `file`) as `T`. On failure, report the problem and return
/// `None`. `line_offset` is added to reported lines.
pub fn parse<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    line_offset: usize,
    diags: &mut Diagnostics,
) -> Option<T> {
    let mut options = Options::default();
    options.strict_booleans = true;
    report_forbidden_escapes(file, text, line_offset, diags);
    match serde_saphyr::from_str_with_options::<T>(text, options) {
        Ok(value) => Some(value),
        Err(err) => {
            // A structure mistake (a tab, wrong indentation, a missing colon, a list item out
            // of place) is the cause of whatever the reader reports: name it on its own line.
            if let Some(problem) = structure::first_problem(text) {
                report_structure(file, &problem, line_offset, diags);
                return None;
            }
            let (line, column) = err
                .location()
                .map(|l| (l.line() as usize, l.column() as usize))
                .unwrap_or((0, 0));
            let plain = plain_message(&err);
            let (message, help) = explain(&plain, text, line);
            let at = if line == 0 {
                Position::FILE
            } else {
                Position::new(line + line_offset, column).with_len(token_len(text, line, column))
            };
            let pending = diags.error("yaml", file, at, message);
            if let Some(help) = help {
                pending.help(help);
            }
            None
        }
    }
}

/// Whether XML and HTML forbid `c` in text: the C0 controls other than tab, line feed and
/// carriage return, DEL, the C1 controls, and the noncharacters (U+FDD0–U+FDEF and the last
/// two code points of every plane, U+FFFE and U+FFFF among them). (A Rust string cannot hold
/// a lone surrogate.)
pub fn is_forbidden(c: char) -> bool {
    let n = c as u32;
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7f..=0x9f).contains(&n)
        || (0xfdd0..=0xfdef).contains(&n)
        || (n & 0xfffe) == 0xfffe
}

/// The character a YAML escape in a double-quoted value writes: the escape's text after the
/// backslash (`e`, `u0001`) gives the character and how many characters the escape spans.
fn escaped(after: &str) -> Option<(char, usize)> {
    let mut chars = after.chars();
    let c = chars.next()?;
    let simple = match c {
        '0' => Some('\0'),
        'a' => Some('\u{7}'),
        'b' => Some('\u{8}'),
        't' | '\t' => Some('\t'),
        'n' => Some('\n'),
        'v' => Some('\u{b}'),
        'f' => Some('\u{c}'),
        'r' => Some('\r'),
        'e' => Some('\u{1b}'),
        'N' => Some('\u{85}'),
        '_' => Some('\u{a0}'),
        'L' => Some('\u{2028}'),
        'P' => Some('\u{2029}'),
        _ => None,
    };
    if let Some(simple) = simple {
        return Some((simple, 2));
    }
    let digits = match c {
        'x' => 2,
        'u' => 4,
        'U' => 8,
        _ => return None,
    };
    let hex = after.get(1..1 + digits)?;
    let code = u32::from_str_radix(hex, 16).ok()?;
    Some((char::from_u32(code)?, 2 + digits))
}

/// Report each escape in a double-quoted value that writes a character XML and HTML forbid
/// (`"\e[2J"`, `"\u0000"`, `"\uFFFE"`), at the escape. Such characters written as they are
/// are reported when the file is read; these only exist once the YAML is read.
fn report_forbidden_escapes(file: &Path, text: &str, line_offset: usize, diags: &mut Diagnostics) {
    if !text.contains('\\') {
        return;
    }
    let mut starts: Vec<usize> = Vec::new();
    for event in granit_parser::Parser::new_from_str(text) {
        let Ok((event, span)) = event else { break };
        if let granit_parser::Event::Scalar(value, granit_parser::ScalarStyle::DoubleQuoted, ..) =
            event
            && value.chars().any(is_forbidden)
        {
            starts.push(span.start.index());
        }
    }
    if starts.is_empty() {
        return;
    }
    // Character index → place: one pass over the text for all the values.
    let mut chars = text.char_indices().enumerate().peekable();
    let (mut line, mut column) = (1, 1);
    for start in starts {
        // Move to the value's opening quote.
        while let Some(&(index, (_, c))) = chars.peek() {
            if index >= start {
                break;
            }
            if c == '\n' {
                (line, column) = (line + 1, 1);
            } else {
                column += 1;
            }
            chars.next();
        }
        let Some((_, (at, '"'))) = chars.peek().copied() else {
            continue;
        };
        let rest = &text[at + 1..];
        let (mut l, mut col) = (line, column + 1);
        let mut iter = rest.char_indices();
        while let Some((i, c)) = iter.next() {
            match c {
                '"' => break,
                '\n' => (l, col) = (l + 1, 1),
                '\\' => {
                    if let Some((written, len)) = escaped(&rest[i + 1..])
                        && is_forbidden(written)
                    {
                        let escape: String = rest[i..].chars().take(len).collect();
                        diags
                            .error(
                                "forbidden-character",
                                file,
                                Position::new(l + line_offset, col).with_len(len),
                                msg!(
                                    "forbidden-character--escape",
                                    escape = escape,
                                    code = format!("{:04X}", written as u32)
                                ),
                            )
                            .help(msg!("forbidden-character--escape.help"));
                    }
                    // The escaped character is not a closing quote.
                    if let Some((_, next)) = iter.next() {
                        col += 1;
                        if next == '\n' {
                            (l, col) = (l + 1, 0);
                        }
                    }
                    col += 1;
                    continue;
                }
                _ => {}
            }
            if c != '\n' {
                col += 1;
            }
        }
    }
}

/// Report a structure mistake in plain words, with how to put it right.
fn report_structure(file: &Path, p: &Problem, line_offset: usize, diags: &mut Diagnostics) {
    let at = Position::new(p.line + line_offset, p.column).with_len(p.len);
    let (message, help) = match &p.kind {
        ProblemKind::Tab => (msg!("yaml--tab"), msg!("yaml--tab.help")),
        ProblemKind::Indent {
            key,
            found,
            expected: 0,
        } => (
            msg!("yaml--indent-left", found = *found),
            msg!("yaml--indent-left.help", key = key),
        ),
        ProblemKind::Indent {
            key,
            found,
            expected,
        } => (
            msg!("yaml--indent", found = *found, expected = *expected),
            msg!("yaml--indent.help", key = key, expected = *expected),
        ),
        ProblemKind::MissingColon { key, fixed } => (
            msg!("yaml--missing-colon", key = key),
            msg!("yaml--missing-colon.help", fixed = fixed),
        ),
        ProblemKind::NoSpaceAfterColon { key } => (
            msg!("yaml--no-space", key = key),
            msg!("yaml--no-space.help", key = key),
        ),
        ProblemKind::ItemAmongFields { key, list_indent } => (
            msg!("yaml--item-among-fields"),
            match (key, list_indent) {
                (Some(key), Some(n)) => {
                    msg!("yaml--item-among-fields.help-list", key = key, spaces = *n)
                }
                _ => msg!("yaml--item-among-fields.help"),
            },
        ),
        ProblemKind::FieldAmongItems { key, item_indent } => (
            msg!("yaml--field-among-items", key = key),
            match item_indent {
                Some(n) => msg!("yaml--field-among-items.help", key = key, spaces = *n),
                None => msg!("yaml--field-among-items.help-no-item"),
            },
        ),
    };
    diags.error("yaml", file, at, message).help(help);
}

/// How many characters the word at a position spans, so the caret underlines all of it.
/// A quoted value is underlined through its closing quote; a plain one up to a space, a
/// bracket, or a comma followed by a space (so `2,48,5` is underlined whole).
fn token_len(text: &str, line: usize, column: usize) -> usize {
    text.lines()
        .nth(line.saturating_sub(1))
        .map(|l| {
            let rest: Vec<char> = l.chars().skip(column.saturating_sub(1)).collect();
            if let Some(&q @ ('"' | '\'')) = rest.first() {
                return rest[1..]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(rest.len(), |end| end + 2);
            }
            let mut n = 0;
            while n < rest.len() {
                let c = rest[n];
                let comma_end = c == ',' && rest.get(n + 1).is_none_or(|c| *c == ' ');
                if comma_end || matches!(c, ' ' | ':' | '}' | ']' | '#' | '\t') {
                    break;
                }
                n += 1;
            }
            n
        })
        .unwrap_or(1)
        .max(1)
}

/// The reader's message without its own location suffix or snippet.
fn plain_message(err: &serde_saphyr::Error) -> String {
    let mut options = RenderOptions::default();
    options.snippets = SnippetMode::Off;
    let text = err.render_with_options(options);
    let text = text.lines().next().unwrap_or("").trim().to_string();
    // Drop a trailing " at line N column M" the reader adds: we print our own location.
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Rephrase the reader's message for an editor, with a line on how to fix it.
fn explain(plain: &str, text: &str, line: usize) -> (Message, Option<Message>) {
    if let Some(value_error) = ValueError::find_in(plain) {
        return value_error.message();
    }
    if let Some(rest) = plain.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let expected = expected_list(expected);
        let message = msg!("yaml--unknown-field", field = field);
        let help = match closest(field, &expected) {
            Some(best) => msg!(
                "yaml--unknown-field.help",
                best = best,
                allowed = list(&expected)
            ),
            None if expected.is_empty() => msg!("yaml--unknown-field.help-none"),
            None => msg!(
                "yaml--unknown-field.help-allowed",
                allowed = list(&expected)
            ),
        };
        return (message, Some(help));
    }
    if let Some(rest) = plain.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return (
            msg!("yaml--missing-field", field = field),
            Some(msg!("yaml--missing-field.help", field = field)),
        );
    }
    if let Some(rest) = plain.strip_prefix("unknown variant `") {
        let (value, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let expected = expected_list(expected);
        let help = match closest(value, &expected) {
            Some(best) => msg!(
                "yaml--unknown-value.help",
                best = best,
                allowed = list(&expected)
            ),
            None => msg!(
                "yaml--unknown-value.help-allowed",
                allowed = list(&expected)
            ),
        };
        return (msg!("yaml--unknown-value", value = value), Some(help));
    }
    if let Some(rest) = plain.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return (
            msg!("yaml--duplicate", key = key),
            Some(msg!("yaml--duplicate.help")),
        );
    }
    if plain == "expected sequence start" {
        return (msg!("yaml--not-list"), Some(msg!("yaml--not-list.help")));
    }
    if plain == "expected mapping start" {
        return (msg!("yaml--not-group"), Some(msg!("yaml--not-group.help")));
    }
    if plain.contains("strict mode expects true/false") || plain.contains("invalid boolean") {
        return (
            msg!("yaml--not-boolean"),
            Some(msg!("yaml--not-boolean.help")),
        );
    }
    if plain.contains("mapping values are not allowed")
        || plain.contains("did not find expected")
        || plain.contains("while parsing")
        || plain.contains("invalid indentation")
        || plain.contains("unclosed")
    {
        let tab = text
            .lines()
            .nth(line.saturating_sub(1))
            .is_some_and(|l| l.contains('\t'));
        let help = if tab {
            msg!("yaml--tab.help")
        } else {
            msg!("yaml--syntax.help")
        };
        return (msg!("yaml--syntax", detail = plain), Some(help));
    }
    if plain.starts_with("invalid type") || plain.starts_with("invalid ") {
        return (
            msg!("yaml--wrong-kind", detail = plain),
            Some(msg!("yaml--wrong-kind.help")),
        );
    }
    (msg!("yaml--other", detail = plain), None)
}

/// `expected one of a, b, c` or `` expected one of `a`, `b` `` → the names.
fn expected_list(text: &str) -> Vec<&str> {
    let text = text.trim_start_matches(',').trim();
    let text = text
        .strip_prefix("expected one of")
        .or_else(|| text.strip_prefix("expected"))
        .unwrap_or("");
    text.split(',')
        .map(|s| s.trim().trim_matches('`'))
        .filter(|s| !s.is_empty() && !s.contains(' '))
        .collect()
}

/// Names in backticks, comma-separated, for help lines: `` `a`, `b` ``.
pub fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The allowed name nearest to a misspelt one, if it is near enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 2).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(
            closest("name_tn", &["code", "name", "region"]),
            Some("name")
        );
        assert_eq!(closest("colour", &["code", "name"]), None);
        assert_eq!(
            closest("illustrativ", &["official", "illustrative"]),
            Some("illustrative")
        );
    }
}
