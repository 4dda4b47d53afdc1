//! The shapes of the editors' files, exactly as written, with the position of every value.
//!
//! These types only describe what may appear in a file: unknown fields are rejected, and
//! values keep their line and column (`Spanned`) so the validation stage can point at them.
//! Nothing here is checked for meaning yet; that is `validate`'s job.

use schemars::JsonSchema;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::messages::Message;
use crate::msg;

use crate::model::DataStatus;

/// ข้อความในแต่ละภาษาของเว็บไซต์ เช่น `{th: "…", en: "…"}` / Text in each of the site's languages, like `{th: "…", en: "…"}`.
///
/// Held as a list sorted by language, not a map: a record has several of these and is held
/// until validated, and a map's first node is sized for eleven entries where two are used.
#[derive(Debug, Clone, Default)]
pub struct RawText(Vec<(String, Spanned<String>)>);

impl RawText {
    /// The texts by language; a language given twice keeps its last text.
    pub fn from_entries(entries: impl IntoIterator<Item = (String, Spanned<String>)>) -> RawText {
        let mut entries: Vec<_> = entries.into_iter().collect();
        // Last given first, then a stable sort: of a language given twice, the first of its
        // run is the last given, and `dedup` keeps it, as a map would.
        entries.reverse();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries.dedup_by(|a, b| a.0 == b.0);
        entries.shrink_to_fit();
        RawText(entries)
    }

    /// The text in one language, by its code.
    pub fn get(&self, lang: &str) -> Option<&Spanned<String>> {
        self.0
            .binary_search_by(|(l, _)| l.as_str().cmp(lang))
            .ok()
            .map(|i| &self.0[i].1)
    }

    /// Every language's text, in the order of the languages' codes.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Spanned<String>)> {
        self.0.iter().map(|(l, t)| (l, t))
    }
}

impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                // What a map's reader says: the messages that explain a reader's error know it.
                f.write_str("a map")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<RawText, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(2));
                while let Some(key) = map.next_key::<String>()? {
                    entries.push((key, map.next_value::<Spanned<String>>()?));
                }
                Ok(RawText::from_entries(entries))
            }
        }
        d.deserialize_map(V)
    }
}

impl JsonSchema for RawText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "ข้อความในแต่ละภาษาของเว็บไซต์ เช่น {th: \"…\", en: \"…\"} / Text in each of the site's languages, like {th: \"…\", en: \"…\"}",
            "type": "object",
            "additionalProperties": {"type": "string"}
        })
    }
}

/// การตั้งค่าเว็บไซต์ (content/site.yaml) / Site settings (content/site.yaml).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    /// ชื่อเว็บไซต์ / The site's title
    #[schemars(with = "RawText")]
    pub title: Spanned<RawText>,
    /// คำอธิบายเว็บไซต์ / The site's description
    #[schemars(with = "RawText")]
    pub description: Spanned<RawText>,
    /// ที่อยู่เว็บไซต์ที่จะเผยแพร่ เช่น https://example.org/ / The address the site is published at, like https://example.org/
    #[schemars(with = "String")]
    pub base_url: Spanned<String>,
    /// ภาษาของเว็บไซต์ ภาษาแรกเป็นภาษาหลัก: [th, en] / The site's languages, default first: [th, en]
    #[schemars(with = "Vec<String>")]
    pub languages: Spanned<Vec<Spanned<String>>>,
    /// ใช้เลขไทยในหน้าภาษาไทย (true/false) / Thai digits on Thai pages (true/false)
    #[serde(default)]
    pub thai_digits: bool,
    /// หน่วยงานเจ้าของเอกสารต้นทางของตัวเลข / The agency whose document the figures come from
    pub agency: RawAgency,
    /// ผู้เผยแพร่เว็บไซต์นี้ (ใส่เมื่อมีหน่วยงานรับเป็นผู้เผยแพร่) / Who publishes this site (give it once an agency has taken it on)
    #[schemars(with = "Option<RawText>")]
    pub publisher: Option<Spanned<RawText>>,
    /// ช่องทางติดต่อ / Contact details
    pub contact: Option<RawContact>,
    /// การตั้งค่าการตรวจ (tanrak check) / Settings of the check (tanrak check)
    pub check: Option<RawCheckSettings>,
}

