//! Helpers shared by the integration tests: copy a fixture site to a temporary folder, run
//! the real `tanrak` binary on it, and read what it wrote.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (the bundled site lives here).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests").join("fixtures").join(name)
}

/// Copy a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A site copied into a temporary folder, ready to build.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    /// A copy of `tests/fixtures/<name>` (its `content/`, and `themes/` if it has one).
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&fixture(name), dir.path());
        Site { dir }
    }

    /// A copy of the bundled site's content (the real site), using the built-in theme.
    pub fn bundled() -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&repo_root().join("content"), &dir.path().join("content"));
        Site { dir }
    }

    /// A copy of an example site's content (`examples/<name>/content`), using the built-in
    /// theme.
    pub fn example(name: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(
            &repo_root().join("examples").join(name).join("content"),
            &dir.path().join("content"),
        );
        Site { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    /// Replace `from` with `to` in a file, failing if `from` is not there.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Run `tanrak <args> --root <site>`, in English (as on a machine whose `LANG` is
    /// English; the tests of Thai messages choose Thai themselves).
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_in("en_US.UTF-8", args)
    }

    /// Run `tanrak <args> --root <site>` with `LANG` set to `lang` (and no `LC_ALL`).
    pub fn run_in(&self, lang: &str, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_tanrak"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("NO_COLOR", "1")
            .env("LANG", lang)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .output()
            .unwrap();
        Run::from(output)
    }

    /// Run `tanrak <args> --root <site>` with extra environment variables.
    pub fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_tanrak"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("NO_COLOR", "1")
            .envs(env.iter().copied())
            .output()
            .unwrap();
        Run::from(output)
    }

    /// `tanrak build` into `public/`.
    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    /// Build and insist it succeeded.
    pub fn build_ok(&self) -> Run {
        let run = self.build();
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        run
    }

    /// A file of the built site.
    pub fn output(&self, rel: &str) -> String {
        let p = self.out().join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read output {rel}: {e}"))
    }
}

/// The result of running the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// Every file under a folder, as relative path → bytes, for comparing whole trees.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Add the measure `otop_sales_baht` (money, summed, with an area chart) to a copy of the
/// bundled site by editing only files under `content/`: the definition, every record with
/// figures (a made-up value each) and the national figures (their exact sum), which it returns.
pub fn add_a_measure(site: &Site) -> u64 {
    site.edit(
        "content/report.yaml",
        "\ncharts:\n",
        "  - key: otop_sales_baht\n    label: {th: \"ยอดขายผลิตภัณฑ์ชุมชน (บาท)\", en: \"Sales of local products (baht)\"}\n    short: {th: ยอดขายผลิตภัณฑ์ชุมชน, en: Sales of local products}\n    description: {th: ยอดขายผลิตภัณฑ์ชุมชน ตัวเลขทดสอบ, en: Sales of local products (a test figure)}\n    unit: money\n    currency: THB\n    sums: true\n\ncharts:\n",
    );
    site.edit(
        "content/report.yaml",
        "  area:\n",
        "  area:\n    - kind: measures\n      measures: [otop_sales_baht]\n      id: otop\n",
    );
    let mut files: Vec<_> = std::fs::read_dir(site.path("content/provinces"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    let mut total = 0u64;
    for (i, path) in files.iter().enumerate() {
        let text = std::fs::read_to_string(path).unwrap();
        let Some(at) = text.find("    beneficiaries: ") else {
            continue;
        };
        let end = at + text[at..].find('\n').unwrap() + 1;
        let value = 1000 + i as u64 * 7;
        total += value;
        let text = format!(
            "{}    otop_sales_baht: {value}\n{}",
            &text[..end],
            &text[end..]
        );
        std::fs::write(path, text).unwrap();
    }
    site.edit(
        "content/national.yaml",
        "    beneficiaries: 203776\n",
        &format!("    beneficiaries: 203776\n    otop_sales_baht: {total}\n"),
    );
    total
}

/// `1234567` → `1,234,567`, as pages and messages group digits.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The end of the element that loads the theme's one script on every page, a file of its own
/// under /assets/ (a script written into the page would be blocked by the deploy examples'
/// Content-Security-Policy): closed disclosures are opened while printing. Pages need it for
/// nothing else (the print stylesheet shows what disclosures hold in browsers that know
/// `::details-content`).
pub const PRINT_SCRIPT: &str = "print.js\" defer></script>";

/// `html` without the print script's element, for checks that no page needs JavaScript.
pub fn without_print_script(html: &str) -> String {
    match html.find(PRINT_SCRIPT) {
        Some(end) => {
            let at = html[..end].rfind("<script").unwrap_or(end);
            let end = end + PRINT_SCRIPT.len();
            format!("{}{}", &html[..at], &html[end..])
        }
        None => html.to_string(),
    }
}
