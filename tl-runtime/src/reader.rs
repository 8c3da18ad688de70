//! A cursor over the input that every decoder reads from.

use bytes::Bytes;

use crate::error::{DecodeError, DecodeErrorKind};

/// A read position in a [`Bytes`] buffer, plus a nesting depth counter.
///
/// Decoding from `Bytes` rather than a generic `Buf` lets `bytes` fields be zero-copy slices of
/// the input, and lets errors report an absolute byte offset. The depth counter exists because TL
/// types can contain themselves (`textBold text:RichText = RichText`): a hostile input could
/// otherwise nest until the stack overflows.
#[derive(Debug, Clone)]
pub struct Reader {
    buf: Bytes,
    pos: usize,
    depth: u32,
    max_depth: u32,
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
    #[cold]
    #[inline(never)]
    fn unexpected_end(&self, n: usize) -> DecodeError {
        self.error(DecodeErrorKind::UnexpectedEnd {
            needed: n,
            available: self.remaining(),
        })
    }

    /// The next `n` bytes, consumed, borrowed from the input.
    ///
    /// For values that are copied out at once (`string`); [`read_bytes`](Self::read_bytes)
    /// keeps a slice without borrowing the reader, at the cost of a reference count update.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub fn read_slice(&mut self, n: usize) -> Result<&[u8], DecodeError> {
        let start = self.pos;
        match self.buf.get(start..).and_then(|rest| rest.get(..n)) {
            Some(out) => {
                self.pos = start + n;
                Ok(out)
            }
            None => Err(self.unexpected_end(n)),
        }
    }

    /// The input bytes in `range` (already read), sharing the buffer.
    pub(crate) fn input_slice(&self, range: std::ops::Range<usize>) -> Bytes {
        self.buf.slice(range)
    }

    /// Reads `n` bytes as a zero-copy slice of the input.
    #[inline]
    pub fn read_bytes(&mut self, n: usize) -> Result<Bytes, DecodeError> {
        self.ensure(n)?;
        let out = self.buf.slice(self.pos..self.pos + n);
        self.pos += n;
        Ok(out)
    }

    /// Reads `N` bytes into an array (int128, int256 and the fixed-width integers).
    // The fixed-width reads are always inlined: generated decoders are large enough that LLVM
    // would otherwise call them, returning each `Result` through memory.
    #[cfg_attr(not(debug_assertions), inline(always))]
    #[cfg_attr(debug_assertions, inline)]
    pub fn read_array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let start = self.pos;
        match self
            .buf
            .get(start..)
            .and_then(|rest| rest.first_chunk::<N>())
        {
            Some(out) => {
                self.pos = start + N;
                Ok(*out)
            }
            None => Err(self.unexpected_end(N)),
        }
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
    fn too_deep(&self) -> DecodeError {
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
}
