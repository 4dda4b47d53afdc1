//! The validated site: what the content says once every check has passed.
//!
//! Nothing here is raw text from a file. An area's code is an [`AreaCode`] known to the
//! areas list, periods are ordered and do not overlap, figures are non-negative. Rendering
//! reads only this model, so it never has to re-check anything.

pub mod lang;
pub mod report;
pub mod standings;

use std::fmt;

use serde::Serialize;

pub use lang::{Lang, PerLang, Text};
pub use report::{MeasureId, Report, Values};
pub use standings::Standings;

/// A calendar date (Gregorian; shown in the Buddhist Era on Thai pages).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A month of a year, the unit of reporting periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    pub month: u8,
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// A reporting period, whole months from `start` to `end` inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub start: YearMonth,
    pub end: YearMonth,
}

impl Period {
    pub fn overlaps(&self, other: &Period) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// A stable identifier, e.g. `2016-10_2017-05`, used in addresses and downloads.
    pub fn key(&self) -> String {
        format!("{}_{}", self.start, self.end)
    }
}

/// How far published figures can be relied on.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum DataStatus {
    /// ตัวเลขทางการที่หน่วยงานเผยแพร่ / Published by the responsible agency.
    #[default]
    Official,
    /// รายงานแล้วแต่ยังไม่ยืนยัน / Reported but not yet confirmed.
    Provisional,
    /// ตัวเลขสมมุติเพื่อสาธิต ไม่ใช่ตัวเลขจริง / Not real figures: made up to show how the site works.
    Illustrative,
}

impl DataStatus {
    /// Every status, in the order of [`DataStatus::index`].
    pub const ALL: [DataStatus; 3] = [
        DataStatus::Official,
        DataStatus::Provisional,
        DataStatus::Illustrative,
    ];

    /// The status's place in [`DataStatus::ALL`] (for tables with an entry per status).
    pub fn index(self) -> usize {
        match self {
            DataStatus::Official => 0,
            DataStatus::Provisional => 1,
            DataStatus::Illustrative => 2,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            DataStatus::Official => "official",
            DataStatus::Provisional => "provisional",
            DataStatus::Illustrative => "illustrative",
        }
    }
}

/// A code from the site's areas list. Only the
/// validation stage makes these, after checking the code is in the list.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct AreaCode(String);

impl AreaCode {
    pub(crate) fn known(code: &str) -> Self {
        AreaCode(code.to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AreaCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A group of areas (a region), in the order it first appears in the areas list. A report
/// without grouping has one group with an empty key and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub key: String,
    pub name: Text,
}

/// An area from the areas list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Area {
    pub code: AreaCode,
    pub slug: String,
    pub name: Text,
    /// Index into [`Site::groups`].
    pub group: usize,
    /// Other names search finds the area by (`Korat`), from the areas list's optional
    /// `aliases` column, separated by `;`.
    pub aliases: Vec<String>,
}

/// Values for one area in one reporting period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodResult {
    pub period: Period,
    /// The period's own status: its `data_status`, or the record's when it gives none.
    pub status: DataStatus,
    pub values: Values,
}

/// When something happened, as precisely as the source says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventTime {
    /// On one day.
    On(Date),
    /// Lasting from the first day to the second.
    Lasting(Date, Date),
    /// On a day somewhere in this span: the source does not say which.
    Between(Date, Date),
}

impl EventTime {
    pub fn sort_key(&self) -> Date {
        match *self {
            EventTime::On(d) | EventTime::Lasting(d, _) | EventTime::Between(d, _) => d,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Index into the report's event kinds.
    pub kind: usize,
    pub time: EventTime,
    pub title: Text,
}

/// A document a page's figures or statements come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub title: Text,
    pub url: Option<String>,
}

/// Markdown in one language, not yet rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Markdown {
    pub text: std::sync::Arc<str>,
}

