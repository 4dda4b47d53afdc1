//! The command line: wiring only. Each subcommand hands its flags to the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tanrak::diagnostics::Diagnostics;
use tanrak::site::{self, BuildOptions};

#[derive(Parser)]
#[command(
    name = "tanrak",
    version,
    about = "Builds a bilingual Thai/English public reporting site from YAML records and Markdown"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
    /// Start a new province record, page or update note from a skeleton (never replaces a file)
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Check the content for every problem a build would find, and more, without writing a site
    Check {
        /// The site's folder, holding content/ (and optionally themes/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to print the problems: `text` for people, `json` for tools
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

#[derive(Subcommand)]
enum NewCommand {
    /// Start the record and both narratives of an area listed in content/areas.csv
    Province {
        /// The area's code in content/areas.csv, like TH-50
        code: String,
        /// The site's folder, holding content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Start a page in both languages (content/pages/NAME.th.md and NAME.en.md)
    Page {
        /// The page's address part: lower-case letters, digits and hyphens
        name: String,
        /// The site's folder, holding content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Start a dated update note in both languages (content/updates/DATE-NAME.th.md and .en.md)
    Update {
        /// The note's address part after today's date: lower-case letters, digits and hyphens
        name: String,
        /// The site's folder, holding content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// `1 error`, `2 errors`.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn report(diags: &Diagnostics) {
    if !diags.is_empty() {
        eprint!("{}", diags.render(std::io::stderr().is_terminal()));
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
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
    match cli.command {
        Command::New { what } => {
            let (root, written) = match what {
                NewCommand::Province { code, root } => {
                    let mut diags = Diagnostics::new(&root);
                    let written = tanrak::scaffold::province(&root, &code, &mut diags);
                    (diags, written)
                }
                NewCommand::Page { name, root } => {
                    let mut diags = Diagnostics::new(&root);
                    let written = tanrak::scaffold::page(&root, &name, &mut diags);
                    (diags, written)
                }
                NewCommand::Update { name, root } => {
                    let mut diags = Diagnostics::new(&root);
                    let written = tanrak::scaffold::update(&root, &name, &mut diags);
                    (diags, written)
                }
            };
            report(&root);
            match written {
                Some(files) => {
                    for f in files {
                        println!("wrote {}", root.display_path(&f));
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
                Format::Json => println!("{}", diags.to_json()),
                Format::Text => {
                    report(&diags);
                    let (errors, warnings) = (diags.error_count(), diags.warning_count());
                    if errors + warnings == 0 {
                        eprintln!("check: no problems found");
                    } else {
                        eprintln!(
                            "check: {}, {}",
                            plural(errors, "error"),
                            plural(warnings, "warning")
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
            let result = site::build(&options, &mut diags);
            report(&diags);
            match result {
                Some(s) => {
                    println!(
                        "built {} pages, {} charts, {} files ({:.1} MB) in {} ms{}",
                        s.pages,
                        s.charts,
                        s.files,
                        s.bytes as f64 / 1_000_000.0,
                        s.elapsed.as_millis(),
                        if diags.warning_count() > 0 {
                            format!(", {}", plural(diags.warning_count(), "warning"))
                        } else {
                            String::new()
                        }
                    );
                    ExitCode::SUCCESS
                }
                None => {
                    eprintln!(
                        "build failed: {}, {}; the output folder was not changed",
                        plural(diags.error_count(), "error"),
                        plural(diags.warning_count(), "warning")
                    );
                    ExitCode::from(1)
                }
            }
        }
        Command::Serve { root, port } => match tanrak::serve::run(&root, port) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
        },
    }
}
