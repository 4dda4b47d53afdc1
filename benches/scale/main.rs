//! Scale benchmark: how long tanrak takes to build a site of N areas, and how much memory it
//! needs, compared with Hugo building the same pages.
//!
//! Run with `cargo bench --bench scale -- --areas 77,1000,10000,50000`. For each size it
//! generates a SYNTHETIC site in a temporary folder (made-up codes, slugs, Thai-looking names
//! made of real Thai syllables, random figures that add up to a generated national total;
//! every file says it is synthetic benchmark data; nothing of it is ever published), builds it
//! with the library (`tanrak::site::build`) and with the `tanrak` binary, and, when `hugo` is
//! on PATH, writes the same pages as a Hugo site and builds that. Each build runs `--runs`
//! times (default 3) and the median is reported. Speed is reported here as ratios, never
//! asserted in tests.
//!
//! Options: `--areas N[,N…]` (default 77), `--runs R` (default 3), `--stages` (one more
//! library build with the time and memory of each stage), `--no-hugo`, `--keep` (leave the
//! generated sites on disk and print where), `--map` (also write a boundaries file, a grid of
//! made-up squares, so tanrak draws its province map; the Hugo site has no map, so leave it
//! out when comparing), `--no-previews` (`preview: []` in the report: no link-preview images,
//! to see what they cost; the peers make none), `--warm` (keep the preview images' cache,
//! `.tanrak-cache/` in the site's folder, between builds, after one untimed build that fills
//! it: a rebuild; without it every build starts with no cache, as a clean build does).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use tanrak::diagnostics::Diagnostics;
use tanrak::output::Output;
use tanrak::site::{self, BuildOptions};
use tanrak::{check, content, render, validate};

mod zola;

// ---------------------------------------------------------------------------------------
// Options

struct Options {
    areas: Vec<usize>,
    runs: usize,
    stages: bool,
    /// Also build with the library in this process (`tanrak::site::build`).
    lib: bool,
    hugo: Option<PathBuf>,
    zola: Option<PathBuf>,
    /// Whether `--no-hugo` / `--no-zola` left a peer out on purpose.
    no_hugo: bool,
    no_zola: bool,
    keep: bool,
    map: bool,
    previews: bool,
    /// Keep the preview images' cache between builds.
    warm: bool,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        areas: vec![77],
        runs: 3,
        stages: false,
        lib: true,
        hugo: std::env::var_os("TANRAK_BENCH_HUGO").map(PathBuf::from),
        zola: std::env::var_os("TANRAK_BENCH_ZOLA").map(PathBuf::from),
        no_hugo: false,
        no_zola: false,
        keep: false,
        map: false,
        previews: true,
        warm: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--areas" => {
                let v = args.next().ok_or("--areas needs a value, like 77,1000")?;
                o.areas = v
                    .split(',')
                    .map(|s| {
                        s.trim()
                            .parse::<usize>()
                            .map_err(|e| format!("--areas {s}: {e}"))
                    })
                    .collect::<Result<_, _>>()?;
                if o.areas.contains(&0) || o.areas.iter().any(|&n| n > 99_999) {
                    return Err("--areas: each size must be 1 to 99999".into());
                }
            }
            "--runs" => {
                let v = args.next().ok_or("--runs needs a number")?;
                o.runs = v.parse().map_err(|e| format!("--runs {v}: {e}"))?;
                o.runs = o.runs.max(1);
            }
            "--hugo" => o.hugo = Some(args.next().ok_or("--hugo needs a path")?.into()),
            "--zola" => o.zola = Some(args.next().ok_or("--zola needs a path")?.into()),
            "--stages" => o.stages = true,
            "--no-lib" => o.lib = false,
            "--no-hugo" => o.no_hugo = true,
            "--no-zola" => o.no_zola = true,
            "--keep" => o.keep = true,
            "--map" => o.map = true,
            "--no-previews" => o.previews = false,
            "--warm" => o.warm = true,
            // `cargo bench` passes `--bench` to every bench binary.
            "--bench" => {}
            other => return Err(format!("unknown option {other}")),
        }
    }
    if o.no_hugo {
        o.hugo = None;
    } else if o.hugo.is_none() {
        o.hugo = which("hugo");
    }
    if o.no_zola {
        o.zola = None;
    } else if o.zola.is_none() {
        o.zola = which("zola");
    }
    Ok(o)
}

// ---------------------------------------------------------------------------------------
// Synthetic content

/// splitmix64: a small deterministic generator, so every run builds the same site.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number from `lo` to `hi` inclusive.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

/// Real Thai syllables (with a romanisation) that place names are often made of. Names made
/// from them are synthetic: they are not meant to be, and need not be, real places.
const SYLLABLES: [(&str, &str); 32] = [
    ("บ้าน", "Ban"),
    ("นา", "Na"),
    ("หนอง", "Nong"),
    ("ดอน", "Don"),
    ("โพธิ์", "Pho"),
    ("ทุ่ง", "Thung"),
    ("ศรี", "Si"),
    ("ชัย", "Chai"),
    ("สุข", "Suk"),
    ("แก้ว", "Kaeo"),
    ("ทอง", "Thong"),
    ("น้ำ", "Nam"),
    ("ใหม่", "Mai"),
    ("หลวง", "Luang"),
    ("สระ", "Sa"),
    ("บัว", "Bua"),
    ("ป่า", "Pa"),
    ("ไผ่", "Phai"),
    ("ดง", "Dong"),
    ("เขา", "Khao"),
    ("แดง", "Daeng"),
    ("คำ", "Kham"),
    ("โคก", "Khok"),
    ("สูง", "Sung"),
    ("วัง", "Wang"),
    ("หิน", "Hin"),
    ("ลาด", "Lat"),
    ("กลาง", "Klang"),
    ("เหนือ", "Nuea"),
    ("ใต้", "Tai"),
    ("ยาง", "Yang"),
    ("มะม่วง", "Mamuang"),
];

fn area_name(rng: &mut Rng) -> (String, String) {
    let n = rng.range(2, 3) as usize;
    let (mut th, mut en) = (String::new(), String::new());
    for i in 0..n {
        let (t, e) = SYLLABLES[rng.range(0, SYLLABLES.len() as u64 - 1) as usize];
        th.push_str(t);
        if i == 0 {
            en.push_str(e);
        } else {
            en.push_str(&e.to_lowercase());
        }
    }
    (th, en)
}

