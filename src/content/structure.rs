//! The block structure of a YAML file as an editor sees it: lines, indentation, `field: value`
//! and `- ` list items. When the YAML reader rejects a file, this walks the lines to find the
//! structure mistake people actually make (a tab, three or five spaces, a missing colon, a
//! list item out of place) and names it on its own line, where the reader would report a
//! confusing consequence on another line ("the field `beneficiaries` is missing").
//!
//! It reads only the structure of block YAML (what tanrak's content files use); lines inside
//! quotes, `{…}`/`[…]` spanning lines and `|`/`>` text blocks are skipped.

/// A structure mistake, on a 1-based line and column of the text examined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    /// Characters to underline.
    pub len: usize,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// The line is indented with a tab.
    Tab,
    /// A field whose indentation matches no group around it. `expected` is the indentation
    /// of the group it most likely belongs to.
    Indent {
        key: String,
        found: usize,
        expected: usize,
    },
    /// `name value`, or `name` alone, where `name: value` is meant. `fixed` is the line's
    /// text (after its indentation) with the colon put in.
    MissingColon { key: String, fixed: String },
    /// `name:value`.
    NoSpaceAfterColon { key: String },
    /// A `- ` item where the lines around it are fields. `list_indent` is where the nearest
    /// list's items start, if there is one above.
    ItemAmongFields {
        key: Option<String>,
        list_indent: Option<usize>,
    },
    /// A field lined up with the `- ` of list items. `item_indent` is where the fields of the
    /// item above start.
    FieldAmongItems {
        key: String,
        item_indent: Option<usize>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Map,
    Seq,
}

/// The state of quotes and brackets carried from one line to the next.
#[derive(Debug, Default, Clone, Copy)]
struct Scan {
    depth: usize,
    quote: Option<char>,
}

impl Scan {
    fn open(&self) -> bool {
        self.depth > 0 || self.quote.is_some()
    }

    /// Read a piece of a line (a value, or a continued line), updating the state. Returns
    /// the byte length of the piece without a trailing comment.
    fn feed(&mut self, text: &str) -> usize {
        let mut prev: Option<char> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match self.quote {
                Some('"') => {
                    if c == '\\' {
                        chars.next();
                    } else if c == '"' {
                        self.quote = None;
                    }
                }
                Some(_) => {
                    if c == '\'' {
                        if chars.peek().map(|(_, n)| *n) == Some('\'') {
                            chars.next();
                        } else {
                            self.quote = None;
                        }
                    }
                }
                None => match c {
                    '#' if i == 0 || text[..i].ends_with([' ', '\t']) => return i,
                    ':' if self.depth == 0
                        && chars.peek().is_none_or(|(_, n)| n.is_whitespace()) =>
                    {
                        // `key: ` — what follows is the start of a value.
                        prev = None;
                        continue;
                    }
                    '"' | '\'' if starts_scalar(prev, self.depth) => self.quote = Some(c),
                    '{' | '[' if self.depth > 0 || prev.is_none() => self.depth += 1,
                    '}' | ']' if self.depth > 0 => self.depth -= 1,
                    _ => {}
                },
            }
            if !c.is_whitespace() {
                prev = Some(c);
            }
        }
        text.len()
    }
}

/// Whether a quote after `prev` (the last non-space character) opens a quoted scalar: at the
/// start of a value, or after `,` `[` `{` `:` inside brackets.
fn starts_scalar(prev: Option<char>, depth: usize) -> bool {
    match prev {
        None => true,
        Some(',' | '[' | '{' | ':') => depth > 0,
        _ => false,
    }
}

/// `key: value` split at its colon: `(key, value)`, where the key is plain or quoted and the
/// colon is followed by a space or the end of the line.
fn split_field(text: &str) -> Option<(&str, &str)> {
    if let Some(q @ ('"' | '\'')) = text.chars().next() {
        let end = text[1..].find(q)? + 2;
        let rest = text[end..].trim_start();
        let value = rest.strip_prefix(':')?;
        return (value.is_empty() || value.starts_with([' ', '\t']))
            .then(|| (&text[..end], value.trim()));
    }
    let mut from = 0;
    while let Some(i) = text[from..].find(':') {
        let at = from + i;
        let after = &text[at + 1..];
        if after.is_empty() || after.starts_with([' ', '\t']) {
            return Some((text[..at].trim_end(), after.trim()));
        }
        from = at + 1;
    }
    None
}

/// A field name as tanrak's files spell them: letters, digits, `_` and `-`.
fn is_name(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        && !word.starts_with('-')
}

