//! The orchestrator: load → validate → model → render → write, in that order.
//!
//! The theme (templates and UI strings) and all content are checked before anything is
//! rendered; a build with errors writes nothing and leaves the previous output alone.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::content::Content;
use crate::diagnostics::{Diagnostics, Position};
use crate::messages::Message;
use crate::model::Site;
use crate::msg;
use crate::output::{Files, Output};
use crate::progress::{Progress, Stage};
use crate::render::preview::cache::{self, Cache};
use crate::render::{self, theme::Theme};
use crate::{check, content, validate};

/// What `tanrak build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    /// Overrides `base_url` from `content/site.yaml`.
    pub base_url: Option<String>,
    /// Also write `.gz` and `.br` beside each text file.
    pub precompress: bool,
}

/// What a successful build did, for the summary line.
#[derive(Debug, Clone, Copy)]
pub struct Summary {
    pub pages: usize,
    pub charts: usize,
    /// Words in the search index (all languages) and the index's bytes.
    pub search_terms: usize,
    pub search_bytes: usize,
    /// Link-preview images of area pages, and how many of them came from the cache.
    pub previews: usize,
    pub previews_cached: usize,
    pub files: usize,
    pub bytes: u64,
    pub elapsed: Duration,
}

/// A site's base address as given (`--base-url` or `base_url` in `site.yaml`), checked and
/// made regular: scheme and host in lower case, a `/` at the end. Refused, with the reason:
/// anything but http(s), no host, a user name, a query (`?…`) or a fragment (`#…`).
pub fn base_url(given: &str) -> Result<String, Message> {
    let url = given.trim();
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(msg!("base-url", url = url));
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return Err(msg!("base-url--scheme", url = url));
    }
    let (host, path) = match rest.find(['/', '?', '#']) {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    if host.is_empty() {
        return Err(msg!("base-url--no-host", url = url));
    }
    let host_ok = host
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    if !host_ok {
        return Err(msg!("base-url--bad-host", url = url, host = host));
    }
    if path.contains(['?', '#']) {
        return Err(msg!("base-url--query", url = url));
    }
    if path.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(msg!("base-url--space", url = url));
    }
    let mut out = format!("{scheme}://{}{path}", host.to_lowercase());
    if !out.ends_with('/') {
        out.push('/');
    }
    Ok(out)
}

/// Load the theme and content, validate them and run the checks of [`check`]: everything
/// `tanrak check` reports, and what a build must pass before it writes anything.
pub fn load(root: &Path, base_url: Option<&str>, diags: &mut Diagnostics) -> Option<(Site, Theme)> {
    load_counted(root, base_url, diags, &Progress::new())
}

/// [`load`], counting its progress into `progress`.
fn load_counted(
    root: &Path,
    base_url: Option<&str>,
    diags: &mut Diagnostics,
    progress: &Progress,
) -> Option<(Site, Theme)> {
    let mut theme = render::theme::load(root, diags);
    // The checks of single files look at each file's text as loading reads it.
    let as_read = check::AsRead::new(root);
    let mut content = content::load_looking(root, Some(&as_read), diags, progress);
    progress.stage(Stage::Check, 0);
    diags.mark_loaded();
    let mut site = understand(root, &mut content, Some(&as_read), diags)?;
    if let Some(theme) = theme.as_mut() {
        theme.localise(&site, &content, diags);
    }
    if site.report.map.is_some() {
        site.boundaries = content::boundaries::load(root, &site.areas, diags);
    }
    check_site(&content, &mut site, theme.as_ref(), base_url, diags)?;
    Some((site, theme?))
}

/// Validate loaded content into a site, with the checks that need only the files.
///
/// Validation moves the raw records out of `content` as it validates them (see
/// [`validate::validate`]): keep a copy first where they are needed again.
///
/// `as_read`: the checks of single files that looked at each file as it was loaded
/// ([`content::load_looking`]); without it, they read the files again.
pub(crate) fn understand(
    root: &Path,
    content: &mut Content,
    as_read: Option<&check::AsRead>,
    diags: &mut Diagnostics,
) -> Option<Site> {
    // Collected apart: validation gives up when the collector already holds errors.
    let mut content_checks = Diagnostics::new(root);
    match as_read {
        Some(as_read) => as_read.content(content, &mut content_checks),
        None => check::content(root, content, &mut content_checks),
    }
    let site = validate::validate(content, diags);
    diags.extend(content_checks);
    site
}

/// The checks that need the validated site (and the theme), and the base address.
pub(crate) fn check_site(
    content: &Content,
    site: &mut Site,
    theme: Option<&Theme>,
    base_url: Option<&str>,
    diags: &mut Diagnostics,
) -> Option<()> {
    check::site(content, site, theme, diags);
    apply_base_url(site, base_url, diags)
}

