//! Reading a whole file: comments, doc comments, section markers, and recovery after errors.

use crate::ast::*;
use crate::diagnostic::{Diagnostic, DiagnosticKind, MAX_DIAGNOSTICS};
use crate::grammar::{describe_found, section_marker, ws, Expected, Grammar};

/// A parsed file and the problems found while parsing it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed<'a> {
    /// Everything that parsed. Declarations with syntax errors are left out.
    pub schema: Schema<'a>,
    /// Syntax problems, in source order; at most [`MAX_DIAGNOSTICS`] and one that counts the
    /// rest.
    pub diagnostics: Vec<Diagnostic>,
    /// How many syntax problems were found past the limit and left out (counted by the last
    /// diagnostic).
    pub dropped_diagnostics: usize,
}

impl Parsed<'_> {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Parses TL text. Never fails as a whole: every problem becomes a diagnostic, the parser
/// skips to the next `;` and goes on, so one run reports every problem in the file.
pub fn parse(src: &str) -> Parsed<'_> {
    let g = Grammar::new(src);
    let mut out = Parsed::default();
    // Every declaration ends at a `;`, so their count bounds the list: one allocation instead
    // of a dozen regrowths that each copy every declaration read so far.
    out.schema.declarations = Vec::with_capacity(memchr::memchr_iter(b';', src.as_bytes()).count());
    let mut docs = DocCollector::default();
    let mut section = Section::Types;
    let mut i = src;

    loop {
        i = skip_trivia(&g, i, &mut docs, &mut out);
        if i.is_empty() {
            break;
        }
        if i.starts_with("---") {
            match section_marker(i) {
                Ok((rest, s)) => {
                    section = s;
                    i = rest;
                }
                Err(e) => {
                    report(&g, &mut out, e);
                    i = i.find('\n').map_or("", |n| &i[n..]);
                }
            }
            continue;
        }

        g.checkpoint(i);
        let decls = &mut out.schema.declarations;
        let result = g.declaration_onto(i, section, decls).and_then(|rest| {
            let end = semicolon(rest);
            if end.is_err() {
                decls.pop();
            }
            end
        });
        match result {
            Ok(rest) => {
                if let Some(doc) = docs.take_for_declaration(&mut out.schema) {
                    if let Some(decl) = out.schema.declarations.last_mut() {
                        decl.doc = Some(doc);
                    }
                }
                i = rest;
            }
            Err(e) => {
                docs.take_for_declaration(&mut out.schema);
                let at = match &e {
                    nom::Err::Error(x) | nom::Err::Failure(x) => x.input,
                    nom::Err::Incomplete(_) => "",
                };
                report(&g, &mut out, e);
                i = recover(i, at);
            }
        }
    }
    docs.finish(&mut out.schema);
    crate::diagnostic::truncate(&mut out.diagnostics, out.dropped_diagnostics);
    out
}

/// The `;` after a declaration that ends at `rest`, and what follows it.
fn semicolon(rest: &str) -> Result<&str, nom::Err<Expected<'_>>> {
    match ws(rest) {
        Ok((r, ())) if r.starts_with(';') => Ok(&r[1..]),
        Ok((r, ())) => {
            let what = if r.is_empty() {
                "`;` ending the declaration"
            } else {
                "`;` after the declaration"
            };
            // Point just after the declaration, where the `;` belongs.
            let kind = if r.is_empty() {
                DiagnosticKind::Unterminated
            } else {
                DiagnosticKind::Syntax
            };
            Err(nom::Err::Error(Expected {
                input: rest,
                what,
                kind,
            }))
        }
        Err(e) => Err(e),
    }
}

/// Where to go on after an error at `at` in the declaration starting at `decl`: past the next
/// `;`, unless the `;` was simply forgotten and the next line starts afresh.
fn recover<'a>(decl: &'a str, at: &'a str) -> &'a str {
    let consumed = decl.len() - at.len().min(decl.len());
    let at = &decl[consumed..];
    let trimmed = at.trim_start_matches([' ', '\t', '\r']);
    if trimmed.starts_with('\n') && consumed > 0 {
        let next = trimmed.trim_start();
        if next.is_empty() || next.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return trimmed;
        }
    }
    match at.find(';') {
        Some(n) => &at[n + 1..],
        None => "",
    }
}

/// Keeps a diagnostic unless the file already has too many; parsing goes on either way, so
/// the declarations that do parse are still there.
fn push(out: &mut Parsed<'_>, d: Diagnostic) {
    if out.diagnostics.len() < MAX_DIAGNOSTICS {
        out.diagnostics.push(d);
    } else {
        out.dropped_diagnostics += 1;
    }
}