const REGIONS: usize = 6;

#[derive(Clone, Copy, Default)]
struct Figures {
    agriculture: u64,
    processing: u64,
    tourism: u64,
    higher: u64,
    income: u64,
    beneficiaries: u64,
}

impl Figures {
    fn random(rng: &mut Rng, scale: u64) -> Figures {
        let agriculture = rng.range(0, 12 * scale);
        let processing = rng.range(0, 15 * scale);
        let tourism = rng.range(0, 9 * scale);
        let higher = rng.range(0, agriculture + processing + tourism);
        Figures {
            agriculture,
            processing,
            tourism,
            higher,
            income: higher * rng.range(50_000, 600_000),
            beneficiaries: (agriculture + processing + tourism) * rng.range(40, 200),
        }
    }

    fn add(&mut self, o: &Figures) {
        self.agriculture += o.agriculture;
        self.processing += o.processing;
        self.tourism += o.tourism;
        self.higher += o.higher;
        self.income += o.income;
        self.beneficiaries += o.beneficiaries;
    }

    fn yaml(&self, indent: &str) -> String {
        format!(
            "{indent}target_groups: {{agriculture: {}, processing: {}, community_tourism: {}}}\n\
             {indent}groups_with_higher_income: {}\n\
             {indent}income_increase_baht: {}\n\
             {indent}beneficiaries: {}\n",
            self.agriculture,
            self.processing,
            self.tourism,
            self.higher,
            self.income,
            self.beneficiaries
        )
    }
}

/// The two reporting periods: (start, end, Thai label, English label).
const PERIODS: [(&str, &str, &str, &str); 2] = [
    (
        "2016-10",
        "2017-05",
        "ตุลาคม 2559 – พฤษภาคม 2560",
        "October 2016 – May 2017",
    ),
    (
        "2017-06",
        "2017-09",
        "มิถุนายน 2560 – กันยายน 2560",
        "June 2017 – September 2017",
    ),
];

struct Area {
    code: String,
    slug: String,
    th: String,
    en: String,
    region: usize,
    /// Figures per period; the second period only for some areas.
    results: Vec<Figures>,
}

fn areas(n: usize) -> Vec<Area> {
    let mut rng = Rng(0x7461_6e72_616b);
    (1..=n)
        .map(|i| {
            let (th, en) = area_name(&mut rng);
            let mut results = vec![Figures::random(&mut rng, 2)];
            if i % 3 == 0 {
                results.push(Figures::random(&mut rng, 1));
            }
            Area {
                code: format!("X-{i:05}"),
                slug: format!("area-{i:05}"),
                th,
                en,
                region: (i - 1) * REGIONS / n,
                results,
            }
        })
        .collect()
}

const SYNTHETIC_TH: &str = "ข้อมูลสังเคราะห์สำหรับทดสอบความเร็ว ไม่ใช่ข้อมูลจริง ไม่เผยแพร่";
const SYNTHETIC_EN: &str = "Synthetic benchmark data, not real, never published";

/// The peers' page of an area in each language: (language, name, region, narrative).
fn page_languages(a: &Area) -> [(&'static str, &String, String, String); 2] {
    let r = a.region + 1;
    [
        ("th", &a.th, format!("ภาคสังเคราะห์ {r}"), narrative_th(a)),
        (
            "en",
            &a.en,
            format!("Synthetic region {r}"),
            narrative_en(a),
        ),
    ]
}

fn narrative_th(a: &Area) -> String {
    format!(
        "> **{SYNTHETIC_TH}** ชื่อ รหัส และตัวเลขของพื้นที่นี้สร้างขึ้นโดยโปรแกรมวัดความเร็ว\n\
\n\
{name} ({code}) เป็นพื้นที่สมมุติในชุดข้อมูลทดสอบ กลุ่มเป้าหมายในพื้นที่นี้ทำงานในสามกลุ่มงาน คือ \
*การเกษตร* *การแปรรูป* และ*การท่องเที่ยวโดยชุมชน* ตัวเลขในหน้านี้สุ่มขึ้นเพื่อวัดเวลาที่ใช้สร้างเว็บไซต์ \
และเพื่อดูว่าหน่วยความจำที่ใช้เพิ่มขึ้นเท่าใดเมื่อจำนวนพื้นที่เพิ่มขึ้น\n\
\n\
ชุมชนในพื้นที่รวมกลุ่มกันผลิตสินค้าเกษตร แปรรูปผลผลิตให้เก็บได้นานขึ้น และจัดกิจกรรมต้อนรับผู้มาเยือน \
การทำงานร่วมกันระหว่างภาครัฐ ภาคเอกชน และภาคประชาชน ช่วยให้กลุ่มมีช่องทางจำหน่ายสินค้ากว้างขึ้น \
ข้อความนี้เป็นตัวอย่างที่มีความยาวใกล้เคียงกับคำบรรยายจริงของจังหวัด\n\
\n\
- การเกษตร: ปลูกผัก ข้าว และผลไม้ตามฤดูกาล\n\
- การแปรรูป: อาหารแห้ง ขนม และผลิตภัณฑ์จากผ้า\n\
- การท่องเที่ยวโดยชุมชน: ที่พัก อาหารพื้นบ้าน และเส้นทางเดินชมชุมชน\n\
\n\
ดูวิธีการและข้อจำกัดของข้อมูลได้ที่ [เกี่ยวกับข้อมูล](/methodology/)\n",
        name = a.th,
        code = a.code
    )
}

fn narrative_en(a: &Area) -> String {
    format!(
        "> **{SYNTHETIC_EN}.** The name, code and figures of this area were made up by the \
speed benchmark.\n\
\n\
{name} ({code}) is a made-up area in a test data set. Its target groups work in three work \
groups: *agriculture*, *processing* and *community-based tourism*. The figures on this page \
are random; they exist to measure how long the site takes to build and how its memory use \
grows with the number of areas.\n\
\n\
Communities here group together to grow crops, process their produce so that it keeps \
longer, and welcome visitors. Work shared between the public sector, the private sector and \
the people gives the groups wider channels for selling. This text is about as long as a real \
province narrative.\n\
\n\
- Agriculture: vegetables, rice and fruit in season\n\
- Processing: dried food, sweets and cloth products\n\
- Community-based tourism: homestays, local food and walking routes\n\
\n\
See [About the data](/en/methodology/) for the method and its limits.\n",
        name = a.en,
        code = a.code
    )
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create a folder for generated content");
    }
    std::fs::write(path, text).expect("write generated content");
}

