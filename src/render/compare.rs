//! "How is my area doing?": for every measure, an area's rank among all areas that reported
//! the period and within its group, its share of the national value and the medians beside
//! it, in words and in a small chart per measure.
//!
//! Ranks and medians are read from [`crate::model::Standings`], made once per site, so an
//! area page costs a few binary searches, not a pass over every record.

use std::cell::RefCell;

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use serde::Serialize;

use super::charts::{self, Figure, fill_into, halves};
use super::format::{Formatter, push_replaced};
use super::theme::{Strings, Theme};
use super::views::{Link, Route, StatusView, href, shown, status_view};
use crate::model::standings::{Ranked, Standing};
use crate::model::*;

/// One measure's comparison.
#[derive(Serialize)]
pub struct CompareRow {
    pub key: String,
    pub label: String,
    pub value: String,
    /// The comparison in words, one sentence after another.
    pub sentence: String,
    /// The small chart of the area beside the medians; none when the area gives no value.
    pub chart: Option<Figure>,
    /// The same comparison as cells of the section's one table (a fact sheet's, printed in
    /// place of the sentences and charts): `5 of 76`, the medians, the share. A dash where the
    /// area gives no value or the measure does not add up (no share), and in the group's
    /// cells when the site has no groups (the table then has no group columns).
    pub cells: CompareCells,
}

/// One measure's comparison in a row of the section's table; a dash where it has nothing to
/// say.
#[derive(Serialize)]
pub struct CompareCells {
    pub rank: String,
    pub group_rank: String,
    pub group_median: String,
    pub median: String,
    pub share: String,
    /// Whether either rank is shared with another area.
    pub tied: bool,
}

impl CompareCells {
    fn none() -> Self {
        let dash = || "–".to_string();
        CompareCells {
            rank: dash(),
            group_rank: dash(),
            group_median: dash(),
            median: dash(),
            share: dash(),
            tied: false,
        }
    }
}

/// The comparison section of an area page.
#[derive(Serialize)]
pub struct CompareView {
    pub title: String,
    pub intro: String,
    pub status: StatusView,
    /// The group page's address and its link text; empty when the site has no group pages.
    pub group_href: String,
    pub group_link: String,
    /// Whether the figures' status is ranked (see [`Report::ranks`]): without, no rank
    /// sentence and no rank column.
    pub ranked: bool,
    /// The table's caption and column headers (no group columns when the site has no groups).
    pub table: CompareTable,
    pub rows: Vec<CompareRow>,
}

/// The words around the comparisons' one table.
#[derive(Serialize)]
pub struct CompareTable {
    pub summary: String,
    pub caption: String,
    pub rank: String,
    pub group_rank: String,
    pub group_median: String,
    pub median: String,
    pub share: String,
    /// What a shared rank's mark means, under the table; empty when no rank is shared.
    pub tied_note: String,
}

/// `5th`, `2nd` (English), `5` (Thai: the sentence says อันดับที่): the language's ordinal
/// category of `n` (CLDR rules) picks the UI string `ordinal_one`, `_two`, `_few` or
/// `_other`.
pub fn ordinal(fmt: &Formatter, strings: &Strings, n: usize) -> String {
    let mut out = String::new();
    push_ordinal(&mut out, fmt, &RankWords::new(strings).ordinals, n);
    out
}

/// The UI strings that say a rank, looked up once per page (a page says a dozen ranks). A
/// missing one reads as empty, an ordinal as the bare number.
struct RankWords<'a> {
    rank_all: &'a str,
    rank_group: &'a str,
    tied_one: &'a str,
    tied: &'a str,
    cell_rank: &'a str,
    cell_tied: &'a str,
    /// `ordinal_one`, `_two`, `_few` and `_other`.
    ordinals: [&'a str; 4],
}

impl<'a> RankWords<'a> {
    fn new(strings: &'a Strings) -> Self {
        let t = |k: &str| strings.get(k).map_or("", String::as_str);
        let ordinal = |k: &str| strings.get(k).map_or("{n}", String::as_str);
        RankWords {
            rank_all: t("compare_rank_all"),
            rank_group: t("compare_rank_group"),
            tied_one: t("compare_tied_one"),
            tied: t("compare_tied"),
            cell_rank: t("compare_cell_rank"),
            cell_tied: t("compare_cell_tied"),
            ordinals: [
                ordinal("ordinal_one"),
                ordinal("ordinal_two"),
                ordinal("ordinal_few"),
                ordinal("ordinal_other"),
            ],
        }
    }
}

