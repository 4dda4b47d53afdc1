//! Problems found in a site's content, collected and reported together.
//!
//! Every stage pushes into one [`Diagnostics`] collector instead of stopping at the first
//! problem, so an editor sees everything that needs fixing in one run. Each problem names
//! its file, line and column, says what is wrong in plain words and how to fix it, and is
//! printed like a compiler message with the offending source line and a caret under it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::messages::{Lang, Text};
use crate::msg;

/// How serious a problem is: errors stop a build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// The word used in reports: `error` or `warning` (ข้อผิดพลาด, คำเตือน).
    pub fn word(self, lang: Lang) -> String {
        match self {
            Severity::Error => crate::messages::t(lang, "severity-error"),
            Severity::Warning => crate::messages::t(lang, "severity-warning"),
        }
    }
}

/// A place in a content file: 1-based line and column (columns count characters, not bytes).
/// Line 0 means "the whole file".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    /// How many characters the problem spans, for the caret underline (at least 1).
    pub len: usize,
}

impl Position {
    pub const FILE: Position = Position {
        line: 0,
        column: 0,
        len: 0,
    };

    pub fn new(line: usize, column: usize) -> Self {
        Position {
            line,
            column,
            len: 1,
        }
    }

    pub fn with_len(mut self, len: usize) -> Self {
        self.len = len.max(1);
        self
    }
}

/// One problem in the content. Its words are chosen when it is shown: see [`Text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    /// A stable identifier for the kind of problem (e.g. `unknown-code`), for tools and docs.
    pub code: &'static str,
    pub message: Text,
    pub help: Option<Text>,
    pub len: usize,
}

/// A diagnostic as `--format json` prints it, in one language.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    severity: Severity,
    code: &'static str,
    message: String,
    help: Option<String>,
}

/// The collector every stage writes its problems into.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    root: PathBuf,
    items: Vec<Diagnostic>,
    /// Set by [`Diagnostics::mark_loaded`]: how many problems loading found, and the files
    /// it could not read. Later problems about those files are consequences, not news.
    loaded: Option<(usize, std::collections::BTreeSet<String>)>,
    /// Warnings the site has accepted (`check: accept:` in `site.yaml`): (code, file). They
    /// are left out of every report and count.
    accepted: Vec<(String, String)>,
}

/// Builder returned by [`Diagnostics::error`] and [`Diagnostics::warning`] to attach help.
pub struct Pending<'a> {
    items: &'a mut Vec<Diagnostic>,
    index: usize,
}

impl Pending<'_> {
    /// A plain-words line on how to fix the problem.
    pub fn help(self, help: impl Into<Text>) -> Self {
        self.items[self.index].help = Some(help.into());
        self
    }
}

impl Diagnostics {
    pub fn new(root: &Path) -> Self {
        Diagnostics {
            root: root.to_path_buf(),
            items: Vec::new(),
            loaded: None,
            accepted: Vec::new(),
        }
    }

    /// Leave warnings of `code` about `file` (relative to the site root, `/` separators) out
    /// of reports from now on. Errors are never left out.
    pub fn accept(&mut self, code: &str, file: &str) {
        let pair = (code.to_string(), file.trim_start_matches("./").to_string());
        if !self.accepted.contains(&pair) {
            self.accepted.push(pair);
        }
    }

