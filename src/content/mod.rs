//! Stage 1, load: find the editors' files under `content/` and read each into its raw shape.
//!
//! Files are read and parsed in parallel; problems (not UTF-8, YAML syntax, unknown fields,
//! wrong types) go into the diagnostics with their exact positions. Nothing is checked for
//! meaning here: a record that parses is handed to `validate` as it is.

pub mod areas;
pub mod boundaries;
pub mod declared;
pub mod definition;
pub mod raw;
pub mod schema;
pub mod structure;
pub mod yaml;

use std::collections::BTreeMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostics, Position};
use crate::model::{FileText, Lang};
use crate::msg;
use crate::progress::{Progress, Stage};
use definition::RawReport;
use raw::{RawFrontMatter, RawNational, RawRecord, RawSite};
use serde_saphyr::Spanned;

pub use areas::{AreaRow, AreaTable};

/// The report definition's file, in `content/`.
pub const REPORT_FILE: &str = "report.yaml";
/// The folder of the site's own UI strings, in `content/`: `<lang>.yaml` each.
pub const STRINGS_DIR: &str = "strings";

/// A parsed file and where it came from.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub file: PathBuf,
    pub value: T,
}

/// A Markdown file: its front matter (if any) and body.
#[derive(Debug)]
pub struct MarkdownFile {
    pub file: PathBuf,
    pub front: RawFrontMatter,
    /// Lines taken by the front matter block, so body positions can be reported.
    pub front_lines: usize,
    pub body: Body,
    /// What the checks of single files found in the body while loading had it in hand
    /// (see [`Look`]); `None` when it was loaded without a look (`tanrak serve` reloads).
    pub seen: Option<Box<Seen>>,
}

/// A link or image address a Markdown body writes, and where it is in the file.
#[derive(Debug, Clone)]
pub struct WrittenLink {
    pub dest: String,
    pub at: Position,
}

/// What [`Look::markdown`] found in a Markdown body.
#[derive(Debug, Clone)]
pub struct Seen {
    pub problems: Diagnostics,
    pub links: Vec<WrittenLink>,
}

/// A look at each file's text while loading has it in hand. A build runs the checks of
/// single files this way (`check::AsRead`), so it reads no file a second time before the
/// file's page is rendered; the checks then take what was found here.
pub trait Look: Sync {
    /// Look at a file's whole text, as loading reads it. `quotes_source`: the file is the
    /// questions page of the site's first language. `None` when it is not a file to look at.
    fn text(&self, file: &Path, text: &str, quotes_source: bool) -> Option<Diagnostics>;
    /// Look at a Markdown file's body.
    fn markdown(&self, md: &MarkdownFile, body: &str) -> Seen;
}

/// A Markdown body: held in memory (home, questions, pages, updates: few), or left in its
/// file (narratives: one per area and language) and read again where it is checked and
/// rendered, so memory stays flat however many and long the narratives are.
#[derive(Debug, Clone)]
pub enum Body {
    Held(Arc<str>),
    InFile(FileText),
}

/// Why a body left in its file could not be read again.
#[derive(Debug)]
pub enum ReadAgain {
    Io(std::io::Error),
    /// The file is not what it was when the build loaded it.
    Changed,
}

impl MarkdownFile {
    /// The body's text, read again from the file if it was left there.
    pub fn text(&self) -> Result<Arc<str>, ReadAgain> {
        match &self.body {
            Body::Held(text) => Ok(text.clone()),
            Body::InFile(at) => read_again(at).map(Arc::from),
        }
    }

    /// Leave the body in the file, keeping only where it starts and the digest of the
    /// file's text (`len` bytes long) as loaded.
    fn leave_in_file(&mut self, len: usize, digest: u64) {
        if let Body::Held(text) = &self.body {
            self.body = Body::InFile(FileText {
                file: self.file.clone(),
                start: len - text.len(),
                len,
                digest,
            });
        }
    }
}

/// A file's text as loading reads it: without a byte-order mark, with `\n` line ends.
fn normalised(bytes: &[u8]) -> Result<String, std::str::Utf8Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // simdutf8 checks Thai text (three bytes a letter) several times faster than the
    // standard library, which is asked only to say where a file that is not UTF-8 goes wrong.
    let text = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => std::str::from_utf8(bytes)?,
    };
    Ok(if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    })
}

