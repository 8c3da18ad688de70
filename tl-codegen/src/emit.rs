//! The plan ([`Model`]) as Rust tokens.
//!
//! Generated impls are kept to calls into the runtime (`flags::bit`, `vector::*`), and the
//! boxed form of a constructor is not generated at all (the runtime's blanket impls derive it
//! from the bare form), so that each constructor costs the compiler as little as possible.

use crate::model::{BoxedType, Combinator, Member, MemberKind, Model, Prim, Step, Ty};
use crate::Options;
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// Lints that cannot be satisfied by code mirroring someone else's schema; each is allowed on
/// the three top modules only.
/// - `clippy::enum_variant_names`: variants are named after TL constructors, which often share
///   a prefix (`UpdateShort`, `UpdateShortMessage`).
/// - `clippy::large_enum_variant`: payloads over `MAX_INLINE_PAYLOAD` bytes are boxed already.
/// - `clippy::type_complexity`: shared-bit groups are `Option<(A, B, ...)>` tuples.
/// - `clippy::too_many_arguments`, `clippy::doc_lazy_continuation`, `clippy::doc_overindented_list_items`:
///   TL doc comments are copied as written.
/// - `non_camel_case_types`, `non_snake_case`: names are converted, but a schema can still
///   produce names that rustc's heuristics dislike (digits, acronyms).
/// - `clippy::module_inception`: a namespace may share its parent's name.
/// - `clippy::derivable_impls`: `Default` for enums is written out so it can pick a variant.
/// - `clippy::possible_missing_else`: the code is compact, an item per line, so two `if`
///   statements can share a line.
fn allow_list() -> TokenStream {
    quote! {
        #[allow(
            non_camel_case_types,
            non_snake_case,
            clippy::enum_variant_names,
            clippy::large_enum_variant,
            clippy::type_complexity,
            clippy::too_many_arguments,
            clippy::module_inception,
            clippy::derivable_impls,
            clippy::doc_lazy_continuation,
            clippy::doc_overindented_list_items,
            clippy::possible_missing_else
        )]
    }
}

/// The member a conditional step reads into, and the type of the value it reads: the
/// member's own type, or one element of a shared-bit group.
fn conditional_value<'c>(
    c: &'c Combinator<'_>,
    member: usize,
    elem: Option<usize>,
) -> (&'c Member, &'c Ty) {
    let m = &c.members[member];
    match (&m.kind, elem) {
        (MemberKind::Optional(t), None) => (m, t),
        (MemberKind::Tuple(ts), Some(k)) => (m, &ts[k]),
        _ => unreachable!("conditional steps point at optional members"),
    }
}

/// The member a required step reads, and its type.
fn required_value<'c>(c: &'c Combinator<'_>, member: usize) -> (&'c Member, &'c Ty) {
    let m = &c.members[member];
    match &m.kind {
        MemberKind::Required(t) => (m, t),
        _ => unreachable!("required steps point at required members"),
    }
}

pub(crate) fn ident(s: &str) -> Ident {
    match s.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(s, Span::call_site()),
    }
}

fn doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| format!(" {l}"));
    quote! { #(#[doc = #lines])* }
}

fn hex(id: u32) -> Literal {
    format!("0x{id:08x}").parse().expect("a hex literal")
}

/// Enums with at most this many variants, all held inline, have their decoder always inlined.
const MAX_ALWAYS_INLINE_VARIANTS: usize = 4;

/// Boxed constructors whose struct takes at most this many bytes decode into a value that is
/// then moved into its box; larger ones are written into the box field by field
/// (`decode_in_box!`).
///
/// Writing in place saves copying the struct, which is what matters for `message` (512 bytes):
/// for a struct of a cache line and a half the copy is a dozen moves next to an allocation.
/// But an in-place decoder costs the compiler several times what a plain one does, and most
/// boxed constructors are small: of layer 230's 1,006, 791 take at most 96 bytes. Decoding
/// those plainly took the generated API's debug build from 9.07 to 7.81 s (fastest of three
/// interleaved runs each), with no change the decoding benchmarks could tell from noise.
const IN_BOX_ABOVE: usize = 96;

/// Which codec calls a value needs.
enum Kind {
    /// `Serialize` / `Deserialize`.
    Boxed,
    /// `SerializeBare` / `DeserializeBare`.
    Bare,
    /// A `vector::*_of_bare` function.
    VecFn,
    /// A plain type's struct held in a `Box` (see `model::mark_plain`): `boxed::decode_boxed`,
    /// and written through the box.
    BoxedStruct,
}

struct Emitter<'m, 'a> {
    m: &'m Model<'a>,
    rt: TokenStream,
    attrs: TokenStream,
    defaults: bool,
    decode_functions: bool,
}

/// One generated item: a constructor's, a function's, or a boxed type's.
#[derive(Clone, Copy)]
enum Job {
    Ctor(usize),
    Type(usize),
    Func(usize),
}

impl Job {
    /// The module the item goes in.
    fn module<'m>(self, m: &'m Model<'_>) -> &'m Vec<String> {
        match self {
            Job::Ctor(i) => &m.ctors[i].module,
            Job::Type(i) => &m.types[i].module,
            Job::Func(i) => &m.funcs[i].module,
        }
    }
}

