//! `tl diff`.

use crate::files::{read_schema_files, SchemaFile};
use serde_json::{json, Value};
use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use tl_parser::diff::{Change, Entry, SchemaDiff, SectionDiff};
use tl_parser::{parse, Parsed};

/// Arguments of `tl diff`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The old schema (a file, or a directory of `.tl` files).
    old: PathBuf,
    /// The new schema.
    new: PathBuf,
    /// Print the differences as JSON.
    #[arg(long)]
    json: bool,
}

/// Parses both sides, refusing a side with syntax errors (its diff would be misleading).
fn parse_side<'a>(files: &'a [SchemaFile]) -> Result<Vec<Parsed<'a>>, String> {
    let parsed: Vec<Parsed<'a>> = files.iter().map(|f| parse(&f.text)).collect();
    for (f, p) in files.iter().zip(&parsed) {
        if let Some(d) = p.diagnostics.iter().find(|d| d.is_error()) {
            return Err(format!(
                "{} has errors; run `tl check` on it first:\n{}",
                f.name,
                d.render(&f.name, &f.text)
            ));
        }
    }
    Ok(parsed)
}

/// Prints the differences; exits 0 whatever they are, as `diff` users expect a report.
pub fn run(args: &Args) -> Result<ExitCode, String> {
    let old_files = read_schema_files(std::slice::from_ref(&args.old))?;
    let new_files = read_schema_files(std::slice::from_ref(&args.new))?;
    let (old, new) = (parse_side(&old_files)?, parse_side(&new_files)?);
    let old: Vec<_> = old.iter().map(|p| &p.schema).collect();
    let new: Vec<_> = new.iter().map(|p| &p.schema).collect();
    let d = tl_parser::diff::diff(&old, &new);
    if args.json {
        let text = serde_json::to_string_pretty(&to_json(&d)).map_err(|e| e.to_string())?;
        crate::emit(&(text + "\n"));
    } else {
        crate::emit(&to_text(&d));
    }
    Ok(ExitCode::SUCCESS)
}

fn id(n: u32) -> String {
    format!("{n:08x}")
}

fn to_text(d: &SchemaDiff) -> String {
    let mut out = String::new();
    if let (Some(a), Some(b)) = d.layers {
        let _ = writeln!(out, "layer {a} -> {b}");
    }
    for (what, s) in [
        ("constructors", &d.constructors),
        ("functions", &d.functions),
    ] {
        section_text(&mut out, what, s);
    }
    let count = |s: &SectionDiff| {
        format!(
            "+{} -{} ~{}",
            s.added.len(),
            s.removed.len(),
            s.changed.len()
        )
    };
    let _ = writeln!(
        out,
        "constructors: {}; functions: {}",
        count(&d.constructors),
        count(&d.functions)
    );
    out
}

fn section_text(out: &mut String, what: &str, s: &SectionDiff) {
    if !s.added.is_empty() {
        let _ = writeln!(out, "\nadded {what} ({}):", s.added.len());
        for e in &s.added {
            let _ = writeln!(out, "  + {}", e.declaration);
        }
    }
    if !s.removed.is_empty() {
        let _ = writeln!(out, "\nremoved {what} ({}):", s.removed.len());
        for e in &s.removed {
            let _ = writeln!(out, "  - {}", e.declaration);
        }
    }
    if !s.changed.is_empty() {
        let _ = writeln!(out, "\nchanged {what} ({}):", s.changed.len());
        for c in &s.changed {
            let _ = writeln!(out, "  ~ {} #{} -> #{}", c.name, id(c.ids.0), id(c.ids.1));
            for (n, t) in &c.fields_added {
                let _ = writeln!(out, "      + {n}:{t}");
            }
            for (n, t) in &c.fields_removed {
                let _ = writeln!(out, "      - {n}:{t}");
            }
            for (n, a, b) in &c.fields_retyped {
                let _ = writeln!(out, "      ~ {n}: {a} -> {b}");
            }
            if let Some((a, b)) = &c.result {
                let _ = writeln!(out, "      = {a} -> {b}");
            }
        }
    }
}

fn entry_json(e: &Entry) -> Value {
    json!({ "name": e.name, "id": id(e.id), "declaration": e.declaration })
}

fn change_json(c: &Change) -> Value {
    let field = |(n, t): &(String, String)| json!({ "name": n, "type": t });
    json!({
        "name": c.name,
        "old_id": id(c.ids.0),
        "new_id": id(c.ids.1),
        "old": c.declarations.0,
        "new": c.declarations.1,
        "fields_added": c.fields_added.iter().map(field).collect::<Vec<_>>(),
        "fields_removed": c.fields_removed.iter().map(field).collect::<Vec<_>>(),
        "fields_retyped": c.fields_retyped.iter()
            .map(|(n, a, b)| json!({ "name": n, "old_type": a, "new_type": b }))
            .collect::<Vec<_>>(),
        "result": c.result.as_ref().map(|(a, b)| json!({ "old": a, "new": b })),
    })
}

fn section_json(s: &SectionDiff) -> Value {
    json!({
        "added": s.added.iter().map(entry_json).collect::<Vec<_>>(),
        "removed": s.removed.iter().map(entry_json).collect::<Vec<_>>(),
        "changed": s.changed.iter().map(change_json).collect::<Vec<_>>(),
    })
}

fn to_json(d: &SchemaDiff) -> Value {
    json!({
        "old_layer": d.layers.0,
        "new_layer": d.layers.1,
        "constructors": section_json(&d.constructors),
        "functions": section_json(&d.functions),
    })
}
