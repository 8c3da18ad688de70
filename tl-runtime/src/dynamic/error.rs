//! Errors of the dynamic codec other than [`DecodeError`], which it shares with generated code.

use std::fmt;

use crate::DecodeError;

/// A type name that the registry cannot resolve.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown type `{name}`{}{}", note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default(), did_you_mean(suggestions))]
pub struct UnknownType {
    /// The name asked for.
    pub name: String,
    /// Why it is unknown when the schema does mention it (a declaration the codec skipped).
    pub note: Option<String>,
    /// Known names close to it, best first.
    pub suggestions: Vec<String>,
}

/// What [`Registry::decode`](super::Registry::decode) can fail with: the type name is unknown,
/// or the bytes do not decode (the same [`DecodeError`] generated code reports).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The type name did not resolve.
    #[error(transparent)]
    UnknownType(#[from] UnknownType),
    /// The bytes did not decode.
    #[error(transparent)]
    Decode(#[from] DecodeError),
}

/// Why a schema could not be loaded into a [`Registry`](super::Registry).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegistryError {
    /// A source did not parse.
    #[error("schema {file}: line {line}: {message}")]
    Syntax {
        /// 1-based index of the source.
        file: usize,
        /// Line of the first syntax error.
        line: u32,
        /// The parser's message.
        message: String,
    },
    /// Two definitions of one name differ.
    #[error("`{name}` is defined twice, differently: `{first}` and `{second}`")]
    Conflict {
        /// The name.
        name: String,
        /// The first definition, canonically printed.
        first: String,
        /// The other one.
        second: String,
    },
    /// Two different constructors share an id, so decoding could not tell them apart.
    #[error("constructors `{first}` and `{second}` share the id {id:#010x}")]
    DuplicateId {
        /// The id.
        id: u32,
        /// The constructor seen first.
        first: String,
        /// The other one.
        second: String,
    },
}

/// An error converting a [`Value`](super::Value) to bytes, with where it happened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("at {}: {kind}", if path.is_empty() { "the top level" } else { path })]
pub struct EncodeError {
    /// Where in the value, like `updates[3].message.entities`; empty for the value itself.
    pub path: String,
    /// What was wrong.
    pub kind: ValueErrorKind,
}

/// An error converting JSON to a [`Value`](super::Value), with where it happened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("at {path}: {kind}")]
pub struct JsonError {
    /// A JSON path like `$.updates[3].message`; `$` for the document itself.
    pub path: String,
    /// What was wrong.
    pub kind: ValueErrorKind,
}

/// What was wrong with a value (from Rust or from JSON) for the type the schema expects.
///
/// Shared by [`EncodeError`] and [`JsonError`]: both check a value against a schema type, and
/// only the way they name the place differs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ValueErrorKind {
    /// The type asked for is not in the registry.
    #[error(transparent)]
    UnknownType(UnknownType),
    /// A constructor name the registry does not know.
    #[error(
        "unknown constructor `{name}` (expected {expected}){}",
        did_you_mean(suggestions)
    )]
    UnknownConstructor {
        /// The name given.
        name: String,
        /// The type that was expected.
        expected: String,
        /// Known constructors close to it, best first.
        suggestions: Vec<String>,
    },
    /// A known constructor of another type.
    #[error("`{name}` is a constructor of {actual}, expected {expected}")]
    WrongConstructor {
        /// The name given.
        name: String,
        /// The type that was expected.
        expected: String,
        /// The type the constructor builds.
        actual: String,
    },
    /// A required field is missing.
    #[error("missing field `{field}` of `{constructor}`")]
    MissingField {
        /// The constructor.
        constructor: String,
        /// The field.
        field: String,
    },
    /// A field the constructor does not have.
    #[error("`{constructor}` has no field `{field}`{}", did_you_mean(suggestions))]
    UnknownField {
        /// The constructor.
        constructor: String,
        /// The field given.
        field: String,
        /// Fields of the constructor close to it.
        suggestions: Vec<String>,
    },
    /// A value of the wrong kind.
    #[error("expected {expected}, found {found}")]
    Mismatch {
        /// What the schema asks for (`long`, `Bool`, `an object of Update`, ...).
        expected: String,
        /// What was there.
        found: String,
    },
    /// A number that does not fit the TL type.
    #[error("{value} is out of range for `{ty}`")]
    OutOfRange {
        /// The number, as written.
        value: String,
        /// The TL type (`int`, `#`, `long`).
        ty: &'static str,
    },
    /// Fields sharing one flag bit disagree: the bit would have to be both set and clear.
    #[error("fields `{present}` and `{absent}` share the bit {bit}, but only `{present}` is set")]
    FlagConflict {
        /// `flags.N`.
        bit: String,
        /// A field that sets the bit.
        present: String,
        /// A field that leaves it clear.
        absent: String,
    },
    /// A `string`/`bytes`/vector longer than TL can express.
    #[error("{what} of {len} is longer than the TL limit of {max}")]
    TooLong {
        /// `string`, `bytes` or `vector`.
        what: &'static str,
        /// Its length.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// Values nested deeper than the registry's limit (the decoder's limit, so whatever
    /// encodes also decodes).
    #[error("values nested deeper than the limit of {limit}")]
    TooDeep {
        /// The limit.
        limit: u32,
    },
    /// A value of a type the codec cannot write, such as a vector where any object goes.
    #[error("{0}")]
    Unsupported(String),
    /// A JSON string that is not valid for its TL type (base64, hex, decimal).
    #[error("invalid {ty}: {reason}")]
    InvalidString {
        /// `bytes`, `int128`, `long`, ...
        ty: &'static str,
        /// What is wrong with it.
        reason: String,
    },
}

