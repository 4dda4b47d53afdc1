//! What templates see: small serialisable views built from the model, with every number
//! and date already written the way the page's language writes it.
//!
//! Templates never see the model itself, so a template cannot format a figure differently
//! on two pages, and the model can change without breaking themes.

use serde::Serialize;

use super::format::Formatter;
use super::markdown::{self, MarkdownContext};
use super::theme::{Strings, Theme};
use crate::model::report::{Measure, Report};
use crate::model::*;

pub use super::pages::{Kind, Route};

/// Path below the site root for a route in a language (`en/faq/`).
pub fn lang_rel(site: &Site, lang: Lang, rel: &str) -> String {
    if lang == site.config.default_lang() {
        rel.to_string()
    } else {
        format!("{}/{}", lang.code(), rel)
    }
}

/// Root-relative address (`/report/en/faq/`).
pub fn href(site: &Site, lang: Lang, rel: &str) -> String {
    format!("{}{}", site.config.base_path(), lang_rel(site, lang, rel))
}

/// Absolute address (`https://example.org/report/en/faq/`).
pub fn absolute(site: &Site, lang: Lang, rel: &str) -> String {
    format!("{}{}", site.config.base_url, lang_rel(site, lang, rel))
}

#[derive(Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub agency_name: String,
    pub agency_parent: String,
    /// Who publishes the site; empty when the site does not say.
    pub publisher: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub contact_address: String,
}

#[derive(Serialize)]
pub struct PageMeta {
    pub title: String,
    pub description: String,
    pub href: String,
    pub canonical: String,
    pub updated: String,
    pub updated_iso: String,
    pub kind: &'static str,
}

#[derive(Serialize)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}

#[derive(Serialize)]
pub struct Link {
    pub href: String,
    pub label: String,
    pub current: bool,
    pub lang: String,
}

/// What every page's template gets that is its own (what every page of a language shares
/// is in [`SiteWide`]).
#[derive(Serialize)]
pub struct Common {
    pub lang: Lang,
    pub page: PageMeta,
    pub alternates: Vec<Alternate>,
    /// Links to the page in each other language.
    pub switches: Vec<Link>,
    pub meta: super::meta::MetaView,
}

/// What every page's template gets that is the same on every page of a language: made
/// into template values once per build, not once per page.
#[derive(Serialize)]
pub struct SiteWide {
    pub site: SiteView,
    pub home_href: String,
    pub assets: String,
    /// The fingerprinted stylesheet's address.
    pub stylesheet: String,
    pub data_href: String,
    pub areas_href: String,
    pub search_href: String,
    pub group_links: Vec<Link>,
}

/// A labelled value in a figures table.
#[derive(Serialize)]
pub struct Row {
    pub key: String,
    pub label: String,
    pub value: String,
    /// The plain number, for scripts and tests (empty when not given).
    pub raw: String,
    /// Indented under the row before (a part under its total).
    pub part: bool,
}

/// The text of a value on a page: the value, or the "not given" mark.
pub fn shown(fmt: &Formatter, strings: &Strings, m: &Measure, v: Option<u64>) -> String {
    match v {
        Some(v) => fmt.value(m, v),
        None => strings.get("value_not_given").cloned().unwrap_or_default(),
    }
}

/// One row per measure, each total followed by its parts.
pub fn figure_rows(
    fmt: &Formatter,
    strings: &Strings,
    report: &Report,
    values: &Values,
) -> Vec<Row> {
    report
        .table_order()
        .into_iter()
        .map(|(m, depth)| Row {
            key: m.column.clone(),
            label: m.label.get(fmt.lang).to_string(),
            value: shown(fmt, strings, m, values.get(m.id)),
            raw: values
                .get(m.id)
                .map(|v| super::format::plain_decimal(v, m.decimals))
                .unwrap_or_default(),
            part: depth > 0,
        })
        .collect()
}

/// A data status as templates read it: its `key`, `label` and `notice` (see
/// [`status_view`]). One template value per language and status, made once and shared by
/// every page that shows it: an area page shows a status beside each table and chart.
///
/// For templates only: serialised by anything but tera, its fields come in no set order.
#[derive(Clone)]
pub struct StatusView(tera::Value);

impl Serialize for StatusView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Into a page's template values this is a shared copy (tera passes its own values
        // through).
        self.0.serialize(serializer)
    }
}

#[derive(Serialize)]
struct StatusFields {
    key: &'static str,
    label: String,
    notice: String,
}

