//! One match over an enum's variants, shared by its encoder, its `Debug` and its `PartialEq`.
//!
//! A generated enum (a boxed type with several constructors) implements [`Variants`]: a single
//! body that hands the variant it holds, with the payload out of its box, to a [`Visit`]. The
//! runtime drives it three ways: [`serialize`] writes the payload's boxed encoding, [`debug`]
//! prints it as `#[derive(Debug)]` would, and [`eq`] compares two values as
//! `#[derive(PartialEq)]` would. The enum's `Serialize`, `Debug` and `PartialEq` impls are
//! then one call each.
//!
//! Why not a match in each: on the Telegram API (260 enums, 1,160 variants) one match instead of
//! three (the derived `PartialEq`'s, over pairs of variants, the largest) made the generated
//! code's debug build about 7% faster, and each arm only said again what the others said.
//!
//! ```
//! use tl_runtime::variants::{Variants, Visit};
//! use tl_runtime::fields::{Fields, Visitor};
//! use tl_runtime::Identifiable;
//!
//! #[derive(Debug, PartialEq)]
//! struct Done;
//! impl Identifiable for Done {
//!     const CONSTRUCTOR_ID: u32 = 0x1;
//!     const NAME: &'static str = "done";
//! }
//! impl Fields for Done {
//!     fn walk<'a, V: Visitor<'a>>(&'a self, _: &mut V) {}
//! }
//! #[derive(Debug, PartialEq)]
//! struct Code(i32);
//! impl Identifiable for Code {
//!     const CONSTRUCTOR_ID: u32 = 0x2;
//!     const NAME: &'static str = "code";
//! }
//! impl Fields for Code {
//!     fn walk<'a, V: Visitor<'a>>(&'a self, v: &mut V) {
//!         v.field("code", &self.0);
//!     }
//! }
//!
//! enum Reply {
//!     Done(Done),
//!     Code(Box<Code>),
//! }
//! impl Variants for Reply {
//!     fn visit<'a, V: Visit<'a>>(&'a self, v: V) -> V::Output {
//!         match self {
//!             Self::Done(x) => v.variant("Done", x),
//!             Self::Code(x) => v.variant("Code", &**x),
//!         }
//!     }
//! }
//!
//! let mut buf = Vec::new();
//! tl_runtime::variants::serialize(&Reply::Code(Box::new(Code(7))), &mut buf);
//! assert_eq!(buf, [2, 0, 0, 0, 7, 0, 0, 0]);
//! let a = Reply::Code(Box::new(Code(7)));
//! assert!(tl_runtime::variants::eq(&a, &Reply::Code(Box::new(Code(7)))));
//! assert!(!tl_runtime::variants::eq(&a, &Reply::Done(Done)));
//! struct Shown<'a>(&'a Reply);
//! impl std::fmt::Debug for Shown<'_> {
//!     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
//!         tl_runtime::variants::debug(self.0, f)
//!     }
//! }
//! assert_eq!(format!("{:?}", Shown(&a)), "Code(Code(7))");
//! ```

use std::any::Any;
use std::fmt;

use bytes::BufMut;

use crate::fields::Value;

/// An enum of constructors that can show which one it holds.
pub trait Variants {
    /// Calls `v` with the variant's name (as `Debug` prints it) and its payload, unboxed.
    ///
    /// Each variant must pass its own name: [`eq`] tells variants apart by it, and compares
    /// the payloads of two values only when the names match.
    fn visit<'a, V: Visit<'a>>(&'a self, v: V) -> V::Output;
}

/// What [`Variants::visit`] calls with the variant it finds.
pub trait Visit<'a> {
    /// What the visit returns.
    type Output;
    /// The held variant: its `name` and its payload.
    fn variant<T: Value>(self, name: &'static str, value: &'a T) -> Self::Output;
}

struct Write<'b, B>(&'b mut B);

impl<B: BufMut> Visit<'_> for Write<'_, B> {
    type Output = ();
    #[inline]
    fn variant<T: Value>(self, _name: &'static str, value: &T) {
        value.serialize(self.0);
    }
}

/// Writes the held payload's boxed encoding (its id, then its body): what generated enums'
/// `Serialize` impls call.
#[inline]
pub fn serialize<E: Variants + ?Sized, B: BufMut>(value: &E, buf: &mut B) {
    value.visit(Write(buf));
}

