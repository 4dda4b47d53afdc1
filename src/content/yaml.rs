//! Reading one YAML document into a typed shape, turning the reader's errors into
//! plain-words diagnostics with file, line and column.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{Options, RenderOptions, SnippetMode, Spanned};

use super::structure::{self, Problem, ProblemKind};
use crate::diagnostics::{Diagnostics, Position};

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

/// Report a structure mistake in plain words, with how to put it right.
fn report_structure(file: &Path, p: &Problem, line_offset: usize, diags: &mut Diagnostics) {
    let at = Position::new(p.line + line_offset, p.column).with_len(p.len);
    let (message, help) = match &p.kind {
        ProblemKind::Tab => (
            "this line is indented with a tab".to_string(),
            "YAML counts spaces: replace the tab with spaces (two for each level)".to_string(),
        ),
        ProblemKind::Indent {
            key,
            found,
            expected,
        } => (
            if *expected == 0 {
                format!(
                    "this line is indented by {}, but the lines of its group start at the left edge",
                    spaces(*found)
                )
            } else {
                format!(
                    "this line is indented by {}, but the lines of its group by {}",
                    spaces(*found),
                    spaces(*expected)
                )
            },
            if *expected == 0 {
                format!("remove the spaces before `{key}`, to line it up with the lines above it")
            } else {
                format!(
                    "put {} before `{key}`, to line it up with the lines above it",
                    spaces(*expected)
                )
            },
        ),
        ProblemKind::MissingColon { key, fixed } => (
            format!("there is no colon after the field name `{key}`"),
            format!("write `{fixed}`: the field name, a colon, a space, then the value"),
        ),
        ProblemKind::NoSpaceAfterColon { key } => (
            format!("there is no space after the colon of `{key}`"),
            format!("write `{key}: ` and then the value, with a space after the colon"),
        ),
        ProblemKind::ItemAmongFields { key, list_indent } => (
            "this list item (`- `) stands among `name: value` fields".to_string(),
            match (key, list_indent) {
                (Some(key), Some(n)) => format!(
                    "if `{key}` is a field of this group, remove the `- `; if it starts a new item of the list above, put its `- ` under the other ones ({})",
                    spaces(*n)
                ),
                _ => {
                    "remove the `- `: this group holds `name: value` fields, not a list".to_string()
                }
            },
        ),
        ProblemKind::FieldAmongItems { key, item_indent } => (
            format!(
                "`{key}` is lined up with the `- ` of the list items, so it belongs to none of them"
            ),
            match item_indent {
                Some(n) => format!(
                    "put {} before `{key}` to make it part of the item above, or start it with `- ` if it is a new item",
                    spaces(*n)
                ),
                None => "start it with `- ` if it is a new item, or indent it under the item it belongs to".to_string(),
            },
        ),
    };
    diags.error("yaml", file, at, message).help(help);
}

/// `1 space`, `4 spaces`.
fn spaces(n: usize) -> String {
    if n == 1 {
        "1 space".into()
    } else {
        format!("{n} spaces")
    }
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
fn explain(plain: &str, text: &str, line: usize) -> (String, Option<String>) {
    if let Some(rest) = plain.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let expected = expected_list(expected);
        let message = format!("unknown field `{field}`");
        let help = match closest(field, &expected) {
            Some(best) => format!(
                "did you mean `{best}`? Fields allowed here: {}",
                list(&expected)
            ),
            None if expected.is_empty() => "remove this field".to_string(),
            None => format!("fields allowed here: {}", list(&expected)),
        };
        return (message, Some(help));
    }
    if let Some(rest) = plain.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return (
            format!("the field `{field}` is missing"),
            Some(format!("add a line `{field}: …` to this group of fields")),
        );
    }
    if let Some(rest) = plain.strip_prefix("unknown variant `") {
        let (value, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let expected = expected_list(expected);
        let help = match closest(value, &expected) {
            Some(best) => format!("did you mean `{best}`? Allowed values: {}", list(&expected)),
            None => format!("allowed values: {}", list(&expected)),
        };
        return (
            format!("`{value}` is not an allowed value here"),
            Some(help),
        );
    }
    if let Some(rest) = plain.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return (
            format!("the field `{key}` is written twice"),
            Some("keep one of them and delete the other".into()),
        );
    }
    if plain == "expected sequence start" {
        return (
            "this should be a list".into(),
            Some(
                "write each item on its own line starting with `- `, or `[]` for an empty list"
                    .into(),
            ),
        );
    }
    if plain == "expected mapping start" {
        return (
            "this should be a group of `name: value` fields".into(),
            Some(
                "compare this part with the example in the editors' guide (docs/editing.en.md)"
                    .into(),
            ),
        );
    }
    if plain.contains("strict mode expects true/false") || plain.contains("invalid boolean") {
        return (
            "this must be `true` or `false`".into(),
            Some("write true or false (not yes/no/on/off)".into()),
        );
    }
    if plain.contains("not a number")
        || plain.contains("not a date")
        || plain.contains("not a month")
        || plain.contains("not a day")
        || plain.contains("has no month")
        || plain.contains("has the year")
        || plain.contains("not a whole number")
    {
        return (plain.to_string(), None);
    }
    if plain.contains("commas in the wrong places") {
        return (
            plain.to_string(),
            Some("a comma goes before each group of three digits, counted from the right: 2,485 or 248,500; or write the number without commas".into()),
        );
    }
    if plain.contains("mapping values are not allowed")
        || plain.contains("did not find expected")
        || plain.contains("while parsing")
        || plain.contains("invalid indentation")
        || plain.contains("unclosed")
    {
        let hint = if text
            .lines()
            .nth(line.saturating_sub(1))
            .is_some_and(|l| l.contains('\t'))
        {
            "YAML does not allow tabs for indentation: use spaces"
        } else {
            "check the indentation of this line and the one above it (use spaces, two per level), and that every quote is closed"
        };
        return (format!("YAML syntax error: {plain}"), Some(hint.into()));
    }
    if plain.starts_with("invalid type") || plain.starts_with("invalid ") {
        return (
            format!("wrong kind of value: {plain}"),
            Some(
                "compare this line with the example in the editors' guide (docs/editing.en.md)"
                    .into(),
            ),
        );
    }
    (plain.to_string(), None)
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

fn list(items: &[&str]) -> String {
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