fn report<'a>(g: &Grammar<'a>, out: &mut Parsed<'a>, e: nom::Err<Expected<'a>>) {
    let (input, what, kind) = match e {
        nom::Err::Error(x) | nom::Err::Failure(x) => (x.input, x.what, x.kind),
        nom::Err::Incomplete(_) => ("", "more input", DiagnosticKind::Syntax),
    };
    let what = if what.is_empty() { "valid TL" } else { what };
    // Point at the token that is wrong, not at the blanks before it.
    let at = input.trim_start_matches([' ', '\t', '\r']);
    let at = if at.starts_with('\n') { input } else { at };
    let found = describe_found(at);
    let len = if found.starts_with('`') {
        found.len() - 2
    } else {
        1
    };
    let message = match kind {
        DiagnosticKind::Unterminated => {
            format!("expected {what}, found end of input (is a `;` missing?)")
        }
        DiagnosticKind::UnterminatedComment => "this `/*` comment is never closed".to_string(),
        DiagnosticKind::TooDeep => format!(
            "type nested more than {} levels deep",
            crate::grammar::MAX_NESTING
        ),
        DiagnosticKind::TooLarge => format!("expected {what}: this declaration is too large"),
        DiagnosticKind::UnknownSection => {
            format!("unknown section {found}: expected `types` or `functions`")
        }
        _ => format!("expected {what}, found {found}"),
    };
    let kind = if at.is_empty() && kind == DiagnosticKind::Syntax {
        DiagnosticKind::Unterminated
    } else {
        kind
    };
    let span = g.span_len(at, len);
    push(out, Diagnostic::error(kind, span, message));
}

/// Skips blank space and comments before the next declaration, collecting what they say:
/// doc comments, `// LAYER N`, and unclosed `/*` comments.
fn skip_trivia<'a>(
    g: &Grammar<'a>,
    mut i: &'a str,
    docs: &mut DocCollector<'a>,
    out: &mut Parsed<'a>,
) -> &'a str {
    loop {
        // One pass over the blanks, counting line ends: two or more make a blank line.
        let b = i.as_bytes();
        let mut k = 0;
        let mut line_ends = 0;
        while let Some(&c) = b.get(k) {
            match c {
                b'\n' => line_ends += 1,
                b' ' | b'\t' | b'\r' => {}
                _ => break,
            }
            k += 1;
        }
        if line_ends > 1 {
            docs.end_block();
        }
        i = &i[k..];
        if let Some(body) = i.strip_prefix("//") {
            let end = body.find('\n').unwrap_or(body.len());
            let line = &body[..end];
            let line = line.strip_suffix('\r').unwrap_or(line);
            if let Some(doc) = line.strip_prefix('@') {
                docs.doc_line(g, i, doc, &mut out.schema);
            } else if let Some(more) = line.strip_prefix('-') {
                docs.continuation(more);
            } else {
                let words = line.trim();
                if let Some(n) = words.strip_prefix("LAYER") {
                    if let Ok(n) = n.trim().parse() {
                        out.schema.layer = Some(n);
                    }
                }
            }
            i = &body[end..];
        } else if let Some(body) = i.strip_prefix("/*") {
            match body.find("*/") {
                Some(n) => i = &body[n + 2..],
                None => {
                    push(
                        out,
                        Diagnostic::error(
                            DiagnosticKind::UnterminatedComment,
                            g.span_len(i, 2),
                            "this `/*` comment is never closed",
                        ),
                    );
                    return "";
                }
            }
        } else {
            return i;
        }
    }
}

/// Groups `//@` lines into doc blocks. A block is a run of doc lines not broken by a blank
/// line; a `//@class` line always starts a block of its own, and a class block documents a
/// type, so it goes to [`Schema::classes`] instead of the declaration after it.
#[derive(Default)]
struct DocCollector<'a> {
    current: Option<Doc<'a>>,
    /// Where the block starts, located when its first line is read.
    start: Option<crate::Span>,
    closed: bool,
}

impl<'a> DocCollector<'a> {
    fn doc_line(
        &mut self,
        g: &Grammar<'a>,
        line_start: &'a str,
        text: &'a str,
        schema: &mut Schema<'a>,
    ) {
        let tags = split_tags(text);
        let starts_class = tags.first().is_some_and(|t| t.name == "class");
        if starts_class || self.closed {
            self.finish(schema);
        }
        let start = *self.start.get_or_insert_with(|| g.mark(line_start));
        let doc = self.current.get_or_insert_with(Doc::default);
        doc.tags.extend(tags);
        doc.span = g.close(start, &text[text.len()..]);
    }

    fn continuation(&mut self, text: &'a str) {
        if let Some(tag) = self.current.as_mut().and_then(|d| d.tags.last_mut()) {
            let text = text.trim();
            if !text.is_empty() {
                if !tag.text.is_empty() {
                    tag.text.push(' ');
                }
                tag.text.push_str(text);
            }
        }
    }

    fn end_block(&mut self) {
        self.closed = true;
    }

    /// Ends the current block: a class block is kept in the schema, any other is dropped,
    /// since no declaration followed it.
    fn finish(&mut self, schema: &mut Schema<'a>) {
        if let Some(doc) = self.current.take() {
            push_if_class(schema, doc);
        }
        self.start = None;
        self.closed = false;
    }

