//! Reading only what a site declares: its languages, its report definition and its areas
//! list, for the commands that need no records (`tanrak new`, `tanrak schema`).
//!
//! These commands must work while the records are being changed: after a measure is added
//! to `content/report.yaml`, every record lacks it and the full validation fails, but the
//! new schema and new records are exactly what the editor needs next. So they read the
//! three files through the same parsers and the same report validation as the build, and
//! nothing else.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::areas::{self, AreaTable};
use super::definition::RawReport;
use super::raw::RawSite;
use super::{REPORT_FILE, read_text, yaml};
use crate::diagnostics::{Diagnostics, Position};
use crate::model::Report;
use crate::msg;
use crate::validate::Langs;

/// What a site declares about itself, validated as far as it goes.
#[derive(Debug)]
pub struct Declared {
    pub langs: Langs,
    pub report: Report,
    pub areas_file: PathBuf,
    pub areas: AreaTable,
}

fn content_dir(root: &Path, diags: &mut Diagnostics) -> Option<PathBuf> {
    let dir = root.join("content");
    if dir.is_dir() {
        return Some(dir);
    }
    diags
        .error("no-content", &dir, Position::FILE, msg!("no-content--1"))
        .help(msg!("no-content--h2"));
    None
}

fn parse<T: DeserializeOwned>(file: &Path, diags: &mut Diagnostics) -> Option<T> {
    if !file.exists() {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        diags
            .error(
                "missing-file",
                file,
                Position::FILE,
                msg!("missing-file--1", name = (name).to_string()),
            )
            .help(msg!("missing-file--h2"));
        return None;
    }
    let text = read_text(file, diags)?;
    yaml::parse(file, &text, 0, diags)
}

/// The site's languages from `content/site.yaml`, default first.
pub fn languages(root: &Path, diags: &mut Diagnostics) -> Option<Langs> {
    let file = content_dir(root, diags)?.join("site.yaml");
    let site: RawSite = parse(&file, diags)?;
    let errors = diags.error_count();
    let langs = crate::validate::site_languages(&site, &file, diags);
    (diags.error_count() == errors).then_some(langs)
}

/// `content/report.yaml` as written, and its file.
pub fn raw_report(root: &Path, diags: &mut Diagnostics) -> Option<(PathBuf, RawReport)> {
    let file = content_dir(root, diags)?.join(REPORT_FILE);
    let raw = parse(&file, diags)?;
    Some((file, raw))
}

/// The languages, the validated report and the areas list as read (its columns unchecked).
pub fn read(root: &Path, diags: &mut Diagnostics) -> Option<Declared> {
    let langs = languages(root, diags)?;
    let (file, raw) = raw_report(root, diags)?;
    let report = crate::validate::report::validate(&raw, &file, &langs, diags)?;
    let areas_file = root.join("content").join(&report.area.list);
    let text = read_text(&areas_file, diags)?;
    let areas = areas::parse(&areas_file, &text, diags);
    if diags.has_errors() {
        return None;
    }
    Some(Declared {
        langs,
        report,
        areas_file,
        areas,
    })
}

/// The keys of the areas' groups, in the order they first appear in the areas list (none when
/// the report does not group its areas).
pub fn group_keys(report: &Report, table: &AreaTable) -> Vec<String> {
    let Some(grouping) = &report.area.grouping else {
        return Vec::new();
    };
    let Some(col) = table.header.iter().position(|h| *h == grouping.key) else {
        return Vec::new();
    };
    let mut keys: Vec<String> = Vec::new();
    for row in &table.rows {
        if let Some(k) = row.cells.get(col)
            && !k.is_empty()
            && !keys.contains(k)
        {
            keys.push(k.clone());
        }
    }
    keys
}
