//! Open data: the figures as files anyone can download, and the pages that explain them.
//!
//! The downloads are written from the same validated model as the pages, so a number in a
//! CSV is the number in the table. Numbers are plain ASCII digits without grouping whatever
//! the pages show; CSV starts with a UTF-8 byte-order mark so spreadsheet programs read the
//! Thai names correctly; JSON is plain UTF-8 with keys in a fixed order.

use rayon::prelude::*;
use serde::Serialize;

use super::format::{Formatter, csv_cell, plain_decimal};
use super::pages::Kind;
use super::theme::Theme;
use super::views::{
    CorrectionView, ProvenanceView, Route, StatusView, absolute, correction_views, coverage_words,
    href, provenance_view, status_view,
};
use crate::model::*;
use crate::output::Output;

/// The CSV columns, in order: the area's identity (a name per language, the group), the
/// period, one column per measure (parts before their total) and the data status.
pub fn csv_header(site: &Site) -> Vec<String> {
    let mut h = vec!["code".to_string(), "slug".to_string()];
    h.extend(site.config.languages.iter().map(|l| format!("name_{l}")));
    if let Some(g) = &site.report.area.grouping {
        h.push(g.key.clone());
    }
    h.extend(["period_start".to_string(), "period_end".to_string()]);
    h.extend(site.report.column_order().iter().map(|m| m.column.clone()));
    h.extend(["data_status", "has_figures", "expected"].map(String::from));
    h
}

/// One area in one period of the downloads: every national period and every period the
/// area reports, oldest first. A period the area has not reported has no figures (never
/// zeros) and `has_figures` false.
struct AreaPeriod<'a> {
    period: Period,
    result: Option<&'a PeriodResult>,
    /// Whether the area is expected to report for it.
    expected: bool,
}

fn area_periods<'a>(site: &Site, p: &'a AreaRecord) -> Vec<AreaPeriod<'a>> {
    let mut out: Vec<AreaPeriod> = site
        .national
        .periods
        .iter()
        .map(|np| AreaPeriod {
            period: np.period,
            result: p.result_for(&np.period),
            expected: site.is_expected(np, p.area),
        })
        .collect();
    for r in &p.results {
        if !out.iter().any(|a| a.period == r.period) {
            out.push(AreaPeriod {
                period: r.period,
                result: Some(r),
                expected: p.own_figures,
            });
        }
    }
    out.sort_by_key(|a| a.period);
    out
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A JSON value whose objects keep their keys in the order they were added in, so the
/// files read in a fixed, meaningful order (identity, period, measures, status).
enum J {
    V(serde_json::Value),
    O(Object),
    A(Vec<J>),
}

/// A JSON object whose keys keep the order they were added in.
struct Object(Vec<(String, J)>);

impl Object {
    fn new() -> Self {
        Object(Vec::new())
    }

    fn put(&mut self, key: impl Into<String>, value: impl Into<J>) {
        self.0.push((key.into(), value.into()));
    }
}

impl<T: Into<serde_json::Value>> From<T> for J {
    fn from(v: T) -> J {
        J::V(v.into())
    }
}

impl Serialize for J {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            J::V(v) => v.serialize(s),
            J::O(o) => o.serialize(s),
            J::A(a) => a.serialize(s),
        }
    }
}

