//! The areas' figures add up to the national figures, period by period, measure by measure.
//!
//! Which measures must add up is the report's choice (`sums: true` in `content/report.yaml`;
//! percentages, for one, do not). Once every area expected to report for a period has (every
//! area with figures of its own, or those the period lists under `expected`), a difference
//! means a figure is wrong somewhere, and the site would publish totals that contradict each
//! other: that is an error. While areas are still reporting, a difference is expected and
//! only a warning, one per period listing the measures, which says how many have reported.
//! A record's period that `content/national.yaml` lacks is a warning too.

use serde_saphyr::Spanned;

use crate::content::Content;
use crate::content::raw::RawValue;
use crate::content::yaml::position_of;
use crate::diagnostics::{Diagnostics, Position};
use crate::model::report::{Measure, Report};
use crate::model::{Lang, Period, Site};
use crate::msg;

/// Whether `m`'s sum is checked itself. A total whose parts are all checked adds up when they
/// do, so it is not checked again (one wrong part would otherwise be reported twice).
fn checked(report: &Report, m: &Measure) -> bool {
    m.sums && (m.parts.is_empty() || !m.parts.iter().all(|&p| report.measure(p).sums))
}

/// The measure's keys from the top level down, as written in the files:
/// `beneficiaries`, `target_groups.agriculture`.
fn path<'a>(report: &'a Report, m: &'a Measure) -> Vec<&'a str> {
    let mut chain = vec![m.key.as_str()];
    let mut up = m.parent;
    while let Some(p) = up {
        chain.push(report.measure(p).key.as_str());
        up = report.measure(p).parent;
    }
    chain.reverse();
    chain
}

/// Where the value at `path` is written among a period's entries, descending into parts.
fn position(entries: &[(Spanned<String>, Spanned<RawValue>)], path: &[&str]) -> Option<Position> {
    let (first, rest) = path.split_first()?;
    let (_, value) = entries.iter().find(|(k, _)| k.value.trim() == *first)?;
    if rest.is_empty() {
        return Some(position_of(value, 0));
    }
    match &value.value {
        RawValue::Map(inner) => position(inner, rest),
        _ => None,
    }
}

/// `1234567` → `1,234,567`; with `decimals` 2, `123456` → `1,234.56`.
fn number(n: u128, decimals: u8) -> String {
    let scale = 10u128.pow(u32::from(decimals));
    let digits = (n / scale).to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 6);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if decimals > 0 {
        let fraction = format!("{:0width$}", n % scale, width = usize::from(decimals));
        let fraction = fraction.trim_end_matches('0');
        if !fraction.is_empty() {
            out.push('.');
            out.push_str(fraction);
        }
    }
    out
}

/// `+1,000`, `-5`, `0`: areas' sum minus the national value.
fn signed(areas: u128, national: u128, decimals: u8) -> String {
    if areas >= national {
        let d = areas - national;
        let body = number(d, decimals);
        if d == 0 { body } else { format!("+{body}") }
    } else {
        format!("-{}", number(national - areas, decimals))
    }
}

/// The areas' sum of one measure for one period and how many areas gave it. The sum is `None`
/// if it overflows (it cannot for values validation accepts, but it is never wrapped).
fn area_sum(site: &Site, period: &Period, m: &Measure) -> (Option<u128>, usize) {
    let mut sum = Some(0u128);
    let mut reported = 0;
    for record in &site.records {
        if let Some(v) = record.result_for(period).and_then(|r| r.values.get(m.id)) {
            sum = sum.and_then(|s| s.checked_add(u128::from(v)));
            reported += 1;
        }
    }
    (sum, reported)
}

