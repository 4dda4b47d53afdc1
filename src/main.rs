//! The command line: wiring only. Each subcommand hands its flags to the library. Its help
//! and its messages are in Thai or English (`--lang`, else the environment, else the site's
//! first language): the words come from the catalogues in `src/messages/`.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};
use tanrak::diagnostics::{Diagnostics, printable};
use tanrak::messages::{self, Lang, t};
use tanrak::msg;
use tanrak::scaffold::Made;
use tanrak::site::{self, BuildOptions};

#[cfg(not(windows))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc 2's `mimalloc.h` (after `eager_commit_delay`, 14, which
/// the binding names); the binding has no name for it.
#[cfg(not(windows))]
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keep memory a thread has freed for a tenth of a second before giving it back to the
/// system (mimalloc's default is a hundredth). A build frees each page's buffers and template
/// values and makes the next page's at once; given back that soon, the memory was taken
/// again at the cost of a page fault per 4 KB: 35,000 faults and about 2% of the wall time on
/// 10,000 areas, for about 15 MB more at the peak. At 50,000 areas it gained no time in the
/// runs measured and held about 160 MB more at the peak (docs/benchmarks.md, session 9).
#[cfg(not(windows))]
fn keep_freed_memory() {
    const MILLISECONDS: std::ffi::c_long = 100;
    // SAFETY: setting an option is a plain store into mimalloc's option table, allowed at
    // any time; the option only changes when freed memory is returned to the system.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, MILLISECONDS) };
}

#[cfg(windows)]
fn keep_freed_memory() {}

