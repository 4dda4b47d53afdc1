//! How numbers, money and dates are written on each language's pages.
//!
//! Thai pages: grouping separators, optional Thai digits, Buddhist-Era years with Thai month
//! names (3 มีนาคม 2560), amounts as `354,896,256 บาท`. English pages: Gregorian dates
//! (3 March 2017), Arabic digits, `THB 354,896,256`.

use super::theme::Strings;
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
            thai_digits: thai_digits && lang == Lang::Th,
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

    /// A whole-baht amount: `354,896,256 บาท` / `THB 354,896,256`.
    pub fn baht(&self, n: u64) -> String {
        self.word("format_baht").replace("{n}", &self.number(n))
    }

    /// A short amount for tight spaces: `354.9 ล้านบาท` / `354.9 million baht`.
    pub fn baht_short(&self, n: u64) -> String {
        if n < 1_000_000 {
            return self.baht(n);
        }
        let millions = n as f64 / 1_000_000.0;
        let text = format!("{millions:.1}");
        self.word("format_baht_millions")
            .replace("{n}", &self.digits(&text))
    }

    fn year(&self, year: i32) -> String {
        match self.lang {
            Lang::Th => self.digits(&(year + 543).to_string()),
            Lang::En => year.to_string(),
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
        let text = match lang {
            Lang::Th => include_str!("../../themes/default/i18n/th.yaml"),
            Lang::En => include_str!("../../themes/default/i18n/en.yaml"),
        };
        Box::leak(Box::new(serde_saphyr::from_str(text).unwrap()))
    }

    fn d(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn thai_dates_use_the_buddhist_era() {
        let th = Formatter::new(Lang::Th, false, words(Lang::Th));
        assert_eq!(th.date(d(2017, 3, 3)), "3 มีนาคม 2560");
        let thd = Formatter::new(Lang::Th, true, words(Lang::Th));
        assert_eq!(thd.date(d(2016, 11, 28)), "๒๘ พฤศจิกายน ๒๕๕๙");
        let en = Formatter::new(Lang::En, true, words(Lang::En));
        assert_eq!(en.date(d(2017, 3, 3)), "3 March 2017");
    }

    #[test]
    fn between_reads_naturally() {
        let t = EventTime::Between(d(2017, 3, 3), d(2017, 5, 7));
        assert_eq!(
            Formatter::new(Lang::Th, false, words(Lang::Th)).event_time(&t),
            "ระหว่างวันที่ 3 มีนาคม ถึง 7 พฤษภาคม 2560"
        );
        assert_eq!(
            Formatter::new(Lang::En, false, words(Lang::En)).event_time(&t),
            "between 3 March and 7 May 2017"
        );
    }

    #[test]
    fn money_and_numbers() {
        let th = Formatter::new(Lang::Th, false, words(Lang::Th));
        assert_eq!(th.baht(354_896_256), "354,896,256 บาท");
        assert_eq!(
            Formatter::new(Lang::En, false, words(Lang::En)).baht(354_896_256),
            "THB 354,896,256"
        );
        assert_eq!(
            Formatter::new(Lang::En, false, words(Lang::En)).baht_short(354_896_256),
            "354.9 million baht"
        );
        assert_eq!(
            Formatter::new(Lang::Th, true, words(Lang::Th)).number(1886),
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
