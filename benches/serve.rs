//! Edit-to-reload latency of `tanrak serve`: how long after an editor saves a file an open
//! page hears that it must reload.
//!
//! Run with `cargo bench --bench serve -- --root DIR [--runs 9] [--record]`, where DIR is a
//! site (for a large one: `cargo bench --bench scale -- --areas 10000 --runs 1 --no-hugo
//! --keep` prints where it left its generated site). It starts the release `tanrak serve`
//! on a free port of 127.0.0.1, waits for the first build, then for each run: asks the
//! live-reload endpoint (`/__tanrak/version`) for the current version, opens the long poll a
//! page's reload script opens (`/__tanrak/version?since=<version>`) and waits until the
//! server holds it, takes the time, appends a line to one area's narrative (a different
//! area each run; `--record` changes a record's `updated` date instead), and takes the time
//! again when the long poll's answer arrives. It then fetches the area's page and checks the
//! new text is there (a reload that showed the old page would not count). Medians are
//! reported, never asserted; the server's own log lines (`rebuilt in N ms: …`) are printed
//! too. Only the loopback address is used, and the server is stopped at the end.
//!
//! Measured 30 November 2026 (2 cores shared with three other builds, so loaded), on the
//! 10,000-area site of `TMPDIR=/dev/shm/serve cargo bench --bench scale -- --areas 10000
//! --runs 1 --no-hugo --no-zola --no-previews --keep`, its content put back before each
//! run, then `cargo bench --bench serve -- --root <that site>/site --runs 7`, the two
//! binaries one after the other:
//!
//! | edit | main at b6d9017 | with the narrative shortcut | load (1 min) |
//! | --- | --- | --- | --- |
//! | narrative (`.th.md`) | median 1389 ms (min 1290, max 1757) | median 207 ms (min 116, max 226) | 6.4 → 6.1 → 6.2 |
//! | narrative, then also finding the saved file without taking every path apart | | median 162 ms (min 138, max 224) | 13.0 → 11.6 |
//! | record (`--record`) | median 4520 ms (min 3451, max 6104) | median 4265 ms (min 2640, max 4709) | 6.0 → 5.7 |
//!
//! A narrative edit now skips validation and the whole site's checks (their problems from
//! before are reported again), keeps the links' addresses, and writes again only the search
//! index files of the words that changed; the watcher waits 30 ms instead of 100. Its
//! rebuild steps (`TANRAK_SERVE_TIMES=1 tanrak serve`, same load): checks of the file ~15
//! ms, links ~20 ms, taking the page out of the search index ~50 ms, render ~5 ms, search
//! files ~30–80 ms. A `perf record -g` of six such rebuilds put ~40% of their CPU in taking
//! the pages out of the search index (a pass over every word's pages), ~20% in comparing
//! paths (`Path`'s `==` over every narrative, since replaced: last row but one) and ~8% in
//! gathering the changed words' shards. A record edit still validates everything (~250 ms) and renders every
//! page that reads all records' figures (24 pages, ~3 s: the areas index, map, data and
//! status pages of 10,000 areas) and the data downloads (~0.7 s).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Options {
    root: PathBuf,
    runs: usize,
    record: bool,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        root: PathBuf::new(),
        runs: 9,
        record: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--root" => o.root = args.next().ok_or("--root needs a folder")?.into(),
            "--runs" => {
                let v = args.next().ok_or("--runs needs a number")?;
                o.runs = v.parse().map_err(|e| format!("--runs {v}: {e}"))?;
            }
            "--record" => o.record = true,
            "--bench" => {}
            other => return Err(format!("unknown option {other}")),
        }
    }
    if o.root.as_os_str().is_empty() {
        return Err("usage: cargo bench --bench serve -- --root DIR [--runs 9] [--record]".into());
    }
    Ok(o)
}

struct Server {
    child: Child,
    port: u16,
    log: Arc<Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tanrak"))
        .args(["serve", "--lang", "en", "--port", "0", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start tanrak serve");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("the address line");
    let port = first
        .trim()
        .strip_prefix("http://127.0.0.1:")
        .and_then(|r| r.strip_suffix('/'))
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("not an address: {first:?}"));
    let log = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&log);
    std::thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            sink.lock().expect("log").push(line);
        }
    });
    Server { child, port, log }
}

