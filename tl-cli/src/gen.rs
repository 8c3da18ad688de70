//! `tl gen`.

use crate::files::read_schema_files;
use std::path::PathBuf;
use std::process::ExitCode;
use tl_codegen::{Options, Source};

/// Arguments of `tl gen`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Schema files, or directories to take every `.tl` file from.
    #[arg(required = true, value_name = "FILE|DIR")]
    paths: Vec<PathBuf>,
    /// Where to write the code; standard output when left out.
    #[arg(short, long, value_name = "OUT.rs")]
    output: Option<PathBuf>,
    /// Generate only what these functions, types or constructors need (repeatable).
    #[arg(long, value_name = "NAME")]
    root: Vec<String>,
    /// The path of the runtime crate in the generated code.
    #[arg(long, default_value = "::tl_runtime", value_name = "PATH")]
    runtime_path: String,
    /// Treat id mismatches and undefined types as errors.
    #[arg(long)]
    strict: bool,
    /// Let functions decode too, not only encode.
    #[arg(long)]
    decode_functions: bool,
    /// Make a one-variant enum of each type with a single constructor, instead of making
    /// the type that constructor's struct.
    #[arg(long)]
    single_constructor_enums: bool,
}

/// Generates and writes the code.
pub fn run(args: &Args) -> Result<ExitCode, String> {
    let files = read_schema_files(&args.paths)?;
    let sources: Vec<Source<'_>> = files
        .iter()
        .map(|f| Source {
            name: &f.name,
            text: &f.text,
        })
        .collect();
    let mut options = Options::default();
    options.runtime_path = args.runtime_path.clone();
    options.strict = args.strict;
    options.roots = args.root.clone();
    options.decode_functions = args.decode_functions;
    options.single_constructor_enums = args.single_constructor_enums;
    let generated = tl_codegen::generate(&sources, &options).map_err(|e| e.to_string())?;
    for w in &generated.warnings {
        eprint!("{w}");
    }
    let code = tl_codegen::pretty(&generated.code).map_err(|e| e.to_string())?;
    match &args.output {
        Some(path) => std::fs::write(path, &code)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        None => crate::emit(&code),
    }
    Ok(ExitCode::SUCCESS)
}
