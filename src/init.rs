//! `tanrak init [FOLDER]`: a new site repository that checks, builds and publishes at once.
//!
//! It writes a small report definition (one area level, two measures, every text in the
//! site's languages) whose figures, names and words are examples, each file's marked with
//! [`crate::check::EXAMPLE_MARKER`] so that `tanrak check` reminds about it until it is
//! replaced; the editors' README in Thai and English; `.gitignore`; the editors' schemas; and
//! the site's GitHub workflow ([`workflow`]). `--from bundled` or `--from examples/<name>`
//! starts from a site compiled into the binary instead (a released binary has no repository
//! beside it), and `--from <folder>` from any site's folder on disk.
//!
//! Nothing is ever written into a folder that holds files, nor when any answer is wrong: the
//! problems are reported and the folder is left as it was.

use std::io::{BufRead, Write as _};
use std::path::{Path, PathBuf};

use crate::check::EXAMPLE_MARKER;
use crate::diagnostics::{Diagnostics, Position};
use crate::messages::{self, Lang};
use crate::msg;

include!(concat!(env!("OUT_DIR"), "/site_files.rs"));

/// The GitHub repository whose releases hold tanrak's binaries, when the binary was built by
/// the release workflow (which sets `TANRAK_RELEASES`); otherwise the site's workflow names
/// none and asks for it in a comment.
pub const RELEASES: Option<&str> = option_env!("TANRAK_RELEASES");

/// What `tanrak init` was asked for. Any value left `None` is asked on standard input.
#[derive(Debug, Default, Clone)]
pub struct Options {
    pub folder: PathBuf,
    pub title_th: Option<String>,
    pub title_en: Option<String>,
    /// As given: `th,en`.
    pub languages: Option<String>,
    pub area_word_th: Option<String>,
    pub area_word_en: Option<String>,
    /// Also write the built-in theme into `themes/default/`, to change it.
    pub theme: bool,
    /// `bundled`, `examples/<name>` or a site's folder.
    pub from: Option<String>,
    /// `owner/repo` of tanrak's releases (default [`RELEASES`]).
    pub releases: Option<String>,
}

/// The answers, complete and checked.
struct Answers {
    languages: Vec<Lang>,
    title_th: String,
    title_en: String,
    word_th: String,
    word_en: String,
}

/// Ask `question` on standard error and read a line; an empty answer or the end of input is
/// `default`.
fn ask(input: &mut dyn BufRead, question: String, default: &str) -> String {
    let mut err = std::io::stderr();
    let _ = write!(err, "{question} [{default}]: ");
    let _ = err.flush();
    let mut line = String::new();
    let read = input.read_line(&mut line).unwrap_or(0);
    let _ = writeln!(err);
    let answer = line.trim();
    if read == 0 || answer.is_empty() {
        default.to_string()
    } else {
        answer.to_string()
    }
}

/// The languages in `text` (`th,en`, `th`), each checked.
fn parse_languages(text: &str, folder: &Path, diags: &mut Diagnostics) -> Option<Vec<Lang>> {
    let mut langs = Vec::new();
    for code in text
        .split([',', ' '])
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        match code.to_ascii_lowercase().as_str() {
            "th" if !langs.contains(&Lang::Th) => langs.push(Lang::Th),
            "en" if !langs.contains(&Lang::En) => langs.push(Lang::En),
            "th" | "en" => {}
            _ => {
                diags
                    .error(
                        "init",
                        folder,
                        Position::FILE,
                        msg!("init--language", code = code.to_string()),
                    )
                    .help(msg!("init--language.help"));
                return None;
            }
        }
    }
    if langs.is_empty() {
        diags
            .error(
                "init",
                folder,
                Position::FILE,
                msg!("init--language", code = text.to_string()),
            )
            .help(msg!("init--language.help"));
        return None;
    }
    Some(langs)
}

