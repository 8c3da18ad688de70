//! The TL grammar as small `nom` parsers.
//!
//! Token parsers (`ident`, `full_name`, `hex_id`, `number`, `ws`, ...) are free functions over
//! `&str`. Parsers that build syntax nodes are methods of [`Grammar`], which knows the whole text
//! so that it can turn the position of a slice into a [`Span`].
//!
//! Errors carry what was expected at the furthest point reached; [`describe_found`] turns the
//! input there into the "found ..." half of a message.

use crate::ast::*;
use crate::diagnostic::DiagnosticKind;
use crate::span::{Locator, Span};
use nom::bytes::complete::tag;
use nom::character::complete::char;
use nom::error::{ErrorKind, ParseError};
use nom::{IResult, Parser};
use std::cell::RefCell;

/// How deep type expressions may nest (`Vector<Vector<...>>`, parentheses, `[ ... ]`).
/// Real schemas stay under 5; the bound keeps hostile input from exhausting the stack.
pub const MAX_NESTING: u32 = 64;

/// How many fields one declaration (or one repetition) may have, and how many arguments one
/// type. The largest real declaration has under 100 fields; the bound keeps a huge
/// unterminated declaration from turning into a huge tree.
pub const MAX_FIELDS: usize = 4096;

/// A parse failure: what was expected, at which point of the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Expected<'a> {
    /// The input where the problem starts.
    pub input: &'a str,
    /// What should have been there, as a phrase ("a type", "`;`").
    pub what: &'static str,
    /// The kind of diagnostic to report.
    pub kind: DiagnosticKind,
}

impl<'a> ParseError<&'a str> for Expected<'a> {
    fn from_error_kind(input: &'a str, _kind: ErrorKind) -> Self {
        Expected {
            input,
            what: "",
            kind: DiagnosticKind::Syntax,
        }
    }

    fn append(_: &'a str, _: ErrorKind, other: Self) -> Self {
        other
    }

    fn or(self, other: Self) -> Self {
        // Whichever got further explains the problem better.
        if other.input.len() < self.input.len() {
            other
        } else {
            self
        }
    }
}

/// Result of the parsers here.
pub type PResult<'a, O> = IResult<&'a str, O, Expected<'a>>;

fn fail<'a, O>(input: &'a str, what: &'static str, kind: DiagnosticKind) -> PResult<'a, O> {
    Err(nom::Err::Error(Expected { input, what, kind }))
}

/// Gives a failing parser's error a phrase saying what was expected there.
pub fn expect<'a, O>(
    mut p: impl Parser<&'a str, Output = O, Error = Expected<'a>>,
    what: &'static str,
) -> impl FnMut(&'a str) -> PResult<'a, O> {
    // A failure right where `p` started is best described by the caller's phrase ("a
    // declaration name" rather than "a name"); one further in keeps its own.
    move |i: &'a str| match p.parse(i) {
        Err(nom::Err::Error(e))
            if e.what.is_empty()
                || (e.input.as_ptr() == i.as_ptr() && e.kind == DiagnosticKind::Syntax) =>
        {
            fail(i, what, e.kind)
        }
        other => other,
    }
}

/// Describes the start of `input` for a "found ..." message.
pub fn describe_found(input: &str) -> String {
    let trimmed = input.trim_start_matches([' ', '\t', '\r']);
    if trimmed.is_empty() {
        return "end of input".into();
    }
    if trimmed.starts_with('\n') {
        return "end of line".into();
    }
    let first = trimmed.chars().next().unwrap_or(' ');
    let token: String = if is_ident_start(first) || first.is_ascii_digit() {
        trimmed
            .chars()
            .take_while(|&c| is_ident_char(c) || c == '.')
            .take(32)
            .collect()
    } else {
        first.to_string()
    };
    format!("`{token}`")
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// An identifier: a letter or `_`, then letters, digits and `_`.
pub fn ident(i: &str) -> PResult<'_, &str> {
    match ident_len(i.as_bytes()) {
        0 => fail(i, "a name", DiagnosticKind::Syntax),
        n => Ok((&i[n..], &i[..n])),
    }
}

/// Length of the identifier at the start of `b` (0 if there is none). Identifiers are ASCII,
/// so byte lengths are char boundaries.
#[inline]
fn ident_len(b: &[u8]) -> usize {
    match b.first() {
        Some(c) if c.is_ascii_alphabetic() || *c == b'_' => 1 + ident_chars(&b[1..]),
        _ => 0,
    }
}