/// Data status `s` in the words of `strings`.
pub fn status_view(strings: &Strings, s: DataStatus) -> StatusView {
    StatusView(strings.status_value(s, || {
        tera::Value::from_serializable(&StatusFields {
            key: s.key(),
            label: status_text(strings, s, ""),
            notice: status_notice(strings, s),
        })
    }))
}

/// What data status `s` means for the figures, in the words of `strings` (the UI string
/// `status_<key>_notice`).
pub fn status_notice(strings: &Strings, s: DataStatus) -> String {
    status_text(strings, s, "_notice")
}

/// The UI string `status_<key><suffix>`, or that key where the strings lack it.
fn status_text(strings: &Strings, s: DataStatus, suffix: &str) -> String {
    let key = format!("status_{}{suffix}", s.key());
    strings.get(&key).cloned().unwrap_or(key)
}

pub fn markdown_context_labels(strings: &Strings) -> impl Fn(&str) -> String + '_ {
    move |key: &str| {
        strings
            .get(&format!("alert_{key}"))
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }
}

pub fn render_markdown(
    site: &Site,
    theme: &Theme,
    lang: Lang,
    text: &str,
    footnote_prefix: &str,
) -> String {
    let labels = markdown_context_labels(theme.strings(lang));
    let cx = MarkdownContext {
        base_path: site.config.base_path(),
        alert_label: &labels,
        footnote_prefix,
    };
    markdown::to_html(text, &cx)
}

// ---- home ----

#[derive(Serialize)]
pub struct CheckRow {
    pub label: String,
    pub national: String,
    pub areas: String,
    pub difference: String,
    pub matches: bool,
}

#[derive(Serialize)]
pub struct ProvenanceView {
    pub title: String,
    pub publisher: String,
    pub released: String,
    pub url: String,
    pub next_release: String,
}

#[derive(Serialize)]
pub struct NationalPeriodView {
    pub key: String,
    pub period: String,
    pub status: StatusView,
    /// The national figures are not yet published (some may be).
    pub pending: bool,
    /// None of them is published yet.
    pub none_published: bool,
    /// Every area expected to report has, and the national figures are published.
    pub complete: bool,
    /// "3 of 77 provinces reported so far".
    pub coverage: String,
    pub rows: Vec<Row>,
    pub source: ProvenanceView,
    pub check: Vec<CheckRow>,
    pub check_all_match: bool,
    pub reported: String,
    pub area_status: StatusView,
}

#[derive(Serialize)]
pub struct CorrectionView {
    pub date: String,
    pub what: String,
    pub why: String,
}

/// A newer period whose figures are still arriving, shown beside the complete one.
#[derive(Serialize)]
pub struct ArrivingView {
    pub title: String,
    /// Why the page keeps showing the complete period.
    pub intro: String,
    pub np: NationalPeriodView,
}

#[derive(Serialize)]
pub struct HomeView {
    pub intro_html: String,
    /// The period the page leads with: the latest complete one.
    pub latest: Option<NationalPeriodView>,
    /// Newer periods whose figures are still arriving, newest first.
    pub arriving: Vec<ArrivingView>,
    pub status_href: String,
    pub earlier: Vec<NationalPeriodView>,
    pub corrections: Vec<CorrectionView>,
}

/// Where a national period's figures come from, as the page's language writes it (empty
/// while the figures are pending and the period names no source yet).
pub fn provenance_view(fmt: &Formatter, strings: &Strings, np: &NationalPeriod) -> ProvenanceView {
    let lang = fmt.lang;
    let next_release = np.next_release.map(|d| fmt.date(d)).unwrap_or_default();
    let Some(source) = &np.source else {
        return ProvenanceView {
            title: String::new(),
            publisher: String::new(),
            released: String::new(),
            url: String::new(),
            next_release,
        };
    };
    ProvenanceView {
        title: source.title.get(lang).to_string(),
        publisher: source.publisher.get(lang).to_string(),
        released: source
            .released
            .map(|d| fmt.date(d))
            .unwrap_or_else(|| strings.get("date_not_stated").cloned().unwrap_or_default()),
        url: source.url.clone().unwrap_or_default(),
        next_release,
    }
}

/// "3 of 77 provinces reported so far", or that all expected have.
pub fn coverage_words(strings: &Strings, fmt: &Formatter, c: Coverage) -> String {
    let key = if c.expected == 0 {
        "reported_none_expected"
    } else if c.all_in() {
        "reported_all"
    } else {
        "reported_so_far"
    };
    strings
        .get(key)
        .cloned()
        .unwrap_or_default()
        .replace("{n}", &fmt.number(c.reported as u64))
        .replace("{total}", &fmt.number(c.expected as u64))
}