/// Put `--base-url` (checked) in place of the site's own base address.
pub(crate) fn apply_base_url(
    site: &mut Site,
    base_url: Option<&str>,
    diags: &mut Diagnostics,
) -> Option<()> {
    if let Some(url) = base_url {
        match self::base_url(url) {
            Ok(url) => site.config.base_url = url,
            Err(message) => {
                diags
                    .error("base-url", Path::new("--base-url"), Position::FILE, message)
                    .help(msg!("base-url.help"));
                return None;
            }
        }
    }
    Some(())
}

/// Load, check and render the site at `root` into `out`: the part `build` and the preview
/// server share, so the preview shows exactly the pages a build publishes. Returns `None`
/// (with the problems in `diags`) when anything failed.
fn render_into(
    root: &Path,
    base_url: Option<&str>,
    out: &Output,
    progress: &Progress,
    cache: &Cache,
    diags: &mut Diagnostics,
) -> Option<render::Counts> {
    let (site, theme) = load_counted(root, base_url, diags, progress)?;
    cache.report_refused(diags);
    if diags.has_errors() {
        return None;
    }
    let counts = render::render_site_counted(&site, &theme, out, progress, cache, diags);
    (!diags.has_errors()).then_some(counts)
}

impl Summary {
    fn new(counts: render::Counts, out: &Output, started: Instant) -> Summary {
        Summary {
            pages: counts.pages,
            charts: counts.charts,
            search_terms: counts.search_terms,
            search_bytes: counts.search_bytes,
            previews: counts.previews,
            previews_cached: counts.previews_cached,
            files: out.file_count(),
            bytes: out.byte_count(),
            elapsed: started.elapsed(),
        }
    }
}

/// Build the site into `options.output`. Returns `None` (with the problems in `diags`)
/// when the build failed; the output folder is then untouched.
pub fn build(options: &BuildOptions, diags: &mut Diagnostics) -> Option<Summary> {
    build_counted(options, &Progress::new(), diags)
}

/// [`build`], counting what it has done into `progress` (for [`crate::progress::Display`]).
pub fn build_counted(
    options: &BuildOptions,
    progress: &Progress,
    diags: &mut Diagnostics,
) -> Option<Summary> {
    let started = Instant::now();
    if let Err(refusal) = crate::output::check_target(&options.root, &options.output) {
        diags
            .error(
                "output",
                Path::new(refusal.flag),
                Position::FILE,
                refusal.message,
            )
            .help(refusal.help);
        return None;
    }
    let out = match Output::begin(&options.output) {
        Ok(o) => o,
        Err(e) => {
            diags
                .error(
                    "write",
                    &options.output,
                    Position::FILE,
                    msg!("write--folder", reason = e.to_string()),
                )
                .help(msg!("write--folder.help"));
            return None;
        }
    };
    // On failure, dropping `out` removes the half-written folder.
    let cache = Cache::open(&options.root, cache::Use::ReadWrite);
    let counts = render_into(
        &options.root,
        options.base_url.as_deref(),
        &out,
        progress,
        &cache,
        diags,
    )?;
    if options.precompress {
        progress.stage(Stage::Compress, 0);
    }
    if options.precompress
        && let Err(e) = crate::precompress::precompress(&out)
    {
        diags.error(
            "write",
            &options.output,
            Position::FILE,
            msg!("write--compress", reason = e.to_string()),
        );
        return None;
    }
    let summary = Summary::new(counts, &out, started);
    if let Err(e) = out.commit() {
        diags.error(
            "write",
            &options.output,
            Position::FILE,
            msg!("write--swap", reason = e.to_string()),
        );
        return None;
    }
    // The new site is in place: the cache keeps its images and no others.
    cache.prune();
    Some(summary)
}

/// Everything `build` checks, without writing anything: load and validate, then render
/// every page in memory and throw the pages away, so a template that fails on some page
/// (an undefined variable, a missing theme file) fails `check` as it fails `build`.
pub fn check(root: &Path, diags: &mut Diagnostics) {
    let out = Output::in_memory();
    let cache = Cache::open(root, cache::Use::Read);
    let _ = render_into(root, None, &out, &Progress::new(), &cache, diags);
}

/// Build the site into memory, for the preview server: the same checks and pages as
/// [`build`], no page written to the disk (only new images to the previews' cache). Returns `None` (with the problems in `diags`) when
/// the build failed.
pub fn build_in_memory(
    root: &Path,
    base_url: Option<&str>,
    diags: &mut Diagnostics,
) -> Option<(Summary, Files)> {
    let started = Instant::now();
    let out = Output::in_memory();
    let cache = Cache::open(root, cache::Use::ReadWrite);
    let counts = render_into(root, base_url, &out, &Progress::new(), &cache, diags)?;
    Some((Summary::new(counts, &out, started), out.into_files()))
}
