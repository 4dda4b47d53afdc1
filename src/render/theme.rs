//! The theme: templates, UI strings per language, static assets and the chart font.
//!
//! The default theme is built into the binary; files in a site's own `themes/default/`
//! folder replace the built-in ones of the same name. Templates are all compiled up front, so a template error is
//! reported before any content is rendered, and the UI strings of every language are checked
//! to have the same keys, so a missing translation is found at build time, not by a reader.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::content::Content;
use crate::diagnostics::{Diagnostics, Position};
use crate::model::{DataStatus, Lang, Report, Site};
use crate::msg;

use super::assets::Assets;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));
}

/// A file of the built-in theme, as compiled in (`static/fonts/…`), whatever the site's own
/// theme holds: for the preview's error page, which must read well even when the site's
/// theme is what is broken.
pub fn builtin_file(name: &str) -> Option<&'static [u8]> {
    embedded::THEME_FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, bytes)| *bytes)
}

/// Every file of the built-in theme, as compiled in: (path inside the theme, bytes).
pub fn builtin_files() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    embedded::THEME_FILES.iter().copied()
}

/// UI strings of one language: key → text, in key order, with a hashed copy for lookups (a
/// large site's pages look strings up millions of times; ordered-map lookups, a string
/// comparison per step, were a twentieth of its build time).
#[derive(Debug, Clone, Default)]
pub struct Strings {
    sorted: BTreeMap<String, String>,
    hashed: rustc_hash::FxHashMap<String, String>,
    /// Each data status in these strings' words, as a template value made when first asked
    /// for and shared by every page that shows it (see [`Strings::status_value`]).
    statuses: [OnceLock<tera::Value>; DataStatus::ALL.len()],
}

impl Strings {
    /// No strings.
    pub const fn new() -> Strings {
        Strings {
            sorted: BTreeMap::new(),
            hashed: std::collections::HashMap::with_hasher(rustc_hash::FxBuildHasher),
            statuses: [const { OnceLock::new() }; DataStatus::ALL.len()],
        }
    }

    /// A copy of `status`'s template value, made by `make` from these strings the first
    /// time it is asked for. A page's template values are otherwise made for it and dropped
    /// after it; a status shows alike on every page.
    pub fn status_value(
        &self,
        status: DataStatus,
        make: impl FnOnce() -> tera::Value,
    ) -> tera::Value {
        self.statuses[status.index()].get_or_init(make).clone()
    }

    /// The text of `key`.
    pub fn get(&self, key: &str) -> Option<&String> {
        self.hashed.get(key)
    }

    /// Every key and its text, in key order.
    pub fn sorted(&self) -> &BTreeMap<String, String> {
        &self.sorted
    }
}

impl From<BTreeMap<String, String>> for Strings {
    fn from(sorted: BTreeMap<String, String>) -> Strings {
        let hashed = sorted.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        Strings {
            sorted,
            hashed,
            statuses: Default::default(),
        }
    }
}

impl std::ops::Deref for Strings {
    type Target = BTreeMap<String, String>;
    fn deref(&self) -> &Self::Target {
        &self.sorted
    }
}

impl serde::Serialize for Strings {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.sorted.serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for Strings {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Strings, D::Error> {
        BTreeMap::<String, String>::deserialize(d).map(Strings::from)
    }
}

/// A loaded theme.
pub struct Theme {
    /// Where the theme came from, for messages: a folder, or the built-in theme.
    pub origin: PathBuf,
    pub files: BTreeMap<String, Cow<'static, [u8]>>,
    /// Set at load and by [`Theme::localise`] only, which keep `string_values` the same.
    strings: BTreeMap<Lang, Strings>,
    /// Each language's UI strings as the templates see them (`t`), made once: every page
    /// has them, and making them for each page was a tenth of the template time.
    string_values: BTreeMap<Lang, tera::Value>,
    pub tera: tera::Tera,
    /// The `static/` files under their published (fingerprinted) names.
    pub assets: Assets,
}

impl Theme {
    pub fn file(&self, name: &str) -> Option<&[u8]> {
        self.files.get(name).map(|v| v.as_ref())
    }

    pub fn strings(&self, lang: Lang) -> &Strings {
        static EMPTY: Strings = Strings::new();
        self.strings.get(&lang).unwrap_or(&EMPTY)
    }

