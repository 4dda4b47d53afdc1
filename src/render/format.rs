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
        let mut out = String::with_capacity(text.len() * if self.thai_digits { 3 } else { 1 });
        self.push_digits(&mut out, text);
        out
    }

    /// Append `text` with [`Formatter::digits`]' digits.
    pub fn push_digits(&self, out: &mut String, text: &str) {
        if !self.thai_digits {
            out.push_str(text);
            return;
        }
        // Runs without an ASCII digit are copied whole.
        let mut rest = text;
        while let Some(at) = rest.bytes().position(|b| b.is_ascii_digit()) {
            out.push_str(&rest[..at]);
            push_digit(out, rest.as_bytes()[at], true);
            rest = &rest[at + 1..];
        }
        out.push_str(rest);
    }

    /// Append `v / 10^decimals` as [`plain_decimal`] writes it, in the page's digits.
    pub fn push_plain_decimal(&self, out: &mut String, v: u64, decimals: u8) {
        push_decimal(out, v, decimals, false, self.thai_digits);
    }

    /// `1886` → `1,886` (or `๑,๘๘๖`).
    pub fn number(&self, n: u64) -> String {
        let mut out = String::with_capacity(16);
        self.push_number(&mut out, n);
        out
    }

    /// Append [`Formatter::number`]'s text of `n`.
    pub fn push_number(&self, out: &mut String, n: u64) {
        push_grouped(out, n, self.thai_digits);
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
        let mut out = String::with_capacity(24);
        self.push_value_in(&mut out, m, v, decimals);
        out
    }

    /// Append [`Formatter::value_in`]'s text.
    pub fn push_value_in(&self, out: &mut String, m: &Measure, v: u64, decimals: u8) {
        let number = |out: &mut String| push_grouped_decimal(out, v, decimals, self.thai_digits);
        match &m.unit {
            Unit::Money { currency } => {
                let mut key = String::with_capacity(6 + currency.len());
                key.push_str("money_");
                key.push_str(currency);
                match self.words.get(&key) {
                    Some(pattern) => push_replaced(out, pattern, "{n}", number),
                    None => {
                        out.push_str(currency);
                        out.push(' ');
                        number(out);
                    }
                }
            }
            Unit::Percent => push_replaced(out, self.word("format_percent"), "{n}", number),
            _ => number(out),
        }
    }

    /// A value as the table cell shows it: the number alone (the unit is in the heading).
    pub fn bare(&self, m: &Measure, v: u64) -> String {
        self.bare_in(v, m.decimals)
    }

    /// A number alone, held with `decimals` digits after the point.
    pub fn bare_in(&self, v: u64, decimals: u8) -> String {
        let mut out = String::with_capacity(16);
        push_grouped_decimal(&mut out, v, decimals, self.thai_digits);
        out
    }

    fn year(&self, year: i32) -> String {
        let mut out = String::with_capacity(8);
        self.push_year(&mut out, year);
        out
    }

    /// Append a year: Buddhist Era on Thai pages (in Thai digits where asked).
    fn push_year(&self, out: &mut String, year: i32) {
        let year = if self.lang.is_thai() {
            year + 543
        } else {
            year
        };
        if year < 0 {
            out.push('-');
        }
        let mut buf = [0u8; 20];
        for &d in ascii_digits(u64::from(year.unsigned_abs()), &mut buf) {
            push_digit(out, d, self.thai_digits);
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
        let mut out = String::with_capacity(24);
        self.push_year_month(&mut out, m);
        out
    }

    fn push_year_month(&self, out: &mut String, m: YearMonth) {
        out.push_str(self.month_name(m.month));
        out.push(' ');
        self.push_year(out, m.year);
    }

    /// `ตุลาคม 2559 – พฤษภาคม 2560` / `October 2016 – May 2017`.
    pub fn period(&self, p: &Period) -> String {
        let mut out = String::with_capacity(56);
        self.push_year_month(&mut out, p.start);
        out.push_str(" – ");
        self.push_year_month(&mut out, p.end);
        out
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
    let mut out = String::with_capacity(24);
    push_plain_decimal(&mut out, v, decimals);
    out
}

/// Append [`plain_decimal`]'s text.
pub fn push_plain_decimal(out: &mut String, v: u64, decimals: u8) {
    push_decimal(out, v, decimals, false, false);
}

/// Like [`plain_decimal`], with grouping separators in the whole part: `1,234.5`.
pub fn grouped_decimal(v: u64, decimals: u8) -> String {
    let mut out = String::with_capacity(24);
    push_grouped_decimal(&mut out, v, decimals, false);
    out
}

/// Append [`grouped_decimal`]'s text, in Thai digits with `thai`.
pub fn push_grouped_decimal(out: &mut String, v: u64, decimals: u8, thai: bool) {
    push_decimal(out, v, decimals, true, thai);
}

/// `1234567` → `1,234,567`.
pub fn group(n: u64) -> String {
    let mut out = String::with_capacity(26);
    push_grouped(&mut out, n, false);
    out
}

/// Append `n` with grouping separators, in Thai digits with `thai`.
fn push_grouped(out: &mut String, n: u64, thai: bool) {
    let mut buf = [0u8; 20];
    let digits = ascii_digits(n, &mut buf);
    for (i, &d) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        push_digit(out, d, thai);
    }
}

