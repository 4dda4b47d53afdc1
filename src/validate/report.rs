//! Validating `content/report.yaml` into the [`Report`] the rest of the site reads.
//!
//! Every name the definition uses is checked here once: measures named by parts, rules,
//! charts and the map exist, parts form no cycle, units are known, every label has each of
//! the site's languages. After this, measures are [`MeasureId`]s and nothing re-checks them.

use std::collections::HashMap;
use std::path::Path;

use serde_saphyr::Spanned;

use super::{Langs, at, is_slug, text};
use crate::content::definition::{RawChart, RawMeasure, RawReport};
use crate::content::raw::RawText;
use crate::content::yaml::closest;
use crate::diagnostics::Diagnostics;
use crate::model::Text;
use crate::model::report::*;
use crate::msg;

const UNITS: [&str; 4] = ["count", "money", "percent", "number"];
const CHART_KINDS: [&str; 7] = [
    "parts", "measures", "ratio", "share", "ranking", "by_group", "trend",
];

/// A measure key: lower-case ASCII letters, digits and `_`, starting with a letter.
pub fn is_key(s: &str) -> bool {
    s.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn did_you_mean(word: &str, known: &[&str]) -> crate::messages::Message {
    let listed = crate::content::yaml::list(known);
    match closest(word, known) {
        Some(best) => msg!(
            "unknown-measure--1.help-best",
            best = best,
            allowed = listed
        ),
        None if known.is_empty() => msg!("unknown-measure--1.help-none"),
        None => msg!("unknown-measure--1.help", allowed = listed),
    }
}

fn opt_text(
    diags: &mut Diagnostics,
    file: &Path,
    langs: &Langs,
    raw: &Option<Spanned<RawText>>,
    field: &str,
) -> Option<Text> {
    raw.as_ref().map(|r| text(diags, file, langs, r, field))
}

struct Measures<'a> {
    raw: Vec<&'a Spanned<RawMeasure>>,
    by_key: HashMap<&'a str, usize>,
}

impl Measures<'_> {
    /// The measure a definition entry names, or an error at the name.
    fn lookup(
        &self,
        diags: &mut Diagnostics,
        file: &Path,
        name: &Spanned<String>,
        what: &str,
    ) -> Option<MeasureId> {
        let key = name.value.trim();
        match self.by_key.get(key) {
            Some(&i) => Some(MeasureId::new(i)),
            None => {
                let known: Vec<&str> = self.raw.iter().map(|m| m.value.key.value.trim()).collect();
                diags
                    .error(
                        "unknown-measure",
                        file,
                        at(name),
                        msg!(
                            "unknown-measure--1",
                            key = (key).to_string(),
                            what = (what).to_string()
                        ),
                    )
                    .help(did_you_mean(key, &known));
                None
            }
        }
    }
}

