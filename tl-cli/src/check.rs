//! `tl check`.

use crate::files::{named_sources, read_schema_files};
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;
use tl_parser::id::Normalization;
use tl_parser::validate::Options;

/// Arguments of `tl check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Schema files, or directories to take every `.tl` file from.
    #[arg(required = true, value_name = "FILE|DIR")]
    paths: Vec<PathBuf>,
    /// Treat id mismatches and undefined types as errors.
    #[arg(long)]
    strict: bool,
    /// The rule declared constructor ids are checked against.
    #[arg(long, value_enum, default_value_t = Rule::Telegram)]
    id_rule: Rule,
    /// Print only the summary line, not each diagnostic.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum Rule {
    /// Telegram's: `?true` fields dropped, `bytes` hashed as `string`.
    Telegram,
    /// The original TL rule: the declaration as written.
    Original,
}

/// Checks the files as one schema and prints diagnostics, then a summary.
pub fn run(args: &Args) -> Result<ExitCode, String> {
    let files = read_schema_files(&args.paths)?;
    let sources = named_sources(&files);
    let opts = Options {
        normalization: match args.id_rule {
            Rule::Telegram => Normalization::Telegram,
            Rule::Original => Normalization::Original,
        },
        strict: args.strict,
    };
    let (parsed, diagnostics) = tl_parser::check_named(&sources, opts);

    let (mut errors, mut warnings, mut types, mut functions) = (0, 0, 0, 0);
    let mut out = String::new();
    for ((file, p), diags) in files.iter().zip(&parsed).zip(&diagnostics) {
        for d in diags {
            if d.is_error() {
                errors += 1;
            } else {
                warnings += 1;
            }
            if !args.quiet {
                out.push_str(&d.render(&file.name, &file.text));
            }
        }
        let f = p
            .schema
            .declarations
            .iter()
            .filter(|d| d.is_function())
            .count();
        functions += f;
        types += p.schema.declarations.len() - f;
    }
    out.push_str(&format!(
        "checked {} file{}: {types} constructor{}, {functions} function{}; {errors} error{}, {warnings} warning{}\n",
        files.len(),
        plural(files.len()),
        plural(types),
        plural(functions),
        plural(errors),
        plural(warnings),
    ));
    crate::emit(&out);
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