struct Print<'f, 'g>(&'f mut fmt::Formatter<'g>);

impl Visit<'_> for Print<'_, '_> {
    type Output = fmt::Result;
    #[inline]
    fn variant<T: Value>(self, name: &'static str, value: &T) -> fmt::Result {
        // The payload goes out as `dyn Debug`, unboxed: printing a `Box<T>` (as a derived
        // `Debug` would) made each crate that prints compile `Debug` for `Box<T>` and
        // `&Box<T>` per boxed variant.
        self.0.debug_tuple(name).field(value).finish()
    }
}

/// Formats the value as `#[derive(Debug)]` would (`Name(payload)`, the payload out of its
/// box): what generated enums' `Debug` impls call.
#[inline]
pub fn debug<E: Variants + ?Sized>(value: &E, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    value.visit(Print(f))
}

/// Hands back the payload, type-erased, to be compared with the other value's.
struct Held;

impl<'a> Visit<'a> for Held {
    type Output = (&'static str, &'a dyn Any);
    #[inline]
    fn variant<T: Value>(self, name: &'static str, value: &'a T) -> Self::Output {
        (name, value)
    }
}

/// The other value's variant, as [`Held`] gave it.
struct Equal<'b> {
    name: &'static str,
    payload: &'b dyn Any,
}

impl Visit<'_> for Equal<'_> {
    type Output = bool;
    #[inline]
    fn variant<T: Value>(self, name: &'static str, value: &T) -> bool {
        // Equal names mean the same variant, so the payload types match and the downcast
        // finds the other value's payload; two variants of one payload type differ by name.
        name == self.name && crate::fields::same(self.payload, value)
    }
}

/// Whether both values hold the same variant with equal payloads, as `#[derive(PartialEq)]`
/// would say: what generated enums' `PartialEq` impls call.
#[inline]
pub fn eq<E: Variants + ?Sized>(a: &E, b: &E) -> bool {
    let (name, payload) = b.visit(Held);
    a.visit(Equal { name, payload })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::{Fields, Visitor};
    use crate::Identifiable;

    #[derive(Debug, PartialEq)]
    struct Number(f64);
    impl Identifiable for Number {
        const CONSTRUCTOR_ID: u32 = 0x0a0b0c0d;
        const NAME: &'static str = "number";
    }
    impl Fields for Number {
        fn walk<'a, V: Visitor<'a>>(&'a self, v: &mut V) {
            v.field("value", &self.0);
        }
    }

    /// Two variants that hold the same payload type: their names keep them apart.
    enum Reading {
        Low(Number),
        High(Box<Number>),
    }
    impl Variants for Reading {
        fn visit<'a, V: Visit<'a>>(&'a self, v: V) -> V::Output {
            match self {
                Self::Low(x) => v.variant("Low", x),
                Self::High(x) => v.variant("High", &**x),
            }
        }
    }
    impl fmt::Debug for Reading {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            debug(self, f)
        }
    }

    #[test]
    fn eq_is_the_derived_equality() {
        let low = |x| Reading::Low(Number(x));
        let high = |x| Reading::High(Box::new(Number(x)));
        assert!(eq(&low(1.0), &low(1.0)));
        assert!(eq(&high(1.0), &high(1.0)));
        assert!(!eq(&low(1.0), &low(2.0)));
        assert!(
            !eq(&low(1.0), &high(1.0)),
            "same payload type, other variant"
        );
        assert!(!eq(&high(1.0), &low(1.0)));
        assert!(!eq(&low(f64::NAN), &low(f64::NAN)));
        assert!(eq(&high(-0.0), &high(0.0)));
    }

    #[test]
    fn debug_and_serialize_see_the_payload_out_of_its_box() {
        assert_eq!(
            format!("{:?}", Reading::High(Box::new(Number(2.5)))),
            "High(Number(2.5))"
        );
        assert_eq!(
            format!("{:#?}", Reading::Low(Number(1.0))),
            "Low(\n    Number(\n        1.0,\n    ),\n)"
        );
        let mut buf = Vec::new();
        serialize(&Reading::High(Box::new(Number(1.0))), &mut buf);
        let mut want = vec![0x0d, 0x0c, 0x0b, 0x0a];
        want.extend_from_slice(&1.0f64.to_le_bytes());
        assert_eq!(buf, want);
    }
}
