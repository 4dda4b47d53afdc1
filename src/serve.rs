//! `tanrak serve`: a preview of the site on the editor's own computer while they edit.
//!
//! Editors change a YAML or Markdown file and want to see the result without running a
//! command each time. The server builds the site into memory (the same checks and pages as
//! `build`, through the same writer), serves it on 127.0.0.1 only, watches `content/` and
//! `themes/`, rebuilds on every change and makes open pages reload themselves. A build with
//! errors does not stop it: every page then shows the problems (file, line, what to fix) and
//! comes back by itself once the file is fixed. The reload script is added to pages as they
//! are served, so it never reaches `build` output. Nothing is written to the disk, so
//! stopping the server (Ctrl-C) leaves nothing behind.
//!
//! The server is hyper (HTTP/1.1 on a single-threaded tokio runtime), with limits so that no
//! request can stop it: request heads are at most [`MAX_HEAD`] bytes and must arrive within
//! [`HEAD_TIMEOUT`] (an idle connection is closed after that too), request bodies are never
//! read, at most [`MAX_CONNECTIONS`] connections are open at once (when a new one comes and
//! all are taken, the oldest idle one is closed, or the oldest of all when none is idle: a
//! new client always gets in, however the others behave), and a request is answered
//! only when its `Host` is this computer's own address (so a web page elsewhere cannot read
//! the preview through DNS rebinding). The watcher does not follow symbolic links.

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderValue, LOCATION};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer_opt};

use crate::messages::{Lang, t};
use crate::msg;
use crate::output::Files;
use crate::rebuild::{Change, Session};

/// The port `tanrak serve` listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 1111;

/// Where open pages ask whether the site has been rebuilt.
const VERSION_PATH: &str = "/__tanrak/version";

/// The reload script, served at its own address (so a page's content security policy that
/// allows only the site's own scripts still lets it run).
const RELOAD_PATH: &str = "/__tanrak/reload.js";
/// The built-in theme's Thai font, for the error page (the computer may have no Thai font).
const FONT_PATH: &str = "/__tanrak/sarabun-thai-400.woff2";

/// How long a page's "has it changed?" request waits before answering "no".
const LONG_POLL: Duration = Duration::from_secs(25);

/// The largest request head (request line and headers) read; a longer one is refused.
pub const MAX_HEAD: usize = 16 * 1024;

/// How long a request head may take to arrive, and how long an idle connection stays open.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// How long one connection may stay open in all (a browser opens a new one).
const CONNECTION_LIFETIME: Duration = Duration::from_secs(300);

/// The most connections open at once; a new one beyond it closes the oldest (see [`Slots`]).
pub const MAX_CONNECTIONS: usize = 512;

/// How long a connection told to close may finish the request it is answering.
const CLOSING_GRACE: Duration = Duration::from_secs(1);

/// The open connections, oldest first, so that a new client always finds room: when all
/// [`MAX_CONNECTIONS`] are taken, the oldest idle one (between requests) is told to close,
/// or the oldest of all when every one is answering a request (a held "has it changed?"
/// request, say). Every connection is on this computer (the server listens on 127.0.0.1
/// only), so there is no other peer to share the room among.
#[derive(Default)]
struct Slots {
    next: u64,
    open: std::collections::BTreeMap<u64, Slot>,
}

/// One open connection: how many requests it is answering, and how to tell it to close.
struct Slot {
    busy: Arc<std::sync::atomic::AtomicUsize>,
    close: Arc<tokio::sync::Notify>,
}

impl Slots {
    /// Room for a new connection, closing the oldest when all are taken: its number, its
    /// count of requests being answered and the signal that closes it.
    fn take(
        &mut self,
    ) -> (
        u64,
        Arc<std::sync::atomic::AtomicUsize>,
        Arc<tokio::sync::Notify>,
    ) {
        use std::sync::atomic::Ordering;
        if self.open.len() >= MAX_CONNECTIONS {
            let oldest_idle = self
                .open
                .iter()
                .find(|(_, slot)| slot.busy.load(Ordering::Relaxed) == 0)
                .map(|(&id, _)| id);
            let victim = oldest_idle.or_else(|| self.open.keys().next().copied());
            if let Some(slot) = victim.and_then(|id| self.open.remove(&id)) {
                slot.close.notify_one();
            }
        }
        let id = self.next;
        self.next += 1;
        let slot = Slot {
            busy: Arc::default(),
            close: Arc::default(),
        };
        let taken = (id, Arc::clone(&slot.busy), Arc::clone(&slot.close));
        self.open.insert(id, slot);
        taken
    }
}

