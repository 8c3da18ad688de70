#!/usr/bin/env bash
# Clean-build time of the generated Telegram API (api-layer230.tl + mtproto.tl): ours
# (tl_codegen from build.rs + tl-runtime) against grammers-tl-types 0.11.0 (tl-api,
# tl-mtproto), in debug and release.
#
# Run from the repository root: tests/compile-time.sh
# Two throwaway crates are made in a temporary directory. For each crate and profile it times
#  - "full":  a clean build of the crate and all its dependencies;
#  - "api":   the API crate alone, dependencies already built (`cargo clean -p` on it, then
#             build). Both sides run a build script that generates the code, so both times
#             include generation. grammers' API crate is grammers-tl-types itself; ours is the
#             throwaway crate.
# Set JOBS to limit parallelism (default: cargo's), TL_CORPUS to point at the corpus.
set -euo pipefail

ROOT=$(pwd)
CORPUS=${TL_CORPUS:-$ROOT/../shared/tl-corpus}
if [[ ! -f $ROOT/tl-codegen/Cargo.toml ]]; then
  echo "run from the repository root" >&2
  exit 1
fi
if [[ ! -f $CORPUS/telegram/api-layer230.tl ]]; then
  echo "TL corpus not found at $CORPUS (set TL_CORPUS)" >&2
  exit 1
fi
TIME=/usr/bin/time
[[ -x $TIME ]] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
JOBS_ARG=()
[[ -n ${JOBS:-} ]] && JOBS_ARG=(-j "$JOBS")

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

mkdir -p "$WORK/grammers/src" "$WORK/ours/src"
cat >"$WORK/grammers/Cargo.toml" <<TOML
[package]
name = "api-grammers"
version = "0.0.0"
edition = "2021"
publish = false
[dependencies]
grammers-tl-types = { version = "=0.11.0", features = ["tl-api", "tl-mtproto"] }
[workspace]
TOML
echo 'pub use grammers_tl_types as tl;' >"$WORK/grammers/src/lib.rs"

cat >"$WORK/ours/Cargo.toml" <<TOML
[package]
name = "api-ours"
version = "0.0.0"
edition = "2021"
publish = false
[dependencies]
tl-runtime = { path = "$ROOT/tl-runtime" }
[build-dependencies]
tl-codegen = { path = "$ROOT/tl-codegen" }
[workspace]
TOML
cat >"$WORK/ours/build.rs" <<RS
fn main() {
    tl_codegen::Config::new()
        .schema("$CORPUS/telegram/api-layer230.tl")
        .schema("$CORPUS/telegram/mtproto.tl")
        .compile()
        .unwrap();
}
RS
echo 'pub mod tl { include!(concat!(env!("OUT_DIR"), "/tl_schema.rs")); }' >"$WORK/ours/src/lib.rs"

# Fetch first so downloads are not timed.
for c in grammers ours; do
  (cd "$WORK/$c" && cargo fetch -q)
done

timed() { # runs the command, prints its wall-clock seconds
  "$TIME" -f %e -o "$WORK/elapsed" "$@" >/dev/null 2>"$WORK/log" || {
    cat "$WORK/log" >&2
    exit 1
  }
  cat "$WORK/elapsed"
}

declare -A T
for profile in debug release; do
  flag=()
  [[ $profile == release ]] && flag=(--release)
  for c in grammers ours; do
    pkg=api-ours
    [[ $c == grammers ]] && pkg=grammers-tl-types
    dir=$WORK/$c
    (cd "$dir" && cargo clean -q)
    T[$c,$profile,full]=$(cd "$dir" && timed cargo build -q "${flag[@]}" "${JOBS_ARG[@]}")
    (cd "$dir" && cargo clean -q "${flag[@]}" -p "$pkg")
    T[$c,$profile,api]=$(cd "$dir" && timed cargo build -q "${flag[@]}" "${JOBS_ARG[@]}")
  done
done

printf '%-8s %-5s %10s %10s %7s\n' profile what grammers ours ratio
for profile in debug release; do
  for what in api full; do
    g=${T[grammers,$profile,$what]}
    o=${T[ours,$profile,$what]}
    printf '%-8s %-5s %9ss %9ss %7s\n' "$profile" "$what" "$g" "$o" \
      "$(awk -v o="$o" -v g="$g" 'BEGIN { printf "%.2fx", o / g }')"
  done
done
