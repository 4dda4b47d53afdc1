//! The preview images' cache: an image is made once for its inputs, kept in the site's
//! folder (`.tanrak-cache/previews/`), and copied from there by every later build, as Zola
//! keeps its processed images and Hugo its `resources/_gen`.
//!
//! An image's key is a hash of everything its pixels depend on ([`super::Previews::key`]):
//! its words and figures, the theme's colours and fonts, and the drawing code itself. A
//! cached file is named `<key>.<hash of its bytes>.png`, and is used only when its bytes
//! still have that hash: a file cut short, changed or put there by hand is ignored, made
//! again and replaced. New files are written under a temporary name and renamed into place,
//! so a build never reads a half-written one. So a build gives the same bytes with the cache
//! as without it.
//!
//! `tanrak build` reads and writes the cache and, once the new site is in place, removes the
//! cached images it did not use: the cache holds the last build's images, no more.
//! `tanrak serve` reads and writes it without removing anything (its first build is then as
//! fast as a build's; an edit makes only the images it changes); `tanrak check` only reads it.
//! A cache that cannot be read or written only makes the build slower: nothing is reported.
//! The folder holds a `.gitignore` that keeps it out of git, and a `CACHEDIR.TAG` that tells
//! backup tools to skip it. Deleting it is always safe.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The cache's folder in the site's folder, and the previews' below it.
pub const FOLDER: &str = ".tanrak-cache";
const PREVIEWS: &str = "previews";

/// What a command does with the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// Read and write (`build`, `serve`).
    ReadWrite,
    /// Read only (`check`).
    Read,
    /// Neither: every image is made.
    Off,
}

/// The key of an image: a hash of its inputs, as hex.
pub type Key = String;

/// A site's preview cache, shared by the threads of a build.
pub struct Cache {
    /// `<site>/.tanrak-cache/previews`; `None` when the cache is off.
    dir: Option<PathBuf>,
    write: bool,
    /// The cached files: key → hash of the bytes, from the folder's listing and this
    /// process's writes.
    held: Mutex<HashMap<Key, String>>,
    /// The files this build used or wrote (their names), kept by [`Cache::prune`].
    used: Mutex<HashSet<String>>,
    /// Images taken from the cache and images made, for the summary and the tests.
    hits: AtomicUsize,
    made: AtomicUsize,
    temp: AtomicUsize,
}

/// Length of a key and of a bytes' hash, in hex digits (128 bits).
const HEX: usize = 32;

fn is_hex(s: &str) -> bool {
    s.len() == HEX && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The hash of an image's bytes, as its cached file's name carries it.
fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..HEX].to_string()
}

fn file_name(key: &str, content: &str) -> String {
    format!("{key}.{content}.png")
}

impl Cache {
    /// No cache: every image is made.
    pub fn off() -> Cache {
        Cache::with(None, false)
    }

    /// The cache of the site at `root`, for `how`.
    pub fn open(root: &Path, how: Use) -> Cache {
        if how == Use::Off {
            return Cache::off();
        }
        let cache = Cache::with(
            Some(root.join(FOLDER).join(PREVIEWS)),
            how == Use::ReadWrite,
        );
        if let Some(dir) = &cache.dir
            && let Ok(entries) = std::fs::read_dir(dir)
        {
            let mut held = HashMap::new();
            for entry in entries.flatten() {
                let name = entry.file_name();
                let Some(name) = name.to_str() else { continue };
                let Some(stem) = name.strip_suffix(".png") else {
                    continue;
                };
                if let Some((key, content)) = stem.split_once('.')
                    && is_hex(key)
                    && is_hex(content)
                {
                    held.insert(key.to_string(), content.to_string());
                }
            }
            *lock(&cache.held) = held;
        }
        cache
    }

    fn with(dir: Option<PathBuf>, write: bool) -> Cache {
        Cache {
            dir,
            write,
            held: Mutex::new(HashMap::new()),
            used: Mutex::new(HashSet::new()),
            hits: AtomicUsize::new(0),
            made: AtomicUsize::new(0),
            temp: AtomicUsize::new(0),
        }
    }

    /// The image of `key`, from the cache when it holds it intact, else made by `make`
    /// (and then kept, when the cache is written).
    pub fn get_or_make(&self, key: &str, make: impl FnOnce() -> Vec<u8>) -> Vec<u8> {
        if let Some(bytes) = self.get(key) {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return bytes;
        }
        let bytes = make();
        self.made.fetch_add(1, Ordering::Relaxed);
        self.put(key, &bytes);
        bytes
    }

    /// The cached bytes of `key`, if a file for it is there and has the hash its name says.
    fn get(&self, key: &str) -> Option<Vec<u8>> {
        let dir = self.dir.as_ref()?;
        let content = lock(&self.held).get(key)?.clone();
        let name = file_name(key, &content);
        let bytes = std::fs::read(dir.join(&name)).ok()?;
        if content_hash(&bytes) != content {
            // Damaged or not ours: made again, and this file removed when the cache is
            // written (the new one has another name).
            lock(&self.held).remove(key);
            if self.write {
                let _ = std::fs::remove_file(dir.join(&name));
            }
            return None;
        }
        lock(&self.used).insert(name);
        Some(bytes)
    }

    /// Keep `bytes` as the image of `key`: written under a temporary name, then renamed.
    fn put(&self, key: &str, bytes: &[u8]) {
        let Some(dir) = self.dir.as_ref().filter(|_| self.write) else {
            return;
        };
        let content = content_hash(bytes);
        let name = file_name(key, &content);
        let n = self.temp.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{key}.{}-{n}.tmp", std::process::id()));
        let written = prepare(dir)
            .and_then(|()| std::fs::write(&temp, bytes))
            .and_then(|()| std::fs::rename(&temp, dir.join(&name)));
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
            return;
        }
        lock(&self.held).insert(key.to_string(), content);
        lock(&self.used).insert(name);
    }

    /// Images taken from the cache, and images made, so far.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.hits.load(Ordering::Relaxed),
            self.made.load(Ordering::Relaxed),
        )
    }

    /// Remove the cached images this build did not use, and temporary files that builds
    /// stopped half-way left: after a whole build, the cache holds its images and no more.
    pub fn prune(&self) {
        let Some(dir) = self.dir.as_ref().filter(|_| self.write) else {
            return;
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let used = lock(&self.used);
        let own = format!(".{}-", std::process::id());
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let stale = if name.ends_with(".tmp") {
                // Another build's file being written is left alone while that build runs.
                name.contains(&own) || !writer_alive(name)
            } else {
                name.ends_with(".png") && !used.contains(name)
            };
            if stale {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// Whether the process that writes the temporary file `name` (`.<key>.<pid>-<n>.tmp`) runs.
fn writer_alive(name: &str) -> bool {
    let pid = name
        .trim_end_matches(".tmp")
        .rsplit_once('.')
        .and_then(|(_, rest)| rest.split_once('-'))
        .and_then(|(pid, _)| pid.parse::<u32>().ok());
    pid.is_some_and(|pid| Path::new("/proc").join(pid.to_string()).exists())
}

/// Make the cache's folder, with its `.gitignore` and `CACHEDIR.TAG`, if it is not there.
fn prepare(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    if let Some(top) = dir.parent() {
        let _ = std::fs::write(
            top.join(".gitignore"),
            "# tanrak's cache of generated images: safe to delete, never to commit.\n*\n",
        );
        let _ = std::fs::write(
            top.join("CACHEDIR.TAG"),
            "Signature: 8a477f597d28d172789f06886806bc55\n\
             # This folder is tanrak's cache of generated images (safe to delete).\n",
        );
    }
    Ok(())
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
