//! How numbers, money and dates are written on each language's pages.
//!
//! Thai pages (the `th` locale, wherever it is in the site's languages): grouping separators,
//! optional Thai digits, Buddhist-Era years with Thai month names (3 มีนาคม 2560), amounts as
//! `354,896,256 บาท`. Other languages: Gregorian dates (3 March 2017), Arabic digits, amounts
//! as their UI strings write them (`THB 354,896,256`).

use super::theme::Strings;
use crate::model::report::{Measure, Unit};
use crate::model::{Date, EventTime, Lang, Period, YearMonth};

const MONTH_KEYS: [&str; 12] = [
    "month_1", "month_2", "month_3", "month_4", "month_5", "month_6", "month_7", "month_8",
    "month_9", "month_10", "month_11", "month_12",
];

/// Formatting rules for one language's pages.
///
/// The words it uses (month names, the currency, "between … and …") come from the theme's
/// UI strings of that language (`month_1` … `month_12`, `format_baht`,
/// `format_baht_millions`, `format_between`), like every other word on a page.
#[derive(Debug, Clone, Copy)]
pub struct Formatter<'a> {
    pub lang: Lang,
    pub thai_digits: bool,
    words: &'a Strings,
}

impl<'a> Formatter<'a> {
    pub fn new(lang: Lang, thai_digits: bool, words: &'a Strings) -> Self {
        Formatter {
            lang,
            thai_digits: thai_digits && lang.is_thai(),
            words,
        }
    }

    /// A UI string; its key if the theme lacks it (the theme check reports that).
    fn word<'k>(&self, key: &'k str) -> &'k str
    where
        'a: 'k,
    {
        self.words.get(key).map_or(key, String::as_str)
    }

    /// Swap Arabic digits for Thai ones when the site asks for them.
    pub fn digits(&self, text: &str) -> String {
        if !self.thai_digits {
            return text.to_string();
        }
        text.chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '๐' as u32).unwrap_or(c),
                _ => c,
            })
            .collect()
    }

    /// `1886` → `1,886` (or `๑,๘๘๖`).
    pub fn number(&self, n: u64) -> String {
        self.digits(&group(n))
    }

    /// A signed difference, with an explicit sign: `+12`, `−3`, `0`.
    pub fn difference(&self, n: i128) -> String {
        let body = group(n.unsigned_abs() as u64);
        let s = match n.signum() {
            1 => format!("+{body}"),
            -1 => format!("−{body}"),
            _ => body,
        };
        self.digits(&s)
    }

    /// An amount of money: `354,896,256 บาท` / `THB 354,896,256`, from the UI string
    /// `money_<currency>` (`{n}` is the amount), or `<currency> <amount>` without one.
    pub fn money(&self, currency: &str, amount: &str) -> String {
        match self.words.get(&format!("money_{currency}")) {
            Some(pattern) => pattern.replace("{n}", amount),
            None => format!("{currency} {amount}"),
        }
    }

    /// The unit's word for table headings and chart axes: `บาท`, `groups`, `%`.
    pub fn unit_word(&self, unit: &Unit) -> String {
        match unit {
            Unit::Count { noun } | Unit::Number { noun } => noun.get(self.lang).to_string(),
            Unit::Money { currency } => self
                .words
                .get(&format!("currency_{currency}"))
                .cloned()
                .unwrap_or_else(|| currency.clone()),
            Unit::Percent => self.word("unit_percent").to_string(),
        }
    }

    /// A measure's value as a page shows it: grouped, with its decimals, as money or a
    /// percentage where the measure is one.
    pub fn value(&self, m: &Measure, v: u64) -> String {
        self.value_in(m, v, m.decimals)
    }

    /// A measure's value held with `decimals` digits after the point rather than the
    /// measure's own (a median between two values, with one digit more).
    pub fn value_in(&self, m: &Measure, v: u64, decimals: u8) -> String {
        let n = self.digits(&grouped_decimal(v, decimals));
        match &m.unit {
            Unit::Money { currency } => self.money(currency, &n),
            Unit::Percent => self.word("format_percent").replace("{n}", &n),
            _ => n,
        }
    }

    /// A value as the table cell shows it: the number alone (the unit is in the heading).
    pub fn bare(&self, m: &Measure, v: u64) -> String {
        self.bare_in(v, m.decimals)
    }

    /// A number alone, held with `decimals` digits after the point.
    pub fn bare_in(&self, v: u64, decimals: u8) -> String {
        self.digits(&grouped_decimal(v, decimals))
    }

    fn year(&self, year: i32) -> String {
        if self.lang.is_thai() {
            self.digits(&(year + 543).to_string())
        } else {
            year.to_string()
        }
    }

    fn month_name(&self, month: u8) -> &str {
        self.word(MONTH_KEYS[usize::from(month.clamp(1, 12) - 1)])
    }

    /// `3 มีนาคม 2560` / `3 March 2017`.
    pub fn date(&self, d: Date) -> String {
        format!(
            "{} {} {}",
            self.digits(&d.day.to_string()),
            self.month_name(d.month),
            self.year(d.year)
        )
    }

    /// `ตุลาคม 2559` / `October 2016`.
    pub fn year_month(&self, m: YearMonth) -> String {
        format!("{} {}", self.month_name(m.month), self.year(m.year))
    }

    /// `ตุลาคม 2559 – พฤษภาคม 2560` / `October 2016 – May 2017`.
    pub fn period(&self, p: &Period) -> String {
        format!("{} – {}", self.year_month(p.start), self.year_month(p.end))
    }

    /// Two days, sharing the month and year when they can: `3 มีนาคม – 7 พฤษภาคม 2560`.
    pub fn date_range(&self, a: Date, b: Date) -> String {
        if a.year == b.year && a.month == b.month {
            format!(
                "{}–{} {} {}",
                self.digits(&a.day.to_string()),
                self.digits(&b.day.to_string()),
                self.month_name(a.month),
                self.year(a.year)
            )
        } else if a.year == b.year {
            format!(
                "{} {} – {}",
                self.digits(&a.day.to_string()),
                self.month_name(a.month),
                self.date(b)
            )
        } else {
            format!("{} – {}", self.date(a), self.date(b))
        }
    }

    /// An event's time, as precisely as known.
    pub fn event_time(&self, t: &EventTime) -> String {
        match *t {
            EventTime::On(d) => self.date(d),
            EventTime::Lasting(a, b) => self.date_range(a, b),
            EventTime::Between(a, b) => {
                let from = if a.year == b.year {
                    format!(
                        "{} {}",
                        self.digits(&a.day.to_string()),
                        self.month_name(a.month)
                    )
                } else {
                    self.date(a)
                };
                self.word("format_between")
                    .replace("{from}", &from)
                    .replace("{to}", &self.date(b))
            }
        }
    }
}

