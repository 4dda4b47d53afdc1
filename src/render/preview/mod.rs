//! Link-preview images of area pages: one PNG of 1200 × 630 per area and language, which
//! LINE, Facebook and X show when someone shares the page.
//!
//! Each shows the area's name in the page's language, its figures of its latest period for
//! the measures the report lists under `preview:` (formatted as on the page), the status of
//! those figures (an illustrative figure says so in the image), and the site's title. Colours
//! and fonts come from the theme's `preview.yaml`. Text is shaped with rustybuzz and drawn
//! with tiny-skia ([`text`]); the PNG is written with fixed settings ([`png`]), so the same
//! content gives the same bytes. The image is named after a hash of its inputs
//! (`preview.<key>.png` beside the page, [`Previews::key`]): a changed image gets a new
//! address, so link previews, cached by address for days, show the new one; and an image
//! whose inputs did not change is not made again but copied from the site's cache
//! ([`cache`]).
//!
//! The background (colours, the accent rule, the footer band) is drawn once and copied for
//! each image; glyph outlines are read once per font.

pub mod cache;
mod png;
pub mod text;

use std::sync::{Arc, Mutex};

use serde::Deserialize;
use serde_saphyr::Spanned;
use tiny_skia::{Color, Paint, PathBuilder, Pixmap, Rect, Transform};

use super::format::Formatter;
use super::theme::Theme;
use super::views::{lang_rel, shown};
use crate::diagnostics::Diagnostics;
use crate::model::report::Unit;
use crate::model::{DataStatus, Lang, Site};
use crate::msg;
use cache::Cache;
use text::Font;

/// The image's size in pixels, the size link previews ask for.
pub const SIZE: (u32, u32) = (1200, 630);

/// The theme's file that sets the images' colours and fonts.
pub const STYLE_FILE: &str = "preview.yaml";

/// Hex digits of the key in an image's file name (as in the theme's fingerprinted files).
const NAME_HEX: usize = 12;

/// Left and right margin.
const MARGIN: f32 = 72.0;
/// Where the footer band with the site's title starts.
const FOOTER_TOP: f32 = 540.0;

/// `preview.yaml` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStyle {
    background: Spanned<String>,
    text: Spanned<String>,
    muted: Spanned<String>,
    accent: Spanned<String>,
    footer_background: Spanned<String>,
    footer_text: Spanned<String>,
    notice_background: Spanned<String>,
    notice_text: Spanned<String>,
    font: Spanned<String>,
    font_bold: Spanned<String>,
}

/// The colours of an image.
struct Style {
    background: Color,
    text: Color,
    muted: Color,
    accent: Color,
    footer_background: Color,
    footer_text: Color,
    notice_background: Color,
    notice_text: Color,
}

/// `#rrggbb` → a colour.
fn colour(s: &str) -> Option<Color> {
    let hex = s.trim().strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let v = u32::from_str_radix(hex, 16).ok()?;
    Some(Color::from_rgba8(
        (v >> 16) as u8,
        (v >> 8) as u8,
        v as u8,
        255,
    ))
}

/// What changes the drawing of an image beyond its words and the theme: change it when the
/// drawing changes in a way [`RENDERER`]'s sources do not show (a new version of tiny-skia,
/// rustybuzz or fdeflate that draws or compresses differently), so cached images are made
/// again.
const RENDERER_VERSION: &str = "1";

/// The drawing code, hashed into every key: an edit to it makes every image again.
const RENDERER: [&str; 3] = [
    include_str!("mod.rs"),
    include_str!("text.rs"),
    include_str!("png.rs"),
];

/// What the previews of a site are drawn with: the theme's fonts, colours and background.
pub struct Previews<'t> {
    /// The hash of everything every image depends on besides its words: the drawing code,
    /// the theme's colours and fonts.
    digest: blake3::Hash,
    cache: &'t Cache,
    style: Style,
    regular: Font<'t>,
    bold: Font<'t>,
    background: Pixmap,
    /// The background's colours, which images copy instead of looking up.
    base: png::Base,
    /// The background with the footer's title drawn, by title (one a language), made the
    /// first time a title is drawn; `None` where it has too many colours to be a base.
    grounds: Mutex<Vec<(String, Option<Arc<Ground>>)>>,
}

