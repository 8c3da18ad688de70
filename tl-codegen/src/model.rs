//! What will be generated, decided before any Rust is written: which declarations are
//! builtins, which are kept (roots and their closure), what every field becomes, and the Rust
//! name of every item.

use crate::names::{self, Namer};
use crate::Warning;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use tl_parser::{ClassDoc, Declaration, ParamKind, Type, TypeKind};

/// Result types whose constructors are TL's own plumbing, never generated.
const BUILTIN_RESULTS: &[&str] = &["Vector", "True"];

/// A TL type that is a Rust primitive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prim {
    /// `#`
    U32,
    I32,
    I64,
    F64,
    String,
    Bytes,
    Int128,
    Int256,
    /// No runtime impl exists for `[u8; 64]`; the generated file defines a newtype.
    Int512,
    Bool,
}

impl Prim {
    /// Encoded size when it does not depend on the value.
    pub(crate) fn fixed_len(self) -> Option<usize> {
        match self {
            Prim::U32 | Prim::I32 | Prim::Bool => Some(4),
            Prim::I64 | Prim::F64 => Some(8),
            Prim::Int128 => Some(16),
            Prim::Int256 => Some(32),
            Prim::Int512 => Some(64),
            Prim::String | Prim::Bytes => None,
        }
    }
}

fn primitive(name: &str) -> Option<Prim> {
    use tl_parser::validate::BuiltinType as B;
    Some(match tl_parser::validate::builtin_type(name)? {
        B::Int => Prim::I32,
        B::Long => Prim::I64,
        B::Double => Prim::F64,
        B::String => Prim::String,
        B::Bytes => Prim::Bytes,
        B::Int128 => Prim::Int128,
        B::Int256 => Prim::Int256,
        B::Int512 => Prim::Int512,
        B::Bool => Prim::Bool,
    })
}

/// What a field (or a function's result) holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Ty {
    Prim(Prim),
    /// `Vector<T>` (boxed header) or `vector<T>` (bare header).
    Vector {
        boxed_header: bool,
        elem: Box<Ty>,
    },
    /// A boxed type: the enum of that name.
    Enum(usize),
    /// A constructor used bare (`%T`, `ipPort`): its struct.
    Bare(usize),
    /// `!X`: a type parameter.
    Generic(String),
    /// `Object`, or a type the schema never defines: raw bytes.
    Object,
}

/// One Rust field of a generated struct.
#[derive(Debug, Clone)]
pub(crate) struct Member {
    /// The Rust name.
    pub name: String,
    pub kind: MemberKind,
    /// Doc text: the TL fields it stands for.
    pub doc: String,
}

#[derive(Debug, Clone)]
pub(crate) enum MemberKind {
    /// An unconditional field.
    Required(Ty),
    /// `?true` fields alone on their bit.
    Flag,
    /// The one value field on its bit.
    Optional(Ty),
    /// Several value fields on one bit: present together or not at all.
    Tuple(Vec<Ty>),
}

/// One step of the wire encoding, in declaration order.
#[derive(Debug, Clone)]
pub(crate) enum Step {
    /// A `#` field that conditions other fields: computed from the members.
    Flags {
        local: String,
        bits: Vec<(u32, usize)>,
    },
    /// A required member.
    Required(usize),
    /// A value of an optional or tuple member; `elem` is the position in the tuple.
    Conditional {
        flags_local: String,
        bit: u32,
        member: usize,
        elem: Option<usize>,
    },
}

/// A `?true` field whose bit is shared with a value field: its value is a method.
#[derive(Debug, Clone)]
pub(crate) struct Accessor {
    pub name: String,
    pub member: usize,
    pub tl: String,
}

/// A constructor or function, with everything needed to emit its struct.
#[derive(Debug)]
pub(crate) struct Combinator<'a> {
    pub decl: &'a Declaration<'a>,
    pub id: u32,
    /// Rust module path below the crate's root (`["types", "messages"]`).
    pub module: Vec<String>,
    pub ident: String,
    pub members: Vec<Member>,
    pub steps: Vec<Step>,
    pub accessors: Vec<Accessor>,
    pub generics: Vec<String>,
    /// The function's result.
    pub result: Option<Ty>,
    /// Held directly by its enum's variant (or, for a plain type's constructor, by fields of
    /// that type) rather than in a `Box` (see [`choose_inline`]).
    pub inline: bool,
    /// An upper bound of the struct's size in bytes; `None` for generic ones.
    pub size: Option<usize>,
}

impl Combinator<'_> {
    /// Whether the struct has no fields (emitted as a unit struct, held unboxed by enums).
    pub(crate) fn is_unit(&self) -> bool {
        self.members.is_empty() && self.generics.is_empty()
    }
}

/// A boxed type: its enum and its constructors.
#[derive(Debug)]
pub(crate) struct BoxedType<'a> {
    pub tl_name: &'a str,
    pub module: Vec<String>,
    pub ident: String,
    /// (variant name, index into `ctors`), in declaration order.
    pub variants: Vec<(String, usize)>,
    /// Can contain itself: decoding counts nesting depth.
    pub recursive: bool,
    /// Has one constructor and cannot contain itself, so it is emitted as an alias of that
    /// constructor's struct rather than as an enum (see [`mark_plain`]).
    pub plain: bool,
    pub doc: Option<&'a ClassDoc<'a>>,
    /// For `Default` impls: the variant that terminates soonest.
    pub default_variant: Option<usize>,
}

