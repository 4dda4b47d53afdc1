//! A group's page (a region's, for the bundled site): its areas with their figures, and the
//! group's totals, which are sums of the area figures and say how many areas they cover.

use serde::Serialize;

use super::format::{Formatter, plain_decimal};
use super::theme::Theme;
use super::views::{IndexRow, Row, StatusView, index_columns, index_row, status_view};
use crate::model::*;

#[derive(Serialize)]
pub struct GroupPageView {
    pub key: String,
    pub name: String,
    pub intro: String,
    pub period: String,
    pub status: StatusView,
    pub columns: Vec<String>,
    pub rows: Vec<IndexRow>,
    pub caption: String,
    /// The group's totals for the period (measures whose area values add up), and what
    /// they are.
    pub totals: Vec<Row>,
    pub totals_title: String,
    pub totals_caption: String,
    pub totals_note: String,
    /// What the totals section says when no area of the group reported.
    pub totals_none: String,
}

pub fn group_view(site: &Site, theme: &Theme, fmt: &Formatter, g: usize) -> GroupPageView {
    let lang = fmt.lang;
    let strings = theme.strings(lang);
    let t = |k: &str| theme.t(lang, k);
    let group = &site.groups[g];
    let name = group.name.get(lang);
    let shown = site.shown_period();
    let period = shown.map(|p| p.period);
    let records: Vec<usize> = (0..site.records.len())
        .filter(|&i| site.area(&site.records[i]).group == g)
        .collect();
    // The least reliable status of the group's figures for the period.
    let status = worst(records.iter().filter_map(|&i| {
        period
            .and_then(|p| site.records[i].result_for(&p))
            .map(|r| r.status)
    }));
    let standings = period.and_then(|p| site.standings.period(&p));
    let reported = standings.map_or(0, |s| s.reported_in_group[g]);
    let totals = match standings {
        Some(s) if reported > 0 => site
            .report
            .table_order()
            .into_iter()
            .filter(|(m, _)| m.sums)
            .filter(|(m, _)| !s.group(g, m.id).is_empty())
            .map(|(m, depth)| {
                let sum = s.group(g, m.id).sum();
                Row {
                    key: m.column.clone(),
                    label: m.label.get(lang).to_string(),
                    value: fmt.value(m, sum),
                    raw: plain_decimal(sum, m.decimals),
                    part: depth > 0,
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    let period_text = period.map(|p| fmt.period(&p)).unwrap_or_default();
    let count = fmt.number(records.len() as u64);
    // The group's areas expected to report for the period: what its totals could cover.
    let expected = shown.map_or(records.len(), |np| {
        records
            .iter()
            .filter(|&&i| site.is_expected(np, site.records[i].area))
            .count()
    });
    let status_view = status_view(strings, status);
    let totals_caption = t("group_totals_caption").replace("{name}", name);
    GroupPageView {
        key: group.key.clone(),
        name: name.to_string(),
        intro: t("group_intro")
            .replace("{name}", name)
            .replace("{count}", &count),
        caption: t("group_table_caption").replace("{name}", name),
        columns: index_columns(site, fmt),
        rows: records
            .iter()
            .map(|&i| index_row(site, theme, fmt, i, shown))
            .collect(),
        totals,
        totals_title: t("group_totals_title").replace("{name}", name),
        totals_none: t("group_totals_none").replace("{name}", name),
        totals_caption,
        totals_note: t("group_totals_note")
            .replace("{name}", name)
            .replace("{n}", &fmt.number(reported as u64))
            .replace("{total}", &fmt.number(expected as u64))
            .replace("{period}", &period_text),
        period: period_text,
        status: status_view,
    }
}
