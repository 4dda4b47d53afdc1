//! The map of areas: a choropleth drawn from the site's boundaries file at build time.
//!
//! No GIS library and no JavaScript: longitude and latitude are projected here
//! (equirectangular, x scaled by cos 13°, right for Thailand's latitudes), rounded to one
//! decimal so the whole map stays small, and written as SVG where every area is a link to
//! its page with an accessible name. Areas are shaded by the measure the report names, in a
//! few classes of a colour-blind-safe light-to-dark palette; areas without figures are
//! hatched grey.

use std::fmt::Write;

use serde::Serialize;

use super::format::Formatter;
use super::markdown::escape;
use super::pages::Kind;
use super::theme::Theme;
use super::views::{Route, href};
use crate::model::report::MapSpec;
use crate::model::*;

/// The classes' colours, light to dark, for 7 classes: a sequential teal-blue-plum ramp made
/// in OKLCH (lightness 0.645 down to 0.285 in even steps, hue 195 to 335). Every colour has at
/// least 3:1 contrast against white (WCAG 1.4.11, so an area reads without its outline; the
/// lightest is 3.1:1), and neighbours differ in lightness and hue, so they stay apart in the
/// common kinds of colour blindness (CIE76 ΔE ≥ 15 between neighbours, ≥ 7.7 under simulated
/// deuteranopia, protanopia and tritanopia).
const RAMP: [&str; 7] = [
    "#00a2a2", "#008cab", "#0072ad", "#2b55a6", "#453595", "#511571", "#4d0043",
];

/// Light to dark for 2 to 7 classes: colours of `RAMP` spread evenly over it, so fewer
/// classes are further apart.
fn palette(n: usize) -> Vec<&'static str> {
    let n = n.clamp(2, RAMP.len());
    (0..n)
        .map(|i| RAMP[((i * (RAMP.len() - 1)) as f64 / (n - 1) as f64).round() as usize])
        .collect()
}
const NO_FIGURES: &str = "#d9d9d9";
/// Drawing height in SVG units; the width follows from the projection.
const HEIGHT: f64 = 560.0;
const MARGIN: f64 = 4.0;
const CREDIT_SPACE: f64 = 18.0;

#[derive(Serialize)]
pub struct LegendItem {
    pub colour: String,
    pub label: String,
    pub hatched: bool,
}

/// What the templates get: the SVG and the legend and captions around it.
#[derive(Serialize)]
pub struct MapView {
    pub id: String,
    pub title: String,
    pub caption: String,
    pub credit: String,
    pub svg: String,
    pub legend: Vec<LegendItem>,
    /// The map's measure added up by group (region), shown beside the map; empty when the
    /// report has no grouping.
    pub groups: Vec<MapGroup>,
    pub groups_caption: String,
}

/// One group's sum of the map's measure, linking to the group's own page (its part of the
/// areas index when the site has no group pages).
#[derive(Serialize)]
pub struct MapGroup {
    pub name: String,
    pub value: String,
    pub raw: String,
    pub href: String,
}

/// Class limits `(low, high)` inclusive, from quantiles of the values; at most `n`.
fn classes(values: &[u64], n: usize) -> Vec<(u64, u64)> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else {
        return Vec::new();
    };
    let mut lows = vec![min];
    for i in 1..n {
        let b = sorted[i * sorted.len() / n];
        if b > *lows.last().unwrap_or(&min) {
            lows.push(b);
        }
    }
    lows.iter()
        .enumerate()
        .map(|(i, &lo)| (lo, lows.get(i + 1).map_or(max, |next| next - 1)))
        .collect()
}

