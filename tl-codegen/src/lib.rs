//! Rust code generation for TL schemas.
//!
//! Two ways in:
//! - from a build script, a [`Config`] in the style of `prost-build`: it reads the schema
//!   files, writes one Rust file into `OUT_DIR`, and tells Cargo when to rerun;
//! - from a tool (the `tl gen` command), [`generate`]: schema text in, Rust out; with the
//!   `pretty` feature, `pretty` formats it for people.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     tl_codegen::Config::new()
//!         .schema("schema/api.tl")
//!         .schema("schema/mtproto.tl")
//!         .compile()?;
//!     Ok(())
//! }
//! // src/lib.rs: pub mod api { include!(concat!(env!("OUT_DIR"), "/tl_schema.rs")); }
//! ```
//!
//! # What is generated
//!
//! Following grammers' proven layout, so that a constructor and a type of the same name
//! (`updates` and `Updates`) never meet:
//! - `types`: one struct per constructor, implementing `Identifiable` (its `CONSTRUCTOR_ID`),
//!   the bare and boxed codec traits;
//! - `enums`: one enum per boxed type, one variant per constructor. A variant holds its
//!   constructor's struct directly when that takes at most three words (`peerUser`,
//!   `updateNewMessage`), else in a `Box`, so every enum is at most four words: small values
//!   cost no allocation and large ones are not copied around. Types that can contain
//!   themselves (`textBold text:RichText`) box every variant with fields, so they compile,
//!   and count nesting depth while decoding (`Reader::nested`). A type with a single
//!   constructor that cannot contain itself is not an enum but an alias of that constructor's
//!   struct (`enums::Config` is `types::Config`), as in gotd: a field of the type holds the
//!   struct directly up to three words and in a `Box` above. The one-variant enums grammers
//!   has are available with [`Options::single_constructor_enums`];
//! - `functions`: one struct per function implementing `RemoteCall` (and decoding only with
//!   [`Options::decode_functions`]); generic functions
//!   (`invokeWithLayer {X:Type} query:!X = X`) are generic structs whose `Return` is
//!   `X::Return`;
//! - TL namespaces (`payments.`) become submodules of each; at the root, `LAYER` (when the
//!   schema has a `// LAYER` line), `name_for_id`, and `Object` when the schema needs it.
//!
//! Every item's doc comment is its TL declaration, plus the schema's `//@` docs.
//!
//! # Fields
//!
//! `int` i32, `long` i64, `double` f64, `#` u32, `int128` `[u8; 16]`, `int256` `[u8; 32]`,
//! `string` `tl_runtime::ByteString`, `bytes` `bytes::Bytes`, `Bool` bool, vectors `Vec<T>`,
//! `flags.N?T` `Option<T>`, `flags.N?true` bool. Flags words are not stored: encoding computes
//! them from which fields are present.
//!
//! `string` and `bytes` fields are slices of the decoded buffer, not copies: decoding a
//! message's texts costs no allocation. A `ByteString` derefs to `str`; build one with
//! `"text".into()`, from a `String` with `.into()`, or with `ByteString::from_static`.
//!
//! **Fields sharing one bit** (`views:flags.10?int forwards:flags.10?int`) are one member,
//! `views_and_forwards: Option<(i32, i32)>`, so a value where one is present and the other is
//! not cannot be built; encoding can never produce bytes that decode to something else. A
//! `?true` field on a bit shared with a value field (`live_photo:flags.3?true
//! video:flags.3?InputDocument`) is not stored either: it becomes a method (`live_photo()`)
//! that says whether the value is present.
//!
//! **`Object`** (TL's "any boxed value", as in `rpc_result#f35c6d01 req_msg_id:long
//! result:Object`) and types a schema uses without defining are `Object`: the raw bytes of the
//! value, which take the rest of the input when decoding. `Object::decode::<T>()` decodes them
//! once the caller knows the type; `Object::name()` looks the constructor up.
//!
//! Builtin declarations (`int ? = Int;`, `vector {t:Type} # [ t ] = Vector t;`, `boolTrue`,
//! `true`, `int128 4*[ int ]`, TDLib's `int32 = Int32;`, `bytes = Bytes;` ...) map to the Rust
//! primitives above instead of generating types.
//!
//! Output is deterministic: the same schema text and options give byte-identical code.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod config;
mod emit;
mod error;
mod model;
pub mod names;
#[cfg(feature = "pretty")]
mod pretty;

pub use config::Config;
pub use error::Error;
pub use tl_parser::id::Normalization;

use proc_macro2::{Delimiter, Spacing, TokenTree};
use std::fmt;
use tl_parser::{validate, Declaration};

/// One schema file's text and the name diagnostics call it by.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// Shown in diagnostics (`api.tl:12:3: error: ...`).
    pub name: &'a str,
    /// The TL text.
    pub text: &'a str,
}

