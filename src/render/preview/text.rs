//! Text for preview images: shaped by rustybuzz, broken into lines where the language allows
//! (ICU's dictionary line breaker, so Thai, written without spaces, breaks between words),
//! shrunk until it fits its box, and drawn as glyph outlines with tiny-skia.
//!
//! A glyph rasteriser alone places Thai tone marks and vowels wrongly (on top of each other,
//! or off the consonant); the shaper applies the font's own positioning (GPOS marks), its
//! substitutions (SARA AM, the short-tailed ญ and ฐ under a lower vowel), and keeps each
//! consonant with its marks in one cluster, so a line never breaks inside one.
//!
//! Each glyph's outline is read once, when the font is loaded, in font units; drawing only
//! scales and moves it.

use std::ops::Range;
use std::sync::OnceLock;

use icu_segmenter::LineSegmenter;
use icu_segmenter::options::LineBreakOptions;
use rustybuzz::ttf_parser::{GlyphId, OutlineBuilder};
use rustybuzz::{Face, UnicodeBuffer};
use tiny_skia::{FillRule, Paint, Path, PathBuilder, Pixmap, Transform};

/// A font, ready to shape and draw.
pub struct Font<'a> {
    face: Face<'a>,
    upem: f32,
    /// Above and below the baseline, in font units (from the font's horizontal header).
    ascender: f32,
    descender: f32,
    /// Every glyph's outline in font units (y up), by glyph id; `None` for empty glyphs.
    outlines: Vec<Option<Path>>,
}

struct Outline(PathBuilder);

impl OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

