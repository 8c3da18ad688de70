//! One walk over a constructor's fields, shared by its encoder, its `Debug` and its
//! `PartialEq`.
//!
//! Generated code implements [`Fields`] for each constructor and function struct: a single
//! body that hands every field, in wire order, to a [`Visitor`]. The runtime drives it with
//! three visitors: one writes the bare encoding (every [`Fields`] type is [`SerializeBare`]
//! through a blanket impl), one prints the struct as `#[derive(Debug)]` would ([`debug`]), and
//! one pairs up the fields of two values to compare them as `#[derive(PartialEq)]` would
//! ([`eq`]). A per-type `Debug` or `PartialEq` impl is then one call.
//!
//! Why not derive them: on the Telegram API (2,600 structs) the derived bodies were the
//! largest items in the generated code's build, `Debug` about a sixth of it in a debug build
//! and `PartialEq` about as much, and each repeated what the encoder already spells out field
//! by field. Once the encoder is inlined into its caller the visitor calls disappear, so
//! encoding compiles to what the hand-written encoder did.

use std::any::Any;
use std::fmt;

use bytes::BufMut;

use crate::traits::{Serialize, SerializeBare};

/// A constructor or function whose fields a [`Visitor`] can walk.
///
/// What generated structs implement instead of [`SerializeBare`], which they get from it.
pub trait Fields {
    /// Hands every field to `v` in wire order: the flags words where the schema has them,
    /// `?true` fields where they are declared (they take no bytes), values as they are written.
    ///
    /// The walk must be the same sequence of calls for every value of the type, apart from
    /// [`part`](Visitor::part)s, which may depend on what is present: [`eq`] pairs the calls
    /// of two values' walks up one by one.
    fn walk<'a, V: Visitor<'a>>(&'a self, v: &mut V);
}

/// What a [`Visitor`] may do with a field's value: write it, print it, compare it.
///
/// A name for the four bounds that each [`Visitor`] method would otherwise spell out, and that
/// a hand-written [`Visitor`] implements against.
pub trait Value: Serialize + fmt::Debug + PartialEq + 'static {}
impl<T: Serialize + fmt::Debug + PartialEq + 'static> Value for T {}

/// [`Value`] for a field written bare.
pub trait BareValue: SerializeBare + fmt::Debug + PartialEq + 'static {}
impl<T: SerializeBare + fmt::Debug + PartialEq + 'static> BareValue for T {}

/// [`Value`] for a field written in [`part`](Visitor::part)s: printed and compared whole.
pub trait Shown: fmt::Debug + PartialEq + 'static {}
impl<T: fmt::Debug + PartialEq + 'static> Shown for T {}

/// What [`Fields::walk`] calls, one method per way a field is written.
///
/// `name` is the Rust field name, for printing; the encoder ignores it. Values borrowed for
/// `'a` (the walked struct's lifetime) can be kept by the visitor while it walks a second value
/// ([`eq`] does); field types are `'static` so that it can tell them apart. The bound on each
/// value (`Serialize`, `Debug`, `PartialEq`) is what the encoder, the printer and [`eq`] use.
pub trait Visitor<'a> {
    /// A `#` word computed from the fields it conditions: written, not printed.
    fn flags(&mut self, word: u32);
    /// A `flags.N?true` field: printed, not written (its bit is in the flags word).
    fn flag(&mut self, name: &'static str, set: bool);
    /// A field of a boxed type or a primitive.
    fn field<T: Value>(&mut self, name: &'static str, value: &'a T);
    /// A field of a bare type (`%T`, a lowercase constructor name).
    fn bare<T: BareValue>(&mut self, name: &'static str, value: &'a T);
    /// A `flags.N?T` field: written if present.
    fn optional<T: Value>(&mut self, name: &'static str, value: &'a Option<T>);
    /// A `flags.N?%T` field: written bare if present.
    fn optional_bare<T: BareValue>(&mut self, name: &'static str, value: &'a Option<T>);
    /// A `flags.N?T` field held in a `Box` (a large single-constructor type): written if
    /// present. The default shows it and writes it as a [`part`](Self::part), which is what
    /// the runtime's visitors want.
    fn optional_boxed<T: Value>(&mut self, name: &'static str, value: &'a Option<Box<T>>) {
        self.shown(name, value);
        if let Some(v) = value {
            self.part(&**v);
        }
    }
    /// A field printed (and compared) here whose bytes come in [`part`](Self::part)s: a group
    /// of fields sharing one bit (`Option<(A, B)>`), or a vector of bare values.
    fn shown<T: Shown>(&mut self, name: &'static str, value: &'a T);
    /// Bytes of a field already [`shown`](Self::shown): written, not printed.
    fn part<T: Serialize>(&mut self, value: &T);
    /// [`part`](Self::part) in the bare form.
    fn part_bare<T: SerializeBare>(&mut self, value: &T);
}

/// The visitor that encodes: each method writes what its field puts on the wire.
struct Writer<'a, B>(&'a mut B);

