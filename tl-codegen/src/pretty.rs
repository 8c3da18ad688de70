//! Formatting generated code for people (feature `pretty`, what `tl gen` prints).
//!
//! prettyplease lays out everything the generator writes except the body of a
//! `decode_in_box!` call: it cannot know a macro's grammar, so it prints the tokens in one
//! stream (`id : < i32 as :: tl_runtime :: Deserialize > :: decode (r) , ...`). Those bodies
//! are set aside before prettyplease runs, and put back one field per line, each expression
//! formatted by prettyplease on its own. Only the layout changes: the tokens are those
//! prettyplease alone prints (`the_layout_changes_no_token`, in this module's tests).

use proc_macro2::{Ident, TokenStream};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;

use crate::Error;

/// The runtime macro whose bodies are laid out here.
const MACRO: &str = "decode_in_box";
/// What stands for a body while prettyplease runs; the generator never writes this name.
const MARK: &str = "__tl_codegen_macro_body_";
/// Lines up to this many columns stay whole, as prettyplease's own output mostly does.
const WIDTH: usize = 100;

/// Formats `code` (compact output of [`generate`](crate::generate)) for people.
pub(crate) fn format(code: &str) -> Result<String, Error> {
    let mut bodies = Vec::new();
    let code = set_bodies_aside(code, &mut bodies);
    let file = syn::parse_file(&code)
        .map_err(|e| Error::Unsupported(format!("generated code does not parse: {e}")))?;
    let text = prettyplease::unparse(&file);
    if bodies.is_empty() {
        return Ok(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for line in text.split_inclusive('\n') {
        match marked_body(line).and_then(|(b, i, a)| Some((b, bodies.get(i)?, a))) {
            Some((before, body, after)) => {
                let indent = line.len() - line.trim_start().len();
                out.push_str(before);
                out.push_str("(\n");
                body.write(&mut out, indent + 4);
                out.push_str(&" ".repeat(indent));
                out.push(')');
                out.push_str(after);
            }
            None => out.push_str(line),
        }
    }
    Ok(out)
}

/// `code` with the body of every `decode_in_box!(...)` call that reads as one replaced by a
/// mark naming its index in `bodies`; a body that does not is left to prettyplease. This
/// works on the text: tokenizing a 6 MB file only to find 200 calls took longer than
/// prettyplease.
fn set_bodies_aside(code: &str, bodies: &mut Vec<Laid>) -> String {
    let bytes = code.as_bytes();
    let mut out = String::with_capacity(code.len());
    let (mut copied, mut i) = (0, 0);
    while let Some(open) = code_from(bytes, i).find_map(|at| call_at(bytes, at)) {
        let laid = closing_paren(bytes, open)
            .and_then(|close| Some((close, Laid::new(code[open..close].parse().ok()?)?)));
        match laid {
            Some((close, laid)) => {
                out.push_str(&code[copied..open]);
                out.push_str(&format!("{MARK}{}", bodies.len()));
                bodies.push(laid);
                copied = close;
                i = close;
            }
            None => i = open,
        }
    }
    out.push_str(&code[copied..]);
    out
}

/// If a `decode_in_box!(` call starts at `i` (spaced as it may be), where its body starts.
fn call_at(b: &[u8], i: usize) -> Option<usize> {
    if !b[i..].starts_with(MACRO.as_bytes()) || ends_name(b, i) {
        return None;
    }
    let mut k = i + MACRO.len();
    for expected in [b'!', b'('] {
        while b.get(k).is_some_and(u8::is_ascii_whitespace) {
            k += 1;
        }
        if b.get(k) != Some(&expected) {
            return None;
        }
        k += 1;
    }
    Some(k)
}

/// Whether the byte before `i` belongs to a name (so `i` is not where a token starts).
fn ends_name(b: &[u8], i: usize) -> bool {
    i > 0 && is_ident_byte(b[i - 1])
}

fn is_ident_byte(b: u8) -> bool {
    b == b'_' || b.is_ascii_alphanumeric() || !b.is_ascii()
}

/// Where the string or character literal or comment starting at `i` ends, or `i` if none
/// starts there, so that text inside one (a doc comment quoting a call) is never taken for
/// code.
fn skip_literal(b: &[u8], i: usize) -> usize {
    let at = |k: usize| b.get(k).copied();
    match b[i] {
        b'"' => {
            let mut k = i + 1;
            while k < b.len() && b[k] != b'"' {
                k += if b[k] == b'\\' { 2 } else { 1 };
            }
            k + 1
        }
        // A raw string, `r"..."` or `br#"..."#`; not the end of a name (`for`, `br`).
        b'r' if !ends_name(b, i) || (b[i - 1] == b'b' && !ends_name(b, i - 1)) => {
            let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
            if at(i + 1 + hashes) != Some(b'"') {
                return i;
            }
            let mut end = vec![b'"'];
            end.extend(std::iter::repeat_n(b'#', hashes));
            let body = i + 2 + hashes;
            b[body..]
                .windows(end.len())
                .position(|w| w == end.as_slice())
                .map_or(b.len(), |p| body + p + end.len())
        }
        // A character literal (`'x'`, `'\n'`, `'é'`); a lifetime (`'a`) is code.
        b'\'' => {
            if at(i + 1) == Some(b'\\') {
                let mut k = i + 3;
                while k < b.len() && b[k] != b'\'' {
                    k += 1;
                }
                return k + 1;
            }
            // The width of the UTF-8 character after the quote, from its first byte.
            let first = match at(i + 1) {
                Some(0..0x80) | None => 1,
                Some(0x80..0xe0) => 2,
                Some(0xe0..0xf0) => 3,
                Some(_) => 4,
            };
            if at(i + 1 + first) == Some(b'\'') {
                i + 2 + first
            } else {
                i
            }
        }
        b'/' if at(i + 1) == Some(b'/') => b[i..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(b.len(), |p| i + p),
        b'/' if at(i + 1) == Some(b'*') => b[i + 2..]
            .windows(2)
            .position(|w| w == b"*/")
            .map_or(b.len(), |p| i + 2 + p + 2),
        _ => i,
    }
    .min(b.len())
}

/// The positions of code from `start` on, stepping over literals and comments.
fn code_from(b: &[u8], start: usize) -> impl Iterator<Item = usize> + '_ {
    let mut i = start;
    std::iter::from_fn(move || {
        while i < b.len() {
            let after = skip_literal(b, i);
            if after == i {
                i += 1;
                return Some(i - 1);
            }
            i = after;
        }
        None
    })
}

/// The index of the `)` closing the parenthesis opened just before `open`.
fn closing_paren(b: &[u8], open: usize) -> Option<usize> {
    let mut depth = 1usize;
    code_from(b, open).find(|&i| {
        match b[i] {
            b'(' => depth += 1,
            b')' => depth -= 1,
            _ => {}
        }
        depth == 0
    })
}

/// Splits a line holding `(MARK<index>)` into what comes before the parenthesis, the index,
/// and what follows the closing one.
fn marked_body(line: &str) -> Option<(&str, usize, &str)> {
    let open = line.find(&format!("({MARK}"))?;
    let digits = &line[open + 1 + MARK.len()..];
    let len = digits.find(|c: char| !c.is_ascii_digit())?;
    let index = digits[..len].parse().ok()?;
    let after = digits[len..].strip_prefix(')')?;
    Some((&line[..open], index, after))
}

/// A `decode_in_box!` body: `{ let local = init; ... } Path { field: value, ... }`, where a
/// field may be conditional (`field ?(cond): value`) and may be read in place
/// (`field <- r`), the forms the runtime macro accepts.
struct Body {
    locals: Option<Vec<syn::Stmt>>,
    path: syn::Path,
    fields: Vec<Field>,
}

struct Field {
    name: Ident,
    condition: Option<syn::Expr>,
    value: Value,
}

enum Value {
    Expr(syn::Expr),
    ReadFrom(Ident),
}

impl Body {
    /// The locals, if there is at least one (`{}` has none to format).
    fn some_locals(&self) -> Option<&[syn::Stmt]> {
        self.locals.as_deref().filter(|locals| !locals.is_empty())
    }
}

impl Parse for Body {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let locals = if input.peek(syn::token::Brace) {
            let content;
            syn::braced!(content in input);
            Some(content.call(syn::Block::parse_within)?)
        } else {
            None
        };
        let path = input.parse()?;
        let content;
        syn::braced!(content in input);
        let fields = Punctuated::<Field, syn::Token![,]>::parse_terminated(&content)?;
        Ok(Self {
            locals,
            path,
            fields: fields.into_iter().collect(),
        })
    }
}

impl Parse for Field {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let name = input.parse()?;
        let condition = if input.peek(syn::Token![?]) {
            input.parse::<syn::Token![?]>()?;
            let content;
            syn::parenthesized!(content in input);
            Some(content.parse()?)
        } else {
            None
        };
        let value = if input.peek(syn::Token![<-]) {
            input.parse::<syn::Token![<-]>()?;
            Value::ReadFrom(input.parse()?)
        } else {
            input.parse::<syn::Token![:]>()?;
            Value::Expr(input.parse()?)
        };
        Ok(Self {
            name,
            condition,
            value,
        })
    }
}