/// The corrections log, oldest first, as the page's language writes it.
pub fn correction_views(site: &Site, fmt: &Formatter) -> Vec<CorrectionView> {
    site.national
        .corrections
        .iter()
        .map(|c| CorrectionView {
            date: fmt.date(c.date),
            what: c.what.get(fmt.lang).to_string(),
            why: c.why.get(fmt.lang).to_string(),
        })
        .collect()
}

fn national_period_view(
    site: &Site,
    fmt: &Formatter,
    strings: &Strings,
    np: &NationalPeriod,
) -> NationalPeriodView {
    let (sum, _) = site.area_totals(&np.period);
    let report = &site.report;
    let get = |k: &str| strings.get(k).cloned().unwrap_or_default();
    let check: Vec<CheckRow> = report
        .table_order()
        .into_iter()
        .filter(|(m, _)| m.sums)
        .map(|(m, _)| {
            let (n, p) = (np.values.get(m.id), sum.get(m.id));
            let diff = match (n, p) {
                (Some(n), Some(p)) => i128::from(p) - i128::from(n),
                (Some(n), None) => -i128::from(n),
                (None, Some(p)) => i128::from(p),
                (None, None) => 0,
            };
            let difference = if m.decimals == 0 {
                fmt.difference(diff)
            } else {
                let sign = match diff.signum() {
                    1 => "+",
                    -1 => "−",
                    _ => "",
                };
                let body = super::format::grouped_decimal(diff.unsigned_abs() as u64, m.decimals);
                fmt.digits(&format!("{sign}{body}"))
            };
            CheckRow {
                label: m.label.get(fmt.lang).to_string(),
                national: match n {
                    None if np.pending => get("value_not_published"),
                    _ => shown(fmt, strings, m, n),
                },
                areas: shown(fmt, strings, m, p),
                difference,
                matches: diff == 0,
            }
        })
        .collect();
    let mut rows = figure_rows(fmt, strings, report, &np.values);
    if np.pending {
        let not_yet = get("value_not_published");
        for row in rows.iter_mut().filter(|r| r.raw.is_empty()) {
            row.value = not_yet.clone();
        }
    }
    NationalPeriodView {
        key: np.period.key(),
        period: fmt.period(&np.period),
        status: status_view(strings, np.data_status),
        pending: np.pending,
        none_published: rows.iter().all(|r| r.raw.is_empty()),
        complete: site.is_complete(np),
        coverage: coverage_words(strings, fmt, np.coverage),
        rows,
        source: provenance_view(fmt, strings, np),
        check_all_match: check.iter().all(|c| c.matches),
        check,
        reported: coverage_words(strings, fmt, np.coverage),
        area_status: status_view(strings, site.period_area_status(&np.period)),
    }
}

pub fn home_view(site: &Site, theme: &Theme, fmt: &Formatter) -> HomeView {
    let lang = fmt.lang;
    let strings = theme.strings(lang);
    let shown = site.shown_period();
    let latest = shown.map(|np| national_period_view(site, fmt, strings, np));
    let earlier = site
        .national
        .periods
        .iter()
        .rev()
        .filter(|np| shown.is_some_and(|s| np.period < s.period))
        .map(|np| national_period_view(site, fmt, strings, np))
        .collect();
    let arriving_periods = site.arriving_periods();
    let shown_words = shown.map(|np| fmt.period(&np.period)).unwrap_or_default();
    HomeView {
        arriving: arriving_periods
            .iter()
            .map(|np| {
                let period = fmt.period(&np.period);
                let get = |k: &str| strings.get(k).cloned().unwrap_or_default();
                ArrivingView {
                    title: get("arriving_title").replace("{period}", &period),
                    intro: get("arriving_intro")
                        .replace("{period}", &period)
                        .replace("{shown}", &shown_words),
                    np: national_period_view(site, fmt, strings, np),
                }
            })
            .collect(),
        status_href: href(site, lang, &Route::one(Kind::Status).rel(site)),
        intro_html: site
            .home
            .get(lang)
            .map(|d| render_markdown(site, theme, lang, &d.body.text, "home-fn-"))
            .unwrap_or_default(),
        latest,
        earlier,
        corrections: correction_views(site, fmt),
    }
}

