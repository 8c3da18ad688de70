//! Conditional fields (`name:flags.N?Type`): building and reading the `#` flags word.
//!
//! The flags word is not stored in generated structs; it follows from which `Option`s are
//! `Some` and which `?true` `bool`s are set, so encoding recomputes it and decoding uses it
//! once. These helpers keep each conditional field to one short call in generated code.

use crate::reader::Reader;
use crate::traits::{Deserialize, DeserializeBare, Identifiable};

/// `1 << n` if `present`, else 0; OR one per conditional field into the flags word.
///
/// `n` is a bit number from the schema, below 32.
///
/// ```
/// use tl_runtime::flags::bit;
/// let (silent, reply_to) = (true, None::<i32>);
/// assert_eq!(bit(silent, 13) | bit(reply_to.is_some(), 3), 1 << 13);
/// ```
#[inline]
pub const fn bit(present: bool, n: u32) -> u32 {
    (present as u32) << n
}

/// Whether bit `n` of `flags` is set: the value of a `flags.N?true` field, or whether a
/// `flags.N?T` field follows.
#[cfg_attr(not(debug_assertions), inline(always))]
#[cfg_attr(debug_assertions, inline)]
pub const fn has(flags: u32, n: u32) -> bool {
    flags & (1 << n) != 0
}

/// Reads a boxed `flags.N?T` field: `Some` if bit `n` is set, else `None` without reading.
// Always inlined: in a decoder with dozens of fields (`message`) LLVM stops inlining, and an
// out-of-line call returns its `Option<T>` through memory, which the caller then reloads; for
// an `Option<i32>` that costs more than the read itself.
#[cfg_attr(not(debug_assertions), inline(always))]
#[cfg_attr(debug_assertions, inline)]
pub fn decode_if<T: Deserialize>(r: &mut Reader, flags: u32, n: u32) -> Option<T> {
    if has(flags, n) {
        Some(T::decode(r))
    } else {
        None
    }
}

/// Reads a boxed `flags.N?T` field whose type is a single constructor's struct held in a
/// `Box` ([`boxed::decode_boxed`](crate::boxed::decode_boxed)): `Some` if bit `n` is set.
#[inline]
pub fn decode_boxed_if<T: Identifiable + DeserializeBare>(
    r: &mut Reader,
    flags: u32,
    n: u32,
) -> Option<Box<T>> {
    if has(flags, n) {
        Some(crate::boxed::decode_boxed::<T>(r))
    } else {
        None
    }
}

/// Reads a bare `flags.N?%T` field: `Some` if bit `n` is set, else `None` without reading.
#[cfg_attr(not(debug_assertions), inline(always))]
#[cfg_attr(debug_assertions, inline)]
pub fn decode_bare_if<T: DeserializeBare>(r: &mut Reader, flags: u32, n: u32) -> Option<T> {
    if has(flags, n) {
        Some(T::decode_bare(r))
    } else {
        None
    }
}
