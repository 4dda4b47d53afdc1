//! What templates see: small serialisable views built from the model, with every number
//! and date already written the way the page's language writes it.
//!
//! Templates never see the model itself, so a template cannot format a figure differently
//! on two pages, and the model can change without breaking themes.

use serde::Serialize;

use super::format::Formatter;
use super::markdown::{self, MarkdownContext};
use super::theme::{Strings, Theme};
use crate::model::*;

/// Where a page lives: its path under the site root, per language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    Provinces,
    Province(usize),
    Faq,
    Page(usize),
    /// The open-data page: what the downloads hold and where they are.
    Data,
    /// Which areas have figures for which period.
    Status,
    Updates,
}

impl Route {
    /// The path below the language root, like `provinces/chiang-mai/`.
    pub fn rel(&self, site: &Site) -> String {
        match self {
            Route::Home => String::new(),
            Route::Provinces => "provinces/".into(),
            Route::Province(i) => format!("provinces/{}/", site.area(&site.provinces[*i]).slug),
            Route::Faq => "faq/".into(),
            Route::Page(i) => format!("{}/", site.pages[*i].name),
            Route::Data => "data/".into(),
            Route::Status => "status/".into(),
            Route::Updates => "updates/".into(),
        }
    }
}

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

/// What every page's template gets.
#[derive(Serialize)]
pub struct Common<'a> {
    pub lang: &'static str,
    pub t: &'a Strings,
    pub site: SiteView,
    pub page: PageMeta,
    pub alternates: Vec<Alternate>,
    pub switch: Link,
    pub nav: Vec<Link>,
    pub home_href: String,
    pub assets: String,
    /// The fingerprinted stylesheet's address.
    pub stylesheet: String,
    pub meta: super::meta::MetaView,
}

/// A labelled value in a figures table.
#[derive(Serialize)]
pub struct Row {
    pub key: &'static str,
    pub label: String,
    pub value: String,
    /// The plain number, for scripts and tests.
    pub raw: u64,
    /// Indented under the row before (the work groups under the total).
    pub part: bool,
}

pub fn figure_rows(fmt: &Formatter, strings: &Strings, f: &Figures) -> Vec<Row> {
    let label = |k: &str| strings.get(k).cloned().unwrap_or_else(|| k.to_string());
    [
        (Measure::TargetGroups, false),
        (Measure::Agriculture, true),
        (Measure::Processing, true),
        (Measure::CommunityTourism, true),
        (Measure::GroupsWithHigherIncome, false),
        (Measure::IncomeIncreaseBaht, false),
        (Measure::Beneficiaries, false),
    ]
    .into_iter()
    .map(|(m, part)| Row {
        key: m.key(),
        label: label(&format!("measure_{}", m.key())),
        value: if m.is_baht() {
            fmt.baht(f.get(m))
        } else {
            fmt.number(f.get(m))
        },
        raw: f.get(m),
        part,
    })
    .collect()
}

#[derive(Serialize)]
pub struct StatusView {
    pub key: &'static str,
    pub label: String,
    pub notice: String,
}

pub fn status_view(strings: &Strings, s: DataStatus) -> StatusView {
    let get = |k: String| strings.get(&k).cloned().unwrap_or(k);
    StatusView {
        key: s.key(),
        label: get(format!("status_{}", s.key())),
        notice: get(format!("status_{}_notice", s.key())),
    }
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
    pub provinces: String,
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
    pub rows: Vec<Row>,
    pub source: ProvenanceView,
    pub check: Vec<CheckRow>,
    pub check_all_match: bool,
    pub reported: String,
    pub province_status: StatusView,
}

#[derive(Serialize)]
pub struct CorrectionView {
    pub date: String,
    pub what: String,
    pub why: String,
}

#[derive(Serialize)]
pub struct HomeView {
    pub intro_html: String,
    pub latest: Option<NationalPeriodView>,
    pub earlier: Vec<NationalPeriodView>,
    pub corrections: Vec<CorrectionView>,
}

