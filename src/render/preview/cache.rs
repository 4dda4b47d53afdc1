//! The preview images' cache: an image is made once for its inputs, kept in the site's
//! folder (`.tanrak-cache/previews/`), and copied from there by every later build, as Zola
//! keeps its processed images and Hugo its `resources/_gen`.
//!
//! An image's key is a hash of everything its pixels depend on ([`super::Previews::key`]):
//! its words and figures, the theme's colours and fonts, and the drawing code itself. A
//! cached file is named `<key>.<seal>.png`, and is used only when its bytes still have that
//! seal: a file cut short, changed or put there by hand is ignored, made again and replaced.
//! The seal is a keyed hash of the bytes, keyed by a secret this checkout's cache made (the
//! `key` file's random bytes with the file's inode and change time, which a commit or a copy
//! cannot carry), so an image committed into the cache, even with a `key` file beside it, is
//! never published: its seal does not match and it is drawn again. The cache's folders are
//! never reached through a link, and the cache removes only files named as it names its own. New files are written under a temporary name and renamed into place,
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

use crate::diagnostics::Diagnostics;
use crate::sitefs::{self, Refused};

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
    /// The site's folder: nothing below it is reached through a link.
    root: PathBuf,
    /// `<site>/.tanrak-cache/previews`; `None` when the cache is off.
    dir: Option<PathBuf>,
    /// The secret that keys the seals of this checkout's images (see the module's note).
    secret: [u8; 32],
    /// Why the cache was left alone: a link or a special file where one of its folders is.
    refused: Option<Refused>,
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

/// The seal of an image's bytes, as its cached file's name carries it.
fn content_hash(secret: &[u8; 32], bytes: &[u8]) -> String {
    blake3::keyed_hash(secret, bytes).to_hex()[..HEX].to_string()
}

/// The secret file's name, in the cache's folder.
const SECRET: &str = "key";

/// Fresh random bytes for a new secret.
fn random_bytes() -> [u8; 32] {
    use std::hash::{BuildHasher, Hasher};
    let mut out = [0u8; 32];
    if std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut out))
        .is_ok()
    {
        return out;
    }
    // No /dev/urandom (Windows): the standard library's randomly keyed hashers.
    for (n, chunk) in out.chunks_mut(8).enumerate() {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_usize(n);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        chunk.copy_from_slice(&h.finish().to_le_bytes());
    }
    out
}

/// The secret of the cache at `top` (`.tanrak-cache`): its `key` file's bytes with the
/// file's identity on this disk (inode and change time), so a `key` file that came with a
/// commit or a copy keys other seals than the one this checkout made. Made when missing
/// (and `write`); `None` when there is none to be had.
/// A link or special file in its place is refused (`Err`).
fn secret(root: &Path, top: &Path, write: bool) -> Result<Option<[u8; 32]>, Refused> {
    let file = top.join(SECRET);
    if write && sitefs::look(root, &file)?.is_none() {
        let temp = top.join(format!(".{SECRET}.{}.tmp", std::process::id()));
        let made = sitefs::write(root, &temp, &random_bytes(), sitefs::Existing::Replace);
        if made.is_err() || std::fs::rename(&temp, &file).is_err() {
            let _ = sitefs::remove_file(root, &temp);
            return Ok(None);
        }
    }
    let bytes = match sitefs::read(root, &file) {
        Ok(bytes) => bytes,
        Err(refused @ (Refused::Link { .. } | Refused::Special { .. })) => return Err(refused),
        Err(Refused::Io { .. }) => return Ok(None),
    };
    let Ok(meta) = std::fs::symlink_metadata(&file) else {
        return Ok(None);
    };
    let mut hasher = blake3::Hasher::new_derive_key("tanrak preview cache seal");
    hasher.update(&bytes);
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        hasher.update(&meta.dev().to_le_bytes());
        hasher.update(&meta.ino().to_le_bytes());
        hasher.update(&meta.ctime().to_le_bytes());
        hasher.update(&meta.ctime_nsec().to_le_bytes());
    }
    #[cfg(not(unix))]
    {
        let Some(since) = meta
            .created()
            .ok()
            .and_then(|c| c.duration_since(std::time::UNIX_EPOCH).ok())
        else {
            return Ok(None);
        };
        hasher.update(&since.as_nanos().to_le_bytes());
    }
    Ok(Some(*hasher.finalize().as_bytes()))
}

fn file_name(key: &str, content: &str) -> String {
    format!("{key}.{content}.png")
}

impl Cache {
    /// No cache: every image is made.
    pub fn off() -> Cache {
        Cache::with(Path::new(""), None, false)
    }

