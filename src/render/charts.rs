//! Bar charts of results, drawn at build time as small inline SVG, with their data files.
//!
//! Citizens open these pages for the charts, often on a phone, so every chart is a set of
//! horizontal bars (long Thai labels fit; nothing is smaller than 12 CSS px at 390 px wide),
//! labelled with its values, with a `<title>` and `<desc>` that say what it shows and what it
//! finds, a table of exactly the same numbers and CSV/JSON downloads of its data.
//!
//! Text is measured with the theme's Sarabun TTF through `ab_glyph` (glyph advances and
//! kerning), so a Thai label gets the width the browser will give it. The SVG itself is
//! written here rather than by a plotting crate's SVG backend: plotters' repeats the font and
//! opacity on every element and writes fixed sizes and no ids, and a ranking of 77 provinces
//! would then weigh about three times the 10 KB a chart may add to a page.
//!
//! A chart is first built in both languages at once ([`Chart`]: labels as [`Text`], numbers as
//! integers), so the downloads are the same whichever page writes them; then it is drawn for
//! one page's language ([`ChartView`]).

use std::fmt::Write as _;
use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, GlyphId, PxScaleFont, ScaleFont};
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::format::{Formatter, plain_decimal, push_plain_decimal, push_replaced};
use super::markdown::escape_into;
use super::theme::Theme;
use super::views::{StatusView, href, status_view};
use crate::model::report::{ChartKind, ChartSpec, Unit};
use crate::model::*;

/// The family name written into the SVG, which is also a fallback stack for browsers.
pub const FONT_FAMILY: &str = "Sarabun, Noto Sans Thai, sans-serif";
/// The theme file the chart text is measured with.
pub const FONT_FILE: &str = "fonts/Sarabun-Regular.ttf";

const WIDTH: f64 = 360.0;
const FONT_SIZE: f64 = 14.0;
const PITCH: f64 = 26.0;
const BAR: f64 = 18.0;
const GAP: f64 = 6.0;
/// Okabe–Ito blue: 4.7:1 against white, distinguishable in every common colour-vision type.
const BAR_COLOUR: &str = "#0072b2";
const INK: &str = "#1a1a1a";
const AXIS: &str = "#595959";