/// การตั้งค่าการตรวจ / Settings of the check.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCheckSettings {
    /// คำเตือนที่ทราบและยอมรับแล้ว ไม่ต้องแสดงอีก: รหัสและแฟ้ม / Warnings known and accepted, not
    /// shown again: their code and file
    #[serde(default)]
    pub accept: Vec<RawAccept>,
}

/// คำเตือนที่ยอมรับแล้วหนึ่งรายการ / One accepted warning.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAccept {
    /// รหัสของคำเตือน เช่น empty-contact / The warning's code, like empty-contact
    #[schemars(with = "String")]
    pub code: Spanned<String>,
    /// แฟ้มที่มีคำเตือน นับจากโฟลเดอร์ของเว็บไซต์ เช่น content/site.yaml / The file it is about,
    /// from the site's folder, like content/site.yaml
    #[schemars(with = "String")]
    pub file: Spanned<String>,
}

/// หน่วยงานที่เผยแพร่ / The publishing agency.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAgency {
    /// ชื่อหน่วยงาน / The agency's name
    #[schemars(with = "RawText")]
    pub name: Spanned<RawText>,
    /// หน่วยงานต้นสังกัด / The agency it belongs to
    #[schemars(with = "RawText")]
    pub parent: Spanned<RawText>,
}

/// ช่องทางติดต่อ (ใส่เฉพาะที่หน่วยงานเผยแพร่) / Contact details (only those the agency publishes).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    /// อีเมล / Email address
    #[schemars(with = "Option<String>")]
    pub email: Option<Spanned<String>>,
    /// โทรศัพท์ / Phone number
    #[schemars(with = "Option<String>")]
    pub phone: Option<Spanned<String>>,
    /// ที่อยู่ / Postal address
    #[schemars(with = "Option<RawText>")]
    pub address: Option<Spanned<RawText>>,
}

/// ตัวเลขระดับประเทศ (content/national.yaml) / National figures (content/national.yaml).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawNational {
    /// วันที่แก้ไขแฟ้มนี้ล่าสุด (ปี ค.ศ.-เดือน-วัน) / When this file last changed (YYYY-MM-DD, Gregorian)
    #[schemars(with = "RawDate")]
    pub updated: Spanned<RawDate>,
    /// ช่วงเวลารายงาน เรียงจากเก่าไปใหม่ / Reporting periods, oldest first
    #[schemars(with = "Vec<serde_json::Value>")]
    pub periods: Vec<Spanned<RawNationalPeriod>>,
    /// การแก้ไขตัวเลข / Corrections
    #[serde(default)]
    #[schemars(with = "Vec<RawCorrection>")]
    pub corrections: Vec<Spanned<RawCorrection>>,
}

/// ตัวเลขระดับประเทศของช่วงเวลาหนึ่ง / National figures for one reporting period.
///
/// Besides the fields below, one entry per measure of `content/report.yaml` (read into
/// `values`; a measure with parts is a group of its parts).
#[derive(Debug)]
pub struct RawNationalPeriod {
    /// ช่วงเวลา / The period
    pub period: Spanned<RawPeriod>,
    /// สถานะของตัวเลข / How far the figures can be relied on
    pub data_status: Spanned<DataStatus>,
    /// ตัวเลขระดับประเทศยังไม่เผยแพร่ (true): ใส่ตัวเลขเฉพาะที่มีแล้ว / The national figures are
    /// not yet published (true): give only those that are
    pub pending: Option<Spanned<bool>>,
    /// รหัสพื้นที่ที่ต้องรายงานในช่วงเวลานี้ (ไม่ระบุ = ทุกพื้นที่ที่มีตัวเลขของตนเอง) / The codes of the
    /// areas expected to report for this period (default: every area with figures of its own)
    pub expected: Option<Spanned<Vec<Spanned<String>>>>,
    /// แหล่งที่มา (ไม่ต้องใส่ถ้ายังไม่เผยแพร่) / The source (may be left out while pending)
    pub source: Option<RawProvenance>,
    /// วันที่คาดว่าจะเผยแพร่ตัวเลขครั้งต่อไป / When the next figures are expected
    pub next_release: Option<Spanned<RawDate>>,
    /// The measures' values, as written.
    pub values: Vec<(Spanned<String>, Spanned<RawValue>)>,
}