impl<'a, B: BufMut> Visitor<'a> for Writer<'_, B> {
    #[inline]
    fn flags(&mut self, word: u32) {
        self.0.put_u32_le(word);
    }
    #[inline]
    fn flag(&mut self, _name: &'static str, _set: bool) {}
    #[inline]
    fn field<T: Value>(&mut self, _name: &'static str, value: &T) {
        value.serialize(self.0);
    }
    #[inline]
    fn bare<T: BareValue>(&mut self, _name: &'static str, value: &T) {
        value.serialize_bare(self.0);
    }
    #[inline]
    fn optional<T: Value>(&mut self, _name: &'static str, value: &Option<T>) {
        if let Some(value) = value {
            value.serialize(self.0);
        }
    }
    #[inline]
    fn optional_bare<T: BareValue>(&mut self, _name: &'static str, value: &Option<T>) {
        if let Some(value) = value {
            value.serialize_bare(self.0);
        }
    }
    #[inline]
    fn shown<T: Shown>(&mut self, _name: &'static str, _value: &T) {}
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
    fn walk<'a, V: Visitor<'a>>(&'a self, v: &mut V) {
        (**self).walk(v)
    }
}

/// The visitor that prints: each field as `#[derive(Debug)]` shows it.
struct Printer<'a, 'b>(fmt::DebugStruct<'a, 'b>);

impl<'a> Visitor<'a> for Printer<'_, '_> {
    fn flags(&mut self, _word: u32) {}
    fn flag(&mut self, name: &'static str, set: bool) {
        self.0.field(name, &set);
    }
    fn field<T: Value>(&mut self, name: &'static str, value: &T) {
        self.0.field(name, value);
    }
    fn bare<T: BareValue>(&mut self, name: &'static str, value: &T) {
        self.0.field(name, value);
    }
    fn optional<T: Value>(&mut self, name: &'static str, value: &Option<T>) {
        self.0.field(name, &Maybe::of(value));
    }
    fn optional_bare<T: BareValue>(&mut self, name: &'static str, value: &Option<T>) {
        self.0.field(name, &Maybe::of(value));
    }
    fn optional_boxed<T: Value>(&mut self, name: &'static str, value: &Option<Box<T>>) {
        let shown = match value {
            Some(v) => Maybe(Some(&**v)),
            None => Maybe(None),
        };
        self.0.field(name, &shown);
    }
    fn shown<T: Shown>(&mut self, name: &'static str, value: &T) {
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

/// Formats `value` as `#[derive(Debug)]` would a struct called `name`: what generated structs'
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
///     fn walk<'a, V: Visitor<'a>>(&'a self, v: &mut V) {
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

/// Compares two values field by field, as `#[derive(PartialEq)]` would: what generated
/// structs' `PartialEq` impls call.
///
/// Why not derive it: on the Telegram API the derived `eq` bodies, one comparison per field of
/// 2,600 structs, were about a sixth of the generated code's build in debug, for what the walk
/// already lists. Here both values are walked and their calls paired up: flags words and
/// `?true` fields compare by value, every other field with its own `==`. Nothing is
/// allocated: the first value's fields are held 32 at a time, so a struct with more walks
/// both values again for each further 32.
///
/// ```
/// use tl_runtime::fields::{eq, Fields, Visitor};
///
/// struct Point {
///     x: i32,
///     label: Option<String>,
/// }
/// impl Fields for Point {
///     fn walk<'a, V: Visitor<'a>>(&'a self, v: &mut V) {
///         v.field("x", &self.x);
///         v.shown("label", &self.label);
///     }
/// }
///
/// let a = Point { x: 1, label: None };
/// assert!(eq(&a, &Point { x: 1, label: None }));
/// assert!(!eq(&a, &Point { x: 2, label: None }));
/// assert!(!eq(&a, &Point { x: 1, label: Some("b".into()) }));
/// ```
pub fn eq<T: Fields + ?Sized>(a: &T, b: &T) -> bool {
    let mut from = 0;
    loop {
        let mut held = Held {
            from,
            seen: 0,
            fields: [None; ROUND],
        };
        a.walk(&mut held);
        let mut pair = Pair {
            held: &held,
            seen: 0,
            equal: true,
        };
        b.walk(&mut pair);
        if !pair.equal || pair.seen != held.seen {
            return false;
        }
        from += ROUND;
        if from >= held.seen {
            return true;
        }
    }
}

/// Whether `held`, kept type-erased, is a `T` equal to `value` by `T`'s own `==`: how [`eq`]
/// and [`variants::eq`](crate::variants::eq) compare what they held of the first value.
#[inline]
pub(crate) fn same<T: PartialEq + 'static>(held: &dyn Any, value: &T) -> bool {
    held.downcast_ref::<T>().is_some_and(|held| held == value)
}

/// How many of a walk's calls [`eq`] holds at once: more than most constructors have fields
/// (a round is one walk of each value), few enough to sit on the stack.
const ROUND: usize = 32;

/// One call of a walk, as [`eq`] holds it.
#[derive(Clone, Copy)]
enum Seen<'a> {
    Word(u32),
    Flag(bool),
    Value(&'a dyn Any),
}

/// Holds the calls numbered `from..from + ROUND` of the first value's walk.
struct Held<'a> {
    from: usize,
    seen: usize,
    fields: [Option<Seen<'a>>; ROUND],
}

impl<'a> Held<'a> {
    fn hold(&mut self, seen: Seen<'a>) {
        if let Some(slot) = self
            .seen
            .checked_sub(self.from)
            .and_then(|i| self.fields.get_mut(i))
        {
            *slot = Some(seen);
        }
        self.seen += 1;
    }
}

impl<'a> Visitor<'a> for Held<'a> {
    fn flags(&mut self, word: u32) {
        self.hold(Seen::Word(word));
    }
    fn flag(&mut self, _name: &'static str, set: bool) {
        self.hold(Seen::Flag(set));
    }
    fn field<T: Value>(&mut self, _: &'static str, value: &'a T) {
        self.hold(Seen::Value(value));
    }
    fn bare<T: BareValue>(&mut self, _name: &'static str, value: &'a T) {
        self.hold(Seen::Value(value));
    }
    fn optional<T: Value>(&mut self, _name: &'static str, value: &'a Option<T>) {
        self.hold(Seen::Value(value));
    }
    fn optional_bare<T: BareValue>(&mut self, _name: &'static str, value: &'a Option<T>) {
        self.hold(Seen::Value(value));
    }
    fn shown<T: Shown>(&mut self, _name: &'static str, value: &'a T) {
        self.hold(Seen::Value(value));
    }
    // Parts are compared where they were shown.
    fn part<T: Serialize>(&mut self, _value: &T) {}
    fn part_bare<T: SerializeBare>(&mut self, _value: &T) {}
}

/// Walks the second value against what [`Held`] holds of the first.
struct Pair<'h, 'a> {
    held: &'h Held<'a>,
    seen: usize,
    equal: bool,
}

impl Pair<'_, '_> {
    /// The first value's call at this position, if this round holds it.
    fn next(&mut self) -> Option<Seen<'_>> {
        let i = self.seen.checked_sub(self.held.from);
        self.seen += 1;
        i.and_then(|i| self.held.fields.get(i).copied().flatten())
    }
    fn value<T: PartialEq + 'static>(&mut self, value: &T) {
        if let Some(seen) = self.next() {
            self.equal &= matches!(seen, Seen::Value(a) if same(a, value));
        }
    }
}