/// The theme's chart font and its line height over its em, once read (`None` when the theme
/// has no readable font). ab_glyph scales a font by its height (ascender − descender), a
/// browser by its em, so a CSS size is multiplied by that ratio.
static FONT: OnceLock<Option<(FontRef<'static>, f64)>> = OnceLock::new();

/// Read the theme's chart font (once per process). Returns whether text can be measured with
/// it; if not, a rough estimate is used.
pub fn init_font(theme: &Theme) -> bool {
    FONT.get_or_init(|| {
        let bytes = theme.file(FONT_FILE)?;
        let scale = height_per_em(bytes)?;
        // Kept for the life of the process, as every build in it measures with it.
        let bytes: &'static [u8] = Box::leak(bytes.to_vec().into_boxed_slice());
        Some((FontRef::try_from_slice(bytes).ok()?, scale))
    })
    .is_some()
}

/// The font's line height over its em, as ab_glyph computes it: from the OS/2 typographic
/// metrics when the font asks for them (`USE_TYPO_METRICS`), else from `hhea`.
fn height_per_em(font: &[u8]) -> Option<f64> {
    let u16_at = |at: usize| {
        font.get(at..at + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
    };
    let i16_at = |at: usize| u16_at(at).map(|v| f64::from(v as i16));
    let table = |tag: &[u8]| {
        let count = usize::from(u16_at(4)?);
        (0..count).find_map(|i| {
            let rec = 12 + 16 * i;
            (font.get(rec..rec + 4)? == tag)
                .then(|| {
                    font.get(rec + 8..rec + 12)
                        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
                })
                .flatten()
        })
    };
    let upem = f64::from(u16_at(table(b"head")? + 18)?);
    let os2 = table(b"OS/2");
    let typo = os2
        .and_then(|o| u16_at(o + 62))
        .is_some_and(|sel| sel & 0x80 != 0);
    let (asc, desc) = match os2.filter(|_| typo) {
        Some(o) => (i16_at(o + 68)?, i16_at(o + 70)?),
        None => {
            let h = table(b"hhea")?;
            (i16_at(h + 4)?, i16_at(h + 6)?)
        }
    };
    (upem > 0.0 && asc - desc > 0.0).then(|| (asc - desc) / upem)
}

/// Text widths already measured at one font size (its bits), by text.
type Measured = Vec<(u64, FxHashMap<Box<str>, f64>)>;

/// Width of `text` at CSS font size `size`, in the same units: the glyphs' advances and
/// kerning summed, whole units (as plotters measured it before, so charts keep their sizes).
pub fn text_width(text: &str, size: f64) -> f64 {
    thread_local! {
        // Widths already measured on this thread, by size: the same labels ("median of all
        // areas", an area's name on each of its charts) and values come back page after page.
        // Emptied when large, so a big site's names do not pile up.
        static MEASURED: std::cell::RefCell<Measured> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    MEASURED.with_borrow_mut(|sizes| {
        let at = match sizes.iter().position(|(s, _)| *s == size.to_bits()) {
            Some(at) => at,
            None => {
                sizes.push((size.to_bits(), FxHashMap::default()));
                sizes.len() - 1
            }
        };
        let known = &mut sizes[at].1;
        if let Some(&width) = known.get(text) {
            return width;
        }
        if known.len() >= 4096 {
            known.clear();
        }
        let width = measure(text, size);
        known.insert(text.into(), width);
        width
    })
}

/// [`text_width`] measured afresh.
fn measure(text: &str, size: f64) -> f64 {
    if let Some(Some((font, scale))) = FONT.get() {
        let font = font.as_scaled((size * scale) as f32);
        let mut width = 0f32;
        let mut prev = None;
        ADVANCES.with_borrow_mut(|advances| {
            advances.size(size);
            for c in text.chars() {
                let (glyph, advance) = advances.get(&font, c);
                width += advance;
                if let Some(prev) = prev {
                    width += font.kern(prev, glyph);
                }
                prev = Some(glyph);
            }
        });
        return f64::from(width as i32);
    }
    // No font: count spacing characters (Thai vowel and tone marks take no width).
    let spacing = text
        .chars()
        .filter(|c| !matches!(*c as u32, 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E))
        .count();
    spacing as f64 * size * 0.6
}

/// The glyphs and advances of ASCII and Thai characters at one size, looked up once per
/// thread: a large site measures every chart label and value.
struct Advances {
    size: f64,
    /// Indexed by ASCII code, then by Thai code point − U+0E00 + 128.
    known: [Option<(GlyphId, f32)>; 256],
}

thread_local! {
    static ADVANCES: std::cell::RefCell<Advances> = const {
        std::cell::RefCell::new(Advances { size: 0.0, known: [None; 256] })
    };
}

impl Advances {
    fn size(&mut self, size: f64) {
        if self.size != size {
            self.size = size;
            self.known = [None; 256];
        }
    }

    fn get(&mut self, font: &PxScaleFont<&FontRef<'static>>, c: char) -> (GlyphId, f32) {
        let slot = match c as u32 {
            n @ 0..=0x7F => Some(n as usize),
            n @ 0x0E00..=0x0E7F => Some((n - 0x0E00) as usize + 128),
            _ => None,
        };
        if let Some(Some(known)) = slot.map(|i| self.known[i]) {
            return known;
        }
        let glyph = font.glyph_id(c);
        let found = (glyph, font.h_advance(glyph));
        if let Some(i) = slot {
            self.known[i] = Some(found);
        }
        found
    }
}

/// What the numbers of a chart count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartUnit {
    /// The values of a measure, in its unit and decimals.
    Measure(MeasureId),
    /// Hundredths of a percent of the national value (`122` is 1.22 %).
    Share,
    /// Twice the values of a measure, so that a median between two values (12.5) stays a
    /// whole number: `25` is 12.5.
    Doubled(MeasureId),
}

impl ChartUnit {
    /// The unit's name in the downloads: what is counted (its English noun, like `groups`,
    /// or `count`), a currency code, `percent` or `number`.
    fn key(self, report: &Report) -> String {
        match self {
            ChartUnit::Share => "percent".into(),
            ChartUnit::Measure(m) | ChartUnit::Doubled(m) => match &report.measure(m).unit {
                Unit::Money { currency } => currency.clone(),
                Unit::Count { noun } | Unit::Number { noun } if !noun.get(Lang::EN).is_empty() => {
                    noun.get(Lang::EN).to_string()
                }
                unit => unit.key().into(),
            },
        }
    }

    /// The value with ASCII digits and no grouping, as the downloads have it.
    fn plain(self, report: &Report, v: u64) -> String {
        let mut out = String::with_capacity(24);
        self.push_plain(report, &mut out, v);
        out
    }

    /// Append [`ChartUnit::plain`]'s text.
    fn push_plain(self, report: &Report, out: &mut String, v: u64) {
        let (v, decimals) = match self {
            ChartUnit::Share => (v, 2),
            ChartUnit::Measure(m) => (v, report.measure(m).decimals),
            ChartUnit::Doubled(m) => halves(v, report.measure(m).decimals),
        };
        push_plain_decimal(out, v, decimals);
    }

    /// The value as a page shows it.
    fn show(self, report: &Report, fmt: &Formatter, v: u64) -> String {
        match self {
            ChartUnit::Share => fmt.digits(&format!("{}%", plain_decimal(v, 2))),
            ChartUnit::Measure(m) => {
                let m = report.measure(m);
                match m.unit {
                    Unit::Percent => fmt.value(m, v),
                    _ => fmt.bare(m, v),
                }
            }
            ChartUnit::Doubled(m) => {
                let m = report.measure(m);
                let (v, decimals) = halves(v, m.decimals);
                match m.unit {
                    Unit::Percent => fmt.value_in(m, v, decimals),
                    _ => fmt.bare_in(v, decimals),
                }
            }
        }
    }

    /// The unit in words, for the table's value column.
    fn words(self, report: &Report, fmt: &Formatter, theme: &Theme) -> String {
        let t = |k: &str| theme.t(fmt.lang, k);
        match self {
            ChartUnit::Share => t("chart_unit_share"),
            ChartUnit::Measure(m) | ChartUnit::Doubled(m) => match &report.measure(m).unit {
                Unit::Count { noun } => t("chart_unit_count").replace("{noun}", noun.get(fmt.lang)),
                Unit::Number { noun } if !noun.get(fmt.lang).is_empty() => {
                    t("chart_unit_count").replace("{noun}", noun.get(fmt.lang))
                }
                Unit::Number { .. } => t("chart_unit_number"),
                unit => capitalised(&fmt.unit_word(unit)),
            },
        }
    }
}

/// A doubled value as a value with `decimals` digits after the point, or one digit more when
/// it is a half: `(25, 0)` → `(125, 1)` (12.5), `(24, 0)` → `(12, 0)`.
pub fn halves(doubled: u64, decimals: u8) -> (u64, u8) {
    if doubled.is_multiple_of(2) {
        (doubled / 2, decimals)
    } else {
        (doubled.saturating_mul(5), decimals + 1)
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// One bar.
#[derive(Debug, Clone)]
pub struct Item {
    pub key: String,
    pub label: Text,
    /// Meaningless when `reported` is false.
    pub value: u64,
    pub period: Option<Period>,
    /// False for a group of areas none of which has reported: no bar, no number, the words
    /// "not yet reported" (never a zero).
    pub reported: bool,
    /// For a group's total: how many of its areas expected to report have.
    pub coverage: Option<Coverage>,
}

/// A chart's data and words in every language (digits ASCII; a Thai page may swap them).
#[derive(Debug, Clone)]
pub struct Chart {
    /// Also the name of its data files: `/data/charts/<id>.csv`.
    pub id: String,
    pub title: Text,
    /// Heading of the table's label column.
    pub category: Text,
    pub unit: ChartUnit,
    pub period: Option<Period>,
    pub status: DataStatus,
    pub source: Text,
    pub items: Vec<Item>,
    /// Whether a total of the bars means something (not for shares or rankings' parts).
    pub total: bool,
    /// A sentence on the chart's main finding beyond largest/smallest, if any.
    pub finding: Option<Text>,
    /// Areas left out because they have not reported yet.
    pub missing: Vec<Text>,
    /// Areas left out because they have no figures of their own.
    pub not_expected: Vec<Text>,
    /// A chart of a newer period whose figures are still arriving (shown beside the
    /// complete period's).
    pub arriving: bool,
    /// A short name, for choosing among charts (the measure a ranking is by).
    pub short: Option<Text>,
}

/// Builds charts' words in every language of the site (or in the one language of a chart
/// that has no data files).
struct Words<'a> {
    site: &'a Site,
    theme: &'a Theme,
    langs: &'a [Lang],
}

impl<'a> Words<'a> {
    fn new(site: &'a Site, theme: &'a Theme) -> Words<'a> {
        Words {
            site,
            theme,
            langs: &site.config.languages,
        }
    }

    fn langs(&self) -> &[Lang] {
        self.langs
    }

    fn all(&self, f: impl FnMut(Lang) -> String) -> Text {
        Text::from_fn(self.langs(), f)
    }

    fn text(&self, key: &str) -> Text {
        self.all(|l| self.theme.t(l, key))
    }

    /// A chart title: the site's own, or the theme's generic one for the kind, with
    /// `{period}`, `{name}`, `{measure}`, `{part}` and `{whole}` filled in, plus the data
    /// status in words when the figures are not official (inside the title itself).
    fn title(
        &self,
        spec: &ChartSpec,
        generic: &str,
        fill: &[(&str, &Text)],
        period: Option<&Period>,
        status: DataStatus,
    ) -> Text {
        self.all(|l| {
            let plain = Formatter::new(l, false, self.theme.strings(l));
            let pattern = match &spec.title {
                Some(t) => t.get(l),
                None => self
                    .theme
                    .strings(l)
                    .get(generic)
                    .map_or(generic, String::as_str),
            };
            let mut s = fill_in(pattern, |name| match name {
                "{period}" => Some(period.map(|p| plain.period(p)).unwrap_or_default()),
                _ => fill
                    .iter()
                    .find(|(from, _)| *from == name)
                    .map(|(_, to)| to.get(l).to_string()),
            });
            if status != DataStatus::Official {
                let _ = write!(
                    s,
                    " ({})",
                    self.theme.t(l, &format!("chart_status_{}", status.key()))
                );
            }
            s
        })
    }

    fn category(&self, spec: &ChartSpec, generic: &str) -> Text {
        spec.category.clone().unwrap_or_else(|| self.text(generic))
    }

    fn area_source(&self) -> Text {
        self.text("chart_source_areas")
    }
}

/// `pattern` with each `{name}` it holds replaced by `value("{name}")`; one pass, so a page
/// with thousands of charts does not search every title for every placeholder.
pub(crate) fn fill_in(pattern: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(pattern.len() + 32);
    fill_into(&mut out, pattern, |name, out| match value(name) {
        Some(v) => {
            out.push_str(&v);
            true
        }
        None => false,
    });
    out
}

/// [`fill_in`], appended to `out`: `value` writes the value of a `{name}` it knows into `out`
/// and says so; a name it does not know is written as it is.
pub(crate) fn fill_into(
    out: &mut String,
    pattern: &str,
    mut value: impl FnMut(&str, &mut String) -> bool,
) {
    let find = |text: &str, b: u8| memchr::memchr(b, text.as_bytes());
    let mut rest = pattern;
    while let Some(open) = find(rest, b'{') {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        match find(tail, b'}') {
            Some(close) => {
                let name = &tail[..=close];
                if !value(name, out) {
                    out.push_str(name);
                }
                rest = &tail[close + 1..];
            }
            None => {
                out.push_str(tail);
                rest = "";
            }
        }
    }
    out.push_str(rest);
}

/// One bar per measure, labelled with the measure's short name; measures without a value
/// are left out.
fn measure_items(
    report: &Report,
    values: &Values,
    period: Period,
    measures: &[MeasureId],
) -> Vec<Item> {
    measures
        .iter()
        .filter_map(|&id| {
            let m = report.measure(id);
            Some(Item {
                key: m.column.clone(),
                label: m.short.clone(),
                value: values.get(id)?,
                period: Some(period),
                reported: true,
                coverage: None,
            })
        })
        .collect()
}

/// The measure a chart's bars are in, when they are all in one.
fn unit_of(report: &Report, ids: &[MeasureId]) -> ChartUnit {
    ChartUnit::Measure(
        ids.first()
            .copied()
            .unwrap_or_else(|| report.measures[0].id),
    )
}

/// A chart of national or area values of one period: parts, a list of measures, a ratio.
fn values_chart(
    w: &Words,
    spec: &ChartSpec,
    values: &Values,
    period: Period,
    status: DataStatus,
    source: Text,
    name: Option<&Text>,
) -> Option<Chart> {
    let report = &w.site.report;
    let empty = Text::default();
    let name = name.unwrap_or(&empty);
    let (items, generic, fill_measure, total, finding) = match &spec.kind {
        ChartKind::Parts(m) => {
            let measure = report.measure(*m);
            (
                measure_items(report, values, period, &measure.parts),
                "chart_parts_title",
                measure.short.clone(),
                true,
                None,
            )
        }
        ChartKind::Measures(list) => (
            measure_items(report, values, period, list),
            "chart_measures_title",
            Text::default(),
            false,
            None,
        ),
        ChartKind::Ratio { part, whole } => {
            let (pv, wv) = (values.get(*part)?, values.get(*whole)?);
            let pm = report.measure(*part);
            let finding = (wv > 0).then(|| {
                w.all(|l| {
                    let plain = Formatter::new(l, false, w.theme.strings(l));
                    let pattern = match &spec.finding {
                        Some(f) => f.get(l).to_string(),
                        None => w.theme.t(l, "chart_ratio_finding"),
                    };
                    pattern
                        .replace("{part}", &plain.bare(pm, pv))
                        .replace("{whole}", &plain.bare(report.measure(*whole), wv))
                        .replace("{percent}", &plain_decimal(share(pv, wv), 2))
                })
            });
            (
                measure_items(report, values, period, &[*whole, *part]),
                "chart_ratio_title",
                Text::default(),
                false,
                finding,
            )
        }
        _ => return None,
    };
    if items.is_empty() {
        return None;
    }
    let ids: Vec<MeasureId> = match &spec.kind {
        ChartKind::Parts(m) => report.measure(*m).parts.clone(),
        ChartKind::Measures(l) => l.clone(),
        ChartKind::Ratio { whole, .. } => vec![*whole],
        _ => Vec::new(),
    };
    let (part_t, whole_t) = match &spec.kind {
        ChartKind::Ratio { part, whole } => (
            report.measure(*part).short.clone(),
            report.measure(*whole).short.clone(),
        ),
        _ => (Text::default(), Text::default()),
    };
    Some(Chart {
        id: spec.id.clone(),
        title: w.title(
            spec,
            generic,
            &[
                ("{measure}", &fill_measure),
                ("{name}", name),
                ("{part}", &part_t),
                ("{whole}", &whole_t),
            ],
            Some(&period),
            status,
        ),
        category: w.category(spec, "measure"),
        unit: unit_of(report, &ids),
        period: Some(period),
        status,
        source,
        items,
        total,
        finding,
        missing: Vec::new(),
        not_expected: Vec::new(),
        arriving: false,
        short: None,
    })
}

/// The home page's charts: those of the period shown (the latest complete one), then those
/// of each newer period still arriving (marked `arriving`, with ids ending in the period).
pub fn home(site: &Site, theme: &Theme) -> Vec<Chart> {
    let w = Words::new(site, theme);
    let Some(np) = site.shown_period() else {
        return Vec::new();
    };
    let mut charts = period_charts(&w, &site.report.charts.home, np, true);
    for newer in site.arriving_periods() {
        for mut chart in period_charts(&w, &site.report.charts.home, newer, false) {
            chart.id = format!("{}-{}", chart.id, newer.period.key());
            chart.arriving = true;
            charts.push(chart);
        }
    }
    charts
}

/// The charts of `specs` for one national period; a trend only with `trend`.
fn period_charts(w: &Words, specs: &[ChartSpec], np: &NationalPeriod, trend: bool) -> Vec<Chart> {
    specs
        .iter()
        .filter_map(|spec| match &spec.kind {
            ChartKind::ByGroup(m) => by_group(w, spec, *m, np),
            ChartKind::Ranking(m) => ranking(w, spec, *m, np, None),
            ChartKind::Trend(m) if trend => national_trend(w, spec, *m),
            ChartKind::Trend(_) => None,
            _ => values_chart(
                w,
                spec,
                &np.values,
                np.period,
                np.data_status,
                np.source
                    .as_ref()
                    .map_or_else(Text::default, |s| s.title.clone()),
                None,
            ),
        })
        .collect()
}

/// A measure's national values over the periods; only when there are two or more.
fn national_trend(w: &Words, spec: &ChartSpec, m: MeasureId) -> Option<Chart> {
    let site = w.site;
    let periods = &site.national.periods;
    let items: Vec<Item> = periods
        .iter()
        .filter_map(|np| {
            Some(Item {
                key: np.period.key(),
                label: w.all(|l| {
                    short_period(&Formatter::new(l, false, w.theme.strings(l)), &np.period)
                }),
                value: np.values.get(m)?,
                period: Some(np.period),
                reported: true,
                coverage: None,
            })
        })
        .collect();
    if items.len() < 2 {
        return None;
    }
    let latest = periods.iter().rev().find(|np| np.values.get(m).is_some())?;
    let measure = site.report.measure(m);
    let empty = Text::default();
    Some(Chart {
        id: spec.id.clone(),
        title: w.title(
            spec,
            "chart_trend_title",
            &[("{name}", &empty), ("{measure}", &measure.short)],
            None,
            latest.data_status,
        ),
        category: w.category(spec, "period"),
        unit: ChartUnit::Measure(m),
        period: None,
        status: latest.data_status,
        source: latest
            .source
            .as_ref()
            .map_or_else(Text::default, |s| s.title.clone()),
        items,
        total: false,
        finding: None,
        missing: Vec::new(),
        not_expected: Vec::new(),
        arriving: false,
        short: None,
    })
}

/// The areas' values of a measure added up by group, for one period. Each group says how
/// many of its areas expected to report have; a group none of whose areas has reported
/// says so instead of showing a zero.
fn by_group(w: &Words, spec: &ChartSpec, m: MeasureId, np: &NationalPeriod) -> Option<Chart> {
    let site = w.site;
    let period = np.period;
    let mut sums = vec![0u64; site.groups.len()];
    let mut coverage = vec![Coverage::default(); site.groups.len()];
    let mut reported = false;
    let mut has_value = vec![false; site.groups.len()];
    let mut not_expected = Vec::new();
    for (i, area) in site.areas.iter().enumerate() {
        let expected = site.is_expected(np, i);
        let value = site
            .record_index(i)
            .and_then(|r| site.records[r].result_for(&period))
            .and_then(|r| r.values.get(m));
        let c = &mut coverage[area.group];
        c.expected += usize::from(expected);
        match value {
            Some(v) => {
                let slot = &mut sums[area.group];
                *slot = slot.saturating_add(v);
                c.reported += usize::from(expected);
                has_value[area.group] = true;
                reported = true;
            }
            None if !expected => not_expected.push(area.name.clone()),
            None => {}
        }
    }
    if !reported {
        return None;
    }
    let status = site.period_area_status(&period);
    let measure = site.report.measure(m);
    let complete = coverage.iter().all(Coverage::all_in);
    Some(Chart {
        id: spec.id.clone(),
        title: w.title(
            spec,
            "chart_by_group_title",
            &[("{measure}", &measure.short)],
            Some(&period),
            status,
        ),
        category: w.category(spec, "col_group"),
        unit: ChartUnit::Measure(m),
        period: Some(period),
        status,
        source: w.area_source(),
        items: site
            .groups
            .iter()
            .zip(sums)
            .zip(coverage)
            .zip(has_value)
            // A group with no area expected to report and no figures has no total at all.
            .filter(|(((_, _), c), has)| c.expected > 0 || *has)
            .map(|(((g, v), c), has)| Item {
                key: g.key.clone(),
                label: if c.all_in() {
                    g.name.clone()
                } else {
                    w.all(|l| {
                        let plain = Formatter::new(l, false, w.theme.strings(l));
                        let counted = w
                            .theme
                            .t(l, "group_coverage")
                            .replace("{n}", &plain.number(c.reported as u64))
                            .replace("{total}", &plain.number(c.expected as u64));
                        format!("{} ({counted})", g.name.get(l))
                    })
                },
                value: v,
                period: Some(period),
                reported: has,
                coverage: Some(c),
            })
            .collect(),
        total: true,
        finding: (!complete).then(|| w.text("chart_group_note")),
        missing: Vec::new(),
        not_expected,
        arriving: false,
        short: None,
    })
}

/// Every area with a value (of one group, or of all), ranked by a measure, for one period.
/// Areas expected to report that have not are named as not yet reported; areas with no
/// figures of their own are named apart.
fn ranking(
    w: &Words,
    spec: &ChartSpec,
    m: MeasureId,
    np: &NationalPeriod,
    group: Option<usize>,
) -> Option<Chart> {
    let site = w.site;
    let period = np.period;
    let status = site.period_area_status(&period);
    // A site that does not rank figures of this status gets no ranking of them.
    if !site.report.ranks(status) {
        return None;
    }
    let mut items = Vec::new();
    let mut missing = Vec::new();
    let mut not_expected = Vec::new();
    for p in site
        .records
        .iter()
        .filter(|p| group.is_none_or(|g| site.area(p).group == g))
    {
        let area = site.area(p);
        match p.result_for(&period).and_then(|r| r.values.get(m)) {
            Some(v) => items.push(Item {
                key: area.code.to_string(),
                label: area.name.clone(),
                value: v,
                period: Some(period),
                reported: true,
                coverage: None,
            }),
            None if site.is_expected(np, p.area) => missing.push(area.name.clone()),
            None => not_expected.push(area.name.clone()),
        }
    }
    if items.is_empty() {
        return None;
    }
    // Largest first; ties keep the areas list's order (the sort is stable).
    items.sort_by_key(|i| std::cmp::Reverse(i.value));
    let measure = site.report.measure(m);
    let title = match group {
        // A group's ranking says whose areas it ranks, whatever the index's title says.
        Some(g) => {
            let generic = ChartSpec {
                title: None,
                ..spec.clone()
            };
            w.title(
                &generic,
                "chart_group_ranking_title",
                &[
                    ("{measure}", &measure.short),
                    ("{name}", &site.groups[g].name),
                ],
                Some(&period),
                status,
            )
        }
        None => w.title(
            spec,
            "chart_ranking_title",
            &[("{measure}", &measure.short)],
            Some(&period),
            status,
        ),
    };
    Some(Chart {
        id: spec.id.clone(),
        title,
        category: w.category(spec, "col_area"),
        unit: ChartUnit::Measure(m),
        period: Some(period),
        status,
        source: w.area_source(),
        items,
        total: measure.sums,
        finding: None,
        missing,
        not_expected,
        arriving: false,
        short: Some(measure.short.clone()),
    })
}

/// A group page's charts, for the period the site shows: the index's rankings for the
/// group's areas, or, when the index has none, a ranking by the map's measure (or the first
/// measure). Their downloads are named `<group segment>-<group key>-<id>`.
pub fn group(site: &Site, theme: &Theme, g: usize) -> Vec<Chart> {
    let w = Words::new(site, theme);
    let (Some(np), Some(segment)) = (site.shown_period(), site.group_segment()) else {
        return Vec::new();
    };
    let report = &site.report;
    let mut specs: Vec<ChartSpec> = report
        .charts
        .index
        .iter()
        .filter(|s| matches!(s.kind, ChartKind::Ranking(_)))
        .cloned()
        .collect();
    if specs.is_empty() {
        let m = report
            .map
            .as_ref()
            .map(|m| m.measure)
            .or_else(|| report.top_level().next().map(|m| m.id));
        specs.extend(m.map(|m| ChartSpec {
            id: "ranking".into(),
            kind: ChartKind::Ranking(m),
            title: None,
            category: None,
            finding: None,
        }));
    }
    let prefix = format!("{segment}-{}-", site.groups[g].key);
    specs
        .iter()
        .filter_map(|spec| match spec.kind {
            ChartKind::Ranking(m) => ranking(&w, spec, m, np, Some(g)),
            _ => None,
        })
        .filter(|c| !c.items.is_empty())
        .map(|mut c| {
            c.id = format!("{prefix}{}", c.id);
            c
        })
        .collect()
}

/// The medians an area is drawn beside, doubled (see [`ChartUnit::Doubled`]).
#[derive(Debug, Clone, Copy)]
pub struct Medians {
    /// The area's group's; `None` when the report has no grouping.
    pub group: Option<u64>,
    /// All areas' that reported.
    pub all: u64,
}

/// The charts of "how does this area compare": one measure of an area beside the medians of
/// its group and of all areas that reported the period (values doubled, see
/// [`ChartUnit::Doubled`]), in the page's language only (they have no data files).
///
/// What the charts of one page share (the labels, the title's words, the period) is made
/// once, when the page makes this; [`CompareCharts::figure`] then draws one measure.
pub struct CompareCharts<'a> {
    report: &'a Report,
    fmt: &'a Formatter<'a>,
    /// `chart-<area key>-<slug>-compare-`: a figure's id is this and the measure's column.
    id_prefix: String,
    title: &'a str,
    area_name: &'a str,
    /// The period as the title writes it (ASCII digits: the whole title is converted).
    period: String,
    /// ` (<status>)` after the title when the figures are not official, else empty.
    status: String,
    /// The bars' labels as written in the description (the area's name, its group's median
    /// if the report has groups, all areas' median), and as drawn.
    area_label: &'a str,
    group_label: Option<String>,
    all_label: &'a str,
    drawn: [String; 3],
    /// The width of the widest label: each chart has the same ones.
    label_w: [f64; 2],
    /// The description's patterns: how many bars, the largest and smallest.
    desc_bars: &'a str,
    desc_range: &'a str,
}

impl<'a> CompareCharts<'a> {
    /// The compare charts of area record `record` for `period`.
    pub fn new(
        site: &'a Site,
        theme: &'a Theme,
        fmt: &'a Formatter<'a>,
        record: usize,
        period: Period,
    ) -> Self {
        let lang = fmt.lang;
        let strings = theme.strings(lang);
        let word = |k: &'static str| strings.get(k).map_or(k, String::as_str);
        let p = &site.records[record];
        let area = site.area(p);
        let status = p.result_for(&period).map_or(p.data_status, |r| r.status);
        let plain = Formatter::new(lang, false, strings);
        let group_label = site.report.area.grouping.is_some().then(|| {
            word("compare_item_group").replace("{name}", site.group_of(area).name.get(lang))
        });
        let all_label = word("compare_item_all");
        let area_label = area.name.get(lang);
        let drawn = [
            fmt.digits(area_label),
            group_label
                .as_deref()
                .map(|l| fmt.digits(l))
                .unwrap_or_default(),
            fmt.digits(all_label),
        ];
        // Without the group's median, the chart has the area's bar and all areas' median.
        let label_w = [
            labels_width([&drawn[0], &drawn[2]].into_iter().map(String::as_str)),
            labels_width(drawn.iter().map(String::as_str)),
        ];
        CompareCharts {
            report: &site.report,
            fmt,
            id_prefix: format!("chart-{}-{}-compare-", site.report.area.key, area.slug),
            title: word("chart_compare_title"),
            area_name: area_label,
            period: plain.period(&period),
            status: if status == DataStatus::Official {
                String::new()
            } else {
                format!(
                    " ({})",
                    theme.t(lang, &format!("chart_status_{}", status.key()))
                )
            },
            area_label,
            group_label,
            all_label,
            drawn,
            label_w,
            desc_bars: word("chart_desc_bars"),
            desc_range: word("chart_desc_range"),
        }
    }

    /// The chart of measure `m` of the area, whose value is `value`, beside `medians`.
    pub fn figure(&self, m: MeasureId, value: u64, medians: Medians) -> Figure {
        let fmt = self.fmt;
        let lang = fmt.lang;
        let measure = self.report.measure(m);
        let unit = ChartUnit::Doubled(m);
        let mut id = String::with_capacity(self.id_prefix.len() + measure.column.len());
        id.push_str(&self.id_prefix);
        id.push_str(&measure.column);
        let mut title = String::with_capacity(self.title.len() + 96);
        fill_into(&mut title, self.title, |name, out| {
            match name {
                "{period}" => out.push_str(&self.period),
                "{name}" => out.push_str(self.area_name),
                "{measure}" => out.push_str(measure.short.get(lang)),
                _ => return false,
            }
            true
        });
        title.push_str(&self.status);
        let title = fmt.digits(&title);
        // The bars, in the order the description counts them from: the area, its group's
        // median, all areas' median.
        let group = self.group_label.as_deref().zip(medians.group);
        let mut bars: Vec<(&str, &str, u64)> = Vec::with_capacity(3);
        bars.push((self.area_label, &self.drawn[0], value.saturating_mul(2)));
        if let Some((label, median)) = group {
            bars.push((label, &self.drawn[1], median));
        }
        bars.push((self.all_label, &self.drawn[2], medians.all));
        let shown: Vec<String> = bars
            .iter()
            .map(|&(_, _, v)| unit.show(self.report, fmt, v))
            .collect();
        let mut desc = String::with_capacity(256);
        push_replaced(&mut desc, self.desc_bars, "{n}", |out| {
            fmt.push_number(out, bars.len() as u64)
        });
        // The largest bar (the first of equals) and the smallest (the first of equals).
        let mut hi = 0;
        let mut lo = 0;
        for (i, bar) in bars.iter().enumerate() {
            if bar.2 > bars[hi].2 {
                hi = i;
            }
            if bar.2 < bars[lo].2 {
                lo = i;
            }
        }
        desc.push(' ');
        fill_into(&mut desc, self.desc_range, |name, out| {
            match name {
                "{max_label}" => out.push_str(bars[hi].0),
                "{max}" => out.push_str(&shown[hi]),
                "{min_label}" => out.push_str(bars[lo].0),
                "{min}" => out.push_str(&shown[lo]),
                _ => return false,
            }
            true
        });
        let drawn: Vec<Bar> = bars
            .iter()
            .zip(&shown)
            .map(|(&(_, label, value), shown)| Bar {
                label,
                shown,
                value,
                reported: true,
            })
            .collect();
        let label_w = self.label_w[usize::from(group.is_some())];
        let svg = draw_bars(&drawn, label_w, &id, &title, &desc);
        Figure { id, svg }
    }
}

/// `part` as hundredths of a percent of `whole`, rounded half up.
pub fn share(part: u64, whole: u64) -> u64 {
    if whole == 0 {
        return 0;
    }
    ((u128::from(part) * 20_000 / u128::from(whole)).div_ceil(2)) as u64
}

/// The areas index's charts, for the period shown (the latest complete one).
pub fn index(site: &Site, theme: &Theme) -> Vec<Chart> {
    let w = Words::new(site, theme);
    let Some(np) = site.shown_period() else {
        return Vec::new();
    };
    site.report
        .charts
        .index
        .iter()
        .filter_map(|spec| match &spec.kind {
            ChartKind::Ranking(m) => ranking(&w, spec, *m, np, None),
            ChartKind::ByGroup(m) => by_group(&w, spec, *m, np),
            _ => None,
        })
        .collect()
}

/// An area page's charts; none when the area has no figures.
pub fn area(site: &Site, theme: &Theme, index: usize) -> Vec<Chart> {
    let w = Words::new(site, theme);
    let report = &site.report;
    let p = &site.records[index];
    let a = site.area(p);
    let Some(latest) = p.results.last() else {
        return Vec::new();
    };
    let name = &a.name;
    let status = latest.status;
    let prefix = format!("{}-{}-", report.area.key, a.slug);
    let mut charts = Vec::new();
    for spec in &report.charts.area {
        let mut chart = match &spec.kind {
            ChartKind::Share(list) => {
                let Some(np) = site
                    .national
                    .periods
                    .iter()
                    .find(|n| n.period == latest.period)
                else {
                    continue;
                };
                let items: Vec<Item> = list
                    .iter()
                    .filter_map(|&id| {
                        let m = report.measure(id);
                        let whole = np.values.get(id).filter(|v| *v > 0)?;
                        let part = latest.values.get(id)?;
                        Some(Item {
                            key: m.column.clone(),
                            label: m.short.clone(),
                            value: share(part, whole),
                            period: Some(latest.period),
                            reported: true,
                            coverage: None,
                        })
                    })
                    .collect();
                if items.is_empty() {
                    continue;
                }
                Chart {
                    id: spec.id.clone(),
                    title: w.title(
                        spec,
                        "chart_share_title",
                        &[("{name}", name)],
                        Some(&latest.period),
                        status,
                    ),
                    category: w.category(spec, "measure"),
                    unit: ChartUnit::Share,
                    period: Some(latest.period),
                    status,
                    source: w.area_source(),
                    items,
                    total: false,
                    finding: None,
                    missing: Vec::new(),
                    not_expected: Vec::new(),
                    arriving: false,
                    short: None,
                }
            }
            ChartKind::Trend(m) => {
                if p.results.len() < 2 {
                    continue;
                }
                // Over every period: the least reliable of their statuses.
                let status = p.status();
                let measure = report.measure(*m);
                Chart {
                    id: spec.id.clone(),
                    title: w.title(
                        spec,
                        "chart_trend_title",
                        &[("{name}", name), ("{measure}", &measure.short)],
                        None,
                        status,
                    ),
                    category: w.category(spec, "period"),
                    unit: ChartUnit::Measure(*m),
                    period: None,
                    status,
                    source: w.area_source(),
                    items: p
                        .results
                        .iter()
                        .filter_map(|r| {
                            Some(Item {
                                key: r.period.key(),
                                label: w.all(|l| {
                                    short_period(
                                        &Formatter::new(l, false, theme.strings(l)),
                                        &r.period,
                                    )
                                }),
                                value: r.values.get(*m)?,
                                period: Some(r.period),
                                reported: true,
                                coverage: None,
                            })
                        })
                        .collect(),
                    total: false,
                    finding: None,
                    missing: Vec::new(),
                    not_expected: Vec::new(),
                    arriving: false,
                    short: None,
                }
            }
            ChartKind::Ranking(_) | ChartKind::ByGroup(_) => continue,
            _ => {
                let Some(c) = values_chart(
                    &w,
                    spec,
                    &latest.values,
                    latest.period,
                    status,
                    w.area_source(),
                    Some(name),
                ) else {
                    continue;
                };
                c
            }
        };
        chart.id = format!("{prefix}{}", chart.id);
        charts.push(chart);
    }
    charts
}

/// `10/2559–05/2560` on Thai pages, `10/2016–05/2017` on others.
fn short_period(fmt: &Formatter, p: &Period) -> String {
    let year = |y: i32| if fmt.lang.is_thai() { y + 543 } else { y };
    fmt.digits(&format!(
        "{:02}/{}–{:02}/{}",
        p.start.month,
        year(p.start.year),
        p.end.month,
        year(p.end.year)
    ))
}

// ---- drawing ----

/// One row of a chart's table.
#[derive(Serialize)]
pub struct ChartRow {
    pub label: String,
    pub value: String,
    /// The number as in the downloads (ASCII, no grouping).
    pub raw: String,
}

/// A chart as one page shows it.
#[derive(Serialize)]
pub struct ChartView {
    /// Unique on the page; the SVG's title and desc are `<id>-title` and `<id>-desc`.
    pub id: String,
    pub title: String,
    pub desc: String,
    pub svg: String,
    pub unit: String,
    pub period: String,
    pub source: String,
    pub status: StatusView,
    pub provenance_href: String,
    pub category: String,
    pub value_header: String,
    pub rows: Vec<ChartRow>,
    pub csv_href: String,
    pub json_href: String,
    /// What the download links hold: this chart's data, or that of all the page's charts.
    pub download_label: String,
    /// Many rows: the table is folded away under a summary.
    pub long: bool,
    pub missing_note: String,
    /// The period key of a chart of a period still arriving; empty for the period shown.
    pub arriving: String,
    /// A short name (empty if the chart has none).
    pub short: String,
}

/// A coordinate with at most one decimal, without a trailing `.0`.
#[cfg(test)]
fn n(v: f64) -> String {
    let mut s = String::new();
    push_n(&mut s, v);
    s
}

/// Append a coordinate with at most one decimal, without a trailing `.0` (what
/// `format!("{:.1}")` writes after rounding to tenths, without its allocation: a large site
/// writes millions of them).
fn push_n(s: &mut String, v: f64) {
    let tenths = (v * 10.0).round();
    if !tenths.is_finite() || tenths.abs() >= 1e17 {
        let r = tenths / 10.0;
        let _ = if r.fract() == 0.0 {
            write!(s, "{}", r as i64)
        } else {
            write!(s, "{r:.1}")
        };
        return;
    }
    let tenths = tenths as i64;
    if tenths < 0 && tenths / 10 == 0 && tenths % 10 != 0 {
        s.push('-');
    }
    push_int(s, tenths / 10);
    let frac = (tenths % 10).unsigned_abs() as u8;
    if frac != 0 {
        s.push('.');
        s.push(char::from(b'0' + frac));
    }
}

/// Append an integer in ASCII digits.
fn push_int(s: &mut String, v: i64) {
    if v < 0 {
        s.push('-');
    }
    let mut buf = [0u8; 20];
    for &d in super::format::ascii_digits(v.unsigned_abs(), &mut buf) {
        s.push(char::from(d));
    }
}

fn description(report: &Report, chart: &Chart, fmt: &Formatter, theme: &Theme) -> String {
    let lang = fmt.lang;
    let t = |k: &str| theme.t(lang, k);
    let mut parts =
        vec![t("chart_desc_bars").replace("{n}", &fmt.number(chart.items.len() as u64))];
    let max = chart
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| i.reported)
        .max_by(|a, b| a.1.value.cmp(&b.1.value).then(b.0.cmp(&a.0)));
    let min = chart
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| i.reported)
        .min_by(|a, b| a.1.value.cmp(&b.1.value).then(a.0.cmp(&b.0)));
    if let (Some((_, hi)), Some((_, lo))) = (max, min)
        && chart.items.len() > 1
    {
        let pattern = theme.strings(lang).get("chart_desc_range");
        parts.push(fill_in(
            pattern.map_or("chart_desc_range", String::as_str),
            |k| match k {
                "{max_label}" => Some(hi.label.get(lang).to_string()),
                "{max}" => Some(chart.unit.show(report, fmt, hi.value)),
                "{min_label}" => Some(lo.label.get(lang).to_string()),
                "{min}" => Some(chart.unit.show(report, fmt, lo.value)),
                _ => None,
            },
        ));
    }
    if chart.total {
        let sum: u64 = chart
            .items
            .iter()
            .fold(0u64, |a, i| a.saturating_add(i.value));
        parts.push(t("chart_desc_total").replace("{total}", &chart.unit.show(report, fmt, sum)));
    }
    if let Some(f) = &chart.finding {
        parts.push(fmt.digits(f.get(lang)));
    }
    let not_reported: Vec<&str> = chart
        .items
        .iter()
        .filter(|i| !i.reported)
        .map(|i| i.label.get(lang))
        .chain(chart.missing.iter().map(|m| m.get(lang)))
        .collect();
    if !not_reported.is_empty() {
        parts.push(t("chart_desc_not_reported").replace("{names}", &not_reported.join(", ")));
    }
    if !chart.not_expected.is_empty() {
        let names: Vec<&str> = chart.not_expected.iter().map(|m| m.get(lang)).collect();
        parts.push(t("chart_desc_not_expected").replace("{names}", &names.join(", ")));
    }
    parts.join(" ")
}