fn bundled() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// The bundled questions, home text and pages, by path under `content/`. Their links to
/// real provinces' pages are pointed at the first synthetic area, which every size has.
fn bundled_documents() -> Vec<(String, String)> {
    let areas_csv = std::fs::read_to_string(bundled().join("areas.csv")).unwrap_or_default();
    let slugs: Vec<&str> = areas_csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(1))
        .collect();
    let relink = |mut text: String| {
        for slug in &slugs {
            text = text.replace(&format!("/provinces/{slug}/"), "/provinces/area-00001/");
        }
        text
    };
    let mut docs = Vec::new();
    for name in ["home.th.md", "home.en.md", "faq.th.md", "faq.en.md"] {
        let text = std::fs::read_to_string(bundled().join(name)).expect("read bundled content");
        docs.push((name.to_string(), relink(text)));
    }
    let mut pages: Vec<_> = std::fs::read_dir(bundled().join("pages"))
        .expect("read content/pages")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    for p in pages {
        let name = p.file_name().unwrap_or_default().to_string_lossy();
        let text = std::fs::read_to_string(&p).expect("read a bundled page");
        docs.push((format!("pages/{name}"), relink(text)));
    }
    docs
}

fn national(areas: &[Area]) -> Vec<Figures> {
    let mut totals = vec![Figures::default(); PERIODS.len()];
    for a in areas {
        for (t, f) in totals.iter_mut().zip(&a.results) {
            t.add(f);
        }
    }
    totals
}

/// Write the synthetic site for tanrak under `root/content`.
fn generate_tanrak(root: &Path, areas: &[Area], map: bool, previews: bool) {
    let c = root.join("content");
    write(
        &c.join("site.yaml"),
        &format!(
            r#"# {SYNTHETIC_EN}: generated by benches/scale.rs.
title: {{th: "{SYNTHETIC_TH}", en: "{SYNTHETIC_EN}"}}
description: {{th: "เว็บไซต์สังเคราะห์สำหรับวัดความเร็วของ tanrak", en: "A synthetic site for measuring tanrak's speed"}}
base_url: https://example.org/
languages: [th, en]
thai_digits: false
agency:
  name: {{th: "ข้อมูลสังเคราะห์", en: "Synthetic data"}}
  parent: {{th: "ข้อมูลสังเคราะห์", en: "Synthetic data"}}
contact:
  email: ""
  phone: ""
  address: {{th: "", en: ""}}
"#
        ),
    );
    let mut csv = String::from("code,slug,name_th,name_en,region,region_th,region_en\n");
    for a in areas {
        let r = a.region + 1;
        let _ = writeln!(
            csv,
            "{},{},{},{},synthetic-{r},ภาคสังเคราะห์ {r},Synthetic region {r}",
            a.code, a.slug, a.th, a.en
        );
    }
    write(&c.join("areas.csv"), &csv);

    let mut nat = format!(
        "# {SYNTHETIC_EN}: sums of the generated area figures.\nupdated: 2026-11-25\nperiods:\n"
    );
    for ((start, end, _, _), f) in PERIODS.iter().zip(national(areas)) {
        let _ = write!(
            nat,
            "  - period: {{start: {start}, end: {end}}}\n    data_status: illustrative\n    source:\n      title: {{th: \"{SYNTHETIC_TH}\", en: \"{SYNTHETIC_EN}\"}}\n      publisher: {{th: \"ข้อมูลสังเคราะห์\", en: \"Synthetic data\"}}\n      released: null\n      url: null\n    next_release: null\n{}",
            f.yaml("    ")
        );
    }
    nat.push_str("corrections: []\n");
    write(&c.join("national.yaml"), &nat);

    for (rel, text) in bundled_documents() {
        write(&c.join(rel), &text);
    }
    let glossary = std::fs::read_to_string(bundled().join("glossary.yaml")).unwrap_or_default();
    write(&c.join("glossary.yaml"), &glossary);
    // The bundled report's definition and wording: the synthetic records have its measures.
    for rel in ["report.yaml", "strings/th.yaml", "strings/en.yaml"] {
        let mut text = std::fs::read_to_string(bundled().join(rel)).unwrap_or_default();
        if rel == "report.yaml" && !previews {
            text = text
                .lines()
                .filter(|l| !l.starts_with("preview:"))
                .map(|l| format!("{l}\n"))
                .collect::<String>()
                + "preview: []\n";
        }
        write(&c.join(rel), &text);
    }
    if map {
        write(&c.join("areas.geojson"), &boundaries(areas));
    }

    // This checkout's theme, copied beside the content: a site's own theme is used in place
    // of the one built into the binary, so the bench renders with the templates it was
    // compiled next to even when several checkouts share one target folder.
    copy_tree(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        &root.join("themes/default"),
    );

    let p = c.join("provinces");
    for a in areas {
        let mut y = format!(
            "# {SYNTHETIC_EN}: generated by benches/scale.rs.\n\
code: {}\nname: {{th: {}, en: {}}}\nregion: synthetic-{}\ndata_status: illustrative\nupdated: 2026-11-25\nresults:\n",
            a.code,
            a.th,
            a.en,
            a.region + 1
        );
        for ((start, end, _, _), f) in PERIODS.iter().zip(&a.results) {
            let _ = write!(
                y,
                "  - period: {{start: {start}, end: {end}}}\n{}",
                f.yaml("    ")
            );
        }
        let _ = write!(
            y,
            "events:\n  - kind: meeting\n    date: 2017-03-01\n    title: {{th: \"การประชุมสมมุติ ({SYNTHETIC_TH})\", en: \"A made-up meeting ({SYNTHETIC_EN})\"}}\n\
sources:\n  - title: {{th: \"{SYNTHETIC_TH}\", en: \"{SYNTHETIC_EN}\"}}\n"
        );
        write(&p.join(format!("{}.yaml", a.slug)), &y);
        write(&p.join(format!("{}.th.md", a.slug)), &narrative_th(a));
        write(&p.join(format!("{}.en.md", a.slug)), &narrative_en(a));
    }
}