impl Serialize for Object {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// Text in the site's languages, in their order.
fn text_json(t: &Text) -> J {
    let mut o = Object::new();
    for (l, s) in t.iter() {
        o.put(l.code(), s);
    }
    J::O(o)
}

fn optional(v: Option<String>) -> J {
    J::V(v.map_or(serde_json::Value::Null, serde_json::Value::String))
}

/// A value in the downloads: an integer, or a decimal written exactly.
fn number_json(v: Option<u64>, decimals: u8) -> J {
    J::V(match v {
        None => serde_json::Value::Null,
        Some(v) if decimals == 0 => serde_json::Value::from(v),
        Some(v) => plain_decimal(v, decimals)
            .parse::<serde_json::Number>()
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
    })
}

/// One period's values, in column order.
fn period_json(site: &Site, period: &Period, values: &Values) -> Object {
    let mut o = Object::new();
    o.put("period_start", period.start.to_string());
    o.put("period_end", period.end.to_string());
    for m in site.report.column_order() {
        o.put(m.column.clone(), number_json(values.get(m.id), m.decimals));
    }
    o
}

fn record_json(site: &Site, p: &AreaRecord) -> Object {
    let area = site.area(p);
    let mut o = Object::new();
    o.put("code", area.code.as_str());
    o.put("slug", area.slug.as_str());
    for (l, name) in area.name.iter() {
        o.put(format!("name_{l}"), name);
    }
    if let Some(g) = &site.report.area.grouping {
        let group = site.group_of(area);
        o.put(g.key.clone(), group.key.as_str());
        for (l, name) in group.name.iter() {
            o.put(format!("{}_{l}", g.key), name);
        }
    }
    o.put("data_status", p.status().key());
    o.put("own_figures", p.own_figures);
    let empty = Values::new(site.report.measures.len());
    o.put(
        "results",
        J::A(
            area_periods(site, p)
                .iter()
                .map(|a| {
                    let mut o =
                        period_json(site, &a.period, a.result.map_or(&empty, |r| &r.values));
                    o.put(
                        "data_status",
                        optional(a.result.map(|r| r.status.key().to_string())),
                    );
                    o.put("has_figures", a.result.is_some());
                    o.put("expected", a.expected);
                    J::O(o)
                })
                .collect(),
        ),
    );
    o
}

fn records_file(site: &Site, note: &Text, records: &[&AreaRecord]) -> Object {
    let mut o = Object::new();
    o.put("note", text_json(note));
    o.put(
        site.report.area.segment.clone(),
        J::A(records.iter().map(|p| J::O(record_json(site, p))).collect()),
    );
    o
}

fn json_bytes<T: Serialize>(value: &T) -> Result<Vec<u8>, String> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn csv_bytes<'a>(
    site: &Site,
    header: &[String],
    records: impl Iterator<Item = &'a AreaRecord>,
) -> Result<Vec<u8>, String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    w.write_record(header.iter().map(|c| csv_cell(c).into_owned()))
        .map_err(|e| e.to_string())?;
    let columns = site.report.column_order();
    for p in records {
        let area = site.area(p);
        for a in area_periods(site, p) {
            let mut row: Vec<String> = vec![area.code.to_string(), area.slug.clone()];
            row.extend(area.name.iter().map(|(_, n)| n.to_string()));
            if site.report.area.grouping.is_some() {
                row.push(site.group_of(area).key.clone());
            }
            row.push(a.period.start.to_string());
            row.push(a.period.end.to_string());
            row.extend(columns.iter().map(|m| {
                a.result
                    .and_then(|r| r.values.get(m.id))
                    .map(|v| plain_decimal(v, m.decimals))
                    .unwrap_or_default()
            }));
            row.push(
                a.result
                    .map(|r| r.status.key().to_string())
                    .unwrap_or_default(),
            );
            row.push(a.result.is_some().to_string());
            row.push(a.expected.to_string());
            w.write_record(row.iter().map(|c| csv_cell(c).into_owned()))
                .map_err(|e| e.to_string())?;
        }
    }
    w.into_inner().map_err(|e| e.to_string())
}

/// The notice that goes with the area figures, in every language.
fn note(site: &Site, theme: &Theme, status: DataStatus) -> Text {
    let key = format!("status_{}_notice", status.key());
    Text::from_fn(&site.config.languages, |l| theme.t(l, &key))
}