    /// Whether `d` is a warning the site has accepted.
    fn is_accepted(&self, d: &Diagnostic) -> bool {
        d.severity == Severity::Warning
            && self
                .accepted
                .iter()
                .any(|(code, file)| code == d.code && *file == d.file)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The display name of a file: its path relative to the site root.
    pub fn display_path(&self, file: &Path) -> String {
        let rel = file.strip_prefix(&self.root).unwrap_or(file);
        rel.to_string_lossy().replace('\\', "/")
    }

    fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        file: &Path,
        at: Position,
        message: impl Into<Text>,
    ) -> Pending<'_> {
        let file = self.display_path(file);
        let message = message.into();
        debug_assert!(
            message.id().is_none_or(|id| {
                let name = id.split('.').next().unwrap_or(id);
                name == code || name.starts_with(&format!("{code}--"))
            }),
            "the message {:?} does not belong to the code {code}",
            message.id()
        );
        self.items.push(Diagnostic {
            file,
            line: at.line,
            column: at.column,
            severity,
            code,
            message,
            help: None,
            len: at.len.max(1),
        });
        let index = self.items.len() - 1;
        Pending {
            items: &mut self.items,
            index,
        }
    }

    pub fn error(
        &mut self,
        code: &'static str,
        file: &Path,
        at: Position,
        message: impl Into<Text>,
    ) -> Pending<'_> {
        self.push(Severity::Error, code, file, at, message)
    }

    pub fn warning(
        &mut self,
        code: &'static str,
        file: &Path,
        at: Position,
        message: impl Into<Text>,
    ) -> Pending<'_> {
        self.push(Severity::Warning, code, file, at, message)
    }

    /// Take over the problems another collector found (used when work runs in parallel).
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
        for (code, file) in other.accepted {
            self.accept(&code, &file);
        }
    }

    /// How many problems were reported so far (for [`Diagnostics::since`]).
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// The problems reported after the first `count`, in a collector of their own: what
    /// one step found, kept apart by `tanrak serve` to report again when it skips the step.
    pub fn since(&self, count: usize) -> Diagnostics {
        Diagnostics {
            root: self.root.clone(),
            items: self.items.get(count..).unwrap_or_default().to_vec(),
            loaded: None,
            accepted: self.accepted.clone(),
        }
    }

    /// Forget the problems reported about `file` (it is about to be read again).
    pub fn forget_file(&mut self, file: &Path) {
        let shown = self.display_path(file);
        self.items.retain(|d| d.file != shown);
    }

    /// Note the end of loading. From here on, a problem reported about a file that loading
    /// could not read (its YAML is broken, it is not UTF-8, …) is left out of reports: the
    /// editor hears of that file's first error, not of "missing" pages or versions that
    /// follow from it. Likewise, while `content/areas.csv` has an error, records and
    /// narratives of an area it could not list are not reported as unknown.
    pub fn mark_loaded(&mut self) {
        let unreadable = self
            .items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.file.clone())
            .collect();
        self.loaded = Some((self.items.len(), unreadable));
    }

    /// Whether the problem at `index` only follows from a file that could not be read.
    fn is_follow_on(&self, index: usize, d: &Diagnostic) -> bool {
        let Some((upto, unreadable)) = &self.loaded else {
            return false;
        };
        index >= *upto
            && (unreadable.contains(&d.file)
                || (unreadable.contains("content/areas.csv")
                    && matches!(d.code, "unknown-code" | "unused-file")))
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Errors, counting a problem reported twice (e.g. by both languages' pages) once.
    pub fn error_count(&self) -> usize {
        self.sorted()
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warning_count(&self) -> usize {
        self.sorted().len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.iter().all(|d| self.is_accepted(d))
    }

    /// All problems in a stable order: by file, then position, then message.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut all: Vec<&Diagnostic> = self
            .items
            .iter()
            .enumerate()
            .filter(|(i, d)| !self.is_follow_on(*i, d) && !self.is_accepted(d))
            .map(|(_, d)| d)
            .collect();
        all.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, a.code, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, b.code, &b.message))
        });
        all.dedup_by(|a, b| a == b);
        all
    }

    /// Compiler-style report of the problems in `lang`, with source lines and carets: at most
    /// [`SHOWN_PER_FILE`] per file and [`SHOWN_PER_RUN`] in all, each followed by a count of
    /// the rest, so a file with thousands of the same mistake does not flood the terminal.
    pub fn render(&self, color: bool, lang: Lang) -> String {
        let mut out = String::new();
        // Each file is read once, however many problems it has.
        let mut sources: std::collections::HashMap<&str, Option<String>> = Default::default();
        let all = self.sorted();
        let mut shown = 0;
        let mut hidden = 0;
        let mut i = 0;
        while i < all.len() {
            let file = all[i].file.as_str();
            let end = all[i..]
                .iter()
                .position(|d| d.file != file)
                .map_or(all.len(), |n| i + n);
            let in_file = &all[i..end];
            let room = SHOWN_PER_RUN.saturating_sub(shown).min(SHOWN_PER_FILE);
            for d in in_file.iter().take(room) {
                let source = sources
                    .entry(file)
                    .or_insert_with(|| read_source(&self.root.join(file)));
                render_one(&mut out, source.as_deref(), d, color, lang);
            }
            let rest = in_file.len().saturating_sub(room);
            shown += in_file.len() - rest;
            if rest > 0 && room > 0 {
                let _ = writeln!(
                    out,
                    "{}: {}\n",
                    paint(color, "1", file),
                    msg!("report-more-in-file", n = rest).text(lang)
                );
            }
            if room == 0 {
                hidden += in_file.len();
            }
            i = end;
        }
        if hidden > 0 {
            let _ = writeln!(
                out,
                "{}\n",
                msg!("report-more-elsewhere", n = hidden).text(lang)
            );
        }
        out
    }

    /// The problems as GitHub workflow commands, one a line, for a GitHub Actions step:
    /// `::error file=…,line=…,col=…,title=…::message` with the help line after a line break,
    /// in `lang`. GitHub marks each on its file and line of the commit or pull request. A
    /// problem about a whole file has no line or column.
    pub fn to_github(&self, lang: Lang) -> String {
        let mut out = String::new();
        for d in self.sorted() {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            // Content's own characters are made printable first (a line break or a control
            // in a value can then neither end the command nor start another).
            let mut properties = format!("file={}", github_property(&printable(&d.file)));
            if d.line > 0 {
                let _ = write!(properties, ",line={}", d.line);
                if d.column > 0 {
                    let _ = write!(properties, ",col={}", d.column);
                }
            }
            let title = format!("tanrak: {} ({})", d.severity.word(lang), d.code);
            let _ = write!(properties, ",title={}", github_property(&title));
            let mut message = printable(&d.message.text(lang)).into_owned();
            if let Some(help) = &d.help {
                message.push('\n');
                message.push_str(&crate::messages::t(lang, "help-label"));
                message.push_str(": ");
                message.push_str(&printable(&help.text(lang)));
            }
            let _ = writeln!(out, "::{command} {properties}::{}", github_data(&message));
        }
        out
    }

    /// The problems as a JSON array of `{file, line, column, severity, code, message, help}`,
    /// the message and help in `lang` (`severity` and `code` are the same in every language).
    pub fn to_json(&self, lang: Lang) -> String {
        let items: Vec<JsonDiagnostic> = self
            .sorted()
            .into_iter()
            .map(|d| JsonDiagnostic {
                file: &d.file,
                line: d.line,
                column: d.column,
                severity: d.severity,
                code: d.code,
                message: d.message.text(lang),
                help: d.help.as_ref().map(|h| h.text(lang)),
            })
            .collect();
        let json = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
        printable_json(&json).into_owned()
    }
}

