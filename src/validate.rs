//! Stage 2, validate: check what the raw files say and turn them into the [`Site`] model.
//!
//! Every check runs before anything is rendered, and every problem found is reported (not
//! only the first). When this stage reports no errors the model is complete and consistent:
//! codes are known, names and regions agree with the areas list, periods are ordered and do
//! not overlap, figures are non-negative and add up.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde_saphyr::Spanned;

use crate::content::raw::{
    Count, RawDate, RawEvent, RawFrontMatter, RawPeriod, RawProvince, RawTargetGroups, RawText,
};
use crate::content::yaml::position_of;
use crate::content::{Content, MarkdownFile};
use crate::diagnostics::{Diagnostics, Position};
use crate::model::*;

/// Addresses the generator uses itself; a page may not take them.
pub const RESERVED: [&str; 8] = [
    "provinces",
    "faq",
    "data",
    "status",
    "search",
    "updates",
    "en",
    "404.html",
];

fn at<T>(value: &Spanned<T>) -> Position {
    position_of(value, 0)
}

/// Bilingual text that must be present in both languages.
fn text(diags: &mut Diagnostics, file: &Path, raw: &Spanned<RawText>, field: &str) -> Text {
    let mut out = Text::default();
    for lang in Lang::ALL {
        let value = match lang {
            Lang::Th => &raw.value.th,
            Lang::En => &raw.value.en,
        };
        match value {
            Some(v) if !v.value.trim().is_empty() => match lang {
                Lang::Th => out.th = v.value.trim().to_string(),
                Lang::En => out.en = v.value.trim().to_string(),
            },
            Some(v) => {
                diags
                    .error(
                        "missing-language",
                        file,
                        at(v),
                        format!("`{field}` has empty {} text", lang.english_name()),
                    )
                    .help(format!(
                        "write the {} text after `{}:`",
                        lang.english_name(),
                        lang.code()
                    ));
            }
            None => {
                diags
                    .error(
                        "missing-language",
                        file,
                        at(raw),
                        format!(
                            "`{field}` has no {} text (`{}`)",
                            lang.english_name(),
                            lang.code()
                        ),
                    )
                    .help(format!(
                        "give the text in both languages, like `{field}: {{th: \"…\", en: \"…\"}}`"
                    ));
            }
        }
    }
    out
}

/// Bilingual text where either language may be empty.
fn optional_text(raw: Option<&Spanned<RawText>>) -> Text {
    let get = |v: &Option<Spanned<String>>| {
        v.as_ref()
            .map(|s| s.value.trim().to_string())
            .unwrap_or_default()
    };
    match raw {
        Some(r) => Text {
            th: get(&r.value.th),
            en: get(&r.value.en),
        },
        None => Text::default(),
    }
}

fn count(diags: &mut Diagnostics, file: &Path, raw: &Spanned<Count>, field: &str) -> u64 {
    if raw.value.0 < 0 {
        diags
            .error(
                "negative",
                file,
                at(raw),
                format!("`{field}` is {}, but it cannot be negative", raw.value.0),
            )
            .help("write 0 or a positive whole number");
        0
    } else {
        raw.value.0 as u64
    }
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
                format!(
                    "this period ends ({}) before it starts ({})",
                    p.end, p.start
                ),
            )
            .help("swap `start` and `end`, or correct the year");
    }
    p
}

