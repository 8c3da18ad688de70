//! [`Registry`]: the schema, compiled into the form the codec walks.
//!
//! Names are resolved once, here, into indices, so decoding a field costs a `match` and not a
//! hash lookup; the registry owns all its names (`Arc<str>`), so it outlives the schema text.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use tl_parser::{Declaration, ParamKind, Schema, Section, Type, TypeKind};

use super::error::{suggest, RegistryError, UnknownType};
use crate::Reader;

/// A TL type as the codec sees it, every name already resolved.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Ty {
    /// A builtin with its own wire form.
    Prim(Prim),
    /// `Vector<T>` (`boxed`: with the `0x1cb5c415` header) or `vector<T>` (count only).
    Vector { boxed: bool, elem: Box<Ty> },
    /// A boxed type: constructor id, then the body; index into [`Registry::types`].
    Boxed(usize),
    /// A bare constructor (`future_salt`, `%Message`): the body only; index into
    /// [`Registry::combinators`].
    Bare(usize),
    /// `Object` or `!X`: any boxed value, found by its id across the whole registry.
    /// `!X` stands for a query, so functions are looked up first there.
    Any { functions_first: bool },
    /// A function call at the top level: its id, then its parameters.
    Call(usize),
}

/// The builtin types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prim {
    Int,
    Long,
    Double,
    Nat,
    String,
    Bytes,
    Int128,
    Int256,
    Bool,
    /// `true` used bare: no bytes at all.
    TrueBare,
    /// `True` boxed: the id `0x3fedd339`.
    TrueBoxed,
}

/// `true#3fedd339 = True;`
pub(crate) const TRUE_ID: u32 = 0x3fed_d339;

impl Prim {
    /// The TL name used in messages.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Prim::Int => "int",
            Prim::Long => "long",
            Prim::Double => "double",
            Prim::Nat => "#",
            Prim::String => "string",
            Prim::Bytes => "bytes",
            Prim::Int128 => "int128",
            Prim::Int256 => "int256",
            Prim::Bool => "Bool",
            Prim::TrueBare => "true",
            Prim::TrueBoxed => "True",
        }
    }

    /// The fewest bytes a value takes, as the runtime's `MIN_SERIALIZED_LEN`s say.
    fn min_len(self) -> usize {
        match self {
            Prim::Long | Prim::Double => 8,
            Prim::Int128 => 16,
            Prim::Int256 => 32,
            Prim::TrueBare => 0,
            _ => 4,
        }
    }
}

/// Declarations that define builtins rather than objects; the codec knows their wire forms.
const BUILTIN_DECLARATIONS: &[&str] = &[
    "int",
    "int32",
    "int53",
    "int64",
    "long",
    "double",
    "string",
    "secureString",
    "bytes",
    "secureBytes",
    "int128",
    "int256",
    "vector",
    "true",
    "boolFalse",
    "boolTrue",
];

/// The primitive `name` spells: the parser's builtins (aliases included) plus `true`/`True`,
/// which this codec reads as values. `int512` has no wire form here yet.
fn primitive(name: &str) -> Option<Prim> {
    use tl_parser::validate::BuiltinType as B;
    match name {
        "true" => return Some(Prim::TrueBare),
        "True" => return Some(Prim::TrueBoxed),
        _ => {}
    }
    Some(match tl_parser::validate::builtin_type(name)? {
        B::Int => Prim::Int,
        B::Long => Prim::Long,
        B::Double => Prim::Double,
        B::String => Prim::String,
        B::Bytes => Prim::Bytes,
        B::Int128 => Prim::Int128,
        B::Int256 => Prim::Int256,
        B::Int512 => return None,
        B::Bool => Prim::Bool,
    })
}

/// One constructor or function.
#[derive(Debug, Clone)]
pub(crate) struct Combinator {
    pub(crate) name: Arc<str>,
    pub(crate) id: u32,
    pub(crate) is_function: bool,
    /// The boxed type a constructor builds (`None` for functions).
    pub(crate) type_index: Option<usize>,
    /// What it builds or returns, as written.
    pub(crate) result: Arc<str>,
    pub(crate) fields: Vec<Field>,
    /// On a cycle of the type graph: a bare use of it counts towards the depth limit.
    pub(crate) recursive: bool,
    /// The fewest bytes its body takes, for vector-count checks.
    pub(crate) min_bare_len: usize,
}

