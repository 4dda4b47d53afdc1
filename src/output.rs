//! Stage 5, write: the one place output reaches the disk.
//!
//! A build writes into a temporary folder beside the output folder and swaps it in only when
//! everything has been written. If anything fails, the temporary folder is removed and the
//! previous output stays exactly as it was: a half-built site is never published.
//!
//! Only a folder tanrak wrote itself is ever replaced: every build leaves a small marker file
//! ([`MARKER`]) in its output, and [`check_target`] refuses an output that holds the site's own
//! files, is a file, or is a folder with other things in it and no marker. A build killed
//! half-way leaves its temporary folders beside the output; the next build removes them.
//!
//! `tanrak serve` writes into memory instead ([`Output::in_memory`]): the same writer, with
//! the files kept in a map for the preview server, so a preview never writes a site to the
//! disk (only the link-preview images' cache, `render::preview::cache`, is shared with builds).

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use crate::messages::Message;
use crate::msg;

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
    /// Folders made so far (relative), so each is made once, not asked for again per file.
    made: Mutex<rustc_hash::FxHashSet<String>>,
}

/// The file every build writes at the top of its output, so a later build knows the folder is
/// its own to replace.
pub const MARKER: &str = ".tanrak-output";

/// What the marker file says, for whoever finds it on a web server.
const MARKER_TEXT: &str = "This folder was written by `tanrak build`. The next build replaces it whole: do not keep other files here.\n";

/// Why an output folder was refused: what is wrong, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The command-line option at fault: `--root` or `--output`.
    pub flag: &'static str,
    pub message: Message,
    pub help: Message,
}

fn refuse(message: Message, help: Message) -> Result<(), Refusal> {
    Err(Refusal {
        flag: "--output",
        message,
        help,
    })
}

/// `path` made absolute with `.`, `..` and symbolic links resolved, also when its last parts do
/// not exist yet (they are appended to the deepest part that does).
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut rest = Vec::new();
    let mut existing = path.as_path();
    loop {
        match existing.canonicalize() {
            Ok(mut real) => {
                for part in rest.iter().rev() {
                    match part {
                        std::path::Component::ParentDir => {
                            real.pop();
                        }
                        std::path::Component::CurDir => {}
                        other => real.push(other),
                    }
                }
                return Ok(real);
            }
            Err(e) => {
                let (Some(parent), Some(last)) =
                    (existing.parent(), existing.components().next_back())
                else {
                    return Err(e);
                };
                rest.push(last);
                existing = parent;
            }
        }
    }
}

/// Whether `output` may be (re)placed by a build of the site at `root`. Refused: a site folder
/// that does not exist; an output that is, contains or lies inside the site folder's
/// `content/` or `themes/`, or is or contains the site folder itself; an output that is a file
/// or a symbolic link; a folder that is not empty and carries no [`MARKER`].
pub fn check_target(root: &Path, output: &Path) -> Result<(), Refusal> {
    let shown = output.display().to_string();
    if !root.is_dir() {
        return Err(Refusal {
            flag: "--root",
            message: msg!("output--no-root", root = root.display().to_string()),
            help: msg!("output--no-root.help"),
        });
    }
    let (Ok(root_real), Ok(out_real)) = (resolve(root), resolve(output)) else {
        return refuse(
            msg!("output--unreachable", output = shown),
            msg!("output--unreachable.help"),
        );
    };
    if out_real == root_real || root_real.starts_with(&out_real) {
        let message = if out_real == root_real {
            msg!("output--is-site", output = shown)
        } else {
            msg!("output--holds-site", output = shown)
        };
        return refuse(message, msg!("output--is-site.help"));
    }
    for own in ["content", "themes"] {
        let own_real = resolve(&root_real.join(own)).unwrap_or_else(|_| root_real.join(own));
        if out_real == own_real
            || own_real.starts_with(&out_real)
            || out_real.starts_with(&own_real)
        {
            return refuse(
                msg!("output--overlaps", output = shown, own = own),
                msg!("output--overlaps.help"),
            );
        }
    }
    // An output in the site's folder is reached through real folders only: a committed link
    // on the way would send the build (and its clean-up beside the output) elsewhere.
    if let (Ok(root_abs), Ok(out_abs)) = (std::path::absolute(root), std::path::absolute(output))
        && out_abs.starts_with(&root_abs)
        && let Err(crate::sitefs::Refused::Link { path, .. }) =
            crate::sitefs::look(&root_abs, &out_abs)
        && path != out_abs
    {
        let link = path.strip_prefix(&root_abs).unwrap_or(&path);
        return refuse(
            msg!(
                "output--through-link",
                output = shown,
                link = link.display().to_string()
            ),
            msg!("output--symlink.help"),
        );
    }
    let meta = match std::fs::symlink_metadata(output) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return refuse(
                msg!("output--unreadable", output = shown, reason = e.to_string()),
                msg!("output--unreadable.help"),
            );
        }
    };
    if meta.file_type().is_symlink() {
        return refuse(
            msg!("output--symlink", output = shown),
            msg!("output--symlink.help"),
        );
    }
    if !meta.is_dir() {
        return refuse(
            msg!("output--file", output = shown),
            msg!("output--file.help"),
        );
    }
    if output.join(MARKER).is_file() {
        return Ok(());
    }
    let empty = std::fs::read_dir(output)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false);
    if empty {
        return Ok(());
    }
    refuse(
        msg!("output--not-ours", output = shown),
        msg!("output--not-ours.help", marker = MARKER),
    )
}

/// Whether the process with this id is still running (on systems without `/proc`, assume not).
fn alive(pid: u32) -> bool {
    pid == std::process::id() || Path::new("/proc").join(pid.to_string()).exists()
}

/// Remove what builds killed half-way left beside `final_dir`: their temporary new folders, and
/// the previous site they had moved aside (put back in place if no site took its place).
fn clean_leftovers(final_dir: &Path) {
    let name = final_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = final_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let mut leftovers: Vec<(PathBuf, bool)> = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        for (tag, old) in [("tanrak-new", false), ("tanrak-old", true)] {
            let prefix = format!(".{name}.{tag}-");
            if let Some(pid) = file_name.strip_prefix(&prefix)
                && let Ok(pid) = pid.parse::<u32>()
                && !alive(pid)
            {
                leftovers.push((entry.path(), old));
            }
        }
    }
    leftovers.sort();
    for (path, old) in leftovers {
        if old
            && !final_dir.exists()
            && path.join(MARKER).is_file()
            && std::fs::rename(&path, final_dir).is_ok()
        {
            continue;
        }
        let _ = std::fs::remove_dir_all(&path);
    }
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
        clean_leftovers(final_dir);
        let temp_dir = sibling(final_dir, "tanrak-new");
        if temp_dir.exists() {
            std::fs::remove_dir_all(&temp_dir)?;
        }
        std::fs::create_dir_all(&temp_dir)?;
        std::fs::write(temp_dir.join(MARKER), MARKER_TEXT)?;
        Ok(Output {
            final_dir: final_dir.to_path_buf(),
            temp_dir,
            committed: false,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            memory: None,
            made: Mutex::default(),
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
            made: Mutex::default(),
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
        if let Some((folder, _)) = rel.rsplit_once('/') {
            let made = self
                .made
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .contains(folder);
            if !made {
                std::fs::create_dir_all(self.temp_dir.join(folder))?;
                self.made
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .insert(folder.to_string());
            }
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