    /// The cache of the site at `root`, for `how`. A link or a special file where the cache's
    /// folders are leaves the cache off and untouched (see [`Cache::report_refused`]).
    pub fn open(root: &Path, how: Use) -> Cache {
        if how == Use::Off {
            return Cache::off();
        }
        let top = root.join(FOLDER);
        let dir = top.join(PREVIEWS);
        if let Err(refused) = sitefs::look(root, &dir) {
            let mut cache = Cache::off();
            cache.refused = Some(refused);
            return cache;
        }
        let write = how == Use::ReadWrite;
        if write && let Err(refused) = prepare(root, &dir) {
            let mut cache = Cache::off();
            cache.refused = Some(refused);
            return cache;
        }
        let secret = match secret(root, &top, write) {
            Ok(Some(secret)) => secret,
            Ok(None) => return Cache::off(),
            Err(refused) => {
                let mut cache = Cache::off();
                cache.refused = Some(refused);
                return cache;
            }
        };
        let mut cache = Cache::with(root, Some(dir), write);
        cache.secret = secret;
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

    /// Report a link or special file that kept the cache off: an error, as anywhere in the
    /// site's folder.
    pub fn report_refused(&self, diags: &mut Diagnostics) {
        if let Some(refused) = &self.refused {
            refused.report_rule(diags);
        }
    }

    fn with(root: &Path, dir: Option<PathBuf>, write: bool) -> Cache {
        Cache {
            root: root.to_path_buf(),
            dir,
            secret: [0; 32],
            refused: None,
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
        let bytes = sitefs::read_opened(&dir.join(&name)).ok()?;
        if content_hash(&self.secret, &bytes) != content {
            // Damaged or not ours: made again (under another name); left in place.
            lock(&self.held).remove(key);
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
        let content = content_hash(&self.secret, bytes);
        let name = file_name(key, &content);
        let n = self.temp.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{key}.{}-{n}.tmp", std::process::id()));
        let written = sitefs::write(&self.root, &temp, bytes, sitefs::Existing::Replace).is_ok()
            && std::fs::rename(&temp, dir.join(&name)).is_ok();
        if !written {
            let _ = sitefs::remove_file(&self.root, &temp);
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
        // The folder is looked at again: nothing is removed through a link put there since.
        if !matches!(sitefs::is_folder(&self.root, dir), Ok(true)) {
            return;
        }
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let used = lock(&self.used);
        let own = format!(".{}-", std::process::id());
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let stale = if is_temp_name(name) {
                // Another build's file being written is left alone while that build runs.
                name.contains(&own) || !writer_alive(name)
            } else {
                is_image_name(name) && !used.contains(name)
            };
            if stale {
                let _ = sitefs::remove_file(&self.root, &entry.path());
            }
        }
    }
}

/// Whether `name` is named as the cache names an image: `<key>.<seal>.png`, both hex.
fn is_image_name(name: &str) -> bool {
    name.strip_suffix(".png")
        .and_then(|stem| stem.split_once('.'))
        .is_some_and(|(key, seal)| is_hex(key) && is_hex(seal))
}

/// Whether `name` is named as the cache names a file being written: `.<key>.<pid>-<n>.tmp`.
fn is_temp_name(name: &str) -> bool {
    name.strip_prefix('.')
        .and_then(|n| n.strip_suffix(".tmp"))
        .and_then(|n| n.split_once('.'))
        .is_some_and(|(key, rest)| {
            is_hex(key)
                && rest.split_once('-').is_some_and(|(pid, n)| {
                    !pid.is_empty()
                        && !n.is_empty()
                        && pid.bytes().chain(n.bytes()).all(|b| b.is_ascii_digit())
                })
        })
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

/// Make the cache's folder, with its `.gitignore` and `CACHEDIR.TAG`, if it is not there;
/// nothing through a link (see [`crate::sitefs`]).
fn prepare(root: &Path, dir: &Path) -> Result<(), Refused> {
    if sitefs::is_folder(root, dir)? {
        return Ok(());
    }
    sitefs::make_folder(root, dir)?;
    if let Some(top) = dir.parent() {
        let files: [(&str, &[u8]); 2] = [
            (
                ".gitignore",
                b"# tanrak's cache of generated images: safe to delete, never to commit.\n*\n",
            ),
            (
                "CACHEDIR.TAG",
                b"Signature: 8a477f597d28d172789f06886806bc55\n\
                  # This folder is tanrak's cache of generated images (safe to delete).\n",
            ),
        ];
        for (name, bytes) in files {
            if let Err(refused @ (Refused::Link { .. } | Refused::Special { .. })) =
                sitefs::write(root, &top.join(name), bytes, sitefs::Existing::Replace)
            {
                return Err(refused);
            }
        }
    }
    Ok(())
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