/// A boundaries file for the synthetic areas: a grid of made-up squares, one per area.
fn boundaries(areas: &[Area]) -> String {
    let side = (areas.len() as f64).sqrt().ceil().max(1.0) as usize;
    let step = 10.0 / side as f64;
    let mut out = format!(
        "{{\"type\":\"FeatureCollection\",\"name\":\"{SYNTHETIC_EN}: squares, not real boundaries\",\"features\":[\n"
    );
    for (i, a) in areas.iter().enumerate() {
        let (x, y) = (
            97.0 + (i % side) as f64 * step,
            20.0 - (i / side) as f64 * step,
        );
        let (x2, y2) = (x + step, y - step);
        let _ = writeln!(
            out,
            "{}{{\"type\":\"Feature\",\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[[{x:.5},{y:.5}],[{x2:.5},{y:.5}],[{x2:.5},{y2:.5}],[{x:.5},{y2:.5}],[{x:.5},{y:.5}]]]}},\"properties\":{{\"code\":\"{}\"}}}}",
            if i == 0 { "" } else { "," },
            a.code
        );
    }
    out.push_str("]}\n");
    out
}

// ---------------------------------------------------------------------------------------
// The same pages as a Hugo site

const HUGO_HEAD: &str = r#"<!DOCTYPE html>
<html lang="{{ .Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ site.Title }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}<link rel="stylesheet" href="{{ "assets/style.css" | relURL }}">
</head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav><ul>
<li><a href="{{ site.Home.RelPermalink }}">{{ i18n "nav_home" }}</a></li>
{{ with site.GetPage "/provinces" }}<li><a href="{{ .RelPermalink }}">{{ i18n "nav_provinces" }}</a></li>{{ end }}
{{ with site.GetPage "/faq" }}<li><a href="{{ .RelPermalink }}">{{ i18n "nav_faq" }}</a></li>{{ end }}
{{ range slice "/about" "/methodology" "/accessibility" "/privacy" }}{{ with site.GetPage . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}
</ul>
{{ range .Translations }}<a hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">{{ .Language.LanguageName }}</a>{{ end }}
</nav></header>
<main>
"#;

const HUGO_FIGURES: &str = r#"<table class="figures">
<caption>{{ .caption }}, {{ .r.period }} <span class="badge">{{ i18n "illustrative" }}</span></caption>
<thead><tr><th scope="col">{{ i18n "measure" }}</th><th scope="col" class="num">{{ i18n "value" }}</th></tr></thead>
<tbody>
<tr><th scope="row">{{ i18n "target_groups" }}</th><td class="num" data-value="{{ add (add .r.agriculture .r.processing) .r.community_tourism }}">{{ lang.FormatNumber 0 (add (add .r.agriculture .r.processing) .r.community_tourism) }}</td></tr>
<tr class="part"><th scope="row">{{ i18n "agriculture" }}</th><td class="num" data-value="{{ .r.agriculture }}">{{ lang.FormatNumber 0 .r.agriculture }}</td></tr>
<tr class="part"><th scope="row">{{ i18n "processing" }}</th><td class="num" data-value="{{ .r.processing }}">{{ lang.FormatNumber 0 .r.processing }}</td></tr>
<tr class="part"><th scope="row">{{ i18n "community_tourism" }}</th><td class="num" data-value="{{ .r.community_tourism }}">{{ lang.FormatNumber 0 .r.community_tourism }}</td></tr>
<tr><th scope="row">{{ i18n "groups_with_higher_income" }}</th><td class="num" data-value="{{ .r.groups_with_higher_income }}">{{ lang.FormatNumber 0 .r.groups_with_higher_income }}</td></tr>
<tr><th scope="row">{{ i18n "income_increase_baht" }}</th><td class="num" data-value="{{ .r.income_increase_baht }}">{{ lang.FormatNumber 0 .r.income_increase_baht }} {{ i18n "baht" }}</td></tr>
<tr><th scope="row">{{ i18n "beneficiaries" }}</th><td class="num" data-value="{{ .r.beneficiaries }}">{{ lang.FormatNumber 0 .r.beneficiaries }}</td></tr>
</tbody>
</table>
"#;

const HUGO_SINGLE: &str = r#"{{ with .Params.code }}<nav class="breadcrumb"><a href="{{ site.Home.RelPermalink }}">{{ i18n "nav_home" }}</a> › <a href="{{ (site.GetPage "/provinces").RelPermalink }}">{{ i18n "nav_provinces" }}</a></nav>{{ end }}
<h1>{{ .Title }}</h1>
{{ with .Params.code }}<p class="meta">{{ i18n "region" }}: {{ $.Params.region_name }} · {{ i18n "code" }}: {{ . }}</p>
<p class="notice"><strong>{{ i18n "illustrative" }}:</strong> {{ i18n "illustrative_notice" }}</p>{{ end }}
{{ range .Params.results }}{{ partial "figures.html" (dict "caption" $.Title "r" .) }}{{ end }}
<section class="prose">{{ .Content }}</section>
{{ with .Params.events }}<ul class="events">{{ range . }}<li>{{ .when }}<br>{{ .title }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.sources }}<ul class="sources">{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
{{ if .Params.code }}<nav class="pager">{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">← {{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }} →</a>{{ end }}</nav>{{ end }}
</main>
<footer><p>{{ site.Params.agency }}</p></footer>
</body>
</html>
"#;

const HUGO_LIST: &str = r#"<h1>{{ .Title }}</h1>
{{ if .IsHome }}{{ range .Params.results }}{{ partial "figures.html" (dict "caption" site.Title "r" .) }}{{ end }}
<section class="prose">{{ .Content }}</section>
{{ else }}<p class="notice"><strong>{{ i18n "illustrative" }}:</strong> {{ i18n "illustrative_notice" }}</p>
{{ range .Pages.GroupByParam "region_name" }}<h2>{{ .Key }}</h2>
<table class="index"><thead><tr><th>{{ i18n "code" }}</th><th>{{ i18n "name" }}</th><th class="num">{{ i18n "target_groups" }}</th><th class="num">{{ i18n "groups_with_higher_income" }}</th><th class="num">{{ i18n "income_increase_baht" }}</th><th class="num">{{ i18n "beneficiaries" }}</th></tr></thead>
<tbody>
{{ range .Pages.ByParam "code" }}{{ $p := . }}{{ with index .Params.results 0 }}<tr><td>{{ $p.Params.code }}</td><td><a href="{{ $p.RelPermalink }}">{{ $p.Title }}</a></td><td class="num">{{ lang.FormatNumber 0 (add (add .agriculture .processing) .community_tourism) }}</td><td class="num">{{ lang.FormatNumber 0 .groups_with_higher_income }}</td><td class="num">{{ lang.FormatNumber 0 .income_increase_baht }}</td><td class="num">{{ lang.FormatNumber 0 .beneficiaries }}</td></tr>
{{ end }}{{ end }}</tbody></table>
{{ end }}{{ end }}
</main>
<footer><p>{{ site.Params.agency }}</p></footer>
</body>
</html>
"#;

/// The interface words both peers' templates use: (key, Thai, English).
const UI_WORDS: [(&str, &str, &str); 20] = [
    ("nav_home", "หน้าแรก", "Home"),
    ("nav_provinces", "จังหวัด", "Provinces"),
    ("nav_faq", "๑๐ ประเด็น", "10 questions"),
    ("illustrative", "ตัวเลขสมมุติ", "Illustrative"),
    ("illustrative_notice", SYNTHETIC_TH, SYNTHETIC_EN),
    ("measure", "รายการ", "Measure"),
    ("value", "จำนวน", "Value"),
    ("target_groups", "กลุ่มเป้าหมาย", "Target groups"),
    ("agriculture", "การเกษตร", "Agriculture"),
    ("processing", "การแปรรูป", "Processing"),
    (
        "community_tourism",
        "การท่องเที่ยวโดยชุมชน",
        "Community tourism",
    ),
    (
        "groups_with_higher_income",
        "กลุ่มที่มีรายได้เพิ่มขึ้น",
        "Groups with higher income",
    ),
    ("income_increase_baht", "รายได้ที่เพิ่มขึ้น", "Income increase"),
    ("beneficiaries", "ผู้ได้รับประโยชน์", "Beneficiaries"),
    ("baht", "บาท", "baht"),
    ("region", "ภาค", "Region"),
    ("code", "รหัส", "Code"),
    ("description", "เว็บไซต์สังเคราะห์", "A synthetic site"),
    ("language_name", "ไทย", "English"),
    ("name", "ชื่อ", "Name"),
];

fn hugo_i18n(lang: &str) -> String {
    let mut out = String::new();
    for (k, th, en) in UI_WORDS {
        let v = if lang == "th" { th } else { en };
        let _ = writeln!(out, "{k}: \"{v}\"");
    }
    out
}

fn hugo_results(periods: &[(&str, &str, &str, &str)], results: &[Figures], th: bool) -> String {
    let mut y = String::from("results:\n");
    for ((_, _, pth, pen), f) in periods.iter().zip(results) {
        let _ = write!(
            y,
            "  - period: \"{}\"\n    agriculture: {}\n    processing: {}\n    community_tourism: {}\n    groups_with_higher_income: {}\n    income_increase_baht: {}\n    beneficiaries: {}\n",
            if th { pth } else { pen },
            f.agriculture,
            f.processing,
            f.tourism,
            f.higher,
            f.income,
            f.beneficiaries
        );
    }
    y
}

/// Move a tanrak document's front matter into Hugo's (both are YAML between `---` lines),
/// adding `extra` front-matter lines.
fn with_front(text: &str, title: &str, extra: &str) -> String {
    match text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
    {
        Some((front, body)) => {
            let front = if front.contains("title:") {
                front.to_string()
            } else {
                format!("title: \"{title}\"\n{front}")
            };
            format!("---\n{front}\n{extra}---\n{body}")
        }
        None => format!("---\ntitle: \"{title}\"\n{extra}---\n{text}"),
    }
}

/// Write the same pages as a Hugo site under `root`.
fn generate_hugo(root: &Path, areas: &[Area]) {
    write(
        &root.join("config.yaml"),
        &format!(
            r#"# {SYNTHETIC_EN}: generated by benches/scale.rs.
baseURL: https://example.org/
defaultContentLanguage: th
defaultContentLanguageInSubdir: false
disableKinds: [taxonomy, term, RSS, sitemap, robotsTXT]
languages:
  th:
    weight: 1
    languageName: ไทย
    title: "{SYNTHETIC_TH}"
    params: {{description: "เว็บไซต์สังเคราะห์", agency: "ข้อมูลสังเคราะห์"}}
  en:
    weight: 2
    languageName: English
    title: "{SYNTHETIC_EN}"
    params: {{description: "A synthetic site", agency: "Synthetic data"}}
"#
        ),
    );
    let layouts = root.join("layouts");
    let single = format!("{HUGO_HEAD}{HUGO_SINGLE}");
    let list = format!("{HUGO_HEAD}{HUGO_LIST}");
    write(&layouts.join("partials/figures.html"), HUGO_FIGURES);
    write(&layouts.join("_default/single.html"), &single);
    write(&layouts.join("_default/list.html"), &list);
    write(
        &layouts.join("404.html"),
        "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>404</title></head><body><h1>404</h1><p><a href=\"{{ site.Home.RelPermalink }}\">{{ i18n \"nav_home\" }}</a></p></body></html>\n",
    );
    for lang in ["th", "en"] {
        write(&root.join(format!("i18n/{lang}.yaml")), &hugo_i18n(lang));
    }
    let c = root.join("content");
    let totals = national(areas);
    for (rel, text) in bundled_documents() {
        let (dest, extra) = match rel.as_str() {
            // The home text becomes the home page, with the national figures.
            r if r.starts_with("home.") => (
                format!("_index.{}", &r["home.".len()..]),
                hugo_results(&PERIODS, &totals, r.contains(".th.")),
            ),
            r if r.starts_with("pages/") => (r["pages/".len()..].to_string(), String::new()),
            r => (r.to_string(), String::new()),
        };
        write(&c.join(dest), &with_front(&text, "", &extra));
    }
    for (lang, title) in [("th", "จังหวัด"), ("en", "Provinces")] {
        write(
            &c.join(format!("provinces/_index.{lang}.md")),
            &format!("---\ntitle: \"{title}\"\n---\n"),
        );
    }
    let p = c.join("provinces");
    for a in areas {
        for (lang, name, region, body) in page_languages(a) {
            let th = lang == "th";
            let (when, meeting) = if th {
                ("1 มีนาคม 2560", "การประชุมสมมุติ")
            } else {
                ("1 March 2017", "A made-up meeting")
            };
            let synthetic = if th { SYNTHETIC_TH } else { SYNTHETIC_EN };
            let front = format!(
                "---\n# {SYNTHETIC_EN}\ntitle: \"{name}\"\ncode: \"{}\"\nregion_name: \"{region}\"\n{}events:\n  - when: \"{when}\"\n    title: \"{meeting} ({synthetic})\"\nsources: [\"{synthetic}\"]\n---\n",
                a.code,
                hugo_results(&PERIODS, &a.results, th)
            );
            write(
                &p.join(format!("{}.{lang}.md", a.slug)),
                &format!("{front}{body}"),
            );
        }
    }
    // The same stylesheet and font files as tanrak's theme, so both copy the same assets.
    copy_tree(&theme_static(), &root.join("static/assets"));
}

/// The theme's stylesheet, script, images and fonts, which every peer copies too.
fn theme_static() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("themes/default/static")
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(from).unwrap_or(entry.path());
            let dest = to.join(rel);
            if let Some(parent) = dest.parent() {
                std::fs::create_dir_all(parent).expect("create a folder");
            }
            std::fs::copy(entry.path(), &dest).expect("copy a theme file");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Measuring

/// A field of `/proc/self/status` in kB (`VmHWM`, `VmRSS`). Linux only.
fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with(field) && l[field.len()..].starts_with(':'))
        .and_then(|l| {
            l[field.len() + 1..]
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse()
                .ok()
        })
}