#[derive(Parser)]
#[command(
    name = "tanrak",
    version,
    about = "Builds a bilingual Thai/English public reporting site from YAML records and Markdown"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The language of messages: th or en
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LangArg {
    Th,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Th => Lang::Th,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into a folder (public/ by default)
    Build {
        /// The site's folder, holding content/ (and optionally themes/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site
        #[arg(long, default_value = "public")]
        output: PathBuf,
        /// The address the site will be published at (overrides base_url in site.yaml)
        #[arg(long)]
        base_url: Option<String>,
        /// Also write a .gz and a .br copy beside each text file, for hosts that serve them
        #[arg(long)]
        precompress: bool,
    },
    /// Start a new site's repository in a new or empty folder, ready to check and publish
    Init {
        /// The new site's folder (new, or empty)
        #[arg(default_value = ".")]
        folder: PathBuf,
        /// The site's title in Thai
        #[arg(long)]
        title_th: Option<String>,
        /// The site's title in English
        #[arg(long)]
        title_en: Option<String>,
        /// The site's languages, the main one first: th,en
        #[arg(long)]
        languages: Option<String>,
        /// What one area of the report is called, in Thai
        #[arg(long)]
        area_word_th: Option<String>,
        /// What one area of the report is called, in English (one word, a-z)
        #[arg(long)]
        area_word_en: Option<String>,
        /// Also write the built-in theme into themes/, to change it
        #[arg(long)]
        theme: bool,
        /// Start from an existing site: bundled, examples/<name>, or a site's folder
        #[arg(long)]
        from: Option<String>,
        /// The GitHub repository (owner/name) whose releases hold tanrak
        #[arg(long)]
        releases: Option<String>,
    },
    /// Start an area's record, a page or an update note from a skeleton (never replaces a file)
    #[command(
        after_help = "Examples:\n  tanrak new province TH-50   the record of an area (the word is the area key in content/report.yaml)\n  tanrak new page how-to-apply\n  tanrak new update new-figures"
    )]
    New {
        /// What to start: the report's area key (like `province` or `district`), `page` or `update`
        what: String,
        /// The area's code in the areas list (like TH-50), or the page's address part
        name: String,
        /// The site's folder, holding content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Write the JSON Schemas of the site's YAML files into schemas/, from content/report.yaml
    Schema {
        /// The site's folder, holding content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Check the content for every problem a build would find, and more, without writing a site
    Check {
        /// The site's folder, holding content/ (and optionally themes/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to print the problems: `text` for people, `json` for tools, `github` for GitHub Actions
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Fail (exit code 1) on warnings too, not only on errors
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Preview the site while editing: build it, serve it on this computer, rebuild on change
    Serve {
        /// The site's folder, holding content/ (and optionally themes/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on at 127.0.0.1 (0 picks a free one)
        #[arg(long, default_value_t = tanrak::serve::DEFAULT_PORT)]
        port: u16,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
    Github,
}

/// The catalogue id of the help of a command (`path` like `["new", "page"]`) or of one of
/// its arguments.
fn help_id(path: &[String], arg: Option<&str>) -> String {
    match arg {
        Some("root") => "cli-root".into(),
        Some("lang") => "cli-lang".into(),
        Some(arg) => format!("cli-{}-{}", path.join("-"), arg.replace('_', "-")),
        None if path.is_empty() => "cli-about".into(),
        None => format!("cli-{}", path.join("-")),
    }
}

/// The command line with its help in `lang`: every description from the catalogues, and
/// clap's own words (headings, the help and version flags) replaced.
fn localize(cmd: clap::Command, path: &[String], lang: Lang) -> clap::Command {
    let text = |id: String| messages::text_of(&id, lang).unwrap_or(id);
    let examples = messages::text_of(&format!("{}-examples", help_id(path, None)), lang);
    let mut cmd = cmd.about(text(help_id(path, None)));
    if let Some(examples) = examples {
        cmd = cmd.after_help(examples);
    }
    let mut cmd = cmd
        .help_template(format!(
            "{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}",
            t(lang, "cli-usage-heading")
        ))
        .subcommand_help_heading(t(lang, "cli-commands-heading"))
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(t(lang, "cli-help")),
        );
    if path.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t(lang, "cli-version")),
        );
    }
    let ids: Vec<(String, bool, bool)> = cmd
        .get_arguments()
        .map(|a| {
            let takes_value = a.get_num_args().is_some_and(|n| n.takes_values())
                || !matches!(
                    a.get_action(),
                    ArgAction::SetTrue | ArgAction::Help | ArgAction::Version
                );
            (a.get_id().to_string(), a.is_positional(), takes_value)
        })
        .collect();
    for (id, positional, takes_value) in ids {
        let help = match id.as_str() {
            "help" | "version" => None,
            _ => Some(text(help_id(path, Some(&id)))),
        };
        let heading = if positional {
            t(lang, "cli-arguments-heading")
        } else {
            t(lang, "cli-options-heading")
        };
        cmd = cmd.mut_arg(id.as_str(), |a| {
            // Defaults and choices are in the catalogue's words, not clap's English.
            let a = a.help_heading(heading);
            let a = if takes_value {
                a.hide_default_value(true).hide_possible_values(true)
            } else {
                a
            };
            match help {
                Some(h) => a.help(h),
                None => a,
            }
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in subs {
        let mut sub_path = path.to_vec();
        sub_path.push(name.clone());
        cmd = cmd.mut_subcommand(name.as_str(), |c| localize(c, &sub_path, lang));
    }
    cmd
}

/// `--root DIR` in a command line, read before it is parsed (to find the site's language).
fn root_in(args: &[OsString]) -> PathBuf {
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == "--root" {
            return iter.next().map(PathBuf::from).unwrap_or_else(|| ".".into());
        }
        if let Some(root) = arg.to_str().and_then(|a| a.strip_prefix("--root=")) {
            return PathBuf::from(root);
        }
    }
    PathBuf::from(".")
}

fn report(diags: &Diagnostics, lang: Lang) {
    if !diags.is_empty() {
        eprint!("{}", diags.render(std::io::stderr().is_terminal(), lang));
    }
}

fn counts(diags: &Diagnostics, lang: Lang) -> (String, String) {
    (
        msg!("count-errors", n = diags.error_count()).text(lang),
        msg!("count-warnings", n = diags.warning_count()).text(lang),
    )
}

fn main() -> ExitCode {
    keep_freed_memory();
    let args: Vec<OsString> = std::env::args_os().collect();
    let lang = messages::choose(messages::flag_in(&args), Some(&root_in(&args)));
    let cli = match localize(Cli::command(), &[], lang)
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let lang = cli.lang.map(Lang::from).unwrap_or(lang);
    match cli.command {
        Command::Init {
            folder,
            title_th,
            title_en,
            languages,
            area_word_th,
            area_word_en,
            theme,
            from,
            releases,
        } => {
            let options = tanrak::init::Options {
                folder: folder.clone(),
                title_th,
                title_en,
                languages,
                area_word_th,
                area_word_en,
                theme,
                from,
                releases,
            };
            let mut diags = Diagnostics::new(Path::new(""));
            let stdin = std::io::stdin();
            let written = tanrak::init::init(&options, lang, &mut stdin.lock(), &mut diags);
            report(&diags, lang);
            match written {
                Some(files) => {
                    println!(
                        "{}",
                        msg!(
                            "init-done",
                            folder = folder.display().to_string(),
                            n = files.len()
                        )
                        .text(lang)
                    );
                    ExitCode::SUCCESS
                }
                None => {
                    eprintln!("{}", t(lang, "init-nothing-written"));
                    ExitCode::from(1)
                }
            }
        }
        Command::New { what, name, root } => {
            let mut diags = Diagnostics::new(&root);
            let made = tanrak::scaffold::new(&root, &what, &name, &mut diags);
            report(&diags, lang);
            match made {
                Made::Written(files) => {
                    for f in files {
                        println!(
                            "{}",
                            printable(&msg!("new-wrote", file = diags.display_path(&f)).text(lang))
                        );
                    }
                    ExitCode::SUCCESS
                }
                Made::Failed => ExitCode::from(1),
                Made::UnknownKind => ExitCode::from(2),
            }
        }
        Command::Schema { root } => {
            let mut diags = Diagnostics::new(&root);
            let written = tanrak::content::schema::write(&root, &mut diags);
            report(&diags, lang);
            match written {
                Some(files) => {
                    for f in files {
                        println!(
                            "{}",
                            printable(&msg!("new-wrote", file = diags.display_path(&f)).text(lang))
                        );
                    }
                    ExitCode::SUCCESS
                }
                None => ExitCode::from(1),
            }
        }
        Command::Check {
            root,
            format,
            deny_warnings,
        } => {
            let mut diags = Diagnostics::new(&root);
            site::check(&root, &mut diags);
            match format {
                Format::Json => println!("{}", diags.to_json(lang)),
                Format::Github => {
                    print!("{}", diags.to_github(lang));
                    let (errors, warnings) = counts(&diags, lang);
                    eprintln!(
                        "{}",
                        msg!("check-summary", errors = errors, warnings = warnings).text(lang)
                    );
                }
                Format::Text => {
                    report(&diags, lang);
                    if diags.error_count() + diags.warning_count() == 0 {
                        eprintln!("{}", t(lang, "check-clean"));
                    } else {
                        let (errors, warnings) = counts(&diags, lang);
                        eprintln!(
                            "{}",
                            msg!("check-summary", errors = errors, warnings = warnings).text(lang)
                        );
                    }
                }
            }
            if diags.has_errors() || (deny_warnings && diags.warning_count() > 0) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Build {
            root,
            output,
            base_url,
            precompress,
        } => {
            let output = if output.is_absolute() {
                output
            } else {
                root.join(output)
            };
            let mut diags = Diagnostics::new(&root);
            let options = BuildOptions {
                root,
                output,
                base_url,
                precompress,
            };
            let progress = std::sync::Arc::new(tanrak::progress::Progress::new());
            let display = tanrak::progress::Display::start(std::sync::Arc::clone(&progress), lang);
            let result = site::build_counted(&options, &progress, &mut diags);
            drop(display);
            report(&diags, lang);
            let (errors, warnings) = counts(&diags, lang);
            match result {
                Some(s) => {
                    let mb = format!("{:.1}", s.bytes as f64 / 1_000_000.0);
                    let ms = s.elapsed.as_millis();
                    let line = if diags.warning_count() > 0 {
                        msg!(
                            "build-done-warnings",
                            pages = s.pages,
                            charts = s.charts,
                            previews = s.previews,
                            cached = s.previews_cached,
                            words = s.search_terms,
                            kb = s.search_bytes.div_ceil(1000),
                            files = s.files,
                            mb = mb,
                            ms = ms,
                            warnings = warnings
                        )
                    } else {
                        msg!(
                            "build-done",
                            pages = s.pages,
                            charts = s.charts,
                            previews = s.previews,
                            cached = s.previews_cached,
                            words = s.search_terms,
                            kb = s.search_bytes.div_ceil(1000),
                            files = s.files,
                            mb = mb,
                            ms = ms
                        )
                    };
                    println!("{}", line.text(lang));
                    ExitCode::SUCCESS
                }
                None => {
                    eprintln!(
                        "{}",
                        msg!("build-failed", errors = errors, warnings = warnings).text(lang)
                    );
                    ExitCode::from(1)
                }
            }
        }
        Command::Serve { root, port } => match tanrak::serve::run(&root, port, lang) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("{}: {}", t(lang, "severity-error"), printable(&message));
                ExitCode::from(2)
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and option has its help in both catalogues.
    #[test]
    fn every_command_and_option_has_help_in_both_languages() {
        fn walk(cmd: &clap::Command, path: &[String], missing: &mut Vec<String>) {
            let mut ids = vec![help_id(path, None)];
            ids.extend(
                cmd.get_arguments()
                    .map(|a| help_id(path, Some(a.get_id().as_str()))),
            );
            for id in ids {
                for lang in [Lang::Th, Lang::En] {
                    if messages::text_of(&id, lang).is_none() {
                        missing.push(format!("{id} ({})", lang.code()));
                    }
                }
            }
            for sub in cmd.get_subcommands() {
                let mut p = path.to_vec();
                p.push(sub.get_name().to_string());
                walk(sub, &p, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), &[], &mut missing);
        assert!(missing.is_empty(), "no help text for {missing:?}");
        localize(Cli::command(), &[], Lang::Th).debug_assert();
    }

    /// The option `keep_freed_memory` sets by number is the purge delay: it is the one whose
    /// default is mimalloc's documented 10 ms (a newer mimalloc that renumbered its options
    /// would fail here rather than quietly set another one).
    #[cfg(not(windows))]
    #[test]
    fn the_option_set_by_number_is_the_purge_delay() {
        // SAFETY: reading an option is a plain load from mimalloc's option table.
        let delay = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(delay, 10);
        // The options around it have other defaults.
        // SAFETY: as above.
        let (before, after) = unsafe {
            (
                libmimalloc_sys::mi_option_get(PURGE_DELAY - 1),
                libmimalloc_sys::mi_option_get(PURGE_DELAY + 1),
            )
        };
        assert_ne!((before, after), (10, 10));
    }
}
