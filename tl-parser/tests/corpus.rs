//! Conformance over the real schemas in `../shared/tl-corpus` (beside the checkout).

use std::path::PathBuf;
use tl_parser::id::Normalization;
use tl_parser::validate::Options;
use tl_parser::{parse, print_schema, DiagnosticKind, Severity};

/// The corpus directory, or `None` (with a note) when it is absent outside CI. Under
/// `CI=true` a missing corpus fails the test instead of skipping it silently.
fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("TL_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/tl-corpus")
        });
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("TL corpus not found at {} (set TL_CORPUS)", dir.display());
    }
    eprintln!("note: TL corpus not found at {}; skipping", dir.display());
    None
}

fn read(dir: &std::path::Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

const ALL: &[&str] = &[
    "telegram/api-layer230.tl",
    "telegram/api-layer222.tl",
    "telegram/mtproto.tl",
    "tdlib/telegram_api.tl",
    "tdlib/mtproto_api.tl",
    "tdlib/secret_api.tl",
    "tdlib/e2e_api.tl",
    "tdlib/td_api.tl",
    "pyrogram/main_api.tl",
    "pyrogram/sys_msgs.tl",
    "pyrogram/auth_key.tl",
];

#[test]
fn every_corpus_file_checks_without_errors() {
    let Some(dir) = corpus() else { return };
    for rel in ALL {
        let src = read(&dir, rel);
        let (_, diags) = tl_parser::check(&[&src], Options::default());
        let errors: Vec<String> = diags[0]
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.render(rel, &src))
            .collect();
        assert!(errors.is_empty(), "{rel}:\n{}", errors.join(""));
    }
}

#[test]
fn the_corpus_lists_every_tl_file() {
    let Some(dir) = corpus() else { return };
    let mut found = Vec::new();
    for sub in std::fs::read_dir(&dir).unwrap() {
        let sub = sub.unwrap().path();
        if sub.is_dir() {
            for f in std::fs::read_dir(&sub).unwrap() {
                let f = f.unwrap().path();
                if f.extension().is_some_and(|e| e == "tl") {
                    found.push(f.strip_prefix(&dir).unwrap().to_string_lossy().into_owned());
                }
            }
        }
    }
    found.sort();
    let mut expected: Vec<String> = ALL.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(
        found, expected,
        "a corpus file is not covered by these tests"
    );
}

fn counts(src: &str) -> (usize, usize) {
    let parsed = parse(src);
    let functions = parsed
        .schema
        .declarations
        .iter()
        .filter(|d| d.is_function())
        .count();
    (parsed.schema.declarations.len() - functions, functions)
}

#[test]
fn telegram_files_have_the_expected_number_of_constructors_and_functions() {
    let Some(dir) = corpus() else { return };
    assert_eq!(counts(&read(&dir, "telegram/api-layer230.tl")), (1704, 850));
    assert_eq!(counts(&read(&dir, "telegram/api-layer222.tl")), (1541, 754));
    assert_eq!(counts(&read(&dir, "telegram/mtproto.tl")), (56, 10));
    assert_eq!(counts(&read(&dir, "tdlib/telegram_api.tl")), (1655, 813));
    assert_eq!(counts(&read(&dir, "tdlib/td_api.tl")), (2168, 1010));
    assert_eq!(counts(&read(&dir, "pyrogram/main_api.tl")), (1108, 511));
}

fn mismatches(src: &str, normalization: Normalization) -> Vec<String> {
    let opts = Options {
        normalization,
        strict: false,
    };
    let (parsed, diags) = tl_parser::check(&[src], opts);
    let mut names: Vec<String> = diags[0]
        .iter()
        .filter(|d| d.kind == DiagnosticKind::IdMismatch)
        .map(|d| src[d.span.range()].to_string())
        .collect();
    // Every mismatch is a warning naming both values.
    for d in diags[0]
        .iter()
        .filter(|d| d.kind == DiagnosticKind::IdMismatch)
    {
        assert_eq!(d.severity, Severity::Warning);
        let decl = parsed[0]
            .schema
            .declarations
            .iter()
            .find(|x| x.name_span == d.span)
            .unwrap();
        let computed = tl_parser::id::compute(decl, normalization);
        assert!(
            d.message.contains(&format!("#{:08x}", decl.id.unwrap())),
            "{}",
            d.message
        );
        assert!(
            d.message.contains(&format!("#{computed:08x}")),
            "{}",
            d.message
        );
    }
    names.sort();
    names
}

#[test]
fn declared_ids_match_telegrams_rule_except_the_known_three() {
    let Some(dir) = corpus() else { return };
    let t = Normalization::Telegram;
    assert_eq!(
        mismatches(&read(&dir, "telegram/api-layer230.tl"), t),
        Vec::<String>::new()
    );
    assert_eq!(
        mismatches(&read(&dir, "telegram/api-layer222.tl"), t),
        Vec::<String>::new()
    );
    assert_eq!(
        mismatches(&read(&dir, "telegram/mtproto.tl"), t),
        ["accessPointRule", "help.configSimple", "ipPortSecret"]
    );
}

#[test]
fn the_original_rule_keeps_true_flags_and_bytes() {
    let Some(dir) = corpus() else { return };
    let src = read(&dir, "telegram/mtproto.tl");
    // Under the original rule `ipPortSecret` (a `bytes` field) matches, and constructors with
    // `?true` fields do not.
    let m = mismatches(&src, Normalization::Original);
    assert!(!m.contains(&"ipPortSecret".to_string()), "{m:?}");
    let api = mismatches(
        &read(&dir, "telegram/api-layer230.tl"),
        Normalization::Original,
    );
    assert!(api.contains(&"updateShortMessage".to_string()));
}