/// The whole plan.
#[derive(Debug)]
pub(crate) struct Model<'a> {
    pub layer: Option<u32>,
    pub ctors: Vec<Combinator<'a>>,
    pub funcs: Vec<Combinator<'a>>,
    pub types: Vec<BoxedType<'a>>,
    /// (id, TL name) of every declaration with an id, sorted by id.
    pub ids: Vec<(u32, &'a str)>,
    pub uses_object: bool,
    pub uses_int512: bool,
}

/// Declarations by name, first definition winning (identical repeats across files are
/// allowed by the validator; conflicting ones are errors before we get here).
struct Index<'a> {
    ctors: BTreeMap<&'a str, &'a Declaration<'a>>,
    ctor_order: Vec<&'a Declaration<'a>>,
    funcs: Vec<&'a Declaration<'a>>,
    /// Boxed type name → its constructors in declaration order.
    types: BTreeMap<&'a str, Vec<&'a Declaration<'a>>>,
    type_order: Vec<&'a str>,
    all: Vec<&'a Declaration<'a>>,
}

/// Declarations that map to Rust primitives or TL plumbing rather than generated items.
pub(crate) fn is_builtin(d: &Declaration<'_>) -> bool {
    d.builtin
        || (!d.is_function()
            && (primitive(d.result.name()).is_some() || BUILTIN_RESULTS.contains(&d.result.name())))
}

impl<'a> Index<'a> {
    fn new(decls: &[&'a Declaration<'a>]) -> Self {
        let mut idx = Index {
            ctors: BTreeMap::new(),
            ctor_order: Vec::new(),
            funcs: Vec::new(),
            types: BTreeMap::new(),
            type_order: Vec::new(),
            all: Vec::new(),
        };
        let mut seen_funcs = BTreeSet::new();
        for &d in decls {
            if d.is_function() {
                if seen_funcs.insert(d.name) {
                    idx.funcs.push(d);
                    idx.all.push(d);
                }
                continue;
            }
            if idx.ctors.contains_key(d.name) {
                continue;
            }
            idx.ctors.insert(d.name, d);
            idx.all.push(d);
            if is_builtin(d) {
                continue;
            }
            idx.ctor_order.push(d);
            let list = idx.types.entry(d.result.name()).or_default();
            if list.is_empty() {
                idx.type_order.push(d.result.name());
            }
            list.push(d);
        }
        idx
    }
}

/// How a TL type name is used, before indices exist.
enum Use<'a> {
    Prim(Prim),
    Vector(bool),
    Type(&'a str),
    Ctor(&'a str),
    Generic,
    Object,
}

fn classify<'a>(idx: &Index<'a>, ty: &Type<'a>, generics: &[&str]) -> Use<'a> {
    match &ty.kind {
        TypeKind::Nat => Use::Prim(Prim::U32),
        TypeKind::Bang(_) => Use::Generic,
        TypeKind::Named {
            name,
            percent,
            args,
        } => {
            if generics.contains(name) {
                return Use::Generic;
            }
            if (*name == "Vector" || *name == "vector") && args.len() == 1 {
                return Use::Vector(*name == "Vector");
            }
            if let Some(p) = primitive(name) {
                return Use::Prim(p);
            }
            if *percent {
                return match idx.types.get(name).map(Vec::as_slice) {
                    Some([only]) => Use::Ctor(only.name),
                    Some(_) => Use::Type(name),
                    None if idx.ctors.contains_key(name) => Use::Ctor(name),
                    None => Use::Object,
                };
            }
            if ty.is_bare() {
                if idx.ctors.get(name).is_some_and(|d| !is_builtin(d)) {
                    return Use::Ctor(name);
                }
                return Use::Object;
            }
            if idx.types.contains_key(name) {
                Use::Type(name)
            } else {
                Use::Object
            }
        }
    }
}

/// Names of everything that `roots` reach, or everything when `roots` is empty.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Closure<'a> {
    pub types: BTreeSet<&'a str>,
    pub ctors: BTreeSet<&'a str>,
    pub funcs: BTreeSet<&'a str>,
}

fn closure<'a>(idx: &Index<'a>, roots: &[String]) -> Result<Closure<'a>, String> {
    let mut out = Closure::default();
    if roots.is_empty() {
        out.types = idx.types.keys().copied().collect();
        out.ctors = idx.ctor_order.iter().map(|d| d.name).collect();
        out.funcs = idx.funcs.iter().map(|d| d.name).collect();
        return Ok(out);
    }
    let mut work: Vec<&'a Declaration<'a>> = Vec::new();
    for root in roots {
        if let Some(f) = idx.funcs.iter().find(|f| f.name == root.as_str()) {
            if out.funcs.insert(f.name) {
                work.push(f);
            }
        } else if let Some((name, ctors)) = idx.types.get_key_value(root.as_str()) {
            if out.types.insert(name) {
                work.extend(ctors.iter().copied());
            }
        } else if let Some(c) = idx.ctors.get(root.as_str()).filter(|d| !is_builtin(d)) {
            if out.ctors.insert(c.name) {
                work.push(c);
            }
        } else {
            return Err(root.clone());
        }
    }
    while let Some(d) = work.pop() {
        if !d.is_function() {
            out.ctors.insert(d.name);
        }
        let generics: Vec<&str> = d.type_params.iter().map(|t| t.name).collect();
        let mut visit = |ty: &Type<'a>, work: &mut Vec<&'a Declaration<'a>>| {
            walk(ty, &mut |t| match classify(idx, t, &generics) {
                Use::Type(name) if out.types.insert(name) => {
                    work.extend(idx.types[name].iter().copied());
                }
                Use::Ctor(name) if out.ctors.insert(name) => work.push(idx.ctors[name]),
                _ => {}
            });
        };
        for p in d.all_params() {
            if let Some(ty) = p.ty() {
                visit(ty, &mut work);
            }
        }
        if d.is_function() {
            visit(&d.result, &mut work);
        }
    }
    Ok(out)
}

