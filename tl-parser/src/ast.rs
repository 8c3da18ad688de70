//! The syntax tree.
//!
//! Every node borrows its names from the parsed text, so parsing allocates only for lists and
//! for doc comments (whose `//-` continuations have to be joined). Every node keeps its [`Span`].

use crate::span::Span;

/// One parsed TL file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schema<'a> {
    /// Every declaration that parsed, in source order.
    pub declarations: Vec<Declaration<'a>>,
    /// `//@class Name @description ...` blocks, which document a boxed type rather than one
    /// declaration.
    pub classes: Vec<ClassDoc<'a>>,
    /// The number in a `// LAYER N` comment, if the file has one.
    pub layer: Option<u32>,
}

/// Which part of the file a declaration was in: after `---types---` (the start of every file)
/// or after `---functions---`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Section {
    /// Constructors of types.
    #[default]
    Types,
    /// Functions (RPC methods).
    Functions,
}

/// A combinator declaration: `name#id {X:Type} params = Result;`.
#[derive(Debug, Clone, PartialEq)]
pub struct Declaration<'a> {
    /// Full name, namespaces included (`payments.refundStarsCharge`).
    pub name: &'a str,
    /// Span of the name alone.
    pub name_span: Span,
    /// The `#id` written after the name, if any.
    pub id: Option<u32>,
    /// Type parameters, `{X:Type}`.
    pub type_params: Vec<TypeParam<'a>>,
    /// The fields, in order.
    pub params: Vec<Param<'a>>,
    /// `true` for builtin declarations whose body is `?` (`int ? = Int;`).
    pub builtin: bool,
    /// What the combinator builds (a constructor's type, a function's return type).
    pub result: Type<'a>,
    /// Types or functions.
    pub section: Section,
    /// The `//@` doc comment right before the declaration.
    pub doc: Option<Doc<'a>>,
    /// From the first character of the name to the end of the result type (the `;` excluded).
    pub span: Span,
}

impl<'a> Declaration<'a> {
    /// Namespaces of the name (`["payments"]` for `payments.refundStarsCharge`).
    pub fn namespace(&self) -> impl Iterator<Item = &'a str> {
        split_name(self.name).0.split('.').filter(|s| !s.is_empty())
    }

    /// The name without its namespaces.
    pub fn local_name(&self) -> &'a str {
        split_name(self.name).1
    }

    /// Whether this declares a function rather than a constructor.
    pub fn is_function(&self) -> bool {
        self.section == Section::Functions
    }

    /// Every parameter, with those inside repetitions `[ ... ]` flattened after their parent.
    pub fn all_params(&self) -> Vec<&Param<'a>> {
        fn walk<'p, 'a>(params: &'p [Param<'a>], out: &mut Vec<&'p Param<'a>>) {
            for p in params {
                out.push(p);
                if let ParamKind::Repeat { params, .. } = &p.kind {
                    walk(params, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.params, &mut out);
        out
    }
}

/// Splits `a.b.c` into `("a.b", "c")`.
pub fn split_name(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(i) => (&name[..i], &name[i + 1..]),
        None => ("", name),
    }
}

/// `{X:Type}`: a type parameter of a generic combinator.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeParam<'a> {
    /// The parameter's name (`X`).
    pub name: &'a str,
    /// Its kind, `Type` or `#`.
    pub ty: Type<'a>,
    /// From `{` to `}`.
    pub span: Span,
}

/// One field of a declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct Param<'a> {
    /// The field name; `None` for anonymous fields (`# [ t ]` in the `vector` builtin).
    pub name: Option<&'a str>,
    /// What the field holds.
    pub kind: ParamKind<'a>,
    /// The whole field, name included.
    pub span: Span,
}

impl<'a> Param<'a> {
    /// The field's type, unless it is a repetition.
    pub fn ty(&self) -> Option<&Type<'a>> {
        match &self.kind {
            ParamKind::Plain { ty, .. } => Some(ty),
            ParamKind::Repeat { .. } => None,
        }
    }

    /// The `flags.N?` condition, if the field is conditional.
    pub fn condition(&self) -> Option<&Condition<'a>> {
        match &self.kind {
            ParamKind::Plain { condition, .. } => condition.as_ref(),
            ParamKind::Repeat { .. } => None,
        }
    }

    /// Where `flags.N?` is written: right after `name:`, on the same line (a field has no
    /// blanks inside).
    pub fn condition_span(&self) -> Option<Span> {
        let c = self.condition()?;
        let skip = self.name.map_or(0, |n| n.len() as u32 + 1);
        let len = (c.field.len() + 2 + decimal_digits(c.bit)) as u32;
        Some(Span {
            start: self.span.start + skip,
            end: self.span.start + skip + len,
            line: self.span.line,
            column: self.span.column + skip,
        })
    }

    /// `name:flags.N?true`: a field that is only a bit in a flags word.
    pub fn is_flag_only(&self) -> bool {
        self.condition().is_some() && self.ty().is_some_and(|t| t.is_true())
    }

    /// `name:#`: a flags word (or any natural number).
    pub fn is_nat(&self) -> bool {
        self.condition().is_none() && self.ty().is_some_and(|t| t.kind == TypeKind::Nat)
    }
}

