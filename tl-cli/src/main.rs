//! The `tl` command-line tool: check TL schemas (more subcommands arrive with the runtime).

mod check;
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("tl: error: {message}");
            ExitCode::FAILURE
        }
    }
}
