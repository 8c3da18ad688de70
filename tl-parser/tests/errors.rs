//! Every kind of mistake, with the exact message, line and column it is reported at.

use tl_parser::validate::Options;
use tl_parser::{Diagnostic, DiagnosticKind, Severity};

/// Checks `src` alone and returns its diagnostics.
fn diagnose(src: &str) -> Vec<Diagnostic> {
    let (_, mut diags) = tl_parser::check(&[src], Options::default());
    diags.remove(0)
}

/// Asserts that `src` gives exactly one diagnostic, of this kind and severity, at this line and
/// column, with this message.
#[track_caller]
fn one(src: &str, kind: DiagnosticKind, severity: Severity, line: u32, column: u32, message: &str) {
    let diags = diagnose(src);
    assert_eq!(diags.len(), 1, "{src:?} gave {diags:#?}");
    let d = &diags[0];
    assert_eq!(
        (
            d.kind,
            d.severity,
            d.span.line,
            d.span.column,
            d.message.as_str()
        ),
        (kind, severity, line, column, message),
        "{src:?}"
    );
}

use DiagnosticKind as K;
use Severity::{Error as E, Warning as W};

#[test]
fn id_with_non_hex_digits() {
    one(
        "foo#zz x:int = X;",
        K::BadId,
        E,
        1,
        5,
        "expected 1 to 8 hex digits after `#`, found `zz`",
    );
}

#[test]
fn id_with_nine_digits() {
    one(
        "a = A;\nfoo#123456789 = X;",
        K::BadId,
        E,
        2,
        5,
        "expected 1 to 8 hex digits after `#`, found `123456789`",
    );
}

#[test]
fn missing_semicolon_before_the_next_line() {
    one(
        "foo x:int = X\nbar = Y;",
        K::Syntax,
        E,
        1,
        14,
        "expected `;` after the declaration, found end of line",
    );
}

#[test]
fn missing_semicolon_at_end_of_file() {
    one(
        "a = A;\nfoo x:int = X",
        K::Unterminated,
        E,
        2,
        14,
        "expected `;` ending the declaration, found end of input (is a `;` missing?)",
    );
}

#[test]
fn missing_equals() {
    one(
        "foo x:int X;",
        K::Syntax,
        E,
        1,
        12,
        "expected `=` and the result type, found `;`",
    );
}

#[test]
fn missing_type_after_colon() {
    one(
        "foo x: = X;",
        K::Syntax,
        E,
        1,
        8,
        "expected a type after `:`, found `=`",
    );
}

#[test]
fn unclosed_angle_bracket() {
    one(
        "foo x:Vector<int = X;",
        K::Syntax,
        E,
        1,
        18,
        "expected `>` or `,` in type arguments, found `=`",
    );
}

#[test]
fn unclosed_parenthesis() {
    one(
        "foo x:(vector int = X;",
        K::Syntax,
        E,
        1,
        19,
        "expected `)`, found `=`",
    );
}

#[test]
fn unclosed_repetition() {
    one(
        "foo [ int = X;",
        K::Syntax,
        E,
        1,
        11,
        "expected `]` closing the repetition, found `=`",
    );
}

#[test]
fn stray_character() {
    one(
        "foo x:int & = X;",
        K::Syntax,
        E,
        1,
        11,
        "expected a field (`name:Type`) or `=`, found `&`",
    );
}

#[test]
fn percent_without_a_name() {
    one(
        "foo x:%# = X;",
        K::Syntax,
        E,
        1,
        8,
        "expected a type name after `%`, found `#`",
    );
}

#[test]
fn bit_number_too_large_to_read() {
    one(
        "foo flags:# x:flags.99999999999?int = X;",
        K::Syntax,
        E,
        1,
        21,
        "expected a number below 2^32, found `99999999999`",
    );
}

#[test]
fn unterminated_block_comment() {
    one(
        "foo = X; /* open",
        K::UnterminatedComment,
        E,
        1,
        10,
        "this `/*` comment is never closed",
    );
}

