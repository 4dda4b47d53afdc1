//! Reading `content/areas.geojson`: the outlines the province map is drawn from.
//!
//! The outlines are site data like the areas list, read at build time, so a site about other
//! areas brings its own. The file is optional: without it the map is left out (a warning
//! says so). Every outline is joined to the areas list by its `code` property.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostics, Position};
use crate::model::{Area, AreaShape, Boundaries};

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
            .warning("no-boundaries", &file, Position::FILE, "there is no boundaries file, so the map is left out")
            .help("add content/areas.geojson: a GeoJSON FeatureCollection with one feature per area and its code in the `code` property");
        return None;
    }
    let text = super::read_text(&file, diags)?;
    let collection: Collection = match serde_json::from_str(&text) {
        Ok(c) => c,
        Err(e) => {
            diags
                .error("boundaries", &file, Position::new(e.line(), e.column()), format!("this is not a GeoJSON FeatureCollection the map can use: {e}"))
                .help("the file must be a FeatureCollection of Polygon or MultiPolygon features, each with a `code` property from content/areas.csv");
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
                    format!("feature {} has no `code` property and is not drawn", n + 1),
                )
                .help("give every feature a `code` property from content/areas.csv");
            continue;
        };
        let Some(index) = areas.iter().position(|a| a.code.as_str() == code) else {
            diags
                .warning("boundaries", &file, Position::FILE, format!("feature {} has the code `{code}`, which is not in content/areas.csv; it is not drawn", n + 1))
                .help("correct the code, or remove the feature");
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
                .error("boundaries", &file, Position::FILE, format!("the outline of `{code}` has the point [{lon:?}, {lat:?}], which is not a place on Earth"))
                .help("points are [longitude, latitude] in degrees: longitude from -180 to 180, latitude from -90 to 90; export the file again as GeoJSON in WGS 84 (EPSG:4326)");
            continue;
        }
        if polygons.is_empty() {
            diags
                .warning("boundaries", &file, Position::FILE, format!("the outline of `{code}` is not a Polygon or MultiPolygon with points; it is not drawn"))
                .help("use Polygon or MultiPolygon geometry with [longitude, latitude] points");
            continue;
        }
        if shapes[index].is_some() {
            diags
                .warning(
                    "boundaries",
                    &file,
                    Position::FILE,
                    format!("`{code}` has more than one feature; only the first is drawn"),
                )
                .help("merge the features into one MultiPolygon");
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
                    format!(
                        "{} ({}) has no outline, so it is missing from the map",
                        area.code,
                        area.name.for_messages()
                    ),
                )
                .help("add a feature with this code to the boundaries file");
        }
    }
    Some(Boundaries {
        shapes: shapes.into_iter().flatten().collect(),
    })
}
