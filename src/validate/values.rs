//! Validating the values of one period (an area's or the nation's) against the report's
//! measures: every key a declared measure, every number well written, whole where the
//! measure is whole, within bounds, and the rules between measures kept.

use std::path::Path;

use serde_saphyr::Spanned;

use super::at;
use crate::content::raw::RawValue;
use crate::content::yaml::closest;
use crate::diagnostics::{Diagnostics, Position};
use crate::model::Values;
use crate::model::report::{Measure, MeasureId, Report};
use crate::msg;

/// The largest value a measure may hold, in its smallest unit (10^-decimals): 10^14, which
/// is a hundred million million of a counted thing or a million million baht with two
/// decimals, far above any report's figure. Every value the model holds is at most this (a
/// measure with parts too), so the values of up to 100,000 areas add up to at most 10^19,
/// within a `u64` (about 1.8 × 10^19): no sum can wrap round to a small, wrong number.
pub const MAX_VALUE: u64 = 100_000_000_000_000;

/// Why a written number was not read.
#[derive(Debug, PartialEq, Eq)]
pub enum NumberError {
    /// Not digits (Thai or Arabic) with grouping commas and a decimal point: `0x10`, `1_000`,
    /// `1e3`, `หนึ่งล้าน`.
    NotANumber,
    /// Commas anywhere but before each group of three digits (`2,48,5`, `24,85`, `1,,000`,
    /// `1000,000`, `100,`): a mistyped figure that would otherwise be read as another number.
    Misgrouped,
    Negative,
    TooManyDecimals,
    /// Above [`MAX_VALUE`].
    TooLarge,
    /// A number other than 0 that starts with 0 (`010`): the number without it.
    LeadingZero(String),
}

fn digit(c: char) -> Option<u64> {
    match c {
        '0'..='9' => Some(c as u64 - '0' as u64),
        '๐'..='๙' => Some(c as u64 - '๐' as u64),
        _ => None,
    }
}

/// Reads `1,886`, `๑,๘๘๖`, `12.5` and `1886` as a whole number of 10^-decimals, strictly as
/// an editor writes a figure: commas only between groups of three digits, no leading zero,
/// nothing of YAML's other ways to write a number (`0x10`, `0o17`, `1_000`, `1e3`).
pub fn parse_number(text: &str, decimals: u8) -> Result<u64, NumberError> {
    let text = text.trim();
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = match body.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    let whole_ok = whole.chars().any(|c| digit(c).is_some())
        && whole.chars().all(|c| c == ',' || digit(c).is_some());
    let fraction_ok =
        fraction.is_none_or(|f| !f.is_empty() && f.chars().all(|c| digit(c).is_some()));
    if !whole_ok || !fraction_ok {
        return Err(NumberError::NotANumber);
    }
    let digits = whole.chars().filter(|&c| c != ',').count();
    if digits > 1 && whole.starts_with(['0', '๐']) {
        let mut plain = whole.trim_start_matches(['0', '๐', ',']).to_string();
        if plain.is_empty() {
            plain.push('0');
        }
        if let Some(f) = fraction {
            plain = format!("{plain}.{f}");
        }
        return Err(NumberError::LeadingZero(plain));
    }
    if whole.contains(',') {
        let mut groups = whole.split(',');
        let first = groups.next().map_or(0, |g| g.chars().count());
        if !(1..=3).contains(&first) || groups.any(|g| g.chars().count() != 3) {
            return Err(NumberError::Misgrouped);
        }
    }
    let mut value: u64 = 0;
    for d in whole.chars().filter_map(digit) {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(d))
            .ok_or(NumberError::TooLarge)?;
    }
    let mut places = 0u8;
    if let Some(f) = fraction {
        // Trailing zeros after the point say nothing (`12.50` is 12.5).
        for d in f.trim_end_matches(['0', '๐']).chars().filter_map(digit) {
            places += 1;
            if places > decimals {
                return Err(NumberError::TooManyDecimals);
            }
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(d))
                .ok_or(NumberError::TooLarge)?;
        }
    }
    for _ in places..decimals {
        value = value.checked_mul(10).ok_or(NumberError::TooLarge)?;
    }
    if negative && value != 0 {
        return Err(NumberError::Negative);
    }
    if value > MAX_VALUE {
        return Err(NumberError::TooLarge);
    }
    Ok(value)
}

/// The largest figure a measure with `decimals` may hold, as an editor writes it.
fn largest(decimals: u8) -> String {
    crate::render::format::group(MAX_VALUE / 10u64.pow(u32::from(decimals)))
}

