//! `tl gen` run as a user runs it.

mod common;
use common::{repo, temp_file, tl};

#[test]
fn gen_writes_formatted_rust_with_each_declaration_as_doc() {
    let schema = temp_file(
        "gen.tl",
        "// LAYER 7\nfoo#00000001 flags:# x:flags.0?int name:string = Foo;\n---functions---\ngetFoo#00000002 = Foo;\n",
    );
    let out = temp_file("gen.rs", "");
    let (code, stdout, stderr) = tl(&["gen", &schema, "-o", &out]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "");
    let rust = std::fs::read_to_string(&out).unwrap();
    assert!(
        rust.contains("pub const LAYER: i32 = 7;") || rust.contains("pub const LAYER"),
        "{rust}"
    );
    assert!(
        rust.contains("foo#00000001 flags:# x:flags.0?int name:string = Foo;"),
        "{rust}"
    );
    assert!(rust.contains("pub struct GetFoo"), "{rust}");
    // Formatted for people: one item per line, indented.
    assert!(rust.lines().count() > 20 && rust.contains("\n    "));
    // The declared ids do not match their declarations: warnings on stderr, code anyway.
    assert!(
        stderr.contains("warning: `foo` declares id #00000001"),
        "{stderr}"
    );
    // Deterministic.
    let (_, again, _) = tl(&["gen", &schema]);
    assert_eq!(again, rust);
}

#[test]
fn gen_of_the_shipped_schema_fails_clearly_without_the_full_api() {
    // schema/ alone names types it does not define: generation still works (they become the
    // opaque Object), with a warning for each.
    let (code, stdout, stderr) = tl(&["gen", &repo("schema")]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("pub struct RefundStarsCharge"));
    assert!(
        stderr.contains("type `InputUser` is not defined"),
        "{stderr}"
    );
}

#[test]
fn gen_with_errors_exits_1_with_located_messages() {
    let schema = temp_file("gen-bad.tl", "foo x: = Foo;\n");
    let (code, stdout, stderr) = tl(&["gen", &schema]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("gen-bad.tl:1:8: error: expected a type after `:`"),
        "{stderr}"
    );
}