    /// [`Theme::strings`] as a template value (shared, so cheap to put in a page's context).
    pub fn strings_value(&self, lang: Lang) -> tera::Value {
        self.string_values
            .get(&lang)
            .cloned()
            .unwrap_or_else(|| tera::Value::from_serializable(self.strings(lang)))
    }

    /// One UI string; the key itself if missing (which validation has already reported).
    pub fn t(&self, lang: Lang, key: &str) -> String {
        self.strings(lang)
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }
}

impl Theme {
    /// UI string `key` in the words for figures of `status` (`None`: no figures): its
    /// `key.<status>` variant where there is one, else the key's own words.
    pub fn t_status(&self, lang: Lang, key: &str, status: Option<DataStatus>) -> String {
        let strings = self.strings(lang);
        let status = status.unwrap_or(DataStatus::Official);
        strings
            .get(&format!("{key}.{}", status.key()))
            .or_else(|| strings.get(&format!("{key}.{}", DataStatus::Official.key())))
            .cloned()
            .unwrap_or_else(|| self.t(lang, key))
    }
}

/// The files of the site's theme folder `dir` (checked to be a real folder), by path from
/// it; a link or a special file in it is refused (see [`crate::sitefs`]).
fn read_dir_files(dir: &Path, diags: &mut Diagnostics) -> BTreeMap<String, Cow<'static, [u8]>> {
    let mut files = BTreeMap::new();
    for entry in crate::sitefs::walk(dir).into_iter().flatten() {
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let kind = entry.file_type();
        if hidden || kind.is_dir() {
            continue;
        }
        let read = crate::sitefs::read_entry(&entry);
        match read {
            Ok(bytes) => {
                let rel = entry
                    .path()
                    .strip_prefix(dir)
                    .unwrap_or(entry.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(rel, Cow::Owned(bytes));
            }
            Err(refused) => refused.report(diags),
        }
    }
    files
}

/// Load the theme for a site at `root`.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Option<Theme> {
    let dir = root.join("themes").join("default");
    // The built-in theme, with any file the site's own theme folder has laid over it: a site
    // can change one template or string file without copying the rest.
    let mut files: BTreeMap<String, Cow<'static, [u8]>> = embedded::THEME_FILES
        .iter()
        .map(|(k, v)| (k.to_string(), Cow::Borrowed(*v)))
        .collect();
    match crate::sitefs::is_folder(root, &dir) {
        Ok(true) => files.extend(read_dir_files(&dir, diags)),
        Ok(false) => {}
        Err(refused) => {
            refused.report(diags);
            return None;
        }
    }
    let origin = dir;
    let mut strings = BTreeMap::new();
    for (name, bytes) in &files {
        let Some(lang) = name
            .strip_prefix("i18n/")
            .and_then(|n| n.strip_suffix(".yaml"))
            .and_then(Lang::parse)
        else {
            continue;
        };
        let path = origin.join(name);
        let text = String::from_utf8_lossy(bytes);
        if let Some(map) = crate::content::yaml::parse::<Strings>(&path, &text, 0, diags) {
            strings.insert(lang, map);
        }
    }
    check_strings(&origin, &strings, diags);

    let assets = Assets::new(
        files
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("static/").map(|rest| (rest, v.clone()))),
    );
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    register_asset_function(&mut tera, &assets);
    let templates: Vec<(String, String)> = files
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("templates/")
                .map(|name| (name.to_string(), String::from_utf8_lossy(v).into_owned()))
        })
        .collect();
    if let Err(e) = tera.add_raw_templates(templates.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    {
        report_template_error(&origin, &e.to_string(), diags);
        return None;
    }
    let string_values = values_of(&strings);
    Some(Theme {
        origin,
        files,
        strings,
        string_values,
        tera,
        assets,
    })
}

/// The UI strings of each language as template values (see [`Theme::strings_value`]).
fn values_of(strings: &BTreeMap<Lang, Strings>) -> BTreeMap<Lang, tera::Value> {
    strings
        .iter()
        .map(|(&lang, s)| (lang, tera::Value::from_serializable(s)))
        .collect()
}

/// Tera's autoescape, writing the same bytes as its own `escape_html` (`&`, `<`, `>`, `"`
/// and `'` as character references) but each run of plain text in one write rather than a
/// write per byte: escaping was a tenth of a large site's render time.
fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    super::markdown::escape_pieces(input, |piece| out.write_all(piece.as_bytes()))
}