/// Counts a request as being answered while it lives.
struct Busy(Arc<std::sync::atomic::AtomicUsize>);

impl Busy {
    fn new(count: &Arc<std::sync::atomic::AtomicUsize>) -> Busy {
        count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Busy(Arc::clone(count))
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
    }
}

/// How long the watcher waits for a burst of file changes to settle before rebuilding. An
/// editor's save (a write, or a new file renamed over the old) is one burst of a few
/// milliseconds; a change that comes later is rebuilt again, and changes that arrive while
/// a rebuild runs are taken together by the next one, so a short wait costs no correctness.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// The script every served HTML page loads. It asks the server (long-poll) whether the site
/// has changed since the page was served, and reloads the page when it has.
const RELOAD_JS: &str = r#"// tanrak serve: reloads this page when the site is rebuilt. Never part of a built site.
(function () {
  var me = document.currentScript;
  var version = me ? me.getAttribute("data-version") : "";
  function poll() {
    fetch("/__tanrak/version?since=" + encodeURIComponent(version), { cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (now) {
        if (now !== version) { location.reload(); } else { poll(); }
      }, function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"#;

/// What the last build produced.
struct State {
    /// Changes on every rebuild; pages reload when it does. Starts with the process id so a
    /// restarted server also makes open pages reload.
    version: String,
    /// The last site that built. Its assets are still served while the content has errors.
    files: Files,
    /// The problems of the last build, as text, when it failed.
    errors: Option<Arc<String>>,
}

struct Shared {
    state: Mutex<State>,
    /// Carries the version to waiting "has it changed?" requests.
    version: tokio::sync::watch::Sender<String>,
    /// The port served, for checking `Host`.
    port: u16,
    /// The language of the messages and of the error page.
    lang: Lang,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Build, serve on `127.0.0.1:port` (0 picks a free port), watch and rebuild until stopped.
/// Prints the address as the first line on stdout. Returns only when it cannot start.
pub fn run(root: &Path, port: u16, lang: Lang) -> Result<(), String> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(msg!("serve-no-content", root = root.display().to_string()).text(lang));
    }
    let listener = std::net::TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
        format!(
            "{}\n  {}: {}",
            msg!("serve-cannot-listen", port = port, reason = e.to_string()).text(lang),
            t(lang, "help-label"),
            t(lang, "serve-cannot-listen.help")
        )
    })?;
    let addr = listener
        .local_addr()
        .map_err(|e| msg!("serve-cannot-start", reason = e.to_string()).text(lang))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| msg!("serve-cannot-listen", port = port, reason = e.to_string()).text(lang))?;
    let url = format!("http://127.0.0.1:{}/", addr.port());

    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            version: String::new(),
            files: Files::new(),
            errors: None,
        }),
        version: tokio::sync::watch::Sender::new(String::new()),
        port: addr.port(),
        lang,
    });
    // Watch before the first build, so a file saved while it runs is not missed. Links are
    // not followed: content/ holds none that a build would read.
    let (tx, rx) = channel();
    let mut watcher = new_debouncer_opt::<_, notify::RecommendedWatcher, _>(
        DEBOUNCE,
        None,
        tx,
        notify_debouncer_full::RecommendedCache::new(),
        notify::Config::default().with_follow_symlinks(false),
    )
    .map_err(|e| {
        msg!(
            "serve-cannot-watch",
            what = "content/",
            reason = e.to_string()
        )
        .text(lang)
    })?;
    let mut watched = vec!["content/"];
    watcher
        .watch(&content, RecursiveMode::Recursive)
        .map_err(|e| {
            msg!(
                "serve-cannot-watch",
                what = content.display().to_string(),
                reason = e.to_string()
            )
            .text(lang)
        })?;
    let themes = root.join("themes");
    if themes.is_dir() {
        watcher
            .watch(&themes, RecursiveMode::Recursive)
            .map_err(|e| {
                msg!(
                    "serve-cannot-watch",
                    what = themes.display().to_string(),
                    reason = e.to_string()
                )
                .text(lang)
            })?;
        watched.push("themes/");
    }
    let mut generation = 0u64;
    let mut session = Session::new(root, Some(&url));
    let first = rebuild(&mut session, None, &shared, &mut generation);
    println!("{url}");
    println!("{}", crate::diagnostics::printable(&first));
    let and = format!(" {} ", t(lang, "serve-and"));
    println!(
        "{}",
        msg!(
            "serve-watching",
            folders = watched.join(&and),
            url = url.as_str()
        )
        .text(lang)
    );

    {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || watch_loop(session, &shared, &rx, generation));
    }

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| msg!("serve-cannot-start", reason = e.to_string()).text(lang))?;
    let result = runtime.block_on(serve(listener, shared));
    drop(watcher);
    result
}

