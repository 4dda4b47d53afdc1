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

use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use tiny_http::{Header, Method, Request, Response, Server};

use crate::diagnostics::Diagnostics;
use crate::messages::{Lang, t};
use crate::msg;
use crate::output::Files;
use crate::site;

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

/// How long the watcher waits for a burst of file changes to settle before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(100);

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
    files: Arc<Files>,
    /// The problems of the last build, as text, when it failed.
    errors: Option<Arc<String>>,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
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
    let server = Server::http(("127.0.0.1", port)).map_err(|e| {
        format!(
            "{}\n  {}: {}",
            msg!("serve-cannot-listen", port = port, reason = e.to_string()).text(lang),
            t(lang, "help-label"),
            t(lang, "serve-cannot-listen.help")
        )
    })?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or("the server did not get a network address")?;
    let url = format!("http://127.0.0.1:{}/", addr.port());

    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            version: String::new(),
            files: Arc::new(Files::new()),
            errors: None,
        }),
        changed: Condvar::new(),
        lang,
    });
    // Watch before the first build, so a file saved while it runs is not missed.
    let (tx, rx) = channel();
    let mut watcher = new_debouncer(DEBOUNCE, None, tx).map_err(|e| {
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
    let first = rebuild(root, &url, &shared, &mut generation, true);
    println!("{url}");
    println!("{first}");
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
        let root = root.to_path_buf();
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || watch_loop(&root, &url, &shared, &rx, generation));
    }

    for request in server.incoming_requests() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || handle(request, &shared));
    }
    drop(watcher);
    Ok(())
}

/// Rebuild after each settled burst of changes to the watched folders.
fn watch_loop(
    root: &Path,
    url: &str,
    shared: &Shared,
    rx: &Receiver<DebounceEventResult>,
    mut generation: u64,
) {
    while let Ok(result) = rx.recv() {
        let mut relevant = is_relevant(&result);
        // Changes that arrived while the last build ran are covered by the next one.
        while let Ok(more) = rx.try_recv() {
            relevant |= is_relevant(&more);
        }
        if relevant {
            println!("{}", rebuild(root, url, shared, &mut generation, false));
        }
    }
}

