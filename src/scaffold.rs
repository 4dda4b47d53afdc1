//! `tanrak new`: start a province record or a page from a correct skeleton.
//!
//! An editor adding an area or a page should not have to copy another file and guess what
//! to change. The skeletons pass `tanrak check` as written: a province record takes its
//! code, names and region from `content/areas.csv` and has no results yet; a page gets both
//! language files with front matter. Nothing is ever overwritten: if any file to be written
//! already exists, nothing is written at all.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::content::yaml::closest;
use crate::content::{areas, read_text};
use crate::diagnostics::{Diagnostics, Position};
use crate::model::Date;
use crate::validate::{RESERVED, is_slug};

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
fn write_all(files: &[(PathBuf, String)], diags: &mut Diagnostics) -> Option<Vec<PathBuf>> {
    let mut refused = false;
    for (path, _) in files {
        if path.exists() {
            diags
                .error("exists", path, Position::FILE, "this file already exists; `tanrak new` never replaces a file")
                .help("edit the file that is there, or delete it first if you really want to start again");
            refused = true;
        }
    }
    if refused {
        return None;
    }
    let mut written = Vec::new();
    for (path, text) in files {
        let result = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| OpenOptions::new().write(true).create_new(true).open(path))
            .and_then(|mut f| f.write_all(text.as_bytes()));
        if let Err(e) = result {
            diags
                .error(
                    "write",
                    path,
                    Position::FILE,
                    format!("cannot write this file: {e}"),
                )
                .help("check that the folder exists and can be written");
            return None;
        }
        written.push(path.clone());
    }
    Some(written)
}

/// `tanrak new province CODE`: the record and both narratives of an area from areas.csv.
pub fn province(root: &Path, code: &str, diags: &mut Diagnostics) -> Option<Vec<PathBuf>> {
    let content = root.join("content");
    let areas_file = content.join("areas.csv");
    let text = read_text(&areas_file, diags)?;
    let rows = areas::parse(&areas_file, &text, diags);
    if diags.has_errors() {
        return None;
    }
    let wanted = code.trim();
    let Some(row) = rows.iter().find(|r| r.code.eq_ignore_ascii_case(wanted)) else {
        let by_name = rows.iter().find(|r| {
            r.slug.eq_ignore_ascii_case(wanted)
                || r.name_en.eq_ignore_ascii_case(wanted)
                || r.name_th == wanted
        });
        let codes: Vec<&str> = rows.iter().map(|r| r.code.as_str()).collect();
        let help = match (by_name, closest(&wanted.to_uppercase(), &codes)) {
            (Some(r), _) => format!(
                "{} ({}) has the code {}: run `tanrak new province {}`",
                r.name_en, r.name_th, r.code, r.code
            ),
            (None, Some(best)) => format!("did you mean {best}?"),
            (None, None) => "use a code from content/areas.csv, like TH-50".into(),
        };
        diags
            .error(
                "unknown-code",
                &areas_file,
                Position::FILE,
                format!("`{wanted}` is not a code in content/areas.csv"),
            )
            .help(help);
        return None;
    };
    let date = today();
    let dir = content.join("provinces");
    let record = format!(
        "# yaml-language-server: $schema=../../schemas/province.schema.json\n\
         code: {code}\n\
         name: {{th: {th}, en: {en}}}\n\
         region: {region}\n\
         # official, provisional or illustrative: how far the figures can be relied on\n\
         data_status: provisional\n\
         updated: {date}\n\
         # No results yet. Add one entry per reporting period, for example:\n\
         #   - period: {{start: 2016-10, end: 2017-05}}\n\
         #     target_groups: {{agriculture: 0, processing: 0, community_tourism: 0}}\n\
         #     groups_with_higher_income: 0\n\
         #     income_increase_baht: 0\n\
         #     beneficiaries: 0\n\
         results: []\n\
         events: []\n\
         sources: []\n",
        code = row.code,
        th = quoted(&row.name_th),
        en = quoted(&row.name_en),
        region = row.region,
    );
    let narrative = |comment: &str| format!("---\nupdated: {date}\n---\n<!-- {comment} -->\n");
    let files = [
        (dir.join(format!("{}.yaml", row.slug)), record),
        (
            dir.join(format!("{}.th.md", row.slug)),
            narrative(&format!(
                "เขียนเรื่องราวการดำเนินงานของจังหวัด{}ที่นี่ แทนบรรทัดนี้",
                row.name_th
            )),
        ),
        (
            dir.join(format!("{}.en.md", row.slug)),
            narrative(&format!(
                "Write the story of the work in {} here, in place of this line.",
                row.name_en
            )),
        ),
    ];
    write_all(&files, diags)
}

