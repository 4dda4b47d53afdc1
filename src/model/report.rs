//! The report definition: what a site reports, declared in `content/report.yaml`.
//!
//! The area level (its words, URL segment and areas list), the measures with their units,
//! parts and rules, the charts and the map, optional record fields and event kinds. Nothing
//! of one report lives in code: validation, pages, charts, downloads, the sums check and the
//! schemas all read this.

use serde::Serialize;

use super::DataStatus;
use super::lang::Text;

/// A measure of the report: an index into [`Report::measures`], made only by validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct MeasureId(u16);

impl MeasureId {
    pub(crate) fn new(index: usize) -> Self {
        MeasureId(index as u16)
    }

    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// What a measure's numbers count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    /// A count of things, with the things' noun per language (groups, people).
    Count { noun: Text },
    /// An amount of money in a currency (ISO 4217 code, like `THB`).
    Money { currency: String },
    /// A percentage.
    Percent,
    /// A plain number, with an optional noun.
    Number { noun: Text },
}

impl Unit {
    pub fn key(&self) -> &'static str {
        match self {
            Unit::Count { .. } => "count",
            Unit::Money { .. } => "money",
            Unit::Percent => "percent",
            Unit::Number { .. } => "number",
        }
    }
}

/// One measure: a figure each area and the nation report per period.
#[derive(Debug, Clone)]
pub struct Measure {
    pub id: MeasureId,
    /// The key in records (`beneficiaries`, or `agriculture` under `target_groups`).
    pub key: String,
    /// The column in downloads: the key, or `<parent>_<part>` for a part and
    /// `<measure>_total` for a measure with parts.
    pub column: String,
    /// Its name in tables (with the unit where wanted).
    pub label: Text,
    /// A short name for charts and narrow table headings.
    pub short: Text,
    /// What it means, for the data page's column list.
    pub description: Text,
    pub unit: Unit,
    /// Digits after the decimal point that values may have (0 for whole numbers). Values are
    /// held as whole numbers of 10^-decimals.
    pub decimals: u8,
    /// The measure this is a part of.
    pub parent: Option<MeasureId>,
    /// Its parts; its value is their sum.
    pub parts: Vec<MeasureId>,
    /// Measures this one may not exceed (groups with higher income ≤ target groups).
    pub at_most: Vec<MeasureId>,
    /// Whether the areas' values must add up to the national value.
    pub sums: bool,
    /// Whether records may leave it out.
    pub optional: bool,
}

/// A word in each language, singular and plural.
#[derive(Debug, Clone)]
pub struct Word {
    pub one: Text,
    pub many: Text,
}

/// The optional grouping of areas (regions of a country, for example).
#[derive(Debug, Clone)]
pub struct Grouping {
    /// The areas list's column with a group's key (`region`); its names are in
    /// `<key>_<lang>` columns.
    pub key: String,
    pub word: Word,
    /// The address part of the group pages (`regions` → `/regions/north/`); without it the
    /// groups have no pages of their own.
    pub segment: Option<String>,
}

/// What the areas are and where they live.
#[derive(Debug, Clone)]
pub struct AreaLevel {
    /// A short name for commands and chart ids (`province`, `district`).
    pub key: String,
    pub word: Word,
    /// The URL segment and the content folder of the records (`provinces`).
    pub segment: String,
    /// The areas list, relative to `content/` (`areas.csv`).
    pub list: String,
    pub grouping: Option<Grouping>,
    /// What the area codes are, for the data page (`ISO 3166-2:TH, for example TH-50`).
    pub code_description: Text,
}

/// The kinds of chart a report can ask for; each takes measures as parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChartKind {
    /// One bar per part of a measure.
    Parts(MeasureId),
    /// One bar for each of the listed measures.
    Measures(Vec<MeasureId>),
    /// A part of a whole, with the share in words.
    Ratio { part: MeasureId, whole: MeasureId },
    /// An area's value as a share of the national value, for each listed measure.
    Share(Vec<MeasureId>),
    /// Areas ranked by a measure.
    Ranking(MeasureId),
    /// The areas' values added up by group.
    ByGroup(MeasureId),
    /// A measure over the reporting periods (shown when there are two or more).
    Trend(MeasureId),
}

/// One chart of a page.
#[derive(Debug, Clone)]
pub struct ChartSpec {
    /// Names the chart's downloads (`home-work-groups`; on area pages prefixed with the
    /// area level's key and the area's slug).
    pub id: String,
    pub kind: ChartKind,
    /// The title, with `{period}` and `{name}` filled in; when the site gives none, a
    /// generic one from the theme.
    pub title: Option<Text>,
    /// The label column's heading.
    pub category: Option<Text>,
    /// A sentence on the finding, with `{part}`, `{whole}` and `{percent}` for a ratio.
    pub finding: Option<Text>,
}

