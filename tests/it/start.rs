//! Started with no arguments, as a double-click starts `tanrak.exe`: in a site's folder it
//! previews the site (the same server as `tanrak serve`) and says in Thai and English where
//! and how to stop; with no site it says where to put the program. The browser is left
//! closed (`TANRAK_NO_BROWSER`) and the port is any free one (`TANRAK_PORT=0`); the tests
//! read the address from the first line, as a person reads it from the window.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crate::support::Site;

/// The window's closing words, in both languages.
pub const STOP_TH: &str = "หากต้องการหยุด ให้ปิดหน้าต่างนี้หรือกด Ctrl-C";
pub const STOP_EN: &str = "To stop: close this window or press Ctrl-C.";

/// A started preview: killed when dropped (and `stop` run, for Wine's server).
pub struct Started {
    pub child: Child,
    lines: Receiver<String>,
    /// Everything read from stdout so far.
    pub seen: Vec<String>,
    pub stop: Option<Box<dyn FnMut()>>,
}

impl Drop for Started {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(stop) = self.stop.as_mut() {
            stop();
        }
    }
}

impl Started {
    /// Start `command` (the program with no arguments), reading its stdout line by line.
    pub fn spawn(mut command: Command) -> Started {
        let mut child = command
            .env("TANRAK_NO_BROWSER", "1")
            .env("TANRAK_PORT", "0")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let (tx, lines) = channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Started {
            child,
            lines,
            seen: Vec::new(),
            stop: None,
        }
    }

    /// Read lines until one contains `what` (at most `limit`); the line.
    pub fn wait_for_line(&mut self, what: &str, limit: Duration) -> String {
        let started = Instant::now();
        loop {
            let left = limit.saturating_sub(started.elapsed());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(what) {
                        return line;
                    }
                }
                Err(_) => panic!(
                    "no line with {what:?} within {limit:?}; printed:\n{}",
                    self.seen.join("\n")
                ),
            }
        }
    }

    /// The address on the first line.
    pub fn address(&mut self, limit: Duration) -> (String, u16) {
        let line = self.wait_for_line("http://127.0.0.1:", limit);
        let port = line
            .trim()
            .strip_prefix("http://127.0.0.1:")
            .and_then(|rest| rest.strip_suffix('/'))
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("the first line is not the address: {line:?}"));
        assert_eq!(self.seen.len(), 1, "the address is the first line");
        (line.trim().to_string(), port)
    }
}

/// `GET path` on the preview: (status, body).
pub fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let status = raw
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = raw
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

/// The page at `url` as headless Chromium renders it (its DOM after loading).
pub fn chromium_dom(url: &str) -> String {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--dump-dom", url])
        .stderr(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {chromium}: {e} (install chromium)"));
    assert!(out.status.success(), "chromium failed on {url}");
    String::from_utf8(out.stdout).unwrap()
}

/// The Linux binary, started with no arguments in `cwd`, in an English environment.
fn native(cwd: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tanrak"));
    command
        .current_dir(cwd)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    command
}

/// Starts with no arguments in `dir` and checks the window's words and the served page.
fn previews(site: &Site, cwd: &Path) -> (Started, String, u16) {
    let mut started = Started::spawn(native(cwd));
    let (url, port) = started.address(Duration::from_secs(120));
    let banner_th = started.wait_for_line(STOP_TH, Duration::from_secs(120));
    let banner_en = started.wait_for_line(STOP_EN, Duration::from_secs(5));
    let folder = site.root().display().to_string();
    assert_eq!(
        banner_th,
        format!(
            "tanrak กำลังแสดงเว็บไซต์จากโฟลเดอร์ {folder} ที่ {url} และจะเปิดในเบราว์เซอร์ให้ \
             (หากเบราว์เซอร์ไม่เปิดขึ้น ให้เปิด {url} เอง) หน้าเว็บจะเปลี่ยนตามเมื่อบันทึกไฟล์ในโฟลเดอร์ \
             content/ {STOP_TH}"
        )
    );
    assert_eq!(
        banner_en,
        format!(
            "tanrak is showing the site in {folder} at {url} and opens it in your browser (if \
             the browser does not open, open {url} yourself). Pages change when you save a file \
             in content/. {STOP_EN}"
        )
    );
    let (status, body) = get(port, "/");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("<html lang=\"th\""), "{body}");
    (started, url, port)
}

#[test]
fn started_with_no_arguments_in_a_site_folder_previews_it_and_says_how_to_stop() {
    let site = Site::fixture("tiny");
    previews(&site, site.root());
}

#[test]
fn started_with_no_arguments_above_a_site_folder_previews_the_site_below() {
    let parent = tempfile::tempdir().unwrap();
    let below = parent.path().join("my-site");
    crate::support::copy_tree(&crate::support::fixture("tiny"), &below);
    let mut started = Started::spawn(native(parent.path()));
    started.address(Duration::from_secs(120));
    let line = started.wait_for_line(STOP_EN, Duration::from_secs(120));
    assert!(
        line.contains(&format!("the site in {} at", below.display())),
        "{line}"
    );
}

#[test]
fn started_with_no_arguments_and_no_site_says_where_to_put_the_program_in_both_languages() {
    let empty = tempfile::tempdir().unwrap();
    let out = native(empty.path())
        .env("TANRAK_NO_BROWSER", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let exe = Path::new(env!("CARGO_BIN_EXE_tanrak"));
    let places = format!(
        "{}, {}",
        empty.path().display(),
        exe.parent().unwrap().display()
    );
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "tanrak ไม่พบเว็บไซต์ในโฟลเดอร์นี้ ให้วาง tanrak ไว้ในโฟลเดอร์ของเว็บไซต์ (โฟลเดอร์ที่มีโฟลเดอร์ \
             content) หรือในโฟลเดอร์ที่อยู่เหนือโฟลเดอร์นั้นหนึ่งชั้น แล้วเปิดโปรแกรมอีกครั้ง \
             โฟลเดอร์ที่ค้นหาแล้ว: {places}\n\n\
             tanrak found no site here. Put tanrak in your site's folder (the folder that holds \
             the content folder), or in the folder just above it, and start it again. Looked in: \
             {places}\n"
        )
    );
    // Outside Windows nothing waits for Enter.
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "");
}

#[test]
#[ignore = "needs Chromium (/usr/bin/chromium or CHROMIUM)"]
fn the_page_started_with_no_arguments_opens_in_headless_chromium() {
    let site = Site::fixture("tiny");
    let (_started, url, _) = previews(&site, site.root());
    let dom = chromium_dom(&url);
    assert!(dom.contains("<html lang=\"th\""), "{dom}");
    let title = dom
        .split_once("<title>")
        .and_then(|(_, rest)| rest.split_once("</title>"))
        .map(|(t, _)| t.to_string())
        .unwrap_or_default();
    assert!(!title.is_empty(), "no title in {dom}");
    let (_, served) = get(site_port(&url), "/");
    assert!(
        served.contains(&format!("<title>{title}</title>")),
        "{served}"
    );
}

fn site_port(url: &str) -> u16 {
    url.trim_end_matches('/')
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap()
}