/// `v / 10^decimals` with `decimals` digits after the point (none, and no point, for 0),
/// the whole part grouped with `grouped`.
fn push_decimal(out: &mut String, v: u64, decimals: u8, grouped: bool, thai: bool) {
    let (whole, fraction) = if decimals == 0 {
        (v, None)
    } else {
        let scale = 10u64.pow(u32::from(decimals));
        (v / scale, Some(v % scale))
    };
    if grouped {
        push_grouped(out, whole, thai);
    } else {
        let mut buf = [0u8; 20];
        for &d in ascii_digits(whole, &mut buf) {
            push_digit(out, d, thai);
        }
    }
    if let Some(fraction) = fraction {
        out.push('.');
        let mut buf = [0u8; 20];
        let digits = ascii_digits(fraction, &mut buf);
        for _ in digits.len()..usize::from(decimals) {
            push_digit(out, b'0', thai);
        }
        for &d in digits {
            push_digit(out, d, thai);
        }
    }
}

/// The ASCII digits of `n`, written at the end of `buf`.
pub(super) fn ascii_digits(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[at..];
        }
    }
}

/// Append the ASCII digit `d`, or its Thai digit with `thai`.
fn push_digit(out: &mut String, d: u8, thai: bool) {
    if thai {
        out.push(char::from_u32(u32::from(d - b'0') + '๐' as u32).unwrap_or(char::from(d)));
    } else {
        out.push(char::from(d));
    }
}