/// (user + system, system) CPU time of this process so far, all threads. Linux only;
/// assumes the usual 100 clock ticks a second.
fn cpu_time() -> Option<(Duration, Duration)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may contain spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let user = fields.get(11)?.parse::<u64>().ok()?;
    let sys = fields.get(12)?.parse::<u64>().ok()?;
    Some((
        Duration::from_millis((user + sys) * 10),
        Duration::from_millis(sys * 10),
    ))
}

/// Reset this process's peak RSS (`VmHWM`) to its current RSS, so the next reading is the
/// peak of what follows. Returns false where the kernel does not allow it.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// One timed build.
#[derive(Clone, Copy)]
struct Sample {
    wall: Duration,
    /// User and system time together, and the system part of it.
    cpu: Option<Duration>,
    sys: Option<Duration>,
    peak_kb: Option<u64>,
}

/// The runs of one program at one size: medians of the times and of the peaks.
#[derive(Default)]
struct Series(Vec<Sample>);

impl Series {
    fn wall(&self) -> Duration {
        let mut v: Vec<Duration> = self.0.iter().map(|s| s.wall).collect();
        v.sort();
        v.get(v.len() / 2).copied().unwrap_or_default()
    }

    fn cpu(&self) -> Option<Duration> {
        let mut v: Vec<Duration> = self.0.iter().filter_map(|s| s.cpu).collect();
        v.sort();
        v.get(v.len() / 2).copied()
    }