/// แหล่งที่มาของตัวเลข / Where the figures come from.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawProvenance {
    /// ชื่อเอกสาร / The document's title
    #[schemars(with = "RawText")]
    pub title: Spanned<RawText>,
    /// ผู้เผยแพร่ / Its publisher
    #[schemars(with = "RawText")]
    pub publisher: Spanned<RawText>,
    /// วันที่เผยแพร่ (null ถ้าเอกสารไม่ระบุ) / When it was released (null if it is undated)
    #[schemars(with = "Option<RawDate>")]
    pub released: Option<Spanned<RawDate>>,
    /// ที่อยู่เว็บของเอกสาร (null ถ้าไม่มี) / Its web address (null if none)
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
}

/// การแก้ไขตัวเลขที่เคยเผยแพร่ / A correction to figures published before.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCorrection {
    /// วันที่แก้ไข / When it was corrected
    #[schemars(with = "RawDate")]
    pub date: Spanned<RawDate>,
    /// แก้อะไร / What was corrected
    #[schemars(with = "RawText")]
    pub what: Spanned<RawText>,
    /// แก้เพราะอะไร / Why
    #[schemars(with = "RawText")]
    pub why: Spanned<RawText>,
}

/// ข้อมูลของพื้นที่หนึ่ง / One area's record (`content/<segment>/<slug>.yaml`).
///
/// Besides the fields below: the area's group (its key column in the areas list, like
/// `region`) and the report's optional fields, in `extra`.
#[derive(Debug, Clone)]
pub struct RawRecord {
    /// รหัสพื้นที่ตามรายชื่อพื้นที่ / The area's code in the areas list
    pub code: Option<Spanned<String>>,
    /// ชื่อพื้นที่ ตรงกับรายชื่อพื้นที่ / The area's name, as in the areas list
    pub name: Option<Spanned<RawText>>,
    /// สถานะของตัวเลข / How far the figures can be relied on
    pub data_status: Option<Spanned<DataStatus>>,
    /// พื้นที่นี้มีตัวเลขของตนเองหรือไม่ (false = ไม่ต้องรายงาน) / Whether the area has figures of
    /// its own (false: it is not expected to report)
    pub own_figures: Option<Spanned<bool>>,
    /// วันที่แก้ไขแฟ้มนี้ล่าสุด / When this file last changed
    pub updated: Option<Spanned<RawDate>>,
    /// ผลการดำเนินงาน หนึ่งรายการต่อช่วงเวลา เรียงจากเก่าไปใหม่ / Results, one entry per period, oldest first
    pub results: Vec<Spanned<RawResult>>,
    /// กิจกรรม / Events
    pub events: Vec<Spanned<RawEvent>>,
    /// เอกสารอ้างอิง / Sources
    pub sources: Vec<Spanned<RawSource>>,
    /// Every other entry: the group, the report's optional fields, or a mistake.
    pub extra: Vec<(Spanned<String>, Spanned<RawValue>)>,
}

/// ผลการดำเนินงานในช่วงเวลาหนึ่ง / The area's results for one reporting period: `period`, then
/// one entry per measure.
#[derive(Debug, Clone)]
pub struct RawResult {
    pub period: Spanned<RawPeriod>,
    /// The period's own data status; the record's when not given.
    pub data_status: Option<Spanned<DataStatus>>,
    pub values: Vec<(Spanned<String>, Spanned<RawValue>)>,
}

/// A value as written, before the report definition says what it should be: a number, a
/// text, a group of named values, a list, or nothing.
#[derive(Debug, Clone)]
pub enum RawValue {
    Null,
    Bool(bool),
    /// A number written as a YAML number: the text it has in the file (`12.5`, `-3`,
    /// `0x10`), once [`numbers_as_written`] has been applied.
    Number(String),
    Text(String),
    List(Vec<Spanned<RawValue>>),
    Map(Vec<(Spanned<String>, Spanned<RawValue>)>),
}

