//! `build --precompress`: a `.gz` and a `.br` beside every text file of the output, so a host
//! that serves precompressed files (nginx `gzip_static`/`brotli_static`, many CDNs) sends
//! the smallest version without compressing on every request.
//!
//! Both use their best compression and write no time or file name into the result: the same
//! site gives the same bytes on every build. The compressors are pure Rust (flate2 with its
//! miniz backend, brotli), so no C library is needed.

use std::io::{self, Write};
use std::path::Path;

use flate2::{Compression, GzBuilder};
use rayon::prelude::*;

use crate::output::Output;

/// Extensions of the files that are compressed; fonts and images are compressed already.
pub const TEXT_EXTENSIONS: [&str; 8] = ["html", "css", "svg", "xml", "json", "csv", "txt", "js"];

/// Gzip at the best level, with no modification time and no file name in the header.
pub fn gzip(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let mut encoder = GzBuilder::new()
        .mtime(0)
        .write(Vec::with_capacity(bytes.len() / 3), Compression::best());
    encoder.write_all(bytes)?;
    encoder.finish()
}

/// Brotli at the best quality (11) with the largest standard window.
pub fn brotli(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(bytes)?;
        writer.flush()?;
    }
    Ok(out)
}

fn is_text(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.contains(&e))
}

/// Write `x.gz` and `x.br` beside every text file written so far. Returns how many files
/// were compressed.
pub fn precompress(out: &Output) -> io::Result<usize> {
    let root = out.staging_dir().to_path_buf();
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_file() && is_text(entry.path()) {
            let rel = entry.path().strip_prefix(&root).unwrap_or(entry.path());
            files.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    files.par_iter().try_for_each(|rel| -> io::Result<()> {
        let bytes = std::fs::read(root.join(rel))?;
        out.write(&format!("{rel}.gz"), &gzip(&bytes)?)?;
        out.write(&format!("{rel}.br"), &brotli(&bytes)?)?;
        Ok(())
    })?;
    Ok(files.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn both_round_trip_and_are_the_same_every_time() {
        let text = "ผลการพัฒนาเศรษฐกิจฐานราก ".repeat(200);
        let gz = gzip(text.as_bytes()).unwrap();
        assert_eq!(gz, gzip(text.as_bytes()).unwrap());
        assert_eq!(
            &gz[4..8],
            &[0, 0, 0, 0],
            "no modification time in the gzip header"
        );
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);

        let br = brotli(text.as_bytes()).unwrap();
        assert_eq!(br, brotli(text.as_bytes()).unwrap());
        let mut back = String::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
        assert!(br.len() < text.len() / 10 && gz.len() < text.len() / 5);
    }
}
