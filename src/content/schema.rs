//! JSON Schemas of the editors' YAML files, per site: made from the types that read them and
//! from the site's own report definition.
//!
//! Editors' tools (any editor with a YAML language server) use these to complete field
//! names and flag mistakes while typing; each YAML file names its schema on its first line
//! (`# yaml-language-server: $schema=../schemas/site.schema.json`). The schemas of
//! `site.yaml`, `report.yaml` and the glossary are the same for every site and come from the
//! `raw` types, so they cannot drift from what the loader accepts. The schemas of the
//! records and of `national.yaml` say what this site's report declares: exactly its
//! measures (a measure with parts is a group of its parts), its group keys, its optional
//! fields, its event kinds, and text in exactly its languages. `tanrak schema` writes them
//! all to `schemas/`, and `tanrak check` warns when a committed one is out of date.

use std::path::{Path, PathBuf};

use schemars::{JsonSchema, generate::SchemaSettings};
use serde_json::{Map, Value, json};

use super::declared::{self, group_keys};
use super::definition::RawReport;
use super::raw::{
    RawCorrection, RawDate, RawEvent, RawNational, RawPeriod, RawProvenance, RawSite, RawSource,
    RawTerm,
};
use crate::diagnostics::{Diagnostics, Position};
use crate::model::report::{Measure, Report};
use crate::model::{DataStatus, Lang, Text};
use crate::msg;
use crate::sitefs::Existing;
use crate::validate::values::MAX_VALUE;

/// The folder, below the site's root, the schemas are committed in.
pub const DIR: &str = "schemas";

/// The types whose schemas the generated ones share, gathered so that one generator run
/// gives their definitions.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct Shared {
    period: RawPeriod,
    data_status: DataStatus,
    source: RawProvenance,
    correction: RawCorrection,
    event: RawEvent,
    record_source: RawSource,
    date: RawDate,
}