impl RawValue {
    /// What kind of value this is, in words, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            RawValue::Null => "nothing",
            RawValue::Bool(_) => "true/false",
            RawValue::Number(_) => "a number",
            RawValue::Text(_) => "a text",
            RawValue::List(_) => "a list",
            RawValue::Map(_) => "a group of fields",
        }
    }
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawValue, E> {
                Ok(RawValue::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<RawValue, E> {
                Ok(RawValue::Null)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawValue, E> {
                Ok(RawValue::Bool(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawValue, E> {
                Ok(RawValue::Number(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValue, E> {
                Ok(RawValue::Number(v.to_string()))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<RawValue, E> {
                Ok(RawValue::Number(v.to_string()))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<RawValue, E> {
                Ok(RawValue::Number(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawValue, E> {
                Ok(RawValue::Number(v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawValue, E> {
                Ok(RawValue::Text(v.to_string()))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<RawValue>>()? {
                    items.push(item);
                }
                Ok(RawValue::List(shrunk(items)))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    entries.push((key, map.next_value::<Spanned<RawValue>>()?));
                }
                Ok(RawValue::Map(shrunk(entries)))
            }
        }
        d.deserialize_any(V)
    }
}

/// Entries kept as written, with their positions, for validation against the definition.
pub type RawEntries = Vec<(Spanned<String>, Spanned<RawValue>)>;

/// Put back every number among `entries` as `source` (the file's text) writes it.
///
/// The YAML reader reads `0x10` as 16, `1_000` as 1000, `1e3` as 1000 and `010` as 10 or 8:
/// readings no editor means by a figure. Validation reads figures itself, strictly, from
/// the text as written, and says in plain words what is wrong with one.
pub fn numbers_as_written(entries: &mut [(Spanned<String>, Spanned<RawValue>)], source: &str) {
    for (_, value) in entries {
        value_as_written(value, source);
    }
}

fn value_as_written(value: &mut Spanned<RawValue>, source: &str) {
    let Spanned { value, defined, .. } = value;
    match value {
        RawValue::Number(n) => {
            if let Some(written) = written_at(defined, source) {
                *n = written;
            }
        }
        RawValue::Map(entries) => numbers_as_written(entries, source),
        RawValue::List(items) => {
            for item in items {
                value_as_written(item, source);
            }
        }
        _ => {}
    }
}

/// The text of `source` at a scalar's location, if the location names it.
fn written_at(at: &serde_saphyr::Location, source: &str) -> Option<String> {
    let span = at.span();
    let text = match (span.byte_offset(), span.byte_len()) {
        (Some(start), Some(len)) => {
            let start = usize::try_from(start).ok()?;
            source.get(start..start.checked_add(usize::try_from(len).ok()?)?)?
        }
        _ => {
            let start = usize::try_from(span.offset()).ok()?;
            let len = usize::try_from(span.len()).ok()?;
            let (from, _) = source.char_indices().nth(start)?;
            let to = source[from..]
                .char_indices()
                .nth(len)
                .map_or(source.len(), |(i, _)| from + i);
            &source[from..to]
        }
    };
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// Read a map whose fixed fields `known` are taken by `take` and whose other entries are
/// kept, with their positions, for validation against the report definition.
fn read_open_map<'de, A, F>(mut map: A, mut take: F) -> Result<RawEntries, A::Error>
where
    A: de::MapAccess<'de>,
    F: FnMut(&str, &mut A) -> Result<bool, A::Error>,
{
    let mut extra = Vec::new();
    while let Some(key) = map.next_key::<Spanned<String>>()? {
        if !take(&key.value, &mut map)? {
            extra.push((key, map.next_value::<Spanned<RawValue>>()?));
        }
    }
    Ok(shrunk(extra))
}

/// `list` without the room it grew beyond its items: every record is held until it is
/// validated, and a list grown by pushing has room for four items where records have one
/// event or one source.
fn shrunk<T>(mut list: Vec<T>) -> Vec<T> {
    list.shrink_to_fit();
    list
}

fn once<'de, T: Deserialize<'de>, A: de::MapAccess<'de>>(
    slot: &mut Option<T>,
    name: &'static str,
    map: &mut A,
) -> Result<bool, A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(true)
}

fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

impl<'de> Deserialize<'de> for RawRecord {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawRecord;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an area's record")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<RawRecord, A::Error> {
                let (mut code, mut name, mut status, mut updated) = (None, None, None, None);
                let (mut results, mut events, mut sources) = (None, None, None);
                let mut own = None;
                let extra = read_open_map(map, |key, map| match key {
                    "code" => once(&mut code, "code", map),
                    "name" => once(&mut name, "name", map),
                    "data_status" => once(&mut status, "data_status", map),
                    "updated" => once(&mut updated, "updated", map),
                    "own_figures" => once(&mut own, "own_figures", map),
                    "results" => once(&mut results, "results", map),
                    "events" => once(&mut events, "events", map),
                    "sources" => once(&mut sources, "sources", map),
                    _ => Ok(false),
                })?;
                // Missing fields are reported by validation, after unknown ones (a misspelt
                // `name` is one problem, not two).
                Ok(RawRecord {
                    code,
                    name,
                    data_status: status,
                    own_figures: own,
                    updated,
                    results: shrunk(results.unwrap_or_default()),
                    events: shrunk(events.unwrap_or_default()),
                    sources: shrunk(sources.unwrap_or_default()),
                    extra,
                })
            }
        }
        d.deserialize_map(V)
    }
}

impl<'de> Deserialize<'de> for RawResult {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawResult;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("one period's results")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<RawResult, A::Error> {
                let (mut period, mut status) = (None, None);
                let values = read_open_map(map, |key, map| match key {
                    "period" => once(&mut period, "period", map),
                    "data_status" => once(&mut status, "data_status", map),
                    _ => Ok(false),
                })?;
                Ok(RawResult {
                    period: required(period, "period")?,
                    data_status: status,
                    values,
                })
            }
        }
        d.deserialize_map(V)
    }
}

impl<'de> Deserialize<'de> for RawNationalPeriod {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawNationalPeriod;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("one period's national figures")
            }
            fn visit_map<A: de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<RawNationalPeriod, A::Error> {
                let (mut period, mut status, mut source, mut next) = (None, None, None, None);
                let (mut pending, mut expected) = (None, None);
                let values = read_open_map(map, |key, map| match key {
                    "period" => once(&mut period, "period", map),
                    "data_status" => once(&mut status, "data_status", map),
                    "pending" => once(&mut pending, "pending", map),
                    "expected" => once(&mut expected, "expected", map),
                    "source" => once(&mut source, "source", map),
                    "next_release" => once(&mut next, "next_release", map),
                    _ => Ok(false),
                })?;
                Ok(RawNationalPeriod {
                    period: required(period, "period")?,
                    data_status: required(status, "data_status")?,
                    pending,
                    expected,
                    source,
                    next_release: next.flatten(),
                    values,
                })
            }
        }
        d.deserialize_map(V)
    }
}

/// ช่วงเวลารายงาน เป็นเดือนเต็ม ตั้งแต่ start ถึง end / A reporting period, whole months from start to end.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPeriod {
    /// เดือนแรก (ปี ค.ศ.-เดือน) เช่น 2016-10 / First month (YYYY-MM), like 2016-10
    #[schemars(with = "RawYearMonth")]
    pub start: Spanned<RawYearMonth>,
    /// เดือนสุดท้าย (ปี ค.ศ.-เดือน) เช่น 2017-05 / Last month (YYYY-MM), like 2017-05
    #[schemars(with = "RawYearMonth")]
    pub end: Spanned<RawYearMonth>,
}

/// กิจกรรม: ใส่วันที่แบบเดียว คือ date หรือ start กับ end หรือ between / An event: give its date one way only, `date`, or `start` and `end`, or `between`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    /// ประเภทกิจกรรม (ตามที่ประกาศใน content/report.yaml) / The kind of event (one declared in content/report.yaml)
    #[schemars(with = "String")]
    pub kind: Spanned<String>,
    /// วันเดียว / On one day
    #[schemars(with = "Option<RawDate>")]
    pub date: Option<Spanned<RawDate>>,
    /// วันเริ่ม (ใช้คู่กับ end) / First day (with end)
    #[schemars(with = "Option<RawDate>")]
    pub start: Option<Spanned<RawDate>>,
    /// วันสิ้นสุด (ใช้คู่กับ start) / Last day (with start)
    #[schemars(with = "Option<RawDate>")]
    pub end: Option<Spanned<RawDate>>,
    /// เกิดขึ้นวันใดวันหนึ่งในช่วงนี้ เมื่อไม่ทราบวันที่แน่ชัด / On a day in this span, when the exact day is not known
    #[schemars(with = "Option<RawDateRange>")]
    pub between: Option<Spanned<RawDateRange>>,
    /// ชื่อกิจกรรม / What happened
    #[schemars(with = "RawText")]
    pub title: Spanned<RawText>,
}

/// ช่วงวันที่ที่เหตุการณ์เกิดขึ้นวันใดวันหนึ่ง / A span of days on one of which the event happened.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDateRange {
    /// วันแรกของช่วง / First day of the span
    #[schemars(with = "RawDate")]
    pub start: Spanned<RawDate>,
    /// วันสุดท้ายของช่วง / Last day of the span
    #[schemars(with = "RawDate")]
    pub end: Spanned<RawDate>,
}

/// เอกสารอ้างอิง / A source document.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// ชื่อเอกสาร / The document's title
    #[schemars(with = "RawText")]
    pub title: Spanned<RawText>,
    /// ที่อยู่เว็บ / Its web address
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
}