    fn peak_kb(&self) -> Option<u64> {
        let mut v: Vec<u64> = self.0.iter().filter_map(|s| s.peak_kb).collect();
        v.sort();
        v.get(v.len() / 2).copied()
    }

    fn sys(&self) -> Option<Duration> {
        let mut v: Vec<Duration> = self.0.iter().filter_map(|s| s.sys).collect();
        v.sort();
        v.get(v.len() / 2).copied()
    }

    fn describe(&self) -> String {
        format!(
            "{} s wall, {} s CPU of which {} s system (medians of {}) · peak RSS {} MB",
            secs(Some(self.wall())),
            secs(self.cpu()),
            secs(self.sys()),
            self.0.len(),
            mb(self.peak_kb())
        )
    }
}

fn secs(d: Option<Duration>) -> String {
    d.map_or_else(|| "–".into(), |d| format!("{:.2}", d.as_secs_f64()))
}

fn mb(kb: Option<u64>) -> String {
    kb.map_or_else(|| "–".into(), |kb| format!("{:.0}", kb as f64 / 1024.0))
}

fn ratio(a: Option<Duration>, b: Option<Duration>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if !b.is_zero() => format!("{:.1}×", a.as_secs_f64() / b.as_secs_f64()),
        _ => "–".into(),
    }
}

/// HTML files, all files and bytes under `dir`.
fn tree_size(dir: &Path) -> (usize, usize, u64) {
    let (mut html, mut files, mut bytes) = (0, 0, 0);
    for e in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if e.file_type().is_file() {
            files += 1;
            bytes += e.metadata().map(|m| m.len()).unwrap_or(0);
            if e.path().extension().is_some_and(|x| x == "html") {
                html += 1;
            }
        }
    }
    (html, files, bytes)
}

/// Run a program under `/usr/bin/time` (GNU time) when it exists, for its peak RSS and CPU
/// time; the wall time is measured here around the whole process.
fn timed_process(program: &Path, args: &[&str]) -> Sample {
    let gnu_time = Path::new("/usr/bin/time");
    let mut cmd = if gnu_time.exists() {
        let mut c = Command::new(gnu_time);
        c.arg("-f").arg("BENCH %M %U %S").arg(program);
        c
    } else {
        Command::new(program)
    };
    cmd.args(args);
    let started = Instant::now();
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    let wall = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{} failed:\n{stderr}",
        program.display()
    );
    let fields: Vec<&str> = stderr
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("BENCH "))
        .map(|l| l.split_whitespace().collect())
        .unwrap_or_default();
    let secs = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .map(Duration::from_secs_f64)
    };
    Sample {
        wall,
        cpu: secs(1).zip(secs(2)).map(|(u, s)| u + s),
        sys: secs(2),
        peak_kb: fields.first().and_then(|v| v.parse().ok()),
    }
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    })
}

