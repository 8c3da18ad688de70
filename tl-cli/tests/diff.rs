//! `tl diff` run as a user runs it.

use std::path::PathBuf;
use std::process::Command;

fn tl(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tl"))
        .args(args)
        .output()
        .expect("tl runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("TL_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/tl-corpus")
        });
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").map_or(true, |v| v != "true"),
        "TL corpus not found at {}",
        dir.display()
    );
    eprintln!("note: TL corpus not found at {}; skipping", dir.display());
    None
}

fn temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("tl-diff-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn layer_222_to_230_counts() {
    let Some(dir) = corpus() else { return };
    let (old, new) = (
        dir.join("telegram/api-layer222.tl"),
        dir.join("telegram/api-layer230.tl"),
    );
    let (code, out, _) = tl(&["diff", &old.to_string_lossy(), &new.to_string_lossy()]);
    assert_eq!(code, 0);
    assert!(out.starts_with("layer 222 -> 230\n"), "{out}");
    assert!(
        out.ends_with("constructors: +181 -18 ~58; functions: +98 -2 ~24\n"),
        "{out}"
    );
    // A retyped field, shown with its old and new type and both ids.
    assert!(out.contains(
        "  ~ botVerification #f93cd45c -> #f72e0ed9\n      ~ description: string -> TextWithEntities\n"
    ));
}

#[test]
fn json_has_ids_and_field_changes() {
    let Some(dir) = corpus() else { return };
    let (old, new) = (
        dir.join("telegram/api-layer222.tl"),
        dir.join("telegram/api-layer230.tl"),
    );
    let (code, out, _) = tl(&[
        "diff",
        "--json",
        &old.to_string_lossy(),
        &new.to_string_lossy(),
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["old_layer"], 222);
    assert_eq!(v["new_layer"], 230);
    assert_eq!(v["constructors"]["added"].as_array().unwrap().len(), 181);
    assert_eq!(v["constructors"]["removed"].as_array().unwrap().len(), 18);
    assert_eq!(v["functions"]["changed"].as_array().unwrap().len(), 24);
    let bot = v["constructors"]["changed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "botCommand")
        .unwrap();
    assert_eq!(bot["old_id"], "c27ac8c7");
    assert_eq!(bot["new_id"], "9852d6d2");
    assert_eq!(
        bot["fields_added"],
        serde_json::json!([{"name": "flags", "type": "#"}, {"name": "ephemeral", "type": "flags.0?true"}])
    );
}

#[test]
fn small_diff_exact_output() {
    let old = temp(
        "old.tl",
        "a#00000001 x:int = A;\nb = B;\n---functions---\nf = A;\n",
    );
    let new = temp(
        "new.tl",
        "a#00000002 x:long y:int = A;\nc = C;\n---functions---\nf = A;\n",
    );
    let (code, out, _) = tl(&["diff", &old, &new]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "\nadded constructors (1):\n  + c = C;\n\nremoved constructors (1):\n  - b = B;\n\n\
         changed constructors (1):\n  ~ a #00000001 -> #00000002\n      + y:int\n      ~ x: int -> long\n\
         constructors: +1 -1 ~1; functions: +0 -0 ~0\n"
    );
}

#[test]
fn a_side_with_syntax_errors_is_refused() {
    let old = temp("ok.tl", "a = A;\n");
    let bad = temp("bad.tl", "a x: = A;\n");
    let (code, out, err) = tl(&["diff", &old, &bad]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert!(
        err.contains("has errors; run `tl check` on it first"),
        "{err}"
    );
    assert!(
        err.contains("bad.tl:1:6: error: expected a type after `:`"),
        "{err}"
    );
}