/// `{{ asset(path="logo.png") }}`: the published address of a file in the theme's
/// `static/` folder, with its fingerprint (`/assets/logo.<hash>.png`, under the site's
/// sub-path if it has one). A name the theme does not have is a template error, so a
/// mistyped logo fails `check` and `build` instead of publishing a broken image.
fn register_asset_function(tera: &mut tera::Tera, assets: &Assets) {
    let names: BTreeMap<String, String> = assets
        .names()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    tera.register_function(
        "asset",
        move |kwargs: tera::Kwargs, state: &tera::State| -> tera::TeraResult<String> {
            let path: &str = kwargs.must_get("path")?;
            let key = path.trim_start_matches('/');
            let key = key.strip_prefix("static/").unwrap_or(key);
            let Some(published) = names.get(key) else {
                return Err(tera::Error::message(format!(
                    "the theme has no file `static/{key}` for asset(path=\"{path}\")"
                )));
            };
            let base: String = state.get("assets")?.unwrap_or_else(|| "/assets/".into());
            Ok(format!("{base}{published}"))
        },
    );
}

/// Report a template error at the template's file, line and column. Tera's message looks
/// like `error: <what>\n --> page.html:4:8\n  |\n…`; the first line and the location are
/// taken from it, and the snippet is printed from the file as for any other problem.
pub fn report_template_error(origin: &Path, text: &str, diags: &mut Diagnostics) {
    let first = text.lines().next().unwrap_or(text);
    let message = first.trim_start_matches("error: ").trim().to_string();
    let location = text
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))
        .and_then(|loc| {
            let mut parts = loc.rsplitn(3, ':');
            let column = parts.next()?.trim().parse::<usize>().ok()?;
            let line = parts.next()?.trim().parse::<usize>().ok()?;
            Some((parts.next()?.trim().to_string(), line, column))
        });
    let (file, at) = match location {
        Some((name, line, column)) => (
            origin.join("templates").join(name),
            Position::new(line, column),
        ),
        None => (origin.join("templates"), Position::FILE),
    };
    diags
        .error("template", &file, at, msg!("template", detail = message))
        .help(msg!("template.help"));
}

/// Every language must have exactly the same UI string keys.
fn check_strings(origin: &Path, strings: &BTreeMap<Lang, Strings>, diags: &mut Diagnostics) {
    for (&lang, mine) in strings {
        for (&other, theirs) in strings.iter().filter(|(l, _)| **l != lang) {
            for key in theirs.keys().filter(|k| !mine.contains_key(*k)) {
                let path = origin.join(format!("i18n/{}.yaml", lang.code()));
                diags
                    .error(
                        "missing-string",
                        &path,
                        Position::FILE,
                        msg!("missing-string", key = key, lang = lang.code()),
                    )
                    .help(msg!("missing-string.help", key = key, other = other.code()));
            }
        }
    }
}

/// Words the built-in strings take from the report: `{area}`, `{Areas}`, `{group}`, ….
fn report_words(report: &Report, lang: Lang) -> Vec<(&'static str, String)> {
    fn capital(s: &str) -> String {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    }
    let area = &report.area.word;
    let mut words = vec![
        ("{area}", area.one.get(lang).to_string()),
        ("{areas}", area.many.get(lang).to_string()),
        ("{Area}", capital(area.one.get(lang))),
        ("{Areas}", capital(area.many.get(lang))),
    ];
    if let Some(g) = &report.area.grouping {
        words.extend([
            ("{group}", g.word.one.get(lang).to_string()),
            ("{groups}", g.word.many.get(lang).to_string()),
            ("{Group}", capital(g.word.one.get(lang))),
            ("{Groups}", capital(g.word.many.get(lang))),
        ]);
    }
    words
}

/// `key.<status>` as the key and the status it is worded for; `None` for any other key.
pub fn status_variant(key: &str) -> Option<(&str, DataStatus)> {
    let (base, suffix) = key.rsplit_once('.')?;
    DataStatus::ALL
        .into_iter()
        .find(|s| s.key() == suffix)
        .map(|s| (base, s))
}

