//! Issue 12: tanrak speaks Thai or English — `--lang`, else `LC_ALL`/`LANG`, else the site's
//! first language — in its reports, help lines, summaries and command-line help, while the
//! codes in `--format json` stay the same in both.

use crate::support::*;

/// The tiny site with a tab, a misgrouped number and a missing colon in its records.
fn broken_site() -> Site {
    let site = Site::fixture("tiny");
    site.write("content/provinces/phuket.en.md", "Phuket's narrative.\n");
    site.edit(
        "content/provinces/phuket.yaml",
        "    beneficiaries: 400",
        "\tbeneficiaries: 400",
    );
    site.edit(
        "content/provinces/chiang-mai.yaml",
        "    beneficiaries: 500",
        "    beneficiaries: 2,48,5",
    );
    site.edit(
        "content/provinces/bangkok.yaml",
        "region: central",
        "region central",
    );
    site
}

const THAI_REPORT: &str = "\
content/provinces/bangkok.yaml:3:1: ข้อผิดพลาด: ไม่มีเครื่องหมายทวิภาค (:) หลังชื่อช่อง `region`
  |
3 | region central
  | ^^^^^^
  วิธีแก้: ให้เขียนเป็น `region: central` คือ ชื่อช่อง ตามด้วย : เว้นวรรคหนึ่งช่อง แล้วจึงเป็นค่า

content/provinces/chiang-mai.yaml:11:20: ข้อผิดพลาด: `2,48,5` ใส่เครื่องหมายจุลภาค (,) ผิดตำแหน่ง
   |
11 |     beneficiaries: 2,48,5
   |                    ^^^^^^
  วิธีแก้: จุลภาคคั่นทุกสามหลัก นับจากขวา เช่น 2,485 หรือ 248,500 หรือจะเขียนโดยไม่มีจุลภาคก็ได้

content/provinces/phuket.yaml:11:1: ข้อผิดพลาด: บรรทัดนี้ย่อหน้าด้วยปุ่ม Tab
   |
11 | \tbeneficiaries: 400
   | ^
  วิธีแก้: YAML นับเฉพาะการเว้นวรรค ให้ลบ Tab ออกแล้วเว้นวรรคแทน ระดับละสองช่อง

ตรวจแล้ว: ข้อผิดพลาด 3 รายการ คำเตือน 0 รายการ
";