/// The answers from the flags, asking in `lang` for what they leave out.
fn answers(
    options: &Options,
    lang: Lang,
    input: &mut dyn BufRead,
    diags: &mut Diagnostics,
) -> Option<Answers> {
    let folder = &options.folder;
    let q = |id: &'static str| messages::t(lang, id);
    let languages = match &options.languages {
        Some(l) => l.clone(),
        None => ask(input, q("init-ask-languages"), "th,en"),
    };
    let languages = parse_languages(&languages, folder, diags)?;
    // A title in a language the site does not have would never be shown.
    for (given, l) in [(&options.title_th, Lang::Th), (&options.title_en, Lang::En)] {
        if given.is_some() && !languages.contains(&l) {
            diags
                .error(
                    "init",
                    folder,
                    Position::FILE,
                    msg!("init--title-language", code = l.code()),
                )
                .help(msg!("init--title-language.help", code = l.code()));
        }
    }
    if diags.has_errors() {
        return None;
    }
    let has = |l: Lang| languages.contains(&l);
    let mut value =
        |given: &Option<String>, wanted: bool, id: &'static str, default: &str| match given {
            Some(v) => v.trim().to_string(),
            None if wanted => ask(input, q(id), default),
            None => default.to_string(),
        };
    let title_th = value(
        &options.title_th,
        has(Lang::Th),
        "init-ask-title-th",
        "เว็บไซต์รายงานผล (ตัวอย่าง)",
    );
    let title_en = value(
        &options.title_en,
        has(Lang::En),
        "init-ask-title-en",
        "Results report (example)",
    );
    let word_th = value(
        &options.area_word_th,
        has(Lang::Th),
        "init-ask-area-th",
        "พื้นที่",
    );
    let word_en = value(&options.area_word_en, true, "init-ask-area-en", "area");
    for (title, l) in [(&title_th, Lang::Th), (&title_en, Lang::En)] {
        if has(l) && title.is_empty() {
            diags
                .error(
                    "init",
                    folder,
                    Position::FILE,
                    msg!("init--title-empty", code = l.code()),
                )
                .help(msg!("init--title-empty.help", code = l.code()));
        }
    }
    if key_of(&word_en).is_none() {
        diags
            .error(
                "init",
                folder,
                Position::FILE,
                msg!("init--area-word", word = word_en.clone()),
            )
            .help(msg!("init--area-word.help"));
    }
    if has(Lang::Th) && word_th.is_empty() {
        diags
            .error(
                "init",
                folder,
                Position::FILE,
                msg!("init--area-word", word = word_th.clone()),
            )
            .help(msg!("init--area-word.help"));
    }
    if diags.has_errors() {
        return None;
    }
    Some(Answers {
        languages,
        title_th,
        title_en,
        word_th,
        word_en,
    })
}

/// The area key and address part from the English word: `district` → `district`; letters
/// a–z, one word.
fn key_of(word: &str) -> Option<String> {
    let key = word.trim().to_ascii_lowercase();
    (!key.is_empty() && key.len() <= 30 && key.bytes().all(|b| b.is_ascii_lowercase()))
        .then_some(key)
}

/// Whether `folder` may be written into: it does not exist, or is an empty folder (a folder
/// holding only `.git`, a fresh clone of an empty repository, counts as empty).
fn check_folder(folder: &Path, diags: &mut Diagnostics) -> bool {
    let shown = folder.display().to_string();
    match std::fs::symlink_metadata(folder) {
        Err(_) => true,
        Ok(meta) if !meta.is_dir() => {
            diags
                .error(
                    "init",
                    folder,
                    Position::FILE,
                    msg!("init--not-a-folder", folder = shown),
                )
                .help(msg!("init--not-a-folder.help"));
            false
        }
        Ok(_) => {
            let holds = std::fs::read_dir(folder).map_or(true, |entries| {
                entries.flatten().any(|e| e.file_name() != ".git")
            });
            if holds {
                diags
                    .error(
                        "init",
                        folder,
                        Position::FILE,
                        msg!("init--not-empty", folder = shown),
                    )
                    .help(msg!("init--not-empty.help"));
            }
            !holds
        }
    }
}

/// A YAML string that reads back exactly.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

