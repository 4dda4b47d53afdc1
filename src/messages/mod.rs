//! What tanrak says to people, in Thai and in English: every diagnostic, its help line, the
//! command-line help and the preview's error page.
//!
//! The words live in two Project Fluent catalogues, `messages/th.ftl` and `messages/en.ftl`,
//! compiled into the binary; code names a message by its id and gives its values
//! ([`Message`], made with [`msg!`]), and the text is chosen only when it is shown, in the
//! language of [`choose`]: `--lang`, else the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`),
//! else the site's default language. A diagnostic's `code` never depends on the language.
//!
//! Ids of diagnostics start with their code: `yaml--tab` is a message of the code `yaml`,
//! and `yaml--tab.help` its help line (a Fluent attribute). Messages that were moved here
//! from code in bulk are numbered per code (`period-order--3`); new ones get a word. A
//! diagnostic's text can only be a [`Message`]: there is no conversion from a plain string,
//! so every word a diagnostic shows is in both catalogues. The test
//! `every_message_is_in_both_catalogues` reads the sources and fails when a code or a
//! message id lacks its text in either language, or when the two languages' texts take
//! different values.

use std::path::Path;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

/// The catalogues, as compiled in.
pub const CATALOGUES: [(Lang, &str); 2] = [
    (Lang::Th, include_str!("th.ftl")),
    (Lang::En, include_str!("en.ftl")),
];

/// A language tanrak speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    Th,
    En,
}

impl Lang {
    /// `th` → Thai, `en_US.UTF-8` → English; anything else is not a language tanrak speaks.
    pub fn from_locale(text: &str) -> Option<Lang> {
        let code = text
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match code.as_str() {
            "th" => Some(Lang::Th),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Th => "th",
            Lang::En => "en",
        }
    }
}

/// A message from the catalogues, with its values: shown in a language only when printed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Message {
    /// `yaml--tab`, or `yaml--tab.help` for an attribute.
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// A value in a message: words, or a count (which chooses the English plural).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    Str(String),
    Num(i64),
}

impl std::fmt::Display for Arg {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Arg::Str(s) => f.write_str(s),
            Arg::Num(n) => write!(f, "{n}"),
        }
    }
}

/// What can be a value in a message: text, or a whole number.
pub trait IntoArg {
    fn into_arg(self) -> Arg;
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl IntoArg for $t {
            fn into_arg(self) -> Arg {
                Arg::Num(i64::try_from(self).unwrap_or(i64::MAX))
            }
        }
    )*};
}
numbers!(usize, u128, u64, u32, u16, u8, i64, i32);

impl IntoArg for String {
    fn into_arg(self) -> Arg {
        Arg::Str(self)
    }
}

impl IntoArg for &String {
    fn into_arg(self) -> Arg {
        Arg::Str(self.clone())
    }
}

impl IntoArg for &str {
    fn into_arg(self) -> Arg {
        Arg::Str(self.to_string())
    }
}

impl IntoArg for char {
    fn into_arg(self) -> Arg {
        Arg::Str(self.to_string())
    }
}

/// `msg!("csv-columns", found = 6, needed = 7)`: a [`Message`] with its values.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::Message {
            id: $id,
            args: vec![$((stringify!($name), $crate::messages::IntoArg::into_arg($value))),*],
        }
    };
}

impl Message {
    /// The text in `lang`. (An id missing from a catalogue, which the tests rule out, shows
    /// as the id and its values.)
    pub fn text(&self, lang: Lang) -> String {
        let bundle = bundle(lang);
        let (name, attribute) = match self.id.split_once('.') {
            Some((name, attr)) => (name, Some(attr)),
            None => (self.id, None),
        };
        let pattern = bundle.get_message(name).and_then(|m| match attribute {
            Some(attr) => m.get_attribute(attr).map(|a| a.value()),
            None => m.value(),
        });
        let Some(pattern) = pattern else {
            let values: Vec<String> = self.args.iter().map(|(k, v)| format!("{k}={v}")).collect();
            return format!("{} {}", self.id, values.join(" "));
        };
        let mut args = FluentArgs::new();
        for (name, value) in &self.args {
            match value {
                Arg::Str(s) => args.set(*name, s.as_str()),
                Arg::Num(n) => args.set(*name, *n),
            }
        }
        let mut errors = Vec::new();
        let text = bundle
            .format_pattern(pattern, Some(&args), &mut errors)
            .into_owned();
        debug_assert!(
            errors.is_empty(),
            "message {} in {}: {errors:?}",
            self.id,
            lang.code()
        );
        text
    }
}

