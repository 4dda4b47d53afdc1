//! Stage 2, validate: check what the raw files say and turn them into the [`Site`] model.
//!
//! Every check runs before anything is rendered, and every problem found is reported (not
//! only the first). When this stage reports no errors the model is complete and consistent:
//! codes are known, names and regions agree with the areas list, periods are ordered and do
//! not overlap, figures are non-negative and add up.

pub mod report;
pub mod values;

use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde_saphyr::Spanned;

use crate::content::raw::{
    RawCheckSettings, RawDate, RawEvent, RawFrontMatter, RawPeriod, RawRecord, RawSite, RawText,
    RawValue,
};
use crate::content::yaml::{closest, position_of};
use crate::content::{Body, Content, Loaded, MarkdownFile};
use crate::diagnostics::{Diagnostics, Position};
use crate::model::report::Report;
use crate::model::*;
use crate::msg;

/// Addresses the generator uses itself; a page or the areas' segment may not take them.
/// The codes of the site's other languages are taken too (`en/`).
pub const RESERVED: [&str; 8] = [
    "faq", "data", "status", "search", "updates", "assets", "strings", "404.html",
];

/// Why `name` cannot be a top-level address part, if it cannot.
pub fn reserved_why(name: &str, langs: &Langs) -> Option<String> {
    if RESERVED.contains(&name) {
        Some("is reserved for the site's own pages".into())
    } else if langs.0.iter().any(|l| l.code() == name) {
        Some("is the address of one of the site's languages".into())
    } else {
        None
    }
}

/// The site's languages, default first.
#[derive(Debug, Clone)]
pub struct Langs(pub Vec<Lang>);