// ---- areas index ----

/// A value in a table cell.
#[derive(Serialize)]
pub struct Cell {
    pub value: String,
    pub raw: String,
}

#[derive(Serialize)]
pub struct IndexRow {
    pub code: String,
    pub name: String,
    pub href: String,
    pub status: StatusView,
    pub has_figures: bool,
    /// What the status column says when the area has no figures for the period.
    pub missing: String,
    pub cells: Vec<Cell>,
}

#[derive(Serialize)]
pub struct GroupView {
    pub key: String,
    pub name: String,
    /// The group's page; empty when the site has no group pages.
    pub href: String,
    pub count: String,
    pub rows: Vec<IndexRow>,
}

#[derive(Serialize)]
pub struct IndexView {
    pub period: String,
    /// "3 of 77 provinces reported so far" for the period shown, when not all have.
    pub coverage: String,
    /// A sentence per newer period whose figures are still arriving.
    pub arriving: Vec<String>,
    pub status_href: String,
    /// The measure columns' headings.
    pub columns: Vec<String>,
    pub groups: Vec<GroupView>,
    pub grouped: bool,
    pub status: StatusView,
    pub count: String,
}

/// The heading of a measure's column: its short name, with the unit where it helps.
fn column_heading(fmt: &Formatter, m: &Measure) -> String {
    match &m.unit {
        crate::model::report::Unit::Money { .. } | crate::model::report::Unit::Percent => {
            format!("{} ({})", m.short.get(fmt.lang), fmt.unit_word(&m.unit))
        }
        _ => m.short.get(fmt.lang).to_string(),
    }
}

/// The areas table's measure columns: every top-level measure.
pub fn index_columns(site: &Site, fmt: &Formatter) -> Vec<String> {
    site.report
        .top_level()
        .map(|m| column_heading(fmt, m))
        .collect()
}

/// Area record `i`'s row in an areas table, with its figures for the shown period `shown`.
pub fn index_row(
    site: &Site,
    theme: &Theme,
    fmt: &Formatter,
    i: usize,
    shown: Option<&NationalPeriod>,
) -> IndexRow {
    let lang = fmt.lang;
    let strings = theme.strings(lang);
    let none = strings.get("no_figures_short").cloned().unwrap_or_default();
    let get = |k: &str| strings.get(k).cloned().unwrap_or_default();
    let p = &site.records[i];
    let area = site.area(p);
    let result = shown.and_then(|np| p.result_for(&np.period));
    // An area expected to report that has not says so, never a dash that reads as zero.
    let (missing, missing_status) = match shown {
        Some(np) if result.is_none() && site.is_expected(np, p.area) => {
            (get("value_not_reported"), get("status_not_reported"))
        }
        Some(_) if result.is_none() && !p.own_figures => (none.clone(), get("status_not_expected")),
        _ => (none.clone(), get("status_no_figures")),
    };
    IndexRow {
        code: area.code.to_string(),
        name: area.name.get(lang).to_string(),
        href: href(site, lang, &Route::area(i).rel(site)),
        status: status_view(strings, result.map_or(p.data_status, |r| r.status)),
        has_figures: result.is_some(),
        missing: missing_status,
        cells: site
            .report
            .top_level()
            .map(|m| {
                let v = result.and_then(|r| r.values.get(m.id));
                Cell {
                    value: v.map(|v| fmt.bare(m, v)).unwrap_or_else(|| missing.clone()),
                    raw: v
                        .map(|v| super::format::plain_decimal(v, m.decimals))
                        .unwrap_or_default(),
                }
            })
            .collect(),
    }
}

pub fn index_view(site: &Site, theme: &Theme, fmt: &Formatter) -> IndexView {
    let lang = fmt.lang;
    let strings = theme.strings(lang);
    let report = &site.report;
    let shown = site.shown_period();
    let period = shown.map(|p| p.period);
    let group_pages = site.group_segment().is_some();
    let mut groups: Vec<GroupView> = site
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| GroupView {
            key: g.key.clone(),
            name: g.name.get(lang).to_string(),
            href: if group_pages {
                href(site, lang, &Route::group(i).rel(site))
            } else {
                String::new()
            },
            count: String::new(),
            rows: Vec::new(),
        })
        .collect();
    for (i, p) in site.records.iter().enumerate() {
        groups[site.area(p).group]
            .rows
            .push(index_row(site, theme, fmt, i, shown));
    }
    for g in &mut groups {
        g.count = fmt.number(g.rows.len() as u64);
    }
    IndexView {
        period: period.map(|p| fmt.period(&p)).unwrap_or_default(),
        coverage: shown
            .filter(|np| !np.coverage.all_in())
            .map(|np| coverage_words(strings, fmt, np.coverage))
            .unwrap_or_default(),
        arriving: arriving_notes(site, strings, fmt),
        status_href: href(site, lang, &Route::one(Kind::Status).rel(site)),
        columns: index_columns(site, fmt),
        groups: groups.into_iter().filter(|g| !g.rows.is_empty()).collect(),
        grouped: report.area.grouping.is_some(),
        status: status_view(
            strings,
            period.map_or(site.area_data_status(), |p| site.period_area_status(&p)),
        ),
        count: fmt.number(site.records.len() as u64),
    }
}