/// One field of a combinator.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub(crate) name: Arc<str>,
    pub(crate) ty: Ty,
    pub(crate) cond: Option<Cond>,
    /// A `#` field named by some condition: computed on encode, never stored in a value.
    pub(crate) flags_word: bool,
}

/// `flags.N?`: the index of the flags field in the same combinator, and the bit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cond {
    pub(crate) word: usize,
    pub(crate) bit: u32,
    /// `flags.N?true`: the bit is the whole value.
    pub(crate) flag_only: bool,
}

/// A boxed type and its constructors.
#[derive(Debug, Clone)]
pub(crate) struct BoxedType {
    pub(crate) name: Arc<str>,
    pub(crate) ctors: Vec<usize>,
    /// Can contain itself: decoding it runs inside [`Reader::nested`], as generated code does.
    pub(crate) recursive: bool,
}

/// A declaration the codec left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Its name.
    pub name: String,
    /// Why it cannot be encoded or decoded.
    pub reason: String,
}

/// A schema compiled for the dynamic codec: constructors by id and by name, boxed types and
/// their constructors, functions by name and id.
///
/// Built from one or more parsed files, which are taken together (so `api.tl` can use
/// `mtproto.tl`'s types); a definition repeated identically is merged. Builtin declarations
/// (`int ? = Int;`, `vector {t:Type} # [ t ] = Vector t;`, `int128 4*[ int ] = Int128;`,
/// `true#3fedd339 = True;`, `boolTrue`/`boolFalse`, TDLib's `int32 = Int32;`, `bytes = Bytes;`)
/// select the primitive codecs and are not objects.
///
/// Declarations the codec cannot handle (repetitions `[ ... ]` outside the builtins, a bare
/// type that is not defined) are left out and listed by [`skipped`](Self::skipped), rather than
/// failing the whole schema.
///
/// ```
/// use tl_runtime::dynamic::{Registry, Value};
///
/// let registry = Registry::from_sources(&["
///     updateLoginToken#564fe691 = Update;
///     updateShort#78d4dec1 update:Update date:int = Updates;
/// "]).unwrap();
/// let bytes = [0xc1, 0xde, 0xd4, 0x78, 0x91, 0xe6, 0x4f, 0x56, 0x01, 0x00, 0x00, 0x00];
/// let value = registry.decode("Updates", bytes.to_vec()).unwrap();
/// assert_eq!(
///     value.to_json().to_string(),
///     r#"{"_":"updateShort","update":{"_":"updateLoginToken"},"date":1}"#
/// );
/// assert_eq!(registry.encode("Updates", &value).unwrap(), bytes);
/// ```
#[derive(Debug, Clone)]
pub struct Registry {
    pub(crate) combinators: Vec<Combinator>,
    pub(crate) types: Vec<BoxedType>,
    pub(crate) type_by_name: HashMap<Arc<str>, usize>,
    pub(crate) ctor_by_name: HashMap<Arc<str>, usize>,
    pub(crate) fn_by_name: HashMap<Arc<str>, usize>,
    pub(crate) ctor_by_id: HashMap<u32, usize>,
    pub(crate) fn_by_id: HashMap<u32, usize>,
    skipped: Vec<Skipped>,
    pub(crate) max_depth: u32,
}

/// An owned copy of the parts of a declaration the codec needs.
#[derive(Debug, Clone)]
struct Decl {
    name: Arc<str>,
    id: u32,
    is_function: bool,
    result: TypeExpr,
    result_text: Arc<str>,
    type_params: Vec<Arc<str>>,
    params: Vec<ParamDecl>,
    /// Set when a parameter is a repetition, which only builtins use.
    unsupported: Option<String>,
}

#[derive(Debug, Clone)]
struct ParamDecl {
    name: Arc<str>,
    cond: Option<(Arc<str>, u32)>,
    ty: TypeExpr,
}