/// The `example` value of the number messages: `whole` or `decimal`.
fn example(m: &Measure) -> &'static str {
    if m.decimals > 0 { "decimal" } else { "whole" }
}

/// `kind` of a value in messages, chosen in each language's words.
fn kind(v: &RawValue) -> &'static str {
    match v {
        RawValue::Null => "null",
        RawValue::Bool(_) => "bool",
        RawValue::Number(_) => "number",
        RawValue::Text(_) => "text",
        RawValue::List(_) => "list",
        RawValue::Map(_) => "map",
    }
}

/// One measure's value as written.
fn number(
    diags: &mut Diagnostics,
    file: &Path,
    m: &Measure,
    path: &str,
    raw: &Spanned<RawValue>,
) -> Option<u64> {
    let text = match &raw.value {
        RawValue::Number(t) | RawValue::Text(t) => t,
        RawValue::Null if m.optional => return None,
        other => {
            diags
                .error(
                    "wrong-type",
                    file,
                    at(raw),
                    msg!("wrong-type--number", path = path, kind = kind(other)),
                )
                .help(msg!("wrong-type--number.help", example = example(m)));
            return None;
        }
    };
    match parse_number(text, m.decimals) {
        Ok(v) => Some(v),
        Err(NumberError::Misgrouped) => {
            diags
                .error(
                    "misgrouped",
                    file,
                    at(raw),
                    msg!("misgrouped", value = text.trim()),
                )
                .help(msg!("misgrouped.help"));
            None
        }
        Err(NumberError::NotANumber) => {
            diags.error(
                "not-a-number",
                file,
                at(raw),
                msg!("not-a-number", value = text.as_str(), example = example(m)),
            );
            None
        }
        Err(NumberError::Negative) => {
            diags
                .error(
                    "negative",
                    file,
                    at(raw),
                    msg!("negative", path = path, value = text.as_str()),
                )
                .help(msg!("negative.help", example = example(m)));
            None
        }
        Err(NumberError::TooManyDecimals) if m.decimals == 0 => {
            diags
                .error(
                    "not-whole",
                    file,
                    at(raw),
                    msg!("not-whole", value = text.as_str()),
                )
                .help(msg!("not-whole.help", path = path));
            None
        }
        Err(NumberError::TooManyDecimals) => {
            diags
                .error(
                    "too-many-decimals",
                    file,
                    at(raw),
                    msg!(
                        "too-many-decimals",
                        value = text.as_str(),
                        decimals = m.decimals
                    ),
                )
                .help(msg!(
                    "too-many-decimals.help",
                    decimals = m.decimals,
                    path = path
                ));
            None
        }
        Err(NumberError::TooLarge) => {
            diags.error(
                "too-large",
                file,
                at(raw),
                msg!(
                    "too-large--figure",
                    value = text.as_str(),
                    max = largest(m.decimals)
                ),
            );
            None
        }
        Err(NumberError::LeadingZero(plain)) => {
            diags.error(
                "not-a-number",
                file,
                at(raw),
                msg!(
                    "not-a-number--leading-zero",
                    value = text.trim(),
                    plain = plain
                ),
            );
            None
        }
    }
}

fn unknown_key(
    diags: &mut Diagnostics,
    file: &Path,
    key: &Spanned<String>,
    known: &[&str],
    within: &str,
) {
    let listed = crate::content::yaml::list(known);
    let help = match closest(&key.value, known) {
        Some(best) => msg!(
            "unknown-field--measure.help-best",
            best = best,
            allowed = listed
        ),
        None => msg!("unknown-field--measure.help", allowed = listed),
    };
    let message = if within.is_empty() {
        msg!("unknown-field--measure", key = key.value.as_str())
    } else {
        msg!(
            "unknown-field--measure-in",
            key = key.value.as_str(),
            group = within
        )
    };
    diags
        .error("unknown-field", file, at(key), message)
        .help(help);
}

