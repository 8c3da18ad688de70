//! One walk over a constructor's fields, shared by its encoder and its `Debug`.
//!
//! Generated code implements [`Fields`] for each constructor and function struct: a single
//! body that hands every field, in wire order, to a [`Visitor`]. The runtime drives it with
//! two visitors: one writes the bare encoding (every [`Fields`] type is [`SerializeBare`]
//! through a blanket impl), the other prints the struct as `#[derive(Debug)]` would
//! ([`debug`]). A per-type `Debug` impl is then one call.
//!
//! Why not derive `Debug`: on the Telegram API (2,600 structs) the derived bodies were the
//! largest single item in the generated code's build, about a sixth of it in a debug build,
//! and each repeated what the encoder already spells out field by field. Once the encoder is
//! inlined into its caller the visitor calls disappear, so encoding compiles to what the
//! hand-written encoder did.

use std::fmt;

use bytes::BufMut;

use crate::traits::{Serialize, SerializeBare};

/// A constructor or function whose fields a [`Visitor`] can walk.
///
/// What generated structs implement instead of [`SerializeBare`], which they get from it.
pub trait Fields {
    /// Hands every field to `v` in wire order: the flags words where the schema has them,
    /// `?true` fields where they are declared (they take no bytes), values as they are written.
    fn walk<V: Visitor>(&self, v: &mut V);
}

