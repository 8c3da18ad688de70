//! The traits generated code implements, and that the runtime implements for primitives.
//!
//! TL has two forms of every value: *boxed* (constructor id, then body) when the static type
//! leaves the constructor open, and *bare* (body only) when the schema fixes it (`%T`,
//! lowercase type names, `vector<future_salt>` elements). The traits mirror that split so the
//! generator can call exactly the form the schema asks for.

use bytes::{BufMut, Bytes};

use crate::count::Counter;
use crate::error::DecodeError;
use crate::reader::Reader;
use crate::slot::{Filled, Slot};

/// A TL constructor: one concrete shape with a fixed 32-bit id.
///
/// Generated constructor structs (and function structs) implement it so the runtime can write
/// and check the id in one place (its blanket [`Serialize`] and [`Deserialize`] impls) instead
/// of in every generated impl.
pub trait Identifiable {
    /// The id written before the body in the boxed form.
    const CONSTRUCTOR_ID: u32;
    /// The TL name (`updateShort`), so errors can say what was being read.
    const NAME: &'static str;
}

/// Encoding to the boxed form: what a field of a boxed type (`Updates`, `Bool`, `Vector<T>`)
/// holds on the wire.
///
/// For a constructor struct this is id + body; for an enum, the active constructor's; for a
/// primitive (`int`, `string`, ...) the value itself, since primitives carry no id. Encoding
/// cannot fail: every Rust value of a generated type has exactly one TL encoding.
pub trait Serialize {
    /// Exact number of bytes [`serialize`](Self::serialize) writes, so buffers are sized once.
    ///
    /// The default runs `serialize` into a writer that only counts, so an encoding and its
    /// length cannot disagree and generated types carry no second function per type; once
    /// inlined it compiles to the same additions. Primitives and vectors override it with a
    /// direct formula.
    #[inline]
    fn serialized_len(&self) -> usize {
        let mut counter = Counter::new();
        self.serialize(&mut counter);
        counter.written()
    }

    /// Appends the encoding to `buf`.
    fn serialize<B: BufMut>(&self, buf: &mut B);

    /// The encoding in a new vector, allocated once at its exact size.
    fn to_bytes(&self) -> Vec<u8> {
        let len = self.serialized_len();
        let mut out = Vec::with_capacity(len);
        self.serialize(&mut out);
        debug_assert_eq!(out.len(), len, "serialized_len disagrees with serialize");
        out
    }
}

/// Decoding from the boxed form; the inverse of [`Serialize`].
pub trait Deserialize: Sized {
    /// The fewest bytes any boxed value of this type takes.
    ///
    /// Vector decoding multiplies it by the element count and rejects counts that cannot fit
    /// in the bytes left *before* allocating. Every boxed value starts with a 4-byte id or is
    /// a primitive of at least 4 bytes, hence the default.
    const MIN_SERIALIZED_LEN: usize = 4;

    /// Reads one value at the reader's position; what generated code implements and calls.
    ///
    /// It never stops early: on malformed input it records the error in the reader (see
    /// [`Reader::fail`]) and returns a stand-in value, which callers must throw away. Call
    /// [`deserialize`](Self::deserialize) or [`from_bytes`](Self::from_bytes) to get a
    /// `Result`; hand-written decoders call `decode` for their fields and leave the check to
    /// their caller.
    fn decode(r: &mut Reader) -> Self;

    /// [`decode`](Self::decode), writing the value into `slot` instead of returning it: what
    /// vectors of boxed values call for each element, and `decode_in_box!`'s `<- r` form for
    /// a field, so the value is built where it is kept.
    ///
    /// The default writes what `decode` returns, which is enough when `decode` is inlined.
    /// The runtime's string and `bytes` readers are out of line, so they implement this
    /// (writing through the slot) and make `decode` call it through
    /// [`decode_in_place`](crate::slot::decode_in_place); the [`slot`](crate::slot) module
    /// says why, and why it is sound.
    #[inline]
    fn decode_into<'a>(r: &mut Reader, slot: Slot<'a, Self>) -> Filled<'a, Self> {
        slot.write(Self::decode(r))
    }

    /// Reads one value at the reader's position, leaving whatever follows it.
    ///
    /// On error the reader is left at the end of its input; do not keep reading from it.
    #[inline]
    fn deserialize(r: &mut Reader) -> Result<Self, DecodeError> {
        r.attempt(Self::decode)
    }

    /// Decodes a whole buffer as one value; bytes left over are a `TrailingBytes` error.
    ///
    /// Top-level messages are framed by their transport, so anything after the value means
    /// the wrong type was asked for, or the input is corrupt.
    fn from_bytes(bytes: impl Into<Bytes>) -> Result<Self, DecodeError> {
        let mut r = Reader::new(bytes);
        let value = Self::deserialize(&mut r)?;
        r.finish()?;
        Ok(value)
    }

    /// [`from_bytes`](Self::from_bytes) for a borrowed slice; copies it once, so `bytes`
    /// fields of the result still share one allocation.
    fn from_slice(bytes: &[u8]) -> Result<Self, DecodeError> {
        Self::from_bytes(Bytes::copy_from_slice(bytes))
    }
}

