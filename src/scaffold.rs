//! `tanrak new`: start an area's record or a page from a correct skeleton.
//!
//! An editor adding an area or a page should not have to copy another file and guess what
//! to change. The skeletons pass `tanrak check` as written: a record (`tanrak new province
//! TH-50`, the word being the report's area key) takes its code, names and group from the
//! areas list and has no results yet, with every declared measure shown in a commented
//! example; a page gets a file with front matter in each of the site's languages. Nothing is
//! ever overwritten: if any file to be written already exists, nothing is written at all.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::content::AreaRow;
use crate::content::declared::{self, Declared};
use crate::content::raw::RawNational;
use crate::content::schema;
use crate::content::yaml::closest;
use crate::diagnostics::{Diagnostics, Position};
use crate::model::report::{Measure, Report};
use crate::model::{Date, Lang};
use crate::msg;
use crate::sitefs;
use crate::validate::{RESERVED, SLUG_MAX, is_slug, reserved_why};

/// Today's date (UTC) from the system clock: a new file's `updated` date.
pub fn today() -> Date {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 to a Gregorian date (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Date { year, month, day }
}

/// A YAML string that reads back exactly (a JSON string is a YAML double-quoted scalar).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

/// Write every file or none: refuse when any already exists.
/// Every file is written under `root`, through no link (see [`crate::sitefs`]).
fn write_all(
    root: &Path,
    files: &[(PathBuf, String)],
    diags: &mut Diagnostics,
) -> Option<Vec<PathBuf>> {
    let mut refused = false;
    for (path, _) in files {
        match sitefs::look(root, path) {
            Ok(None) => {}
            Ok(Some(_)) => {
                diags
                    .error("exists", path, Position::FILE, msg!("exists--1"))
                    .help(msg!("exists--h2"));
                refused = true;
            }
            Err(no) => {
                no.report(diags);
                refused = true;
            }
        }
    }
    if refused {
        return None;
    }
    let mut written = Vec::new();
    for (path, text) in files {
        let result = sitefs::write(root, path, text.as_bytes(), sitefs::Existing::Refuse);
        if let Err(refused) = result {
            if refused.report_rule(diags) {
                return None;
            }
            let sitefs::Refused::Io { error: e, .. } = refused else {
                return None;
            };
            diags
                .error(
                    "write",
                    path,
                    Position::FILE,
                    msg!("write--1", e = (e).to_string()),
                )
                .help(msg!("write--h2"));
            return None;
        }
        written.push(path.clone());
    }
    Some(written)
}

/// What `tanrak new` did.
#[derive(Debug)]
pub enum Made {
    /// These files were written.
    Written(Vec<PathBuf>),
    /// Nothing was written; the problems are in the diagnostics.
    Failed,
    /// The word after `new` names nothing `new` makes; the diagnostics say what does.
    UnknownKind,
}

impl From<Option<Vec<PathBuf>>> for Made {
    fn from(files: Option<Vec<PathBuf>>) -> Made {
        files.map_or(Made::Failed, Made::Written)
    }
}

/// `tanrak new WHAT NAME`: a page when `what` is `page`, else an area's record when `what` is
/// the report's area key (`province` for the bundled site, `district` for a district report).
pub fn new(root: &Path, what: &str, name: &str, diags: &mut Diagnostics) -> Made {
    if what == "page" {
        return page(root, name, diags).into();
    }
    if what == "update" {
        return update(root, name, diags).into();
    }
    let Some(d) = declared::read(root, diags) else {
        return Made::Failed;
    };
    let key = d.report.area.key.as_str();
    if what != key {
        let file = root.join("content").join(crate::content::REPORT_FILE);
        let help = match closest(what, &[key, "page"]) {
            Some(best) => msg!("new-kind--1.help-best", best = best, name = name),
            None => msg!("new-kind--1.help", key = key),
        };
        diags
            .error(
                "new-kind",
                &file,
                Position::FILE,
                msg!(
                    "new-kind--1",
                    key = (key).to_string(),
                    what = (what).to_string()
                ),
            )
            .help(help);
        return Made::UnknownKind;
    }
    area(root, &d, name, diags).into()
}

/// The column of `name` in the areas list, or an error saying the list's header is wrong.
fn column(d: &Declared, name: &str, diags: &mut Diagnostics) -> Option<usize> {
    let found = d.areas.header.iter().position(|h| h == name);
    if found.is_none() {
        diags
            .error(
                "csv-header",
                &d.areas_file,
                Position::new(1, 1),
                msg!("csv-header--2", name = (name).to_string()),
            )
            .help(msg!("csv-header--h3"));
    }
    found
}

fn cell(row: &AreaRow, i: usize) -> &str {
    row.cells.get(i).map_or("", String::as_str)
}

/// A measure's example value as written in a period: `0`, or its parts as a group.
fn example_value(report: &Report, m: &Measure) -> String {
    if m.parts.is_empty() {
        return "0".into();
    }
    let parts: Vec<String> = m
        .parts
        .iter()
        .map(|&p| {
            let part = report.measure(p);
            format!("{}: {}", part.key, example_value(report, part))
        })
        .collect();
    format!("{{{}}}", parts.join(", "))
}

/// The latest period of `content/national.yaml` for the example, if it can be read.
fn latest_period(root: &Path) -> Option<String> {
    let file = root.join("content").join("national.yaml");
    // Through `read_text`, which reads only a plain file (a pipe would never end).
    let mut quiet = Diagnostics::new(root);
    let text = crate::content::read_text(&file, &mut quiet)?;
    let national: RawNational = crate::content::yaml::parse(&file, &text, 0, &mut quiet)?;
    let last = national.periods.last()?;
    let p = &last.value.period.value;
    Some(format!(
        "{{start: {}, end: {}}}",
        p.start.value.0, p.end.value.0
    ))
}

/// `tanrak new <area-key> CODE`: the record and a narrative per language of an area in the
/// areas list.
fn area(root: &Path, d: &Declared, code: &str, diags: &mut Diagnostics) -> Option<Vec<PathBuf>> {
    let report = &d.report;
    let level = &report.area;
    let (key, list) = (level.key.as_str(), level.list.as_str());
    let langs = &d.langs.0;
    let code_col = column(d, "code", diags);
    let slug_col = column(d, "slug", diags);
    let name_cols: Vec<(Lang, Option<usize>)> = langs
        .iter()
        .map(|&l| (l, column(d, &format!("name_{l}"), diags)))
        .collect();
    let group_col = level.grouping.as_ref().map(|g| column(d, &g.key, diags));
    if diags.has_errors() {
        return None;
    }
    let (code_col, slug_col) = (code_col?, slug_col?);
    fn names_of<'r>(name_cols: &[(Lang, Option<usize>)], row: &'r AreaRow) -> Vec<(Lang, &'r str)> {
        name_cols
            .iter()
            .filter_map(|&(l, i)| Some((l, cell(row, i?))))
            .collect()
    }
    // In messages (which are in English), the English name first.
    let shown = |row: &AreaRow| -> String {
        let mut n = names_of(&name_cols, row);
        n.sort_by_key(|&(l, _)| l != Lang::EN);
        match n.split_first() {
            Some((first, rest)) if !rest.is_empty() => {
                let others: Vec<&str> = rest.iter().map(|&(_, s)| s).collect();
                format!("{} ({})", first.1, others.join(", "))
            }
            Some((first, _)) => first.1.to_string(),
            None => String::new(),
        }
    };
    let rows = &d.areas.rows;
    let wanted = code.trim();
    let Some(row) = rows
        .iter()
        .find(|r| cell(r, code_col).eq_ignore_ascii_case(wanted))
    else {
        let by_name = rows.iter().find(|r| {
            cell(r, slug_col).eq_ignore_ascii_case(wanted)
                || names_of(&name_cols, r)
                    .iter()
                    .any(|&(_, n)| n.eq_ignore_ascii_case(wanted))
        });
        let codes: Vec<&str> = rows.iter().map(|r| cell(r, code_col)).collect();
        // Codes are matched without regard to case (`th-50` is TH-50).
        let lower: Vec<String> = codes.iter().map(|c| c.to_lowercase()).collect();
        let lower_refs: Vec<&str> = lower.iter().map(String::as_str).collect();
        let nearest = closest(&wanted.to_lowercase(), &lower_refs)
            .and_then(|best| lower_refs.iter().position(|c| *c == best))
            .map(|i| codes[i]);
        let help = match (by_name, nearest) {
            (Some(r), _) => msg!(
                "unknown-code--2.help-name",
                area = shown(r),
                code = cell(r, code_col),
                key = key
            ),
            (None, Some(best)) => msg!("unknown-code--2.help-best", best = best),
            (None, None) => match codes.first() {
                Some(c) => msg!("unknown-code--2.help", list = list, example = *c),
                None => msg!("unknown-code--2.help-empty", list = list),
            },
        };
        diags
            .error(
                "unknown-code",
                &d.areas_file,
                Position::FILE,
                msg!(
                    "unknown-code--2",
                    wanted = (wanted).to_string(),
                    list = (list).to_string()
                ),
            )
            .help(help);
        return None;
    };
    let (code, slug) = (cell(row, code_col), cell(row, slug_col));
    // The slug becomes file names: the same rule as `check` (and no name the site's own
    // addresses take), so nothing lands outside the areas' folder.
    let mut taken: Vec<String> = RESERVED.iter().map(|s| s.to_string()).collect();
    taken.push(level.segment.clone());
    taken.extend(langs.iter().skip(1).map(|l| l.to_string()));
    if !is_slug(slug) || taken.iter().any(|t| t == slug) {
        diags
            .error(
                "bad-slug",
                &d.areas_file,
                Position::new(row.line, 1),
                msg!(
                    "bad-slug--3",
                    slug = (slug).to_string(),
                    code = (code).to_string()
                ),
            )
            .help(msg!(
                "bad-slug--h4",
                max = SLUG_MAX,
                taken = taken.join(", ")
            ));
        return None;
    }
    let date = today();
    let name_map: Vec<String> = names_of(&name_cols, row)
        .iter()
        .map(|(l, n)| format!("{l}: {}", quoted(n)))
        .collect();
    let mut record = format!(
        "# yaml-language-server: $schema=../../{}/{}\ncode: {}\nname: {{{}}}\n",
        schema::DIR,
        schema::record_file(report),
        plain(code),
        name_map.join(", ")
    );
    if let (Some(g), Some(Some(i))) = (&level.grouping, group_col) {
        record.push_str(&format!("{}: {}\n", g.key, plain(cell(row, i))));
    }
    record.push_str(&format!(
        "# official, provisional or illustrative: how far the figures can be relied on (a period\n\
         # may give its own `data_status`, which wins over this one)\n\
         data_status: provisional\n\
         updated: {date}\n"
    ));
    for f in &report.fields {
        let example: Vec<String> = langs.iter().map(|l| format!("{l}: \"…\"")).collect();
        record.push_str(&format!(
            "# Optional ({}):\n# {}: {{{}}}\n",
            labels(langs, &f.label),
            f.key,
            example.join(", ")
        ));
    }
    let period = latest_period(root).unwrap_or_else(|| "{start: YYYY-MM, end: YYYY-MM}".into());
    record.push_str(&format!(
        "# No results yet. Add one entry per reporting period, for example:\n#   - period: {period}\n"
    ));
    for m in report.top_level() {
        let optional = if m.optional { "  # optional" } else { "" };
        record.push_str(&format!(
            "#     {}: {}{optional}\n",
            m.key,
            example_value(report, m)
        ));
    }
    record.push_str("results: []\nevents: []\nsources: []\n");

    let dir = root.join("content").join(&level.segment);
    let mut files = vec![(dir.join(format!("{slug}.yaml")), record)];
    for &(lang, i) in &name_cols {
        let name = i.map_or("", |i| cell(row, i));
        let comment = if lang == Lang::TH {
            format!(
                "เขียนเรื่องราวการดำเนินงานของ{}{name}ที่นี่ แทนบรรทัดนี้",
                level.word.one.get(Lang::TH)
            )
        } else if lang == Lang::EN {
            format!("Write the story of the work in {name} here, in place of this line.")
        } else {
            format!(
                "Write the story of the work in {name} here, in {}, in place of this line.",
                lang.english_name()
            )
        };
        files.push((
            dir.join(format!("{slug}.{lang}.md")),
            format!("---\nupdated: {date}\n---\n<!-- {comment} -->\n"),
        ));
    }
    write_all(root, &files, diags)
}