/// Text left in its file rather than held in memory: an area's narrative, of which a site
/// has one per area and language, is read again when its page is rendered, so memory does
/// not grow with the narratives. `start` is where the text begins in the file as loading
/// reads it (byte-order mark removed, line ends made `\n`); `len` and `digest` are that
/// whole reading's length and 64-bit hash ([`crate::content::text_digest`]), so a file
/// changed during the build is reported, not published half-new.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileText {
    pub file: std::path::PathBuf,
    pub start: usize,
    pub len: usize,
    pub digest: u64,
}

/// One area's record with its narratives.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaRecord {
    /// Index into [`Site::areas`].
    pub area: usize,
    /// The record's `data_status`: the default of its periods' statuses.
    pub data_status: DataStatus,
    /// Whether the area has figures of its own (`own_figures: false` in its record says it
    /// has none and is not expected to report).
    pub own_figures: bool,
    /// The report's optional fields, indexed like `Report::fields`.
    pub fields: Vec<Option<Text>>,
    pub results: Vec<PeriodResult>,
    pub events: Vec<Event>,
    pub sources: Vec<Source>,
    /// Narrative per language, left in its file; a language without its file has none.
    pub narratives: PerLang<FileText>,
    /// When the record or its narratives last changed.
    pub updated: Date,
}

impl AreaRecord {
    pub fn narrative(&self, lang: Lang) -> Option<&FileText> {
        self.narratives.get(lang)
    }

    pub fn result_for(&self, period: &Period) -> Option<&PeriodResult> {
        self.results.iter().find(|r| &r.period == period)
    }
}

/// Where a national period's figures come from.
#[derive(Debug, Clone)]
pub struct Provenance {
    pub title: Text,
    pub publisher: Text,
    pub released: Option<Date>,
    pub url: Option<String>,
}

/// The national figures for one period, as officially reported.
#[derive(Debug, Clone)]
pub struct NationalPeriod {
    pub period: Period,
    pub data_status: DataStatus,
    /// The national figures are not yet published (`pending: true`): `values` holds only
    /// those already known, and `source` may be missing.
    pub pending: bool,
    /// The areas (indexes into [`Site::areas`], sorted, each once) expected to report for
    /// this period, when the period lists them (`expected:`); otherwise every area with
    /// figures of its own.
    pub expected: Option<Vec<usize>>,
    pub source: Option<Provenance>,
    pub next_release: Option<Date>,
    pub values: Values,
    /// How far the areas' figures have arrived, counted once by validation
    /// ([`Site::count_coverage`]).
    pub coverage: Coverage,
}

/// How far the areas' figures for one period have arrived.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Areas expected to report.
    pub expected: usize,
    /// Of those, how many have.
    pub reported: usize,
}

impl Coverage {
    pub fn all_in(&self) -> bool {
        self.reported >= self.expected
    }
}

#[derive(Debug, Clone)]
pub struct Correction {
    pub date: Date,
    pub what: Text,
    pub why: Text,
}

#[derive(Debug, Clone)]
pub struct National {
    pub periods: Vec<NationalPeriod>,
    pub corrections: Vec<Correction>,
    pub updated: Date,
}

#[derive(Debug, Clone)]
pub struct Contact {
    pub email: String,
    pub phone: String,
    pub address: Text,
}

/// `content/site.yaml`, validated.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: Text,
    pub description: Text,
    /// Always ends with `/`.
    pub base_url: String,
    /// The first is the default language, served at the site root.
    pub languages: Vec<Lang>,
    /// Thai digits on Thai pages.
    pub thai_digits: bool,
    pub agency_name: Text,
    pub agency_parent: Text,
    /// Who publishes the site, when the site says; `None` until an agency takes it on (the
    /// pages then attribute only the source document to the agency).
    pub publisher: Option<Text>,
    pub contact: Contact,
}

impl SiteConfig {
    pub fn default_lang(&self) -> Lang {
        self.languages[0]
    }

    /// The path part of the base URL, e.g. `/` or `/report/`.
    pub fn base_path(&self) -> &str {
        let after_scheme = self
            .base_url
            .find("://")
            .map(|i| &self.base_url[i + 3..])
            .unwrap_or(&self.base_url);
        match after_scheme.find('/') {
            Some(i) => &after_scheme[i..],
            None => "/",
        }
    }
}