/// How many bytes at the start of `b` are identifier characters.
///
/// Names are most of what the parser reads, so they are scanned eight bytes at a time (the
/// byte loop costs six instructions a byte, this about three).
#[inline]
fn ident_chars(b: &[u8]) -> usize {
    let mut n = 0;
    while let Some(chunk) = b[n..].first_chunk::<8>() {
        let outside = non_ident_bytes(u64::from_le_bytes(*chunk));
        if outside != 0 {
            return n + (outside.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + b[n..]
        .iter()
        .position(|&c| !IDENT_CHAR[c as usize])
        .unwrap_or(b.len() - n)
}

/// Eight copies of `b`.
const fn bytes8(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// The high bit of each byte of `w` that is not `[0-9A-Za-z_]`, every other bit clear.
///
/// Each test works on the low seven bits of every byte at once: adding `0x80 - lo` sets a
/// byte's high bit exactly when it is at least `lo`, and no sum carries into the next byte
/// because both terms are below `0x80`. Bytes with the high bit set are never identifier
/// characters.
#[inline]
fn non_ident_bytes(w: u64) -> u64 {
    const HIGH: u64 = bytes8(0x80);
    let low = w & !HIGH;
    let within = |x: u64, lo: u8, hi: u8| (x + bytes8(0x80 - lo)) & !(x + bytes8(0x7f - hi));
    // Setting bit 5 maps `A-Z` onto `a-z` and nothing else onto them.
    let ident =
        within(low, b'0', b'9') | within(low | bytes8(0x20), b'a', b'z') | within(low, b'_', b'_');
    (!ident | w) & HIGH
}

/// Identifier bytes, as a table: names are most of what the parser reads.
static IDENT_CHAR: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'_';
        c += 1;
    }
    t
};

/// A name with any number of namespaces: `a`, `payments.refundStarsCharge`, `adnl.id.short`.
#[inline]
pub fn full_name(i: &str) -> PResult<'_, &str> {
    full_name_from(i, ident_len(i.as_bytes()))
}

/// [`full_name`] when the length `n` of its first component is already known, so the bytes
/// are not scanned twice.
#[inline]
fn full_name_from(i: &str, n: usize) -> PResult<'_, &str> {
    if n == 0 {
        return fail(i, "a name", DiagnosticKind::Syntax);
    }
    // Most names have no namespace: that case stays inline, namespaces take a call.
    let n = match i.as_bytes().get(n) {
        Some(b'.') => namespaced_len(i.as_bytes(), n),
        _ => n,
    };
    Ok((&i[n..], &i[..n]))
}

/// The length of the name at the start of `b`, whose first component is `n` bytes and followed
/// by a `.`.
fn namespaced_len(b: &[u8], mut n: usize) -> usize {
    while b.get(n) == Some(&b'.') {
        match ident_len(&b[n + 1..]) {
            0 => break,
            k => n += 1 + k,
        }
    }
    n
}

const NUMBER_TOO_BIG: &str = "a number below 2^32";

/// A decimal number that fits in `u32`.
pub fn number(i: &str) -> PResult<'_, u32> {
    let mut n: u32 = 0;
    let mut len = 0;
    for &c in i.as_bytes() {
        if !c.is_ascii_digit() {
            break;
        }
        n = match n
            .checked_mul(10)
            .and_then(|n| n.checked_add(u32::from(c - b'0')))
        {
            Some(n) => n,
            None => return fail(i, NUMBER_TOO_BIG, DiagnosticKind::Syntax),
        };
        len += 1;
    }
    if len == 0 {
        return fail(i, "a number", DiagnosticKind::Syntax);
    }
    Ok((&i[len..], n))
}

/// `#` and 1 to 8 hex digits: a declared constructor id.
pub fn hex_id(i: &str) -> PResult<'_, u32> {
    let Some(after_hash) = i.strip_prefix('#') else {
        return fail(i, "`#`", DiagnosticKind::Syntax);
    };
    let b = after_hash.as_bytes();
    let mut id: u32 = 0;
    let mut n = 0;
    while n < b.len() {
        let d = HEX_VALUE[b[n] as usize];
        if d == NOT_HEX {
            break;
        }
        if n == 8 {
            return fail(after_hash, BAD_ID, DiagnosticKind::BadId);
        }
        id = id << 4 | u32::from(d);
        n += 1;
    }
    if n == 0 || b.get(n).is_some_and(|c| IDENT_CHAR[*c as usize]) {
        return fail(after_hash, BAD_ID, DiagnosticKind::BadId);
    }
    Ok((&after_hash[n..], id))
}

const NOT_HEX: u8 = 0xff;

/// The value of each hex digit byte, [`NOT_HEX`] for any other byte: every declaration has an
/// id of eight digits, and a lookup is cheaper than three range tests per digit.
static HEX_VALUE: [u8; 256] = {
    let mut t = [NOT_HEX; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            b'A'..=b'F' => b - b'A' + 10,
            _ => NOT_HEX,
        };
        c += 1;
    }
    t
};

const BAD_ID: &str = "1 to 8 hex digits after `#`";

/// Whitespace and comments between tokens of one declaration. Reports a `/*` never closed.
#[inline]
pub fn ws(i: &str) -> PResult<'_, ()> {
    // Between tokens there is nearly always nothing or one space before the next token: those
    // two cases are answered here, inline, and anything else goes to the full loop.
    let b = i.as_bytes();
    match b.first() {
        Some(c) if BLANK_OR_SLASH[*c as usize] => {}
        _ => return Ok((i, ())),
    }
    if b[0] == b' ' && b.get(1).is_some_and(|c| !BLANK_OR_SLASH[*c as usize]) {
        return Ok((&i[1..], ()));
    }
    ws_slow(i)
}

/// The bytes [`ws`] may skip or look into: blanks, and `/` that may start a comment.
static BLANK_OR_SLASH: [bool; 256] = {
    let mut t = [false; 256];
    t[b' ' as usize] = true;
    t[b'\t' as usize] = true;
    t[b'\r' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'/' as usize] = true;
    t
};

fn ws_slow(mut i: &str) -> PResult<'_, ()> {
    loop {
        let blanks = i
            .as_bytes()
            .iter()
            .take_while(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
            .count();
        let trimmed = &i[blanks..];
        if !trimmed.starts_with('/') {
            return Ok((trimmed, ()));
        }
        if let Some(after) = trimmed.strip_prefix("//") {
            i = after.find('\n').map_or("", |n| &after[n..]);
        } else if let Some(after) = trimmed.strip_prefix("/*") {
            match after.find("*/") {
                Some(end) => i = &after[end + 2..],
                None => {
                    return fail(
                        trimmed,
                        "`*/` closing this comment",
                        DiagnosticKind::UnterminatedComment,
                    )
                }
            }
        } else {
            return Ok((trimmed, ()));
        }
    }
}

