//! Reading `content/areas.geojson`: the outlines the province map is drawn from.
//!
//! The outlines are site data like the areas list, read at build time, so a site about other
//! areas brings its own. The file is optional: without it the map is left out (a warning
//! says so). Every outline is joined to the areas list by its `code` property.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostics, Position};
use crate::model::{Area, AreaShape, Boundaries};
use crate::msg;

#[derive(Deserialize)]
struct Collection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    geometry: Option<Geometry>,
    #[serde(default)]
    properties: Properties,
}

#[derive(Deserialize, Default)]
struct Properties {
    code: Option<String>,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum Geometry {
    Polygon {
        coordinates: Vec<Vec<Vec<f64>>>,
    },
    MultiPolygon {
        coordinates: Vec<Vec<Vec<Vec<f64>>>>,
    },
    #[serde(other)]
    Other,
}

fn ring(points: &[Vec<f64>]) -> Vec<(f64, f64)> {
    points
        .iter()
        .filter(|p| p.len() >= 2)
        .map(|p| (p[0], p[1]))
        .collect()
}

fn polygon(rings: &[Vec<Vec<f64>>]) -> Vec<Vec<(f64, f64)>> {
    rings
        .iter()
        .map(|r| ring(r))
        .filter(|r| r.len() >= 3)
        .collect()
}

/// Read the boundaries of a site at `root`, if it has them.
pub fn load(root: &Path, areas: &[Area], diags: &mut Diagnostics) -> Option<Boundaries> {
    let file = root.join("content").join("areas.geojson");
    if !file.is_file() {
        diags
            .warning(
                "no-boundaries",
                &file,
                Position::FILE,
                msg!("no-boundaries"),
            )
            .help(msg!("no-boundaries.help"));
        return None;
    }
    let text = super::read_text(&file, diags)?;
    let collection: Collection = match serde_json::from_str(&text) {
        Ok(c) => c,
        Err(e) => {
            diags
                .error(
                    "boundaries",
                    &file,
                    Position::new(e.line(), e.column()),
                    msg!("boundaries--unreadable", reason = e.to_string()),
                )
                .help(msg!("boundaries--unreadable.help"));
            return None;
        }
    };
    let mut shapes: Vec<Option<AreaShape>> = vec![None; areas.len()];
    for (n, feature) in collection.features.iter().enumerate() {
        let Some(code) = feature.properties.code.as_deref() else {
            diags
                .warning(
                    "boundaries",
                    &file,
                    Position::FILE,
                    msg!("boundaries--no-code", n = n + 1),
                )
                .help(msg!("boundaries--no-code.help"));
            continue;
        };
        let Some(index) = areas.iter().position(|a| a.code.as_str() == code) else {
            diags
                .warning(
                    "boundaries",
                    &file,
                    Position::FILE,
                    msg!("boundaries--unknown-code", n = n + 1, code = code),
                )
                .help(msg!("boundaries--unknown-code.help"));
            continue;
        };
        let polygons = match &feature.geometry {
            Some(Geometry::Polygon { coordinates }) => vec![polygon(coordinates)],
            Some(Geometry::MultiPolygon { coordinates }) => {
                coordinates.iter().map(|p| polygon(p)).collect()
            }
            _ => Vec::new(),
        };
        let polygons: Vec<_> = polygons.into_iter().filter(|p| !p.is_empty()).collect();
        let off_earth =
            polygons.iter().flatten().flatten().find(|(lon, lat)| {
                !(-180.0..=180.0).contains(lon) || !(-90.0..=90.0).contains(lat)
            });
        if let Some((lon, lat)) = off_earth {
            diags
                .error(
                    "boundaries",
                    &file,
                    Position::FILE,
                    msg!(
                        "boundaries--off-earth",
                        code = code,
                        point = format!("[{lon:?}, {lat:?}]")
                    ),
                )
                .help(msg!("boundaries--off-earth.help"));
            continue;
        }
        if polygons.is_empty() {
            diags
                .warning(
                    "boundaries",
                    &file,
                    Position::FILE,
                    msg!("boundaries--not-polygon", code = code),
                )
                .help(msg!("boundaries--not-polygon.help"));
            continue;
        }
        if shapes[index].is_some() {
            diags
                .warning(
                    "boundaries",
                    &file,
                    Position::FILE,
                    msg!("boundaries--twice", code = code),
                )
                .help(msg!("boundaries--twice.help"));
            continue;
        }
        shapes[index] = Some(AreaShape {
            area: index,
            polygons,
        });
    }
    for (area, shape) in areas.iter().zip(&shapes) {
        if shape.is_none() {
            diags
                .warning(
                    "boundaries",
                    &file,
                    Position::FILE,
                    msg!(
                        "boundaries--no-outline",
                        code = area.code.to_string(),
                        name_th = match area.name.get(crate::model::Lang::TH) {
                            "" => area.name.for_messages(),
                            th => th,
                        },
                        name_en = area.name.for_messages()
                    ),
                )
                .help(msg!("boundaries--no-outline.help"));
        }
    }
    Some(Boundaries {
        shapes: shapes.into_iter().flatten().collect(),
    })
}