/// `{th: "…", en: "…"}` in the site's languages.
fn text(langs: &[Lang], th: &str, en: &str) -> String {
    let parts: Vec<String> = langs
        .iter()
        .map(|l| match l {
            Lang::Th => format!("th: {}", quoted(th)),
            Lang::En => format!("en: {}", quoted(en)),
        })
        .collect();
    format!("{{{}}}", parts.join(", "))
}

/// The example's YAML comment marking a file for the reminder.
fn yaml_marker() -> String {
    format!(
        "# {EXAMPLE_MARKER}: ตัวอย่าง ให้แทนด้วยข้อมูลจริงแล้วลบบรรทัดนี้ / EXAMPLE: replace with real content, then delete this line\n"
    )
}

/// The example areas: (code, slug, Thai and English name suffix, two figures).
const EXAMPLE_AREAS: [(&str, &str, &str, &str, u32, u32); 3] = [
    ("EX-1", "a", "ก", "A", 120, 35),
    ("EX-2", "b", "ข", "B", 80, 20),
    ("EX-3", "c", "ค", "C", 45, 15),
];

/// The starter's files, relative to the new site's folder.
fn starter(a: &Answers) -> Vec<(PathBuf, String)> {
    let langs = &a.languages;
    let key = key_of(&a.word_en).unwrap_or_else(|| "area".into());
    let segment = format!("{key}s");
    let today = crate::scaffold::today();
    let today = format!("{:04}-{:02}-{:02}", today.year, today.month, today.day);
    let (wth, wen) = (a.word_th.as_str(), a.word_en.trim());
    let mark = yaml_marker();
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    let mut add = |path: String, body: String| files.push((PathBuf::from(path), body));
    let language_list: Vec<&str> = langs.iter().map(|l| l.code()).collect();

    add(
        "content/site.yaml".into(),
        format!(
            "# yaml-language-server: $schema=../schemas/site.schema.json\n\
             {mark}\
             title: {title}\n\
             description: {description}\n\
             base_url: https://example.org/\n\
             languages: [{languages}]\n\
             thai_digits: false\n\
             agency:\n  name: {agency}\n  parent: {parent}\n\
             # contact:\n#   email: \"\"\n#   phone: \"\"\n#   address: {address}\n\
             # Warnings known and accepted (by code and file) are not shown again:\n\
             # check:\n#   accept:\n#     - {{code: empty-contact, file: content/site.yaml}}\n",
            title = text(langs, &a.title_th, &a.title_en),
            description = text(
                langs,
                "ตัวอย่าง: คำอธิบายเว็บไซต์หนึ่งถึงสองประโยค ตัวเลขในเว็บไซต์นี้เป็นตัวเลขสมมุติ",
                "Example: a sentence or two about the site. The figures on this site are made up."
            ),
            languages = language_list.join(", "),
            agency = text(langs, "ตัวอย่าง: ชื่อหน่วยงาน", "Example: the agency's name"),
            parent = text(
                langs,
                "ตัวอย่าง: หน่วยงานต้นสังกัด",
                "Example: the agency it belongs to"
            ),
            address = text(langs, "", ""),
        ),
    );

    add(
        "content/report.yaml".into(),
        format!(
            "# yaml-language-server: $schema=../schemas/report.schema.json\n\
             # นิยามรายงาน: ระดับพื้นที่และตัวชี้วัด (ดูคู่มือ report-definition.md ของ tanrak)\n\
             # The report definition: its areas and measures (see tanrak's docs/report-definition.md).\n\
             {mark}\
             area:\n  key: {key}\n  word: {word}\n  plural: {plural}\n  segment: {segment}\n  list: areas.csv\n  code: {code}\n\n\
             measures:\n\
             \x20 - key: people\n    label: {people_label}\n    short: {people_short}\n    description: {people_description}\n    unit: count\n    noun: {people_noun}\n    sums: true\n\
             \x20 - key: budget_baht\n    label: {budget_label}\n    short: {budget_short}\n    description: {budget_description}\n    unit: money\n    currency: THB\n    sums: true\n\n\
             charts:\n  index:\n    - kind: ranking\n      measure: people\n      id: {segment}-people\n      title: {ranking}\n",
            word = text(langs, wth, wen),
            plural = text(langs, wth, &format!("{wen}s")),
            code = text(
                langs,
                &format!("รหัส{wth} เช่น EX-1"),
                &format!("The {wen}'s code, for example EX-1")
            ),
            people_label = text(
                langs,
                "ตัวอย่าง: ผู้เข้าร่วม (คน)",
                "Example: people taking part (people)"
            ),
            people_short = text(langs, "ผู้เข้าร่วม", "People taking part"),
            people_description = text(
                langs,
                "ตัวอย่าง: จำนวนผู้เข้าร่วมโครงการในช่วงเวลาที่รายงาน",
                "Example: how many people took part in the period"
            ),
            people_noun = text(langs, "คน", "people"),
            budget_label = text(
                langs,
                "ตัวอย่าง: งบประมาณที่ใช้ (บาท)",
                "Example: budget spent (baht)"
            ),
            budget_short = text(langs, "งบประมาณที่ใช้", "Budget spent"),
            budget_description = text(
                langs,
                "ตัวอย่าง: งบประมาณที่ใช้ในช่วงเวลาที่รายงาน",
                "Example: the budget spent in the period"
            ),
            ranking = text(
                langs,
                &format!("{wth}เรียงตามจำนวนผู้เข้าร่วม {{period}}"),
                &format!("{}s by people taking part, {{period}}", capital(wen))
            ),
        ),
    );

    let mut csv = format!(
        "{}code,slug{}\n",
        mark,
        langs
            .iter()
            .map(|l| format!(",name_{}", l.code()))
            .collect::<String>()
    );
    for (code, slug, th, en, _, _) in EXAMPLE_AREAS {
        let names: String = langs
            .iter()
            .map(|l| match l {
                Lang::Th => format!(",{wth}ตัวอย่าง {th}"),
                Lang::En => format!(",Example {wen} {en}"),
            })
            .collect();
        csv.push_str(&format!("{code},{key}-{slug}{names}\n"));
    }
    add("content/areas.csv".into(), csv);

    let source = format!(
        "    source:\n      title: {}\n      publisher: {}\n",
        text(
            langs,
            "ตัวอย่าง: ชื่อเอกสารต้นทางของตัวเลข",
            "Example: the title of the document the figures come from"
        ),
        text(langs, "ตัวอย่าง: ชื่อหน่วยงาน", "Example: the agency's name"),
    );
    let (people, budget) = EXAMPLE_AREAS
        .iter()
        .fold((0, 0), |(p, b), a| (p + a.4, b + a.5 * 10_000));
    let period = "{start: 2025-10, end: 2026-09}";
    add(
        "content/national.yaml".into(),
        format!(
            "# yaml-language-server: $schema=../schemas/national.schema.json\n\
             {mark}\
             updated: {today}\n\
             periods:\n  - period: {period}\n    data_status: illustrative\n{source}    people: {people}\n    budget_baht: {budget}\n\
             corrections: []\n"
        ),
    );

    for (code, slug, th, en, people, budget) in EXAMPLE_AREAS {
        let names = text(
            langs,
            &format!("{wth}ตัวอย่าง {th}"),
            &format!("Example {wen} {en}"),
        );
        add(
            format!("content/{segment}/{key}-{slug}.yaml"),
            format!(
                "# yaml-language-server: $schema=../../schemas/{key}.schema.json\n\
                 {mark}\
                 code: {code}\nname: {names}\ndata_status: illustrative\nupdated: {today}\n\
                 results:\n  - period: {period}\n    people: {people}\n    budget_baht: {}\n",
                budget * 10_000
            ),
        );
        for l in langs {
            let body = match l {
                Lang::Th => format!(
                    "{mark_md}\nตัวอย่าง: เรื่องราวของ{wth}ตัวอย่าง {th} ให้เขียนว่าเกิดอะไรขึ้นในพื้นที่ในช่วงเวลาที่รายงาน\n",
                    mark_md = markdown_marker(*l)
                ),
                Lang::En => format!(
                    "{mark_md}\nExample: the narrative of example {wen} {en}. Write what happened there in the period.\n",
                    mark_md = markdown_marker(*l)
                ),
            };
            add(
                format!("content/{segment}/{key}-{slug}.{}.md", l.code()),
                body,
            );
        }
    }

    for l in langs {
        let (home, faq) = match l {
            Lang::Th => (
                format!(
                    "---\ntitle: {}\nupdated: {today}\n---\n{}\n## เกี่ยวกับรายงานนี้\n\nตัวอย่าง: รายงานนี้แสดงผลการดำเนินงานราย{wth} ตัวเลขทั้งหมดในขณะนี้เป็นตัวเลขสมมุติ\n",
                    quoted(&a.title_th),
                    markdown_marker(*l)
                ),
                format!(
                    "---\ntitle: คำถามที่พบบ่อย\nupdated: {today}\n---\n{}\n## ตัวเลขในเว็บไซต์นี้มาจากที่ใด\n\nตัวอย่าง: ให้ตอบว่าตัวเลขมาจากเอกสารใดของหน่วยงาน\n",
                    markdown_marker(*l)
                ),
            ),
            Lang::En => (
                format!(
                    "---\ntitle: {}\nupdated: {today}\n---\n{}\n## About this report\n\nExample: this report shows results by {wen}. Every figure here is made up for now.\n",
                    quoted(&a.title_en),
                    markdown_marker(*l)
                ),
                format!(
                    "---\ntitle: Questions\nupdated: {today}\n---\n{}\n## Where do the figures come from?\n\nExample: say which of the agency's documents the figures come from.\n",
                    markdown_marker(*l)
                ),
            ),
        };
        add(format!("content/home.{}.md", l.code()), home);
        add(format!("content/faq.{}.md", l.code()), faq);
    }
    files
}