/// Read the measures `ids` from `entries` into `values`, descending into parts.
#[allow(clippy::too_many_arguments)]
fn read_level(
    diags: &mut Diagnostics,
    file: &Path,
    report: &Report,
    ids: &[MeasureId],
    fixed: &[&str],
    entries: &[(Spanned<String>, Spanned<RawValue>)],
    whole: Position,
    prefix: &str,
    values: &mut Values,
    pending: bool,
) {
    let mut seen = vec![false; ids.len()];
    for (key, value) in entries {
        let Some(i) = ids
            .iter()
            .position(|&id| report.measure(id).key == key.value.trim())
        else {
            let mut known: Vec<&str> = fixed.to_vec();
            known.extend(ids.iter().map(|&id| report.measure(id).key.as_str()));
            let within = if prefix.is_empty() {
                String::new()
            } else {
                prefix.trim_end_matches('.').to_string()
            };
            unknown_key(diags, file, key, &known, &within);
            continue;
        };
        seen[i] = true;
        let m = report.measure(ids[i]);
        let path = format!("{prefix}{}", m.key);
        if m.parts.is_empty() {
            let v = number(diags, file, m, &path, value);
            values.set(m.id, v);
            continue;
        }
        match &value.value {
            RawValue::Map(parts) => {
                read_level(
                    diags,
                    file,
                    report,
                    &m.parts,
                    &[],
                    parts,
                    at(value),
                    &format!("{path}."),
                    values,
                    pending,
                );
                let sum = m
                    .parts
                    .iter()
                    .map(|&p| values.get(p))
                    .try_fold(0u64, |acc, v| acc.checked_add(v?));
                // A total is bounded like any value, so that totals too add up across areas.
                let sum = match sum {
                    Some(total) if total > MAX_VALUE => {
                        diags
                            .error(
                                "too-large",
                                file,
                                at(value),
                                msg!(
                                    "too-large--parts",
                                    path = path,
                                    total =
                                        crate::render::format::grouped_decimal(total, m.decimals),
                                    max = largest(m.decimals)
                                ),
                            )
                            .help(msg!("too-large--parts.help"));
                        None
                    }
                    other => other,
                };
                values.set(m.id, sum);
            }
            RawValue::Null if m.optional => {}
            other => {
                let parts: Vec<String> = m
                    .parts
                    .iter()
                    .map(|&p| format!("{}: …", report.measure(p).key))
                    .collect();
                diags
                    .error(
                        "wrong-type",
                        file,
                        at(value),
                        msg!(
                            "wrong-type--group",
                            path = path.as_str(),
                            kind = kind(other)
                        ),
                    )
                    .help(msg!(
                        "wrong-type--group.help",
                        key = m.key.as_str(),
                        parts = parts.join(", ")
                    ));
            }
        }
    }
    for (i, &id) in ids.iter().enumerate() {
        let m = report.measure(id);
        if !seen[i] && !m.optional && !pending {
            diags
                .error(
                    "missing-measure",
                    file,
                    whole,
                    msg!("missing-measure", path = format!("{prefix}{}", m.key)),
                )
                .help(msg!("missing-measure.help", key = m.key.as_str()));
        }
    }
}

/// The values of one period. `fixed` are the entry's other fields (for did-you-mean), and
/// `entry` is the position of the whole entry (for a missing measure). `pending`: national
/// figures not yet all published, so any measure may be left out.
pub fn values(
    diags: &mut Diagnostics,
    file: &Path,
    report: &Report,
    fixed: &[&str],
    entries: &[(Spanned<String>, Spanned<RawValue>)],
    entry: Position,
    pending: bool,
) -> Values {
    let mut values = Values::new(report.measures.len());
    let top: Vec<MeasureId> = report.top_level().map(|m| m.id).collect();
    read_level(
        diags,
        file,
        report,
        &top,
        fixed,
        entries,
        entry,
        "",
        &mut values,
        pending,
    );
    // Rules between measures.
    for m in &report.measures {
        let Some(v) = values.get(m.id) else { continue };
        for &other in &m.at_most {
            let o = report.measure(other);
            let Some(limit) = values.get(other) else {
                continue;
            };
            if v > limit {
                let pos = find(report, entries, m).unwrap_or(entry);
                let parts = if o.parts.is_empty() {
                    String::new()
                } else {
                    let each: Vec<String> = o
                        .parts
                        .iter()
                        .map(|&p| values.get(p).unwrap_or(0).to_string())
                        .collect();
                    format!(" ({limit} = {})", each.join(" + "))
                };
                diags
                    .error(
                        "at-most",
                        file,
                        pos,
                        msg!(
                            "at-most",
                            key = m.key.as_str(),
                            value = v,
                            other = o.key.as_str(),
                            parts = parts
                        ),
                    )
                    .help(msg!(
                        "at-most.help",
                        key = m.key.as_str(),
                        other = o.key.as_str()
                    ));
            }
        }
    }
    values
}

