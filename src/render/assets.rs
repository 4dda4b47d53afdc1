//! Fingerprinted asset names: `style.css` is published as `style.<hash>.css`.
//!
//! The hash is of the file's bytes, so a name changes exactly when its content does and a
//! host can let browsers keep these files for a year without ever serving a stale one (see
//! docs/deploy/). Fonts and images are fingerprinted first; the stylesheet's `url(...)`
//! references to them are rewritten to the new names and only then is the stylesheet itself
//! hashed, so its name covers the fonts it loads. Licence and read-me files keep their names.

use std::borrow::Cow;
use std::collections::BTreeMap;

/// Kinds of files that get a fingerprint (by extension). Stylesheets are handled last. Other
/// files (licences, scripts a template names directly) keep their names.
const FINGERPRINTED: [&str; 8] = ["woff2", "woff", "png", "jpg", "jpeg", "svg", "webp", "gif"];

/// How many hex digits of the BLAKE3 hash go into a name.
const HASH_LEN: usize = 12;

/// The theme's static files under their published names.
#[derive(Debug, Default)]
pub struct Assets {
    /// Name in the theme's `static/` folder → name published under `/assets/`.
    names: BTreeMap<String, String>,
    /// Published name → bytes, in name order.
    files: BTreeMap<String, Cow<'static, [u8]>>,
}

fn extension(name: &str) -> &str {
    name.rsplit_once('.').map_or("", |(_, ext)| ext)
}

/// `fonts/a.woff2` + bytes → `fonts/a.<hash>.woff2`.
pub(crate) fn fingerprint(name: &str, bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes).to_hex();
    let short = &hash.as_str()[..HASH_LEN];
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !stem.ends_with('/') => {
            format!("{stem}.{short}.{ext}")
        }
        _ => format!("{name}.{short}"),
    }
}

/// Rewrite `url(x)`, `url('x')` and `url("x")` in a stylesheet at `css_name` for every asset
/// that was renamed. References are relative to the stylesheet's folder.
fn rewrite_css(css_name: &str, css: &str, names: &BTreeMap<String, String>) -> String {
    let dir = css_name.rsplit_once('/').map_or("", |(d, _)| d);
    let mut out = css.to_string();
    for (from, to) in names {
        let (rel_from, rel_to) = if dir.is_empty() {
            (from.as_str(), to.as_str())
        } else {
            match (
                from.strip_prefix(dir).and_then(|r| r.strip_prefix('/')),
                to.strip_prefix(dir).and_then(|r| r.strip_prefix('/')),
            ) {
                (Some(f), Some(t)) => (f, t),
                _ => continue,
            }
        };
        for quote in ["", "'", "\""] {
            out = out.replace(
                &format!("url({quote}{rel_from}{quote})"),
                &format!("url({quote}{rel_to}{quote})"),
            );
        }
    }
    out
}

impl Assets {
    /// Fingerprint the theme's static files (name in `static/` → bytes).
    pub fn new<'a>(files: impl Iterator<Item = (&'a str, Cow<'static, [u8]>)>) -> Assets {
        let mut assets = Assets::default();
        let mut stylesheets = Vec::new();
        for (name, bytes) in files {
            let ext = extension(name);
            if ext == "css" {
                stylesheets.push((name.to_string(), bytes));
            } else if FINGERPRINTED.contains(&ext) {
                let published = fingerprint(name, &bytes);
                assets.names.insert(name.to_string(), published.clone());
                assets.files.insert(published, bytes);
            } else {
                assets.names.insert(name.to_string(), name.to_string());
                assets.files.insert(name.to_string(), bytes);
            }
        }
        for (name, bytes) in stylesheets {
            let css = rewrite_css(&name, &String::from_utf8_lossy(&bytes), &assets.names);
            let published = fingerprint(&name, css.as_bytes());
            assets.names.insert(name, published.clone());
            assets.files.insert(published, Cow::Owned(css.into_bytes()));
        }
        assets
    }

    /// The published name of a file from the theme's `static/` folder (`style.css` →
    /// `style.<hash>.css`); the name itself if the theme has no such file.
    pub fn name<'a>(&'a self, name: &'a str) -> &'a str {
        self.names.get(name).map_or(name, String::as_str)
    }

    /// Every file of the theme's `static/` folder and its published name.
    pub fn names(&self) -> impl Iterator<Item = (&str, &str)> {
        self.names.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Whether the theme has this file in `static/`.
    pub fn has(&self, name: &str) -> bool {
        self.names.contains_key(name)
    }

    /// Every file to publish under `/assets/`: published name and bytes.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(k, v)| (k.as_str(), v.as_ref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(files: &[(&'static str, &'static [u8])]) -> Assets {
        Assets::new(files.iter().map(|(n, b)| (*n, Cow::Borrowed(*b))))
    }

    #[test]
    fn names_follow_content_and_css_points_at_renamed_fonts() {
        let css: &[u8] = b"@font-face{src:url('fonts/a.woff2') format('woff2')}";
        let a = build(&[
            ("style.css", css),
            ("fonts/a.woff2", b"font one"),
            ("fonts/OFL.txt", b"licence"),
        ]);
        let font = a.name("fonts/a.woff2").to_string();
        assert!(
            font.starts_with("fonts/a.")
                && font.ends_with(".woff2")
                && font.len() == "fonts/a..woff2".len() + HASH_LEN,
            "{font}"
        );
        assert_eq!(a.name("fonts/OFL.txt"), "fonts/OFL.txt");
        let style = a.name("style.css").to_string();
        let published: BTreeMap<&str, &[u8]> = a.files().collect();
        let text = String::from_utf8_lossy(published[style.as_str()]);
        assert!(text.contains(&format!("url('{font}')")), "{text}");

        // A different font changes the font's name and so the stylesheet's.
        let b = build(&[
            ("style.css", css),
            ("fonts/a.woff2", b"font two"),
            ("fonts/OFL.txt", b"licence"),
        ]);
        assert_ne!(b.name("fonts/a.woff2"), font);
        assert_ne!(b.name("style.css"), style);
        // The same bytes give the same names.
        let c = build(&[
            ("style.css", css),
            ("fonts/a.woff2", b"font one"),
            ("fonts/OFL.txt", b"licence"),
        ]);
        assert_eq!(c.name("style.css"), style);
    }
}