/// The reminder's line in a Markdown file: a paragraph (the editor sees it in the preview).
fn markdown_marker(lang: Lang) -> String {
    match lang {
        Lang::Th => {
            format!("{EXAMPLE_MARKER}: ข้อความในแฟ้มนี้เป็นตัวอย่าง ให้แทนด้วยข้อความจริงแล้วลบย่อหน้านี้\n")
        }
        Lang::En => format!(
            "{EXAMPLE_MARKER}: this file's text is an example; replace it with the real text, then delete this paragraph.\n"
        ),
    }
}

fn capital(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The files of the site `from` names: compiled in (`bundled`, `examples/<name>`) or read
/// from a site's folder on disk.
fn from_site(
    from: &str,
    folder: &Path,
    diags: &mut Diagnostics,
) -> Option<Vec<(PathBuf, Vec<u8>)>> {
    let name = from.trim().trim_end_matches('/');
    let prefix = match name {
        "bundled" => Some(String::new()),
        _ => name
            .strip_prefix("examples/")
            .filter(|n| !n.is_empty() && !n.contains('/'))
            .map(|n| format!("examples/{n}/")),
    };
    if let Some(prefix) = &prefix {
        let files: Vec<(PathBuf, Vec<u8>)> = SITE_FILES
            .iter()
            .filter_map(|(path, bytes)| {
                let rest = path.strip_prefix(prefix.as_str())?;
                (rest.starts_with("content/")).then(|| (PathBuf::from(rest), bytes.to_vec()))
            })
            .collect();
        if !files.is_empty() {
            return Some(files);
        }
    }
    let dir = Path::new(name);
    if dir.join("content").is_dir() {
        let mut files = Vec::new();
        for sub in ["content", "themes"] {
            // The site copied from is read as a build reads it: no link followed, no special
            // file opened (see `crate::sitefs`).
            match crate::sitefs::is_folder(dir, &dir.join(sub)) {
                Ok(true) => {}
                Ok(false) => continue,
                Err(refused) => {
                    refused.report(diags);
                    return None;
                }
            }
            for entry in crate::sitefs::walk(&dir.join(sub))
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| !e.file_type().is_dir())
            {
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                if rel
                    .components()
                    .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
                {
                    continue;
                }
                let read = crate::sitefs::read_entry(&entry);
                match read {
                    Ok(bytes) => files.push((rel.to_path_buf(), bytes)),
                    Err(refused) if refused.report_rule(diags) => return None,
                    Err(crate::sitefs::Refused::Io { error: e, .. }) => {
                        diags
                            .error(
                                "write",
                                entry.path(),
                                Position::FILE,
                                msg!("write--1", e = e.to_string()),
                            )
                            .help(msg!("write--h2"));
                        return None;
                    }
                    Err(_) => return None,
                }
            }
        }
        return Some(files);
    }
    let names: Vec<String> = SITE_FILES
        .iter()
        .filter_map(|(p, _)| p.strip_prefix("examples/")?.split('/').next())
        .map(|n| format!("examples/{n}"))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    diags
        .error(
            "init",
            folder,
            Position::FILE,
            msg!("init--from", from = from.to_string()),
        )
        .help(msg!("init--from.help", names = names.join(", ")));
    None
}