/// A library build (`tanrak::site::build`) in this process.
fn build_lib(root: &Path, out: &Path) -> (Sample, tanrak::site::Summary) {
    let _ = std::fs::remove_dir_all(out);
    let reset = reset_peak();
    let cpu_before = cpu_time();
    let mut diags = Diagnostics::new(root);
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: out.to_path_buf(),
        base_url: None,
        // Off, as in the binary's default and in Hugo's run.
        precompress: false,
    };
    let started = Instant::now();
    let Some(summary) = site::build(&options, &mut diags) else {
        panic!(
            "the synthetic site did not build:\n{}",
            diags.render(false, tanrak::messages::Lang::En)
        );
    };
    let wall = started.elapsed();
    let sample = Sample {
        wall,
        cpu: cpu_time()
            .zip(cpu_before)
            .map(|(after, before)| after.0.saturating_sub(before.0)),
        sys: cpu_time()
            .zip(cpu_before)
            .map(|(after, before)| after.1.saturating_sub(before.1)),
        peak_kb: if reset { status_kb("VmHWM") } else { None },
    };
    (sample, summary)
}

/// One more library build, stage by stage, with the time and memory of each.
fn stages(root: &Path, out: &Path) {
    let _ = std::fs::remove_dir_all(out);
    let rss = || mb(status_kb("VmRSS"));
    let mut diags = Diagnostics::new(root);
    let base = rss();
    let t = Instant::now();
    let theme = render::theme::load(root, &mut diags).expect("theme loads");
    let t_theme = t.elapsed();
    // As a build does: the checks of single files look at each file as loading reads it.
    let t = Instant::now();
    let as_read = check::AsRead::new(root);
    let mut content = content::load_looking(
        root,
        Some(&as_read),
        &mut diags,
        &tanrak::progress::Progress::new(),
    );
    let t_load = t.elapsed();
    let after_load = rss();
    let t = Instant::now();
    let mut content_checks = Diagnostics::new(root);
    as_read.content(&content, &mut content_checks);
    let t_content_checks = t.elapsed();
    let t = Instant::now();
    let mut site = validate::validate(&mut content, &mut diags).expect("synthetic site validates");
    let t_validate = t.elapsed();
    let t = Instant::now();
    site.boundaries = content::boundaries::load(root, &site.areas, &mut diags);
    let t_boundaries = t.elapsed();
    let t = Instant::now();
    check::site(&content, &site, Some(&theme), &mut diags);
    let t_site_checks = t.elapsed();
    let after_validate = rss();
    drop(content);
    let after_drop = rss();
    let before_render = status_kb("VmRSS");
    let reset = reset_peak();
    let t = Instant::now();
    let output = Output::begin(out).expect("output folder");
    let counts = render::render_site(&site, &theme, &output, &mut diags);
    let t_render = t.elapsed();
    let render_peak = if reset { status_kb("VmHWM") } else { None };
    let t = Instant::now();
    output.commit().expect("commit output");
    let t_commit = t.elapsed();
    assert!(
        !diags.has_errors(),
        "{}",
        diags.render(false, tanrak::messages::Lang::En)
    );
    println!(
        "  stages: theme {:.3}s · content::load {:.3}s · check::content {:.3}s · validate {:.3}s · boundaries {:.3}s · check::site {:.3}s · render+write {:.3}s ({} pages) · commit {:.3}s",
        t_theme.as_secs_f64(),
        t_load.as_secs_f64(),
        t_content_checks.as_secs_f64(),
        t_validate.as_secs_f64(),
        t_boundaries.as_secs_f64(),
        t_site_checks.as_secs_f64(),
        t_render.as_secs_f64(),
        counts.pages,
        t_commit.as_secs_f64()
    );
    println!(
        "  RSS MB: start {base} · after load {after_load} · after validate and checks {after_validate} · model only {after_drop} · peak during render {} (render added {})",
        mb(render_peak),
        mb(render_peak
            .zip(before_render)
            .map(|(p, b)| p.saturating_sub(b)))
    );
}

/// One program's builds at one size, and what its first build wrote.
struct Program {
    name: &'static str,
    series: Series,
    /// HTML files, all files and their bytes in the first build's output.
    html: usize,
    files: usize,
    bytes: u64,
}

impl Program {
    fn new(name: &'static str) -> Program {
        Program {
            name,
            series: Series::default(),
            html: 0,
            files: 0,
            bytes: 0,
        }
    }

    /// Pages (HTML files) per second of median wall time.
    fn pages_per_sec(&self) -> f64 {
        self.html as f64 / self.series.wall().as_secs_f64().max(1e-9)
    }
}

struct Row {
    areas: usize,
    /// The library build in this process, when asked for.
    lib: Option<Series>,
    /// tanrak's binary first, then each peer found.
    programs: Vec<Program>,
}

/// What the bench runs, in the order of the first round.
#[derive(Clone, Copy)]
enum Step {
    Lib,
    Tanrak,
    Zola,
    Hugo,
}