/// Validate the report definition. Returns `None` when it has errors.
pub fn validate(
    raw: &RawReport,
    file: &Path,
    langs: &Langs,
    diags: &mut Diagnostics,
) -> Option<Report> {
    let errors_before = diags.error_count();

    // The area level.
    let a = &raw.area;
    let key = a.key.value.trim().to_string();
    if !is_key(&key) {
        diags
            .error(
                "report-key",
                file,
                at(&a.key),
                msg!("report-key--1", key = (key).to_string()),
            )
            .help(msg!("report-key--h2"));
    }
    let segment = a.segment.value.trim().to_string();
    if !is_slug(&segment) {
        diags
            .error(
                "report-segment",
                file,
                at(&a.segment),
                msg!("report-segment--1", segment = (segment).to_string()),
            )
            .help(msg!("report-segment--h2"));
    } else if let Some(why) = super::reserved_why(&segment, langs) {
        diags
            .error(
                "report-segment",
                file,
                at(&a.segment),
                msg!(
                    "report-segment--3",
                    segment = (segment).to_string(),
                    why = (why).to_string()
                ),
            )
            .help(msg!("report-segment--h4"));
    }
    let list = a
        .list
        .as_ref()
        .map_or_else(|| "areas.csv".to_string(), |l| l.value.trim().to_string());
    if let Some(l) = &a.list
        && (!list.ends_with(".csv") || list.contains("..") || list.starts_with('/'))
    {
        diags
            .error(
                "report-list",
                file,
                at(l),
                msg!("report-list--1", list = (list).to_string()),
            )
            .help(msg!("report-list--h2"));
    }
    let grouping = a.group.as_ref().map(|g| {
        let gkey = g.key.value.trim().to_string();
        if !is_key(&gkey) {
            diags
                .error(
                    "report-key",
                    file,
                    at(&g.key),
                    msg!("report-key--3", gkey = (gkey).to_string()),
                )
                .help(msg!("report-key--h4"));
        }
        let gsegment = g.segment.as_ref().map(|raw| {
            let seg = raw.value.trim().to_string();
            let problem = if !is_slug(&seg) {
                Some(msg!("group-segment--slug", segment = seg.as_str()))
            } else if seg == segment {
                Some(msg!("group-segment--areas", segment = seg.as_str()))
            } else if super::RESERVED.contains(&seg.as_str()) {
                Some(msg!("group-segment--reserved", segment = seg.as_str()))
            } else if langs.0.iter().any(|l| l.code() == seg) {
                Some(msg!("group-segment--language", segment = seg.as_str()))
            } else {
                None
            };
            if let Some(problem) = problem {
                let mut taken: Vec<String> =
                    super::RESERVED.iter().map(|s| s.to_string()).collect();
                taken.push(segment.clone());
                taken.extend(langs.0.iter().skip(1).map(|l| l.to_string()));
                diags
                    .error("group-segment", file, at(raw), problem)
                    .help(msg!("group-segment-help", taken = taken.join(", ")));
            }
            seg
        });
        Grouping {
            segment: gsegment,
            key: gkey,
            word: Word {
                one: text(diags, file, langs, &g.word, "group.word"),
                many: text(diags, file, langs, &g.plural, "group.plural"),
            },
        }
    });
    let area = AreaLevel {
        key,
        word: Word {
            one: text(diags, file, langs, &a.word, "area.word"),
            many: text(diags, file, langs, &a.plural, "area.plural"),
        },
        segment,
        list,
        grouping,
        code_description: opt_text(diags, file, langs, &a.code, "area.code").unwrap_or_default(),
    };

    // Measures: first every key, so parts and rules can name measures declared later.
    let mut measures = Measures {
        raw: raw.measures.value.iter().collect(),
        by_key: HashMap::new(),
    };
    for (i, m) in raw.measures.value.iter().enumerate() {
        let k = m.value.key.value.trim();
        if !is_key(k) {
            diags
                .error(
                    "measure-key",
                    file,
                    at(&m.value.key),
                    msg!("measure-key--1", k = (k).to_string()),
                )
                .help(msg!("measure-key--h2"));
        } else if measures.by_key.insert(k, i).is_some() {
            diags
                .error(
                    "duplicate-measure",
                    file,
                    at(&m.value.key),
                    msg!("duplicate-measure--1", k = (k).to_string()),
                )
                .help(msg!("duplicate-measure--h2"));
        }
    }
    if raw.measures.value.is_empty() {
        diags
            .error(
                "no-measures",
                file,
                at(&raw.measures),
                msg!("no-measures--1"),
            )
            .help(msg!("no-measures--h2"));
    }
    let n = raw.measures.value.len();
    let mut parent: Vec<Option<MeasureId>> = vec![None; n];
    let mut parts: Vec<Vec<MeasureId>> = vec![Vec::new(); n];
    for (i, m) in raw.measures.value.iter().enumerate() {
        for p in &m.value.parts {
            let Some(id) = measures.lookup(
                diags,
                file,
                p,
                &format!("the parts of `{}`", m.value.key.value.trim()),
            ) else {
                continue;
            };
            if let Some(other) = parent[id.index()] {
                diags
                    .error(
                        "measure-parts",
                        file,
                        at(p),
                        msg!(
                            "measure-parts--1",
                            v1 = (p.value.trim()).to_string(),
                            v2 = (raw.measures.value[other.index()].value.key.value.trim())
                                .to_string()
                        ),
                    )
                    .help(msg!("measure-parts--h2"));
                continue;
            }
            parent[id.index()] = Some(MeasureId::new(i));
            parts[i].push(id);
        }
    }
    // A measure may not be a part of itself, directly or through others.
    for (i, m) in raw.measures.value.iter().enumerate() {
        let mut seen = vec![false; n];
        let mut cur = parent[i];
        while let Some(p) = cur {
            if p.index() == i {
                let chain_at = m.value.parts.first().map_or_else(|| at(&m.value.key), at);
                diags
                    .error(
                        "measure-cycle",
                        file,
                        chain_at,
                        msg!(
                            "measure-cycle--1",
                            v1 = (m.value.key.value.trim()).to_string()
                        ),
                    )
                    .help(msg!("measure-cycle--h2"));
                break;
            }
            if seen[p.index()] {
                break;
            }
            seen[p.index()] = true;
            cur = parent[p.index()];
        }
    }
    if diags.error_count() > errors_before {
        return None;
    }

    let mut out: Vec<Measure> = Vec::with_capacity(n);
    for (i, m) in raw.measures.value.iter().enumerate() {
        let v = &m.value;
        let key = v.key.value.trim().to_string();
        let label = text(diags, file, langs, &v.label, "label");
        let short =
            opt_text(diags, file, langs, &v.short, "short").unwrap_or_else(|| label.clone());
        let description = opt_text(diags, file, langs, &v.description, "description")
            .unwrap_or_else(|| label.clone());
        let unit_name = v.unit.as_ref().map(|u| u.value.trim()).unwrap_or("count");
        let unit = match unit_name {
            "count" | "number" => {
                let noun = match &v.noun {
                    Some(n) => text(diags, file, langs, n, "noun"),
                    None if unit_name == "count" => {
                        diags
                            .error(
                                "measure-unit",
                                file,
                                at(&v.key),
                                msg!("measure-unit--1", key = (key).to_string()),
                            )
                            .help(msg!("measure-unit--h2"));
                        Text::default()
                    }
                    None => Text::default(),
                };
                if unit_name == "count" {
                    Unit::Count { noun }
                } else {
                    Unit::Number { noun }
                }
            }
            "money" => {
                let currency = v
                    .currency
                    .as_ref()
                    .map(|c| c.value.trim().to_string())
                    .unwrap_or_default();
                if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
                    let pos = v.currency.as_ref().map_or_else(|| at(&v.key), at);
                    diags
                        .error(
                            "measure-unit",
                            file,
                            pos,
                            msg!("measure-unit--3", key = (key).to_string()),
                        )
                        .help(msg!("measure-unit--h4"));
                }
                Unit::Money { currency }
            }
            "percent" => Unit::Percent,
            other => {
                let pos = v.unit.as_ref().map_or_else(|| at(&v.key), at);
                let help = match closest(other, &UNITS) {
                    Some(best) => msg!("measure-unit--5.help-best", best = best),
                    None => msg!("measure-unit--5.help"),
                };
                diags
                    .error(
                        "measure-unit",
                        file,
                        pos,
                        msg!("measure-unit--5", other = (other).to_string()),
                    )
                    .help(help);
                Unit::Number {
                    noun: Text::default(),
                }
            }
        };
        let decimals = match &v.decimals {
            Some(d) if d.value > 4 => {
                diags
                    .error(
                        "measure-decimals",
                        file,
                        at(d),
                        msg!("measure-decimals--1", v1 = (d.value).to_string()),
                    )
                    .help(msg!("measure-decimals--h2"));
                0
            }
            Some(d) => d.value,
            None => 0,
        };
        let at_most: Vec<MeasureId> = v
            .at_most
            .iter()
            .filter_map(|name| {
                let id =
                    measures.lookup(diags, file, name, &format!("the `at_most` of `{key}`"))?;
                if id.index() == i {
                    diags
                        .error(
                            "measure-rule",
                            file,
                            at(name),
                            msg!("measure-rule--1", key = (key).to_string()),
                        )
                        .help(msg!("measure-rule--h2"));
                    return None;
                }
                Some(id)
            })
            .collect();
        // Download column: ancestors' keys, then this key, then `_total` for a total.
        let mut column = key.clone();
        let mut up = parent[i];
        while let Some(p) = up {
            column = format!(
                "{}_{column}",
                raw.measures.value[p.index()].value.key.value.trim()
            );
            up = parent[p.index()];
        }
        if !parts[i].is_empty() {
            column.push_str("_total");
        }
        out.push(Measure {
            id: MeasureId::new(i),
            key,
            column,
            label,
            short,
            description,
            unit,
            decimals,
            parent: parent[i],
            parts: parts[i].clone(),
            at_most,
            sums: v.sums,
            optional: v.optional,
        });
    }
    // Parts add up to their measure, so they share its unit and decimals.
    for m in &out {
        for &p in &m.parts {
            let part = &out[p.index()];
            if part.unit.key() != m.unit.key() || part.decimals != m.decimals {
                diags
                    .error(
                        "measure-parts",
                        file,
                        at(&raw.measures.value[p.index()].value.key),
                        msg!(
                            "measure-parts--3",
                            v1 = (part.key).to_string(),
                            v2 = (m.key).to_string()
                        ),
                    )
                    .help(msg!("measure-parts--h4"));
            }
        }
    }
    let mut columns: HashMap<&str, &str> = HashMap::new();
    for m in &out {
        if let Some(other) = columns.insert(&m.column, &m.key) {
            diags
                .error(
                    "duplicate-measure",
                    file,
                    at(&raw.measures.value[m.id.index()].value.key),
                    msg!(
                        "duplicate-measure--3",
                        v1 = (m.key).to_string(),
                        other = (other).to_string(),
                        v2 = (m.column).to_string()
                    ),
                )
                .help(msg!("duplicate-measure--h4"));
        }
    }

    let has_grouping = area.grouping.is_some();
    // Home and index charts share /data/charts/; area charts are prefixed with the slug.
    let mut site_ids: HashMap<String, ()> = HashMap::new();
    let mut area_ids: HashMap<String, ()> = HashMap::new();
    let mut chart_list =
        |list: &[Spanned<RawChart>], page: &str, diags: &mut Diagnostics| -> Vec<ChartSpec> {
            let ids = if page == "area" {
                &mut area_ids
            } else {
                &mut site_ids
            };
            list.iter()
                .enumerate()
                .filter_map(|(i, c)| {
                    chart(
                        diags,
                        file,
                        langs,
                        &measures,
                        &out,
                        c,
                        page,
                        i,
                        has_grouping,
                        ids,
                    )
                })
                .collect()
        };
    let charts = Charts {
        home: chart_list(&raw.charts.home, "home", diags),
        index: chart_list(&raw.charts.index, "index", diags),
        area: chart_list(&raw.charts.area, "area", diags),
    };

    let map = raw.map.as_ref().and_then(|m| {
        let v = &m.value;
        let measure = measures.lookup(diags, file, &v.measure, "the map")?;
        let classes = match &v.classes {
            Some(c) if !(2..=7).contains(&c.value) => {
                diags
                    .error(
                        "map-classes",
                        file,
                        at(c),
                        msg!("map-classes--1", v1 = (c.value).to_string()),
                    )
                    .help(msg!("map-classes--h2"));
                5
            }
            Some(c) => c.value,
            None => 5,
        };
        Some(MapSpec {
            measure,
            classes,
            title: opt_text(diags, file, langs, &v.title, "map.title"),
            caption: opt_text(diags, file, langs, &v.caption, "map.caption"),
            credit: text(diags, file, langs, &v.credit, "map.credit"),
        })
    });

    let preview = preview(diags, file, &measures, &out, raw, map.as_ref());

    let fixed = [
        "code",
        "name",
        "data_status",
        "updated",
        "results",
        "events",
        "sources",
    ];
    let group_key = area.grouping.as_ref().map(|g| g.key.clone());
    let mut field_keys: Vec<String> = Vec::new();
    let fields = raw
        .fields
        .iter()
        .filter_map(|f| {
            let k = f.value.key.value.trim().to_string();
            if !is_key(&k)
                || fixed.contains(&k.as_str())
                || group_key.as_deref() == Some(k.as_str())
                || field_keys.contains(&k)
            {
                diags
                    .error(
                        "field-key",
                        file,
                        at(&f.value.key),
                        msg!("field-key--1", k = (k).to_string()),
                    )
                    .help(msg!("field-key--h2", v1 = (fixed.join(", ")).to_string()));
                return None;
            }
            field_keys.push(k.clone());
            Some(FieldSpec {
                key: k,
                label: text(diags, file, langs, &f.value.label, "label"),
                missing: text(diags, file, langs, &f.value.missing, "missing"),
            })
        })
        .collect();
    let mut event_keys: Vec<String> = Vec::new();
    let events = raw
        .events
        .iter()
        .filter_map(|e| {
            let k = e.value.key.value.trim().to_string();
            if !is_key(&k) || event_keys.contains(&k) {
                diags
                    .error(
                        "event-key",
                        file,
                        at(&e.value.key),
                        msg!("event-key--1", k = (k).to_string()),
                    )
                    .help(msg!("event-key--h2"));
                return None;
            }
            event_keys.push(k.clone());
            Some(EventKindSpec {
                key: k,
                label: text(diags, file, langs, &e.value.label, "label"),
            })
        })
        .collect();

    if diags.error_count() > errors_before {
        return None;
    }
    Some(Report {
        area,
        measures: out,
        charts,
        map,
        preview,
        fields,
        events,
        unranked: raw.unranked.clone(),
    })
}