/// Accept connections until the process stops, each served on its own task with the limits
/// described at the top of this module.
async fn serve(listener: std::net::TcpListener, shared: Arc<Shared>) -> Result<(), String> {
    let listener = tokio::net::TcpListener::from_std(listener)
        .map_err(|e| msg!("serve-cannot-start", reason = e.to_string()).text(shared.lang))?;
    let slots = Arc::new(Mutex::new(Slots::default()));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file handles, or the client gave up: wait a moment and go on.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let (id, busy, close) = lock_slots(&slots).take();
        let shared = Arc::clone(&shared);
        let slots = Arc::clone(&slots);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let shared = Arc::clone(&shared);
                let busy = Busy::new(&busy);
                async move {
                    let reply = handle(&request, &shared).await;
                    drop(busy);
                    Ok::<_, Infallible>(reply)
                }
            });
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT)
                .max_buf_size(MAX_HEAD);
            let connection = http.serve_connection(TokioIo::new(stream), service);
            // Errors are the client's (a bad request, a timeout, a closed connection).
            let mut connection = std::pin::pin!(connection);
            let mut told = std::pin::pin!(close.notified());
            let mut lifetime = std::pin::pin!(tokio::time::sleep(CONNECTION_LIFETIME));
            let told_to_close = std::future::poll_fn(|cx| {
                use std::future::Future;
                use std::task::Poll;
                if connection.as_mut().poll(cx).is_ready() || lifetime.as_mut().poll(cx).is_ready()
                {
                    return Poll::Ready(false);
                }
                if told.as_mut().poll(cx).is_ready() {
                    return Poll::Ready(true);
                }
                Poll::Pending
            })
            .await;
            if told_to_close {
                connection.as_mut().graceful_shutdown();
                let _ = tokio::time::timeout(CLOSING_GRACE, connection).await;
            }
            lock_slots(&slots).open.remove(&id);
        });
    }
}

fn lock_slots(slots: &Mutex<Slots>) -> MutexGuard<'_, Slots> {
    slots
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Rebuild after each settled burst of changes to the watched folders.
fn watch_loop(
    mut session: Session,
    shared: &Shared,
    rx: &Receiver<DebounceEventResult>,
    mut generation: u64,
) {
    while let Ok(result) = rx.recv() {
        let mut changed = relevant(&result);
        // Changes that arrived while the last build ran are covered by the next one.
        while let Ok(more) = rx.try_recv() {
            changed.extend(relevant(&more));
        }
        if !changed.is_empty() {
            let line = rebuild(&mut session, Some(&changed), shared, &mut generation);
            println!("{}", crate::diagnostics::printable(&line));
        }
    }
}

/// The files a batch of events changed: real changes to files that are not an editor's
/// hidden, backup or swap files.
fn relevant(result: &DebounceEventResult) -> Vec<PathBuf> {
    match result {
        Ok(events) => events
            .iter()
            .filter(|event| !matches!(event.kind, EventKind::Access(_)))
            .flat_map(|event| event.paths.iter())
            .filter(|p| !is_scratch_file(p))
            .cloned()
            .collect(),
        Err(errors) => {
            for e in errors {
                eprintln!(
                    "watching for changes: {}",
                    crate::diagnostics::printable(&e.to_string())
                );
            }
            Vec::new()
        }
    }
}

fn is_scratch_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
}

