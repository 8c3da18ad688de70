//! The Telegram API, LAYER 230: every constructor and function of Telegram's `api.tl`, the
//! MTProto service types of `mtproto.tl`, and the declarations of this repository's `schema/`
//! (the Telegram Stars refund call and its `Updates` replies), generated at build time by
//! `tl-codegen` from the pinned schema (see the crate's `build.rs`).
//!
//! Layout: `types` holds a struct per constructor, `enums` an enum per boxed type (for a type
//! with one constructor, an alias of its struct: `enums::Config` is `types::Config`), `functions`
//! a struct per function (a [`RemoteCall`](crate::RemoteCall) whose `Return` is the reply
//! type); TL namespaces are submodules. `rpc_result`, `msg_container`, `message` and
//! `gzip_packed` are not generated (`mtproto.tl` keeps them as comments, since their bodies can
//! only be read knowing what is expected): [`rpc`](crate::rpc) reads replies.
//!
//! ```
//! use tl_runtime::telegram::{enums, functions, types};
//! use tl_runtime::Serialize;
//!
//! let call = functions::payments::RefundStarsCharge {
//!     user_id: enums::InputUser::InputUserSelf(types::InputUserSelf),
//!     charge_id: "ch_1".into(),
//! };
//! let bytes = call.to_bytes();
//! assert_eq!(&bytes[..4], &0x25ae8f4a_u32.to_le_bytes());
//! ```

include!(concat!(env!("OUT_DIR"), "/telegram_api.rs"));