/// Generates the whole file as compact Rust text: the token stream of each item on a line of
/// its own, so the text is cheap to produce (no formatter) and compiler messages about it
/// still point at one item.
///
/// `streams` gives the runtime path and the type attributes as tokens, already checked; it is
/// called once per worker thread, since tokens cannot cross threads.
pub(crate) fn emit(
    m: &Model<'_>,
    opts: &Options,
    streams: &(dyn Fn() -> (TokenStream, TokenStream) + Sync),
    threads: usize,
) -> String {
    let emitter = || {
        let (rt, attrs) = streams();
        Emitter {
            m,
            rt,
            attrs,
            defaults: opts.default_impls,
            decode_functions: opts.decode_functions,
        }
    };
    let jobs: Vec<Job> = (0..m.ctors.len())
        .map(Job::Ctor)
        .chain((0..m.types.len()).map(Job::Type))
        .chain((0..m.funcs.len()).map(Job::Func))
        .collect();
    // Items are independent, so threads take runs of them in turn and the texts are put back
    // in order: the output does not depend on the thread count. Runs are handed out as threads
    // come for them rather than split in equal halves up front: items differ in cost (a
    // function is cheaper than a constructor that decodes), and halves left one thread idle
    // for a third of the time on the Telegram schema.
    let blocks: Vec<&[Job]> = jobs.chunks(BLOCK).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let run = || -> Vec<(usize, Vec<String>)> {
        let e = emitter();
        let mut done = Vec::new();
        loop {
            let b = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(block) = blocks.get(b) else {
                return done;
            };
            // Each item is printed as soon as it is built and its tokens dropped at once: kept
            // until the end, the whole schema's tokens made allocation slow and dropping them
            // took about a fifth of the time.
            done.push((b, block.iter().map(|&job| e.item(job)).collect()));
        }
    };
    let mut runs: Vec<(usize, Vec<String>)> = if threads <= 1 {
        run()
    } else {
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads).map(|_| scope.spawn(run)).collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        })
    };
    runs.sort_unstable_by_key(|(b, _)| *b);
    let texts = runs.into_iter().flat_map(|(_, texts)| texts);
    let mut modules: BTreeMap<Vec<String>, String> = BTreeMap::new();
    for top in ["types", "enums", "functions"] {
        modules.insert(vec![top.to_string()], String::new());
    }
    for (job, text) in jobs.iter().zip(texts) {
        let module = job.module(m);
        match modules.get_mut(module) {
            Some(module_text) => module_text.push_str(&text),
            None => {
                modules.insert(module.clone(), text);
            }
        }
    }
    let mut out = String::new();
    let e = emitter();
    push_line(&mut out, e.root_items());
    e.module_tree(&modules, &[], &mut out);
    out
}

/// How many items a thread of `emit` takes at a time: small enough that the threads finish
/// together, large enough that taking them is no cost.
const BLOCK: usize = 32;

/// How many threads `emit` uses: the machine's, up to four (more gain little on the schemas we
/// know, and cost their start-up).
///
/// A build script runs while the crate it generates for waits on it, so the cores are mostly
/// free then. On one thread of a 2-core machine the Telegram schema took 200 ms, on two 120 ms.
pub(crate) fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// Appends the text of `tokens` and a line break.
fn push_line(out: &mut String, tokens: TokenStream) {
    use std::fmt::Write;
    // Writing to a String cannot fail.
    let _ = writeln!(out, "{tokens}");
}

impl Emitter<'_, '_> {
    /// The text of one item, on a line of its own.
    fn item(&self, job: Job) -> String {
        let tokens = match job {
            Job::Ctor(i) => self.combinator(&self.m.ctors[i], false),
            Job::Type(i) => self.boxed_type(&self.m.types[i]),
            Job::Func(i) => self.combinator(&self.m.funcs[i], true),
        };
        let mut text = String::new();
        push_line(&mut text, tokens);
        text
    }