impl Theme {
    /// Make the UI strings the site's: for each of its languages, the theme's strings with
    /// the site's own (`content/strings/<lang>.yaml`) laid over them key by key, the report's
    /// words filled in. A language the theme has no strings for needs every key from the site.
    pub fn localise(&mut self, site: &Site, content: &Content, diags: &mut Diagnostics) {
        let reference: Vec<String> = self
            .strings
            .get(&Lang::EN)
            .or_else(|| self.strings.values().next())
            .map(|s| s.keys().cloned().collect())
            .unwrap_or_default();
        let known: Vec<&str> = reference.iter().map(String::as_str).collect();
        let mut out = BTreeMap::new();
        for &lang in &site.config.languages {
            let mut strings: BTreeMap<String, String> = self
                .strings
                .get(&lang)
                .map(|s| s.sorted().clone())
                .unwrap_or_default();
            // The keys the site words itself: a theme's status variant of one of them does not
            // replace the site's words (the site gives its own variant, or none).
            let own_keys: Vec<&str> = content
                .strings
                .get(&lang)
                .map(|own| own.value.keys().map(String::as_str).collect())
                .unwrap_or_default();
            if let Some(own) = content.strings.get(&lang) {
                for (key, value) in &own.value {
                    // `key.<status>`: the words of a known key for figures of that status.
                    let base = status_variant(key).map_or(key.as_str(), |(base, _)| base);
                    if !known.contains(&base) && !strings.contains_key(key) {
                        let help = match crate::content::yaml::closest(key, &known) {
                            Some(best) => msg!("unknown-string--1.help-best", best = best),
                            None => msg!("unknown-string--1.help"),
                        };
                        diags
                            .warning(
                                "unknown-string",
                                &own.file,
                                crate::content::yaml::position_of(value, 0),
                                msg!("unknown-string--1", key = (key).to_string()),
                            )
                            .help(help);
                    }
                    strings.insert(key.clone(), value.value.clone());
                }
            }
            let missing: Vec<&str> = known
                .iter()
                .copied()
                .filter(|k| !strings.contains_key(*k))
                .collect();
            if !missing.is_empty() {
                let path = diags
                    .root()
                    .join("content")
                    .join(crate::content::STRINGS_DIR)
                    .join(format!("{lang}.yaml"));
                let shown: Vec<&str> = missing.iter().take(5).copied().collect();
                diags
                    .error(
                        "missing-strings",
                        &path,
                        Position::FILE,
                        msg!(
                            "missing-strings--1",
                            v1 = lang.code(),
                            v2 = missing.len(),
                            v4 = shown.join(", "),
                            v5 = if missing.len() > shown.len() {
                                ", …"
                            } else {
                                ""
                            }
                        ),
                    )
                    .help(msg!(
                        "missing-strings--h2",
                        v1 = (self
                            .strings
                            .keys()
                            .map(|l| l.to_string())
                            .collect::<Vec<_>>()
                            .join(" and "))
                        .to_string(),
                        lang = (lang).to_string()
                    ));
            }
            // Words about the areas' figures take the status of the weakest of them: a
            // key's `key.<status>` variant, where the theme or the site gives one, stands in
            // for the key itself ("have reported" is not said of illustrative figures).
            let status = site.area_data_status();
            if status != DataStatus::Official {
                let variants: Vec<(String, String)> = strings
                    .iter()
                    .filter_map(|(key, value)| match status_variant(key) {
                        Some((base, s))
                            if s == status
                                && (own_keys.contains(&key.as_str())
                                    || !own_keys.contains(&base)) =>
                        {
                            Some((base.to_string(), value.clone()))
                        }
                        _ => None,
                    })
                    .collect();
                for (base, value) in variants {
                    // The key's own words stay at hand for an area whose figures are
                    // stronger (see [`Theme::t_status`]).
                    if let Some(own) = strings.insert(base.clone(), value) {
                        strings
                            .entry(format!("{base}.{}", DataStatus::Official.key()))
                            .or_insert(own);
                    }
                }
            }
            let words = report_words(&site.report, lang);
            for value in strings.values_mut() {
                if value.contains('{') {
                    for (from, to) in &words {
                        if value.contains(from) {
                            *value = value.replace(from, to);
                        }
                    }
                }
            }
            out.insert(lang, Strings::from(strings));
        }
        self.string_values = values_of(&out);
        self.strings = out;
    }
}

#[cfg(test)]
mod tests {
    /// The page bytes do not change with the faster escape.
    #[test]
    fn escaping_writes_what_tera_writes() {
        for text in [
            "",
            "plain",
            "<a href=\"x\">Tom & Jerry's</a>",
            "ไทย & <ภาษา> 'quoted' \"double\"",
            "&&<<>>",
        ] {
            let (mut ours, mut tera) = (Vec::new(), Vec::new());
            super::escape_html(text, &mut ours).unwrap();
            tera::escape_html(text, &mut tera).unwrap();
            assert_eq!(ours, tera, "{text}");
        }
    }
}
