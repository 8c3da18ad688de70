//! Writing syntax trees back as TL text.
//!
//! One writer serves two purposes: the canonical text of a schema (ids, `Vector<T>`, braces,
//! doc comments), and the normalized declaration text whose CRC32 is a constructor id (no id,
//! `Vector T`, no braces, and for Telegram's rule no `?true` fields and `string` for `bytes`).
//! Keeping both in one place means the two can never disagree on how a type is spelled.

use crate::ast::*;
use std::fmt::Write;

/// Which text to write for a declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Style {
    /// Write `#id` after the name.
    pub id: bool,
    /// `Vector<T>` (canonical) rather than `Vector T` (normalized for ids).
    pub angle_brackets: bool,
    /// Keep `{` `}` around type parameters.
    pub braces: bool,
    /// Leave out `name:flags.N?true` fields.
    pub drop_true_flags: bool,
    /// Write a field of type `bytes` as `string`.
    pub bytes_as_string: bool,
}

impl Style {
    pub(crate) const CANONICAL: Style = Style {
        id: true,
        angle_brackets: true,
        braces: true,
        drop_true_flags: false,
        bytes_as_string: false,
    };
}

/// Writes one declaration (without `;` or doc comment) in `style`.
pub(crate) fn write_declaration(out: &mut String, d: &Declaration<'_>, style: Style) {
    out.push_str(d.name);
    if style.id {
        if let Some(id) = d.id {
            let _ = write!(out, "#{id:08x}");
        }
    }
    for tp in &d.type_params {
        out.push(' ');
        if style.braces {
            out.push('{');
        }
        out.push_str(tp.name);
        out.push(':');
        write_type(out, &tp.ty, style);
        if style.braces {
            out.push('}');
        }
    }
    if d.builtin {
        out.push_str(" ?");
    }
    write_params(out, &d.params, style);
    out.push_str(" = ");
    write_result(out, &d.result, style);
}

fn write_params(out: &mut String, params: &[Param<'_>], style: Style) {
    for p in params {
        if style.drop_true_flags && p.is_flag_only() {
            continue;
        }
        out.push(' ');
        if let Some(name) = p.name {
            out.push_str(name);
            out.push(':');
        }
        write_param_body(out, p, style);
    }
}

/// What follows `name:` in a field: its condition and type, or its repetition.
pub(crate) fn write_param_type(out: &mut String, p: &Param<'_>) {
    write_param_body(out, p, Style::CANONICAL);
}

fn write_param_body(out: &mut String, p: &Param<'_>, style: Style) {
    match &p.kind {
        ParamKind::Plain { condition, ty } => {
            if let Some(c) = condition {
                let _ = write!(out, "{}.{}?", c.field, c.bit);
            }
            if style.bytes_as_string && ty.name() == "bytes" && ty.args().is_empty() {
                out.push_str("string");
            } else {
                write_type(out, ty, style);
            }
        }
        ParamKind::Repeat { count, params } => {
            match count {
                Some(Count::Const(n)) => {
                    let _ = write!(out, "{n}*");
                }
                Some(Count::Field(f)) => {
                    let _ = write!(out, "{f}*");
                }
                None => {}
            }
            out.push('[');
            write_params(out, params, style);
            out.push_str(" ]");
        }
    }
}

/// A result type: arguments by juxtaposition (`Vector t`), as TL writes results.
fn write_result(out: &mut String, ty: &Type<'_>, style: Style) {
    match &ty.kind {
        TypeKind::Named {
            name,
            percent,
            args,
        } => write_named(out, name, *percent, args, style, false),
        _ => write_type(out, ty, style),
    }
}

/// A type term: `Vector<T>` canonically, `Vector T` when normalizing.
pub(crate) fn write_type(out: &mut String, ty: &Type<'_>, style: Style) {
    match &ty.kind {
        TypeKind::Nat => out.push('#'),
        TypeKind::Bang(inner) => {
            out.push('!');
            write_type(out, inner, style);
        }
        TypeKind::Named {
            name,
            percent,
            args,
        } => write_named(out, name, *percent, args, style, style.angle_brackets),
    }
}

/// `%Name<a,b>` when `angle`, else `%Name a b`; the arguments themselves follow `style`.
fn write_named(
    out: &mut String,
    name: &str,
    percent: bool,
    args: &[Type<'_>],
    style: Style,
    angle: bool,
) {
    if percent {
        out.push('%');
    }
    out.push_str(name);
    if args.is_empty() {
        return;
    }
    if angle {
        out.push('<');
        for (k, a) in args.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            write_type(out, a, style);
        }
        out.push('>');
    } else {
        for a in args {
            out.push(' ');
            write_type(out, a, style);
        }
    }
}

/// The canonical text of one declaration, `;` included.
pub fn declaration_to_string(d: &Declaration<'_>) -> String {
    let mut out = String::new();
    write_declaration(&mut out, d, Style::CANONICAL);
    out.push(';');
    out
}

/// The canonical text of a type.
pub fn type_to_string(t: &Type<'_>) -> String {
    let mut out = String::new();
    write_type(&mut out, t, Style::CANONICAL);
    out
}

/// Writes a schema as canonical TL text: `// LAYER N`, section markers where the section
/// changes, each class doc before the first constructor of its type, each declaration's doc
/// comment before it, one declaration per line. Parsing the text gives the same tree, spans
/// aside.
pub fn print_schema(schema: &Schema<'_>) -> String {
    let mut out = String::new();
    if let Some(layer) = schema.layer {
        let _ = writeln!(out, "// LAYER {layer}\n");
    }
    let mut classes: Vec<Option<&ClassDoc<'_>>> = schema.classes.iter().map(Some).collect();
    let mut section = Section::Types;
    for d in &schema.declarations {
        if d.section != section {
            section = d.section;
            out.push_str(match section {
                Section::Types => "\n---types---\n\n",
                Section::Functions => "\n---functions---\n\n",
            });
        }
        if let Some(slot) = classes
            .iter_mut()
            .find(|c| c.is_some_and(|c| c.name == d.result.name()))
        {
            if let Some(class) = slot.take() {
                write_doc(&mut out, &class.doc);
                out.push('\n');
            }
        }
        if let Some(doc) = &d.doc {
            write_doc(&mut out, doc);
        }
        write_declaration(&mut out, d, Style::CANONICAL);
        out.push_str(";\n");
    }
    for class in classes.into_iter().flatten() {
        out.push('\n');
        write_doc(&mut out, &class.doc);
    }
    out
}

fn write_doc(out: &mut String, doc: &Doc<'_>) {
    for tag in &doc.tags {
        let _ = writeln!(out, "//@{} {}", tag.name, tag.text);
    }
}