    /// The doc a declaration gets: the block just before it, unless that documents a class.
    fn take_for_declaration(&mut self, schema: &mut Schema<'a>) -> Option<Doc<'a>> {
        let doc = self.current.take().and_then(|d| push_if_class(schema, d));
        self.finish(schema);
        doc
    }
}

/// Moves a class block into the schema; gives any other block back.
fn push_if_class<'a>(schema: &mut Schema<'a>, doc: Doc<'a>) -> Option<Doc<'a>> {
    match doc.tags.first() {
        Some(t) if t.name == "class" => {
            let name = t.text.clone();
            schema.classes.push(ClassDoc { name, doc });
            None
        }
        _ => Some(doc),
    }
}

/// Splits `name text @other more text` into tags. A tag starts at `@` followed by a name, at
/// the start of the line or after a blank.
fn split_tags(text: &str) -> Vec<DocTag<'_>> {
    let mut tags = Vec::new();
    let mut rest = text;
    loop {
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let name = &rest[..name_len];
        let after = &rest[name_len..];
        let mut end = after.len();
        let bytes = after.as_bytes();
        let mut k = 0;
        while let Some(p) = after[k..].find('@') {
            let at = k + p;
            let blank_before = at > 0 && matches!(bytes[at - 1], b' ' | b'\t');
            let name_after = after[at + 1..].starts_with(|c: char| c.is_ascii_alphabetic());
            if blank_before && name_after {
                end = at;
                break;
            }
            k = at + 1;
        }
        tags.push(DocTag {
            name,
            text: after[..end].trim().to_string(),
        });
        if end == after.len() {
            return tags;
        }
        rest = &after[end + 1..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_may_span_lines_and_hold_comments() {
        let p = parse("foo#00000001\n  a:int // the a\n  /* b */ b:long\n  = Foo;");
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let d = &p.schema.declarations[0];
        assert_eq!(d.params.len(), 2);
        assert_eq!((d.params[1].span.line, d.params[1].span.column), (3, 11));
    }

    #[test]
    fn sections_interleave_in_any_order() {
        let p = parse("---functions---\nf = X;\n---types---\nt = X;\n--- functions ---\ng = X;");
        let s: Vec<_> = p
            .schema
            .declarations
            .iter()
            .map(|d| (d.name, d.section))
            .collect();
        assert_eq!(
            s,
            [
                ("f", Section::Functions),
                ("t", Section::Types),
                ("g", Section::Functions)
            ]
        );
    }

    #[test]
    fn layer_comment_sets_the_layer() {
        assert_eq!(parse("// LAYER 230\na = A;").schema.layer, Some(230));
        assert_eq!(parse("// layers of things\na = A;").schema.layer, None);
    }

    #[test]
    fn doc_tags_split_on_at_after_a_blank() {
        let tags = split_tags("description Sends mail to a@b.c @to Recipient @cc Copy");
        let t: Vec<_> = tags.iter().map(|t| (t.name, t.text.as_str())).collect();
        assert_eq!(
            t,
            [
                ("description", "Sends mail to a@b.c"),
                ("to", "Recipient"),
                ("cc", "Copy")
            ]
        );
    }

    #[test]
    fn doc_blocks_attach_to_the_next_declaration() {
        let src = "//@class T @description A type\n\n//@description First\n//@x The x\n//-continued\na x:int = T;\nb = T;\n";
        let p = parse(src);
        assert_eq!(p.schema.classes.len(), 1);
        assert_eq!(p.schema.classes[0].name, "T");
        assert_eq!(p.schema.classes[0].doc.description(), Some("A type"));
        let a = p.schema.declarations[0].doc.as_ref().unwrap();
        assert_eq!(a.description(), Some("First"));
        assert_eq!(a.tag("x"), Some("The x continued"));
        assert_eq!(a.span.line, 3);
        assert!(p.schema.declarations[1].doc.is_none());
    }

    #[test]
    fn a_class_block_right_before_a_declaration_is_not_its_doc() {
        let p = parse("//@class T @description A type\na = T;");
        assert_eq!(p.schema.classes.len(), 1);
        assert!(p.schema.declarations[0].doc.is_none());
    }

    #[test]
    fn recovery_resumes_after_the_next_semicolon() {
        let p = parse("a = A;\nb x:Vector<int = B; c = C;\nd = D;");
        let names: Vec<_> = p.schema.declarations.iter().map(|d| d.name).collect();
        assert_eq!(names, ["a", "c", "d"]);
        assert_eq!(p.diagnostics.len(), 1);
    }

    #[test]
    fn recovery_resumes_at_the_next_line_when_only_the_semicolon_is_missing() {
        let p = parse("a = A\nb = B;");
        let names: Vec<_> = p.schema.declarations.iter().map(|d| d.name).collect();
        assert_eq!(names, ["b"]);
        assert_eq!(p.diagnostics[0].span.line, 1);
    }

    #[test]
    fn empty_and_comment_only_input_is_an_empty_schema() {
        for src in ["", "   \n\n", "// nothing\n/* here */"] {
            let p = parse(src);
            assert!(
                p.diagnostics.is_empty() && p.schema.declarations.is_empty(),
                "{src:?}"
            );
        }
    }
}
