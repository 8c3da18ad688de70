//! Generates Rust for every schema set of the corpus with `tl_codegen::Config`, as a user's
//! build script would. Each set becomes one file in `OUT_DIR`, included by `src/generated.rs`.
//!
//! The corpus lives outside the repository (`../shared/tl-corpus/`). Without it the generated
//! modules are left out (`cfg(tl_corpus)` unset) so the rest of the workspace still builds;
//! under `CI=true` a missing corpus fails the build instead, so CI cannot pass vacuously.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rustc-check-cfg=cfg(tl_corpus)");
    println!("cargo:rerun-if-env-changed=CI");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let corpus = manifest.join("../../shared/tl-corpus");
    println!("cargo:rerun-if-changed={}", corpus.display());
    if !corpus.join("telegram/api-layer230.tl").is_file() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!(
                "the TL corpus is missing: expected {} (the shared folder next to the repository); \
                 the generated-code tests cannot run without it",
                corpus.display()
            );
        }
        println!(
            "cargo:warning=TL corpus not found at {}; generated-code tests are skipped",
            corpus.display()
        );
        return;
    }
    println!("cargo:rustc-cfg=tl_corpus");

    let sets: &[(&str, &[&str])] = &[
        (
            "telegram.rs",
            &["telegram/api-layer230.tl", "telegram/mtproto.tl"],
        ),
        (
            "tdlib.rs",
            &["tdlib/telegram_api.tl", "tdlib/mtproto_api.tl"],
        ),
        ("secret.rs", &["tdlib/secret_api.tl"]),
        ("e2e.rs", &["tdlib/e2e_api.tl"]),
        (
            "pyrogram.rs",
            &[
                "pyrogram/main_api.tl",
                "pyrogram/sys_msgs.tl",
                "pyrogram/auth_key.tl",
            ],
        ),
    ];
    for (file, schemas) in sets {
        let mut config = tl_codegen::Config::new();
        for s in *schemas {
            config.schema(corpus.join(s));
        }
        // The codec tests decode every function as well as every constructor.
        config.decode_functions(true);
        // One set in grammers' shape, so that option's output is compiled and tested too.
        config.single_constructor_enums(*file == "e2e.rs");
        let generated = quiet_compile(config.default_impls(true).file_name(*file));
        if *file == "telegram.rs" {
            write_item_list(&generated, "telegram_items.rs");
        }
    }

    // The closure of one function and one type, from a curated file plus the full schema.
    let mut config = tl_codegen::Config::new();
    config
        .schema(manifest.join("../schema/refund.tl"))
        .schema(corpus.join("telegram/api-layer230.tl"))
        .schema(corpus.join("telegram/mtproto.tl"))
        .root("payments.refundStarsCharge")
        .root("Updates")
        .decode_functions(true)
        .file_name("refund.rs");
    quiet_compile(&config);
}

/// Like `Config::compile`, but without `cargo:warning`s: the corpus's known id mismatches
/// (legacy TDLib ids, mtproto.tl's three) are test data here, not news.
fn quiet_compile(config: &tl_codegen::Config) -> tl_codegen::Generated {
    for s in config.schemas() {
        println!("cargo:rerun-if-changed={}", s.display());
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap());
    let generated = config.generate().unwrap_or_else(|e| panic!("{e}"));
    let path = out.join(config.output_name());
    write_if_changed(&path, &generated.code);
    generated
}

/// `for_each_item!(constructors: [...], functions: [...])` for the wire tests: every
/// non-generic constructor and function of the set, as paths under the set's module.
fn write_item_list(generated: &tl_codegen::Generated, file: &str) {
    use tl_codegen::ItemKind;
    let list = |kind: ItemKind| {
        generated
            .items
            .iter()
            .filter(|i| i.kind == kind && !i.generic)
            .map(|i| format!("    {},\n", i.rust_path))
            .collect::<String>()
    };
    let code = format!(
        "for_each_item!(\n  constructors: [\n{}  ],\n  functions: [\n{}  ]\n);\n",
        list(ItemKind::Constructor),
        list(ItemKind::Function)
    );
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap());
    write_if_changed(&out.join(file), &code);
}

fn write_if_changed(path: &Path, code: &str) {
    if std::fs::read(path).ok().as_deref() != Some(code.as_bytes()) {
        std::fs::write(path, code).unwrap();
    }
}
