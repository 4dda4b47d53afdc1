//! A small PNG writer with fixed settings, so the same pixels always give the same bytes.
//!
//! Preview images are flat colours with anti-aliased text: they almost always have fewer
//! than 256 colours, and are then written as an 8-bit palette image (a third of the RGB data
//! to compress); otherwise as 8-bit RGB. Each row is filtered with "Up" when it repeats
//! the row above and "None" otherwise, and compressed by deflate at a fixed fast level. No
//! time, text or gamma chunks: nothing but the pixels goes into the file.

use std::collections::HashMap;
use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use tiny_skia::Pixmap;

/// The deflate level: fast, and the images are small anyway (mostly flat rows).
const LEVEL: u32 = 3;

/// Pixels drawn over a known background, and the background's palette and indices, so
/// that the parts of an image that are still background are copied instead of looked up.
pub struct Base {
    data: Vec<u8>,
    palette: Vec<u32>,
    indices: Vec<u8>,
}

/// Pixels compared with the background at a time.
const RUN: usize = 16;

impl Base {
    /// The base of images drawn on a copy of `background`; `None` if it has more than 256
    /// colours.
    pub fn new(background: &Pixmap) -> Option<Base> {
        let (w, h) = (background.width() as usize, background.height() as usize);
        let data = background.data().to_vec();
        let mut palette = Palette::default();
        let mut indices = Vec::with_capacity(w * h);
        for px in data.chunks_exact(4) {
            indices.push(palette.index(px)?);
        }
        Some(Base {
            data,
            palette: palette.colours,
            indices,
        })
    }
}

/// Colours in the order they first appear (`0x00rrggbb`), at most 256.
#[derive(Default)]
struct Palette {
    colours: Vec<u32>,
    index: HashMap<u32, u8>,
    last: Option<(u32, u8)>,
}

impl Palette {
    fn index(&mut self, px: &[u8]) -> Option<u8> {
        let c = u32::from_be_bytes([0, px[0], px[1], px[2]]);
        if let Some((lc, li)) = self.last
            && lc == c
        {
            return Some(li);
        }
        let at = match self.index.get(&c) {
            Some(&at) => at,
            None => {
                if self.colours.len() == 256 {
                    return None;
                }
                let at = self.colours.len() as u8;
                self.colours.push(c);
                self.index.insert(c, at);
                at
            }
        };
        self.last = Some((c, at));
        Some(at)
    }
}

/// Encode an opaque pixmap drawn on `base`'s background as PNG.
pub fn encode(pixmap: &Pixmap, base: &Base) -> Vec<u8> {
    let (w, h) = (pixmap.width() as usize, pixmap.height() as usize);
    // Opaque, so premultiplied and straight colours are the same.
    let data = pixmap.data();
    let (raw, palette) = match paletted(data, w, h, base) {
        Some((raw, palette)) => (raw, Some(palette)),
        None => (rgb(data, w, h), None),
    };
    let mut z = ZlibEncoder::new(Vec::with_capacity(raw.len() / 8), Compression::new(LEVEL));
    // Writing into a Vec cannot fail.
    let _ = z.write_all(&raw);
    let compressed = z.finish().unwrap_or_default();

    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&(w as u32).to_be_bytes());
    ihdr.extend_from_slice(&(h as u32).to_be_bytes());
    let colour_type = if palette.is_some() { 3 } else { 2 };
    ihdr.extend_from_slice(&[8, colour_type, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    if let Some(palette) = palette {
        let rgb: Vec<u8> = palette
            .iter()
            .flat_map(|c| [(c >> 16) as u8, (c >> 8) as u8, *c as u8])
            .collect();
        chunk(&mut png, b"PLTE", &rgb);
    }
    chunk(&mut png, b"IDAT", &compressed);
    chunk(&mut png, b"IEND", &[]);
    png
}

/// A row of `data` (RGBA, `w` pixels a row).
fn row(data: &[u8], w: usize, y: usize) -> &[u8] {
    &data[y * w * 4..(y + 1) * w * 4]
}

/// Filtered scanlines of palette indices and the palette: the background's colours first,
/// then others in the order they first appear; `None` when there are more than 256.
fn paletted(data: &[u8], w: usize, h: usize, base: &Base) -> Option<(Vec<u8>, Vec<u32>)> {
    if base.data.len() != data.len() {
        return None;
    }
    let mut palette = Palette::default();
    for c in &base.palette {
        palette.index(&[(c >> 16) as u8, (c >> 8) as u8, *c as u8])?;
    }
    palette.last = None;
    let mut raw = Vec::with_capacity((w + 1) * h);
    for y in 0..h {
        let pixels = row(data, w, y);
        if y > 0 && pixels == row(data, w, y - 1) {
            // "Up": the same as the row above.
            raw.push(2);
            raw.resize(raw.len() + w, 0);
            continue;
        }
        raw.push(0);
        let background = row(&base.data, w, y);
        let indices = &base.indices[y * w..(y + 1) * w];
        for x in (0..w).step_by(RUN) {
            let end = (x + RUN).min(w);
            if pixels[x * 4..end * 4] == background[x * 4..end * 4] {
                raw.extend_from_slice(&indices[x..end]);
            } else {
                for px in pixels[x * 4..end * 4].chunks_exact(4) {
                    raw.push(palette.index(px)?);
                }
            }
        }
    }
    Some((raw, palette.colours))
}

/// Filtered scanlines of RGB pixels.
fn rgb(data: &[u8], w: usize, h: usize) -> Vec<u8> {
    let mut raw = Vec::with_capacity((w * 3 + 1) * h);
    for y in 0..h {
        let pixels = row(data, w, y);
        if y > 0 && pixels == row(data, w, y - 1) {
            raw.push(2);
            raw.resize(raw.len() + w * 3, 0);
            continue;
        }
        raw.push(0);
        for px in pixels.chunks_exact(4) {
            raw.extend_from_slice(&px[..3]);
        }
    }
    raw
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.sum().to_be_bytes());
}
