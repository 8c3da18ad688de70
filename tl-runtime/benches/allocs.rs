//! Heap allocations per decode (count and bytes) for ours and `grammers-tl-types` on the
//! decode inputs of `codec.rs`. A plain program (`harness = false`), not a timing bench:
//! run with `cargo bench -p tl-runtime --bench allocs`.

mod common;

use std::alloc::System;
use std::hint::black_box;

use grammers_tl_types as gt;
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};
use tl_runtime::bytes::Bytes;
use tl_runtime::telegram::enums;
use tl_runtime::Deserialize as _;

// stats_alloc wraps the system allocator with counters, so we need no unsafe of our own.
#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Decodes this many times and divides, so a one-off allocation would show as a fraction.
const ROUNDS: usize = 1000;

/// (allocations, bytes allocated) per call of `f`, dropping the result inside the region.
fn measure<T>(mut f: impl FnMut() -> T) -> (f64, f64) {
    black_box(f()); // warm up any lazily initialised state outside the region
    let region = Region::new(GLOBAL);
    for _ in 0..ROUNDS {
        black_box(f());
    }
    let stats = region.change();
    let n = ROUNDS as f64;
    (
        stats.allocations as f64 / n,
        stats.bytes_allocated as f64 / n,
    )
}

fn main() {
    // Inline (unboxed) enum layouts make every move and Vec slot this large, which shows up
    // in bytes allocated and in time even when nothing is allocated.
    println!(
        "size_of Updates: ours {} B, grammers {} B; Update: ours {} B, grammers {} B",
        std::mem::size_of::<enums::Updates>(),
        std::mem::size_of::<gt::enums::Updates>(),
        std::mem::size_of::<enums::Update>(),
        std::mem::size_of::<gt::enums::Update>(),
    );
    println!(
        "{:<30} {:>6} | {:>12} {:>12} | {:>12} {:>12}",
        "case", "bytes", "ours allocs", "ours bytes", "gram allocs", "gram bytes"
    );
    for case in common::decode_cases() {
        let input = Bytes::from(case.bytes.clone());
        let ours = measure(|| enums::Updates::from_bytes(input.clone()).unwrap());
        let theirs = measure(|| {
            <gt::enums::Updates as gt::Deserializable>::from_bytes(&case.bytes).unwrap()
        });
        println!(
            "{:<30} {:>6} | {:>12.1} {:>12.1} | {:>12.1} {:>12.1}",
            case.name,
            case.bytes.len(),
            ours.0,
            ours.1,
            theirs.0,
            theirs.1
        );
    }
}
