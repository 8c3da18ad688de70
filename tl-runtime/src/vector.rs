//! TL vectors in all four shapes the schema can ask for.
//!
//! The header is boxed (`Vector<T>`: id `0x1cb5c415`, then the count) or bare (`vector<T>`:
//! count only); independently, the elements are boxed (`Vector<Update>`, each with its id)
//! or bare (`vector<%Message>`, `vector<future_salt>`, bodies only). The generator picks one
//! function per field by the TL spelling:
//!
//! | TL field type                  | functions                                   |
//! |--------------------------------|---------------------------------------------|
//! | `Vector<T>` (also `Vector<int>`) | `*_boxed_of_boxed` (= the `Vec<T>` impls) |
//! | `Vector<%T>`, `Vector<t>`      | `*_boxed_of_bare`                           |
//! | `vector<T>`                    | `*_bare_of_boxed`                           |
//! | `vector<%T>`, `vector<t>`      | `*_bare_of_bare`                            |
//!
//! For primitives the two element forms are the same bytes, so either works.
//!
//! Decoding reads the count as a `#` (unsigned) and rejects it with `VectorTooLong` when
//! `count * minimum element size` exceeds the bytes left, before allocating anything; elements
//! are counted as at least one byte even if their bare form can be empty, which no real schema
//! relies on and which bounds the decode loop by the input size.

use std::fmt;

use bytes::BufMut;

use crate::error::{DecodeError, DecodeErrorKind};
use crate::reader::Reader;
use crate::traits::{Deserialize, DeserializeBare, Serialize, SerializeBare};

/// `vector#1cb5c415 {t:Type} # [ t ] = Vector t;`
pub const VECTOR_ID: u32 = 0x1cb5c415;

/// Upper bound on the bytes reserved up front, so a count that passes the size check but
/// describes large Rust values still allocates in proportion to what actually decodes.
const MAX_PREALLOC_BYTES: usize = 64 * 1024;

fn put_count<B: BufMut>(len: usize, buf: &mut B) {
    let count = u32::try_from(len).expect("TL vector longer than 2^32-1 elements");
    buf.put_u32_le(count);
}

/// Reads the `Vector` id, failing with `UnknownConstructor` (naming `Vector`) on any other.
///
/// Public so that the schema-driven codec reads vectors with exactly these checks.
pub fn read_header(r: &mut Reader) -> Result<(), DecodeError> {
    r.attempt(take_header)
}

/// [`read_header`] for decoders: a wrong id is recorded in the reader.
#[inline]
pub fn take_header(r: &mut Reader) {
    r.take_expected_id(VECTOR_ID, "Vector");
}

/// Reads a count, checks `count * min_element_len` (at least 1 per element) against the bytes
/// left before allocating, then reads the elements with `read`.
///
/// Public so that the schema-driven codec reads vectors with exactly these checks.
pub fn read_elements<T>(
    r: &mut Reader,
    min_element_len: usize,
    read: impl Fn(&mut Reader) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    let at = r.position();
    let count = r.read_u32()?;
    let cap = checked_capacity(r, at, count, min_element_len, std::mem::size_of::<T>())?;
    let mut out = Vec::with_capacity(cap);
    for _ in 0..count {
        out.push(read(r)?);
    }
    Ok(out)
}

/// [`read_elements`] for decoders built on [`Deserialize::decode`]: errors are recorded in the
/// reader, and the elements read so far are returned.
///
/// `extern "C"`, so that a call to it cannot unwind (see the crate docs): allocating and
/// growing the vector can panic as far as the compiler knows. Still inlined where the
/// optimiser wants: an out-of-line loop made the 50-message decode 5% slower.
#[inline]
pub extern "C" fn take_elements<T>(
    r: &mut Reader,
    min_element_len: usize,
    decode: impl Fn(&mut Reader) -> T,
) -> Vec<T> {
    let Some((count, cap)) = take_count(r, min_element_len, std::mem::size_of::<T>()) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(cap);
    for _ in 0..count {
        out.push(decode(r));
        // After an error the rest would only be stand-ins (and allocations) to throw away.
        if r.failed() {
            break;
        }
    }
    out
}

