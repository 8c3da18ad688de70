//! The built-in TL types: `int`, `long`, `#`, `double`, `Bool`, `string`, `bytes`, `int128`,
//! `int256`, all little-endian.
//!
//! Primitives have no constructor id, so their bare and boxed forms are the same bytes; they
//! implement both trait pairs. `Bool` is the exception: it is an ordinary boxed type with two
//! empty constructors, so `bool` implements only the boxed traits.

use bytes::{BufMut, Bytes};

use crate::error::{DecodeError, DecodeErrorKind, NonCanonical};
use crate::reader::Reader;
use crate::slot::{Filled, Slot};
use crate::traits::{Deserialize, DeserializeBare, Serialize, SerializeBare};
use crate::ByteString;

/// `boolTrue#997275b5 = Bool;`
pub const BOOL_TRUE_ID: u32 = 0x997275b5;
/// `boolFalse#bc799737 = Bool;`
pub const BOOL_FALSE_ID: u32 = 0xbc799737;

/// The longest `string`/`bytes` the 3-byte length can express: 2^24 - 1 bytes.
pub const MAX_LENGTH_PREFIXED: usize = 0xff_ffff;

/// Implements the bare traits of a primitive by delegating to its boxed ones.
macro_rules! bare_is_boxed {
    ($($ty:ty),*) => {$(
        impl SerializeBare for $ty {
            #[inline]
            fn serialized_bare_len(&self) -> usize {
                self.serialized_len()
            }
            #[inline]
            fn serialize_bare<B: BufMut>(&self, buf: &mut B) {
                self.serialize(buf)
            }
        }
        impl DeserializeBare for $ty {
            const MIN_BARE_LEN: usize = <$ty as Deserialize>::MIN_SERIALIZED_LEN;
            #[cfg_attr(not(debug_assertions), inline(always))]
            #[cfg_attr(debug_assertions, inline)]
            fn decode_bare(r: &mut Reader) -> Self {
                <$ty as Deserialize>::decode(r)
            }
        }
    )*};
}

/// Implements the boxed traits of a fixed-width number from its little-endian bytes.
macro_rules! fixed_width {
    ($($ty:ty => $tl:literal),*) => {$(
        #[doc = concat!("TL `", $tl, "`.")]
        impl Serialize for $ty {
            #[inline]
            fn serialized_len(&self) -> usize {
                std::mem::size_of::<$ty>()
            }
            #[inline]
            fn serialize<B: BufMut>(&self, buf: &mut B) {
                buf.put_slice(&self.to_le_bytes());
            }
        }
        impl Deserialize for $ty {
            const MIN_SERIALIZED_LEN: usize = std::mem::size_of::<$ty>();
            #[cfg_attr(not(debug_assertions), inline(always))]
            #[cfg_attr(debug_assertions, inline)]
            fn decode(r: &mut Reader) -> Self {
                <$ty>::from_le_bytes(r.take_array())
            }
        }
    )*};
}

fixed_width!(i32 => "int", u32 => "#", i64 => "long", f64 => "double");

/// Implements the boxed traits of `int128` / `int256` as raw bytes, in wire order.
macro_rules! raw_array {
    ($($n:literal => $tl:literal),*) => {$(
        #[doc = concat!("TL `", $tl, "`, kept as the raw bytes in wire order.")]
        impl Serialize for [u8; $n] {
            #[inline]
            fn serialized_len(&self) -> usize {
                $n
            }
            #[inline]
            fn serialize<B: BufMut>(&self, buf: &mut B) {
                buf.put_slice(self);
            }
        }
        impl Deserialize for [u8; $n] {
            const MIN_SERIALIZED_LEN: usize = $n;
            #[inline]
            fn decode(r: &mut Reader) -> Self {
                r.take_array()
            }
        }
    )*};
}

raw_array!(16 => "int128", 32 => "int256");

bare_is_boxed!(i32, u32, i64, f64, [u8; 16], [u8; 32], String, ByteString, Bytes);

/// TL `Bool`: `boolTrue#997275b5` or `boolFalse#bc799737`.
impl Serialize for bool {
    #[inline]
    fn serialized_len(&self) -> usize {
        4
    }
    #[inline]
    fn serialize<B: BufMut>(&self, buf: &mut B) {
        buf.put_u32_le(if *self { BOOL_TRUE_ID } else { BOOL_FALSE_ID });
    }
}

impl Deserialize for bool {
    #[inline]
    fn decode(r: &mut Reader) -> Self {
        let at = r.position();
        match r.take_u32() {
            BOOL_TRUE_ID => true,
            BOOL_FALSE_ID => false,
            id => {
                invalid_bool(r, at, id);
                false
            }
        }
    }
}