/// A value held in units of 10^-decimals, with ASCII digits and no grouping, as the
/// downloads write it: `125` with 1 decimal → `12.5`.
pub fn plain_decimal(v: u64, decimals: u8) -> String {
    if decimals == 0 {
        return v.to_string();
    }
    let scale = 10u64.pow(u32::from(decimals));
    format!(
        "{}.{:0width$}",
        v / scale,
        v % scale,
        width = usize::from(decimals)
    )
}

/// Like [`plain_decimal`], with grouping separators in the whole part: `1,234.5`.
pub fn grouped_decimal(v: u64, decimals: u8) -> String {
    if decimals == 0 {
        return group(v);
    }
    let scale = 10u64.pow(u32::from(decimals));
    format!(
        "{}.{:0width$}",
        group(v / scale),
        v % scale,
        width = usize::from(decimals)
    )
}

/// `1234567` → `1,234,567`.
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default theme's own UI strings, so the tests check what pages really say.
    fn words(lang: Lang) -> &'static Strings {
        let text = if lang.is_thai() {
            include_str!("../../themes/default/i18n/th.yaml")
        } else {
            include_str!("../../themes/default/i18n/en.yaml")
        };
        Box::leak(Box::new(serde_saphyr::from_str(text).unwrap()))
    }

    fn d(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn thai_dates_use_the_buddhist_era() {
        let th = Formatter::new(Lang::TH, false, words(Lang::TH));
        assert_eq!(th.date(d(2017, 3, 3)), "3 มีนาคม 2560");
        let thd = Formatter::new(Lang::TH, true, words(Lang::TH));
        assert_eq!(thd.date(d(2016, 11, 28)), "๒๘ พฤศจิกายน ๒๕๕๙");
        let en = Formatter::new(Lang::EN, true, words(Lang::EN));
        assert_eq!(en.date(d(2017, 3, 3)), "3 March 2017");
    }

    #[test]
    fn between_reads_naturally() {
        let t = EventTime::Between(d(2017, 3, 3), d(2017, 5, 7));
        assert_eq!(
            Formatter::new(Lang::TH, false, words(Lang::TH)).event_time(&t),
            "ระหว่างวันที่ 3 มีนาคม ถึง 7 พฤษภาคม 2560"
        );
        assert_eq!(
            Formatter::new(Lang::EN, false, words(Lang::EN)).event_time(&t),
            "between 3 March and 7 May 2017"
        );
    }

    #[test]
    fn money_and_numbers() {
        let th = Formatter::new(Lang::TH, false, words(Lang::TH));
        assert_eq!(th.money("THB", &th.number(354_896_256)), "354,896,256 บาท");
        let en = Formatter::new(Lang::EN, false, words(Lang::EN));
        assert_eq!(en.money("THB", &en.number(354_896_256)), "THB 354,896,256");
        assert_eq!(en.money("LAK", "5"), "LAK 5");
        assert_eq!(plain_decimal(125, 1), "12.5");
        assert_eq!(plain_decimal(5, 2), "0.05");
        assert_eq!(grouped_decimal(1_234_567, 1), "123,456.7");
        assert_eq!(
            Formatter::new(Lang::TH, true, words(Lang::TH)).number(1886),
            "๑,๘๘๖"
        );
        assert_eq!(group(0), "0");
        assert_eq!(group(100), "100");
        assert_eq!(group(1000), "1,000");
    }
}

/// A cell of a published CSV file, safe to open in a spreadsheet: text that starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return would be run as a formula by Excel or LibreOffice,
/// so such a cell gets a leading `'` (OWASP's advice for CSV injection). Figures are never
/// negative, so no number is changed.
pub fn csv_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod csv_tests {
    use super::csv_cell;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("-1+2"), "'-1+2");
        assert_eq!(csv_cell("เชียงใหม่"), "เชียงใหม่");
        assert_eq!(csv_cell("2016-10"), "2016-10");
    }
}