/// The digest that tells whether a file left in place changed between loading and
/// rendering (with its length): a fast 64-bit hash, not a cryptographic one, as nothing
/// needs to stand against a forgery here; BLAKE3 took 1.3% of a build's instructions.
pub fn text_digest(text: &str) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(text.as_bytes());
    hasher.finish()
}

/// Read text left in its file again, as it was when the build loaded it.
pub fn read_again(at: &FileText) -> Result<String, ReadAgain> {
    let bytes = crate::sitefs::read_opened(&at.file).map_err(|refused| match refused {
        crate::sitefs::Refused::Io { error, .. } => ReadAgain::Io(error),
        _ => ReadAgain::Changed,
    })?;
    let mut text = normalised(&bytes).map_err(|_| ReadAgain::Changed)?;
    if text.len() != at.len || text_digest(&text) != at.digest || !text.is_char_boundary(at.start) {
        return Err(ReadAgain::Changed);
    }
    // The body, moved to the front of the text's own buffer.
    text.drain(..at.start);
    Ok(text)
}

impl ReadAgain {
    /// Report it against `file`.
    pub fn report(&self, file: &Path, diags: &mut Diagnostics) {
        match self {
            ReadAgain::Io(e) => io_error(file, e, diags),
            ReadAgain::Changed => {
                diags
                    .error("changed", file, Position::FILE, msg!("changed"))
                    .help(msg!("changed.help"));
            }
        }
    }
}

/// Paths to look for among many (the files an edit saved, among every narrative): `==` on
/// `Path` takes two paths apart when their bytes differ, which over every narrative of a
/// large site was most of an edit's checks. A path can equal one of these only if its bytes
/// end with that one's file name (or with `/` or `.`, which `==` may also see past), so
/// only those are compared whole, with the same answer as `==`.
pub struct Among<'p> {
    files: Vec<(&'p Path, &'p [u8])>,
}

impl<'p> Among<'p> {
    pub fn new(files: &'p [PathBuf]) -> Among<'p> {
        Among {
            files: files
                .iter()
                .map(|f| {
                    let name = f.file_name().map_or(&[][..], |n| n.as_encoded_bytes());
                    (f.as_path(), name)
                })
                .collect(),
        }
    }

    pub fn has(&self, path: &Path) -> bool {
        let bytes = path.as_os_str().as_encoded_bytes();
        let loose = bytes.last().is_some_and(|b| matches!(b, b'/' | b'.'));
        self.files
            .iter()
            .any(|(f, name)| (loose || bytes.ends_with(name)) && *f == path)
    }
}

/// Everything read from `content/`, before validation.
#[derive(Debug, Default)]
pub struct Content {
    pub site: Option<Loaded<RawSite>>,
    pub report: Option<Loaded<RawReport>>,
    pub national: Option<Loaded<RawNational>>,
    pub areas: AreaTable,
    pub areas_file: PathBuf,
    /// The records folder's name (the report's URL segment), when the report gives one.
    pub segment: Option<String>,
    pub records: Vec<Loaded<RawRecord>>,
    /// Narratives by (slug, language).
    pub narratives: BTreeMap<(String, Lang), MarkdownFile>,
    /// The site's own UI strings by language (`content/strings/<lang>.yaml`).
    pub strings: BTreeMap<Lang, Loaded<BTreeMap<String, Spanned<String>>>>,
    pub home: BTreeMap<Lang, MarkdownFile>,
    pub faq: BTreeMap<Lang, MarkdownFile>,
    /// Other pages by (name, language).
    pub pages: BTreeMap<(String, Lang), MarkdownFile>,
    /// Dated update notes (`content/updates/<date>-<name>.<lang>.md`) by (name, language).
    pub updates: BTreeMap<(String, Lang), MarkdownFile>,
    /// The files a [`Look`] looked at while loading, in path order, with the problems its
    /// text check found (`None`: none). Empty when loaded without a look.
    pub looked: Vec<Looked>,
    /// With a look: every other file under `content/` (hidden ones too), in path order.
    pub unlooked: Vec<PathBuf>,
}

/// What a file under `content/` is, judged by its place and name.
#[derive(Debug)]
enum Kind {
    National,
    Areas,
    Record,
    Strings(Lang),
    Narrative(String, Lang),
    Home(Lang),
    Faq(Lang),
    Page(String, Lang),
    Update(String, Lang),
    Unused,
}

/// `name.th.md` → `("name", Th)`.
fn split_lang(file_name: &str) -> Option<(String, Lang)> {
    let stem = file_name.strip_suffix(".md")?;
    let (name, lang) = stem.rsplit_once('.')?;
    Some((name.to_string(), Lang::parse(lang)?))
}

/// Where the report's own files are, as far as the definition says.
struct Layout<'a> {
    segment: Option<&'a str>,
    areas: &'a Path,
}

