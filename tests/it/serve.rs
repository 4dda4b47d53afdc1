//! `tanrak serve` for real: start the binary on a free port, fetch pages over plain HTTP,
//! change a file and see the new content, break a file and see the error page, fix it and
//! see the page again. Only the loopback address is used.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{Site, tree};

/// A running `tanrak serve`; killed when dropped.
struct Server {
    child: Child,
    port: u16,
    /// Everything it printed after the address line, for failure messages.
    log: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Copy a stream into the log until it ends, so the child never blocks on a full pipe.
fn drain(stream: impl Read + Send + 'static, log: Arc<Mutex<String>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            let mut log = log.lock().unwrap();
            log.push_str(&line);
            log.push('\n');
        }
    });
}

fn start(site: &Site) -> Server {
    start_in(site, "en")
}

/// `tanrak serve --lang <lang>` on the site.
fn start_in(site: &Site, lang: &str) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tanrak"))
        .args(["serve", "--lang", lang, "--port", "0", "--root"])
        .arg(site.root())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let log = Arc::new(Mutex::new(String::new()));
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    drain(child.stderr.take().unwrap(), Arc::clone(&log));
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let port = first
        .trim()
        .strip_prefix("http://127.0.0.1:")
        .and_then(|rest| rest.strip_suffix('/'))
        .and_then(|p| p.parse::<u16>().ok())
        .unwrap_or_else(|| {
            panic!(
                "first line is not the address: {first:?}\n{}",
                log.lock().unwrap()
            )
        });
    drain(stdout, Arc::clone(&log));
    Server { child, port, log }
}

/// One HTTP response.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: String,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    }
}