/// The most figures a preview image has room for.
pub const PREVIEW_MAX: usize = 4;

/// The measures of the link-preview images: as listed (each known, once, at most
/// [`PREVIEW_MAX`]), or by default the map's measure and then the first top-level measures,
/// three in all.
fn preview(
    diags: &mut Diagnostics,
    file: &Path,
    measures: &Measures,
    declared: &[Measure],
    raw: &RawReport,
    map: Option<&MapSpec>,
) -> Vec<MeasureId> {
    let Some(list) = &raw.preview else {
        let mut ids: Vec<MeasureId> = map.map(|m| m.measure).into_iter().collect();
        for m in declared.iter().filter(|m| m.parent.is_none()) {
            if ids.len() == 3 {
                break;
            }
            if !ids.contains(&m.id) {
                ids.push(m.id);
            }
        }
        return ids;
    };
    if list.value.len() > PREVIEW_MAX {
        diags
            .error(
                "preview-measures",
                file,
                at(&list.value[PREVIEW_MAX]),
                msg!(
                    "preview-measures--many",
                    count = list.value.len(),
                    max = PREVIEW_MAX
                ),
            )
            .help(msg!("preview-measures--many.help", max = PREVIEW_MAX));
    }
    let mut ids = Vec::new();
    for name in &list.value {
        let Some(id) = measures.lookup(diags, file, name, "`preview`") else {
            continue;
        };
        if ids.contains(&id) {
            diags
                .error(
                    "preview-measures",
                    file,
                    at(name),
                    msg!(
                        "preview-measures--twice",
                        key = declared[id.index()].key.clone()
                    ),
                )
                .help(msg!("preview-measures--twice.help"));
            continue;
        }
        ids.push(id);
    }
    ids.truncate(PREVIEW_MAX);
    ids
}

