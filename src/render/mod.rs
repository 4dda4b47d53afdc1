//! Stage 4, render: every page of the site, in parallel, streamed to the writer.
//!
//! The list of pages is made first (cheap); then each page is rendered and written as soon
//! as it is done, so memory holds a few pages at a time, not the whole site. Each page's
//! bytes depend only on the model, so the output is the same on every run.

pub mod assets;
pub mod charts;
pub mod compare;
pub mod data;
pub mod feed;
pub mod format;
pub mod groups;
pub mod map;
pub mod markdown;
pub mod meta;
pub mod pages;
pub mod preview;
pub mod search;
pub mod sitemap;
pub mod theme;
pub mod views;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::diagnostics::{Diagnostics, Position};
use crate::model::{Lang, Site};
use crate::msg;
use crate::output::Output;
use crate::progress::{Progress, Stage};
use format::Formatter;
use pages::Kind;
use theme::Theme;
use views::*;

/// What a render produced, for the summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub pages: usize,
    pub charts: usize,
    /// Distinct words in the search index, all languages together, and its size in bytes.
    pub search_terms: usize,
    pub search_bytes: usize,
    /// Link-preview images of area pages, and how many of them came from the cache.
    pub previews: usize,
    pub previews_cached: usize,
}

/// Why a page could not be rendered.
#[derive(Debug)]
pub enum Failure {
    /// A template failed, or a page's files could not be made or written (shown as a
    /// template problem, as before).
    Template(String),
    /// A source file left on disk (a narrative) could not be read again as it was loaded.
    Source(std::path::PathBuf, crate::content::ReadAgain),
}

impl From<tera::Error> for Failure {
    fn from(e: tera::Error) -> Failure {
        Failure::Template(format!("{e}"))
    }
}

impl From<String> for Failure {
    fn from(e: String) -> Failure {
        Failure::Template(e)
    }
}

impl Failure {
    /// Report it: a template problem against the theme, a source file against itself.
    pub(crate) fn report(&self, theme: &Theme, diags: &mut Diagnostics) {
        match self {
            Failure::Template(e) => theme::report_template_error(&theme.origin, e, diags),
            Failure::Source(file, e) => e.report(file, diags),
        }
    }
}

/// One page to render.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Job {
    Page(Lang, Route),
    NotFound,
}

/// Every page of the site in every language: the one list rendering, the sitemap and the
/// link check (`check::links`) use, so a link is checked against exactly the pages written.
pub fn routes(site: &Site) -> Vec<(Lang, Route)> {
    let one = pages::routes_in(site);
    let mut routes = Vec::with_capacity(one.len() * site.config.languages.len());
    for &lang in &site.config.languages {
        routes.extend(one.iter().map(|r| (lang, *r)));
    }
    routes
}

/// The not-found page's file, at the site root.
pub const NOT_FOUND: &str = "404.html";

/// Every page to render, in render order (the order the search index numbers pages by).
pub(crate) fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs: Vec<Job> = routes(site)
        .into_iter()
        .map(|(lang, route)| Job::Page(lang, route))
        .collect();
    jobs.push(Job::NotFound);
    jobs
}

/// The main menu, from the page kinds that have an entry (other pages before the updates).
/// On a page of a kind without an entry of its own, it depends only on the kind (whose
/// `nav_parent` is marked current), not on which page of the kind it is.
fn nav(site: &Site, theme: &Theme, lang: Lang, current: &Route) -> Vec<Link> {
    let mut items: Vec<(Route, String)> = Vec::new();
    for spec in &pages::KINDS {
        if spec.kind == Kind::Page {
            // Pages in the menu, by their `weight` and then by name, labelled with their
            // short `menu_label` or their title.
            let mut pages: Vec<(i64, &str, usize, String)> = Vec::new();
            for (i, page) in site.pages.iter().enumerate() {
                let Some(doc) = page
                    .get(lang)
                    .or_else(|| page.docs.iter().next().map(|(_, d)| d))
                else {
                    continue;
                };
                if doc.menu.show {
                    let label = doc.menu.label.clone().unwrap_or_else(|| doc.title.clone());
                    pages.push((doc.menu.weight, &page.name, i, label));
                }
            }
            pages.sort();
            for (_, _, i, label) in pages {
                items.push((
                    Route {
                        kind: Kind::Page,
                        item: i,
                    },
                    label,
                ));
            }
        }
        if let Some(key) = spec.nav {
            items.push((Route::one(spec.kind), theme.t(lang, key)));
        }
    }
    let parent = current.spec().nav_parent;
    items
        .into_iter()
        .map(|(route, label)| Link {
            href: href(site, lang, &route.rel(site)),
            current: &route == current || parent == Some(route.kind),
            label,
            lang: lang.code().into(),
        })
        .collect()
}

