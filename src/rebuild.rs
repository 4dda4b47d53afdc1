//! What an edit touches: the preview server's rebuilds.
//!
//! `tanrak serve` keeps the last good build in memory: the content as read, the validated
//! site, the theme, the search index's words per page and which files each page wrote. When
//! the editor saves files, [`Session::rebuild`] works out what they can have changed:
//!
//! - a record (`<segment>/<slug>.yaml`) or narrative (`<segment>/<slug>.<lang>.md`) that was
//!   loaded before and is still there is read again alone, and the checks of single files
//!   (`check::content_of`, the link check) run on it again;
//! - after narratives alone, nothing else is validated: validation takes from a narrative
//!   only where its text is and its date, so their new text is put in their records
//!   ([`validate::renew_narratives`]) and what validation and the whole site's checks
//!   found before is reported again. A narrative whose date moves its record's date is
//!   taken as a record;
//! - else the whole content is validated and checked again from memory (the same code as
//!   a build, so the same problems are found), and the new site is compared with the old
//!   one record by record;
//! - the pages re-rendered are those that read a changed record, as the page kinds' table
//!   says ([`Reads`] in `render::pages::KINDS`, so a new kind is covered by saying what it
//!   reads): a narrative changes its area's pages only; figures, fields or dates change the
//!   area's pages and every kind that reads all records (home, the index, the data and
//!   status pages, …) with the data downloads and the sitemap;
//! - the search index is updated from the re-rendered pages' words, and only its files that
//!   hold words whose pages changed are written again ([`search::Collector::write_changed`]);
//! - anything else — a new or removed file, the areas list, `site.yaml`, `report.yaml`, the
//!   UI strings, the national figures, a page, the theme — and any error rebuilds everything,
//!   as `tanrak build` would; so does an edit that changes what validation derives from all
//!   records for the whole site (how many areas have reported for a period, say).
//!
//! What the server then holds is byte for byte what a fresh build would write: the
//! integration test `serve_rebuilds_match_a_fresh_build` edits and compares.

use std::path::{Path, PathBuf};

use crate::check::links::Addresses;
use crate::content::{self, Content, Reloaded};
use crate::diagnostics::Diagnostics;
use crate::model::Site;
use crate::output::{Files, Output};
use crate::progress::Progress;
use crate::render::pages::Reads;
use crate::render::preview::cache::{self, Cache};
use crate::render::theme::{self, Theme};
use crate::render::{self, Job, charts, search};
use crate::{check, site, validate};

/// What a rebuild changed in the site served.
#[derive(Debug)]
pub enum Change {
    /// The whole site, anew.
    All(Files),
    /// Some files written anew (or new), some gone.
    Some {
        written: Files,
        removed: Vec<String>,
    },
}

impl Change {
    /// Apply the change to the files of the site served before it.
    pub fn apply(self, files: &mut Files) {
        match self {
            Change::All(all) => *files = all,
            Change::Some { written, removed } => {
                for path in removed {
                    files.remove(&path);
                }
                files.extend(written);
            }
        }
    }
}

/// What one rebuild did.
#[derive(Debug)]
pub struct Rebuilt {
    /// `None` when the content has errors (they are in `diags`).
    pub change: Option<Change>,
    pub diags: Diagnostics,
    /// Pages in the site, and how many of them were rendered this time.
    pub pages: usize,
    pub rendered: usize,
    /// How long each step of a rebuild in part took, for `TANRAK_SERVE_TIMES=1`.
    pub steps: Vec<(&'static str, std::time::Duration)>,
}

/// The time of each step of a rebuild.
struct Steps {
    last: std::time::Instant,
    done: Vec<(&'static str, std::time::Duration)>,
}

impl Steps {
    fn new() -> Steps {
        Steps {
            last: std::time::Instant::now(),
            done: Vec::new(),
        }
    }