/// What images with one footer title start from: the background with the title drawn.
struct Ground {
    pixmap: Pixmap,
    base: png::Base,
}

/// One image: its PNG bytes, its path below the site root and its text alternative.
pub struct Image {
    pub path: String,
    pub bytes: Vec<u8>,
    pub alt: String,
}

/// Read the theme's preview style and fonts. `None` (with the problem in `diags`) when they
/// are not usable. Images are taken from `cache` when it has them, and kept there.
pub fn load<'t>(
    theme: &'t Theme,
    cache: &'t Cache,
    diags: &mut Diagnostics,
) -> Option<Previews<'t>> {
    let file = theme.origin.join(STYLE_FILE);
    let Some(bytes) = theme.file(STYLE_FILE) else {
        diags
            .error(
                "preview-style",
                &file,
                crate::diagnostics::Position::FILE,
                msg!("preview-style--missing"),
            )
            .help(msg!("preview-style--missing.help"));
        return None;
    };
    let raw: RawStyle =
        crate::content::yaml::parse(&file, &String::from_utf8_lossy(bytes), 0, diags)?;
    let mut bad = false;
    let mut c = |v: &Spanned<String>, diags: &mut Diagnostics| {
        colour(&v.value).unwrap_or_else(|| {
            bad = true;
            diags
                .error(
                    "preview-style",
                    &file,
                    crate::content::yaml::position_of(v, 0),
                    msg!("preview-style--colour", value = v.value.trim().to_string()),
                )
                .help(msg!("preview-style--colour.help"));
            Color::BLACK
        })
    };
    let style = Style {
        background: c(&raw.background, diags),
        text: c(&raw.text, diags),
        muted: c(&raw.muted, diags),
        accent: c(&raw.accent, diags),
        footer_background: c(&raw.footer_background, diags),
        footer_text: c(&raw.footer_text, diags),
        notice_background: c(&raw.notice_background, diags),
        notice_text: c(&raw.notice_text, diags),
    };
    let font = |v: &Spanned<String>, diags: &mut Diagnostics| {
        let name = v.value.trim();
        let f = theme.file(name).and_then(Font::new);
        if f.is_none() {
            diags
                .error(
                    "preview-style",
                    &file,
                    crate::content::yaml::position_of(v, 0),
                    msg!("preview-style--font", name = name.to_string()),
                )
                .help(msg!("preview-style--font.help"));
        }
        f
    };
    let mut digest = blake3::Hasher::new();
    digest.update(RENDERER_VERSION.as_bytes());
    digest.update(env!("CARGO_PKG_VERSION").as_bytes());
    for source in RENDERER {
        field(&mut digest, source);
    }
    for colour in [
        &raw.background,
        &raw.text,
        &raw.muted,
        &raw.accent,
        &raw.footer_background,
        &raw.footer_text,
        &raw.notice_background,
        &raw.notice_text,
    ] {
        field(&mut digest, colour.value.trim());
    }
    for name in [&raw.font, &raw.font_bold] {
        let bytes = theme.file(name.value.trim()).unwrap_or_default();
        digest.update(&(bytes.len() as u64).to_le_bytes());
        digest.update(bytes);
    }
    let regular = font(&raw.font, diags);
    let bold = font(&raw.font_bold, diags);
    let (Some(regular), Some(bold)) = (regular, bold) else {
        return None;
    };
    if bad {
        return None;
    }
    let background = background(&style)?;
    let base = png::Base::new(&background)?;
    Some(Previews {
        digest: digest.finalize(),
        cache,
        style,
        regular,
        bold,
        background,
        base,
        grounds: Mutex::new(Vec::new()),
    })
}

/// Whether the site's area pages get their own preview images: when the report lists
/// measures for them (`preview: []` turns them off).
pub fn enabled(site: &Site) -> bool {
    !site.report.preview.is_empty()
}

/// Hash a text so that no two lists of texts hash alike: its length, then its bytes.
fn field(h: &mut blake3::Hasher, text: &str) {
    h.update(&(text.len() as u64).to_le_bytes());
    h.update(text.as_bytes());
}

fn paint(c: Color) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color(c);
    p.anti_alias = true;
    p
}

fn rect(pixmap: &mut Pixmap, x: f32, y: f32, w: f32, h: f32, c: Color) {
    if let Some(r) = Rect::from_xywh(x, y, w, h) {
        pixmap.fill_rect(r, &paint(c), Transform::identity(), None);
    }
}