/// A workflow command's message, escaped as GitHub's workflow-command format requires.
fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value (`file=…`, `title=…`): also `:` and `,` escaped.
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// At most this many problems are printed for one file.
pub const SHOWN_PER_FILE: usize = 50;
/// At most this many problems are printed in one run.
pub const SHOWN_PER_RUN: usize = 200;
/// A source line longer than this many characters is shown as a window around the problem.
const LINE_WINDOW: usize = 120;
/// How many characters of context the window keeps before the problem.
const WINDOW_BEFORE: usize = 40;

/// A file's text for showing its lines: only a plain file (never a link or a pipe), and only
/// up to a size a person could read.
fn read_source(path: &Path) -> Option<String> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() || meta.len() > 64 * 1024 * 1024 {
        return None;
    }
    String::from_utf8(crate::sitefs::read_opened(path).ok()?).ok()
}

/// The part of a long line around characters `start..start + len` (0-based), with `…` where
/// it was cut: (text shown, characters of it before the problem).
fn window(line: &str, start: usize, len: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= LINE_WINDOW {
        return (line.to_string(), start.min(chars.len()));
    }
    let start = start.min(chars.len());
    let from = start.saturating_sub(WINDOW_BEFORE);
    let to = (start + len.max(1) + (LINE_WINDOW - WINDOW_BEFORE)).min(chars.len());
    let mut text = String::new();
    let mut before = start - from;
    if from > 0 {
        text.push('…');
        before += 1;
    }
    text.extend(&chars[from..to]);
    if to < chars.len() {
        text.push('…');
    }
    (text, before)
}