/// ชื่อทางการและรูปที่เขียนผิด / An official name and its wrong forms.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTerm {
    /// รูปที่ถูกต้อง / The right form
    #[schemars(with = "String")]
    pub right: Spanned<String>,
    /// รูปที่เขียนผิด / Wrong forms
    #[schemars(with = "Vec<String>")]
    pub wrong: Vec<Spanned<String>>,
    /// ตรวจเฉพาะข้อความที่เว็บไซต์เขียนเอง ไม่ตรวจข้อความที่คัดจากเอกสารต้นฉบับหรืออยู่ในเครื่องหมายคำพูด
    /// / Look only in text the site writes itself: not in the source's own words that the
    /// questions page quotes, nor inside quotation marks
    #[serde(default)]
    pub site_text_only: bool,
}

/// ส่วนหัวของแฟ้ม Markdown / The front matter of a Markdown file.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    /// ชื่อเรื่อง / The title
    #[schemars(with = "Option<String>")]
    pub title: Option<Spanned<String>>,
    /// สรุปสั้น ๆ / A short summary
    #[schemars(with = "Option<String>")]
    pub summary: Option<Spanned<String>>,
    /// วันที่แก้ไขล่าสุด / When it last changed
    #[schemars(with = "Option<RawDate>")]
    pub updated: Option<Spanned<RawDate>>,
    /// วันที่ของบันทึกความเคลื่อนไหว (`content/updates/`) / The date of a dated update note
    #[schemars(with = "Option<RawDate>")]
    pub date: Option<Spanned<RawDate>>,
    /// ให้หน้านี้อยู่ในเมนูหลักหรือไม่ (ไม่ระบุ = อยู่) / Whether the page is in the main menu (default: true)
    pub menu: Option<bool>,
    /// ชื่อสั้น ๆ ที่แสดงในเมนู (ไม่ระบุ = ใช้ชื่อเรื่อง) / A short label for the menu (default: the title)
    pub menu_label: Option<String>,
    /// ลำดับในเมนู เลขน้อยอยู่ก่อน (ไม่ระบุ = 0 แล้วเรียงตามชื่อแฟ้ม) / Order in the menu, smaller first (default 0, then by file name)
    pub weight: Option<i64>,
    /// ฉบับร่าง: ตรวจได้แต่ยังไม่เผยแพร่ทั้งสองภาษา / A draft: not published, in either language
    pub draft: Option<bool>,
}

fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '๐'..='๙' => char::from_u32(c as u32 - '๐' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

// The schemas of the values the loader reads its own way: what the loader accepts, the
// schema accepts (Thai digits included), so an editor's tool never flags a value the build
// would take. Numbers' schemas are made per measure, in `content::schema`.

impl JsonSchema for RawDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "วันที่ ปี ค.ศ.-เดือน-วัน เช่น 2017-03-03 คือ ๓ มีนาคม ๒๕๖๐ / A date, YYYY-MM-DD in the Gregorian calendar, like 2017-03-03",
            "type": "string",
            "pattern": "^\\s*[0-9๐-๙]{4}-[0-9๐-๙]{2}-[0-9๐-๙]{2}\\s*$"
        })
    }
}

impl JsonSchema for RawYearMonth {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "YearMonth".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "เดือน ปี ค.ศ.-เดือน เช่น 2016-10 คือ ตุลาคม ๒๕๕๙ / A month, YYYY-MM in the Gregorian calendar, like 2016-10",
            "type": "string",
            "pattern": "^\\s*[0-9๐-๙]{4}-[0-9๐-๙]{2}\\s*$"
        })
    }
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

/// Why a value could not be read. It travels through the YAML reader as text (serde's
/// errors are strings) in a form `content::yaml` turns back into this, and from there into a
/// message in the editor's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ValueError {
    NotNumber(String),
    TooLarge(String),
    NotWhole(String),
    NotDate(String),
    NotDay(String),
    NotMonth(String),
    NoSuchMonth(String, u8),
    BuddhistYear(String, i32),
}