/// The editors' README of a new site, in Thai and English.
fn readme(title: &str) -> String {
    format!(
        "# {title}\n\n\
         เว็บไซต์นี้สร้างด้วย tanrak จากแฟ้มในโฟลเดอร์ `content/` / This site is built by tanrak from the files in `content/`.\n\n\
         ## สำหรับผู้แก้ไขเนื้อหา\n\n\
         1. แก้แฟ้มในโฟลเดอร์ `content/` บนหน้าเว็บ GitHub (กดรูปดินสอ) หรือในเครื่องของท่าน\n\
         2. ทุกครั้งที่บันทึก (commit) GitHub จะตรวจเนื้อหาให้ ปัญหาที่พบจะแสดงบนแฟ้มและบรรทัดนั้นในหน้าของ commit พร้อมวิธีแก้\n\
         3. เมื่อตรวจผ่านบนกิ่งหลัก เว็บไซต์จะเผยแพร่ให้เองภายในไม่กี่นาที ถ้าตรวจไม่ผ่าน เว็บไซต์เดิมจะยังอยู่\n\
         4. แฟ้มที่ขึ้นต้นด้วย `{EXAMPLE_MARKER}` ยังเป็นตัวอย่าง ให้แทนด้วยข้อมูลจริงแล้วลบบรรทัดนั้น\n\n\
         ดูตัวอย่างในเครื่อง: `tanrak serve` ตรวจ: `tanrak check` สร้างเว็บไซต์: `tanrak build`\n\n\
         ## For the site's editors\n\n\
         1. Change the files in `content/` on GitHub (the pencil button) or on your computer.\n\
         2. Each commit is checked by GitHub: every problem is marked on its file and line on the commit's page, with how to fix it.\n\
         3. Once the default branch passes the check, the site is published within minutes. If the check fails, the previous site stays.\n\
         4. Files with a `{EXAMPLE_MARKER}` line still hold examples: replace them with the real content, then delete that line.\n\n\
         Preview on your computer: `tanrak serve`. Check: `tanrak check`. Build: `tanrak build`.\n\n\
         ## First publish / เผยแพร่ครั้งแรก\n\n\
         Push this folder to a new GitHub repository, then in Settings → Pages choose \"GitHub Actions\" as the source. \
         The workflow `.github/workflows/publish.yml` downloads tanrak (the version in its `TANRAK_VERSION`), checks its checksum, checks the content and publishes.\n\n\
         ส่งโฟลเดอร์นี้ขึ้น repository ใหม่ใน GitHub แล้วไปที่ Settings → Pages เลือกแหล่งที่มาเป็น \"GitHub Actions\" \
         เวิร์กโฟลว์ `.github/workflows/publish.yml` จะดาวน์โหลด tanrak รุ่นที่ระบุใน `TANRAK_VERSION` ตรวจค่า checksum ตรวจเนื้อหา แล้วเผยแพร่เว็บไซต์\n"
    )
}