/// Write every download: the site-wide files, and each area's own pair. The areas' files are
/// made in parallel and each written as soon as it is made, so a large site's downloads are
/// never all held at once.
pub fn write(site: &Site, theme: &Theme, out: &Output) -> Result<(), String> {
    let put = |path: String, bytes: Vec<u8>| {
        out.write(&path, &bytes)
            .map_err(|e| format!("cannot write {path}: {e}"))
    };
    let segment = &site.report.area.segment;
    let header = csv_header(site);
    let (whole, own) = rayon::join(
        || -> Result<(), String> {
            let notice = note(site, theme, site.area_data_status());
            put(
                format!("data/{segment}.csv"),
                csv_bytes(site, &header, site.records.iter())?,
            )?;
            let all: Vec<&AreaRecord> = site.records.iter().collect();
            put(
                format!("data/{segment}.json"),
                json_bytes(&records_file(site, &notice, &all))?,
            )?;
            put("data/national.json".to_string(), national_json(site)?)
        },
        || {
            site.records.par_iter().try_for_each(|p| {
                let slug = &site.area(p).slug;
                put(
                    format!("data/{segment}/{slug}.csv"),
                    csv_bytes(site, &header, std::iter::once(p))?,
                )?;
                let own = note(site, theme, p.status());
                put(
                    format!("data/{segment}/{slug}.json"),
                    json_bytes(&records_file(site, &own, &[p]))?,
                )
            })
        },
    );
    own.and(whole)
}

/// `data/national.json`: the national figures of every period, with their sources, and the
/// corrections.
fn national_json(site: &Site) -> Result<Vec<u8>, String> {
    let n = &site.national;
    let mut national = Object::new();
    national.put("updated", n.updated.to_string());
    national.put(
        "periods",
        J::A(
            n.periods
                .iter()
                .map(|np| {
                    let mut o = period_json(site, &np.period, &np.values);
                    o.put("data_status", np.data_status.key());
                    o.put("pending", np.pending);
                    o.put("complete", site.is_complete(np));
                    o.put("areas_with_figures", np.coverage.reported);
                    o.put("areas_expected", np.coverage.expected);
                    o.put(
                        "expected",
                        match &np.expected {
                            Some(list) => J::A(
                                list.iter()
                                    .map(|&a| J::from(site.areas[a].code.as_str()))
                                    .collect(),
                            ),
                            None => J::V(serde_json::Value::Null),
                        },
                    );
                    match &np.source {
                        Some(s) => {
                            let mut source = Object::new();
                            source.put("title", text_json(&s.title));
                            source.put("publisher", text_json(&s.publisher));
                            source.put("released", optional(s.released.map(|d| d.to_string())));
                            source.put("url", optional(s.url.clone()));
                            o.put("source", J::O(source));
                        }
                        None => o.put("source", J::V(serde_json::Value::Null)),
                    }
                    o.put(
                        "next_release",
                        optional(np.next_release.map(|d| d.to_string())),
                    );
                    J::O(o)
                })
                .collect(),
        ),
    );
    national.put(
        "corrections",
        J::A(
            n.corrections
                .iter()
                .map(|c| {
                    let mut o = Object::new();
                    o.put("date", c.date.to_string());
                    o.put("what", text_json(&c.what));
                    o.put("why", text_json(&c.why));
                    J::O(o)
                })
                .collect(),
        ),
    );
    json_bytes(&national)
}

// ---- the data page ----

#[derive(Serialize)]
pub struct ColumnView {
    pub name: String,
    pub meaning: String,
    pub unit: String,
}

#[derive(Serialize)]
pub struct DownloadView {
    pub name: String,
    pub csv: String,
    pub json: String,
}

#[derive(Serialize)]
pub struct SourceView {
    pub period: String,
    pub period_iso: String,
    pub status: StatusView,
    #[serde(flatten)]
    pub provenance: ProvenanceView,
}

#[derive(Serialize)]
pub struct StatusValueView {
    pub key: &'static str,
    pub label: String,
    pub meaning: String,
}

