//! Source positions.

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
#[derive(Debug, Clone)]
pub(crate) struct Locator<'a> {
    text: &'a [u8],
    checkpoint: (usize, u32),
    line: u32,
    line_start: usize,
    /// Offset of the `\n` ending the current line, or the text length.
    line_end: usize,
}

impl<'a> Locator<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut l = Locator {
            text: text.as_bytes(),
            checkpoint: (0, 1),
            line: 1,
            line_start: 0,
            line_end: 0,
        };
        l.line_end = l.find_line_end(0);
        l
    }

    fn find_line_end(&self, from: usize) -> usize {
        // Every byte of the file passes through here once; memchr scans a word at a time.
        memchr::memchr(b'\n', &self.text[from..]).map_or(self.text.len(), |i| from + i)
    }

    /// Remembers the start of the line holding `offset`, to restart from when going back.
    pub(crate) fn checkpoint(&mut self, offset: usize) {
        self.line_col(offset);
        self.checkpoint = (self.line_start, self.line);
    }

    /// Line (1-based) and byte column (1-based) of `offset`.
    #[inline]
    pub(crate) fn line_col(&mut self, offset: usize) -> (u32, u32) {
        // Nearly every span is on the line of the one before it.
        if offset >= self.line_start && offset <= self.line_end {
            return (self.line, (offset - self.line_start + 1) as u32);
        }
        self.line_col_slow(offset)
    }

    #[cold]
    fn line_col_slow(&mut self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        if offset < self.line_start {
            let (cp, cp_line) = if offset >= self.checkpoint.0 {
                self.checkpoint
            } else {
                (0, 1)
            };
            self.line = cp_line;
            self.line_start = cp;
            self.line_end = self.find_line_end(cp);
        }
        while offset > self.line_end {
            self.line += 1;
            self.line_start = self.line_end + 1;
            self.line_end = self.find_line_end(self.line_start);
        }
        (self.line, (offset - self.line_start + 1) as u32)
    }

    #[inline]
    pub(crate) fn span(&mut self, start: usize, end: usize) -> Span {
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
        let mut l = Locator::new(text);
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
}