#[test]
fn unknown_section() {
    one(
        "---typos---\nfoo = X;",
        K::UnknownSection,
        E,
        1,
        4,
        "unknown section `typos`: expected `types` or `functions`",
    );
}

#[test]
fn type_nested_too_deep() {
    let src = format!("foo x:{}int{} = X;", "Vector<".repeat(100), ">".repeat(100));
    one(
        &src,
        K::TooDeep,
        E,
        1,
        455,
        "type nested more than 64 levels deep",
    );
}

#[test]
fn bit_above_31() {
    one(
        "foo flags:# x:flags.32?int = X;",
        K::BitOutOfRange,
        E,
        1,
        15,
        "bit 32 is out of range: a flags word has bits 0 to 31",
    );
}

#[test]
fn condition_on_a_missing_field() {
    one(
        "foo x:flags.0?int = X;",
        K::UnknownFlagsField,
        E,
        1,
        7,
        "`flags.0?` names field `flags`, which `foo` does not have",
    );
}

#[test]
fn condition_on_a_later_field() {
    one(
        "foo x:flags.0?int flags:# = X;",
        K::UnknownFlagsField,
        E,
        1,
        7,
        "`flags.0?` names field `flags`, which comes after it in `foo`",
    );
}

#[test]
fn condition_on_a_field_that_is_not_nat() {
    one(
        "foo flags:int x:flags.0?int = X;",
        K::FlagsFieldNotNat,
        E,
        1,
        17,
        "`flags.0?` names field `flags`, whose type is `int`, not `#`",
    );
}

#[test]
fn name_declared_twice() {
    one(
        "foo = X;\nfoo a:int = X;",
        K::DuplicateName,
        E,
        2,
        1,
        "`foo` is declared twice (first at line 1)",
    );
}

#[test]
fn constructor_id_used_twice() {
    // Both declared ids differ from the computed ones too; only the duplicate matters here.
    let diags = diagnose("a#00000001 = X;\nb#00000001 = X;");
    let d: Vec<_> = diags.iter().filter(|d| d.kind == K::DuplicateId).collect();
    assert_eq!(d.len(), 1);
    assert_eq!(
        (
            d[0].severity,
            d[0].span.line,
            d[0].span.column,
            d[0].message.as_str()
        ),
        (
            E,
            2,
            1,
            "`b` has id #00000001, already used by `a` at line 1"
        )
    );
}

#[test]
fn function_sharing_an_id_is_only_a_warning() {
    let diags = diagnose("a = X;\n---functions---\nb#1ec58d79 = X;");
    let d: Vec<_> = diags.iter().filter(|d| d.kind == K::DuplicateId).collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, W);
}

#[test]
fn field_declared_twice() {
    one(
        "foo a:int a:long = X;",
        K::DuplicateField,
        E,
        1,
        11,
        "field `a` appears twice in `foo`",
    );
}

#[test]
fn bang_without_type_parameter() {
    one(
        "---functions---\nfoo {Y:Type} query:!X = Y;",
        K::BangWithoutTypeParam,
        E,
        2,
        20,
        "`!X` needs a type parameter `{X:Type}` on the declaration",
    );
}

#[test]
fn id_mismatch_is_a_warning_naming_both_ids() {
    one(
        "foo#00000001 = X;",
        K::IdMismatch,
        W,
        1,
        1,
        "`foo` declares id #00000001 but its declaration hashes to #eb7fdf2b",
    );
}

#[test]
fn undefined_type_is_a_warning() {
    one(
        "foo a:Bar = X;",
        K::UndefinedType,
        W,
        1,
        7,
        "type `Bar` is not defined by any declaration",
    );
}

#[test]
fn conflicting_definitions_across_files() {
    let (_, diags) = tl_parser::check_named(
        &[("a.tl", "foo a:int = X;"), ("b.tl", "\nfoo a:long = X;")],
        Options::default(),
    );
    assert_eq!(diags[0], vec![]);
    let d = &diags[1][0];
    assert_eq!(
        (d.kind, d.span.line, d.span.column, d.message.as_str()),
        (
            K::ConflictingDefinition,
            2,
            1,
            "`foo` conflicts with its definition at a.tl:1: `foo#4aa48389 a:long = X;` here, `foo#74f70e8e a:int = X;` there"
        )
    );
}

