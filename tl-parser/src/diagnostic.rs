//! Problems found in schema text, and how they are printed.

use crate::span::Span;
use std::fmt;

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

    /// The 1-based column in characters, as editors count it.
    pub fn char_column(&self, source: &str) -> usize {
        let (line_start, _) = line_bounds(source, self.span.start as usize);
        let start = (self.span.start as usize).min(source.len());
        source
            .get(line_start..start)
            .map_or(self.span.column as usize, |s| s.chars().count() + 1)
    }

    /// `file:line:col: severity: message`, then the source line and a caret under the problem.
    pub fn render(&self, file: &str, source: &str) -> String {
        let col = self.char_column(source);
        let (ls, le) = line_bounds(source, self.span.start as usize);
        let line = source.get(ls..le).unwrap_or("");
        // Long lines (doc comments run to thousands of characters) are cut around the caret so
        // the output stays readable.
        let (shown, caret_col) = clip_line(line, col - 1);
        let width = (self.span.end.saturating_sub(self.span.start) as usize)
            .clamp(1, shown.chars().count().saturating_sub(caret_col).max(1));
        let width = if self.span.line == line_of_end(source, self.span) {
            width
        } else {
            1
        };
        format!(
            "{file}:{}:{col}: {}: {}\n{:>5} | {shown}\n      | {}{}\n",
            self.span.line,
            self.severity,
            self.message,
            self.span.line,
            " ".repeat(caret_col),
            "^".repeat(width.min(80)),
        )
    }
}

fn line_of_end(source: &str, span: Span) -> u32 {
    let end = (span.end as usize).min(source.len());
    let start = (span.start as usize).min(end);
    span.line
        + source.as_bytes()[start..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u32
}

fn line_bounds(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = source[offset..]
        .find('\n')
        .map_or(source.len(), |i| offset + i);
    let end = if source[..end].ends_with('\r') {
        end - 1
    } else {
        end
    };
    (start, end.max(start))
}

fn clip_line(line: &str, caret: usize) -> (String, usize) {
    const WIDTH: usize = 120;
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= WIDTH {
        return (line.to_string(), caret.min(chars.len()));
    }
    let from = caret.saturating_sub(WIDTH / 2).min(chars.len() - WIDTH);
    let mut shown: String = chars[from..from + WIDTH].iter().collect();
    let mut caret = caret - from;
    if from > 0 {
        shown.insert_str(0, "...");
        caret += 3;
    }
    if from + WIDTH < chars.len() {
        shown.push_str("...");
    }
    (shown, caret)
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
