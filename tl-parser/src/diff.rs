//! What changed between two versions of a schema (two layers of the Telegram API, say).

use crate::ast::*;
use crate::id;
use crate::print::{declaration_to_string, type_to_string};
use std::collections::HashMap;

/// The changes from one schema to another, constructors and functions apart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SchemaDiff {
    /// `// LAYER` of the old and the new schema.
    pub layers: (Option<u32>, Option<u32>),
    /// Changes to constructors.
    pub constructors: SectionDiff,
    /// Changes to functions.
    pub functions: SectionDiff,
}

/// Added, removed and changed declarations of one section, each sorted by name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SectionDiff {
    /// Only in the new schema.
    pub added: Vec<Entry>,
    /// Only in the old schema.
    pub removed: Vec<Entry>,
    /// In both, written differently.
    pub changed: Vec<Change>,
}

/// A declaration that was added or removed.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Its full name.
    pub name: String,
    /// The id it has on the wire.
    pub id: u32,
    /// Its canonical text.
    pub declaration: String,
}

/// A declaration present in both schemas but written differently.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Its full name.
    pub name: String,
    /// Wire id before and after (equal when only, say, a doc-irrelevant spelling changed).
    pub ids: (u32, u32),
    /// Canonical text before and after.
    pub declarations: (String, String),
    /// Fields only in the new version: (name, type as written, condition included).
    pub fields_added: Vec<(String, String)>,
    /// Fields only in the old version.
    pub fields_removed: Vec<(String, String)>,
    /// Fields in both whose type or condition changed: (name, old, new).
    pub fields_retyped: Vec<(String, String, String)>,
    /// The result type before and after, when it changed.
    pub result: Option<(String, String)>,
}

impl SchemaDiff {
    /// Whether the two schemas declare the same things.
    pub fn is_empty(&self) -> bool {
        [&self.constructors, &self.functions]
            .iter()
            .all(|s| s.added.is_empty() && s.removed.is_empty() && s.changed.is_empty())
    }
}

/// Compares two schemas, each given as one or more parsed files.
pub fn diff(old: &[&Schema<'_>], new: &[&Schema<'_>]) -> SchemaDiff {
    SchemaDiff {
        layers: (layer(old), layer(new)),
        constructors: section_diff(old, new, Section::Types),
        functions: section_diff(old, new, Section::Functions),
    }
}