/// Figures with the checks that apply to every report of them.
#[allow(clippy::too_many_arguments)]
fn figures(
    diags: &mut Diagnostics,
    file: &Path,
    target_groups: &RawTargetGroups,
    with_higher_income: &Spanned<Count>,
    income: &Spanned<Count>,
    beneficiaries: &Spanned<Count>,
) -> Figures {
    let f = Figures {
        agriculture: count(
            diags,
            file,
            &target_groups.agriculture,
            "target_groups.agriculture",
        ),
        processing: count(
            diags,
            file,
            &target_groups.processing,
            "target_groups.processing",
        ),
        community_tourism: count(
            diags,
            file,
            &target_groups.community_tourism,
            "target_groups.community_tourism",
        ),
        groups_with_higher_income: count(
            diags,
            file,
            with_higher_income,
            "groups_with_higher_income",
        ),
        income_increase_baht: count(diags, file, income, "income_increase_baht"),
        beneficiaries: count(diags, file, beneficiaries, "beneficiaries"),
    };
    if f.groups_with_higher_income > f.target_groups() {
        diags
            .error(
                "higher-income-exceeds",
                file,
                at(with_higher_income),
                format!(
                    "groups_with_higher_income is {}, more than all target groups together ({} = {} + {} + {})",
                    f.groups_with_higher_income,
                    f.target_groups(),
                    f.agriculture,
                    f.processing,
                    f.community_tourism
                ),
            )
            .help("groups with higher income are some of the target groups: check both figures against the report");
    }
    f
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
                        format!(
                            "the period {} to {} overlaps the earlier period {} to {}",
                            p.start, p.end, q.start, q.end
                        ),
                    )
                    .help("each period's months must not repeat in another period: correct `start` or `end`");
            } else if p.start < q.start {
                diags
                    .error(
                        "period-order",
                        file,
                        *pos,
                        format!("the period starting {} comes after a later one", p.start),
                    )
                    .help("list periods oldest first");
            }
        }
    }
}

fn date(raw: &Spanned<RawDate>) -> Date {
    raw.value.0
}

fn lang_pair<T>(map: &BTreeMap<Lang, T>) -> (Option<&T>, Option<&T>) {
    (map.get(&Lang::Th), map.get(&Lang::En))
}