fn classify(rel: &Path, layout: &Layout) -> Kind {
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    if rel == layout.areas {
        return Kind::Areas;
    }
    let segment = layout.segment.unwrap_or("\0");
    match parts.as_slice() {
        ["site.yaml"] | ["report.yaml"] => Kind::Unused,
        ["national.yaml"] => Kind::National,
        [dir, f] if *dir == segment && f.ends_with(".yaml") => Kind::Record,
        [dir, f] if *dir == STRINGS_DIR => match f.strip_suffix(".yaml").and_then(Lang::parse) {
            Some(lang) => Kind::Strings(lang),
            None => Kind::Unused,
        },
        [dir, f] if *dir == segment => match split_lang(f) {
            Some((slug, lang)) => Kind::Narrative(slug, lang),
            None => Kind::Unused,
        },
        ["pages", f] => match split_lang(f) {
            Some((name, lang)) => Kind::Page(name, lang),
            None => Kind::Unused,
        },
        ["updates", f] => match split_lang(f) {
            Some((name, lang)) => Kind::Update(name, lang),
            None => Kind::Unused,
        },
        [f] => match split_lang(f) {
            Some((name, lang)) if name == "home" => Kind::Home(lang),
            Some((name, lang)) if name == "faq" => Kind::Faq(lang),
            _ => Kind::Unused,
        },
        _ => Kind::Unused,
    }
}

/// Files other features read (the glossary, the map's boundaries); loading leaves them alone.
fn is_known_extra(rel: &Path) -> bool {
    rel == Path::new("glossary.yaml")
        || rel == Path::new("areas.geojson")
        || rel == Path::new("site.yaml")
        || rel == Path::new(REPORT_FILE)
}

/// A file that could not be read, with why.
fn io_error(file: &Path, e: &std::io::Error, diags: &mut Diagnostics) {
    diags
        .error(
            "io",
            file,
            Position::FILE,
            msg!("io", reason = e.to_string()),
        )
        .help(msg!("io.help"));
}

fn report_link(file: &Path, diags: &mut Diagnostics) {
    crate::sitefs::refused_link(file).report(diags);
}

fn report_special(file: &Path, diags: &mut Diagnostics) {
    crate::sitefs::Refused::Special {
        path: file.to_path_buf(),
    }
    .report(diags);
}

/// Control characters (U+0000–U+001F other than tab and line feed, DEL, and U+0080–U+009F)
/// often come with text pasted from Word or a PDF; noncharacters (U+FFFE, U+FFFF and the
/// others [`yaml::is_forbidden`] names) with a broken conversion. They cannot be seen, and XML (the feeds,
/// the charts) forbids most of them: each one is reported where it is.
fn report_control_characters(file: &Path, text: &str, diags: &mut Diagnostics) {
    // Every character reported has one of these bytes (U+0080–U+009F start with 0xC2), and
    // almost no file has any: looked for in blocks the compiler turns into vector code,
    // before the text is gone through character by character.
    // Noncharacters (U+FDD0–U+FDEF, U+xFFFE and U+xFFFF) start with 0xEF or 0xF0–0xF4.
    let may_be =
        |b: u8| (b < b' ' && b != b'\t' && b != b'\n') | (b == 0x7f) | (b == 0xc2) | (b >= 0xef);
    if !text
        .as_bytes()
        .chunks(64)
        .any(|block| block.iter().fold(false, |found, &b| found | may_be(b)))
    {
        return;
    }
    for (n, line) in text.split('\n').enumerate() {
        for (column, c) in line.chars().enumerate() {
            let bad = (c < ' ' && c != '\t') || ('\u{7f}'..='\u{9f}').contains(&c);
            if !bad && yaml::is_forbidden(c) {
                diags
                    .error(
                        "forbidden-character",
                        file,
                        Position::new(n + 1, column + 1),
                        msg!("forbidden-character", code = format!("{:04X}", c as u32)),
                    )
                    .help(msg!("forbidden-character.help"));
            }
            if bad {
                diags
                    .error(
                        "control-character",
                        file,
                        Position::new(n + 1, column + 1),
                        msg!("control-character", code = format!("{:04X}", c as u32)),
                    )
                    .help(msg!("control-character.help"));
            }
        }
    }
}