/// Marks a [`ValueError`] inside the reader's message (printable characters: the reader
/// escapes control characters).
const OPEN: &str = "⟦tanrak:";
const CLOSE: char = '⟧';

impl std::fmt::Display for ValueError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let json = serde_json::to_string(self).map_err(|_| std::fmt::Error)?;
        write!(f, "{OPEN}{json}{CLOSE}")
    }
}

impl ValueError {
    /// The value error written into `text` (a reader's message), if there is one.
    pub fn find_in(text: &str) -> Option<ValueError> {
        let start = text.find(OPEN)? + OPEN.len();
        let len = text[start..].rfind(CLOSE)?;
        serde_json::from_str(&text[start..start + len]).ok()
    }

    /// The message and its help line.
    pub fn message(&self) -> (Message, Option<Message>) {
        match self {
            ValueError::NotNumber(v) => (msg!("yaml--not-number", value = v), None),
            ValueError::TooLarge(v) => (msg!("yaml--too-large", value = v), None),
            ValueError::NotWhole(v) => (msg!("yaml--not-whole", value = v), None),
            ValueError::NotDate(v) => (msg!("yaml--not-date", value = v), None),
            ValueError::NotDay(v) => (msg!("yaml--not-day", value = v), None),
            ValueError::NotMonth(v) => (msg!("yaml--not-month", value = v), None),
            ValueError::NoSuchMonth(v, m) => {
                (msg!("yaml--no-such-month", value = v, month = *m), None)
            }
            ValueError::BuddhistYear(v, y) => {
                (msg!("yaml--buddhist-year", value = v, year = *y), None)
            }
        }
    }
}

pub fn parse_date(text: &str) -> Result<crate::model::Date, ValueError> {
    let t = ascii_digits(text.trim());
    let parts: Vec<&str> = t.split('-').collect();
    let bad = || ValueError::NotDate(text.to_string());
    if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
        return Err(bad());
    }
    let year: i32 = parts[0].parse().map_err(|_| bad())?;
    let month: u8 = parts[1].parse().map_err(|_| bad())?;
    let day: u8 = parts[2].parse().map_err(|_| bad())?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Err(ValueError::NotDay(text.to_string()));
    }
    if year > 2400 {
        return Err(ValueError::BuddhistYear(text.to_string(), year));
    }
    Ok(crate::model::Date { year, month, day })
}