#[allow(clippy::too_many_arguments)]
fn chart(
    diags: &mut Diagnostics,
    file: &Path,
    langs: &Langs,
    measures: &Measures,
    declared: &[Measure],
    raw: &Spanned<RawChart>,
    page: &str,
    index: usize,
    has_grouping: bool,
    ids: &mut HashMap<String, ()>,
) -> Option<ChartSpec> {
    let v = &raw.value;
    let kind_name = v.kind.value.trim();
    let need = |diags: &mut Diagnostics,
                field: &Option<Spanned<String>>,
                name: &str|
     -> Option<MeasureId> {
        match field {
            Some(f) => measures.lookup(
                diags,
                file,
                f,
                &format!("the `{name}` of this `{kind_name}` chart"),
            ),
            None => {
                diags
                    .error(
                        "chart-measure",
                        file,
                        at(&v.kind),
                        msg!(
                            "chart-measure--1",
                            kind_name = (kind_name).to_string(),
                            name = (name).to_string()
                        ),
                    )
                    .help(msg!("chart-measure--h2", name = (name).to_string()));
                None
            }
        }
    };
    let list = |diags: &mut Diagnostics| -> Option<Vec<MeasureId>> {
        v.measures.as_ref().map(|l| {
            l.value
                .iter()
                .filter_map(|m| {
                    measures.lookup(
                        diags,
                        file,
                        m,
                        &format!("the `measures` of this `{kind_name}` chart"),
                    )
                })
                .collect()
        })
    };
    let kind = match kind_name {
        "parts" => {
            let m = need(diags, &v.measure, "measure")?;
            if declared[m.index()].parts.is_empty() {
                diags
                    .error(
                        "chart-measure",
                        file,
                        v.measure.as_ref().map_or_else(|| at(&v.kind), at),
                        msg!(
                            "chart-measure--3",
                            v1 = (declared[m.index()].key).to_string()
                        ),
                    )
                    .help(msg!("chart-measure--h4"));
                return None;
            }
            ChartKind::Parts(m)
        }
        "measures" => match list(diags) {
            Some(l) if !l.is_empty() => ChartKind::Measures(l),
            _ => {
                diags
                    .error("chart-measure", file, at(&v.kind), msg!("chart-measure--5"))
                    .help(msg!("chart-measure--h6"));
                return None;
            }
        },
        "ratio" => ChartKind::Ratio {
            part: need(diags, &v.part, "part")?,
            whole: need(diags, &v.whole, "whole")?,
        },
        "share" => ChartKind::Share(
            list(diags)
                .unwrap_or_else(|| declared.iter().filter(|m| m.sums).map(|m| m.id).collect()),
        ),
        "ranking" => ChartKind::Ranking(need(diags, &v.measure, "measure")?),
        "by_group" => {
            let m = need(diags, &v.measure, "measure")?;
            if !has_grouping {
                diags
                    .error("chart-group", file, at(&v.kind), msg!("chart-group--1"))
                    .help(msg!("chart-group--h2"));
                return None;
            }
            ChartKind::ByGroup(m)
        }
        "trend" => ChartKind::Trend(need(diags, &v.measure, "measure")?),
        other => {
            let help = match closest(other, &CHART_KINDS) {
                Some(best) => msg!(
                    "chart-kind--1.help-best",
                    best = best,
                    kinds = CHART_KINDS.join(", ")
                ),
                None => msg!("chart-kind--1.help", kinds = CHART_KINDS.join(", ")),
            };
            diags
                .error(
                    "chart-kind",
                    file,
                    at(&v.kind),
                    msg!("chart-kind--1", other = (other).to_string()),
                )
                .help(help);
            return None;
        }
    };
    // What each page can draw: the home page the national figures (and the areas added
    // up), the index the areas side by side, an area page its own figures.
    let allowed: &[&str] = match page {
        "home" => &["parts", "measures", "ratio", "ranking", "by_group", "trend"],
        "index" => &["ranking", "by_group"],
        _ => &["parts", "measures", "ratio", "share", "trend"],
    };
    if !allowed.contains(&kind_name) {
        diags
            .error(
                "chart-page",
                file,
                at(&v.kind),
                msg!("chart-page", kind = kind_name, page = page),
            )
            .help(msg!(
                "chart-page.help",
                page = page,
                allowed = allowed.join(", ")
            ));
        return None;
    }
    let id = match &v.id {
        Some(id) => {
            let s = id.value.trim().to_string();
            if !is_slug(&s) {
                diags
                    .error(
                        "chart-id",
                        file,
                        at(id),
                        msg!("chart-id--1", s = (s).to_string()),
                    )
                    .help(msg!("chart-id--h2"));
                return None;
            }
            s
        }
        None => format!("{page}-{}-{}", kind_name.replace('_', "-"), index + 1),
    };
    if ids.insert(id.clone(), ()).is_some() {
        let pos = v.id.as_ref().map_or_else(|| at(&v.kind), at);
        diags
            .error(
                "chart-id",
                file,
                pos,
                msg!("chart-id--3", id = (id).to_string()),
            )
            .help(msg!("chart-id--h4"));
        return None;
    }
    Some(ChartSpec {
        id,
        kind,
        title: opt_text(diags, file, langs, &v.title, "title"),
        category: opt_text(diags, file, langs, &v.category, "category"),
        finding: opt_text(diags, file, langs, &v.finding, "finding"),
    })
}