/// A Markdown document that needs a title and a date of last change.
fn document(diags: &mut Diagnostics, md: &MarkdownFile, needs_title: bool) -> Option<Document> {
    let front: &RawFrontMatter = &md.front;
    let title =
        match &front.title {
            Some(t) if !t.value.trim().is_empty() => t.value.trim().to_string(),
            _ if !needs_title => String::new(),
            _ => {
                diags
                .error("front-matter", &md.file, Position::new(1, 1), "this page has no `title`")
                .help("start the file with:\n---\ntitle: The page title\nupdated: 2026-11-25\n---");
                return None;
            }
        };
    let Some(updated) = &front.updated else {
        diags
            .error(
                "front-matter",
                &md.file,
                Position::new(1, 1),
                "this page does not say when it last changed (`updated`)",
            )
            .help("add `updated: YYYY-MM-DD` to the front matter between the `---` lines, with the date of this change");
        return None;
    };
    Some(Document {
        title,
        summary: front.summary.as_ref().map(|s| s.value.trim().to_string()),
        updated: date(updated),
        body: Markdown {
            text: md.body.clone(),
        },
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

/// A valid address part: lower-case ASCII letters, digits and inner hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

struct AreaIndex {
    by_code: HashMap<String, usize>,
    by_slug: HashMap<String, usize>,
}

fn validate_areas(
    content: &Content,
    diags: &mut Diagnostics,
) -> (Vec<Region>, Vec<Area>, AreaIndex) {
    let file = &content.areas_file;
    let mut regions: Vec<Region> = Vec::new();
    let mut areas = Vec::new();
    let mut index = AreaIndex {
        by_code: HashMap::new(),
        by_slug: HashMap::new(),
    };
    for row in &content.areas {
        let pos = Position::new(row.line, 1);
        if row.code.is_empty()
            || row.name_th.is_empty()
            || row.name_en.is_empty()
            || row.region.is_empty()
        {
            diags
                .error(
                    "csv-empty",
                    file,
                    pos,
                    "this line has an empty code, name or region",
                )
                .help("fill in every column");
            continue;
        }
        if !is_slug(&row.slug) {
            diags
                .error(
                    "bad-slug",
                    file,
                    pos,
                    format!("the slug `{}` is not a valid address part", row.slug),
                )
                .help("use lower-case English letters, digits and hyphens only, like `chiang-mai`");
            continue;
        }
        if !is_slug(&row.region) {
            diags
                .error(
                    "bad-region",
                    file,
                    pos,
                    format!("the region key `{}` is not valid", row.region),
                )
                .help("use a lower-case key like `north` or `northeast`");
            continue;
        }
        if RESERVED.contains(&row.slug.as_str()) {
            diags.error(
                "bad-slug",
                file,
                pos,
                format!("the slug `{}` is reserved", row.slug),
            );
        }
        if index.by_code.contains_key(&row.code) {
            diags
                .error(
                    "duplicate-code",
                    file,
                    pos,
                    format!("the code `{}` is listed twice", row.code),
                )
                .help("each area appears once: delete one of the lines");
            continue;
        }
        if index.by_slug.contains_key(&row.slug) {
            diags
                .error(
                    "duplicate-slug",
                    file,
                    pos,
                    format!("the slug `{}` is listed twice", row.slug),
                )
                .help("each area needs its own slug");
            continue;
        }
        let region = match regions.iter().position(|r| r.key == row.region) {
            Some(i) => {
                let r = &regions[i];
                if r.name.th != row.region_th || r.name.en != row.region_en {
                    diags
                        .error(
                            "region-names",
                            file,
                            pos,
                            format!(
                                "the region `{}` is named `{}`/`{}` here but `{}`/`{}` on an earlier line",
                                row.region, row.region_th, row.region_en, r.name.th, r.name.en
                            ),
                        )
                        .help("use the same Thai and English names for a region on every line");
                }
                i
            }
            None => {
                regions.push(Region {
                    key: row.region.clone(),
                    name: Text {
                        th: row.region_th.clone(),
                        en: row.region_en.clone(),
                    },
                });
                regions.len() - 1
            }
        };
        index.by_code.insert(row.code.clone(), areas.len());
        index.by_slug.insert(row.slug.clone(), areas.len());
        areas.push(Area {
            code: AreaCode::known(&row.code),
            slug: row.slug.clone(),
            name: Text {
                th: row.name_th.clone(),
                en: row.name_en.clone(),
            },
            region,
        });
    }
    (regions, areas, index)
}

fn validate_config(content: &Content, diags: &mut Diagnostics) -> Option<SiteConfig> {
    let loaded = content.site.as_ref()?;
    let file = &loaded.file;
    let raw = &loaded.value;
    let mut base_url = raw.base_url.value.trim().to_string();
    if !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
        diags
            .error("base-url", file, at(&raw.base_url), format!("`{base_url}` is not a web address"))
            .help("write the full address the site will have, like https://example.org/ or https://example.org/report/");
    }
    if !base_url.ends_with('/') {
        base_url.push('/');
    }
    let mut languages = Vec::new();
    for l in &raw.languages.value {
        match Lang::from_code(l.value.trim()) {
            Some(lang) if !languages.contains(&lang) => languages.push(lang),
            Some(_) => {
                diags.error(
                    "languages",
                    file,
                    at(l),
                    format!("`{}` is listed twice", l.value),
                );
            }
            None => {
                diags
                    .error(
                        "languages",
                        file,
                        at(l),
                        format!("`{}` is not a language this site supports", l.value),
                    )
                    .help("use `th` and `en`; the first is the default language");
            }
        }
    }
    if languages.len() != 2 {
        diags
            .error("languages", file, at(&raw.languages), "the site must list both `th` and `en`")
            .help("write `languages: [th, en]` (the first is the default language, served at the site root)");
    }
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
        address: optional_text(contact.and_then(|c| c.address.as_ref())),
    };
    for (field, empty) in [
        ("email", contact.email.is_empty()),
        ("phone", contact.phone.is_empty()),
        (
            "address",
            contact.address.th.is_empty() && contact.address.en.is_empty(),
        ),
    ] {
        if empty {
            diags
                .warning("empty-contact", file, Position::FILE, format!("the contact {field} is empty"))
                .help(format!("add `{field}` under `contact:` when the agency publishes it; the site shows only the contact details given"));
        }
    }
    let config = SiteConfig {
        title: text(diags, file, &raw.title, "title"),
        description: text(diags, file, &raw.description, "description"),
        base_url,
        languages: if languages.len() == 2 {
            languages
        } else {
            vec![Lang::Th, Lang::En]
        },
        thai_digits: raw.thai_digits,
        agency_name: text(diags, file, &raw.agency.name, "agency.name"),
        agency_parent: text(diags, file, &raw.agency.parent, "agency.parent"),
        contact,
    };
    Some(config)
}

fn validate_national(content: &Content, diags: &mut Diagnostics) -> Option<National> {
    let loaded = content.national.as_ref()?;
    let file = &loaded.file;
    let raw = &loaded.value;
    let mut periods = Vec::new();
    let mut spans = Vec::new();
    for p in &raw.periods {
        let v = &p.value;
        let period = period(diags, file, &v.period);
        spans.push((period, at(&v.period)));
        periods.push(NationalPeriod {
            period,
            data_status: v.data_status,
            source: Provenance {
                title: text(diags, file, &v.source.title, "source.title"),
                publisher: text(diags, file, &v.source.publisher, "source.publisher"),
                released: v.source.released.as_ref().map(date),
                url: v.source.url.as_ref().map(|u| u.value.trim().to_string()),
            },
            next_release: v.next_release.as_ref().map(date),
            figures: figures(
                diags,
                file,
                &v.target_groups,
                &v.groups_with_higher_income,
                &v.income_increase_baht,
                &v.beneficiaries,
            ),
        });
    }
    check_periods(diags, file, &spans);
    let corrections = raw
        .corrections
        .iter()
        .map(|c| Correction {
            date: date(&c.value.date),
            what: text(diags, file, &c.value.what, "what"),
            why: text(diags, file, &c.value.why, "why"),
        })
        .collect();
    Some(National {
        periods,
        corrections,
        updated: date(&raw.updated),
    })
}

fn event(diags: &mut Diagnostics, file: &Path, raw: &Spanned<RawEvent>) -> Option<Event> {
    let v = &raw.value;
    let time = match (&v.date, &v.start, &v.end, &v.between) {
        (Some(d), None, None, None) => EventTime::On(date(d)),
        (None, Some(s), Some(e), None) => {
            if date(e) < date(s) {
                diags
                    .error(
                        "date-order",
                        file,
                        at(e),
                        format!(
                            "this event ends ({}) before it starts ({})",
                            date(e),
                            date(s)
                        ),
                    )
                    .help("swap `start` and `end`, or correct the date");
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
                        format!("`between` ends ({e}) before it starts ({s})"),
                    )
                    .help("swap `start` and `end`, or correct the date");
            }
            EventTime::Between(s, e)
        }
        _ => {
            diags
                .error("event-date", file, at(raw), "this event needs exactly one way of giving its date")
                .help("write `date: YYYY-MM-DD` for one day, `start:` and `end:` for something that lasted, or `between: {start: …, end: …}` when the exact day is not known");
            return None;
        }
    };
    Some(Event {
        kind: v.kind,
        time,
        title: text(diags, file, &v.title, "title"),
    })
}