impl Langs {
    fn names(&self) -> String {
        self.0
            .iter()
            .map(|l| format!("`{l}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn at<T>(value: &Spanned<T>) -> Position {
    position_of(value, 0)
}

/// Text that must be given in every one of the site's languages.
fn text(
    diags: &mut Diagnostics,
    file: &Path,
    langs: &Langs,
    raw: &Spanned<RawText>,
    field: &str,
) -> Text {
    let mut out = Text::default();
    for (key, v) in raw.value.iter() {
        if Lang::parse(key).is_none_or(|l| !langs.0.contains(&l)) {
            diags
                .error(
                    "unknown-language",
                    file,
                    at(v),
                    msg!(
                        "unknown-language--1",
                        field = (field).to_string(),
                        key = (key).to_string(),
                        v1 = (langs.names()).to_string()
                    ),
                )
                .help(msg!("unknown-language--h2"));
        }
    }
    for &lang in &langs.0 {
        match raw.value.get(lang.code()) {
            Some(v) if !v.value.trim().is_empty() => out.insert(lang, v.value.trim()),
            Some(v) => {
                diags
                    .error(
                        "missing-language",
                        file,
                        at(v),
                        msg!(
                            "missing-language--1",
                            field = (field).to_string(),
                            v1 = (lang.code()).to_string()
                        ),
                    )
                    .help(msg!(
                        "missing-language--h2",
                        v1 = (lang.code()).to_string(),
                        v2 = (lang.code()).to_string()
                    ));
            }
            None => {
                let example: Vec<String> = langs.0.iter().map(|l| format!("{l}: \"…\"")).collect();
                diags
                    .error(
                        "missing-language",
                        file,
                        at(raw),
                        msg!(
                            "missing-language--3",
                            field = (field).to_string(),
                            v1 = (lang.code()).to_string(),
                            v2 = (lang.code()).to_string()
                        ),
                    )
                    .help(msg!(
                        "missing-language--h4",
                        field = (field).to_string(),
                        v1 = (example.join(", ")).to_string()
                    ));
            }
        }
    }
    out
}

/// Text where any language may be empty.
fn optional_text(langs: &Langs, raw: Option<&Spanned<RawText>>) -> Text {
    Text::from_fn(&langs.0, |l| {
        raw.and_then(|r| r.value.get(l.code()))
            .map(|s| s.value.trim().to_string())
            .unwrap_or_default()
    })
}

fn period(diags: &mut Diagnostics, file: &Path, raw: &Spanned<RawPeriod>) -> Period {
    let p = Period {
        start: raw.value.start.value.0,
        end: raw.value.end.value.0,
    };
    if p.end < p.start {
        diags
            .error(
                "period-order",
                file,
                at(&raw.value.end),
                msg!(
                    "period-order--1",
                    v1 = (p.end).to_string(),
                    v2 = (p.start).to_string()
                ),
            )
            .help(msg!("period-order--h2"));
    }
    p
}

/// Report periods that are out of order or overlap.
fn check_periods(diags: &mut Diagnostics, file: &Path, periods: &[(Period, Position)]) {
    for (i, (p, pos)) in periods.iter().enumerate() {
        for (q, _) in &periods[..i] {
            if p.overlaps(q) {
                diags
                    .error(
                        "period-overlap",
                        file,
                        *pos,
                        msg!(
                            "period-overlap--1",
                            v1 = (p.start).to_string(),
                            v2 = (p.end).to_string(),
                            v3 = (q.start).to_string(),
                            v4 = (q.end).to_string()
                        ),
                    )
                    .help(msg!("period-overlap--h2"));
            } else if p.start < q.start {
                diags
                    .error(
                        "period-order",
                        file,
                        *pos,
                        msg!("period-order--3", v1 = (p.start).to_string()),
                    )
                    .help(msg!("period-order--h4"));
            }
        }
    }
}

fn date(raw: &Spanned<RawDate>) -> Date {
    raw.value.0
}

/// A Markdown document that needs a title and a date of last change.
fn document(diags: &mut Diagnostics, md: &MarkdownFile, needs_title: bool) -> Option<Document> {
    let front: &RawFrontMatter = &md.front;
    let title = match &front.title {
        Some(t) if !t.value.trim().is_empty() => t.value.trim().to_string(),
        _ if !needs_title => String::new(),
        _ => {
            diags
                .error(
                    "front-matter",
                    &md.file,
                    Position::new(1, 1),
                    msg!("front-matter--1"),
                )
                .help(msg!("front-matter--h2"));
            return None;
        }
    };
    let Some(updated) = &front.updated else {
        diags
            .error(
                "front-matter",
                &md.file,
                Position::new(1, 1),
                msg!("front-matter--3"),
            )
            .help(msg!("front-matter--h4"));
        return None;
    };
    let text = match md.text() {
        Ok(text) => text,
        Err(e) => {
            e.report(&md.file, diags);
            return None;
        }
    };
    Some(Document {
        title,
        summary: front.summary.as_ref().map(|s| s.value.trim().to_string()),
        updated: date(updated),
        body: Markdown { text },
        menu: crate::model::MenuEntry {
            show: front.menu.unwrap_or(true),
            weight: front.weight.unwrap_or(0),
            label: front
                .menu_label
                .as_deref()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string),
        },
    })
}

/// The longest address part a slug or page name may be (file names on common file systems
/// stop at 255 bytes, and a download's name adds to the slug).
pub const SLUG_MAX: usize = 64;

/// A valid address part: lower-case ASCII letters, digits and inner hyphens, at most
/// [`SLUG_MAX`] characters.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= SLUG_MAX
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

struct AreaIndex {
    by_code: HashMap<String, usize>,
    by_slug: HashMap<String, usize>,
}

/// The areas list's columns: where each expected one is.
struct Columns {
    code: usize,
    slug: usize,
    names: Vec<(Lang, usize)>,
    group: Option<(usize, Vec<(Lang, usize)>)>,
    /// The optional `aliases` column: other names search finds the area by.
    aliases: Option<usize>,
}

fn expected_header(langs: &Langs, report: &Report) -> Vec<String> {
    let mut h = vec!["code".to_string(), "slug".to_string()];
    h.extend(langs.0.iter().map(|l| format!("name_{l}")));
    if let Some(g) = &report.area.grouping {
        h.push(g.key.clone());
        h.extend(langs.0.iter().map(|l| format!("{}_{l}", g.key)));
    }
    h
}

fn columns(
    content: &Content,
    langs: &Langs,
    report: &Report,
    diags: &mut Diagnostics,
) -> Option<Columns> {
    let header = &content.areas.header;
    let expected = expected_header(langs, report);
    let find = |name: &str| header.iter().position(|h| h == name);
    let missing: Vec<&String> = expected.iter().filter(|e| find(e).is_none()).collect();
    let extra: Vec<&String> = header
        .iter()
        .filter(|h| !expected.contains(h) && *h != "aliases")
        .collect();
    if !missing.is_empty() || !extra.is_empty() {
        let listed = |cols: &[_]| {
            cols.iter()
                .map(|m| format!("`{m}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let what = if !missing.is_empty() {
            msg!(
                "csv-header--lacks",
                n = missing.len(),
                columns = listed(&missing)
            )
        } else {
            msg!(
                "csv-header--extra",
                n = extra.len(),
                columns = listed(&extra)
            )
        };
        diags
            .error(
                "csv-header",
                &content.areas_file,
                Position::new(content.areas.header_line_no, 1)
                    .with_len(content.areas.header_line.chars().count()),
                what,
            )
            .help(msg!(
                "csv-header--h1",
                v1 = expected.join(","),
                grouped = if report.area.grouping.is_some() {
                    "yes"
                } else {
                    "no"
                }
            ));
        return None;
    }
    let col = |name: String| find(&name).unwrap_or(0);
    Some(Columns {
        code: col("code".into()),
        slug: col("slug".into()),
        names: langs
            .0
            .iter()
            .map(|&l| (l, col(format!("name_{l}"))))
            .collect(),
        group: report.area.grouping.as_ref().map(|g| {
            (
                col(g.key.clone()),
                langs
                    .0
                    .iter()
                    .map(|&l| (l, col(format!("{}_{l}", g.key))))
                    .collect(),
            )
        }),
        aliases: find("aliases"),
    })
}

fn validate_areas(
    content: &Content,
    langs: &Langs,
    report: &Report,
    diags: &mut Diagnostics,
) -> (Vec<Group>, Vec<Area>, AreaIndex) {
    let file = &content.areas_file;
    let mut groups: Vec<Group> = Vec::new();
    let mut areas = Vec::new();
    let mut index = AreaIndex {
        by_code: HashMap::new(),
        by_slug: HashMap::new(),
    };
    let Some(cols) = columns(content, langs, report, diags) else {
        return (groups, areas, index);
    };
    if cols.group.is_none() {
        groups.push(Group {
            key: String::new(),
            name: Text::default(),
        });
    }
    for row in &content.areas.rows {
        let pos = Position::new(row.line, 1);
        let cell = |i: usize| row.cells.get(i).map_or("", String::as_str);
        let (code, slug) = (cell(cols.code), cell(cols.slug));
        let name = Text::from_fn(&langs.0, |l| {
            cols.names
                .iter()
                .find(|(x, _)| *x == l)
                .map_or("", |(_, i)| cell(*i))
                .to_string()
        });
        let group_key = cols.group.as_ref().map_or("", |(i, _)| cell(*i));
        if code.is_empty()
            || name.iter().any(|(_, n)| n.is_empty())
            || (cols.group.is_some() && group_key.is_empty())
        {
            diags
                .error("csv-empty", file, pos, msg!("csv-empty--1"))
                .help(msg!("csv-empty--h2"));
            continue;
        }
        if !is_slug(slug) {
            diags
                .error(
                    "bad-slug",
                    file,
                    pos,
                    msg!("bad-slug--1", slug = (slug).to_string()),
                )
                .help(msg!("bad-slug--h2", max = SLUG_MAX));
            continue;
        }
        if cols.group.is_some() && !is_slug(group_key) {
            diags
                .error(
                    "bad-region",
                    file,
                    pos,
                    msg!("bad-region--1", group_key = (group_key).to_string()),
                )
                .help(msg!("bad-region--h2"));
            continue;
        }
        if index.by_code.contains_key(code) {
            diags
                .error(
                    "duplicate-code",
                    file,
                    pos,
                    msg!("duplicate-code--1", code = (code).to_string()),
                )
                .help(msg!("duplicate-code--h2"));
            continue;
        }
        if index.by_slug.contains_key(slug) {
            diags
                .error(
                    "duplicate-slug",
                    file,
                    pos,
                    msg!("duplicate-slug--1", slug = (slug).to_string()),
                )
                .help(msg!("duplicate-slug--h2"));
            continue;
        }
        let group = match &cols.group {
            None => 0,
            Some((_, name_cols)) => {
                let gname = Text::from_fn(&langs.0, |l| {
                    name_cols
                        .iter()
                        .find(|(x, _)| *x == l)
                        .map_or("", |(_, i)| cell(*i))
                        .to_string()
                });
                match groups.iter().position(|g| g.key == group_key) {
                    Some(i) => {
                        if groups[i].name != gname {
                            let show = |t: &Text| {
                                t.iter()
                                    .map(|(_, s)| format!("`{s}`"))
                                    .collect::<Vec<_>>()
                                    .join("/")
                            };
                            diags
                                .error(
                                    "region-names",
                                    file,
                                    pos,
                                    msg!(
                                        "region-names--1",
                                        group_key = (group_key).to_string(),
                                        v1 = (show(&gname)).to_string(),
                                        v2 = (show(&groups[i].name)).to_string()
                                    ),
                                )
                                .help(msg!("region-names--h2"));
                        }
                        i
                    }
                    None => {
                        groups.push(Group {
                            key: group_key.to_string(),
                            name: gname,
                        });
                        groups.len() - 1
                    }
                }
            }
        };
        index.by_code.insert(code.to_string(), areas.len());
        index.by_slug.insert(slug.to_string(), areas.len());
        areas.push(Area {
            code: AreaCode::known(code),
            slug: slug.to_string(),
            name,
            group,
            aliases: cols.aliases.map_or_else(Vec::new, |i| {
                cell(i)
                    .split(';')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(String::from)
                    .collect()
            }),
        });
    }
    (groups, areas, index)
}

/// The site's languages as listed, even when `site.yaml` has other problems (so that text
/// elsewhere can be checked against them).
fn languages(content: &Content, diags: &mut Diagnostics) -> Langs {
    match content.site.as_ref() {
        Some(loaded) => site_languages(&loaded.value, &loaded.file, diags),
        None => Langs(vec![Lang::TH, Lang::EN]),
    }
}

/// The languages `site.yaml` lists, default first, each problem reported; Thai alone when it
/// lists none (so text elsewhere can still be checked).
pub fn site_languages(raw: &RawSite, file: &Path, diags: &mut Diagnostics) -> Langs {
    let mut languages = Vec::new();
    for l in &raw.languages.value {
        match Lang::parse(l.value.trim()) {
            Some(lang) if !languages.contains(&lang) => languages.push(lang),
            Some(_) => {
                diags
                    .error(
                        "languages",
                        file,
                        at(l),
                        msg!("languages--1", v1 = (l.value).to_string()),
                    )
                    .help(msg!("languages--h2"));
            }
            None => {
                diags
                    .error(
                        "languages",
                        file,
                        at(l),
                        msg!("languages--3", v1 = (l.value).to_string()),
                    )
                    .help(msg!("languages--h4"));
            }
        }
    }
    if languages.is_empty() {
        diags
            .error("languages", file, at(&raw.languages), msg!("languages--5"))
            .help(msg!("languages--h6"));
        languages.push(Lang::TH);
    }
    Langs(languages)
}

fn validate_config(
    content: &Content,
    langs: &Langs,
    diags: &mut Diagnostics,
) -> Option<SiteConfig> {
    let loaded = content.site.as_ref()?;
    let file = &loaded.file;
    let raw = &loaded.value;
    let base_url = crate::site::base_url(&raw.base_url.value).unwrap_or_else(|message| {
        diags
            .error("base-url", file, at(&raw.base_url), message)
            .help(msg!("base-url--h2"));
        String::new()
    });
    let contact = raw.contact.as_ref();
    let contact = Contact {
        email: contact
            .and_then(|c| c.email.as_ref())
            .map(|s| s.value.trim().to_string())
            .unwrap_or_default(),
        phone: contact
            .and_then(|c| c.phone.as_ref())
            .map(|s| s.value.trim().to_string())
            .unwrap_or_default(),
        address: optional_text(langs, contact.and_then(|c| c.address.as_ref())),
    };
    // A site without `contact:` publishes none, and says so in its footer; a `contact:` with
    // empty fields is a reminder to fill them in.
    let contact_given = raw.contact.is_some();
    for (field, empty) in [
        ("email", contact.email.is_empty()),
        ("phone", contact.phone.is_empty()),
        ("address", contact.address.is_blank()),
    ] {
        if contact_given && empty {
            diags
                .warning(
                    "empty-contact",
                    file,
                    Position::FILE,
                    msg!("empty-contact--1", field = (field).to_string()),
                )
                .help(msg!("empty-contact--h2", field = (field).to_string()));
        }
    }
    if let Some(check) = &raw.check {
        accept_warnings(check, file, diags);
    }
    Some(SiteConfig {
        title: text(diags, file, langs, &raw.title, "title"),
        description: text(diags, file, langs, &raw.description, "description"),
        base_url,
        languages: langs.0.clone(),
        thai_digits: raw.thai_digits,
        agency_name: text(diags, file, langs, &raw.agency.name, "agency.name"),
        agency_parent: text(diags, file, langs, &raw.agency.parent, "agency.parent"),
        publisher: raw
            .publisher
            .as_ref()
            .map(|p| text(diags, file, langs, p, "publisher")),
        contact,
    })
}

/// `check: accept:` in `site.yaml`: each accepted warning's code must be one tanrak reports
/// and its file a path inside the site; the warnings are then left out of reports.
fn accept_warnings(check: &RawCheckSettings, file: &Path, diags: &mut Diagnostics) {
    let codes = crate::messages::codes();
    for entry in &check.accept {
        let code = entry.code.value.trim();
        let path = entry.file.value.trim().replace('\\', "/");
        if !codes.iter().any(|c| c == code) {
            let names: Vec<&str> = codes.iter().map(String::as_str).collect();
            let help = match closest(code, &names) {
                Some(best) => msg!("accept-code--1.help-best", best = best),
                None => msg!("accept-code--1.help"),
            };
            diags
                .error(
                    "accept-code",
                    file,
                    at(&entry.code),
                    msg!("accept-code--1", code = code.to_string()),
                )
                .help(help);
            continue;
        }
        let inside = !path.is_empty()
            && !path.starts_with('/')
            && !path.split('/').any(|part| part == "..")
            && !path.contains(':');
        if !inside {
            diags
                .error(
                    "accept-file",
                    file,
                    at(&entry.file),
                    msg!("accept-file--1", path = path.clone()),
                )
                .help(msg!("accept-file--1.help"));
            continue;
        }
        diags.accept(code, &path);
    }
}

/// Fields of a national period besides the measures.
const NATIONAL_FIELDS: [&str; 6] = [
    "period",
    "data_status",
    "pending",
    "expected",
    "source",
    "next_release",
];
/// Fields of a record's period entry besides the measures.
const RESULT_FIELDS: [&str; 2] = ["period", "data_status"];

fn validate_national(
    content: &Content,
    langs: &Langs,
    report: &Report,
    index: &AreaIndex,
    diags: &mut Diagnostics,
) -> Option<National> {
    let loaded = content.national.as_ref()?;
    let file = &loaded.file;
    let raw = &loaded.value;
    let mut periods = Vec::new();
    let mut spans = Vec::new();
    for p in &raw.periods {
        let v = &p.value;
        let period = period(diags, file, &v.period);
        spans.push((period, at(&v.period)));
        let pending = v.pending.as_ref().is_some_and(|b| b.value);
        let source = match &v.source {
            Some(s) => Some(Provenance {
                title: text(diags, file, langs, &s.title, "source.title"),
                publisher: text(diags, file, langs, &s.publisher, "source.publisher"),
                released: s.released.as_ref().map(date),
                url: s.url.as_ref().map(|u| u.value.trim().to_string()),
            }),
            None => {
                if !pending {
                    diags
                        .error("missing-field", file, at(p), msg!("missing-field--source"))
                        .help(msg!("missing-field--source.help"));
                }
                None
            }
        };
        let expected = v.expected.as_ref().map(|list| {
            list.value
                .iter()
                .filter_map(|code| {
                    let found = index.by_code.get(code.value.trim()).copied();
                    if found.is_none() {
                        diags
                            .error(
                                "expected-code",
                                file,
                                at(code),
                                msg!("expected-code", code = code.value.trim()),
                            )
                            .help(msg!("expected-code.help"));
                    }
                    found
                })
                .collect::<std::collections::BTreeSet<usize>>()
                .into_iter()
                .collect()
        });
        periods.push(NationalPeriod {
            period,
            data_status: v.data_status.value,
            pending,
            expected,
            source,
            next_release: v.next_release.as_ref().map(date),
            values: values::values(
                diags,
                file,
                report,
                &NATIONAL_FIELDS,
                &v.values,
                at(p),
                pending,
            ),
            coverage: Default::default(),
        });
    }
    check_periods(diags, file, &spans);
    let corrections = raw
        .corrections
        .iter()
        .map(|c| Correction {
            date: date(&c.value.date),
            what: text(diags, file, langs, &c.value.what, "what"),
            why: text(diags, file, langs, &c.value.why, "why"),
        })
        .collect();
    Some(National {
        periods,
        corrections,
        updated: date(&raw.updated),
    })
}

fn event(
    diags: &mut Diagnostics,
    file: &Path,
    langs: &Langs,
    report: &Report,
    raw: &Spanned<RawEvent>,
) -> Option<Event> {
    let v = &raw.value;
    let key = v.kind.value.trim();
    let Some(kind) = report.events.iter().position(|e| e.key == key) else {
        let known: Vec<&str> = report.events.iter().map(|e| e.key.as_str()).collect();
        let listed = crate::content::yaml::list(&known);
        let help = match closest(key, &known) {
            Some(best) => msg!(
                "event-kind--1.help-best",
                best = best,
                allowed = listed.as_str()
            ),
            None if known.is_empty() => msg!("event-kind--1.help-none"),
            None => msg!("event-kind--1.help", allowed = listed.as_str()),
        };
        diags
            .error(
                "event-kind",
                file,
                at(&v.kind),
                msg!("event-kind--1", key = (key).to_string()),
            )
            .help(help);
        return None;
    };
    let time = match (&v.date, &v.start, &v.end, &v.between) {
        (Some(d), None, None, None) => EventTime::On(date(d)),
        (None, Some(s), Some(e), None) => {
            if date(e) < date(s) {
                diags
                    .error(
                        "date-order",
                        file,
                        at(e),
                        msg!(
                            "date-order--1",
                            v1 = (date(e)).to_string(),
                            v2 = (date(s)).to_string()
                        ),
                    )
                    .help(msg!("date-order--h2"));
            }
            EventTime::Lasting(date(s), date(e))
        }
        (None, None, None, Some(b)) => {
            let (s, e) = (date(&b.value.start), date(&b.value.end));
            if e < s {
                diags
                    .error(
                        "date-order",
                        file,
                        at(&b.value.end),
                        msg!("date-order--3", e = (e).to_string(), s = (s).to_string()),
                    )
                    .help(msg!("date-order--h4"));
            }
            EventTime::Between(s, e)
        }
        _ => {
            diags
                .error("event-date", file, at(raw), msg!("event-date--1"))
                .help(msg!("event-date--h2"));
            return None;
        }
    };
    Some(Event {
        kind,
        time,
        title: text(diags, file, langs, &v.title, "title"),
    })
}

struct Known<'a> {
    langs: &'a Langs,
    report: &'a Report,
    groups: &'a [Group],
    areas: &'a [Area],
    index: &'a AreaIndex,
    list_name: String,
}

fn validate_record(
    diags: &mut Diagnostics,
    file: &Path,
    raw: &RawRecord,
    k: &Known,
) -> Option<AreaRecord> {
    let (langs, report, list) = (k.langs, k.report, &k.list_name);
    let group_key = report.area.grouping.as_ref().map(|g| g.key.as_str());
    let mut known = vec!["code", "name"];
    known.extend(group_key);
    known.extend(["data_status", "own_figures", "updated"]);
    known.extend(report.fields.iter().map(|f| f.key.as_str()));
    known.extend(["results", "events", "sources"]);
    // Unknown fields first: a misspelt required field is then not reported twice.
    let mut suggested: Vec<&str> = Vec::new();
    for (key, _) in &raw.extra {
        let key_s = key.value.trim();
        if known.contains(&key_s) {
            continue;
        }
        let listed = crate::content::yaml::list(&known);
        let best = closest(key_s, &known);
        suggested.extend(best);
        let help = match best {
            Some(best) => msg!(
                "unknown-field--1.help-best",
                best = best,
                allowed = listed.as_str()
            ),
            None => msg!("unknown-field--1.help", allowed = listed.as_str()),
        };
        diags
            .error(
                "unknown-field",
                file,
                at(key),
                msg!("unknown-field--1", key_s = (key_s).to_string()),
            )
            .help(help);
    }
    let missing = |field: &'static str, example: &str, diags: &mut Diagnostics| {
        if !suggested.contains(&field) {
            diags
                .error(
                    "missing-field",
                    file,
                    Position::new(1, 1),
                    msg!("missing-field--1", field = (field).to_string()),
                )
                .help(msg!(
                    "missing-field--h2",
                    field = (field).to_string(),
                    example = (example).to_string()
                ));
        }
    };
    let (Some(code_raw), Some(name_raw), Some(status), Some(updated)) =
        (&raw.code, &raw.name, &raw.data_status, &raw.updated)
    else {
        if raw.code.is_none() {
            missing("code", "…", diags);
        }
        if raw.name.is_none() {
            missing("name", "{th: …, en: …}", diags);
        }
        if raw.data_status.is_none() {
            missing("data_status", "official", diags);
        }
        if raw.updated.is_none() {
            missing("updated", "YYYY-MM-DD", diags);
        }
        return None;
    };
    let code = code_raw.value.trim();
    let Some(&area_index) = k.index.by_code.get(code) else {
        let hint = match k.areas.iter().find(|a| {
            file.file_stem()
                .is_some_and(|s| s.to_string_lossy() == a.slug)
        }) {
            Some(a) => msg!(
                "unknown-code--1.help-file",
                area = a.name.all_for_messages_paren(),
                code = a.code.to_string()
            ),
            None => match k.areas.first() {
                Some(a) => msg!(
                    "unknown-code--1.help",
                    list = list.as_str(),
                    example = a.code.to_string()
                ),
                None => msg!("unknown-code--1.help-empty", list = list.as_str()),
            },
        };
        diags
            .error(
                "unknown-code",
                file,
                at(code_raw),
                msg!(
                    "unknown-code--1",
                    code = (code).to_string(),
                    list = (list).to_string()
                ),
            )
            .help(hint);
        return None;
    };
    let area = &k.areas[area_index];
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem != area.slug {
        let narratives: Vec<String> = langs
            .0
            .iter()
            .map(|l| format!("`{}.{l}.md`", area.slug))
            .collect();
        diags
            .error(
                "slug-mismatch",
                file,
                Position::FILE,
                msg!(
                    "slug-mismatch--1",
                    stem = (stem).to_string(),
                    code = (code).to_string(),
                    list = (list).to_string(),
                    v1 = (area.slug).to_string()
                ),
            )
            .help(slug_mismatch_help(file, &stem, area, &narratives, k));
    }
    let name = text(diags, file, langs, name_raw, "name");
    for &lang in &langs.0 {
        let (given, listed) = (name.get(lang), area.name.get(lang));
        if !given.is_empty() && given != listed {
            let pos = name_raw
                .value
                .get(lang.code())
                .map(at)
                .unwrap_or_else(|| at(name_raw));
            diags
                .error(
                    "name-mismatch",
                    file,
                    pos,
                    msg!(
                        "name-mismatch--1",
                        v1 = (lang.code()).to_string(),
                        given = (given).to_string(),
                        listed = (listed).to_string(),
                        code = (code).to_string(),
                        list = (list).to_string()
                    ),
                )
                .help(msg!(
                    "name-mismatch--h2",
                    v1 = (lang.code()).to_string(),
                    listed = (listed).to_string(),
                    list = (list).to_string()
                ));
        }
    }
    // Other entries: the group and the report's optional fields.
    let mut fields: Vec<Option<Text>> = vec![None; report.fields.len()];
    let mut saw_group = false;
    for (key, value) in &raw.extra {
        let key_s = key.value.trim();
        if Some(key_s) == group_key {
            saw_group = true;
            let listed = &k.groups[area.group];
            let given = match &value.value {
                RawValue::Text(t) => t.trim().to_string(),
                other => format!("({})", other.kind()),
            };
            if given != listed.key {
                let known: Vec<&str> = k.groups.iter().map(|g| g.key.as_str()).collect();
                let what = if known.contains(&given.as_str()) {
                    msg!(
                        "region-mismatch--differs",
                        key = key_s,
                        given = given.as_str(),
                        listed = listed.key.as_str(),
                        code = code.to_string(),
                        list = list.as_str()
                    )
                } else {
                    msg!(
                        "region-mismatch--unknown",
                        key = key_s,
                        given = given.as_str(),
                        list = list.as_str()
                    )
                };
                let names: Vec<&str> = listed.name.iter().map(|(_, n)| n).collect();
                diags
                    .error("region-mismatch", file, at(value), what)
                    .help(msg!(
                        "region-mismatch--h1",
                        key_s = (key_s).to_string(),
                        v1 = (listed.key).to_string(),
                        v2 = (names.join(" / ")).to_string()
                    ));
            }
        } else if let Some(i) = report.fields.iter().position(|f| f.key == key_s) {
            match &value.value {
                RawValue::Map(entries) => {
                    let as_text =
                        RawText::from_entries(entries.iter().filter_map(|(l, v)| match &v.value {
                            RawValue::Text(t) => Some((
                                l.value.clone(),
                                Spanned {
                                    value: t.clone(),
                                    referenced: v.referenced,
                                    defined: v.defined,
                                },
                            )),
                            _ => None,
                        }));
                    let spanned = Spanned {
                        value: as_text,
                        referenced: value.referenced,
                        defined: value.defined,
                    };
                    fields[i] = Some(text(diags, file, langs, &spanned, key_s));
                }
                RawValue::Null => {}
                other => {
                    let example: Vec<String> =
                        langs.0.iter().map(|l| format!("{l}: \"…\"")).collect();
                    diags
                        .error(
                            "wrong-type",
                            file,
                            at(value),
                            msg!(
                                "wrong-type--1",
                                key_s = (key_s).to_string(),
                                v1 = (other.kind()).to_string()
                            ),
                        )
                        .help(msg!(
                            "wrong-type--h2",
                            key_s = (key_s).to_string(),
                            v1 = (example.join(", ")).to_string()
                        ));
                }
            }
        }
    }
    if let (Some(g), false) = (group_key, saw_group) {
        diags
            .error(
                "missing-field",
                file,
                at(code_raw),
                msg!("missing-field--3", g = (g).to_string()),
            )
            .help(msg!(
                "missing-field--h4",
                g = (g).to_string(),
                v1 = (k.groups[area.group].key).to_string()
            ));
    }
    let mut results = Vec::new();
    let mut spans = Vec::new();
    for r in &raw.results {
        let v = &r.value;
        let p = period(diags, file, &v.period);
        spans.push((p, at(&v.period)));
        results.push(PeriodResult {
            period: p,
            status: v.data_status.as_ref().map_or(status.value, |s| s.value),
            values: values::values(diags, file, report, &RESULT_FIELDS, &v.values, at(r), false),
        });
    }
    check_periods(diags, file, &spans);
    let own_figures = raw.own_figures.as_ref().is_none_or(|b| b.value);
    if let (false, Some(first)) = (own_figures, raw.results.first()) {
        diags
            .error(
                "own-figures",
                file,
                at(first),
                msg!("own-figures", periods = raw.results.len()),
            )
            .help(msg!("own-figures.help"));
    }
    let mut events: Vec<Event> = raw
        .events
        .iter()
        .filter_map(|e| event(diags, file, langs, report, e))
        .collect();
    events.sort_by_key(|e| e.time.sort_key());
    let sources = raw
        .sources
        .iter()
        .map(|s| Source {
            title: text(diags, file, langs, &s.value.title, "title"),
            url: s.value.url.as_ref().map(|u| u.value.trim().to_string()),
        })
        .collect();
    Some(AreaRecord {
        area: area_index,
        data_status: status.value,
        own_figures,
        fields,
        results,
        events,
        sources,
        narratives: PerLang::new(),
        updated: date(updated),
    })
}

/// The help of a record whose file name is not its area's slug. When a record file with the
/// area's slug is already there, renaming would clash with it: the code is the likelier
/// mistake, and the help says which area this file's name belongs to.
fn slug_mismatch_help(
    file: &Path,
    stem: &str,
    area: &Area,
    narratives: &[String],
    k: &Known<'_>,
) -> crate::messages::Message {
    let taken = file.with_file_name(format!("{}.yaml", area.slug)).is_file();
    match k.areas.iter().find(|a| a.slug == stem) {
        Some(own) if taken => msg!(
            "slug-mismatch--taken",
            v1 = area.slug.to_string(),
            code = area.code.to_string(),
            area = own.name.all_for_messages_paren(),
            own_code = own.code.to_string()
        ),
        _ => msg!(
            "slug-mismatch--h2",
            v1 = area.slug.to_string(),
            v2 = narratives.join(", ")
        ),
    }
}

/// Turn loaded content into the validated site. Returns `None` when errors were found.
///
/// The records' raw trees are taken out of `content` and each is dropped as soon as it is
/// validated, so the raw records and the model's records are never all held at once (the
/// checks after validation read the model, not the raw records).
pub fn validate(content: &mut Content, diags: &mut Diagnostics) -> Option<Site> {
    let langs = languages(content, diags);
    let config = validate_config(content, &langs, diags);
    let report = content
        .report
        .as_ref()
        .and_then(|r| report::validate(&r.value, &r.file, &langs, diags));
    let Some(report) = report else {
        // Records and the areas list cannot be read without a valid definition.
        return None;
    };
    let (groups, areas, index) = validate_areas(content, &langs, &report, diags);
    let national = validate_national(content, &langs, &report, &index, diags);
    let segment = report.area.segment.clone();
    let group_segment = report
        .area
        .grouping
        .as_ref()
        .and_then(|g| g.segment.clone());
    let group_segment = group_segment.as_deref();
    let known = Known {
        langs: &langs,
        report: &report,
        groups: &groups,
        areas: &areas,
        index: &index,
        list_name: report.area.list.clone(),
    };

    // Records: one per area, each code once.
    let mut by_area: Vec<Option<AreaRecord>> = vec![None; areas.len()];
    let mut first_file: HashMap<usize, PathBuf> = HashMap::new();
    let national_file = content.national.as_ref().map(|n| n.file.clone());
    // Reported, like the checks after validation, only when the site is otherwise valid.
    let mut period_warnings = Diagnostics::new(diags.root());
    // Each record checked on its own in parallel, each into its own collector; then, in
    // file order, which area each record is for.
    let root = diags.root().to_path_buf();
    let checked: Vec<_> = std::mem::take(&mut content.records)
        .into_par_iter()
        .map(|loaded| {
            let mut found = Diagnostics::new(&root);
            let mut warnings = Diagnostics::new(&root);
            let p = validate_record(&mut found, &loaded.file, &loaded.value, &known);
            if p.is_some()
                && let (Some(national), Some(file)) = (&national, &national_file)
            {
                periods_without_national(&loaded, national, file, &mut warnings);
            }
            // The raw record is dropped here, as each is checked: only where its code is
            // written is kept, for a duplicate's message.
            let code_at = loaded.value.code.as_ref().map_or(Position::FILE, at);
            (loaded.file, code_at, p, found, warnings)
        })
        .collect();
    for (file, code_at, p, found, warnings) in checked {
        diags.extend(found);
        period_warnings.extend(warnings);
        let Some(p) = p else {
            continue;
        };
        if let Some(other) = first_file.get(&p.area) {
            let shown = diags.display_path(other);
            diags
                .error(
                    "duplicate-code",
                    &file,
                    code_at,
                    msg!(
                        "duplicate-code--3",
                        v1 = (areas[p.area].code).to_string(),
                        shown = (shown).to_string()
                    ),
                )
                .help(msg!("duplicate-code--h4"));
            continue;
        }
        first_file.insert(p.area, file);
        let slot = p.area;
        by_area[slot] = Some(p);
    }
    let records_dir = diags.root().join("content").join(&segment);
    for (i, slot) in by_area.iter().enumerate() {
        if slot.is_none() && !first_file.contains_key(&i) {
            let area = &areas[i];
            let expected = records_dir.join(format!("{}.yaml", area.slug));
            if !expected.exists() {
                diags
                    .error(
                        "missing-record",
                        &expected,
                        Position::FILE,
                        msg!(
                            "missing-record--1",
                            v1 = (area.code).to_string(),
                            v2 = (area.name.all_for_messages()).to_string()
                        ),
                    )
                    .help(msg!(
                        "missing-record--h2",
                        segment = (segment).to_string(),
                        v1 = (area.slug).to_string(),
                        v2 = (report.area.key).to_string(),
                        v3 = (area.code).to_string()
                    ));
            }
        }
    }

    // Narratives beside each record.
    for slot in by_area.iter_mut().flatten() {
        let area = &areas[slot.area];
        for &lang in &langs.0 {
            match content.narratives.get(&(area.slug.clone(), lang)) {
                Some(md) => {
                    if let Some(updated) = &md.front.updated
                        && updated.value.0 > slot.updated
                    {
                        slot.updated = updated.value.0;
                    }
                    // Loading leaves every narrative in its file.
                    if let Body::InFile(at) = &md.body {
                        slot.narratives.insert(lang, at.clone());
                    }
                }
                None => {
                    let path = records_dir.join(format!("{}.{}.md", area.slug, lang.code()));
                    let name = area.name.for_messages();
                    diags
                        .warning(
                            "missing-narrative",
                            &path,
                            Position::FILE,
                            msg!(
                                "missing-narrative--1",
                                name = (name).to_string(),
                                v1 = (lang.code()).to_string()
                            ),
                        )
                        .help(msg!(
                            "missing-narrative--h2",
                            segment = (segment).to_string(),
                            v1 = (area.slug).to_string(),
                            v2 = (lang.code()).to_string(),
                            v3 = (lang.code()).to_string()
                        ));
                }
            }
        }
    }
    for ((slug, lang), md) in &content.narratives {
        if !index.by_slug.contains_key(slug) {
            diags
                .warning(
                    "unused-file",
                    &md.file,
                    Position::FILE,
                    msg!("unused-file--1", slug = (slug).to_string()),
                )
                .help(msg!(
                    "unused-file--h2",
                    v1 = (report.area.list).to_string(),
                    slug = (slug).to_string(),
                    v2 = (langs.0[0]).to_string()
                ));
        } else if !langs.0.contains(lang) {
            diags
                .warning(
                    "unused-file",
                    &md.file,
                    Position::FILE,
                    msg!("unused-file--3", lang = (lang).to_string()),
                )
                .help(msg!("unused-file--h4"));
        }
    }

    // Home, questions, pages.
    let content_dir = diags.root().join("content");
    let per_lang = |map: &BTreeMap<Lang, MarkdownFile>,
                    name: &str,
                    required: bool,
                    diags: &mut Diagnostics| {
        let mut out = PerLang::new();
        for &lang in &langs.0 {
            match map.get(&lang) {
                Some(md) => {
                    if let Some(doc) = document(diags, md, name != "home") {
                        out.insert(lang, doc);
                    }
                }
                None => {
                    let path = content_dir.join(format!("{name}.{}.md", lang.code()));
                    let message = msg!(
                        "missing-file--doc",
                        file = format!("{name}.{}.md", lang.code())
                    );
                    if required {
                        diags.error("missing-file", &path, Position::FILE, message)
                    } else {
                        diags.warning("missing-file", &path, Position::FILE, message)
                    }
                    .help(msg!("missing-file--doc.help", lang = lang.code()));
                }
            }
        }
        out
    };
    let home = per_lang(&content.home, "home", false, diags);
    let faq = per_lang(&content.faq, "faq", true, diags);
    let counts: Vec<(Lang, usize)> = faq
        .iter()
        .map(|(l, d)| (l, crate::render::markdown::count_questions(&d.body.text)))
        .collect();
    if let Some(&(first_lang, n_first)) = counts.first() {
        for &(lang, n) in &counts[1..] {
            if n != n_first {
                let file = content_dir.join(format!("faq.{lang}.md"));
                diags
                    .error(
                        "faq-count",
                        &file,
                        Position::FILE,
                        msg!(
                            "faq-count--1",
                            v1 = (first_lang.code()).to_string(),
                            n_first = (n_first).to_string(),
                            v2 = (lang.code()).to_string(),
                            n = (n).to_string()
                        ),
                    )
                    .help(msg!("faq-count--h2"));
            }
        }
    }

    let mut pages: BTreeMap<String, Page> = BTreeMap::new();
    for ((name, lang), md) in in_site_order(&content.pages, &langs) {
        let why = reserved_why(name, &langs)
            .or_else(|| {
                (name == &segment).then(|| "is the address of the areas' pages".to_string())
            })
            .or_else(|| {
                (Some(name.as_str()) == group_segment)
                    .then(|| "is the address of the group pages".to_string())
            })
            .or_else(|| (!is_slug(name)).then(|| "is not a valid address part".to_string()));
        if let Some(why) = why {
            let mut taken: Vec<String> = RESERVED.iter().map(|s| s.to_string()).collect();
            taken.push(segment.clone());
            taken.extend(group_segment.map(String::from));
            taken.extend(langs.0.iter().skip(1).map(|l| l.to_string()));
            diags
                .error(
                    "page-name",
                    &md.file,
                    Position::FILE,
                    msg!(
                        "page-name--1",
                        name = (name).to_string(),
                        why = (why).to_string()
                    ),
                )
                .help(msg!("page-name--h2", v1 = (taken.join(", ")).to_string()));
            continue;
        }
        if !langs.0.contains(lang) {
            continue;
        }
        let Some(doc) = document(diags, md, true) else {
            continue;
        };
        pages
            .entry(name.clone())
            .or_insert_with(|| Page {
                name: name.clone(),
                docs: PerLang::new(),
            })
            .docs
            .insert(*lang, doc);
    }
    for page in pages.values() {
        for &lang in &langs.0 {
            if page.get(lang).is_none() {
                let path =
                    content_dir
                        .join("pages")
                        .join(format!("{}.{}.md", page.name, lang.code()));
                diags
                    .warning(
                        "missing-language",
                        &path,
                        Position::FILE,
                        msg!(
                            "missing-language--5",
                            v1 = (page.name).to_string(),
                            v2 = (lang.code()).to_string()
                        ),
                    )
                    .help(msg!(
                        "missing-language--h6",
                        v1 = (page.name).to_string(),
                        v2 = (lang.code()).to_string(),
                        v3 = (lang.code()).to_string()
                    ));
            }
        }
    }

    let updates = validate_updates(content, &langs, diags);

    if diags.has_errors() {
        return None;
    }
    diags.extend(period_warnings);
    let records: Vec<AreaRecord> = by_area.into_iter().flatten().collect();
    let standings = Standings::new(&records, &areas, groups.len(), report.measures.len());
    let mut site = Site {
        config: config?,
        report,
        groups,
        areas,
        records,
        standings,
        national: national?,
        home,
        faq,
        pages: pages.into_values().collect(),
        boundaries: None,
        updates,
    };
    site.count_coverage();
    Some(site)
}

/// After only narratives were read again (`tanrak serve`): put their new text in their
/// areas' records, as [`validate`] does, and return which records changed. Nothing else of
/// the site can follow from a narrative's text; its date can (it moves its record's
/// `updated`), and then, or for a narrative of no record or language, `None` says that the
/// whole content must be validated again.
pub fn renew_narratives(
    site: &mut Site,
    content: &Content,
    keys: &[(String, Lang)],
) -> Option<Vec<usize>> {
    let mut renewed: Vec<(usize, AreaRecord)> = Vec::new();
    for (slug, lang) in keys {
        if !site.config.languages.contains(lang) {
            return None;
        }
        let i = site
            .records
            .iter()
            .position(|r| site.areas[r.area].slug == *slug)?;
        let Body::InFile(text) = &content.narratives.get(&(slug.clone(), *lang))?.body else {
            return None;
        };
        let n = match renewed.iter().position(|(j, _)| *j == i) {
            Some(n) => n,
            None => {
                renewed.push((i, site.records[i].clone()));
                renewed.len() - 1
            }
        };
        renewed[n].1.narratives.insert(*lang, text.clone());
    }
    for (_, record) in &renewed {
        // The record's date as validation makes it: its own, or a later narrative's.
        let area = &site.areas[record.area];
        let raw = content.records.iter().find(|r| {
            r.value
                .code
                .as_ref()
                .is_some_and(|c| c.value.trim() == area.code.to_string())
        })?;
        let mut updated = date(raw.value.updated.as_ref()?);
        for &lang in &site.config.languages {
            if let Some(md) = content.narratives.get(&(area.slug.clone(), lang))
                && let Some(u) = &md.front.updated
                && u.value.0 > updated
            {
                updated = u.value.0;
            }
        }
        if updated != record.updated {
            return None;
        }
    }
    let mut changed = Vec::new();
    for (i, record) in renewed {
        site.records[i] = record;
        changed.push(i);
    }
    changed.sort_unstable();
    Some(changed)
}

/// Files by (name, language), each name's languages in the site's order (the default
/// language first), then languages the site does not have.
fn in_site_order<'a>(
    map: &'a BTreeMap<(String, Lang), MarkdownFile>,
    langs: &Langs,
) -> Vec<(&'a (String, Lang), &'a MarkdownFile)> {
    let mut entries: Vec<_> = map.iter().collect();
    entries.sort_by_key(|((name, lang), _)| {
        (
            name.clone(),
            langs.0.iter().position(|l| l == lang).unwrap_or(usize::MAX),
        )
    });
    entries
}

/// Position of a front-matter value (its YAML starts on the file's second line).
fn in_front<T>(value: &Spanned<T>) -> Position {
    position_of(value, 1)
}

/// A period an area reports that `content/national.yaml` does not have: it would show on the
/// area's page and in the downloads but nowhere else, and no sum would be checked. Looked
/// at here, while the record's raw tree (with positions) is still held.
fn periods_without_national(
    loaded: &Loaded<RawRecord>,
    national: &National,
    national_file: &Path,
    diags: &mut Diagnostics,
) {
    let shown = diags.display_path(national_file);
    for r in &loaded.value.results {
        let p = &r.value.period.value;
        let (start, end) = (p.start.value.0, p.end.value.0);
        if national
            .periods
            .iter()
            .any(|np| np.period.start == start && np.period.end == end)
        {
            continue;
        }
        let (start, end) = (start.to_string(), end.to_string());
        diags
            .warning(
                "national-period-missing",
                &loaded.file,
                position_of(&r.value.period, 0),
                msg!(
                    "national-period-missing",
                    start = start.as_str(),
                    end = end.as_str(),
                    file = shown.as_str()
                ),
            )
            .help(msg!(
                "national-period-missing.help",
                start = start.as_str(),
                end = end.as_str(),
                file = shown.as_str()
            ));
    }
}

/// One language's update note: a title and a date are required.
fn update_note(diags: &mut Diagnostics, md: &MarkdownFile) -> Option<(Date, UpdateNote)> {
    let front: &RawFrontMatter = &md.front;
    let example = msg!("front-matter--note-example");
    let title = match &front.title {
        Some(t) if !t.value.trim().is_empty() => Some(t.value.trim().to_string()),
        _ => {
            diags
                .error(
                    "front-matter",
                    &md.file,
                    Position::new(1, 1),
                    msg!("front-matter--5"),
                )
                .help(example);
            None
        }
    };
    let Some(day) = &front.date else {
        diags
            .error(
                "front-matter",
                &md.file,
                Position::new(1, 1),
                msg!("front-matter--6"),
            )
            .help(msg!("front-matter--h7"));
        return None;
    };
    let day = date(day);
    let updated = front.updated.as_ref().map(date).unwrap_or(day);
    if updated < day {
        let pos = front
            .updated
            .as_ref()
            .map(in_front)
            .unwrap_or(Position::new(1, 1));
        diags
            .error("front-matter", &md.file, pos, msg!("front-matter--8"))
            .help(msg!("front-matter--h9"));
        return None;
    }
    let text = match md.text() {
        Ok(text) => text,
        Err(e) => {
            e.report(&md.file, diags);
            return None;
        }
    };
    Some((
        day,
        UpdateNote {
            title: title?,
            summary: front.summary.as_ref().map(|s| s.value.trim().to_string()),
            updated,
            body: Markdown { text },
        },
    ))
}

/// The dated notes in `content/updates/`, newest first.
fn validate_updates(content: &Content, langs: &Langs, diags: &mut Diagnostics) -> Vec<Update> {
    let dir = diags.root().join("content").join("updates");
    let mut by_name: BTreeMap<String, Update> = BTreeMap::new();
    for ((name, lang), md) in in_site_order(&content.updates, langs) {
        if !is_slug(name) {
            diags
                .error(
                    "update-name",
                    &md.file,
                    Position::FILE,
                    msg!("update-name--1", name = (name).to_string()),
                )
                .help(msg!("update-name--h2"));
            continue;
        }
        let Some((day, note)) = update_note(diags, md) else {
            continue;
        };
        if let Some(prefix) = name.get(..10)
            && crate::content::raw::parse_date(prefix).is_ok()
            && prefix != day.to_string()
        {
            let pos = md
                .front
                .date
                .as_ref()
                .map(in_front)
                .unwrap_or(Position::FILE);
            diags
                .warning(
                    "update-date",
                    &md.file,
                    pos,
                    msg!(
                        "update-date--1",
                        prefix = (prefix).to_string(),
                        day = (day).to_string()
                    ),
                )
                .help(msg!("update-date--h2"));
        }
        if !langs.0.contains(lang) {
            continue;
        }
        let update = by_name.entry(name.clone()).or_insert_with(|| Update {
            name: name.clone(),
            date: day,
            notes: PerLang::new(),
        });
        if update.date != day {
            let pos = md
                .front
                .date
                .as_ref()
                .map(in_front)
                .unwrap_or(Position::FILE);
            diags
                .error(
                    "update-date",
                    &md.file,
                    pos,
                    msg!(
                        "update-date--3",
                        day = (day).to_string(),
                        v1 = (update.date).to_string()
                    ),
                )
                .help(msg!("update-date--h4"));
            continue;
        }
        update.notes.insert(*lang, note);
    }
    for update in by_name.values() {
        for &lang in &langs.0 {
            if !content.updates.contains_key(&(update.name.clone(), lang)) {
                let path = dir.join(format!("{}.{}.md", update.name, lang.code()));
                diags
                    .warning(
                        "missing-language",
                        &path,
                        Position::FILE,
                        msg!(
                            "missing-language--7",
                            v1 = (update.name).to_string(),
                            v2 = (lang.code()).to_string()
                        ),
                    )
                    .help(msg!(
                        "missing-language--h8",
                        v1 = (update.name).to_string(),
                        v2 = (lang.code()).to_string(),
                        v3 = (lang.code()).to_string()
                    ));
            }
        }
    }
    let mut updates: Vec<Update> = by_name
        .into_values()
        .filter(|u| !u.notes.is_empty())
        .collect();
    updates.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.name.cmp(&b.name)));
    updates
}
