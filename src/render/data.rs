//! Open data: the figures as files anyone can download, and the pages that explain them.
//!
//! The downloads are written from the same validated model as the pages, so a number in a
//! CSV is the number in the table. Numbers are plain ASCII digits without grouping whatever
//! the pages show; CSV starts with a UTF-8 byte-order mark so spreadsheet programs read the
//! Thai names correctly; JSON is plain UTF-8 with keys in a fixed order.

use serde::Serialize;

use super::format::Formatter;
use super::theme::{Strings, Theme};
use super::views::{
    CorrectionView, ProvenanceView, Route, StatusView, absolute, correction_views, href,
    provenance_view, status_view,
};
use crate::model::*;
use crate::output::Output;

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 15] = [
    "code",
    "slug",
    "name_th",
    "name_en",
    "region",
    "period_start",
    "period_end",
    "target_groups_agriculture",
    "target_groups_processing",
    "target_groups_community_tourism",
    "target_groups_total",
    "groups_with_higher_income",
    "income_increase_baht",
    "beneficiaries",
    "data_status",
];

const BOM: &[u8] = b"\xEF\xBB\xBF";

// ---- JSON shapes (field order is the key order in the files) ----

#[derive(Serialize)]
struct BilingualJson<'a> {
    th: &'a str,
    en: &'a str,
}

impl<'a> From<&'a Text> for BilingualJson<'a> {
    fn from(t: &'a Text) -> Self {
        BilingualJson {
            th: &t.th,
            en: &t.en,
        }
    }
}

#[derive(Serialize)]
struct FiguresJson {
    period_start: String,
    period_end: String,
    target_groups_agriculture: u64,
    target_groups_processing: u64,
    target_groups_community_tourism: u64,
    target_groups_total: u64,
    groups_with_higher_income: u64,
    income_increase_baht: u64,
    beneficiaries: u64,
}

impl FiguresJson {
    fn new(period: &Period, f: &Figures) -> Self {
        FiguresJson {
            period_start: period.start.to_string(),
            period_end: period.end.to_string(),
            target_groups_agriculture: f.agriculture,
            target_groups_processing: f.processing,
            target_groups_community_tourism: f.community_tourism,
            target_groups_total: f.target_groups(),
            groups_with_higher_income: f.groups_with_higher_income,
            income_increase_baht: f.income_increase_baht,
            beneficiaries: f.beneficiaries,
        }
    }
}

#[derive(Serialize)]
struct ProvinceJson<'a> {
    code: &'a str,
    slug: &'a str,
    name_th: &'a str,
    name_en: &'a str,
    region: &'a str,
    region_th: &'a str,
    region_en: &'a str,
    data_status: &'static str,
    results: Vec<FiguresJson>,
}

#[derive(Serialize)]
struct ProvincesFileJson<'a> {
    note: BilingualJson<'a>,
    provinces: Vec<ProvinceJson<'a>>,
}

#[derive(Serialize)]
struct SourceJson<'a> {
    title: BilingualJson<'a>,
    publisher: BilingualJson<'a>,
    released: Option<String>,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct NationalPeriodJson<'a> {
    #[serde(flatten)]
    figures: FiguresJson,
    data_status: &'static str,
    source: SourceJson<'a>,
    next_release: Option<String>,
}

#[derive(Serialize)]
struct CorrectionJson<'a> {
    date: String,
    what: BilingualJson<'a>,
    why: BilingualJson<'a>,
}

#[derive(Serialize)]
struct NationalJson<'a> {
    updated: String,
    periods: Vec<NationalPeriodJson<'a>>,
    corrections: Vec<CorrectionJson<'a>>,
}

fn province_json<'a>(site: &'a Site, p: &'a Province) -> ProvinceJson<'a> {
    let area = site.area(p);
    let region = site.region_of(area);
    ProvinceJson {
        code: area.code.as_str(),
        slug: &area.slug,
        name_th: &area.name.th,
        name_en: &area.name.en,
        region: &region.key,
        region_th: &region.name.th,
        region_en: &region.name.en,
        data_status: p.data_status.key(),
        results: p
            .results
            .iter()
            .map(|r| FiguresJson::new(&r.period, &r.figures))
            .collect(),
    }
}

fn json_bytes<T: Serialize>(value: &T) -> Result<Vec<u8>, String> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn csv_bytes<'a>(
    site: &Site,
    provinces: impl Iterator<Item = &'a Province>,
) -> Result<Vec<u8>, String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    w.write_record(CSV_HEADER).map_err(|e| e.to_string())?;
    for p in provinces {
        let area = site.area(p);
        for r in &p.results {
            let f = &r.figures;
            let numbers = [
                f.agriculture,
                f.processing,
                f.community_tourism,
                f.target_groups(),
                f.groups_with_higher_income,
                f.income_increase_baht,
                f.beneficiaries,
            ]
            .map(|n| n.to_string());
            let mut row: Vec<&str> = vec![
                area.code.as_str(),
                &area.slug,
                &area.name.th,
                &area.name.en,
                &site.region_of(area).key,
            ];
            let (start, end) = (r.period.start.to_string(), r.period.end.to_string());
            row.push(&start);
            row.push(&end);
            row.extend(numbers.iter().map(String::as_str));
            row.push(p.data_status.key());
            w.write_record(row.iter().map(|c| super::format::csv_cell(c).into_owned()))
                .map_err(|e| e.to_string())?;
        }
    }
    w.into_inner().map_err(|e| e.to_string())
}

/// The notice that goes with the province figures, in both languages.
fn note(theme: &Theme, status: DataStatus) -> Text {
    let key = format!("status_{}_notice", status.key());
    Text {
        th: theme.t(Lang::Th, &key),
        en: theme.t(Lang::En, &key),
    }
}