/// A rectangle with round corners of radius `r`.
fn rounded(pixmap: &mut Pixmap, x: f32, y: f32, w: f32, h: f32, r: f32, c: Color) {
    // A circle's quarter as a cubic Bézier: control points at 0.5523 of the radius.
    let k = r * (1.0 - 0.552_284_8);
    let mut pb = PathBuilder::new();
    pb.move_to(x + r, y);
    pb.line_to(x + w - r, y);
    pb.cubic_to(x + w - k, y, x + w, y + k, x + w, y + r);
    pb.line_to(x + w, y + h - r);
    pb.cubic_to(x + w, y + h - k, x + w - k, y + h, x + w - r, y + h);
    pb.line_to(x + r, y + h);
    pb.cubic_to(x + k, y + h, x, y + h - k, x, y + h - r);
    pb.line_to(x, y + r);
    pb.cubic_to(x, y + k, x + k, y, x + r, y);
    pb.close();
    if let Some(path) = pb.finish() {
        pixmap.fill_path(
            &path,
            &paint(c),
            tiny_skia::FillRule::Winding,
            Transform::identity(),
            None,
        );
    }
}

/// What every image shares: the background colour, the accent rule and the footer band.
fn background(style: &Style) -> Option<Pixmap> {
    let (w, h) = (SIZE.0 as f32, SIZE.1 as f32);
    let mut p = Pixmap::new(SIZE.0, SIZE.1)?;
    p.fill(style.background);
    rect(&mut p, MARGIN, 56.0, 120.0, 8.0, style.accent);
    rect(
        &mut p,
        0.0,
        FOOTER_TOP,
        w,
        h - FOOTER_TOP,
        style.footer_background,
    );
    Some(p)
}

/// One figure: its value as the page writes it and the measure's short name.
struct Figure {
    value: String,
    label: String,
}