    fn mark(&mut self, step: &'static str) {
        let now = std::time::Instant::now();
        self.done.push((step, now - self.last));
        self.last = now;
    }
}

/// The preview server's memory of the last good build (see the module's comment).
pub struct Session {
    root: PathBuf,
    content_dir: PathBuf,
    base_url: Option<String>,
    last: Option<Last>,
    /// The preview images' cache in the site's folder, read and written as a build does
    /// (never pruned here: a build does that), so an image is never made twice.
    previews: Cache,
}

struct Last {
    content: Content,
    site: Site,
    /// [`site_wide`] of `site`.
    site_wide: String,
    theme: Theme,
    index: search::Collector,
    /// What the search index's files were made of, to write again only what changes.
    written: search::Written,
    jobs: Vec<Job>,
    /// The files each page wrote, by its place in `jobs`.
    page_files: Vec<Vec<String>>,
    /// The files made from every record ([`render::record_files`]) and the search index's.
    record_files: Vec<String>,
    search_files: Vec<String>,
    /// The problems found while reading the theme and the content files, by the checks of
    /// single files ([`check::content`]) and by the link check: each about one file, so an
    /// edited file's are forgotten and found again.
    loaded: Diagnostics,
    content_checks: Diagnostics,
    links: Diagnostics,
    /// The problems of steps an edited record or narrative cannot change: the site's UI
    /// strings and the map's boundaries.
    fixed: Diagnostics,
    /// The problems validation and the checks of the whole site found: an edit to
    /// narratives alone cannot change them (see [`validate::renew_narratives`]).
    derived: Diagnostics,
    /// What links may lead to; an edit that leaves the pages as they were leaves them too.
    addresses: Addresses,
}

/// Validate `content` as a build does, keeping its raw records: validation moves them out
/// as it goes (so a build holds each once), but the session validates the same content
/// again after each edit, with only the edited files read again.
fn validate_keeping(content: &mut Content, diags: &mut Diagnostics) -> Option<Site> {
    let records = content.records.clone();
    let site = validate::validate(content, diags);
    content.records = records;
    site
}

/// A rebuild that could not be done in part: do it whole.
struct Whole;

impl Session {
    pub fn new(root: &Path, base_url: Option<&str>) -> Session {
        Session {
            root: root.to_path_buf(),
            content_dir: root.join("content"),
            base_url: base_url.map(str::to_string),
            last: None,
            previews: Cache::open(root, cache::Use::ReadWrite),
        }
    }

    /// Build everything, as `tanrak build` does, into memory.
    pub fn build(&mut self) -> Rebuilt {
        self.last = None;
        let mut diags = Diagnostics::new(&self.root);
        let mut theme = theme::load(&self.root, &mut diags);
        let mut content = content::load(&self.root, &mut diags);
        diags.mark_loaded();
        let loaded = diags.clone();
        // As `site::load` does, with the problems of each step kept apart.
        let mut content_checks = Diagnostics::new(&self.root);
        check::content(&self.root, &content, &mut content_checks);
        let count = diags.len();
        let site = validate_keeping(&mut content, &mut diags);
        let mut derived = diags.since(count);
        diags.extend(content_checks.clone());
        let Some(mut site) = site else {
            return failed(diags);
        };
        let mut fixed = Diagnostics::new(&self.root);
        if let Some(theme) = theme.as_mut() {
            theme.localise(&site, &content, &mut fixed);
        }
        if site.report.map.is_some() {
            site.boundaries = content::boundaries::load(&self.root, &site.areas, &mut fixed);
        }
        diags.extend(fixed.clone());
        let mut links = Diagnostics::new(&self.root);
        check::links::check(&content, &site, theme.as_ref(), &mut links);
        diags.extend(links.clone());
        let count = diags.len();
        check::whole_site(&content, &site, &mut diags);
        if site::apply_base_url(&mut site, self.base_url.as_deref(), &mut diags).is_none() {
            return failed(diags);
        }
        derived.extend(diags.since(count));
        let Some(theme) = theme else {
            return failed(diags);
        };
        if diags.has_errors() {
            return failed(diags);
        }
        charts::init_font(&theme);
        let index = search::Collector::new(&site);
        let jobs = render::jobs(&site);
        let numbered: Vec<(usize, Job)> = jobs.iter().cloned().enumerate().collect();
        let out = Output::in_memory();
        let mut page_files = Vec::with_capacity(jobs.len());
        let Some(previews) = render::previews(&site, &theme, &self.previews, &mut diags) else {
            return failed(diags);
        };
        let rendered = render::render_jobs(
            &site,
            &theme,
            &numbered,
            &index,
            previews.as_ref(),
            &out,
            &no_progress(),
        );
        drop(previews);
        for result in rendered {
            match result {
                Ok(w) => page_files.push(w.files),
                Err(e) => e.report(&theme, &mut diags),
            }
        }
        let mut written = None;
        let (_, search_files) = render::write_index(&theme, &out, &mut diags, |emit| {
            written = Some(index.write_kept(emit));
            search::IndexCounts::default()
        });
        let records = Output::in_memory();
        render::record_files(&site, &theme, &records, &mut diags);
        render::fixed_files(&site, &theme, &out, &mut diags);
        if diags.has_errors() {
            return failed(diags);
        }
        let records = records.into_files();
        let record_files = records.keys().cloned().collect();
        let mut files = out.into_files();
        files.extend(records);
        let pages = jobs.len();
        let Some(written) = written else {
            return failed(diags);
        };
        self.last = Some(Last {
            content,
            site_wide: site_wide(&site),
            addresses: Addresses::new(&site, Some(&theme)),
            site,
            theme,
            index,
            written,
            jobs,
            page_files,
            record_files,
            search_files,
            loaded,
            content_checks,
            links,
            fixed,
            derived,
        });
        Rebuilt {
            change: Some(Change::All(files)),
            diags,
            pages,
            rendered: pages,
            steps: Vec::new(),
        }
    }