fn validate_province(
    diags: &mut Diagnostics,
    file: &Path,
    raw: &RawProvince,
    areas: &[Area],
    regions: &[Region],
    index: &AreaIndex,
) -> Option<Province> {
    let code = raw.code.value.trim();
    let Some(&area_index) = index.by_code.get(code) else {
        let hint = match areas.iter().find(|a| {
            file.file_stem()
                .is_some_and(|s| s.to_string_lossy() == a.slug)
        }) {
            Some(a) => format!(
                "this file's name matches {} ({}), whose code is {}",
                a.name.en, a.name.th, a.code
            ),
            None => "use a code from content/areas.csv, such as TH-50".to_string(),
        };
        diags
            .error(
                "unknown-code",
                file,
                at(&raw.code),
                format!("`{code}` is not a code in content/areas.csv"),
            )
            .help(hint);
        return None;
    };
    let area = &areas[area_index];
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem != area.slug {
        diags
            .error(
                "slug-mismatch",
                file,
                Position::FILE,
                format!("this file is named `{stem}.yaml`, but the slug of {code} in content/areas.csv is `{}`", area.slug),
            )
            .help(format!("rename the file to `{}.yaml` (and its narratives to `{0}.th.md` and `{0}.en.md`)", area.slug));
    }
    let name = text(diags, file, &raw.name, "name");
    for lang in Lang::ALL {
        let (given, listed) = (name.get(lang), area.name.get(lang));
        if !given.is_empty() && given != listed {
            let spanned = match lang {
                Lang::Th => raw.name.value.th.as_ref(),
                Lang::En => raw.name.value.en.as_ref(),
            };
            let pos = spanned.map(at).unwrap_or_else(|| at(&raw.name));
            diags
                .error(
                    "name-mismatch",
                    file,
                    pos,
                    format!("the {} name `{given}` does not match `{listed}` for {code} in content/areas.csv", lang.english_name()),
                )
                .help(format!("write `{}: {listed}`, or correct content/areas.csv if the list is wrong", lang.code()));
        }
    }
    let region_key = raw.region.value.trim();
    let listed_region = &regions[area.region];
    if region_key != listed_region.key {
        let known: Vec<&str> = regions.iter().map(|r| r.key.as_str()).collect();
        let what = if known.contains(&region_key) {
            format!(
                "the region `{region_key}` does not match `{}` for {code} in content/areas.csv",
                listed_region.key
            )
        } else {
            format!("`{region_key}` is not a region in content/areas.csv")
        };
        diags
            .error("region-mismatch", file, at(&raw.region), what)
            .help(format!(
                "write `region: {}` ({} / {})",
                listed_region.key, listed_region.name.th, listed_region.name.en
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
            figures: figures(
                diags,
                file,
                &v.target_groups,
                &v.groups_with_higher_income,
                &v.income_increase_baht,
                &v.beneficiaries,
            ),
        });
    }
    check_periods(diags, file, &spans);
    let mut events: Vec<Event> = raw
        .events
        .iter()
        .filter_map(|e| event(diags, file, e))
        .collect();
    events.sort_by_key(|e| e.time.sort_key());
    let sources = raw
        .sources
        .iter()
        .map(|s| Source {
            title: text(diags, file, &s.value.title, "title"),
            url: s.value.url.as_ref().map(|u| u.value.trim().to_string()),
        })
        .collect();
    let company = raw
        .company
        .as_ref()
        .map(|c| text(diags, file, &c.name, "company.name"));
    Some(Province {
        area: area_index,
        data_status: raw.data_status,
        company,
        results,
        events,
        sources,
        narrative_th: None,
        narrative_en: None,
        updated: date(&raw.updated),
    })
}