/// "Figures for <period> are still arriving: 3 of 77 provinces reported so far. This page
/// shows <period>, the latest complete period.", one per arriving period.
pub fn arriving_notes(site: &Site, strings: &Strings, fmt: &Formatter) -> Vec<String> {
    let shown = site
        .shown_period()
        .map(|np| fmt.period(&np.period))
        .unwrap_or_default();
    site.arriving_periods()
        .into_iter()
        .map(|np| {
            strings
                .get("arriving_note")
                .cloned()
                .unwrap_or_default()
                .replace("{period}", &fmt.period(&np.period))
                .replace("{count}", &coverage_words(strings, fmt, np.coverage))
                .replace("{shown}", &shown)
        })
        .collect()
}

// ---- area page ----

#[derive(Serialize)]
pub struct ResultView {
    pub key: String,
    pub period: String,
    /// The period's own data status.
    pub status: StatusView,
    pub rows: Vec<Row>,
}

#[derive(Serialize)]
pub struct EventView {
    pub kind: String,
    pub when: String,
    pub title: String,
}

#[derive(Serialize)]
pub struct SourceView {
    pub title: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct FieldView {
    pub label: String,
    pub value: String,
    pub missing: String,
}

#[derive(Serialize)]
pub struct AreaView {
    pub code: String,
    pub name: String,
    pub group: String,
    /// The group's page; empty when the site has no group pages.
    pub group_href: String,
    pub status: StatusView,
    /// One notice per status other than official among the area's periods, with the
    /// periods it covers.
    pub notices: Vec<PeriodNotice>,
    /// Arriving periods the area is expected to report for and has not yet.
    pub not_reported: Vec<String>,
    pub has_figures: bool,
    pub fields: Vec<FieldView>,
    pub results: Vec<ResultView>,
    pub narrative_html: String,
    pub narrative_missing: bool,
    pub events: Vec<EventView>,
    pub sources: Vec<SourceView>,
    pub previous: Option<Link>,
    pub next: Option<Link>,
    /// How the area compares with the others; `None` without figures.
    pub compare: Option<super::compare::CompareView>,
}

/// A data-status notice on an area page, with the periods whose figures it is about.
#[derive(Serialize)]
pub struct PeriodNotice {
    pub status: StatusView,
    /// "Figures of 10/2016 – 5/2017:" when the area's periods differ in status; empty when
    /// they all have this one.
    pub periods: String,
}

fn period_notices(strings: &Strings, fmt: &Formatter, p: &AreaRecord) -> Vec<PeriodNotice> {
    let mut out = Vec::new();
    let all_same = p.results.windows(2).all(|w| w[0].status == w[1].status);
    for status in [DataStatus::Illustrative, DataStatus::Provisional] {
        let periods: Vec<String> = p
            .results
            .iter()
            .filter(|r| r.status == status)
            .map(|r| fmt.period(&r.period))
            .collect();
        if periods.is_empty() {
            continue;
        }
        out.push(PeriodNotice {
            status: status_view(strings, status),
            periods: if all_same {
                String::new()
            } else {
                strings
                    .get("period_status_note")
                    .cloned()
                    .unwrap_or_default()
                    .replace("{period}", &periods.join(", "))
            },
        });
    }
    out
}

/// An area page's view. Its narrative is read from its file here, when the page is rendered.
pub fn area_view(
    site: &Site,
    theme: &Theme,
    fmt: &Formatter,
    index: usize,
) -> Result<AreaView, super::Failure> {
    let lang = fmt.lang;
    let strings = theme.strings(lang);
    let report = &site.report;
    let p = &site.records[index];
    let area = site.area(p);
    let link = |i: usize| {
        let q = &site.records[i];
        Link {
            href: href(site, lang, &Route::area(i).rel(site)),
            label: site.area(q).name.get(lang).to_string(),
            current: false,
            lang: lang.code().into(),
        }
    };
    Ok(AreaView {
        code: area.code.to_string(),
        name: area.name.get(lang).to_string(),
        group: site.group_of(area).name.get(lang).to_string(),
        group_href: if site.group_segment().is_some() {
            href(site, lang, &Route::group(area.group).rel(site))
        } else {
            String::new()
        },
        status: status_view(strings, p.status()),
        notices: period_notices(strings, fmt, p),
        not_reported: site
            .arriving_periods()
            .into_iter()
            .chain(site.shown_period())
            .filter(|np| site.is_expected(np, p.area) && p.result_for(&np.period).is_none())
            .map(|np| {
                strings
                    .get("area_not_reported")
                    .cloned()
                    .unwrap_or_default()
                    .replace("{period}", &fmt.period(&np.period))
                    .replace("{name}", area.name.get(lang))
            })
            .collect(),
        has_figures: !p.results.is_empty(),
        fields: report
            .fields
            .iter()
            .zip(&p.fields)
            .map(|(spec, value)| FieldView {
                label: spec.label.get(lang).to_string(),
                value: value
                    .as_ref()
                    .map(|v| v.get(lang).to_string())
                    .unwrap_or_default(),
                missing: spec.missing.get(lang).to_string(),
            })
            .collect(),
        results: p
            .results
            .iter()
            .rev()
            .map(|r| ResultView {
                key: r.period.key(),
                period: fmt.period(&r.period),
                status: status_view(strings, r.status),
                rows: figure_rows(fmt, strings, report, &r.values),
            })
            .collect(),
        narrative_html: match p.narrative(lang) {
            Some(at) => {
                let text = crate::content::read_again(at)
                    .map_err(|e| super::Failure::Source(at.file.clone(), e))?;
                render_markdown(site, theme, lang, &text, "fn-")
            }
            None => String::new(),
        },
        narrative_missing: p.narrative(lang).is_none(),
        events: p
            .events
            .iter()
            .map(|e| EventView {
                kind: report.events[e.kind].label.get(lang).to_string(),
                when: fmt.event_time(&e.time),
                title: e.title.get(lang).to_string(),
            })
            .collect(),
        sources: p
            .sources
            .iter()
            .map(|s| SourceView {
                title: s.title.get(lang).to_string(),
                url: s.url.clone().unwrap_or_default(),
            })
            .collect(),
        previous: index.checked_sub(1).map(link),
        next: (index + 1 < site.records.len()).then(|| link(index + 1)),
        compare: super::compare::area_compare(site, theme, fmt, index),
    })
}

// ---- questions ----

#[derive(Serialize)]
pub struct QuestionView {
    pub id: String,
    pub number: String,
    pub question_html: String,
    pub answer_html: String,
}

#[derive(Serialize)]
pub struct FaqView {
    pub intro_html: String,
    pub questions: Vec<QuestionView>,
}

pub fn faq_view(site: &Site, theme: &Theme, fmt: &Formatter, doc: &Document) -> FaqView {
    let labels = markdown_context_labels(theme.strings(fmt.lang));
    let cx = MarkdownContext {
        base_path: site.config.base_path(),
        alert_label: &labels,
        footnote_prefix: "faq-fn-",
    };
    let q = markdown::questions(&doc.body.text, &cx);
    // Questions are numbered in the digits their own text is written in (the bundled Thai
    // questions quote a source written in Thai digits), whatever the site's digit option.
    let text = &doc.body.text;
    let thai = text.chars().filter(|c| ('๐'..='๙').contains(c)).count();
    let arabic = text.chars().filter(char::is_ascii_digit).count();
    let numbers = Formatter::new(
        fmt.lang,
        thai > arabic || site.config.thai_digits,
        theme.strings(fmt.lang),
    );
    FaqView {
        intro_html: q.intro,
        questions: q
            .items
            .into_iter()
            .enumerate()
            .map(|(i, (question, answer))| QuestionView {
                id: format!("q{}", i + 1),
                number: numbers.number(i as u64 + 1),
                question_html: question,
                answer_html: answer,
            })
            .collect(),
    }
}

// ---- other pages ----

#[derive(Serialize)]
pub struct DocView {
    pub html: String,
    pub missing: bool,
}
