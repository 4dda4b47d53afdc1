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
        Command::Build {
            root,
            output,
            base_url,
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