pub fn check(content: &Content, site: &Site, diags: &mut Diagnostics) {
    let Some(national) = &content.national else {
        return;
    };
    let report = &site.report;
    let word = |w: &crate::model::Text, lang: Lang, fallback: &str| match w.get(lang) {
        "" => fallback.to_string(),
        s => s.to_string(),
    };
    let areas_en = word(&report.area.word.many, Lang::EN, "areas");
    let areas_th = word(&report.area.word.many, Lang::TH, "พื้นที่");
    let area_en = word(&report.area.word.one, Lang::EN, "area");
    let area_th = word(&report.area.word.one, Lang::TH, "พื้นที่");
    let measures: Vec<&Measure> = report
        .measures
        .iter()
        .filter(|m| checked(report, m))
        .collect();
    // Validation keeps the national periods in the file's order.
    for (np, raw) in site.national.periods.iter().zip(&national.value.periods) {
        let (start, end) = (np.period.start.to_string(), np.period.end.to_string());
        let coverage = np.coverage;
        // Differences while areas are still reporting: one warning for the period.
        let mut partial: Vec<String> = Vec::new();
        for &m in &measures {
            let Some(national_value) = np.values.get(m.id) else {
                continue;
            };
            let (sum, reported) = area_sum(site, &np.period, m);
            if reported == 0 {
                continue;
            }
            let keys = path(report, m);
            let name = keys.join(".");
            let at = position(&raw.value.values, &keys).unwrap_or_else(|| position_of(raw, 0));
            let national_value = u128::from(national_value);
            let Some(sum) = sum else {
                diags
                    .error(
                        "national-sum",
                        &national.file,
                        at,
                        msg!(
                            "national-sum--overflow",
                            name = name.as_str(),
                            start = start.as_str(),
                            end = end.as_str(),
                            areas_en = areas_en.as_str(),
                            areas_th = areas_th.as_str()
                        ),
                    )
                    .help(msg!(
                        "national-sum--overflow.help",
                        area_en = area_en.as_str(),
                        area_th = area_th.as_str()
                    ));
                continue;
            };
            if sum == national_value {
                continue;
            }
            // Complete: every area expected to report has, and has given this measure.
            if coverage.all_in() && reported >= coverage.expected {
                diags
                    .error(
                        "national-sum",
                        &national.file,
                        at,
                        msg!(
                            "national-sum",
                            name = name.as_str(),
                            start = start.as_str(),
                            end = end.as_str(),
                            areas_en = areas_en.as_str(),
                            areas_th = areas_th.as_str(),
                            sum = number(sum, m.decimals),
                            national = number(national_value, m.decimals),
                            difference = signed(sum, national_value, m.decimals)
                        ),
                    )
                    .help(msg!(
                        "national-sum.help",
                        total = coverage.expected,
                        area_en = area_en.as_str(),
                        area_th = area_th.as_str()
                    ));
            } else {
                partial.push(format!(
                    "`{name}` {} ≠ {} ({})",
                    number(sum, m.decimals),
                    number(national_value, m.decimals),
                    signed(sum, national_value, m.decimals)
                ));
            }
        }
        if !partial.is_empty() {
            diags
                .warning(
                    "national-sum",
                    &national.file,
                    position_of(&raw.value.period, 0),
                    msg!(
                        "national-sum--partial",
                        start = start.as_str(),
                        end = end.as_str(),
                        areas_en = areas_en.as_str(),
                        areas_th = areas_th.as_str(),
                        reported = coverage.reported,
                        total = coverage.expected,
                        measures = partial.join("; ")
                    ),
                )
                .help(msg!(
                    "national-sum--partial.help",
                    total = coverage.expected,
                    areas_en = areas_en.as_str(),
                    areas_th = areas_th.as_str(),
                    area_en = area_en.as_str(),
                    area_th = area_th.as_str()
                ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_and_keep_their_decimals() {
        assert_eq!(number(0, 0), "0");
        assert_eq!(number(1_000_000, 0), "1,000,000");
        assert_eq!(number(123_456, 2), "1,234.56");
        assert_eq!(number(125, 1), "12.5");
        assert_eq!(number(1200, 2), "12");
        assert_eq!(number(105, 2), "1.05");
        assert_eq!(signed(900, 905, 0), "-5");
        assert_eq!(signed(1_000_000, 999_000, 0), "+1,000");
        assert_eq!(signed(7, 7, 0), "0");
        assert_eq!(signed(u128::from(u64::MAX) * 3, 0, 0).len(), 27);
    }
}