impl<'a> Font<'a> {
    /// Read a TrueType/OpenType font; `None` when the bytes are not one.
    pub fn new(bytes: &'a [u8]) -> Option<Font<'a>> {
        let face = Face::from_slice(bytes, 0)?;
        let outlines = (0..face.number_of_glyphs())
            .map(|id| {
                let mut b = Outline(PathBuilder::new());
                face.outline_glyph(GlyphId(id), &mut b)?;
                b.0.finish()
            })
            .collect();
        Some(Font {
            upem: face.units_per_em() as f32,
            ascender: f32::from(face.ascender()),
            descender: f32::from(face.descender()),
            outlines,
            face,
        })
    }

    /// Whether the font has a glyph for every letter of `text` (spaces and marks aside).
    pub fn covers(&self, text: &str) -> bool {
        text.chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .all(|c| self.face.glyph_index(c).is_some())
    }

    /// The distance from one baseline to the next at `size` pixels per em.
    pub fn line_height(&self, size: f32) -> f32 {
        (self.ascender - self.descender) / self.upem * size
    }

    /// The part of a line above the baseline at `size`.
    pub fn ascent(&self, size: f32) -> f32 {
        self.ascender / self.upem * size
    }

    /// Shape a text (one paragraph) in font units.
    pub fn shape(&self, text: &str) -> Shaped {
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let out = rustybuzz::shape(&self.face, &[], buffer);
        let glyphs = out
            .glyph_infos()
            .iter()
            .zip(out.glyph_positions())
            .map(|(info, pos)| Glyph {
                id: info.glyph_id as u16,
                cluster: info.cluster as usize,
                advance: pos.x_advance as f32,
                x_offset: pos.x_offset as f32,
                y_offset: pos.y_offset as f32,
            })
            .collect();
        Shaped {
            text: text.to_string(),
            glyphs,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Glyph {
    id: u16,
    /// Byte offset in the text of the cluster the glyph belongs to.
    cluster: usize,
    advance: f32,
    x_offset: f32,
    y_offset: f32,
}

/// A shaped text, left to right, in font units.
pub struct Shaped {
    text: String,
    glyphs: Vec<Glyph>,
}

/// Line break opportunities (byte offsets), from ICU's dictionary breaker: Thai between
/// words, other scripts after spaces and hyphens.
fn breaks(text: &str) -> Vec<usize> {
    static SEGMENTER: OnceLock<icu_segmenter::LineSegmenterBorrowed<'static>> = OnceLock::new();
    SEGMENTER
        .get_or_init(|| LineSegmenter::new_dictionary(LineBreakOptions::default()))
        .segment_str(text)
        .collect()
}

impl Shaped {
    /// Glyphs of the clusters in the text bytes `bytes`.
    fn glyph_range(&self, bytes: Range<usize>) -> Range<usize> {
        let start = self.glyphs.partition_point(|g| g.cluster < bytes.start);
        let end = self.glyphs.partition_point(|g| g.cluster < bytes.end);
        start..end
    }

    /// The width of the text bytes `bytes` without trailing spaces, in font units.
    fn width(&self, bytes: Range<usize>) -> f32 {
        let trimmed = self.text[bytes.clone()].trim_end().len();
        self.glyphs[self.glyph_range(bytes.start..bytes.start + trimmed)]
            .iter()
            .map(|g| g.advance)
            .sum()
    }

    /// Cluster starts (byte offsets) strictly inside `bytes`: where a word too long for
    /// a line is cut when nothing else can be done.
    fn cluster_starts(&self, bytes: Range<usize>) -> Vec<usize> {
        let mut starts: Vec<usize> = self.glyphs[self.glyph_range(bytes.clone())]
            .iter()
            .map(|g| g.cluster)
            .filter(|&c| c > bytes.start && c < bytes.end)
            .collect();
        starts.dedup();
        starts
    }

    /// Break into lines of at most `max` font units, at the line break opportunities; a
    /// word longer than a line is cut between clusters.
    fn lines(&self, max: f32) -> Vec<Range<usize>> {
        let len = self.text.len();
        let mut lines = Vec::new();
        let mut start = 0;
        let opportunities = breaks(&self.text);
        let mut candidates = opportunities.into_iter().filter(|&b| b > 0).peekable();
        let mut fit: Option<usize> = None;
        while let Some(&b) = candidates.peek() {
            if b <= start {
                candidates.next();
                continue;
            }
            if self.width(start..b) <= max {
                fit = Some(b);
                candidates.next();
                continue;
            }
            match fit.take() {
                Some(f) => {
                    lines.push(start..f);
                    start = f;
                }
                None => {
                    // One word wider than the line: as many clusters as fit (at least one).
                    let cut = self
                        .cluster_starts(start..b)
                        .into_iter()
                        .take_while(|&c| self.width(start..c) <= max)
                        .last()
                        .or_else(|| self.cluster_starts(start..b).first().copied())
                        .unwrap_or(b);
                    lines.push(start..cut);
                    start = cut;
                }
            }
        }
        if start < len {
            lines.push(start..len);
        }
        lines
    }
}

/// A text laid out in a box: its lines (byte ranges) at a size.
pub struct Laid<'s> {
    shaped: &'s Shaped,
    pub size: f32,
    /// Pixels per font unit.
    scale: f32,
    lines: Vec<Range<usize>>,
    /// Glyphs appended to the last line (an ellipsis) when the text was cut short.
    tail: Option<Shaped>,
}

/// The largest size from `size` down to `min` at which `shaped` fits in `max_lines` lines
/// of `width` pixels. At `min`, a text that still needs more lines is cut after the last
/// line that fits, with an ellipsis: nothing is drawn outside the box.
pub fn fit<'s>(
    font: &Font,
    shaped: &'s Shaped,
    width: f32,
    max_lines: usize,
    size: f32,
    min: f32,
) -> Laid<'s> {
    let mut size = size;
    loop {
        let scale = size / font.upem;
        let max = width / scale;
        let lines = shaped.lines(max);
        if lines.len() <= max_lines.max(1) {
            return Laid {
                shaped,
                size,
                scale,
                lines,
                tail: None,
            };
        }
        if size <= min {
            let mut lines = lines;
            lines.truncate(max_lines.max(1));
            let ellipsis = font.shape("…");
            let room = max - ellipsis.width(0..ellipsis.text.len());
            if let Some(last) = lines.last_mut() {
                while last.end > last.start && shaped.width(last.clone()) > room {
                    last.end = shaped
                        .cluster_starts(last.clone())
                        .last()
                        .copied()
                        .unwrap_or(last.start);
                }
                // No dangling space before the ellipsis.
                last.end = last.start + shaped.text[last.clone()].trim_end().len();
            }
            return Laid {
                shaped,
                size,
                scale,
                lines,
                tail: Some(ellipsis),
            };
        }
        size = (size * 0.94).max(min);
    }
}

impl Laid<'_> {
    /// Whether the text was cut short (it did not fit at the smallest size).
    pub fn cut(&self) -> bool {
        self.tail.is_some()
    }

    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// Line `i`'s width in pixels, with the ellipsis on the last line of a cut text.
    pub fn line_width(&self, i: usize) -> f32 {
        let mut units = self.shaped.width(self.lines[i].clone());
        if i + 1 == self.lines.len()
            && let Some(tail) = &self.tail
        {
            units += tail.width(0..tail.text.len());
        }
        units * self.scale
    }

    /// The widest line's width in pixels.
    pub fn width(&self) -> f32 {
        (0..self.lines.len())
            .map(|i| self.line_width(i))
            .fold(0.0, f32::max)
    }

    /// Draw line `i` with its baseline at `y`, starting at `x`.
    pub fn draw_line(
        &self,
        font: &Font,
        pixmap: &mut Pixmap,
        paint: &Paint,
        i: usize,
        x: f32,
        y: f32,
    ) {
        let line = self.lines[i].clone();
        let trimmed = line.start + self.shaped.text[line.clone()].trim_end().len();
        let glyphs = &self.shaped.glyphs[self.shaped.glyph_range(line.start..trimmed)];
        let pen = draw_glyphs(font, pixmap, paint, glyphs, x, y, self.scale);
        if i + 1 == self.lines.len()
            && let Some(tail) = &self.tail
        {
            draw_glyphs(font, pixmap, paint, &tail.glyphs, pen, y, self.scale);
        }
    }