/// Like [`ws`], but says whether a line ended in what was skipped.
fn ws_newline(i: &str) -> PResult<'_, bool> {
    let (rest, ()) = ws(i)?;
    let skipped = &i[..i.len() - rest.len()];
    Ok((rest, skipped.contains('\n')))
}

/// `flags.N?`: the condition of a conditional field.
pub fn condition_prefix(i: &str) -> PResult<'_, (&str, u32)> {
    let (rest, field) = ident(i)?;
    let Some(rest) = rest.strip_prefix('.') else {
        return fail(rest, "`.` and a bit number", DiagnosticKind::Syntax);
    };
    let (rest, bit) = number(rest)?;
    let Some(rest) = rest.strip_prefix('?') else {
        return fail(rest, "`?` after the bit number", DiagnosticKind::Syntax);
    };
    Ok((rest, (field, bit)))
}

/// `N*` or `name*` before a repetition `[ ... ]`.
pub fn count_prefix(i: &str) -> PResult<'_, Count<'_>> {
    let (rest, count) = if i.starts_with(|c: char| c.is_ascii_digit()) {
        let (rest, n) = number(i)?;
        (rest, Count::Const(n))
    } else {
        let (rest, name) = ident(i)?;
        (rest, Count::Field(name))
    };
    let (rest, _) = char('*').parse(rest)?;
    let (rest, ()) = ws(rest)?;
    if !rest.starts_with('[') {
        return fail(rest, "`[` after `*`", DiagnosticKind::Syntax);
    }
    Ok((rest, count))
}

/// `---types---` or `---functions---` (spaces inside allowed, as in `--- functions ---`).
pub fn section_marker(i: &str) -> PResult<'_, Section> {
    let (rest, _) = tag("---").parse(i)?;
    let rest = rest.trim_start_matches([' ', '\t']);
    let (rest, name) = expect(ident, "`types` or `functions`").parse(rest)?;
    let rest = rest.trim_start_matches([' ', '\t']);
    let (rest, _) = expect(tag("---"), "`---` closing the section marker").parse(rest)?;
    match name {
        "types" => Ok((rest, Section::Types)),
        "functions" => Ok((rest, Section::Functions)),
        // `name` is a slice of the input, so the error points at it.
        _ => fail(
            name,
            "`types` or `functions`",
            DiagnosticKind::UnknownSection,
        ),
    }
}

/// What [`Grammar::simple_param`] read, kept as plain values until the [`Param`] is built
/// where it is stored: nodes assembled early and moved were copied through memory at every
/// step.
struct SimpleParam<'a> {
    name: &'a str,
    condition: Option<Condition<'a>>,
    ty: SimpleType<'a>,
    span: Span,
}

impl<'a> SimpleParam<'a> {
    #[inline(always)]
    fn build(self) -> Param<'a> {
        Param {
            name: Some(self.name),
            kind: ParamKind::Plain {
                condition: self.condition,
                ty: self.ty.build(),
            },
            span: self.span,
        }
    }
}

/// What [`Grammar::simple_type`] read: a name (`None` for `#`) and at most one argument.
struct SimpleType<'a> {
    name: Option<&'a str>,
    arg: Option<(&'a str, Span)>,
    span: Span,
}

impl<'a> SimpleType<'a> {
    #[inline(always)]
    fn build(self) -> Type<'a> {
        let kind = match self.name {
            None => TypeKind::Nat,
            Some(name) => TypeKind::Named {
                name,
                percent: false,
                args: match self.arg {
                    None => Vec::new(),
                    Some((name, span)) => vec![Type {
                        kind: TypeKind::Named {
                            name,
                            percent: false,
                            args: Vec::new(),
                        },
                        span,
                    }],
                },
            },
        };
        Type {
            kind,
            span: self.span,
        }
    }
}

/// Builds syntax nodes with spans over one source text.
pub struct Grammar<'a> {
    src: &'a str,
    locator: Locator<'a>,
    /// Fields being read, innermost list last. Each list is copied out into a `Vec` of exactly
    /// its length once complete: one allocation per list, none for an empty one, and no
    /// regrowth copying fields that are 120 bytes each.
    fields: RefCell<Vec<Param<'a>>>,
}

impl<'a> Grammar<'a> {
    /// A grammar over `src`; every input given to its methods must be a slice of `src`.
    pub fn new(src: &'a str) -> Self {
        Grammar {
            src,
            locator: Locator::new(src),
            fields: RefCell::new(Vec::new()),
        }
    }

    /// Byte offset of a slice of the source.
    pub fn offset(&self, rest: &'a str) -> usize {
        // Slices handed to the parsers always point into `src`; the subtraction is plain address
        // arithmetic, and the clamp keeps a foreign slice from producing a nonsense offset.
        (rest.as_ptr() as usize)
            .wrapping_sub(self.src.as_ptr() as usize)
            .min(self.src.len())
    }

    /// The span from the start of `from` to the start of `to`.
    #[inline]
    pub fn span(&self, from: &'a str, to: &'a str) -> Span {
        let start = self.offset(from);
        let end = self.offset(to).max(start);
        self.locator.span(start, end)
    }