/// `tanrak new page NAME`: both language files of a page.
pub fn page(root: &Path, name: &str, diags: &mut Diagnostics) -> Option<Vec<PathBuf>> {
    let dir = root.join("content").join("pages");
    let reserved = RESERVED.contains(&name);
    if reserved || !is_slug(name) {
        let why = if reserved {
            "is reserved for the site's own pages"
        } else {
            "is not a valid address part"
        };
        diags
            .error("page-name", &dir.join(format!("{name}.th.md")), Position::FILE, format!("the page name `{name}` {why}"))
            .help(format!(
                "use lower-case English letters, digits and hyphens (like `how-to-apply`), and none of: {}",
                RESERVED.join(", ")
            ));
        return None;
    }
    let date = today();
    let title = name.replace('-', " ");
    let file = |lang: &str, comment: &str| {
        (
            dir.join(format!("{name}.{lang}.md")),
            format!(
                "---\ntitle: {}\nupdated: {date}\n---\n<!-- {comment} -->\n",
                quoted(&title)
            ),
        )
    };
    let files = [
        file(
            "th",
            "เปลี่ยนชื่อเรื่อง (title) ด้านบน เพิ่มบรรทัด summary: ถ้าต้องการคำสรุป แล้วเขียนเนื้อหาของหน้าแทนบรรทัดนี้",
        ),
        file(
            "en",
            "Change the title above, add a summary: line if you want one, then write the page here in place of this line.",
        ),
    ];
    write_all(&files, diags)
}

/// Start a dated update note in both languages: `content/updates/<today>-NAME.th.md` and
/// `.en.md`, with `title` and today's `date`.
pub fn update(root: &Path, name: &str, diags: &mut Diagnostics) -> Option<Vec<PathBuf>> {
    let dir = root.join("content").join("updates");
    let date = today();
    if !is_slug(name) {
        diags
            .error(
                "update-name",
                &dir.join(format!("{date}-{name}.th.md")),
                Position::FILE,
                format!("the note name `{name}` is not a valid address part"),
            )
            .help("use lower-case English letters, digits and hyphens, like `new-figures`; the date is put in front of it for you");
        return None;
    }
    let title = name.replace('-', " ");
    let file = |lang: &str, comment: &str| {
        (
            dir.join(format!("{date}-{name}.{lang}.md")),
            format!(
                "---\ntitle: {}\ndate: {date}\n---\n<!-- {comment} -->\n",
                quoted(&title)
            ),
        )
    };
    let files = [
        file(
            "th",
            "เปลี่ยนชื่อเรื่อง (title) ด้านบน เพิ่มบรรทัด summary: ถ้าต้องการคำสรุปที่แสดงในหน้าความเคลื่อนไหวและฟีด แล้วเขียนเนื้อหาแทนบรรทัดนี้ ถ้ายังไม่พร้อมเผยแพร่ ให้เพิ่มบรรทัด draft: true",
        ),
        file(
            "en",
            "Change the title above, add a summary: line for the updates page and the feed if you want one, then write the note here in place of this line. Add draft: true while it is not ready to publish.",
        ),
    ];
    write_all(&files, diags)
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
