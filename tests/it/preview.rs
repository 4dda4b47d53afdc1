//! Link-preview images of area pages (issue 13): each area page names its own PNG in its
//! Open Graph and Twitter tags, the image is what the reference says, the same on every
//! build, and works for a site without Thai. `TANRAK_BLESS=1` rewrites the reference image
//! (look at it before committing it).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use crate::support::*;

/// `content` of `<meta property|name="key" content="…">`, each time it appears.
fn meta(html: &str, key: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attr in ["property", "name"] {
        let needle = format!("<meta {attr}=\"{key}\" content=\"");
        for (i, _) in html.match_indices(&needle) {
            let start = i + needle.len();
            let end = start + html[start..].find('"').unwrap();
            found.push(
                html[start..end]
                    .replace("&amp;", "&")
                    .replace("&#39;", "'")
                    .replace("&quot;", "\""),
            );
        }
    }
    found
}

fn one(html: &str, key: &str) -> String {
    let v = meta(html, key);
    assert_eq!(v.len(), 1, "{key}: {v:?}");
    v[0].clone()
}

/// A decoded PNG: width, height and RGB pixels. Reads what tanrak writes (8-bit palette or
/// RGB, filters None, Sub and Up), nothing more.
struct Decoded {
    width: usize,
    height: usize,
    rgb: Vec<u8>,
}

fn decode(png: &[u8]) -> Decoded {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let mut at = 8;
    let (mut width, mut height, mut colour_type) = (0, 0, 0);
    let mut palette = Vec::new();
    let mut data = Vec::new();
    while at < png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        let kind = &png[at + 4..at + 8];
        let body = &png[at + 8..at + 8 + len];
        match kind {
            b"IHDR" => {
                width = u32::from_be_bytes(body[0..4].try_into().unwrap()) as usize;
                height = u32::from_be_bytes(body[4..8].try_into().unwrap()) as usize;
                assert_eq!(body[8], 8, "bit depth");
                colour_type = body[9];
            }
            b"PLTE" => palette = body.to_vec(),
            b"IDAT" => data.extend_from_slice(body),
            b"IEND" => break,
            other => panic!("unexpected chunk {}", String::from_utf8_lossy(other)),
        }
        at += 12 + len;
    }
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(&data[..])
        .read_to_end(&mut raw)
        .unwrap();
    let channels = if colour_type == 3 { 1 } else { 3 };
    let stride = width * channels;
    let mut rows: Vec<u8> = Vec::with_capacity(stride * height);
    for y in 0..height {
        let line = &raw[y * (stride + 1)..(y + 1) * (stride + 1)];
        match line[0] {
            0 => rows.extend_from_slice(&line[1..]),
            1 => {
                for x in 0..stride {
                    let left = if x >= channels {
                        rows[y * stride + x - channels]
                    } else {
                        0
                    };
                    rows.push(line[1 + x].wrapping_add(left));
                }
            }
            2 => {
                for x in 0..stride {
                    let up = if y > 0 { rows[(y - 1) * stride + x] } else { 0 };
                    rows.push(line[1 + x].wrapping_add(up));
                }
            }
            f => panic!("filter {f}"),
        }
    }
    let rgb = if colour_type == 3 {
        rows.iter()
            .flat_map(|&i| palette[usize::from(i) * 3..usize::from(i) * 3 + 3].to_vec())
            .collect()
    } else {
        rows
    };
    Decoded { width, height, rgb }
}