/// Build the site into memory (all of it at first, else what `changed` touches), publish
/// the result (or the problems) to the server and wake open pages. Returns the log line.
fn rebuild(
    session: &mut Session,
    changed: Option<&[PathBuf]>,
    shared: &Shared,
    generation: &mut u64,
) -> String {
    let lang = shared.lang;
    let started = Instant::now();
    let first = changed.is_none();
    let rebuilt = match changed {
        None => session.build(),
        Some(changed) => session.rebuild(changed),
    };
    let diags = rebuilt.diags;
    // For measuring: the steps of a rebuild in part, when asked for.
    if std::env::var_os("TANRAK_SERVE_TIMES").is_some() && !rebuilt.steps.is_empty() {
        let steps: Vec<String> = rebuilt
            .steps
            .iter()
            .map(|(step, took)| format!("{step} {} ms", took.as_millis()))
            .collect();
        eprintln!("TANRAK_SERVE_TIMES: {}", steps.join(", "));
    }
    if !diags.is_empty() {
        eprint!(
            "{}",
            diags.render(std::io::IsTerminal::is_terminal(&std::io::stderr()), lang)
        );
    }
    *generation += 1;
    let mut state = shared.lock();
    state.version = format!("{}.{}", std::process::id(), generation);
    let version = state.version.clone();
    let line = match rebuilt.change {
        Some(change) => {
            let whole = matches!(change, Change::All(_));
            change.apply(&mut state.files);
            state.errors = None;
            let ms = started.elapsed().as_millis();
            let warnings = diags.warning_count();
            let (pages, files) = (rebuilt.pages, state.files.len());
            let warnings_text = msg!("count-warnings", n = warnings).text(lang);
            let w = warnings > 0;
            let rendered = rebuilt.rendered;
            let message = match (first, whole, w) {
                (true, _, false) => msg!("serve-built", ms = ms, pages = pages, files = files),
                (true, _, true) => msg!(
                    "serve-built-warnings",
                    ms = ms,
                    pages = pages,
                    files = files,
                    warnings = warnings_text
                ),
                (false, true, false) => {
                    msg!("serve-rebuilt", ms = ms, pages = pages, files = files)
                }
                (false, true, true) => msg!(
                    "serve-rebuilt-warnings",
                    ms = ms,
                    pages = pages,
                    files = files,
                    warnings = warnings_text
                ),
                (false, false, false) => msg!(
                    "serve-rebuilt-part",
                    ms = ms,
                    rendered = rendered,
                    pages = pages,
                    files = files
                ),
                (false, false, true) => msg!(
                    "serve-rebuilt-part-warnings",
                    ms = ms,
                    rendered = rendered,
                    pages = pages,
                    files = files,
                    warnings = warnings_text
                ),
            };
            message.text(lang)
        }
        None => {
            state.errors = Some(Arc::new(diags.render(false, lang)));
            let ms = started.elapsed().as_millis();
            let errors = msg!("count-errors", n = diags.error_count()).text(lang);
            if first {
                msg!("serve-built-errors", ms = ms, errors = errors)
            } else {
                msg!("serve-rebuilt-errors", ms = ms, errors = errors)
            }
            .text(lang)
        }
    };
    drop(state);
    shared.version.send_replace(version);
    line
}

/// What a request path names in the built site.
#[derive(Debug, PartialEq)]
enum Lookup {
    File(String),
    /// A folder asked for without its trailing slash.
    Folder,
    NotFound,
}

fn lookup(files: &Files, path: &str) -> Lookup {
    let rel = path.trim_start_matches('/');
    if rel.split('/').any(|segment| segment == "..") {
        return Lookup::NotFound;
    }
    if rel.is_empty() || rel.ends_with('/') {
        let key = format!("{rel}index.html");
        return if files.contains_key(&key) {
            Lookup::File(key)
        } else {
            Lookup::NotFound
        };
    }
    if files.contains_key(rel) {
        Lookup::File(rel.to_string())
    } else if files.contains_key(&format!("{rel}/index.html")) {
        Lookup::Folder
    } else {
        Lookup::NotFound
    }
}

/// `%XX` escapes in a request path, decoded (Thai file names arrive escaped).
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = path.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type of a file, by its extension.
fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Whether a path is a page (rather than an asset): pages show the error page while the
/// content has errors.
fn is_page(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    last.is_empty() || last.ends_with(".html") || !last.contains('.')
}

/// An HTML page as served: the reload script added just before `</body>`.
fn with_reload_script(html: &str, version: &str) -> String {
    let tag = format!(
        r#"<script src="{RELOAD_PATH}" data-version="{}"></script>"#,
        crate::render::markdown::escape(version)
    );
    match html.rfind("</body>") {
        Some(at) => format!("{}{tag}\n{}", &html[..at], &html[at..]),
        None => format!("{html}{tag}\n"),
    }
}