/// Append [`ordinal`]'s text, with the patterns of [`RankWords::ordinals`].
fn push_ordinal(out: &mut String, fmt: &Formatter, ordinals: &[&str; 4], n: usize) {
    thread_local! {
        // The rules of each language, made once per thread (an area page asks for a dozen).
        static RULES: RefCell<Vec<(Lang, Option<PluralRules>)>> = const { RefCell::new(Vec::new()) };
    }
    let category = RULES.with_borrow_mut(|rules| {
        let at = match rules.iter().position(|(l, _)| *l == fmt.lang) {
            Some(at) => at,
            None => {
                let made = fmt
                    .lang
                    .code()
                    .parse::<unic_langid::LanguageIdentifier>()
                    .ok()
                    .and_then(|id| PluralRules::create(id, PluralRuleType::ORDINAL).ok());
                rules.push((fmt.lang, made));
                rules.len() - 1
            }
        };
        rules[at]
            .1
            .as_ref()
            .and_then(|r| r.select(n as u64).ok())
            .unwrap_or(PluralCategory::OTHER)
    });
    let pattern = match category {
        PluralCategory::ONE => ordinals[0],
        PluralCategory::TWO => ordinals[1],
        PluralCategory::FEW => ordinals[2],
        _ => ordinals[3],
    };
    push_replaced(out, pattern, "{n}", |o| fmt.push_number(o, n as u64));
}

/// A twice-held median as the page writes it, in the measure's unit.
fn median_text(fmt: &Formatter, m: &report::Measure, doubled: u64) -> String {
    let (v, decimals) = halves(doubled, m.decimals);
    fmt.value_in(m, v, decimals)
}

/// A rank as a table cell: `5 of 76`, or `5 of 76*` when shared (the table's note says what
/// the mark means).
fn rank_cell(fmt: &Formatter, words: &RankWords, s: Standing) -> String {
    let mut cell = String::with_capacity(24);
    fill_into(&mut cell, words.cell_rank, |k, out| {
        match k {
            "{rank}" => fmt.push_number(out, s.rank as u64),
            "{n}" => fmt.push_number(out, s.of as u64),
            _ => return false,
        }
        true
    });
    if s.tied == 0 {
        return cell;
    }
    let mut marked = String::with_capacity(cell.len() + 8);
    push_replaced(&mut marked, words.cell_tied, "{rank}", |o| {
        o.push_str(&cell)
    });
    marked
}

/// Append a rank in words (`pattern` is [`RankWords::rank_all`] or `rank_group`): `5th of
/// 76 provinces that reported (shared with 1 other province)`.
fn push_rank_text(
    out: &mut String,
    fmt: &Formatter,
    words: &RankWords,
    pattern: &str,
    s: Standing,
    group: &str,
) {
    // One pass over the sentence (a `{…}` left in a filled-in value is not filled again).
    fill_into(out, pattern, |k, out| {
        match k {
            "{ordinal}" => push_ordinal(out, fmt, &words.ordinals, s.rank),
            "{rank}" => fmt.push_number(out, s.rank as u64),
            "{n}" => fmt.push_number(out, s.of as u64),
            "{group_name}" => out.push_str(group),
            "{tied}" => match s.tied {
                0 => {}
                1 => push_replaced(out, words.tied_one, "{n}", |o| fmt.push_number(o, 1)),
                n => push_replaced(out, words.tied, "{n}", |o| fmt.push_number(o, n as u64)),
            },
            _ => return false,
        }
        true
    })
}

fn doubled(median: Option<u128>) -> Option<u64> {
    median.map(|m| u64::try_from(m).unwrap_or(u64::MAX))
}