/// What to generate, independent of where the schema comes from or where the code goes.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Options {
    /// Path of the runtime crate in generated code.
    pub runtime_path: String,
    /// Attributes put on every generated struct and enum (`#[derive(Hash)]`, `#[serde(...)]`).
    pub type_attributes: Vec<String>,
    /// Id mismatches (and undefined types) are errors instead of warnings.
    pub strict: bool,
    /// The rule declared ids are checked against.
    pub normalization: Normalization,
    /// Generate only these functions, types or constructors and what they need; all when empty.
    pub roots: Vec<String>,
    /// Implement `Default` for every struct and enum (an enum defaults to its first
    /// constructor whose default value is finite).
    pub default_impls: bool,
    /// Implement the decoding traits for functions too, so a request decodes from the bytes it
    /// encodes to (for servers, proxies, tests). Off by default, as in grammers: a client only
    /// encodes requests, and on the Telegram API the decoders add about 3% to the generated
    /// code's debug build (net of the derived `Clone` they let functions do without).
    pub decode_functions: bool,
    /// Emit a one-variant enum for a type with a single constructor, as grammers does, instead
    /// of making the type that constructor's struct (`enums::Config` an alias of
    /// `types::Config`, as in gotd). Off by default: those enums hold nothing the struct does
    /// not, and on the Telegram API (418 such types of 675) they were an eighth of the
    /// generated code's build time.
    pub single_constructor_enums: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            runtime_path: "::tl_runtime".into(),
            type_attributes: Vec::new(),
            strict: false,
            normalization: Normalization::Telegram,
            roots: Vec::new(),
            default_impls: false,
            decode_functions: false,
            single_constructor_enums: false,
        }
    }
}

/// Something worth telling the user that does not stop generation (an id that does not match
/// its declaration, a type left undefined).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning(pub String);

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Generated code and the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Rust source, ready to be written to a file and `include!`d: compact, one item per line
    /// (the `pretty` feature formats it for people).
    pub code: String,
    /// Rendered diagnostics and generator notes; empty when all is well.
    pub warnings: Vec<Warning>,
    /// Every generated constructor, function and type, for tools (and tests) that need to
    /// name them: `tl decode --type`, a test calling something for every constructor.
    pub items: Vec<Item>,
}

/// One generated struct or enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The TL name (`updateShort`, `Updates`, `payments.refundStarsCharge`).
    pub tl_name: String,
    /// Its path relative to where the generated file is included (`types::UpdateShort`).
    pub rust_path: String,
    /// What it is.
    pub kind: ItemKind,
    /// Whether it has type parameters (`InvokeWithLayer<X>`).
    pub generic: bool,
}

/// What an [`Item`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A constructor's struct, in `types`.
    Constructor,
    /// A function's struct, in `functions`.
    Function,
    /// A boxed type's enum, in `enums`.
    Type,
}

