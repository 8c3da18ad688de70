//! Finding and reading schema files named on the command line.

use std::path::{Path, PathBuf};

/// A schema file read into memory.
pub struct SchemaFile {
    /// The path as the user named it (or joined onto the directory they named), as text: the
    /// name diagnostics call the file by.
    pub name: String,
    /// The file's text.
    pub text: String,
}

/// Expands directories into the `.tl` files below them (sorted, so output is stable) and reads
/// every file. A missing file, an empty directory or a file that is not UTF-8 is an error with
/// the path in it.
pub fn read_schema_files(paths: &[PathBuf]) -> Result<Vec<SchemaFile>, String> {
    let mut found = Vec::new();
    for p in paths {
        if p.is_dir() {
            let before = found.len();
            collect_dir(p, &mut found)?;
            if found.len() == before {
                return Err(format!("no .tl files in directory {}", p.display()));
            }
        } else {
            found.push(p.clone());
        }
    }
    found
        .into_iter()
        .map(|path| {
            let bytes =
                std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let text = String::from_utf8(bytes).map_err(|e| {
                let at = e.utf8_error().valid_up_to();
                let before = &e.as_bytes()[..at];
                let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
                let col = at
                    - before
                        .iter()
                        .rposition(|&b| b == b'\n')
                        .map_or(0, |i| i + 1)
                    + 1;
                format!(
                    "{}:{line}:{col}: not valid UTF-8 (byte {at}); TL schemas are text",
                    path.display()
                )
            })?;
            let name = path.display().to_string();
            Ok(SchemaFile { name, text })
        })
        .collect()
}

/// (name, text) of each file, as `tl_parser::check_named` takes them.
pub fn named_sources(files: &[SchemaFile]) -> Vec<(&str, &str)> {
    files
        .iter()
        .map(|f| (f.name.as_str(), f.text.as_str()))
        .collect()
}

fn collect_dir(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read directory {}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            collect_dir(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "tl") {
            out.push(p);
        }
    }
    Ok(())
}