/// Turn loaded content into the validated site. Returns `None` when errors were found.
pub fn validate(content: &Content, diags: &mut Diagnostics) -> Option<Site> {
    let (regions, areas, index) = validate_areas(content, diags);
    let config = validate_config(content, diags);
    let national = validate_national(content, diags);

    // Provinces: one record per area, each code once.
    let mut by_area: Vec<Option<Province>> = vec![None; areas.len()];
    let mut first_file: HashMap<usize, &Path> = HashMap::new();
    for loaded in &content.provinces {
        let Some(p) =
            validate_province(diags, &loaded.file, &loaded.value, &areas, &regions, &index)
        else {
            continue;
        };
        if let Some(other) = first_file.get(&p.area) {
            let shown = diags.display_path(other);
            diags
                .error(
                    "duplicate-code",
                    &loaded.file,
                    at(&loaded.value.code),
                    format!("the code {} is already used by {shown}", areas[p.area].code),
                )
                .help("each area has exactly one record: delete or correct one of the two files");
            continue;
        }
        first_file.insert(p.area, &loaded.file);
        let slot = p.area;
        by_area[slot] = Some(p);
    }
    let provinces_dir = diags.root().join("content").join("provinces");
    for (i, slot) in by_area.iter().enumerate() {
        if slot.is_none() && !first_file.contains_key(&i) {
            let area = &areas[i];
            let expected = provinces_dir.join(format!("{}.yaml", area.slug));
            if !expected.exists() {
                diags
                    .error("missing-record", &expected, Position::FILE, format!("{} ({}, {}) has no record", area.code, area.name.en, area.name.th))
                    .help(format!("create content/provinces/{}.yaml (tanrak new province {} writes one to start from)", area.slug, area.code));
            }
        }
    }

    // Narratives beside each record.
    for slot in by_area.iter_mut().flatten() {
        let area = &areas[slot.area];
        for lang in Lang::ALL {
            match content.narratives.get(&(area.slug.clone(), lang)) {
                Some(md) => {
                    if let Some(updated) = &md.front.updated
                        && updated.value.0 > slot.updated
                    {
                        slot.updated = updated.value.0;
                    }
                    let doc = Markdown {
                        text: md.body.clone(),
                    };
                    match lang {
                        Lang::Th => slot.narrative_th = Some(doc),
                        Lang::En => slot.narrative_en = Some(doc),
                    }
                }
                None => {
                    let path = provinces_dir.join(format!("{}.{}.md", area.slug, lang.code()));
                    diags
                        .warning("missing-narrative", &path, Position::FILE, format!("{} has no {} narrative", area.name.en, lang.english_name()))
                        .help(format!("write it in content/provinces/{}.{}.md; until then the page says the text is not yet available in {}", area.slug, lang.code(), lang.english_name()));
                }
            }
        }
    }
    for ((slug, _), md) in &content.narratives {
        if !index.by_slug.contains_key(slug) {
            diags
                .warning(
                    "unused-file",
                    &md.file,
                    Position::FILE,
                    format!("no area has the slug `{slug}`, so this narrative is not used"),
                )
                .help("name narratives after a slug in content/areas.csv, like chiang-mai.th.md");
        }
    }

    // Home, questions, pages.
    let content_dir = diags.root().join("content");
    let bilingual = |map: &BTreeMap<Lang, MarkdownFile>,
                     name: &str,
                     required: bool,
                     diags: &mut Diagnostics| {
        let (th, en) = lang_pair(map);
        let mut get = |md: Option<&MarkdownFile>, lang: Lang| match md {
            Some(md) => document(diags, md, name != "home"),
            None => {
                let path = content_dir.join(format!("{name}.{}.md", lang.code()));
                let message = format!("`content/{name}.{}.md` is missing", lang.code());
                if required {
                    diags.error("missing-file", &path, Position::FILE, message)
                } else {
                    diags.warning("missing-file", &path, Position::FILE, message)
                }
                .help(format!(
                    "write the {} version of this text",
                    lang.english_name()
                ));
                None
            }
        };
        Bilingual {
            th: get(th, Lang::Th),
            en: get(en, Lang::En),
        }
    };
    let home = bilingual(&content.home, "home", false, diags);
    let faq = bilingual(&content.faq, "faq", true, diags);
    if let (Some(th), Some(en)) = (&faq.th, &faq.en) {
        let (n_th, n_en) = (
            crate::render::markdown::count_questions(&th.body.text),
            crate::render::markdown::count_questions(&en.body.text),
        );
        if n_th != n_en {
            let file = content_dir.join("faq.en.md");
            diags
                .error("faq-count", &file, Position::FILE, format!("the Thai questions have {n_th} `## ` headings but the English have {n_en}"))
                .help("each question is one level-2 heading (`## `) in the same order in both files: the addresses #q1, #q2, … come from that order");
        }
    }

    let mut pages: BTreeMap<String, Page> = BTreeMap::new();
    for ((name, lang), md) in &content.pages {
        if RESERVED.contains(&name.as_str()) || !is_slug(name) {
            let why = if RESERVED.contains(&name.as_str()) {
                "is reserved for the site's own pages"
            } else {
                "is not a valid address part"
            };
            diags
                .error("page-name", &md.file, Position::FILE, format!("the page name `{name}` {why}"))
                .help("rename the file: use lower-case English letters, digits and hyphens, and none of: provinces, faq, data, status, search, updates, en");
            continue;
        }
        let Some(doc) = document(diags, md, true) else {
            continue;
        };
        let page = pages.entry(name.clone()).or_insert_with(|| Page {
            name: name.clone(),
            th: None,
            en: None,
        });
        match lang {
            Lang::Th => page.th = Some(doc),
            Lang::En => page.en = Some(doc),
        }
    }
    for page in pages.values() {
        for lang in Lang::ALL {
            if page.get(lang).is_none() {
                let path =
                    content_dir
                        .join("pages")
                        .join(format!("{}.{}.md", page.name, lang.code()));
                diags
                    .warning("missing-language", &path, Position::FILE, format!("the page `{}` has no {} version", page.name, lang.english_name()))
                    .help(format!("write content/pages/{}.{}.md; until then the page says it is not yet available in {}", page.name, lang.code(), lang.english_name()));
            }
        }
    }

    let updates = validate_updates(content, diags);

    if diags.has_errors() {
        return None;
    }
    Some(Site {
        config: config?,
        regions,
        areas,
        provinces: by_area.into_iter().flatten().collect(),
        national: national?,
        home,
        faq,
        pages: pages.into_values().collect(),
        boundaries: None,
        updates,
    })
}

