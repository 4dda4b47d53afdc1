//! Nothing outside the site's folder is read, written or removed through a link, and no
//! special file is opened, in any folder tanrak uses: the theme, the preview cache, schemas/,
//! the folders `tanrak new` writes into. A link is an error naming its path; the link's
//! target is left as it was. And the preview cache publishes only images this checkout made.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::*;

/// The tiny fixture without its one warning (Phuket's missing English narrative).
fn clean_tiny() -> Site {
    let site = Site::fixture("tiny");
    site.write("content/provinces/phuket.en.md", "Phuket's narrative.\n");
    site
}

fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

fn link_error(rel: &str, target: &Path) -> String {
    format!(
        "{rel}: error: this is a symbolic link (to `{}`); tanrak reads and writes only plain files and folders in the site's folder\n  help: put the file itself here in place of the link (copy it, then delete the link)",
        target.display()
    )
}

fn link_error_th(rel: &str, target: &Path) -> String {
    format!(
        "{rel}: ข้อผิดพลาด: แฟ้มนี้เป็นทางลัด (symbolic link) ไปยัง `{}` ซึ่ง tanrak ไม่อ่านและไม่เขียนผ่าน ในโฟลเดอร์ของเว็บไซต์ต้องเป็นแฟ้มและโฟลเดอร์จริงเท่านั้น\n  วิธีแก้: ให้นำแฟ้มตัวจริงมาวางไว้ที่นี่แทนทางลัด (คัดลอกแฟ้มมาก่อน แล้วจึงลบทางลัดทิ้ง)",
        target.display()
    )
}

/// Run tanrak with `args` on `site`, killed (and the test failed) if it runs 60 s.
fn run_bounded(site: &Site, args: &[&str]) -> (i32, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tanrak"))
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env("NO_COLOR", "1")
        .args(args)
        .arg("--root")
        .arg(site.root())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("`tanrak {}` hangs", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_linked_previews_folder_is_refused_and_the_photos_it_leads_to_are_kept() {
    let site = clean_tiny();
    let photos = tempfile::tempdir().unwrap();
    std::fs::write(photos.path().join("holiday.png"), b"a photo").unwrap();
    let named_like_ours = format!("{}.{}.png", "a".repeat(32), "b".repeat(32));
    std::fs::write(photos.path().join(&named_like_ours), b"another photo").unwrap();
    std::fs::create_dir(site.path(".tanrak-cache")).unwrap();
    symlink(photos.path(), &site.path(".tanrak-cache/previews"));
    let before = tree(photos.path());

    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&link_error(".tanrak-cache/previews", photos.path())),
        "{}",
        run.stderr
    );
    assert!(!site.out().exists(), "a site was published");
    assert_eq!(
        tree(photos.path()),
        before,
        "the linked photos were changed"
    );

    let th = site.run_in("th", &["build"]);
    assert!(
        th.stderr
            .contains(&link_error_th(".tanrak-cache/previews", photos.path())),
        "{}",
        th.stderr
    );
    assert_eq!(tree(photos.path()), before);
}

#[test]
fn a_linked_cache_folder_keeps_its_targets_gitignore() {
    let site = clean_tiny();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join(".gitignore"), "mine\n").unwrap();
    symlink(elsewhere.path(), &site.path(".tanrak-cache"));
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&link_error(".tanrak-cache", elsewhere.path())),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(elsewhere.path().join(".gitignore")).unwrap(),
        "mine\n"
    );
    assert_eq!(tree(elsewhere.path()).len(), 1, "files were written there");
}

#[test]
fn links_inside_the_cache_folder_are_refused_and_their_targets_kept() {
    let site = clean_tiny();
    let elsewhere = tempfile::tempdir().unwrap();
    let mine = elsewhere.path().join("mine");
    std::fs::write(&mine, "mine\n").unwrap();
    std::fs::create_dir(site.path(".tanrak-cache")).unwrap();
    symlink(&mine, &site.path(".tanrak-cache/.gitignore"));
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&link_error(".tanrak-cache/.gitignore", &mine)),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "mine\n");

    // The cache's key linked to the terminal's input: refused, not read (no hang).
    std::fs::remove_file(site.path(".tanrak-cache/.gitignore")).unwrap();
    site.build_ok();
    std::fs::remove_file(site.path(".tanrak-cache/key")).unwrap();
    symlink(Path::new("/dev/stdin"), &site.path(".tanrak-cache/key"));
    let (code, stderr) = run_bounded(&site, &["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&link_error(".tanrak-cache/key", Path::new("/dev/stdin"))),
        "{stderr}"
    );
}

