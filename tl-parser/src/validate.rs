//! Checks over one or more parsed files taken together.
//!
//! Parsing only checks the grammar. Whether the names mean anything is decided here, over every
//! file at once, because real schemas are split (`api.tl` uses `mtproto.tl`'s types; a curated
//! subset uses the full schema's).

use crate::ast::*;
use crate::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use crate::id::{self, Normalization};
use crate::print::declaration_to_string;
use std::collections::{HashMap, HashSet};

/// How strict validation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// The rule declared ids are checked against.
    pub normalization: Normalization,
    /// Make id mismatches and undefined types errors instead of warnings.
    pub strict: bool,
}

/// Types every schema may use without declaring them: TL's builtins and Telegram's
/// conventions (`Object` is "any boxed value", `Type` the kind of type parameters).
pub const BUILTIN_TYPES: &[&str] = &[
    "#", "Type", "Object", "int", "long", "double", "string", "bytes", "int128", "int256", "true",
    "Bool", "Vector", "vector", "Int", "Long", "Double", "String",
];

/// Builtin constructors that schemas spell in different ways (`int256 = Int256;`,
/// `int256 8*[ int ] = Int256;`). Their meaning is fixed by the serialization rules, so
/// differing spellings across files are merged rather than reported as conflicts.
pub const BUILTIN_CONSTRUCTORS: &[&str] = &[
    "int", "long", "double", "string", "bytes", "int128", "int256", "vector",
];

/// What a builtin type is on the wire, whichever of its spellings a schema uses.
///
/// Schemas name the same builtin several ways (`int`/`Int`/`int32`, `long`/`int53`/`int64`,
/// TDLib's `secureString`), and every consumer (code generation, the dynamic codec) must agree
/// on them, so the one list lives here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuiltinType {
    /// 32-bit integer.
    Int,
    /// 64-bit integer.
    Long,
    /// IEEE 754 double.
    Double,
    /// Length-prefixed UTF-8 text.
    String,
    /// Length-prefixed bytes.
    Bytes,
    /// 16 raw bytes.
    Int128,
    /// 32 raw bytes.
    Int256,
    /// 64 raw bytes.
    Int512,
    /// `boolTrue`/`boolFalse`.
    Bool,
}

/// The builtin that `name` spells, if any (`#`, `true` and `Vector` are not values of their
/// own and are left to the caller).
pub fn builtin_type(name: &str) -> Option<BuiltinType> {
    Some(match name {
        "int" | "Int" | "int32" | "Int32" => BuiltinType::Int,
        "long" | "Long" | "int53" | "Int53" | "int64" | "Int64" => BuiltinType::Long,
        "double" | "Double" => BuiltinType::Double,
        "string" | "String" | "secureString" | "SecureString" => BuiltinType::String,
        "bytes" | "Bytes" | "secureBytes" | "SecureBytes" => BuiltinType::Bytes,
        "int128" | "Int128" => BuiltinType::Int128,
        "int256" | "Int256" => BuiltinType::Int256,
        "int512" | "Int512" => BuiltinType::Int512,
        "Bool" => BuiltinType::Bool,
        _ => return None,
    })
}