/// The preview image an area page names: its address below the site and its bytes.
fn preview_of(site: &Site, base: &str, page: &str) -> (String, Vec<u8>) {
    let html = site.output(page);
    let image = one(&html, "og:image");
    let rel = image
        .strip_prefix(base)
        .unwrap_or_else(|| panic!("{page}: {image} is not under {base}"))
        .to_string();
    let bytes = std::fs::read(site.out().join(&rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    (rel, bytes)
}

fn previews(out: &Path) -> BTreeMap<String, Vec<u8>> {
    tree(out)
        .into_iter()
        .filter(|(k, _)| k.contains("/preview."))
        .collect()
}

#[test]
fn area_pages_share_their_own_preview_image() {
    let site = Site::fixture("tiny");
    let run = site.build_ok();
    for (page, name, words) in [
        (
            "provinces/chiang-mai/index.html",
            "เชียงใหม่",
            ["กลุ่มเป้าหมายทั้งหมด 35 กลุ่ม", "600,000 บาท", "ตัวเลขสมมุติ"],
        ),
        (
            "en/provinces/chiang-mai/index.html",
            "Chiang Mai",
            ["All target groups 35 groups", "THB 600,000", "Illustrative"],
        ),
    ] {
        let html = site.output(page);
        let (rel, png) = preview_of(&site, "https://example.org/", page);
        let folder = page.trim_end_matches("index.html");
        let hash = rel
            .strip_prefix(&format!("{folder}preview."))
            .and_then(|r| r.strip_suffix(".png"))
            .unwrap_or_else(|| panic!("{rel}"));
        assert!(
            hash.len() == 12 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
            "{rel}"
        );
        assert_eq!(one(&html, "twitter:image"), one(&html, "og:image"));
        assert_eq!(one(&html, "og:image:type"), "image/png");
        assert_eq!(one(&html, "og:image:width"), "1200");
        assert_eq!(one(&html, "og:image:height"), "630");
        let alt = one(&html, "og:image:alt");
        assert_eq!(one(&html, "twitter:image:alt"), alt);
        assert!(alt.starts_with(name), "{alt}");
        for w in words {
            assert!(alt.contains(w), "{page}: `{w}` not in {alt}");
        }
        let img = decode(&png);
        assert_eq!((img.width, img.height), (1200, 630));
    }
    // One image per area with figures or not, and language; the summary counts them.
    assert_eq!(previews(&site.out()).len(), 3 * 2);
    assert!(run.stdout.contains("6 preview images"), "{}", run.stdout);
    // Other pages keep the site's image.
    let home = site.output("index.html");
    assert!(
        one(&home, "og:image").starts_with("https://example.org/assets/share-th."),
        "{home}"
    );
    // An area without figures says so instead of showing a status.
    let alt = one(
        &site.output("en/provinces/bangkok/index.html"),
        "og:image:alt",
    );
    assert!(
        alt.contains("The sources give no figures for this area."),
        "{alt}"
    );
    assert!(!alt.contains("Illustrative"), "{alt}");
}

/// Compared pixel by pixel with a tolerance rather than byte for byte: on one machine the
/// bytes never change (the next test), but tiny-skia's anti-aliasing arithmetic may round
/// differently on another CPU (its SIMD paths), which moves an edge pixel by a few levels.
/// A glyph out of place, a missing tone mark or a different figure changes pixels by far
/// more than the tolerance, so it fails.
#[test]
fn the_preview_image_matches_the_reference() {
    let site = Site::fixture("tiny");
    site.build_ok();
    let (_, png) = preview_of(
        &site,
        "https://example.org/",
        "provinces/chiang-mai/index.html",
    );
    let reference = fixture("preview").join("chiang-mai.th.png");
    if std::env::var_os("TANRAK_BLESS").is_some() {
        std::fs::create_dir_all(reference.parent().unwrap()).unwrap();
        std::fs::write(&reference, &png).unwrap();
    }
    let want = decode(&std::fs::read(&reference).unwrap());
    let got = decode(&png);
    assert_eq!((got.width, got.height), (want.width, want.height));
    let mut worst = 0;
    let mut differing = 0;
    for (a, b) in got.rgb.chunks(3).zip(want.rgb.chunks(3)) {
        let d = a.iter().zip(b).map(|(x, y)| x.abs_diff(*y)).max().unwrap();
        worst = worst.max(d);
        differing += usize::from(d > 0);
    }
    assert!(
        worst <= 24,
        "the preview differs from {} ({differing} pixels, by up to {worst} levels); if the \
         change is intended, run with TANRAK_BLESS=1 and look at the new image",
        reference.display()
    );
}

#[test]
fn preview_images_are_the_same_on_every_build() {
    let site = Site::fixture("tiny");
    site.build_ok();
    let first = previews(&site.out());
    // Without the cache (the next test has it), the images are made again, byte for byte.
    std::fs::remove_dir_all(site.root().join(".tanrak-cache")).unwrap();
    site.build_ok();
    assert_eq!(previews(&site.out()), first);
    assert!(!first.is_empty());
}

/// The preview images' cache (issues 13 and 15): an image is made once for its inputs and
/// copied from `.tanrak-cache/previews/` by later builds, which write the same site byte for
/// byte; a cache file cut short, changed or half-written is not trusted but made again; a
/// build keeps only the images it used; `check` reads the cache but never writes it.
#[test]
fn previews_come_from_the_cache_and_the_site_is_the_same_with_it_or_without() {
    let site = Site::fixture("tiny");
    let cache = site.root().join(".tanrak-cache/previews");
    assert_eq!(site.run(&["check"]).code, 0);
    assert!(
        !site.root().join(".tanrak-cache").exists(),
        "check wrote a cache"
    );

    let cold = site.build_ok();
    assert!(
        cold.stdout.contains("6 preview images (0 from the cache)"),
        "{}",
        cold.stdout
    );
    let first = tree(&site.out());
    let cached = tree(&cache);
    assert_eq!(cached.len(), 6, "{:?}", cached.keys());
    // Each cached file is an image of the site, named by the key its address carries.
    for (name, bytes) in &cached {
        let key = &name[..12];
        let (_, image) = first
            .iter()
            .find(|(rel, _)| rel.ends_with(&format!("/preview.{key}.png")))
            .unwrap_or_else(|| panic!("no image of the site is {name}"));
        assert_eq!(image, bytes, "{name}");
    }
    let ignore = std::fs::read_to_string(site.root().join(".tanrak-cache/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*"), "{ignore}");

    let warm = site.build_ok();
    assert!(
        warm.stdout.contains("6 preview images (6 from the cache)"),
        "{}",
        warm.stdout
    );
    assert_eq!(tree(&site.out()), first, "a warm cache changed the site");

    // A file cut short, one holding another image, a temporary file a stopped build left.
    let names: Vec<&String> = cached.keys().collect();
    let short = cached[names[0]][..100].to_vec();
    std::fs::write(cache.join(names[0]), short).unwrap();
    std::fs::write(cache.join(names[1]), &cached[names[2]]).unwrap();
    let temp = cache.join(format!(".{}.4000000000-0.tmp", &names[3][..32]));
    std::fs::write(&temp, b"half").unwrap();
    let run = site.build_ok();
    assert!(
        run.stdout.contains("6 preview images (4 from the cache)"),
        "{}",
        run.stdout
    );
    assert_eq!(tree(&site.out()), first, "a damaged cache changed the site");
    assert_eq!(
        tree(&cache),
        cached,
        "the damaged files were not made again"
    );
    assert!(!temp.exists());

    // A change to what the English images show makes those three again, under new names;
    // the Thai ones are taken from the cache; the old English ones leave the cache.
    site.edit("content/site.yaml", "en: Test site}", "en: Test site two}");
    let run = site.build_ok();
    assert!(
        run.stdout.contains("6 preview images (3 from the cache)"),
        "{}",
        run.stdout
    );
    let now = tree(&cache);
    assert_eq!(now.len(), 6, "{:?}", now.keys());
    assert_eq!(
        now.keys().filter(|k| cached.contains_key(*k)).count(),
        3,
        "{:?}",
        now.keys()
    );
    let images = previews(&site.out());
    assert_eq!(images.len(), 6);
    for (rel, bytes) in images {
        let before = first.get(&rel);
        if rel.starts_with("en/") {
            assert!(before.is_none(), "{rel} kept its name");
        } else {
            assert_eq!(before, Some(&bytes), "{rel}");
        }
    }
}

#[test]
fn a_site_without_thai_gets_english_previews() {
    let site = Site::fixture("districts");
    site.build_ok();
    for (page, name) in [
        ("districts/river-bend/index.html", "River Bend: "),
        (
            "districts/old-town/index.html",
            "Old Town: The sources give no figures",
        ),
    ] {
        let html = site.output(page);
        let (rel, png) = preview_of(&site, "https://example.org/districts/", page);
        assert!(
            rel.starts_with(&format!("{}preview.", page.trim_end_matches("index.html"))),
            "{rel}"
        );
        let img = decode(&png);
        assert_eq!((img.width, img.height), (1200, 630));
        let alt = one(&html, "og:image:alt");
        assert!(alt.starts_with(name), "{alt}");
        assert!(
            !alt.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)),
            "{alt}"
        );
    }
}

