//! The page kinds of a site, in one table: each kind's address, template, title, view and
//! charts. Rendering, navigation, the sitemap and the link check all read this table, so a
//! page kind is added or changed in one place.

use serde::Serialize;
use tera::Context;

use super::charts::{self, Chart};
use super::format::Formatter;
use super::theme::Theme;
use super::views::*;
use super::{data, feed};
use crate::model::{Date, Lang, Site};

/// A kind of page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Home,
    /// The index of all areas.
    Areas,
    /// One area's page.
    Area,
    /// One group's page (a region's): its areas, a ranking and the group's totals; only
    /// when the report gives the groups an address (`area.group.segment`).
    Group,
    /// The questions.
    Faq,
    /// The open-data page: what the downloads hold and where they are.
    Data,
    /// Which areas have figures for which period.
    Status,
    /// An other page from `content/pages/`.
    Page,
    Updates,
    /// Site search: a form, and results from the search index by script.
    Search,
}

/// One page: its kind and, for kinds with many pages, which one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    pub kind: Kind,
    pub item: usize,
}

/// What a page says about itself: for the head, the sitemap and navigation.
pub struct Facts {
    pub title: String,
    pub description: String,
    pub updated: Date,
}

/// Which area records a page is made from, besides what every page reads (the site's
/// settings, the report definition, the areas list, the national figures, the theme and the
/// documents it shows). `tanrak serve` reads this to re-render, after an edit to one
/// record or narrative, only the pages that read it (see `crate::rebuild`): a kind that
/// reads more than it says would be left stale there, so say too much rather than too little.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reads {
    /// No record.
    NoRecord,
    /// Its own record, narratives included (page `i` of the kind reads record `i`).
    OwnRecord,
    /// Every record's figures, fields and dates, but no narrative (totals, lists, maps).
    AllFigures,
    /// Every record, narratives included.
    AllRecords,
}

/// Puts a page's view into the template context under its name.
type View = Result<(), super::Failure>;

/// A page kind's entry in the table.
pub struct Spec {
    pub kind: Kind,
    /// The template, which is also the page's `kind` in templates (`area.html` → `area`).
    pub template: &'static str,
    /// How many pages of this kind the site has.
    count: fn(&Site) -> usize,
    /// The address below the language root.
    rel: fn(&Site, usize) -> String,
    facts: fn(&Site, &Theme, Lang, usize) -> Facts,
    /// The view's name in the template context and the view itself.
    view: fn(&Site, &Theme, &Formatter, usize, &mut Context) -> View,
    /// The page's charts.
    charts: fn(&Site, &Theme, usize) -> Vec<Chart>,
    /// Where one CSV and one JSON hold the data of all the page's charts (a path below the
    /// site root, without extension), for kinds with a page per item: one pair of files per
    /// area instead of a pair per chart. Other kinds' charts have files of their own.
    chart_data: Option<fn(&Site, usize) -> String>,
    /// The UI string of its entry in the main menu, if it has one.
    pub nav: Option<&'static str>,
    /// A page of this kind is "in" the menu entry of this kind (an area → the areas index).
    pub nav_parent: Option<Kind>,
    /// Whether the page shows the map.
    pub map: bool,
    /// Which records its pages read.
    pub reads: Reads,
}

fn one(_: &Site) -> usize {
    1
}

fn no_charts(_: &Site, _: &Theme, _: usize) -> Vec<Chart> {
    Vec::new()
}

/// Insert a view into the context, serialised once, straight into the context.
fn value<T: Serialize>(ctx: &mut Context, name: &'static str, v: &T) -> View {
    ctx.insert(name, v);
    Ok(())
}

/// When the published figures last changed: the national record or any area record.
pub fn data_updated(site: &Site) -> Date {
    site.records
        .iter()
        .map(|p| p.updated)
        .fold(site.national.updated, Date::max)
}

