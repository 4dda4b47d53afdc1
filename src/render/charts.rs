//! Bar charts of results, drawn at build time as small inline SVG, with their data files.
//!
//! Citizens open these pages for the charts, often on a phone, so every chart is a set of
//! horizontal bars (long Thai labels fit; nothing is smaller than 12 CSS px at 390 px wide),
//! labelled with its values, with a `<title>` and `<desc>` that say what it shows and what it
//! finds, a table of exactly the same numbers and CSV/JSON downloads of its data.
//!
//! Text is measured with the theme's Sarabun TTF through plotters' `ab_glyph` font support,
//! so a Thai label gets the width the browser will give it. The SVG itself is written here
//! rather than by plotters' SVG backend: that backend repeats the font and opacity on every
//! element and writes fixed sizes and no ids, and a ranking of 77 provinces would then weigh
//! about three times the 10 KB a chart may add to a page.
//!
//! A chart is first built in both languages at once ([`Chart`]: labels as [`Text`], numbers as
//! integers), so the downloads are the same whichever page writes them; then it is drawn for
//! one page's language ([`ChartView`]).

use std::fmt::Write as _;
use std::sync::OnceLock;

use plotters::style::{FontDesc, FontFamily, FontStyle};
use serde::Serialize;

use super::format::Formatter;
use super::markdown::escape;
use super::theme::Theme;
use super::views::{StatusView, href, status_view};
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

/// `Some(height / em)` once the font is registered: ab_glyph scales a font by its height
/// (ascender − descender), a browser by its em, so a CSS size is multiplied by this.
static FONT_SCALE: OnceLock<Option<f64>> = OnceLock::new();

/// Register the theme's chart font with plotters (once per process). Returns whether text
/// can be measured with it; if not, a rough estimate is used.
pub fn init_font(theme: &Theme) -> bool {
    FONT_SCALE
        .get_or_init(|| {
            let bytes = theme.file(FONT_FILE)?;
            let scale = height_per_em(bytes)?;
            // plotters keeps fonts for the life of the process and asks for `'static` bytes.
            let bytes: &'static [u8] = Box::leak(bytes.to_vec().into_boxed_slice());
            plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, bytes).ok()?;
            Some(scale)
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

/// Width of `text` at CSS font size `size`, in the same units.
pub fn text_width(text: &str, size: f64) -> f64 {
    if let Some(Some(scale)) = FONT_SCALE.get() {
        let font = FontDesc::new(
            FontFamily::Name(FONT_FAMILY),
            size * scale,
            FontStyle::Normal,
        );
        if let Ok(((x0, _), (x1, _))) = font.layout_box(text) {
            return f64::from(x1 - x0);
        }
    }
    // No font: count spacing characters (Thai vowel and tone marks take no width).
    let spacing = text
        .chars()
        .filter(|c| !matches!(*c as u32, 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E))
        .count();
    spacing as f64 * size * 0.6
}

/// What the numbers of a chart count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Groups,
    Baht,
    People,
    /// Hundredths of a percent (`122` is 1.22 %).
    Percent,
}

impl Unit {
    pub fn key(self) -> &'static str {
        match self {
            Unit::Groups => "groups",
            Unit::Baht => "baht",
            Unit::People => "people",
            Unit::Percent => "percent",
        }
    }

    fn of(measure: Measure) -> Unit {
        match measure {
            Measure::IncomeIncreaseBaht => Unit::Baht,
            Measure::Beneficiaries => Unit::People,
            _ => Unit::Groups,
        }
    }

    /// The value with ASCII digits and no grouping, as the downloads have it.
    fn plain(self, v: u64) -> String {
        match self {
            Unit::Percent => format!("{}.{:02}", v / 100, v % 100),
            _ => v.to_string(),
        }
    }

    /// The value as a page shows it.
    fn show(self, fmt: &Formatter, v: u64) -> String {
        match self {
            Unit::Percent => fmt.digits(&format!("{}%", self.plain(v))),
            _ => fmt.number(v),
        }
    }
}