/// An item's value as the page writes it: the number, or "not yet reported".
fn shown_value(report: &Report, chart: &Chart, fmt: &Formatter, theme: &Theme, i: &Item) -> String {
    if i.reported {
        chart.unit.show(report, fmt, i.value)
    } else {
        theme.t(fmt.lang, "value_not_reported")
    }
}

/// Draw the bars: labels in a column measured with the font, bars from a zero line, each
/// value written just after its bar.
fn svg(
    report: &Report,
    theme: &Theme,
    chart: &Chart,
    fmt: &Formatter,
    html_id: &str,
    title: &str,
    desc: &str,
) -> String {
    let lang = fmt.lang;
    let labels: Vec<String> = chart
        .items
        .iter()
        .map(|i| fmt.digits(i.label.get(lang)))
        .collect();
    let values: Vec<String> = chart
        .items
        .iter()
        .map(|i| shown_value(report, chart, fmt, theme, i))
        .collect();
    let bars: Vec<Bar> = chart
        .items
        .iter()
        .zip(labels.iter().zip(&values))
        .map(|(i, (label, shown))| Bar {
            label,
            shown,
            value: i.value,
            reported: i.reported,
        })
        .collect();
    let label_w = labels_width(bars.iter().map(|b| b.label));
    draw_bars(&bars, label_w, html_id, title, desc)
}