/// The words of one image.
struct Card {
    /// The area level and group, like `Province · Northern`.
    kicker: String,
    name: String,
    /// The figures' period; empty when the area has no figures.
    period: String,
    figures: Vec<Figure>,
    /// The figures' status in words, with the status; `None` when there are no figures.
    status: Option<(String, DataStatus)>,
    /// What to say instead of figures when there are none.
    no_figures: String,
    site: String,
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn card(site: &Site, theme: &Theme, lang: Lang, index: usize) -> Card {
    let strings = theme.strings(lang);
    let fmt = Formatter::new(lang, site.config.thai_digits, strings);
    let record = &site.records[index];
    let area = site.area(record);
    let report = &site.report;
    let group = &site.group_of(area).name;
    let mut kicker = capital(report.area.word.one.get(lang));
    if report.area.grouping.is_some() && !group.get(lang).is_empty() {
        kicker = format!("{kicker} · {}", group.get(lang));
    }
    let latest = record.results.last();
    let figures = latest
        .map(|r| {
            report
                .preview
                .iter()
                .map(|&id| {
                    let m = report.measure(id);
                    let v = r.values.get(id);
                    let mut value = shown(&fmt, strings, m, v);
                    if let (Some(_), Unit::Count { noun } | Unit::Number { noun }) = (v, &m.unit)
                        && !noun.get(lang).is_empty()
                    {
                        value = format!("{value} {}", noun.get(lang));
                    }
                    Figure {
                        value,
                        label: m.short.get(lang).to_string(),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    Card {
        kicker,
        name: area.name.get(lang).to_string(),
        period: latest.map(|r| fmt.period(&r.period)).unwrap_or_default(),
        figures,
        // The status of the figures shown: their period's own.
        status: latest.map(|r| {
            (
                theme.t(lang, &format!("preview_{}", r.status.key())),
                r.status,
            )
        }),
        no_figures: theme.t(lang, "no_figures"),
        site: site.config.title.get(lang).to_string(),
    }
}

/// The image's text alternative (`og:image:alt`): what it shows, in words.
fn alt(theme: &Theme, lang: Lang, card: &Card) -> String {
    let figures = if card.figures.is_empty() {
        card.no_figures.clone()
    } else {
        let list: Vec<String> = card
            .figures
            .iter()
            .map(|f| format!("{} {}", f.label, f.value))
            .collect();
        format!("{} ({})", list.join("; "), card.period)
    };
    theme
        .t(lang, "preview_alt")
        .replace("{name}", &card.name)
        .replace("{figures}", &figures)
        .replace(
            "{status}",
            card.status.as_ref().map_or("", |(s, _)| s.as_str()),
        )
        .replace("{site}", &card.site)
        .trim()
        .to_string()
}

impl Previews<'_> {
    /// The preview image of area record `index` in `lang`.
    pub fn render(&self, site: &Site, theme: &Theme, lang: Lang, index: usize) -> Image {
        let card = card(site, theme, lang, index);
        let key = self.key(&card);
        let bytes = self
            .cache
            .get_or_make(&key, || match self.ground(&card.site) {
                Some(ground) => png::encode(&self.draw(&card, &ground.pixmap, false), &ground.base),
                None => png::encode(&self.draw(&card, &self.background, true), &self.base),
            });
        let page = super::pages::Route::area(index).rel(site);
        Image {
            path: format!(
                "{}preview.{}.png",
                lang_rel(site, lang, &page),
                &key[..NAME_HEX]
            ),
            alt: alt(theme, lang, &card),
            bytes,
        }
    }

    /// The key of a card's image: a hash of everything its pixels depend on, the card's
    /// words (each a field of its own) and [`Previews::digest`]. The same key, the same
    /// image, so it names the image and finds it in the cache.
    fn key(&self, card: &Card) -> cache::Key {
        let mut h = blake3::Hasher::new();
        h.update(self.digest.as_bytes());
        for text in [
            &card.kicker,
            &card.name,
            &card.period,
            &card.no_figures,
            &card.site,
        ] {
            field(&mut h, text);
        }
        h.update(&(card.figures.len() as u64).to_le_bytes());
        for f in &card.figures {
            field(&mut h, &f.value);
            field(&mut h, &f.label);
        }
        match &card.status {
            Some((words, status)) => {
                field(&mut h, status.key());
                field(&mut h, words);
            }
            None => field(&mut h, ""),
        }
        h.finalize().to_hex()[..32].to_string()
    }

    /// The background with the footer's `title` drawn, made once a title.
    fn ground(&self, title: &str) -> Option<Arc<Ground>> {
        let mut grounds = self
            .grounds
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, ground)) = grounds.iter().find(|(t, _)| t == title) {
            return ground.clone();
        }
        let mut pixmap = self.background.clone();
        self.footer(&mut pixmap, title);
        let ground = png::Base::new(&pixmap).map(|base| Arc::new(Ground { pixmap, base }));
        grounds.push((title.to_string(), ground.clone()));
        ground
    }

    /// The site's title in the footer band, centred vertically.
    fn footer(&self, p: &mut Pixmap, title: &str) {
        let bold = &self.bold;
        let width = SIZE.0 as f32 - 2.0 * MARGIN;
        let band = SIZE.1 as f32 - FOOTER_TOP;
        let shaped = bold.shape(title);
        let laid = text::fit(bold, &shaped, width, 2, 30.0, 18.0);
        let leading = bold.line_height(laid.size) * 0.95;
        let height = bold.line_height(laid.size) + leading * (laid.line_count() as f32 - 1.0);
        laid.draw(
            bold,
            p,
            &paint(self.style.footer_text),
            MARGIN,
            FOOTER_TOP + (band - height) / 2.0 + bold.ascent(laid.size),
            leading,
        );
    }

    /// Draw a card on a copy of `ground`, and the footer's title when `footer` (when the
    /// ground does not have it).
    fn draw(&self, card: &Card, ground: &Pixmap, footer: bool) -> Pixmap {
        let s = &self.style;
        let (regular, bold) = (&self.regular, &self.bold);
        let mut p = ground.clone();
        let width = SIZE.0 as f32 - 2.0 * MARGIN;
        let right = SIZE.0 as f32 - MARGIN;

        // Top line: the area level and group on the left, the status on the right.
        let top = 84.0;
        let mut kicker_width = width;
        if let Some((words, status)) = &card.status {
            let shaped = bold.shape(words);
            let notice = *status != DataStatus::Official;
            let pad = if notice { 18.0 } else { 0.0 };
            let laid = text::fit(bold, &shaped, width * 0.55 - 2.0 * pad, 1, 26.0, 16.0);
            let w = laid.width() + 2.0 * pad;
            let h = bold.line_height(laid.size) + 10.0;
            let y = top - 6.0;
            let colour = if notice {
                rounded(&mut p, right - w, y, w, h, h / 2.0, s.notice_background);
                s.notice_text
            } else {
                s.muted
            };
            let baseline = y + 5.0 + bold.ascent(laid.size);
            laid.draw(bold, &mut p, &paint(colour), right - w + pad, baseline, 0.0);
            kicker_width = width - w - 24.0;
        }
        let shaped = regular.shape(&card.kicker);
        let laid = text::fit(regular, &shaped, kicker_width, 1, 28.0, 16.0);
        laid.draw(
            regular,
            &mut p,
            &paint(s.muted),
            MARGIN,
            top + regular.ascent(laid.size),
            0.0,
        );

        // The name: large on one line if it fits there, else as large as fits in two
        // lines, or three for a very long one.
        let name_top = 136.0;
        let shaped = bold.shape(&card.name);
        let mut laid = text::fit(bold, &shaped, width, 1, 96.0, 64.0);
        if laid.cut() {
            laid = text::fit(bold, &shaped, width, 2, 72.0, 44.0);
        }
        if laid.cut() {
            laid = text::fit(bold, &shaped, width, 3, 48.0, 30.0);
        }
        let leading = bold.line_height(laid.size) * 0.92;
        laid.draw(
            bold,
            &mut p,
            &paint(s.text),
            MARGIN,
            name_top + bold.ascent(laid.size),
            leading,
        );

        // The period, then the figures, from a fixed line down to the footer.
        let figures_top = 384.0;
        let shaped = regular.shape(&card.period);
        let laid = text::fit(regular, &shaped, width, 1, 26.0, 16.0);
        let period_top = figures_top - 12.0 - regular.line_height(laid.size);
        laid.draw(
            regular,
            &mut p,
            &paint(s.muted),
            MARGIN,
            period_top + regular.ascent(laid.size),
            0.0,
        );
        if card.figures.is_empty() {
            let shaped = regular.shape(&card.no_figures);
            let laid = text::fit(regular, &shaped, width, 2, 40.0, 20.0);
            laid.draw(
                regular,
                &mut p,
                &paint(s.muted),
                MARGIN,
                figures_top + 20.0 + regular.ascent(laid.size),
                regular.line_height(laid.size),
            );
        }
        // The figures side by side, all values at one size and all names at one size: the
        // largest at which every one fits its column.
        let n = card.figures.len() as f32;
        let gap = 32.0;
        let column = (width - gap * (n - 1.0)) / n;
        let inner = column - 22.0;
        let values: Vec<text::Shaped> = card.figures.iter().map(|f| bold.shape(&f.value)).collect();
        let labels: Vec<text::Shaped> = card
            .figures
            .iter()
            .map(|f| regular.shape(&f.label))
            .collect();
        let common = |font: &Font, all: &[text::Shaped], lines: usize, size: f32, min: f32| {
            all.iter()
                .map(|t| text::fit(font, t, inner, lines, size, min).size)
                .fold(size, f32::min)
        };
        let value_size = common(bold, &values, 1, 54.0, 20.0);
        let label_size = common(regular, &labels, 2, 26.0, 16.0);
        for (i, (value, label)) in values.iter().zip(&labels).enumerate() {
            let x = MARGIN + i as f32 * (column + gap);
            rect(
                &mut p,
                x,
                figures_top,
                5.0,
                FOOTER_TOP - 16.0 - figures_top,
                s.accent,
            );
            let value = text::fit(bold, value, inner, 1, value_size, value_size);
            value.draw(
                bold,
                &mut p,
                &paint(s.text),
                x + 22.0,
                figures_top - 4.0 + bold.ascent(value.size),
                0.0,
            );
            let label = text::fit(regular, label, inner, 2, label_size, label_size);
            label.draw(
                regular,
                &mut p,
                &paint(s.muted),
                x + 22.0,
                figures_top + bold.line_height(value_size) + regular.ascent(label.size),
                regular.line_height(label.size) * 0.95,
            );
        }

        if footer {
            self.footer(&mut p, &card.site);
        }
        p
    }
}