fn num(v: f64) -> String {
    let s = format!("{:.1}", v);
    let s = s.strip_suffix(".0").unwrap_or(&s);
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// The map for a language's pages, or `None` when the report asks for none or the site has
/// no boundaries.
pub fn map_view(site: &Site, theme: &Theme, fmt: &Formatter, id: &str) -> Option<MapView> {
    let spec: &MapSpec = site.report.map.as_ref()?;
    let boundaries = site.boundaries.as_ref()?;
    if boundaries.shapes.is_empty() {
        return None;
    }
    let lang = fmt.lang;
    let t = |k: &str| theme.t(lang, k);
    let measure = site.report.measure(spec.measure);
    // The period shown is the latest complete one; newer ones still arriving are named
    // beside the map.
    let latest = site.shown_period();
    let value_of = |area: usize| -> Option<u64> {
        let period = latest?.period;
        let p = &site.records[site.record_index(area)?];
        p.result_for(&period).and_then(|r| r.values.get(measure.id))
    };
    let values: Vec<u64> = site
        .records
        .iter()
        .filter_map(|p| value_of(p.area))
        .collect();
    let palette = palette(usize::from(spec.classes));
    let classes = classes(&values, palette.len());
    let class_of = |v: u64| classes.iter().position(|&(lo, hi)| v >= lo && v <= hi);

    // Projection: equirectangular, x scaled by cos 13°, north up.
    let kx = 13f64.to_radians().cos();
    let points = boundaries
        .shapes
        .iter()
        .flat_map(|s| s.polygons.iter().flatten().flatten());
    let (mut west, mut east, mut south, mut north) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(lon, lat) in points {
        west = west.min(lon);
        east = east.max(lon);
        south = south.min(lat);
        north = north.max(lat);
    }
    let scale = HEIGHT / (north - south).max(1e-9);
    let width = ((east - west) * kx * scale + 2.0 * MARGIN).ceil();
    let height = HEIGHT + 2.0 * MARGIN + CREDIT_SPACE;
    let project = |lon: f64, lat: f64| {
        (
            (lon - west) * kx * scale + MARGIN,
            (north - lat) * scale + MARGIN,
        )
    };

    let status = latest.map_or(site.area_data_status(), |np| {
        site.period_area_status(&np.period)
    });
    let expected = |area: usize| latest.is_some_and(|np| site.is_expected(np, area));
    let period = latest.map(|np| fmt.period(&np.period)).unwrap_or_default();
    let mut title = match &spec.title {
        Some(title) => title.get(lang).to_string(),
        None => t("map_title").replace("{measure}", measure.short.get(lang)),
    }
    .replace("{period}", &period);
    if status != DataStatus::Official {
        title = format!("{title} ({})", t(&format!("status_{}", status.key())));
    }
    let credit = spec.credit.get(lang).to_string();
    let title_id = format!("{id}-title");

    let mut svg = String::with_capacity(40_000);
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="map-svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="group" aria-labelledby="{title_id}"><title id="{title_id}">{title}</title><defs><pattern id="{id}-hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4" height="4" fill="{NO_FIGURES}"/><path d="M0 0V4" stroke="#737373" stroke-width="1.2"/></pattern></defs><g stroke="#525252" stroke-width="0.5" stroke-linejoin="round">"##,
        w = num(width),
        h = num(height),
        title = escape(&title),
    );
    for shape in &boundaries.shapes {
        let Some(p) = site.record_index(shape.area) else {
            continue;
        };
        let area = &site.areas[shape.area];
        let value = value_of(shape.area);
        let (fill, label) = match value {
            Some(v) => {
                let colour = class_of(v).map_or(NO_FIGURES.to_string(), |c| palette[c].to_string());
                (
                    colour,
                    format!("{}: {}", area.name.get(lang), fmt.value(measure, v)),
                )
            }
            None => (
                format!("url(#{id}-hatch)"),
                format!(
                    "{}: {}",
                    area.name.get(lang),
                    t(if expected(shape.area) {
                        "value_not_reported"
                    } else {
                        "map_no_figures"
                    })
                ),
            ),
        };
        let mut d = String::new();
        for polygon in &shape.polygons {
            for ring in polygon {
                let mut last = String::new();
                for (i, &(lon, lat)) in ring.iter().enumerate() {
                    let (x, y) = project(lon, lat);
                    let pair = format!("{} {}", num(x), num(y));
                    if pair == last {
                        continue;
                    }
                    d.push(if i == 0 { 'M' } else { ' ' });
                    d.push_str(&pair);
                    last = pair;
                }
                d.push('Z');
            }
        }
        let _ = write!(
            svg,
            r#"<a href="{href}" data-code="{code}"><title>{label}</title><path d="{d}" fill="{fill}"/></a>"#,
            href = escape(&href(site, lang, &Route::area(p).rel(site))),
            code = escape(area.code.as_str()),
            label = escape(&label),
        );
    }
    let _ = write!(
        svg,
        r##"</g><text x="{x}" y="{y}" font-size="12" fill="#1a1a1a">{credit}</text></svg>"##,
        x = num(MARGIN),
        y = num(height - 5.0),
        credit = escape(&credit),
    );

    let mut legend: Vec<LegendItem> = classes
        .iter()
        .enumerate()
        .map(|(i, &(lo, hi))| LegendItem {
            colour: palette[i].to_string(),
            label: if lo == hi {
                fmt.value(measure, lo)
            } else {
                format!("{}–{}", fmt.bare(measure, lo), fmt.value(measure, hi))
            },
            hatched: false,
        })
        .collect();
    let (mut not_reported, mut without) = (false, false);
    for p in site.records.iter().filter(|p| value_of(p.area).is_none()) {
        if expected(p.area) {
            not_reported = true;
        } else {
            without = true;
        }
    }
    // Both are hatched: neither is a value, and the legend says which is which in words.
    if not_reported {
        legend.push(LegendItem {
            colour: NO_FIGURES.to_string(),
            label: t("value_not_reported"),
            hatched: true,
        });
    }
    if without || (classes.is_empty() && !not_reported) {
        legend.push(LegendItem {
            colour: NO_FIGURES.to_string(),
            label: t("map_no_figures"),
            hatched: true,
        });
    }
    let mut groups_caption = t("map_groups_caption")
        .replace("{measure}", measure.short.get(lang))
        .replace("{period}", &period);
    if status != DataStatus::Official {
        groups_caption = format!(
            "{groups_caption} ({})",
            t(&format!("status_{}", status.key()))
        );
    }
    let mut groups = Vec::new();
    if site.report.area.grouping.is_some() && site.groups.len() > 1 {
        let index = href(site, lang, &Route::one(Kind::Areas).rel(site));
        for (gi, group) in site.groups.iter().enumerate() {
            let values: Vec<u64> = site
                .records
                .iter()
                .filter(|p| site.areas[p.area].group == gi)
                .filter_map(|p| value_of(p.area))
                .collect();
            // Exact within the bound of areas (see `content::areas::AREAS_MAX`); added
            // saturating, as the model's totals are, so no sum can wrap.
            let sum = (!values.is_empty())
                .then(|| values.iter().fold(0u64, |sum, &v| sum.saturating_add(v)));
            groups.push(MapGroup {
                name: group.name.get(lang).to_string(),
                value: sum.map_or_else(|| t("value_not_given"), |v| fmt.value(measure, v)),
                raw: sum.map(|v| v.to_string()).unwrap_or_default(),
                href: if site.group_segment().is_some() {
                    href(site, lang, &Route::group(gi).rel(site))
                } else {
                    format!("{index}#group-{}", group.key)
                },
            });
        }
    }
    Some(MapView {
        groups,
        groups_caption,
        id: id.to_string(),
        caption: spec
            .caption
            .as_ref()
            .map_or_else(|| t("map_caption"), |c| c.get(lang).to_string()),
        title,
        credit,
        svg,
        legend,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_cover_the_values_without_gaps() {
        let c = classes(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5);
        assert_eq!(c, vec![(1, 2), (3, 4), (5, 6), (7, 8), (9, 10)]);
        assert_eq!(classes(&[5, 5, 5], 5), vec![(5, 5)]);
        assert!(classes(&[], 5).is_empty());
        assert_eq!(palette(5).len(), 5);
        assert_eq!(palette(7).len(), 7);
    }

    /// WCAG relative luminance of `#rrggbb`.
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    /// Issue 13: every class reads against white without its outline (3:1, WCAG 1.4.11), for
    /// every class count a site may declare, and the classes go from light to dark.
    #[test]
    fn every_class_colour_has_three_to_one_contrast_against_white() {
        for n in 2..=7 {
            let p = palette(n);
            assert_eq!(p.len(), n);
            assert_eq!((p[0], p[n - 1]), (RAMP[0], RAMP[6]), "{n} classes");
            for c in &p {
                let contrast = 1.05 / (luminance(c) + 0.05);
                assert!(contrast >= 3.0, "{c}: {contrast:.2}:1 against white");
            }
            for pair in p.windows(2) {
                assert!(
                    luminance(pair[0]) > luminance(pair[1]) * 1.2,
                    "{n} classes: {pair:?} not light to dark, or too close"
                );
            }
        }
    }

    #[test]
    fn numbers_have_one_decimal_at_most() {
        assert_eq!(num(1.04), "1");
        assert_eq!(num(12.36), "12.4");
        assert_eq!(num(-0.01), "0");
    }
}