/// The page shown instead of every page while the content has errors, in the language of
/// the messages. It is part of the tool, not of the site (the theme itself may be what is
/// broken), so its few words are in tanrak's catalogues rather than in the theme's strings.
fn error_page(errors: &str, lang: Lang) -> String {
    let escape = crate::render::markdown::escape;
    format!(
        r#"<!DOCTYPE html>
<html lang="{code}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
@font-face {{ font-family: "tanrak Sarabun"; src: url("{font}") format("woff2"); unicode-range: U+0E01-0E5B, U+200C-200D; }}
body {{ font-family: "tanrak Sarabun", Sarabun, "Noto Sans Thai", "Leelawadee UI", Tahoma, system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.6; color: #1a1a1a; }}
h1 {{ color: #a10000; font-size: 1.6rem; }}
pre {{ font-family: ui-monospace, Menlo, Consolas, "tanrak Sarabun", monospace; background: #f6f6f6; border-left: 4px solid #a10000; padding: 1rem; overflow-x: auto; white-space: pre-wrap; font-size: 0.95rem; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>{intro}</p>
<pre>{errors}</pre>
</body>
</html>
"#,
        code = lang.code(),
        font = FONT_PATH,
        title = escape(&t(lang, "error-page-title")),
        intro = escape(&t(lang, "error-page-intro")),
        errors = escape(errors)
    )
}

type Reply = Response<Full<Bytes>>;

fn respond(status: u16, kind: &str, body: Vec<u8>) -> Reply {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let headers = response.headers_mut();
    if let Ok(kind) = HeaderValue::from_str(kind) {
        headers.insert(hyper::header::CONTENT_TYPE, kind);
    }
    headers.insert(
        hyper::header::CACHE_CONTROL,
        HeaderValue::from_static("no-store"),
    );
    response
}

fn text(status: u16, body: &str) -> Reply {
    respond(
        status,
        "text/plain; charset=utf-8",
        body.as_bytes().to_vec(),
    )
}

/// Whether a `Host` header names this computer at the port served: `127.0.0.1`, `localhost`
/// or `[::1]`, with the port or without. Any other name may be a DNS-rebinding page.
fn is_local_host(host: &str, port: u16) -> bool {
    let host = host.trim().to_ascii_lowercase();
    let name = match host.rsplit_once(':') {
        Some((name, p)) if !name.ends_with('[') && !p.ends_with(']') => {
            if p.parse::<u16>().ok() != Some(port) {
                return false;
            }
            name.to_string()
        }
        _ => host,
    };
    matches!(name.as_str(), "127.0.0.1" | "localhost" | "[::1]")
}

async fn handle(request: &Request<Incoming>, shared: &Shared) -> Reply {
    let host = request
        .headers()
        .get(hyper::header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| request.uri().authority().map(|a| a.as_str()));
    if !host.is_some_and(|h| is_local_host(h, shared.port)) {
        let url = format!("http://127.0.0.1:{}/", shared.port);
        let body = msg!("serve-wrong-host", url = url).text(shared.lang);
        return text(421, &format!("{body}\n"));
    }
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return text(405, &format!("{}\n", t(shared.lang, "serve-wrong-method")));
    }
    let raw_path = request.uri().path().to_string();
    let query = request.uri().query().map(str::to_string);
    if raw_path == VERSION_PATH {
        let since = query
            .as_deref()
            .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("since=")))
            .and_then(percent_decode);
        let mut changes = shared.version.subscribe();
        let unchanged = |v: &String| since.as_deref() == Some(v.as_str());
        if unchanged(&changes.borrow_and_update()) {
            let _ = tokio::time::timeout(LONG_POLL, changes.wait_for(|v| !unchanged(v))).await;
        }
        let version = changes.borrow().clone().into_bytes();
        return respond(200, "text/plain; charset=utf-8", version);
    }
    if raw_path == FONT_PATH
        && let Some(font) =
            crate::render::theme::builtin_file("static/fonts/sarabun-thai-400.woff2")
    {
        return respond(200, "font/woff2", font.to_vec());
    }
    if raw_path == RELOAD_PATH {
        return respond(
            200,
            "text/javascript; charset=utf-8",
            RELOAD_JS.as_bytes().to_vec(),
        );
    }
    let html = "text/html; charset=utf-8";
    let bad_address = || text(400, &format!("{}\n", t(shared.lang, "serve-bad-address")));
    let Some(path) = percent_decode(&raw_path) else {
        return bad_address();
    };
    // One look under the lock, so the version told to the page is the one of its files;
    // the file is copied out, so the lock is held only for the look-up.
    let (errors, version, found, body, not_found_page) = {
        let state = shared.lock();
        let found = lookup(&state.files, &path);
        let body = match &found {
            Lookup::File(key) => state.files.get(key).cloned(),
            _ => None,
        };
        let not_found_page = match found {
            Lookup::NotFound => state.files.get(crate::render::NOT_FOUND).cloned(),
            _ => None,
        };
        let errors = state.errors.clone();
        (errors, state.version.clone(), found, body, not_found_page)
    };
    if let Some(errors) = errors
        && is_page(&path)
    {
        let page = with_reload_script(&error_page(&errors, shared.lang), &version);
        return respond(500, html, page.into_bytes());
    }
    match found {
        Lookup::File(key) => {
            let kind = content_type(&key);
            let body = body.unwrap_or_default();
            let body = if kind == html {
                with_reload_script(&String::from_utf8_lossy(&body), &version).into_bytes()
            } else {
                body
            };
            respond(200, kind, body)
        }
        Lookup::Folder => {
            let location = match &query {
                Some(q) => format!("{raw_path}/?{q}"),
                None => format!("{raw_path}/"),
            };
            match HeaderValue::from_str(&location) {
                Ok(value) => {
                    let mut reply = text(301, "moved\n");
                    reply.headers_mut().insert(LOCATION, value);
                    reply
                }
                Err(_) => bad_address(),
            }
        }
        Lookup::NotFound => match not_found_page {
            Some(page) => {
                let page = with_reload_script(&String::from_utf8_lossy(&page), &version);
                respond(404, html, page.into_bytes())
            }
            None => text(404, &format!("{}\n", t(shared.lang, "serve-not-found"))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(names: &[&str]) -> Files {
        names.iter().map(|n| (n.to_string(), Vec::new())).collect()
    }

    #[test]
    fn folders_serve_their_index_and_redirect_without_slash() {
        let f = files(&[
            "index.html",
            "districts/mueang/index.html",
            "assets/style.css",
        ]);
        assert_eq!(lookup(&f, "/"), Lookup::File("index.html".into()));
        assert_eq!(
            lookup(&f, "/districts/mueang/"),
            Lookup::File("districts/mueang/index.html".into())
        );
        assert_eq!(lookup(&f, "/districts/mueang"), Lookup::Folder);
        assert_eq!(
            lookup(&f, "/assets/style.css"),
            Lookup::File("assets/style.css".into())
        );
        assert_eq!(lookup(&f, "/districts/nowhere/"), Lookup::NotFound);
        assert_eq!(lookup(&f, "/../index.html"), Lookup::NotFound);
    }

    #[test]
    fn only_this_computers_names_are_answered() {
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST",
            "[::1]:1111",
            "127.0.0.1",
        ] {
            assert!(is_local_host(ok, 1111), "{ok}");
        }
        for bad in [
            "evil.example:1111",
            "127.0.0.1:2222",
            "127.0.0.1.evil.example:1111",
            "",
            "[::1]:80",
        ] {
            assert!(!is_local_host(bad, 1111), "{bad}");
        }
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let html = with_reload_script("<html><body><p>x</p></body></html>", "7.1");
        assert!(
            html.ends_with(
                "<script src=\"/__tanrak/reload.js\" data-version=\"7.1\"></script>\n</body></html>"
            ),
            "{html}"
        );
    }

    #[test]
    fn escapes_decode_and_pages_are_told_from_assets() {
        assert_eq!(percent_decode("/%E0%B8%81/").as_deref(), Some("/ก/"));
        assert_eq!(percent_decode("/%zz"), None);
        assert!(is_page("/"));
        assert!(is_page("/en/faq/"));
        assert!(is_page("/districts/x"));
        assert!(!is_page("/assets/style.css"));
        assert_eq!(content_type("a/b.woff2"), "font/woff2");
        assert_eq!(content_type("chart.svg"), "image/svg+xml");
    }
}
