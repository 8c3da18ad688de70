//! Replies to remote calls: the `rpc_result` envelope, `gzip_packed` bodies and `rpc_error`.
//!
//! MTProto wraps the answer to a request in `rpc_result#f35c6d01 req_msg_id:long result:Object`.
//! The `result` is the call's return value, or `rpc_error#2144ca19 error_code:int
//! error_message:string`, and either may arrive compressed in `gzip_packed#3072cfa1
//! packed_data:bytes`. The body can only be read knowing what the call returns, so these
//! envelopes are handled here rather than generated.

use crate::{DecodeError, DecodeErrorKind, Deserialize, Reader, RemoteCall};
use bytes::Bytes;
use std::io::Read;

/// `rpc_result#f35c6d01`.
pub const RPC_RESULT_ID: u32 = 0xf35c6d01;
/// `rpc_error#2144ca19`.
pub const RPC_ERROR_ID: u32 = 0x2144ca19;
/// `gzip_packed#3072cfa1`.
pub const GZIP_PACKED_ID: u32 = 0x3072cfa1;

/// The most a `gzip_packed` body may inflate to. Real replies stay far below (the largest
/// are a few MiB); the bound keeps a hostile body from exhausting memory.
pub const DEFAULT_MAX_INFLATED: usize = 16 << 20;

/// An error the server answered a call with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RpcError {
    /// The HTTP-like code: 400 for bad requests, 420 for flood waits, ...
    pub code: i32,
    /// The error's name without its numeric suffix: `FLOOD_WAIT` for `FLOOD_WAIT_30`.
    pub name: String,
    /// The numeric suffix, when the message has one: 30 for `FLOOD_WAIT_30`.
    pub value: Option<u32>,
    /// The message exactly as sent.
    pub message: String,
}

// Written out rather than derived with thiserror, for the reason given at DecodeError.
impl std::fmt::Display for RpcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "rpc error {}: {}", self.code, self.message)
    }
}

impl std::error::Error for RpcError {}

impl RpcError {
    /// Splits a message such as `FLOOD_WAIT_30` into its name and number.
    pub fn new(code: i32, message: impl Into<String>) -> Self {
        let message = message.into();
        let (name, value) = match message.rsplit_once('_') {
            Some((name, digits))
                if !name.is_empty()
                    && !digits.is_empty()
                    && digits.bytes().all(|b| b.is_ascii_digit()) =>
            {
                match digits.parse() {
                    Ok(v) => (name.to_string(), Some(v)),
                    Err(_) => (message.clone(), None),
                }
            }
            _ => (message.clone(), None),
        };
        RpcError {
            code,
            name,
            value,
            message,
        }
    }

    /// Whether this is the error called `name` (`CHARGE_ALREADY_REFUNDED`, `FLOOD_WAIT`, ...).
    pub fn is(&self, name: &str) -> bool {
        self.name == name
    }

    /// Reads the body of an `rpc_error` (after its id).
    fn deserialize_bare(r: &mut Reader) -> Result<Self, DecodeError> {
        let code = i32::deserialize(r)?;
        let message = read_string(r)?;
        Ok(RpcError::new(code, message))
    }
}

/// The decoded `rpc_result`: which request it answers and what came back.
#[derive(Debug, Clone, PartialEq)]
pub struct RpcResult<T> {
    /// The `msg_id` of the request this answers.
    pub req_msg_id: i64,
    /// The call's return value, or the error the server answered with.
    pub result: Result<T, RpcError>,
}

/// Decodes a whole `rpc_result` (id included) whose body is of type `T` (or an error).
/// Rejects trailing bytes.
pub fn read_rpc_result<T: Deserialize>(
    bytes: impl Into<Bytes>,
) -> Result<RpcResult<T>, DecodeError> {
    let mut r = Reader::new(bytes);
    let id = r.read_constructor_id()?;
    if id != RPC_RESULT_ID {
        return Err(r.unknown_constructor(id, "rpc_result"));
    }
    let req_msg_id = i64::deserialize(&mut r)?;
    let result = read_result_body(&mut r, DEFAULT_MAX_INFLATED)?;
    r.finish()?;
    Ok(RpcResult { req_msg_id, result })
}