/// Position of a front-matter value (its YAML starts on the file's second line).
fn in_front<T>(value: &Spanned<T>) -> Position {
    position_of(value, 1)
}

/// One language's update note: a title and a date are required.
fn update_note(diags: &mut Diagnostics, md: &MarkdownFile) -> Option<(Date, UpdateNote)> {
    let front: &RawFrontMatter = &md.front;
    let example = "start the file with:\n---\ntitle: The note's title\ndate: 2026-11-25\n---";
    let title = match &front.title {
        Some(t) if !t.value.trim().is_empty() => Some(t.value.trim().to_string()),
        _ => {
            diags
                .error(
                    "front-matter",
                    &md.file,
                    Position::new(1, 1),
                    "this update note has no `title`",
                )
                .help(example);
            None
        }
    };
    let Some(day) = &front.date else {
        diags
            .error("front-matter", &md.file, Position::new(1, 1), "this update note has no `date`")
            .help(format!("{example}\n(`date` is the day the note is about; `updated` may follow when it is changed later)"));
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
            .error("front-matter", &md.file, pos, "`updated` is before the note's `date`")
            .help("`updated` is when the note was last changed, so it is the same as `date` or later; remove it if the note was never changed");
        return None;
    }
    Some((
        day,
        UpdateNote {
            title: title?,
            summary: front.summary.as_ref().map(|s| s.value.trim().to_string()),
            updated,
            body: Markdown {
                text: md.body.clone(),
            },
        },
    ))
}

