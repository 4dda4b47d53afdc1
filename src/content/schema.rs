//! JSON Schemas of the editors' YAML files, made from the same types that read them.
//!
//! Editors' tools (any editor with a YAML language server) use these to complete field
//! names and flag mistakes while typing; each YAML file names its schema on its first line
//! (`# yaml-language-server: $schema=../schemas/site.schema.json`). Because the schemas come
//! from the `raw` types, they cannot drift from what the loader accepts; the committed copies
//! under `schemas/` are kept current by a test (`TANRAK_UPDATE_SCHEMAS=1 cargo test schemas`
//! rewrites them).

use schemars::{JsonSchema, generate::SchemaSettings};

use super::definition::RawReport;
use super::raw::{RawSite, RawTerm};

/// The folder, below the site's root, the schemas are committed in.
pub const DIR: &str = "schemas";

fn schema_of<T: JsonSchema>(title: &str) -> String {
    let generator = SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Every schema: its file name under `schemas/` and its text.
pub fn all() -> Vec<(&'static str, String)> {
    vec![
        (
            "report.schema.json",
            schema_of::<RawReport>("tanrak: content/report.yaml"),
        ),
        (
            "site.schema.json",
            schema_of::<RawSite>("tanrak: content/site.yaml"),
        ),

        (
            "glossary.schema.json",
            schema_of::<Vec<RawTerm>>("tanrak: content/glossary.yaml"),
        ),
    ]
}
