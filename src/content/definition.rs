//! The shape of `content/report.yaml`, exactly as written, with the position of every value.
//!
//! What the report is: its area level, measures, charts, map, optional record fields and
//! event kinds. `validate::report` checks it and turns it into [`crate::model::Report`].

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::raw::RawText;

/// นิยามรายงาน (content/report.yaml) / The report definition (content/report.yaml).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawReport {
    /// ระดับพื้นที่ที่รายงาน / The level of the areas reported on
    pub area: RawAreaLevel,
    /// ตัวชี้วัด / The measures
    #[schemars(with = "Vec<RawMeasure>")]
    pub measures: Spanned<Vec<Spanned<RawMeasure>>>,
    /// แผนภูมิในแต่ละหน้า / The charts of each page kind
    #[serde(default)]
    pub charts: RawCharts,
    /// แผนที่ (ต้องมี content/areas.geojson) / The map (needs content/areas.geojson)
    #[schemars(with = "Option<RawMap>")]
    pub map: Option<Spanned<RawMap>>,
    /// ตัวชี้วัดในภาพตัวอย่างเมื่อแชร์หน้าพื้นที่ (ไม่เกิน 4 ตัว; [] คือไม่สร้างภาพ) ค่าเริ่มต้น: ตัวชี้วัดของแผนที่และตัวชี้วัดหลักตัวแรก ๆ รวม 3 ตัว / The measures shown in an area page's link-preview image (at most 4; [] for no images). Default: the map's measure and the first top-level measures, 3 in all
    #[schemars(with = "Option<Vec<String>>")]
    pub preview: Option<Spanned<Vec<Spanned<String>>>>,
    /// ช่องข้อความเพิ่มเติมของข้อมูลพื้นที่ / Optional text fields of area records
    #[serde(default)]
    #[schemars(with = "Vec<RawField>")]
    pub fields: Vec<Spanned<RawField>>,
    /// ประเภทกิจกรรม / Kinds of event
    #[serde(default)]
    #[schemars(with = "Vec<RawEventKind>")]
    pub events: Vec<Spanned<RawEventKind>>,
    /// สถานะของตัวเลขที่ไม่จัดอันดับพื้นที่ เช่น [illustrative] / The data statuses whose area figures are not ranked, like [illustrative]
    #[serde(default)]
    pub unranked: Vec<crate::model::DataStatus>,
}

/// คำเรียกในรูปเอกพจน์และพหูพจน์ / A word, singular and plural.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAreaLevel {
    /// ชื่อสั้นภาษาอังกฤษ ใช้ในคำสั่ง tanrak new เช่น province / A short key, used by `tanrak new`, like province
    #[schemars(with = "String")]
    pub key: Spanned<String>,
    /// คำเรียกพื้นที่หนึ่งแห่ง เช่น จังหวัด / The word for one area, like province
    #[schemars(with = "RawText")]
    pub word: Spanned<RawText>,
    /// คำเรียกหลายแห่ง / The word for several
    #[schemars(with = "RawText")]
    pub plural: Spanned<RawText>,
    /// ส่วนของที่อยู่เว็บและชื่อโฟลเดอร์ของข้อมูล เช่น provinces / The URL segment and content folder, like provinces
    #[schemars(with = "String")]
    pub segment: Spanned<String>,
    /// แฟ้มรายชื่อพื้นที่ใน content/ (ค่าเริ่มต้น areas.csv) / The areas list in content/ (default areas.csv)
    #[schemars(with = "Option<String>")]
    pub list: Option<Spanned<String>>,
    /// คำอธิบายรหัสพื้นที่ / What the area codes are
    #[schemars(with = "Option<RawText>")]
    pub code: Option<Spanned<RawText>>,
    /// การจัดกลุ่มพื้นที่ (ไม่บังคับ) เช่น ภาค / An optional grouping of areas, like regions
    pub group: Option<RawGroup>,
}

/// การจัดกลุ่มพื้นที่ / A grouping of areas.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    /// คอลัมน์ในรายชื่อพื้นที่ที่เป็นรหัสกลุ่ม เช่น region / The areas list's column with the group key, like region
    #[schemars(with = "String")]
    pub key: Spanned<String>,
    /// คำเรียกกลุ่มหนึ่ง / The word for one group
    #[schemars(with = "RawText")]
    pub word: Spanned<RawText>,
    /// คำเรียกหลายกลุ่ม / The word for several
    #[schemars(with = "RawText")]
    pub plural: Spanned<RawText>,
    /// ส่วนของที่อยู่เว็บของหน้าแต่ละกลุ่ม เช่น regions (ไม่มีก็ไม่มีหน้ากลุ่ม) / The URL segment of the group pages, like regions (without it, no group pages)
    #[schemars(with = "Option<String>")]
    pub segment: Option<Spanned<String>>,
}