/// Where a national period's figures come from, as the page's language writes it.
pub fn provenance_view(fmt: &Formatter, strings: &Strings, np: &NationalPeriod) -> ProvenanceView {
    let lang = fmt.lang;
    ProvenanceView {
        title: np.source.title.get(lang).to_string(),
        publisher: np.source.publisher.get(lang).to_string(),
        released: np
            .source
            .released
            .map(|d| fmt.date(d))
            .unwrap_or_else(|| strings.get("date_not_stated").cloned().unwrap_or_default()),
        url: np.source.url.clone().unwrap_or_default(),
        next_release: np.next_release.map(|d| fmt.date(d)).unwrap_or_default(),
    }
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
    let (sum, reported) = site.province_totals(&np.period);
    let check: Vec<CheckRow> = Measure::ALL
        .into_iter()
        .map(|m| {
            let (n, p) = (np.figures.get(m), sum.get(m));
            let diff = i128::from(p) - i128::from(n);
            let show = |v: u64| {
                if m.is_baht() {
                    fmt.baht(v)
                } else {
                    fmt.number(v)
                }
            };
            CheckRow {
                label: strings
                    .get(&format!("measure_{}", m.key()))
                    .cloned()
                    .unwrap_or_default(),
                national: show(n),
                provinces: show(p),
                difference: fmt.difference(diff),
                matches: diff == 0,
            }
        })
        .collect();
    let get = |k: &str| strings.get(k).cloned().unwrap_or_default();
    NationalPeriodView {
        key: np.period.key(),
        period: fmt.period(&np.period),
        status: status_view(strings, np.data_status),
        rows: figure_rows(fmt, strings, &np.figures),
        source: provenance_view(fmt, strings, np),
        check_all_match: check.iter().all(|c| c.matches),
        check,
        reported: get("reported_of")
            .replace("{n}", &fmt.number(reported as u64))
            .replace("{total}", &fmt.number(site.areas.len() as u64)),
        province_status: status_view(strings, site.province_data_status()),
    }
}

pub fn home_view(site: &Site, theme: &Theme, fmt: &Formatter) -> HomeView {
    let lang = fmt.lang;
    let strings = theme.strings(lang);
    let mut periods: Vec<NationalPeriodView> = site
        .national
        .periods
        .iter()
        .rev()
        .map(|np| national_period_view(site, fmt, strings, np))
        .collect();
    let latest = if periods.is_empty() {
        None
    } else {
        Some(periods.remove(0))
    };
    HomeView {
        intro_html: site
            .home
            .get(lang)
            .as_ref()
            .map(|d| render_markdown(site, theme, lang, &d.body.text, "home-fn-"))
            .unwrap_or_default(),
        latest,
        earlier: periods,
        corrections: correction_views(site, fmt),
    }
}

// ---- province index ----

#[derive(Serialize)]
pub struct IndexRow {
    pub code: String,
    pub name: String,
    pub href: String,
    pub status: StatusView,
    pub has_figures: bool,
    pub target_groups: String,
    pub target_groups_raw: u64,
    pub groups_with_higher_income: String,
    pub groups_with_higher_income_raw: u64,
    pub income: String,
    pub income_raw: u64,
    pub beneficiaries: String,
    pub beneficiaries_raw: u64,
}

#[derive(Serialize)]
pub struct RegionGroup {
    pub key: String,
    pub name: String,
    pub count: String,
    pub rows: Vec<IndexRow>,
}

#[derive(Serialize)]
pub struct IndexView {
    pub period: String,
    pub regions: Vec<RegionGroup>,
    pub status: StatusView,
    pub count: String,
}