/// What one significant line holds after its indentation (and after `- ` for an item).
enum Content<'a> {
    /// `key: value`, `key:` (value empty).
    Field { key: &'a str, value: &'a str },
    /// Anything else: a plain value, a quoted or bracketed value, or a mistake.
    Other(&'a str),
}

fn content_of(text: &str) -> Content<'_> {
    match split_field(text) {
        Some((key, value)) if !key.is_empty() => Content::Field { key, value },
        _ => Content::Other(text),
    }
}

/// The mistake a line that should be a field makes, if it makes one: `name value`,
/// `name:value`, `name`.
fn field_mistake(text: &str, line: usize, column: usize) -> Option<Problem> {
    let word_end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(text.len());
    let word = &text[..word_end];
    if !is_name(word) {
        return None;
    }
    let rest = &text[word_end..];
    let len = word.chars().count();
    if rest.starts_with(':') {
        return Some(Problem {
            line,
            column,
            len,
            kind: ProblemKind::NoSpaceAfterColon { key: word.into() },
        });
    }
    if rest.is_empty() || rest.starts_with([' ', '\t']) {
        let value = rest.trim();
        let fixed = if value.is_empty() {
            format!("{word}: …")
        } else {
            format!("{word}: {value}")
        };
        return Some(Problem {
            line,
            column,
            len,
            kind: ProblemKind::MissingColon {
                key: word.into(),
                fixed,
            },
        });
    }
    None
}

/// Whether a value may go on over the following, deeper lines (a plain multi-line scalar).
fn is_plain(value: &str) -> bool {
    !value.is_empty() && !value.starts_with(['"', '\'', '{', '[', '|', '>', '&', '*', '!'])
}

fn is_block_scalar(value: &str) -> bool {
    let v = value.trim_end();
    (v.starts_with('|') || v.starts_with('>'))
        && v[1..].chars().all(|c| matches!(c, '+' | '-' | '1'..='9'))
}

