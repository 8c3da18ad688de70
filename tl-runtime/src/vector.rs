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

fn read_header(r: &mut Reader) -> Result<(), DecodeError> {
    let id = r.read_constructor_id()?;
    if id != VECTOR_ID {
        return Err(r.unknown_constructor(id, "Vector"));
    }
    Ok(())
}

fn read_elements<T>(
    r: &mut Reader,
    min_element_len: usize,
    read: impl Fn(&mut Reader) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    let at = r.position();
    let count = r.read_u32()?;
    let min_element_len = min_element_len.max(1);
    let available = r.remaining();
    if (count as u64) * (min_element_len as u64) > available as u64 {
        return Err(DecodeError::new(
            at,
            DecodeErrorKind::VectorTooLong {
                count,
                min_element_len,
                available,
            },
        ));
    }
    let cap = (count as usize).min(MAX_PREALLOC_BYTES / std::mem::size_of::<T>().max(1));
    let mut out = Vec::with_capacity(cap);
    for _ in 0..count {
        out.push(read(r)?);
    }
    Ok(out)
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
pub fn deserialize_boxed_of_boxed<T: Deserialize>(r: &mut Reader) -> Result<Vec<T>, DecodeError> {
    read_header(r)?;
    deserialize_bare_of_boxed(r)
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
pub fn deserialize_boxed_of_bare<T: DeserializeBare>(
    r: &mut Reader,
) -> Result<Vec<T>, DecodeError> {
    read_header(r)?;
    deserialize_bare_of_bare(r)
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
pub fn deserialize_bare_of_boxed<T: Deserialize>(r: &mut Reader) -> Result<Vec<T>, DecodeError> {
    read_elements(r, T::MIN_SERIALIZED_LEN, T::deserialize)
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
pub fn deserialize_bare_of_bare<T: DeserializeBare>(r: &mut Reader) -> Result<Vec<T>, DecodeError> {
    read_elements(r, T::MIN_BARE_LEN, T::deserialize_bare)
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
    fn deserialize(r: &mut Reader) -> Result<Self, DecodeError> {
        deserialize_boxed_of_boxed(r)
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
    fn deserialize_bare(r: &mut Reader) -> Result<Self, DecodeError> {
        deserialize_bare_of_boxed(r)
    }
}
