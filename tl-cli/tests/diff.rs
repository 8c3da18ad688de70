//! `tl diff` run as a user runs it.

mod common;
use common::{corpus, temp_file, tl};

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
    let old = temp_file(
        "old.tl",
        "a#00000001 x:int = A;\nb = B;\n---functions---\nf = A;\n",
    );
    let new = temp_file(
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
    let old = temp_file("ok.tl", "a = A;\n");
    let bad = temp_file("bad.tl", "a x: = A;\n");
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