/// A label in each language, `label / label`.
fn labels(langs: &[Lang], text: &crate::model::Text) -> String {
    let each: Vec<&str> = langs
        .iter()
        .map(|&l| text.get(l))
        .filter(|s| !s.is_empty())
        .collect();
    each.join(" / ")
}

/// A YAML scalar for a code or key: as it is when it reads back as the same text, else quoted.
fn plain(text: &str) -> String {
    let safe = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
        && text.parse::<f64>().is_err()
        && !matches!(
            text,
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n" | "~"
        );
    if safe { text.to_string() } else { quoted(text) }
}

/// `tanrak new page NAME`: the page's file in each of the site's languages.
pub fn page(root: &Path, name: &str, diags: &mut Diagnostics) -> Option<Vec<PathBuf>> {
    let langs = declared::languages(root, diags)?;
    let segment = declared::raw_report(root, diags)
        .map(|(_, r)| r.area.segment.value.trim().to_string())
        .unwrap_or_default();
    let dir = root.join("content").join("pages");
    let why = reserved_why(name, &langs)
        .or_else(|| (name == segment).then(|| "is the address of the areas' pages".to_string()))
        .or_else(|| (!is_slug(name)).then(|| "is not a valid address part".to_string()));
    if let Some(why) = why {
        let mut taken: Vec<String> = RESERVED.iter().map(|s| s.to_string()).collect();
        if !segment.is_empty() {
            taken.push(segment.clone());
        }
        taken.extend(langs.0.iter().skip(1).map(|l| l.to_string()));
        diags
            .error(
                "page-name",
                &dir.join(format!("{name}.{}.md", langs.0[0])),
                Position::FILE,
                msg!(
                    "page-name--3",
                    name = (name).to_string(),
                    why = (why).to_string()
                ),
            )
            .help(msg!("page-name--h4", v1 = (taken.join(", ")).to_string()));
        return None;
    }
    let date = today();
    let title = name.replace('-', " ");
    let files: Vec<(PathBuf, String)> = langs
        .0
        .iter()
        .map(|&lang| {
            let comment = if lang == Lang::TH {
                "เปลี่ยนชื่อเรื่อง (title) ด้านบน เพิ่มบรรทัด summary: ถ้าต้องการคำสรุป แล้วเขียนเนื้อหาของหน้าแทนบรรทัดนี้".to_string()
            } else if lang == Lang::EN {
                "Change the title above, add a summary: line if you want one, then write the page here in place of this line.".to_string()
            } else {
                format!("Change the title above, add a summary: line if you want one, then write the page here, in {}, in place of this line.", lang.english_name())
            };
            (
                dir.join(format!("{name}.{lang}.md")),
                format!(
                    "---\ntitle: {}\nupdated: {date}\n---\n<!-- {comment} -->\n",
                    quoted(&title)
                ),
            )
        })
        .collect();
    write_all(root, &files, diags)
}