fn walk<'a>(ty: &Type<'a>, f: &mut impl FnMut(&Type<'a>)) {
    f(ty);
    if let TypeKind::Named { args, .. } = &ty.kind {
        for a in args {
            walk(a, f);
        }
    }
}

/// Builds the plan for `decls` (all files, in order).
pub(crate) fn build<'a>(
    decls: &[&'a Declaration<'a>],
    class_docs: &[&'a ClassDoc<'a>],
    layer: Option<u32>,
    roots: &[String],
    single_constructor_enums: bool,
    warnings: &mut Vec<Warning>,
) -> Result<Model<'a>, crate::Error> {
    let idx = Index::new(decls);
    let keep = closure(&idx, roots).map_err(crate::Error::UnknownRoot)?;

    // Item names per module, settled by `Namer` so collisions resolve deterministically.
    let ctor_decls: Vec<&Declaration> = idx
        .ctor_order
        .iter()
        .copied()
        .filter(|d| keep.ctors.contains(d.name))
        .collect();
    let func_decls: Vec<&Declaration> = idx
        .funcs
        .iter()
        .copied()
        .filter(|d| keep.funcs.contains(d.name))
        .collect();
    let type_names: Vec<&str> = idx
        .type_order
        .iter()
        .copied()
        .filter(|t| keep.types.contains(t))
        .collect();

    let ctor_paths = place(ctor_decls.iter().map(|d| d.name), "types");
    let func_paths = place(func_decls.iter().map(|d| d.name), "functions");
    let type_paths = place(type_names.iter().copied(), "enums");

    let ctor_index: HashMap<&str, usize> = ctor_decls
        .iter()
        .enumerate()
        .map(|(i, d)| (d.name, i))
        .collect();
    let type_index: HashMap<&str, usize> = type_names
        .iter()
        .enumerate()
        .map(|(i, t)| (*t, i))
        .collect();

    let mut uses_object = false;
    let mut uses_int512 = false;
    let mut resolve = |ty: &Type<'a>, generics: &[&str], owner: &str| -> Ty {
        let t = resolve_ty(
            &idx,
            &ctor_index,
            &type_index,
            ty,
            generics,
            owner,
            warnings,
        );
        visit_ty(&t, &mut |t| match t {
            Ty::Object => uses_object = true,
            Ty::Prim(Prim::Int512) => uses_int512 = true,
            _ => {}
        });
        t
    };

    let mut ctors = Vec::with_capacity(ctor_decls.len());
    for d in &ctor_decls {
        let (module, ident) = ctor_paths[d.name].clone();
        ctors.push(combinator(d, module, ident, &mut resolve).map_err(crate::Error::Unsupported)?);
    }
    let mut funcs = Vec::with_capacity(func_decls.len());
    for d in &func_decls {
        let (module, ident) = func_paths[d.name].clone();
        let mut c =
            combinator(d, module, ident, &mut resolve).map_err(crate::Error::Unsupported)?;
        let generics: Vec<&str> = d.type_params.iter().map(|t| t.name).collect();
        c.result = Some(match &d.result.kind {
            TypeKind::Named { name, args, .. } if args.is_empty() && generics.contains(name) => {
                Ty::Generic(name.to_string())
            }
            _ => resolve(&d.result, &generics, d.name),
        });
        funcs.push(c);
    }

    let docs: HashMap<&str, &ClassDoc> = class_docs.iter().map(|c| (c.name.as_str(), *c)).collect();
    let mut types = Vec::with_capacity(type_names.len());
    for name in &type_names {
        let (module, ident) = type_paths[*name].clone();
        let mut namer = Namer::new();
        let type_camel = names::type_name(tl_parser::split_name(name).1);
        for c in &idx.types[name] {
            namer.want(c.name, variant_name(c.local_name(), &type_camel));
        }
        let settled = namer.finish();
        let variants = idx.types[name]
            .iter()
            .map(|c| (settled[c.name].clone(), ctor_index[c.name]))
            .collect();
        types.push(BoxedType {
            tl_name: name,
            module,
            ident,
            variants,
            recursive: false,
            plain: false,
            doc: docs.get(name).copied(),
            default_variant: None,
        });
    }
    mark_recursive(&mut types, &ctors);
    if !single_constructor_enums {
        mark_plain(&mut types, &ctors);
    }
    choose_inline(&types, &mut ctors);
    choose_defaults(&mut types, &ctors);
    // Decoders answer malformed input with a stand-in value built from a constructor like the
    // one `Default` uses; a type with none has no finite value, and no input could decode as it.
    if let Some(t) = types.iter().find(|t| t.default_variant.is_none()) {
        return Err(crate::Error::Unsupported(format!(
            "type `{}` has no finite value: every constructor needs a `{0}` again (directly or \
             through other types), so nothing can ever be decoded as it",
            t.tl_name
        )));
    }

    let mut ids: Vec<(u32, &str)> = idx
        .all
        .iter()
        .filter(|d| !d.builtin && (!is_builtin(d) || d.id.is_some()))
        .filter(|d| is_builtin(d) || keep.ctors.contains(d.name) || keep.funcs.contains(d.name))
        .map(|d| (tl_parser::id::effective(d), d.name))
        .collect();
    ids.sort_unstable();
    ids.dedup_by_key(|(id, _)| *id);

    Ok(Model {
        layer,
        ctors,
        funcs,
        types,
        ids,
        uses_object,
        uses_int512,
    })
}

