//! Problems found in schema text, and how they are printed.

use crate::span::Span;
use std::fmt;

/// The most diagnostics kept for one file. Past it one [`DiagnosticKind::TooManyProblems`]
/// says how many more there were: a binary or garbled file would otherwise produce one per
/// byte, costing memory and a screenful nobody reads.
pub const MAX_DIAGNOSTICS: usize = 1000;

/// Cuts `diags` (sorted by position) to [`MAX_DIAGNOSTICS`], with a last one counting the rest.
pub fn truncate(diags: &mut Vec<Diagnostic>, more: usize) {
    let extra = diags.len().saturating_sub(MAX_DIAGNOSTICS) + more;
    if extra == 0 {
        return;
    }
    diags.truncate(MAX_DIAGNOSTICS);
    let span = diags.last().map_or_else(Span::default, |d| d.span);
    diags.push(Diagnostic::new(
        Severity::Error,
        DiagnosticKind::TooManyProblems,
        span,
        format!("{extra} more problems in this file are not shown"),
    ));
}

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The schema is usable; something looks wrong.
    Warning,
    /// The schema cannot be used as written.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// What kind of problem a diagnostic reports, for tools and tests that match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// The text does not follow the TL grammar.
    Syntax,
    /// A declaration is not closed by `;` before the end of the file.
    Unterminated,
    /// A `/* ... */` comment is never closed.
    UnterminatedComment,
    /// `---name---` with a name other than `types` or `functions`.
    UnknownSection,
    /// A `#id` that is not 1 to 8 hex digits.
    BadId,
    /// A type written deeper than the parser follows.
    TooDeep,
    /// A declaration with more fields than the parser accepts.
    TooLarge,
    /// The file has more problems than are worth reporting; the rest are left out.
    TooManyProblems,
    /// The declared id differs from the CRC32 of the declaration.
    IdMismatch,
    /// A type that no declaration defines.
    UndefinedType,
    /// A conditional field naming a field that does not exist (or comes later).
    UnknownFlagsField,
    /// A conditional field naming a field that is not `#`.
    FlagsFieldNotNat,
    /// A bit number above 31.
    BitOutOfRange,
    /// Two declarations with one name in one file.
    DuplicateName,
    /// Two declarations with one id.
    DuplicateId,
    /// Two fields with one name in a declaration.
    DuplicateField,
    /// The same name declared differently in two files.
    ConflictingDefinition,
    /// `!X` where `X` is not a `{X:Type}` parameter.
    BangWithoutTypeParam,
    /// A type parameter used with arguments or otherwise misused.
    BadTypeParam,
}

/// One problem, located in its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What kind of problem, for matching.
    pub kind: DiagnosticKind,
    /// Where.
    pub span: Span,
    /// What, for people: says what was expected and what was found.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic of any severity.
    pub fn new(
        severity: Severity,
        kind: DiagnosticKind,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            kind,
            span,
            message: message.into(),
        }
    }

    pub(crate) fn error(kind: DiagnosticKind, span: Span, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Error, kind, span, message)
    }

    /// Whether this is an error (as opposed to a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The 1-based column in characters, as editors count it. On a line longer than 64 KiB
    /// before the problem it is the byte column, so that reporting stays cheap on any input.
    pub fn char_column(&self, source: &str) -> usize {
        let start = (self.span.start as usize).min(source.len());
        let byte_col = self.span.column.max(1) as usize;
        let line_start = start.saturating_sub(byte_col - 1);
        if byte_col > 1 << 16 {
            return byte_col;
        }
        source
            .get(line_start..start)
            .map_or(byte_col, |s| s.chars().count() + 1)
    }

    /// `file:line:col: severity: message`, then the source line and a caret under the problem.
    ///
    /// Only a window of about 120 characters around the problem is shown (and read), so long
    /// lines stay readable and rendering costs the same however long the line is.
    pub fn render(&self, file: &str, source: &str) -> String {
        const HALF: usize = 60;
        let col = self.char_column(source);
        let start = (self.span.start as usize).min(source.len());
        let line_start = start.saturating_sub(self.span.column.max(1) as usize - 1);
        let from = floor_char(source, start.saturating_sub(HALF * 4).max(line_start));
        let to_limit = ceil_char(source, (start + HALF * 4).min(source.len()));
        let line_end = memchr::memchr(b'\n', &source.as_bytes()[start..to_limit])
            .map_or(to_limit, |i| start + i);
        let before: Vec<char> = source[from..start].chars().collect();
        let skip = before.len().saturating_sub(HALF);
        let mut shown: String = before[skip..].iter().collect();
        let mut caret = before.len() - skip;
        if skip > 0 || from > line_start {
            shown.insert_str(0, "...");
            caret += 3;
        }
        let after = source[start..line_end].trim_end_matches('\r');
        let after_len = after.chars().count();
        shown.extend(after.chars().take(HALF));
        if after_len > HALF || line_end < source.len() && source.as_bytes()[line_end] != b'\n' {
            shown.push_str("...");
        }
        let single_line = !source.as_bytes()
            [start..(self.span.end as usize).clamp(start, source.len())]
            .contains(&b'\n');
        let width = if single_line {
            (self.span.end.saturating_sub(self.span.start) as usize)
                .clamp(1, after_len.clamp(1, HALF))
        } else {
            1
        };
        format!(
            "{file}:{}:{col}: {}: {}\n{:>5} | {shown}\n      | {}{}\n",
            self.span.line,
            self.severity,
            self.message,
            self.span.line,
            " ".repeat(caret),
            "^".repeat(width),
        )
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.span.line, self.span.column, self.severity, self.message
        )
    }
}