/// The comparison of area record `index`, for its latest period with figures; `None` when
/// it has none.
pub fn area_compare(
    site: &Site,
    theme: &Theme,
    fmt: &Formatter,
    index: usize,
) -> Option<CompareView> {
    let lang = fmt.lang;
    let strings = theme.strings(lang);
    let t = |k: &str| theme.t(lang, k);
    let p = &site.records[index];
    let area = site.area(p);
    // The period the site shows, when the area has figures for it; else the area's latest.
    let latest = site
        .shown_period()
        .and_then(|np| p.result_for(&np.period))
        .or_else(|| p.results.last())?;
    let period = latest.period;
    let standings = site.standings.period(&period)?;
    let grouped = site.report.area.grouping.is_some();
    let ranked = site.report.ranks(standings.status);
    let group_name = site.group_of(area).name.get(lang);
    let np = site.national.periods.iter().find(|n| n.period == period);
    let national = np.map(|n| &n.values);
    // The areas expected to report for the period (all areas when it is not a national one).
    let expected = np.map_or(site.areas.len(), |n| n.coverage.expected);
    // The UI strings of the sentences, borrowed (a missing one reads as its key, as `t` gives).
    let word = |k: &'static str| strings.get(k).map_or(k, String::as_str);
    let end = word("sentence_end");
    let ranks = RankWords::new(strings);
    let (not_given, median_group, median_all, percent_of, share_of) = (
        word("compare_not_given"),
        word("compare_median"),
        word("compare_median_all"),
        word("format_percent"),
        word("compare_share"),
    );
    let figures = charts::CompareCharts::new(site, theme, fmt, index, period);
    // The sentences are written in one buffer, each started by `say` and ended by `done`.
    let say = |sentence: &mut String| {
        if !sentence.is_empty() {
            sentence.push(' ');
        }
    };
    let done = |sentence: &mut String| sentence.push_str(end);
    let mut scratch = String::new();
    let rows: Vec<CompareRow> = site
        .report
        .table_order()
        .into_iter()
        .map(|(m, _)| {
            let value = latest.values.get(m.id);
            let mut sentence = String::with_capacity(512);
            let mut chart = None;
            let mut cells = CompareCells::none();
            match value {
                None => {
                    say(&mut sentence);
                    sentence.push_str(not_given);
                    done(&mut sentence);
                }
                Some(v) => {
                    let all: &Ranked = standings.all(m.id);
                    if ranked {
                        let standing = all.standing(v);
                        cells.rank = rank_cell(fmt, &ranks, standing);
                        cells.tied |= standing.tied > 0;
                        say(&mut sentence);
                        push_rank_text(
                            &mut sentence,
                            fmt,
                            &ranks,
                            ranks.rank_all,
                            standing,
                            group_name,
                        );
                        done(&mut sentence);
                    }
                    let group_median = grouped.then(|| {
                        let in_group = standings.group(area.group, m.id);
                        if ranked {
                            let standing = in_group.standing(v);
                            cells.group_rank = rank_cell(fmt, &ranks, standing);
                            cells.tied |= standing.tied > 0;
                            say(&mut sentence);
                            push_rank_text(
                                &mut sentence,
                                fmt,
                                &ranks,
                                ranks.rank_group,
                                standing,
                                group_name,
                            );
                            done(&mut sentence);
                        }
                        doubled(in_group.median_doubled())
                    });
                    let group_median = group_median.flatten();
                    if let Some(median) = group_median {
                        cells.group_median = median_text(fmt, m, median);
                        // Replaced one after the other, as `str::replace` twice would.
                        scratch.clear();
                        push_replaced(&mut scratch, median_group, "{group_name}", |o| {
                            o.push_str(group_name)
                        });
                        say(&mut sentence);
                        push_replaced(&mut sentence, &scratch, "{median}", |o| {
                            o.push_str(&cells.group_median)
                        });
                        done(&mut sentence);
                    }
                    let all_median = doubled(all.median_doubled()).unwrap_or(0);
                    cells.median = median_text(fmt, m, all_median);
                    say(&mut sentence);
                    push_replaced(&mut sentence, median_all, "{median}", |o| {
                        o.push_str(&cells.median)
                    });
                    done(&mut sentence);
                    if let Some(whole) = national
                        .and_then(|n| n.get(m.id))
                        .filter(|w| m.sums && *w > 0)
                    {
                        let share = charts::share(v, whole);
                        let mut percent = String::with_capacity(16);
                        push_replaced(&mut percent, percent_of, "{n}", |o| {
                            fmt.push_plain_decimal(o, share, 2)
                        });
                        say(&mut sentence);
                        push_replaced(&mut sentence, share_of, "{share}", |o| o.push_str(&percent));
                        done(&mut sentence);
                        cells.share = percent;
                    }
                    // The chart's three numbers are in the sentence above it and in the
                    // section's table; they are in the areas' downloads, so no files either.
                    chart = Some(figures.figure(
                        m.id,
                        v,
                        charts::Medians {
                            group: group_median,
                            all: all_median,
                        },
                    ));
                }
            }
            CompareRow {
                key: m.column.clone(),
                label: m.label.get(lang).to_string(),
                value: shown(fmt, strings, m, value),
                sentence,
                chart,
                cells,
            }
        })
        .collect();
    let group_pages = site.group_segment().is_some();
    // The group's columns, named after the area's group; none when the site has no groups.
    let group_col = |k: &str, name: &str| {
        if grouped {
            t(k).replace(name, group_name)
        } else {
            String::new()
        }
    };
    let tied = rows.iter().any(|r| r.cells.tied);
    let period_text = fmt.period(&period);
    let title = t("compare_title").replace("{name}", area.name.get(lang));
    let table = CompareTable {
        summary: t("compare_table_summary"),
        caption: format!("{title}, {period_text}"),
        rank: if ranked {
            t("compare_col_rank")
        } else {
            String::new()
        },
        group_rank: if ranked {
            group_col("compare_col_rank_group", "{group_name}")
        } else {
            String::new()
        },
        group_median: group_col("compare_item_group", "{name}"),
        median: t("compare_item_all"),
        share: t("compare_col_share"),
        tied_note: if tied {
            t("compare_table_tied_note")
        } else {
            String::new()
        },
    };
    Some(CompareView {
        table,
        title,
        // The words may hold digits of their own ("rank 1"): in Thai digits where asked.
        intro: fmt.digits(
            &t("compare_intro")
                .replace("{period}", &period_text)
                .replace("{n}", &fmt.number(standings.reported as u64))
                .replace("{total}", &fmt.number(expected as u64)),
        ),
        status: status_view(strings, latest.status),
        group_href: if group_pages {
            href(site, lang, &Route::group(area.group).rel(site))
        } else {
            String::new()
        },
        group_link: if group_pages {
            t("group_areas_link").replace("{name}", group_name)
        } else {
            String::new()
        },
        ranked,
        rows,
    })
}

