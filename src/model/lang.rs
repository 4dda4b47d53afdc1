//! Languages and text in each of them.
//!
//! A site lists its languages in `content/site.yaml`; the first is the default, served at the
//! site root. A [`Lang`] is a short language code held inline (no allocation, `Copy`), and
//! [`Text`] holds one string per language. Thai formatting (Buddhist-Era years, Thai month
//! names, optional Thai digits) follows the `th` locale wherever it is in the list.

use std::fmt;

use serde::{Serialize, Serializer};

/// The longest language code accepted, like `zh-hant`.
pub const LANG_MAX: usize = 8;

/// A language code: lower-case ASCII letters with an optional `-subtag` (`th`, `en`, `zh-hant`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang([u8; LANG_MAX]);

impl Lang {
    pub const TH: Lang = Lang(*b"th\0\0\0\0\0\0");
    pub const EN: Lang = Lang(*b"en\0\0\0\0\0\0");

    /// A language code, if `code` is one: 2 or 3 letters, optionally `-` and 2 to 4 letters
    /// or digits.
    pub fn parse(code: &str) -> Option<Lang> {
        let (primary, sub) = match code.split_once('-') {
            Some((p, s)) => (p, Some(s)),
            None => (code, None),
        };
        let primary_ok =
            (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
        let sub_ok = sub.is_none_or(|s| {
            (2..=4).contains(&s.len())
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
        if !primary_ok || !sub_ok || code.len() > LANG_MAX {
            return None;
        }
        let mut bytes = [0u8; LANG_MAX];
        bytes[..code.len()].copy_from_slice(code.as_bytes());
        Some(Lang(bytes))
    }

    pub fn code(&self) -> &str {
        let len = self.0.iter().position(|&b| b == 0).unwrap_or(LANG_MAX);
        // Only ASCII is ever stored (see `parse`).
        std::str::from_utf8(&self.0[..len]).unwrap_or("")
    }

    /// Whether Thai conventions apply: Buddhist-Era years, optional Thai digits.
    pub fn is_thai(&self) -> bool {
        *self == Lang::TH
    }

    /// The language's name in English, for messages to editors.
    pub fn english_name(&self) -> String {
        match self.code() {
            "th" => "Thai".into(),
            "en" => "English".into(),
            "lo" => "Lao".into(),
            "my" => "Burmese".into(),
            "km" => "Khmer".into(),
            "ms" => "Malay".into(),
            "zh" => "Chinese".into(),
            "ja" => "Japanese".into(),
            "fr" => "French".into(),
            other => format!("`{other}`"),
        }
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.code())
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// One value per language, in the site's language order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerLang<T>(Vec<(Lang, T)>);

impl<T> Default for PerLang<T> {
    fn default() -> Self {
        PerLang(Vec::new())
    }
}

impl<T> PerLang<T> {
    pub fn new() -> Self {
        PerLang(Vec::new())
    }

    /// A value for each of `langs`, made by `f`.
    pub fn from_fn(langs: &[Lang], mut f: impl FnMut(Lang) -> T) -> Self {
        PerLang(langs.iter().map(|&l| (l, f(l))).collect())
    }

    pub fn get(&self, lang: Lang) -> Option<&T> {
        self.0.iter().find(|(l, _)| *l == lang).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, lang: Lang) -> Option<&mut T> {
        self.0.iter_mut().find(|(l, _)| *l == lang).map(|(_, v)| v)
    }

    /// Set the value of `lang`, replacing any earlier one.
    pub fn insert(&mut self, lang: Lang, value: T) {
        match self.get_mut(lang) {
            Some(v) => *v = value,
            None => self.0.push((lang, value)),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (Lang, &T)> {
        self.0.iter().map(|(l, v)| (*l, v))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T: Serialize> Serialize for PerLang<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (l, v) in &self.0 {
            map.serialize_entry(l.code(), v)?;
        }
        map.end()
    }
}

/// Text in each of the site's languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Text(PerLang<String>);

impl Text {
    /// The text in `lang`; empty when it has none (validation requires every language where
    /// text is required).
    pub fn get(&self, lang: Lang) -> &str {
        self.0.get(lang).map_or("", String::as_str)
    }

    pub fn insert(&mut self, lang: Lang, text: impl Into<String>) {
        self.0.insert(lang, text.into());
    }

    pub fn from_fn(langs: &[Lang], f: impl FnMut(Lang) -> String) -> Self {
        Text(PerLang::from_fn(langs, f))
    }

    pub fn iter(&self) -> impl Iterator<Item = (Lang, &str)> {
        self.0.iter().map(|(l, s)| (l, s.as_str()))
    }

    /// The text for messages to editors, which are in English: the English text when there
    /// is one, else the first language's.
    pub fn for_messages(&self) -> &str {
        match self.get(Lang::EN) {
            "" => self
                .iter()
                .map(|(_, s)| s)
                .find(|s| !s.is_empty())
                .unwrap_or(""),
            en => en,
        }
    }

    /// Every language's text for messages, English first: `Roi Et, ร้อยเอ็ด`.
    pub fn all_for_messages(&self) -> String {
        let first = self.for_messages();
        let mut out = vec![first];
        out.extend(
            self.iter()
                .map(|(_, s)| s)
                .filter(|s| *s != first && !s.is_empty()),
        );
        out.join(", ")
    }

    /// Like [`Text::all_for_messages`], the others in brackets: `Phuket (ภูเก็ต)`.
    pub fn all_for_messages_paren(&self) -> String {
        let first = self.for_messages();
        let others: Vec<&str> = self
            .iter()
            .map(|(_, s)| s)
            .filter(|s| *s != first && !s.is_empty())
            .collect();
        if others.is_empty() {
            first.to_string()
        } else {
            format!("{first} ({})", others.join(", "))
        }
    }

    /// Whether every language's text is empty.
    pub fn is_blank(&self) -> bool {
        self.0.iter().all(|(_, s)| s.trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes() {
        assert_eq!(Lang::parse("th"), Some(Lang::TH));
        assert_eq!(
            Lang::parse("zh-hant").map(|l| l.to_string()),
            Some("zh-hant".into())
        );
        assert_eq!(Lang::parse("TH"), None);
        assert_eq!(Lang::parse("thai-language"), None);
        assert_eq!(Lang::parse(""), None);
        assert!(Lang::TH.is_thai() && !Lang::EN.is_thai());
    }
}