#[test]
fn strict_mode_turns_id_mismatches_into_errors() {
    let Some(dir) = corpus() else { return };
    let src = read(&dir, "telegram/mtproto.tl");
    let opts = Options {
        strict: true,
        ..Options::default()
    };
    let (_, diags) = tl_parser::check(&[&src], opts);
    let errors = diags[0].iter().filter(|d| d.is_error()).count();
    assert_eq!(errors, 3);
}

#[test]
fn split_schemas_check_together() {
    let Some(dir) = corpus() else { return };
    for set in [
        &["telegram/api-layer230.tl", "telegram/mtproto.tl"][..],
        &["tdlib/telegram_api.tl", "tdlib/mtproto_api.tl"],
        &[
            "pyrogram/main_api.tl",
            "pyrogram/sys_msgs.tl",
            "pyrogram/auth_key.tl",
        ],
    ] {
        let texts: Vec<String> = set.iter().map(|f| read(&dir, f)).collect();
        let srcs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let (_, diags) = tl_parser::check(&srcs, Options::default());
        let errors: Vec<&str> = diags
            .iter()
            .flatten()
            .filter(|d| d.is_error())
            .map(|d| d.message.as_str())
            .collect();
        assert!(errors.is_empty(), "{set:?}: {errors:?}");
    }
}

#[test]
fn the_seed_schema_resolves_against_the_full_api() {
    let Some(dir) = corpus() else { return };
    let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/refund.tl"))
        .unwrap();
    let api = read(&dir, "telegram/api-layer230.tl");
    let mt = read(&dir, "telegram/mtproto.tl");
    let strict = Options {
        strict: false,
        ..Options::default()
    };
    let (_, diags) = tl_parser::check(&[&seed, &api, &mt], strict);
    // Every seed declaration is identical to its counterpart, and every type it names is
    // defined: no diagnostics at all on the seed file.
    assert_eq!(diags[0], vec![]);
}

/// Debug output of a tree with every span removed, so trees parsed from different text can
/// be compared.
fn without_spans(debug: &str) -> String {
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug;
    while let Some(at) = rest.find("Span {") {
        out.push_str(&rest[..at]);
        let close = rest[at..].find('}').expect("a span closes");
        rest = &rest[at + close + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn printing_and_reparsing_gives_the_same_tree() {
    let Some(dir) = corpus() else { return };
    for rel in ALL {
        let src = read(&dir, rel);
        let first = parse(&src);
        let printed = print_schema(&first.schema);
        let second = parse(&printed);
        assert!(
            second.diagnostics.is_empty(),
            "{rel}: {:?}",
            second.diagnostics.first()
        );
        let a = without_spans(&format!("{:?}", first.schema));
        let b = without_spans(&format!("{:?}", second.schema));
        if a != b {
            let (x, y) = (first.schema, second.schema);
            assert_eq!(x.declarations.len(), y.declarations.len(), "{rel}");
            for (d, e) in x.declarations.iter().zip(&y.declarations) {
                assert_eq!(
                    without_spans(&format!("{d:?}")),
                    without_spans(&format!("{e:?}")),
                    "{rel}"
                );
            }
            assert_eq!(
                without_spans(&format!("{:?}", x.classes)),
                without_spans(&format!("{:?}", y.classes)),
                "{rel}"
            );
            panic!("{rel}: trees differ");
        }
        // Printing is a fixed point.
        assert_eq!(print_schema(&second.schema), printed, "{rel}");
    }
}

#[test]
fn tdlib_doc_comments_attach_to_their_declarations() {
    let Some(dir) = corpus() else { return };
    let src = read(&dir, "tdlib/td_api.tl");
    let parsed = parse(&src);
    let find = |name: &str| {
        parsed
            .schema
            .declarations
            .iter()
            .find(|d| d.name == name)
            .unwrap_or_else(|| panic!("{name} missing"))
    };
    let error = find("error");
    let doc = error.doc.as_ref().expect("error has a doc comment");
    assert_eq!(
        doc.description(),
        Some("An object of this type can be returned on every function call, in case of an error")
    );
    assert!(doc
        .tag("code")
        .unwrap()
        .starts_with("Error code; subject to future changes."));
    assert_eq!(
        doc.tag("message"),
        Some("Error message; subject to future changes")
    );

    let class = parsed
        .schema
        .classes
        .iter()
        .find(|c| c.name == "AuthenticationCodeType")
        .expect("class doc");
    assert!(class
        .doc
        .description()
        .unwrap()
        .starts_with("Provides information about the method by which an authentication code"));
    // A class block never lands on the declaration after it.
    let first = find("authenticationCodeTypeTelegramMessage");
    assert!(first.doc.as_ref().unwrap().tag("class").is_none());
    // Every declaration in td_api.tl after the builtins is documented.
    let undocumented: Vec<&str> = parsed
        .schema
        .declarations
        .iter()
        .skip_while(|d| d.name != "error")
        .filter(|d| d.doc.is_none())
        .map(|d| d.name)
        .collect();
    assert_eq!(undocumented, Vec::<&str>::new());
}

#[test]
fn continuation_lines_join_the_tag_before_them() {
    let Some(dir) = corpus() else { return };
    let src = read(&dir, "tdlib/td_api.tl");
    let parsed = parse(&src);
    let continued = parsed
        .schema
        .classes
        .iter()
        .chain(std::iter::empty())
        .map(|c| &c.doc)
        .chain(
            parsed
                .schema
                .declarations
                .iter()
                .filter_map(|d| d.doc.as_ref()),
        )
        .flat_map(|d| &d.tags)
        .find(|t| {
            t.text
                .contains("Pre, Code, PreCode, and DateTime entities can't contain other entities")
        })
        .expect("the //- line on line 116 joined its tag");
    assert!(!continued.text.starts_with("Pre, Code"));
}