#[test]
fn a_linked_theme_folder_is_refused_and_nothing_of_it_is_published() {
    let site = clean_tiny();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(elsewhere.path().join("static")).unwrap();
    std::fs::write(elsewhere.path().join("static/secret.txt"), "secret").unwrap();
    std::fs::create_dir(site.path("themes")).unwrap();
    symlink(elsewhere.path(), &site.path("themes/default"));
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&link_error("themes/default", elsewhere.path())),
        "{}",
        run.stderr
    );
    assert!(!site.out().exists(), "a site was published");

    // A link to the process's own folder: refused before a byte of it is read.
    std::fs::remove_file(site.path("themes/default")).unwrap();
    symlink(Path::new("/proc/self"), &site.path("themes/default"));
    let (code, stderr) = run_bounded(&site, &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&link_error("themes/default", Path::new("/proc/self"))),
        "{stderr}"
    );
}

#[test]
fn a_link_inside_the_theme_folder_is_refused() {
    let site = clean_tiny();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("secret.txt"), "secret").unwrap();
    std::fs::create_dir_all(site.path("themes/default/static")).unwrap();
    symlink(
        &elsewhere.path().join("secret.txt"),
        &site.path("themes/default/static/secret.txt"),
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&link_error(
            "themes/default/static/secret.txt",
            &elsewhere.path().join("secret.txt")
        )),
        "{}",
        run.stderr
    );
    assert!(!site.out().exists(), "a site was published");
}

#[test]
fn tanrak_schema_does_not_write_through_a_link() {
    let site = clean_tiny();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("precious.txt");
    std::fs::write(&target, "precious").unwrap();
    std::fs::create_dir(site.path("schemas")).unwrap();
    symlink(&target, &site.path("schemas/report.schema.json"));
    let run = site.run(&["schema"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&link_error("schemas/report.schema.json", &target)),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious");

    // The whole folder as a link.
    std::fs::remove_dir_all(site.path("schemas")).unwrap();
    symlink(elsewhere.path(), &site.path("schemas"));
    let run = site.run(&["schema"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&link_error("schemas", elsewhere.path())),
        "{}",
        run.stderr
    );
    assert_eq!(
        tree(elsewhere.path()).len(),
        1,
        "a schema was written there"
    );
}

#[test]
fn a_schema_linked_to_a_pipe_or_stdin_does_not_hang_check() {
    let site = clean_tiny();
    std::fs::create_dir(site.path("schemas")).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(site.path("pipe"))
        .status()
        .unwrap();
    assert!(status.success());
    symlink(&site.path("pipe"), &site.path("schemas/report.schema.json"));
    symlink(
        Path::new("/dev/stdin"),
        &site.path("schemas/glossary.schema.json"),
    );
    let (code, stderr) = run_bounded(&site, &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&link_error(
            "schemas/report.schema.json",
            &site.path("pipe")
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&link_error(
            "schemas/glossary.schema.json",
            Path::new("/dev/stdin")
        )),
        "{stderr}"
    );
}

#[test]
fn new_page_does_not_write_through_a_linked_folder() {
    let site = clean_tiny();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::remove_dir_all(site.path("content/pages")).unwrap();
    symlink(elsewhere.path(), &site.path("content/pages"));
    let run = site.run(&["new", "page", "how-to-apply"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&link_error("content/pages", elsewhere.path())),
        "{}",
        run.stderr
    );
    assert!(
        tree(elsewhere.path()).is_empty(),
        "a page was written there"
    );
}

/// The cached previews, name → bytes.
fn cached(site: &Site) -> std::collections::BTreeMap<String, Vec<u8>> {
    tree(&site.path(".tanrak-cache/previews"))
}

#[test]
fn a_preview_image_committed_into_the_cache_is_not_published() {
    let site = clean_tiny();
    site.build_ok();
    let images = cached(&site);
    let (name, real) = images.iter().next().unwrap();
    let key = &name[..32];
    // A forged image under the name a hash of its bytes would give it.
    let forged = b"\x89PNG\r\n\x1a\nnot the site's image".to_vec();
    let hash = blake3::hash(&forged).to_hex()[..32].to_string();
    std::fs::remove_file(site.path(&format!(".tanrak-cache/previews/{name}"))).unwrap();
    site.write(
        &format!(".tanrak-cache/previews/{key}.{hash}.png"),
        &String::from_utf8_lossy(&forged),
    );
    let run = site.build_ok();
    assert!(run.stdout.contains("(5 from the cache)"), "{}", run.stdout);
    let published: Vec<Vec<u8>> = tree(&site.out())
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(&format!("/preview.{}.png", &key[..12])))
        .map(|(_, bytes)| bytes)
        .collect();
    assert!(!published.is_empty());
    assert!(
        published.iter().all(|bytes| bytes == real),
        "the forged image was published"
    );

    // A whole cache, its key file too, carried into another checkout: nothing of it is used.
    let clone = clean_tiny();
    copy_tree(&site.path(".tanrak-cache"), &clone.path(".tanrak-cache"));
    let run = clone.build_ok();
    assert!(run.stdout.contains("(0 from the cache)"), "{}", run.stdout);
}