/// Encoding to the bare form: the body alone, without a constructor id.
///
/// Needed where the schema fixes the constructor: `%Message`, `vector<future_salt>`, lowercase
/// constructor names used as types. Primitives implement it identically to [`Serialize`].
pub trait SerializeBare {
    /// Exact number of bytes [`serialize_bare`](Self::serialize_bare) writes.
    ///
    /// Counted by running `serialize_bare`, as [`Serialize::serialized_len`] is.
    #[inline]
    fn serialized_bare_len(&self) -> usize {
        let mut counter = Counter::new();
        self.serialize_bare(&mut counter);
        counter.written()
    }

    /// Appends the body to `buf`.
    fn serialize_bare<B: BufMut>(&self, buf: &mut B);
}

/// Decoding from the bare form; the inverse of [`SerializeBare`].
pub trait DeserializeBare: Sized {
    /// The fewest bytes any bare value of this type takes.
    ///
    /// A constructor without fields has an empty body, so only 0 is safe as a default;
    /// the generator can emit the real minimum (sum of its fields' minimums) to let vectors of
    /// bare values reject impossible counts early.
    const MIN_BARE_LEN: usize = 0;

    /// Reads one body at the reader's position, recording errors in the reader as
    /// [`Deserialize::decode`] does.
    fn decode_bare(r: &mut Reader) -> Self;

    /// Reads one body into a new box: what the decoder of an enum variant that holds this
    /// constructor boxed calls (through [`boxed::decode_bare_boxed`](crate::boxed::decode_bare_boxed)).
    ///
    /// The generator overrides it for large constructors with [`decode_in_box!`](crate::decode_in_box),
    /// which stores each field in the box as soon as it is read; this default builds the value
    /// and then moves it in.
    #[inline]
    fn decode_bare_boxed(r: &mut Reader) -> Box<Self> {
        // Not `Box::new_uninit` and `write`: the constructors left to this default take at most
        // 96 bytes, so the move costs little, while the uninitialised box brought a second
        // `Box` type and its drop glue per constructor into every crate that decodes.
        Box::new(Self::decode_bare(r))
    }

    /// Reads one body at the reader's position, as a `Result`.
    #[inline]
    fn deserialize_bare(r: &mut Reader) -> Result<Self, DecodeError> {
        r.attempt(Self::decode_bare)
    }
}

/// A TL function: a request whose encoding is [`Serialize`] and whose answer decodes as
/// [`Return`](Self::Return).
///
/// Tying the answer type to the request lets a client's `invoke(&req)` return the right type
/// without the caller naming it.
pub trait RemoteCall: Serialize {
    /// What the function returns (`Updates`, `Vec<i64>`, `bool`, ...).
    type Return: Deserialize;
}

// The boxed form of every constructor, from its id and its bare form. A blanket impl rather
// than one generated impl per constructor: on the 2,600 constructors of the Telegram API the
// per-type impls (two traits, three methods and a constant each) were about 15% of the API's
// compile time, and rustc checks a blanket impl once. Its cost is that `Box<T>` cannot be
// `Serialize`/`Deserialize` (Box is `#[fundamental]`, so a downstream crate could make a
// `Box<Local>` `Identifiable` and the two impls would overlap); method calls on a box still
// reach `T`'s impl through auto-deref, and generated code never needs the box's.

/// Id, then body: every constructor is [`Serialize`].
impl<T: Identifiable + SerializeBare + ?Sized> Serialize for T {
    #[inline]
    fn serialized_len(&self) -> usize {
        4 + self.serialized_bare_len()
    }
    #[inline]
    fn serialize<B: BufMut>(&self, buf: &mut B) {
        buf.put_u32_le(T::CONSTRUCTOR_ID);
        self.serialize_bare(buf);
    }
}

/// An id that must be `T`'s, then the body: every constructor that decodes its bare form is
/// [`Deserialize`].
impl<T: Identifiable + DeserializeBare> Deserialize for T {
    const MIN_SERIALIZED_LEN: usize = 4 + T::MIN_BARE_LEN;
    /// A different id records `UnknownConstructor` naming `T::NAME`, positioned at the id.
    #[inline]
    fn decode(r: &mut Reader) -> Self {
        // After a wrong id the body is read from an exhausted reader: a stand-in value, never
        // used.
        r.take_expected_id(T::CONSTRUCTOR_ID, T::NAME);
        T::decode_bare(r)
    }
}

// Box is how generated code holds bare constructors in fields (`%Message`); it must be
// transparent on the wire. Encoding it goes through `Fields` (see `fields`), which the runtime
// implements for `Box<T>` and which makes every walkable type `SerializeBare`.

impl<T: DeserializeBare> DeserializeBare for Box<T> {
    const MIN_BARE_LEN: usize = T::MIN_BARE_LEN;
    fn decode_bare(r: &mut Reader) -> Self {
        Box::new(T::decode_bare(r))
    }
}
