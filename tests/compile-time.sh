#!/usr/bin/env bash
# Clean-build time of the generated Telegram API (LAYER 230 + MTProto) against
# grammers-tl-types 0.11.0 (features tl-api, tl-mtproto), in debug and release.
#
# Run from the repository root: tests/compile-time.sh (about 5 minutes on 2 cores), or
# RUNS=3 tests/compile-time.sh for the fastest of three rounds on a shared machine.
#
# Three throwaway crates are made in a temporary directory. Each is what a user writes: a
# library that decodes `Updates` (and prints it with `Debug`) and encodes `updates.getState`,
# so the time includes whatever code the API leaves for its user to compile.
#  - grammers: depends on grammers-tl-types, whose build script generates the API.
#  - ours:     depends on tl-runtime with its default `telegram` feature, whose build script
#              fetches the pinned schema and generates the API (`tl_runtime::telegram`).
#  - build.rs: generates the API itself from the corpus files with `tl_codegen::Config`, and
#              depends on tl-runtime with `default-features = false` (the API is not built
#              twice). Its "api" row is against the same grammers build.
# For each crate and profile it times (wall-clock seconds, and CPU seconds beside them)
#  - "full": a clean build of the crate and all its dependencies;
#  - "api":  the API crate and the user's crate on top of it, the other dependencies already
#            built (`cargo clean -p` on the API crate, then build). Both sides run a build
#            script that generates the code, so both include generation.
#
# Incremental compilation is off for every build (CARGO_INCREMENTAL=0): Cargo never compiles a
# registry crate (grammers-tl-types) incrementally but does a path dependency (tl-runtime) in
# debug, and the comparison is of the same compiler work.
#
# Set JOBS to limit parallelism (default: cargo's), TL_CORPUS to point at the corpus, RUNS to
# repeat every build and keep the fastest (default 1; each round is about 5 minutes).
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
export CARGO_INCREMENTAL=0
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR RUSTFLAGS

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

manifest() { # name, dependencies...
  local name=$1
  shift
  mkdir -p "$WORK/$name/src"
  {
    printf '[package]\nname = "user-%s"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n' \
      "${name//./-}"
    printf '%s\n' "$@"
    printf '[workspace]\n'
  } >"$WORK/$name/Cargo.toml"
}

manifest grammers '[dependencies]' \
  'grammers-tl-types = { version = "=0.11.0", features = ["tl-api", "tl-mtproto"] }'
cat >"$WORK/grammers/src/lib.rs" <<'RS'
use grammers_tl_types::{enums, functions, Deserializable, Serializable};
pub fn decode(bytes: &[u8]) -> Option<String> {
    enums::Updates::from_bytes(bytes).ok().map(|u| format!("{u:?}"))
}
pub fn encode() -> Vec<u8> {
    functions::updates::GetState {}.to_bytes()
}
RS

user_code='use tl_runtime::{Deserialize, Serialize};
pub fn decode(bytes: &[u8]) -> Option<String> {
    tl::enums::Updates::from_slice(bytes).ok().map(|u| format!("{u:?}"))
}
pub fn encode() -> Vec<u8> {
    tl::functions::updates::GetState.to_bytes()
}'

manifest ours '[dependencies]' "tl-runtime = { path = \"$ROOT/tl-runtime\" }"
{
  echo 'use tl_runtime::telegram as tl;'
  echo "$user_code"
} >"$WORK/ours/src/lib.rs"

manifest build.rs '[dependencies]' \
  "tl-runtime = { path = \"$ROOT/tl-runtime\", default-features = false }" \
  '[build-dependencies]' "tl-codegen = { path = \"$ROOT/tl-codegen\" }"
cat >"$WORK/build.rs/build.rs" <<RS
fn main() {
    tl_codegen::Config::new()
        .schema("$CORPUS/telegram/api-layer230.tl")
        .schema("$CORPUS/telegram/mtproto.tl")
        .compile()
        .unwrap();
}
RS
{
  echo 'pub mod tl { include!(concat!(env!("OUT_DIR"), "/tl_schema.rs")); }'
  echo "$user_code"
} >"$WORK/build.rs/src/lib.rs"

CRATES=(grammers ours build.rs)
# Fetch first so downloads are not timed; a first build of tl-runtime also fetches the schema
# into Cargo's cache.
for c in "${CRATES[@]}"; do
  (cd "$WORK/$c" && cargo fetch -q)
done

timed() { # runs the command, prints its wall-clock seconds and CPU seconds (user + system)
  "$TIME" -f '%e %U %S' -o "$WORK/elapsed" "$@" >/dev/null 2>"$WORK/log" || {
    cat "$WORK/log" >&2
    exit 1
  }
  awk '{ printf "%s %.2f", $1, $2 + $3 }' "$WORK/elapsed"
}

# Each cell keeps the fastest of RUNS rounds (default 1). Rounds go over every crate in turn,
# so a burst of load from another tenant of a shared machine slows one side's round rather
# than all of it.
keep() { # key, "wall cpu": stores the pair unless a faster one is stored
  local key=$1 value=$2
  if [[ -z ${T[$key]:-} ]] || awk -v n="${value%% *}" -v o="${T[$key]%% *}" 'BEGIN { exit !(n < o) }'; then
    T[$key]=$value
  fi
}
declare -A T
for ((run = 1; run <= ${RUNS:-1}; run++)); do
  for profile in debug release; do
    flag=()
    [[ $profile == release ]] && flag=(--release)
    for c in "${CRATES[@]}"; do
      case $c in
        grammers) pkg=grammers-tl-types ;;
        ours) pkg=tl-runtime ;;
        build.rs) pkg=user-build-rs ;;
      esac
      dir=$WORK/$c
      (cd "$dir" && cargo clean -q)
      keep "$c,$profile,full" "$(cd "$dir" && timed cargo build -q "${flag[@]}" "${JOBS_ARG[@]}")"
      (cd "$dir" && cargo clean -q "${flag[@]}" -p "$pkg")
      keep "$c,$profile,api" "$(cd "$dir" && timed cargo build -q "${flag[@]}" "${JOBS_ARG[@]}")"
    done
  done
done

# Wall-clock time is what a user waits; CPU time is also printed because on a shared machine
# it moves less with other tenants' load (each cell: wall, then CPU in parentheses).
ratio() { awk -v o="$1" -v g="$2" 'BEGIN { printf "%.2fx", o / g }'; }
printf '%-8s %-5s %17s %17s %13s %17s %13s\n' profile what grammers ours ratio build.rs ratio
for profile in debug release; do
  for what in api full; do
    read -r gw gc <<<"${T[grammers,$profile,$what]}"
    read -r ow oc <<<"${T[ours,$profile,$what]}"
    read -r bw bc <<<"${T[build.rs,$profile,$what]}"
    printf '%-8s %-5s %7ss (%6ss) %7ss (%6ss) %5s (%5s) %7ss (%6ss) %5s (%5s)\n' \
      "$profile" "$what" "$gw" "$gc" "$ow" "$oc" "$(ratio "$ow" "$gw")" "$(ratio "$oc" "$gc")" \
      "$bw" "$bc" "$(ratio "$bw" "$gw")" "$(ratio "$bc" "$gc")"
  done
done