/// Every download: `(path below the site root, bytes)`.
pub fn files(site: &Site, theme: &Theme) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut files = Vec::new();
    let notice = note(theme, site.province_data_status());
    files.push((
        "data/provinces.csv".to_string(),
        csv_bytes(site, site.provinces.iter())?,
    ));
    files.push((
        "data/provinces.json".to_string(),
        json_bytes(&ProvincesFileJson {
            note: (&notice).into(),
            provinces: site
                .provinces
                .iter()
                .map(|p| province_json(site, p))
                .collect(),
        })?,
    ));
    for p in &site.provinces {
        let slug = &site.area(p).slug;
        files.push((
            format!("data/provinces/{slug}.csv"),
            csv_bytes(site, std::iter::once(p))?,
        ));
        let own = note(theme, p.data_status);
        files.push((
            format!("data/provinces/{slug}.json"),
            json_bytes(&ProvincesFileJson {
                note: (&own).into(),
                provinces: vec![province_json(site, p)],
            })?,
        ));
    }
    let n = &site.national;
    files.push((
        "data/national.json".to_string(),
        json_bytes(&NationalJson {
            updated: n.updated.to_string(),
            periods: n
                .periods
                .iter()
                .map(|np| NationalPeriodJson {
                    figures: FiguresJson::new(&np.period, &np.figures),
                    data_status: np.data_status.key(),
                    source: SourceJson {
                        title: (&np.source.title).into(),
                        publisher: (&np.source.publisher).into(),
                        released: np.source.released.map(|d| d.to_string()),
                        url: np.source.url.as_deref(),
                    },
                    next_release: np.next_release.map(|d| d.to_string()),
                })
                .collect(),
            corrections: n
                .corrections
                .iter()
                .map(|c| CorrectionJson {
                    date: c.date.to_string(),
                    what: (&c.what).into(),
                    why: (&c.why).into(),
                })
                .collect(),
        })?,
    ));
    Ok(files)
}

/// Write every download.
pub fn write(site: &Site, theme: &Theme, out: &Output) -> Result<usize, String> {
    let files = files(site, theme)?;
    for (path, bytes) in &files {
        out.write(path, bytes)
            .map_err(|e| format!("cannot write {path}: {e}"))?;
    }
    Ok(files.len())
}

// ---- the data page ----

#[derive(Serialize)]
pub struct ColumnView {
    pub name: &'static str,
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
    pub province_status: StatusView,
    pub provinces_csv: String,
    pub provinces_json: String,
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
    let columns = CSV_HEADER
        .iter()
        .map(|&name| ColumnView {
            name,
            meaning: get(&format!("column_{name}")),
            unit: get(&format!("unit_{name}")),
        })
        .collect();
    let page = absolute(site, lang, &Route::Data.rel(site));
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
        province_status: status_view(strings, site.province_data_status()),
        provinces_csv: download(site, "data/provinces.csv"),
        provinces_json: download(site, "data/provinces.json"),
        national_json: download(site, "data/national.json"),
        downloads: site
            .provinces
            .iter()
            .map(|p| {
                let area = site.area(p);
                DownloadView {
                    name: area.name.get(lang).to_string(),
                    csv: download(site, &format!("data/provinces/{}.csv", area.slug)),
                    json: download(site, &format!("data/provinces/{}.json", area.slug)),
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
        status_href: href(site, lang, &Route::Status.rel(site)),
        no_rows: site
            .provinces
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
    pub figures: String,
    pub status: StatusView,
}

#[derive(Serialize)]
pub struct StatusRegion {
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
    pub regions: Vec<StatusRegion>,
}

#[derive(Serialize)]
pub struct ReportingView {
    pub periods: Vec<StatusPeriod>,
    pub province_status: StatusView,
    pub data_href: String,
}

fn count(strings: &Strings, fmt: &Formatter, n: usize, total: usize) -> String {
    strings
        .get("reported_of")
        .cloned()
        .unwrap_or_default()
        .replace("{n}", &fmt.number(n as u64))
        .replace("{total}", &fmt.number(total as u64))
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
            let mut regions: Vec<StatusRegion> = site
                .regions
                .iter()
                .map(|r| StatusRegion {
                    key: r.key.clone(),
                    name: r.name.get(lang).to_string(),
                    count: String::new(),
                    rows: Vec::new(),
                })
                .collect();
            let mut reported = 0;
            for (i, p) in site.provinces.iter().enumerate() {
                let area = site.area(p);
                let has = p.result_for(&np.period).is_some();
                reported += usize::from(has);
                regions[area.region].rows.push(StatusRow {
                    code: area.code.to_string(),
                    name: area.name.get(lang).to_string(),
                    href: href(site, lang, &Route::Province(i).rel(site)),
                    has_figures: has,
                    figures: get(if has {
                        "status_has_figures"
                    } else {
                        "status_no_figures"
                    }),
                    status: status_view(strings, p.data_status),
                });
            }
            for r in &mut regions {
                let n = r.rows.iter().filter(|x| x.has_figures).count();
                r.count = count(strings, fmt, n, r.rows.len());
            }
            StatusPeriod {
                key: np.period.key(),
                period: fmt.period(&np.period),
                count: count(strings, fmt, reported, site.areas.len()),
                regions: regions.into_iter().filter(|r| !r.rows.is_empty()).collect(),
            }
        })
        .collect();
    ReportingView {
        periods,
        province_status: status_view(strings, site.province_data_status()),
        data_href: href(site, lang, &Route::Data.rel(site)),
    }
}
