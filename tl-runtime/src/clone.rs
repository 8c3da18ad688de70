//! `Clone` for generated types, through their encoding: a clone is the value decoded from the
//! bytes it encodes to.
//!
//! Why not derive it: on the Telegram API the derived `clone` bodies (a call per field of
//! 1,400 structs and a match over the variants of 260 enums) were a sixth of the generated
//! code's build in debug, and encoding and decoding, which every generated type has anyway,
//! already say the same thing field by field. A generated `Clone` impl is one call here.
//!
//! The clone equals the original, field by field: TL's encoding of a generated type is
//! lossless (flag words are computed from the fields, shared-bit fields are one `Option`, floats
//! keep their bits), and the decoder reads what the encoder writes. It costs an encoding
//! and a decoding rather than a copy of each field; `string` and `bytes` fields of the clone
//! share one new buffer. Nesting is not limited (as a derived `clone` would not be), so a
//! value built by hand deeper than [`Reader`]'s default limit still clones.
//!
//! # Panics
//!
//! Where encoding panics: a `string` or `bytes` over 16 MiB - 1
//! ([`MAX_LENGTH_PREFIXED`](crate::primitives::MAX_LENGTH_PREFIXED)), which TL cannot express.
//!
//! The generator keeps the derived `Clone` where this does not hold or cannot apply: generic
//! function structs, functions that do not decode, and schemas that use `Object` (whose
//! decoder takes every byte left, so it must come last).

use crate::traits::{Deserialize, DeserializeBare, Serialize, SerializeBare};
use crate::Reader;

/// Clones a constructor or function struct through its bare encoding.
#[inline]
pub fn bare<T: SerializeBare + DeserializeBare>(value: &T) -> T {
    let mut buf = Vec::with_capacity(value.serialized_bare_len());
    value.serialize_bare(&mut buf);
    read_back(buf, T::decode_bare)
}

/// Clones a value of a boxed type (an enum) through its boxed encoding.
#[inline]
pub fn boxed<T: Serialize + Deserialize>(value: &T) -> T {
    let mut buf = Vec::with_capacity(value.serialized_len());
    value.serialize(&mut buf);
    read_back(buf, T::decode)
}

/// Decodes the copy from an encoding made here: without a nesting limit, and checking that
/// the decoder read exactly what the encoder wrote.
fn read_back<T>(buf: Vec<u8>, decode: fn(&mut Reader) -> T) -> T {
    let mut r = Reader::new(buf).with_max_depth(u32::MAX);
    let copy = decode(&mut r);
    if let Err(e) = r.finish() {
        // A decoder that disagrees with its encoder is a bug in the generator or the runtime,
        // not a condition of the input: say so rather than return a wrong value.
        panic!("a value did not decode from its own encoding: {e}");
    }
    copy
}