pub fn parse_year_month(text: &str) -> Result<crate::model::YearMonth, ValueError> {
    let t = ascii_digits(text.trim());
    let parts: Vec<&str> = t.split('-').collect();
    let bad = || ValueError::NotMonth(text.to_string());
    if parts.len() != 2 || parts[0].len() != 4 || parts[1].len() != 2 {
        return Err(bad());
    }
    let year: i32 = parts[0].parse().map_err(|_| bad())?;
    let month: u8 = parts[1].parse().map_err(|_| bad())?;
    if !(1..=12).contains(&month) {
        return Err(ValueError::NoSuchMonth(text.to_string(), month));
    }
    if year > 2400 {
        return Err(ValueError::BuddhistYear(text.to_string(), year));
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
    use std::collections::BTreeMap;

    fn numbers(yaml: &str) -> Vec<String> {
        let RawValue::Map(mut entries) = serde_saphyr::from_str(yaml).unwrap() else {
            panic!("not a map: {yaml}");
        };
        numbers_as_written(&mut entries, yaml);
        fn collect(v: &RawValue, out: &mut Vec<String>) {
            match v {
                RawValue::Number(n) | RawValue::Text(n) => out.push(n.clone()),
                RawValue::Map(m) => m.iter().for_each(|(_, v)| collect(&v.value, out)),
                RawValue::List(l) => l.iter().for_each(|v| collect(&v.value, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        entries
            .iter()
            .for_each(|(_, v)| collect(&v.value, &mut out));
        out
    }

    /// A text in each language reads as a map would: found by language, listed in the order
    /// of the codes, with its position; of a language given twice the last is kept.
    #[test]
    fn texts_are_found_by_language() {
        let yaml = "name: {th: ใหม่คำ, en: Maikham, fr: Maïkham}\n";
        let read: BTreeMap<String, Spanned<RawText>> = serde_saphyr::from_str(yaml).unwrap();
        let text = &read["name"].value;
        assert_eq!(text.get("en").map(|t| t.value.as_str()), Some("Maikham"));
        assert_eq!(text.get("th").map(|t| t.value.as_str()), Some("ใหม่คำ"));
        assert_eq!(text.get("de"), None);
        let codes: Vec<&str> = text.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(codes, ["en", "fr", "th"]);
        let th = text.get("th").unwrap();
        assert_eq!((th.referenced.line(), th.referenced.column()), (1, 12));

        let at = |value: &str| Spanned {
            value: value.to_string(),
            referenced: th.referenced,
            defined: th.defined,
        };
        let twice = RawText::from_entries([
            ("th".to_string(), at("first")),
            ("en".to_string(), at("english")),
            ("th".to_string(), at("last")),
        ]);
        let kept: Vec<(&str, &str)> = twice
            .iter()
            .map(|(l, t)| (l.as_str(), t.value.as_str()))
            .collect();
        assert_eq!(kept, [("en", "english"), ("th", "last")]);
    }

    #[test]
    fn numbers_are_kept_as_written() {
        assert_eq!(
            numbers("a: 0x10\nb: 1_000\nc: 1e3\nd: 010\ne: 400\nf: \"1,886\"\ng: 12.50\n"),
            ["0x10", "1_000", "1e3", "010", "400", "1,886", "12.50"]
        );
        assert_eq!(
            numbers("g: {x: 0o17, y: -5, z: [1e3, 2]}\nh: ๕๘๘\n"),
            ["0o17", "-5", "1e3", "2", "๕๘๘"]
        );
        assert_eq!(numbers("a: &n 0x10\nb: *n\n"), ["0x10", "0x10"]);
        assert_eq!(
            numbers("ชื่อ: ก\na: 400   # a note\nb: {x: 1e3,\n    y: 010}\nc:\n  - 0x1F\n"),
            ["ก", "400", "1e3", "010", "0x1F"]
        );
    }

    #[test]
    fn dates_are_checked_against_the_calendar() {
        assert!(parse_date("2017-02-29").is_err());
        assert!(parse_date("2016-02-29").is_ok());
        assert_eq!(
            parse_date("2560-03-03").unwrap_err(),
            ValueError::BuddhistYear("2560-03-03".into(), 2560)
        );
        let e = ValueError::NotNumber("2,48,5".into());
        let text = format!("line 3 column 4: {e} at line 3");
        assert_eq!(ValueError::find_in(&text), Some(e));
        assert!(parse_year_month("2016-13").is_err());
    }
}