/// Read a text file, reporting one that is missing, not a plain file (or reached through a
/// link: see [`crate::sitefs`]), not UTF-8 or holding control characters.
pub fn read_text(file: &Path, diags: &mut Diagnostics) -> Option<String> {
    match crate::sitefs::read(diags.root(), file) {
        Ok(bytes) => text_of(file, &bytes, diags),
        Err(refused) => {
            refused.report(diags);
            None
        }
    }
}

/// [`read_text`] of a file the walk of the content found to be a plain file, not a link:
/// opened without following a link (in case one was put in its place since) and checked
/// again on the open file, not looked up by its name once more (that second look-up was
/// about a third of the time `read_text` took on 100,000 small files).
fn read_walked(file: &Path, diags: &mut Diagnostics) -> Option<String> {
    match crate::sitefs::read_opened(file) {
        Ok(bytes) => text_of(file, &bytes, diags),
        Err(refused) => {
            refused.report(diags);
            None
        }
    }
}

/// The text of `file`'s `bytes` ([`normalised`]), reporting bytes that are not UTF-8 and
/// control characters.
fn text_of(file: &Path, bytes: &[u8], diags: &mut Diagnostics) -> Option<String> {
    match normalised(bytes) {
        Ok(text) => {
            report_control_characters(file, &text, diags);
            Some(text)
        }
        Err(e) => {
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let good = &bytes[..e.valid_up_to()];
            let good = std::str::from_utf8(good).unwrap_or("");
            let line = good.matches('\n').count() + 1;
            let column = good.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            diags
                .error(
                    "not-utf8",
                    file,
                    Position::new(line, column),
                    msg!("not-utf8"),
                )
                .help(msg!("not-utf8.help"));
            None
        }
    }
}

/// Split a Markdown file into front matter and body, parsing the front matter.
pub fn read_markdown(file: &Path, text: String, diags: &mut Diagnostics) -> Option<MarkdownFile> {
    let Some(rest) = text.strip_prefix("---\n") else {
        return Some(MarkdownFile {
            file: file.to_path_buf(),
            front: RawFrontMatter::default(),
            front_lines: 0,
            body: Body::Held(text.into()),
            seen: None,
        });
    };
    let mut offset = 0;
    let mut end = None;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_end, body_start)) = end else {
        diags
            .error(
                "front-matter",
                file,
                Position::new(1, 1).with_len(3),
                msg!("front-matter--unclosed"),
            )
            .help(msg!("front-matter--unclosed.help"));
        return None;
    };
    let yaml = &rest[..yaml_end];
    let front_lines = yaml.matches('\n').count() + 2;
    let front = if yaml.trim().is_empty() {
        RawFrontMatter::default()
    } else {
        yaml::parse::<RawFrontMatter>(file, yaml, 1, diags)?
    };
    Some(MarkdownFile {
        file: file.to_path_buf(),
        front,
        front_lines,
        body: Body::Held(rest[body_start..].into()),
        seen: None,
    })
}

enum Parsed {
    National(Box<Loaded<RawNational>>),
    Areas(AreaTable),
    Record(Box<Loaded<RawRecord>>),
    Strings(Lang, Box<Loaded<BTreeMap<String, Spanned<String>>>>),
    Markdown(Kind, Box<MarkdownFile>),
    Nothing,
}

fn load_one(kind: Kind, file: &Path, diags: &mut Diagnostics) -> Parsed {
    match read_text(file, diags) {
        Some(text) => load_one_looking(kind, file, text, None, diags).0,
        None => Parsed::Nothing,
    }
}

/// A file a [`Look`] looked at, and the problems it found there (`None`: none).
pub type Looked = (PathBuf, Option<Diagnostics>);

/// A [`Look`] and the questions page of the site's first language (the one that quotes the
/// source), for [`Look::text`].
#[derive(Clone, Copy)]
struct Looking<'a> {
    look: &'a dyn Look,
    source_questions: Option<Lang>,
}

/// [`load_one`] of the file's `text`, with `looking`'s look at it: also what [`Look::text`]
/// found (`None` when it did not look).
fn load_one_looking(
    kind: Kind,
    file: &Path,
    text: String,
    looking: Option<Looking>,
    diags: &mut Diagnostics,
) -> (Parsed, Option<Diagnostics>) {
    let found = looking.and_then(|l| {
        let quotes_source = matches!(kind, Kind::Faq(lang) if Some(lang) == l.source_questions);
        l.look.text(file, &text, quotes_source)
    });
    let look = |md: &mut MarkdownFile| {
        if let (Some(l), Body::Held(body)) = (looking, &md.body) {
            md.seen = Some(Box::new(l.look.markdown(md, body)));
        }
    };
    (parse_one(kind, file, text, look, diags), found)
}