/// An owned type expression; also what a type name given to [`Registry::resolve`] parses to.
#[derive(Debug, Clone, PartialEq)]
enum TypeExpr {
    Nat,
    Named {
        name: Arc<str>,
        percent: bool,
        args: Vec<TypeExpr>,
    },
    Bang(Arc<str>),
}

impl TypeExpr {
    fn from_ast(t: &Type<'_>) -> Self {
        match &t.kind {
            TypeKind::Nat => TypeExpr::Nat,
            TypeKind::Named {
                name,
                percent,
                args,
            } => TypeExpr::Named {
                name: (*name).into(),
                percent: *percent,
                args: args.iter().map(TypeExpr::from_ast).collect(),
            },
            TypeKind::Bang(inner) => TypeExpr::Bang(inner.name().into()),
        }
    }

    /// Parses `Updates`, `%Message`, `Vector<long>`, `vector<%future_salt>`, `Vector long`.
    fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if s == "#" {
            return Some(TypeExpr::Nat);
        }
        let (percent, s) = match s.strip_prefix('%') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, s),
        };
        let end = s.find(['<', ' ']).unwrap_or(s.len());
        let (name, rest) = s.split_at(end);
        let valid = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.';
        if name.is_empty() || !name.chars().all(valid) {
            return None;
        }
        let rest = rest.trim();
        let args = if rest.is_empty() {
            Vec::new()
        } else if let Some(inner) = rest.strip_prefix('<') {
            vec![TypeExpr::parse(inner.strip_suffix('>')?)?]
        } else {
            vec![TypeExpr::parse(rest)?]
        };
        Some(TypeExpr::Named {
            name: name.into(),
            percent,
            args,
        })
    }

    /// Why this field type cannot be resolved, if it cannot: a bare name must be a defined
    /// constructor, `%T` a type with exactly one constructor, vectors take one argument.
    fn problem(
        &self,
        type_params: &[Arc<str>],
        ctor_names: &HashSet<&str>,
        ctor_count: &HashMap<Arc<str>, usize>,
    ) -> Option<String> {
        let TypeExpr::Named {
            name,
            percent,
            args,
        } = self
        else {
            return None;
        };
        if &**name == "Vector" || &**name == "vector" {
            return match args.as_slice() {
                [arg] => arg.problem(type_params, ctor_names, ctor_count),
                _ => Some(format!("`{name}` needs exactly one type argument")),
            };
        }
        if !args.is_empty() {
            return Some(format!("`{name}` takes no type arguments"));
        }
        if type_params.contains(name) || primitive(name).is_some() || &**name == "Object" {
            return None;
        }
        if *percent {
            let n = ctor_count.get(name).copied().unwrap_or(0);
            return (n != 1 && !ctor_names.contains(&**name)).then(|| {
                format!("`%{name}` needs a type with exactly one constructor, it has {n}")
            });
        }
        (is_lowercase_name(name) && !ctor_names.contains(&**name))
            .then(|| format!("bare type `{name}` is not defined, or not supported"))
    }
}

/// Lowercase last component: a bare constructor name rather than a boxed type.
fn is_lowercase_name(name: &str) -> bool {
    tl_parser::split_name(name)
        .1
        .starts_with(|c: char| c.is_ascii_lowercase())
}

impl Decl {
    fn from_ast(d: &Declaration<'_>) -> Self {
        let mut unsupported = None;
        let mut params = Vec::new();
        for p in &d.params {
            match &p.kind {
                ParamKind::Plain { condition, ty } => params.push(ParamDecl {
                    name: p.name.unwrap_or("_").into(),
                    cond: condition.as_ref().map(|c| (c.field.into(), c.bit)),
                    ty: TypeExpr::from_ast(ty),
                }),
                ParamKind::Repeat { .. } => {
                    unsupported =
                        Some("repetitions `[ ... ]` are only supported in builtins".into())
                }
            }
        }
        Decl {
            name: d.name.into(),
            id: tl_parser::id::effective(d),
            is_function: d.is_function(),
            result: TypeExpr::from_ast(&d.result),
            result_text: tl_parser::type_to_string(&d.result).into(),
            type_params: d.type_params.iter().map(|t| t.name.into()).collect(),
            params,
            unsupported,
        }
    }