/// [`read_rpc_result`] for the return type of `call`: `read_reply(&request, bytes)`.
pub fn read_reply<C: RemoteCall>(
    _call: &C,
    bytes: impl Into<Bytes>,
) -> Result<RpcResult<C::Return>, DecodeError> {
    read_rpc_result::<C::Return>(bytes)
}

/// Reads the `result:Object` of an `rpc_result`: an `rpc_error`, a `gzip_packed` holding
/// either, or the value itself.
pub fn read_result_body<T: Deserialize>(
    r: &mut Reader,
    max_inflated: usize,
) -> Result<Result<T, RpcError>, DecodeError> {
    match r.peek_u32()? {
        RPC_ERROR_ID => {
            r.read_constructor_id()?;
            Ok(Err(RpcError::deserialize_bare(r)?))
        }
        GZIP_PACKED_ID => {
            let start = r.position();
            r.read_constructor_id()?;
            let inflated = read_gzip_body(r, max_inflated)?;
            // Errors inside the packed data are reported at the gzip_packed's position, since
            // offsets into inflated bytes would point nowhere in the input.
            let mut inner = Reader::new(inflated);
            let body = match inner.peek_u32() {
                Ok(RPC_ERROR_ID) => {
                    inner.read_constructor_id()?;
                    RpcError::deserialize_bare(&mut inner).map(Err)
                }
                _ => T::deserialize(&mut inner).map(Ok),
            };
            let body = body.and_then(|b| inner.finish().map(|()| b));
            body.map_err(|e| DecodeError::new(start, e.kind))
        }
        _ => T::deserialize(r).map(Ok),
    }
}

/// Reads a TL `string` (length prefix, UTF-8 data, padding), for envelope readers that work
/// without generated types.
pub fn read_string(r: &mut Reader) -> Result<String, DecodeError> {
    String::deserialize(r)
}

/// Reads `packed_data:bytes` of a `gzip_packed` (after its id) and inflates it, refusing to
/// inflate past `max_inflated` bytes.
pub fn read_gzip_body(r: &mut Reader, max_inflated: usize) -> Result<Bytes, DecodeError> {
    let at = r.position();
    let packed = crate::primitives::read_length_prefixed(r)?;
    inflate(&packed, max_inflated).map_err(|kind| DecodeError::new(at, kind))
}

/// Inflates gzip data into at most `max` bytes.
pub fn inflate(packed: &[u8], max: usize) -> Result<Bytes, DecodeErrorKind> {
    let mut out = Vec::new();
    let mut decoder = flate2::read::GzDecoder::new(packed).take(max as u64 + 1);
    decoder
        .read_to_end(&mut out)
        .map_err(|e| DecodeErrorKind::InvalidGzip {
            reason: e.to_string(),
        })?;
    if out.len() > max {
        return Err(DecodeErrorKind::InflatedTooLarge { limit: max });
    }
    Ok(Bytes::from(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_names_split_off_their_number() {
        let e = RpcError::new(420, "FLOOD_WAIT_30");
        assert_eq!((e.name.as_str(), e.value), ("FLOOD_WAIT", Some(30)));
        let e = RpcError::new(400, "CHARGE_ALREADY_REFUNDED");
        assert_eq!(
            (e.name.as_str(), e.value),
            ("CHARGE_ALREADY_REFUNDED", None)
        );
        let e = RpcError::new(303, "PHONE_MIGRATE_5");
        assert!(e.is("PHONE_MIGRATE"));
        let e = RpcError::new(400, "_5");
        assert_eq!((e.name.as_str(), e.value), ("_5", None));
        let e = RpcError::new(400, "X_99999999999");
        assert_eq!((e.name.as_str(), e.value), ("X_99999999999", None));
        assert_eq!(e.to_string(), "rpc error 400: X_99999999999");
    }
}
