//! Arbitrary bytes through everything a tool does with a schema file: parse, check (beside
//! itself, and alone in strict mode), render diagnostics. A panic, an out-of-bounds span, a
//! span that splits a character or names the wrong line is a finding; so is an input that runs
//! past `-timeout`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tl_parser::validate::Options;
use tl_parser::Diagnostic;

/// Rendering the first few diagnostics of each list covers the rendering code; rendering all
/// (up to a thousand per file) would only slow the run down.
const RENDERED_PER_LIST: usize = 8;

fuzz_target!(|data: &[u8]| {
    // Lossy decoding keeps every input useful: invalid bytes become U+FFFD, which is exactly the
    // multi-byte character a byte-offset bug would split.
    let src = String::from_utf8_lossy(data);
    let lines = LineStarts::new(&src);
    let parsed = tl_parser::parse(&src);
    check_all(&src, &lines, &parsed.diagnostics);
    // Twice side by side for the cross-file rules (merging, conflicts, duplicate ids), once
    // alone in strict mode.
    let (_, mut per_file) = tl_parser::check(&[&src, &src], Options::default());
    let strict = Options {
        strict: true,
        ..Options::default()
    };
    per_file.extend(tl_parser::check(&[&src], strict).1);
    for diags in &per_file {
        check_all(&src, &lines, diags);
    }
});

fn check_all(src: &str, lines: &LineStarts, diags: &[Diagnostic]) {
    for (k, d) in diags.iter().enumerate() {
        let (start, end) = (d.span.start as usize, d.span.end as usize);
        assert!(
            start <= end && end <= src.len(),
            "span outside input: {d:?}"
        );
        assert!(
            src.is_char_boundary(start) && src.is_char_boundary(end),
            "span splits a character: {d:?}"
        );
        assert_eq!(
            d.span.line as usize,
            lines.line_of(start),
            "wrong line: {d:?}"
        );
        if k < RENDERED_PER_LIST {
            let rendered = d.render("fuzz.tl", src);
            assert!(rendered.starts_with("fuzz.tl:"));
        }
    }
}

/// Line numbers by binary search, so checking many diagnostics stays linear in the input.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(src: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineStarts(starts)
    }

    /// 1-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.0.partition_point(|&s| s <= offset)
    }
}