/// Names generated code uses unqualified; an item of the same name would shadow them.
const PRELUDE: &[&str] = &[
    "Ok", "Err", "Some", "None", "Result", "Option", "Box", "Vec", "String", "Default",
];

/// Module path and identifier of each TL name under the top module `top`.
fn place<'a>(
    names_in_order: impl Iterator<Item = &'a str>,
    top: &str,
) -> BTreeMap<&'a str, (Vec<String>, String)> {
    let mut by_module: BTreeMap<Vec<String>, Namer> = BTreeMap::new();
    let mut module_of = BTreeMap::new();
    for name in names_in_order {
        let (ns, local) = tl_parser::split_name(name);
        let mut module = vec![top.to_string()];
        module.extend(
            ns.split('.')
                .filter(|s| !s.is_empty())
                .map(names::module_name),
        );
        by_module
            .entry(module.clone())
            .or_insert_with(|| {
                let mut n = Namer::new();
                for p in PRELUDE {
                    n.reserve(*p);
                }
                n
            })
            .want(name, names::type_name(local));
        module_of.insert(name, module);
    }
    let mut settled: BTreeMap<String, String> = BTreeMap::new();
    for namer in by_module.into_values() {
        settled.extend(namer.finish());
    }
    module_of
        .into_iter()
        .map(|(name, module)| {
            let ident = settled[name].clone();
            (name, (module, ident))
        })
        .collect()
}

/// `inputPeerUser` in `InputPeer` is the variant `User`, as in grammers; names that would not
/// be an identifier after stripping (`Self`, `2fa`) keep the whole name.
fn variant_name(ctor_local: &str, type_camel: &str) -> String {
    let full = names::type_name(ctor_local);
    match full.strip_prefix(type_camel) {
        Some(rest)
            if rest.starts_with(|c: char| c.is_ascii_uppercase())
                && names::is_plain_ident(rest) =>
        {
            rest.to_string()
        }
        _ => full,
    }
}

fn resolve_ty<'a>(
    idx: &Index<'a>,
    ctor_index: &HashMap<&str, usize>,
    type_index: &HashMap<&str, usize>,
    ty: &Type<'a>,
    generics: &[&str],
    owner: &str,
    warnings: &mut Vec<Warning>,
) -> Ty {
    match classify(idx, ty, generics) {
        Use::Prim(p) => Ty::Prim(p),
        Use::Generic => Ty::Generic(ty.name().to_string()),
        Use::Vector(boxed_header) => Ty::Vector {
            boxed_header,
            elem: Box::new(resolve_ty(
                idx,
                ctor_index,
                type_index,
                &ty.args()[0],
                generics,
                owner,
                warnings,
            )),
        },
        Use::Type(name) => Ty::Enum(type_index[name]),
        Use::Ctor(name) => Ty::Bare(ctor_index[name]),
        Use::Object => {
            let name = ty.name();
            if name != "Object" {
                warnings.push(Warning(format!(
                    "`{owner}`: type `{name}` is not defined by the schema; its value is kept as raw bytes (Object)"
                )));
            }
            Ty::Object
        }
    }
}

pub(crate) fn visit_ty(ty: &Ty, f: &mut impl FnMut(&Ty)) {
    f(ty);
    if let Ty::Vector { elem, .. } = ty {
        visit_ty(elem, f);
    }
}

