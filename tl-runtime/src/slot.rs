//! Decoding a value straight into the place that will hold it.
//!
//! A decoder that returns its value through memory writes it into a stack temporary, and the
//! caller then copies it to where it goes: a vector's next element, a field of a boxed
//! struct. The decoder's stores are 1, 4 or 8 bytes wide and the copy reads them back with
//! 16-byte loads straight after, which cannot be forwarded from stores still in flight: perf
//! put 14% of the 50-message decode on one such load in the vector loop, and the hottest loads
//! of the `user` decoder on copying each name. With [`Deserialize::decode_into`] the caller
//! passes a [`Slot`] over the destination (the vector's spare element, the field in the box)
//! and the decoder writes there; the string and `bytes` readers, which are out of line, write
//! through it, and inlined decoders store into it directly.
//!
//! # Why this is sound
//!
//! A [`Filled<'a, T>`] is the proof that the [`Slot<'a, T>`] with the same `'a` was written,
//! which lets the code that made the slot treat its memory as initialised without checking:
//! - only this module makes slots (`Slot::new` is private to the crate) and only
//!   [`Slot::write`] makes a `Filled`, which consumes the slot;
//! - `'a` is invariant in both types, so neither can be turned into one with another lifetime;
//! - `decode_into` is generic over `'a`, so an implementation cannot name the caller's `'a`;
//!   the only `Slot<'a, Self>` it can reach is its argument, the only way to a
//!   `Filled<'a, Self>` is to write that slot (or hand it to a function that does), and every
//!   slot this crate makes borrows a place of its own, so no two slots share a lifetime that an
//!   implementation could see.
//!
//! This is the "generative lifetime" pattern, with no run-time check. A panic between making
//! a slot and its `Filled` leaves the place uninitialised and unclaimed: at worst the parts
//! of a value written so far leak. The `compile_fail` examples on [`Filled`] and [`Slot`]
//! show what the compiler refuses, and the unit tests below decode through both paths.

// The module exists to hold these `unsafe` blocks; each carries its own argument.
#![allow(unsafe_code)]

use std::marker::PhantomData;
use std::mem::MaybeUninit;

use crate::reader::Reader;
use crate::traits::Deserialize;

/// Makes `'a` invariant: without it a slot or proof could be shortened to another's lifetime.
type Brand<'a> = PhantomData<fn(&'a ()) -> &'a ()>;

/// An uninitialised place for one `T`, handed to [`Deserialize::decode_into`], which must
/// [`write`](Self::write) it to get the [`Filled`] it returns.
///
/// Only the runtime makes slots:
///
/// ```compile_fail
/// use std::mem::MaybeUninit;
/// let mut place = MaybeUninit::<u8>::uninit();
/// let slot = tl_runtime::slot::Slot { place: &mut place, brand: std::marker::PhantomData };
/// ```
///
/// and a slot keeps its lifetime exactly, as a proof does:
///
/// ```compile_fail
/// use tl_runtime::slot::Slot;
/// fn shorten<'long: 'short, 'short>(slot: Slot<'long, u8>) -> Slot<'short, u8> {
///     slot
/// }
/// ```
pub struct Slot<'a, T> {
    place: &'a mut MaybeUninit<T>,
    brand: Brand<'a>,
}

impl<'a, T> Slot<'a, T> {
    /// A slot over `place`; the caller may treat `place` as initialised once it holds the
    /// `Filled<'a, T>` that writing this slot returns.
    #[inline(always)]
    pub(crate) fn new(place: &'a mut MaybeUninit<T>) -> Self {
        Slot {
            place,
            brand: PhantomData,
        }
    }

    /// Stores `value` in the slot, returning the proof that it holds one.
    #[inline(always)]
    pub fn write(self, value: T) -> Filled<'a, T> {
        self.place.write(value);
        Filled {
            brand: PhantomData,
            of: PhantomData,
        }
    }
}

/// Proof that the [`Slot`] of the same lifetime now holds a `T`: what
/// [`Deserialize::decode_into`] returns.
///
/// A proof answers for its own slot only: its lifetime cannot be traded for another, not even
/// a shorter one, so a proof obtained elsewhere (say from a `'static` place) does not fit:
///
/// ```compile_fail
/// use tl_runtime::slot::Filled;
/// fn shorten<'long: 'short, 'short>(proof: Filled<'long, u8>) -> Filled<'short, u8> {
///     proof
/// }
/// ```
#[must_use = "a decoder returns the proof that it wrote its slot"]
pub struct Filled<'a, T> {
    brand: Brand<'a>,
    of: PhantomData<fn() -> T>,
}

/// Decodes a `T` through [`Deserialize::decode_into`] into a place on the stack and returns
/// it: `decode` for a type whose decoder is written once, as `decode_into` (the string and
/// `bytes` readers).
#[inline(always)]
pub fn decode_in_place<T: Deserialize>(r: &mut Reader) -> T {
    let mut place = MaybeUninit::uninit();
    let _: Filled<'_, T> = T::decode_into(r, Slot::new(&mut place));
    // SAFETY: `assume_init` needs `place` to hold a `T`. `T::decode_into` returned a
    // `Filled` for the one slot made over `place` (see the module docs for why no other slot
    // can produce it), and a `Filled` exists only once that slot's `write` has stored a `T`.
    unsafe { place.assume_init() }
}

