//! The parser's promise to tools: any text at all gives back a result, never a panic, and every
//! diagnostic points at a real place in that text.
//!
//! Three kinds of input: random strings over the characters TL is made of, real Telegram
//! declarations with random damage, and shapes built to exhaust a stack or blow up a loop.
//! Work is bounded by case counts, so the file runs in seconds in a debug build.

use proptest::prelude::*;
use proptest::sample::Index;
use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;
use tl_parser::validate::Options;
use tl_parser::Diagnostic;

/// Everything a caller may do with an input: parse it, check it alone and beside itself (the
/// cross-file rules), in both strictness modes, and render every diagnostic.
fn exercise(src: &str) {
    let parsed = tl_parser::parse(src);
    for d in &parsed.diagnostics {
        assert_points_into(src, d);
    }
    for strict in [false, true] {
        let opts = Options {
            strict,
            ..Options::default()
        };
        let (_, per_file) = tl_parser::check(&[src, src], opts);
        assert_eq!(per_file.len(), 2);
        for d in per_file.iter().flatten() {
            assert_points_into(src, d);
        }
    }
}

fn assert_points_into(src: &str, d: &Diagnostic) {
    let (start, end) = (d.span.start as usize, d.span.end as usize);
    assert!(
        start <= end && end <= src.len(),
        "span {start}..{end} outside input of {} bytes: {d:?}",
        src.len()
    );
    assert!(
        src.is_char_boundary(start) && src.is_char_boundary(end),
        "span {start}..{end} splits a character: {d:?}"
    );
    let line_start = src[..start].rfind('\n').map_or(0, |n| n + 1);
    let line = src[..start].matches('\n').count() + 1;
    assert_eq!(
        (d.span.line as usize, d.span.column as usize),
        (line, start - line_start + 1),
        "line/column do not describe the span's start: {d:?}"
    );
    let text = d.render("input.tl", src);
    assert!(text.starts_with("input.tl:"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// (a) Random text.

/// TL's punctuation, blanks, and non-ASCII (two-, three- and four-byte characters, and a
/// non-breaking space that `char::is_whitespace` accepts but ASCII trimming does not).
const ALPHABET: &str = "abcxyzABCXYZ019_#:?.<>{}[]()%!*=;-/@ \t\r\n\né→🦀\u{a0}";

/// Pieces of real syntax, so random text reaches deep into the grammar rather than stopping at
/// the first character.
const TOKENS: &[&str] = &[
    "a",
    "Foo",
    "ns.name",
    "#1cb5c415",
    "#",
    "#zz",
    ":",
    "int",
    "Vector<",
    "vector",
    ">",
    ",",
    "flags:#",
    "flags.0?",
    "flags.99999999999?",
    "true",
    "{X:Type}",
    "{",
    "}",
    "!X",
    "%",
    "(",
    ")",
    "[",
    "]",
    "4*",
    "n*",
    "?",
    "=",
    ";",
    " ",
    "\n",
    "---types---",
    "---functions---",
    "---x---",
    "//",
    "//@description d",
    "//@class C",
    "//@",
    "@p",
    "//-",
    "/*",
    "*/",
    "// LAYER 230",
    "é",
    "🦀",
];

fn alphabet_text() -> impl Strategy<Value = String> {
    let chars: Vec<char> = ALPHABET.chars().collect();
    prop::collection::vec(prop::sample::select(chars), 0..300).prop_map(String::from_iter)
}

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..120).prop_map(|t| t.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics(src in alphabet_text()) {
        exercise(&src);
    }

    #[test]
    fn random_token_soup_never_panics(src in token_soup()) {
        exercise(&src);
    }
}

// ---------------------------------------------------------------------------------------------
// (b) Real declarations, damaged.

fn corpus_path(rel: &str) -> PathBuf {
    // The corpus lives beside the repository, never inside it.
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/tl-corpus")
        .join(rel)
}

/// The lines of `api-layer230.tl`, or `None` (after a note) when the corpus is absent.
fn api_lines() -> Option<&'static [String]> {
    static LINES: OnceLock<Option<Vec<String>>> = OnceLock::new();
    LINES
        .get_or_init(|| {
            let path = corpus_path("telegram/api-layer230.tl");
            match std::fs::read_to_string(&path) {
                Ok(text) => Some(text.lines().map(str::to_owned).collect()),
                Err(e) => {
                    // Written to the real stderr: the harness hides `eprintln!` of passing tests.
                    let _ = writeln!(
                        std::io::stderr(),
                        "note: skipping corpus mutations: cannot read {} ({e})",
                        path.display()
                    );
                    None
                }
            }
        })
        .as_deref()
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete(Index),
    Insert(Index, char),
    /// Copies up to `len` bytes starting at the first index to the second.
    Duplicate(Index, usize, Index),
    Swap(Index, Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let chars: Vec<char> = ALPHABET.chars().collect();
    prop_oneof![
        any::<Index>().prop_map(Mutation::Delete),
        (any::<Index>(), prop::sample::select(chars)).prop_map(|(i, c)| Mutation::Insert(i, c)),
        (any::<Index>(), 1..40usize, any::<Index>())
            .prop_map(|(i, n, j)| Mutation::Duplicate(i, n, j)),
        (any::<Index>(), any::<Index>()).prop_map(|(i, j)| Mutation::Swap(i, j)),
    ]
}

/// The char boundary nearest below the byte `index` would pick.
fn boundary(s: &str, index: &Index) -> usize {
    let mut at = index.index(s.len() + 1);
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(s: &mut String, m: &Mutation) {
    match m {
        Mutation::Delete(i) => {
            let at = boundary(s, i);
            if at < s.len() {
                s.remove(at);
            }
        }
        Mutation::Insert(i, c) => {
            let at = boundary(s, i);
            s.insert(at, *c);
        }
        Mutation::Duplicate(i, len, j) => {
            let from = boundary(s, i);
            let mut to = (from + len).min(s.len());
            while !s.is_char_boundary(to) {
                to -= 1;
            }
            let piece = s[from..to].to_owned();
            let at = boundary(s, j);
            s.insert_str(at, &piece);
        }
        Mutation::Swap(i, j) => {
            let (a, b) = (boundary(s, i), boundary(s, j));
            let (a, b) = (a.min(b), a.max(b));
            let (Some(ca), Some(cb)) = (s[a..].chars().next(), s[b..].chars().next()) else {
                return;
            };
            if a == b {
                return;
            }
            let mut out = String::with_capacity(s.len());
            out.push_str(&s[..a]);
            out.push(cb);
            out.push_str(&s[a + ca.len_utf8()..b]);
            out.push(ca);
            out.push_str(&s[b + cb.len_utf8()..]);
            *s = out;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn damaged_corpus_declarations_never_panic(
        first in any::<Index>(),
        count in 1..25usize,
        mutations in prop::collection::vec(mutation(), 0..10),
    ) {
        let Some(lines) = api_lines() else { return Ok(()) };
        let start = first.index(lines.len());
        let end = (start + count).min(lines.len());
        let mut src = lines[start..end].join("\n");
        for m in &mutations {
            apply(&mut src, m);
        }
        exercise(&src);
    }
}

#[test]
fn undamaged_corpus_passes_the_same_checks() {
    // In CI a missing corpus would silently turn the mutation test off, so there it fails here
    // (once, rather than inside every proptest case).
    let Some(lines) = api_lines() else {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "CI needs the TL corpus at {}",
            corpus_path("telegram/api-layer230.tl").display()
        );
        return;
    };
    // Also guards the mutation test against a corpus that no longer parses at all, which would
    // make every damaged slice trivially an error at its first byte.
    let src = lines.join("\n");
    let parsed = tl_parser::parse(&src);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    assert!(parsed.schema.declarations.len() > 2000);
    exercise(&src);
}

// ---------------------------------------------------------------------------------------------
// (c) Shapes meant to exhaust the stack, the heap or the time.

const DEEP: usize = 10_000;

#[test]
fn deep_vector_nesting() {
    exercise(&"Vector<".repeat(DEEP));
    exercise(&format!("a x:{} = A;", "Vector<".repeat(DEEP)));
    exercise(&format!(
        "a x:{}int{} = A;",
        "Vector<".repeat(DEEP),
        ">".repeat(DEEP)
    ));
}

#[test]
fn deep_parentheses() {
    exercise(&"(".repeat(DEEP));
    exercise(&format!(
        "a x:{}int{} = A;",
        "(".repeat(DEEP),
        ")".repeat(DEEP)
    ));
    exercise(&format!("a = {};", "(".repeat(DEEP)));
}

#[test]
fn deep_repetitions() {
    exercise(&"[".repeat(DEEP));
    exercise(&format!(
        "a n:# {}int{} = A;",
        "[ ".repeat(DEEP),
        " ]".repeat(DEEP)
    ));
}

#[test]
fn deep_prefix_operators() {
    exercise(&format!("a {{X:Type}} x:{}X = A;", "!".repeat(DEEP)));
    exercise(&format!("a x:{}A = A;", "%".repeat(DEEP)));
}

#[test]
fn one_megabyte_unterminated_declaration() {
    let body = "x:int ".repeat(1 << 20 >> 3);
    exercise(&format!("a {body}"));
    exercise(&format!("a#1 {{X:Type}} {}", "y".repeat(1 << 20)));
}

#[test]
fn one_line_of_a_hundred_thousand_fields() {
    let fields = "a:int ".repeat(100_000);
    exercise(&format!("big#12345678 {fields}= Big;"));
    exercise(&format!("big {fields}"));
}

#[test]
fn unterminated_block_comment() {
    exercise("/*");
    exercise("a = A; /* never closed");
    exercise(&format!("a x:int /* {}", "y".repeat(100_000)));
    exercise("a x:int /*/ = A;");
}