fn combinator<'a>(
    d: &'a Declaration<'a>,
    module: Vec<String>,
    ident: String,
    resolve: &mut impl FnMut(&Type<'a>, &[&str], &str) -> Ty,
) -> Result<Combinator<'a>, String> {
    let generics: Vec<&str> = d.type_params.iter().map(|t| t.name).collect();
    let mut flag_fields: BTreeSet<&str> = BTreeSet::new();
    // (flags field, bit) → indices of the params on it, in order.
    let mut groups: BTreeMap<(&str, u32), Vec<usize>> = BTreeMap::new();
    for (i, p) in d.params.iter().enumerate() {
        match &p.kind {
            ParamKind::Repeat { .. } => {
                return Err(format!(
                    "`{}`: repetitions `[ ... ]` are only supported in builtin declarations",
                    d.name
                ))
            }
            ParamKind::Plain {
                condition: Some(c), ..
            } => {
                flag_fields.insert(c.field);
                groups.entry((c.field, c.bit)).or_default().push(i);
            }
            ParamKind::Plain { .. } => {}
        }
    }

    // Members in order of their first TL field; names settled together.
    struct Pending {
        key: String,
        want: String,
        kind: MemberKind,
        doc: String,
    }
    let mut pending: Vec<Pending> = Vec::new();
    let mut member_of_param: Vec<Option<(usize, Option<usize>)>> = vec![None; d.params.len()];
    let mut accessors_pending: Vec<(String, usize)> = Vec::new();
    let mut group_member: BTreeMap<(&str, u32), usize> = BTreeMap::new();
    let tl_name = |i: usize| d.params[i].name.unwrap_or("_");
    let field_text = |i: usize| {
        let p = &d.params[i];
        let ty = p.ty().map(tl_parser::type_to_string).unwrap_or_default();
        match p.condition() {
            Some(c) => format!("{}:{}.{}?{}", tl_name(i), c.field, c.bit, ty),
            None => format!("{}:{}", tl_name(i), ty),
        }
    };
    for (i, p) in d.params.iter().enumerate() {
        let ParamKind::Plain { condition, ty } = &p.kind else {
            unreachable!("rejected above")
        };
        match condition {
            None => {
                if p.is_nat() && flag_fields.contains(tl_name(i)) {
                    continue;
                }
                member_of_param[i] = Some((pending.len(), None));
                pending.push(Pending {
                    key: tl_name(i).to_string(),
                    want: names::field_name(tl_name(i)),
                    kind: MemberKind::Required(resolve(ty, &generics, d.name)),
                    doc: field_text(i),
                });
            }
            Some(c) => {
                let group = &groups[&(c.field, c.bit)];
                if group[0] != i {
                    continue;
                }
                let values: Vec<usize> = group
                    .iter()
                    .copied()
                    .filter(|&j| !d.params[j].is_flag_only())
                    .collect();
                let trues: Vec<usize> = group
                    .iter()
                    .copied()
                    .filter(|&j| d.params[j].is_flag_only())
                    .collect();
                let m = pending.len();
                group_member.insert((c.field, c.bit), m);
                let doc = group.iter().map(|&j| field_text(j)).collect::<Vec<_>>();
                let (key, kind, named_trues) = match values.as_slice() {
                    [] => (tl_name(trues[0]).to_string(), MemberKind::Flag, &trues[1..]),
                    [one] => {
                        member_of_param[*one] = Some((m, None));
                        let ty = d.params[*one].ty().expect("plain");
                        (
                            tl_name(*one).to_string(),
                            MemberKind::Optional(resolve(ty, &generics, d.name)),
                            &trues[..],
                        )
                    }
                    many => {
                        let mut tys = Vec::new();
                        for (k, &j) in many.iter().enumerate() {
                            member_of_param[j] = Some((m, Some(k)));
                            tys.push(resolve(d.params[j].ty().expect("plain"), &generics, d.name));
                        }
                        let key = many
                            .iter()
                            .map(|&j| tl_name(j))
                            .collect::<Vec<_>>()
                            .join("_and_");
                        (key, MemberKind::Tuple(tys), &trues[..])
                    }
                };
                for &t in named_trues {
                    accessors_pending.push((tl_name(t).to_string(), m));
                }
                let doc = if doc.len() == 1 {
                    doc[0].clone()
                } else {
                    format!("{} (one bit: all present or none)", doc.join(" "))
                };
                pending.push(Pending {
                    want: names::field_name(&key),
                    key,
                    kind,
                    doc,
                });
            }
        }
    }

    let mut namer = Namer::new();
    for p in &pending {
        namer.want(format!("m:{}", p.key), p.want.clone());
    }
    for (tl, _) in &accessors_pending {
        namer.want(format!("a:{tl}"), names::field_name(tl));
    }
    let settled = namer.finish();
    let members: Vec<Member> = pending
        .into_iter()
        .map(|p| Member {
            name: settled[&format!("m:{}", p.key)].clone(),
            kind: p.kind,
            doc: p.doc,
        })
        .collect();
    let accessors = accessors_pending
        .into_iter()
        .map(|(tl, member)| Accessor {
            name: settled[&format!("a:{tl}")].clone(),
            member,
            tl,
        })
        .collect();

    let local = |field: &str| format!("_{}", names::field_name(field).trim_start_matches("r#"));
    let mut steps = Vec::new();
    for (i, p) in d.params.iter().enumerate() {
        match p.condition() {
            None if p.is_nat() && flag_fields.contains(tl_name(i)) => {
                let bits = groups
                    .iter()
                    .filter(|((f, _), _)| *f == tl_name(i))
                    .map(|(key, _)| (key.1, group_member[key]))
                    .collect();
                steps.push(Step::Flags {
                    local: format!("{}_word", local(tl_name(i))),
                    bits,
                });
            }
            None => steps.push(Step::Required(member_of_param[i].expect("member").0)),
            Some(c) => {
                if let Some((member, elem)) = member_of_param[i] {
                    steps.push(Step::Conditional {
                        flags_local: format!("{}_word", local(c.field)),
                        bit: c.bit,
                        member,
                        elem,
                    });
                }
            }
        }
    }

    Ok(Combinator {
        decl: d,
        id: tl_parser::id::effective(d),
        module,
        ident,
        members,
        steps,
        accessors,
        generics: generics.iter().map(|g| names::type_name(g)).collect(),
        result: None,
        inline: false,
        size: None,
    })
}