/// One bar as a page draws it.
struct Bar<'a> {
    /// Its label, in the page's digits.
    label: &'a str,
    /// Its value as the page writes it.
    shown: &'a str,
    value: u64,
    /// Whether it has a value (a bar and a number) at all.
    reported: bool,
}

/// The width of the widest of `labels`, rounded up: the column the bars start after.
fn labels_width<'a>(labels: impl Iterator<Item = &'a str>) -> f64 {
    labels
        .map(|l| text_width(l, FONT_SIZE))
        .fold(0.0, f64::max)
        .ceil()
}

/// [`svg`] of `bars` whose labels are `label_w` wide.
fn draw_bars(bars: &[Bar], label_w: f64, html_id: &str, title: &str, desc: &str) -> String {
    let value_w = labels_width(bars.iter().map(|b| b.shown));
    let x0 = label_w + GAP + 2.0;
    // Keep at least 100 units of bar; a wider chart scales down a little instead.
    let width = WIDTH.max(x0 + 100.0 + GAP + value_w + 2.0).ceil();
    let bar_max = width - x0 - GAP - value_w - 2.0;
    let max = bars
        .iter()
        .filter(|b| b.reported)
        .map(|b| b.value)
        .max()
        .unwrap_or(0);
    let height = (PITCH * bars.len() as f64 + 4.0).ceil();
    let baseline = |row: usize| (PITCH * row as f64 + 2.0 + (BAR + FONT_SIZE * 0.7) / 2.0).round();

    let mut s = String::with_capacity(600 + title.len() + desc.len() + bars.len() * 160);
    s.push_str(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 "#);
    push_n(&mut s, width);
    s.push(' ');
    push_n(&mut s, height);
    s.push_str(r#"" role="img" aria-labelledby=""#);
    s.push_str(html_id);
    s.push_str(r#"-title" aria-describedby=""#);
    s.push_str(html_id);
    s.push_str(r#"-desc" class="chart" font-family=""#);
    s.push_str(FONT_FAMILY);
    s.push_str(r#"" font-size=""#);
    push_n(&mut s, FONT_SIZE);
    s.push_str(r#""><title id=""#);
    s.push_str(html_id);
    s.push_str(r#"-title">"#);
    escape_into(&mut s, title);
    s.push_str(r#"</title><desc id=""#);
    s.push_str(html_id);
    s.push_str(r#"-desc">"#);
    escape_into(&mut s, desc);
    s.push_str("</desc>");
    let width_of = |b: &Bar| {
        if max == 0 || !b.reported {
            0.0
        } else {
            (b.value as f64 / max as f64 * bar_max * 10.0).round() / 10.0
        }
    };
    // Bars first, then one text per row: its label, and its value in a `tspan` after the bar.
    s.push_str(r#"<g class="bars" fill=""#);
    s.push_str(BAR_COLOUR);
    s.push_str(r#"" transform="translate("#);
    push_n(&mut s, x0);
    s.push_str(r#" 0)">"#);
    for (row, b) in bars.iter().enumerate() {
        if !b.reported {
            continue;
        }
        s.push_str(r#"<rect y=""#);
        push_n(&mut s, PITCH * row as f64 + 2.0);
        s.push_str(r#"" width=""#);
        push_n(&mut s, width_of(b));
        s.push_str(r#"" height=""#);
        push_n(&mut s, BAR);
        s.push_str(r#""/>"#);
    }
    s.push_str(r#"</g><g class="labels" fill=""#);
    s.push_str(INK);
    s.push_str(r#"">"#);
    for (row, b) in bars.iter().enumerate() {
        s.push_str(r#"<text y=""#);
        push_n(&mut s, baseline(row));
        s.push_str(r#"">"#);
        escape_into(&mut s, b.label);
        s.push_str(r#"<tspan x=""#);
        push_n(&mut s, x0 + width_of(b) + GAP);
        s.push_str(r#"">"#);
        escape_into(&mut s, b.shown);
        s.push_str("</tspan></text>");
    }
    s.push_str(r#"</g><path class="axis" d="M"#);
    push_n(&mut s, x0 - 0.5);
    s.push_str(" 0V");
    push_n(&mut s, height);
    s.push_str(r#"" stroke=""#);
    s.push_str(AXIS);
    s.push_str(r#""/></svg>"#);
    s
}

/// A chart as a picture alone: its SVG (with its title and description) and the id the page
/// gives it. For a chart whose numbers the page already shows beside it in words and in a
/// table (an area's comparisons), so it needs no table, notes or downloads of its own.
#[derive(Serialize)]
pub struct Figure {
    pub id: String,
    pub svg: String,
}

/// A chart drawn: the id the page gives it, its title and description, and the SVG that
/// holds them.
struct Drawn {
    id: String,
    title: String,
    desc: String,
    svg: String,
}

fn draw(site: &Site, theme: &Theme, fmt: &Formatter, chart: &Chart) -> Drawn {
    let id = format!("chart-{}", chart.id);
    let title = fmt.digits(chart.title.get(fmt.lang));
    let desc = description(&site.report, chart, fmt, theme);
    let svg = svg(&site.report, theme, chart, fmt, &id, &title, &desc);
    Drawn {
        id,
        title,
        desc,
        svg,
    }
}

/// Draw a chart for a page in `fmt.lang`.
///
/// `shared`: the data files that hold all of the page's charts, if one pair does (see
/// [`data_files`]); the download links then go there.
pub fn view(
    site: &Site,
    theme: &Theme,
    fmt: &Formatter,
    chart: &Chart,
    shared: Option<&str>,
) -> ChartView {
    let lang = fmt.lang;
    let strings = theme.strings(lang);
    let t = |k: &str| theme.t(lang, k);
    let report = &site.report;
    let Drawn {
        id,
        title,
        desc,
        svg,
    } = draw(site, theme, fmt, chart);
    let unit = chart.unit.words(report, fmt, theme);
    let data = format!(
        "{}{}",
        site.config.base_path(),
        shared.map_or_else(|| own_stem(chart), str::to_string)
    );
    ChartView {
        svg,
        unit: unit.clone(),
        period: chart
            .period
            .map(|p| fmt.period(&p))
            .unwrap_or_else(|| t("chart_all_periods")),
        source: fmt.digits(chart.source.get(lang)),
        status: status_view(strings, chart.status),
        provenance_href: format!("{}#provenance", href(site, lang, "")),
        category: chart.category.get(lang).to_string(),
        value_header: unit,
        rows: chart
            .items
            .iter()
            .map(|i| ChartRow {
                label: fmt.digits(i.label.get(lang)),
                value: shown_value(report, chart, fmt, theme, i),
                raw: if i.reported {
                    chart.unit.plain(report, i.value)
                } else {
                    String::new()
                },
            })
            .collect(),
        csv_href: format!("{data}.csv"),
        json_href: format!("{data}.json"),
        download_label: t(if shared.is_some() {
            "chart_download_page"
        } else {
            "chart_download"
        }),
        long: chart.items.len() > 12,
        missing_note: {
            let mut notes = Vec::new();
            if !chart.missing.is_empty() {
                let names: Vec<&str> = chart.missing.iter().map(|m| m.get(lang)).collect();
                notes.push(t("chart_desc_not_reported").replace("{names}", &names.join(", ")));
            }
            if !chart.not_expected.is_empty() {
                let names: Vec<&str> = chart.not_expected.iter().map(|m| m.get(lang)).collect();
                notes.push(t("chart_desc_not_expected").replace("{names}", &names.join(", ")));
            }
            if let Some(f) = chart.finding.as_ref().filter(|_| {
                chart
                    .items
                    .iter()
                    .any(|i| i.coverage.is_some_and(|c| !c.all_in()))
            }) {
                notes.push(fmt.digits(f.get(lang)));
            }
            notes.join(" ")
        },
        arriving: if chart.arriving {
            chart.period.map(|p| p.key()).unwrap_or_default()
        } else {
            String::new()
        },
        short: chart
            .short
            .as_ref()
            .map(|t| t.get(lang).to_string())
            .unwrap_or_default(),
        id,
        title,
        desc,
    }
}

// ---- downloads ----

#[derive(Serialize)]
struct JsonPeriod {
    #[serde(serialize_with = "as_text")]
    start: YearMonth,
    #[serde(serialize_with = "as_text")]
    end: YearMonth,
}

/// A month as JSON text, written straight into the file.
fn as_text<S: serde::Serializer>(month: &YearMonth, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(month)
}

#[derive(Serialize)]
struct JsonItem<'a> {
    key: &'a str,
    label: &'a Text,
    /// `null` for a group none of whose areas has reported.
    value: serde_json::Value,
    period: Option<JsonPeriod>,
    /// Whether there is a figure (of whatever status: `data_status` says which).
    has_figures: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    areas_with_figures: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    areas_expected: Option<usize>,
}

#[derive(Serialize)]
struct JsonChart<'a> {
    id: &'a str,
    title: &'a Text,
    unit: String,
    data_status: &'static str,
    source: &'a Text,
    items: Vec<JsonItem<'a>>,
    /// Areas expected to report that have not yet.
    missing: &'a [Text],
    /// Areas with no figures of their own.
    not_expected: &'a [Text],
}

/// A value as a JSON number: an integer, or a decimal written exactly as in the CSV.
fn json_value(report: &Report, unit: ChartUnit, v: u64) -> serde_json::Value {
    let plain = unit.plain(report, v);
    if !plain.contains('.') {
        return serde_json::Value::from(v);
    }
    plain
        .parse::<serde_json::Number>()
        .map_or(serde_json::Value::Null, serde_json::Value::Number)
}

/// The chart data files' columns: the chart's id, the bar's key, its label in each language,
/// the value, the unit, the period, the data status and how many areas have reported.
fn csv_header(langs: &[Lang]) -> Vec<String> {
    let mut header: Vec<String> = vec!["chart".into(), "key".into()];
    header.extend(langs.iter().map(|l| format!("label_{l}")));
    header.extend(
        [
            "value",
            "unit",
            "period_start",
            "period_end",
            "data_status",
            "has_figures",
            "areas_with_figures",
            "areas_expected",
        ]
        .map(String::from),
    );
    header
}

/// Write one row per bar of `chart`, field by field (a large site writes millions).
fn csv_rows<W: std::io::Write>(
    csv: &mut csv::Writer<W>,
    site: &Site,
    chart: &Chart,
) -> Result<(), String> {
    let report = &site.report;
    let unit_key = chart.unit.key(report);
    let mut cell = String::new();
    for i in &chart.items {
        let mut field = |text: &str| {
            csv.write_field(super::format::csv_cell(text).as_bytes())
                .map_err(|e| e.to_string())
        };
        field(&chart.id)?;
        field(&i.key)?;
        for &l in &site.config.languages {
            field(i.label.get(l))?;
        }
        cell.clear();
        if i.reported {
            chart.unit.push_plain(report, &mut cell, i.value);
        }
        field(&cell)?;
        field(&unit_key)?;
        match i.period {
            Some(p) => {
                cell.clear();
                let _ = write!(cell, "{}", p.start);
                field(&cell)?;
                cell.clear();
                let _ = write!(cell, "{}", p.end);
                field(&cell)?;
            }
            None => {
                field("")?;
                field("")?;
            }
        }
        field(chart.status.key())?;
        field(if i.reported { "true" } else { "false" })?;
        for count in [
            i.coverage.as_ref().map(|c| c.reported),
            i.coverage.as_ref().map(|c| c.expected),
        ] {
            cell.clear();
            if let Some(n) = count {
                let _ = write!(cell, "{n}");
            }
            field(&cell)?;
        }
        csv.write_record(None::<&[u8]>).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn json_chart<'a>(site: &Site, chart: &'a Chart) -> JsonChart<'a> {
    let report = &site.report;
    JsonChart {
        id: &chart.id,
        title: &chart.title,
        unit: chart.unit.key(report),
        data_status: chart.status.key(),
        source: &chart.source,
        items: chart
            .items
            .iter()
            .map(|i| JsonItem {
                key: &i.key,
                label: &i.label,
                value: if i.reported {
                    json_value(report, chart.unit, i.value)
                } else {
                    serde_json::Value::Null
                },
                period: i.period.map(|p| JsonPeriod {
                    start: p.start,
                    end: p.end,
                }),
                has_figures: i.reported,
                areas_with_figures: i.coverage.map(|c| c.reported),
                areas_expected: i.coverage.map(|c| c.expected),
            })
            .collect(),
        missing: &chart.missing,
        not_expected: &chart.not_expected,
    }
}

/// The data files of `charts` at `stem` (a path below the site root, without extension):
/// `(path, bytes)` for the CSV (with a byte-order mark, for Excel; one row per bar, the
/// `chart` column naming the chart) and the JSON (the chart itself, or `{"charts": [...]}`
/// when the files hold several). Numbers in ASCII digits without grouping, the same in every
/// language, so the default language's page writes them.
fn files_at(
    site: &Site,
    stem: &str,
    charts: &[Chart],
    shared: bool,
) -> Result<[(String, Vec<u8>); 2], String> {
    // Written into buffers the size of this thread's last files, so that they are not
    // copied again each time they would have had to grow.
    thread_local! {
        static LAST: std::cell::Cell<(usize, usize)> = const { std::cell::Cell::new((4096, 8192)) };
    }
    let (last_csv, last_json) = LAST.get();
    let mut bytes = Vec::with_capacity(last_csv + last_csv / 4);
    bytes.extend_from_slice(b"\xEF\xBB\xBF");
    let mut csv = csv::Writer::from_writer(bytes);
    csv.write_record(
        csv_header(&site.config.languages)
            .iter()
            .map(|c| super::format::csv_cell(c).into_owned()),
    )
    .map_err(|e| e.to_string())?;
    for chart in charts {
        csv_rows(&mut csv, site, chart)?;
    }
    let csv = csv.into_inner().map_err(|e| e.to_string())?;
    let mut json = Vec::with_capacity(last_json + last_json / 4);
    if shared {
        #[derive(Serialize)]
        struct Shared<'a> {
            charts: Vec<JsonChart<'a>>,
        }
        let all = Shared {
            charts: charts.iter().map(|c| json_chart(site, c)).collect(),
        };
        serde_json::to_writer_pretty(&mut json, &all)
    } else {
        let [one] = charts else {
            return Err("a chart's own files hold one chart".into());
        };
        serde_json::to_writer_pretty(&mut json, &json_chart(site, one))
    }
    .map_err(|e| e.to_string())?;
    json.push(b'\n');
    LAST.set((csv.len(), json.len()));
    Ok([(format!("{stem}.csv"), csv), (format!("{stem}.json"), json)])
}

/// The data files of a page's charts: one pair at `shared` for all of them when the page kind
/// has one (area pages), else a pair per chart at `data/charts/<id>`.
pub fn data_files(
    site: &Site,
    charts: &[Chart],
    shared: Option<&str>,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    match shared {
        Some(_) if charts.is_empty() => Ok(Vec::new()),
        Some(stem) => Ok(files_at(site, stem, charts, true)?.into()),
        None => {
            let mut files = Vec::with_capacity(charts.len() * 2);
            for c in charts {
                let stem = own_stem(c);
                files.extend(
                    files_at(site, &stem, std::slice::from_ref(c), false)
                        .map_err(|e| format!("chart {}: {e}", c.id))?,
                );
            }
            Ok(files)
        }
    }
}

/// Where a chart with files of its own has them (no extension).
fn own_stem(chart: &Chart) -> String {
    format!("data/charts/{}", chart.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_round_half_up() {
        assert_eq!(share(23, 1886), 122);
        assert_eq!(share(1, 8), 1250);
        assert_eq!(share(1, 3), 3333);
        assert_eq!(share(2, 3), 6667);
        assert_eq!(share(5, 0), 0);
        assert_eq!(plain_decimal(122, 2), "1.22");
        assert_eq!(plain_decimal(10000, 2), "100.00");
    }

    #[test]
    fn sarabun_is_measured_at_its_em() {
        let font = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/themes/default/fonts/Sarabun-Regular.ttf"
        ))
        .unwrap();
        assert_eq!(height_per_em(&font), Some(1.3));
        assert_eq!(height_per_em(b"not a font"), None);
    }

    #[test]
    fn placeholders_are_filled_in_one_pass() {
        let v = |n: &str| match n {
            "{name}" => Some("ลำพูน".to_string()),
            "{period}" => Some("2566".to_string()),
            _ => None,
        };
        assert_eq!(fill_in("{name}: {x} {period}", v), "ลำพูน: {x} 2566");
        assert_eq!(fill_in("no braces", v), "no braces");
        assert_eq!(fill_in("open { only", v), "open { only");
        assert_eq!(fill_in("ก{name}ข{", v), "กลำพูนข{");
        assert_eq!(fill_in("{{name}}", v), "{{name}}");
        assert_eq!(fill_in("}{period}{", v), "}2566{");
    }

    #[test]
    fn coordinates_are_short() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.04), "12");
        assert_eq!(n(12.25), "12.3");
    }

    /// The coordinates written without `format!` are the ones `format!` wrote.
    #[test]
    fn coordinates_are_written_as_format_wrote_them() {
        fn formatted(v: f64) -> String {
            let r = (v * 10.0).round() / 10.0;
            if r.fract() == 0.0 {
                format!("{}", r as i64)
            } else {
                format!("{r:.1}")
            }
        }
        let mut values = vec![
            0.0,
            -0.0,
            0.04,
            0.05,
            -0.04,
            -0.05,
            -0.5,
            -1.25,
            359.5,
            1e9 + 0.3,
        ];
        values.extend((-3000..3000).map(|i| f64::from(i) * 0.037));
        values.extend((0..2000).map(|i| f64::from(i) * 12.345 + 0.25));
        for v in values {
            assert_eq!(n(v), formatted(v), "{v}");
        }
    }

    #[test]
    fn escaping_copies_plain_runs() {
        use crate::render::markdown::escape;
        assert_eq!(
            escape("ไทย & <b>'x'\"y\"</b>"),
            "ไทย &amp; &lt;b&gt;&#39;x&#39;&quot;y&quot;&lt;/b&gt;"
        );
        assert_eq!(escape(""), "");
        assert_eq!(escape("&"), "&amp;");
    }
}