    /// A span that starts at `at` and is empty, located now. Nodes take their start mark
    /// before their children are parsed and [`Grammar::close`] it after, so the locator only
    /// ever moves forward (going back to a line already passed would mean rescanning).
    #[inline]
    pub fn mark(&self, at: &'a str) -> Span {
        let start = self.offset(at);
        self.locator.span(start, start)
    }

    /// `mark` extended to the start of `to`.
    #[inline]
    pub fn close(&self, mark: Span, to: &'a str) -> Span {
        Span {
            end: (self.offset(to) as u32).max(mark.start),
            ..mark
        }
    }

    /// Span of `len` bytes at `at`.
    pub fn span_len(&self, at: &'a str, len: usize) -> Span {
        let start = self.offset(at);
        self.locator.span(start, (start + len).min(self.src.len()))
    }

    /// Marks the start of a declaration, so that going back within it stays cheap.
    pub fn checkpoint(&self, at: &'a str) {
        let offset = self.offset(at);
        self.locator.checkpoint(offset);
    }

    /// A whole declaration, up to (not including) its `;`.
    pub fn declaration(&self, i: &'a str, section: Section) -> PResult<'a, Declaration<'a>> {
        let mut one = Vec::with_capacity(1);
        let rest = self.declaration_onto(i, section, &mut one)?;
        match one.pop() {
            Some(d) => Ok((rest, d)),
            None => fail(i, "a declaration", DiagnosticKind::Syntax),
        }
    }

    /// [`Grammar::declaration`], pushed onto `out` if it parses.
    ///
    /// Pushing here saves the copies of a return: returned by value, its 216 bytes were
    /// copied twice more on the way into the schema's list, each copy reading what had just
    /// been written (see [`Grammar::push_param`]).
    pub fn declaration_onto(
        &self,
        i: &'a str,
        section: Section,
        out: &mut Vec<Declaration<'a>>,
    ) -> Result<&'a str, nom::Err<Expected<'a>>> {
        let start = self.mark(i);
        // Every declaration starts with a name and has a `=`: when they are there they are
        // taken directly, and the nom parsers only run to describe what is wrong instead.
        let (i, name) = match ident_len(i.as_bytes()) {
            0 => expect(full_name, "a declaration name").parse(i)?,
            n => full_name_from(i, n)?,
        };
        let name_span = self.close(start, i);
        let (i, id) = if i.starts_with('#') {
            let (rest, id) = hex_id(i)?;
            (rest, Some(id))
        } else {
            (i, None)
        };
        if i.starts_with(|c: char| !c.is_whitespace() && !matches!(c, ';' | '/')) {
            return Err(nom::Err::Error(Expected {
                input: i,
                what: "a space after the declaration name",
                kind: DiagnosticKind::Syntax,
            }));
        }
        let (mut i, ()) = ws(i)?;

        let mut type_params = Vec::new();
        while i.starts_with('{') {
            let (rest, tp) = self.type_param(i)?;
            type_params.push(tp);
            i = ws(rest)?.0;
        }

        let mut builtin = false;
        let mut params = Vec::new();
        if let Some(rest) = i.strip_prefix('?') {
            builtin = true;
            i = ws(rest)?.0;
        } else {
            (i, params) =
                self.field_list(i, |i| Ok(i.is_empty() || i.starts_with(['=', ';'])), 0)?;
        }
        let i = match i.strip_prefix('=') {
            Some(rest) => rest,
            None => expect(char('='), "`=` and the result type").parse(i)?.0,
        };
        let (i, ()) = ws(i)?;
        // A result is nearly always a plain name right before the `;`; after anything else,
        // `expr` decides how much of what follows belongs to it.
        let (rest, result) = match self.simple_type(i, ident_len(i.as_bytes())) {
            Some((rest, ty)) if rest.is_empty() || rest.starts_with(';') => (rest, ty.build()),
            _ => self.expr(i, 0, true)?,
        };
        let span = self.close(start, rest);
        out.push(Declaration {
            name,
            name_span,
            id,
            type_params,
            params,
            builtin,
            result,
            section,
            doc: None,
            span,
        });
        Ok(rest)
    }

    /// `{X:Type}`.
    pub fn type_param(&self, i: &'a str) -> PResult<'a, TypeParam<'a>> {
        let start = self.mark(i);
        let (i, _) = char('{').parse(i)?;
        let (i, ()) = ws(i)?;
        let (i, name) = expect(ident, "a type parameter name").parse(i)?;
        let (i, ()) = ws(i)?;
        let (i, _) = expect(char(':'), "`:` after the type parameter name").parse(i)?;
        let (i, ()) = ws(i)?;
        let (i, ty) = self.term(i, 1)?;
        let (i, ()) = ws(i)?;
        let (i, _) = expect(char('}'), "`}` closing the type parameter").parse(i)?;
        Ok((
            i,
            TypeParam {
                name,
                ty,
                span: self.close(start, i),
            },
        ))
    }

    /// One field: `name:Type`, `name:flags.N?Type`, `[ ... ]`, `N*[ ... ]`, `name:N*[ ... ]`, or
    /// an anonymous type (`#`, `t`).
    pub fn param(&self, i: &'a str, depth: u32) -> PResult<'a, Param<'a>> {
        // Nearly every field has one of a few simple shapes; those are read in one pass here,
        // and everything else (or anything wrong) takes the general path below.
        if depth + 1 < MAX_NESTING {
            if let Some((rest, p)) = self.simple_param(i) {
                return Ok((rest, p.build()));
            }
        }
        self.any_param(i, depth)
    }

