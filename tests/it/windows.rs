//! The Windows build (issue 12): `tanrak.exe`, cross-compiled with mingw-w64, checks and
//! builds the bundled site under Wine the way an officer's PC would hold it: in a folder under
//! a Thai user name with spaces, given with backslashes, every text file saved by Notepad (CRLF
//! line ends, some with a UTF-8 byte-order mark). Its reports and its site must be exactly the
//! Linux binary's on the same files. It speaks Thai, as it will to the officer.
//!
//! `.ci/run` makes the exe (`cargo build --target x86_64-pc-windows-gnu`) and names it in
//! `TANRAK_WINDOWS_EXE`; see `.ci/wine/` for the one stand-in DLL Debian's Wine 8 needs.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{Run, copy_tree, repo_root, tree};

/// The Windows user folder the site is put in: a Thai name with a space, as many officers have.
const USER: &str = "สมศรี ใจดี";
const SITE: &str = "Documents\\รายงาน ปี 2560";

fn windows_exe() -> PathBuf {
    let exe = std::env::var_os("TANRAK_WINDOWS_EXE")
        .map(PathBuf::from)
        .expect("TANRAK_WINDOWS_EXE names the cross-built tanrak.exe (.ci/run sets it)");
    assert!(exe.is_file(), "{} is not a file", exe.display());
    exe
}

/// Rewrite every text file as Notepad saves it: CRLF line ends, and a byte-order mark on
/// every other file (Notepad before Windows 10 1903 always wrote one).
fn as_notepad_saves(dir: &Path) {
    let mut n = 0;
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        let text_file = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "md" | "csv")
        );
        if !entry.file_type().is_file() || !text_file {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let mut bytes = Vec::new();
        if n % 2 == 1 {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
        }
        bytes.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
        std::fs::write(path, bytes).unwrap();
        n += 1;
    }
}

struct Wine {
    prefix: tempfile::TempDir,
    exe: PathBuf,
}

impl Wine {
    fn new() -> Wine {
        let prefix = tempfile::tempdir().unwrap();
        Wine {
            prefix,
            exe: windows_exe(),
        }
    }

    /// The site folder as Linux sees it, inside the Wine prefix's C: drive.
    fn site_dir(&self) -> PathBuf {
        self.prefix
            .path()
            .join("drive_c/users")
            .join(USER)
            .join(SITE.replace('\\', "/"))
    }

    /// The same folder as Windows programs see it.
    fn site_path(&self) -> String {
        format!("C:\\users\\{USER}\\{SITE}")
    }

    fn run(&self, args: &[&str], cwd: &Path) -> Run {
        let out = Command::new("wine")
            .arg(&self.exe)
            .args(args)
            .args(["--lang", "th"])
            .current_dir(cwd)
            .env("WINEPREFIX", self.prefix.path())
            .env("WINEDEBUG", "-all")
            .env("USERNAME", USER)
            .env("USERPROFILE", format!("C:\\users\\{USER}"))
            .env("NO_COLOR", "1")
            .output()
            .expect("cannot run wine");
        Run::from(out)
    }
}

fn linux(args: &[&str], root: &Path) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_tanrak"))
        .args(args)
        .args(["--lang", "th"])
        .arg("--root")
        .arg(root)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Run::from(out)
}