fn root_of<T: JsonSchema>(title: &str) -> Map<String, Value> {
    let generator = SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    match schema.to_value() {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// The schema's text: serialised as a [`schemars::Schema`], which puts the keywords in the
/// order people read them (`$schema`, `title`, `description`, `type`, …).
fn pretty(schema: &Map<String, Value>) -> String {
    let schema = schemars::Schema::from(schema.clone());
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The schemas that are the same for every site: their file names and texts.
pub fn fixed() -> Vec<(String, String)> {
    vec![
        (
            "report.schema.json".into(),
            pretty(&root_of::<RawReport>("tanrak: content/report.yaml")),
        ),
        (
            "site.schema.json".into(),
            pretty(&root_of::<RawSite>("tanrak: content/site.yaml")),
        ),
        (
            "glossary.schema.json".into(),
            pretty(&root_of::<Vec<RawTerm>>("tanrak: content/glossary.yaml")),
        ),
    ]
}

/// The file name of the records' schema: `province.schema.json` for the bundled site.
pub fn record_file(report: &Report) -> String {
    format!("{}.schema.json", report.area.key)
}

/// Every schema of a site: file name under `schemas/` and text. `groups` are the group keys
/// (see [`declared::group_keys`]).
pub fn all(report: &Report, langs: &[Lang], groups: &[String]) -> Vec<(String, String)> {
    let site = SiteSchemas::new(report, langs, groups);
    let mut out = fixed();
    out.push(("national.schema.json".into(), pretty(&site.national())));
    out.push((record_file(report), pretty(&site.record())));
    out
}

/// `tanrak schema`: write every schema of the site at `root` into `schemas/`. Returns the
/// files written, or `None` (with the problems in `diags`) when the site's languages, report
/// definition or areas list cannot be read.
pub fn write(root: &Path, diags: &mut Diagnostics) -> Option<Vec<PathBuf>> {
    let d = declared::read(root, diags)?;
    let dir = root.join(DIR);
    let mut written = Vec::new();
    for (name, text) in all(&d.report, &d.langs.0, &group_keys(&d.report, &d.areas)) {
        let path = dir.join(&name);
        let result = crate::sitefs::write(root, &path, text.as_bytes(), Existing::Replace);
        if let Err(refused) = result {
            if refused.report_rule(diags) {
                return None;
            }
            let crate::sitefs::Refused::Io { error: e, .. } = refused else {
                return None;
            };
            diags
                .error(
                    "write",
                    &path,
                    Position::FILE,
                    msg!("write--3", e = (e).to_string()),
                )
                .help(msg!("write--h4"));
            return None;
        }
        written.push(path);
    }
    Some(written)
}

/// The Thai and English description of something, `ไทย / English`, the form every schema
/// description has.
fn both(th: impl AsRef<str>, en: impl AsRef<str>) -> String {
    format!("{} / {}", th.as_ref(), en.as_ref())
}

/// A label in each of the site's languages, `label / label`.
fn labels(langs: &[Lang], text: &Text) -> String {
    let parts: Vec<&str> = langs
        .iter()
        .map(|&l| text.get(l))
        .filter(|s| !s.is_empty())
        .collect();
    parts.join(" / ")
}

/// `{"$ref": …}` with a description beside it (draft 7 ignores siblings of `$ref`).
fn described_ref(name: &str, description: String) -> Value {
    json!({"description": description, "allOf": [{"$ref": format!("#/definitions/{name}")}]})
}

fn reference(name: &str) -> Value {
    json!({"$ref": format!("#/definitions/{name}")})
}

/// The whole part of a number as validation reads it (`parse_number`): one digit (Thai or
/// Arabic), or digits not starting with 0, or digits grouped by three with commas.
const WHOLE: &str = "(?:[0-9๐-๙]|[1-9๑-๙][0-9๐-๙]*|[1-9๑-๙][0-9๐-๙]{0,2}(?:,[0-9๐-๙]{3})+)";

/// The definition name of a number with `decimals` digits after the point.
fn number_name(decimals: u8) -> String {
    if decimals == 0 {
        "Count".into()
    } else {
        format!("Decimal{decimals}")
    }
}

/// What the loader reads as a number with up to `decimals` digits after the point: a YAML
/// number, or text with Thai or Arabic digits and grouping commas (trailing zeros after the
/// point are always accepted, `12.50` for one decimal).
fn number_schema(decimals: u8) -> Value {
    if decimals == 0 {
        json!({
            "description": "จำนวนเต็มไม่ติดลบ เขียนเป็นตัวเลข เช่น 1886 หรือเป็นข้อความ เช่น \"1,886\" หรือ ๑,๘๘๖ / A whole number, not negative: 1886, \"1,886\" or ๑,๘๘๖",
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": MAX_VALUE},
                {"type": "string", "pattern": format!("^\\s*{WHOLE}(?:\\.[0๐]+)?\\s*$")}
            ]
        })
    } else {
        json!({
            "description": both(
                format!("จำนวนไม่ติดลบ มีทศนิยมได้ไม่เกิน {decimals} ตำแหน่ง เช่น 12.5 หรือ \"1,234.5\""),
                format!("A number, not negative, with at most {decimals} digits after the decimal point: 12.5, \"1,234.5\" or ๑๒.๕"),
            ),
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": MAX_VALUE / 10u64.pow(u32::from(decimals))},
                {"type": "string", "pattern": format!("^\\s*{WHOLE}(?:\\.[0-9๐-๙]{{1,{decimals}}}[0๐]*)?\\s*$")}
            ]
        })
    }
}

/// The words of the area level for descriptions: Thai and English, or generic ones where the
/// site has no such language.
struct Words {
    th: String,
    en: String,
}

impl Words {
    fn of(text: &Text, th: &str, en: &str) -> Words {
        let pick = |lang: Lang, fallback: &str| match text.get(lang) {
            "" => fallback.to_string(),
            s => s.to_string(),
        };
        Words {
            th: pick(Lang::TH, th),
            en: pick(Lang::EN, en),
        }
    }
}

struct SiteSchemas<'a> {
    report: &'a Report,
    langs: &'a [Lang],
    groups: &'a [String],
    /// The shared definitions, with the site's text and event kinds put in.
    definitions: Map<String, Value>,
    /// The schema of each shared field of [`Shared`], by field name.
    shared: Map<String, Value>,
}