/// One bar.
#[derive(Debug, Clone)]
pub struct Item {
    pub key: String,
    pub label: Text,
    pub value: u64,
    pub period: Option<Period>,
}

/// A chart's data and words in both languages (digits ASCII; a Thai page may swap them).
#[derive(Debug, Clone)]
pub struct Chart {
    /// Also the name of its data files: `/data/charts/<id>.csv`.
    pub id: String,
    pub title: Text,
    /// Heading of the table's label column.
    pub category: Text,
    pub unit: Unit,
    pub period: Option<Period>,
    pub status: DataStatus,
    pub source: Text,
    pub items: Vec<Item>,
    /// Whether a total of the bars means something (not for shares or rankings' parts).
    pub total: bool,
    /// A sentence on the chart's main finding beyond largest/smallest, if any.
    pub finding: Option<Text>,
    /// Areas left out because they have no figures.
    pub missing: Vec<Text>,
    /// A short name, for choosing among charts (the measure a ranking is by).
    pub short: Option<Text>,
}

fn both(f: impl Fn(Lang) -> String) -> Text {
    Text {
        th: f(Lang::Th),
        en: f(Lang::En),
    }
}

struct Words<'a> {
    theme: &'a Theme,
}

impl Words<'_> {
    fn t(&self, lang: Lang, key: &str) -> String {
        self.theme.t(lang, key)
    }

    fn text(&self, key: &str) -> Text {
        both(|l| self.t(l, key))
    }

    /// A chart title from a UI string with `{period}` and `{name}`, plus the data status
    /// in words when the figures are not official (inside the title itself).
    fn title(
        &self,
        key: &str,
        name: Option<&Text>,
        period: Option<&Period>,
        status: DataStatus,
    ) -> Text {
        both(|l| {
            let plain = Formatter::new(l, false, self.theme.strings(l));
            let mut s = self
                .t(l, key)
                .replace("{name}", name.map(|n| n.get(l)).unwrap_or_default())
                .replace(
                    "{period}",
                    &period.map(|p| plain.period(p)).unwrap_or_default(),
                );
            if status != DataStatus::Official {
                let _ = write!(
                    s,
                    " ({})",
                    self.t(l, &format!("chart_status_{}", status.key()))
                );
            }
            s
        })
    }

    fn measure(&self, m: Measure) -> Text {
        both(|l| self.t(l, &format!("chart_measure_{}", m.key())))
    }
}

fn province_source(w: &Words) -> Text {
    w.text("chart_source_provinces")
}

fn work_group_items(w: &Words, f: &Figures, period: Period) -> Vec<Item> {
    measure_items(
        w,
        f,
        period,
        &[
            Measure::Agriculture,
            Measure::Processing,
            Measure::CommunityTourism,
        ],
    )
}

/// One bar per measure, labelled with the measure's name.
fn measure_items(w: &Words, f: &Figures, period: Period, measures: &[Measure]) -> Vec<Item> {
    measures
        .iter()
        .map(|&m| Item {
            key: m.key().into(),
            label: w.measure(m),
            value: f.get(m),
            period: Some(period),
        })
        .collect()
}