/// Start a dated update note in each of the site's languages:
/// `content/updates/<today>-NAME.<lang>.md`, with `title` and today's `date`.
pub fn update(root: &Path, name: &str, diags: &mut Diagnostics) -> Option<Vec<PathBuf>> {
    let langs = declared::languages(root, diags)?;
    let dir = root.join("content").join("updates");
    let date = today();
    if !is_slug(name) {
        diags
            .error(
                "update-name",
                &dir.join(format!("{date}-{name}.{}.md", langs.0[0])),
                Position::FILE,
                msg!("update-name", name = name),
            )
            .help(msg!("update-name.help-new"));
        return None;
    }
    let title = name.replace('-', " ");
    let files: Vec<(PathBuf, String)> = langs
        .0
        .iter()
        .map(|&lang| {
            let comment = if lang == Lang::TH {
                "เปลี่ยนชื่อเรื่อง (title) ด้านบน เพิ่มบรรทัด summary: ถ้าต้องการคำสรุปที่แสดงในหน้าความเคลื่อนไหวและฟีด แล้วเขียนเนื้อหาแทนบรรทัดนี้ บันทึกนี้ยังไม่เผยแพร่จนกว่าจะลบบรรทัด draft: true ด้านบนออก".to_string()
            } else if lang == Lang::EN {
                "Change the title above, add a summary: line for the updates page and the feed if you want one, then write the note here in place of this line. It is not published until you remove the line draft: true above.".to_string()
            } else {
                format!("Change the title above, add a summary: line if you want one, then write the note here, in {}, in place of this line. It is not published until you remove the line draft: true above.", lang.english_name())
            };
            (
                dir.join(format!("{date}-{name}.{lang}.md")),
                format!(
                    "---\ntitle: {}\ndate: {date}\ndraft: true\n---\n<!-- {comment} -->\n",
                    quoted(&title)
                ),
            )
        })
        .collect();
    write_all(root, &files, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_calendar_dates() {
        assert_eq!(civil_from_days(0).to_string(), "1970-01-01");
        assert_eq!(civil_from_days(11_016).to_string(), "2000-02-29");
        assert_eq!(civil_from_days(20_417).to_string(), "2025-11-25");
    }
}