    fn result_name(&self) -> Arc<str> {
        match &self.result {
            TypeExpr::Named { name, .. } => name.clone(),
            _ => self.result_text.clone(),
        }
    }
}

/// The canonical text with the effective id, to tell identical repeats from conflicts.
fn canonical(d: &Declaration<'_>) -> String {
    let with_id = Declaration {
        id: Some(tl_parser::id::effective(d)),
        ..d.clone()
    };
    tl_parser::declaration_to_string(&with_id)
}

impl Registry {
    /// Parses `sources` and builds a registry from them taken together.
    pub fn from_sources(sources: &[&str]) -> Result<Self, RegistryError> {
        let parsed: Vec<_> = sources.iter().map(|s| tl_parser::parse(s)).collect();
        for (i, p) in parsed.iter().enumerate() {
            if let Some(d) = p.diagnostics.iter().find(|d| d.is_error()) {
                return Err(RegistryError::Syntax {
                    file: i + 1,
                    line: d.span.line,
                    message: d.message.clone(),
                });
            }
        }
        let schemas: Vec<&Schema<'_>> = parsed.iter().map(|p| &p.schema).collect();
        Self::from_schemas(&schemas)
    }

    /// Builds a registry from parsed files taken together.
    ///
    /// A name defined twice must be defined identically (same id, same fields); different
    /// definitions are a [`RegistryError::Conflict`], and two constructors with one id a
    /// [`RegistryError::DuplicateId`]. Functions may share an id (TDLib declares call prefixes
    /// that way); lookups by id then find the first.
    pub fn from_schemas(schemas: &[&Schema<'_>]) -> Result<Self, RegistryError> {
        let mut decls: Vec<Decl> = Vec::new();
        let mut seen: HashMap<(Section, &str), String> = HashMap::new();
        for schema in schemas {
            for d in &schema.declarations {
                let builtin = d.builtin
                    || (d.section == Section::Types && BUILTIN_DECLARATIONS.contains(&d.name));
                if builtin {
                    continue;
                }
                let text = canonical(d);
                match seen.get(&(d.section, d.name)) {
                    Some(first) if *first == text => continue,
                    Some(first) => {
                        return Err(RegistryError::Conflict {
                            name: d.name.to_owned(),
                            first: first.clone(),
                            second: text,
                        })
                    }
                    None => {
                        seen.insert((d.section, d.name), text);
                        decls.push(Decl::from_ast(d));
                    }
                }
            }
        }
        Self::compile(decls)
    }

    fn compile(decls: Vec<Decl>) -> Result<Self, RegistryError> {
        let mut skipped = Vec::new();
        let mut decls: Vec<Decl> = decls
            .into_iter()
            .filter_map(|d| match &d.unsupported {
                Some(reason) => {
                    skipped.push(Skipped {
                        name: d.name.to_string(),
                        reason: reason.clone(),
                    });
                    None
                }
                None => Some(d),
            })
            .collect();

        // Drop declarations whose bare field types do not exist, until none is left: dropping
        // one can orphan another's `%T` or lowercase reference.
        loop {
            let ctor_names: HashSet<&str> = decls
                .iter()
                .filter(|d| !d.is_function)
                .map(|d| &*d.name)
                .collect();
            let mut ctor_count: HashMap<Arc<str>, usize> = HashMap::new();
            for d in decls.iter().filter(|d| !d.is_function) {
                *ctor_count.entry(d.result_name()).or_default() += 1;
            }
            let mut drop = Vec::new();
            for (i, d) in decls.iter().enumerate() {
                let problem = d.params.iter().enumerate().find_map(|(k, p)| {
                    if let Some((word, bit)) = &p.cond {
                        let flags_ok = d.params[..k]
                            .iter()
                            .rev()
                            .find(|q| q.name == *word)
                            .is_some_and(|q| q.cond.is_none() && q.ty == TypeExpr::Nat);
                        if !flags_ok || *bit > 31 {
                            return Some(format!(
                                "`{}:{word}.{bit}?` needs an earlier `{word}:#` field and a bit below 32",
                                p.name
                            ));
                        }
                    }
                    p.ty.problem(&d.type_params, &ctor_names, &ctor_count)
                });
                if let Some(reason) = problem {
                    drop.push(i);
                    skipped.push(Skipped {
                        name: d.name.to_string(),
                        reason,
                    });
                }
            }
            if drop.is_empty() {
                break;
            }
            for i in drop.into_iter().rev() {
                decls.remove(i);
            }
        }

        let mut reg = Registry {
            combinators: Vec::with_capacity(decls.len()),
            types: Vec::new(),
            type_by_name: HashMap::new(),
            ctor_by_name: HashMap::new(),
            fn_by_name: HashMap::new(),
            ctor_by_id: HashMap::new(),
            fn_by_id: HashMap::new(),
            skipped,
            max_depth: Reader::DEFAULT_MAX_DEPTH,
        };

        // Names and ids first, so fields can refer to anything.
        for (i, d) in decls.iter().enumerate() {
            let type_index = if d.is_function {
                reg.fn_by_name.insert(d.name.clone(), i);
                reg.fn_by_id.entry(d.id).or_insert(i);
                None
            } else {
                reg.ctor_by_name.insert(d.name.clone(), i);
                if let Some(&other) = reg.ctor_by_id.get(&d.id) {
                    return Err(RegistryError::DuplicateId {
                        id: d.id,
                        first: decls[other].name.to_string(),
                        second: d.name.to_string(),
                    });
                }
                reg.ctor_by_id.insert(d.id, i);
                let t = reg.type_index(d.result_name());
                reg.types[t].ctors.push(i);
                Some(t)
            };
            reg.combinators.push(Combinator {
                name: d.name.clone(),
                id: d.id,
                is_function: d.is_function,
                type_index,
                result: d.result_text.clone(),
                fields: Vec::new(),
                recursive: false,
                min_bare_len: 0,
            });
        }

        for (i, d) in decls.iter().enumerate() {
            let mut fields: Vec<Field> = Vec::with_capacity(d.params.len());
            for p in &d.params {
                let ty = reg.resolve_field(&p.ty, &d.type_params);
                let cond = p.cond.as_ref().and_then(|(word, bit)| {
                    let w = fields.iter().rposition(|f| f.name == *word)?;
                    fields[w].flags_word = true;
                    Some(Cond {
                        word: w,
                        bit: *bit,
                        flag_only: ty == Ty::Prim(Prim::TrueBare),
                    })
                });
                fields.push(Field {
                    name: p.name.clone(),
                    ty,
                    cond,
                    flags_word: false,
                });
            }
            reg.combinators[i].fields = fields;
        }
        reg.mark_recursive();
        reg.compute_min_lens();
        Ok(reg)
    }

    fn type_index(&mut self, name: Arc<str>) -> usize {
        if let Some(&t) = self.type_by_name.get(&name) {
            return t;
        }
        let t = self.types.len();
        self.types.push(BoxedType {
            name: name.clone(),
            ctors: Vec::new(),
            recursive: false,
        });
        self.type_by_name.insert(name, t);
        t
    }

    /// The codec type of a field. Undefined boxed types become types without constructors,
    /// so decoding one reports its id as unknown; bare names were checked in `compile`.
    fn resolve_field(&mut self, e: &TypeExpr, type_params: &[Arc<str>]) -> Ty {
        match e {
            TypeExpr::Nat => Ty::Prim(Prim::Nat),
            TypeExpr::Bang(_) => Ty::Any {
                functions_first: true,
            },
            TypeExpr::Named {
                name,
                percent,
                args,
            } => {
                if (&**name == "Vector" || &**name == "vector") && args.len() == 1 {
                    return Ty::Vector {
                        boxed: &**name == "Vector" && !percent,
                        elem: Box::new(self.resolve_field(&args[0], type_params)),
                    };
                }
                if type_params.contains(name) {
                    return Ty::Any {
                        functions_first: true,
                    };
                }
                if &**name == "Object" {
                    return Ty::Any {
                        functions_first: false,
                    };
                }
                if let Some(p) = primitive(name) {
                    return Ty::Prim(match p {
                        Prim::TrueBoxed if *percent => Prim::TrueBare,
                        p => p,
                    });
                }
                if *percent {
                    if let Some(&c) = self.ctor_by_name.get(name) {
                        return Ty::Bare(c);
                    }
                    let t = self.type_index(name.clone());
                    return Ty::Bare(self.types[t].ctors[0]);
                }
                if is_lowercase_name(name) {
                    return Ty::Bare(self.ctor_by_name[name]);
                }
                Ty::Boxed(self.type_index(name.clone()))
            }
        }
    }

    /// Marks boxed types and constructors that lie on a cycle (Tarjan's strongly connected
    /// components, iteratively so a deep schema cannot overflow the stack).
    fn mark_recursive(&mut self) {
        let nt = self.types.len();
        let n = nt + self.combinators.len();
        let mut edges: Vec<Vec<usize>> = vec![Vec::new(); n];
        fn walk(ty: &Ty, nt: usize, out: &mut Vec<usize>) {
            match ty {
                Ty::Boxed(t) => out.push(*t),
                Ty::Bare(c) => out.push(nt + c),
                Ty::Vector { elem, .. } => walk(elem, nt, out),
                Ty::Prim(_) | Ty::Any { .. } | Ty::Call(_) => {}
            }
        }
        for (t, ty) in self.types.iter().enumerate() {
            edges[t].extend(ty.ctors.iter().map(|c| nt + c));
        }
        for (c, comb) in self.combinators.iter().enumerate() {
            for f in &comb.fields {
                walk(&f.ty, nt, &mut edges[nt + c]);
            }
        }
        let on_cycle = cyclic_nodes(&edges);
        for (t, ty) in self.types.iter_mut().enumerate() {
            ty.recursive = on_cycle[t];
        }
        for (c, comb) in self.combinators.iter_mut().enumerate() {
            comb.recursive = on_cycle[nt + c];
        }
    }

    fn compute_min_lens(&mut self) {
        let mut memo: Vec<Option<usize>> = vec![None; self.combinators.len()];
        for c in 0..self.combinators.len() {
            let len = self.bare_min(c, &mut memo, &mut vec![false; self.combinators.len()]);
            self.combinators[c].min_bare_len = len;
        }
    }

    fn bare_min(&self, c: usize, memo: &mut [Option<usize>], busy: &mut [bool]) -> usize {
        if let Some(len) = memo[c] {
            return len;
        }
        if busy[c] {
            // A bare cycle: 0 is a safe lower bound.
            return 0;
        }
        busy[c] = true;
        let mut sum = 0usize;
        for f in &self.combinators[c].fields {
            if f.cond.is_none() {
                sum = sum.saturating_add(self.min_len_with(&f.ty, memo, busy));
            }
        }
        busy[c] = false;
        memo[c] = Some(sum);
        sum
    }

    fn min_len_with(&self, ty: &Ty, memo: &mut [Option<usize>], busy: &mut [bool]) -> usize {
        match ty {
            Ty::Prim(p) => p.min_len(),
            Ty::Vector { boxed, .. } => {
                if *boxed {
                    8
                } else {
                    4
                }
            }
            Ty::Boxed(_) | Ty::Any { .. } | Ty::Call(_) => 4,
            Ty::Bare(c) => self.bare_min(*c, memo, busy),
        }
    }

    /// The fewest bytes a value of `ty` takes (bounded below by the checks in
    /// [`crate::vector`]).
    pub(crate) fn min_len(&self, ty: &Ty) -> usize {
        match ty {
            Ty::Bare(c) => self.combinators[*c].min_bare_len,
            Ty::Prim(p) => p.min_len(),
            Ty::Vector { boxed: true, .. } => 8,
            Ty::Vector { boxed: false, .. } => 4,
            Ty::Boxed(_) | Ty::Any { .. } | Ty::Call(_) => 4,
        }
    }

    /// Sets the nesting limit for decoding and encoding (default
    /// [`Reader::DEFAULT_MAX_DEPTH`]). Only types that can contain themselves, and `Object` /
    /// `!X`, count a level, as in generated code.
    #[must_use]
    pub fn with_max_depth(mut self, max_depth: u32) -> Self {
        self.max_depth = max_depth;
        self
    }

    /// The nesting limit.
    pub fn max_depth(&self) -> u32 {
        self.max_depth
    }

    /// Names of all constructors, in schema order.
    pub fn constructor_names(&self) -> impl Iterator<Item = &str> + '_ {
        self.indexed(false)
    }