/// The home page's charts: national results of the latest period, and income by region.
pub fn home(site: &Site, theme: &Theme) -> Vec<Chart> {
    let w = Words { theme };
    let Some(np) = site.latest_period() else {
        return Vec::new();
    };
    let period = np.period;
    let national_source = np.source.title.clone();
    let f = &np.figures;
    let mut charts = vec![Chart {
        id: "home-work-groups".into(),
        title: w.title(
            "chart_work_groups_title",
            None,
            Some(&period),
            np.data_status,
        ),
        category: w.text("chart_col_work_group"),
        unit: Unit::Groups,
        period: Some(period),
        status: np.data_status,
        source: national_source.clone(),
        items: work_group_items(&w, f, period),
        total: true,
        finding: None,
        missing: Vec::new(),
        short: None,
    }];
    let (all, higher) = (f.target_groups(), f.groups_with_higher_income);
    charts.push(Chart {
        id: "home-higher-income".into(),
        title: w.title(
            "chart_higher_income_title",
            None,
            Some(&period),
            np.data_status,
        ),
        category: w.text("measure"),
        unit: Unit::Groups,
        period: Some(period),
        status: np.data_status,
        source: national_source,
        items: measure_items(
            &w,
            f,
            period,
            &[Measure::TargetGroups, Measure::GroupsWithHigherIncome],
        ),
        total: false,
        finding: (all > 0).then(|| {
            both(|l| {
                let plain = Formatter::new(l, false, theme.strings(l));
                w.t(l, "chart_higher_income_finding")
                    .replace("{part}", &plain.number(higher))
                    .replace("{whole}", &plain.number(all))
                    .replace("{percent}", &Unit::Percent.plain(share(higher, all)))
            })
        }),
        missing: Vec::new(),
        short: None,
    });
    let status = site.province_data_status();
    let mut by_region = vec![0u64; site.regions.len()];
    let mut reported = false;
    for p in &site.provinces {
        if let Some(r) = p.result_for(&period) {
            by_region[site.area(p).region] += r.figures.income_increase_baht;
            reported = true;
        }
    }
    if reported {
        charts.push(Chart {
            id: "home-income-by-region".into(),
            title: w.title("chart_income_region_title", None, Some(&period), status),
            category: w.text("region"),
            unit: Unit::Baht,
            period: Some(period),
            status,
            source: province_source(&w),
            items: site
                .regions
                .iter()
                .zip(by_region)
                .map(|(r, v)| Item {
                    key: r.key.clone(),
                    label: r.name.clone(),
                    value: v,
                    period: Some(period),
                })
                .collect(),
            total: true,
            finding: None,
            missing: Vec::new(),
            short: None,
        });
    }
    charts
}

/// `part` as hundredths of a percent of `whole`, rounded half up.
fn share(part: u64, whole: u64) -> u64 {
    if whole == 0 {
        return 0;
    }
    ((u128::from(part) * 20_000 / u128::from(whole)).div_ceil(2)) as u64
}

/// The province index's charts: every area with figures, ranked, one chart per measure.
pub fn index(site: &Site, theme: &Theme) -> Vec<Chart> {
    let w = Words { theme };
    let Some(period) = site.latest_period().map(|p| p.period) else {
        return Vec::new();
    };
    let status = site.province_data_status();
    [
        (Measure::TargetGroups, "provinces-target-groups"),
        (Measure::IncomeIncreaseBaht, "provinces-income"),
    ]
    .into_iter()
    .map(|(m, id)| {
        let mut items = Vec::new();
        let mut missing = Vec::new();
        for p in &site.provinces {
            let area = site.area(p);
            match p.result_for(&period) {
                Some(r) => items.push(Item {
                    key: area.code.to_string(),
                    label: area.name.clone(),
                    value: r.figures.get(m),
                    period: Some(period),
                }),
                None => missing.push(area.name.clone()),
            }
        }
        // Largest first; ties keep the areas list's order (the sort is stable).
        items.sort_by_key(|i| std::cmp::Reverse(i.value));
        Chart {
            id: id.into(),
            title: w.title(
                &format!("chart_rank_{}_title", m.key()),
                None,
                Some(&period),
                status,
            ),
            category: w.text("col_province"),
            unit: Unit::of(m),
            period: Some(period),
            status,
            source: province_source(&w),
            items,
            total: true,
            finding: None,
            missing,
            short: Some(w.measure(m)),
        }
    })
    .collect()
}