    /// Draw every line, the first baseline at `y`, `leading` pixels from one baseline to
    /// the next.
    pub fn draw(
        &self,
        font: &Font,
        pixmap: &mut Pixmap,
        paint: &Paint,
        x: f32,
        y: f32,
        leading: f32,
    ) {
        for i in 0..self.lines.len() {
            self.draw_line(font, pixmap, paint, i, x, y + leading * i as f32);
        }
    }
}

/// Draw glyphs from `x` on the baseline `y`; returns where the next glyph would go.
fn draw_glyphs(
    font: &Font,
    pixmap: &mut Pixmap,
    paint: &Paint,
    glyphs: &[Glyph],
    x: f32,
    y: f32,
    scale: f32,
) -> f32 {
    let mut pen = x;
    for g in glyphs {
        if let Some(Some(path)) = font.outlines.get(usize::from(g.id)) {
            // Font units have y up; the image has y down.
            let t = Transform::from_row(
                scale,
                0.0,
                0.0,
                -scale,
                pen + g.x_offset * scale,
                y - g.y_offset * scale,
            );
            pixmap.fill_path(path, paint, FillRule::Winding, t, None);
        }
        pen += g.advance * scale;
    }
    pen
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOLD: &[u8] = include_bytes!("../../../themes/default/fonts/Sarabun-Bold.ttf");

    fn font() -> Font<'static> {
        Font::new(BOLD).unwrap()
    }

    #[test]
    fn thai_marks_are_positioned_by_the_font() {
        let f = font();
        // ที่: the tone mark sits above the vowel above the consonant, so the shaper moves
        // it up (a y offset) or swaps in a raised form: either way not where a plain
        // rasteriser would put it (on the baseline advance, at zero offset).
        let shaped = f.shape("ที่");
        assert_eq!(shaped.glyphs.len(), 3);
        // Marks take no room of their own and belong to the consonant's cluster.
        assert!(shaped.glyphs[1..].iter().all(|g| g.advance == 0.0));
        assert!(shaped.glyphs.iter().all(|g| g.cluster == 0));
        let plain = f.face.glyph_index('\u{0E48}').unwrap().0;
        let raised = shaped.glyphs[2].id != plain || shaped.glyphs[2].y_offset > 0.0;
        assert!(raised, "{:?}", shaped.glyphs);
        // น้ำ: SARA AM is split by the shaper into NIKHAHIT, which goes above with the tone
        // mark, and SARA AA, which follows the consonant.
        let shaped = f.shape("น้ำ");
        let sara_aa = f.face.glyph_index('\u{0E32}').unwrap().0;
        assert_eq!(
            shaped.glyphs.last().unwrap().id,
            sara_aa,
            "{:?}",
            shaped.glyphs
        );
        assert_eq!(shaped.glyphs[1].advance, 0.0, "{:?}", shaped.glyphs);
    }

    #[test]
    fn thai_breaks_between_words_and_every_line_fits() {
        let f = font();
        let text = "องค์การบริหารส่วนตำบลผู้ได้รับประโยชน์จากน้ำที่ใช้ในการเกษตร";
        let shaped = f.shape(text);
        let laid = fit(&f, &shaped, 500.0, 3, 76.0, 36.0);
        assert!(laid.line_count() > 1 && laid.line_count() <= 3);
        assert!(laid.tail.is_none());
        let words = breaks(text);
        for (i, line) in laid.lines.iter().enumerate() {
            assert!(laid.line_width(i) <= 500.0, "line {i} is too wide");
            assert!(
                words.contains(&line.end),
                "line {i} ends inside a word: {line:?}"
            );
        }
        assert_eq!(laid.lines.last().unwrap().end, text.len());
    }

    #[test]
    fn a_text_too_long_for_its_box_shrinks_then_is_cut_with_an_ellipsis() {
        let f = font();
        let shaped = f.shape("Chiang Mai");
        let laid = fit(&f, &shaped, 200.0, 1, 76.0, 20.0);
        assert!(laid.size < 76.0 && laid.width() <= 200.0);
        assert!(laid.tail.is_none());

        let long = "ผู้ได้รับประโยชน์".repeat(20);
        let shaped = f.shape(&long);
        let laid = fit(&f, &shaped, 300.0, 2, 40.0, 30.0);
        assert_eq!(laid.size, 30.0);
        assert_eq!(laid.line_count(), 2);
        assert!(laid.tail.is_some());
        assert!(laid.width() <= 300.0, "{}", laid.width());
        // A word longer than the line is cut between clusters, never inside one.
        let word = "ก".repeat(200);
        let shaped = f.shape(&word);
        let laid = fit(&f, &shaped, 300.0, 4, 30.0, 30.0);
        for i in 0..laid.line_count() {
            assert!(laid.line_width(i) <= 300.0);
        }
    }
}
