//! TL names to Rust identifiers: case conversion, keywords, and collisions.
//!
//! TL names are camelCase with dots for namespaces (`payments.refundStarsCharge`), but real
//! schemas also use snake_case (`p_q_inner_data`) and mixed forms (`Server_DH_Params`, `srp_B`).
//! Distinct TL names can therefore meet after conversion (`msgs_ack` and `msgsAck` are both
//! `MsgsAck`); [`Namer`] settles such meetings by the TL name's byte order, so the outcome does
//! not depend on declaration order or on hashing.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::{BTreeMap, BTreeSet};

/// Words that are reserved in some Rust edition; a raw identifier (`r#type`) makes them usable.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore instead.
const UNRAWABLE: &[&str] = &["crate", "self", "Self", "super", "_"];

/// A TL field name as a Rust field or module name: snake_case, keywords escaped.
///
/// ```
/// assert_eq!(tl_codegen::names::field_name("srp_B"), "srp_b");
/// assert_eq!(tl_codegen::names::field_name("type"), "r#type");
/// assert_eq!(tl_codegen::names::field_name("self"), "self_");
/// ```
pub fn field_name(tl: &str) -> String {
    escape(snake(tl))
}

/// A TL constructor, function or type name (without namespace) as a Rust type name.
///
/// ```
/// assert_eq!(tl_codegen::names::type_name("inputPeerUser"), "InputPeerUser");
/// assert_eq!(tl_codegen::names::type_name("P_Q_inner_data"), "PQInnerData");
/// assert_eq!(tl_codegen::names::type_name("Self"), "Self_");
/// ```
pub fn type_name(tl: &str) -> String {
    let mut s = tl.to_upper_camel_case();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'T');
    }
    escape(s)
}

/// A TL namespace component as a Rust module name.
pub fn module_name(tl: &str) -> String {
    field_name(tl)
}

fn snake(tl: &str) -> String {
    let mut s = tl.to_snake_case();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    s
}

fn escape(s: String) -> String {
    if UNRAWABLE.contains(&s.as_str()) {
        format!("{s}_")
    } else if RAW_KEYWORDS.contains(&s.as_str()) {
        format!("r#{s}")
    } else {
        s
    }
}

/// Whether `s` can be used as it is as a Rust identifier (no raw prefix needed).
pub(crate) fn is_plain_ident(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !RAW_KEYWORDS.contains(&s)
        && !UNRAWABLE.contains(&s)
}

/// Assigns unique Rust names within one scope (a module, a struct's fields, an enum's
/// variants).
///
/// Every TL name is registered with the Rust name it would like; [`finish`](Self::finish) then
/// gives each its final name. A wanted name claimed by several TL names goes to the one that
/// sorts first; the others get the first free numeric suffix (`MsgsAck2`). Names already taken
/// by something outside the scope (a reserved name) are never given out.
#[derive(Debug, Default)]
pub struct Namer {
    wanted: BTreeMap<String, String>,
    reserved: BTreeSet<String>,
}

impl Namer {
    /// An empty scope.
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks `name` as unavailable in this scope.
    pub fn reserve(&mut self, name: impl Into<String>) {
        self.reserved.insert(name.into());
    }

    /// Registers `tl` (a key unique within the scope) with the Rust name it wants.
    pub fn want(&mut self, tl: impl Into<String>, rust: impl Into<String>) {
        self.wanted.insert(tl.into(), rust.into());
    }

    /// Final names, keyed by TL name.
    pub fn finish(self) -> BTreeMap<String, String> {
        let mut taken = self.reserved;
        let mut by_wanted: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (tl, rust) in &self.wanted {
            by_wanted.entry(rust).or_default().push(tl);
        }
        let mut out = BTreeMap::new();
        // Uncontested names first, so a suffixed name never steals one that was asked for.
        for (rust, tls) in &by_wanted {
            if !taken.contains(*rust) {
                taken.insert(rust.to_string());
                out.insert(tls[0].to_string(), rust.to_string());
            }
        }
        for (rust, tls) in &by_wanted {
            for tl in tls {
                if out.contains_key(*tl) {
                    continue;
                }
                let (stem, tail) = match rust.strip_prefix("r#") {
                    Some(stem) => (stem, ""),
                    None => (*rust, ""),
                };
                let stem = stem.trim_end_matches('_');
                let candidate = (2..)
                    .map(|n| format!("{stem}{n}{tail}"))
                    .find(|c| !taken.contains(c))
                    .expect("an unbounded range always has a free name");
                taken.insert(candidate.clone());
                out.insert(tl.to_string(), candidate);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_conversion_follows_rust_conventions() {
        assert_eq!(type_name("updateShortMessage"), "UpdateShortMessage");
        assert_eq!(type_name("Server_DH_Params"), "ServerDhParams");
        assert_eq!(type_name("future_salt"), "FutureSalt");
        assert_eq!(field_name("pts_count"), "pts_count");
        assert_eq!(field_name("bob_ephemeral_PK"), "bob_ephemeral_pk");
        assert_eq!(field_name("dcId"), "dc_id");
    }

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("static"), "r#static");
        assert_eq!(field_name("async"), "r#async");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("super"), "super_");
        assert_eq!(type_name("self"), "Self_");
        assert_eq!(module_name("crate"), "crate_");
    }

    #[test]
    fn names_that_are_not_identifiers_are_made_valid() {
        assert_eq!(type_name("2fa"), "T2fa");
        assert_eq!(field_name("1st"), "_1st");
        assert!(is_plain_ident("abc_1"));
        assert!(!is_plain_ident("type"));
        assert!(!is_plain_ident("1a"));
    }

    #[test]
    fn collisions_go_to_the_first_tl_name_in_byte_order() {
        let mut n = Namer::new();
        n.want("msgsAck", "MsgsAck");
        n.want("msgs_ack", "MsgsAck");
        n.want("other", "Other");
        let got = n.finish();
        assert_eq!(got["msgsAck"], "MsgsAck");
        assert_eq!(got["msgs_ack"], "MsgsAck2");
        assert_eq!(got["other"], "Other");
    }

    #[test]
    fn suffixes_never_take_a_name_someone_asked_for() {
        let mut n = Namer::new();
        n.want("a", "Foo");
        n.want("b", "Foo");
        n.want("c", "Foo2");
        let got = n.finish();
        assert_eq!(got["a"], "Foo");
        assert_eq!(got["c"], "Foo2");
        assert_eq!(got["b"], "Foo3");
    }

    #[test]
    fn reserved_names_are_skipped() {
        let mut n = Namer::new();
        n.reserve("flags");
        n.want("flags", "flags");
        assert_eq!(n.finish()["flags"], "flags2");
    }

    #[test]
    fn escaped_names_collide_by_their_escaped_form() {
        let mut n = Namer::new();
        n.want("type", field_name("type"));
        n.want("Type", field_name("Type"));
        let got = n.finish();
        assert_eq!(got["Type"], "r#type");
        assert_eq!(got["type"], "type2");
    }
}
