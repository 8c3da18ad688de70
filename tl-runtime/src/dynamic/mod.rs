//! The schema-driven codec: TL bytes ⇄ [`Value`] ⇄ JSON, for any schema read at run time.
//!
//! Where generated code knows the schema at compile time, this module reads it at run time: a
//! [`Registry`] is built from parsed `.tl` files, and [`Registry::decode`] /
//! [`Registry::encode`] walk it. It is what `tl decode` and `tl encode` use.
//!
//! Both codecs accept and reject exactly the same bytes: this one reads with the same
//! [`Reader`](crate::Reader), the same primitive and vector functions, the same strict
//! non-canonical policy and the same [`DecodeError`](crate::DecodeError)s (see the crate docs).
//! Depth is counted as generated code counts it: one level per value of a type that can
//! contain itself (found from the schema's type graph), and one per `Object` / `!X` value,
//! which can hold anything.
//!
//! # Types by name
//!
//! [`Registry::resolve`] (and every method taking a `type_name`) accepts a boxed type
//! (`Updates`: an id, then the body), a constructor name (`updateShort`: its bare body), a
//! function name (a request: id and parameters), a builtin (`int`, `long`, `Bool`, `bytes`,
//! ...), `Object`, and vectors of these (`Vector<long>`, `vector<%future_salt>`).
//!
//! # JSON
//!
//! The JSON form is the one `tl decode` prints and `tl encode` reads (GUIDE section 3):
//! - an object is `{"_": "<constructor>", "<field>": value, ...}`, fields in declaration order;
//! - `#` flags fields are left out (they follow from the fields), and so are absent conditional
//!   fields; a `?true` field is always there, `true` or `false`;
//! - `int` and `#` are numbers; `long` is a decimal string; `double` a number; `string` a
//!   string; `bytes` base64 (standard alphabet, padded); `int128`/`int256` lowercase hex;
//!   `Bool` `true`/`false`; vectors arrays.
//!
//! Reading ([`Registry::value_from_json`]) is a little more forgiving where nothing is lost:
//! - a `long` may also be a JSON integer (any integer literal in range; JSON parsers keep those
//!   exact), never a fraction or an exponent;
//! - a missing `?true` field is `false`, and `null` for a conditional field means absent;
//! - a `#` flags field is ignored, as it is recomputed;
//! - hex may be upper case; `"_"` may be left out where the schema fixes the constructor (bare
//!   types, a function named as the type).
//!
//! A `double` that is not finite has no JSON number, so it is written as the string `"NaN"`,
//! `"Infinity"` or `"-Infinity"`, and read back from those.
//!
//! # Limits
//!
//! Nothing here panics or allocates without bound on any input: vector counts are checked
//! against the bytes left before allocating, nesting is bounded by
//! [`Registry::with_max_depth`] on decode, encode and JSON input alike (so whatever encodes
//! also decodes), and oversize strings are errors rather than the panics of
//! [`put_length_prefixed`](crate::primitives::put_length_prefixed).
//!
//! A vector where any object is expected (`Object`, `!X`) is not supported: its elements could
//! be of any type, and the wire does not say which.

mod decode;
mod encode;
mod error;
mod json;
mod registry;
mod value;

/// The JSON library of [`Value::to_json`] and [`Registry::value_from_json`], so callers use
/// the same version.
pub use serde_json;

pub use error::{EncodeError, Error, JsonError, RegistryError, UnknownType, ValueErrorKind};
pub use registry::{Registry, Skipped, TypeRef};
pub use value::{Object, Value};