/// Encoded size of a `string`/`bytes` of `len` bytes: length prefix, data, zero padding to a
/// multiple of 4.
#[inline]
pub fn length_prefixed_len(len: usize) -> usize {
    let header = if len < 254 { 1 } else { 4 };
    (header + len).next_multiple_of(4)
}

/// Writes `data` as a TL `string`/`bytes`: a 1-byte length below 254, else `0xfe` and a 3-byte
/// little-endian length; then the data; then zeros up to a multiple of 4.
///
/// # Panics
///
/// If `data` is longer than [`MAX_LENGTH_PREFIXED`] (16 MiB - 1): TL cannot express that
/// length, and truncating would silently corrupt the message. MTProto payloads are far below it.
pub fn put_length_prefixed<B: BufMut>(data: &[u8], buf: &mut B) {
    let len = data.len();
    assert!(
        len <= MAX_LENGTH_PREFIXED,
        "TL string/bytes of {len} bytes exceeds the 2^24-1 byte limit"
    );
    let header = if len < 254 {
        buf.put_u8(len as u8);
        1
    } else {
        buf.put_u8(0xfe);
        buf.put_slice(&(len as u32).to_le_bytes()[..3]);
        4
    };
    buf.put_slice(data);
    let padding = (header + len).next_multiple_of(4) - (header + len);
    buf.put_bytes(0, padding);
}

/// Reads a TL `string`/`bytes` as a zero-copy slice of the input, enforcing the canonical form
/// described in the crate docs.
#[inline]
pub fn read_length_prefixed(r: &mut Reader) -> Result<Bytes, DecodeError> {
    r.attempt(take_length_prefixed)
}

/// [`read_length_prefixed`] for decoders: on malformed input the error is recorded in the
/// reader and the result is empty.
#[inline]
pub fn take_length_prefixed(r: &mut Reader) -> Bytes {
    crate::slot::decode_in_place(r)
}

/// The whole of the `bytes` decoder, writing through a [`Slot`] for the reason `take_text`
/// gives. Out of line, for the reason [`ByteString`]'s decoder gives; `extern "C"` (see the
/// crate docs).
#[inline(never)]
extern "C" fn take_bytes<'a>(r: &mut Reader, slot: Slot<'a, Bytes>) -> Filled<'a, Bytes> {
    let (start, data) = take_padded(r);
    let end = start + data.len();
    slot.write(r.input_slice(start, end))
}

/// Reads a TL `string`/`bytes` (header, data, zero padding); returns the input offset of the
/// data and the data, borrowed from the input. Malformed input records its error and gives
/// empty data.
///
/// The short form (under 254 bytes) is the common one and takes one bounds check for the
/// header and one for data and padding together.
///
/// Always inlined: its callers are `take_text` and `take_bytes` (both out of line)
/// and `String`'s decoder, and called, it returned its three words through memory.
#[inline(always)]
fn take_padded(r: &mut Reader) -> (usize, &[u8]) {
    let start = r.position();
    let (header, len) = match r.take_u8() {
        short @ 0..=253 => (1, usize::from(short)),
        prefix => match long_header(r, start, prefix) {
            Some(long) => long,
            None => return (r.position(), &[]),
        },
    };
    let data_start = start + header;
    let padded = (header + len).next_multiple_of(4) - header;
    // `padded` is never 0 (a short header pads an empty string with 3 bytes), so an empty slice
    // is a failed read, recorded in the reader; a failed header read ends up here too, as it
    // leaves nothing to read.
    if r.take_slice(padded).is_empty() {
        return (r.position(), &[]);
    }
    // The padding (0-3 bytes) ends the record, which is a whole number of 4-byte words: it is
    // the high bytes of the record's last word read little-endian, checked with one mask
    // instead of a loop whose trip count changes from string to string.
    let padding_at = data_start + len;
    let record_end = data_start + padded;
    let last_word = r
        .input(record_end.saturating_sub(4), record_end)
        .first_chunk::<4>()
        .map_or(0, |w| u32::from_le_bytes(*w));
    let padding_mask = !(u32::MAX >> (8 * (record_end - padding_at)));
    if last_word & padding_mask != 0 {
        non_zero_padding(r, padding_at, record_end);
        return (r.position(), &[]);
    }
    (data_start, r.input(data_start, padding_at))
}