impl<'a> Visitor<'a> for Pair<'_, '_> {
    fn flags(&mut self, word: u32) {
        if let Some(seen) = self.next() {
            self.equal &= matches!(seen, Seen::Word(w) if w == word);
        }
    }
    fn flag(&mut self, _name: &'static str, set: bool) {
        if let Some(seen) = self.next() {
            self.equal &= matches!(seen, Seen::Flag(f) if f == set);
        }
    }
    fn field<T: Value>(&mut self, _: &'static str, value: &'a T) {
        self.value(value);
    }
    fn bare<T: BareValue>(&mut self, _name: &'static str, value: &'a T) {
        self.value(value);
    }
    fn optional<T: Value>(&mut self, _name: &'static str, value: &'a Option<T>) {
        self.value(value);
    }
    fn optional_bare<T: BareValue>(&mut self, _name: &'static str, value: &'a Option<T>) {
        self.value(value);
    }
    fn shown<T: Shown>(&mut self, _name: &'static str, value: &'a T) {
        self.value(value);
    }
    fn part<T: Serialize>(&mut self, _value: &T) {}
    fn part_bare<T: SerializeBare>(&mut self, _value: &T) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flags::bit;

    /// More fields than one round of `eq` holds, a flags word, a `?true` field and a group
    /// written in parts.
    #[derive(Clone)]
    struct Wide {
        pinned: bool,
        values: [i64; 2 * ROUND + 3],
        group: Option<(i32, String)>,
    }