/// Generates Rust for `sources` taken together as one schema.
///
/// Diagnostics (from parsing, validation and the id check) that are errors fail with
/// [`Error::Schema`]; the others come back as warnings.
pub fn generate(sources: &[Source<'_>], options: &Options) -> Result<Generated, Error> {
    generate_on(sources, options, emit::default_threads())
}

/// [`generate`] with the items emitted by `threads` threads.
fn generate_on(
    sources: &[Source<'_>],
    options: &Options,
    threads: usize,
) -> Result<Generated, Error> {
    let named: Vec<(&str, &str)> = sources.iter().map(|s| (s.name, s.text)).collect();
    let (parsed, diags) = tl_parser::check_named(
        &named,
        validate::Options {
            normalization: options.normalization,
            strict: options.strict,
        },
    );
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    for (src, list) in sources.iter().zip(&diags) {
        for d in list {
            let text = d.render(src.name, src.text);
            if d.is_error() {
                errors.push(text);
            } else {
                warnings.push(Warning(text));
            }
        }
    }
    if !errors.is_empty() {
        return Err(Error::Schema {
            count: errors.len(),
            rendered: errors.join("\n"),
        });
    }

    let decls: Vec<&Declaration> = parsed
        .iter()
        .flat_map(|p| p.schema.declarations.iter())
        .collect();
    let classes: Vec<_> = parsed
        .iter()
        .flat_map(|p| p.schema.classes.iter())
        .collect();
    let layer = parsed.iter().find_map(|p| p.schema.layer);
    let model = model::build(
        &decls,
        &classes,
        layer,
        &options.roots,
        options.single_constructor_enums,
        &mut warnings,
    )?;

    // Checked here, once; `streams` parses the same text again for each thread of `emit`.
    runtime_path(&options.runtime_path)?;
    for a in &options.type_attributes {
        outer_attributes(a)?;
    }
    let streams = || {
        let mut attrs = proc_macro2::TokenStream::new();
        for a in &options.type_attributes {
            attrs.extend(outer_attributes(a).unwrap_or_default());
        }
        (
            runtime_path(&options.runtime_path).unwrap_or_default(),
            attrs,
        )
    };

    let path = |module: &[String], ident: &str| {
        let mut p = module.join("::");
        p.push_str("::");
        p.push_str(ident);
        p
    };
    let mut items = Vec::new();
    for (list, kind) in [
        (&model.ctors, ItemKind::Constructor),
        (&model.funcs, ItemKind::Function),
    ] {
        items.extend(list.iter().map(|c| Item {
            tl_name: c.decl.name.to_string(),
            rust_path: path(&c.module, &c.ident),
            kind,
            generic: !c.generics.is_empty(),
        }));
    }
    items.extend(model.types.iter().map(|t| Item {
        tl_name: t.tl_name.to_string(),
        rust_path: path(&t.module, &t.ident),
        kind: ItemKind::Type,
        generic: false,
    }));

    Ok(Generated {
        code: emit::emit(&model, options, &streams, threads),
        warnings,
        items,
    })
}

/// Parses a runtime path option: `crate`, `::tl_runtime`, `crate::rt`, `super::rt` ...
///
/// Checked by hand rather than with a Rust parser so that build scripts do not pay for one.
fn runtime_path(text: &str) -> Result<proc_macro2::TokenStream, Error> {
    let invalid = |message: &str| Error::InvalidOption {
        value: text.to_string(),
        message: message.to_string(),
    };
    let tokens: proc_macro2::TokenStream = text
        .parse()
        .map_err(|e: proc_macro2::LexError| invalid(&e.to_string()))?;
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    // `::`-separated identifiers, optionally starting with `::`.
    let mut rest = tokens.as_slice();
    let mut want_ident = true;
    if let Some(after) = path_separator(rest) {
        rest = after;
    }
    while !rest.is_empty() {
        if want_ident {
            match rest {
                [TokenTree::Ident(_), after @ ..] => rest = after,
                _ => {
                    return Err(invalid(
                        "expected a path like `::tl_runtime` or `crate::rt`",
                    ))
                }
            }
        } else {
            rest = path_separator(rest)
                .ok_or_else(|| invalid("expected a path like `::tl_runtime` or `crate::rt`"))?;
        }
        want_ident = !want_ident;
    }
    if want_ident {
        return Err(invalid(
            "expected a path like `::tl_runtime` or `crate::rt`",
        ));
    }
    Ok(tokens.into_iter().collect())
}

/// The tokens after a leading `::`, if there is one.
fn path_separator(tokens: &[TokenTree]) -> Option<&[TokenTree]> {
    match tokens {
        [TokenTree::Punct(a), TokenTree::Punct(b), rest @ ..]
            if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':' =>
        {
            Some(rest)
        }
        _ => None,
    }
}

/// Parses a type attribute option: one or more outer attributes, `#[...]`.
fn outer_attributes(text: &str) -> Result<proc_macro2::TokenStream, Error> {
    let invalid = || Error::InvalidOption {
        value: text.to_string(),
        message: "expected one or more outer attributes, like `#[derive(Hash)]`".into(),
    };
    let tokens: proc_macro2::TokenStream = text.parse().map_err(|_| invalid())?;
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    if tokens.is_empty() || !tokens.len().is_multiple_of(2) {
        return Err(invalid());
    }
    for pair in tokens.chunks(2) {
        match pair {
            [TokenTree::Punct(hash), TokenTree::Group(g)]
                if hash.as_char() == '#' && g.delimiter() == Delimiter::Bracket => {}
            _ => return Err(invalid()),
        }
    }
    Ok(tokens.into_iter().collect())
}

/// Formats generated code for people to read, as `tl gen` prints it (feature `pretty`).
///
/// [`generate`] returns compact text, one item per line, which compiles the same and costs a
/// build script nothing to format; this is for code that people open. prettyplease lays it
/// out, and the bodies of `decode_in_box!` calls, which it cannot read, get one field per
/// line.
#[cfg(feature = "pretty")]
pub fn pretty(code: &str) -> Result<String, Error> {
    pretty::format(code)
}

/// A file of the TL corpus beside the checkout (or at `TL_CORPUS`). As in the workspace's
/// other corpus tests, a test without it is skipped, except in CI, where it fails.
#[cfg(test)]
fn corpus_file(path: &str) -> Option<String> {
    let root = std::env::var_os("TL_CORPUS").map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/tl-corpus"),
        std::path::PathBuf::from,
    );
    let Ok(text) = std::fs::read_to_string(root.join(path)) else {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "TL corpus not found at {}",
            root.display()
        );
        eprintln!("note: TL corpus not found at {}; skipping", root.display());
        return None;
    };
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The output must not depend on how many threads the machine has.
    #[test]
    fn thread_count_does_not_change_the_output() {
        let Some(api) = corpus_file("telegram/api-layer230.tl") else {
            return;
        };
        let sources = [Source {
            name: "api.tl",
            text: &api,
        }];
        let options = Options {
            type_attributes: vec!["#[derive(PartialOrd)]".into()],
            ..Options::default()
        };
        let one = generate_on(&sources, &options, 1).unwrap().code;
        for threads in [2, 3, 7] {
            let many = generate_on(&sources, &options, threads).unwrap().code;
            assert!(one == many, "{threads} threads gave other output than one");
        }
    }
}