/// The rest of a header whose first byte is not a short length: `0xfe` and a 3-byte length of
/// at least 254, as (header length, data length). Anything else records its error: `None`.
#[cold]
#[inline(never)]
extern "C" fn long_header(r: &mut Reader, start: usize, prefix: u8) -> Option<(usize, usize)> {
    if prefix != 0xfe {
        r.fail(DecodeError::new(
            start,
            DecodeErrorKind::InvalidLengthPrefix { prefix },
        ));
        return None;
    }
    let [a, b, c] = r.take_array::<3>();
    if r.failed() {
        return None;
    }
    let len = usize::from(a) | usize::from(b) << 8 | usize::from(c) << 16;
    if len < 254 {
        r.fail(DecodeError::new(
            start,
            DecodeErrorKind::NonCanonical(NonCanonical::LongLengthPrefix { len }),
        ));
        return None;
    }
    Some((4, len))
}

#[cold]
#[inline(never)]
extern "C" fn non_zero_padding(r: &mut Reader, padding_at: usize, record_end: usize) {
    let padding = r.input(padding_at, record_end);
    let (i, byte) = padding
        .iter()
        .copied()
        .enumerate()
        .find(|&(_, b)| b != 0)
        .unwrap_or((0, 0));
    r.fail(DecodeError::new(
        padding_at + i,
        DecodeErrorKind::NonCanonical(NonCanonical::NonZeroPadding { byte }),
    ));
}

#[cold]
#[inline(never)]
extern "C" fn invalid_bool(r: &mut Reader, at: usize, id: u32) {
    r.fail(DecodeError::new(at, DecodeErrorKind::InvalidBool { id }));
}

/// TL `bytes`: decoding returns a slice of the input, without copying.
impl Serialize for Bytes {
    #[inline]
    fn serialized_len(&self) -> usize {
        length_prefixed_len(self.len())
    }
    #[inline]
    fn serialize<B: BufMut>(&self, buf: &mut B) {
        put_length_prefixed(self, buf)
    }
}

impl Deserialize for Bytes {
    #[inline]
    fn decode(r: &mut Reader) -> Self {
        crate::slot::decode_in_place(r)
    }
    #[inline]
    fn decode_into<'a>(r: &mut Reader, slot: Slot<'a, Self>) -> Filled<'a, Self> {
        take_bytes(r, slot)
    }
}

/// Implements [`Serialize`] for a type that holds a TL `string`: its UTF-8 bytes, written as a
/// `bytes` is.
macro_rules! impl_serialize_text {
    ($(#[$doc:meta])* $ty:ty) => {
        $(#[$doc])*
        impl Serialize for $ty {
            #[inline]
            fn serialized_len(&self) -> usize {
                length_prefixed_len(self.len())
            }
            #[inline]
            fn serialize<B: BufMut>(&self, buf: &mut B) {
                put_length_prefixed(self.as_bytes(), buf)
            }
        }
    };
}

impl_serialize_text! {
    /// TL `string` as an owned copy: encoded like `bytes`, and must be valid UTF-8.
    ///
    /// Generated code uses [`ByteString`], which shares the input instead of copying it; this
    /// impl stays for hand-written readers that want a `String` (such as [`rpc::read_string`]).
    ///
    /// [`rpc::read_string`]: crate::rpc::read_string
    String
}

impl Deserialize for String {
    // Always inlined: called out of line, the `String` comes back through memory and the
    // caller's wide reload of it stalls on the callee's narrower stores.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    fn decode(r: &mut Reader) -> Self {
        let (start, data) = take_padded(r);
        match std::str::from_utf8(data) {
            Ok(s) => s.to_owned(),
            Err(e) => {
                let at = start + e.valid_up_to();
                invalid_utf8(r, at);
                String::new()
            }
        }
    }
}

impl_serialize_text! {
    /// TL `string` as a slice of the input: decoding checks the UTF-8 and shares the buffer, so
    /// a decoded text costs a reference count update instead of an allocation and a copy. The
    /// wire format, the canonical-form checks and the errors are those of the `String` impl.
    ByteString
}

impl Deserialize for ByteString {
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    fn decode(r: &mut Reader) -> Self {
        crate::slot::decode_in_place(r)
    }
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    fn decode_into<'a>(r: &mut Reader, slot: Slot<'a, Self>) -> Filled<'a, Self> {
        take_text(r, slot)
    }
}