/// Largest constructor struct, in bytes, that an enum variant holds directly instead of in a
/// `Box`.
///
/// Boxing every payload keeps enums at two words but costs an allocation per value, and small
/// payloads dominate real traffic (`peerUser`, `updateNewMessage` = a boxed `Message` and two
/// ints). Holding payloads of up to three words inline, plus at most a word for the tag, keeps
/// every generated enum within four words (32 bytes on 64-bit targets), so moving one and
/// keeping many in a `Vec` stays cheap, while those allocations go away.
pub(crate) const MAX_INLINE_PAYLOAD: usize = 24;

/// Size and alignment of a generated Rust type, as an upper bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout {
    size: usize,
    align: usize,
}

impl Layout {
    const fn of(size: usize, align: usize) -> Self {
        Self { size, align }
    }

    /// `Option<Self>`, not counting on a niche: one more alignment unit for the tag.
    fn option(self) -> Self {
        Self::of(self.size + self.align, self.align)
    }

    /// A struct or tuple of `fields`. rustc orders the fields of a `repr(Rust)` struct by
    /// alignment, so only the tail is padded; `telegram_enums_stay_within_four_words` in the
    /// tests checks the resulting bound on real layouts.
    fn product(fields: impl IntoIterator<Item = Layout>) -> Self {
        let (size, align) = fields
            .into_iter()
            .fold((0, 1), |(s, a), f| (s + f.size, a.max(f.align)));
        Self::of(size.next_multiple_of(align), align)
    }
}

/// Decides for every constructor whether its enum holds it inline: unit constructors always,
/// others when their struct takes at most [`MAX_INLINE_PAYLOAD`] bytes, except in types that
/// can contain themselves, whose variants stay boxed so the type has a finite size whatever
/// the field types (`textBold text:RichText`). For a plain type (one constructor, see
/// [`mark_plain`]) the same bound says whether fields hold its struct directly or boxed.
///
/// The size of a struct depends on the enums in its fields, hence on their decisions; since
/// boxes are kept in every recursive type, following fields from a non-recursive type never
/// comes back to it, and a memoised depth-first walk settles everything.
fn choose_inline(types: &[BoxedType<'_>], ctors: &mut [Combinator<'_>]) {
    let mut sizer = Sizer {
        types,
        ctors,
        enums: vec![Visit::New; types.len()],
        inline: vec![false; ctors.len()],
    };
    for t in 0..types.len() {
        sizer.enum_layout(t);
    }
    // Every enum is settled now, so this visits no enum for the first time.
    let sizes: Vec<Option<usize>> = (0..ctors.len())
        .map(|c| sizer.ctor_layout(c).map(|l| l.size))
        .collect();
    let inline = sizer.inline;
    for ((c, inline), size) in ctors.iter_mut().zip(inline).zip(sizes) {
        c.inline = inline;
        c.size = size;
    }
}

#[derive(Debug, Clone, Copy)]
enum Visit {
    New,
    InProgress,
    Done(Layout),
}

struct Sizer<'m, 'a> {
    types: &'m [BoxedType<'a>],
    ctors: &'m [Combinator<'a>],
    enums: Vec<Visit>,
    inline: Vec<bool>,
}

impl Sizer<'_, '_> {
    /// The enum's layout, deciding its variants on the first visit.
    fn enum_layout(&mut self, t: usize) -> Option<Layout> {
        match self.enums[t] {
            Visit::Done(l) => return Some(l),
            // Only reachable if the recursion analysis missed a cycle; boxing is then the
            // safe answer for whoever asked.
            Visit::InProgress => return None,
            Visit::New => {}
        }
        self.enums[t] = Visit::InProgress;
        if self.types[t].plain {
            // A field holds the struct itself when it is small enough to be a variant's
            // payload, and a `Box` of it otherwise; there is no tag.
            let c = self.types[t].variants[0].1;
            let layout = match self.ctor_layout(c) {
                Some(l) if self.ctors[c].is_unit() || l.size <= MAX_INLINE_PAYLOAD => {
                    self.inline[c] = true;
                    l
                }
                _ => Layout::of(8, 8),
            };
            self.enums[t] = Visit::Done(layout);
            return Some(layout);
        }
        let recursive = self.types[t].recursive;
        let mut payload = Layout::of(0, 1);
        let mut all_unit = true;
        for &(_, c) in &self.types[t].variants {
            if self.ctors[c].is_unit() {
                self.inline[c] = true;
                continue;
            }
            all_unit = false;
            let own = if recursive { None } else { self.ctor_layout(c) };
            let held = match own {
                Some(l) if l.size <= MAX_INLINE_PAYLOAD => {
                    self.inline[c] = true;
                    l
                }
                _ => Layout::of(8, 8),
            };
            payload = Layout::of(payload.size.max(held.size), payload.align.max(held.align));
        }
        // The tag: a `u32` at most for any real number of variants, padded to a word.
        let layout = if all_unit {
            Layout::of(4, 4)
        } else {
            Layout::of(payload.size.next_multiple_of(8) + 8, 8)
        };
        self.enums[t] = Visit::Done(layout);
        Some(layout)
    }

