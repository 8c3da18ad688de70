//! Checks the files named on the command line as one schema and prints counts and diagnostics.
fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("readable file"))
        .collect();
    let srcs: Vec<&str> = texts.iter().map(|s| s.as_str()).collect();
    let (parsed, diags) = tl_parser::check(&srcs, Default::default());
    for ((path, p), d) in paths.iter().zip(&parsed).zip(&diags) {
        let funcs = p
            .schema
            .declarations
            .iter()
            .filter(|d| d.is_function())
            .count();
        println!(
            "{path}: {} declarations ({funcs} functions), {} diagnostics",
            p.schema.declarations.len(),
            d.len()
        );
        for x in d.iter().take(8) {
            print!(
                "{}",
                x.render(path, srcs[paths.iter().position(|q| q == path).unwrap()])
            );
        }
    }
}