fn common(site: &Site, theme: &Theme, lang: Lang, route: &Route) -> Common {
    let fmt = Formatter::new(lang, site.config.thai_digits, theme.strings(lang));
    let rel = route.rel(site);
    let facts = route.facts(site, theme, lang);
    let mut alternates: Vec<Alternate> = site
        .config
        .languages
        .iter()
        .map(|&l| Alternate {
            hreflang: l.code().into(),
            href: absolute(site, l, &rel),
        })
        .collect();
    alternates.push(Alternate {
        hreflang: "x-default".into(),
        href: absolute(site, site.config.default_lang(), &rel),
    });
    let c = &site.config;
    Common {
        lang,
        page: PageMeta {
            title: facts.title,
            description: facts.description,
            href: href(site, lang, &rel),
            canonical: absolute(site, lang, &rel),
            updated: fmt.date(facts.updated),
            updated_iso: facts.updated.to_string(),
            kind: route.spec().template.trim_end_matches(".html"),
        },
        alternates,
        switches: c
            .languages
            .iter()
            .filter(|&&l| l != lang)
            .map(|&other| Link {
                href: href(site, other, &rel),
                label: theme.t(other, "language_name"),
                current: false,
                lang: other.code().into(),
            })
            .collect(),
        meta: meta::meta_view(site, theme, lang, route),
    }
}

