//! Terminology: official names are spelt the official way.
//!
//! `content/glossary.yaml` lists each official name with the wrong forms known to occur
//! (the programme's source document itself has some). Every Markdown, YAML and CSV file
//! under `content/` is searched for the wrong forms; each one found is an error that names
//! its line and column and the right form. The glossary itself holds the wrong forms on
//! purpose and is not searched.

use std::path::Path;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::content::raw::RawTerm;
use crate::content::read_text;
use crate::content::yaml::{parse, position_of};
use crate::diagnostics::{Diagnostics, Position};
use crate::msg;

pub const GLOSSARY: &str = "glossary.yaml";

/// A checked glossary entry.
struct Term {
    right: String,
    wrong: Vec<String>,
}

fn load(root: &Path, diags: &mut Diagnostics) -> Vec<Term> {
    let file = root.join("content").join(GLOSSARY);
    if !file.exists() {
        return Vec::new();
    }
    let Some(text) = read_text(&file, diags) else {
        return Vec::new();
    };
    let Some(raw) = parse::<Vec<RawTerm>>(&file, &text, 0, diags) else {
        return Vec::new();
    };
    let mut terms = Vec::new();
    for entry in raw {
        let right = entry.right.value.trim().to_string();
        if right.is_empty() {
            diags
                .error(
                    "glossary",
                    &file,
                    position_of(&entry.right, 0),
                    msg!("glossary--empty"),
                )
                .help(msg!("glossary--empty.help"));
            continue;
        }
        let mut wrong = Vec::new();
        for w in &entry.wrong {
            let form = w.value.trim();
            if form.is_empty() || right.contains(form) {
                diags
                    .error(
                        "glossary",
                        &file,
                        position_of(w, 0),
                        msg!("glossary--part", form = form, right = &right),
                    )
                    .help(msg!("glossary--part.help"));
                continue;
            }
            wrong.push(form.to_string());
        }
        terms.push(Term { right, wrong });
    }
    terms
}

pub fn check(root: &Path, diags: &mut Diagnostics) {
    let terms = load(root, diags);
    if terms.is_empty() {
        return;
    }
    let content_dir = root.join("content");
    let glossary = content_dir.join(GLOSSARY);
    let files: Vec<std::path::PathBuf> = WalkDir::new(&content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| {
            let is_text = matches!(
                entry.path().extension().and_then(|e| e.to_str()),
                Some("md" | "yaml" | "yml" | "csv")
            );
            entry.file_type().is_file() && is_text && entry.path() != glossary
        })
        .map(walkdir::DirEntry::into_path)
        .collect();
    // Files are searched in parallel, each into its own collector, merged in file order.
    let found: Vec<Diagnostics> = files
        .par_iter()
        .map(|path| {
            let mut local = Diagnostics::new(diags.root());
            search(path, &terms, &mut local);
            local
        })
        .collect();
    for local in found {
        diags.extend(local);
    }
}

/// Report every wrong form in one file.
fn search(path: &Path, terms: &[Term], diags: &mut Diagnostics) {
    // A file that cannot be read was already reported by loading.
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    for (index, line) in text.lines().enumerate() {
        for term in terms {
            for form in &term.wrong {
                for (byte, _) in line.match_indices(form.as_str()) {
                    let column = line[..byte].chars().count() + 1;
                    let at = Position::new(index + 1, column).with_len(form.chars().count());
                    diags
                        .error(
                            "terminology",
                            path,
                            at,
                            msg!("terminology", form = form, right = term.right.as_str()),
                        )
                        .help(msg!("terminology.help", right = term.right.as_str()));
                }
            }
        }
    }
}