fn decimal_digits(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// What a field holds.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamKind<'a> {
    /// `name:Type` or `name:flags.N?Type`.
    Plain {
        /// Present only when bit `N` of the flags field is set.
        condition: Option<Condition<'a>>,
        /// The field's type.
        ty: Type<'a>,
    },
    /// `[ t ]` or `N*[ t ]`: a repeated group of fields.
    Repeat {
        /// `N` in `N*[ ... ]`: a constant or the name of an earlier `#` field. Without it the
        /// count is the `#` field just before.
        count: Option<Count<'a>>,
        /// The fields of one repetition.
        params: Vec<Param<'a>>,
    },
}

/// `flags.N?` in a conditional field. Its span is [`Param::condition_span`]: the condition is
/// always written right after `name:`, so it is derived rather than stored, which keeps
/// [`Param`] small.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition<'a> {
    /// The `#` field holding the bit (`flags`, `flags2`, ...).
    pub field: &'a str,
    /// The bit number.
    pub bit: u32,
}

/// The multiplicity of a repetition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count<'a> {
    /// `4*[ int ]`
    Const(u32),
    /// `n*[ ... ]`, naming a `#` field.
    Field(&'a str),
}

/// A type expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Type<'a> {
    /// Its shape.
    pub kind: TypeKind<'a>,
    /// Where it was written.
    pub span: Span,
}

/// The shape of a type expression.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind<'a> {
    /// `#`: a natural number, the type of flags words.
    Nat,
    /// A named type with its arguments: `Updates`, `Vector<Update>`, `vector<int>`,
    /// `(vector t)`, `Vector t` in a result.
    Named {
        /// Full name, namespaces included.
        name: &'a str,
        /// Written with `%` (`%Message`): the bare form of a boxed type.
        percent: bool,
        /// Type arguments.
        args: Vec<Type<'a>>,
    },
    /// `!X`: a value of the type that type parameter `X` stands for.
    Bang(Box<Type<'a>>),
}

impl<'a> Type<'a> {
    /// The type's name; `#` for [`TypeKind::Nat`], the inner name for `!X`.
    pub fn name(&self) -> &'a str {
        match &self.kind {
            TypeKind::Nat => "#",
            TypeKind::Named { name, .. } => name,
            TypeKind::Bang(inner) => inner.name(),
        }
    }

    /// Type arguments (empty unless the type is applied).
    pub fn args(&self) -> &[Type<'a>] {
        match &self.kind {
            TypeKind::Named { args, .. } => args,
            _ => &[],
        }
    }

    /// Bare types are serialized without a constructor id: `%T`, or a name whose last
    /// component starts with a lowercase letter (`int`, `vector<long>`, `ipPort`).
    pub fn is_bare(&self) -> bool {
        match &self.kind {
            TypeKind::Nat => true,
            TypeKind::Named { name, percent, .. } => {
                *percent
                    || split_name(name)
                        .1
                        .starts_with(|c: char| c.is_ascii_lowercase())
            }
            TypeKind::Bang(_) => false,
        }
    }

    /// The `true` type of flag-only fields.
    pub fn is_true(&self) -> bool {
        matches!(&self.kind, TypeKind::Named { name: "true", args, .. } if args.is_empty())
    }
}

/// A `//@` doc comment: `@name text` tags, `//-` lines continuing the tag before them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Doc<'a> {
    /// The tags in order (`description`, then one per documented field, usually).
    pub tags: Vec<DocTag<'a>>,
    /// From the first `//@` to the end of the last line.
    pub span: Span,
}

impl<'a> Doc<'a> {
    /// The text of the first tag called `name`.
    pub fn tag(&self, name: &str) -> Option<&str> {
        self.tags
            .iter()
            .find(|t| t.name == name)
            .map(|t| t.text.as_str())
    }

    /// `@description`.
    pub fn description(&self) -> Option<&str> {
        self.tag("description")
    }
}

/// One `@name text` of a doc comment.
#[derive(Debug, Clone, PartialEq)]
pub struct DocTag<'a> {
    /// The tag name: `description`, `class`, or a field name.
    pub name: &'a str,
    /// The text, with continuation lines joined by a space.
    pub text: String,
}

/// `//@class Name @description ...`: documentation of a boxed type.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassDoc<'a> {
    /// The type documented.
    pub name: String,
    /// Every tag of the block, `class` included.
    pub doc: Doc<'a>,
}