/// The page kinds in menu order.
pub const KINDS: [Spec; 10] = [
    Spec {
        kind: Kind::Home,
        template: "home.html",
        count: one,
        rel: |_, _| String::new(),
        facts: |site, _, lang, _| Facts {
            title: site.config.title.get(lang).to_string(),
            description: site.config.description.get(lang).to_string(),
            updated: site.home.get(lang).map_or(site.national.updated, |d| {
                d.updated.max(site.national.updated)
            }),
        },
        view: |site, theme, fmt, _, ctx| value(ctx, "home", &home_view(site, theme, fmt)),
        charts: |site, theme, _| charts::home(site, theme),
        chart_data: None,
        nav: Some("nav_home"),
        nav_parent: None,
        map: true,
        reads: Reads::AllFigures,
    },
    Spec {
        kind: Kind::Areas,
        template: "areas.html",
        count: one,
        rel: |site, _| format!("{}/", site.report.area.segment),
        facts: |site, theme, lang, _| Facts {
            title: theme.t(lang, "areas_title"),
            description: theme.t(lang, "areas_description"),
            updated: site
                .records
                .iter()
                .map(|p| p.updated)
                .max()
                .unwrap_or(site.national.updated),
        },
        view: |site, theme, fmt, _, ctx| value(ctx, "index", &index_view(site, theme, fmt)),
        charts: |site, theme, _| charts::index(site, theme),
        chart_data: None,
        nav: Some("nav_areas"),
        nav_parent: None,
        map: true,
        reads: Reads::AllFigures,
    },
    Spec {
        kind: Kind::Area,
        template: "area.html",
        count: |site| site.records.len(),
        rel: |site, i| {
            format!(
                "{}/{}/",
                site.report.area.segment,
                site.area(&site.records[i]).slug
            )
        },
        facts: |site, theme, lang, i| {
            let p = &site.records[i];
            let name = site.area(p).name.get(lang);
            Facts {
                title: name.to_string(),
                description: theme
                    .t_status(
                        lang,
                        "area_description",
                        (!p.results.is_empty()).then_some(p.status()),
                    )
                    .replace("{name}", name),
                updated: p.updated,
            }
        },
        view: |site, theme, fmt, i, ctx| value(ctx, "area", &area_view(site, theme, fmt, i)?),
        charts: charts::area,
        chart_data: Some(|site, i| {
            format!(
                "data/charts/{}/{}",
                site.report.area.segment,
                site.area(&site.records[i]).slug
            )
        }),
        nav: None,
        nav_parent: Some(Kind::Areas),
        map: false,
        reads: Reads::OwnRecord,
    },
    Spec {
        kind: Kind::Group,
        template: "group.html",
        count: |site| {
            if site.group_segment().is_some() {
                site.groups.len()
            } else {
                0
            }
        },
        rel: |site, i| {
            format!(
                "{}/{}/",
                site.group_segment().unwrap_or_default(),
                site.groups[i].key
            )
        },
        facts: |site, theme, lang, i| {
            let name = site.groups[i].name.get(lang);
            Facts {
                title: theme.t(lang, "group_title").replace("{name}", name),
                description: theme.t(lang, "group_description").replace("{name}", name),
                updated: site
                    .records
                    .iter()
                    .filter(|p| site.area(p).group == i)
                    .map(|p| p.updated)
                    .max()
                    .unwrap_or(site.national.updated),
            }
        },
        view: |site, theme, fmt, i, ctx| {
            value(
                ctx,
                "group",
                &super::groups::group_view(site, theme, fmt, i),
            )
        },
        charts: charts::group,
        chart_data: None,
        nav: None,
        nav_parent: Some(Kind::Areas),
        map: false,
        reads: Reads::AllFigures,
    },
    Spec {
        kind: Kind::Faq,
        template: "faq.html",
        count: one,
        rel: |_, _| "faq/".into(),
        facts: |site, theme, lang, _| {
            let doc = site.faq.get(lang);
            Facts {
                title: doc
                    .map(|d| d.title.clone())
                    .unwrap_or_else(|| theme.t(lang, "faq_title")),
                description: theme.t(lang, "faq_description"),
                updated: doc.map_or(site.national.updated, |d| d.updated),
            }
        },
        view: |site, theme, fmt, _, ctx| {
            value(
                ctx,
                "faq",
                &site
                    .faq
                    .get(fmt.lang)
                    .map(|d| faq_view(site, theme, fmt, d)),
            )
        },
        charts: no_charts,
        chart_data: None,
        nav: Some("nav_faq"),
        nav_parent: None,
        map: false,
        reads: Reads::NoRecord,
    },
    Spec {
        kind: Kind::Data,
        template: "data.html",
        count: one,
        rel: |_, _| "data/".into(),
        facts: |site, theme, lang, _| Facts {
            title: theme.t(lang, "data_title"),
            description: theme.t(lang, "data_description"),
            updated: data_updated(site),
        },
        view: |site, theme, fmt, _, ctx| {
            value(
                ctx,
                "data",
                &data::data_view(site, theme, fmt, data_updated(site)),
            )
        },
        charts: no_charts,
        chart_data: None,
        nav: Some("nav_data"),
        nav_parent: None,
        map: false,
        reads: Reads::AllFigures,
    },
    Spec {
        kind: Kind::Status,
        template: "status.html",
        count: one,
        rel: |_, _| "status/".into(),
        facts: |site, theme, lang, _| Facts {
            title: theme.t(lang, "status_title"),
            description: theme.t(lang, "status_description"),
            updated: data_updated(site),
        },
        view: |site, theme, fmt, _, ctx| {
            value(ctx, "status", &data::reporting_view(site, theme, fmt))
        },
        charts: no_charts,
        chart_data: None,
        nav: None,
        nav_parent: Some(Kind::Data),
        map: false,
        reads: Reads::AllFigures,
    },
    Spec {
        kind: Kind::Page,
        template: "page.html",
        count: |site| site.pages.len(),
        rel: |site, i| format!("{}/", site.pages[i].name),
        facts: |site, _, lang, i| {
            let page = &site.pages[i];
            let description = site.config.description.get(lang).to_string();
            match page.get(lang) {
                Some(d) => Facts {
                    title: d.title.clone(),
                    description: d.summary.clone().unwrap_or(description),
                    updated: d.updated,
                },
                None => {
                    let other = page.docs.iter().next().map(|(_, d)| d);
                    Facts {
                        title: other
                            .map(|d| d.title.clone())
                            .unwrap_or_else(|| page.name.clone()),
                        description,
                        updated: other.map_or(site.national.updated, |d| d.updated),
                    }
                }
            }
        },
        view: |site, theme, fmt, i, ctx| {
            let doc = site.pages[i].get(fmt.lang);
            value(
                ctx,
                "doc",
                &DocView {
                    html: doc
                        .map(|d| render_markdown(site, theme, fmt.lang, &d.body.text, "fn-"))
                        .unwrap_or_default(),
                    missing: doc.is_none(),
                },
            )
        },
        charts: no_charts,
        chart_data: None,
        nav: None,
        nav_parent: None,
        map: false,
        reads: Reads::NoRecord,
    },
    Spec {
        kind: Kind::Updates,
        template: "updates.html",
        count: one,
        rel: |_, _| "updates/".into(),
        facts: |site, theme, lang, _| Facts {
            title: theme.t(lang, "updates_title"),
            description: theme.t(lang, "updates_description"),
            updated: feed::newest(site, lang).unwrap_or(site.national.updated),
        },
        view: |site, theme, fmt, _, ctx| {
            value(ctx, "updates", &feed::updates_view(site, theme, fmt))
        },
        charts: no_charts,
        chart_data: None,
        nav: Some("nav_updates"),
        nav_parent: None,
        map: false,
        reads: Reads::NoRecord,
    },
    Spec {
        kind: Kind::Search,
        template: "search.html",
        count: one,
        rel: |_, _| "search/".into(),
        facts: |site, theme, lang, _| Facts {
            title: theme.t(lang, "search_title"),
            description: theme.t(lang, "search_description"),
            updated: data_updated(site),
        },
        view: |site, theme, fmt, _, ctx| {
            value(ctx, "search", &super::search::view(site, theme, fmt.lang))
        },
        charts: no_charts,
        chart_data: None,
        nav: None,
        nav_parent: None,
        map: false,
        reads: Reads::AllFigures,
    },
];

