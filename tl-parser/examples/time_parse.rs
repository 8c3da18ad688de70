//! Times parsing of the Telegram API with a plain loop, for profiling under `perf` or
//! `valgrind --tool=callgrind`. With `GRAMMERS=1` it runs `grammers-tl-parser` on the same
//! files instead, so that instruction counts of both sides can be compared.
//! The criterion benchmark (`cargo bench -p tl-parser`) is the measurement of record.
fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/tl-corpus".into());
    let a = std::fs::read_to_string(format!("{dir}/telegram/api-layer230.tl")).expect("corpus");
    let b = std::fs::read_to_string(format!("{dir}/telegram/mtproto.tl")).expect("corpus");
    if std::env::var("SIZES").is_ok() {
        println!(
            "Type {} Param {} ParamKind {} Condition {} Declaration {} Span {}",
            std::mem::size_of::<tl_parser::Type>(),
            std::mem::size_of::<tl_parser::Param>(),
            std::mem::size_of::<tl_parser::ParamKind>(),
            std::mem::size_of::<tl_parser::Condition>(),
            std::mem::size_of::<tl_parser::Declaration>(),
            std::mem::size_of::<tl_parser::Span>()
        );
    }
    let n: u32 = std::env::var("N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let grammers = std::env::var("GRAMMERS").is_ok();
    let t = std::time::Instant::now();
    let mut k = 0;
    for _ in 0..n {
        if grammers {
            k += grammers_tl_parser::parse_tl_file(&a).count();
            k += grammers_tl_parser::parse_tl_file(&b).count();
        } else {
            k += tl_parser::parse(&a).schema.declarations.len();
            k += tl_parser::parse(&b).schema.declarations.len();
        }
    }
    let el = t.elapsed() / n;
    let mbs = (a.len() + b.len()) as f64 / el.as_secs_f64() / 1e6;
    let who = if grammers { "grammers" } else { "parse" };
    println!("{who} {el:?} per run ({k} declarations) {mbs:.0} MB/s");
}
