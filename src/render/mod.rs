//! Stage 4, render: every page of the site, in parallel, streamed to the writer.
//!
//! The list of pages is made first (cheap); then each page is rendered and written as soon
//! as it is done, so memory holds a few pages at a time, not the whole site. Each page's
//! bytes depend only on the model, so the output is the same on every run.

pub mod assets;
pub mod charts;
pub mod data;
pub mod feed;
pub mod format;
pub mod map;
pub mod markdown;
pub mod meta;
pub mod sitemap;
pub mod theme;
pub mod views;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::diagnostics::{Diagnostics, Position};
use crate::model::{Date, Lang, Site};
use crate::output::Output;
use format::Formatter;
use theme::Theme;
use views::*;

/// What a render produced, for the summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub pages: usize,
    pub charts: usize,
}

/// One page to render.
#[derive(Debug, Clone)]
enum Job {
    Page(Lang, Route),
    NotFound,
}

/// Every page of the site in every language: the one list both rendering and the link
/// check (`check::links`) use, so a link is checked against exactly the pages written.
pub fn routes(site: &Site) -> Vec<(Lang, Route)> {
    let mut routes = Vec::new();
    for &lang in &site.config.languages {
        routes.push((lang, Route::Home));
        routes.push((lang, Route::Provinces));
        routes.extend((0..site.provinces.len()).map(|i| (lang, Route::Province(i))));
        routes.push((lang, Route::Faq));
        routes.extend((0..site.pages.len()).map(|i| (lang, Route::Page(i))));
        routes.push((lang, Route::Data));
        routes.push((lang, Route::Status));
        routes.push((lang, Route::Updates));
    }
    routes
}

/// The not-found page's file, at the site root.
pub const NOT_FOUND: &str = "404.html";

fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs: Vec<Job> = routes(site)
        .into_iter()
        .map(|(lang, route)| Job::Page(lang, route))
        .collect();
    jobs.push(Job::NotFound);
    jobs
}

fn other_lang(site: &Site, lang: Lang) -> Lang {
    site.config
        .languages
        .iter()
        .copied()
        .find(|l| *l != lang)
        .unwrap_or(lang)
}

/// The title, description, date of last change and template of a route in a language.
fn page_facts(
    site: &Site,
    theme: &Theme,
    lang: Lang,
    route: &Route,
) -> (String, String, Date, &'static str) {
    let t = |k: &str| theme.t(lang, k);
    let description = site.config.description.get(lang).to_string();
    let max_date = |a: Date, b: Date| a.max(b);
    match route {
        Route::Home => {
            let updated = site
                .home
                .get(lang)
                .as_ref()
                .map_or(site.national.updated, |d| {
                    max_date(d.updated, site.national.updated)
                });
            (
                site.config.title.get(lang).to_string(),
                description,
                updated,
                "home.html",
            )
        }
        Route::Provinces => {
            let updated = site
                .provinces
                .iter()
                .map(|p| p.updated)
                .max()
                .unwrap_or(site.national.updated);
            (
                t("provinces_title"),
                t("provinces_description"),
                updated,
                "provinces.html",
            )
        }
        Route::Province(i) => {
            let p = &site.provinces[*i];
            let name = site.area(p).name.get(lang);
            let desc = t("province_description").replace("{name}", name);
            (name.to_string(), desc, p.updated, "province.html")
        }
        Route::Faq => {
            let doc = site.faq.get(lang).as_ref();
            let title = doc
                .map(|d| d.title.clone())
                .unwrap_or_else(|| t("faq_title"));
            let updated = doc.map_or(site.national.updated, |d| d.updated);
            (title, t("faq_description"), updated, "faq.html")
        }
        Route::Data => (
            t("data_title"),
            t("data_description"),
            data_updated(site),
            "data.html",
        ),
        Route::Status => (
            t("status_title"),
            t("status_description"),
            data_updated(site),
            "status.html",
        ),
        Route::Updates => {
            let updated = feed::newest(site, lang).unwrap_or(site.national.updated);
            (
                t("updates_title"),
                t("updates_description"),
                updated,
                "updates.html",
            )
        }
        Route::Page(i) => {
            let page = &site.pages[*i];
            match page.get(lang) {
                Some(d) => (
                    d.title.clone(),
                    d.summary.clone().unwrap_or(description),
                    d.updated,
                    "page.html",
                ),
                None => {
                    let other = page.get(other_lang(site, lang));
                    let title = other
                        .map(|d| d.title.clone())
                        .unwrap_or_else(|| page.name.clone());
                    let updated = other.map_or(site.national.updated, |d| d.updated);
                    (title, description, updated, "page.html")
                }
            }
        }
    }
}

/// When the published figures last changed: the national record or any province record.
fn data_updated(site: &Site) -> Date {
    site.provinces
        .iter()
        .map(|p| p.updated)
        .fold(site.national.updated, Date::max)
}

