//! The `tl` command-line tool: check, compare and generate code for TL schemas; decode and
//! encode values.

mod check;
mod codec;
mod diff;
mod files;
mod gen;

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
    /// Write the Rust code generated for the schemas (formatted), to a file or standard output.
    ///
    /// The same code a `build.rs` gets from `tl_codegen::Config`. Warnings (ids that do not
    /// match their declarations, ...) go to standard error; errors stop with exit code 1.
    Gen(gen::Args),
    /// Decode one value from bytes (hex, or raw bytes on standard input) and print it as JSON.
    ///
    /// TYPE is a boxed type (`Updates`), a constructor for a bare value (`updateShort`), or a
    /// function for a request (`payments.refundStarsCharge`). With `--reply` the bytes are an
    /// `rpc_result` answering a call of that function (or returning that type): `gzip_packed`
    /// is unpacked and `rpc_error` shown with its code and name.
    Decode(codec::DecodeArgs),
    /// Read a value as JSON on standard input and print its bytes as lowercase hex.
    Encode(codec::EncodeArgs),
}

/// Writes a command's output. A closed pipe (`tl diff ... | head`) ends the output quietly
/// instead of panicking, as the reader asked for no more.
pub fn emit(text: &str) {
    emit_bytes(text.as_bytes());
}

/// [`emit`] for raw bytes.
pub fn emit_bytes(bytes: &[u8]) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(bytes).and_then(|()| out.flush()) {
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
        Command::Gen(args) => gen::run(&args),
        Command::Decode(args) => codec::decode(&args),
        Command::Encode(args) => codec::encode(&args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("tl: error: {message}");
            ExitCode::FAILURE
        }
    }
}