/// A Markdown document with front matter: a page, the questions, the home text.
#[derive(Debug, Clone)]
pub struct Document {
    pub title: String,
    pub summary: Option<String>,
    pub updated: Date,
    pub body: Markdown,
    pub menu: MenuEntry,
}

/// Whether and where a page appears in the main menu (front matter `menu`, `weight`,
/// `menu_label`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuEntry {
    pub show: bool,
    /// Smaller first; pages of equal weight by name.
    pub weight: i64,
    /// A short label; the title when there is none.
    pub label: Option<String>,
}

/// An other page (`content/pages/<name>.<lang>.md`).
#[derive(Debug, Clone)]
pub struct Page {
    pub name: String,
    pub docs: PerLang<Document>,
}

impl Page {
    pub fn get(&self, lang: Lang) -> Option<&Document> {
        self.docs.get(lang)
    }
}

/// One language's text of a dated update note.
#[derive(Debug, Clone)]
pub struct UpdateNote {
    pub title: String,
    pub summary: Option<String>,
    /// When the note was last changed (its `updated`, or its `date` when it has none).
    pub updated: Date,
    pub body: Markdown,
}

/// A dated update note (`content/updates/<name>.<lang>.md`): a new reporting period, a
/// correction, the launch of the site. Listed on the updates page and in the Atom feeds.
#[derive(Debug, Clone)]
pub struct Update {
    /// The file name without language and extension, like `2026-11-25-site-launch`: the
    /// note's anchor on the updates page and part of its feed id, so it must not change.
    pub name: String,
    /// The day the note is about (its `date`), the same in both languages.
    pub date: Date,
    pub notes: PerLang<UpdateNote>,
}

impl Update {
    pub fn get(&self, lang: Lang) -> Option<&UpdateNote> {
        self.notes.get(lang)
    }
}

/// The whole validated site.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    pub report: Report,
    pub groups: Vec<Group>,
    pub areas: Vec<Area>,
    /// One per area that has a record, in the areas list's order.
    pub records: Vec<AreaRecord>,
    pub national: National,
    pub home: PerLang<Document>,
    pub faq: PerLang<Document>,
    pub pages: Vec<Page>,
    /// Dated notes, newest first.
    pub updates: Vec<Update>,
    /// Province outlines for the map, from `content/areas.geojson`; `None` when the site has
    /// no boundaries file (the map is then left out).
    pub boundaries: Option<Boundaries>,
    /// Where each area stands among the others, per period and measure.
    pub standings: Standings,
}

/// One area's outline: polygons of rings of (longitude, latitude) points, WGS84 degrees.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaShape {
    /// Index into [`Site::areas`].
    pub area: usize,
    pub polygons: Vec<Vec<Vec<(f64, f64)>>>,
}

/// The outlines of the areas that have one, in the areas list's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Boundaries {
    pub shapes: Vec<AreaShape>,
}

impl Site {
    pub fn area(&self, record: &AreaRecord) -> &Area {
        &self.areas[record.area]
    }

    pub fn group_of(&self, area: &Area) -> &Group {
        &self.groups[area.group]
    }

    /// The address part of the group pages, when the report groups its areas and gives
    /// them pages (`area.group.segment`).
    pub fn group_segment(&self) -> Option<&str> {
        self.report
            .area
            .grouping
            .as_ref()
            .and_then(|g| g.segment.as_deref())
    }

    /// The index in [`Site::records`] of the record of area `area` (an index into
    /// [`Site::areas`]), if it has one. A binary search: records are in the areas list's
    /// order, so a page that looks up every area costs n log n, not n².
    pub fn record_index(&self, area: usize) -> Option<usize> {
        self.records.binary_search_by_key(&area, |p| p.area).ok()
    }

    /// The latest national period, whether or not it is complete.
    pub fn latest_period(&self) -> Option<&NationalPeriod> {
        self.national.periods.last()
    }

