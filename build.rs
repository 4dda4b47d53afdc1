//! Embeds the default theme (`themes/default/`) in the binary as a table of
//! `(path, bytes)`, so a site without its own `themes/` folder still builds.

use std::fmt::Write as _;
use std::path::Path;

fn collect(dir: &Path, base: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(&path, base, out);
        } else {
            let rel = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((
                rel,
                path.canonicalize().unwrap().to_string_lossy().into_owned(),
            ));
        }
    }
}

fn main() {
    let base = Path::new("themes/default");
    println!("cargo:rerun-if-changed=themes/default");
    let mut files = Vec::new();
    collect(base, base, &mut files);
    let mut code = String::from(
        "/// The default theme's files, embedded at compile time.\npub static THEME_FILES: &[(&str, &[u8])] = &[\n",
    );
    for (rel, abs) in &files {
        let _ = writeln!(code, "    ({rel:?}, include_bytes!({abs:?})),");
    }
    code.push_str("];\n");
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out_dir.join("theme_files.rs"), code).unwrap();

    // The sites `tanrak init --from` starts from: the bundled site's content and each
    // example's, so a released binary, with no repository beside it, has them.
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=examples");
    println!("cargo:rerun-if-env-changed=TANRAK_RELEASES");
    let mut sites = Vec::new();
    collect(Path::new("content"), Path::new(""), &mut sites);
    if let Ok(entries) = std::fs::read_dir("examples") {
        let mut names: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        names.sort();
        for example in names {
            let content = example.join("content");
            if content.is_dir() {
                collect(&content, Path::new(""), &mut sites);
            }
        }
    }
    let mut code = String::from(
        "/// The content of the bundled site and of the examples, embedded at compile time:\n/// (path in the repository, bytes).\npub static SITE_FILES: &[(&str, &[u8])] = &[\n",
    );
    for (rel, abs) in &sites {
        let rel = rel.trim_start_matches("./");
        let _ = writeln!(code, "    ({rel:?}, include_bytes!({abs:?})),");
    }
    code.push_str("];\n");
    std::fs::write(out_dir.join("site_files.rs"), code).unwrap();
}