    impl Fields for Wide {
        fn walk<'a, V: Visitor<'a>>(&'a self, v: &mut V) {
            v.flags(bit(self.pinned, 0) | bit(self.group.is_some(), 1));
            v.flag("pinned", self.pinned);
            for value in &self.values {
                v.field("value", value);
            }
            v.shown("group", &self.group);
            if let Some((a, b)) = &self.group {
                v.part(a);
                v.part(b);
            }
        }
    }

    fn wide() -> Wide {
        Wide {
            pinned: true,
            values: std::array::from_fn(|i| i as i64),
            group: Some((7, "seven".into())),
        }
    }

    #[test]
    fn equal_values_are_equal_over_several_rounds() {
        assert!(eq(&wide(), &wide()));
        let mut bare = wide();
        bare.group = None;
        bare.pinned = false;
        assert!(eq(&bare, &bare.clone()));
    }

    #[test]
    fn a_difference_anywhere_is_found() {
        // The first and last field of each round, and the fields after the last round.
        for at in [0, ROUND - 1, ROUND, 2 * ROUND - 1, 2 * ROUND, 2 * ROUND + 2] {
            let mut other = wide();
            other.values[at] = -1;
            assert!(!eq(&wide(), &other), "field {at}");
            assert!(!eq(&other, &wide()), "field {at}, swapped");
        }
        let mut other = wide();
        other.pinned = false;
        assert!(!eq(&wide(), &other), "a ?true field and its flag bit");
        other = wide();
        other.group = Some((7, "eight".into()));
        assert!(!eq(&wide(), &other), "a group written in parts");
        other.group = None;
        assert!(!eq(&wide(), &other), "a group present and absent");
    }

    /// Equality is each field's own `==`, as derived: NaN is not equal to itself, -0.0 is
    /// equal to 0.0 (their bytes differ).
    #[test]
    fn fields_compare_with_their_own_eq() {
        struct Number(f64);
        impl Fields for Number {
            fn walk<'a, V: Visitor<'a>>(&'a self, v: &mut V) {
                v.field("value", &self.0);
            }
        }
        assert!(!eq(&Number(f64::NAN), &Number(f64::NAN)));
        assert!(eq(&Number(-0.0), &Number(0.0)));
    }

    /// A walk that breaks the contract (different calls for different values) gives
    /// "not equal", never a panic or a wrong "equal".
    #[test]
    fn walks_that_differ_in_shape_are_not_equal() {
        enum Shape {
            Int(i32),
            Long(i64),
            Ints(Vec<i32>),
        }
        impl Fields for Shape {
            fn walk<'a, V: Visitor<'a>>(&'a self, v: &mut V) {
                match self {
                    Shape::Int(x) => v.field("x", x),
                    Shape::Long(x) => v.field("x", x),
                    Shape::Ints(xs) => xs.iter().for_each(|x| v.field("x", x)),
                }
            }
        }
        assert!(!eq(&Shape::Int(1), &Shape::Long(1)));
        assert!(!eq(&Shape::Ints(vec![1]), &Shape::Ints(vec![1, 1])));
        assert!(!eq(&Shape::Ints(vec![1, 1]), &Shape::Ints(vec![1])));
        let long: Vec<i32> = (0..3 * ROUND as i32).collect();
        assert!(!eq(
            &Shape::Ints(long.clone()),
            &Shape::Ints(long[..ROUND + 1].to_vec())
        ));
        assert!(eq(&Shape::Ints(long.clone()), &Shape::Ints(long)));
    }
}