/// Validates `files` together. The result has one list of diagnostics per file, in order.
/// Messages that point at another file call it "file N" (1-based); see [`validate_named`].
pub fn validate(files: &[&Schema<'_>], opts: Options) -> Vec<Vec<Diagnostic>> {
    let names: Vec<String> = (1..=files.len()).map(|n| format!("file {n}")).collect();
    let named: Vec<(&str, &Schema<'_>)> = names
        .iter()
        .map(String::as_str)
        .zip(files.iter().copied())
        .collect();
    validate_named(&named, opts)
}

/// Like [`validate`], with file names for messages that point from one file into another.
pub fn validate_named(named: &[(&str, &Schema<'_>)], opts: Options) -> Vec<Vec<Diagnostic>> {
    let files: Vec<&Schema<'_>> = named.iter().map(|(_, s)| *s).collect();
    let mut out: Vec<Vec<Diagnostic>> = vec![Vec::new(); files.len()];
    let soft = if opts.strict {
        Severity::Error
    } else {
        Severity::Warning
    };

    let mut known: HashSet<&str> = BUILTIN_TYPES.iter().copied().collect();
    for schema in &files {
        for d in schema.declarations.iter().filter(|d| !d.is_function()) {
            known.insert(d.name);
            known.insert(d.result.name());
        }
    }

    // First definition of each name and each id, to report repeats against.
    let mut by_name: HashMap<(Section, &str), (usize, &Declaration<'_>)> = HashMap::new();
    let mut by_id: HashMap<u32, (usize, &Declaration<'_>)> = HashMap::new();

    for (fi, schema) in files.iter().enumerate() {
        let diags = &mut out[fi];
        for d in &schema.declarations {
            check_id(d, opts, soft, diags);
            check_fields(d, diags);
            check_types(d, &known, soft, diags);

            match by_name.get(&(d.section, d.name)) {
                Some((other_file, other)) => {
                    // Compared with the id each puts on the wire, so `vector#1cb5c415 ...` and
                    // an id-less `vector ...` that hashes to the same id are one definition.
                    // Only repeated names pay for printing.
                    let text = canonical_with_effective_id(d);
                    let other_text = canonical_with_effective_id(other);
                    if *other_file == fi {
                        diags.push(Diagnostic::error(
                            DiagnosticKind::DuplicateName,
                            d.name_span,
                            format!(
                                "`{}` is declared twice (first at line {})",
                                d.name, other.span.line
                            ),
                        ));
                    } else if other_text != text && !BUILTIN_CONSTRUCTORS.contains(&d.name) {
                        diags.push(Diagnostic::error(
                            DiagnosticKind::ConflictingDefinition,
                            d.name_span,
                            format!(
                                "`{}` conflicts with its definition at {}:{}: `{}` here, `{}` there",
                                d.name,
                                named[*other_file].0,
                                other.span.line,
                                text,
                                other_text
                            ),
                        ));
                    }
                    continue;
                }
                None => {
                    by_name.insert((d.section, d.name), (fi, d));
                }
            }

            let eid = id::effective(d);
            match by_id.get(&eid) {
                Some((other_file, other)) if other.name != d.name => {
                    // Two constructors with one id make decoding ambiguous. A function sharing
                    // an id is how TDLib declares the prefix of a wrapper call
                    // (`invokeWithBusinessConnectionPrefix`): suspicious, but decodable.
                    let severity = if d.is_function() || other.is_function() {
                        Severity::Warning
                    } else {
                        Severity::Error
                    };
                    diags.push(Diagnostic::new(
                        severity,
                        DiagnosticKind::DuplicateId,
                        d.name_span,
                        format!(
                            "`{}` has id #{eid:08x}, already used by `{}`{}",
                            d.name,
                            other.name,
                            if *other_file == fi {
                                format!(" at line {}", other.span.line)
                            } else {
                                format!(" in {}", named[*other_file].0)
                            }
                        ),
                    ));
                }
                Some(_) => {}
                None => {
                    by_id.insert(eid, (fi, d));
                }
            }
        }
        diags.sort_by_key(|d| d.span.start);
    }
    out
}

fn canonical_with_effective_id(d: &Declaration<'_>) -> String {
    if d.id.is_some() {
        return declaration_to_string(d);
    }
    let with_id = Declaration {
        id: Some(id::effective(d)),
        ..d.clone()
    };
    declaration_to_string(&with_id)
}

fn check_id(d: &Declaration<'_>, opts: Options, soft: Severity, diags: &mut Vec<Diagnostic>) {
    let Some(declared) = d.id else { return };
    let computed = id::compute(d, opts.normalization);
    if computed == declared {
        return;
    }
    let other_rule = match opts.normalization {
        Normalization::Telegram => Normalization::Original,
        Normalization::Original => Normalization::Telegram,
    };
    let note = if id::compute(d, other_rule) == declared {
        format!(
            " (it matches the {} rule)",
            match other_rule {
                Normalization::Telegram => "Telegram",
                Normalization::Original => "original TL",
            }
        )
    } else {
        String::new()
    };
    diags.push(Diagnostic::new(
        soft,
        DiagnosticKind::IdMismatch,
        d.name_span,
        format!(
            "`{}` declares id #{declared:08x} but its declaration hashes to #{computed:08x}{note}",
            d.name
        ),
    ));
}

/// Field names, flag conditions and `!X`.
fn check_fields(d: &Declaration<'_>, diags: &mut Vec<Diagnostic>) {
    let type_params: HashSet<&str> = d.type_params.iter().map(|t| t.name).collect();
    check_level(d, &d.params, &[], &type_params, diags);
}

fn check_level<'p, 'a>(
    d: &Declaration<'a>,
    params: &'p [Param<'a>],
    outer: &[&'p Param<'a>],
    type_params: &HashSet<&str>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut seen: Vec<&'p Param<'a>> = outer.to_vec();
    let outer_len = outer.len();
    for (k, p) in params.iter().enumerate() {
        if let Some(name) = p.name {
            if seen[outer_len..].iter().any(|q| q.name == Some(name)) {
                diags.push(Diagnostic::error(
                    DiagnosticKind::DuplicateField,
                    p.span,
                    format!("field `{name}` appears twice in `{}`", d.name),
                ));
            }
        }
        match &p.kind {
            ParamKind::Plain { condition, ty } => {
                if let Some(c) = condition {
                    let span = p.condition_span().unwrap_or(p.span);
                    check_condition(d, c, span, &seen, &params[k + 1..], diags);
                }
                check_bang(ty, type_params, diags);
            }
            ParamKind::Repeat { params: inner, .. } => {
                check_level(d, inner, &seen, type_params, diags);
            }
        }
        seen.push(p);
    }
}

fn check_condition(
    d: &Declaration<'_>,
    c: &Condition<'_>,
    span: crate::Span,
    before: &[&Param<'_>],
    after: &[Param<'_>],
    diags: &mut Vec<Diagnostic>,
) {
    match before.iter().rev().find(|q| q.name == Some(c.field)) {
        Some(q) if q.is_nat() => {}
        Some(q) => diags.push(Diagnostic::error(
            DiagnosticKind::FlagsFieldNotNat,
            span,
            format!(
                "`{}.{}?` names field `{}`, whose type is `{}`, not `#`",
                c.field,
                c.bit,
                c.field,
                q.ty()
                    .map_or("a repetition".into(), crate::print::type_to_string)
            ),
        )),
        None => {
            let later = after.iter().any(|q| q.name == Some(c.field));
            diags.push(Diagnostic::error(
                DiagnosticKind::UnknownFlagsField,
                span,
                if later {
                    format!(
                        "`{}.{}?` names field `{}`, which comes after it in `{}`",
                        c.field, c.bit, c.field, d.name
                    )
                } else {
                    format!(
                        "`{}.{}?` names field `{}`, which `{}` does not have",
                        c.field, c.bit, c.field, d.name
                    )
                },
            ))
        }
    }
    if c.bit > 31 {
        diags.push(Diagnostic::error(
            DiagnosticKind::BitOutOfRange,
            span,
            format!(
                "bit {} is out of range: a flags word has bits 0 to 31",
                c.bit
            ),
        ));
    }
}

fn check_bang(ty: &Type<'_>, type_params: &HashSet<&str>, diags: &mut Vec<Diagnostic>) {
    match &ty.kind {
        TypeKind::Bang(inner) => {
            if !type_params.contains(inner.name()) {
                diags.push(Diagnostic::error(
                    DiagnosticKind::BangWithoutTypeParam,
                    ty.span,
                    format!(
                        "`!{0}` needs a type parameter `{{{0}:Type}}` on the declaration",
                        inner.name()
                    ),
                ));
            }
        }
        TypeKind::Named { args, .. } => {
            for a in args {
                check_bang(a, type_params, diags);
            }
        }
        TypeKind::Nat => {}
    }
}

/// Every type named in fields and result must be declared somewhere (or be a builtin or a
/// type parameter).
fn check_types(
    d: &Declaration<'_>,
    known: &HashSet<&str>,
    soft: Severity,
    diags: &mut Vec<Diagnostic>,
) {
    let local: HashSet<&str> = d.type_params.iter().map(|t| t.name).collect();
    let mut visit = |ty: &Type<'_>| {
        walk_named(ty, &mut |name, span| {
            if !known.contains(name) && !local.contains(name) {
                diags.push(Diagnostic::new(
                    soft,
                    DiagnosticKind::UndefinedType,
                    span,
                    format!("type `{name}` is not defined by any declaration"),
                ));
            }
        })
    };
    for p in d.all_params() {
        if let Some(ty) = p.ty() {
            visit(ty);
        }
    }
    if d.is_function() {
        visit(&d.result);
    }
}

fn walk_named<'a>(ty: &Type<'a>, f: &mut impl FnMut(&'a str, crate::Span)) {
    match &ty.kind {
        TypeKind::Named { name, args, .. } => {
            f(name, ty.span);
            for a in args {
                walk_named(a, f);
            }
        }
        TypeKind::Bang(_) | TypeKind::Nat => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(files: &[&str]) -> Vec<Vec<DiagnosticKind>> {
        let parsed: Vec<_> = files.iter().map(|s| crate::parse(s)).collect();
        for p in &parsed {
            assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        }
        let schemas: Vec<_> = parsed.iter().map(|p| &p.schema).collect();
        validate(&schemas, Options::default())
            .into_iter()
            .map(|v| v.into_iter().map(|d| d.kind).collect())
            .collect()
    }

    #[test]
    fn identical_definitions_merge_across_files() {
        let a = "x = X;";
        assert_eq!(kinds(&[a, a]), vec![vec![], vec![]]);
    }

    #[test]
    fn conflicting_definitions_are_errors() {
        let k = kinds(&["x = X;", "x a:int = X;"]);
        assert_eq!(k[1], vec![DiagnosticKind::ConflictingDefinition]);
    }

    #[test]
    fn flags_problems() {
        let k = kinds(&["a x:flags.0?int flags:# = A;"]);
        assert!(k[0].contains(&DiagnosticKind::UnknownFlagsField));
        let k = kinds(&["a flags:int x:flags.0?int = A;"]);
        assert!(k[0].contains(&DiagnosticKind::FlagsFieldNotNat));
        let k = kinds(&["a flags:# x:flags.32?int = A;"]);
        assert!(k[0].contains(&DiagnosticKind::BitOutOfRange));
    }

    #[test]
    fn several_fields_may_share_a_bit() {
        let k = kinds(&["a flags:# x:flags.0?int y:flags.0?long = A;"]);
        assert_eq!(k[0], vec![]);
    }
}
