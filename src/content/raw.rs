//! The shapes of the editors' files, exactly as written, with the position of every value.
//!
//! These types only describe what may appear in a file: unknown fields are rejected, and
//! values keep their line and column (`Spanned`) so the validation stage can point at them.
//! Nothing here is checked for meaning yet; that is `validate`'s job.

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use serde_saphyr::Spanned;

use crate::model::{DataStatus, EventKind};

/// Text in both languages. Either may be missing here; validation reports it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawText {
    pub th: Option<Spanned<String>>,
    pub en: Option<Spanned<String>>,
}

/// `content/site.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    pub title: Spanned<RawText>,
    pub description: Spanned<RawText>,
    pub base_url: Spanned<String>,
    pub languages: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    pub thai_digits: bool,
    pub agency: RawAgency,
    pub contact: Option<RawContact>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAgency {
    pub name: Spanned<RawText>,
    pub parent: Spanned<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    pub email: Option<Spanned<String>>,
    pub phone: Option<Spanned<String>>,
    pub address: Option<Spanned<RawText>>,
}

/// `content/national.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNational {
    pub updated: Spanned<RawDate>,
    pub periods: Vec<Spanned<RawNationalPeriod>>,
    #[serde(default)]
    pub corrections: Vec<Spanned<RawCorrection>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNationalPeriod {
    pub period: Spanned<RawPeriod>,
    pub data_status: DataStatus,
    pub source: RawProvenance,
    pub next_release: Option<Spanned<RawDate>>,
    pub target_groups: RawTargetGroups,
    pub groups_with_higher_income: Spanned<Count>,
    pub income_increase_baht: Spanned<Count>,
    pub beneficiaries: Spanned<Count>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProvenance {
    pub title: Spanned<RawText>,
    pub publisher: Spanned<RawText>,
    pub released: Option<Spanned<RawDate>>,
    pub url: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCorrection {
    pub date: Spanned<RawDate>,
    pub what: Spanned<RawText>,
    pub why: Spanned<RawText>,
}

/// `content/provinces/<slug>.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProvince {
    pub code: Spanned<String>,
    pub name: Spanned<RawText>,
    pub region: Spanned<String>,
    pub data_status: DataStatus,
    pub updated: Spanned<RawDate>,
    pub company: Option<RawCompany>,
    #[serde(default)]
    pub results: Vec<Spanned<RawResult>>,
    #[serde(default)]
    pub events: Vec<Spanned<RawEvent>>,
    #[serde(default)]
    pub sources: Vec<Spanned<RawSource>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCompany {
    pub name: Spanned<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResult {
    pub period: Spanned<RawPeriod>,
    pub target_groups: RawTargetGroups,
    pub groups_with_higher_income: Spanned<Count>,
    pub income_increase_baht: Spanned<Count>,
    pub beneficiaries: Spanned<Count>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTargetGroups {
    pub agriculture: Spanned<Count>,
    pub processing: Spanned<Count>,
    pub community_tourism: Spanned<Count>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPeriod {
    pub start: Spanned<RawYearMonth>,
    pub end: Spanned<RawYearMonth>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub kind: EventKind,
    pub date: Option<Spanned<RawDate>>,
    pub start: Option<Spanned<RawDate>>,
    pub end: Option<Spanned<RawDate>>,
    pub between: Option<Spanned<RawDateRange>>,
    pub title: Spanned<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDateRange {
    pub start: Spanned<RawDate>,
    pub end: Spanned<RawDate>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub title: Spanned<RawText>,
    pub url: Option<Spanned<String>>,
}

/// The front matter of a Markdown file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    pub title: Option<Spanned<String>>,
    pub summary: Option<Spanned<String>>,
    pub updated: Option<Spanned<RawDate>>,
}

/// A whole number as editors write it: `588`, `"1,886"`, `๕๘๘`. Kept signed so that a
/// negative number reaches validation and gets a clear message there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count(pub i64);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CountVisitor;
        impl Visitor<'_> for CountVisitor {
            type Value = Count;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a whole number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Count, E> {
                Ok(Count(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Count, E> {
                i64::try_from(v)
                    .map(Count)
                    .map_err(|_| E::custom(format!("{v} is too large")))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Count, E> {
                Err(E::custom(format!(
                    "`{v}` is not a whole number: write it without a decimal point"
                )))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Count, E> {
                parse_count(v).map(Count).ok_or_else(|| {
                    E::custom(format!(
                        "`{v}` is not a number: write digits only, like 2700, 2,700 or ๒๗๐๐"
                    ))
                })
            }
        }
        deserializer.deserialize_any(CountVisitor)
    }
}

/// Reads `1,886`, `๑,๘๘๖`, `-5` and `1886` as numbers; anything else is not a number.
pub fn parse_count(text: &str) -> Option<i64> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if digits.is_empty() || digits.starts_with(',') || digits.ends_with(',') {
        return None;
    }
    let mut value: i64 = 0;
    let mut seen_digit = false;
    for c in digits.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '๐'..='๙' => c as u32 - '๐' as u32,
            ',' => continue,
            _ => return None,
        };
        seen_digit = true;
        value = value.checked_mul(10)?.checked_add(i64::from(d))?;
    }
    seen_digit.then_some(if negative { -value } else { value })
}

fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '๐'..='๙' => char::from_u32(c as u32 - '๐' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// A date written `YYYY-MM-DD` (Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawDate(pub crate::model::Date);

/// A month written `YYYY-MM` (Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawYearMonth(pub crate::model::YearMonth);

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn year_hint(year: i32) -> &'static str {
    if year > 2400 {
        " (it looks like a Buddhist-Era year: write the Gregorian year, which is 543 less)"
    } else {
        ""
    }
}

pub fn parse_date(text: &str) -> Result<crate::model::Date, String> {
    let t = ascii_digits(text.trim());
    let parts: Vec<&str> = t.split('-').collect();
    let bad = || {
        format!(
            "`{text}` is not a date: write it as year-month-day, like 2017-03-03 for 3 March 2017"
        )
    };
    if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
        return Err(bad());
    }
    let year: i32 = parts[0].parse().map_err(|_| bad())?;
    let month: u8 = parts[1].parse().map_err(|_| bad())?;
    let day: u8 = parts[2].parse().map_err(|_| bad())?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Err(format!("`{text}` is not a day of the calendar"));
    }
    if year > 2400 {
        return Err(format!("`{text}` has the year {year}{}", year_hint(year)));
    }
    Ok(crate::model::Date { year, month, day })
}

pub fn parse_year_month(text: &str) -> Result<crate::model::YearMonth, String> {
    let t = ascii_digits(text.trim());
    let parts: Vec<&str> = t.split('-').collect();
    let bad = || {
        format!("`{text}` is not a month: write it as year-month, like 2016-10 for October 2016")
    };
    if parts.len() != 2 || parts[0].len() != 4 || parts[1].len() != 2 {
        return Err(bad());
    }
    let year: i32 = parts[0].parse().map_err(|_| bad())?;
    let month: u8 = parts[1].parse().map_err(|_| bad())?;
    if !(1..=12).contains(&month) {
        return Err(format!(
            "`{text}` has no month {month}: months are 01 to 12"
        ));
    }
    if year > 2400 {
        return Err(format!("`{text}` has the year {year}{}", year_hint(year)));
    }
    Ok(crate::model::YearMonth { year, month })
}

struct StrVisitor(&'static str);

impl Visitor<'_> for StrVisitor {
    type Value = String;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.0)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
}

impl<'de> Deserialize<'de> for RawDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = d.deserialize_any(StrVisitor("a date like 2017-03-03"))?;
        parse_date(&text).map(RawDate).map_err(de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for RawYearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = d.deserialize_any(StrVisitor("a month like 2016-10"))?;
        parse_year_month(&text)
            .map(RawYearMonth)
            .map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_accept_thai_digits_and_grouping() {
        assert_eq!(parse_count("๕๘๘"), Some(588));
        assert_eq!(parse_count("1,886"), Some(1886));
        assert_eq!(parse_count("๑,๘๘๖"), Some(1886));
        assert_eq!(parse_count("-3"), Some(-3));
        assert_eq!(parse_count("หนึ่งล้าน"), None);
        assert_eq!(parse_count("1.5"), None);
        assert_eq!(parse_count(","), None);
    }

    #[test]
    fn dates_are_checked_against_the_calendar() {
        assert!(parse_date("2017-02-29").is_err());
        assert!(parse_date("2016-02-29").is_ok());
        assert!(
            parse_date("2560-03-03")
                .unwrap_err()
                .contains("Buddhist-Era")
        );
        assert!(parse_year_month("2016-13").is_err());
    }
}