#[test]
fn issue_12_check_speaks_thai_with_lang_th() {
    let site = broken_site();
    let run = site.run(&["check", "--lang", "th"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, THAI_REPORT);
}

#[test]
fn issue_12_the_environment_chooses_the_language_and_the_flag_wins() {
    let site = broken_site();
    assert_eq!(site.run_in("th_TH.UTF-8", &["check"]).stderr, THAI_REPORT);
    let english = site
        .run_in("th_TH.UTF-8", &["check", "--lang", "en"])
        .stderr;
    assert!(
        english.contains(
            "content/provinces/phuket.yaml:11:1: error: this line is indented with a tab\n"
        ),
        "{english}"
    );
    assert!(
        english.ends_with("check: 3 errors, 0 warnings\n"),
        "{english}"
    );
    // LANG=C names no language: the site's first language (Thai here) is used.
    assert_eq!(site.run_in("C", &["check"]).stderr, THAI_REPORT);
    site.edit(
        "content/site.yaml",
        "languages: [th, en]",
        "languages: [en, th]",
    );
    let english_site = site.run_in("C", &["check"]).stderr;
    assert!(
        english_site.ends_with("check: 3 errors, 0 warnings\n"),
        "{english_site}"
    );
}

#[test]
fn issue_12_json_codes_are_the_same_in_both_languages() {
    let site = broken_site();
    let parse = |lang: &str| -> Vec<serde_json::Value> {
        let run = site.run(&["check", "--format", "json", "--lang", lang]);
        serde_json::from_str(&run.stdout).unwrap()
    };
    let (th, en) = (parse("th"), parse("en"));
    let codes = |v: &[serde_json::Value]| -> Vec<(String, String, u64, u64)> {
        v.iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_string(),
                    d["severity"].as_str().unwrap().to_string(),
                    d["line"].as_u64().unwrap(),
                    d["column"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(codes(&th), codes(&en));
    assert_eq!(codes(&en)[0], ("yaml".into(), "error".into(), 3, 1));
    assert_eq!(th[2]["message"].as_str(), Some("บรรทัดนี้ย่อหน้าด้วยปุ่ม Tab"));
    assert_eq!(
        en[2]["message"].as_str(),
        Some("this line is indented with a tab")
    );
}

#[test]
fn issue_12_build_summary_and_help_are_in_thai() {
    let site = Site::fixture("tiny");
    site.write("content/provinces/phuket.en.md", "Phuket's narrative.\n");
    let run = site.run(&["build", "--lang", "th"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("สร้างเว็บไซต์แล้ว ") && run.stdout.contains(" มิลลิวินาที"),
        "{}",
        run.stdout
    );
    site.edit(
        "content/site.yaml",
        "languages: [th, en]",
        "languages: [th, en",
    );
    let failed = site.run(&["build", "--lang", "th"]);
    assert_eq!(failed.code, 1);
    assert!(
        failed.stderr.ends_with(
            "สร้างเว็บไซต์ไม่สำเร็จ: ข้อผิดพลาด 1 รายการ คำเตือน 0 รายการ โฟลเดอร์ผลลัพธ์ยังเป็นฉบับเดิม ไม่มีการเปลี่ยนแปลง\n"
        ),
        "{}",
        failed.stderr
    );

    let help = site.run(&["check", "--help", "--lang", "th"]);
    assert_eq!(help.code, 0, "{}", help.stderr);
    for expected in [
        "ตรวจเนื้อหาทุกข้อเช่นเดียวกับการสร้างเว็บไซต์ และตรวจเพิ่มเติม โดยไม่เขียนแฟ้มเว็บไซต์\n",
        "วิธีใช้: tanrak check",
        "ตัวเลือก:\n",
        "--deny-warnings    ถือว่าไม่ผ่าน (รหัสจบ 1) เมื่อมีคำเตือนด้วย",
        "-h, --help             แสดงคำอธิบายนี้\n",
    ] {
        assert!(
            help.stdout.contains(expected),
            "no {expected:?} in:\n{}",
            help.stdout
        );
    }
    assert!(!help.stdout.contains("Print help"), "{}", help.stdout);
    let english = site.run(&["check", "--help", "--lang", "en"]);
    assert!(
        english.stdout.contains("Usage: tanrak check") && english.stdout.contains("Print help"),
        "{}",
        english.stdout
    );
}

/// The editors' guides quote tanrak's real words: the example error in each guide is what
/// `check` prints for that mistake in that language.
#[test]
fn issue_12_the_guides_quote_the_real_messages() {
    let site = Site::bundled();
    site.edit(
        "content/provinces/roi-et.yaml",
        "    beneficiaries: 2053",
        "    beneficiaries: 2O53",
    );
    for (lang, guide) in [("th", "docs/editing.th.md"), ("en", "docs/editing.en.md")] {
        let run = site.run(&["check", "--lang", lang]);
        let first = run.stderr.lines().next().unwrap_or_default();
        let text = std::fs::read_to_string(repo_root().join(guide)).unwrap();
        assert!(
            first.starts_with("content/provinces/roi-et.yaml:15:20: ") && text.contains(first),
            "{guide} does not quote {first:?}"
        );
    }
}

/// The checks issue 9 added speak Thai too: a refused output folder, a script address, a
/// control character, a figure with a leading zero, and the count of problems not shown.
#[test]
fn issue_12_the_safety_checks_of_issue_9_speak_thai() {
    let site = Site::fixture("tiny");
    site.write("content/provinces/phuket.en.md", "Phuket's narrative.\n");
    let run = site.run(&["build", "--lang", "th", "--output", "content"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "--output: ข้อผิดพลาด: โฟลเดอร์ผลลัพธ์ `{}` เป็นโฟลเดอร์ `content/` ของเว็บไซต์ หรือซ้อนทับกับโฟลเดอร์นั้น ซึ่งการสร้างเว็บไซต์จะเขียนทับ\n  วิธีแก้: ให้สร้างเว็บไซต์ลงในโฟลเดอร์แยกต่างหากข้าง `content/` เช่น --output public (ค่าที่ใช้อยู่เดิม)",
            site.path("content").display()
        )),
        "{}",
        run.stderr
    );

    site.write(
        "content/provinces/phuket.en.md",
        "Phuket's [narrative](javascript:alert(1)).\n",
    );
    site.edit(
        "content/provinces/phuket.yaml",
        "beneficiaries: 400",
        "beneficiaries: 0400",
    );
    let run = site.run(&["check", "--lang", "th"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "content/provinces/phuket.en.md:1:22: ข้อผิดพลาด: เผยแพร่ที่อยู่ `javascript:alert(1)` ไม่ได้ ลิงก์และรูปภาพต้องชี้ไปยังที่อยู่ประเภท http:, https:, mailto:, tel: หรือหน้าในเว็บไซต์นี้เท่านั้น",
        "content/provinces/phuket.yaml:11:20: ข้อผิดพลาด: `0400` ขึ้นต้นด้วยเลขศูนย์ ให้เขียนโดยไม่มีศูนย์นำหน้า เช่น 400",
    ] {
        assert!(
            run.stderr.contains(expected),
            "no {expected:?} in:\n{}",
            run.stderr
        );
    }

    // 60 control characters in one file: 50 shown, the rest counted in Thai.
    site.write("content/provinces/phuket.en.md", &"\u{1}\n".repeat(60));
    let run = site.run(&["check", "--lang", "th"]);
    for expected in [
        "content/provinces/phuket.en.md:50:1: ข้อผิดพลาด: บรรทัดนี้มีอักขระควบคุมที่มองไม่เห็นปนอยู่ (U+0001)",
        "content/provinces/phuket.en.md: ยังมีปัญหาในแฟ้มนี้อีก 10 รายการที่ไม่ได้แสดง โปรดแก้ไขรายการข้างต้นก่อน แล้วตรวจอีกครั้ง",
    ] {
        assert!(
            run.stderr.contains(expected),
            "no {expected:?} in:\n{}",
            run.stderr
        );
    }
}