fn measure(n: usize, o: &Options) -> Row {
    let dir = tempfile::Builder::new()
        .prefix("tanrak-bench-")
        .tempdir()
        .expect("temporary folder");
    let root = dir.path().join("site");
    let hugo_src = dir.path().join("hugo");
    let zola_src = dir.path().join("zola");
    let t = Instant::now();
    let areas = areas(n);
    generate_tanrak(&root, &areas, o.map, o.previews);
    if o.hugo.is_some() {
        generate_hugo(&hugo_src, &areas);
    }
    if o.zola.is_some() {
        zola::generate(&zola_src, &areas);
    }
    drop(areas);
    println!(
        "{n} areas: generated in {:.1}s under {}",
        t.elapsed().as_secs_f64(),
        dir.path().display()
    );

    // A private copy: the shared target folder's binary may be rebuilt by another checkout
    // while the bench runs.
    let bin = dir.path().join("tanrak");
    std::fs::copy(env!("CARGO_BIN_EXE_tanrak"), &bin).expect("copy the tanrak binary");
    let mut steps = Vec::new();
    if o.lib {
        steps.push(Step::Lib);
    }
    steps.push(Step::Tanrak);
    let mut programs = vec![Program::new("tanrak")];
    if o.zola.is_some() {
        steps.push(Step::Zola);
        programs.push(Program::new("zola"));
    }
    if o.hugo.is_some() {
        steps.push(Step::Hugo);
        programs.push(Program::new("hugo"));
    }
    let mut row = Row {
        areas: n,
        lib: o.lib.then(Series::default),
        programs,
    };
    // First, while this process has allocated little, so its RSS readings mean something.
    if o.stages {
        stages(&root, &dir.path().join("stages-public"));
    }
    // Interleaved, so a change in the machine's load falls on every program alike, and in a
    // rotating order, so no program always goes first. Every build writes into a new folder,
    // counted after the first round and removed after each build, untimed.
    let s = |p: &Path| p.to_string_lossy().into_owned();
    let cache = root.join(tanrak::render::preview::cache::FOLDER);
    if o.warm {
        let out = dir.path().join("public-warm");
        build_lib(&root, &out);
        let _ = std::fs::remove_dir_all(&out);
    }
    for run in 0..o.runs {
        for k in 0..steps.len() {
            let step = steps[(run + k) % steps.len()];
            let out = dir.path().join(format!("public-{run}-{k}"));
            if !o.warm {
                // A clean build: no preview image from an earlier one.
                let _ = std::fs::remove_dir_all(&cache);
            }
            let (slot, sample) = match step {
                Step::Lib => {
                    let (sample, _) = build_lib(&root, &out);
                    if let Some(lib) = row.lib.as_mut() {
                        lib.0.push(sample);
                    }
                    let _ = std::fs::remove_dir_all(&out);
                    continue;
                }
                Step::Tanrak => (
                    "tanrak",
                    timed_process(&bin, &["build", "--root", &s(&root), "--output", &s(&out)]),
                ),
                Step::Zola => (
                    "zola",
                    timed_process(
                        o.zola.as_deref().unwrap_or(Path::new("zola")),
                        &["--root", &s(&zola_src), "build", "--output-dir", &s(&out)],
                    ),
                ),
                Step::Hugo => (
                    "hugo",
                    timed_process(
                        o.hugo.as_deref().unwrap_or(Path::new("hugo")),
                        &[
                            "--quiet",
                            "--source",
                            &s(&hugo_src),
                            "--destination",
                            &s(&out),
                        ],
                    ),
                ),
            };
            if let Some(p) = row.programs.iter_mut().find(|p| p.name == slot) {
                p.series.0.push(sample);
                if run == 0 {
                    (p.html, p.files, p.bytes) = tree_size(&out);
                }
            }
            if o.keep && run == 0 {
                continue;
            }
            let _ = std::fs::remove_dir_all(&out);
        }
    }
    if let Some(lib) = &row.lib {
        println!(
            "  tanrak library: {} (peak is this process's VmHWM, reset before each build)",
            lib.describe()
        );
    }
    for p in &row.programs {
        println!(
            "  {:<15} {} · {} pages, {} files, {:.0} MB · {:.0} pages/s",
            format!("{}:", p.name),
            p.series.describe(),
            p.html,
            p.files,
            p.bytes as f64 / 1e6,
            p.pages_per_sec()
        );
    }
    if o.keep {
        println!("  kept {}", dir.keep().display());
    }
    row
}

fn version(program: &Path, arg: &str) -> String {
    Command::new(program)
        .arg(arg)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

fn main() {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("scale: {e}");
            eprintln!(
                "usage: cargo bench --bench scale -- [--areas 77,1000,10000,50000] [--runs 3] [--stages] [--no-lib] [--zola PATH | --no-zola] [--hugo PATH | --no-hugo] [--keep] [--map] [--no-previews] [--warm]"
            );
            std::process::exit(2);
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("tanrak scale benchmark · {threads} hardware threads · SYNTHETIC data");
    match &o.zola {
        Some(z) => println!(
            "comparing with {} ({})",
            version(z, "--version"),
            z.display()
        ),
        None if o.no_zola => println!("--no-zola: Zola left out"),
        None => println!(
            "Zola NOT FOUND: not compared. Give its binary with --zola PATH or TANRAK_BENCH_ZOLA, or put `zola` on PATH"
        ),
    }
    match &o.hugo {
        Some(h) => println!("comparing with {} ({})", version(h, "version"), h.display()),
        None if o.no_hugo => println!("--no-hugo: Hugo left out"),
        None => println!(
            "Hugo NOT FOUND: not compared. Give its binary with --hugo PATH or TANRAK_BENCH_HUGO, or put `hugo` on PATH"
        ),
    }
    println!();

    let mut rows = Vec::new();
    for &n in &o.areas {
        rows.push(measure(n, &o));
    }

    println!(
        "\n| records | program | pages | files | out MB | wall s | CPU s (system) | peak MB | pages/s |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        for p in &r.programs {
            println!(
                "| {} | {} | {} | {} | {:.0} | {} | {} ({}) | {} | {:.0} |",
                r.areas,
                p.name,
                p.html,
                p.files,
                p.bytes as f64 / 1e6,
                secs(Some(p.series.wall())),
                secs(p.series.cpu()),
                secs(p.series.sys()),
                mb(p.series.peak_kb()),
                p.pages_per_sec()
            );
        }
    }
    println!(
        "\ntanrak against each peer (above 1× is better for tanrak; memory is the peer's peak over tanrak's):"
    );
    println!("\n| records | peer | wall | CPU | peak memory | pages/s |");
    println!("|---:|---|---:|---:|---:|---:|");
    for r in &rows {
        let t = &r.programs[0];
        for p in &r.programs[1..] {
            let peak = match (p.series.peak_kb(), t.series.peak_kb()) {
                (Some(a), Some(b)) if b > 0 => format!("{:.1}×", a as f64 / b as f64),
                _ => "–".into(),
            };
            println!(
                "| {} | {} | {} | {} | {} | {:.1}× |",
                r.areas,
                p.name,
                ratio(Some(p.series.wall()), Some(t.series.wall())),
                ratio(p.series.cpu(), t.series.cpu()),
                peak,
                t.pages_per_sec() / p.pages_per_sec().max(1e-9)
            );
        }
    }
    println!(
        "\nWhole processes, start to exit, medians of the runs; CPU time (user + system) and peak \
RSS from /usr/bin/time. The library build's times are in the lines above."
    );
}