    /// Names of all functions, in schema order.
    pub fn function_names(&self) -> impl Iterator<Item = &str> + '_ {
        self.indexed(true)
    }

    fn indexed(&self, functions: bool) -> impl Iterator<Item = &str> + '_ {
        self.combinators
            .iter()
            .filter(move |c| c.is_function == functions)
            .map(|c| &*c.name)
            .filter(move |name| {
                if functions {
                    self.fn_by_name.contains_key(*name)
                } else {
                    self.ctor_by_name.contains_key(*name)
                }
            })
    }

    /// Names of the boxed types that have at least one constructor.
    pub fn type_names(&self) -> impl Iterator<Item = &str> + '_ {
        self.types
            .iter()
            .filter(|t| !t.ctors.is_empty())
            .map(|t| &*t.name)
    }

    /// The id of a constructor or function, by name.
    pub fn id_of(&self, name: &str) -> Option<u32> {
        self.ctor_by_name
            .get(name)
            .or_else(|| self.fn_by_name.get(name))
            .map(|&c| self.combinators[c].id)
    }

    /// The type a constructor builds or a function returns, as written in the schema.
    pub fn result_of(&self, name: &str) -> Option<&str> {
        self.ctor_by_name
            .get(name)
            .or_else(|| self.fn_by_name.get(name))
            .map(|&c| &*self.combinators[c].result)
    }

    /// Declarations left out, with the reason.
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// Resolves a type name as [`decode`](Self::decode) takes it: a boxed type (`Updates`), a
    /// constructor (its bare form), a function (a request: id and parameters), a builtin
    /// (`long`, `Bool`, `bytes`), `Object`, or a vector of any of these (`Vector<long>`,
    /// `vector<%future_salt>`). Types are tried first, then constructors, then functions.
    pub fn resolve(&self, type_name: &str) -> Result<TypeRef<'_>, UnknownType> {
        let unknown = || {
            let candidates = self
                .type_names()
                .chain(self.constructor_names())
                .chain(self.function_names());
            UnknownType {
                name: type_name.to_owned(),
                note: self
                    .skipped
                    .iter()
                    .find(|s| s.name == type_name)
                    .map(|s| format!("its declaration is not supported: {}", s.reason)),
                suggestions: suggest(type_name, candidates),
            }
        };
        let expr = TypeExpr::parse(type_name).ok_or_else(unknown)?;
        let ty = self.resolve_top(&expr).ok_or_else(unknown)?;
        Ok(TypeRef {
            registry: self,
            ty,
            name: type_name.trim().to_owned(),
        })
    }

    fn resolve_top(&self, e: &TypeExpr) -> Option<Ty> {
        let TypeExpr::Named {
            name,
            percent,
            args,
        } = e
        else {
            return matches!(e, TypeExpr::Nat).then_some(Ty::Prim(Prim::Nat));
        };
        match (&**name, args.as_slice()) {
            ("Vector" | "vector", [arg]) => {
                return Some(Ty::Vector {
                    boxed: &**name == "Vector" && !percent,
                    elem: Box::new(self.resolve_element(arg)?),
                })
            }
            (_, []) => {}
            _ => return None,
        }
        if &**name == "Object" {
            return Some(Ty::Any {
                functions_first: false,
            });
        }
        if let Some(p) = primitive(name) {
            return Some(Ty::Prim(p));
        }
        if let Some(&t) = self.type_by_name.get(name) {
            let t_ref = &self.types[t];
            if t_ref.ctors.is_empty() {
                return None;
            }
            return Some(if *percent {
                match t_ref.ctors.as_slice() {
                    [c] => Ty::Bare(*c),
                    _ => return None,
                }
            } else {
                Ty::Boxed(t)
            });
        }
        if let Some(&c) = self.ctor_by_name.get(name) {
            return Some(Ty::Bare(c));
        }
        self.fn_by_name.get(name).map(|&c| Ty::Call(c))
    }

    /// A vector element named at the top level follows the field rules: a lowercase
    /// constructor or `%T` is bare, anything else boxed.
    fn resolve_element(&self, e: &TypeExpr) -> Option<Ty> {
        match e {
            TypeExpr::Named { name, percent, .. }
                if !*percent && !is_lowercase_name(name) && primitive(name).is_none() =>
            {
                if &**name == "Object" {
                    return Some(Ty::Any {
                        functions_first: false,
                    });
                }
                if &**name == "Vector" {
                    return self.resolve_top(e);
                }
                let t = *self.type_by_name.get(name)?;
                (!self.types[t].ctors.is_empty()).then_some(Ty::Boxed(t))
            }
            _ => self.resolve_top(e),
        }
    }

    /// A human name of a type, for messages.
    pub(crate) fn describe(&self, ty: &Ty) -> String {
        match ty {
            Ty::Prim(p) => p.name().to_owned(),
            Ty::Vector { boxed, elem } => format!(
                "{}<{}>",
                if *boxed { "Vector" } else { "vector" },
                self.describe(elem)
            ),
            Ty::Boxed(t) => self.types[*t].name.to_string(),
            Ty::Bare(c) => format!("%{}", self.combinators[*c].name),
            Ty::Any {
                functions_first: false,
            } => "Object".to_owned(),
            Ty::Any {
                functions_first: true,
            } => "any query (!X)".to_owned(),
            Ty::Call(c) => self.combinators[*c].name.to_string(),
        }
    }
}