impl Server {
    fn get(&self, path: &str) -> String {
        get(self.port, path)
    }
}

fn get(port: u16, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .expect("request");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("reply");
    let raw = String::from_utf8_lossy(&raw).into_owned();
    raw.split_once("\r\n\r\n")
        .map(|(_, body)| body.to_string())
        .unwrap_or_default()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn main() {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    // The records' folder: the one holding `<slug>.yaml` beside `<slug>.<lang>.md`.
    let content = o.root.join("content");
    let segment = std::fs::read_dir(&content)
        .expect("content/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .max_by_key(|p| std::fs::read_dir(p).map(|d| d.count()).unwrap_or(0))
        .expect("a records folder");
    let mut slugs: Vec<String> = std::fs::read_dir(&segment)
        .expect("records")
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".yaml").map(str::to_string)
        })
        .collect();
    slugs.sort();
    let segment_name = segment
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    println!("site: {} ({} records)", o.root.display(), slugs.len());

    let started = Instant::now();
    let server = start(&o.root);
    let mut version = server.get("/__tanrak/version?since=none");
    println!(
        "first build and serve: {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let mut times = Vec::new();
    for run in 0..o.runs {
        let slug = &slugs[(run * 7919 + 13) % slugs.len()];
        let marker = format!("latency-run-{run}-{}", std::process::id());
        // The long poll a page's reload script holds open.
        let port = server.port;
        let since = version.clone();
        let poll = std::thread::spawn(move || {
            (
                get(port, &format!("/__tanrak/version?since={since}")),
                Instant::now(),
            )
        });
        // Let the request reach the server and wait there.
        std::thread::sleep(Duration::from_millis(300));
        let (file, page) = if o.record {
            (
                segment.join(format!("{slug}.yaml")),
                format!("/{segment_name}/{slug}/"),
            )
        } else {
            (
                segment.join(format!("{slug}.th.md")),
                format!("/{segment_name}/{slug}/"),
            )
        };
        let text = std::fs::read_to_string(&file).expect("the file");
        let new = if o.record {
            // A later `updated:` date each run (the page shows it).
            let day = 1 + run % 28;
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            let mut found = false;
            for l in &mut lines {
                if l.starts_with("updated:") {
                    *l = format!("updated: 2030-01-{day:02}");
                    found = true;
                }
            }
            assert!(found, "{} has no `updated:` line", file.display());
            lines.join("\n") + "\n"
        } else {
            format!("{text}\n{marker}\n")
        };
        let lines_before = server.log.lock().expect("log").len();
        let t0 = Instant::now();
        std::fs::write(&file, new).expect("write");
        let (answer, t1) = poll.join().expect("poll");
        let ms = t1.duration_since(t0).as_secs_f64() * 1000.0;
        assert_ne!(answer, version, "the long poll ended without a new version");
        version = answer;
        let body = server.get(&page);
        if !o.record {
            assert!(
                body.contains(&marker),
                "run {run}: the page {page} does not show the edit"
            );
        }
        // The server prints its line just after it answers the long poll.
        let waited = Instant::now();
        while server.log.lock().expect("log").len() == lines_before
            && waited.elapsed() < Duration::from_secs(5)
        {
            std::thread::sleep(Duration::from_millis(10));
        }
        let line = server
            .log
            .lock()
            .expect("log")
            .last()
            .cloned()
            .unwrap_or_default();
        println!("run {run}: {slug}: {ms:.0} ms  [{line}]");
        times.push(ms);
    }
    let what = if o.record {
        "record (.yaml)"
    } else {
        "narrative (.th.md)"
    };
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    println!(
        "edit of a {what} → reload answer: median {:.0} ms, min {:.0} ms, max {:.0} ms over {} runs",
        median(times),
        sorted.first().copied().unwrap_or(0.0),
        sorted.last().copied().unwrap_or(0.0),
        sorted.len()
    );
}