/// Decodes a `T` into `place` through [`Deserialize::decode_into`]: what
/// [`decode_in_box!`](crate::decode_in_box)'s `field <- r` form calls, so that a field's
/// decoder writes straight into the box.
///
/// # Safety
///
/// `place` must be valid for writes of a `T` and aligned. Whatever it held is overwritten
/// without being dropped.
#[inline(always)]
pub unsafe fn decode_to<T: Deserialize>(r: &mut Reader, place: *mut T) {
    // SAFETY: the caller promises `place` is valid for writes and aligned, which is all a
    // `&mut MaybeUninit<T>` needs (it asks nothing of the contents). The borrow is fresh and
    // ends here, so the slot made over it is the only one with its lifetime.
    let place = unsafe { &mut *place.cast::<MaybeUninit<T>>() };
    let _: Filled<'_, T> = T::decode_into(r, Slot::new(place));
}

/// Stores `Some` of a `T` decoded in place into `place`: the `field?(condition) <- r` form of
/// [`decode_in_box!`](crate::decode_in_box).
///
/// There is no way to build `Some` around a value written later, so this stores
/// `Some(T::default())` first and lets `T`'s decoder overwrite the inside. The default is
/// overwritten without being dropped: use it for types whose default owns nothing
/// ([`ByteString`](crate::ByteString), [`bytes::Bytes`]), or it leaks.
///
/// # Safety
///
/// As for [`decode_to`]: `place` must be valid for writes of an `Option<T>` and aligned.
#[inline(always)]
pub unsafe fn decode_some_to<T: Deserialize + Default>(r: &mut Reader, place: *mut Option<T>) {
    // SAFETY: the caller promises `place` is valid for writes and aligned. After the write it
    // holds a `Some`, so the reference made from it is to an initialised `Option<T>`.
    unsafe { place.write(Some(T::default())) };
    let inner: *mut T = match unsafe { &mut *place } {
        Some(inner) => inner,
        None => unreachable!("just stored Some"),
    };
    // SAFETY: `inner` points into `*place`, valid and aligned for a `T` (it holds one).
    unsafe { decode_to(r, inner) }
}

/// Decodes up to `count` boxed `T`s into `out`, each straight into the vector's next spare
/// element; stops after the first error, leaving the elements decoded so far.
#[inline(always)]
pub(crate) fn decode_into_vec<T: Deserialize>(r: &mut Reader, count: u32, out: &mut Vec<T>) {
    for _ in 0..count {
        out.reserve(1);
        let len = out.len();
        let _: Filled<'_, T> = T::decode_into(r, Slot::new(&mut out.spare_capacity_mut()[0]));
        // SAFETY: `set_len(len + 1)` needs the element at `len` initialised (and `len + 1`
        // within capacity, which `reserve(1)` gave). `spare_capacity_mut()[0]` is the element
        // at `len`, and the `Filled` for the slot over it proves it was written (module docs).
        unsafe { out.set_len(len + 1) };
        // After an error the rest would only be stand-ins (and allocations) to throw away.
        if r.failed() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        static DROPS: Cell<usize> = const { Cell::new(0) };
    }

    /// Counts its drops, so a value dropped twice or never shows in the count.
    #[derive(Debug, PartialEq)]
    struct Counted(Box<i64>);

    impl Drop for Counted {
        fn drop(&mut self) {
            DROPS.with(|d| d.set(d.get() + 1));
        }
    }

    /// A heap-owning variant and a unit one, written in place.
    #[derive(Debug, PartialEq)]
    enum Shape {
        Dot,
        Named(Counted),
    }

    impl Deserialize for Shape {
        fn decode(r: &mut Reader) -> Self {
            decode_in_place(r)
        }
        fn decode_into<'a>(r: &mut Reader, slot: Slot<'a, Self>) -> Filled<'a, Self> {
            match r.take_u32() {
                0 => slot.write(Shape::Dot),
                n => slot.write(Shape::Named(Counted(Box::new(i64::from(n))))),
            }
        }
    }

    #[test]
    fn decode_goes_through_the_slot() {
        let mut r = Reader::new(vec![7, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(Shape::decode(&mut r), Shape::Named(Counted(Box::new(7))));
        assert_eq!(Shape::decode(&mut r), Shape::Dot);
        assert!(r.is_empty());
    }

    #[test]
    fn vector_elements_are_written_in_place_and_dropped_once() {
        // Three elements, the second a `Dot`; then a cut-off fourth.
        let mut r = Reader::new(vec![1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 3, 0]);
        let mut out = Vec::with_capacity(1);
        decode_into_vec::<Shape>(&mut r, 4, &mut out);
        assert!(r.failed());
        assert_eq!(
            out.len(),
            4,
            "the stand-in for the failed read is kept, as by push"
        );
        let expected = [
            Shape::Named(Counted(Box::new(1))),
            Shape::Dot,
            Shape::Named(Counted(Box::new(2))),
            Shape::Dot,
        ];
        assert_eq!(out, expected);
        drop(expected);
        let before = DROPS.with(Cell::get);
        drop(out);
        assert_eq!(
            DROPS.with(Cell::get) - before,
            2,
            "each element dropped once"
        );
    }

    /// A type that keeps the default `decode_into` still decodes through slots.
    #[test]
    fn default_decode_into_writes_decode() {
        let mut r = Reader::new(vec![5, 0, 0, 0, 6, 0, 0, 0]);
        let mut out = Vec::new();
        decode_into_vec::<i32>(&mut r, 2, &mut out);
        assert_eq!(out, [5, 6]);
    }
}