/// Parse a file's `text` as a `kind`, letting `look` see a Markdown file before its body is
/// left in the file.
fn parse_one(
    kind: Kind,
    file: &Path,
    text: String,
    look: impl Fn(&mut MarkdownFile),
    diags: &mut Diagnostics,
) -> Parsed {
    let file_buf = file.to_path_buf();
    match kind {
        Kind::Strings(lang) => yaml::parse(file, &text, 0, diags)
            .map(|value| {
                Parsed::Strings(
                    lang,
                    Box::new(Loaded {
                        file: file_buf,
                        value,
                    }),
                )
            })
            .unwrap_or(Parsed::Nothing),
        Kind::National => yaml::parse::<RawNational>(file, &text, 0, diags)
            .map(|mut value| {
                for p in &mut value.periods {
                    raw::numbers_as_written(&mut p.value.values, &text);
                }
                Parsed::National(Box::new(Loaded {
                    file: file_buf,
                    value,
                }))
            })
            .unwrap_or(Parsed::Nothing),
        Kind::Record => yaml::parse::<RawRecord>(file, &text, 0, diags)
            .map(|mut value| {
                for r in &mut value.results {
                    raw::numbers_as_written(&mut r.value.values, &text);
                }
                Parsed::Record(Box::new(Loaded {
                    file: file_buf,
                    value,
                }))
            })
            .unwrap_or(Parsed::Nothing),
        Kind::Areas => Parsed::Areas(areas::parse(file, &text, diags)),
        Kind::Unused => Parsed::Nothing,
        Kind::Narrative(..) => {
            let (len, digest) = (text.len(), text_digest(&text));
            read_markdown(file, text, diags)
                .map(|mut md| {
                    look(&mut md);
                    md.leave_in_file(len, digest);
                    Parsed::Markdown(kind, Box::new(md))
                })
                .unwrap_or(Parsed::Nothing)
        }
        kind => read_markdown(file, text, diags)
            .map(|mut md| {
                look(&mut md);
                Parsed::Markdown(kind, Box::new(md))
            })
            .unwrap_or(Parsed::Nothing),
    }
}

/// Take out the pages or notes that either language marks `draft: true`: neither language
/// is published until both are ready, so a half-translated page never goes out. (Their
/// front matter has been read, so its mistakes are still reported.)
fn leave_out_drafts(docs: &mut BTreeMap<(String, Lang), MarkdownFile>) -> Vec<PathBuf> {
    let drafts: BTreeMap<String, PathBuf> = docs
        .iter()
        .filter(|(_, md)| md.front.draft == Some(true))
        .map(|((name, _), md)| (name.clone(), md.file.clone()))
        .rev()
        .collect();
    docs.retain(|(name, _), _| !drafts.contains_key(name));
    drafts.into_values().collect()
}

/// Say of each update note left out as a draft that it is not published: `tanrak new update`
/// starts every note as a draft, so a note is never published with its skeleton's words.
fn report_draft_notes(files: &[PathBuf], diags: &mut Diagnostics) {
    for file in files {
        diags
            .warning("update-draft", file, Position::FILE, msg!("update-draft"))
            .help(msg!("update-draft.help"));
    }
}

/// Read one small YAML file that the rest of loading depends on.
fn load_first<T: serde::de::DeserializeOwned>(
    file: PathBuf,
    diags: &mut Diagnostics,
) -> Option<Loaded<T>> {
    if !file.exists() {
        return None;
    }
    let text = read_text(&file, diags)?;
    let value = yaml::parse(&file, &text, 0, diags)?;
    Some(Loaded { file, value })
}

/// What [`Content::reload`] did with a file.
#[derive(Debug, PartialEq, Eq)]
pub enum Reloaded {
    /// Read again and put in place of what was there.
    Done,
    /// It could not be read or parsed (the problem is in the collector).
    Failed,
    /// It is not a record or narrative that was loaded before: only a full load is right.
    Other,
}

