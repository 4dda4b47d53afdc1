//! Stage 5, write: the one place output reaches the disk.
//!
//! A build writes into a temporary folder beside the output folder and swaps it in only when
//! everything has been written. If anything fails, the temporary folder is removed and the
//! previous output stays exactly as it was: a half-built site is never published.
//!
//! `tanrak serve` writes into memory instead ([`Output::in_memory`]): the same writer, with
//! the files kept in a map for the preview server, so a preview never touches the disk.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// Every file of a site built in memory: `/`-separated path → bytes.
pub type Files = BTreeMap<String, Vec<u8>>;

/// A site being written. Dropping it without [`Output::commit`] throws the work away.
pub struct Output {
    final_dir: PathBuf,
    temp_dir: PathBuf,
    committed: bool,
    files: AtomicUsize,
    bytes: AtomicU64,
    /// Set for an in-memory site: the files go here, not to the disk.
    memory: Option<Mutex<Files>>,
}

fn sibling(dir: &Path, tag: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join(format!(".{name}.{tag}-{}", std::process::id()))
}

impl Output {
    /// Start writing a site that will end up in `final_dir`.
    pub fn begin(final_dir: &Path) -> io::Result<Output> {
        let temp_dir = sibling(final_dir, "tanrak-new");
        if temp_dir.exists() {
            std::fs::remove_dir_all(&temp_dir)?;
        }
        std::fs::create_dir_all(&temp_dir)?;
        Ok(Output {
            final_dir: final_dir.to_path_buf(),
            temp_dir,
            committed: false,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            memory: None,
        })
    }

    /// Start writing a site into memory (for the preview server); take the files with
    /// [`Output::into_files`]. Nothing is written to the disk.
    pub fn in_memory() -> Output {
        Output {
            final_dir: PathBuf::new(),
            temp_dir: PathBuf::new(),
            committed: true,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            memory: Some(Mutex::new(Files::new())),
        }
    }

    /// The files of an in-memory site (empty for a site written to the disk).
    pub fn into_files(mut self) -> Files {
        self.memory
            .take()
            .map(|m| {
                m.into_inner()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
            })
            .unwrap_or_default()
    }

    /// Write one file, at a `/`-separated path relative to the site root. Safe to call from
    /// several threads at once.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        if let Some(memory) = &self.memory {
            let mut files = memory
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            files.insert(rel.to_string(), bytes.to_vec());
            self.files.fetch_add(1, Ordering::Relaxed);
            self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
            return Ok(());
        }
        let path = self.temp_dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, bytes)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    pub fn file_count(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    pub fn byte_count(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Where files are being written before the swap (for steps that read them back).
    /// Empty for an in-memory site.
    pub fn staging_dir(&self) -> &Path {
        &self.temp_dir
    }

    /// Put the new site in place of the old one.
    pub fn commit(mut self) -> io::Result<()> {
        if self.memory.is_some() {
            return Ok(());
        }
        let old = sibling(&self.final_dir, "tanrak-old");
        if old.exists() {
            std::fs::remove_dir_all(&old)?;
        }
        let had_old = self.final_dir.exists();
        if had_old {
            std::fs::rename(&self.final_dir, &old)?;
        }
        if let Err(e) = std::fs::rename(&self.temp_dir, &self.final_dir) {
            if had_old {
                let _ = std::fs::rename(&old, &self.final_dir);
            }
            return Err(e);
        }
        self.committed = true;
        if had_old {
            std::fs::remove_dir_all(&old)?;
        }
        Ok(())
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.temp_dir);
        }
    }
}