/// A TL `string` as shared, validated text: the whole of [`ByteString`]'s decoder.
///
/// Out of line so each string field of a generated decoder is one call. Inlined, the header,
/// padding and ASCII checks were a third of the LLVM IR of the decoders in every crate that
/// decodes (the API's decoders are inlined into their users; 152,000 of the lines for those
/// reachable from `Updates` become 99,000), and decoding was no faster: the slice of the input
/// comes back through memory either way. `extern "C"`: see the crate docs.
///
/// It writes the text into a [`Slot`] rather than returning it, so that a generated decoder
/// can hand it the field the text goes to (`decode_in_box!`'s `field <- r` form): returned, the
/// four words came back through a stack temporary that the caller then copied with 16-byte
/// loads, which stalled on this function's 8-byte stores (perf: the hottest loads of the
/// `user` decoder, one per name).
#[inline(never)]
extern "C" fn take_text<'a>(r: &mut Reader, slot: Slot<'a, ByteString>) -> Filled<'a, ByteString> {
    let (start, data) = take_padded(r);
    let end = start + data.len();
    if !is_ascii(data) {
        if let Err(e) = std::str::from_utf8(data) {
            invalid_utf8(r, start + e.valid_up_to());
            return slot.write(ByteString::new());
        }
    }
    let shared = r.input_slice(start, end);
    // SAFETY: `from_bytes_unchecked` needs valid UTF-8. `shared` holds the same bytes as
    // `data` (both are `start..end` of the reader's immutable input), which `is_ascii` found
    // all below 0x80 (ASCII text is valid UTF-8) or `str::from_utf8` accepted.
    // `strings_agree` (tests/wire/properties.rs) and `ascii_check_sees_every_byte`
    // (tests/wire/primitives.rs) check both paths against `String`'s decoder.
    #[allow(unsafe_code)]
    let text = unsafe { bytestring::ByteString::from_bytes_unchecked(shared) };
    slot.write(ByteString::from_inner(text))
}

/// Whether every byte of `data` is ASCII, a word at a time with no byte loop.
///
/// Most TL text (names, usernames, most messages) is ASCII, and this is the cheap way to
/// prove it valid UTF-8: `str::from_utf8` walks a misaligned start byte by byte (a string's
/// data starts one byte after its length prefix), and `<[u8]>::is_ascii` compiles to a byte
/// loop here. Texts of 4 to 16 bytes read their first and last 4 or 8 bytes, which overlap;
/// shorter ones their first, middle and last byte; longer ones 16-byte blocks and then the last
/// 16 bytes again. So a byte may be read twice, but there is no loop over a tail, which was an
/// eighth of the samples of `take_text` with the 8-byte loop before this (perf). Min of 8
/// interleaved runs, 50 messages and 20 users: 4.98 µs with the earlier 8-byte loop and byte
/// tail, 4.78 µs with this.
#[inline(always)]
fn is_ascii(data: &[u8]) -> bool {
    const HIGH_BITS: u64 = u64::from_ne_bytes([0x80; 8]);
    let seen = match data.len() {
        0 => 0,
        1..=3 => u64::from(data[0] | data[data.len() / 2] | data[data.len() - 1]),
        4..=7 => {
            let [head, last] = ends::<4>(data);
            u64::from(u32::from_ne_bytes(head) | u32::from_ne_bytes(last))
        }
        8..=16 => {
            let [head, last] = ends::<8>(data);
            u64::from_ne_bytes(head) | u64::from_ne_bytes(last)
        }
        _ => {
            let [_, last] = ends::<16>(data);
            let blocks = data
                .chunks_exact(16)
                .filter_map(|b| <[u8; 16]>::try_from(b).ok());
            let seen = blocks.fold(u128::from_ne_bytes(last), |seen, b| {
                seen | u128::from_ne_bytes(b)
            });
            (seen as u64) | ((seen >> 64) as u64)
        }
    };
    seen & HIGH_BITS == 0
}

/// The first and the last `N` bytes of `data`, which overlap when it is shorter than `2 * N`.
/// `is_ascii` calls it only with at least `N` bytes; zeros otherwise, rather than a panic.
#[inline(always)]
fn ends<const N: usize>(data: &[u8]) -> [[u8; N]; 2] {
    match (data.first_chunk::<N>(), data.last_chunk::<N>()) {
        (Some(head), Some(last)) => [*head, *last],
        _ => [[0; N]; 2],
    }
}

#[cold]
#[inline(never)]
extern "C" fn invalid_utf8(r: &mut Reader, at: usize) {
    r.fail(DecodeError::new(at, DecodeErrorKind::InvalidUtf8));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compiles only while these stay `extern "C"` (see the crate docs).
    #[test]
    fn nounwind_boundaries() {
        let _: extern "C" fn(&mut Reader, usize, u8) -> Option<(usize, usize)> = long_header;
        let _: extern "C" fn(&mut Reader, usize, usize) = non_zero_padding;
        let _: extern "C" fn(&mut Reader, usize, u32) = invalid_bool;
        let _: for<'a> extern "C" fn(&mut Reader, Slot<'a, ByteString>) -> Filled<'a, ByteString> =
            take_text;
        let _: for<'a> extern "C" fn(&mut Reader, Slot<'a, Bytes>) -> Filled<'a, Bytes> =
            take_bytes;
        let _: extern "C" fn(&mut Reader, usize) = invalid_utf8;
    }
}