#[test]
fn every_problem_in_a_file_is_reported() {
    let src = "good = G;\nfoo#zz = X;\nbar x:int Y;\nbaz = Z\nqux x:Vector<int = Q;\nok = O;\n";
    let diags = diagnose(src);
    let at: Vec<(u32, u32)> = diags.iter().map(|d| (d.span.line, d.span.column)).collect();
    assert_eq!(at, [(2, 5), (3, 12), (4, 8), (5, 18)]);
    let parsed = tl_parser::parse(src);
    let names: Vec<&str> = parsed.schema.declarations.iter().map(|d| d.name).collect();
    assert_eq!(names, ["good", "ok"]);
}

#[test]
fn rendering_shows_file_line_column_source_and_caret() {
    let src = "ok = O;\nfoo x:Vector<int = X;\n";
    let d = &diagnose(src)[0];
    assert_eq!(
        d.render("api.tl", src),
        "api.tl:2:18: error: expected `>` or `,` in type arguments, found `=`\n    2 | foo x:Vector<int = X;\n      |                  ^\n"
    );
}

#[test]
fn rendering_counts_columns_in_characters() {
    let src = "// é\nfoo x:int é = X;\n";
    let d = &diagnose(src)[0];
    assert_eq!(d.span.column, 11);
    assert!(d
        .render("f.tl", src)
        .starts_with("f.tl:2:11: error: expected a field (`name:Type`) or `=`, found `é`"));
    let src = "/* é */ foo x:int & = X;";
    let d = &diagnose(src)[0];
    assert_eq!(d.span.column, 20);
    assert_eq!(d.char_column(src), 19);
    assert!(d.render("f.tl", src).starts_with("f.tl:1:19:"));
}

#[test]
fn a_garbled_file_reports_a_bounded_number_of_problems() {
    let src = ";".repeat(1 << 20);
    let parsed = tl_parser::parse(&src);
    let max = tl_parser::diagnostic::MAX_DIAGNOSTICS;
    assert_eq!(max, 1000);
    assert_eq!(parsed.diagnostics.len(), max + 1);
    assert_eq!(parsed.dropped_diagnostics, (1 << 20) - max);
    let last = parsed.diagnostics.last().unwrap();
    assert_eq!(last.kind, K::TooManyProblems);
    assert_eq!(
        last.message,
        "1047576 more problems in this file are not shown"
    );
    // check() keeps one such note over syntax and validation problems together.
    let diags = diagnose(&src);
    assert_eq!(diags.len(), max + 1);
    let notes = diags.iter().filter(|d| d.kind == K::TooManyProblems);
    assert_eq!(notes.count(), 1);
    // Each kept problem of the one long line renders a window, not the line.
    let rendered: Vec<String> = diags.iter().map(|d| d.render("f.tl", &src)).collect();
    assert!(rendered.iter().all(|r| r.len() < 400));
    assert!(
        rendered[500].starts_with(
            "f.tl:1:501: error: expected a declaration name, found `;`\n    1 | ...;;;"
        ),
        "{}",
        rendered[500]
    );
}

#[test]
fn fields_spanning_lines_keep_their_positions() {
    // Each field starts on one line and ends on the next: the locator must not lose its place.
    let src = format!("a n:# [ {}] = A;\n", "x:Vector<\nint> ".repeat(3));
    let parsed = tl_parser::parse(&src);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let tl_parser::ParamKind::Repeat { params, .. } = &parsed.schema.declarations[0].params[1].kind
    else {
        panic!("a repetition")
    };
    let at: Vec<(u32, u32)> = params
        .iter()
        .map(|p| (p.span.line, p.span.column))
        .collect();
    assert_eq!(at, [(1, 9), (2, 6), (3, 6)]);
}
