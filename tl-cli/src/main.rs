//! The `tl` command-line tool: check and compare TL schemas.

mod check;
mod diff;
mod files;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Tools for Telegram's Type Language (TL) schemas.
#[derive(Parser, Debug)]
#[command(name = "tl", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse and verify schema files; print every problem with its line, column and a caret.
    ///
    /// The files are checked together, as one schema: a type declared in one may be used in
    /// another, and a declaration repeated identically across files is merged. Exits 0 when
    /// there are no errors (warnings allowed), 1 otherwise.
    Check(check::Args),
    /// Show what changed between two versions of a schema: added, removed and changed
    /// constructors and functions, with old and new ids and the fields that changed.
    ///
    /// Each side may be a file or a directory (all its `.tl` files taken together).
    Diff(diff::Args),
}

/// Writes a command's output. A closed pipe (`tl diff ... | head`) ends the output quietly
/// instead of panicking, as the reader asked for no more.
pub fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("tl: error: cannot write output: {e}");
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Diff(args) => diff::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("tl: error: {message}");
            ExitCode::FAILURE
        }
    }
}