    /// `name:T`, `name:flags.N?T`, where `T` is `#`, a name or a name with one name as its
    /// argument (`Vector<long>`), written without blanks and followed by a blank, `;` or the
    /// end of the input.
    ///
    /// Only accepts: on anything else it gives `None` and [`Grammar::any_param`] reads the field
    /// from the start, so every error (and every unusual form) is the general path's, and what
    /// this accepts is exactly what that would build.
    #[inline(always)]
    fn simple_param(&self, i: &'a str) -> Option<(&'a str, SimpleParam<'a>)> {
        let b = i.as_bytes();
        let n = ident_len(b);
        if n == 0 || b.get(n) != Some(&b':') {
            return None;
        }
        let mut k = n + 1;
        let mut lead = ident_len(&b[k..]);
        let mut condition = None;
        if lead > 0 && b.get(k + lead) == Some(&b'.') {
            // `flags.N?`, or a namespaced type name.
            let mut j = k + lead + 1;
            let digits = j;
            let mut bit: u32 = 0;
            while let Some(&c) = b.get(j).filter(|c| c.is_ascii_digit()) {
                // Nine digits always fit in a `u32`; more go the long way, which checks.
                if j - digits == 9 {
                    return None;
                }
                bit = bit * 10 + u32::from(c - b'0');
                j += 1;
            }
            if j > digits {
                if b.get(j) != Some(&b'?') {
                    return None;
                }
                condition = Some(Condition {
                    field: &i[k..k + lead],
                    bit,
                });
                k = j + 1;
                lead = ident_len(&b[k..]);
            }
        }
        let (rest, ty) = self.simple_type(&i[k..], lead)?;
        if !rest
            .as_bytes()
            .first()
            .is_none_or(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b';'))
        {
            return None;
        }
        let span = self.span(i, rest);
        Some((
            rest,
            SimpleParam {
                name: &i[..n],
                condition,
                ty,
                span,
            },
        ))
    }

    /// `#`, `Name` or `Name<name>` without blanks, where `lead` is the length of the identifier
    /// `i` starts with. Like [`Grammar::simple_param`], only accepts; the caller checks what
    /// follows, since that decides whether the general path would read more.
    // Inlined into its two callers, its result never goes through memory.
    #[inline(always)]
    fn simple_type(&self, i: &'a str, lead: usize) -> Option<(&'a str, SimpleType<'a>)> {
        let (rest, name, arg) = if lead > 0 {
            let (rest, name) = full_name_from(i, lead).ok()?;
            match rest.strip_prefix('<') {
                None => (rest, Some(name), None),
                Some(inner) => {
                    let (after, arg_name) = full_name(inner).ok()?;
                    let after = after.strip_prefix('>')?;
                    let arg_span = self.span(inner, &inner[arg_name.len()..]);
                    (after, Some(name), Some((arg_name, arg_span)))
                }
            }
        } else if let Some(rest) = i.strip_prefix('#') {
            (rest, None, None)
        } else {
            return None;
        };
        let span = self.span(i, rest);
        Some((rest, SimpleType { name, arg, span }))
    }

    /// Any field, [`Grammar::param`] without its shortcut.
    fn any_param(&self, i: &'a str, depth: u32) -> PResult<'a, Param<'a>> {
        let start = i;
        let mark = self.mark(i);
        // One look at the leading name decides the form, so nothing is parsed twice.
        let n = ident_len(i.as_bytes());
        let (name, body) = match i.as_bytes().get(n) {
            Some(b':') if n > 0 => (Some(&i[..n]), &i[n + 1..]),
            _ => (None, i),
        };
        let bb = body.as_bytes();
        let lead = if name.is_some() { ident_len(bb) } else { n };
        let is_count = match bb.first() {
            Some(c) if c.is_ascii_digit() => {
                let d = bb.iter().take_while(|c| c.is_ascii_digit()).count();
                bb.get(d) == Some(&b'*')
            }
            _ => lead > 0 && bb.get(lead) == Some(&b'*'),
        };
        let (rest, kind) = if bb.first() == Some(&b'[') || is_count {
            let (rest, count) = if is_count {
                let (rest, count) = count_prefix(body)?;
                (rest, Some(count))
            } else {
                (body, None)
            };
            let (rest, params) = self.repeat_body(rest, depth)?;
            (rest, ParamKind::Repeat { count, params })
        } else if name.is_some() {
            let is_condition = lead > 0
                && bb.get(lead) == Some(&b'.')
                && bb.get(lead + 1).is_some_and(u8::is_ascii_digit);
            let (rest, condition) = if is_condition {
                let (rest, (field, bit)) = condition_prefix(body)?;
                (rest, Some(Condition { field, bit }))
            } else {
                (body, None)
            };
            // Unless a condition came first, `lead` already measured the type's first name.
            let hint = if is_condition { 0 } else { lead };
            let (rest, ty) = self.term_hinted(rest, depth, hint).map_err(|e| {
                e.map(|mut x| {
                    if x.what == "a type" && x.input.as_ptr() == body.as_ptr() {
                        x.what = "a type after `:`";
                    }
                    x
                })
            })?;
            (rest, ParamKind::Plain { condition, ty })
        } else {
            let (rest, ty) = self.term(body, depth).map_err(|e| {
                e.map(|mut x| {
                    if x.input.as_ptr() == start.as_ptr() && x.kind == DiagnosticKind::Syntax {
                        x.what = "a field (`name:Type`) or `=`";
                    }
                    x
                })
            })?;
            (
                rest,
                ParamKind::Plain {
                    condition: None,
                    ty,
                },
            )
        };
        Ok((
            rest,
            Param {
                name,
                kind,
                span: self.close(mark, rest),
            },
        ))
    }

    /// `[ fields ]`.
    fn repeat_body(&self, i: &'a str, depth: u32) -> PResult<'a, Vec<Param<'a>>> {
        if depth >= MAX_NESTING {
            return fail(i, "less nesting", DiagnosticKind::TooDeep);
        }
        let (i, _) = char('[').parse(i)?;
        let i = ws(i)?.0;
        let (i, params) = self.field_list(
            i,
            |i| {
                if i.is_empty() || i.starts_with([';', '=']) {
                    return Err(nom::Err::Error(Expected {
                        input: i,
                        what: "`]` closing the repetition",
                        kind: DiagnosticKind::Syntax,
                    }));
                }
                Ok(i.starts_with(']'))
            },
            depth + 1,
        )?;
        Ok((&i[1..], params))
    }

    /// Fields separated by blanks, until `end` says the list is over (or that it is broken).
    fn field_list(
        &self,
        i: &'a str,
        end: impl Fn(&'a str) -> Result<bool, nom::Err<Expected<'a>>>,
        depth: u32,
    ) -> PResult<'a, Vec<Param<'a>>> {
        let base = self.fields.borrow().len();
        let result = self.field_list_into(i, end, depth, base);
        let mut fields = self.fields.borrow_mut();
        match result {
            // `split_off` allocates exactly the tail's length and moves it with one copy.
            Ok(rest) => Ok((rest, fields.split_off(base))),
            Err(e) => {
                fields.truncate(base);
                Err(e)
            }
        }
    }

    fn field_list_into(
        &self,
        mut i: &'a str,
        end: impl Fn(&'a str) -> Result<bool, nom::Err<Expected<'a>>>,
        depth: u32,
        base: usize,
    ) -> Result<&'a str, nom::Err<Expected<'a>>> {
        while !end(i)? {
            if self.fields.borrow().len() - base >= MAX_FIELDS {
                return Err(nom::Err::Error(Expected {
                    input: i,
                    what: "at most 4096 fields",
                    kind: DiagnosticKind::TooLarge,
                }));
            }
            i = ws(self.push_param(i, depth)?)?.0;
        }
        Ok(i)
    }

    /// [`Grammar::param`], onto the field stack.
    ///
    /// The shortcut is inlined here so that a field takes one copy from where it is assembled
    /// into the stack. Returned by value it took three, each reading in wide loads what the
    /// one before had just written field by field, which the processor cannot forward.
    #[inline(always)]
    fn push_param(&self, i: &'a str, depth: u32) -> Result<&'a str, nom::Err<Expected<'a>>> {
        if depth + 1 < MAX_NESTING {
            if let Some((rest, p)) = self.simple_param(i) {
                self.fields.borrow_mut().push(p.build());
                return Ok(rest);
            }
        }
        let (rest, p) = self.any_param(i, depth)?;
        self.fields.borrow_mut().push(p);
        Ok(rest)
    }

    /// One type term: `#`, `%T`, `!X`, `(expr)`, `Name`, `Name<expr, ...>`.
    pub fn term(&self, i: &'a str, depth: u32) -> PResult<'a, Type<'a>> {
        self.term_hinted(i, depth, 0)
    }

    /// [`Grammar::term`], where `lead`, when not 0, is the length of the identifier `i` starts
    /// with.
    fn term_hinted(&self, i: &'a str, depth: u32, lead: usize) -> PResult<'a, Type<'a>> {
        if depth >= MAX_NESTING {
            return fail(i, "less nesting", DiagnosticKind::TooDeep);
        }
        let start = self.mark(i);
        let first = i.chars().next();
        match first {
            Some('#') => Ok((
                &i[1..],
                Type {
                    kind: TypeKind::Nat,
                    span: self.span_len(i, 1),
                },
            )),
            Some('%') => {
                let (rest, inner) = self.term(&i[1..], depth + 1)?;
                match inner.kind {
                    TypeKind::Named { name, args, .. } => Ok((
                        rest,
                        Type {
                            kind: TypeKind::Named {
                                name,
                                percent: true,
                                args,
                            },
                            span: self.close(start, rest),
                        },
                    )),
                    _ => fail(&i[1..], "a type name after `%`", DiagnosticKind::Syntax),
                }
            }
            Some('!') => {
                let (rest, inner) = self.term(&i[1..], depth + 1)?;
                Ok((
                    rest,
                    Type {
                        kind: TypeKind::Bang(Box::new(inner)),
                        span: self.close(start, rest),
                    },
                ))
            }
            Some('(') => {
                let (rest, ()) = ws(&i[1..])?;
                let (rest, ty) = self.expr(rest, depth + 1, false)?;
                let (rest, ()) = ws(rest)?;
                let (rest, _) = expect(char(')'), "`)`").parse(rest)?;
                Ok((
                    rest,
                    Type {
                        kind: ty.kind,
                        span: self.close(start, rest),
                    },
                ))
            }
            Some(c) if is_ident_start(c) => {
                let lead = if lead > 0 {
                    lead
                } else {
                    ident_len(i.as_bytes())
                };
                let (mut rest, name) = full_name_from(i, lead)?;
                let mut args = Vec::new();
                if let Some(after) = rest.strip_prefix('<') {
                    // Nearly every applied type has one argument.
                    args.reserve_exact(1);
                    let mut j = ws(after)?.0;
                    loop {
                        if args.len() >= MAX_FIELDS {
                            return fail(
                                j,
                                "at most 4096 type arguments",
                                DiagnosticKind::TooLarge,
                            );
                        }
                        let (r, arg) = self.expr(j, depth + 1, false)?;
                        args.push(arg);
                        let (r, ()) = ws(r)?;
                        if let Some(r) = r.strip_prefix(',') {
                            j = ws(r)?.0;
                            continue;
                        }
                        let (r, _) = expect(char('>'), "`>` or `,` in type arguments").parse(r)?;
                        rest = r;
                        break;
                    }
                }
                Ok((
                    rest,
                    Type {
                        kind: TypeKind::Named {
                            name,
                            percent: false,
                            args,
                        },
                        span: self.close(start, rest),
                    },
                ))
            }
            _ => fail(i, "a type", DiagnosticKind::Syntax),
        }
    }

    /// A term applied to further terms by juxtaposition (`vector t` in parentheses, `Vector t`
    /// in a result). In a result the arguments must stay on the declaration's line, so that a
    /// missing `;` is reported where it is missing rather than a line later.
    pub fn expr(&self, i: &'a str, depth: u32, same_line: bool) -> PResult<'a, Type<'a>> {
        let start = i;
        let (mut rest, mut head) = self.term(i, depth)?;
        let mark = head.span;
        loop {
            let (after, newline) = ws_newline(rest)?;
            let starts_term = after.starts_with(|c: char| is_ident_start(c) || "#%!(".contains(c));
            if !starts_term || (same_line && newline) {
                break;
            }
            if head.args().len() >= MAX_FIELDS {
                return fail(
                    after,
                    "at most 4096 type arguments",
                    DiagnosticKind::TooLarge,
                );
            }
            let (r, arg) = self.term(after, depth + 1)?;
            match &mut head.kind {
                TypeKind::Named { args, .. } => args.push(arg),
                _ => {
                    return fail(
                        start,
                        "a type name before type arguments",
                        DiagnosticKind::Syntax,
                    )
                }
            }
            rest = r;
            head.span = self.close(mark, rest);
        }
        Ok((rest, head))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(src: &str) -> Grammar<'_> {
        Grammar::new(src)
    }

    #[test]
    fn ident_accepts_letters_digits_underscores() {
        assert_eq!(ident("p_q_inner_data2 x"), Ok((" x", "p_q_inner_data2")));
        assert!(ident("2abc").is_err());
    }

    #[test]
    fn ident_scanning_stops_at_exactly_the_first_other_byte() {
        let reference = |b: &[u8]| {
            b.iter()
                .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                .unwrap_or(b.len())
        };
        for stop in 0..=255u8 {
            for at in 0..20 {
                let mut b = b"aZ09_zA9b_Yc8d7e6f5g4h3i2".to_vec();
                b.truncate(at + 3);
                b[at] = stop;
                for len in at..=b.len() {
                    let b = &b[..len];
                    assert_eq!(ident_chars(b), reference(b), "{b:?}");
                }
            }
        }
    }

    #[test]
    fn full_name_takes_any_depth_of_namespaces() {
        assert_eq!(full_name("adnl.id.short x"), Ok((" x", "adnl.id.short")));
        assert_eq!(
            full_name("payments.refundStarsCharge#25ae8f4a"),
            Ok(("#25ae8f4a", "payments.refundStarsCharge"))
        );
        assert_eq!(full_name("a. b"), Ok((". b", "a")));
    }

    #[test]
    fn hex_id_takes_one_to_eight_digits() {
        assert_eq!(hex_id("#1cb5c415 "), Ok((" ", 0x1cb5c415)));
        assert_eq!(hex_id("#5 "), Ok((" ", 5)));
        assert!(hex_id("#123456789 ").is_err());
        assert!(hex_id("# ").is_err());
        let e = hex_id("#12g4 ").unwrap_err();
        assert!(matches!(
            e,
            nom::Err::Error(Expected {
                kind: DiagnosticKind::BadId,
                ..
            })
        ));
    }

    #[test]
    fn number_rejects_overflow() {
        assert_eq!(number("31?"), Ok(("?", 31)));
        assert!(number("99999999999").is_err());
    }

    #[test]
    fn ws_skips_both_comment_kinds() {
        assert_eq!(ws("  // c\n /* d */ x"), Ok(("x", ())));
        let e = ws(" /* never closed").unwrap_err();
        assert!(matches!(
            e,
            nom::Err::Error(Expected {
                kind: DiagnosticKind::UnterminatedComment,
                ..
            })
        ));
    }

    #[test]
    fn condition_prefix_reads_field_and_bit() {
        assert_eq!(
            condition_prefix("flags2.13?true"),
            Ok(("true", ("flags2", 13)))
        );
        assert!(condition_prefix("flags.x?true").is_err());
    }

    #[test]
    fn count_prefix_reads_constant_or_field() {
        assert_eq!(count_prefix("4*[ int ]"), Ok(("[ int ]", Count::Const(4))));
        assert_eq!(count_prefix("n*[ t ]"), Ok(("[ t ]", Count::Field("n"))));
        assert!(count_prefix("n [ t ]").is_err());
    }

    #[test]
    fn section_markers_with_and_without_spaces() {
        assert_eq!(section_marker("---types---"), Ok(("", Section::Types)));
        assert_eq!(
            section_marker("--- functions ---"),
            Ok(("", Section::Functions))
        );
        assert!(section_marker("---typez---").is_err());
    }

    #[test]
    fn term_parses_vectors_in_all_spellings() {
        for src in ["Vector<int>", "vector<int>", "(vector int)", "(Vector int)"] {
            let gr = g(src);
            let (rest, t) = gr.term(src, 0).unwrap();
            assert_eq!(rest, "");
            assert!(t.name().eq_ignore_ascii_case("vector"), "{src}");
            assert_eq!(t.args().len(), 1);
            assert_eq!(t.args()[0].name(), "int");
        }
    }

    #[test]
    fn term_marks_percent_and_bang() {
        let src = "%Message";
        let (_, t) = g(src).term(src, 0).unwrap();
        assert!(t.is_bare());
        assert!(matches!(t.kind, TypeKind::Named { percent: true, .. }));
        let src = "!X";
        let (_, t) = g(src).term(src, 0).unwrap();
        assert!(matches!(t.kind, TypeKind::Bang(_)));
        let src = "#";
        let (_, t) = g(src).term(src, 0).unwrap();
        assert_eq!(t.kind, TypeKind::Nat);
    }

    #[test]
    fn term_refuses_deep_nesting() {
        let src = "Vector<".repeat(100) + "int" + &">".repeat(100);
        let e = g(&src).term(&src, 0).unwrap_err();
        assert!(matches!(
            e,
            nom::Err::Error(Expected {
                kind: DiagnosticKind::TooDeep,
                ..
            })
        ));
    }

    #[test]
    fn param_forms() {
        let src = "out:flags.1?true";
        let (_, p) = g(src).param(src, 0).unwrap();
        assert_eq!(p.name, Some("out"));
        assert!(p.is_flag_only());
        let c = p.condition().unwrap();
        assert_eq!((c.field, c.bit), ("flags", 1));

        let src = "flags:#";
        let (_, p) = g(src).param(src, 0).unwrap();
        assert!(p.is_nat());

        let src = "4*[ int ]";
        let (_, p) = g(src).param(src, 0).unwrap();
        assert!(matches!(
            p.kind,
            ParamKind::Repeat { count: Some(Count::Const(4)), ref params } if params.len() == 1
        ));

        let src = "[ t ]";
        let (_, p) = g(src).param(src, 0).unwrap();
        assert!(matches!(p.kind, ParamKind::Repeat { count: None, .. }));
        assert_eq!(p.name, None);
    }

    #[test]
    fn simple_fields_come_out_as_the_general_path_builds_them() {
        let src = "x\n  a:int b:flags.3?true c:flags2.31?Vector<long>;d:storage.FileType\tf:#\r\n";
        let gr = g(src);
        let mut i = &src[4..];
        for _ in 0..5 {
            let (rest, p) = gr.simple_param(i).expect(i);
            let fast = (rest, p.build());
            assert_eq!(Ok(fast.clone()), gr.any_param(i, 0), "{i}");
            i = ws(&fast.0[usize::from(fast.0.starts_with(';'))..])
                .unwrap()
                .0;
        }
        assert_eq!(i, "");
        for src in [
            "a:Vector<Vector<int>>",
            "a:Vector< int >",
            "a:Vector<int>>",
            "a:int<",
            "a:int*",
            "a:int=",
            "a:flags.1x",
            "a:flags.1234567890?true",
            "a:n*[ int ]",
            "a:%T",
            "a:!X",
            "a:(vector int)",
            "a: int",
            "[ int ]",
            "int",
        ] {
            assert!(g(src).simple_param(src).is_none(), "{src}");
        }
    }

    #[test]
    fn declaration_with_everything() {
        let src = "invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X";
        let (rest, d) = g(src).declaration(src, Section::Functions).unwrap();
        assert_eq!(rest, "");
        assert_eq!(d.name, "invokeWithLayer");
        assert_eq!(d.id, Some(0xda9b0d0d));
        assert_eq!(d.type_params.len(), 1);
        assert_eq!(d.params.len(), 2);
        assert_eq!(d.result.name(), "X");
        assert_eq!(d.span.column, 1);
    }

    #[test]
    fn declaration_builtin_and_result_application() {
        let src = "int ? = Int";
        let (_, d) = g(src).declaration(src, Section::Types).unwrap();
        assert!(d.builtin);
        let src = "vector {t:Type} # [ t ] = Vector t";
        let (_, d) = g(src).declaration(src, Section::Types).unwrap();
        assert_eq!(d.params.len(), 2);
        assert_eq!(d.result.args()[0].name(), "t");
    }

    #[test]
    fn result_arguments_stop_at_end_of_line() {
        let src = "a = A\nb = B";
        let (rest, d) = g(src).declaration(src, Section::Types).unwrap();
        assert_eq!(d.result.args().len(), 0);
        assert_eq!(rest, "\nb = B");
    }

    #[test]
    fn spans_have_lines_and_columns() {
        let src = "x\n  foo#1 a:int\n   b:long = Foo";
        let gr = g(src);
        let (_, d) = gr.declaration(&src[4..], Section::Types).unwrap();
        assert_eq!((d.span.line, d.span.column), (2, 3));
        assert_eq!((d.params[1].span.line, d.params[1].span.column), (3, 4));
        assert_eq!(&src[d.params[1].span.range()], "b:long");
    }
}
