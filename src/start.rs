//! Started with no arguments: the double-click start.
//!
//! An officer on Windows double-clicks `tanrak.exe`; Explorer gives it no arguments and opens a
//! console window for it. Rather than print the command-line help and vanish, tanrak looks for
//! the site (a folder whose `content/` holds `report.yaml` or `site.yaml`) in the current
//! folder, then beside the program, then one folder down from either; it previews that site
//! through the same code as `tanrak serve` and opens the browser at it. The window says, in
//! Thai and in English, which folder is shown, at which address, and how to stop. With no site
//! found it says, in both languages, where to put the program, and on Windows waits for Enter
//! so the window stays open to be read. Linux and macOS behave the same, except the wait.
//!
//! `TANRAK_NO_BROWSER` (any non-empty value) leaves the browser closed; `TANRAK_PORT` picks
//! the port (0: any free one). Without it the usual preview port is used when free, else any.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use crate::messages::{Lang, t};
use crate::msg;
use crate::serve;

/// The files that make a folder a site: the report definition, or a site without one.
const MARKERS: [&str; 2] = ["content/report.yaml", "content/site.yaml"];

/// Whether `dir` holds a site.
fn is_site(dir: &Path) -> bool {
    MARKERS.iter().any(|m| dir.join(m).is_file())
}

/// The folders searched, in order: `cwd`, then `exe_dir` (when another folder).
fn places(cwd: &Path, exe_dir: Option<&Path>) -> Vec<PathBuf> {
    let mut places = vec![cwd.to_path_buf()];
    if let Some(dir) = exe_dir
        && !same_folder(dir, cwd)
    {
        places.push(dir.to_path_buf());
    }
    places
}

fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The site to preview: the first of the places that is a site, else the first folder one
/// level below a place (in name order) that is one.
pub fn find_site(cwd: &Path, exe_dir: Option<&Path>) -> Option<PathBuf> {
    let places = places(cwd, exe_dir);
    if let Some(site) = places.iter().find(|p| is_site(p)) {
        return Some(site.clone());
    }
    places.iter().find_map(|place| {
        let mut below: Vec<PathBuf> = std::fs::read_dir(place)
            .ok()?
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| e.path())
            .collect();
        below.sort();
        below.into_iter().find(|d| is_site(d))
    })
}

/// A message in both languages, Thai first, each on its own lines.
fn both(text: impl Fn(Lang) -> String) -> String {
    format!("{}\n\n{}", text(Lang::Th), text(Lang::En))
}

/// The port to listen on: `TANRAK_PORT` when it is a port number, else the preview's usual
/// port when it is free, else any free port (a second preview already running keeps 1111).
fn port() -> u16 {
    if let Some(port) = std::env::var("TANRAK_PORT")
        .ok()
        .and_then(|p| p.trim().parse().ok())
    {
        return port;
    }
    match std::net::TcpListener::bind(("127.0.0.1", serve::DEFAULT_PORT)) {
        Ok(_) => serve::DEFAULT_PORT,
        Err(_) => 0,
    }
}

/// Ask the system to open `url` in the person's browser; quiet if it cannot (the window
/// shows the address to open by hand).
fn open_browser(url: &str) {
    let mut command = if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.args(["/C", "start", "", url]);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = Command::new("open");
        c.arg(url);
        c
    } else {
        let mut c = Command::new("xdg-open");
        c.arg(url);
        c
    };
    let _ = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
}

/// On Windows, keep the window open until the person presses Enter (a closed or empty input
/// ends the wait at once).
fn wait_for_enter() {
    if cfg!(windows) {
        println!("\n{}", both(|l| t(l, "start-press-enter")));
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
    }
}

/// The name the program was started as (`tanrak.exe` on Windows), for the messages.
fn program_name() -> String {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "tanrak".into())
}

/// Run the double-click start: find the site, preview it, open the browser. The preview's
/// own progress lines are in the language of the environment, else the site's first; the
/// window's text is in both.
pub fn run() -> ExitCode {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf));
    let program = program_name();
    let Some(root) = find_site(&cwd, exe_dir.as_deref()) else {
        let looked = places(&cwd, exe_dir.as_deref())
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>();
        eprintln!(
            "{}",
            both(|l| msg!(
                "start-no-site",
                program = program.as_str(),
                places = looked.join(", ")
            )
            .text(l))
        );
        wait_for_enter();
        return ExitCode::from(2);
    };
    let lang = crate::messages::choose(None, Some(&root));
    let shown = root.display().to_string();
    let open = std::env::var_os("TANRAK_NO_BROWSER").is_none_or(|v| v.is_empty());
    let result = serve::run_then(&root, port(), lang, |url| {
        println!(
            "\n{}\n",
            both(|l| msg!("start-serving", root = shown.as_str(), url = url).text(l))
        );
        if open {
            open_browser(url);
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{}: {message}", t(lang, "severity-error"));
            wait_for_enter();
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site_in(dir: &Path, marker: &str) {
        let file = dir.join(marker);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, "").unwrap();
    }

    #[test]
    fn the_current_folder_comes_before_the_programs_folder_and_folders_below() {
        let cwd = tempfile::tempdir().unwrap();
        let exe = tempfile::tempdir().unwrap();
        site_in(&cwd.path().join("a"), "content/report.yaml");
        site_in(exe.path(), "content/site.yaml");
        assert_eq!(
            find_site(cwd.path(), Some(exe.path())).as_deref(),
            Some(exe.path())
        );
        site_in(cwd.path(), "content/report.yaml");
        assert_eq!(
            find_site(cwd.path(), Some(exe.path())).as_deref(),
            Some(cwd.path())
        );
    }

    #[test]
    fn a_site_one_folder_down_is_found_first_in_name_order() {
        let cwd = tempfile::tempdir().unwrap();
        site_in(&cwd.path().join("b-site"), "content/report.yaml");
        site_in(&cwd.path().join("a-site"), "content/site.yaml");
        std::fs::create_dir_all(cwd.path().join("0-empty/content")).unwrap();
        assert_eq!(find_site(cwd.path(), None), Some(cwd.path().join("a-site")));
    }

    #[test]
    fn a_folder_with_only_an_empty_content_folder_is_no_site() {
        let cwd = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(cwd.path().join("content")).unwrap();
        assert_eq!(find_site(cwd.path(), Some(cwd.path())), None);
    }
}