/// Links to every group page (empty when the site has none), for the home page, the areas
/// index and the map.
pub fn group_links(site: &Site, lang: Lang) -> Vec<Link> {
    if site.group_segment().is_none() {
        return Vec::new();
    }
    site.groups
        .iter()
        .enumerate()
        .map(|(i, g)| Link {
            href: href(site, lang, &Route::group(i).rel(site)),
            label: g.name.get(lang).to_string(),
            current: false,
            lang: lang.code().into(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default theme's UI strings, with the placeholders of the rank strings filled by
    /// values that themselves look like placeholders.
    fn words(lang: Lang) -> Strings {
        let text = if lang.is_thai() {
            include_str!("../../themes/default/i18n/th.yaml")
        } else {
            include_str!("../../themes/default/i18n/en.yaml")
        };
        serde_saphyr::from_str(text).unwrap()
    }

    /// The rank's words and cell as they were written before they went into one buffer.
    mod before {
        use super::super::*;

        pub fn rank_cell(fmt: &Formatter, strings: &Strings, s: Standing) -> String {
            let t = |k: &str| strings.get(k).cloned().unwrap_or_default();
            let cell = charts::fill_in(
                strings.get("compare_cell_rank").map_or("", String::as_str),
                |k| match k {
                    "{rank}" => Some(fmt.number(s.rank as u64)),
                    "{n}" => Some(fmt.number(s.of as u64)),
                    _ => None,
                },
            );
            if s.tied == 0 {
                cell
            } else {
                t("compare_cell_tied").replace("{rank}", &cell)
            }
        }

        pub fn ordinal(fmt: &Formatter, strings: &Strings, n: usize) -> String {
            let rules = fmt
                .lang
                .code()
                .parse::<unic_langid::LanguageIdentifier>()
                .ok()
                .and_then(|id| PluralRules::create(id, PluralRuleType::ORDINAL).ok());
            let category = rules
                .as_ref()
                .and_then(|r| r.select(n as u64).ok())
                .unwrap_or(PluralCategory::OTHER);
            let key = match category {
                PluralCategory::ONE => "ordinal_one",
                PluralCategory::TWO => "ordinal_two",
                PluralCategory::FEW => "ordinal_few",
                _ => "ordinal_other",
            };
            let pattern = strings.get(key).map_or("{n}", String::as_str);
            pattern.replace("{n}", &fmt.number(n as u64))
        }

        pub fn rank_text(
            fmt: &Formatter,
            strings: &Strings,
            key: &str,
            s: Standing,
            group: &str,
        ) -> String {
            let t = |k: &str| strings.get(k).cloned().unwrap_or_default();
            let tied = match s.tied {
                0 => String::new(),
                1 => t("compare_tied_one").replace("{n}", &fmt.number(1)),
                n => t("compare_tied").replace("{n}", &fmt.number(n as u64)),
            };
            charts::fill_in(strings.get(key).map_or("", String::as_str), |k| match k {
                "{ordinal}" => Some(ordinal(fmt, strings, s.rank)),
                "{rank}" => Some(fmt.number(s.rank as u64)),
                "{n}" => Some(fmt.number(s.of as u64)),
                "{group_name}" => Some(group.to_string()),
                "{tied}" => Some(tied.clone()),
                _ => None,
            })
        }
    }

    #[test]
    fn ranks_are_written_as_before() {
        let mut checked = 0;
        for lang in [Lang::TH, Lang::EN] {
            let mut strings = words(lang);
            for variant in 0..2 {
                if variant == 1 {
                    // Every placeholder in every rank string, some twice, and a `{…}` that
                    // is nobody's: filled in one pass, as before.
                    let all = "{ordinal} {rank}/{n} {group_name} {tied}{tied} {x} {n";
                    let mut map = strings.sorted().clone();
                    for key in [
                        "compare_rank_all",
                        "compare_rank_group",
                        "compare_cell_rank",
                    ] {
                        map.insert(key.into(), all.into());
                    }
                    map.insert("compare_cell_tied".into(), "{rank}* {rank}".into());
                    map.insert("compare_tied".into(), "({n} {n})".into());
                    map.insert("ordinal_other".into(), "{n}.{n}".into());
                    map.remove("compare_tied_one");
                    strings = Strings::from(map);
                }
                for thai in [false, true] {
                    let fmt = Formatter::new(lang, thai, &strings);
                    for rank in [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 1000, 12345] {
                        for tied in [0, 1, 2, 3, 1000] {
                            for of in [rank, rank + 1, 10_000, 1_234_567] {
                                let s = Standing { rank, of, tied };
                                let words = RankWords::new(&strings);
                                assert_eq!(
                                    rank_cell(&fmt, &words, s),
                                    before::rank_cell(&fmt, &strings, s)
                                );
                                for (key, pattern) in [
                                    ("compare_rank_all", words.rank_all),
                                    ("compare_rank_group", words.rank_group),
                                ] {
                                    for group in ["ภาคเหนือ", "Region 7", "{n} {tied}"]
                                    {
                                        let mut now = String::from("…");
                                        push_rank_text(&mut now, &fmt, &words, pattern, s, group);
                                        let was = before::rank_text(&fmt, &strings, key, s, group);
                                        assert_eq!(now, format!("…{was}"));
                                        checked += 1;
                                    }
                                }
                            }
                        }
                        assert_eq!(
                            ordinal(&fmt, &strings, rank),
                            before::ordinal(&fmt, &strings, rank)
                        );
                    }
                }
            }
        }
        assert_eq!(checked, 2 * 2 * 2 * 14 * 5 * 4 * 2 * 3);
    }
}