/// A province page's charts; none when the area has no figures.
pub fn province(site: &Site, theme: &Theme, index: usize) -> Vec<Chart> {
    let w = Words { theme };
    let p = &site.provinces[index];
    let area = site.area(p);
    let Some(latest) = p.results.last() else {
        return Vec::new();
    };
    let name = &area.name;
    let status = p.data_status;
    let mut charts = vec![Chart {
        id: format!("province-{}-work-groups", area.slug),
        title: w.title(
            "chart_province_work_groups_title",
            Some(name),
            Some(&latest.period),
            status,
        ),
        category: w.text("chart_col_work_group"),
        unit: Unit::Groups,
        period: Some(latest.period),
        status,
        source: province_source(&w),
        items: work_group_items(&w, &latest.figures, latest.period),
        total: true,
        finding: None,
        missing: Vec::new(),
        short: None,
    }];
    if let Some(np) = site
        .national
        .periods
        .iter()
        .find(|n| n.period == latest.period)
    {
        let items: Vec<Item> = [
            Measure::TargetGroups,
            Measure::Agriculture,
            Measure::Processing,
            Measure::CommunityTourism,
            Measure::GroupsWithHigherIncome,
            Measure::IncomeIncreaseBaht,
            Measure::Beneficiaries,
        ]
        .into_iter()
        .filter(|m| np.figures.get(*m) > 0)
        .map(|m| Item {
            key: m.key().into(),
            label: w.measure(m),
            value: share(latest.figures.get(m), np.figures.get(m)),
            period: Some(latest.period),
        })
        .collect();
        if !items.is_empty() {
            charts.push(Chart {
                id: format!("province-{}-share", area.slug),
                title: w.title(
                    "chart_share_title",
                    Some(name),
                    Some(&latest.period),
                    status,
                ),
                category: w.text("measure"),
                unit: Unit::Percent,
                period: Some(latest.period),
                status,
                source: province_source(&w),
                items,
                total: false,
                finding: None,
                missing: Vec::new(),
                short: None,
            });
        }
    }
    if p.results.len() > 1 {
        charts.push(Chart {
            id: format!("province-{}-trend", area.slug),
            title: w.title("chart_trend_title", Some(name), None, status),
            category: w.text("period"),
            unit: Unit::Groups,
            period: None,
            status,
            source: province_source(&w),
            items: p
                .results
                .iter()
                .map(|r| Item {
                    key: r.period.key(),
                    label: both(|l| {
                        short_period(&Formatter::new(l, false, w.theme.strings(l)), &r.period)
                    }),
                    value: r.figures.target_groups(),
                    period: Some(r.period),
                })
                .collect(),
            total: false,
            finding: None,
            missing: Vec::new(),
            short: None,
        });
    }
    charts
}

/// `10/2559–05/2560` on Thai pages, `10/2016–05/2017` on English ones.
fn short_period(fmt: &Formatter, p: &Period) -> String {
    let year = |y: i32| if fmt.lang == Lang::Th { y + 543 } else { y };
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
    /// Many rows: the table is folded away under a summary.
    pub long: bool,
    pub missing_note: String,
    /// A short name (empty if the chart has none).
    pub short: String,
}

/// A coordinate with at most one decimal, without a trailing `.0`.
fn n(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

fn description(chart: &Chart, fmt: &Formatter, theme: &Theme) -> String {
    let lang = fmt.lang;
    let t = |k: &str| theme.t(lang, k);
    let mut parts =
        vec![t("chart_desc_bars").replace("{n}", &fmt.number(chart.items.len() as u64))];
    let max = chart
        .items
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.value.cmp(&b.1.value).then(b.0.cmp(&a.0)));
    let min = chart
        .items
        .iter()
        .enumerate()
        .min_by(|a, b| a.1.value.cmp(&b.1.value).then(a.0.cmp(&b.0)));
    if let (Some((_, hi)), Some((_, lo))) = (max, min)
        && chart.items.len() > 1
    {
        parts.push(
            t("chart_desc_range")
                .replace("{max_label}", hi.label.get(lang))
                .replace("{max}", &chart.unit.show(fmt, hi.value))
                .replace("{min_label}", lo.label.get(lang))
                .replace("{min}", &chart.unit.show(fmt, lo.value)),
        );
    }
    if chart.total {
        let sum: u64 = chart.items.iter().map(|i| i.value).sum();
        parts.push(t("chart_desc_total").replace("{total}", &chart.unit.show(fmt, sum)));
    }
    if let Some(f) = &chart.finding {
        parts.push(fmt.digits(f.get(lang)));
    }
    if !chart.missing.is_empty() {
        let names: Vec<&str> = chart.missing.iter().map(|m| m.get(lang)).collect();
        parts.push(t("chart_desc_missing").replace("{names}", &names.join(", ")));
    }
    parts.join(" ")
}

