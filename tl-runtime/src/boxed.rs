//! Constructors held in a `Box` by their enum's variant.
//!
//! Large constructors (`message` is 512 bytes in layer 230) are boxed so that every enum stays
//! a few words. Their boxed *wire* form (id, then body) needs nothing here: the runtime's blanket
//! [`Serialize`](crate::Serialize) and [`Deserialize`](crate::Deserialize) impls give it to
//! every [`Identifiable`](crate::Identifiable) constructor from its bare form, so a type that
//! is `Identifiable` and [`SerializeBare`](crate::SerializeBare) cannot have a hand-written
//! `Serialize` impl.

use crate::reader::Reader;
use crate::traits::DeserializeBare;

/// Reads `T`'s body into a fresh box: the decoders of enum variants that hold their
/// constructor boxed.
///
/// The box is allocated first and the value written into it, rather than built and then
/// boxed, so that the optimiser can write a large constructor's fields (`message` is 512 bytes
/// in layer 230) straight into the box instead of building all of it on the stack and copying
/// it. Measured (min of 8 interleaved runs, 50 messages and 20 users): 4.84 µs this way, 5.21 µs
/// with `Box::new(T::decode_bare(r))`. Fields kept on the stack across the calls of the
/// decoder are still copied at the end; perf puts most of `message`'s samples on that copy.
///
/// Never inlined, so each boxed constructor's decoder is one function, compiled once in each
/// crate that decodes it (it is generic, so only where it is used). Inlined into its enum's
/// decoder, and from there into callers, it made the optimiser's work grow faster than the
/// code: a crate that decodes `Updates` took 36-38 s of CPU (19-21 s on two cores) to build in
/// release, 27-28.5 s (15-16 s) with the call. The price is a call per boxed value: decoding
/// 50 messages and 20 users runs 1.8% fewer instructions and takes as long; a lone
/// `updateShortMessage` also runs fewer, but took up to 13% longer in a tight loop (the
/// criterion benchmark does not tell the two apart on this machine).
///
/// `extern "C"`, so that a call to it cannot unwind (see the crate docs): allocating the box
/// can panic as far as the compiler knows.
#[inline(never)]
pub extern "C" fn decode_bare_boxed<T: DeserializeBare>(r: &mut Reader) -> Box<T> {
    let slot = Box::new_uninit();
    Box::write(slot, T::decode_bare(r))
}
