//! Prints the Rust generated for the TL files given as arguments: `cargo run --example gen --
//! schema.tl...`. Warnings go to standard error.

use std::process::ExitCode;

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let mut texts = Vec::new();
    for p in &paths {
        match std::fs::read_to_string(p) {
            Ok(t) => texts.push(t),
            Err(e) => {
                eprintln!("{p}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let sources: Vec<tl_codegen::Source> = paths
        .iter()
        .zip(&texts)
        .map(|(name, text)| tl_codegen::Source { name, text })
        .collect();
    let formatted = tl_codegen::generate(&sources, &tl_codegen::Options::default()).and_then(|g| {
        for w in &g.warnings {
            eprintln!("{w}");
        }
        tl_codegen::pretty(&g.code)
    });
    match formatted {
        Ok(code) => {
            print!("{code}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