/// [`take_elements`] for boxed elements: each is decoded straight into the vector's next
/// element through [`Deserialize::decode_into`] (see [`slot`](crate::slot) for why), not
/// built elsewhere and pushed.
#[inline]
pub extern "C" fn take_boxed_elements<T: Deserialize>(r: &mut Reader) -> Vec<T> {
    let Some((count, cap)) = take_count(r, T::MIN_SERIALIZED_LEN, std::mem::size_of::<T>()) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(cap);
    crate::slot::decode_into_vec(r, count, &mut out);
    out
}

/// Reads a vector's count and what to allocate for it ([`checked_capacity`]); `None` (the
/// error recorded in the reader) when the elements cannot fit in the bytes left.
///
/// Not generic (the element's size is an argument) and not inlined: a vector's decoder calls
/// it once, and as a generic it was compiled again for each element type in every crate that
/// decodes (72 times for `Updates`, 3% of that crate's code in a release build).
fn take_count(r: &mut Reader, min_element_len: usize, element_size: usize) -> Option<(u32, usize)> {
    let at = r.position();
    let count = r.take_u32();
    match checked_capacity(r, at, count, min_element_len, element_size) {
        Ok(cap) => Some((count, cap)),
        Err(e) => {
            r.fail(e);
            None
        }
    }
}

/// What to preallocate for `count` elements, or `VectorTooLong` (at `at`, the count) when
/// they cannot fit in the bytes left.
#[inline]
fn checked_capacity(
    r: &Reader,
    at: usize,
    count: u32,
    min_element_len: usize,
    element_size: usize,
) -> Result<usize, DecodeError> {
    let min_element_len = min_element_len.max(1);
    let available = r.remaining();
    if (count as u64) * (min_element_len as u64) > available as u64 {
        return Err(too_long(at, count, min_element_len, available));
    }
    Ok((count as usize).min(MAX_PREALLOC_BYTES / element_size.max(1)))
}

#[cold]
#[inline(never)]
extern "C" fn too_long(
    at: usize,
    count: u32,
    min_element_len: usize,
    available: usize,
) -> DecodeError {
    DecodeError::new(
        at,
        DecodeErrorKind::VectorTooLong {
            count,
            min_element_len,
            available,
        },
    )
}

/// Length of `Vector<T>` with boxed elements.
pub fn len_boxed_of_boxed<T: Serialize>(items: &[T]) -> usize {
    4 + len_bare_of_boxed(items)
}

/// Writes `Vector<T>` with boxed elements.
///
/// # Panics
///
/// With more than 2^32-1 items, which TL cannot count (as for every function here).
pub fn serialize_boxed_of_boxed<T: Serialize, B: BufMut>(items: &[T], buf: &mut B) {
    buf.put_u32_le(VECTOR_ID);
    serialize_bare_of_boxed(items, buf)
}

/// Reads `Vector<T>` with boxed elements.
pub fn decode_boxed_of_boxed<T: Deserialize>(r: &mut Reader) -> Vec<T> {
    take_header(r);
    decode_bare_of_boxed(r)
}

/// Length of `Vector<%T>`: boxed header, bare elements.
pub fn len_boxed_of_bare<T: SerializeBare>(items: &[T]) -> usize {
    4 + len_bare_of_bare(items)
}

/// Writes `Vector<%T>`: boxed header, bare elements.
pub fn serialize_boxed_of_bare<T: SerializeBare, B: BufMut>(items: &[T], buf: &mut B) {
    buf.put_u32_le(VECTOR_ID);
    serialize_bare_of_bare(items, buf)
}

/// Reads `Vector<%T>`: boxed header, bare elements.
pub fn decode_boxed_of_bare<T: DeserializeBare>(r: &mut Reader) -> Vec<T> {
    take_header(r);
    decode_bare_of_bare(r)
}

/// Length of `vector<T>`: count only, boxed elements.
pub fn len_bare_of_boxed<T: Serialize>(items: &[T]) -> usize {
    4 + items.iter().map(Serialize::serialized_len).sum::<usize>()
}

/// Writes `vector<T>`: count only, boxed elements.
pub fn serialize_bare_of_boxed<T: Serialize, B: BufMut>(items: &[T], buf: &mut B) {
    put_count(items.len(), buf);
    for item in items {
        item.serialize(buf);
    }
}

