//! Arbitrary bytes through the generated Telegram API of `tl_runtime::telegram`, as a client
//! reads replies: `Updates`, `Message`, and an `rpc_result` answering a call that returns
//! `Updates` (with `gzip_packed` and `rpc_error`). Each must give a value or a `DecodeError`,
//! never a panic; whatever decodes must encode to bytes that decode and encode to the same
//! bytes, and clone to a value that encodes to them too. The value read back prints the same
//! and is equal, unless it holds a NaN `double` (not equal to itself, as derived `==` says).

#![no_main]

use libfuzzer_sys::fuzz_target;
use tl_runtime::telegram::enums;
use tl_runtime::{rpc, Deserialize, Serialize};

fn stable<T: Deserialize + Serialize + Clone + PartialEq + std::fmt::Debug>(data: &[u8]) {
    if let Ok(value) = T::from_bytes(data.to_vec()) {
        let again = value.to_bytes();
        assert_eq!(again.len(), value.serialized_len());
        let decoded = T::from_bytes(again.clone()).expect("re-encoded bytes decode");
        // Compared as bytes, not with `==`: a `double` may hold NaN, which is not equal to
        // itself, while its bits go through encoding unchanged.
        assert_eq!(decoded.to_bytes(), again);
        // `Clone` goes through the encoding: the copy encodes the same.
        assert_eq!(value.clone().to_bytes(), again);
        let shown = format!("{value:?}");
        assert_eq!(format!("{decoded:?}"), shown);
        assert!(value == decoded || shown.contains("NaN"), "{shown}");
    }
}

fuzz_target!(|data: &[u8]| {
    stable::<enums::Updates>(data);
    stable::<enums::Message>(data);
    let _ = rpc::read_rpc_result::<enums::Updates>(data.to_vec());
});