/// Draw the bars: labels in a column measured with the font, bars from a zero line, each
/// value written just after its bar.
fn svg(chart: &Chart, fmt: &Formatter, html_id: &str, title: &str, desc: &str) -> String {
    let lang = fmt.lang;
    let labels: Vec<String> = chart
        .items
        .iter()
        .map(|i| fmt.digits(i.label.get(lang)))
        .collect();
    let values: Vec<String> = chart
        .items
        .iter()
        .map(|i| chart.unit.show(fmt, i.value))
        .collect();
    let label_w = labels
        .iter()
        .map(|l| text_width(l, FONT_SIZE))
        .fold(0.0, f64::max)
        .ceil();
    let value_w = values
        .iter()
        .map(|v| text_width(v, FONT_SIZE))
        .fold(0.0, f64::max)
        .ceil();
    let x0 = label_w + GAP + 2.0;
    // Keep at least 100 units of bar; a wider chart scales down a little instead.
    let width = WIDTH.max(x0 + 100.0 + GAP + value_w + 2.0).ceil();
    let bar_max = width - x0 - GAP - value_w - 2.0;
    let max = chart.items.iter().map(|i| i.value).max().unwrap_or(0);
    let height = (PITCH * chart.items.len() as f64 + 4.0).ceil();
    let baseline = |row: usize| (PITCH * row as f64 + 2.0 + (BAR + FONT_SIZE * 0.7) / 2.0).round();

    let mut s = String::with_capacity(200 + chart.items.len() * 140);
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" aria-labelledby="{html_id}-title" aria-describedby="{html_id}-desc" class="chart" font-family="{FONT_FAMILY}" font-size="{}">"#,
        n(width),
        n(height),
        n(FONT_SIZE)
    );
    let _ = write!(
        s,
        r#"<title id="{html_id}-title">{}</title><desc id="{html_id}-desc">{}</desc>"#,
        escape(title),
        escape(desc)
    );
    let widths: Vec<f64> = chart
        .items
        .iter()
        .map(|i| {
            if max == 0 {
                0.0
            } else {
                (i.value as f64 / max as f64 * bar_max * 10.0).round() / 10.0
            }
        })
        .collect();
    // Bars first, then one text per row: its label, and its value in a `tspan` after the bar.
    let _ = write!(
        s,
        r#"<g class="bars" fill="{BAR_COLOUR}" transform="translate({} 0)">"#,
        n(x0)
    );
    for (row, w) in widths.iter().enumerate() {
        let _ = write!(
            s,
            r#"<rect y="{}" width="{}" height="{}"/>"#,
            n(PITCH * row as f64 + 2.0),
            n(*w),
            n(BAR)
        );
    }
    let _ = write!(s, r#"</g><g class="labels" fill="{INK}">"#);
    for (row, ((label, v), w)) in labels.iter().zip(&values).zip(&widths).enumerate() {
        let _ = write!(
            s,
            r#"<text y="{}">{}<tspan x="{}">{}</tspan></text>"#,
            n(baseline(row)),
            escape(label),
            n(x0 + w + GAP),
            escape(v)
        );
    }
    let _ = write!(
        s,
        r#"</g><path class="axis" d="M{} 0V{}" stroke="{AXIS}"/></svg>"#,
        n(x0 - 0.5),
        n(height)
    );
    s
}