/// Reads `vector<T>`: count only, boxed elements.
pub fn decode_bare_of_boxed<T: Deserialize>(r: &mut Reader) -> Vec<T> {
    take_boxed_elements(r)
}

/// Length of `vector<%T>`: count only, bare elements.
pub fn len_bare_of_bare<T: SerializeBare>(items: &[T]) -> usize {
    4 + items
        .iter()
        .map(SerializeBare::serialized_bare_len)
        .sum::<usize>()
}

/// Writes `vector<%T>`: count only, bare elements.
pub fn serialize_bare_of_bare<T: SerializeBare, B: BufMut>(items: &[T], buf: &mut B) {
    put_count(items.len(), buf);
    for item in items {
        item.serialize_bare(buf);
    }
}

/// Reads `vector<%T>`: count only, bare elements.
pub fn decode_bare_of_bare<T: DeserializeBare>(r: &mut Reader) -> Vec<T> {
    take_elements(r, T::MIN_BARE_LEN, T::decode_bare)
}

/// A `Vector<%T>` field (boxed header, bare elements) as generated code hands it to a
/// [`Visitor`](crate::fields::Visitor): a `Vec<T>` alone would be written as `Vector<T>`.
/// Prints as the elements do.
pub struct BoxedOfBare<'a, T>(pub &'a [T]);

/// A `vector<%T>` field (count only, bare elements); see [`BoxedOfBare`].
pub struct BareOfBare<'a, T>(pub &'a [T]);

impl<T: SerializeBare> SerializeBare for BoxedOfBare<'_, T> {
    fn serialized_bare_len(&self) -> usize {
        len_boxed_of_bare(self.0)
    }
    fn serialize_bare<B: BufMut>(&self, buf: &mut B) {
        serialize_boxed_of_bare(self.0, buf)
    }
}

impl<T: SerializeBare> SerializeBare for BareOfBare<'_, T> {
    fn serialized_bare_len(&self) -> usize {
        len_bare_of_bare(self.0)
    }
    fn serialize_bare<B: BufMut>(&self, buf: &mut B) {
        serialize_bare_of_bare(self.0, buf)
    }
}

impl<T: fmt::Debug> fmt::Debug for BoxedOfBare<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: fmt::Debug> fmt::Debug for BareOfBare<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// `Vector<T>` with boxed elements, the natural Rust form of a TL vector.
impl<T: Serialize> Serialize for Vec<T> {
    fn serialized_len(&self) -> usize {
        len_boxed_of_boxed(self)
    }
    fn serialize<B: BufMut>(&self, buf: &mut B) {
        serialize_boxed_of_boxed(self, buf)
    }
}

impl<T: Deserialize> Deserialize for Vec<T> {
    const MIN_SERIALIZED_LEN: usize = 8;
    fn decode(r: &mut Reader) -> Self {
        decode_boxed_of_boxed(r)
    }
}

/// The bare form of `Vector<T>` is `vector<T>`: the count and boxed elements.
impl<T: Serialize> SerializeBare for Vec<T> {
    fn serialized_bare_len(&self) -> usize {
        len_bare_of_boxed(self)
    }
    fn serialize_bare<B: BufMut>(&self, buf: &mut B) {
        serialize_bare_of_boxed(self, buf)
    }
}

impl<T: Deserialize> DeserializeBare for Vec<T> {
    const MIN_BARE_LEN: usize = 4;
    fn decode_bare(r: &mut Reader) -> Self {
        decode_bare_of_boxed(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compiles only while these stay `extern "C"` (see the crate docs).
    #[test]
    fn nounwind_boundaries() {
        let _: extern "C" fn(&mut Reader, usize, fn(&mut Reader) -> i32) -> Vec<i32> =
            take_elements;
        let _: extern "C" fn(&mut Reader) -> Vec<i32> = take_boxed_elements;
        let _: extern "C" fn(usize, u32, usize, usize) -> DecodeError = too_long;
        let _: extern "C" fn(&mut Reader) -> Box<Vec<i32>> = crate::boxed::decode_bare_boxed;
    }
}