/// `; did you mean `a`, `b`?` or nothing.
fn did_you_mean(suggestions: &[String]) -> String {
    match suggestions {
        [] => String::new(),
        [one] => format!("; did you mean `{one}`?"),
        many => {
            let list: Vec<String> = many.iter().map(|s| format!("`{s}`")).collect();
            format!("; did you mean one of {}?", list.join(", "))
        }
    }
}

/// Names in `candidates` within a small edit distance of `name`, closest first (at most 3).
///
/// Long inputs are not compared: the cost is quadratic in the name length, and a name longer
/// than any TL name is not a typo of one.
pub(crate) fn suggest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    const MAX_LEN: usize = 80;
    if name.len() > MAX_LEN {
        return Vec::new();
    }
    let budget = (name.chars().count() / 3).clamp(1, 4);
    let lower = name.to_lowercase();
    let mut found: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter(|c| c.len() <= MAX_LEN && c.len().abs_diff(name.len()) <= budget)
        .filter_map(|c| {
            let d = edit_distance(&lower, &c.to_lowercase());
            (d <= budget).then_some((d, c))
        })
        .collect();
    found.sort();
    found.dedup();
    found
        .into_iter()
        .take(3)
        .map(|(_, c)| c.to_owned())
        .collect()
}

/// Levenshtein distance over chars, one row at a time.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// A place inside a value, kept as a linked list on the stack while walking it, and only
/// rendered when an error needs it.
#[derive(Clone, Copy)]
pub(crate) enum Path<'a> {
    Root,
    Field(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    /// `updates[3].message`, or empty at the root.
    pub(crate) fn render(&self) -> String {
        let mut out = String::new();
        self.write(&mut out)
            .expect("writing to a String cannot fail");
        out
    }

    /// `$.updates[3].message`.
    pub(crate) fn render_json(&self) -> String {
        let inner = self.render();
        if inner.is_empty() || inner.starts_with('[') {
            format!("${inner}")
        } else {
            format!("$.{inner}")
        }
    }

    fn write(&self, out: &mut String) -> fmt::Result {
        use fmt::Write;
        match self {
            Path::Root => Ok(()),
            Path::Field(parent, name) => {
                parent.write(out)?;
                if !matches!(parent, Path::Root) {
                    out.push('.');
                }
                out.write_str(name)
            }
            Path::Index(parent, i) => {
                parent.write(out)?;
                write!(out, "[{i}]")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn suggestions_are_close_names_best_first() {
        let names = [
            "updateShort",
            "updatesTooLong",
            "updateShortMessage",
            "inputPeerSelf",
        ];
        assert_eq!(suggest("updateShrot", names), vec!["updateShort"]);
        assert!(suggest("completelyDifferent", names).is_empty());
    }

    #[test]
    fn paths_render_like_field_accesses_and_json_paths() {
        let root = Path::Root;
        let a = Path::Field(&root, "updates");
        let b = Path::Index(&a, 3);
        let c = Path::Field(&b, "message");
        assert_eq!(c.render(), "updates[3].message");
        assert_eq!(c.render_json(), "$.updates[3].message");
        assert_eq!(root.render_json(), "$");
        assert_eq!(Path::Index(&root, 1).render_json(), "$[1]");
    }
}
