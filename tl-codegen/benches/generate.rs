//! Generation time for Telegram's api-layer230.tl + mtproto.tl: tl_codegen against
//! grammers-tl-gen 0.11.0, in the same run.
//!
//! Both sides start from the schema text, so parsing is timed for both: ours parses,
//! validates (ids included) and plans, then writes compact code (what a build script gets,
//! "tl-codegen") or also formats it with prettyplease (what `tl gen` prints, "tl-codegen
//! pretty"); grammers parses with
//! grammers-tl-parser 1.2.2 and writes unformatted code into memory, with the options its
//! own grammers-tl-types build uses (name_for_id, deserializable functions, Debug, From).
//! Reading the files is outside the timed loop.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::path::PathBuf;

fn corpus(file: &str) -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/tl-corpus/telegram")
        .join(file);
    std::fs::read_to_string(path).ok()
}

fn bench(c: &mut Criterion) {
    let (Some(api), Some(mtproto)) = (corpus("api-layer230.tl"), corpus("mtproto.tl")) else {
        eprintln!("TL corpus not found next to the repository; nothing to measure");
        return;
    };
    let mut group = c.benchmark_group("generate api-layer230 + mtproto");
    group.sample_size(10);

    let sources = [
        tl_codegen::Source {
            name: "api.tl",
            text: &api,
        },
        tl_codegen::Source {
            name: "mtproto.tl",
            text: &mtproto,
        },
    ];
    // Functions decode too, as grammers is asked to below.
    let mut options = tl_codegen::Options::default();
    options.decode_functions = true;
    group.bench_function("tl-codegen", |b| {
        b.iter(|| {
            let g = tl_codegen::generate(black_box(&sources), &options).unwrap();
            black_box(g.code.len())
        })
    });
    group.bench_function("tl-codegen pretty", |b| {
        b.iter(|| {
            let g = tl_codegen::generate(black_box(&sources), &options).unwrap();
            black_box(tl_codegen::pretty(&g.code).unwrap().len())
        })
    });

    group.bench_function("grammers-tl-gen 0.11.0", |b| {
        b.iter(|| {
            let definitions: Vec<_> = grammers_tl_parser::parse_tl_file(black_box(&api))
                .chain(grammers_tl_parser::parse_tl_file(black_box(&mtproto)))
                .filter_map(Result::ok)
                .collect();
            let mut out = grammers_tl_gen::Outputs {
                common: Vec::new(),
                types: Vec::new(),
                functions: Vec::new(),
                enums: Vec::new(),
            };
            let config = grammers_tl_gen::Config {
                gen_name_for_id: true,
                deserializable_functions: true,
                impl_debug: true,
                impl_from_type: true,
                impl_from_enum: true,
                impl_serde: false,
            };
            grammers_tl_gen::generate_rust_code(&mut out, &definitions, 230, &config).unwrap();
            black_box(out.types.len() + out.enums.len() + out.functions.len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