/// Which charts each page kind shows.
#[derive(Debug, Clone, Default)]
pub struct Charts {
    pub home: Vec<ChartSpec>,
    pub index: Vec<ChartSpec>,
    pub area: Vec<ChartSpec>,
}

/// The map of areas: which measure colours it.
#[derive(Debug, Clone)]
pub struct MapSpec {
    pub measure: MeasureId,
    /// How many colour classes (2 to 7).
    pub classes: u8,
    pub title: Option<Text>,
    pub caption: Option<Text>,
    /// Who drew the boundaries, shown under the map.
    pub credit: Text,
}

/// An optional text field of area records (the company of the bundled report).
#[derive(Debug, Clone)]
pub struct FieldSpec {
    pub key: String,
    pub label: Text,
    /// What the page says when a record does not give it.
    pub missing: Text,
}

/// A kind of event records may list.
#[derive(Debug, Clone)]
pub struct EventKindSpec {
    pub key: String,
    pub label: Text,
}

/// The whole report definition, validated.
#[derive(Debug, Clone)]
pub struct Report {
    pub area: AreaLevel,
    /// Every measure in declaration order, each part right after its parent.
    pub measures: Vec<Measure>,
    pub charts: Charts,
    pub map: Option<MapSpec>,
    /// The measures an area's link-preview image shows, in order; empty for no images.
    pub preview: Vec<MeasureId>,
    pub fields: Vec<FieldSpec>,
    pub events: Vec<EventKindSpec>,
    /// The data statuses whose area figures are not ranked: no rank sentences, rank columns
    /// or ranking charts while the figures compared are of one of these (`unranked` in
    /// content/report.yaml).
    pub unranked: Vec<DataStatus>,
}

impl Report {
    /// Whether area figures of `status` are ranked.
    pub fn ranks(&self, status: DataStatus) -> bool {
        !self.unranked.contains(&status)
    }

    pub fn measure(&self, id: MeasureId) -> &Measure {
        &self.measures[id.index()]
    }

    /// Measures that are not parts of another, in order.
    pub fn top_level(&self) -> impl Iterator<Item = &Measure> {
        self.measures.iter().filter(|m| m.parent.is_none())
    }

    /// Measures in table order, with their depth: each measure, then its parts below it.
    pub fn table_order(&self) -> Vec<(&Measure, usize)> {
        fn walk<'a>(
            r: &'a Report,
            m: &'a Measure,
            depth: usize,
            out: &mut Vec<(&'a Measure, usize)>,
        ) {
            out.push((m, depth));
            for &p in &m.parts {
                walk(r, r.measure(p), depth + 1, out);
            }
        }
        let mut out = Vec::with_capacity(self.measures.len());
        for m in self.top_level() {
            walk(self, m, 0, &mut out);
        }
        out
    }

    /// Measures in download-column order: parts before the total they add up to.
    pub fn column_order(&self) -> Vec<&Measure> {
        fn walk<'a>(r: &'a Report, m: &'a Measure, out: &mut Vec<&'a Measure>) {
            for &p in &m.parts {
                walk(r, r.measure(p), out);
            }
            out.push(m);
        }
        let mut out = Vec::with_capacity(self.measures.len());
        for m in self.top_level() {
            walk(self, m, &mut out);
        }
        out
    }
}

/// One period's values of every measure, indexed by [`MeasureId`]; `None` where a value is not
/// given. Values are whole numbers of the measure's smallest unit (10^-decimals).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Values(Box<[Option<u64>]>);

impl Values {
    pub fn new(len: usize) -> Self {
        Values(vec![None; len].into_boxed_slice())
    }

    pub fn get(&self, id: MeasureId) -> Option<u64> {
        self.0.get(id.index()).copied().flatten()
    }

    pub fn set(&mut self, id: MeasureId, value: Option<u64>) {
        if let Some(slot) = self.0.get_mut(id.index()) {
            *slot = value;
        }
    }

    /// Add another period's values into these, measure by measure. Validation bounds every
    /// value at [`MAX_VALUE`](crate::validate::values::MAX_VALUE) (10^14), so the values of
    /// up to 100,000 areas (at most 10^19) add up exactly within a `u64` (about 1.8 × 10^19);
    /// past that a sum stops at the largest `u64` and never wraps round to a small number.
    pub fn saturating_add(&mut self, other: &Values) {
        for (a, b) in self.0.iter_mut().zip(other.0.iter()) {
            if let Some(b) = b {
                *a = Some(a.unwrap_or(0).saturating_add(*b));
            }
        }
    }
}