    /// Path from module `from` to the crate-of-generation root.
    fn root(&self, from: &[String]) -> TokenStream {
        let supers = from.iter().map(|_| quote!(super::));
        quote!(#(#supers)*)
    }

    fn path(&self, from: &[String], module: &[String], name: &str) -> TokenStream {
        let common = from.iter().zip(module).take_while(|(a, b)| a == b).count();
        let supers = from[common..].iter().map(|_| quote!(super::));
        let segs = module[common..].iter().map(|s| ident(s));
        let name = ident(name);
        quote!(#(#supers)* #(#segs::)* #name)
    }

    fn ctor_path(&self, from: &[String], i: usize) -> TokenStream {
        let c = &self.m.ctors[i];
        self.path(from, &c.module, &c.ident)
    }

    fn enum_path(&self, from: &[String], i: usize) -> TokenStream {
        let t = &self.m.types[i];
        self.path(from, &t.module, &t.ident)
    }

    /// Whether a field of `ty` is decoded straight into its place in the box
    /// (`decode_in_box!`'s `<- r` and `?(..) <- r` forms): strings and `bytes`, whose
    /// out-of-line readers write through the pointer they are given. Returned instead, the
    /// value came back through a stack temporary that was then copied into the box with loads
    /// that stalled on the reader's stores. Other values come back in registers or are
    /// assembled where they are stored (enums: storing them through `decode_into` measured no
    /// different).
    fn decoded_in_place(ty: &Ty) -> bool {
        matches!(ty, Ty::Prim(Prim::String | Prim::Bytes))
    }

    /// The Rust type of a value of `ty`; `field` says whether it sits directly in a struct
    /// (where bare constructors are boxed to keep structs small and break recursion).
    fn rust_ty(&self, from: &[String], ty: &Ty, field: bool) -> TokenStream {
        let rt = &self.rt;
        match ty {
            Ty::Prim(p) => match p {
                Prim::U32 => quote!(u32),
                Prim::I32 => quote!(i32),
                Prim::I64 => quote!(i64),
                Prim::F64 => quote!(f64),
                Prim::String => quote!(#rt::ByteString),
                Prim::Bytes => quote!(#rt::bytes::Bytes),
                Prim::Int128 => quote!([u8; 16]),
                Prim::Int256 => quote!([u8; 32]),
                Prim::Int512 => {
                    let root = self.root(from);
                    quote!(#root Int512)
                }
                Prim::Bool => quote!(bool),
            },
            Ty::Vector { elem, .. } => {
                let e = self.rust_ty(from, elem, false);
                quote!(Vec<#e>)
            }
            Ty::Enum(i) => match self.boxed_plain(ty) {
                Some(c) if field => {
                    let p = self.ctor_path(from, c);
                    quote!(Box<#p>)
                }
                _ => self.enum_path(from, *i),
            },
            Ty::Bare(i) => {
                let p = self.ctor_path(from, *i);
                if field {
                    quote!(Box<#p>)
                } else {
                    p
                }
            }
            Ty::Generic(g) => {
                let g = ident(&crate::names::type_name(g));
                quote!(#g)
            }
            Ty::Object => {
                let root = self.root(from);
                quote!(#root Object)
            }
        }
    }

    fn member_ty(&self, from: &[String], m: &Member) -> TokenStream {
        match &m.kind {
            MemberKind::Required(t) => self.rust_ty(from, t, true),
            MemberKind::Flag => quote!(bool),
            MemberKind::Optional(t) => {
                let t = self.rust_ty(from, t, true);
                quote!(Option<#t>)
            }
            MemberKind::Tuple(ts) => {
                let ts = ts.iter().map(|t| self.rust_ty(from, t, true));
                quote!(Option<(#(#ts),*)>)
            }
        }
    }

    /// The expression that decodes a value of `ty` from the reader `r`. (Encoding is the
    /// walk's: see [`Emitter::walk`].)
    fn decoder(&self, from: &[String], ty: &Ty) -> TokenStream {
        let rt = &self.rt;
        let rust = self.rust_ty(from, ty, true);
        match (self.codec_kind(ty), ty) {
            (Kind::VecFn, Ty::Vector { boxed_header, elem }) => {
                let de = if *boxed_header {
                    format_ident!("decode_boxed_of_bare")
                } else {
                    format_ident!("decode_bare_of_bare")
                };
                let elem = self.rust_ty(from, elem, false);
                quote!(#rt::vector::#de::<#elem>(r))
            }
            (Kind::Bare, _) => quote!(<#rust as #rt::DeserializeBare>::decode_bare(r)),
            (Kind::BoxedStruct, _) => {
                let c = self.boxed_struct_path(from, ty);
                quote!(#rt::boxed::decode_boxed::<#c>(r))
            }
            // Qualified: an inherent `decode` (`Object::decode::<T>`) would win otherwise.
            _ => quote!(<#rust as #rt::Deserialize>::decode(r)),
        }
    }

    /// The constructor of a plain type whose fields hold it boxed.
    fn boxed_plain(&self, ty: &Ty) -> Option<usize> {
        match ty {
            Ty::Enum(i) if self.m.types[*i].plain => {
                let c = self.m.types[*i].variants[0].1;
                (!self.m.ctors[c].inline).then_some(c)
            }
            _ => None,
        }
    }

    /// The struct a [`Kind::BoxedStruct`] field holds.
    fn boxed_struct_path(&self, from: &[String], ty: &Ty) -> TokenStream {
        let c = self
            .boxed_plain(ty)
            .expect("BoxedStruct fields are of a boxed plain type");
        self.ctor_path(from, c)
    }

    /// How a field of type `ty` is decoded and walked.
    fn codec_kind(&self, ty: &Ty) -> Kind {
        if self.boxed_plain(ty).is_some() {
            return Kind::BoxedStruct;
        }
        match ty {
            Ty::Vector { elem, .. } if matches!(**elem, Ty::Bare(_)) => Kind::VecFn,
            Ty::Bare(_)
            | Ty::Vector {
                boxed_header: false,
                ..
            } => Kind::Bare,
            _ => Kind::Boxed,
        }
    }

    /// Fewest bytes a value of `ty` takes, for `MIN_BARE_LEN`.
    fn min_len(ty: &Ty) -> usize {
        match ty {
            Ty::Prim(p) => p.fixed_len().unwrap_or(4),
            Ty::Vector { boxed_header, .. } => {
                if *boxed_header {
                    8
                } else {
                    4
                }
            }
            Ty::Enum(_) | Ty::Generic(_) => 4,
            Ty::Bare(_) | Ty::Object => 0,
        }
    }

    fn combinator(&self, c: &Combinator<'_>, is_fn: bool) -> TokenStream {
        let rt = &self.rt;
        let from = &c.module;
        let name = ident(&c.ident);
        let attrs = &self.attrs;

        let mut docs = format!("`{}`", tl_parser::declaration_to_string(c.decl));
        if let Some(d) = c.decl.doc.as_ref().and_then(|d| d.description()) {
            docs.push_str("\n\n");
            docs.push_str(d);
        }
        let docs = doc(&docs);

        let generics: Vec<Ident> = c.generics.iter().map(|g| ident(g)).collect();
        let gen_decl = if generics.is_empty() {
            quote!()
        } else {
            quote!(<#(#generics),*>)
        };

        let fields = c.members.iter().map(|m| {
            let n = ident(&m.name);
            let t = self.member_ty(from, m);
            let mut text = format!("`{}`", m.doc);
            if let Some(param_doc) = c
                .decl
                .doc
                .as_ref()
                .and_then(|d| d.tag(m.doc.split(':').next().unwrap_or_default()))
            {
                text.push_str("\n\n");
                text.push_str(param_doc);
            }
            let d = doc(&text);
            quote! { #d pub #n: #t }
        });
        let default_derive = if self.defaults {
            quote!(#[derive(Default)])
        } else {
            quote!()
        };
        let body = if c.is_unit() {
            quote!(;)
        } else {
            quote!({ #(#fields,)* })
        };
        // `Debug` and `PartialEq` are written below, through the same walk as the encoder, and
        // `Clone` through the encoding where it can be (see `clone_by_encoding`). A struct
        // without fields has nothing to walk or encode, and its derived impls do nothing.
        let decode = !is_fn || self.decode_functions;
        let by_encoding = self.clone_by_encoding() && decode && generics.is_empty();
        let derives = if c.is_unit() {
            quote!(#[derive(Clone, PartialEq)])
        } else if by_encoding {
            quote!()
        } else {
            quote!(#[derive(Clone)])
        };
        let clone = (by_encoding && !c.is_unit()).then(|| self.clone_impl(&name, "bare"));
        let strukt = quote! {
            #docs
            #derives
            #default_derive
            #attrs
            pub struct #name #gen_decl #body
        };

        let accessors = if c.accessors.is_empty() {
            quote!()
        } else {
            let fns = c.accessors.iter().map(|a| {
                let n = ident(&a.name);
                let m = ident(&c.members[a.member].name);
                let text = doc(&format!(
                    "`{}`: shares its bit with `{}`, so it is set exactly when that is present.",
                    a.tl, c.members[a.member].doc
                ));
                let expr = match c.members[a.member].kind {
                    MemberKind::Flag => quote!(self.#m),
                    _ => quote!(self.#m.is_some()),
                };
                quote! { #text pub fn #n(&self) -> bool { #expr } }
            });
            quote! { impl #gen_decl #name #gen_decl { #(#fns)* } }
        };

        // Encoding and `Debug`: one walk over the fields (see `tl_runtime::fields`).
        let walk = self.walk(c);
        let in_box = (!is_fn
            && !c.inline
            && generics.is_empty()
            && !c.is_unit()
            && c.size.is_none_or(|size| size > IN_BOX_ABOVE))
        .then(|| self.in_box(c))
        .flatten();

        let min: usize = c
            .members
            .iter()
            .map(|m| match &m.kind {
                MemberKind::Required(t) => Self::min_len(t),
                _ => 0,
            })
            .sum::<usize>()
            + c.steps
                .iter()
                .filter(|s| matches!(s, Step::Flags { .. }))
                .count()
                * 4;
        let min_const = if min > 0 {
            let min = Literal::usize_unsuffixed(min);
            quote!(const MIN_BARE_LEN: usize = #min;)
        } else {
            quote!()
        };
        let r_arg = if c.steps.is_empty() {
            quote!(_r)
        } else {
            quote!(r)
        };
        let v_arg = if c.members.is_empty() {
            quote!(_v)
        } else {
            quote!(v)
        };
        let id = hex(c.id);
        let tl_name = c.decl.name;
        let rust_name = c.ident.trim_start_matches("r#");

        // A generic field is walked for encoding, printing and comparing, so it needs all three.
        let (ser_bound, de_bound, call_bound) = if generics.is_empty() {
            (quote!(), quote!(), quote!())
        } else {
            (
                quote!(<#(#generics: #rt::Serialize + ::core::fmt::Debug + PartialEq + 'static),*>),
                quote!(<#(#generics: #rt::Deserialize),*>),
                quote!(<#(#generics: #rt::RemoteCall + ::core::fmt::Debug + PartialEq + 'static),*>),
            )
        };
        let partial_eq = (!c.is_unit()).then(|| {
            quote! {
                impl #ser_bound PartialEq for #name #gen_decl {
                    #[inline]
                    fn eq(&self, other: &Self) -> bool {
                        #rt::fields::eq(self, other)
                    }
                }
            }
        });
        // No boxed impls: the runtime's blanket impls make every `Identifiable` +
        // `SerializeBare` type `Serialize` (and `Deserialize` with `DeserializeBare`).
        let remote = if is_fn {
            let result = c.result.as_ref().expect("functions have results");
            match result {
                Ty::Generic(g) => {
                    let g = ident(&crate::names::type_name(g));
                    quote! {
                        impl #call_bound #rt::RemoteCall for #name #gen_decl { type Return = #g::Return; }
                    }
                }
                other => {
                    let t = self.rust_ty(from, other, false);
                    quote! {
                        impl #ser_bound #rt::RemoteCall for #name #gen_decl { type Return = #t; }
                    }
                }
            }
        } else {
            quote!()
        };

        let de_bare = decode.then(|| match in_box {
            // Held boxed by its enum and large: the body is written into the box field by
            // field, and the rare bare read (`%T`, a lone `T::from_bytes`) unboxes, rather than
            // a second copy of the decoder for every such constructor.
            Some(in_box) => quote! {
                impl #rt::DeserializeBare for #name {
                    #min_const
                    #[inline]
                    fn decode_bare(r: &mut #rt::Reader) -> Self {
                        *#rt::boxed::decode_bare_boxed::<Self>(r)
                    }
                    #[inline]
                    fn decode_bare_boxed(r: &mut #rt::Reader) -> Box<Self> {
                        #in_box
                    }
                }
            },
            None => {
                let plain = self.plain_decoder(c);
                quote! {
                impl #de_bound #rt::DeserializeBare for #name #gen_decl {
                    #min_const
                    #[inline]
                    fn decode_bare(#r_arg: &mut #rt::Reader) -> Self {
                        #plain
                    }
                }
                }
            }
        });
        quote! {
            #strukt
            #accessors
            impl #gen_decl #rt::Identifiable for #name #gen_decl {
                const CONSTRUCTOR_ID: u32 = #id;
                const NAME: &'static str = #tl_name;
            }
            impl #ser_bound #rt::fields::Fields for #name #gen_decl {
                fn walk<'a, V: #rt::fields::Visitor<'a>>(&'a self, #v_arg: &mut V) { #walk }
            }
            impl #ser_bound ::core::fmt::Debug for #name #gen_decl {
                #[inline]
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #rt::fields::debug(self, f, #rust_name)
                }
            }
            #partial_eq
            #clone
            #de_bare
            #remote
        }
    }

    /// The body of `Fields::walk`: each field handed to the visitor `v` in wire order, with
    /// the `?true` fields (which take no bytes) where they are declared.
    fn walk(&self, c: &Combinator<'_>) -> TokenStream {
        let rt = &self.rt;
        let mut out = Vec::new();
        let mut shown = vec![false; c.members.len()];
        let label = |m: &Member| m.name.trim_start_matches("r#").to_string();
        // `?true` fields before member `upto`, in declaration order, not yet shown.
        let flags_before = |upto: usize, shown: &mut Vec<bool>, out: &mut Vec<TokenStream>| {
            for (i, m) in c.members.iter().enumerate().take(upto) {
                if matches!(m.kind, MemberKind::Flag) && !shown[i] {
                    shown[i] = true;
                    let n = ident(&m.name);
                    let l = label(m);
                    out.push(quote!(v.flag(#l, self.#n);));
                }
            }
        };
        for step in &c.steps {
            match step {
                Step::Flags { bits, .. } => {
                    let terms = bits.iter().map(|(bit, mi)| {
                        let m = &c.members[*mi];
                        let n = ident(&m.name);
                        let present = match m.kind {
                            MemberKind::Flag => quote!(self.#n),
                            _ => quote!(self.#n.is_some()),
                        };
                        let bit = Literal::u32_unsuffixed(*bit);
                        quote!(#rt::flags::bit(#present, #bit))
                    });
                    out.push(quote!(v.flags(#(#terms)|*);));
                }
                Step::Required(mi) => {
                    flags_before(*mi, &mut shown, &mut out);
                    shown[*mi] = true;
                    let (m, ty) = required_value(c, *mi);
                    let n = ident(&m.name);
                    let l = label(m);
                    out.push(match self.codec_kind(ty) {
                        Kind::Boxed => quote!(v.field(#l, &self.#n);),
                        Kind::BoxedStruct => quote!(v.field(#l, &*self.#n);),
                        Kind::Bare => quote!(v.bare(#l, &self.#n);),
                        // Shown (and compared) as the `Vec` it is, written through a wrapper.
                        Kind::VecFn => {
                            let w = Self::vec_wrapper(ty);
                            quote!(v.shown(#l, &self.#n); v.part_bare(&#rt::vector::#w(&self.#n));)
                        }
                    });
                }
                Step::Conditional { member, elem, .. } => {
                    flags_before(*member, &mut shown, &mut out);
                    let (m, ty) = conditional_value(c, *member, *elem);
                    let n = ident(&m.name);
                    let l = label(m);
                    let kind = self.codec_kind(ty);
                    if elem.is_none() && !matches!(kind, Kind::VecFn) {
                        shown[*member] = true;
                        out.push(match kind {
                            Kind::Bare => quote!(v.optional_bare(#l, &self.#n);),
                            Kind::BoxedStruct => quote!(v.optional_boxed(#l, &self.#n);),
                            _ => quote!(v.optional(#l, &self.#n);),
                        });
                        continue;
                    }
                    // Printed whole where it first appears, written a part at a time.
                    if !shown[*member] {
                        shown[*member] = true;
                        out.push(quote!(v.shown(#l, &self.#n);));
                    }
                    let write = match kind {
                        Kind::Boxed => quote!(v.part(x)),
                        Kind::BoxedStruct => quote!(v.part(&**x)),
                        Kind::Bare => quote!(v.part_bare(x)),
                        Kind::VecFn => {
                            let w = Self::vec_wrapper(ty);
                            quote!(v.part_bare(&#rt::vector::#w(x)))
                        }
                    };
                    let pat = match (&m.kind, elem) {
                        (MemberKind::Tuple(tys), Some(k)) => {
                            let pat =
                                (0..tys.len()).map(|j| if j == *k { quote!(x) } else { quote!(_) });
                            quote!((#(#pat),*))
                        }
                        _ => quote!(x),
                    };
                    out.push(quote!(if let Some(#pat) = &self.#n { #write; }));
                }
            }
        }
        flags_before(c.members.len(), &mut shown, &mut out);
        quote!(#(#out)*)
    }

    /// Whether `Clone` goes through the encoding (`tl_runtime::clone`): a derived `clone` per
    /// struct and enum was a sixth of the Telegram API's debug build. Not in a schema that
    /// uses `Object`, whose decoder takes every byte left and so reads back only where it
    /// comes last; the callers also keep the derive for structs that do not decode (generic
    /// ones, functions without `decode_functions`).
    fn clone_by_encoding(&self) -> bool {
        !self.m.uses_object
    }

    /// `Clone` for `name` as one call to `tl_runtime::clone::{form}` (`bare` for a struct,
    /// `boxed` for an enum).
    fn clone_impl(&self, name: &Ident, form: &str) -> TokenStream {
        let rt = &self.rt;
        let form = format_ident!("{form}");
        quote! {
            impl Clone for #name {
                #[inline]
                fn clone(&self) -> Self {
                    #rt::clone::#form(self)
                }
            }
        }
    }

    /// The `tl_runtime::vector` wrapper that writes a vector of bare values.
    fn vec_wrapper(ty: &Ty) -> Ident {
        match ty {
            Ty::Vector {
                boxed_header: true, ..
            } => format_ident!("BoxedOfBare"),
            _ => format_ident!("BareOfBare"),
        }
    }

    /// The plain body of `decode_bare`: every field read in wire order into a local, then the
    /// struct built from them (constructors held inline, unit ones, functions, boxed ones of
    /// at most [`IN_BOX_ABOVE`] bytes, and the few large ones `in_box` cannot take).
    fn plain_decoder(&self, c: &Combinator<'_>) -> TokenStream {
        let rt = &self.rt;
        let from = &c.module;
        let mut de = Vec::new();
        let local = |m: &Member| format_ident!("_{}", m.name.trim_start_matches("r#"));
        for step in &c.steps {
            match step {
                Step::Flags { local, .. } => {
                    let l = ident(local);
                    de.push(quote!(let #l = r.take_u32();));
                }
                Step::Required(mi) => {
                    let (m, ty) = required_value(c, *mi);
                    let d = self.decoder(from, ty);
                    let l = local(m);
                    de.push(quote!(let #l = #d;));
                }
                Step::Conditional {
                    flags_local,
                    bit,
                    member,
                    elem,
                } => {
                    let (m, ty) = conditional_value(c, *member, *elem);
                    let l = match elem {
                        None => local(m),
                        Some(k) => format_ident!("{}{}", local(m), k),
                    };
                    let read = self.conditional_read(from, ty, flags_local, *bit);
                    de.push(quote!(let #l = #read;));
                }
            }
        }
        let inits = c.members.iter().map(|m| {
            let n = ident(&m.name);
            let l = local(m);
            match &m.kind {
                MemberKind::Flag => {
                    let (fl, bit) = c
                        .steps
                        .iter()
                        .find_map(|s| match s {
                            Step::Flags { local, bits } => bits
                                .iter()
                                .find(|(_, mi)| c.members[*mi].name == m.name)
                                .map(|(b, _)| (local.clone(), *b)),
                            _ => None,
                        })
                        .expect("flag member has a bit");
                    let fl = ident(&fl);
                    let bit = Literal::u32_unsuffixed(bit);
                    quote!(#n: #rt::flags::has(#fl, #bit))
                }
                MemberKind::Tuple(ts) => {
                    let ls: Vec<Ident> =
                        (0..ts.len()).map(|k| format_ident!("{}{}", l, k)).collect();
                    let vs: Vec<Ident> = (0..ts.len()).map(|k| format_ident!("v{}", k)).collect();
                    quote!(#n: match (#(#ls),*) { (#(Some(#vs)),*) => Some((#(#vs),*)), _ => None })
                }
                _ => quote!(#n: #l),
            }
        });
        let construct = if c.is_unit() {
            quote!(Self)
        } else {
            quote!(Self { #(#inits,)* })
        };
        quote!(#(#de)* #construct)
    }

    /// The decoder of a boxed constructor as a call of the runtime's `decode_in_box!`, which
    /// stores each field in the box as it is read (the macro's docs say why that is faster).
    ///
    /// The macro reads the flag words before storing any field, so values that come before
    /// the last flags word on the wire (`wallPaper#a437c3ed id:long flags:# ...`) are read into
    /// locals there and stored afterwards. `None` when a shared-bit group is split: its values
    /// not next to each other, or before the last flags word (the group is one field, built
    /// from its values in one expression). Two constructors of layer 230 are (`starGift`,
    /// `wallPaperSettings`); they keep the plain decoder.
    fn in_box(&self, c: &Combinator<'_>) -> Option<TokenStream> {
        let rt = &self.rt;
        let from = &c.module;
        let mut lets = Vec::new();
        let mut writes = Vec::new();
        let mut flag_bits = Vec::new();
        let mut group: Option<(usize, Vec<TokenStream>)> = None;
        let last_flags = c
            .steps
            .iter()
            .rposition(|s| matches!(s, Step::Flags { .. }));
        for (i, step) in c.steps.iter().enumerate() {
            // Read into a local among the flag words, stored later.
            let early = last_flags.is_some_and(|l| i < l);
            let local_of = |m: &Member| format_ident!("_{}", m.name.trim_start_matches("r#"));
            match step {
                Step::Flags { local, bits } => {
                    if group.is_some() {
                        return None;
                    }
                    let l = ident(local);
                    lets.push(quote!(let #l = r.take_u32();));
                    for (bit, mi) in bits {
                        if matches!(c.members[*mi].kind, MemberKind::Flag) {
                            let n = ident(&c.members[*mi].name);
                            let bit = Literal::u32_unsuffixed(*bit);
                            flag_bits.push(quote!(#n: #rt::flags::has(#l, #bit)));
                        }
                    }
                }
                Step::Required(mi) => {
                    if group.is_some() {
                        return None;
                    }
                    let (m, ty) = required_value(c, *mi);
                    let d = self.decoder(from, ty);
                    let n = ident(&m.name);
                    if early {
                        let l = local_of(m);
                        lets.push(quote!(let #l = #d;));
                        writes.push(quote!(#n: #l));
                    } else if Self::decoded_in_place(ty) {
                        writes.push(quote!(#n <- r));
                    } else {
                        writes.push(quote!(#n: #d));
                    }
                }
                Step::Conditional {
                    flags_local,
                    bit,
                    member,
                    elem,
                } => {
                    let (m, ty) = conditional_value(c, *member, *elem);
                    let n = ident(&m.name);
                    match (&m.kind, elem) {
                        (MemberKind::Tuple(_), Some(_)) if early => return None,
                        (MemberKind::Tuple(ts), Some(k)) => {
                            let read = self.conditional_read(from, ty, flags_local, *bit);
                            let mut reads = match group.take() {
                                Some((g, reads)) if g == *member && reads.len() == *k => reads,
                                None if *k == 0 => Vec::new(),
                                _ => return None,
                            };
                            reads.push(read);
                            if reads.len() == ts.len() {
                                let vs: Vec<Ident> =
                                    (0..ts.len()).map(|k| format_ident!("v{}", k)).collect();
                                writes.push(quote! {
                                    #n: match (#(#reads),*) {
                                        (#(Some(#vs)),*) => Some((#(#vs),*)),
                                        _ => None,
                                    }
                                });
                            } else {
                                group = Some((*member, reads));
                            }
                        }
                        _ if early => {
                            let l = local_of(m);
                            let read = self.conditional_read(from, ty, flags_local, *bit);
                            lets.push(quote!(let #l = #read;));
                            writes.push(quote!(#n: #l));
                        }
                        _ => {
                            if group.is_some() {
                                return None;
                            }
                            // The `?(..)` form, so that the value is stored from inside the
                            // branch that reads it.
                            let fl = ident(flags_local);
                            let bit = Literal::u32_unsuffixed(*bit);
                            let cond = quote!(#rt::flags::has(#fl, #bit));
                            if Self::decoded_in_place(ty) {
                                writes.push(quote!(#n?(#cond) <- r));
                            } else {
                                let d = self.decoder(from, ty);
                                writes.push(quote!(#n?(#cond): #d));
                            }
                        }
                    }
                }
            }
        }
        if group.is_some() {
            return None;
        }
        writes.extend(flag_bits);
        Some(quote!(#rt::decode_in_box!({ #(#lets)* } Self { #(#writes,)* })))
    }

    /// The read of one conditional value: `Some` when its bit is set in `flags_local`.
    fn conditional_read(
        &self,
        from: &[String],
        ty: &Ty,
        flags_local: &str,
        bit: u32,
    ) -> TokenStream {
        let rt = &self.rt;
        let fl = ident(flags_local);
        let bit = Literal::u32_unsuffixed(bit);
        let rust = self.rust_ty(from, ty, true);
        match self.codec_kind(ty) {
            Kind::Boxed => quote!(#rt::flags::decode_if::<#rust>(r, #fl, #bit)),
            Kind::Bare => quote!(#rt::flags::decode_bare_if::<#rust>(r, #fl, #bit)),
            Kind::BoxedStruct => {
                let c = self.boxed_struct_path(from, ty);
                quote!(#rt::flags::decode_boxed_if::<#c>(r, #fl, #bit))
            }
            Kind::VecFn => {
                let d = self.decoder(from, ty);
                quote!(if #rt::flags::has(#fl, #bit) { Some(#d) } else { None })
            }
        }
    }

    fn boxed_type(&self, t: &BoxedType<'_>) -> TokenStream {
        let rt = &self.rt;
        let from = &t.module;
        let name = ident(&t.ident);
        let attrs = &self.attrs;
        let mut docs = format!("TL type `{}`.", t.tl_name);
        if let Some(d) = t.doc.and_then(|d| d.doc.description()) {
            docs.push_str("\n\n");
            docs.push_str(d);
        }
        if t.plain {
            // One constructor: the type is its struct (see `model::mark_plain`).
            let c = &self.m.ctors[t.variants[0].1];
            let p = self.ctor_path(from, t.variants[0].1);
            let docs = doc(&format!(
                "{docs}\n\nIts only constructor is `{}#{:08x}`, so the type is that struct.",
                c.decl.name, c.id
            ));
            return quote! { #docs pub type #name = #p; };
        }
        let docs = doc(&docs);
        let variants = t.variants.iter().map(|(v, ci)| {
            let c = &self.m.ctors[*ci];
            let v = ident(v);
            let p = self.ctor_path(from, *ci);
            let d = doc(&format!("`{}#{:08x}`", c.decl.name, c.id));
            if c.inline {
                quote!(#d #v(#p))
            } else {
                quote!(#d #v(Box<#p>))
            }
        });
        // One match, which `Serialize`, `Debug` and `PartialEq` share (`tl_runtime::variants`).
        let arms_visit = t.variants.iter().map(|(v, ci)| {
            let label = v.trim_start_matches("r#");
            let v = ident(v);
            if self.m.ctors[*ci].inline {
                quote!(Self::#v(x) => v.variant(#label, x))
            } else {
                quote!(Self::#v(x) => v.variant(#label, &**x))
            }
        });
        let decode_variant = |v: &str, ci: usize| {
            let c = &self.m.ctors[ci];
            let v = ident(v);
            let p = self.ctor_path(from, ci);
            if c.is_unit() {
                quote!(Self::#v(#p))
            } else if c.inline {
                quote!(Self::#v(<#p as #rt::DeserializeBare>::decode_bare(r)))
            } else {
                quote!(Self::#v(#rt::boxed::decode_bare_boxed::<#p>(r)))
            }
        };
        let arms_de = t.variants.iter().map(|(v, ci)| {
            let id = hex(self.m.ctors[*ci].id);
            let e = decode_variant(v, *ci);
            quote!(#id => #e)
        });
        // An unknown id leaves the reader exhausted; the stand-in is then read from it, so it
        // must be a constructor whose stand-in is finite (it does not need this type again).
        let stand_in = t
            .default_variant
            .expect("the model rejects types without a finite value");
        let (sv, sc) = &t.variants[stand_in];
        let stand_in = decode_variant(sv, *sc);
        let tl_name = t.tl_name;
        let de_match = quote! {
            let id = r.take_constructor_id();
            match id {
                #(#arms_de,)*
                _ => {
                    r.unknown(id, #tl_name);
                    #stand_in
                }
            }
        };
        let de_body = if t.recursive {
            // A type that can contain itself counts nesting, so hostile input cannot
            // exhaust the stack.
            quote!(r.nest(|r| { #de_match }))
        } else {
            de_match
        };
        // A few inline variants (`Peer`) decode in a handful of instructions, less than the
        // cost of a call that returns the value through memory for the caller to reload. Debug
        // builds keep plain `#[inline]`: forced inlining there only makes them compile slower.
        let de_inline = if !t.recursive
            && t.variants.len() <= MAX_ALWAYS_INLINE_VARIANTS
            && t.variants.iter().all(|(_, c)| self.m.ctors[*c].inline)
        {
            quote!(#[cfg_attr(not(debug_assertions), inline(always))] #[cfg_attr(debug_assertions, inline)])
        } else {
            quote!(#[inline])
        };
        let default = match (self.defaults, t.default_variant) {
            (true, Some(i)) => {
                let v = ident(&t.variants[i].0);
                quote! {
                    impl Default for #name {
                        fn default() -> Self { Self::#v(Default::default()) }
                    }
                }
            }
            _ => quote!(),
        };
        let (derives, clone) = if self.clone_by_encoding() {
            (quote!(), self.clone_impl(&name, "boxed"))
        } else {
            (quote!(#[derive(Clone)]), quote!())
        };
        quote! {
            #docs
            #derives
            #attrs
            pub enum #name { #(#variants,)* }
            #clone
            impl #rt::variants::Variants for #name {
                #[inline]
                fn visit<'a, V: #rt::variants::Visit<'a>>(&'a self, v: V) -> V::Output {
                    match self { #(#arms_visit,)* }
                }
            }
            impl ::core::fmt::Debug for #name {
                #[inline]
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #rt::variants::debug(self, f)
                }
            }
            impl PartialEq for #name {
                #[inline]
                fn eq(&self, other: &Self) -> bool {
                    #rt::variants::eq(self, other)
                }
            }
            impl #rt::Serialize for #name {
                fn serialize<B: #rt::bytes::BufMut>(&self, buf: &mut B) {
                    #rt::variants::serialize(self, buf)
                }
            }
            impl #rt::Deserialize for #name {
                #de_inline
                fn decode(r: &mut #rt::Reader) -> Self { #de_body }
            }
            #default
        }
    }

    fn module_tree(
        &self,
        modules: &BTreeMap<Vec<String>, String>,
        at: &[String],
        out: &mut String,
    ) {
        let rt = &self.rt;
        // Children: direct submodules of `at`.
        let mut children: Vec<&String> = modules
            .keys()
            .filter(|k| k.len() > at.len() && k.starts_with(at))
            .map(|k| &k[at.len()])
            .collect();
        children.dedup();
        for child in children {
            let mut path = at.to_vec();
            path.push(child.clone());
            let items = modules.get(&path).map(String::as_str).unwrap_or_default();
            let name = ident(child);
            let (outer, d) = if at.is_empty() {
                let what = match child.as_str() {
                    "types" => "Constructors of the schema's types, one struct each.",
                    "enums" => "The schema's boxed types: an enum each, a variant per constructor; a type \
                                with one constructor is that constructor's struct.",
                    _ => "The schema's functions, one struct each; `RemoteCall::Return` is the result.",
                };
                (allow_list(), doc(what))
            } else {
                (quote!(), doc(&format!("Namespace `{child}`.")))
            };
            push_line(out, quote!(#d #outer pub mod #name));
            out.push_str("{\n");
            push_line(
                out,
                quote! {
                    #[allow(unused_imports)]
                    use #rt::{Deserialize as _, DeserializeBare as _, Serialize as _, SerializeBare as _};
                },
            );
            out.push_str(items);
            self.module_tree(modules, &path, out);
            out.push_str("}\n");
        }
    }

    fn root_items(&self) -> TokenStream {
        let rt = &self.rt;
        let attrs = &self.attrs;
        let layer = self.m.layer.map(|l| {
            let l = Literal::i64_unsuffixed(i64::from(l));
            quote! {
                /// The schema's layer, from its `// LAYER` comment.
                pub const LAYER: i32 = #l;
            }
        });
        let n = self.m.ids.len();
        let entries = self.m.ids.iter().map(|(id, name)| {
            let id = hex(*id);
            quote!((#id, #name))
        });
        let lookup = quote! {
            /// The TL name of the constructor or function with this id, if the schema has one.
            pub fn name_for_id(id: u32) -> Option<&'static str> {
                static IDS: [(u32, &str); #n] = [#(#entries),*];
                IDS.binary_search_by_key(&id, |e| e.0).ok().map(|i| IDS[i].1)
            }
        };
        let object = self.m.uses_object.then(|| {
            let default = if self.defaults { quote!(#[derive(Default)]) } else { quote!() };
            quote! {
                /// A value of any boxed type (TL `Object`, or a type the schema leaves undefined),
                /// kept as its raw bytes.
                ///
                /// TL does not say how long such a value is, so decoding takes every byte left
                /// in the input: `Object` fields are always last (`rpc_result`, `message`). Decode
                /// the content with [`Object::decode`] once its type is known, or look its
                /// constructor up with [`Object::name`].
                #[derive(Debug, Clone, PartialEq)]
                #default
                #attrs
                pub struct Object(pub #rt::bytes::Bytes);
                impl Object {
                    /// The id at the start of the value, if there are 4 bytes.
                    pub fn constructor_id(&self) -> Option<u32> {
                        let head: [u8; 4] = self.0.get(..4)?.try_into().ok()?;
                        Some(u32::from_le_bytes(head))
                    }
                    /// The TL name of the value's constructor, when this schema defines it.
                    pub fn name(&self) -> Option<&'static str> {
                        self.constructor_id().and_then(name_for_id)
                    }
                    /// Decodes the whole content as a `T` (a boxed type, or a primitive).
                    pub fn decode<T: #rt::Deserialize>(&self) -> Result<T, #rt::DecodeError> {
                        T::from_bytes(self.0.clone())
                    }
                }
                impl #rt::Serialize for Object {
                    fn serialized_len(&self) -> usize { self.0.len() }
                    fn serialize<B: #rt::bytes::BufMut>(&self, buf: &mut B) { buf.put_slice(&self.0) }
                }
                impl #rt::Deserialize for Object {
                    fn decode(r: &mut #rt::Reader) -> Self {
                        let rest = r.remaining();
                        Self(r.take_bytes(rest))
                    }
                }
            }
        });
        let int512 = self.m.uses_int512.then(|| {
            let default = if self.defaults {
                quote! {
                    impl Default for Int512 { fn default() -> Self { Self([0; 64]) } }
                }
            } else {
                quote!()
            };
            quote! {
                /// TL `int512`, kept as the raw bytes in wire order.
                #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
                pub struct Int512(pub [u8; 64]);
                #default
                impl #rt::Serialize for Int512 {
                    fn serialized_len(&self) -> usize { 64 }
                    fn serialize<B: #rt::bytes::BufMut>(&self, buf: &mut B) { buf.put_slice(&self.0) }
                }
                impl #rt::Deserialize for Int512 {
                    const MIN_SERIALIZED_LEN: usize = 64;
                    fn decode(r: &mut #rt::Reader) -> Self {
                        Self(r.take_array())
                    }
                }
                impl #rt::SerializeBare for Int512 {
                    fn serialized_bare_len(&self) -> usize { 64 }
                    fn serialize_bare<B: #rt::bytes::BufMut>(&self, buf: &mut B) { buf.put_slice(&self.0) }
                }
                impl #rt::DeserializeBare for Int512 {
                    const MIN_BARE_LEN: usize = 64;
                    fn decode_bare(r: &mut #rt::Reader) -> Self {
                        Self(r.take_array())
                    }
                }
            }
        });
        quote! { #layer #lookup #object #int512 }
    }
}