fn nav(site: &Site, theme: &Theme, lang: Lang, current: &Route) -> Vec<Link> {
    let mut items = vec![
        (Route::Home, theme.t(lang, "nav_home")),
        (Route::Provinces, theme.t(lang, "nav_provinces")),
        (Route::Faq, theme.t(lang, "nav_faq")),
        (Route::Data, theme.t(lang, "nav_data")),
    ];
    // Pages in the menu, by their `weight` and then by name, labelled with their short
    // `menu_label` or their title.
    let mut pages: Vec<(i64, &str, usize, String)> = Vec::new();
    for (i, page) in site.pages.iter().enumerate() {
        let Some(doc) = page.get(lang).or_else(|| page.get(other_lang(site, lang))) else {
            continue;
        };
        if doc.menu.show {
            let label = doc.menu.label.clone().unwrap_or_else(|| doc.title.clone());
            pages.push((doc.menu.weight, &page.name, i, label));
        }
    }
    pages.sort();
    for (_, _, i, label) in pages {
        items.push((Route::Page(i), label));
    }
    items.push((Route::Updates, theme.t(lang, "nav_updates")));
    items
        .into_iter()
        .map(|(route, label)| Link {
            href: href(site, lang, &route.rel(site)),
            current: &route == current
                || (matches!(current, Route::Province(_)) && route == Route::Provinces)
                || (current == &Route::Status && route == Route::Data),
            label,
            lang: lang.code().into(),
        })
        .collect()
}

fn common<'a>(
    site: &Site,
    theme: &'a Theme,
    lang: Lang,
    route: &Route,
) -> (Common<'a>, &'static str) {
    let fmt = Formatter::new(lang, site.config.thai_digits, theme.strings(lang));
    let rel = route.rel(site);
    let (title, description, updated, template) = page_facts(site, theme, lang, route);
    let other = other_lang(site, lang);
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
    let common = Common {
        lang: lang.code(),
        t: theme.strings(lang),
        site: SiteView {
            title: c.title.get(lang).to_string(),
            description: c.description.get(lang).to_string(),
            agency_name: c.agency_name.get(lang).to_string(),
            agency_parent: c.agency_parent.get(lang).to_string(),
            contact_email: c.contact.email.clone(),
            contact_phone: c.contact.phone.clone(),
            contact_address: c.contact.address.get(lang).to_string(),
        },
        page: PageMeta {
            title,
            description,
            href: href(site, lang, &rel),
            canonical: absolute(site, lang, &rel),
            updated: fmt.date(updated),
            updated_iso: updated.to_string(),
            kind: template.trim_end_matches(".html"),
        },
        alternates,
        switch: Link {
            href: href(site, other, &rel),
            label: theme.t(other, "language_name"),
            current: false,
            lang: other.code().into(),
        },
        nav: nav(site, theme, lang, route),
        home_href: href(site, lang, ""),
        assets: format!("{}assets/", c.base_path()),
        stylesheet: format!("{}assets/{}", c.base_path(), theme.assets.name("style.css")),
        meta: meta::meta_view(site, theme, lang, route),
    };
    (common, template)
}

fn context<T: Serialize>(common: &Common, key: &str, data: &T) -> Result<Context, tera::Error> {
    let mut ctx = Context::from_serialize(common)?;
    ctx.insert(key.to_string(), data);
    Ok(ctx)
}

/// A rendered page: where it goes, its HTML, and the data files of its charts.
struct Rendered {
    path: String,
    html: String,
    charts: usize,
    files: Vec<(String, Vec<u8>)>,
}

fn render_page(site: &Site, theme: &Theme, lang: Lang, route: &Route) -> Result<Rendered, String> {
    let fmt = Formatter::new(lang, site.config.thai_digits, theme.strings(lang));
    let (common, template) = common(site, theme, lang, route);
    let charts = match route {
        Route::Home => charts::home(site, theme),
        Route::Provinces => charts::index(site, theme),
        Route::Province(i) => charts::province(site, theme, *i),
        Route::Faq | Route::Page(_) | Route::Data | Route::Status | Route::Updates => Vec::new(),
    };
    let chart_views: Vec<charts::ChartView> = charts
        .iter()
        .map(|c| charts::view(site, theme, &fmt, c))
        .collect();
    // The downloads are the same in every language: the default language's job writes them.
    let mut files = Vec::new();
    if lang == site.config.default_lang() {
        for c in &charts {
            files.extend(charts::data_files(c).map_err(|e| format!("chart {}: {e}", c.id))?);
        }
    }
    let html = page_html(site, theme, &fmt, &common, template, route, &chart_views)
        .map_err(|e| format!("{e}"))?;
    Ok(Rendered {
        path: format!("{}index.html", lang_rel(site, lang, &route.rel(site))),
        html,
        charts: chart_views.len(),
        files,
    })
}