/// For each node of a directed graph, whether it lies on a cycle.
fn cyclic_nodes(edges: &[Vec<usize>]) -> Vec<bool> {
    const UNVISITED: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNVISITED; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut out = vec![false; n];
    let mut next = 0usize;
    // (node, next edge to look at)
    let mut calls: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if index[root] != UNVISITED {
            continue;
        }
        calls.push((root, 0));
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut e)) = calls.last_mut() {
            if let Some(&w) = edges[v].get(*e) {
                *e += 1;
                if index[w] == UNVISITED {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut members = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    members.push(w);
                    if w == v {
                        break;
                    }
                }
                let cyclic = members.len() > 1 || edges[v].contains(&v);
                for m in members {
                    out[m] = cyclic;
                }
            }
        }
    }
    out
}

/// A type resolved by [`Registry::resolve`], ready to decode, encode and convert JSON.
///
/// Resolving once and reusing the handle saves the name lookup per value.
#[derive(Debug, Clone)]
pub struct TypeRef<'r> {
    pub(crate) registry: &'r Registry,
    pub(crate) ty: Ty,
    name: String,
}

impl TypeRef<'_> {
    /// The name it was resolved from.
    pub fn name(&self) -> &str {
        &self.name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_expressions_parse() {
        let named = |n: &str, percent, args| TypeExpr::Named {
            name: n.into(),
            percent,
            args,
        };
        assert_eq!(
            TypeExpr::parse("Updates"),
            Some(named("Updates", false, vec![]))
        );
        assert_eq!(
            TypeExpr::parse(" Vector<%future_salt> "),
            Some(named(
                "Vector",
                false,
                vec![named("future_salt", true, vec![])]
            ))
        );
        assert_eq!(
            TypeExpr::parse("vector long"),
            Some(named("vector", false, vec![named("long", false, vec![])]))
        );
        assert_eq!(TypeExpr::parse("Vector<long"), None);
        assert_eq!(TypeExpr::parse(""), None);
        assert_eq!(TypeExpr::parse("a-b"), None);
    }

    #[test]
    fn cycles_are_found() {
        // 0 -> 1 -> 0, 2 -> 2, 3 -> 0
        let edges = vec![vec![1], vec![0], vec![2], vec![0]];
        assert_eq!(cyclic_nodes(&edges), vec![true, true, true, false]);
    }
}
