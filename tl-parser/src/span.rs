//! Source positions.

use std::cell::Cell;

/// Where a piece of syntax sits in its source text.
///
/// `start..end` is a byte range into the text that was parsed. `line` and `column` are 1-based
/// and describe `start`; the column counts bytes, which is what a caret needs for the ASCII that
/// TL declarations are written in (diagnostics convert it to characters when they print it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
    /// 1-based line of `start`.
    pub line: u32,
    /// 1-based byte column of `start`.
    pub column: u32,
}

impl Span {
    /// The byte range, for slicing the source.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        if other.start < self.start {
            return other.to(self);
        }
        Span {
            end: self.end.max(other.end),
            ..self
        }
    }
}

/// Turns byte offsets into line and column.
///
/// Spans are located in nearly increasing order while a file is read, and almost every
/// declaration sits on one line, so the locator keeps the current line's bounds: an offset on
/// that line costs nothing, a later one scans forward, and an earlier one restarts from a
/// checkpoint (the start of the current declaration) instead of the top of the file.
///
/// The state is in `Cell`s so that the parser can locate through a shared reference: it is
/// asked for every node, and a `RefCell` would add a borrow check to each of those calls.
#[derive(Debug, Clone)]
pub(crate) struct Locator<'a> {
    text: &'a [u8],
    checkpoint: Cell<(usize, u32)>,
    line: Cell<u32>,
    line_start: Cell<usize>,
    /// Offset of the `\n` ending the current line, or the text length.
    line_end: Cell<usize>,
}

impl<'a> Locator<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let l = Locator {
            text: text.as_bytes(),
            checkpoint: Cell::new((0, 1)),
            line: Cell::new(1),
            line_start: Cell::new(0),
            line_end: Cell::new(0),
        };
        l.line_end.set(l.find_line_end(0));
        l
    }

    fn find_line_end(&self, from: usize) -> usize {
        // Every byte of the file passes through here once, a line of about a hundred bytes at
        // a time: too short for memchr's vector loop to repay its setup, so words are
        // compared eight bytes at a time here.
        const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
        const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
        const NL: u64 = u64::from_ne_bytes([b'\n'; 8]);
        let mut n = from;
        while let Some(chunk) = self.text[n..].first_chunk::<8>() {
            let x = u64::from_le_bytes(*chunk) ^ NL;
            // The lowest byte that is zero always sets its high bit here; a higher one may be
            // marked falsely only after it, which trailing_zeros never reaches.
            let zero = x.wrapping_sub(ONES) & !x & HIGH;
            if zero != 0 {
                return n + (zero.trailing_zeros() / 8) as usize;
            }
            n += 8;
        }
        memchr::memchr(b'\n', &self.text[n..]).map_or(self.text.len(), |i| n + i)
    }

    /// Remembers the start of the line holding `offset`, to restart from when going back.
    pub(crate) fn checkpoint(&self, offset: usize) {
        self.line_col(offset);
        self.checkpoint
            .set((self.line_start.get(), self.line.get()));
    }

    /// Line (1-based) and byte column (1-based) of `offset`.
    #[inline]
    pub(crate) fn line_col(&self, offset: usize) -> (u32, u32) {
        // Nearly every span is on the line of the one before it.
        let line_start = self.line_start.get();
        if offset >= line_start && offset <= self.line_end.get() {
            return (self.line.get(), (offset - line_start + 1) as u32);
        }
        self.line_col_slow(offset)
    }

    #[cold]
    fn line_col_slow(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let (mut line, mut line_start, mut line_end) =
            (self.line.get(), self.line_start.get(), self.line_end.get());
        if offset < line_start {
            let checkpoint = self.checkpoint.get();
            (line_start, line) = if offset >= checkpoint.0 {
                checkpoint
            } else {
                (0, 1)
            };
            line_end = self.find_line_end(line_start);
        }
        while offset > line_end {
            line += 1;
            line_start = line_end + 1;
            line_end = self.find_line_end(line_start);
        }
        self.line.set(line);
        self.line_start.set(line_start);
        self.line_end.set(line_end);
        (line, (offset - line_start + 1) as u32)
    }

    #[inline]
    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
        let (line, column) = self.line_col(start);
        Span {
            start: start as u32,
            end: end as u32,
            line,
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locator_finds_lines_forward_and_back() {
        let text = "ab\ncd\n\nef";
        let l = Locator::new(text);
        assert_eq!(l.line_col(0), (1, 1));
        assert_eq!(l.line_col(4), (2, 2));
        assert_eq!(l.line_col(2), (1, 3));
        assert_eq!(l.line_col(6), (3, 1));
        assert_eq!(l.line_col(8), (4, 2));
        l.checkpoint(3);
        assert_eq!(l.line_col(9), (4, 3));
        assert_eq!(l.line_col(3), (2, 1));
        assert_eq!(l.line_col(0), (1, 1));
        assert_eq!(l.line_col(100), (4, 3));
    }

    #[test]
    fn locator_agrees_with_counting_on_lines_of_every_length() {
        // Lines from empty to several words long, with bytes that differ from `\n` by one bit
        // or have the high bit set, so that every position within a word ends a line somewhere.
        let mut text = String::new();
        for len in 0..40 {
            text.extend("\x0b\u{e9}a\x0e\u{8a}\u{10a}".chars().cycle().take(len));
            text.push('\n');
        }
        text.push_str("last");
        let l = Locator::new(&text);
        let (mut line, mut column) = (1, 1);
        for (offset, c) in text.char_indices() {
            assert_eq!(l.line_col(offset), (line, column), "offset {offset}");
            if c == '\n' {
                (line, column) = (line + 1, 1);
            } else {
                column += c.len_utf8() as u32;
            }
        }
    }
}