    /// Rebuild after the files `changed` were saved (or removed, or made): only what they
    /// touch when that can be told, else everything.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Rebuilt {
        match self.in_part(changed) {
            Ok(rebuilt) => rebuilt,
            Err(Whole) => self.build(),
        }
    }

    fn in_part(&mut self, changed: &[PathBuf]) -> Result<Rebuilt, Whole> {
        let mut steps = Steps::new();
        let content_real = self.content_dir.canonicalize().map_err(|_| Whole)?;
        // The files as loading named them (under `root/content`), whatever path the
        // watcher gave.
        let mut files = Vec::new();
        for path in changed {
            let real = path.canonicalize().map_err(|_| Whole)?;
            let rel = real.strip_prefix(&content_real).map_err(|_| Whole)?;
            files.push(self.content_dir.join(rel));
        }
        files.sort();
        files.dedup();
        let root = self.root.clone();
        let base_url = self.base_url.clone();
        // From here on a failure leaves the memory half-updated: forget it.
        let last = self.last.take().ok_or(Whole)?;
        let Last {
            mut content,
            site: mut old,
            site_wide: old_wide,
            theme,
            index,
            mut written,
            jobs,
            mut page_files,
            mut record_files,
            search_files,
            mut loaded,
            mut content_checks,
            mut links,
            fixed,
            derived,
            addresses,
        } = last;
        for file in &files {
            loaded.forget_file(file);
            content_checks.forget_file(file);
            links.forget_file(file);
        }
        for file in &files {
            if content.reload(&self.content_dir, file, &mut loaded) != Reloaded::Done {
                return Err(Whole);
            }
        }
        loaded.mark_loaded();
        if loaded.has_errors() {
            return Err(Whole);
        }
        steps.mark("read");
        check::content_of(&root, &content, &files, &mut content_checks);
        steps.mark("checks of the files");
        let narratives: Option<Vec<_>> = files.iter().map(|f| content.narrative_of(f)).collect();
        let renewed =
            narratives.and_then(|keys| validate::renew_narratives(&mut old, &content, &keys));
        let (site, diags, wide, derived, addresses, changed, figures_changed) = match renewed {
            // Narratives alone: the site is the one validated before with their new text,
            // and what validation and the whole site's checks found is what they found.
            Some(changed) => {
                let mut diags = loaded.clone();
                diags.extend(derived.clone());
                diags.extend(content_checks.clone());
                diags.extend(fixed.clone());
                check::links::check_files(&content, &old, &addresses, &files, &mut links);
                diags.extend(links.clone());
                if diags.has_errors() {
                    return Err(Whole);
                }
                steps.mark("narratives, links");
                (old, diags, old_wide, derived, addresses, changed, false)
            }
            None => {
                let mut diags = loaded.clone();
                let count = diags.len();
                let mut site = validate_keeping(&mut content, &mut diags).ok_or(Whole)?;
                let mut derived = diags.since(count);
                steps.mark("validate");
                diags.extend(content_checks.clone());
                site.boundaries = old.boundaries.clone();
                diags.extend(fixed.clone());
                let addresses = Addresses::new(&site, Some(&theme));
                check::links::check_files(&content, &site, &addresses, &files, &mut links);
                diags.extend(links.clone());
                steps.mark("links");
                let count = diags.len();
                check::whole_site(&content, &site, &mut diags);
                site::apply_base_url(&mut site, base_url.as_deref(), &mut diags).ok_or(Whole)?;
                derived.extend(diags.since(count));
                if diags.has_errors() {
                    return Err(Whole);
                }
                steps.mark("sums and schemas");
                // The same pages, for the same areas: else everything is rendered.
                let same_areas = old.records.len() == site.records.len()
                    && old
                        .records
                        .iter()
                        .zip(&site.records)
                        .all(|(a, b)| a.area == b.area);
                if !same_areas || render::jobs(&site) != jobs {
                    return Err(Whole);
                }
                // What validation derives from all records for the whole site (how many
                // areas have reported for a period, say) may be shown on any page.
                let wide = site_wide(&site);
                if wide != old_wide {
                    return Err(Whole);
                }
                steps.mark("compare");
                let changed: Vec<usize> = (0..site.records.len())
                    .filter(|&i| old.records[i] != site.records[i])
                    .collect();
                let figures_changed = changed.iter().any(|&i| {
                    let mut a = old.records[i].clone();
                    let mut b = site.records[i].clone();
                    a.narratives = Default::default();
                    b.narratives = Default::default();
                    a != b
                });
                (
                    site,
                    diags,
                    wide,
                    derived,
                    addresses,
                    changed,
                    figures_changed,
                )
            }
        };
        let mut diags = diags;
        let touched = |job: &Job| match job {
            Job::NotFound => false,
            Job::Page(_, route) => match route.spec().reads {
                Reads::NoRecord => false,
                Reads::OwnRecord => changed.contains(&route.item),
                Reads::AllFigures => figures_changed,
                Reads::AllRecords => !changed.is_empty(),
            },
        };
        let redo: Vec<(usize, Job)> = jobs
            .iter()
            .enumerate()
            .filter(|(_, job)| touched(job))
            .map(|(order, job)| (order, job.clone()))
            .collect();
        let orders: Vec<usize> = redo.iter().map(|(order, _)| *order).collect();
        steps.mark("what to render");
        index.remove(&orders);
        steps.mark("search: take pages out");
        let out = Output::in_memory();
        let mut removed = Vec::new();
        let previews = render::previews(&site, &theme, &self.previews, &mut diags).ok_or(Whole)?;
        let results = render::render_jobs(
            &site,
            &theme,
            &redo,
            &index,
            previews.as_ref(),
            &out,
            &no_progress(),
        );
        drop(previews);
        for ((order, _), result) in redo.iter().zip(results) {
            match result {
                Ok(w) => {
                    let before = std::mem::replace(&mut page_files[*order], w.files);
                    removed.extend(
                        before
                            .into_iter()
                            .filter(|f| !page_files[*order].contains(f)),
                    );
                }
                Err(e) => e.report(&theme, &mut diags),
            }
        }
        if diags.has_errors() {
            return Err(Whole);
        }
        let mut records = Files::new();
        steps.mark("render");
        if figures_changed {
            let out = Output::in_memory();
            render::record_files(&site, &theme, &out, &mut diags);
            records = out.into_files();
            removed.extend(gone(record_files, &records));
            record_files = records.keys().cloned().collect();
        }
        steps.mark("data files");
        let search_now = if redo.is_empty() {
            search_files
        } else {
            let mut now = None;
            render::write_index(&theme, &out, &mut diags, |emit| {
                now = index.write_changed(&mut written, &orders, emit);
                search::IndexCounts::default()
            });
            let now = now.ok_or(Whole)?;
            let kept: std::collections::HashSet<&String> = now.iter().collect();
            removed.extend(search_files.into_iter().filter(|f| !kept.contains(f)));
            now
        };
        if diags.has_errors() {
            return Err(Whole);
        }
        steps.mark("search index");
        let mut written_files = out.into_files();
        written_files.extend(records);
        let pages = jobs.len();
        let rendered = redo.len();
        self.last = Some(Last {
            content,
            site,
            site_wide: wide,
            theme,
            index,
            written,
            jobs,
            page_files,
            record_files,
            search_files: search_now,
            loaded,
            content_checks,
            links,
            fixed,
            derived,
            addresses,
        });
        Ok(Rebuilt {
            change: Some(Change::Some {
                written: written_files,
                removed,
            }),
            diags,
            pages,
            rendered,
            steps: steps.done,
        })
    }
}

fn failed(diags: Diagnostics) -> Rebuilt {
    Rebuilt {
        change: None,
        diags,
        pages: 0,
        rendered: 0,
        steps: Vec::new(),
    }
}

/// Everything of a site but its records, as text. Every field is named, so a field added to
/// [`Site`] is compared here too (or said not to be).
fn site_wide(site: &Site) -> String {
    let Site {
        config,
        report,
        groups,
        areas,
        records: _,
        national,
        home,
        faq,
        pages,
        updates,
        standings,
        // Read from the areas list's outlines, which an edit to a record cannot change.
        boundaries: _,
    } = site;
    format!(
        "{config:?}{report:?}{groups:?}{areas:?}{national:?}{home:?}{faq:?}{pages:?}{updates:?}\
         {standings:?}"
    )
}

/// The files of `before` that `now` does not have.
fn gone(before: Vec<String>, now: &Files) -> impl Iterator<Item = String> + '_ {
    before.into_iter().filter(|f| !now.contains_key(f))
}

fn no_progress() -> Progress {
    Progress::new()
}