/// What every page of a language shares ([`SiteWide`], and the UI strings), as template
/// values made once per build: a page's context takes a shared copy of each.
pub(crate) struct Shared {
    langs: Vec<(Lang, Vec<(&'static str, tera::Value)>)>,
    /// The menu of each language on the pages of each kind that has no entry in it (an
    /// area's page): the same on every page of the kind (see [`nav`]), so made once.
    navs: Vec<((Lang, Kind), tera::Value)>,
}

impl Shared {
    pub(crate) fn new(site: &Site, theme: &Theme) -> Shared {
        let c = &site.config;
        let langs = c
            .languages
            .iter()
            .map(|&lang| {
                let wide = SiteWide {
                    site: SiteView {
                        title: c.title.get(lang).to_string(),
                        description: c.description.get(lang).to_string(),
                        agency_name: c.agency_name.get(lang).to_string(),
                        agency_parent: c.agency_parent.get(lang).to_string(),
                        publisher: c
                            .publisher
                            .as_ref()
                            .map(|p| p.get(lang).to_string())
                            .unwrap_or_default(),
                        contact_email: c.contact.email.clone(),
                        contact_phone: c.contact.phone.clone(),
                        contact_address: c.contact.address.get(lang).to_string(),
                    },
                    home_href: href(site, lang, ""),
                    assets: format!("{}assets/", c.base_path()),
                    stylesheet: format!(
                        "{}assets/{}",
                        c.base_path(),
                        theme.assets.name("style.css")
                    ),
                    data_href: href(site, lang, &Route::one(Kind::Data).rel(site)),
                    areas_href: href(site, lang, &Route::one(Kind::Areas).rel(site)),
                    search_href: href(site, lang, &Route::one(Kind::Search).rel(site)),
                    group_links: compare::group_links(site, lang),
                };
                let values = vec![
                    ("t", theme.strings_value(lang)),
                    ("site", tera::Value::from_serializable(&wide.site)),
                    ("home_href", tera::Value::from_serializable(&wide.home_href)),
                    ("assets", tera::Value::from_serializable(&wide.assets)),
                    (
                        "stylesheet",
                        tera::Value::from_serializable(&wide.stylesheet),
                    ),
                    ("data_href", tera::Value::from_serializable(&wide.data_href)),
                    (
                        "areas_href",
                        tera::Value::from_serializable(&wide.areas_href),
                    ),
                    (
                        "search_href",
                        tera::Value::from_serializable(&wide.search_href),
                    ),
                    (
                        "group_links",
                        tera::Value::from_serializable(&wide.group_links),
                    ),
                ];
                (lang, values)
            })
            .collect();
        let navs = c
            .languages
            .iter()
            .flat_map(|&lang| {
                pages::KINDS
                    .iter()
                    .filter(|spec| spec.nav.is_none() && spec.kind != Kind::Page)
                    .map(move |spec| {
                        let nav = nav(site, theme, lang, &Route::one(spec.kind));
                        ((lang, spec.kind), tera::Value::from_serializable(&nav))
                    })
            })
            .collect();
        Shared { langs, navs }
    }

    /// The menu of a page of `lang` at `route` as a template value: a shared copy where it
    /// is the same on every page of the route's kind, else made for this page.
    fn nav(&self, site: &Site, theme: &Theme, lang: Lang, route: &Route) -> tera::Value {
        match self.navs.iter().find(|(key, _)| *key == (lang, route.kind)) {
            Some((_, nav)) => nav.clone(),
            None => tera::Value::from_serializable(&nav(site, theme, lang, route)),
        }
    }

    /// Put a shared copy of each of `lang`'s values in a page's context.
    fn insert(&self, lang: Lang, ctx: &mut Context) {
        if let Some((_, values)) = self.langs.iter().find(|(l, _)| *l == lang) {
            for (key, value) in values {
                ctx.insert_value(*key, value.clone());
            }
        }
    }
}

/// A rendered page: where it goes, its HTML, and the files that go with it (the data files
/// of its charts, its preview image).
struct Rendered {
    path: String,
    html: Vec<u8>,
    charts: usize,
    previews: usize,
    files: Vec<(String, Vec<u8>)>,
}

/// Render a page, and give it to the search index (`order`: its place in the render order).
#[allow(clippy::too_many_arguments)]
fn render_page(
    site: &Site,
    theme: &Theme,
    shared: &Shared,
    lang: Lang,
    route: &Route,
    index: &search::Collector,
    order: usize,
    previews: Option<&preview::Previews>,
) -> Result<Rendered, Failure> {
    let fmt = Formatter::new(lang, site.config.thai_digits, theme.strings(lang));
    let mut common = common(site, theme, lang, route);
    let mut files = Vec::new();
    // An area page's own preview image, made first: the page names it in its meta tags.
    let mut preview_count = 0;
    if route.kind == Kind::Area
        && let Some(previews) = previews
    {
        let image = previews.render(site, theme, lang, route.item);
        meta::use_preview(site, &mut common.meta, &image);
        files.push((image.path, image.bytes));
        preview_count = 1;
    }
    let charts = route.charts(site, theme);
    let chart_data = route.chart_data(site);
    let chart_views: Vec<charts::ChartView> = charts
        .iter()
        .map(|c| charts::view(site, theme, &fmt, c, chart_data.as_deref()))
        .collect();
    // The downloads are the same in every language: the default language's job writes them.
    if lang == site.config.default_lang() {
        files.extend(charts::data_files(site, &charts, chart_data.as_deref())?);
    }
    let html = page_html(site, theme, shared, &fmt, &common, route, &chart_views)?;
    // The page is written as bytes; only the search index reads it as text. Checked with
    // simdutf8, several times faster than the standard library's check on Thai text (a
    // page is mostly three-byte letters), and never copied into a `String`.
    let text = simdutf8::basic::from_utf8(&html)
        .map_err(|_| Failure::Template("a template wrote text that is not UTF-8".into()))?;
    if route.kind != Kind::Search {
        let page = search::PageInfo {
            lang,
            order,
            href: &common.page.href,
            title: &common.page.title,
            description: &common.page.description,
            area: (route.kind == Kind::Area).then(|| site.records[route.item].area),
        };
        index.add(site, page, text);
    }
    Ok(Rendered {
        path: format!("{}index.html", lang_rel(site, lang, &route.rel(site))),
        html,
        charts: chart_views.len(),
        previews: preview_count,
        files,
    })
}

fn page_html(
    site: &Site,
    theme: &Theme,
    shared: &Shared,
    fmt: &Formatter,
    common: &Common,
    route: &Route,
    charts: &[charts::ChartView],
) -> Result<Vec<u8>, Failure> {
    let mut ctx = Context::from_serialize(common)?;
    shared.insert(fmt.lang, &mut ctx);
    ctx.insert_value("nav", shared.nav(site, theme, fmt.lang, route));
    route.context(site, theme, fmt, &mut ctx)?;
    if route.spec().map {
        ctx.insert("map", &map::map_view(site, theme, fmt, "area-map"));
    }
    ctx.insert("charts", charts);
    // Rendered into a buffer the size of this thread's last page, so a page's bytes are not
    // copied again each time the buffer would have had to grow.
    thread_local! {
        static LAST: std::cell::Cell<usize> = const { std::cell::Cell::new(16 * 1024) };
    }
    let mut html = Vec::with_capacity(LAST.get() + LAST.get() / 4);
    theme
        .tera
        .render_to(route.spec().template, &ctx, &mut html)?;
    LAST.set(html.len());
    Ok(html)
}

#[derive(Serialize)]
struct NotFoundLang<'a> {
    lang: Lang,
    t: &'a theme::Strings,
    home_href: String,
    areas_href: String,
    faq_href: String,
}

fn render_not_found(site: &Site, theme: &Theme) -> Result<String, tera::Error> {
    let langs: Vec<NotFoundLang> = site
        .config
        .languages
        .iter()
        .map(|&l| NotFoundLang {
            lang: l,
            t: theme.strings(l),
            home_href: href(site, l, ""),
            areas_href: href(site, l, &Route::one(Kind::Areas).rel(site)),
            faq_href: href(site, l, &Route::one(Kind::Faq).rel(site)),
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("langs", &langs);
    ctx.insert("lang", &site.config.default_lang());
    ctx.insert("t", theme.strings(site.config.default_lang()));
    ctx.insert("assets", &format!("{}assets/", site.config.base_path()));
    ctx.insert(
        "stylesheet",
        &format!(
            "{}assets/{}",
            site.config.base_path(),
            theme.assets.name("style.css")
        ),
    );
    ctx.insert(
        "site_title",
        site.config.title.get(site.config.default_lang()),
    );
    theme.tera.render("404.html", &ctx)
}

/// Every page of the site for the sitemap, in render order, with its content date.
fn sitemap_entries(site: &Site, theme: &Theme) -> Vec<sitemap::Entry> {
    jobs(site)
        .into_iter()
        .filter_map(|job| match job {
            Job::Page(lang, route) => Some(sitemap::Entry {
                rel: route.rel(site),
                lang,
                lastmod: route.facts(site, theme, lang).updated,
            }),
            Job::NotFound => None,
        })
        .collect()
}

/// Render every page and copy the theme's assets into `out` (every preview image made, none
/// taken from a cache).
pub fn render_site(site: &Site, theme: &Theme, out: &Output, diags: &mut Diagnostics) -> Counts {
    let cache = preview::cache::Cache::off();
    render_site_counted(site, theme, out, &Progress::new(), &cache, diags)
}

/// [`render_site`], counting the pages done into `progress`, with the preview images of
/// `cache`.
pub fn render_site_counted(
    site: &Site,
    theme: &Theme,
    out: &Output,
    progress: &Progress,
    cache: &preview::cache::Cache,
    diags: &mut Diagnostics,
) -> Counts {
    charts::init_font(theme);
    let cached_before = cache.counts().0;
    let Some(previews) = previews(site, theme, cache, diags) else {
        return Counts::default();
    };
    let jobs = in_run_order(jobs(site).into_iter().enumerate().collect());
    // Every page but the search page's own is indexed.
    let index = search::Collector::for_build(
        site,
        jobs.iter().filter_map(|(_, job)| match job {
            Job::Page(lang, route) if route.kind != Kind::Search => Some(*lang),
            _ => None,
        }),
    );
    progress.stage(Stage::Render, jobs.len());
    let results = render_jobs(site, theme, &jobs, &index, previews.as_ref(), out, progress);
    progress.stage(Stage::Finish, 0);
    let mut counts = Counts::default();
    for r in results {
        match r {
            Ok(page) => {
                counts.pages += 1;
                counts.charts += page.charts;
                counts.previews += page.previews;
            }
            Err(e) => e.report(theme, diags),
        }
    }
    counts.previews_cached = cache.counts().0 - cached_before;
    // The index is written a language to a thread, and each language's files take their own
    // time: the record files and the fixed ones are written beside it, not after it.
    let mut files_diags = Diagnostics::new(diags.root());
    let ((index, _), ()) = rayon::join(
        || write_index(theme, out, diags, |emit| index.write(emit)),
        || {
            record_files(site, theme, out, &mut files_diags);
            fixed_files(site, theme, out, &mut files_diags);
        },
    );
    diags.extend(files_diags);
    counts.search_terms = index.terms;
    counts.search_bytes = index.bytes;
    counts
}

/// `jobs` (each with its place in [`jobs`]'s order, which numbers the pages in the index) in
/// the order they are given to the threads: the first half as it is, the second half from
/// its end.
///
/// The threads begin at the start of each half of the list and go forward. In [`jobs`]'s
/// order each language's pages start with its list of every area, the largest page of a
/// build (7.5 MB at 10,000 areas, with template values and index words several times that),
/// so with two languages both lists were rendered at once, and set the build's peak memory.
/// Taken from its end, the second half's list comes last. Each thread still renders one
/// language's pages (its caches of recurring text stay warm, which taking the languages in
/// turn would lose: 4% more time).
fn in_run_order(mut jobs: Vec<(usize, Job)>) -> Vec<(usize, Job)> {
    let half = jobs.len() / 2;
    jobs[half..].reverse();
    jobs
}

/// The link-preview images' drawing, when the site has them (`Some(None)` when it has
/// none); `None` when it cannot be loaded (the problem is in `diags`).
pub(crate) fn previews<'t>(
    site: &Site,
    theme: &'t Theme,
    cache: &'t preview::cache::Cache,
    diags: &mut Diagnostics,
) -> Option<Option<preview::Previews<'t>>> {
    if preview::enabled(site) {
        preview::load(theme, cache, diags).map(Some)
    } else {
        Some(None)
    }
}

/// What rendering one page wrote.
pub(crate) struct Written {
    pub charts: usize,
    pub previews: usize,
    /// Every file it wrote: the page and its charts' downloads.
    pub files: Vec<String>,
}

/// Render the pages `jobs` (each with its place in [`jobs`]'s order, which the search index
/// numbers pages by) into `out`, giving each to the search index.
pub(crate) fn render_jobs(
    site: &Site,
    theme: &Theme,
    jobs: &[(usize, Job)],
    index: &search::Collector,
    previews: Option<&preview::Previews>,
    out: &Output,
    progress: &Progress,
) -> Vec<Result<Written, Failure>> {
    let shared = Shared::new(site, theme);
    // Taken in runs of at most a few pages: rayon otherwise leaves a thread a run of a
    // thousand pages or more, which no other thread can take a part of, and at the end of
    // a large build one core rendered the last of them alone for a third of a second.
    jobs.par_iter()
        .with_max_len(16)
        .map(|(order, job)| {
            let page = match job {
                Job::Page(lang, route) => {
                    render_page(site, theme, &shared, *lang, route, index, *order, previews)?
                }
                Job::NotFound => Rendered {
                    path: NOT_FOUND.to_string(),
                    html: render_not_found(site, theme)?.into_bytes(),
                    charts: 0,
                    previews: 0,
                    files: Vec::new(),
                },
            };
            let mut written = Vec::with_capacity(page.files.len() + 1);
            for (path, bytes) in &page.files {
                out.write(path, bytes)
                    .map_err(|e| format!("cannot write {path}: {e}"))?;
                written.push(path.clone());
            }
            let path = &page.path;
            out.write(path, &page.html)
                .map_err(|e| format!("cannot write {path}: {e}"))?;
            written.push(page.path);
            progress.add(1);
            Ok(Written {
                charts: page.charts,
                previews: page.previews,
                files: written,
            })
        })
        .collect()
}

/// Write the search index (`write` is [`search::Collector::write`] or `write_kept`): its
/// counts and the files written.
pub(crate) fn write_index(
    theme: &Theme,
    out: &Output,
    diags: &mut Diagnostics,
    write: impl FnOnce(&(dyn Fn(String, String) + Sync)) -> search::IndexCounts,
) -> (search::IndexCounts, Vec<String>) {
    let written = std::sync::Mutex::new(Vec::new());
    let failed = std::sync::Mutex::new(Vec::new());
    let counts = write(&|path: String, text: String| {
        if let Err(e) = out.write(&path, text.as_bytes())
            && let Ok(mut f) = failed.lock()
        {
            f.push((path.clone(), e.to_string()));
        }
        if let Ok(mut w) = written.lock() {
            w.push(path);
        }
    });
    let mut failed = failed.into_inner().unwrap_or_default();
    failed.sort();
    let template_dir = theme.origin.join("templates");
    for (path, e) in failed {
        diags.error(
            "write",
            &template_dir,
            Position::FILE,
            msg!("write--7", path = path, e = e),
        );
    }
    let mut written = written.into_inner().unwrap_or_default();
    written.sort();
    (counts, written)
}

/// Write text files made from the whole site (the search index, the sitemap).
pub(crate) fn write_texts(
    theme: &Theme,
    files: Vec<(String, String)>,
    out: &Output,
    diags: &mut Diagnostics,
) {
    let template_dir = theme.origin.join("templates");
    for (path, text) in files {
        if let Err(e) = out.write(&path, text.as_bytes()) {
            diags.error(
                "write",
                &template_dir,
                Position::FILE,
                msg!("write--7", path = (path).to_string(), e = (e).to_string()),
            );
        }
    }
}

/// The files made from every record (besides pages and the search index): the data
/// downloads and the sitemap (whose dates are the records' dates).
pub(crate) fn record_files(site: &Site, theme: &Theme, out: &Output, diags: &mut Diagnostics) {
    let template_dir = theme.origin.join("templates");
    // The sitemap is made while the downloads are written.
    let (data, sitemap) = rayon::join(
        || data::write(site, theme, out),
        || sitemap::files(site, &sitemap_entries(site, theme), sitemap::PER_FILE),
    );
    if let Err(e) = data {
        diags.error(
            "write",
            &template_dir,
            Position::FILE,
            msg!("write--5", e = (e).to_string()),
        );
    }
    write_texts(theme, sitemap, out, diags);
}

/// The files that read no record: the theme's assets, `robots.txt`, the update feeds.
pub(crate) fn fixed_files(site: &Site, theme: &Theme, out: &Output, diags: &mut Diagnostics) {
    let template_dir = theme.origin.join("templates");
    for (name, bytes) in theme.assets.files() {
        if let Err(e) = out.write(&format!("assets/{name}"), bytes) {
            diags.error(
                "write",
                &template_dir,
                Position::FILE,
                msg!("write--6", name = (name).to_string(), e = (e).to_string()),
            );
        }
    }
    let mut files = vec![("robots.txt".to_string(), sitemap::robots(site))];
    for &lang in &site.config.languages {
        files.push((meta::feed_rel(site, lang), feed::atom(site, theme, lang)));
    }
    write_texts(theme, files, out, diags);
}