    /// The constructor struct's layout; `None` when it cannot be bounded (type parameters).
    fn ctor_layout(&mut self, c: usize) -> Option<Layout> {
        let ctor = &self.ctors[c];
        if !ctor.generics.is_empty() {
            return None;
        }
        let mut fields = Vec::with_capacity(ctor.members.len());
        for m in &ctor.members {
            fields.push(match &m.kind {
                MemberKind::Flag => Layout::of(1, 1),
                MemberKind::Required(t) => self.field_layout(t)?,
                MemberKind::Optional(t) => self.field_layout(t)?.option(),
                MemberKind::Tuple(ts) => {
                    let mut parts = Vec::with_capacity(ts.len());
                    for t in ts {
                        parts.push(self.field_layout(t)?);
                    }
                    Layout::product(parts).option()
                }
            });
        }
        Some(Layout::product(fields))
    }

    /// A field of type `ty` (bare constructors in fields are boxed, see `emit`).
    fn field_layout(&mut self, ty: &Ty) -> Option<Layout> {
        Some(match ty {
            Ty::Prim(p) => match p {
                Prim::Bool => Layout::of(1, 1),
                Prim::U32 | Prim::I32 => Layout::of(4, 4),
                Prim::I64 | Prim::F64 => Layout::of(8, 8),
                // `ByteString` holds a `Bytes`: pointer, length, data and vtable pointers.
                Prim::String | Prim::Bytes => Layout::of(32, 8),
                Prim::Int128 => Layout::of(16, 1),
                Prim::Int256 => Layout::of(32, 1),
                Prim::Int512 => Layout::of(64, 1),
            },
            Ty::Vector { .. } => Layout::of(24, 8),
            Ty::Enum(i) => self.enum_layout(*i)?,
            Ty::Bare(_) => Layout::of(8, 8),
            Ty::Object => Layout::of(32, 8),
            Ty::Generic(_) => return None,
        })
    }
}

/// Types with a single constructor that cannot contain themselves: the type is then that
/// constructor's struct (`enums::Config` is an alias of `types::Config`), as in gotd, not a
/// one-variant enum.
///
/// Why: 418 of layer 230's 675 types have one constructor, and each such enum cost its own
/// `Clone`, `PartialEq`, `Debug`, `Serialize` and `Deserialize` bodies for no information; as
/// aliases the generated API builds in 6.4-6.8 s instead of 7.3-7.5 s (debug, three
/// interleaved builds each). The struct's boxed form (id, then body) is the type's wire
/// form, which the runtime's blanket impls already give it. Types that can contain themselves
/// stay enums: their decoders count nesting depth, which a struct's blanket decoder does not.
fn mark_plain(types: &mut [BoxedType<'_>], ctors: &[Combinator<'_>]) {
    for t in types.iter_mut() {
        t.plain = match t.variants.as_slice() {
            [(_, c)] => !t.recursive && ctors[*c].generics.is_empty(),
            _ => false,
        };
    }
}

/// Types that can contain themselves (through any fields, vectors and bare constructors).
fn mark_recursive(types: &mut [BoxedType<'_>], ctors: &[Combinator<'_>]) {
    // Edges: type → types its constructors mention; constructor → types it mentions.
    let ctor_refs: Vec<Vec<Ref>> = ctors.iter().map(refs_of).collect();
    for t in 0..types.len() {
        let mut seen_types = vec![false; types.len()];
        let mut seen_ctors = vec![false; ctors.len()];
        let mut stack: Vec<Ref> = types[t]
            .variants
            .iter()
            .map(|(_, c)| Ref::Ctor(*c))
            .collect();
        let mut found = false;
        while let Some(r) = stack.pop() {
            match r {
                Ref::Type(u) if u == t => {
                    found = true;
                    break;
                }
                Ref::Type(u) => {
                    if !std::mem::replace(&mut seen_types[u], true) {
                        stack.extend(types[u].variants.iter().map(|(_, c)| Ref::Ctor(*c)));
                    }
                }
                Ref::Ctor(c) => {
                    if !std::mem::replace(&mut seen_ctors[c], true) {
                        stack.extend(ctor_refs[c].iter().copied());
                    }
                }
            }
        }
        types[t].recursive = found;
    }
}

#[derive(Clone, Copy)]
enum Ref {
    Type(usize),
    Ctor(usize),
}

fn refs_of(c: &Combinator<'_>) -> Vec<Ref> {
    let mut out = Vec::new();
    for m in &c.members {
        let tys: Vec<&Ty> = match &m.kind {
            MemberKind::Required(t) | MemberKind::Optional(t) => vec![t],
            MemberKind::Tuple(ts) => ts.iter().collect(),
            MemberKind::Flag => vec![],
        };
        for t in tys {
            visit_ty(t, &mut |t| match t {
                Ty::Enum(i) => out.push(Ref::Type(*i)),
                Ty::Bare(i) => out.push(Ref::Ctor(*i)),
                _ => {}
            });
        }
    }
    out
}