#[derive(Serialize)]
pub struct DataView {
    pub columns: Vec<ColumnView>,
    pub statuses: Vec<StatusValueView>,
    pub area_status: StatusView,
    pub areas_csv: String,
    pub areas_json: String,
    pub national_json: String,
    pub downloads: Vec<DownloadView>,
    pub sources: Vec<SourceView>,
    pub corrections: Vec<CorrectionView>,
    pub citation: String,
    pub status_href: String,
    pub no_rows: Vec<String>,
}

fn download(site: &Site, rel: &str) -> String {
    format!("{}{}", site.config.base_path(), rel)
}

pub fn data_view(site: &Site, theme: &Theme, fmt: &Formatter, updated: Date) -> DataView {
    let lang = fmt.lang;
    let strings = theme.strings(lang);
    let get = |k: &str| strings.get(k).cloned().unwrap_or_else(|| k.to_string());
    let report = &site.report;
    let segment = &report.area.segment;
    let column = |name: String, meaning: String, unit: String| ColumnView {
        name,
        meaning,
        unit,
    };
    let mut columns = vec![
        column(
            "code".into(),
            report.area.code_description.get(lang).to_string(),
            get("unit_text"),
        ),
        column("slug".into(), get("column_slug"), get("unit_text")),
    ];
    for &l in &site.config.languages {
        columns.push(column(
            format!("name_{l}"),
            get("column_name").replace(
                "{language}",
                strings
                    .get(&format!("language_{l}"))
                    .map_or(l.code(), String::as_str),
            ),
            get("unit_text"),
        ));
    }
    if let Some(g) = &report.area.grouping {
        let keys: Vec<String> = site
            .groups
            .iter()
            .map(|x| format!("{} ({})", x.key, x.name.get(lang)))
            .collect();
        columns.push(column(
            g.key.clone(),
            format!("{}: {}", get("column_group"), keys.join(", ")),
            get("unit_text"),
        ));
    }
    columns.push(column(
        "period_start".into(),
        get("column_period_start"),
        get("unit_period_start"),
    ));
    columns.push(column(
        "period_end".into(),
        get("column_period_end"),
        get("unit_period_end"),
    ));
    for m in report.column_order() {
        columns.push(column(
            m.column.clone(),
            m.description.get(lang).to_string(),
            fmt.unit_word(&m.unit),
        ));
    }
    columns.push(column(
        "data_status".into(),
        get("column_data_status"),
        get("unit_data_status"),
    ));
    columns.push(column(
        "has_figures".into(),
        get("column_reported"),
        get("unit_true_false"),
    ));
    columns.push(column(
        "expected".into(),
        get("column_expected"),
        get("unit_true_false"),
    ));
    let page = absolute(site, lang, &Route::one(Kind::Data).rel(site));
    let citation = get("cite_format")
        .replace("{agency}", site.config.agency_name.get(lang))
        .replace("{parent}", site.config.agency_parent.get(lang))
        .replace("{title}", site.config.title.get(lang))
        .replace("{address}", &page)
        .replace("{date}", &fmt.date(updated));
    DataView {
        columns,
        statuses: [
            DataStatus::Official,
            DataStatus::Provisional,
            DataStatus::Illustrative,
        ]
        .into_iter()
        .map(|s| StatusValueView {
            key: s.key(),
            label: get(&format!("status_{}", s.key())),
            meaning: get(&format!("status_{}_meaning", s.key())),
        })
        .collect(),
        area_status: status_view(strings, site.area_data_status()),
        areas_csv: download(site, &format!("data/{segment}.csv")),
        areas_json: download(site, &format!("data/{segment}.json")),
        national_json: download(site, "data/national.json"),
        downloads: site
            .records
            .iter()
            .map(|p| {
                let area = site.area(p);
                DownloadView {
                    name: area.name.get(lang).to_string(),
                    csv: download(site, &format!("data/{segment}/{}.csv", area.slug)),
                    json: download(site, &format!("data/{segment}/{}.json", area.slug)),
                }
            })
            .collect(),
        sources: site
            .national
            .periods
            .iter()
            .rev()
            .map(|np| SourceView {
                period: fmt.period(&np.period),
                period_iso: format!("{} – {}", np.period.start, np.period.end),
                status: status_view(strings, np.data_status),
                provenance: provenance_view(fmt, strings, np),
            })
            .collect(),
        corrections: correction_views(site, fmt),
        citation,
        status_href: href(site, lang, &Route::one(Kind::Status).rel(site)),
        no_rows: site
            .records
            .iter()
            .filter(|p| p.results.is_empty())
            .map(|p| site.area(p).name.get(lang).to_string())
            .collect(),
    }
}