impl Content {
    /// Read one record or narrative again after an edit (for `tanrak serve`), in place of the
    /// one loaded before. `file` is under `content_dir` (the folder [`load`] read).
    /// The area and language of the narrative read from `file`, if it is one.
    pub fn narrative_of(&self, file: &Path) -> Option<(String, Lang)> {
        let file = [file.to_path_buf()];
        let among = Among::new(&file);
        self.narratives
            .iter()
            .find(|(_, md)| among.has(&md.file))
            .map(|(key, _)| key.clone())
    }

    pub fn reload(&mut self, content_dir: &Path, file: &Path, diags: &mut Diagnostics) -> Reloaded {
        let Ok(rel) = file.strip_prefix(content_dir) else {
            return Reloaded::Other;
        };
        let areas_rel = self
            .areas_file
            .strip_prefix(content_dir)
            .unwrap_or(Path::new("areas.csv"))
            .to_path_buf();
        let layout = Layout {
            segment: self.segment.as_deref(),
            areas: &areas_rel,
        };
        let kind = classify(rel, &layout);
        let known = match &kind {
            Kind::Record => self.records.iter().any(|r| r.file == file),
            Kind::Narrative(slug, lang) => self
                .narratives
                .get(&(slug.clone(), *lang))
                .is_some_and(|md| md.file == file),
            _ => false,
        };
        if !known || !file.is_file() {
            return Reloaded::Other;
        }
        match load_one(kind, file, diags) {
            Parsed::Record(p) => {
                if let Some(slot) = self.records.iter_mut().find(|r| r.file == file) {
                    *slot = *p;
                }
                Reloaded::Done
            }
            Parsed::Markdown(Kind::Narrative(slug, lang), md) => {
                self.narratives.insert((slug, lang), *md);
                Reloaded::Done
            }
            _ => Reloaded::Failed,
        }
    }
}

/// Read every content file under `root/content`.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Content {
    load_counted(root, diags, &Progress::new())
}

/// [`load`], counting the files read into `progress`.
pub fn load_counted(root: &Path, diags: &mut Diagnostics, progress: &Progress) -> Content {
    load_looking(root, None, diags, progress)
}

/// What loading one file gave: what was parsed, its problems, what a look at it found, and
/// the file when no look read it.
type FileLoaded = (Parsed, Diagnostics, Option<Looked>, Option<PathBuf>);

