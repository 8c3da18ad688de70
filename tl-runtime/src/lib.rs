//! Runtime support for code generated from TL schemas: the codec traits, the built-in types,
//! vectors, conditional-field helpers, and a decoder that reports where input went wrong.
//!
//! Generated code is plain structs and enums plus small trait impls that call into this crate,
//! so that a 2,500-definition schema stays small and compiles fast. The design follows
//! prost + bytes: encoding writes to any [`bytes::BufMut`] after an exact
//! [`Serialize::serialized_len`]; decoding reads from a [`Reader`] over [`bytes::Bytes`], so
//! `string` ([`ByteString`]) and `bytes` fields are zero-copy slices of the input.
//!
//! The hot decoding primitives are `#[inline(always)]` in optimized builds only: forcing them
//! inline saves a call whose `Result` comes back through memory, but in a debug build it only
//! multiplies the code every generated decoder compiles to.
//!
//! With the `dynamic` feature, the `dynamic` module is a schema-driven codec (bytes ⇄ value ⇄
//! JSON) for schemas read at run time, byte-for-byte compatible with generated code.
//!
//! # Contract for generated code
//!
//! | TL                              | Rust                                       |
//! |---------------------------------|--------------------------------------------|
//! | `int`, `long`, `#`, `double`    | `i32`, `i64`, `u32`, `f64`                 |
//! | `Bool`; `flags.N?true`          | `bool`                                     |
//! | `string`; `bytes`               | [`ByteString`]; [`bytes::Bytes`]           |
//! | `int128`; `int256`              | `[u8; 16]`; `[u8; 32]` (wire order)        |
//! | `Vector<T>`, `vector<T>`        | `Vec<T>`, coded by a [`vector`] function   |
//! | `flags.N?T`                     | `Option<T>`, coded with [`flags`] helpers  |
//! | constructor `name#id ... = T`   | struct `Name`                              |
//! | boxed type `T` (several ctors)  | enum `T`, one variant per constructor      |
//! | a constructor over 24 bytes, or of a type that contains itself | `Box<...>` in the variant |
//!
//! For each **constructor** (and each **function**) the generator emits a struct and:
//! - [`Identifiable`]: the id (the declared one, else the computed one) and the TL name;
//! - [`fields::Fields`]: one walk over the fields in declaration order, handing each to a
//!   [`fields::Visitor`] by the way it is written: `field` for boxed types and primitives,
//!   `bare` for `%T` and lowercase constructor types, `optional` for `flags.N?T`, `flag` for
//!   `flags.N?true`, `flags` for a `#` word computed from the fields it conditions
//!   (`flags::bit(..) | ..`), which is not stored, and `shown` then `part`s for a field
//!   written piecewise (a vector of bare values, through a [`vector`] wrapper, or fields
//!   sharing one bit). The runtime encodes through it (every `Fields` type is
//!   [`SerializeBare`]), prints through it and compares through it: the struct's `Debug` and
//!   `PartialEq` impls are one call each, to [`fields::debug`] and [`fields::eq`], which do
//!   what `#[derive(Debug)]` and `#[derive(PartialEq)]` would. No length function: the
//!   default `serialized_bare_len` counts what `serialize_bare` writes, so an encoding and its
//!   length cannot disagree;
//! - [`DeserializeBare`]: the fields read in declaration order, a `#` word with
//!   [`Reader::take_u32`] and each conditional field with [`flags::has`] /
//!   [`flags::decode_if`]; optionally `MIN_BARE_LEN`, the sum of its fields' minimums;
//! - nothing for the boxed form, id then body: the runtime's blanket impls make every
//!   [`Identifiable`] + [`SerializeBare`] type [`Serialize`] (and with [`DeserializeBare`],
//!   [`Deserialize`]);
//! - for a function, [`RemoteCall`] with `type Return`;
//! - `Clone` as one call to [`clone::bare`], which decodes the value's encoding (derived for
//!   structs that do not decode, and in schemas that use `Object`; see [`clone`]).
//!
//! For each **boxed type** with several constructors, an enum whose variants hold the structs:
//! `Clone` through [`clone::boxed`]; [`variants::Variants`]: one `match` that hands the held
//! variant's name and payload (out of its box) to a [`variants::Visit`], which the enum's
//! [`Serialize`], `Debug` and `PartialEq` impls share, each one call to [`variants::serialize`],
//! [`variants::debug`] and [`variants::eq`]; [`Deserialize::decode`] is
//! one `match` on [`Reader::take_constructor_id`], each arm calling the struct's `decode_bare`.
//! The catch-all records [`Reader::unknown`] with the TL type name and returns a stand-in: the
//! variant of a constructor whose own stand-in does not contain the type again, decoded from
//! the reader, which an error leaves exhausted. Decoders never return early: every read records
//! the first error in the [`Reader`] and yields a zero value, and
//! [`Deserialize::deserialize`] turns the recorded error into a `Result` once, at the end.
//! If the type can contain itself, the body runs inside [`Reader::nest`], which bounds the
//! depth (default 64, [`Reader::with_max_depth`]) so hostile input fails with `TooDeep` instead
//! of overflowing the stack. Unknown flag bits are ignored, as official clients do, so that
//! newer layers' flags do not break older decoders.
//!
//! The example below is the reference shape; `tests/wire/generated.rs` adds a recursive type
//! and a function with conditional fields.
//!
//! ```
//! use tl_runtime::bytes::BufMut;
//! use tl_runtime::fields::{self, Fields, Visitor};
//! use tl_runtime::variants::{self, Variants, Visit};
//! use tl_runtime::{Deserialize, DeserializeBare, Identifiable, Reader, Serialize};
//! use std::fmt;
//!
//! /// `updateLoginToken#564fe691 = Update;`
//! #[derive(Clone, PartialEq)]
//! pub struct UpdateLoginToken;
//!
//! impl Identifiable for UpdateLoginToken {
//!     const CONSTRUCTOR_ID: u32 = 0x564fe691;
//!     const NAME: &'static str = "updateLoginToken";
//! }
//! impl Fields for UpdateLoginToken {
//!     fn walk<'a, V: Visitor<'a>>(&'a self, _v: &mut V) {}
//! }
//! impl fmt::Debug for UpdateLoginToken {
//!     fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
//!         fields::debug(self, f, "UpdateLoginToken")
//!     }
//! }
//! impl DeserializeBare for UpdateLoginToken {
//!     fn decode_bare(_r: &mut Reader) -> Self { Self }
//! }
//!
//! /// `Update` (one constructor shown).
//! #[derive(Clone)]
//! pub enum Update {
//!     LoginToken(UpdateLoginToken),
//! }
//!
//! impl Variants for Update {
//!     fn visit<'a, V: Visit<'a>>(&'a self, v: V) -> V::Output {
//!         match self { Self::LoginToken(x) => v.variant("LoginToken", x) }
//!     }
//! }
//! impl fmt::Debug for Update {
//!     fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
//!         variants::debug(self, f)
//!     }
//! }
//! impl PartialEq for Update {
//!     fn eq(&self, other: &Self) -> bool {
//!         variants::eq(self, other)
//!     }
//! }
//! impl Serialize for Update {
//!     fn serialize<B: BufMut>(&self, buf: &mut B) {
//!         variants::serialize(self, buf)
//!     }
//! }
//! impl Deserialize for Update {
//!     fn decode(r: &mut Reader) -> Self {
//!         match r.take_constructor_id() {
//!             UpdateLoginToken::CONSTRUCTOR_ID => {
//!                 Self::LoginToken(UpdateLoginToken::decode_bare(r))
//!             }
//!             id => {
//!                 r.unknown(id, "Update");
//!                 Self::LoginToken(UpdateLoginToken::decode_bare(r))
//!             }
//!         }
//!     }
//! }
//!
//! /// `updateShort#78d4dec1 update:Update date:int = Updates;`
//! #[derive(Clone)]
//! pub struct UpdateShort {
//!     pub update: Update,
//!     pub date: i32,
//! }
//!
//! impl Identifiable for UpdateShort {
//!     const CONSTRUCTOR_ID: u32 = 0x78d4dec1;
//!     const NAME: &'static str = "updateShort";
//! }
//! impl Fields for UpdateShort {
//!     fn walk<'a, V: Visitor<'a>>(&'a self, v: &mut V) {
//!         v.field("update", &self.update);
//!         v.field("date", &self.date);
//!     }
//! }
//! impl fmt::Debug for UpdateShort {
//!     fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
//!         fields::debug(self, f, "UpdateShort")
//!     }
//! }
//! impl PartialEq for UpdateShort {
//!     fn eq(&self, other: &Self) -> bool {
//!         fields::eq(self, other)
//!     }
//! }
//! impl DeserializeBare for UpdateShort {
//!     const MIN_BARE_LEN: usize = 8;
//!     fn decode_bare(r: &mut Reader) -> Self {
//!         Self { update: Update::decode(r), date: i32::decode(r) }
//!     }
//! }
//!
//! /// `updatesTooLong#e317af7e = Updates;`
//! #[derive(Clone, PartialEq)]
//! pub struct UpdatesTooLong;
//!
//! impl Identifiable for UpdatesTooLong {
//!     const CONSTRUCTOR_ID: u32 = 0xe317af7e;
//!     const NAME: &'static str = "updatesTooLong";
//! }
//! impl Fields for UpdatesTooLong {
//!     fn walk<'a, V: Visitor<'a>>(&'a self, _v: &mut V) {}
//! }
//! impl fmt::Debug for UpdatesTooLong {
//!     fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
//!         fields::debug(self, f, "UpdatesTooLong")
//!     }
//! }
//! impl DeserializeBare for UpdatesTooLong {
//!     fn decode_bare(_r: &mut Reader) -> Self { Self }
//! }
//!
//! /// `Updates` (two constructors shown).
//! #[derive(Clone)]
//! pub enum Updates {
//!     UpdateShort(UpdateShort),
//!     UpdatesTooLong(UpdatesTooLong),
//! }
//!
//! impl Variants for Updates {
//!     fn visit<'a, V: Visit<'a>>(&'a self, v: V) -> V::Output {
//!         match self {
//!             Self::UpdateShort(x) => v.variant("UpdateShort", x),
//!             Self::UpdatesTooLong(x) => v.variant("UpdatesTooLong", x),
//!         }
//!     }
//! }
//! impl fmt::Debug for Updates {
//!     fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
//!         variants::debug(self, f)
//!     }
//! }
//! impl PartialEq for Updates {
//!     fn eq(&self, other: &Self) -> bool {
//!         variants::eq(self, other)
//!     }
//! }
//! impl Serialize for Updates {
//!     fn serialize<B: BufMut>(&self, buf: &mut B) {
//!         variants::serialize(self, buf)
//!     }
//! }
//! impl Deserialize for Updates {
//!     fn decode(r: &mut Reader) -> Self {
//!         match r.take_constructor_id() {
//!             UpdateShort::CONSTRUCTOR_ID => Self::UpdateShort(UpdateShort::decode_bare(r)),
//!             UpdatesTooLong::CONSTRUCTOR_ID => {
//!                 Self::UpdatesTooLong(UpdatesTooLong::decode_bare(r))
//!             }
//!             id => {
//!                 r.unknown(id, "Updates");
//!                 Self::UpdatesTooLong(UpdatesTooLong)
//!             }
//!         }
//!     }
//! }
//!
//! // updateShort | update: updateLoginToken | date: 1
//! let wire = [0xc1, 0xde, 0xd4, 0x78, 0x91, 0xe6, 0x4f, 0x56, 0x01, 0x00, 0x00, 0x00];
//! let value = Updates::UpdateShort(UpdateShort {
//!     update: Update::LoginToken(UpdateLoginToken),
//!     date: 1,
//! });
//! assert_eq!(value.to_bytes(), wire);
//! assert_eq!(value.serialized_len(), wire.len());
//! assert_eq!(
//!     format!("{value:?}"),
//!     "UpdateShort(UpdateShort { update: LoginToken(UpdateLoginToken), date: 1 })",
//! );
//! assert_eq!(Updates::from_slice(&wire), Ok(value));
//!
//! // Vector<Updates> of [updatesTooLong, <id 0xdeadbeef>]
//! let wire = [
//!     0x15, 0xc4, 0xb5, 0x1c, 0x02, 0x00, 0x00, 0x00, // Vector, count 2
//!     0x7e, 0xaf, 0x17, 0xe3, 0xef, 0xbe, 0xad, 0xde, // updatesTooLong, unknown id
//! ];
//! assert_eq!(
//!     Vec::<Updates>::from_slice(&wire).unwrap_err().to_string(),
//!     "at byte 12: unknown constructor id 0xdeadbeef while reading Updates",
//! );
//! ```
//!
//! # Input policy
//!
//! Decoding is strict, like the official clients' encoders are: every value has exactly one
//! accepted encoding, so whatever decodes re-encodes to the same bytes (the property tests
//! check this). Messages are hashed and signed as bytes, and two encodings of one value would
//! let a peer smuggle differences past a comparison; being strict also catches corrupt input
//! and wrong-type decodes early.
//!
//! - The `0xfe` 3-byte length form for a `string`/`bytes` shorter than 254 bytes is rejected
//!   ([`NonCanonical::LongLengthPrefix`]).
//! - Non-zero padding bytes after a `string`/`bytes` are rejected
//!   ([`NonCanonical::NonZeroPadding`]), at the offending byte.
//! - A `0xff` length prefix is not TL and is rejected ([`DecodeErrorKind::InvalidLengthPrefix`]).
//! - A `string` must be UTF-8 ([`DecodeErrorKind::InvalidUtf8`], at the first bad byte); use
//!   `bytes` in the schema for binary data.
//! - A `Bool` must be `boolTrue` or `boolFalse` ([`DecodeErrorKind::InvalidBool`]).
//! - [`Deserialize::from_bytes`] rejects bytes after the value
//!   ([`DecodeErrorKind::TrailingBytes`]): a framed top-level message has nothing after it.
//!   [`Deserialize::deserialize`] on a [`Reader`] reads one value and leaves the rest.
//! - A vector count is checked against the bytes left before anything is allocated
//!   ([`DecodeErrorKind::VectorTooLong`]).
//!
//! Decoding never panics and never allocates more than a bounded multiple of its input.
//! Encoding panics only for a `string`/`bytes` over 2^24-1 bytes or a vector over 2^32-1
//! elements, which TL cannot express.
//!
//! # Why some functions are `extern "C"`
//!
//! No function here is meant for C. `extern "C"` is the one stable way to promise the
//! compiler that a call cannot unwind: a panic inside such a function aborts the process
//! instead of leaving it. Every function that a generated decoder calls out of line and that
//! could, as far as the compiler can tell, panic (the error paths, the reading of a `string`
//! or `bytes` as a shared slice, the boxing of large constructors, the vector loop with its
//! allocation) is one. Without that promise, every call inside a decoder needs cleanup code
//! that drops the fields decoded so far, and the optimiser's work on that cleanup dominated
//! the build of every crate that decodes: a release build of one that decodes `Updates` took
//! 21-24 s of CPU, 16 s with the promise. For the same reason a [`ByteString`] releases its
//! buffer through an `extern "C"` function, so that dropping a decoded value has no cleanup
//! code either.
//! The promise costs nothing that decoding can reach, since decoding never panics (the
//! fuzz targets and property tests hold it to that); a bug that broke it would abort where
//! it would have unwound. The `nounwind_boundaries` unit tests keep the list honest.
// Denied, not forbidden: five places use `unsafe`, each with its argument and tests beside
// it. One skips re-validating text already proven UTF-8 (`take_text` in `primitives`,
// `ByteString`'s decoder); one drops a `ByteString`'s buffer from an `extern "C"` function
// (`text`); `decode_in_box!` (`boxed`) stores a large constructor's fields straight into its
// box, allocated by `Allocation` beside it, and generated code (the `telegram` module here)
// expands it; `slot` lets a decoder write its value where the caller keeps it (a vector's
// next element, a field in a box);
// `count` implements the unsafe `BufMut` trait for the writer that measures encodings.
#![deny(unsafe_code)]
// The `extern "C"` functions above take and return Rust types; they are only ever called from
// Rust, so the C-compatibility lint does not apply to them.
#![allow(improper_ctypes_definitions)]
#![warn(missing_docs)]

pub mod boxed;
pub mod clone;
mod count;
#[cfg(feature = "dynamic")]
pub mod dynamic;
mod error;
pub mod fields;
pub mod flags;
pub mod primitives;
mod reader;
pub mod rpc;
pub mod slot;
// Generated code: its only `unsafe` is in the expansions of `decode_in_box!` (see `boxed`),
// which the lint sees as local code here, and as a foreign crate's macro everywhere else.
#[cfg(feature = "telegram")]
#[allow(unsafe_code)]
pub mod telegram;
mod text;
mod traits;
pub mod variants;
pub mod vector;

pub use bytes;
/// The `bytestring` crate, whose [`bytestring::ByteString`] a [`ByteString`] holds.
pub use bytestring;
pub use error::{DecodeError, DecodeErrorKind, NonCanonical};
pub use reader::Reader;
pub use text::ByteString;
pub use traits::{
    Deserialize, DeserializeBare, Identifiable, RemoteCall, Serialize, SerializeBare,
};