/// What [`Fields::walk`] calls, one method per way a field is written.
///
/// `name` is the Rust field name, for printing; the encoder ignores it.
pub trait Visitor {
    /// A `#` word computed from the fields it conditions: written, not printed.
    fn flags(&mut self, word: u32);
    /// A `flags.N?true` field: printed, not written (its bit is in the flags word).
    fn flag(&mut self, name: &'static str, set: bool);
    /// A field of a boxed type or a primitive.
    fn field<T: Serialize + fmt::Debug>(&mut self, name: &'static str, value: &T);
    /// A field of a bare type (`%T`, `vector<T>`, a lowercase constructor name).
    fn bare<T: SerializeBare + fmt::Debug>(&mut self, name: &'static str, value: &T);
    /// A `flags.N?T` field: written if present.
    fn optional<T: Serialize + fmt::Debug>(&mut self, name: &'static str, value: &Option<T>);
    /// A `flags.N?%T` field: written bare if present.
    fn optional_bare<T: SerializeBare + fmt::Debug>(
        &mut self,
        name: &'static str,
        value: &Option<T>,
    );
    /// A `flags.N?T` field held in a `Box` (a large single-constructor type): written if
    /// present. The default shows it and writes it as a [`part`](Self::part), which is what
    /// both of the runtime's visitors want.
    fn optional_boxed<T: Serialize + fmt::Debug>(
        &mut self,
        name: &'static str,
        value: &Option<Box<T>>,
    ) {
        self.shown(name, value);
        if let Some(v) = value {
            self.part(&**v);
        }
    }
    /// A field printed here whose bytes come in [`part`](Self::part)s: a group of fields
    /// sharing one bit (`Option<(A, B)>`), or an optional vector of bare values.
    fn shown<T: fmt::Debug>(&mut self, name: &'static str, value: &T);
    /// Bytes of a field already [`shown`](Self::shown): written, not printed.
    fn part<T: Serialize>(&mut self, value: &T);
    /// [`part`](Self::part) in the bare form.
    fn part_bare<T: SerializeBare>(&mut self, value: &T);
}

/// The visitor that encodes: each method writes what its field puts on the wire.
struct Writer<'a, B>(&'a mut B);

impl<B: BufMut> Visitor for Writer<'_, B> {
    #[inline]
    fn flags(&mut self, word: u32) {
        self.0.put_u32_le(word);
    }
    #[inline]
    fn flag(&mut self, _name: &'static str, _set: bool) {}
    #[inline]
    fn field<T: Serialize + fmt::Debug>(&mut self, _name: &'static str, value: &T) {
        value.serialize(self.0);
    }
    #[inline]
    fn bare<T: SerializeBare + fmt::Debug>(&mut self, _name: &'static str, value: &T) {
        value.serialize_bare(self.0);
    }
    #[inline]
    fn optional<T: Serialize + fmt::Debug>(&mut self, _name: &'static str, value: &Option<T>) {
        if let Some(value) = value {
            value.serialize(self.0);
        }
    }
    #[inline]
    fn optional_bare<T: SerializeBare + fmt::Debug>(
        &mut self,
        _name: &'static str,
        value: &Option<T>,
    ) {
        if let Some(value) = value {
            value.serialize_bare(self.0);
        }
    }
    #[inline]
    fn shown<T: fmt::Debug>(&mut self, _name: &'static str, _value: &T) {}
    #[inline]
    fn part<T: Serialize>(&mut self, value: &T) {
        value.serialize(self.0);
    }
    #[inline]
    fn part_bare<T: SerializeBare>(&mut self, value: &T) {
        value.serialize_bare(self.0);
    }
}

/// Every walkable struct is bare-encodable: its fields, written in order.
impl<T: Fields + ?Sized> SerializeBare for T {
    #[inline]
    fn serialize_bare<B: BufMut>(&self, buf: &mut B) {
        self.walk(&mut Writer(buf));
    }
}

/// Generated code holds bare constructors in fields as `Box<T>`; the box is transparent.
impl<T: Fields + ?Sized> Fields for Box<T> {
    #[inline]
    fn walk<V: Visitor>(&self, v: &mut V) {
        (**self).walk(v)
    }
}

/// The visitor that prints: each field as `#[derive(Debug)]` shows it.
struct Printer<'a, 'b>(fmt::DebugStruct<'a, 'b>);

impl Visitor for Printer<'_, '_> {
    fn flags(&mut self, _word: u32) {}
    fn flag(&mut self, name: &'static str, set: bool) {
        self.0.field(name, &set);
    }
    fn field<T: Serialize + fmt::Debug>(&mut self, name: &'static str, value: &T) {
        self.0.field(name, value);
    }
    fn bare<T: SerializeBare + fmt::Debug>(&mut self, name: &'static str, value: &T) {
        self.0.field(name, value);
    }
    fn optional<T: Serialize + fmt::Debug>(&mut self, name: &'static str, value: &Option<T>) {
        self.0.field(name, &Maybe::of(value));
    }
    fn optional_bare<T: SerializeBare + fmt::Debug>(
        &mut self,
        name: &'static str,
        value: &Option<T>,
    ) {
        self.0.field(name, &Maybe::of(value));
    }
    fn optional_boxed<T: Serialize + fmt::Debug>(
        &mut self,
        name: &'static str,
        value: &Option<Box<T>>,
    ) {
        let shown = match value {
            Some(v) => Maybe(Some(&**v)),
            None => Maybe(None),
        };
        self.0.field(name, &shown);
    }
    fn shown<T: fmt::Debug>(&mut self, name: &'static str, value: &T) {
        self.0.field(name, value);
    }
    fn part<T: Serialize>(&mut self, _value: &T) {}
    fn part_bare<T: SerializeBare>(&mut self, _value: &T) {}
}

/// An optional field, printed as its `Option` is (`None`, `Some(..)`) but through `dyn Debug`:
/// printing the `Option<T>` itself made each crate that prints compile `Option<T>`'s and
/// `&T`'s `Debug` for every optional field type.
struct Maybe<'a>(Option<&'a dyn fmt::Debug>);

impl<'a> Maybe<'a> {
    /// A `match`, not `Option::map` with a closure: those are two more functions per field
    /// type for the printing crate to compile.
    #[inline]
    fn of<T: fmt::Debug>(value: &'a Option<T>) -> Self {
        match value {
            Some(v) => Maybe(Some(v)),
            None => Maybe(None),
        }
    }
}

impl fmt::Debug for Maybe<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(v) => f.debug_tuple("Some").field(v).finish(),
            None => f.write_str("None"),
        }
    }
}

/// Formats an enum's variant `name` holding `value` as `#[derive(Debug)]` would
/// (`Name(..)`): what generated enums' `Debug` impls call, with the payload out of its box.
/// Deriving it made each crate that prints compile `Debug` for `Box<T>` and `&Box<T>` per
/// boxed variant.
pub fn variant(f: &mut fmt::Formatter<'_>, name: &str, value: &dyn fmt::Debug) -> fmt::Result {
    f.debug_tuple(name).field(value).finish()
}

/// Formats `value` as `#[derive(Debug)]` would a struct called `name`: what generated
/// `Debug` impls call. `{:#?}` gives the pretty form.
///
/// ```
/// use tl_runtime::fields::{debug, Fields, Visitor};
/// use tl_runtime::flags::bit;
/// use tl_runtime::ByteString;
///
/// struct Note {
///     pinned: bool,
///     text: ByteString,
///     views: Option<i32>,
/// }
/// impl Fields for Note {
///     fn walk<V: Visitor>(&self, v: &mut V) {
///         v.flags(bit(self.pinned, 0) | bit(self.views.is_some(), 1));
///         v.flag("pinned", self.pinned);
///         v.field("text", &self.text);
///         v.optional("views", &self.views);
///     }
/// }
/// impl std::fmt::Debug for Note {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
///         debug(self, f, "Note")
///     }
/// }
///
/// let note = Note { pinned: true, text: "hi".into(), views: None };
/// assert_eq!(format!("{note:?}"), r#"Note { pinned: true, text: "hi", views: None }"#);
/// ```
pub fn debug<T: Fields + ?Sized>(value: &T, f: &mut fmt::Formatter<'_>, name: &str) -> fmt::Result {
    let mut printer = Printer(f.debug_struct(name));
    value.walk(&mut printer);
    printer.0.finish()
}
