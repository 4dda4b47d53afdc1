//! Reading the areas list (`content/areas.csv` by default): the valid areas, their slugs,
//! names and groups.
//!
//! The list is site data, not code: its columns depend on the site's languages and the
//! report's grouping (`code,slug,name_th,name_en,region,region_th,region_en` for the bundled
//! site), so this stage only reads the table; `validate` checks the columns.

use std::path::Path;

use crate::diagnostics::{Diagnostics, Position};
use crate::msg;

/// The areas list as read: its header and its rows with their line numbers.
#[derive(Debug, Clone, Default)]
pub struct AreaTable {
    pub header: Vec<String>,
    /// The header line as written, for messages.
    pub header_line: String,
    /// Its line number: comment lines (starting with `#`) may come before it.
    pub header_line_no: usize,
    pub rows: Vec<AreaRow>,
}

/// One line of the areas list.
#[derive(Debug, Clone)]
pub struct AreaRow {
    pub line: usize,
    pub cells: Vec<String>,
}

/// The most areas a list may have: the bound that keeps every sum of values exact in a
/// `u64` (see `MAX_VALUE` in `validate::values`: 100,000 × 10^14 = 10^19 < 1.8 × 10^19).
pub const AREAS_MAX: usize = 100_000;

/// `n` with its digits in groups of three, as the messages show numbers.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn parse(file: &Path, text: &str, diags: &mut Diagnostics) -> AreaTable {
    // Lines starting with `#` are comments (where the list comes from, for example).
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let header_at = text.lines().position(|l| !l.starts_with('#')).unwrap_or(0);
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => {
            diags.error(
                "csv",
                file,
                Position::new(1, 1),
                msg!("csv--header", reason = e.to_string()),
            );
            return AreaTable::default();
        }
    };
    let mut table = AreaTable {
        header_line: text.lines().nth(header_at).unwrap_or("").to_string(),
        header_line_no: header_at + 1,
        header,
        rows: Vec::new(),
    };
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                diags.error(
                    "csv",
                    file,
                    Position::new(line, 1),
                    msg!("csv", reason = e.to_string()),
                );
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        if table.rows.len() == AREAS_MAX {
            diags
                .error(
                    "too-many-areas",
                    file,
                    Position::new(line, 1),
                    msg!("too-many-areas", max = grouped(AREAS_MAX)),
                )
                .help(msg!("too-many-areas.help", max = grouped(AREAS_MAX)));
            break;
        }
        if record.len() != table.header.len() {
            diags
                .error(
                    "csv-columns",
                    file,
                    Position::new(line, 1),
                    msg!(
                        "csv-columns",
                        found = record.len(),
                        needed = table.header.len()
                    ),
                )
                .help(msg!("csv-columns.help", header = table.header.join(",")));
            continue;
        }
        table.rows.push(AreaRow {
            line,
            cells: record.iter().map(|c| c.trim().to_string()).collect(),
        });
    }
    table
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_in_messages_are_grouped_by_thousands() {
        assert_eq!(super::grouped(100_000), "100,000");
        assert_eq!(super::grouped(999), "999");
        assert_eq!(super::grouped(1_234_567), "1,234,567");
    }
}
