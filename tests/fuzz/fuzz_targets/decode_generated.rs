//! Arbitrary bytes through the generated Telegram API of `tl_runtime::telegram`, as a client
//! reads replies: `Updates`, `Message`, and an `rpc_result` answering a call that returns
//! `Updates` (with `gzip_packed` and `rpc_error`). Each must give a value or a `DecodeError`,
//! never a panic; whatever decodes must encode to bytes that decode to the same value.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tl_runtime::telegram::enums;
use tl_runtime::{rpc, Deserialize, Serialize};

fn stable<T: Deserialize + Serialize + PartialEq + std::fmt::Debug>(data: &[u8]) {
    if let Ok(value) = T::from_bytes(data.to_vec()) {
        let again = value.to_bytes();
        assert_eq!(again.len(), value.serialized_len());
        assert_eq!(T::from_bytes(again).expect("re-encoded bytes decode"), value);
    }
}

fuzz_target!(|data: &[u8]| {
    stable::<enums::Updates>(data);
    stable::<enums::Message>(data);
    let _ = rpc::read_rpc_result::<enums::Updates>(data.to_vec());
});