/// Whether a batch of file events should trigger a rebuild: a real change to a file that is
/// not an editor's hidden, backup or swap file.
fn is_relevant(result: &DebounceEventResult) -> bool {
    match result {
        Ok(events) => events.iter().any(|event| {
            !matches!(event.kind, EventKind::Access(_))
                && event.paths.iter().any(|p| !is_scratch_file(p))
        }),
        Err(errors) => {
            for e in errors {
                eprintln!("watching for changes: {e}");
            }
            false
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

/// Build the site into memory, publish the result (or the problems) to the server and wake
/// open pages. Returns the log line.
fn rebuild(root: &Path, url: &str, shared: &Shared, generation: &mut u64, first: bool) -> String {
    let lang = shared.lang;
    let started = Instant::now();
    let mut diags = Diagnostics::new(root);
    let built = site::build_in_memory(root, Some(url), &mut diags);
    let ms = started.elapsed().as_millis();
    if !diags.is_empty() {
        eprint!(
            "{}",
            diags.render(std::io::IsTerminal::is_terminal(&std::io::stderr()), lang)
        );
    }
    *generation += 1;
    let mut state = shared.lock();
    state.version = format!("{}.{}", std::process::id(), generation);
    let line = match built {
        Some((summary, files)) => {
            state.files = Arc::new(files);
            state.errors = None;
            let warnings = diags.warning_count();
            let (pages, files) = (summary.pages, summary.files);
            let warnings_text = msg!("count-warnings", n = warnings).text(lang);
            match (first, warnings > 0) {
                (true, false) => msg!("serve-built", ms = ms, pages = pages, files = files),
                (true, true) => msg!(
                    "serve-built-warnings",
                    ms = ms,
                    pages = pages,
                    files = files,
                    warnings = warnings_text
                ),
                (false, false) => msg!("serve-rebuilt", ms = ms, pages = pages, files = files),
                (false, true) => msg!(
                    "serve-rebuilt-warnings",
                    ms = ms,
                    pages = pages,
                    files = files,
                    warnings = warnings_text
                ),
            }
            .text(lang)
        }
        None => {
            state.errors = Some(Arc::new(diags.render(false, lang)));
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
    shared.changed.notify_all();
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

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn respond(request: Request, status: u16, kind: &str, body: Vec<u8>, extra: Option<Header>) {
    let mut response = Response::from_data(body).with_status_code(status);
    for h in [
        header("Content-Type", kind),
        header("Cache-Control", "no-store"),
        extra,
    ]
    .into_iter()
    .flatten()
    {
        response.add_header(h);
    }
    // The browser may have gone away; nothing to do about it.
    let _ = request.respond(response);
}

fn handle(request: Request, shared: &Shared) {
    let url = request.url().to_string();
    let (raw_path, query) = match url.split_once('?') {
        Some((p, q)) => (p.to_string(), Some(q.to_string())),
        None => (url.clone(), None),
    };
    if !matches!(request.method(), Method::Get | Method::Head) {
        return respond(
            request,
            405,
            "text/plain; charset=utf-8",
            b"only GET and HEAD\n".to_vec(),
            None,
        );
    }
    if raw_path == VERSION_PATH {
        let since = query
            .as_deref()
            .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("since=")))
            .and_then(percent_decode);
        let state = shared.lock();
        let (state, _) = shared
            .changed
            .wait_timeout_while(state, LONG_POLL, |s| {
                since.as_deref() == Some(s.version.as_str())
            })
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let version = state.version.clone().into_bytes();
        drop(state);
        return respond(request, 200, "text/plain; charset=utf-8", version, None);
    }
    if raw_path == FONT_PATH
        && let Some(font) =
            crate::render::theme::builtin_file("static/fonts/sarabun-thai-400.woff2")
    {
        return respond(request, 200, "font/woff2", font.to_vec(), None);
    }
    if raw_path == RELOAD_PATH {
        return respond(
            request,
            200,
            "text/javascript; charset=utf-8",
            RELOAD_JS.as_bytes().to_vec(),
            None,
        );
    }
    let (files, errors, version) = {
        let state = shared.lock();
        (
            Arc::clone(&state.files),
            state.errors.clone(),
            state.version.clone(),
        )
    };
    let html = "text/html; charset=utf-8";
    let Some(path) = percent_decode(&raw_path) else {
        return respond(
            request,
            400,
            "text/plain; charset=utf-8",
            b"bad address\n".to_vec(),
            None,
        );
    };
    if let Some(errors) = errors
        && is_page(&path)
    {
        let page = with_reload_script(&error_page(&errors, shared.lang), &version);
        return respond(request, 500, html, page.into_bytes(), None);
    }
    match lookup(&files, &path) {
        Lookup::File(key) => {
            let kind = content_type(&key);
            let body = files.get(&key).cloned().unwrap_or_default();
            let body = if kind == html {
                with_reload_script(&String::from_utf8_lossy(&body), &version).into_bytes()
            } else {
                body
            };
            respond(request, 200, kind, body, None)
        }
        Lookup::Folder => {
            let location = match &query {
                Some(q) => format!("{raw_path}/?{q}"),
                None => format!("{raw_path}/"),
            };
            match header("Location", &location) {
                Some(h) => respond(
                    request,
                    301,
                    "text/plain; charset=utf-8",
                    b"moved\n".to_vec(),
                    Some(h),
                ),
                None => respond(
                    request,
                    400,
                    "text/plain; charset=utf-8",
                    b"bad address\n".to_vec(),
                    None,
                ),
            }
        }
        Lookup::NotFound => match files.get("404.html") {
            Some(page) => {
                let page = with_reload_script(&String::from_utf8_lossy(page), &version);
                respond(request, 404, html, page.into_bytes(), None)
            }
            None => respond(
                request,
                404,
                "text/plain; charset=utf-8",
                b"not found\n".to_vec(),
                None,
            ),
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