/// A body read, with its parts as prettyplease formats them: the locals (if any), the path,
/// then each field's condition and value, in order.
struct Laid {
    body: Body,
    parts: Vec<String>,
}

impl Laid {
    fn new(tokens: TokenStream) -> Option<Self> {
        let body: Body = syn::parse2(tokens).ok()?;
        // A function apiece, so that the lines of one part cannot mix with the next.
        let mut items: Vec<TokenStream> = Vec::new();
        if let Some(locals) = body.some_locals() {
            items.push(quote::quote!(fn f() { #(#locals)* }));
        }
        let path = &body.path;
        items.push(quote::quote!(fn f() -> #path {}));
        for field in &body.fields {
            if let Some(condition) = &field.condition {
                items.push(quote::quote!(fn f() { #condition }));
            }
            if let Value::Expr(value) = &field.value {
                items.push(quote::quote!(fn f() { #value }));
            }
        }
        let expected = items.len();
        let file: syn::File = syn::parse2(items.into_iter().collect()).ok()?;
        let parts = functions(&prettyplease::unparse(&file));
        (parts.len() == expected).then_some(Self { body, parts })
    }

    /// Writes the body, one line per local and per field, indented by `indent` columns.
    fn write(&self, out: &mut String, indent: usize) {
        let pad = " ".repeat(indent);
        let body = &self.body;
        let mut parts = self.parts.iter().map(String::as_str);
        let mut next = || parts.next().unwrap_or_default();
        if body.some_locals().is_some() {
            out.push_str(&format!("{pad}{{\n"));
            for line in next().lines() {
                out.push_str(&format!("{pad}    {line}\n"));
            }
            out.push_str(&format!("{pad}}}\n"));
        } else if body.locals.is_some() {
            out.push_str(&format!("{pad}{{}}\n"));
        }
        let path = next().trim();
        let path = path
            .strip_prefix("fn f() -> ")
            .and_then(|p| p.strip_suffix(" {}"))
            .unwrap_or(path);
        out.push_str(&format!("{pad}{path} {{\n"));
        for field in &body.fields {
            let mut head = format!("{pad}    {}", field.name);
            if field.condition.is_some() {
                head.push_str(&format!(" ?({})", next().trim()));
            }
            match &field.value {
                Value::ReadFrom(reader) => out.push_str(&format!("{head} <- {reader},\n")),
                Value::Expr(_) => {
                    let value = next().trim_end();
                    let one_line = !value.contains('\n');
                    // The line is the head, `: `, the value and a comma.
                    if one_line && head.len() + 2 + value.len() < WIDTH {
                        out.push_str(&format!("{head}: {value},\n"));
                    } else {
                        out.push_str(&format!("{head}:\n"));
                        for line in value.lines() {
                            out.push_str(&format!("{pad}        {line}\n"));
                        }
                        out.pop();
                        out.push_str(",\n");
                    }
                }
            }
        }
        out.push_str(&format!("{pad}}}\n"));
    }
}

/// The bodies of the functions in prettyplease's output of `fn f() { ... }` items, each
/// unindented by one level; for `fn f() -> T {}`, that line itself.
fn functions(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if line.starts_with("fn f()") {
            if line.ends_with("{}") {
                parts.push(line.to_string());
            } else {
                current = Some(String::new());
            }
        } else if line == "}" {
            parts.extend(current.take());
        } else if let Some(body) = &mut current {
            body.push_str(line.strip_prefix("    ").unwrap_or(line));
            body.push('\n');
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{generate, Options, Source};
    use proc_macro2::TokenTree;

    fn compact(text: &str) -> String {
        let source = Source {
            name: "test.tl",
            text,
        };
        generate(&[source], &Options::default()).unwrap().code
    }

    /// Every kind of `decode_in_box!` body the generator writes: locals read before the
    /// flags word, conditional fields read by value and in place, `?true` bits, and none of
    /// these (the `more` strings keep each constructor over the size that decodes in place).
    const SCHEMA: &str = "
        int ? = Int;
        long ? = Long;
        string ? = String;
        vector {t:Type} # [ t ] = Vector t;
        big flags:# note:flags.0?string id:long seen:flags.1?true text:string more:string
            tags:flags.2?Vector<long> = Big;
        late id:long flags:# x:flags.0?long tag:string more:string more2:string = Late;
        plain a:string b:string c:string d:int = Plain;
    ";

    /// The leaves of a token stream in order, with the groups' delimiters: the tokens,
    /// whatever the spacing.
    fn leaves(tokens: TokenStream, out: &mut Vec<String>) {
        for tree in tokens {
            match tree {
                TokenTree::Group(g) => {
                    out.push(format!("{:?}", g.delimiter()));
                    leaves(g.stream(), out);
                    out.push("end".into());
                }
                other => out.push(other.to_string()),
            }
        }
    }

    /// Checks that `format` gives the tokens prettyplease alone gives for `code` (which
    /// differ from `code`'s own only where prettyplease normalizes: trailing commas, empty
    /// doc lines).
    fn same_tokens_as_prettyplease(code: &str) -> String {
        let plain = prettyplease::unparse(&syn::parse_file(code).unwrap());
        let ours = format(code).unwrap();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        leaves(plain.parse().unwrap(), &mut a);
        leaves(ours.parse().unwrap(), &mut b);
        // prettyplease ends a list it breaks over lines with a comma (`Vec<\n X,\n>`), which
        // Rust reads the same.
        let trailing = |v: Vec<String>| -> Vec<String> {
            let next = |i: usize| v.get(i + 1).map(String::as_str);
            (0..v.len())
                .filter(|&i| !(v[i] == "," && matches!(next(i), Some(">" | "end"))))
                .map(|i| v[i].clone())
                .collect()
        };
        let (a, b) = (trailing(a), trailing(b));
        if let Some(i) = (0..a.len().min(b.len())).find(|&i| a[i] != b[i]) {
            let around = |v: &[String]| v[i.saturating_sub(8)..(i + 8).min(v.len())].join(" ");
            panic!("the tokens differ:\n{}\n{}", around(&a), around(&b));
        }
        assert_eq!(a.len(), b.len());
        assert_ne!(plain, ours, "nothing was laid out");
        ours
    }

    #[test]
    fn the_layout_changes_no_token() {
        let pretty = same_tokens_as_prettyplease(&compact(SCHEMA));
        assert_eq!(pretty.matches("decode_in_box!(\n").count(), 3, "{pretty}");
        // And on the whole Telegram API, when the corpus is there.
        if let Some(api) = crate::corpus_file("telegram/api-layer230.tl") {
            let pretty = same_tokens_as_prettyplease(&compact(&api));
            assert!(pretty.matches("decode_in_box!(\n").count() > 100);
            assert!(!pretty.contains(MARK));
        }
    }

    #[test]
    fn a_macro_body_reads_one_field_per_line() {
        let pretty = format(&compact(SCHEMA)).unwrap();
        let expected = "
            ::tl_runtime::decode_in_box!(
                {
                    let _flags_word = r.take_u32();
                }
                Self {
                    note ?(::tl_runtime::flags::has(_flags_word, 0)) <- r,
                    id: <i64 as ::tl_runtime::Deserialize>::decode(r),
                    text <- r,
                    more <- r,
                    tags ?(::tl_runtime::flags::has(_flags_word, 2)):
                        <Vec<i64> as ::tl_runtime::Deserialize>::decode(r),
                    seen: ::tl_runtime::flags::has(_flags_word, 1),
                }
            )
";
        assert!(pretty.contains(&expected[1..]), "{pretty}");
        let expected = "
            ::tl_runtime::decode_in_box!(
                {}
                Self {
                    a <- r,
";
        assert!(pretty.contains(&expected[1..]), "{pretty}");
        assert!(pretty.contains("let _id = <i64 as ::tl_runtime::Deserialize>::decode(r);"));
    }

    #[test]
    fn a_body_that_does_not_read_as_one_is_left_to_prettyplease() {
        let code = "fn f() -> u8 { ::tl_runtime::decode_in_box!(not a body) }";
        let pretty = format(code).unwrap();
        assert!(pretty.contains("decode_in_box!(not a body)"), "{pretty}");
        let code = "fn f() { g(__tl_codegen_macro_body_7) }";
        assert!(format(code)
            .unwrap()
            .contains("g(__tl_codegen_macro_body_7)"));
    }

    #[test]
    fn calls_are_found_in_code_only() {
        // In a doc comment and a string, the text of a call is left alone; in code, a
        // parenthesis in a literal inside the body does not end it. A raw string ends at its
        // first quote (`br"\"`), whatever comes before.
        let code = r##"
            /// See `decode_in_box!(S { a: 1 })`.
            fn f<'a>(x: &'a u8) -> Box<S> {
                let _ = ("decode_in_box!(S { a: 1 })", '(', '\'', r"decode_in_box!(S { a: 1 })");
                let _ = (br#"decode_in_box!(S { "a": 1 })"#, br"\");
                decode_in_box ! (S { a : ")".len(), b ? (*x > 0) <- r, })
            }
        "##;
        let pretty = format(code).unwrap();
        assert!(!pretty.contains(MARK), "{pretty}");
        assert!(
            pretty.contains("/// See `decode_in_box!(S { a: 1 })`."),
            "{pretty}"
        );
        assert!(
            pretty.contains(r#""decode_in_box!(S { a: 1 })","#),
            "{pretty}"
        );
        assert!(
            pretty.contains(r#"r"decode_in_box!(S { a: 1 })""#),
            "{pretty}"
        );
        assert!(
            pretty.contains(r##"br#"decode_in_box!(S { "a": 1 })"#"##),
            "{pretty}"
        );
        let expected = r#"
    decode_in_box!(
        S {
            a: ")".len(),
            b ?(*x > 0) <- r,
        }
    )
"#;
        assert!(pretty.contains(&expected[1..]), "{pretty}");
    }
}