/// Draw a chart for a page in `fmt.lang`.
pub fn view(site: &Site, theme: &Theme, fmt: &Formatter, chart: &Chart) -> ChartView {
    let lang = fmt.lang;
    let strings = theme.strings(lang);
    let t = |k: &str| theme.t(lang, k);
    let html_id = format!("chart-{}", chart.id);
    let title = fmt.digits(chart.title.get(lang));
    let desc = description(chart, fmt, theme);
    let svg = svg(chart, fmt, &html_id, &title, &desc);
    let data = format!("{}data/charts/{}", site.config.base_path(), chart.id);
    ChartView {
        svg,
        unit: t(&format!("chart_unit_{}", chart.unit.key())),
        period: chart
            .period
            .map(|p| fmt.period(&p))
            .unwrap_or_else(|| t("chart_all_periods")),
        source: fmt.digits(chart.source.get(lang)),
        status: status_view(strings, chart.status),
        provenance_href: format!("{}#provenance", href(site, lang, "")),
        category: chart.category.get(lang).to_string(),
        value_header: t(&format!("chart_unit_{}", chart.unit.key())),
        rows: chart
            .items
            .iter()
            .map(|i| ChartRow {
                label: fmt.digits(i.label.get(lang)),
                value: chart.unit.show(fmt, i.value),
                raw: chart.unit.plain(i.value),
            })
            .collect(),
        csv_href: format!("{data}.csv"),
        json_href: format!("{data}.json"),
        long: chart.items.len() > 12,
        missing_note: if chart.missing.is_empty() {
            String::new()
        } else {
            let names: Vec<&str> = chart.missing.iter().map(|m| m.get(lang)).collect();
            t("chart_desc_missing").replace("{names}", &names.join(", "))
        },
        short: chart
            .short
            .as_ref()
            .map(|t| t.get(lang).to_string())
            .unwrap_or_default(),
        id: html_id,
        title,
        desc,
    }
}

// ---- downloads ----

#[derive(Serialize)]
struct JsonPeriod {
    start: String,
    end: String,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    key: &'a str,
    label: &'a Text,
    value: serde_json::Value,
    period: Option<JsonPeriod>,
}

#[derive(Serialize)]
struct JsonChart<'a> {
    id: &'a str,
    title: &'a Text,
    unit: &'static str,
    data_status: &'static str,
    source: &'a Text,
    items: Vec<JsonItem<'a>>,
    missing: &'a [Text],
}

fn json_value(unit: Unit, v: u64) -> serde_json::Value {
    match unit {
        Unit::Percent => serde_json::Number::from_f64(v as f64 / 100.0)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        _ => serde_json::Value::from(v),
    }
}

/// The chart's data files: `(path, bytes)` for the CSV (with a byte-order mark, for Excel)
/// and the JSON. Numbers in ASCII digits without grouping.
pub fn data_files(chart: &Chart) -> Result<[(String, Vec<u8>); 2], String> {
    let mut csv = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let header = [
        "chart",
        "key",
        "label_th",
        "label_en",
        "value",
        "unit",
        "period_start",
        "period_end",
        "data_status",
    ];
    csv.write_record(header).map_err(|e| e.to_string())?;
    for i in &chart.items {
        let (start, end) = i
            .period
            .map(|p| (p.start.to_string(), p.end.to_string()))
            .unwrap_or_default();
        csv.write_record(
            [
                chart.id.as_str(),
                &i.key,
                &i.label.th,
                &i.label.en,
                &chart.unit.plain(i.value),
                chart.unit.key(),
                &start,
                &end,
                chart.status.key(),
            ]
            .map(|c| super::format::csv_cell(c).into_owned()),
        )
        .map_err(|e| e.to_string())?;
    }
    let csv = csv.into_inner().map_err(|e| e.to_string())?;
    let json = JsonChart {
        id: &chart.id,
        title: &chart.title,
        unit: chart.unit.key(),
        data_status: chart.status.key(),
        source: &chart.source,
        items: chart
            .items
            .iter()
            .map(|i| JsonItem {
                key: &i.key,
                label: &i.label,
                value: json_value(chart.unit, i.value),
                period: i.period.map(|p| JsonPeriod {
                    start: p.start.to_string(),
                    end: p.end.to_string(),
                }),
            })
            .collect(),
        missing: &chart.missing,
    };
    let mut json = serde_json::to_vec_pretty(&json).map_err(|e| e.to_string())?;
    json.push(b'\n');
    Ok([
        (format!("data/charts/{}.csv", chart.id), csv),
        (format!("data/charts/{}.json", chart.id), json),
    ])
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
        assert_eq!(Unit::Percent.plain(122), "1.22");
        assert_eq!(Unit::Percent.plain(10000), "100.00");
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
    fn coordinates_are_short() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.04), "12");
        assert_eq!(n(12.25), "12.3");
    }
}
