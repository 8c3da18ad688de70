//! Parser for Telegram's Type Language (TL).
//!
//! [`parse`] reads one file into a [`Schema`] syntax tree whose nodes borrow from the text and
//! keep their [`Span`]s; it reports every syntax problem as a [`Diagnostic`] rather than stopping
//! at the first. [`id`] computes constructor ids, and [`validate`] checks one or more parsed
//! files together (undefined types, flags, duplicates, conflicting redefinitions, ids).
//! [`print_schema`] writes a tree back as canonical TL, and [`diff`] compares two versions of
//! a schema.

pub mod ast;
pub mod diagnostic;
pub mod diff;
pub mod grammar;
pub mod id;
mod parse;
mod print;
pub mod span;
pub mod validate;

pub use ast::*;
pub use diagnostic::{Diagnostic, DiagnosticKind, Severity};
pub use parse::{parse, Parsed};
pub use print::{declaration_to_string, print_schema, type_to_string};
pub use span::Span;

/// Parses and validates several files as one schema: the syntax diagnostics of each file
/// followed by its validation diagnostics, one list per file.
///
/// Declarations with syntax errors are left out before validation, so a broken file still gets
/// its other problems reported.
pub fn check<'a>(
    sources: &[&'a str],
    opts: validate::Options,
) -> (Vec<Parsed<'a>>, Vec<Vec<Diagnostic>>) {
    let names: Vec<String> = (1..=sources.len()).map(|n| format!("file {n}")).collect();
    let named: Vec<(&str, &'a str)> = names
        .iter()
        .map(String::as_str)
        .zip(sources.iter().copied())
        .collect();
    check_named(&named, opts)
}

/// Like [`check`], with a name for each file (its path), used in messages that point from
/// one file into another.
pub fn check_named<'a>(
    sources: &[(&str, &'a str)],
    opts: validate::Options,
) -> (Vec<Parsed<'a>>, Vec<Vec<Diagnostic>>) {
    let parsed: Vec<Parsed<'a>> = sources.iter().map(|(_, s)| parse(s)).collect();
    let named: Vec<(&str, &Schema<'a>)> = sources
        .iter()
        .map(|(n, _)| *n)
        .zip(parsed.iter().map(|p| &p.schema))
        .collect();
    let mut found = validate::validate_named(&named, opts);
    for (diags, p) in found.iter_mut().zip(&parsed) {
        // The parser's own "more problems" note is redone over the combined list.
        diags.extend(
            p.diagnostics
                .iter()
                .filter(|d| d.kind != DiagnosticKind::TooManyProblems)
                .cloned(),
        );
        diags.sort_by_key(|d| d.span.start);
        diagnostic::truncate(diags, p.dropped_diagnostics);
    }
    (parsed, found)
}