// ---- the reporting-status page ----

#[derive(Serialize)]
pub struct StatusRow {
    pub code: String,
    pub name: String,
    pub href: String,
    pub has_figures: bool,
    /// Whether the area is expected to report for the period.
    pub expected: bool,
    pub figures: String,
    pub status: StatusView,
}

#[derive(Serialize)]
pub struct StatusGroup {
    pub key: String,
    pub name: String,
    pub count: String,
    pub rows: Vec<StatusRow>,
}

#[derive(Serialize)]
pub struct StatusPeriod {
    pub key: String,
    pub period: String,
    pub count: String,
    /// Whether the national figures are published, in words.
    pub national: String,
    pub groups: Vec<StatusGroup>,
}

#[derive(Serialize)]
pub struct ReportingView {
    pub periods: Vec<StatusPeriod>,
    pub area_status: StatusView,
    pub data_href: String,
}

pub fn reporting_view(site: &Site, theme: &Theme, fmt: &Formatter) -> ReportingView {
    let lang = fmt.lang;
    let strings = theme.strings(lang);
    let get = |k: &str| strings.get(k).cloned().unwrap_or_else(|| k.to_string());
    let periods = site
        .national
        .periods
        .iter()
        .rev()
        .map(|np| {
            let mut groups: Vec<StatusGroup> = site
                .groups
                .iter()
                .map(|r| StatusGroup {
                    key: r.key.clone(),
                    name: r.name.get(lang).to_string(),
                    count: String::new(),
                    rows: Vec::new(),
                })
                .collect();
            let mut coverage = vec![Coverage::default(); site.groups.len()];
            for (i, p) in site.records.iter().enumerate() {
                let area = site.area(p);
                let result = p.result_for(&np.period);
                let has = result.is_some();
                let expected = site.is_expected(np, p.area);
                let c = &mut coverage[area.group];
                c.expected += usize::from(expected);
                c.reported += usize::from(expected && has);
                groups[area.group].rows.push(StatusRow {
                    code: area.code.to_string(),
                    name: area.name.get(lang).to_string(),
                    href: href(site, lang, &Route::area(i).rel(site)),
                    has_figures: has,
                    expected,
                    figures: get(match (has, expected) {
                        (true, _) => "status_has_figures",
                        (false, true) => "status_not_reported",
                        (false, false) => "status_not_expected",
                    }),
                    status: status_view(strings, result.map_or(p.data_status, |r| r.status)),
                });
            }
            for (r, c) in groups.iter_mut().zip(coverage) {
                r.count = coverage_words(strings, fmt, c);
            }
            StatusPeriod {
                key: np.period.key(),
                period: fmt.period(&np.period),
                count: coverage_words(strings, fmt, np.coverage),
                // Said only while pending: a report whose totals are not national (a
                // province's districts) words it in its own strings.
                national: if np.pending {
                    get("national_pending")
                } else {
                    String::new()
                },
                groups: groups.into_iter().filter(|r| !r.rows.is_empty()).collect(),
            }
        })
        .collect();
    ReportingView {
        periods,
        area_status: status_view(strings, site.area_data_status()),
        data_href: href(site, lang, &Route::one(Kind::Data).rel(site)),
    }
}