/// ตัวชี้วัด / A measure.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMeasure {
    /// ชื่อในแฟ้มข้อมูล: อักษรอังกฤษตัวเล็ก ตัวเลข และ _ / Its key in records: lower-case letters, digits and _
    #[schemars(with = "String")]
    pub key: Spanned<String>,
    /// ชื่อในตาราง / Its name in tables
    #[schemars(with = "RawText")]
    pub label: Spanned<RawText>,
    /// ชื่อสั้นในแผนภูมิ / A short name for charts
    #[schemars(with = "Option<RawText>")]
    pub short: Option<Spanned<RawText>>,
    /// ความหมาย สำหรับหน้าข้อมูลเปิด / What it means, for the open-data page
    #[schemars(with = "Option<RawText>")]
    pub description: Option<Spanned<RawText>>,
    /// หน่วย: count, money, percent หรือ number / The unit: count, money, percent or number
    #[schemars(with = "Option<String>")]
    pub unit: Option<Spanned<String>>,
    /// สิ่งที่นับ เช่น กลุ่ม คน (สำหรับ count) / What is counted, like groups or people (for count)
    #[schemars(with = "Option<RawText>")]
    pub noun: Option<Spanned<RawText>>,
    /// สกุลเงิน ISO 4217 เช่น THB (สำหรับ money) / The currency, ISO 4217, like THB (for money)
    #[schemars(with = "Option<String>")]
    pub currency: Option<Spanned<String>>,
    /// จำนวนตำแหน่งทศนิยม 0-4 / Digits after the decimal point, 0 to 4
    #[schemars(with = "Option<u8>")]
    pub decimals: Option<Spanned<u8>>,
    /// ตัวชี้วัดที่รวมกันเป็นตัวชี้วัดนี้ / The measures that add up to this one
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub parts: Vec<Spanned<String>>,
    /// ต้องไม่เกินตัวชี้วัดเหล่านี้ / Measures this one may not exceed
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub at_most: Vec<Spanned<String>>,
    /// ผลรวมของพื้นที่ต้องเท่ากับตัวเลขระดับประเทศ / Area values must add up to the national value
    #[serde(default)]
    pub sums: bool,
    /// ข้อมูลพื้นที่ไม่ต้องมีค่านี้ก็ได้ / Records may leave it out
    #[serde(default)]
    pub optional: bool,
}

/// แผนภูมิของแต่ละหน้า / The charts of each page kind.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCharts {
    /// หน้าแรก / The home page
    #[serde(default)]
    #[schemars(with = "Vec<RawChart>")]
    pub home: Vec<Spanned<RawChart>>,
    /// หน้ารายชื่อพื้นที่ / The areas index
    #[serde(default)]
    #[schemars(with = "Vec<RawChart>")]
    pub index: Vec<Spanned<RawChart>>,
    /// หน้าของแต่ละพื้นที่ / Each area's page
    #[serde(default)]
    #[schemars(with = "Vec<RawChart>")]
    pub area: Vec<Spanned<RawChart>>,
}

/// แผนภูมิหนึ่ง / One chart.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawChart {
    /// ชนิด: parts, measures, ratio, share, ranking, by_group, trend / The kind
    #[schemars(with = "String")]
    pub kind: Spanned<String>,
    /// ชื่อแฟ้มข้อมูลของแผนภูมิ / Names the chart's downloads
    #[schemars(with = "Option<String>")]
    pub id: Option<Spanned<String>>,
    /// ตัวชี้วัด (parts, ranking, by_group, trend) / The measure
    #[schemars(with = "Option<String>")]
    pub measure: Option<Spanned<String>>,
    /// ตัวชี้วัดหลายตัว (measures, share) / Several measures
    #[schemars(with = "Option<Vec<String>>")]
    pub measures: Option<Spanned<Vec<Spanned<String>>>>,
    /// ส่วน (ratio) / The part (ratio)
    #[schemars(with = "Option<String>")]
    pub part: Option<Spanned<String>>,
    /// ทั้งหมด (ratio) / The whole (ratio)
    #[schemars(with = "Option<String>")]
    pub whole: Option<Spanned<String>>,
    /// ชื่อแผนภูมิ ใช้ {period} และ {name} ได้ / The title; may use {period} and {name}
    #[schemars(with = "Option<RawText>")]
    pub title: Option<Spanned<RawText>>,
    /// หัวคอลัมน์ป้ายชื่อในตาราง / The table's label column heading
    #[schemars(with = "Option<RawText>")]
    pub category: Option<Spanned<RawText>>,
    /// ข้อค้นพบ ใช้ {part} {whole} {percent} ได้ (ratio) / The finding; may use {part}, {whole}, {percent}
    #[schemars(with = "Option<RawText>")]
    pub finding: Option<Spanned<RawText>>,
}

/// แผนที่ / The map.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMap {
    /// ตัวชี้วัดที่ใช้ระบายสี / The measure that colours the map
    #[schemars(with = "String")]
    pub measure: Spanned<String>,
    /// จำนวนระดับสี 2-7 (ค่าเริ่มต้น 5) / Colour classes, 2 to 7 (default 5)
    #[schemars(with = "Option<u8>")]
    pub classes: Option<Spanned<u8>>,
    /// ชื่อแผนที่ ใช้ {period} ได้ / The title; may use {period}
    #[schemars(with = "Option<RawText>")]
    pub title: Option<Spanned<RawText>>,
    /// คำอธิบายใต้แผนที่ / The caption
    #[schemars(with = "Option<RawText>")]
    pub caption: Option<Spanned<RawText>>,
    /// ที่มาของขอบเขตพื้นที่ / Who drew the boundaries
    #[schemars(with = "RawText")]
    pub credit: Spanned<RawText>,
}

/// ช่องข้อความเพิ่มเติม / An optional text field of area records.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawField {
    /// ชื่อในแฟ้มข้อมูล / Its key in records
    #[schemars(with = "String")]
    pub key: Spanned<String>,
    /// หัวข้อบนหน้า / Its heading on the page
    #[schemars(with = "RawText")]
    pub label: Spanned<RawText>,
    /// ข้อความเมื่อไม่มีข้อมูล / What the page says when a record does not give it
    #[schemars(with = "RawText")]
    pub missing: Spanned<RawText>,
}

/// ประเภทกิจกรรม / A kind of event.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEventKind {
    /// ชื่อในแฟ้มข้อมูล / Its key in records
    #[schemars(with = "String")]
    pub key: Spanned<String>,
    /// ชื่อบนหน้า / Its name on pages
    #[schemars(with = "RawText")]
    pub label: Spanned<RawText>,
}