impl Kind {
    pub fn spec(self) -> &'static Spec {
        // The table lists every kind once, in the enum's order.
        &KINDS[self as usize]
    }
}

impl Route {
    pub fn one(kind: Kind) -> Route {
        Route { kind, item: 0 }
    }

    pub fn area(i: usize) -> Route {
        Route {
            kind: Kind::Area,
            item: i,
        }
    }

    pub fn group(i: usize) -> Route {
        Route {
            kind: Kind::Group,
            item: i,
        }
    }

    pub fn spec(&self) -> &'static Spec {
        self.kind.spec()
    }

    /// The path below the language root, like `provinces/chiang-mai/`.
    pub fn rel(&self, site: &Site) -> String {
        (self.spec().rel)(site, self.item)
    }

    pub fn facts(&self, site: &Site, theme: &Theme, lang: Lang) -> Facts {
        (self.spec().facts)(site, theme, lang, self.item)
    }

    pub fn charts(&self, site: &Site, theme: &Theme) -> Vec<Chart> {
        (self.spec().charts)(site, theme, self.item)
    }

    /// Where the data of all this page's charts is, if one pair of files holds it.
    pub fn chart_data(&self, site: &Site) -> Option<String> {
        self.spec().chart_data.map(|f| f(site, self.item))
    }

    /// The template context's page-specific part.
    pub fn context(&self, site: &Site, theme: &Theme, fmt: &Formatter, ctx: &mut Context) -> View {
        (self.spec().view)(site, theme, fmt, self.item, ctx)
    }
}

/// Every page of the site in one language, in the table's order.
pub fn routes_in(site: &Site) -> Vec<Route> {
    let mut routes = Vec::new();
    for spec in &KINDS {
        routes.extend((0..(spec.count)(site)).map(|item| Route {
            kind: spec.kind,
            item,
        }));
    }
    routes
}
