//! Regression tests for parser bugs found by the benchmark, the property tests and the fuzzer.
//! Each names the bug it guards against.

use tl_parser::validate::Options;
use tl_parser::DiagnosticKind;

/// Was a bug: `vector#1cb5c415 {t:Type} # [ t ] = Vector t;` in one file and the same declaration
/// without its id in another are reported as a `ConflictingDefinition` error, although the
/// computed id of the id-less one is exactly `1cb5c415`: they are one definition. This is the
/// real `api-layer230.tl` + `mtproto.tl` pair, so checking Telegram's own schema fails.
#[test]
fn declaration_without_id_merges_with_the_same_one_with_its_computed_id() {
    let with_id = "vector#1cb5c415 {t:Type} # [ t ] = Vector t;";
    let without = "vector {t:Type} # [ t ] = Vector t;";
    let (_, diags) = tl_parser::check(&[with_id, without], Options::default());
    let conflicts: Vec<_> = diags
        .iter()
        .flatten()
        .filter(|d| d.kind == DiagnosticKind::ConflictingDefinition)
        .collect();
    assert!(conflicts.is_empty(), "{conflicts:?}");
}

/// Was a bug: quadratic time in the line/column locator. A span that starts on an earlier line than
/// the locator's position sends it back to the checkpoint at the start of the declaration, and
/// it scans forward from there again. A field written over two lines (`x:Vector<` newline
/// `int>`) does that once per field, so one declaration of N such fields costs O(N^2) line
/// steps. `MAX_FIELDS` bounds a flat list, but fields inside `[ ... ]` repetitions escape it.
/// Measured in release: 4,000 fields (60 KB) 42 ms; 32,000 fields in 8 repetitions (480 KB)
/// 3.1 s; this 1 MB input takes minutes in a debug build. Linear would be a few ms.
///
/// The test has no time limit (tests here bound work, not time): with the bug it took
/// minutes; nodes now locate their start before their children, so the locator never goes back.
#[test]
fn fields_spanning_lines_parse_in_linear_time() {
    let group = format!("[ {}] ", "x:Vector<\nint> ".repeat(4000));
    let src = format!("a n:# {}= A;\n", group.repeat(16));
    assert!(src.len() > 900_000);
    let parsed = tl_parser::parse(&src);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
}

/// Was a bug: rendering is quadratic in the number of diagnostics on one line. Each
/// `Diagnostic::render` scans its whole source line (`line_bounds`, `char_column`) and copies
/// it into a `Vec<char>` (`clip_line`), so a long line with many errors costs lines x errors.
/// A line of 64,000 `;` (64,000 "expected a declaration name" errors) renders in 3.5 s in
/// release; this megabyte one takes many minutes. A minified or binary file given to
/// `tl check` hits this.
#[test]
fn rendering_every_diagnostic_of_a_long_line_is_linear() {
    let src = ";".repeat(1 << 20);
    let parsed = tl_parser::parse(&src);
    // Now at most MAX_DIAGNOSTICS are kept (one more counts the rest), and each render reads a
    // window of the line rather than all of it.
    assert_eq!(
        parsed.diagnostics.len(),
        tl_parser::diagnostic::MAX_DIAGNOSTICS + 1
    );
    let total: usize = parsed
        .diagnostics
        .iter()
        .map(|d| d.render("long.tl", &src).len())
        .sum();
    assert!(total > 0);
}