/// Append `text` with every `from` in it replaced by what `to` writes: what
/// `text.replace(from, to)` gives, without its own string.
pub fn push_replaced(out: &mut String, text: &str, from: &str, to: impl Fn(&mut String)) {
    let Some(&first) = from.as_bytes().first() else {
        // An empty `from` is found before every character and at the end.
        let mut last = 0;
        for (start, _) in text.match_indices(from) {
            out.push_str(&text[last..start]);
            to(out);
            last = start;
        }
        out.push_str(&text[last..]);
        return;
    };
    // The leftmost matches that do not overlap, found from their first byte: a placeholder
    // is short, and setting up `str::match_indices`' searcher cost more than the search.
    // (`from` starts with a whole character, so a match starts at one in `text` too.)
    let bytes = text.as_bytes();
    let mut last = 0;
    let mut at = 0;
    while let Some(found) = bytes[at..].iter().position(|&b| b == first) {
        let start = at + found;
        if bytes[start..].starts_with(from.as_bytes()) {
            out.push_str(&text[last..start]);
            to(out);
            last = start + from.len();
            at = last;
        } else {
            at = start + 1;
        }
    }
    out.push_str(&text[last..]);
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

    /// The writers before they wrote into one buffer, kept to check the new ones against.
    mod before {
        pub fn digits(thai: bool, text: &str) -> String {
            if !thai {
                return text.to_string();
            }
            text.chars()
                .map(|c| match c {
                    '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '๐' as u32).unwrap_or(c),
                    _ => c,
                })
                .collect()
        }

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
    }

    /// Numbers near every power of ten and of two, and a spread between.
    fn many_numbers() -> Vec<u64> {
        let mut ns = vec![
            0,
            1,
            9,
            10,
            11,
            99,
            100,
            999,
            1000,
            1001,
            u64::MAX,
            u64::MAX - 1,
        ];
        for p in 0..20 {
            let t = 10u64.pow(p);
            ns.extend([t - 1, t, t + 1, t.saturating_mul(7) / 3]);
        }
        for p in 0..64 {
            ns.extend([(1u64 << p) - 1, 1u64 << p]);
        }
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..2000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            ns.push(x >> (x % 64));
        }
        ns
    }

    #[test]
    fn numbers_are_written_as_before() {
        for lang in [Lang::TH, Lang::EN] {
            for thai in [false, true] {
                let fmt = Formatter::new(lang, thai, words(lang));
                let thai = fmt.thai_digits;
                for n in many_numbers() {
                    assert_eq!(fmt.number(n), before::digits(thai, &before::group(n)));
                    assert_eq!(group(n), before::group(n));
                    for d in 0..=4 {
                        assert_eq!(plain_decimal(n, d), before::plain_decimal(n, d), "{n} {d}");
                        assert_eq!(grouped_decimal(n, d), before::grouped_decimal(n, d));
                        assert_eq!(
                            fmt.bare_in(n, d),
                            before::digits(thai, &before::grouped_decimal(n, d))
                        );
                    }
                }
                for text in ["", "abc", "12 มีนาคม 2560", "0.5%", "x9", "๑2", "9"] {
                    assert_eq!(fmt.digits(text), before::digits(thai, text));
                }
            }
        }
    }

    #[test]
    fn periods_are_written_as_before() {
        for lang in [Lang::TH, Lang::EN] {
            for thai in [false, true] {
                let fmt = Formatter::new(lang, thai, words(lang));
                let year = |y: i32| {
                    if lang.is_thai() {
                        before::digits(fmt.thai_digits, &(y + 543).to_string())
                    } else {
                        y.to_string()
                    }
                };
                let year_month =
                    |m: YearMonth| format!("{} {}", fmt.month_name(m.month), year(m.year));
                for y in [-600, -543, -1, 0, 7, 1999, 2016, 2023, 2566, 9999, 12345] {
                    for month in 1..=12 {
                        let start = YearMonth { year: y, month };
                        let end = YearMonth {
                            year: y + 1,
                            month: 13 - month,
                        };
                        assert_eq!(fmt.year_month(start), year_month(start));
                        assert_eq!(
                            fmt.period(&Period { start, end }),
                            format!("{} – {}", year_month(start), year_month(end))
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn replacing_is_what_str_replace_does() {
        for (text, from) in [
            ("{n} of {n}", "{n}"),
            ("{n}{n}", "{n}"),
            ("no place", "{n}"),
            ("", "{n}"),
            ("aaaa", "aa"),
            ("{{n}}", "{n}"),
            ("{n", "{n}"),
            ("ก{n}ข{n", "{n}"),
            ("{x}{n}{", "{n}"),
            ("ไทย", ""),
            ("", ""),
            ("ab{n}}{n}", "{n}}"),
        ] {
            let mut out = String::from(">");
            push_replaced(&mut out, text, from, |o| o.push_str("<{n}>"));
            assert_eq!(out, format!(">{}", text.replace(from, "<{n}>")));
        }
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
