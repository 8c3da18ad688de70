//! The boxed form of a constructor struct, derived from its bare form and its id.
//!
//! Every constructor struct would otherwise repeat "write id, write body" and "read id,
//! compare, read body". These functions hold that logic once, and the runtime's blanket impls
//! call them: every [`Identifiable`] + [`SerializeBare`] type is
//! [`Serialize`](crate::Serialize), and with [`DeserializeBare`] also
//! [`Deserialize`](crate::Deserialize), so generated code writes no boxed impl at all.
//! A type that is [`Identifiable`] and [`SerializeBare`] therefore cannot have a hand-written
//! `Serialize` impl; write its bare form, and the boxed one follows.

use bytes::BufMut;

use crate::reader::Reader;
use crate::traits::{DeserializeBare, Identifiable, SerializeBare};

/// Length of id + body.
#[inline]
pub fn serialized_len<T: Identifiable + SerializeBare + ?Sized>(value: &T) -> usize {
    4 + value.serialized_bare_len()
}

/// Writes id + body.
#[inline]
pub fn serialize<T: Identifiable + SerializeBare + ?Sized, B: BufMut>(value: &T, buf: &mut B) {
    buf.put_u32_le(T::CONSTRUCTOR_ID);
    value.serialize_bare(buf);
}

/// Reads an id that must be `T`'s, then the body.
///
/// A different id records `UnknownConstructor` naming `T::NAME`, positioned at the id.
#[inline]
pub fn decode<T: Identifiable + DeserializeBare>(r: &mut Reader) -> T {
    let id = r.take_constructor_id();
    if id != T::CONSTRUCTOR_ID {
        // The body is then read from an exhausted reader: a stand-in value, never used.
        r.unknown(id, T::NAME);
    }
    T::decode_bare(r)
}

/// Reads `T`'s body into a fresh box: the decoders of enum variants that hold their
/// constructor boxed.
///
/// The box is allocated first and the value written into it, rather than built and then
/// boxed, so that the optimiser decodes large constructors (`message` is 480 bytes) in place
/// instead of building them on the stack and copying them (measured: the copy was about 6% of
/// decoding a batch of messages).
///
/// Never inlined, so each boxed constructor's decoder is one function, compiled once in each
/// crate that decodes it (it is generic, so only where it is used). Inlined into its enum's
/// decoder, and from there into callers, it made the optimiser's work grow faster than the
/// code: a crate that decodes `Updates` took 36-38 s of CPU (19-21 s on two cores) to build in
/// release, 27-28.5 s (15-16 s) with the call. The price is a call per boxed value: decoding
/// 50 messages and 20 users runs 1.8% fewer instructions and takes as long; a lone
/// `updateShortMessage` also runs fewer, but took up to 13% longer in a tight loop (the
/// criterion benchmark does not tell the two apart on this machine).
#[inline(never)]
pub fn decode_bare_boxed<T: DeserializeBare>(r: &mut Reader) -> Box<T> {
    let slot = Box::new_uninit();
    Box::write(slot, T::decode_bare(r))
}