impl<'a> SiteSchemas<'a> {
    fn new(report: &'a Report, langs: &'a [Lang], groups: &'a [String]) -> Self {
        let root = root_of::<Shared>("");
        let mut definitions = match root.get("definitions") {
            Some(Value::Object(d)) => d.clone(),
            _ => Map::new(),
        };
        let shared = match root.get("properties") {
            Some(Value::Object(p)) => p.clone(),
            _ => Map::new(),
        };
        // Text in exactly the site's languages, each required.
        let codes: Vec<&str> = langs.iter().map(|l| l.code()).collect();
        let properties: Map<String, Value> = langs
            .iter()
            .map(|l| {
                (
                    l.code().to_string(),
                    json!({"type": "string", "description": l.english_name()}),
                )
            })
            .collect();
        let example: Vec<String> = codes.iter().map(|c| format!("{c}: \"…\"")).collect();
        definitions.insert(
            "Text".into(),
            json!({
                "description": both(
                    format!("ข้อความในแต่ละภาษาของเว็บไซต์ {{{}}}", example.join(", ")),
                    format!("Text in each of the site's languages, {{{}}}", example.join(", ")),
                ),
                "type": "object",
                "properties": properties,
                "required": codes,
                "additionalProperties": false
            }),
        );
        // Event kinds as declared.
        if let Some(Value::Object(event)) = definitions.get_mut("RawEvent")
            && let Some(Value::Object(props)) = event.get_mut("properties")
        {
            let kinds: Vec<&str> = report.events.iter().map(|e| e.key.as_str()).collect();
            let listed: Vec<String> = report
                .events
                .iter()
                .map(|e| format!("{} ({})", e.key, labels(langs, &e.label)))
                .collect();
            props.insert(
                "kind".into(),
                json!({
                    "description": format!("{}: {}", both("ประเภทกิจกรรม", "The kind of event"), listed.join(", ")),
                    "type": "string",
                    "enum": kinds
                }),
            );
        }
        let mut decimals: Vec<u8> = report.measures.iter().map(|m| m.decimals).collect();
        decimals.sort_unstable();
        decimals.dedup();
        for d in decimals {
            definitions.insert(number_name(d), number_schema(d));
        }
        SiteSchemas {
            report,
            langs,
            groups,
            definitions,
            shared,
        }
    }

    fn shared(&self, field: &str, description: Option<String>) -> Value {
        let v = self.shared.get(field).cloned().unwrap_or(Value::Bool(true));
        match description {
            Some(d) => json!({"description": d, "allOf": [v]}),
            None => v,
        }
    }

    /// One measure's value: a number, or a group of its parts.
    fn measure(&self, m: &Measure) -> Value {
        let mut description = labels(self.langs, &m.label);
        let value = if m.parts.is_empty() {
            described_ref(&number_name(m.decimals), description)
        } else {
            let parts: Vec<&Measure> = m.parts.iter().map(|&p| self.report.measure(p)).collect();
            let keys: Vec<&str> = parts.iter().map(|p| p.key.as_str()).collect();
            description = format!(
                "{description} — {}",
                both(
                    format!("ใส่ส่วนย่อย {} ไม่ใส่ผลรวม", keys.join(", ")),
                    format!("give the parts, {}, not the total", keys.join(", ")),
                )
            );
            let properties: Map<String, Value> = parts
                .iter()
                .map(|p| (p.key.clone(), self.measure(p)))
                .collect();
            let required: Vec<&str> = parts
                .iter()
                .filter(|p| !p.optional)
                .map(|p| p.key.as_str())
                .collect();
            json!({
                "description": description,
                "type": "object",
                "properties": properties,
                "required": required,
                "additionalProperties": false
            })
        };
        if m.optional {
            let description = value.get("description").cloned().unwrap_or_default();
            json!({"description": description, "anyOf": [value, {"type": "null"}]})
        } else {
            value
        }
    }

    /// The measures of one period, and which of them must be given.
    fn measures(&self) -> (Map<String, Value>, Vec<String>) {
        let mut properties = Map::new();
        let mut required = Vec::new();
        for m in self.report.top_level() {
            properties.insert(m.key.clone(), self.measure(m));
            if !m.optional {
                required.push(m.key.clone());
            }
        }
        (properties, required)
    }

    /// The schema's top with its definitions, keeping only those it refers to.
    fn finish(&self, mut schema: Map<String, Value>) -> Map<String, Value> {
        // The schema's own definitions, then the shared ones, which hold the site's text and
        // event kinds and so replace any generic ones of the same name.
        let mut definitions = match schema.remove("definitions") {
            Some(Value::Object(own)) => own,
            _ => Map::new(),
        };
        definitions.extend(self.definitions.clone());
        let mut used: Vec<String> = Vec::new();
        let mut todo = vec![Value::Object(schema.clone())];
        while let Some(v) = todo.pop() {
            let mut found = Vec::new();
            refs(&v, &mut found);
            for name in found {
                if !used.contains(&name) {
                    if let Some(d) = definitions.get(&name) {
                        todo.push(d.clone());
                    }
                    used.push(name);
                }
            }
        }
        definitions.retain(|k, _| used.contains(k));
        schema.insert("definitions".into(), Value::Object(definitions));
        schema
    }

