//! Parsing speed on real schemas, against `grammers-tl-parser`, the closest peer.
//!
//! Run with `cargo bench -p tl-parser --bench parse`. Every group reports bytes per second, so
//! the numbers compare across groups and inputs of different sizes.
//!
//! The Telegram workload is `api-layer230.tl` and `mtproto.tl`, the pair a client parses to
//! build its API. Groups:
//! - `parse`: our syntax tree with spans, no validation;
//! - `check`: parse plus validation across both files, constructor ids recomputed and compared;
//! - `grammers`: `grammers_tl_parser::parse_tl_file`, the whole iterator collected, which gives
//!   the same result as `parse`: a full list of definitions;
//! - `td_api`: TDLib's 1.1 MB client API, mostly doc comments, ours only (grammers drops
//!   comments and has no doc model, so there is nothing like-for-like to compare).

use criterion::measurement::WallTime;
use criterion::{
    black_box, criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion,
    SamplingMode, Throughput,
};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tl_parser::validate::Options;

/// The corpus sits beside the repository (`../shared/tl-corpus`), never inside it.
fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/tl-corpus")
}

fn read(rel: &str) -> String {
    let path = corpus_dir().join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "the TL corpus is needed for this benchmark: cannot read {} ({e}); \
             it is expected in ../shared/tl-corpus/ beside the repository",
            path.display()
        )
    })
}

/// A group measuring `bytes` of input per iteration.
///
/// Flat sampling: every iteration takes milliseconds, so criterion's default linear sampling
/// would need far more iterations than fit in the measurement time.
fn group<'c>(c: &'c mut Criterion, name: &str, bytes: usize) -> BenchmarkGroup<'c, WallTime> {
    let mut g = c.benchmark_group(name);
    g.sampling_mode(SamplingMode::Flat);
    g.throughput(Throughput::Bytes(bytes as u64));
    g
}

fn telegram(c: &mut Criterion) {
    let api = read("telegram/api-layer230.tl");
    let mtproto = read("telegram/mtproto.tl");
    let input = "api-layer230+mtproto";
    let bytes = api.len() + mtproto.len();

    // Same work on both sides: every declaration of both files comes out of each parser.
    let ours: usize = [&api, &mtproto]
        .iter()
        .map(|s| tl_parser::parse(s).schema.declarations.len())
        .sum();
    let theirs: usize = [&api, &mtproto]
        .iter()
        .map(|s| grammers_tl_parser::parse_tl_file(s).count())
        .sum();
    eprintln!("{input}: {bytes} bytes; tl-parser {ours} declarations, grammers {theirs} results");

    let mut g = group(c, "parse", bytes);
    g.bench_function(BenchmarkId::from_parameter(input), |b| {
        b.iter(|| {
            (
                tl_parser::parse(black_box(&api)),
                tl_parser::parse(black_box(&mtproto)),
            )
        })
    });
    g.finish();

    let mut g = group(c, "check", bytes);
    g.bench_function(BenchmarkId::from_parameter(input), |b| {
        b.iter(|| tl_parser::check(black_box(&[&api, &mtproto]), Options::default()))
    });
    g.finish();

    let mut g = group(c, "grammers", bytes);
    g.bench_function(BenchmarkId::from_parameter(input), |b| {
        b.iter(|| {
            (
                grammers_tl_parser::parse_tl_file(black_box(&api)).collect::<Vec<_>>(),
                grammers_tl_parser::parse_tl_file(black_box(&mtproto)).collect::<Vec<_>>(),
            )
        })
    });
    g.finish();
}

fn td_api(c: &mut Criterion) {
    let td = read("tdlib/td_api.tl");
    let mut g = group(c, "td_api", td.len());
    g.bench_function("parse", |b| b.iter(|| tl_parser::parse(black_box(&td))));
    g.bench_function("check", |b| {
        b.iter(|| tl_parser::check(black_box(&[&td]), Options::default()))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    // Modest settings keep the whole run under a minute on a shared 2-core machine; the
    // differences measured here are large, so more samples would not change the conclusions.
    config = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = telegram, td_api
}
criterion_main!(benches);
