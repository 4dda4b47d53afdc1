//! A small PNG writer with fixed settings, so the same pixels always give the same bytes.
//!
//! Preview images are flat colours with anti-aliased text: they almost always have fewer
//! than 256 colours, and are then written as an 8-bit palette image (a third of the RGB data
//! to compress); otherwise as 8-bit RGB. Each row gets the filter that leaves the most zero
//! bytes, and the whole is compressed by `fdeflate`, the fast deflate encoder PNG encoders
//! use for their "fast" setting: about ten times faster than deflate at level 3 on these
//! images, for files about a third larger. No time, text or gamma chunks: nothing but the
//! pixels goes into the file.

use tiny_skia::Pixmap;

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
struct Palette {
    colours: Vec<u32>,
    /// An open-addressed table of `colour + 1` (0: empty) and the colour's index: at most
    /// 256 colours in 1,024 slots, so a look-up almost always ends at the first slot.
    slots: Box<[(u32, u8); SLOTS]>,
    last: Option<(u32, u8)>,
}

const SLOTS: usize = 1024;

impl Default for Palette {
    fn default() -> Palette {
        Palette {
            colours: Vec::with_capacity(256),
            slots: Box::new([(0, 0); SLOTS]),
            last: None,
        }
    }
}

impl Palette {
    fn index(&mut self, px: &[u8]) -> Option<u8> {
        let c = u32::from_be_bytes([0, px[0], px[1], px[2]]);
        if let Some((lc, li)) = self.last
            && lc == c
        {
            return Some(li);
        }
        let mut slot = (c.wrapping_mul(0x9E37_79B1) >> 22) as usize;
        let at = loop {
            match self.slots[slot] {
                (0, _) => {
                    if self.colours.len() == 256 {
                        return None;
                    }
                    let at = self.colours.len() as u8;
                    self.colours.push(c);
                    self.slots[slot] = (c + 1, at);
                    break at;
                }
                (k, at) if k == c + 1 => break at,
                _ => slot = (slot + 1) % SLOTS,
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
    let (raw, palette) = match indexed(data, w, h, base) {
        Some((rows, palette)) => (filtered(&rows, w, 1), Some(palette)),
        None => (filtered(&rgb(data), w * 3, 3), None),
    };
    let compressed = fdeflate::compress_to_vec(&raw);

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

/// The image as palette indices, a byte a pixel, and the palette: the background's colours
/// first, then others in the order they first appear; `None` when there are more than 256.
fn indexed(data: &[u8], w: usize, h: usize, base: &Base) -> Option<(Vec<u8>, Vec<u32>)> {
    if base.data.len() != data.len() {
        return None;
    }
    let mut palette = Palette::default();
    for c in &base.palette {
        palette.index(&[(c >> 16) as u8, (c >> 8) as u8, *c as u8])?;
    }
    palette.last = None;
    let mut rows = Vec::with_capacity(w * h);
    for y in 0..h {
        let pixels = row(data, w, y);
        if y > 0 && pixels == row(data, w, y - 1) {
            rows.extend_from_within((y - 1) * w..y * w);
            continue;
        }
        let background = row(&base.data, w, y);
        let indices = &base.indices[y * w..(y + 1) * w];
        for x in (0..w).step_by(RUN) {
            let end = (x + RUN).min(w);
            if pixels[x * 4..end * 4] == background[x * 4..end * 4] {
                rows.extend_from_slice(&indices[x..end]);
            } else {
                for px in pixels[x * 4..end * 4].chunks_exact(4) {
                    rows.push(palette.index(px)?);
                }
            }
        }
    }
    Some((rows, palette.colours))
}

/// The pixels as RGB, three bytes a pixel.
fn rgb(data: &[u8]) -> Vec<u8> {
    data.chunks_exact(4)
        .flat_map(|px| [px[0], px[1], px[2]])
        .collect()
}

/// Scanlines of `stride` bytes (`bpp` bytes a pixel), each after the filter byte of the
/// filter that leaves the fewest bytes that are not zero: "None", "Sub" (minus the pixel on
/// the left) or "Up" (minus the pixel above), first of those in that order on a tie. The
/// compressor ([`fdeflate`]) codes runs of zeros in a few bits, so flat areas, edges that
/// repeat down a column and rows like the one above all cost next to nothing.
fn filtered(rows: &[u8], stride: usize, bpp: usize) -> Vec<u8> {
    let h = rows.len() / stride;
    let mut raw = Vec::with_capacity((stride + 1) * h);
    for y in 0..h {
        let line = &rows[y * stride..(y + 1) * stride];
        let up = (y > 0).then(|| &rows[(y - 1) * stride..y * stride]);
        if let Some(up) = up
            && line == up
        {
            raw.push(2);
            raw.resize(raw.len() + stride, 0);
            continue;
        }
        let none = non_zero(line);
        let sub = if none == 0 {
            usize::MAX
        } else {
            non_zero(&line[..bpp]) + differing(&line[bpp..], &line[..stride - bpp])
        };
        let above = up.map_or(usize::MAX, |up| differing(line, up));
        if none <= sub && none <= above {
            raw.push(0);
            raw.extend_from_slice(line);
        } else if sub <= above {
            raw.push(1);
            raw.extend_from_slice(&line[..bpp]);
            raw.extend(
                line[bpp..]
                    .iter()
                    .zip(line)
                    .map(|(a, b)| a.wrapping_sub(*b)),
            );
        } else if let Some(up) = up {
            raw.push(2);
            raw.extend(line.iter().zip(up).map(|(a, b)| a.wrapping_sub(*b)));
        }
    }
    raw
}

/// How many bytes of `a` differ from `b`'s at the same place (counted in blocks a compiler
/// can vectorise).
fn differing(a: &[u8], b: &[u8]) -> usize {
    a.chunks(4096)
        .zip(b.chunks(4096))
        .map(|(a, b)| a.iter().zip(b).map(|(x, y)| u32::from(x != y)).sum::<u32>() as usize)
        .sum()
}

fn non_zero(a: &[u8]) -> usize {
    a.chunks(4096)
        .map(|a| a.iter().map(|&x| u32::from(x != 0)).sum::<u32>() as usize)
        .sum()
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