    /// `content/national.yaml`.
    fn national(&self) -> Map<String, Value> {
        let mut schema = root_of::<RawNational>("tanrak: content/national.yaml");
        let (mut properties, measures_required) = self.measures();
        let mut required: Vec<String> = Vec::new();
        for (field, th, en) in [
            ("period", "ช่วงเวลา", "The period"),
            (
                "data_status",
                "สถานะของตัวเลข",
                "How far the figures can be relied on",
            ),
            ("source", "แหล่งที่มา", "Where the figures come from"),
        ] {
            properties.insert(field.into(), self.shared(field, Some(both(th, en))));
            required.push(field.into());
        }
        // While the national figures are pending, the source and the measures may be left out.
        let mut published: Vec<String> = vec!["source".into()];
        published.extend(measures_required);
        required.retain(|f| f != "source");
        properties.insert(
            "pending".into(),
            json!({
                "description": both("ตัวเลขระดับประเทศยังไม่เผยแพร่ (true): ไม่ต้องใส่แหล่งที่มา และใส่ตัวเลขเฉพาะที่มีแล้ว", "The national figures are not yet published (true): the source may be left out, and only the figures already known are given"),
                "type": "boolean"
            }),
        );
        properties.insert(
            "expected".into(),
            json!({
                "description": both("รหัสพื้นที่ที่ต้องรายงานในช่วงเวลานี้ (ไม่ระบุ = ทุกพื้นที่ที่มีตัวเลขของตนเอง)", "The codes of the areas expected to report for this period (default: every area with figures of its own)"),
                "type": "array",
                "items": {"type": ["string", "integer"]}
            }),
        );
        properties.insert(
            "next_release".into(),
            json!({
                "description": both("วันที่คาดว่าจะเผยแพร่ตัวเลขครั้งต่อไป (null ถ้าไม่ทราบ)", "When the next figures are expected (null if not known)"),
                "anyOf": [reference("Date"), {"type": "null"}]
            }),
        );
        let period = json!({
            "description": both("ตัวเลขระดับประเทศของช่วงเวลาหนึ่ง", "National figures for one reporting period"),
            "type": "object",
            "properties": properties,
            "required": required,
            "if": {"properties": {"pending": {"const": true}}, "required": ["pending"]},
            "else": {"required": published},
            "additionalProperties": false
        });
        if let Some(Value::Object(props)) = schema.get_mut("properties")
            && let Some(Value::Object(periods)) = props.get_mut("periods")
        {
            periods.insert("items".into(), reference("NationalPeriod"));
        }
        let mut own = Map::new();
        own.insert("NationalPeriod".into(), period);
        if let Some(Value::Object(d)) = schema.remove("definitions") {
            own.extend(d);
        }
        schema.insert("definitions".into(), Value::Object(own));
        self.finish(schema)
    }