/// Text shown to people: a catalogue message, or words given as they are (a file's own
/// text, another program's message).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Text {
    Msg(Message),
    /// Shown as it is in every language.
    Verbatim(String),
}

impl Text {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Text::Msg(m) => m.text(lang),
            Text::Verbatim(s) => s.clone(),
        }
    }

    /// The message id, if this is a catalogue message.
    pub fn id(&self) -> Option<&'static str> {
        match self {
            Text::Msg(m) => Some(m.id),
            Text::Verbatim(_) => None,
        }
    }
}

impl From<Message> for Text {
    fn from(m: Message) -> Text {
        Text::Msg(m)
    }
}

/// The text of the message or attribute `id` (no values), if the catalogue has it.
pub fn text_of(id: &str, lang: Lang) -> Option<String> {
    let bundle = bundle(lang);
    let (name, attribute) = match id.split_once('.') {
        Some((name, attr)) => (name, Some(attr)),
        None => (id, None),
    };
    let message = bundle.get_message(name)?;
    let pattern = match attribute {
        Some(attr) => message.get_attribute(attr)?.value(),
        None => message.value()?,
    };
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, None, &mut errors)
            .into_owned(),
    )
}

/// The codes of every diagnostic tanrak reports, sorted: the catalogue's ids of the form
/// `code--…` (see the module's notes).
pub fn codes() -> &'static [String] {
    static CODES: OnceLock<Vec<String>> = OnceLock::new();
    CODES.get_or_init(|| {
        let mut codes: Vec<String> = CATALOGUES[1]
            .1
            .lines()
            .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|line| line.split_once(" =").map(|(id, _)| id.trim()))
            .filter_map(|id| id.split_once("--").map(|(code, _)| code.to_string()))
            .collect();
        codes.sort();
        codes.dedup();
        codes
    })
}

/// Shorthand: the text of a message without values.
pub fn t(lang: Lang, id: &'static str) -> String {
    Message {
        id,
        args: Vec::new(),
    }
    .text(lang)
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 2] =
        [OnceLock::new(), OnceLock::new()];
    let index = match lang {
        Lang::Th => 0,
        Lang::En => 1,
    };
    BUNDLES[index].get_or_init(|| {
        let text = CATALOGUES
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or("", |(_, t)| t);
        let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, _)| r);
        let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // No Unicode isolation marks around values: the text goes to terminals and logs.
        bundle.set_use_isolating(false);
        let _ = bundle.add_resource(resource);
        bundle
    })
}

/// The language to speak: `flag` (`--lang`) if given; else the environment's (the first
/// of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set, when it names Thai or English); else the
/// default language of the site at `root` (the first of its `languages`); else Thai.
pub fn choose(flag: Option<Lang>, root: Option<&Path>) -> Lang {
    if let Some(lang) = flag {
        return lang;
    }
    let from_env = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty());
    if let Some(lang) = from_env.as_deref().and_then(Lang::from_locale) {
        return lang;
    }
    root.and_then(site_default).unwrap_or(Lang::Th)
}

/// The first of the site's `languages` (in `content/report.yaml` or `content/site.yaml`),
/// read leniently: this runs before the site is checked.
fn site_default(root: &Path) -> Option<Lang> {
    ["report.yaml", "site.yaml"].iter().find_map(|name| {
        let text = crate::sitefs::read_to_string(root, &root.join("content").join(name))?;
        let value: serde_json::Value = serde_saphyr::from_str(&text).ok()?;
        let first = value.get("languages")?.get(0)?;
        let code = first
            .as_str()
            .or_else(|| first.get("code").and_then(|c| c.as_str()))?;
        Lang::from_locale(code)
    })
}

/// `--lang th` / `--lang=en` in a command line, read before the command line is parsed (its
/// help is written in the language it asks for).
pub fn flag_in(args: &[std::ffi::OsString]) -> Option<Lang> {
    let mut iter = args.iter().filter_map(|a| a.to_str());
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        if let Some(value) = arg.strip_prefix("--lang=") {
            return Lang::from_locale(value);
        }
        if arg == "--lang" {
            return iter.next().and_then(Lang::from_locale);
        }
    }
    None
}

#[cfg(test)]
mod tests;