/// Whether `c` must not reach a terminal or a CI log as it is: the C0 controls (line breaks
/// included: a value never starts a new output line) except tab, DEL, the C1 controls, the
/// Unicode line and paragraph separators, and the bidirectional overrides and isolates that
/// make a line read differently from its characters' order.
pub fn is_unprintable(c: char) -> bool {
    (c < ' ' && c != '\t')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` safe to print to a terminal or a CI log: every character [`is_unprintable`] is
/// shown as its Rust escape (`\u{1b}` for ESC, `\u{a}` for a line break), so content can
/// neither send the terminal a command nor print a line of its own (such as `::error` or
/// `file:1:1: error:`). Text with none of those characters is returned as it is.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unprintable) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unprintable(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// JSON text with the characters [`is_unprintable`] that JSON allows raw (DEL, the C1
/// controls, the separators and the bidirectional controls) written as `\uXXXX` escapes:
/// the same JSON values, and nothing a terminal would act on. (Line breaks are the layout's:
/// inside its strings, JSON escapes every C0 control already.)
pub fn printable_json(json: &str) -> std::borrow::Cow<'_, str> {
    let escaped = |c: char| c != '\n' && is_unprintable(c);
    if !json.chars().any(escaped) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if escaped(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn paint(color: bool, code: &str, text: &str) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

fn render_one(out: &mut String, source: Option<&str>, d: &Diagnostic, color: bool, lang: Lang) {
    let label = d.severity.word(lang);
    let tint = match d.severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
    };
    let file = printable(&d.file);
    let location = if d.line == 0 {
        file.into_owned()
    } else {
        format!("{file}:{}:{}", d.line, d.column)
    };
    let _ = writeln!(
        out,
        "{}: {}: {}",
        paint(color, "1", &location),
        paint(color, tint, &label),
        printable(&d.message.text(lang))
    );
    if d.line > 0
        && let Some(line) = source.and_then(|text| text.lines().nth(d.line - 1))
    {
        let number = d.line.to_string();
        let gutter = " ".repeat(number.len());
        let (line, at) = window(line, d.column.saturating_sub(1), d.len.min(LINE_WINDOW));
        // The line as printed, each unprintable character as its escape: the caret goes under
        // the escapes the problem's characters became.
        let shown = |part: &str| printable(part).into_owned();
        let before = shown(&line.chars().take(at).collect::<String>());
        let marked = shown(&line.chars().skip(at).take(d.len).collect::<String>());
        let line = printable(&line).into_owned();
        let pad = " ".repeat(before.replace('\t', " ").width());
        let carets = "^".repeat(marked.width().max(1));
        let bar = paint(color, "1;34", "|");
        let _ = writeln!(out, "{gutter} {bar}");
        let _ = writeln!(out, "{} {bar} {}", paint(color, "1;34", &number), line);
        let _ = writeln!(out, "{gutter} {bar} {pad}{}", paint(color, tint, &carets));
    }
    if let Some(help) = &d.help {
        let _ = writeln!(
            out,
            "  {}: {}",
            paint(color, "1;36", &crate::messages::t(lang, "help-label")),
            printable(&help.text(lang))
        );
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An accepted (code, file) leaves out that file's warnings of that code, never an error
    /// and never another file's warning.
    #[test]
    fn accepting_leaves_out_only_warnings_of_that_code_and_file() {
        let root = Path::new("site");
        let mut diags = Diagnostics::new(root);
        let file = root.join("content/site.yaml");
        let other = root.join("content/report.yaml");
        diags.warning(
            "empty-contact",
            &file,
            Position::FILE,
            msg!("empty-contact--1", field = "email"),
        );
        diags.warning(
            "empty-contact",
            &other,
            Position::FILE,
            msg!("empty-contact--1", field = "phone"),
        );
        diags.error(
            "empty-contact",
            &file,
            Position::new(2, 1),
            msg!("empty-contact--1", field = "address"),
        );
        diags.accept("empty-contact", "./content/site.yaml");
        let left: Vec<(&str, Severity)> = diags
            .sorted()
            .iter()
            .map(|d| (d.file.as_str(), d.severity))
            .collect();
        assert_eq!(
            left,
            [
                ("content/report.yaml", Severity::Warning),
                ("content/site.yaml", Severity::Error)
            ]
        );
        assert_eq!((diags.error_count(), diags.warning_count()), (1, 1));
        assert!(!diags.is_empty());
    }

    /// Content's own text cannot end a workflow command or start another: a line break or a
    /// control in a file name or a message is printed as its escape, one command a line.
    #[test]
    fn a_workflow_command_holds_one_problem_whatever_the_content_says() {
        let root = Path::new("site");
        let mut diags = Diagnostics::new(root);
        diags
            .warning(
                "yaml",
                &root.join("content/a,b:\n::stop-commands::t.yaml"),
                Position::new(3, 2),
                Text::Verbatim("50%\r\n::error::forged\u{1b}[31m".into()),
            )
            .help(Text::Verbatim("x\ny".into()));
        assert_eq!(
            diags.to_github(Lang::En),
            "::warning file=content/a%2Cb%3A\\u{a}%3A%3Astop-commands%3A%3At.yaml,line=3,col=2,title=tanrak%3A warning (yaml)::50%25\\u{d}\\u{a}::error::forged\\u{1b}[31m%0Ahelp: x\\u{a}y\n"
        );
    }

    /// GitHub's workflow-command escaping: `%`, CR and LF in a message; also `:` and `,` in a
    /// property value, which would otherwise end it.
    #[test]
    fn workflow_command_text_is_escaped_as_github_requires() {
        assert_eq!(
            github_data("50% of a:b,c\r\nnext"),
            "50%25 of a:b,c%0D%0Anext"
        );
        assert_eq!(
            github_property("content/a,b:c%.yaml\n"),
            "content/a%2Cb%3Ac%25.yaml%0A"
        );
    }
}