/// The first structure mistake in `text`, if there is one.
pub fn first_problem(text: &str) -> Option<Problem> {
    let mut stack: Vec<(usize, Block)> = Vec::new();
    // The previous line ended in `key:` or `-` with nothing after it: the indentation of
    // that key or dash, under which a deeper block may open.
    let mut opened: Option<usize> = None;
    // The previous value was plain text that deeper lines may continue.
    let mut plain_from: Option<usize> = None;
    let mut text_block: Option<usize> = None;
    let mut scan = Scan::default();

    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if scan.open() {
            let piece = raw.trim_start();
            scan.feed(piece);
            continue;
        }
        if raw.trim().is_empty() {
            continue;
        }
        let spaces = raw.len() - raw.trim_start_matches(' ').len();
        if let Some(parent) = text_block {
            if spaces > parent {
                continue;
            }
            text_block = None;
        }
        let lead_len = raw.len() - raw.trim_start_matches([' ', '\t']).len();
        let lead = &raw[..lead_len];
        if let Some(tab) = lead.find('\t') {
            return Some(Problem {
                line,
                column: lead[..tab].chars().count() + 1,
                len: 1,
                kind: ProblemKind::Tab,
            });
        }
        let indent = lead_len;
        let rest = &raw[indent..];
        if rest.starts_with('#') {
            continue;
        }
        if indent == 0
            && (rest.starts_with("---") || rest.starts_with("...") || rest.starts_with('%'))
        {
            stack.clear();
            opened = None;
            plain_from = None;
            continue;
        }
        let is_item = rest == "-" || rest.starts_with("- ");
        let column = indent + 1;
        let body = if is_item {
            rest[1..].trim_start()
        } else {
            rest
        };
        let body_indent = if is_item {
            indent + (rest.len() - body.len())
        } else {
            indent
        };
        let body_column = raw[..raw.len() - body.len()].chars().count() + 1;
        // Drop a trailing comment and note quotes or brackets left open for the next lines.
        let mut body_scan = Scan::default();
        let body = body[..body_scan.feed(body)].trim_end();
        let content = content_of(body);
        let key_of = |c: &Content| match c {
            Content::Field { key, .. } => Some(key.to_string()),
            Content::Other(_) => None,
        };

        // Close the groups this line is outside of.
        let mut popped: Option<(usize, Block)> = None;
        while let Some(&(top, kind)) = stack.last() {
            if top > indent {
                popped = Some((top, kind));
                stack.pop();
            } else {
                break;
            }
        }
        // `key:` with its `- ` items at the same indentation: a field there ends the list.
        if !is_item
            && stack.len() >= 2
            && stack[stack.len() - 1] == (indent, Block::Seq)
            && stack[stack.len() - 2] == (indent, Block::Map)
        {
            popped = stack.pop();
        }
        let top = stack.last().copied();
        let continuing = plain_from.is_some_and(|from| indent > from);
        match top {
            Some((at, Block::Map)) if at == indent => {
                if is_item {
                    if opened == Some(indent) {
                        // `key:` then `- item` at the same indentation: YAML allows it.
                        stack.push((indent, Block::Seq));
                    } else {
                        let list_indent = popped
                            .iter()
                            .chain(stack.iter().rev())
                            .find(|(_, k)| *k == Block::Seq)
                            .map(|(a, _)| *a);
                        return Some(Problem {
                            line,
                            column,
                            len: 1,
                            kind: ProblemKind::ItemAmongFields {
                                key: key_of(&content),
                                list_indent,
                            },
                        });
                    }
                }
            }
            Some((at, Block::Seq)) if at == indent => {
                if !is_item {
                    let key = key_of(&content)
                        .or_else(|| field_mistake(body, line, column).map(|_| body.to_string()))
                        .unwrap_or_else(|| body.to_string());
                    let item_indent = popped.filter(|(_, k)| *k == Block::Map).map(|(a, _)| a);
                    return Some(Problem {
                        line,
                        column,
                        len: key.chars().count().max(1),
                        kind: ProblemKind::FieldAmongItems { key, item_indent },
                    });
                }
            }
            _ => {
                let opens_here = match (opened, top) {
                    (Some(parent), _) => indent > parent,
                    (None, None) => true,
                    (None, Some(_)) => false,
                };
                if opens_here {
                    stack.push((indent, if is_item { Block::Seq } else { Block::Map }));
                } else if continuing && !is_item && key_of(&content).is_none() {
                    // The next line of a long plain value.
                    continue;
                } else {
                    // Suggest the group it most likely belongs to: of the groups around
                    // it, the nearest one of the same kind (fields or list items).
                    let want = if is_item { Block::Seq } else { Block::Map };
                    let mut candidates: Vec<usize> = stack
                        .iter()
                        .chain(popped.iter())
                        .filter(|(_, k)| *k == want)
                        .map(|(a, _)| *a)
                        .collect();
                    if let Some((a, Block::Seq)) = popped.or(top)
                        && want == Block::Map
                    {
                        // A field after a `- ` item belongs to that item's fields.
                        candidates.push(a + 2);
                    }
                    let expected = candidates
                        .into_iter()
                        .min_by_key(|a| (a.abs_diff(indent), usize::MAX - a))
                        .unwrap_or(0);
                    let key = key_of(&content).unwrap_or_else(|| {
                        body.split_whitespace().next().unwrap_or("").to_string()
                    });
                    return Some(Problem {
                        line,
                        column,
                        len: key.chars().count().max(1) + if is_item { 2 } else { 0 },
                        kind: ProblemKind::Indent {
                            key,
                            found: indent,
                            expected,
                        },
                    });
                }
            }
        }

        // What the line holds: a field, or (for an item) any value.
        opened = None;
        plain_from = None;
        match content {
            Content::Field { key, value } => {
                let Some(first) = key.chars().next() else {
                    continue;
                };
                if !matches!(first, '"' | '\'')
                    && !is_name(key)
                    && let Some(problem) = field_mistake(body, line, body_column)
                {
                    return Some(problem);
                }
                if is_item {
                    stack.push((body_indent, Block::Map));
                }
                if value.is_empty() {
                    opened = Some(body_indent);
                } else if is_block_scalar(value) {
                    text_block = Some(body_indent);
                } else if is_plain(value) {
                    plain_from = Some(body_indent);
                }
            }
            Content::Other(other) => {
                if is_item {
                    if other.is_empty() {
                        opened = Some(indent);
                    } else if is_block_scalar(other) {
                        text_block = Some(indent);
                    } else if is_plain(other) {
                        plain_from = Some(indent);
                    }
                } else if let Some(problem) = field_mistake(other, line, column) {
                    return Some(problem);
                }
            }
        }
        scan = body_scan;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORD: &str = "code: TH-83
name: {th: ภูเก็ต, en: Phuket}
region: south
results:
  - period: {start: 2016-10, end: 2017-05}
    households_reached: 10
    people_reached: 400
events:
- kind: workshop
  title: {th: \"ประชุม # ไม่ใช่หมายเหตุ\",
          en: Workshop}
sources:
  - title: |
      some text
        deeper text
    url: https://example.org # a comment
summary: a long line
  that goes on
";

    fn with(from: &str, to: &str) -> String {
        assert!(RECORD.contains(from), "{from}");
        RECORD.replacen(from, to, 1)
    }

    fn kind(text: &str) -> (usize, usize, ProblemKind) {
        let p = first_problem(text).expect("a problem");
        (p.line, p.column, p.kind)
    }

    #[test]
    fn a_well_formed_file_has_no_problem() {
        assert_eq!(first_problem(RECORD), None);
    }

    #[test]
    fn a_tab_is_found_on_its_own_line() {
        let (line, column, k) = kind(&with("    people_reached", "  \tpeople_reached"));
        assert_eq!((line, column, k), (7, 3, ProblemKind::Tab));
    }

    #[test]
    fn three_and_five_spaces_are_found() {
        let (line, column, k) = kind(&with("    people_reached", "   people_reached"));
        assert_eq!((line, column), (7, 4));
        assert_eq!(
            k,
            ProblemKind::Indent {
                key: "people_reached".into(),
                found: 3,
                expected: 4
            }
        );
        let (line, _, k) = kind(&with("    people_reached", "     people_reached"));
        assert_eq!(line, 7);
        assert_eq!(
            k,
            ProblemKind::Indent {
                key: "people_reached".into(),
                found: 5,
                expected: 4
            }
        );
        let (line, _, k) = kind(&with("region:", " region:"));
        assert_eq!(line, 3);
        assert_eq!(
            k,
            ProblemKind::Indent {
                key: "region".into(),
                found: 1,
                expected: 0
            }
        );
    }

    #[test]
    fn a_missing_colon_is_found() {
        let (line, column, k) = kind(&with("name: {", "name {"));
        assert_eq!((line, column), (2, 1));
        assert_eq!(
            k,
            ProblemKind::MissingColon {
                key: "name".into(),
                fixed: "name: {th: ภูเก็ต, en: Phuket}".into()
            }
        );
        let (line, _, k) = kind(&with("region: south", "region south"));
        assert_eq!(line, 3);
        assert!(matches!(k, ProblemKind::MissingColon { .. }));
        let (line, _, k) = kind(&with("region: south", "region:south"));
        assert_eq!(line, 3);
        assert_eq!(
            k,
            ProblemKind::NoSpaceAfterColon {
                key: "region".into()
            }
        );
        let (line, column, _) = kind(&with("    people_reached: 400", "    people_reached 400"));
        assert_eq!((line, column), (7, 5));
    }

    #[test]
    fn list_items_out_of_place_are_found() {
        let (line, _, k) = kind(&with("    people_reached", "    - people_reached"));
        assert_eq!(line, 7);
        assert_eq!(
            k,
            ProblemKind::ItemAmongFields {
                key: Some("people_reached".into()),
                list_indent: Some(2)
            }
        );
        let (line, column, k) = kind(&with("    url:", "  url:"));
        assert_eq!((line, column), (16, 3));
        assert_eq!(
            k,
            ProblemKind::FieldAmongItems {
                key: "url".into(),
                item_indent: Some(4)
            }
        );
        let (line, _, k) = kind(&with("region: south", "- region: south"));
        assert_eq!(line, 3);
        assert!(matches!(k, ProblemKind::ItemAmongFields { .. }));
    }
}

#[cfg(test)]
mod on_real_files {
    /// No false alarm on the YAML files and front matter tanrak ships.
    #[test]
    fn the_shipped_yaml_has_no_structure_problem() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seen = 0;
        for dir in ["content", "tests/fixtures/tiny", "themes"] {
            for entry in walkdir::WalkDir::new(root.join(dir)) {
                let entry = entry.unwrap();
                let path = entry.path();
                let text = match path.extension().and_then(|e| e.to_str()) {
                    Some("yaml") => std::fs::read_to_string(path).unwrap(),
                    Some("md") => {
                        let text = std::fs::read_to_string(path).unwrap();
                        match text
                            .strip_prefix("---\n")
                            .and_then(|t| t.split_once("\n---\n"))
                        {
                            Some((front, _)) => front.to_string(),
                            None => continue,
                        }
                    }
                    _ => continue,
                };
                seen += 1;
                assert_eq!(super::first_problem(&text), None, "{}", path.display());
            }
        }
        assert!(seen > 100, "only {seen} files");
    }
}