/// Picks for each type the variant whose default value is finite: the first constructor
/// (in declaration order) among those that become constructible earliest.
fn choose_defaults(types: &mut [BoxedType<'_>], ctors: &[Combinator<'_>]) {
    let mut ctor_ok = vec![false; ctors.len()];
    let mut type_ok = vec![false; types.len()];
    loop {
        let mut newly = Vec::new();
        for (i, c) in ctors.iter().enumerate() {
            if ctor_ok[i] {
                continue;
            }
            let ok = c.members.iter().all(|m| match &m.kind {
                MemberKind::Required(t) => default_ok(t, &ctor_ok, &type_ok),
                _ => true,
            });
            if ok {
                newly.push(i);
            }
        }
        if newly.is_empty() {
            break;
        }
        for i in newly {
            ctor_ok[i] = true;
        }
        for (t, ty) in types.iter_mut().enumerate() {
            if !type_ok[t] {
                if let Some(v) = ty.variants.iter().position(|(_, c)| ctor_ok[*c]) {
                    type_ok[t] = true;
                    ty.default_variant = Some(v);
                }
            }
        }
    }
}

fn default_ok(t: &Ty, ctor_ok: &[bool], type_ok: &[bool]) -> bool {
    match t {
        Ty::Enum(i) => type_ok[*i],
        Ty::Bare(i) => ctor_ok[*i],
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_of(src: &str, roots: &[&str]) -> Closure<'static> {
        let src: &'static str = Box::leak(src.to_string().into_boxed_str());
        let parsed = Box::leak(Box::new(tl_parser::parse(src)));
        let decls: Vec<&Declaration> = parsed.schema.declarations.iter().collect();
        let idx = Index::new(&decls);
        let roots: Vec<String> = roots.iter().map(|s| s.to_string()).collect();
        closure(&idx, &roots).unwrap()
    }

    const SCHEMA: &str = "
        int ? = Int;
        vector {t:Type} # [ t ] = Vector t;
        a x:B = A;
        b1 = B;
        b2 y:%C = B;
        c z:int = C;
        d w:ipPort = D;
        ipPort ip:int = IpPort;
        unrelated = U;
        ---functions---
        f a:Vector<A> = D;
        g = U;
    ";

    #[test]
    fn closure_follows_fields_results_and_every_constructor_of_a_type() {
        let c = names_of(SCHEMA, &["f"]);
        assert_eq!(c.funcs, ["f"].into());
        assert_eq!(c.types, ["A", "B", "D"].into());
        assert_eq!(c.ctors, ["a", "b1", "b2", "c", "d", "ipPort"].into());
    }

    #[test]
    fn a_constructor_root_does_not_pull_its_type() {
        let c = names_of(SCHEMA, &["c"]);
        assert_eq!(c.ctors, ["c"].into());
        assert!(c.types.is_empty());
    }

    #[test]
    fn no_roots_means_everything_but_builtins() {
        let c = names_of(SCHEMA, &[]);
        assert_eq!(c.funcs, ["f", "g"].into());
        assert!(!c.ctors.contains("vector"));
        assert!(c.ctors.contains("unrelated"));
    }

    #[test]
    fn unknown_roots_are_reported() {
        let parsed = tl_parser::parse(SCHEMA);
        let decls: Vec<&Declaration> = parsed.schema.declarations.iter().collect();
        let idx = Index::new(&decls);
        assert_eq!(closure(&idx, &["nope".into()]), Err("nope".into()));
    }

    #[test]
    fn payloads_up_to_three_words_are_inline_except_in_recursive_types() {
        let parsed = tl_parser::parse(
            "
            int ? = Int;
            long ? = Long;
            string ? = String;
            peerUser user_id:long = Peer;
            peerChat chat_id:long = Peer;
            narrow peer:Peer a:int b:int = Wrap;
            wide peer:Peer a:long b:long = Wrap;
            generic {X:Type} q:!X = Wrap;
            reactionEmoji emoticon:string = Reaction;
            reactionCustomEmoji document_id:long = Reaction;
            textPlain text:string = RichText;
            textBold text:RichText = RichText;
            textEmpty = RichText;
            ",
        );
        let decls: Vec<&Declaration> = parsed.schema.declarations.iter().collect();
        let m = build(&decls, &[], None, &[], false, &mut Vec::new()).unwrap();
        let inline: BTreeMap<&str, bool> =
            m.ctors.iter().map(|c| (c.decl.name, c.inline)).collect();
        let expected = [
            // A long: 8 bytes, so `Peer` is 16.
            ("peerUser", true),
            ("peerChat", true),
            // 16 + 4 + 4 = 24 fits; 16 + 8 + 8 = 32 does not.
            ("narrow", true),
            ("wide", false),
            // A type parameter has no size to bound.
            ("generic", false),
            // A `string` is a `ByteString`, four words like `Bytes`: over the limit alone.
            ("reactionEmoji", false),
            ("reactionCustomEmoji", true),
            // `textPlain` is small, but its type contains itself.
            ("textPlain", false),
            ("textBold", false),
            ("textEmpty", true),
        ];
        assert_eq!(inline, expected.into_iter().collect());
    }

    #[test]
    fn variants_drop_the_type_prefix_when_what_is_left_is_a_name() {
        assert_eq!(variant_name("inputPeerUser", "InputPeer"), "User");
        assert_eq!(variant_name("inputPeerSelf", "InputPeer"), "InputPeerSelf");
        assert_eq!(variant_name("updates", "Updates"), "Updates");
        assert_eq!(variant_name("updateShort", "Updates"), "UpdateShort");
    }
}