impl Server {
    /// A minimal HTTP/1.1 GET over a plain TCP connection.
    fn get(&self, path: &str) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
        let (status_line, headers) = head.split_once("\r\n").unwrap_or((head, ""));
        let status = status_line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        Reply {
            status,
            headers: headers.to_string(),
            body: body.to_string(),
        }
    }

    /// Send Ctrl-C's signal and wait (at most about 10 seconds) for the server to stop.
    fn interrupt(&mut self) {
        let status = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "could not send SIGINT");
        let started = Instant::now();
        loop {
            if self.child.try_wait().unwrap().is_some() {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the server did not stop on Ctrl-C"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Fetch `path` until `ok` holds (at most about 10 seconds), and return that reply.
    fn wait_for(&self, path: &str, what: &str, ok: impl Fn(&Reply) -> bool) -> Reply {
        let started = Instant::now();
        loop {
            let reply = self.get(path);
            if ok(&reply) {
                return reply;
            }
            if started.elapsed() > Duration::from_secs(10) {
                panic!(
                    "{path} never showed {what}; last reply: {} {}\n--- server log ---\n{}",
                    reply.status,
                    reply.body,
                    self.log.lock().unwrap()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// Whether this process ignores SIGINT (Linux: bit 2 of `SigIgn` in /proc/self/status).
fn sigint_ignored() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let mask = status.lines().find_map(|l| l.strip_prefix("SigIgn:"))?;
            u64::from_str_radix(mask.trim(), 16).ok()
        })
        .is_some_and(|mask| mask & (1 << 1) != 0)
}

const RELOAD_TAG: &str = r#"<script src="/__tanrak/reload.js""#;

#[test]
fn serves_rebuilds_shows_errors_and_recovers() {
    let site = Site::fixture("tiny");
    let mut server = start(&site);
    let port = server.port;

    // The home page, under the local address, with the reload script.
    let home = server.get("/");
    assert_eq!(home.status, 200, "{}", home.body);
    assert_eq!(
        home.header("Content-Type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(
        home.body.contains("เว็บทดสอบ"),
        "site title missing:\n{}",
        home.body
    );
    assert!(
        home.body.contains(&format!(
            r#"<link rel="canonical" href="http://127.0.0.1:{port}/">"#
        )),
        "the preview is not built for its own address:\n{}",
        home.body
    );
    let script_at = home
        .body
        .find(RELOAD_TAG)
        .expect("no reload script in a served page");
    assert!(
        script_at < home.body.rfind("</body>").unwrap(),
        "reload script is not inside <body>"
    );

    // The script itself, and the version pages ask about.
    let js = server.get("/__tanrak/reload.js");
    assert_eq!(js.status, 200);
    assert!(
        js.header("Content-Type")
            .unwrap_or_default()
            .starts_with("text/javascript")
    );
    assert!(js.body.contains("location.reload()"));
    let version_before = server.get("/__tanrak/version?since=none").body;
    assert!(!version_before.is_empty());

    // Folders without their slash redirect; assets have their types; unknown pages are 404.
    let redirect = server.get("/provinces/bangkok");
    assert_eq!(redirect.status, 301);
    assert_eq!(
        redirect.header("Location").as_deref(),
        Some("/provinces/bangkok/")
    );
    // The stylesheet has a fingerprinted name (`style.<hash>.css`): take it from the page.
    let css_at = home.body.find("/assets/style.").expect("stylesheet link");
    let css_href = home.body[css_at..css_at + home.body[css_at..].find('"').unwrap()].to_string();
    let css = server.get(&css_href);
    assert_eq!(css.status, 200);
    assert_eq!(
        css.header("Content-Type").as_deref(),
        Some("text/css; charset=utf-8")
    );
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("<html"),
        "404 is not the site's 404 page:\n{}",
        missing.body
    );
    assert!(missing.body.contains(RELOAD_TAG));

    // Change a narrative: the new text is served without restarting anything.
    let page = "/provinces/bangkok/";
    assert_eq!(server.get(page).status, 200);
    let added = "ข้อความใหม่ที่เพิ่มระหว่างการแสดงตัวอย่าง";
    assert!(!server.get(page).body.contains(added));
    let narrative = site.read("content/provinces/bangkok.th.md");
    site.write(
        "content/provinces/bangkok.th.md",
        &format!("{narrative}\n{added}\n"),
    );
    let changed = server.wait_for(page, "the edited narrative", |r| {
        r.status == 200 && r.body.contains(added)
    });
    assert!(changed.body.contains(RELOAD_TAG));
    let started = Instant::now();
    while !server.log.lock().unwrap().contains("rebuilt in ") {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no `rebuilt in N ms` line"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let version_after = server.get("/__tanrak/version?since=none").body;
    assert_ne!(
        version_before, version_after,
        "a rebuild did not change the version pages wait on"
    );

    // Break a record: every page shows the problem, with file, line and message.
    let good = site.read("content/provinces/bangkok.yaml");
    site.edit(
        "content/provinces/bangkok.yaml",
        "region: central",
        "region: central: east",
    );
    let broken = server.wait_for(page, "the error page", |r| r.status == 500);
    assert_eq!(
        broken.header("Content-Type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(
        broken.body.contains("<html lang=\"en\">")
            && broken.body.contains("<h1>The content has errors</h1>"),
        "no English heading:\n{}",
        broken.body
    );
    assert!(
        broken.body.contains("content/provinces/bangkok.yaml:3:"),
        "the error page does not name the file and line:\n{}",
        broken.body
    );
    assert!(broken.body.contains("error:"), "{}", broken.body);
    assert!(
        broken.body.contains("region: central: east"),
        "the source line is not shown:\n{}",
        broken.body
    );
    assert!(
        broken.body.contains(RELOAD_TAG),
        "the error page would not come back by itself"
    );
    let home_broken = server.get("/en/");
    assert_eq!(
        home_broken.status, 500,
        "other pages do not show the problem either"
    );
    // Assets of the last good build are still served, so the error page can be styled.
    assert_eq!(server.get(&css_href).status, 200);

    // Fix it: the page comes back, with the edit made before the break.
    site.write("content/provinces/bangkok.yaml", &good);
    let back = server.wait_for(page, "the page again after the fix", |r| r.status == 200);
    assert!(back.body.contains(added));
    assert!(back.body.contains(RELOAD_TAG));

    // Ctrl-C (SIGINT) stops it, unless whatever runs the tests ignores SIGINT (a background
    // job of a non-interactive shell does), which the server then inherits.
    if !sigint_ignored() {
        server.interrupt();
    }
    drop(server);

    // The preview wrote nothing into the site's folder but the images' cache (shared with
    // `build`, tests/it/preview.rs).
    let entries: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != ".tanrak-cache")
        .collect();
    assert_eq!(
        entries,
        ["content"],
        "serve left files in the site's folder"
    );

    // The reload script exists only in served pages, never in `build` output.
    site.build_ok();
    let built = tree(&site.out());
    assert!(built.contains_key("index.html"));
    for (path, bytes) in &built {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("__tanrak"),
            "{path} of `tanrak build` contains the preview's reload script"
        );
    }
}

#[test]
fn refuses_a_folder_without_content() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tanrak"))
        .args(["serve", "--lang", "en", "--port", "0", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no content/ folder"));
}

// ---------------------------------------------------------------------------------------------
// Issue 9: no request can stop the preview or read it from another site.

impl Server {
    /// Send raw bytes on a new connection and read what comes back (until the server closes
    /// the connection or `wait` passes).
    fn raw(&self, request: &[u8], wait: Duration) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(wait)).unwrap();
        // The server may close the connection before everything is sent: that is the point.
        for chunk in request.chunks(64 * 1024) {
            if stream.write_all(chunk).is_err() {
                break;
            }
        }
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        String::from_utf8_lossy(&raw).into_owned()
    }

    /// The home page answers, within a few seconds.
    fn still_answers(&self) {
        let started = Instant::now();
        let home = self.get("/");
        assert_eq!(home.status, 200, "{}", home.body);
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the home page took {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn a_huge_declared_body_does_not_stop_the_server() {
    let site = Site::fixture("tiny");
    let server = start(&site);
    let port = server.port;
    for method in ["GET", "POST"] {
        let reply = server.raw(
            format!(
                "{method} / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 99999999999\r\n\r\nabc"
            )
            .as_bytes(),
            Duration::from_secs(5),
        );
        let expected = if method == "GET" {
            "HTTP/1.1 200"
        } else {
            "HTTP/1.1 405"
        };
        assert!(reply.starts_with(expected), "{method}: {reply}");
    }
    server.still_answers();
}

#[test]
fn a_huge_request_line_is_refused_without_reading_it_whole() {
    let site = Site::fixture("tiny");
    let server = start(&site);
    let mut request = b"GET /".to_vec();
    request.extend(std::iter::repeat_n(b'a', 50 * 1024 * 1024));
    request.extend(format!(" HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n", server.port).as_bytes());
    let started = Instant::now();
    let reply = server.raw(&request, Duration::from_secs(10));
    assert!(
        reply.is_empty() || reply.starts_with("HTTP/1.1 4"),
        "{}",
        &reply[..reply.len().min(200)]
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    server.still_answers();
}

#[test]
fn idle_connections_do_not_stall_others_and_are_closed() {
    let site = Site::fixture("tiny");
    let server = start(&site);
    let idle: Vec<TcpStream> = (0..250)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap())
        .collect();
    server.still_answers();
    // An idle connection is closed by the server after its time is up (10 s).
    let mut first = idle.into_iter().next().unwrap();
    first
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let started = Instant::now();
    let mut buf = Vec::new();
    let _ = first.read_to_end(&mut buf);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "an idle connection stayed open {:?}",
        started.elapsed()
    );
}

/// Read one reply from a kept-alive connection (its head, then as many body bytes as its
/// `Content-Length` says): whether one came.
fn read_one_reply(stream: &mut TcpStream) -> bool {
    let mut raw = Vec::new();
    let mut byte = [0u8; 1];
    while !raw.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => raw.push(byte[0]),
            _ => return false,
        }
    }
    let head = String::from_utf8_lossy(&raw).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).is_ok()
}

/// Every slot taken by a kept-alive connection, `ask` sent on each (and answered unless it is
/// held): a new client still gets the home page within a few seconds, round after round.
fn a_new_client_gets_in_past(server: &Server, ask: &str, answered: bool) {
    let mut held: Vec<TcpStream> = (0..tanrak::serve::MAX_CONNECTIONS)
        .map(|_| {
            let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            s.write_all(ask.as_bytes()).unwrap();
            if answered {
                assert!(read_one_reply(&mut s), "a held connection was not answered");
            }
            s
        })
        .collect();
    for _round in 0..3 {
        server.still_answers();
        // The others ask again, as a page that polls every few seconds would; those the
        // server closed to make room fail, which is theirs to handle.
        if answered {
            for s in &mut held {
                if s.write_all(ask.as_bytes()).is_ok() {
                    let _ = read_one_reply(s);
                }
            }
        }
    }
    held.clear();
}

#[test]
fn a_new_client_gets_in_while_every_connection_is_kept_alive_and_asking() {
    let site = Site::fixture("tiny");
    let server = start(&site);
    let port = server.port;
    let ask = format!("GET /__tanrak/reload.js HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    a_new_client_gets_in_past(&server, &ask, true);
}

#[test]
fn a_new_client_gets_in_while_every_connection_holds_a_request_open() {
    let site = Site::fixture("tiny");
    let server = start(&site);
    let port = server.port;
    let version = server.get("/__tanrak/version?since=").body;
    assert!(!version.is_empty());
    // Each of these waits up to 25 s for the site to change.
    let ask =
        format!("GET /__tanrak/version?since={version} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    a_new_client_gets_in_past(&server, &ask, false);
}

#[test]
fn only_requests_for_this_computers_address_are_answered() {
    let site = Site::fixture("tiny");
    let server = start(&site);
    let port = server.port;
    // A page on another site whose name now points at 127.0.0.1 (DNS rebinding).
    for host in [format!("evil.example:{port}"), "127.0.0.1:1".to_string()] {
        let reply = server.raw(
            format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
            Duration::from_secs(5),
        );
        assert!(reply.starts_with("HTTP/1.1 421"), "{host}: {reply}");
        assert!(
            reply.contains(&format!(
                "this preview answers only to http://127.0.0.1:{port}/"
            )),
            "{reply}"
        );
        assert!(!reply.contains("เว็บทดสอบ"), "the site was served to {host}");
    }
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        let reply = server.raw(
            format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
            Duration::from_secs(5),
        );
        assert!(reply.starts_with("HTTP/1.1 200"), "{host}: {reply}");
    }
}

/// How many inotify watches a process holds (Linux: lines `inotify wd:` in its fdinfo).
fn inotify_watches(pid: u32) -> usize {
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fdinfo")) else {
        return 0;
    };
    fds.flatten()
        .filter_map(|fd| std::fs::read_to_string(fd.path()).ok())
        .map(|info| {
            info.lines()
                .filter(|l| l.starts_with("inotify wd:"))
                .count()
        })
        .sum()
}

#[test]
fn the_watcher_does_not_follow_a_link_out_of_content() {
    let site = Site::fixture("tiny");
    std::os::unix::fs::symlink("/usr", site.path("content/usr")).unwrap();
    let server = start(&site);
    // The link is an error the preview shows, not a folder to watch.
    let reply = server.wait_for("/", "the error page", |r| r.status == 500);
    assert!(
        reply
            .body
            .contains("content/usr: error: this is a symbolic link (to `/usr`)"),
        "{}",
        reply.body
    );
    let watches = inotify_watches(server.child.id());
    assert!(watches > 0, "no watches seen: cannot tell");
    assert!(
        watches < 100,
        "{watches} watches: the watcher followed the link"
    );
}

/// Issue 12: with Thai chosen, the preview's error page, its heading and every message on it
/// are in Thai.
#[test]
fn issue_12_the_error_page_speaks_thai() {
    let site = Site::fixture("tiny");
    let server = start_in(&site, "th");
    server.wait_for("/", "the home page", |r| r.status == 200);
    site.edit(
        "content/provinces/bangkok.yaml",
        "region: central",
        "region central",
    );
    let broken = server.wait_for("/", "the error page", |r| r.status == 500);
    for expected in [
        "<html lang=\"th\">",
        "<h1>เนื้อหามีข้อผิดพลาด</h1>",
        "โปรดแก้ไขแฟ้มตามรายการด้านล่างแล้วบันทึก",
        "content/provinces/bangkok.yaml:3:1: ข้อผิดพลาด: ไม่มีเครื่องหมายทวิภาค (:) หลังชื่อช่อง `region`",
        "วิธีแก้: ให้เขียนเป็น `region: central` คือ ชื่อช่อง ตามด้วย : เว้นวรรคหนึ่งช่อง แล้วจึงเป็นค่า",
    ] {
        assert!(
            broken.body.contains(expected),
            "no {expected:?} in:\n{}",
            broken.body
        );
    }
}

/// The preview's rebuilds after edits (`tanrak::rebuild`), compared byte for byte with a
/// fresh build of the same files after every step: a narrative (only its area's pages are
/// rendered again, without validating the content again), the same narrative with a
/// problem the checks must report (a warning: still in part; an error) and fixed, a
/// record's date and event (the pages that read every record too), a
/// narrative's date, a broken record and its fix, a new file and the site's UI strings
/// (everything rebuilt). The problems reported must be the fresh build's too.
#[test]
fn serve_rebuilds_match_a_fresh_build() {
    use tanrak::diagnostics::Diagnostics;
    use tanrak::messages::Lang;
    use tanrak::output::Files;
    use tanrak::rebuild::{Change, Session};

    let site = Site::fixture("tiny");
    let base = "http://127.0.0.1:1111/";
    let mut session = Session::new(site.root(), Some(base));
    let mut served = Files::new();

    // Apply a rebuild to the files served, and compare them (and the problems found) with a
    // fresh build. Returns how many pages were rendered, and whether in part.
    let step =
        |served: &mut Files, what: &str, rebuilt: tanrak::rebuild::Rebuilt| -> (usize, bool) {
            let mut diags = Diagnostics::new(site.root());
            let fresh = tanrak::site::build_in_memory(site.root(), Some(base), &mut diags);
            assert_eq!(
                rebuilt.diags.render(false, Lang::En),
                diags.render(false, Lang::En),
                "{what}: the problems differ from a fresh build's"
            );
            let Some(change) = rebuilt.change else {
                assert!(
                    fresh.is_none(),
                    "{what}: the rebuild failed, a build did not"
                );
                return (0, false);
            };
            let (_, fresh) = fresh.unwrap_or_else(|| panic!("{what}: a fresh build failed"));
            let part = matches!(change, Change::Some { .. });
            change.apply(served);
            assert_same_files(what, served, &fresh);
            (rebuilt.rendered, part)
        };

    let (all, part) = step(&mut served, "first build", session.build());
    assert!(!part && all > 10, "{all}");

    // A narrative: its area's page in its language is rendered again (the other language's
    // too, which is cheap), nothing else; the search index finds the new word.
    let narrative = "content/provinces/bangkok.th.md";
    let word = "zebrafinch";
    site.write(narrative, &format!("{}\n{word}\n", site.read(narrative)));
    let (rendered, part) = step(
        &mut served,
        "a narrative",
        session.rebuild(&[site.path(narrative)]),
    );
    assert!(part && rendered == 2, "{rendered} pages, in part: {part}");
    assert!(
        served
            .iter()
            .any(|(k, v)| k.starts_with("search/th/") && String::from_utf8_lossy(v).contains(word)),
        "the search index does not have the new word"
    );

    // A narrative that now has a problem the checks find (a relative link: a warning, so
    // the rebuild is still in part), then a worse one (a link to no page: an error), then
    // none: each reported exactly as a fresh build reports it, and only while it is there.
    let before = site.read(narrative);
    site.write(narrative, &format!("{before}\n[ภาคเหนือ](chiang-mai/)\n"));
    let rebuilt = session.rebuild(&[site.path(narrative)]);
    let report = rebuilt.diags.render(false, Lang::En);
    assert!(
        report.starts_with(
            "content/provinces/bangkok.th.md:5:12: warning: the link `chiang-mai/` does not \
             start with `/`, so where it leads depends on the page it is on\n  |\n5 | \
             [ภาคเหนือ](chiang-mai/)\n  |           ^^^^^^^^^^^\n  help: write site links \
             from the site root, like /faq/#q6 or /provinces/bangkok/ or /en/faq/#q6\n"
        ),
        "{report}"
    );
    // What validation found before is still reported (the rebuild did not validate).
    assert!(
        report.contains("content/provinces/phuket.en.md: warning: Phuket has no English narrative"),
        "{report}"
    );
    let (rendered, part) = step(&mut served, "a narrative with a relative link", rebuilt);
    assert!(part && rendered == 2, "{rendered} pages, in part: {part}");
    site.write(narrative, &format!("{before}\n[ภาคเหนือ](/chiang-mai/)\n"));
    let rebuilt = session.rebuild(&[site.path(narrative)]);
    let report = rebuilt.diags.render(false, Lang::En);
    assert!(
        report.starts_with(
            "content/provinces/bangkok.th.md:5:12: error: the link `/chiang-mai/` leads to no \
             page of this site\n  |\n5 | [ภาคเหนือ](/chiang-mai/)\n  |           \
             ^^^^^^^^^^^^\n  help: did you mean `/provinces/chiang-mai/`?\n"
        ),
        "{report}"
    );
    let (_, part) = step(&mut served, "a narrative with a broken link", rebuilt);
    assert!(!part);
    site.write(narrative, &before);
    let rebuilt = session.rebuild(&[site.path(narrative)]);
    let report = rebuilt.diags.render(false, Lang::En);
    assert!(!report.contains("bangkok.th.md"), "{report}");
    step(&mut served, "the narrative fixed", rebuilt);
    let (rendered, part) = step(
        &mut served,
        "the narrative again",
        session.rebuild(&[site.path(narrative)]),
    );
    assert!(part && rendered == 2, "{rendered} pages, in part: {part}");

    // A record's date and an event's title: its pages and every page that reads all records.
    let record = "content/provinces/chiang-mai.yaml";
    site.edit(record, "updated: 2026-11-21", "updated: 2026-11-25");
    site.edit(record, "en: Workshop}", "en: Workshop on processing}");
    let (rendered, part) = step(
        &mut served,
        "a record",
        session.rebuild(&[site.path(record)]),
    );
    assert!(
        part && rendered > 2 && rendered < all,
        "{rendered} of {all}"
    );

    // A narrative's own date, later than its record's: the record's date changes with it.
    let narrative_en = "content/provinces/chiang-mai.en.md";
    site.write(
        narrative_en,
        &format!("---\nupdated: 2026-11-28\n---\n{}", site.read(narrative_en)),
    );
    let (rendered, part) = step(
        &mut served,
        "a narrative's date",
        session.rebuild(&[site.path(narrative_en)]),
    );
    assert!(part && rendered > 2, "{rendered}");

    // Two files in one burst, one of them unchanged.
    site.edit(narrative, word, "คำที่สอง");
    let (_, part) = step(
        &mut served,
        "two files",
        session.rebuild(&[site.path(narrative), site.path(record)]),
    );
    assert!(part);

    // A broken record: the build's own errors; then fixed (with another change meanwhile).
    let good = site.read(record);
    site.edit(record, "beneficiaries: 500", "beneficiaries: [500");
    let (_, part) = step(
        &mut served,
        "a broken record",
        session.rebuild(&[site.path(record)]),
    );
    assert!(!part);
    site.write(
        record,
        &good.replace("Workshop on processing", "Workshop again"),
    );
    step(
        &mut served,
        "the record fixed",
        session.rebuild(&[site.path(record)]),
    );
    // After a failure the next rebuild is whole; then in part again.
    site.edit(narrative, "คำที่สอง", "คำที่สาม");
    let (_, part) = step(
        &mut served,
        "after the fix",
        session.rebuild(&[site.path(narrative)]),
    );
    assert!(part);

    // A new file and the UI strings: everything.
    let new = "content/provinces/phuket.en.md";
    site.write(new, "Phuket in English.\n");
    let (rendered, part) = step(
        &mut served,
        "a new narrative",
        session.rebuild(&[site.path(new)]),
    );
    assert!(!part && rendered == all, "{rendered}");
    let strings = "content/strings/en.yaml";
    site.write(strings, &site.read(strings));
    let (_, part) = step(
        &mut served,
        "the UI strings",
        session.rebuild(&[site.path(strings)]),
    );
    assert!(!part);
}

/// The files served are exactly a fresh build's: the same names, byte for byte.
fn assert_same_files(what: &str, served: &tanrak::output::Files, fresh: &tanrak::output::Files) {
    let only_served: Vec<&String> = served.keys().filter(|k| !fresh.contains_key(*k)).collect();
    let only_fresh: Vec<&String> = fresh.keys().filter(|k| !served.contains_key(*k)).collect();
    assert!(
        only_served.is_empty() && only_fresh.is_empty(),
        "{what}: files only served {only_served:?}, only in a fresh build {only_fresh:?}"
    );
    let differ: Vec<&String> = fresh.keys().filter(|k| served[*k] != fresh[*k]).collect();
    assert!(differ.is_empty(), "{what}: these files differ: {differ:?}");
}

/// Apply a rebuild to the files served and compare them, and the problems, with a fresh
/// build of the same files. Returns whether the rebuild was in part.
fn matches_a_fresh_build(
    site: &Site,
    base: &str,
    served: &mut tanrak::output::Files,
    what: &str,
    rebuilt: tanrak::rebuild::Rebuilt,
) -> bool {
    use tanrak::messages::Lang;
    let mut diags = tanrak::diagnostics::Diagnostics::new(site.root());
    let fresh = tanrak::site::build_in_memory(site.root(), Some(base), &mut diags);
    assert_eq!(
        rebuilt.diags.render(false, Lang::En),
        diags.render(false, Lang::En),
        "{what}: the problems differ from a fresh build's"
    );
    let change = rebuilt
        .change
        .unwrap_or_else(|| panic!("{what}: the rebuild failed"));
    let (_, fresh) = fresh.unwrap_or_else(|| panic!("{what}: a fresh build failed"));
    let part = matches!(change, tanrak::rebuild::Change::Some { .. });
    change.apply(served);
    assert_same_files(what, served, &fresh);
    part
}

/// On the bundled site, two narratives of one area rewritten whole in one save (many words
/// gone, many new) and then put back: rebuilt in part, without validating again, and what
/// is served (the search index written again only where words changed, the typo lexicon
/// with it) is what a fresh build writes, with no file left over. Split shards and words
/// common enough to lose their body pages are covered by the search module's own test.
#[test]
fn serve_narrative_rewrites_match_a_fresh_build_on_the_bundled_site() {
    let site = Site::bundled();
    // Without link-preview images, which take most of a debug build's time.
    site.edit(
        "content/report.yaml",
        "preview: [target_groups, income_increase_baht, beneficiaries]",
        "preview: []",
    );
    let base = "http://127.0.0.1:1111/";
    let mut session = tanrak::rebuild::Session::new(site.root(), Some(base));
    let mut served = tanrak::output::Files::new();
    matches_a_fresh_build(&site, base, &mut served, "first build", session.build());
    let (th, en) = (
        "content/provinces/krabi.th.md",
        "content/provinces/krabi.en.md",
    );
    let (th_before, en_before) = (site.read(th), site.read(en));
    site.write(th, &site.read("content/provinces/chiang-mai.th.md"));
    site.write(
        en,
        &format!("{}\nQuokkas.\n", site.read("content/provinces/nan.en.md")),
    );
    let part = matches_a_fresh_build(
        &site,
        base,
        &mut served,
        "two narratives rewritten",
        session.rebuild(&[site.path(th), site.path(en)]),
    );
    assert!(part);
    assert!(
        served
            .iter()
            .any(|(k, v)| k.starts_with("search/en/")
                && String::from_utf8_lossy(v).contains("quokkas")),
        "the new word is not in the index"
    );
    site.write(th, &th_before);
    site.write(en, &en_before);
    let part = matches_a_fresh_build(
        &site,
        base,
        &mut served,
        "the narratives put back",
        session.rebuild(&[site.path(th), site.path(en)]),
    );
    assert!(part);
}