/// The dated notes in `content/updates/`, newest first.
fn validate_updates(content: &Content, diags: &mut Diagnostics) -> Vec<Update> {
    let dir = diags.root().join("content").join("updates");
    let mut by_name: BTreeMap<String, Update> = BTreeMap::new();
    for ((name, lang), md) in &content.updates {
        if !is_slug(name) {
            diags
                .error("update-name", &md.file, Position::FILE, format!("the note name `{name}` is not a valid address part"))
                .help("name notes like 2026-11-25-site-launch.th.md: the date, then lower-case English letters, digits and hyphens");
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
                .warning("update-date", &md.file, pos, format!("the file name says {prefix} but the note's `date` is {day}"))
                .help("the name is the note's permanent address in the feed, so keep it; correct `date` if it is wrong");
        }
        let update = by_name.entry(name.clone()).or_insert_with(|| Update {
            name: name.clone(),
            date: day,
            th: None,
            en: None,
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
                    format!(
                        "this note's date is {day} but the other language's is {}",
                        update.date
                    ),
                )
                .help("both languages of a note are about the same day: give them the same `date`");
            continue;
        }
        match lang {
            Lang::Th => update.th = Some(note),
            Lang::En => update.en = Some(note),
        }
    }
    for update in by_name.values() {
        for lang in Lang::ALL {
            if !content.updates.contains_key(&(update.name.clone(), lang)) {
                let path = dir.join(format!("{}.{}.md", update.name, lang.code()));
                diags
                    .warning("missing-language", &path, Position::FILE, format!("the update note `{}` has no {} version", update.name, lang.english_name()))
                    .help(format!("write content/updates/{}.{}.md; until then the note is left out of the {} updates page and feed", update.name, lang.code(), lang.english_name()));
            }
        }
    }
    let mut updates: Vec<Update> = by_name
        .into_values()
        .filter(|u| u.th.is_some() || u.en.is_some())
        .collect();
    updates.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.name.cmp(&b.name)));
    updates
}