fn page_html(
    site: &Site,
    theme: &Theme,
    fmt: &Formatter,
    common: &Common,
    template: &str,
    route: &Route,
    charts: &[charts::ChartView],
) -> Result<String, tera::Error> {
    let lang = fmt.lang;
    let fmt = *fmt;
    let mut ctx = match route {
        Route::Home => context(common, "home", &home_view(site, theme, &fmt))?,
        Route::Provinces => context(common, "index", &index_view(site, theme, &fmt))?,
        Route::Data => context(
            common,
            "data",
            &data::data_view(site, theme, &fmt, data_updated(site)),
        )?,
        Route::Status => context(common, "status", &data::reporting_view(site, theme, &fmt))?,
        Route::Province(i) => context(common, "province", &province_view(site, theme, &fmt, *i))?,
        Route::Faq => {
            let view = site
                .faq
                .get(lang)
                .as_ref()
                .map(|d| faq_view(site, theme, &fmt, d));
            context(common, "faq", &view)?
        }
        Route::Page(i) => {
            let doc = site.pages[*i].get(lang);
            let view = DocView {
                html: doc
                    .map(|d| render_markdown(site, theme, lang, &d.body.text, "fn-"))
                    .unwrap_or_default(),
                missing: doc.is_none(),
            };
            context(common, "doc", &view)?
        }
        Route::Updates => context(common, "updates", &feed::updates_view(site, theme, &fmt))?,
    };
    if matches!(route, Route::Home | Route::Provinces) {
        ctx.insert("map", &map::map_view(site, theme, &fmt, "province-map"));
    }
    ctx.insert("data_href", &href(site, lang, &Route::Data.rel(site)));
    ctx.insert("charts", charts);
    theme.tera.render(template, &ctx)
}

#[derive(Serialize)]
struct NotFoundLang<'a> {
    lang: &'static str,
    t: &'a theme::Strings,
    home_href: String,
    provinces_href: String,
    faq_href: String,
}

fn render_not_found(site: &Site, theme: &Theme) -> Result<String, tera::Error> {
    let langs: Vec<NotFoundLang> = site
        .config
        .languages
        .iter()
        .map(|&l| NotFoundLang {
            lang: l.code(),
            t: theme.strings(l),
            home_href: href(site, l, ""),
            provinces_href: href(site, l, "provinces/"),
            faq_href: href(site, l, "faq/"),
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("langs", &langs);
    ctx.insert("lang", site.config.default_lang().code());
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
                lastmod: page_facts(site, theme, lang, &route).2,
            }),
            Job::NotFound => None,
        })
        .collect()
}

/// Render every page and copy the theme's assets into `out`.
pub fn render_site(site: &Site, theme: &Theme, out: &Output, diags: &mut Diagnostics) -> Counts {
    let template_dir = theme.origin.join("templates");
    charts::init_font(theme);
    let results: Vec<Result<usize, String>> = jobs(site)
        .into_par_iter()
        .map(|job| {
            let page = match &job {
                Job::Page(lang, route) => render_page(site, theme, *lang, route)?,
                Job::NotFound => Rendered {
                    path: NOT_FOUND.to_string(),
                    html: render_not_found(site, theme).map_err(|e| format!("{e}"))?,
                    charts: 0,
                    files: Vec::new(),
                },
            };
            for (path, bytes) in &page.files {
                out.write(path, bytes)
                    .map_err(|e| format!("cannot write {path}: {e}"))?;
            }
            let path = &page.path;
            out.write(path, page.html.as_bytes())
                .map_err(|e| format!("cannot write {path}: {e}"))?;
            Ok(page.charts)
        })
        .collect();
    let mut counts = Counts::default();
    for r in results {
        match r {
            Ok(charts) => {
                counts.pages += 1;
                counts.charts += charts;
            }
            Err(e) => theme::report_template_error(&theme.origin, &e, diags),
        }
    }
    if let Err(e) = data::write(site, theme, out) {
        diags.error(
            "write",
            &template_dir,
            Position::FILE,
            format!("cannot write the data downloads: {e}"),
        );
    }
    for (name, bytes) in theme.assets.files() {
        if let Err(e) = out.write(&format!("assets/{name}"), bytes) {
            diags.error(
                "write",
                &template_dir,
                Position::FILE,
                format!("cannot write assets/{name}: {e}"),
            );
        }
    }
    let mut files = sitemap::files(site, &sitemap_entries(site, theme), sitemap::PER_FILE);
    files.push(("robots.txt".into(), sitemap::robots(site)));
    for &lang in &site.config.languages {
        files.push((meta::feed_rel(site, lang), feed::atom(site, theme, lang)));
    }
    for (path, text) in files {
        if let Err(e) = out.write(&path, text.as_bytes()) {
            diags.error(
                "write",
                &template_dir,
                Position::FILE,
                format!("cannot write {path}: {e}"),
            );
        }
    }
    counts
}
