//! A cursor over the input that every decoder reads from.

use bytes::Bytes;

use crate::error::{DecodeError, DecodeErrorKind};

/// A read position in a [`Bytes`] buffer, a nesting depth counter, and the first error met.
///
/// Decoding from `Bytes` rather than a generic `Buf` lets `string` and `bytes` fields be
/// zero-copy slices of the input, and lets errors report an absolute byte offset. The depth counter exists because TL
/// types can contain themselves (`textBold text:RichText = RichText`): a hostile input could
/// otherwise nest until the stack overflows.
///
/// Two families of reads:
/// - `read_*` return a `Result` and leave the reader as it was on failure, for hand-written
///   code that wants to react to each error.
/// - `take_*` always return a value. On failure they record the error (the first one wins),
///   move to the end of the input so that every later read fails too, and return zeros or an
///   empty slice. [`Deserialize::decode`](crate::Deserialize::decode) is built on them: a
///   generated decoder reads every field without an early return per field, which is less
///   code for rustc to check and for the CPU to run, and asks [`check`](Self::check) once at
///   the end. Once an error is recorded, nothing read afterwards means anything.
#[derive(Debug, Clone)]
pub struct Reader {
    buf: Bytes,
    pos: usize,
    depth: u32,
    max_depth: u32,
    failure: Option<DecodeError>,
}

impl Reader {
    /// How deep values may nest unless [`with_max_depth`](Self::with_max_depth) says otherwise.
    ///
    /// Real Telegram data nests a handful of levels; 64 leaves room while keeping the stack
    /// use of a recursive decoder small.
    pub const DEFAULT_MAX_DEPTH: u32 = 64;

    /// A reader at the start of `buf`.
    pub fn new(buf: impl Into<Bytes>) -> Self {
        Self {
            buf: buf.into(),
            pos: 0,
            depth: 0,
            max_depth: Self::DEFAULT_MAX_DEPTH,
            failure: None,
        }
    }

    /// Sets the nesting limit enforced by [`enter`](Self::enter).
    #[must_use]
    pub fn with_max_depth(mut self, max_depth: u32) -> Self {
        self.max_depth = max_depth;
        self
    }

