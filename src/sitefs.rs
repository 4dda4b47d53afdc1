//! The one rule for every file tanrak reads or writes in a site's folder (content/, themes/,
//! the cache, schemas/, the folders `tanrak new` writes into): no symbolic link is followed,
//! anywhere below the site's folder, and nothing but a plain file is ever opened.
//!
//! A committed link could otherwise point a build at any file on the machine (to publish it,
//! print it into a log, overwrite it or delete it), and a named pipe or a device would hang a
//! read. Every link is refused, not only one that leads out of the site: which links stay
//! inside is hard to tell safely, and editors' folders have no need of links. A refused path
//! is an error that names it, in the editor's language. The site's folder itself (`--root`)
//! may be a link: the person running tanrak named it.
//!
//! On Unix a file is opened with `O_NOFOLLOW` (and `O_NONBLOCK`, so a pipe put in its place
//! since the look does not wait for a writer) and checked again on the open file.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostics, Position};
use crate::msg;

/// Why a path was not read or written.
#[derive(Debug)]
pub enum Refused {
    /// The path, or a folder on the way to it, is a symbolic link (to `target`).
    Link {
        path: PathBuf,
        target: Option<PathBuf>,
    },
    /// The path is a pipe, a socket or a device (or a folder where a file is wanted).
    Special { path: PathBuf },
    /// The system refused (missing, no permission, disk full).
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl Refused {
    /// The path the refusal is about.
    pub fn path(&self) -> &Path {
        match self {
            Refused::Link { path, .. } | Refused::Special { path } | Refused::Io { path, .. } => {
                path
            }
        }
    }

    /// Whether the system said the path is not there.
    pub fn is_missing(&self) -> bool {
        matches!(self, Refused::Io { error, .. } if error.kind() == std::io::ErrorKind::NotFound)
    }

    /// Report a refusal to read (a link or special file; an I/O error as `io`).
    pub fn report(&self, diags: &mut Diagnostics) {
        match self {
            Refused::Io { path, error } => {
                diags
                    .error(
                        "io",
                        path,
                        Position::FILE,
                        msg!("io", reason = error.to_string()),
                    )
                    .help(msg!("io.help"));
            }
            _ => {
                self.report_rule(diags);
            }
        }
    }

    /// Report a link or special file; an I/O error is left to the caller's own message.
    /// Returns whether it reported.
    pub fn report_rule(&self, diags: &mut Diagnostics) -> bool {
        match self {
            Refused::Link { path, target } => {
                diags
                    .error(
                        "symlink",
                        path,
                        Position::FILE,
                        match target {
                            Some(t) => msg!("symlink--to", target = t.display().to_string()),
                            None => msg!("symlink"),
                        },
                    )
                    .help(msg!("symlink.help"));
                true
            }
            Refused::Special { path } => {
                diags
                    .error("special-file", path, Position::FILE, msg!("special-file"))
                    .help(msg!("special-file.help"));
                true
            }
            Refused::Io { .. } => false,
        }
    }
}

fn io(path: &Path, error: std::io::Error) -> Refused {
    Refused::Io {
        path: path.to_path_buf(),
        error,
    }
}

fn link(path: &Path) -> Refused {
    Refused::Link {
        path: path.to_path_buf(),
        target: std::fs::read_link(path).ok(),
    }
}

/// The folders from below `root` down to `path` (itself included), outermost first; only
/// `path` when it is not below `root`.
fn steps(root: &Path, path: &Path) -> Vec<PathBuf> {
    let Ok(rel) = path.strip_prefix(root) else {
        return vec![path.to_path_buf()];
    };
    let mut at = root.to_path_buf();
    rel.components()
        .map(|c| {
            at.push(c);
            at.clone()
        })
        .collect()
}

/// What `path` is, having checked that neither it nor any folder between `root` and it is a
/// link (and that those folders are folders): `None` when it is not there.
pub fn look(root: &Path, path: &Path) -> Result<Option<Metadata>, Refused> {
    let steps = steps(root, path);
    let last = steps.len().saturating_sub(1);
    for (n, step) in steps.iter().enumerate() {
        let meta = match std::fs::symlink_metadata(step) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io(step, e)),
        };
        if meta.file_type().is_symlink() {
            return Err(link(step));
        }
        if n == last {
            return Ok(Some(meta));
        }
        if !meta.is_dir() {
            return Err(Refused::Special { path: step.clone() });
        }
    }
    Ok(None)
}

/// Whether `dir` is a real folder below `root` (no link on the way): `Ok(false)` when it is
/// not there; a link or anything but a folder is refused.
pub fn is_folder(root: &Path, dir: &Path) -> Result<bool, Refused> {
    match look(root, dir)? {
        None => Ok(false),
        Some(meta) if meta.is_dir() => Ok(true),
        Some(_) => Err(Refused::Special {
            path: dir.to_path_buf(),
        }),
    }
}

/// Open a plain file for reading without following a link, the last step included, and
/// without waiting on a pipe; the open file is checked to be a plain file.
pub fn open_plain(path: &Path) -> Result<File, Refused> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    #[cfg(not(unix))]
    {
        let meta = std::fs::symlink_metadata(path).map_err(|e| io(path, e))?;
        if meta.file_type().is_symlink() {
            return Err(link(path));
        }
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(e) => {
            // O_NOFOLLOW on a link fails with ELOOP: say it is a link, not a loop.
            if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(link(path));
            }
            return Err(io(path, e));
        }
    };
    let meta = file.metadata().map_err(|e| io(path, e))?;
    if !meta.is_file() {
        return Err(Refused::Special {
            path: path.to_path_buf(),
        });
    }
    Ok(file)
}

