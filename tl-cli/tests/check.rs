//! `tl check` run as a user runs it: the built binary, its output and exit code.

mod common;
use common::{corpus, repo, temp_file, tl};

#[test]
fn errors_print_location_source_and_caret_and_exit_1() {
    let path = temp_file(
        "bad.tl",
        "ok = O;\nfoo#zz x:int = X;\nbar x:Vector<int = Y;\n",
    );
    let p = path;
    let (code, out, _) = tl(&["check", &p]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        format!(
            "{p}:2:5: error: expected 1 to 8 hex digits after `#`, found `zz`\n    2 | foo#zz x:int = X;\n      |     ^^\n\
             {p}:3:18: error: expected `>` or `,` in type arguments, found `=`\n    3 | bar x:Vector<int = Y;\n      |                  ^\n\
             checked 1 file: 1 constructor, 0 functions; 2 errors, 0 warnings\n"
        )
    );
}

#[test]
fn warnings_alone_exit_0() {
    let path = temp_file("warn.tl", "foo#00000001 = X;\n");
    let (code, out, _) = tl(&["check", &path]);
    assert_eq!(code, 0);
    assert!(
        out.contains(
            ":1:1: warning: `foo` declares id #00000001 but its declaration hashes to #eb7fdf2b\n"
        ),
        "{out}"
    );
}

#[test]
fn strict_makes_warnings_errors() {
    let path = temp_file("strict.tl", "foo#00000001 = X;\n");
    let (code, out, _) = tl(&["check", "--strict", &path]);
    assert_eq!(code, 1);
    assert!(out.contains(": error: `foo` declares id"), "{out}");
}

#[test]
fn the_shipped_schema_checks() {
    let (code, out, _) = tl(&["check", &repo("schema")]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.ends_with("checked 1 file: 7 constructors, 1 function; 0 errors, 16 warnings\n"),
        "{out}"
    );
}

#[test]
fn a_directory_means_every_tl_file_in_it() {
    let Some(dir) = corpus() else { return };
    let (code, out, _) = tl(&["check", "-q", &dir.join("pyrogram").to_string_lossy()]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        out,
        "checked 3 files: 1148 constructors, 522 functions; 0 errors, 4 warnings\n"
    );
}

#[test]
fn telegram_api_and_mtproto_check_together() {
    let Some(dir) = corpus() else { return };
    let (code, out, _) = tl(&[
        "check",
        &dir.join("telegram/api-layer230.tl").to_string_lossy(),
        &dir.join("telegram/mtproto.tl").to_string_lossy(),
    ]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.matches(": warning: ").count(), 3);
    assert!(
        out.ends_with("checked 2 files: 1760 constructors, 860 functions; 0 errors, 3 warnings\n"),
        "{out}"
    );
}

#[test]
fn every_corpus_file_checks_with_exit_0() {
    let Some(dir) = corpus() else { return };
    for sub in ["telegram", "tdlib", "pyrogram"] {
        for f in std::fs::read_dir(dir.join(sub)).unwrap() {
            let f = f.unwrap().path();
            let (code, out, _) = tl(&["check", "-q", &f.to_string_lossy()]);
            assert_eq!(code, 0, "{}: {out}", f.display());
            assert!(out.contains("; 0 errors,"), "{out}");
        }
    }
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let (code, out, err) = tl(&["check", "/nonexistent/api.tl"]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert!(
        err.starts_with("tl: error: cannot read /nonexistent/api.tl: "),
        "{err}"
    );
}

#[test]
fn a_file_that_is_not_utf8_is_a_clear_error() {
    let path = temp_file("binary.tl", b"ok = O;\nfoo \xff = X;\n");
    let (code, _, err) = tl(&["check", &path]);
    assert_eq!(code, 1);
    assert!(
        err.contains("binary.tl:2:5: not valid UTF-8 (byte 12)"),
        "{err}"
    );
}

#[test]
fn help_describes_the_subcommand() {
    let (code, out, _) = tl(&["check", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("Parse and verify schema files"), "{out}");
    assert!(out.contains("--strict"));
}