    /// Byte offset of the next byte to read.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Bytes left to read.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// Whether every byte has been read.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.remaining() == 0
    }

    /// An error of `kind` at the current position.
    pub fn error(&self, kind: DecodeErrorKind) -> DecodeError {
        DecodeError::new(self.pos, kind)
    }

    /// Fails with `UnexpectedEnd` unless `n` more bytes are available.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub fn ensure(&self, n: usize) -> Result<(), DecodeError> {
        if n > self.remaining() {
            return Err(self.unexpected_end(n));
        }
        Ok(())
    }

    /// The error for a read of `n` bytes past the end. Kept out of line so that the inlined
    /// reads stay a bounds check and a load.
    // `extern "C"` here and on the other out-of-line error paths: see the crate docs.
    #[cold]
    #[inline(never)]
    extern "C" fn unexpected_end(&self, n: usize) -> DecodeError {
        self.error(DecodeErrorKind::UnexpectedEnd {
            needed: n,
            available: self.remaining(),
        })
    }

    /// The next `n` bytes, consumed, borrowed from the input.
    ///
    /// For bytes that are only looked at or copied out (padding, UTF-8 checks, a `String`);
    /// [`read_bytes`](Self::read_bytes) keeps a slice without borrowing the reader, at the
    /// cost of a reference count update.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub fn read_slice(&mut self, n: usize) -> Result<&[u8], DecodeError> {
        match self.advance(n) {
            Some(range) => Ok(&self.buf[range]),
            None => Err(self.unexpected_end(n)),
        }
    }

    /// Consumes `n` bytes and returns where they are; `None` (consuming nothing) if there are
    /// fewer. The one bounds check behind the slice reads of both families.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    fn advance(&mut self, n: usize) -> Option<std::ops::Range<usize>> {
        let start = self.pos;
        if n > self.buf.len() - start {
            return None;
        }
        self.pos = start + n;
        Some(start..start + n)
    }

    /// The input bytes in `start..end` (already read), sharing the buffer.
    ///
    /// `extern "C"` (see the crate docs): `Bytes::slice` asserts its range and calls the
    /// buffer's reference counting through a function pointer, so the compiler cannot tell
    /// that it does not unwind.
    pub(crate) extern "C" fn input_slice(&self, start: usize, end: usize) -> Bytes {
        self.buf.slice(start..end)
    }

    /// The input bytes in `start..end` (already read), borrowed.
    ///
    /// `get`, not indexing, here and in `take_slice`: inlined into decoders, a panic path
    /// would give each of them cleanup code (see the crate docs); the range is always in
    /// bounds, so the empty fallback is never taken.
    #[inline]
    pub(crate) fn input(&self, start: usize, end: usize) -> &[u8] {
        self.buf.get(start..end).unwrap_or(&[])
    }

    /// Reads `n` bytes as a zero-copy slice of the input.
    #[inline]
    pub fn read_bytes(&mut self, n: usize) -> Result<Bytes, DecodeError> {
        match self.advance(n) {
            Some(range) => Ok(self.buf.slice(range)),
            None => Err(self.unexpected_end(n)),
        }
    }

    /// Reads `N` bytes into an array (int128, int256 and the fixed-width integers).
    // The fixed-width reads are always inlined: generated decoders are large enough that LLVM
    // would otherwise call them, returning each `Result` through memory.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub fn read_array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        match self.next_chunk() {
            Some(out) => Ok(out),
            None => Err(self.unexpected_end(N)),
        }
    }

    /// The next `N` bytes, consumed; `None` (consuming nothing) if there are fewer. The one
    /// bounds check behind both `read_array` and `take_array`.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    fn next_chunk<const N: usize>(&mut self) -> Option<[u8; N]> {
        let start = self.pos;
        let out = *self.buf.get(start..)?.first_chunk::<N>()?;
        self.pos = start + N;
        Some(out)
    }

    /// Reads one byte.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub fn read_u8(&mut self) -> Result<u8, DecodeError> {
        Ok(self.read_array::<1>()?[0])
    }

    /// Reads a little-endian `u32`.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub fn read_u32(&mut self) -> Result<u32, DecodeError> {
        self.read_array().map(u32::from_le_bytes)
    }

    /// Reads a little-endian `u64`.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub fn read_u64(&mut self) -> Result<u64, DecodeError> {
        self.read_array().map(u64::from_le_bytes)
    }

    /// Reads the next `u32` without consuming it.
    pub fn peek_u32(&self) -> Result<u32, DecodeError> {
        // Not `self.clone().read_u32()`: cloning the buffer is an atomic reference count update.
        match self.buf.get(self.pos..).and_then(|rest| rest.first_chunk()) {
            Some(head) => Ok(u32::from_le_bytes(*head)),
            None => Err(self.unexpected_end(4)),
        }
    }

    /// Reads a constructor id, for the `match` in a generated enum's `deserialize`.
    ///
    /// Pair it with [`unknown_constructor`](Self::unknown_constructor) in the catch-all arm.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub fn read_constructor_id(&mut self) -> Result<u32, DecodeError> {
        self.read_u32()
    }

    /// The error for an `id` just read by [`read_constructor_id`](Self::read_constructor_id)
    /// that `type_name` does not have; it points at the id, not after it.
    #[cold]
    pub fn unknown_constructor(&self, id: u32, type_name: &'static str) -> DecodeError {
        DecodeError::new(
            self.pos.saturating_sub(4),
            DecodeErrorKind::UnknownConstructor { id, type_name },
        )
    }

    /// Current nesting depth (how many [`enter`](Self::enter)s are not yet left).
    #[inline]
    pub fn depth(&self) -> u32 {
        self.depth
    }

    /// Goes one level deeper, failing with `TooDeep` past the limit.
    ///
    /// Generated code for a type that can contain itself calls this before decoding its
    /// body and [`leave`](Self::leave) after; [`nested`](Self::nested) does both.
    #[inline]
    pub fn enter(&mut self) -> Result<(), DecodeError> {
        if self.depth >= self.max_depth {
            return Err(self.too_deep());
        }
        self.depth += 1;
        Ok(())
    }

    #[cold]
    #[inline(never)]
    extern "C" fn too_deep(&self) -> DecodeError {
        self.error(DecodeErrorKind::TooDeep {
            limit: self.max_depth,
        })
    }

    /// Comes back up one level; the counterpart of [`enter`](Self::enter).
    #[inline]
    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Runs `f` one level deeper, leaving the level again whether `f` succeeds or not.
    #[inline]
    pub fn nested<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<T, DecodeError> {
        self.enter()?;
        let out = f(self);
        self.leave();
        out
    }

    /// Records `error` unless an earlier one is recorded, and moves to the end of the input so
    /// that every later `take_*` read fails (and returns a zero value) without a check of its
    /// own.
    #[cold]
    #[inline(never)]
    pub extern "C" fn fail(&mut self, error: DecodeError) {
        if self.failure.is_none() {
            self.failure = Some(error);
        }
        self.pos = self.buf.len();
    }

    #[cold]
    #[inline(never)]
    extern "C" fn fail_end(&mut self, n: usize) {
        let error = self.unexpected_end(n);
        self.fail(error);
    }

    /// Whether an error has been recorded (see [`fail`](Self::fail)).
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub fn failed(&self) -> bool {
        self.failure.is_some()
    }

    /// The recorded error, if any, without taking it.
    pub fn failure(&self) -> Option<&DecodeError> {
        self.failure.as_ref()
    }

    /// Takes the recorded error: `Err` if one was recorded since the last `check`.
    #[inline]
    pub fn check(&mut self) -> Result<(), DecodeError> {
        match self.failure.take() {
            None => Ok(()),
            Some(e) => Err(e),
        }
    }

    /// Runs a `take_*`-style decoder and turns what it recorded into a `Result`.
    ///
    /// ```
    /// # use tl_runtime::{Deserialize, Reader};
    /// let mut r = Reader::new(vec![1, 0, 0, 0, 2, 0]);
    /// assert_eq!(r.attempt(i32::decode), Ok(1));
    /// assert!(r.attempt(i32::decode).is_err());
    /// ```
    #[inline]
    pub fn attempt<T>(&mut self, decode: impl FnOnce(&mut Self) -> T) -> Result<T, DecodeError> {
        let value = decode(self);
        self.check().map(|()| value)
    }

    /// Reads `N` bytes into an array; zeros once the input is exhausted or an error recorded.
    // Always inlined in optimized builds: a bounds check and a load, cheaper than a call.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub fn take_array<const N: usize>(&mut self) -> [u8; N] {
        match self.next_chunk() {
            Some(out) => out,
            None => {
                self.fail_end(N);
                [0; N]
            }
        }
    }

    /// Reads one byte, or records an error and returns 0.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub fn take_u8(&mut self) -> u8 {
        self.take_array::<1>()[0]
    }

    /// Reads a little-endian `u32`, or records an error and returns 0.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub fn take_u32(&mut self) -> u32 {
        u32::from_le_bytes(self.take_array())
    }

    /// Reads a little-endian `u64`, or records an error and returns 0.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub fn take_u64(&mut self) -> u64 {
        u64::from_le_bytes(self.take_array())
    }

    /// The next `n` bytes, consumed and borrowed from the input; empty after recording an
    /// error if there are fewer.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub fn take_slice(&mut self, n: usize) -> &[u8] {
        match self.advance(n) {
            Some(range) => self.buf.get(range).unwrap_or(&[]),
            None => {
                self.fail_end(n);
                &[]
            }
        }
    }

    /// The next `n` bytes as a zero-copy slice of the input; empty after recording an error
    /// if there are fewer.
    #[inline]
    pub fn take_bytes(&mut self, n: usize) -> Bytes {
        match self.advance(n) {
            Some(range) => self.buf.slice(range),
            None => {
                self.fail_end(n);
                Bytes::new()
            }
        }
    }

    /// Reads a constructor id for the `match` of a generated decoder; 0 after an error.
    ///
    /// Pair it with [`unknown`](Self::unknown) in the catch-all arm.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub fn take_constructor_id(&mut self) -> u32 {
        self.take_u32()
    }

    /// Reads a constructor id that must be `expected`; any other is recorded as not a
    /// constructor of `type_name` (what follows is then read from an exhausted reader).
    #[inline]
    pub fn take_expected_id(&mut self, expected: u32, type_name: &'static str) {
        let id = self.take_constructor_id();
        if id != expected {
            self.unknown(id, type_name);
        }
    }

    /// Records that `id`, just read by [`take_constructor_id`](Self::take_constructor_id), is
    /// not a constructor of `type_name`.
    #[cold]
    #[inline(never)]
    pub extern "C" fn unknown(&mut self, id: u32, type_name: &'static str) {
        // After an earlier failure the id is a stand-in; `fail` keeps the first error.
        let error = self.unknown_constructor(id, type_name);
        self.fail(error);
    }

    /// Runs `decode` one level deeper. Past the depth limit it records `TooDeep` first, so
    /// `decode` runs on an exhausted reader and returns its stand-in value at once: generated
    /// decoders of recursive types pick, for a constructor id that fails to read, a
    /// constructor whose stand-in does not contain the type again.
    #[inline]
    pub fn nest<T>(&mut self, decode: impl FnOnce(&mut Self) -> T) -> T {
        if self.depth >= self.max_depth {
            let error = self.too_deep();
            self.fail(error);
            return decode(self);
        }
        self.depth += 1;
        let out = decode(self);
        self.depth -= 1;
        out
    }

    /// Fails with `TrailingBytes` unless the whole input has been read.
    pub fn finish(&self) -> Result<(), DecodeError> {
        if !self.is_empty() {
            return Err(self.error(DecodeErrorKind::TrailingBytes {
                count: self.remaining(),
            }));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compiles only while these stay `extern "C"`, the promise that a call cannot unwind
    /// that keeps cleanup code out of every decoder (see the crate docs).
    #[test]
    fn nounwind_boundaries() {
        let _: extern "C" fn(&Reader, usize) -> DecodeError = Reader::unexpected_end;
        let _: extern "C" fn(&Reader) -> DecodeError = Reader::too_deep;
        let _: extern "C" fn(&Reader, usize, usize) -> Bytes = Reader::input_slice;
        let _: extern "C" fn(&mut Reader, DecodeError) = Reader::fail;
        let _: extern "C" fn(&mut Reader, usize) = Reader::fail_end;
        let _: extern "C" fn(&mut Reader, u32, &'static str) = Reader::unknown;
    }

    #[test]
    fn reads_advance_the_position_and_stop_at_the_end() {
        let mut r = Reader::new(vec![1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 9]);
        assert_eq!(r.read_u32(), Ok(1));
        assert_eq!(r.position(), 4);
        assert_eq!(r.read_u64(), Ok(2));
        assert_eq!(r.remaining(), 1);
        let err = r.read_u32().unwrap_err();
        assert_eq!(
            err.to_string(),
            "at byte 12: unexpected end of input: needed 4 bytes, 1 available"
        );
        assert_eq!(r.position(), 12, "a failed read consumes nothing");
    }

    #[test]
    fn read_bytes_is_a_slice_of_the_input() {
        let input = Bytes::from(vec![1, 2, 3, 4, 5]);
        let mut r = Reader::new(input.clone());
        r.read_u8().unwrap();
        let got = r.read_bytes(3).unwrap();
        assert_eq!(&got[..], &[2, 3, 4]);
        assert_eq!(got.as_ptr(), input[1..].as_ptr(), "zero copy");
    }

    #[test]
    fn peek_does_not_consume() {
        let r = Reader::new(vec![7, 0, 0, 0]);
        assert_eq!(r.peek_u32(), Ok(7));
        assert_eq!(r.position(), 0);
    }

    #[test]
    fn enter_fails_past_the_configured_depth() {
        let mut r = Reader::new(Bytes::new()).with_max_depth(2);
        r.enter().unwrap();
        r.enter().unwrap();
        let err = r.enter().unwrap_err();
        assert_eq!(
            err.to_string(),
            "at byte 0: values nested deeper than the limit of 2"
        );
        r.leave();
        assert_eq!(r.depth(), 1);
    }

    #[test]
    fn nested_leaves_even_on_error() {
        let mut r = Reader::new(Bytes::new());
        let res: Result<(), _> = r.nested(|r| r.read_u32().map(drop));
        assert!(res.is_err());
        assert_eq!(r.depth(), 0);
    }

    #[test]
    fn finish_reports_trailing_bytes() {
        let mut r = Reader::new(vec![0; 6]);
        r.read_u32().unwrap();
        assert_eq!(
            r.finish().unwrap_err().to_string(),
            "at byte 4: 2 bytes left over after the value"
        );
    }

    #[test]
    fn unknown_constructor_points_at_the_id() {
        let mut r = Reader::new(vec![0; 8]);
        r.read_u32().unwrap();
        let id = r.read_constructor_id().unwrap();
        assert_eq!(
            r.unknown_constructor(id, "Updates").to_string(),
            "at byte 4: unknown constructor id 0x00000000 while reading Updates"
        );
    }

    #[test]
    fn a_failed_take_records_the_first_error_and_exhausts_the_reader() {
        let mut r = Reader::new(vec![1, 0, 0, 0, 2, 0, 0, 0, 9, 9]);
        assert_eq!(r.take_u32(), 1);
        assert_eq!(r.take_u64(), 0, "6 bytes left: a failed read yields zero");
        assert!(r.failed());
        assert_eq!(r.remaining(), 0, "and leaves nothing to read");
        assert_eq!(r.take_u32(), 0);
        assert_eq!(r.take_slice(2), &[] as &[u8]);
        assert!(r.take_bytes(1).is_empty());
        r.unknown(7, "Later");
        let err = r.check().unwrap_err();
        assert_eq!(
            err.to_string(),
            "at byte 4: unexpected end of input: needed 8 bytes, 6 available",
            "the first error is kept, with its own position"
        );
        assert_eq!(r.check(), Ok(()), "check takes the error");
    }

    #[test]
    fn take_reads_match_the_result_reads() {
        let input = vec![5, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 7, 8];
        let mut a = Reader::new(input.clone());
        let mut b = Reader::new(input);
        assert_eq!(Ok(a.take_u32()), b.read_u32());
        assert_eq!(Ok(a.take_u64()), b.read_u64());
        assert_eq!(Ok(a.take_slice(1)), b.read_slice(1));
        assert_eq!(a.position(), b.position());
        assert_eq!(a.check(), Ok(()));
    }

    #[test]
    fn unknown_points_at_the_id_just_taken() {
        let mut r = Reader::new(vec![0, 0, 0, 0, 0xef, 0xbe, 0xad, 0xde]);
        r.take_u32();
        let id = r.take_constructor_id();
        r.unknown(id, "Updates");
        assert_eq!(
            r.check().unwrap_err().to_string(),
            "at byte 4: unknown constructor id 0xdeadbeef while reading Updates"
        );
    }

    #[test]
    fn nest_records_too_deep_and_still_returns() {
        let mut r = Reader::new(vec![1, 0, 0, 0]).with_max_depth(1);
        let got = r.nest(|r| r.nest(|r| r.take_u32()));
        assert_eq!(got, 0, "past the limit the reader is exhausted");
        assert_eq!(r.depth(), 0);
        assert_eq!(
            r.check().unwrap_err().to_string(),
            "at byte 0: values nested deeper than the limit of 1"
        );
    }

    #[test]
    fn attempt_turns_a_recorded_error_into_a_result() {
        let mut r = Reader::new(vec![1, 0, 0, 0, 2]);
        assert_eq!(r.attempt(Reader::take_u32), Ok(1));
        assert!(r.attempt(Reader::take_u32).is_err());
        assert!(!r.failed());
    }
}