/// [`load_counted`], with `look` looking at each file's text as it is read (what it found is
/// in [`Content::looked`] and each Markdown file's [`MarkdownFile::seen`]).
pub fn load_looking(
    root: &Path,
    look: Option<&dyn Look>,
    diags: &mut Diagnostics,
    progress: &Progress,
) -> Content {
    let content_dir = root.join("content");
    let mut content = Content {
        areas_file: content_dir.join("areas.csv"),
        ..Content::default()
    };
    if let Err(refused) = crate::sitefs::is_folder(root, &content_dir) {
        refused.report(diags);
        return content;
    }
    if !content_dir.is_dir() {
        diags
            .error(
                "no-content",
                &content_dir,
                Position::FILE,
                msg!("no-content"),
            )
            .help(msg!("no-content.help"));
        return content;
    }
    // The site settings and the report definition first: they say where the rest is.
    content.site = load_first(content_dir.join("site.yaml"), diags);
    content.report = load_first(content_dir.join(REPORT_FILE), diags);
    if let Some(report) = &content.report {
        let area = &report.value.area;
        content.segment = Some(area.segment.value.trim().to_string());
        if let Some(list) = &area.list {
            content.areas_file = content_dir.join(list.value.trim());
        }
    }
    let areas_rel = content
        .areas_file
        .strip_prefix(&content_dir)
        .unwrap_or(Path::new("areas.csv"))
        .to_path_buf();
    let layout = Layout {
        segment: content.segment.as_deref(),
        areas: &areas_rel,
    };
    // The files no look sees (kept only when there is a look).
    let mut unlooked = Vec::new();
    // Hidden files and folders are not loaded. A look also sees the files that are not
    // loaded (the terminology check searches every text file), so with one the walk goes
    // into hidden folders too and notes their files, without a word about them.
    let hidden = |path: &Path| {
        path.strip_prefix(&content_dir)
            .unwrap_or(path)
            .components()
            .any(|c| c.as_os_str().as_encoded_bytes().starts_with(b"."))
    };
    let looks = look.is_some();
    let root_buf = diags.root().to_path_buf();
    let looking = look.map(|look| Looking {
        look,
        source_questions: content
            .site
            .as_ref()
            .and_then(|s| s.value.languages.value.first())
            .and_then(|l| Lang::parse(l.value.trim())),
    });
    // The files to load, as the walk finds them: they are read while it goes on (the walk
    // of tens of thousands of files is one thread's work), each numbered by its place in
    // the walk, whose order the results are put back in.
    progress.stage(Stage::Read, 0);
    let to_load = crate::sitefs::walk(&content_dir)
        .into_iter()
        .filter_entry(|e| looks || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|entry| {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().unwrap_or(&content_dir).to_path_buf();
                    if !hidden(&path) {
                        diags.error(
                            "io",
                            &path,
                            Position::FILE,
                            msg!("io--folder", reason = e.to_string()),
                        );
                    }
                    return None;
                }
            };
            let file_type = entry.file_type();
            if hidden(entry.path()) {
                if file_type.is_file() {
                    unlooked.push(entry.into_path());
                }
                return None;
            }
            if file_type.is_symlink() {
                report_link(entry.path(), diags);
                return None;
            }
            if file_type.is_dir() {
                return None;
            }
            if !file_type.is_file() {
                report_special(entry.path(), diags);
                return None;
            }
            let rel = entry
                .path()
                .strip_prefix(&content_dir)
                .unwrap_or(entry.path())
                .to_path_buf();
            match classify(&rel, &layout) {
                Kind::Unused if is_known_extra(&rel) => {
                    unlooked.push(entry.into_path());
                    None
                }
                Kind::Unused => {
                    unlooked.push(entry.path().to_path_buf());
                    diags
                        .warning(
                            "unused-file",
                            entry.path(),
                            Position::FILE,
                            msg!("unused-file"),
                        )
                        .help(msg!(
                            "unused-file.help",
                            segment = layout.segment.unwrap_or("<segment>")
                        ));
                    None
                }
                kind => {
                    progress.grow(1);
                    Some((kind, entry.into_path()))
                }
            }
        });
    let mut parsed: Vec<(usize, FileLoaded)> = to_load
        .enumerate()
        .par_bridge()
        .map(|(place, (kind, file))| {
            let mut local = Diagnostics::new(&root_buf);
            let (parsed, found) = match read_walked(&file, &mut local) {
                Some(text) => load_one_looking(kind, &file, text, looking, &mut local),
                None => (Parsed::Nothing, None),
            };
            progress.add(1);
            // A file loaded without a look at it: the terminology check reads it again.
            let (found, file) = match found {
                Some(found) => (Some((file, (!found.is_empty()).then_some(found))), None),
                None => (None, Some(file)),
            };
            (place, (parsed, local, found, file))
        })
        .collect();
    parsed.sort_unstable_by_key(|(place, _)| *place);
    // Room for every record at once: grown one at a time, the list was copied again and
    // again (a record is a large value), on one thread while the other waited.
    let records = parsed
        .iter()
        .filter(|(_, (p, ..))| matches!(p, Parsed::Record(_)))
        .count();
    content.records.reserve_exact(records);
    content.looked.reserve(parsed.len());
    let parsed = parsed.into_iter().map(|(_, p)| p);
    // The narratives, one or two for every record: made into their map at once, not
    // inserted one by one (which shifted the large values along each node of the map).
    let mut narratives = Vec::with_capacity(2 * records);

    let mut saw_areas = false;
    for (parsed, local, found, file) in parsed {
        diags.extend(local);
        match found {
            Some(found) => content.looked.push(found),
            None => unlooked.extend(file),
        }
        match parsed {
            Parsed::National(n) => content.national = Some(*n),
            Parsed::Areas(table) => {
                saw_areas = true;
                content.areas = table;
            }
            Parsed::Record(p) => content.records.push(*p),
            Parsed::Strings(lang, s) => {
                content.strings.insert(lang, *s);
            }
            Parsed::Markdown(kind, md) => match kind {
                Kind::Narrative(slug, lang) => narratives.push(((slug, lang), *md)),
                Kind::Home(lang) => {
                    content.home.insert(lang, *md);
                }
                Kind::Faq(lang) => {
                    content.faq.insert(lang, *md);
                }
                Kind::Page(name, lang) => {
                    content.pages.insert((name, lang), *md);
                }
                Kind::Update(name, lang) => {
                    content.updates.insert((name, lang), *md);
                }
                _ => {}
            },
            Parsed::Nothing => {}
        }
    }
    // Built from the list (sorted first; of two for one key the later is kept, as inserting
    // them in turn would).
    content.narratives = narratives.into_iter().collect();
    leave_out_drafts(&mut content.pages);
    report_draft_notes(&leave_out_drafts(&mut content.updates), diags);
    content.looked.sort_by(|a, b| a.0.cmp(&b.0));
    if look.is_some() {
        unlooked.sort();
        content.unlooked = unlooked;
    }
    let areas_exists = content.areas_file.exists();
    if !saw_areas && !areas_exists {
        diags
            .error(
                "missing-file",
                &content.areas_file,
                Position::FILE,
                msg!(
                    "missing-file--areas",
                    file = areas_rel.display().to_string()
                ),
            )
            .help(msg!("missing-file--areas.help"));
    }
    for (name, present) in [
        ("site.yaml", content.site.is_some()),
        (REPORT_FILE, content.report.is_some()),
        ("national.yaml", content.national.is_some()),
    ] {
        let path = content_dir.join(name);
        if !present && !path.exists() {
            diags
                .error(
                    "missing-file",
                    &path,
                    Position::FILE,
                    msg!("missing-file--site", name = name),
                )
                .help(msg!("missing-file--site.help"));
        }
    }
    content
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_text_has_no_byte_order_mark_and_unix_line_ends() {
        assert_eq!(normalised(b"\xEF\xBB\xBFa\r\nb\r\n").unwrap(), "a\nb\n");
        assert_eq!(normalised("ไทย\rx\n".as_bytes()).unwrap(), "ไทย\rx\n");
        assert_eq!(normalised("ไทย".as_bytes()).unwrap(), "ไทย");
        // Where a file stops being UTF-8 is the standard library's answer.
        let bad = b"\xEF\xBB\xBF\xE0\xB8\x81ok\xE0\xB8";
        let e = normalised(bad).unwrap_err();
        assert_eq!(
            e.valid_up_to(),
            std::str::from_utf8(&bad[3..]).unwrap_err().valid_up_to()
        );
        assert_eq!(e.valid_up_to(), 5);
    }

    #[test]
    fn among_answers_as_path_equality_does() {
        let wanted: Vec<PathBuf> = ["c/provinces/krabi.th.md", "c/provinces/", "c/x/."]
            .iter()
            .map(PathBuf::from)
            .collect();
        let among = Among::new(&wanted);
        for path in [
            "c/provinces/krabi.th.md",
            "c//provinces/./krabi.th.md",
            "c/provinces/krabi.en.md",
            "c/provinces/nan.th.md",
            "c/provinces",
            "c/provinces/.",
            "c/x",
            "c/x/",
            "krabi.th.md",
        ] {
            let path = Path::new(path);
            assert_eq!(
                among.has(path),
                wanted.iter().any(|w| w == path),
                "{}",
                path.display()
            );
        }
    }

    /// A narrative is left in its file and read again as loaded (without the byte-order
    /// mark, with `\n` line ends); a file changed or removed since is noticed.
    #[test]
    fn narratives_are_read_again_and_changes_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("x.th.md");
        std::fs::write(
            &file,
            "\u{feff}---\r\nupdated: 2020-01-01\r\n---\r\nข้อความ\r\n",
        )
        .unwrap();
        let mut diags = Diagnostics::new(dir.path());
        let lang = Lang::parse("th").unwrap();
        let Parsed::Markdown(_, md) =
            load_one(Kind::Narrative("x".into(), lang), &file, &mut diags)
        else {
            panic!(
                "not loaded: {}",
                diags.render(false, crate::messages::Lang::En)
            );
        };
        assert!(matches!(md.body, Body::InFile(_)));
        assert_eq!(md.front_lines, 3);
        assert_eq!(&*md.text().unwrap(), "ข้อความ\n");
        // One letter for another of the same length: the digest, not the length, tells.
        std::fs::write(
            &file,
            "\u{feff}---\r\nupdated: 2020-01-01\r\n---\r\nข้อควาน\r\n",
        )
        .unwrap();
        assert!(matches!(md.text(), Err(ReadAgain::Changed)));
        std::fs::write(&file, "---\nupdated: 2020-01-01\n---\nข้อความอื่น\n").unwrap();
        assert!(matches!(md.text(), Err(ReadAgain::Changed)));
        std::fs::remove_file(&file).unwrap();
        assert!(matches!(md.text(), Err(ReadAgain::Io(_))));
        // Other pages keep their text in memory.
        let page = read_markdown(&file, "---\ntitle: t\n---\nbody\n".into(), &mut diags).unwrap();
        assert_eq!(&*page.text().unwrap(), "body\n");
    }
}