/// `… ใช้เวลา 123 มิลลิวินาที` → `… ใช้เวลา N มิลลิวินาที`: the only part of a report that
/// may differ.
fn without_time(text: &str) -> String {
    text.lines()
        .map(|l| match l.find(" มิลลิวินาที") {
            Some(end) => {
                let start = l[..end]
                    .trim_end_matches(|c: char| c.is_ascii_digit())
                    .len();
                format!("{}N{}", &l[..start], &l[end..])
            }
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
#[ignore = "needs Wine and a cross-built tanrak.exe in TANRAK_WINDOWS_EXE (.ci/run)"]
fn windows_exe_checks_and_builds_the_bundled_site_under_wine() {
    let wine = Wine::new();
    let site = wine.site_dir();
    copy_tree(&repo_root().join("content"), &site.join("content"));
    as_notepad_saves(&site.join("content"));
    let raw = std::fs::read(site.join("content/site.yaml")).unwrap();
    assert!(raw.windows(2).any(|w| w == b"\r\n"), "not CRLF");

    let version = wine.run(&["--version"], wine.prefix.path());
    assert_eq!(version.code, 0, "{}", version.stderr);
    assert!(version.stdout.starts_with("tanrak "), "{}", version.stdout);

    // check, with the root given with backslashes, reports exactly what Linux reports.
    let root = wine.site_path();
    let win = wine.run(&["check", "--root", &root], wine.prefix.path());
    let lin = linux(&["check"], &site);
    assert_eq!(win.code, 0, "{}", win.stderr);
    assert_eq!(win.stderr, lin.stderr);
    assert!(win.stderr.contains("ตรวจแล้ว: ไม่พบปัญหา"), "{}", win.stderr);

    // build from inside the site folder (no --root), as a double-clicked shortcut would.
    let win = wine.run(&["build"], &site);
    assert_eq!(win.code, 0, "{}", win.stderr);
    assert!(win.stdout.starts_with("สร้างเว็บไซต์แล้ว "), "{}", win.stdout);
    let win_site = tree(&site.join("public"));
    std::fs::rename(
        site.join("public"),
        wine.prefix.path().join("public-windows"),
    )
    .unwrap();
    let lin = linux(&["build"], &site);
    assert_eq!(lin.code, 0, "{}", lin.stderr);
    // The Windows build drew every preview image into the site's cache; the Linux build after
    // it takes them all from there (and the sites are compared byte for byte below).
    let images = win
        .stdout
        .split("ภาพตัวอย่างสำหรับแชร์ ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .expect("the summary counts preview images");
    let win_summary = without_time(&win.stdout);
    assert!(win_summary.contains("(จากแคช 0 ภาพ)"), "{win_summary}");
    assert_eq!(
        win_summary.replace("(จากแคช 0 ภาพ)", &format!("(จากแคช {images} ภาพ)")),
        without_time(&lin.stdout)
    );
    let lin_site = tree(&site.join("public"));
    assert!(win_site.contains_key("provinces/chiang-mai/index.html"));
    let differ: Vec<&String> = lin_site
        .iter()
        .filter(|(name, bytes)| win_site.get(*name) != Some(*bytes))
        .map(|(name, _)| name)
        .chain(win_site.keys().filter(|k| !lin_site.contains_key(*k)))
        .take(10)
        .collect();
    assert!(
        differ.is_empty(),
        "the Windows build differs from the Linux build in {differ:?}"
    );

    // A second build over the first replaces it (the atomic swap works on Windows too).
    let again = wine.run(&["build", "--root", &root], wine.prefix.path());
    assert_eq!(again.code, 0, "{}", again.stderr);

    // A mistake in a CRLF file is reported on the right line and column, as on Linux, and
    // the previous site is left as it was.
    let record = site.join("content/provinces/phuket.yaml");
    let text = std::fs::read_to_string(&record).unwrap();
    assert!(text.contains("en: Phuket}\r\n"));
    std::fs::write(
        &record,
        text.replacen("en: Phuket}\r\n", "en: Phuket\r\n", 1),
    )
    .unwrap();
    let before = tree(&site.join("public"));
    let win = wine.run(&["build", "--root", &root], wine.prefix.path());
    let lin = linux(&["check"], &site);
    assert_eq!(win.code, 1, "{}", win.stderr);
    let first = |s: &str| {
        s.lines()
            .find(|l| l.contains(": ข้อผิดพลาด: "))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        first(&win.stderr).starts_with("content/provinces/phuket.yaml:"),
        "{}",
        win.stderr
    );
    assert_eq!(first(&win.stderr), first(&lin.stderr));
    assert_eq!(tree(&site.join("public")), before);
}