    /// `content/<segment>/<slug>.yaml`.
    fn record(&self) -> Map<String, Value> {
        let area = &self.report.area;
        let one = Words::of(&area.word.one, "พื้นที่", "area");
        let list = &area.list;
        let path = format!("content/{}/<slug>.yaml", area.segment);
        let mut properties = Map::new();
        let mut required: Vec<String> = vec!["code".into(), "name".into()];
        let code_note = labels(self.langs, &area.code_description);
        let mut code_description = both(
            format!("รหัส{}ใน content/{list}", one.th),
            format!("The {}'s code in content/{list}", one.en),
        );
        if !code_note.is_empty() {
            code_description = format!("{code_description} — {code_note}");
        }
        // The loader reads a code written as a YAML number too (`code: 5001`).
        properties.insert(
            "code".into(),
            json!({"description": code_description, "type": ["string", "integer"]}),
        );
        properties.insert(
            "name".into(),
            described_ref(
                "Text",
                both(
                    format!("ชื่อ{} ตรงกับ content/{list}", one.th),
                    format!("The {}'s name, as in content/{list}", one.en),
                ),
            ),
        );
        if let Some(g) = &area.grouping {
            let word = Words::of(&g.word.one, "กลุ่ม", "group");
            let mut group = json!({
                "description": both(
                    format!("{} ตรงกับ content/{list}: {}", word.th, self.groups.join(", ")),
                    format!("The {}, as in content/{list}: {}", word.en, self.groups.join(", ")),
                ),
                "type": "string"
            });
            if !self.groups.is_empty() {
                group["enum"] = json!(self.groups);
            }
            properties.insert(g.key.clone(), group);
            required.push(g.key.clone());
        }
        properties.insert(
            "data_status".into(),
            self.shared(
                "data_status",
                Some(both(
                    "สถานะของตัวเลข",
                    "How far the figures can be relied on",
                )),
            ),
        );
        properties.insert(
            "updated".into(),
            described_ref(
                "Date",
                both(
                    "วันที่แก้ไขแฟ้มนี้ล่าสุด (ปี ค.ศ.-เดือน-วัน)",
                    "When this file last changed (YYYY-MM-DD, Gregorian)",
                ),
            ),
        );
        properties.insert(
            "own_figures".into(),
            json!({
                "description": both(
                    format!("{}นี้มีตัวเลขของตนเองหรือไม่ (false = ไม่ต้องรายงาน ไม่นับในจำนวนที่ต้องรายงาน)", one.th),
                    format!("Whether this {} has figures of its own (false: it is not expected to report and is not counted among those that must)", one.en),
                ),
                "type": "boolean"
            }),
        );
        required.extend(["data_status".into(), "updated".into()]);
        for f in &self.report.fields {
            properties.insert(
                f.key.clone(),
                json!({
                    "description": format!("{} ({})", labels(self.langs, &f.label), both("ไม่บังคับ", "optional")),
                    "anyOf": [reference("Text"), {"type": "null"}]
                }),
            );
        }
        let (mut measures, mut result_required) = self.measures();
        measures.insert(
            "period".into(),
            self.shared("period", Some(both("ช่วงเวลา", "The period"))),
        );
        result_required.insert(0, "period".into());
        measures.insert(
            "data_status".into(),
            self.shared(
                "data_status",
                Some(both(
                    "สถานะของตัวเลขของช่วงเวลานี้ (ไม่ระบุ = ใช้ data_status ของแฟ้ม)",
                    "How far this period's figures can be relied on (default: the record's data_status)",
                )),
            ),
        );
        let result = json!({
            "description": both("ผลการดำเนินงานในช่วงเวลาหนึ่ง: period แล้วตัวชี้วัดแต่ละตัว", "The results for one reporting period: `period`, then each measure"),
            "type": "object",
            "properties": measures,
            "required": result_required,
            "additionalProperties": false
        });
        properties.insert(
            "results".into(),
            json!({
                "description": both("ผลการดำเนินงาน หนึ่งรายการต่อช่วงเวลา เรียงจากเก่าไปใหม่", "Results, one entry per period, oldest first"),
                "type": "array",
                "items": reference("Result")
            }),
        );
        let events = if self.report.events.is_empty() {
            json!({
                "description": both("กิจกรรม (รายงานนี้ไม่ได้ประกาศประเภทกิจกรรม)", "Events (this report declares no kinds of event)"),
                "type": "array",
                "maxItems": 0
            })
        } else {
            json!({
                "description": both("กิจกรรม", "Events"),
                "type": "array",
                "items": reference("RawEvent")
            })
        };
        properties.insert("events".into(), events);
        properties.insert(
            "sources".into(),
            json!({
                "description": both("เอกสารอ้างอิง", "Sources"),
                "type": "array",
                "items": reference("RawSource")
            }),
        );
        let mut schema = Map::new();
        schema.insert(
            "$schema".into(),
            "http://json-schema.org/draft-07/schema#".into(),
        );
        schema.insert("title".into(), format!("tanrak: {path}").into());
        schema.insert(
            "description".into(),
            both(
                format!("ข้อมูลของ{}หนึ่งแห่ง ({path})", one.th),
                format!("One {}'s record ({path})", one.en),
            )
            .into(),
        );
        schema.insert("type".into(), "object".into());
        schema.insert("properties".into(), Value::Object(properties));
        schema.insert("required".into(), json!(required));
        schema.insert("additionalProperties".into(), false.into());
        let mut own = Map::new();
        own.insert("Result".into(), result);
        schema.insert("definitions".into(), Value::Object(own));
        self.finish(schema)
    }
}

/// The definitions `value` refers to (`#/definitions/<name>`).
fn refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if k == "$ref"
                    && let Some(name) = v.as_str().and_then(|s| s.strip_prefix("#/definitions/"))
                {
                    out.push(name.to_string());
                } else {
                    refs(v, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}