fn layer(files: &[&Schema<'_>]) -> Option<u32> {
    files.iter().find_map(|s| s.layer)
}

/// The declarations of one section by name, sorted; the first of a repeated name wins.
fn index<'s, 'a>(files: &[&'s Schema<'a>], section: Section) -> Vec<(String, &'s Declaration<'a>)> {
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for d in files.iter().flat_map(|s| &s.declarations) {
        if d.section == section && seen.insert(d.name, ()).is_none() {
            out.push((d.name.to_string(), d));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn section_diff(old: &[&Schema<'_>], new: &[&Schema<'_>], section: Section) -> SectionDiff {
    let (old, new) = (index(old, section), index(new, section));
    let old_by: HashMap<&str, &Declaration<'_>> =
        old.iter().map(|(n, d)| (n.as_str(), *d)).collect();
    let new_by: HashMap<&str, &Declaration<'_>> =
        new.iter().map(|(n, d)| (n.as_str(), *d)).collect();
    let entry = |d: &Declaration<'_>| Entry {
        name: d.name.to_string(),
        id: id::effective(d),
        declaration: declaration_to_string(d),
    };
    let mut out = SectionDiff::default();
    for (name, d) in &new {
        if !old_by.contains_key(name.as_str()) {
            out.added.push(entry(d));
        }
    }
    for (name, d) in &old {
        match new_by.get(name.as_str()) {
            None => out.removed.push(entry(d)),
            Some(n) => {
                if let Some(c) = change(d, n) {
                    out.changed.push(c);
                }
            }
        }
    }
    out
}

/// `name:type` pairs of a declaration, anonymous fields named by position.
fn fields(d: &Declaration<'_>) -> Vec<(String, String)> {
    d.params
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let name = p.name.map_or_else(|| format!("_{k}"), str::to_string);
            let mut text = String::new();
            crate::print::write_param_type(&mut text, p);
            (name, text)
        })
        .collect()
}

fn change(old: &Declaration<'_>, new: &Declaration<'_>) -> Option<Change> {
    let (a, b) = (declaration_to_string(old), declaration_to_string(new));
    let (ia, ib) = (id::effective(old), id::effective(new));
    // An id written or left out, with the same value, is no change on the wire.
    let strip = |d: &Declaration<'_>| {
        declaration_to_string(&Declaration {
            id: None,
            ..d.clone()
        })
    };
    if ia == ib && strip(old) == strip(new) {
        return None;
    }
    let (fa, fb) = (fields(old), fields(new));
    let find = |list: &[(String, String)], name: &str| {
        list.iter().find(|(n, _)| n == name).map(|(_, t)| t.clone())
    };
    let fields_added = fb
        .iter()
        .filter(|(n, _)| find(&fa, n).is_none())
        .cloned()
        .collect();
    let fields_removed = fa
        .iter()
        .filter(|(n, _)| find(&fb, n).is_none())
        .cloned()
        .collect();
    let fields_retyped = fa
        .iter()
        .filter_map(|(n, t)| match find(&fb, n) {
            Some(u) if &u != t => Some((n.clone(), t.clone(), u)),
            _ => None,
        })
        .collect();
    let (ra, rb) = (type_to_string(&old.result), type_to_string(&new.result));
    Some(Change {
        name: old.name.to_string(),
        ids: (ia, ib),
        declarations: (a, b),
        fields_added,
        fields_removed,
        fields_retyped,
        result: (ra != rb).then_some((ra, rb)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(old: &str, new: &str) -> SchemaDiff {
        let (a, b) = (crate::parse(old), crate::parse(new));
        assert!(a.diagnostics.is_empty() && b.diagnostics.is_empty());
        diff(&[&a.schema], &[&b.schema])
    }

    #[test]
    fn added_removed_and_changed() {
        let d = run(
            "// LAYER 1\na#00000001 x:int = A;\nb#00000002 = B;\nc x:int y:long = C;\n---functions---\nf = A;",
            "// LAYER 2\na#00000011 flags:# x:flags.0?int z:string = A;\nc x:int y:long = C;\nn = N;\n---functions---\nf = B;",
        );
        assert_eq!(d.layers, (Some(1), Some(2)));
        assert_eq!(d.constructors.added.len(), 1);
        assert_eq!(d.constructors.added[0].name, "n");
        assert_eq!(d.constructors.removed[0].name, "b");
        let c = &d.constructors.changed[0];
        assert_eq!(c.name, "a");
        assert_eq!(c.ids, (1, 0x11));
        assert_eq!(
            c.fields_added,
            [
                ("flags".to_string(), "#".to_string()),
                ("z".into(), "string".into())
            ]
        );
        assert_eq!(
            c.fields_retyped,
            [(
                "x".to_string(),
                "int".to_string(),
                "flags.0?int".to_string()
            )]
        );
        assert!(c.fields_removed.is_empty());
        assert_eq!(d.constructors.changed.len(), 1, "c is unchanged");
        let f = &d.functions.changed[0];
        assert_eq!(f.result, Some(("A".to_string(), "B".to_string())));
    }

    #[test]
    fn a_declared_id_equal_to_the_computed_one_is_no_change() {
        let id = crate::id::compute(
            &crate::parse("a x:int = A;").schema.declarations[0],
            crate::id::Normalization::Telegram,
        );
        let d = run("a x:int = A;", &format!("a#{id:08x} x:int = A;"));
        assert!(d.is_empty(), "{d:?}");
    }
}
