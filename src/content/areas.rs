//! Reading `content/areas.csv`: the list of valid areas, their slugs, names and regions.
//!
//! The list is site data, not code: a site about other areas brings its own, and the number
//! of areas and the set of regions come from it.

use std::path::Path;

use crate::diagnostics::{Diagnostics, Position};
use crate::msg;

pub const HEADER: [&str; 7] = [
    "code",
    "slug",
    "name_th",
    "name_en",
    "region",
    "region_th",
    "region_en",
];

/// One line of the areas list.
#[derive(Debug, Clone)]
pub struct AreaRow {
    pub line: usize,
    pub code: String,
    pub slug: String,
    pub name_th: String,
    pub name_en: String,
    pub region: String,
    pub region_th: String,
    pub region_en: String,
}

pub fn parse(file: &Path, text: &str, diags: &mut Diagnostics) -> Vec<AreaRow> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => {
            diags.error(
                "csv",
                file,
                Position::new(1, 1),
                msg!("csv--header", reason = e.to_string()),
            );
            return Vec::new();
        }
    };
    if header != HEADER {
        diags
            .error(
                "csv-header",
                file,
                Position::new(1, 1).with_len(text.lines().next().map_or(1, |l| l.chars().count())),
                msg!("csv-header", header = HEADER.join(",")),
            )
            .help(msg!("csv-header.help"));
        return Vec::new();
    }
    let mut rows = Vec::new();
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
        if record.len() != HEADER.len() {
            diags
                .error(
                    "csv-columns",
                    file,
                    Position::new(line, 1),
                    msg!("csv-columns", found = record.len(), needed = HEADER.len()),
                )
                .help(msg!("csv-columns.help"));
            continue;
        }
        let field = |i: usize| record.get(i).unwrap_or("").trim().to_string();
        rows.push(AreaRow {
            line,
            code: field(0),
            slug: field(1),
            name_th: field(2),
            name_en: field(3),
            region: field(4),
            region_th: field(5),
            region_en: field(6),
        });
    }
    rows
}