const GITIGNORE: &str = "# Built by `tanrak build` and `tanrak serve`, never committed.\n/public\n/public.*\n/bin\n/.tanrak-cache\n";

/// The site's GitHub workflow: on every push and pull request, check the content and mark
/// each problem on its file and line; on the default branch, build and publish to GitHub
/// Pages. Every action is pinned by commit.
pub fn workflow(version: &str, releases: Option<&str>) -> String {
    let releases_line = match releases {
        Some(r) => format!("  TANRAK_RELEASES: {r}\n"),
        None => "  # The GitHub repository (owner/name) whose releases hold tanrak's binaries: set it here\n  # or as the repository variable TANRAK_RELEASES (Settings → Secrets and variables → Actions).\n  TANRAK_RELEASES: ${{ vars.TANRAK_RELEASES }}\n".to_string(),
    };
    WORKFLOW
        .replace("@VERSION@", version)
        .replace("@RELEASES@\n", &releases_line)
}

const WORKFLOW: &str = include_str!("init/publish.yml");

/// `tanrak init`: the new site's files written, or `None` (nothing written; the problems are
/// in `diags`). Questions are asked in `lang` on standard error and read from `input`.
pub fn init(
    options: &Options,
    lang: Lang,
    input: &mut dyn BufRead,
    diags: &mut Diagnostics,
) -> Option<Vec<PathBuf>> {
    let folder = &options.folder;
    if !check_folder(folder, diags) {
        return None;
    }
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let title;
    match &options.from {
        Some(from) => {
            // The site started from has its own title, languages and areas.
            let given = [
                ("--title-th", options.title_th.is_some()),
                ("--title-en", options.title_en.is_some()),
                ("--languages", options.languages.is_some()),
                ("--area-word-th", options.area_word_th.is_some()),
                ("--area-word-en", options.area_word_en.is_some()),
            ];
            if let Some((flag, _)) = given.iter().find(|(_, g)| *g) {
                diags
                    .error(
                        "init",
                        folder,
                        Position::FILE,
                        msg!("init--from-flags", flag = *flag),
                    )
                    .help(msg!("init--from-flags.help", flag = *flag));
                return None;
            }
            files = from_site(from, folder, diags)?;
            title = folder
                .file_name()
                .map_or_else(|| "tanrak".into(), |n| n.to_string_lossy().into_owned());
        }
        None => {
            let a = answers(options, lang, input, diags)?;
            title = match a.languages[0] {
                Lang::Th => a.title_th.clone(),
                Lang::En => a.title_en.clone(),
            };
            files.extend(starter(&a).into_iter().map(|(p, t)| (p, t.into_bytes())));
        }
    }
    if options.theme && !files.iter().any(|(p, _)| p.starts_with("themes")) {
        files.extend(
            crate::render::theme::builtin_files()
                .map(|(name, bytes)| (PathBuf::from("themes/default").join(name), bytes.to_vec())),
        );
    }
    let version = format!("v{}", env!("CARGO_PKG_VERSION"));
    let releases = options.releases.as_deref().or(RELEASES);
    files.push((
        ".github/workflows/publish.yml".into(),
        workflow(&version, releases).into_bytes(),
    ));
    files.push(("README.md".into(), readme(&title).into_bytes()));
    files.push((".gitignore".into(), GITIGNORE.as_bytes().to_vec()));
    let mut written = Vec::new();
    for (rel, bytes) in &files {
        let path = folder.join(rel);
        let result = crate::sitefs::write(folder, &path, bytes, crate::sitefs::Existing::Refuse);
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
                    msg!("write--1", e = e.to_string()),
                )
                .help(msg!("write--h2"));
            return None;
        }
        written.push(path);
    }
    // The editors' schemas, from the report definition just written.
    let mut quiet = Diagnostics::new(folder);
    if let Some(schemas) = crate::content::schema::write(folder, &mut quiet) {
        written.extend(schemas);
    }
    Some(written)
}
