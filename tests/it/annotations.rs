//! `tanrak check --format github`: each problem as a GitHub workflow command, marked on its
//! file and line in the site's language with the help line kept; and warnings a site has
//! accepted in `site.yaml` (`check: accept:`), which no report shows.

use crate::support::*;

/// The tiny fixture with two mistakes in its accepted-warnings list (a code that does not
/// exist, a file outside the site) and its one standing warning (Phuket's English narrative).
fn site_with_mistakes() -> Site {
    let site = Site::fixture("tiny");
    let text = site.read("content/site.yaml");
    site.write(
        "content/site.yaml",
        &format!(
            "{text}check:\n  accept:\n    - {{code: unused-files, file: content/x.yaml}}\n    - {{code: empty-contact, file: ../site.yaml}}\n"
        ),
    );
    site
}

#[test]
fn github_format_marks_each_problem_on_its_file_and_line_with_its_help_in_english() {
    let site = site_with_mistakes();
    let run = site.run(&["check", "--format", "github", "--lang", "en"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "::warning file=content/provinces/phuket.en.md,title=tanrak%3A warning (missing-narrative)::Phuket has no English narrative%0Ahelp: write it in content/provinces/phuket.en.md; until then the page says the text is not yet available in English\n\
         ::error file=content/site.yaml,line=15,col=14,title=tanrak%3A error (accept-code)::`unused-files` is not the code of any problem tanrak reports%0Ahelp: did you mean `unused-file`? The codes are in the `code` field of `tanrak check --format json`\n\
         ::error file=content/site.yaml,line=16,col=35,title=tanrak%3A error (accept-file)::`../site.yaml` is not a file inside the site's folder%0Ahelp: write the file as `tanrak check` shows it, from the site's folder, like `content/site.yaml`\n"
    );
    assert_eq!(run.stderr, "check: 2 errors, 1 warning\n");
}

#[test]
fn github_format_speaks_thai_for_a_thai_site() {
    let site = site_with_mistakes();
    // No --lang and an English-less environment: the site's first language, Thai.
    let run = site.run_in("C", &["check", "--format", "github"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "::warning file=content/provinces/phuket.en.md,title=tanrak%3A คำเตือน (missing-narrative)::Phuket ยังไม่มีเรื่องราวภาษาอังกฤษ%0Aวิธีแก้: ให้เขียนไว้ที่ content/provinces/phuket.en.md ระหว่างนี้หน้าเว็บจะแจ้งว่ายังไม่มีข้อความภาษาอังกฤษ\n\
         ::error file=content/site.yaml,line=15,col=14,title=tanrak%3A ข้อผิดพลาด (accept-code)::`unused-files` ไม่ใช่รหัสของปัญหาใดที่ tanrak รายงาน%0Aวิธีแก้: หมายถึง `unused-file` หรือไม่ ดูรหัสได้จากช่อง `code` ในผลของ `tanrak check --format json`\n\
         ::error file=content/site.yaml,line=16,col=35,title=tanrak%3A ข้อผิดพลาด (accept-file)::`../site.yaml` ไม่ใช่แฟ้มในโฟลเดอร์ของเว็บไซต์%0Aวิธีแก้: ให้เขียนชื่อแฟ้มตามที่ `tanrak check` แสดง โดยนับจากโฟลเดอร์ของเว็บไซต์ เช่น `content/site.yaml`\n"
    );
    assert_eq!(run.stderr, "ตรวจแล้ว: ข้อผิดพลาด 2 รายการ คำเตือน 1 รายการ\n");
}

#[test]
fn an_accepted_warning_is_in_no_report_and_other_files_keep_theirs() {
    let site = Site::fixture("tiny");
    let text = site.read("content/site.yaml");
    // Accepted for another file: still reported.
    site.write(
        "content/site.yaml",
        &format!(
            "{text}check:\n  accept:\n    - {{code: missing-narrative, file: content/provinces/bangkok.en.md}}\n"
        ),
    );
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("::warning file=content/provinces/phuket.en.md,"),
        "{}",
        run.stdout
    );
    // Accepted for its own file: gone from every format, and from the counts.
    site.write(
        "content/site.yaml",
        &format!(
            "{text}check:\n  accept:\n    - {{code: missing-narrative, file: content/provinces/phuket.en.md}}\n"
        ),
    );
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    assert_eq!(run.stderr, "check: 0 errors, 0 warnings\n");
    let run = site.run(&["check", "--deny-warnings"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "check: no problems found\n");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.stdout.trim(), "[]");
    let run = site.build_ok();
    assert!(!run.stderr.contains("narrative"), "{}", run.stderr);
}

#[test]
fn the_bundled_site_marks_nothing_on_a_commit() {
    let site = Site::bundled();
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
}