    /// Whether area `area` (an index into [`Site::areas`]) is expected to report for `np`:
    /// listed in the period's `expected`, or, when it lists none, an area whose record does
    /// not say `own_figures: false`.
    pub fn is_expected(&self, np: &NationalPeriod, area: usize) -> bool {
        match &np.expected {
            Some(list) => list.binary_search(&area).is_ok(),
            None => self
                .record_index(area)
                .is_none_or(|i| self.records[i].own_figures),
        }
    }

    /// Count every national period's [`Coverage`] (once, after validation).
    pub fn count_coverage(&mut self) {
        let counted: Vec<Coverage> = self
            .national
            .periods
            .iter()
            .map(|np| self.count_one(np))
            .collect();
        for (np, c) in self.national.periods.iter_mut().zip(counted) {
            np.coverage = c;
        }
    }

    /// How many of the areas expected to report for `np` have.
    fn count_one(&self, np: &NationalPeriod) -> Coverage {
        let mut c = Coverage {
            expected: 0,
            reported: 0,
        };
        for area in 0..self.areas.len() {
            if self.is_expected(np, area) {
                c.expected += 1;
                let has = self
                    .record_index(area)
                    .is_some_and(|i| self.records[i].result_for(&np.period).is_some());
                c.reported += usize::from(has);
            }
        }
        c
    }

    /// A period is complete when its national figures are published and every area
    /// expected to report has.
    pub fn is_complete(&self, np: &NationalPeriod) -> bool {
        !np.pending && np.coverage.all_in()
    }

    /// The period the public pages lead with: the latest complete one, or the latest one
    /// when none is complete yet.
    pub fn shown_period(&self) -> Option<&NationalPeriod> {
        self.national
            .periods
            .iter()
            .rev()
            .find(|np| self.is_complete(np))
            .or_else(|| self.latest_period())
    }

    /// Newer periods than the one shown, still arriving, newest first.
    pub fn arriving_periods(&self) -> Vec<&NationalPeriod> {
        let Some(shown) = self.shown_period() else {
            return Vec::new();
        };
        self.national
            .periods
            .iter()
            .rev()
            .filter(|np| np.period > shown.period)
            .collect()
    }

    /// The status of the areas' figures for one period: illustrative if any is, else
    /// provisional if any is, else official.
    pub fn period_area_status(&self, period: &Period) -> DataStatus {
        worst(
            self.records
                .iter()
                .filter_map(|p| p.result_for(period).map(|r| r.status)),
        )
    }

    /// Sum of all areas' values for a period, and how many areas reported for it.
    /// Validation bounds every value so that these sums cannot overflow for up to 100,000
    /// areas (see [`Values::saturating_add`]); the sums check adds exactly, in 128 bits.
    pub fn area_totals(&self, period: &Period) -> (Values, usize) {
        let mut sum = Values::new(self.report.measures.len());
        let mut reported = 0;
        for p in &self.records {
            if let Some(r) = p.result_for(period) {
                sum.saturating_add(&r.values);
                reported += 1;
            }
        }
        (sum, reported)
    }

    /// Status of the area figures shown: illustrative if any record with figures is
    /// illustrative.
    pub fn area_data_status(&self) -> DataStatus {
        worst(
            self.records
                .iter()
                .flat_map(|p| p.results.iter().map(|r| r.status)),
        )
    }
}

impl AreaRecord {
    /// The status of the record's figures: the least reliable of its periods' statuses.
    pub fn status(&self) -> DataStatus {
        if self.results.is_empty() {
            return self.data_status;
        }
        worst(self.results.iter().map(|r| r.status))
    }
}

/// The least reliable of `statuses` (official when there are none).
pub fn worst(statuses: impl Iterator<Item = DataStatus>) -> DataStatus {
    statuses.fold(DataStatus::Official, |a, b| match (a, b) {
        (DataStatus::Illustrative, _) | (_, DataStatus::Illustrative) => DataStatus::Illustrative,
        (DataStatus::Provisional, _) | (_, DataStatus::Provisional) => DataStatus::Provisional,
        _ => DataStatus::Official,
    })
}