/// Where a measure's value is written among the entries.
fn find(
    report: &Report,
    entries: &[(Spanned<String>, Spanned<RawValue>)],
    m: &Measure,
) -> Option<Position> {
    let mut chain = vec![m];
    let mut up = m.parent;
    while let Some(p) = up {
        chain.push(report.measure(p));
        up = report.measure(p).parent;
    }
    let mut level = entries;
    let mut found = None;
    for step in chain.iter().rev() {
        let (_, v) = level.iter().find(|(k, _)| k.value.trim() == step.key)?;
        found = Some(at(v));
        level = match &v.value {
            RawValue::Map(inner) => inner,
            _ => &[],
        };
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_grouping_thai_digits_and_decimals() {
        assert_eq!(parse_number("1,886", 0), Ok(1886));
        assert_eq!(parse_number("๑,๘๘๖", 0), Ok(1886));
        assert_eq!(parse_number("12.5", 1), Ok(125));
        assert_eq!(parse_number("12.5", 2), Ok(1250));
        assert_eq!(parse_number("12.50", 1), Ok(125));
        assert_eq!(parse_number("12", 2), Ok(1200));
        assert_eq!(parse_number("12.5", 0), Err(NumberError::TooManyDecimals));
        assert_eq!(parse_number("-3", 0), Err(NumberError::Negative));
        assert_eq!(parse_number("หนึ่งล้าน", 0), Err(NumberError::NotANumber));
        assert_eq!(parse_number("1,,000", 0), Err(NumberError::Misgrouped));
        assert_eq!(parse_number("10,00", 0), Err(NumberError::Misgrouped));
        assert_eq!(parse_number("1,0000", 0), Err(NumberError::Misgrouped));
        assert_eq!(parse_number("1000,000", 0), Err(NumberError::Misgrouped));
        assert_eq!(parse_number(",100", 0), Err(NumberError::Misgrouped));
        assert_eq!(parse_number("100,", 0), Err(NumberError::Misgrouped));
        assert_eq!(parse_number("354,896,256", 0), Ok(354_896_256));
        assert_eq!(parse_number("๓๕๔,๘๙๖,๒๕๖", 0), Ok(354_896_256));
        assert_eq!(
            parse_number("010", 0),
            Err(NumberError::LeadingZero("10".into()))
        );
        assert_eq!(
            parse_number("๐๑๐.5", 1),
            Err(NumberError::LeadingZero("๑๐.5".into()))
        );
        assert_eq!(
            parse_number("00", 0),
            Err(NumberError::LeadingZero("0".into()))
        );
        assert_eq!(parse_number("0", 0), Ok(0));
        assert_eq!(parse_number("0.5", 1), Ok(5));
        assert_eq!(parse_number("12.00", 0), Ok(12));
        assert_eq!(parse_number("๕๘๘", 0), Ok(588));
        for yaml_only in [
            "0x10", "0o17", "1_000", "1e3", ".inf", "+5", "1.", ".5", "-", "", ",",
        ] {
            assert_eq!(
                parse_number(yaml_only, 2),
                Err(NumberError::NotANumber),
                "{yaml_only}"
            );
        }
        assert_eq!(parse_number("1,234,567.5", 1), Ok(12_345_675));
        assert_eq!(parse_number("2,48,5", 0), Err(NumberError::Misgrouped));
        assert_eq!(parse_number("24,85", 0), Err(NumberError::Misgrouped));
        assert_eq!(parse_number("๒,๔๘,๕๐๐", 0), Err(NumberError::Misgrouped));
        assert_eq!(
            parse_number("99999999999999999999", 0),
            Err(NumberError::TooLarge)
        );
        assert_eq!(
            parse_number("4611686018427387904", 0),
            Err(NumberError::TooLarge)
        );
        assert_eq!(parse_number("100,000,000,000,000", 0), Ok(MAX_VALUE));
        assert_eq!(
            parse_number("100,000,000,000,001", 0),
            Err(NumberError::TooLarge)
        );
        assert_eq!(parse_number("1000000000000", 2), Ok(MAX_VALUE));
        assert_eq!(
            parse_number("1000000000000.01", 2),
            Err(NumberError::TooLarge)
        );
        assert_eq!(largest(0), "100,000,000,000,000");
        assert_eq!(largest(2), "1,000,000,000,000");
        // 100,000 areas at the bound add up within a u64.
        assert!(MAX_VALUE.checked_mul(100_000).is_some());
    }
}