#[test]
fn thai_digits_reach_the_preview() {
    let site = Site::fixture("tiny");
    site.edit(
        "content/site.yaml",
        "thai_digits: false",
        "thai_digits: true",
    );
    site.build_ok();
    let th = one(
        &site.output("provinces/chiang-mai/index.html"),
        "og:image:alt",
    );
    assert!(th.contains("๓๕ กลุ่ม") && th.contains("๖๐๐,๐๐๐ บาท"), "{th}");
    let en = one(
        &site.output("en/provinces/chiang-mai/index.html"),
        "og:image:alt",
    );
    assert!(en.contains("35 groups"), "{en}");
}

#[test]
fn the_report_chooses_the_preview_measures() {
    let site = Site::fixture("tiny");
    site.edit(
        "content/report.yaml",
        "\nfields:",
        "\npreview: [beneficiaries, agriculture]\n\nfields:",
    );
    site.build_ok();
    let alt = one(
        &site.output("en/provinces/chiang-mai/index.html"),
        "og:image:alt",
    );
    assert!(
        alt.starts_with("Chiang Mai: People who benefited 500 people; Agriculture 20 groups ("),
        "{alt}"
    );

    // No measures, no images: area pages share the site's image.
    site.edit(
        "content/report.yaml",
        "preview: [beneficiaries, agriculture]",
        "preview: []",
    );
    site.build_ok();
    assert!(previews(&site.out()).is_empty());
    let html = site.output("provinces/chiang-mai/index.html");
    assert!(one(&html, "og:image").starts_with("https://example.org/assets/share-th."));
}

#[test]
fn a_wrong_preview_list_is_an_error_at_its_line() {
    let site = Site::fixture("tiny");
    site.edit(
        "content/report.yaml",
        "\nfields:",
        "\npreview: [target_groups, beneficiary, target_groups, agriculture, processing, community_tourism]\n\nfields:",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let line = site
        .read("content/report.yaml")
        .lines()
        .position(|l| l.starts_with("preview:"))
        .unwrap()
        + 1;
    for expected in [
        format!(
            "content/report.yaml:{line}:26: error: `beneficiary` in `preview` is not a declared measure"
        ),
        "help: did you mean `beneficiaries`?".to_string(),
        format!(
            "content/report.yaml:{line}:39: error: `target_groups` is listed twice in `preview`"
        ),
        format!(
            "content/report.yaml:{line}:67: error: `preview` lists 6 measures; a preview image has room for 4"
        ),
    ] {
        assert!(run.stderr.contains(&expected), "{expected}\n{}", run.stderr);
    }
}