pub fn index_view(site: &Site, theme: &Theme, fmt: &Formatter) -> IndexView {
    let lang = fmt.lang;
    let strings = theme.strings(lang);
    let period = site.latest_period().map(|p| p.period);
    let mut regions: Vec<RegionGroup> = site
        .regions
        .iter()
        .map(|r| RegionGroup {
            key: r.key.clone(),
            name: r.name.get(lang).to_string(),
            count: String::new(),
            rows: Vec::new(),
        })
        .collect();
    for (i, p) in site.provinces.iter().enumerate() {
        let area = site.area(p);
        let figures = period
            .and_then(|period| p.result_for(&period))
            .map(|r| r.figures);
        let f = figures.unwrap_or_default();
        let none = strings.get("no_figures_short").cloned().unwrap_or_default();
        let shown = |s: String| if figures.is_some() { s } else { none.clone() };
        regions[area.region].rows.push(IndexRow {
            code: area.code.to_string(),
            name: area.name.get(lang).to_string(),
            href: href(site, lang, &Route::Province(i).rel(site)),
            status: status_view(strings, p.data_status),
            has_figures: figures.is_some(),
            target_groups: shown(fmt.number(f.target_groups())),
            target_groups_raw: f.target_groups(),
            groups_with_higher_income: shown(fmt.number(f.groups_with_higher_income)),
            groups_with_higher_income_raw: f.groups_with_higher_income,
            income: shown(fmt.number(f.income_increase_baht)),
            income_raw: f.income_increase_baht,
            beneficiaries: shown(fmt.number(f.beneficiaries)),
            beneficiaries_raw: f.beneficiaries,
        });
    }
    for r in &mut regions {
        r.count = fmt.number(r.rows.len() as u64);
    }
    IndexView {
        period: period.map(|p| fmt.period(&p)).unwrap_or_default(),
        regions: regions.into_iter().filter(|r| !r.rows.is_empty()).collect(),
        status: status_view(strings, site.province_data_status()),
        count: fmt.number(site.provinces.len() as u64),
    }
}

// ---- province page ----

#[derive(Serialize)]
pub struct ResultView {
    pub key: String,
    pub period: String,
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
pub struct ProvinceView {
    pub code: String,
    pub name: String,
    pub region: String,
    pub status: StatusView,
    pub company: String,
    pub results: Vec<ResultView>,
    pub narrative_html: String,
    pub narrative_missing: bool,
    pub events: Vec<EventView>,
    pub sources: Vec<SourceView>,
    pub previous: Option<Link>,
    pub next: Option<Link>,
}

pub fn province_view(site: &Site, theme: &Theme, fmt: &Formatter, index: usize) -> ProvinceView {
    let lang = fmt.lang;
    let strings = theme.strings(lang);
    let p = &site.provinces[index];
    let area = site.area(p);
    let link = |i: usize| {
        let q = &site.provinces[i];
        Link {
            href: href(site, lang, &Route::Province(i).rel(site)),
            label: site.area(q).name.get(lang).to_string(),
            current: false,
            lang: lang.code().into(),
        }
    };
    ProvinceView {
        code: area.code.to_string(),
        name: area.name.get(lang).to_string(),
        region: site.region_of(area).name.get(lang).to_string(),
        status: status_view(strings, p.data_status),
        company: p
            .company
            .as_ref()
            .map(|c| c.get(lang).to_string())
            .unwrap_or_default(),
        results: p
            .results
            .iter()
            .rev()
            .map(|r| ResultView {
                key: r.period.key(),
                period: fmt.period(&r.period),
                rows: figure_rows(fmt, strings, &r.figures),
            })
            .collect(),
        narrative_html: p
            .narrative(lang)
            .map(|m| render_markdown(site, theme, lang, &m.text, "fn-"))
            .unwrap_or_default(),
        narrative_missing: p.narrative(lang).is_none(),
        events: p
            .events
            .iter()
            .map(|e| EventView {
                kind: strings
                    .get(&format!("event_{}", e.kind.key()))
                    .cloned()
                    .unwrap_or_default(),
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
        next: (index + 1 < site.provinces.len()).then(|| link(index + 1)),
    }
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