/// The bytes of the plain file `path` below `root`.
pub fn read(root: &Path, path: &Path) -> Result<Vec<u8>, Refused> {
    match look(root, path)? {
        None => Err(io(path, std::io::ErrorKind::NotFound.into())),
        Some(meta) if !meta.is_file() => Err(Refused::Special {
            path: path.to_path_buf(),
        }),
        Some(_) => read_opened(path),
    }
}

/// The bytes of the plain file `path`, its folders already checked (a walk that refuses links).
pub fn read_opened(path: &Path) -> Result<Vec<u8>, Refused> {
    let mut file = open_plain(path)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.read_to_end(&mut bytes).map_err(|e| io(path, e))?;
    Ok(bytes)
}

/// [`read`] as UTF-8 text (`None` on anything that stops it).
pub fn read_to_string(root: &Path, path: &Path) -> Option<String> {
    String::from_utf8(read(root, path).ok()?).ok()
}

/// Make the folder `dir` below `root` and every folder on the way (`root` too, when it is
/// not there), refusing a link or a file anywhere below `root`.
pub fn make_folder(root: &Path, dir: &Path) -> Result<(), Refused> {
    // The site's folder itself is the person's choice (`tanrak init` makes it).
    if dir.starts_with(root) && !root.as_os_str().is_empty() && !root.exists() {
        std::fs::create_dir_all(root).map_err(|e| io(root, e))?;
    }
    for step in steps(root, dir) {
        match std::fs::symlink_metadata(&step) {
            Ok(meta) if meta.file_type().is_symlink() => return Err(link(&step)),
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => return Err(Refused::Special { path: step }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Err(e) = std::fs::create_dir(&step)
                    && e.kind() != std::io::ErrorKind::AlreadyExists
                {
                    return Err(io(&step, e));
                }
            }
            Err(e) => return Err(io(&step, e)),
        }
    }
    Ok(())
}

/// How [`write`] treats a file already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// A plain file already there is replaced.
    Replace,
    /// Anything already there is an error (`AlreadyExists`).
    Refuse,
}

/// Write `bytes` to the file `path` below `root`, making its folders: never through a link
/// (the file's own name included) and never into a pipe or a device.
pub fn write(root: &Path, path: &Path, bytes: &[u8], existing: Existing) -> Result<(), Refused> {
    if let Some(parent) = path.parent() {
        make_folder(root, parent)?;
    }
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => return Err(link(path)),
        Ok(meta) if !meta.is_file() => {
            return Err(Refused::Special {
                path: path.to_path_buf(),
            });
        }
        _ => {}
    }
    let mut options = OpenOptions::new();
    options.write(true);
    match existing {
        Existing::Replace => options.create(true).truncate(true),
        Existing::Refuse => options.create_new(true),
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let mut file = options.open(path).map_err(|e| io(path, e))?;
    file.write_all(bytes).map_err(|e| io(path, e))
}

/// Remove the plain file `path` below `root` (a link on the way refuses it; the file's own
/// name, if a link, is not followed but also not removed).
pub fn remove_file(root: &Path, path: &Path) -> Result<(), Refused> {
    match look(root, path)? {
        Some(meta) if meta.is_file() => std::fs::remove_file(path).map_err(|e| io(path, e)),
        Some(_) => Err(Refused::Special {
            path: path.to_path_buf(),
        }),
        None => Ok(()),
    }
}

/// A walk of the folder `dir` below `root`, sorted by name, that follows no link (`dir`
/// itself included: check it with [`is_folder`] first).
pub fn walk(dir: &Path) -> walkdir::WalkDir {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .follow_root_links(false)
        .sort_by_file_name()
}

/// The bytes of a file that [`walk`] found: a link found there is refused (never followed).
pub fn read_entry(entry: &walkdir::DirEntry) -> Result<Vec<u8>, Refused> {
    if entry.file_type().is_symlink() {
        Err(link(entry.path()))
    } else {
        read_opened(entry.path())
    }
}

/// The refusal of the link at `path`, to report where a walk met it.
pub fn refused_link(path: &Path) -> Refused {
    link(path)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_link_on_the_way_to_a_file_is_refused_for_reading_and_writing() {
        let site = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "s").unwrap();
        symlink(outside.path(), site.path().join("themes")).unwrap();
        let file = site.path().join("themes").join("secret");
        assert!(matches!(
            read(site.path(), &file),
            Err(Refused::Link { .. })
        ));
        let written = write(site.path(), &file, b"x", Existing::Replace);
        assert!(matches!(written, Err(Refused::Link { .. })));
        assert_eq!(
            std::fs::read_to_string(outside.path().join("secret")).unwrap(),
            "s"
        );
    }

    #[test]
    fn a_pipe_is_refused_without_waiting_for_a_writer() {
        let site = tempfile::tempdir().unwrap();
        let pipe = site.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        assert!(made.unwrap().success());
        assert!(matches!(
            read(site.path(), &pipe),
            Err(Refused::Special { .. })
        ));
        assert!(matches!(
            write(site.path(), &pipe, b"x", Existing::Replace),
            Err(Refused::Special { .. })
        ));
    }
}
