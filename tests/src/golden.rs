//! Golden bytes: Telegram values (LAYER 230) written out by hand from the MTProto
//! serialization rules, each with the value in the JSON form of GUIDE section 3.
//!
//! Nothing here comes from an encoder of ours: every byte is typed out field by field from the
//! schema's declarations, so that a codec agreeing with itself cannot hide a mistake. Tests
//! hold each codec to these vectors in both directions (bytes → value → JSON, and JSON → value
//! → bytes); `tests/golden_dynamic.rs` does it for the schema-driven codec, and checks for
//! generated code can be added over the same data.
//!
//! # The rules the hex follows
//!
//! - `int` is 4 bytes, `long` 8, both little-endian; constructor ids are 4 little-endian bytes
//!   (`payments.refundStarsCharge#25ae8f4a` is written `4a8fae25`).
//! - `string` / `bytes`: a length under 254 is one byte; otherwise `fe` and 3 little-endian
//!   bytes. Then the data, then zero bytes until prefix + data is a multiple of 4. Lengths
//!   count bytes, not characters ("é" is `c3 a9`, "€" is `e2 82 ac`).
//! - `Vector<T>` is `15c4b51c`, a 4-byte count, then the elements: boxed elements with their
//!   ids, `int` / `long` elements bare.
//! - A `#` flags word has bit N set when the field `flags.N?...` is present (for a `?true`
//!   field, when it is true); `?true` fields take no bytes of their own.
//!
//! # The annotated hex
//!
//! [`Golden::hex`] is hex digits and blanks; `--` starts a comment that runs to the end of the
//! line. Payloads too long to type out (253 bytes and up) are written as a placeholder
//! `{N*unit}`: the UTF-8 bytes of `unit` repeated `N` times (`{127*é}` is 254 bytes). The same
//! placeholder stands in the JSON for the same text repeated, so both sides stay readable.
//! Length prefixes and padding around a placeholder are still written out by hand, with the
//! byte count worked out in a comment.
//!
//! [`RpcGolden`] adds `{gzip}` for the `packed_data` of a `gzip_packed`: compressed bytes
//! cannot be written by hand, so the bytes before compression are given instead
//! ([`RpcGolden::packed`]) and the test splices in their compressed form
//! ([`RpcGolden::bytes_with_packed_data`]).

/// One value of a TL type, as bytes and as JSON.
#[derive(Debug, Clone, Copy)]
pub struct Golden {
    /// A unique name, usable as a Rust identifier (tests are named after it).
    pub name: &'static str,
    /// The TL type to decode it as: a boxed type (`Updates`) or a function name
    /// (`payments.refundStarsCharge`, meaning a request: its id, then its parameters).
    pub tl_type: &'static str,
    /// The encoding, annotated field by field (see the module docs).
    pub hex: &'static str,
    /// The value in the JSON form of GUIDE section 3; may hold `{N*unit}` placeholders inside
    /// strings.
    pub json: &'static str,
}

impl Golden {
    /// The bytes of [`hex`](Self::hex): comments and blanks dropped, placeholders expanded.
    pub fn bytes(&self) -> Vec<u8> {
        parse_hex(self.name, self.hex, None)
    }

    /// The text of [`json`](Self::json) with its `{N*unit}` placeholders expanded.
    pub fn json_text(&self) -> String {
        expand_json(self.json)
    }
}

/// A reply as the server sends it: `rpc_result#f35c6d01 req_msg_id:long result:Object`.
///
/// `rpc_result` and `gzip_packed` are commented out of mtproto.tl ("parsed manually"), so a
/// schema-driven codec cannot read them as a whole; the vectors say where the result starts
/// and what it is, and tests read the envelope themselves.
#[derive(Debug, Clone, Copy)]
pub struct RpcGolden {
    /// A unique name, usable as a Rust identifier.
    pub name: &'static str,
    /// `req_msg_id`, as written in the hex.
    pub req_msg_id: i64,
    /// The TL type of the result once unpacked: `Updates`, or `RpcError` for an
    /// `rpc_error#2144ca19` (which mtproto.tl does declare).
    pub result_type: &'static str,
    /// The whole `rpc_result`, annotated; for a gzip-packed reply, `packed_data` is `{gzip}`.
    pub hex: &'static str,
    /// For a gzip-packed reply, the bytes inside it before compression, annotated; empty
    /// otherwise.
    pub packed: &'static str,
    /// The result (unpacked) in JSON.
    pub json: &'static str,
}

/// `rpc_result` id, `req_msg_id` and, for the vectors below, where the result starts.
pub const RPC_RESULT_HEADER_LEN: usize = 4 + 8;

impl RpcGolden {
    /// Whether the result is a `gzip_packed`.
    pub fn is_gzip_packed(&self) -> bool {
        !self.packed.is_empty()
    }

    /// The bytes of a reply that is not gzip-packed.
    ///
    /// # Panics
    /// For a gzip-packed reply; use [`bytes_with_packed_data`](Self::bytes_with_packed_data).
    pub fn bytes(&self) -> Vec<u8> {
        parse_hex(self.name, self.hex, None)
    }

    /// The bytes of a gzip-packed reply, with `compressed` as `packed_data`.
    ///
    /// `{gzip}` becomes a TL `bytes` field: the length prefix (one byte under 254, else `fe`
    /// and 3 little-endian bytes), `compressed`, and zero padding to a multiple of 4. This is
    /// the one length this module computes, because the compressed length is only known once
    /// compressed; tests check the framing of the result by hand.
    pub fn bytes_with_packed_data(&self, compressed: &[u8]) -> Vec<u8> {
        parse_hex(self.name, self.hex, Some(compressed))
    }

    /// The result's bytes: the body after the header, or, for a gzip-packed reply, the bytes
    /// before compression.
    pub fn result_bytes(&self) -> Vec<u8> {
        if self.is_gzip_packed() {
            parse_hex(self.name, self.packed, None)
        } else {
            self.bytes()[RPC_RESULT_HEADER_LEN..].to_vec()
        }
    }
}

/// A TL `bytes` field holding `data`, for `{gzip}`.
fn tl_bytes_field(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 8);
    if data.len() < 254 {
        out.push(data.len() as u8);
    } else {
        assert!(data.len() < 1 << 24, "longer than TL bytes allow");
        out.push(0xfe);
        out.extend_from_slice(&(data.len() as u32).to_le_bytes()[..3]);
    }
    out.extend_from_slice(data);
    while out.len() % 4 != 0 {
        out.push(0);
    }
    out
}

/// Reads annotated hex; panics (naming the vector) on anything malformed, since a typo in a
/// vector must not pass silently.
fn parse_hex(name: &str, text: &str, gzip: Option<&[u8]>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut digits = String::new();
    for line in text.lines() {
        let code = line.split("--").next().unwrap_or("");
        let mut chars = code.chars();
        while let Some(c) = chars.next() {
            match c {
                c if c.is_whitespace() => {}
                c if c.is_ascii_hexdigit() => digits.push(c),
                '{' => {
                    assert!(
                        digits.len().is_multiple_of(2),
                        "{name}: odd hex digits before a placeholder"
                    );
                    flush(name, &mut digits, &mut out);
                    let inner: String = chars.by_ref().take_while(|&c| c != '}').collect();
                    if inner == "gzip" {
                        let data = gzip.unwrap_or_else(|| panic!("{name}: {{gzip}} needs data"));
                        out.extend(tl_bytes_field(data));
                    } else {
                        out.extend(repeat(name, &inner).into_bytes());
                    }
                }
                c => panic!("{name}: unexpected {c:?} in hex (line {line:?})"),
            }
        }
    }
    assert!(
        digits.len().is_multiple_of(2),
        "{name}: odd number of hex digits"
    );
    flush(name, &mut digits, &mut out);
    out
}

fn flush(name: &str, digits: &mut String, out: &mut Vec<u8>) {
    for pair in digits.as_bytes().chunks(2) {
        let pair = std::str::from_utf8(pair).expect("ASCII hex digits");
        out.push(u8::from_str_radix(pair, 16).unwrap_or_else(|e| panic!("{name}: {e}")));
    }
    digits.clear();
}

/// `N*unit` → `unit` repeated `N` times.
fn repeat(name: &str, placeholder: &str) -> String {
    let (count, unit) = placeholder
        .split_once('*')
        .unwrap_or_else(|| panic!("{name}: bad placeholder {{{placeholder}}}"));
    let count: usize = count
        .parse()
        .unwrap_or_else(|_| panic!("{name}: bad count in {{{placeholder}}}"));
    unit.repeat(count)
}

/// Expands `{N*unit}` in JSON text. A JSON object's `{` is never followed by a digit, so only
/// a `{` followed by one starts a placeholder.
fn expand_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            let end = after.find('}').expect("placeholder closed by `}`");
            out.push_str(&repeat("json", &after[..end]));
            rest = &after[end + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Every vector the schema-driven codec reads as a whole.
pub fn all() -> impl Iterator<Item = &'static Golden> {
    REFUND_STARS_CHARGE.iter().chain(UPDATES)
}

/// The vector called `name`.
pub fn find(name: &str) -> Option<&'static Golden> {
    all().find(|g| g.name == name)
}

/// The reply vector called `name`.
pub fn find_rpc(name: &str) -> Option<&'static RpcGolden> {
    RPC_RESULTS.iter().find(|g| g.name == name)
}

/// `payments.refundStarsCharge#25ae8f4a user_id:InputUser charge_id:string = Updates;`, with
/// each `InputUser` a bot can name and `charge_id`s across the length-prefix boundaries
/// (0, 1, 2, 3, 9, 253, 254, 255, 300 and 70,000 bytes), ASCII and multi-byte UTF-8.
///
/// The `InputUser`s:
/// - `inputUser#f21158c6 user_id:long access_hash:long`;
/// - `inputUserSelf#f7c1b13f`;
/// - `inputUserFromMessage#1da448e2 peer:InputPeer msg_id:int user_id:long`, with the peer
///   `inputPeerChat#35a95cb9 chat_id:long`.
pub const REFUND_STARS_CHARGE: &[Golden] = &[
    Golden {
        name: "refund_input_user_empty_charge_id",
        tl_type: "payments.refundStarsCharge",
        hex: "
            4a8fae25            -- payments.refundStarsCharge
            c65811f2            -- user_id: inputUser
            15cd5b07 00000000   --   user_id 123456789 (0x075bcd15)
            08070605 04030201   --   access_hash 0x0102030405060708
            00 000000           -- charge_id: length 0; 1 + 0 = 1, 3 bytes of padding
        ",
        json: r#"{"_":"payments.refundStarsCharge",
            "user_id":{"_":"inputUser","user_id":"123456789","access_hash":"72623859790382856"},
            "charge_id":""}"#,
    },
    Golden {
        name: "refund_input_user_self_1_byte",
        tl_type: "payments.refundStarsCharge",
        hex: "
            4a8fae25            -- payments.refundStarsCharge
            3fb1c1f7            -- user_id: inputUserSelf
            01 61 0000          -- charge_id: length 1, \"a\"; 1 + 1 = 2, 2 bytes of padding
        ",
        json: r#"{"_":"payments.refundStarsCharge","user_id":{"_":"inputUserSelf"},"charge_id":"a"}"#,
    },
    Golden {
        name: "refund_from_message_2_bytes_utf8",
        tl_type: "payments.refundStarsCharge",
        hex: "
            4a8fae25            -- payments.refundStarsCharge
            e248a41d            -- user_id: inputUserFromMessage
            b95ca935            --   peer: inputPeerChat
            09030000 00000000   --     chat_id 777 (0x309)
            64000000            --   msg_id 100
            15cd5b07 00000000   --   user_id 123456789
            02 c3a9 00          -- charge_id: length 2, \"é\" (c3 a9); 1 + 2 = 3, 1 byte of padding
        ",
        json: r#"{"_":"payments.refundStarsCharge",
            "user_id":{"_":"inputUserFromMessage","peer":{"_":"inputPeerChat","chat_id":"777"},
                "msg_id":100,"user_id":"123456789"},
            "charge_id":"é"}"#,
    },
    Golden {
        name: "refund_from_message_3_bytes_ascii",
        tl_type: "payments.refundStarsCharge",
        hex: "
            4a8fae25            -- payments.refundStarsCharge
            e248a41d            -- user_id: inputUserFromMessage
            b95ca935            --   peer: inputPeerChat
            09030000 00000000   --     chat_id 777
            64000000            --   msg_id 100
            15cd5b07 00000000   --   user_id 123456789
            03 616263           -- charge_id: length 3, \"abc\"; 1 + 3 = 4, no padding
        ",
        json: r#"{"_":"payments.refundStarsCharge",
            "user_id":{"_":"inputUserFromMessage","peer":{"_":"inputPeerChat","chat_id":"777"},
                "msg_id":100,"user_id":"123456789"},
            "charge_id":"abc"}"#,
    },
    Golden {
        name: "refund_input_user_3_bytes_utf8",
        tl_type: "payments.refundStarsCharge",
        hex: "
            4a8fae25            -- payments.refundStarsCharge
            c65811f2            -- user_id: inputUser
            15cd5b07 00000000   --   user_id 123456789
            feffffff ffffffff   --   access_hash -2 (two's complement)
            03 e282ac           -- charge_id: length 3, \"€\" (e2 82 ac); 1 + 3 = 4, no padding
        ",
        json: r#"{"_":"payments.refundStarsCharge",
            "user_id":{"_":"inputUser","user_id":"123456789","access_hash":"-2"},
            "charge_id":"€"}"#,
    },
    Golden {
        name: "refund_input_user_self_9_bytes_utf8",
        tl_type: "payments.refundStarsCharge",
        hex: "
            4a8fae25            -- payments.refundStarsCharge
            3fb1c1f7            -- user_id: inputUserSelf
            09                  -- charge_id: length 9:
            c3a9                --   \"é\" (2 bytes)
            e282ac              --   \"€\" (3 bytes)
            f09f9880            --   \"😀\" U+1F600 (4 bytes)
            0000                -- 1 + 9 = 10, 2 bytes of padding
        ",
        json: r#"{"_":"payments.refundStarsCharge","user_id":{"_":"inputUserSelf"},"charge_id":"é€😀"}"#,
    },
    Golden {
        name: "refund_input_user_253_bytes_ascii",
        tl_type: "payments.refundStarsCharge",
        hex: "
            4a8fae25            -- payments.refundStarsCharge
            c65811f2            -- user_id: inputUser
            15cd5b07 00000000   --   user_id 123456789
            08070605 04030201   --   access_hash 0x0102030405060708
            fd                  -- charge_id: length 253, the longest one-byte prefix
            {23*abcdefghijk}    --   23 × 11 = 253 bytes
            0000                -- 1 + 253 = 254, 2 bytes of padding
        ",
        json: r#"{"_":"payments.refundStarsCharge",
            "user_id":{"_":"inputUser","user_id":"123456789","access_hash":"72623859790382856"},
            "charge_id":"{23*abcdefghijk}"}"#,
    },
    Golden {
        name: "refund_input_user_self_253_bytes_utf8",
        tl_type: "payments.refundStarsCharge",
        hex: "
            4a8fae25            -- payments.refundStarsCharge
            3fb1c1f7            -- user_id: inputUserSelf
            fd                  -- charge_id: length 253
            {50*é€}             --   50 × (2 + 3) = 250 bytes
            {1*€}               --   + 3 = 253 bytes
            0000                -- 1 + 253 = 254, 2 bytes of padding
        ",
        json: r#"{"_":"payments.refundStarsCharge","user_id":{"_":"inputUserSelf"},
            "charge_id":"{50*é€}{1*€}"}"#,
    },
    Golden {
        name: "refund_from_message_254_bytes_ascii",
        tl_type: "payments.refundStarsCharge",
        hex: "
            4a8fae25            -- payments.refundStarsCharge
            e248a41d            -- user_id: inputUserFromMessage
            b95ca935            --   peer: inputPeerChat
            09030000 00000000   --     chat_id 777
            64000000            --   msg_id 100
            15cd5b07 00000000   --   user_id 123456789
            fe fe0000           -- charge_id: long form, length 254 (0x0000fe)
            {127*ab}            --   127 × 2 = 254 bytes
            0000                -- 4 + 254 = 258, 2 bytes of padding
        ",
        json: r#"{"_":"payments.refundStarsCharge",
            "user_id":{"_":"inputUserFromMessage","peer":{"_":"inputPeerChat","chat_id":"777"},
                "msg_id":100,"user_id":"123456789"},
            "charge_id":"{127*ab}"}"#,
    },
    Golden {
        name: "refund_input_user_254_bytes_utf8",
        tl_type: "payments.refundStarsCharge",
        hex: "
            4a8fae25            -- payments.refundStarsCharge
            c65811f2            -- user_id: inputUser
            15cd5b07 00000000   --   user_id 123456789
            08070605 04030201   --   access_hash 0x0102030405060708
            fe fe0000           -- charge_id: long form, length 254
            {127*é}             --   127 × 2 = 254 bytes (127 characters)
            0000                -- 4 + 254 = 258, 2 bytes of padding
        ",
        json: r#"{"_":"payments.refundStarsCharge",
            "user_id":{"_":"inputUser","user_id":"123456789","access_hash":"72623859790382856"},
            "charge_id":"{127*é}"}"#,
    },
    Golden {
        name: "refund_input_user_self_255_bytes_ascii",
        tl_type: "payments.refundStarsCharge",
        hex: "
            4a8fae25            -- payments.refundStarsCharge
            3fb1c1f7            -- user_id: inputUserSelf
            fe ff0000           -- charge_id: long form, length 255 (0x0000ff)
            {51*abcde}          --   51 × 5 = 255 bytes
            00                  -- 4 + 255 = 259, 1 byte of padding
        ",
        json: r#"{"_":"payments.refundStarsCharge","user_id":{"_":"inputUserSelf"},
            "charge_id":"{51*abcde}"}"#,
    },
    Golden {
        name: "refund_from_message_255_bytes_utf8",
        tl_type: "payments.refundStarsCharge",
        hex: "
            4a8fae25            -- payments.refundStarsCharge
            e248a41d            -- user_id: inputUserFromMessage
            b95ca935            --   peer: inputPeerChat
            09030000 00000000   --     chat_id 777
            64000000            --   msg_id 100
            15cd5b07 00000000   --   user_id 123456789
            fe ff0000           -- charge_id: long form, length 255
            {85*€}              --   85 × 3 = 255 bytes (85 characters)
            00                  -- 4 + 255 = 259, 1 byte of padding
        ",
        json: r#"{"_":"payments.refundStarsCharge",
            "user_id":{"_":"inputUserFromMessage","peer":{"_":"inputPeerChat","chat_id":"777"},
                "msg_id":100,"user_id":"123456789"},
            "charge_id":"{85*€}"}"#,
    },
    Golden {
        name: "refund_input_user_300_bytes_ascii",
        tl_type: "payments.refundStarsCharge",
        hex: "
            4a8fae25            -- payments.refundStarsCharge
            c65811f2            -- user_id: inputUser
            15cd5b07 00000000   --   user_id 123456789
            08070605 04030201   --   access_hash 0x0102030405060708
            fe 2c0100           -- charge_id: long form, length 300 (0x00012c)
            {30*0123456789}     --   30 × 10 = 300 bytes
                                -- 4 + 300 = 304, no padding
        ",
        json: r#"{"_":"payments.refundStarsCharge",
            "user_id":{"_":"inputUser","user_id":"123456789","access_hash":"72623859790382856"},
            "charge_id":"{30*0123456789}"}"#,
    },
    Golden {
        name: "refund_input_user_self_300_bytes_utf8",
        tl_type: "payments.refundStarsCharge",
        hex: "
            4a8fae25            -- payments.refundStarsCharge
            3fb1c1f7            -- user_id: inputUserSelf
            fe 2c0100           -- charge_id: long form, length 300
            {60*é€}             --   60 × (2 + 3) = 300 bytes (120 characters)
                                -- 4 + 300 = 304, no padding
        ",
        json: r#"{"_":"payments.refundStarsCharge","user_id":{"_":"inputUserSelf"},
            "charge_id":"{60*é€}"}"#,
    },
    Golden {
        name: "refund_from_message_70000_bytes_ascii",
        tl_type: "payments.refundStarsCharge",
        hex: "
            4a8fae25            -- payments.refundStarsCharge
            e248a41d            -- user_id: inputUserFromMessage
            b95ca935            --   peer: inputPeerChat
            09030000 00000000   --     chat_id 777
            64000000            --   msg_id 100
            15cd5b07 00000000   --   user_id 123456789
            fe 701101           -- charge_id: long form, length 70000 (0x011170): all 3 bytes used
            {7000*0123456789}   --   7000 × 10 = 70000 bytes
                                -- 4 + 70000 = 70004, no padding
        ",
        json: r#"{"_":"payments.refundStarsCharge",
            "user_id":{"_":"inputUserFromMessage","peer":{"_":"inputPeerChat","chat_id":"777"},
                "msg_id":100,"user_id":"123456789"},
            "charge_id":"{7000*0123456789}"}"#,
    },
    Golden {
        name: "refund_input_user_70000_bytes_utf8",
        tl_type: "payments.refundStarsCharge",
        hex: "
            4a8fae25            -- payments.refundStarsCharge
            c65811f2            -- user_id: inputUser
            15cd5b07 00000000   --   user_id 123456789
            feffffff ffffffff   --   access_hash -2
            fe 701101           -- charge_id: long form, length 70000 (0x011170)
            {14000*é€}          --   14000 × (2 + 3) = 70000 bytes (28000 characters)
                                -- 4 + 70000 = 70004, no padding
        ",
        json: r#"{"_":"payments.refundStarsCharge",
            "user_id":{"_":"inputUser","user_id":"123456789","access_hash":"-2"},
            "charge_id":"{14000*é€}"}"#,
    },
];

/// The seven `Updates` constructors (api-layer230.tl lines 503-509), every flag of
/// `updateShortMessage`, `updateShortChatMessage` and `updateShortSentMessage` both set and
/// unset, and the containers holding real updates, users and chats.
///
/// Values used throughout (so the hex reads the same everywhere):
/// - `id` 100 = `64000000`; `user_id` / `from_id` 123456789 = 0x075bcd15 = `15cd5b07 00000000`;
///   `chat_id` 777 = 0x309 = `09030000 00000000`;
/// - `message` "hi" = `02 6869 00` (length 2; 1 + 2 = 3, 1 byte of padding);
/// - `pts` 1000 = `e8030000`, `pts_count` 1 = `01000000`;
///   `date` 1700000000 = 0x6553f100 = `00f15365`;
/// - `fwd_from`: `messageFwdHeader#4e4df4bb flags:# imported:flags.7?true saved_out:flags.11?true
///   from_id:flags.0?Peer from_name:flags.5?string date:int ...` with flags 0 and date
///   1600000000 = 0x5f5e1000 = `00105e5f`;
/// - `via_bot_id` 424242 = 0x67932 = `32790600 00000000`;
/// - `reply_to`: `messageReplyHeader#1b97dd66 flags:# reply_to_scheduled:flags.2?true
///   forum_topic:flags.3?true quote:flags.9?true reply_to_ephemeral:flags.13?true
///   reply_to_msg_id:flags.4?int ...` with only reply_to_msg_id 99 (flags 0x10);
/// - `entities`: one `messageEntityBold#bd610bc9 offset:int length:int`, offset 0, length 2;
/// - `ttl_period` 86400 = 0x15180 = `80510100`.
pub const UPDATES: &[Golden] = &[
    Golden {
        name: "updates_too_long",
        tl_type: "Updates",
        hex: "7eaf17e3 -- updatesTooLong#e317af7e, no fields",
        json: r#"{"_":"updatesTooLong"}"#,
    },
    // updateShortMessage#313bc7f8 flags:# out:flags.1?true mentioned:flags.4?true
    // media_unread:flags.5?true silent:flags.13?true id:int user_id:long message:string
    // pts:int pts_count:int date:int fwd_from:flags.2?MessageFwdHeader via_bot_id:flags.11?long
    // reply_to:flags.3?MessageReplyHeader entities:flags.7?Vector<MessageEntity>
    // ttl_period:flags.25?int = Updates;
    Golden {
        name: "short_message_no_flags",
        tl_type: "Updates",
        hex: "
            f8c73b31            -- updateShortMessage
            00000000            -- flags: none = 0x00000000
            64000000            -- id 100
            15cd5b07 00000000   -- user_id 123456789
            02 6869 00          -- message \"hi\", 1 byte of padding
            e8030000            -- pts 1000
            01000000            -- pts_count 1
            00f15365            -- date 1700000000
        ",
        json: r#"{"_":"updateShortMessage","out":false,"mentioned":false,"media_unread":false,
            "silent":false,"id":100,"user_id":"123456789","message":"hi","pts":1000,
            "pts_count":1,"date":1700000000}"#,
    },
    Golden {
        name: "short_message_all_flags",
        tl_type: "Updates",
        hex: "
            f8c73b31            -- updateShortMessage
            be280002            -- flags: out(1) | fwd_from(2) | reply_to(3) | mentioned(4)
                                --   | media_unread(5) | entities(7) | via_bot_id(11)
                                --   | silent(13) | ttl_period(25)
                                --   = 0x2 + 0x4 + 0x8 + 0x10 + 0x20 + 0x80 + 0x800 + 0x2000
                                --     + 0x02000000 = 0x020028be
            64000000            -- id 100
            15cd5b07 00000000   -- user_id 123456789
            02 6869 00          -- message \"hi\"
            e8030000            -- pts 1000
            01000000            -- pts_count 1
            00f15365            -- date 1700000000
            bbf44d4e            -- fwd_from: messageFwdHeader
            00000000            --   flags: none
            00105e5f            --   date 1600000000
            32790600 00000000   -- via_bot_id 424242
            66dd971b            -- reply_to: messageReplyHeader
            10000000            --   flags: reply_to_msg_id(4) = 0x00000010
            63000000            --   reply_to_msg_id 99
            15c4b51c 01000000   -- entities: Vector, 1 element
            c90b61bd            --   messageEntityBold
            00000000 02000000   --     offset 0, length 2
            80510100            -- ttl_period 86400
        ",
        json: r#"{"_":"updateShortMessage","out":true,"mentioned":true,"media_unread":true,
            "silent":true,"id":100,"user_id":"123456789","message":"hi","pts":1000,
            "pts_count":1,"date":1700000000,
            "fwd_from":{"_":"messageFwdHeader","imported":false,"saved_out":false,"date":1600000000},
            "via_bot_id":"424242",
            "reply_to":{"_":"messageReplyHeader","reply_to_scheduled":false,"forum_topic":false,
                "quote":false,"reply_to_ephemeral":false,"reply_to_msg_id":99},
            "entities":[{"_":"messageEntityBold","offset":0,"length":2}],
            "ttl_period":86400}"#,
    },
    Golden {
        name: "short_message_only_out",
        tl_type: "Updates",
        hex: "
            f8c73b31            -- updateShortMessage
            02000000            -- flags: out(1) = 0x00000002
            64000000            -- id 100
            15cd5b07 00000000   -- user_id 123456789
            02 6869 00          -- message \"hi\"
            e8030000            -- pts 1000
            01000000            -- pts_count 1
            00f15365            -- date 1700000000
        ",
        json: r#"{"_":"updateShortMessage","out":true,"mentioned":false,"media_unread":false,
            "silent":false,"id":100,"user_id":"123456789","message":"hi","pts":1000,
            "pts_count":1,"date":1700000000}"#,
    },
    Golden {
        name: "short_message_only_mentioned",
        tl_type: "Updates",
        hex: "
            f8c73b31            -- updateShortMessage
            10000000            -- flags: mentioned(4) = 0x00000010
            64000000            -- id 100
            15cd5b07 00000000   -- user_id 123456789
            02 6869 00          -- message \"hi\"
            e8030000            -- pts 1000
            01000000            -- pts_count 1
            00f15365            -- date 1700000000
        ",
        json: r#"{"_":"updateShortMessage","out":false,"mentioned":true,"media_unread":false,
            "silent":false,"id":100,"user_id":"123456789","message":"hi","pts":1000,
            "pts_count":1,"date":1700000000}"#,
    },
    Golden {
        name: "short_message_only_media_unread",
        tl_type: "Updates",
        hex: "
            f8c73b31            -- updateShortMessage
            20000000            -- flags: media_unread(5) = 0x00000020
            64000000            -- id 100
            15cd5b07 00000000   -- user_id 123456789
            02 6869 00          -- message \"hi\"
            e8030000            -- pts 1000
            01000000            -- pts_count 1
            00f15365            -- date 1700000000
        ",
        json: r#"{"_":"updateShortMessage","out":false,"mentioned":false,"media_unread":true,
            "silent":false,"id":100,"user_id":"123456789","message":"hi","pts":1000,
            "pts_count":1,"date":1700000000}"#,
    },
    Golden {
        name: "short_message_only_silent",
        tl_type: "Updates",
        hex: "
            f8c73b31            -- updateShortMessage
            00200000            -- flags: silent(13) = 0x00002000
            64000000            -- id 100
            15cd5b07 00000000   -- user_id 123456789
            02 6869 00          -- message \"hi\"
            e8030000            -- pts 1000
            01000000            -- pts_count 1
            00f15365            -- date 1700000000
        ",
        json: r#"{"_":"updateShortMessage","out":false,"mentioned":false,"media_unread":false,
            "silent":true,"id":100,"user_id":"123456789","message":"hi","pts":1000,
            "pts_count":1,"date":1700000000}"#,
    },
    Golden {
        name: "short_message_only_fwd_from",
        tl_type: "Updates",
        hex: "
            f8c73b31            -- updateShortMessage
            04000000            -- flags: fwd_from(2) = 0x00000004
            64000000            -- id 100
            15cd5b07 00000000   -- user_id 123456789
            02 6869 00          -- message \"hi\"
            e8030000            -- pts 1000
            01000000            -- pts_count 1
            00f15365            -- date 1700000000
            bbf44d4e            -- fwd_from: messageFwdHeader
            00000000            --   flags: none
            00105e5f            --   date 1600000000
        ",
        json: r#"{"_":"updateShortMessage","out":false,"mentioned":false,"media_unread":false,
            "silent":false,"id":100,"user_id":"123456789","message":"hi","pts":1000,
            "pts_count":1,"date":1700000000,
            "fwd_from":{"_":"messageFwdHeader","imported":false,"saved_out":false,"date":1600000000}}"#,
    },
    Golden {
        name: "short_message_only_via_bot_id",
        tl_type: "Updates",
        hex: "
            f8c73b31            -- updateShortMessage
            00080000            -- flags: via_bot_id(11) = 0x00000800
            64000000            -- id 100
            15cd5b07 00000000   -- user_id 123456789
            02 6869 00          -- message \"hi\"
            e8030000            -- pts 1000
            01000000            -- pts_count 1
            00f15365            -- date 1700000000
            32790600 00000000   -- via_bot_id 424242
        ",
        json: r#"{"_":"updateShortMessage","out":false,"mentioned":false,"media_unread":false,
            "silent":false,"id":100,"user_id":"123456789","message":"hi","pts":1000,
            "pts_count":1,"date":1700000000,"via_bot_id":"424242"}"#,
    },
    Golden {
        name: "short_message_only_reply_to",
        tl_type: "Updates",
        hex: "
            f8c73b31            -- updateShortMessage
            08000000            -- flags: reply_to(3) = 0x00000008
            64000000            -- id 100
            15cd5b07 00000000   -- user_id 123456789
            02 6869 00          -- message \"hi\"
            e8030000            -- pts 1000
            01000000            -- pts_count 1
            00f15365            -- date 1700000000
            66dd971b            -- reply_to: messageReplyHeader
            10000000            --   flags: reply_to_msg_id(4) = 0x00000010
            63000000            --   reply_to_msg_id 99
        ",
        json: r#"{"_":"updateShortMessage","out":false,"mentioned":false,"media_unread":false,
            "silent":false,"id":100,"user_id":"123456789","message":"hi","pts":1000,
            "pts_count":1,"date":1700000000,
            "reply_to":{"_":"messageReplyHeader","reply_to_scheduled":false,"forum_topic":false,
                "quote":false,"reply_to_ephemeral":false,"reply_to_msg_id":99}}"#,
    },
    Golden {
        name: "short_message_only_entities",
        tl_type: "Updates",
        hex: "
            f8c73b31            -- updateShortMessage
            80000000            -- flags: entities(7) = 0x00000080
            64000000            -- id 100
            15cd5b07 00000000   -- user_id 123456789
            02 6869 00          -- message \"hi\"
            e8030000            -- pts 1000
            01000000            -- pts_count 1
            00f15365            -- date 1700000000
            15c4b51c 01000000   -- entities: Vector, 1 element
            c90b61bd            --   messageEntityBold
            00000000 02000000   --     offset 0, length 2
        ",
        json: r#"{"_":"updateShortMessage","out":false,"mentioned":false,"media_unread":false,
            "silent":false,"id":100,"user_id":"123456789","message":"hi","pts":1000,
            "pts_count":1,"date":1700000000,
            "entities":[{"_":"messageEntityBold","offset":0,"length":2}]}"#,
    },
    Golden {
        name: "short_message_only_ttl_period",
        tl_type: "Updates",
        hex: "
            f8c73b31            -- updateShortMessage
            00000002            -- flags: ttl_period(25) = 0x02000000
            64000000            -- id 100
            15cd5b07 00000000   -- user_id 123456789
            02 6869 00          -- message \"hi\"
            e8030000            -- pts 1000
            01000000            -- pts_count 1
            00f15365            -- date 1700000000
            80510100            -- ttl_period 86400
        ",
        json: r#"{"_":"updateShortMessage","out":false,"mentioned":false,"media_unread":false,
            "silent":false,"id":100,"user_id":"123456789","message":"hi","pts":1000,
            "pts_count":1,"date":1700000000,"ttl_period":86400}"#,
    },
    // updateShortChatMessage#4d6deea5 flags:# out:flags.1?true mentioned:flags.4?true
    // media_unread:flags.5?true silent:flags.13?true id:int from_id:long chat_id:long
    // message:string pts:int pts_count:int date:int fwd_from:flags.2?MessageFwdHeader
    // via_bot_id:flags.11?long reply_to:flags.3?MessageReplyHeader
    // entities:flags.7?Vector<MessageEntity> ttl_period:flags.25?int = Updates;
    Golden {
        name: "short_chat_message_no_flags",
        tl_type: "Updates",
        hex: "
            a5ee6d4d            -- updateShortChatMessage
            00000000            -- flags: none = 0x00000000
            64000000            -- id 100
            15cd5b07 00000000   -- from_id 123456789
            09030000 00000000   -- chat_id 777
            02 6869 00          -- message \"hi\"
            e8030000            -- pts 1000
            01000000            -- pts_count 1
            00f15365            -- date 1700000000
        ",
        json: r#"{"_":"updateShortChatMessage","out":false,"mentioned":false,"media_unread":false,
            "silent":false,"id":100,"from_id":"123456789","chat_id":"777","message":"hi",
            "pts":1000,"pts_count":1,"date":1700000000}"#,
    },
    Golden {
        name: "short_chat_message_all_flags",
        tl_type: "Updates",
        hex: "
            a5ee6d4d            -- updateShortChatMessage
            be280002            -- flags: out(1) | fwd_from(2) | reply_to(3) | mentioned(4)
                                --   | media_unread(5) | entities(7) | via_bot_id(11)
                                --   | silent(13) | ttl_period(25) = 0x020028be
            64000000            -- id 100
            15cd5b07 00000000   -- from_id 123456789
            09030000 00000000   -- chat_id 777
            02 6869 00          -- message \"hi\"
            e8030000            -- pts 1000
            01000000            -- pts_count 1
            00f15365            -- date 1700000000
            bbf44d4e            -- fwd_from: messageFwdHeader
            00000000            --   flags: none
            00105e5f            --   date 1600000000
            32790600 00000000   -- via_bot_id 424242
            66dd971b            -- reply_to: messageReplyHeader
            10000000            --   flags: reply_to_msg_id(4) = 0x00000010
            63000000            --   reply_to_msg_id 99
            15c4b51c 01000000   -- entities: Vector, 1 element
            c90b61bd            --   messageEntityBold
            00000000 02000000   --     offset 0, length 2
            80510100            -- ttl_period 86400
        ",
        json: r#"{"_":"updateShortChatMessage","out":true,"mentioned":true,"media_unread":true,
            "silent":true,"id":100,"from_id":"123456789","chat_id":"777","message":"hi",
            "pts":1000,"pts_count":1,"date":1700000000,
            "fwd_from":{"_":"messageFwdHeader","imported":false,"saved_out":false,"date":1600000000},
            "via_bot_id":"424242",
            "reply_to":{"_":"messageReplyHeader","reply_to_scheduled":false,"forum_topic":false,
                "quote":false,"reply_to_ephemeral":false,"reply_to_msg_id":99},
            "entities":[{"_":"messageEntityBold","offset":0,"length":2}],
            "ttl_period":86400}"#,
    },
    Golden {
        name: "short_chat_message_out_silent",
        tl_type: "Updates",
        hex: "
            a5ee6d4d            -- updateShortChatMessage
            02200000            -- flags: out(1) | silent(13) = 0x00002002
            64000000            -- id 100
            15cd5b07 00000000   -- from_id 123456789
            09030000 00000000   -- chat_id 777
            02 6869 00          -- message \"hi\"
            e8030000            -- pts 1000
            01000000            -- pts_count 1
            00f15365            -- date 1700000000
        ",
        json: r#"{"_":"updateShortChatMessage","out":true,"mentioned":false,"media_unread":false,
            "silent":true,"id":100,"from_id":"123456789","chat_id":"777","message":"hi",
            "pts":1000,"pts_count":1,"date":1700000000}"#,
    },
    Golden {
        name: "short_chat_message_mentioned_media_unread_fwd_from_name",
        tl_type: "Updates",
        hex: "
            a5ee6d4d            -- updateShortChatMessage
            34000000            -- flags: fwd_from(2) | mentioned(4) | media_unread(5) = 0x00000034
            64000000            -- id 100
            15cd5b07 00000000   -- from_id 123456789
            09030000 00000000   -- chat_id 777
            02 6869 00          -- message \"hi\"
            e8030000            -- pts 1000
            01000000            -- pts_count 1
            00f15365            -- date 1700000000
            bbf44d4e            -- fwd_from: messageFwdHeader
            20000000            --   flags: from_name(5) = 0x00000020
            03 426f62           --   from_name \"Bob\"; 1 + 3 = 4, no padding
            00105e5f            --   date 1600000000
        ",
        json: r#"{"_":"updateShortChatMessage","out":false,"mentioned":true,"media_unread":true,
            "silent":false,"id":100,"from_id":"123456789","chat_id":"777","message":"hi",
            "pts":1000,"pts_count":1,"date":1700000000,
            "fwd_from":{"_":"messageFwdHeader","imported":false,"saved_out":false,
                "from_name":"Bob","date":1600000000}}"#,
    },
    Golden {
        name: "short_chat_message_via_bot_reply_to_entities_ttl_period",
        tl_type: "Updates",
        hex: "
            a5ee6d4d            -- updateShortChatMessage
            88080002            -- flags: reply_to(3) | entities(7) | via_bot_id(11)
                                --   | ttl_period(25) = 0x8 + 0x80 + 0x800 + 0x02000000
                                --   = 0x02000888
            64000000            -- id 100
            15cd5b07 00000000   -- from_id 123456789
            09030000 00000000   -- chat_id 777
            02 6869 00          -- message \"hi\"
            e8030000            -- pts 1000
            01000000            -- pts_count 1
            00f15365            -- date 1700000000
            32790600 00000000   -- via_bot_id 424242
            66dd971b            -- reply_to: messageReplyHeader
            10000000            --   flags: reply_to_msg_id(4) = 0x00000010
            63000000            --   reply_to_msg_id 99
            15c4b51c 01000000   -- entities: Vector, 1 element
            c90b61bd            --   messageEntityBold
            00000000 02000000   --     offset 0, length 2
            80510100            -- ttl_period 86400
        ",
        json: r#"{"_":"updateShortChatMessage","out":false,"mentioned":false,"media_unread":false,
            "silent":false,"id":100,"from_id":"123456789","chat_id":"777","message":"hi",
            "pts":1000,"pts_count":1,"date":1700000000,"via_bot_id":"424242",
            "reply_to":{"_":"messageReplyHeader","reply_to_scheduled":false,"forum_topic":false,
                "quote":false,"reply_to_ephemeral":false,"reply_to_msg_id":99},
            "entities":[{"_":"messageEntityBold","offset":0,"length":2}],
            "ttl_period":86400}"#,
    },
    // updateShortSentMessage#9015e101 flags:# out:flags.1?true id:int pts:int pts_count:int
    // date:int media:flags.9?MessageMedia entities:flags.7?Vector<MessageEntity>
    // ttl_period:flags.25?int = Updates;
    Golden {
        name: "short_sent_message_no_flags",
        tl_type: "Updates",
        hex: "
            01e11590            -- updateShortSentMessage
            00000000            -- flags: none = 0x00000000
            64000000            -- id 100
            e8030000            -- pts 1000
            01000000            -- pts_count 1
            00f15365            -- date 1700000000
        ",
        json: r#"{"_":"updateShortSentMessage","out":false,"id":100,"pts":1000,"pts_count":1,
            "date":1700000000}"#,
    },
    Golden {
        name: "short_sent_message_all_flags",
        tl_type: "Updates",
        hex: "
            01e11590            -- updateShortSentMessage
            82020002            -- flags: out(1) | entities(7) | media(9) | ttl_period(25)
                                --   = 0x2 + 0x80 + 0x200 + 0x02000000 = 0x02000282
            64000000            -- id 100
            e8030000            -- pts 1000
            01000000            -- pts_count 1
            00f15365            -- date 1700000000
            2063ed3d            -- media: messageMediaEmpty#3ded6320
            15c4b51c 01000000   -- entities: Vector, 1 element
            c90b61bd            --   messageEntityBold
            00000000 02000000   --     offset 0, length 2
            80510100            -- ttl_period 86400
        ",
        json: r#"{"_":"updateShortSentMessage","out":true,"id":100,"pts":1000,"pts_count":1,
            "date":1700000000,"media":{"_":"messageMediaEmpty"},
            "entities":[{"_":"messageEntityBold","offset":0,"length":2}],"ttl_period":86400}"#,
    },
    Golden {
        name: "short_sent_message_only_out",
        tl_type: "Updates",
        hex: "
            01e11590            -- updateShortSentMessage
            02000000            -- flags: out(1) = 0x00000002
            64000000            -- id 100
            e8030000            -- pts 1000
            01000000            -- pts_count 1
            00f15365            -- date 1700000000
        ",
        json: r#"{"_":"updateShortSentMessage","out":true,"id":100,"pts":1000,"pts_count":1,
            "date":1700000000}"#,
    },
    Golden {
        name: "short_sent_message_only_media",
        tl_type: "Updates",
        hex: "
            01e11590            -- updateShortSentMessage
            00020000            -- flags: media(9) = 0x00000200
            64000000            -- id 100
            e8030000            -- pts 1000
            01000000            -- pts_count 1
            00f15365            -- date 1700000000
            2063ed3d            -- media: messageMediaEmpty#3ded6320
        ",
        json: r#"{"_":"updateShortSentMessage","out":false,"id":100,"pts":1000,"pts_count":1,
            "date":1700000000,"media":{"_":"messageMediaEmpty"}}"#,
    },
    Golden {
        name: "short_sent_message_only_entities",
        tl_type: "Updates",
        hex: "
            01e11590            -- updateShortSentMessage
            80000000            -- flags: entities(7) = 0x00000080
            64000000            -- id 100
            e8030000            -- pts 1000
            01000000            -- pts_count 1
            00f15365            -- date 1700000000
            15c4b51c 01000000   -- entities: Vector, 1 element
            c90b61bd            --   messageEntityBold
            00000000 02000000   --     offset 0, length 2
        ",
        json: r#"{"_":"updateShortSentMessage","out":false,"id":100,"pts":1000,"pts_count":1,
            "date":1700000000,"entities":[{"_":"messageEntityBold","offset":0,"length":2}]}"#,
    },
    Golden {
        name: "short_sent_message_only_ttl_period",
        tl_type: "Updates",
        hex: "
            01e11590            -- updateShortSentMessage
            00000002            -- flags: ttl_period(25) = 0x02000000
            64000000            -- id 100
            e8030000            -- pts 1000
            01000000            -- pts_count 1
            00f15365            -- date 1700000000
            80510100            -- ttl_period 86400
        ",
        json: r#"{"_":"updateShortSentMessage","out":false,"id":100,"pts":1000,"pts_count":1,
            "date":1700000000,"ttl_period":86400}"#,
    },
    // updateShort#78d4dec1 update:Update date:int = Updates;
    Golden {
        name: "short_delete_messages",
        tl_type: "Updates",
        hex: "
            c1ded478            -- updateShort
            e5b00da2            -- update: updateDeleteMessages#a20db0e5
            15c4b51c 02000000   --   messages: Vector<int>, 2 elements (bare ints)
            05000000 06000000   --     5, 6
            e9030000            --   pts 1001
            02000000            --   pts_count 2
            00f15365            -- date 1700000000
        ",
        json: r#"{"_":"updateShort",
            "update":{"_":"updateDeleteMessages","messages":[5,6],"pts":1001,"pts_count":2},
            "date":1700000000}"#,
    },
    // message#7600b9d3 flags:# out:flags.1?true ... flags2:# offline:flags2.1?true ... id:int
    // from_id:flags.8?Peer from_boosts_applied:flags.29?int from_rank:flags2.12?string
    // peer_id:Peer ... date:int message:string ... (every other field conditional).
    Golden {
        name: "short_new_message",
        tl_type: "Updates",
        hex: "
            c1ded478            -- updateShort
            fd0a2b1f            -- update: updateNewMessage#1f2b0afd
            d3b90076            --   message: message#7600b9d3
            02010000            --     flags: out(1) | from_id(8) = 0x00000102
            02000000            --     flags2: offline(1) = 0x00000002
            64000000            --     id 100
            22175159            --     from_id: peerUser#59511722
            15cd5b07 00000000   --       user_id 123456789
            9a01c636            --     peer_id: peerChat#36c6019a
            09030000 00000000   --       chat_id 777
            00f15365            --     date 1700000000
            02 6869 00          --     message \"hi\"
            e8030000            --   pts 1000
            01000000            --   pts_count 1
            00f15365            -- date 1700000000
        ",
        json: r#"{"_":"updateShort","update":{"_":"updateNewMessage",
            "message":{"_":"message","out":true,"mentioned":false,"media_unread":false,
                "silent":false,"post":false,"from_scheduled":false,"legacy":false,
                "edit_hide":false,"pinned":false,"noforwards":false,"invert_media":false,
                "offline":true,"video_processing_pending":false,
                "paid_suggested_post_stars":false,"paid_suggested_post_ton":false,
                "id":100,"from_id":{"_":"peerUser","user_id":"123456789"},
                "peer_id":{"_":"peerChat","chat_id":"777"},"date":1700000000,"message":"hi"},
            "pts":1000,"pts_count":1},
            "date":1700000000}"#,
    },
    // updatesCombined#725b04c3 updates:Vector<Update> users:Vector<User> chats:Vector<Chat>
    // date:int seq_start:int seq:int = Updates;
    //
    // user#b1b8cc83 flags:# (18 ?true fields on bits 10-29) flags2:# (12 ?true fields)
    // id:long access_hash:flags.0?long first_name:flags.1?string last_name:flags.2?string
    // username:flags.3?string ... (every other field conditional).
    Golden {
        name: "updates_combined",
        tl_type: "Updates",
        hex: "
            c3045b72            -- updatesCombined
            15c4b51c 02000000   -- updates: Vector, 2 elements
            fd0a2b1f            --   updateNewMessage
            84caa690            --     message: messageEmpty#90a6ca84
            01000000            --       flags: peer_id(0) = 0x00000001
            07000000            --       id 7
            9a01c636            --       peer_id: peerChat
            09030000 00000000   --         chat_id 777
            e8030000            --     pts 1000
            01000000            --     pts_count 1
            e5b00da2            --   updateDeleteMessages
            15c4b51c 01000000   --     messages: Vector<int>, 1 element
            07000000            --       7
            e9030000            --     pts 1001
            01000000            --     pts_count 1
            15c4b51c 02000000   -- users: Vector, 2 elements
            7a4bbcd3            --   userEmpty#d3bc4b7a
            2a000000 00000000   --     id 42
            83ccb8b1            --   user#b1b8cc83
            0b000010            --     flags: access_hash(0) | first_name(1) | username(3)
                                --       | premium(28) = 0x1 + 0x2 + 0x8 + 0x10000000
                                --       = 0x1000000b
            04000000            --     flags2: close_friend(2) = 0x00000004
            15cd5b07 00000000   --     id 123456789
            08070605 04030201   --     access_hash 0x0102030405060708
            05 416c696365 0000  --     first_name \"Alice\"; 1 + 5 = 6, 2 bytes of padding
            05 616c696365 0000  --     username \"alice\"; 2 bytes of padding
            15c4b51c 02000000   -- chats: Vector, 2 elements
            65285629            --   chatEmpty#29562865
            05000000 00000000   --     id 5
            a7a19265            --   chatForbidden#6592a1a7
            09030000 00000000   --     id 777
            03 4f6c64           --     title \"Old\"; 1 + 3 = 4, no padding
            00f15365            -- date 1700000000
            0a000000            -- seq_start 10
            0b000000            -- seq 11
        ",
        json: r#"{"_":"updatesCombined",
            "updates":[
                {"_":"updateNewMessage",
                    "message":{"_":"messageEmpty","id":7,"peer_id":{"_":"peerChat","chat_id":"777"}},
                    "pts":1000,"pts_count":1},
                {"_":"updateDeleteMessages","messages":[7],"pts":1001,"pts_count":1}],
            "users":[
                {"_":"userEmpty","id":"42"},
                {"_":"user","self":false,"contact":false,"mutual_contact":false,"deleted":false,
                    "bot":false,"bot_chat_history":false,"bot_nochats":false,"verified":false,
                    "restricted":false,"min":false,"bot_inline_geo":false,"support":false,
                    "scam":false,"apply_min_photo":false,"fake":false,"bot_attach_menu":false,
                    "premium":true,"attach_menu_enabled":false,
                    "bot_can_edit":false,"close_friend":true,"stories_hidden":false,
                    "stories_unavailable":false,"contact_require_premium":false,
                    "bot_business":false,"bot_has_main_app":false,"bot_forum_view":false,
                    "bot_forum_can_manage_topics":false,"bot_can_manage_bots":false,
                    "bot_guestchat":false,"bot_guard":false,
                    "id":"123456789","access_hash":"72623859790382856",
                    "first_name":"Alice","username":"alice"}],
            "chats":[
                {"_":"chatEmpty","id":"5"},
                {"_":"chatForbidden","id":"777","title":"Old"}],
            "date":1700000000,"seq_start":10,"seq":11}"#,
    },
    // updates#74ae4240 updates:Vector<Update> users:Vector<User> chats:Vector<Chat> date:int
    // seq:int = Updates;
    Golden {
        name: "updates_with_message_user_and_chat",
        tl_type: "Updates",
        hex: "
            4042ae74            -- updates
            15c4b51c 01000000   -- updates: Vector, 1 element
            fd0a2b1f            --   updateNewMessage
            d3b90076            --     message: message
            02010000            --       flags: out(1) | from_id(8) = 0x00000102
            02000000            --       flags2: offline(1) = 0x00000002
            64000000            --       id 100
            22175159            --       from_id: peerUser
            15cd5b07 00000000   --         user_id 123456789
            9a01c636            --       peer_id: peerChat
            09030000 00000000   --         chat_id 777
            00f15365            --       date 1700000000
            02 6869 00          --       message \"hi\"
            e8030000            --     pts 1000
            01000000            --     pts_count 1
            15c4b51c 01000000   -- users: Vector, 1 element
            83ccb8b1            --   user
            0b000010            --     flags: access_hash(0) | first_name(1) | username(3)
                                --       | premium(28) = 0x1000000b
            04000000            --     flags2: close_friend(2) = 0x00000004
            15cd5b07 00000000   --     id 123456789
            08070605 04030201   --     access_hash 0x0102030405060708
            05 416c696365 0000  --     first_name \"Alice\"
            05 616c696365 0000  --     username \"alice\"
            15c4b51c 01000000   -- chats: Vector, 1 element
            a7a19265            --   chatForbidden
            09030000 00000000   --     id 777
            03 4f6c64           --     title \"Old\"
            00f15365            -- date 1700000000
            0c000000            -- seq 12
        ",
        json: r#"{"_":"updates",
            "updates":[
                {"_":"updateNewMessage",
                    "message":{"_":"message","out":true,"mentioned":false,"media_unread":false,
                        "silent":false,"post":false,"from_scheduled":false,"legacy":false,
                        "edit_hide":false,"pinned":false,"noforwards":false,"invert_media":false,
                        "offline":true,"video_processing_pending":false,
                        "paid_suggested_post_stars":false,"paid_suggested_post_ton":false,
                        "id":100,"from_id":{"_":"peerUser","user_id":"123456789"},
                        "peer_id":{"_":"peerChat","chat_id":"777"},"date":1700000000,
                        "message":"hi"},
                    "pts":1000,"pts_count":1}],
            "users":[
                {"_":"user","self":false,"contact":false,"mutual_contact":false,"deleted":false,
                    "bot":false,"bot_chat_history":false,"bot_nochats":false,"verified":false,
                    "restricted":false,"min":false,"bot_inline_geo":false,"support":false,
                    "scam":false,"apply_min_photo":false,"fake":false,"bot_attach_menu":false,
                    "premium":true,"attach_menu_enabled":false,
                    "bot_can_edit":false,"close_friend":true,"stories_hidden":false,
                    "stories_unavailable":false,"contact_require_premium":false,
                    "bot_business":false,"bot_has_main_app":false,"bot_forum_view":false,
                    "bot_forum_can_manage_topics":false,"bot_can_manage_bots":false,
                    "bot_guestchat":false,"bot_guard":false,
                    "id":"123456789","access_hash":"72623859790382856",
                    "first_name":"Alice","username":"alice"}],
            "chats":[{"_":"chatForbidden","id":"777","title":"Old"}],
            "date":1700000000,"seq":12}"#,
    },
    Golden {
        name: "updates_empty",
        tl_type: "Updates",
        hex: "
            4042ae74            -- updates
            15c4b51c 00000000   -- updates: Vector, 0 elements
            15c4b51c 00000000   -- users: Vector, 0 elements
            15c4b51c 00000000   -- chats: Vector, 0 elements
            00f15365            -- date 1700000000
            00000000            -- seq 0
        ",
        json: r#"{"_":"updates","updates":[],"users":[],"chats":[],"date":1700000000,"seq":0}"#,
    },
];

/// `rpc_result#f35c6d01 req_msg_id:long result:Object` around each kind of reply to
/// `payments.refundStarsCharge`: plain `Updates`, gzip-packed ones
/// (`gzip_packed#3072cfa1 packed_data:bytes`), and the call's documented errors as
/// `rpc_error#2144ca19 error_code:int error_message:string`.
///
/// Every vector answers `req_msg_id` 0x6553f10000000004 = 7301444403200000004 (a message id:
/// unix time 1700000000 in the high word), written `04000000 00f15365`. Error code 400 =
/// 0x190 = `90010000`.
pub const RPC_RESULTS: &[RpcGolden] = &[
    RpcGolden {
        name: "rpc_updates_too_long",
        req_msg_id: 7301444403200000004,
        result_type: "Updates",
        hex: "
            016d5cf3            -- rpc_result
            04000000 00f15365   -- req_msg_id 0x6553f10000000004
            7eaf17e3            -- result: updatesTooLong
        ",
        packed: "",
        json: r#"{"_":"updatesTooLong"}"#,
    },
    RpcGolden {
        name: "rpc_update_short",
        req_msg_id: 7301444403200000004,
        result_type: "Updates",
        hex: "
            016d5cf3            -- rpc_result
            04000000 00f15365   -- req_msg_id 0x6553f10000000004
            c1ded478            -- result: updateShort
            e5b00da2            --   update: updateDeleteMessages
            15c4b51c 02000000   --     messages: Vector<int>, 2 elements
            05000000 06000000   --       5, 6
            e9030000            --     pts 1001
            02000000            --     pts_count 2
            00f15365            --   date 1700000000
        ",
        packed: "",
        json: r#"{"_":"updateShort",
            "update":{"_":"updateDeleteMessages","messages":[5,6],"pts":1001,"pts_count":2},
            "date":1700000000}"#,
    },
    RpcGolden {
        name: "rpc_gzip_packed_updates",
        req_msg_id: 7301444403200000004,
        result_type: "Updates",
        hex: "
            016d5cf3            -- rpc_result
            04000000 00f15365   -- req_msg_id 0x6553f10000000004
            a1cf7230            -- result: gzip_packed
            {gzip}              --   packed_data: bytes, the gzip of `packed` below
        ",
        packed: "
            01e11590            -- updateShortSentMessage
            82020002            -- flags: out(1) | entities(7) | media(9) | ttl_period(25)
                                --   = 0x02000282
            64000000            -- id 100
            e8030000            -- pts 1000
            01000000            -- pts_count 1
            00f15365            -- date 1700000000
            2063ed3d            -- media: messageMediaEmpty
            15c4b51c 01000000   -- entities: Vector, 1 element
            c90b61bd            --   messageEntityBold
            00000000 02000000   --     offset 0, length 2
            80510100            -- ttl_period 86400
        ",
        json: r#"{"_":"updateShortSentMessage","out":true,"id":100,"pts":1000,"pts_count":1,
            "date":1700000000,"media":{"_":"messageMediaEmpty"},
            "entities":[{"_":"messageEntityBold","offset":0,"length":2}],"ttl_period":86400}"#,
    },
    RpcGolden {
        name: "rpc_error_charge_already_refunded",
        req_msg_id: 7301444403200000004,
        result_type: "RpcError",
        hex: "
            016d5cf3            -- rpc_result
            04000000 00f15365   -- req_msg_id 0x6553f10000000004
            19ca4421            -- result: rpc_error
            90010000            --   error_code 400
            17                  --   error_message: length 23,
            4348415247455f      --     \"CHARGE_\"
            414c52454144595f    --     \"ALREADY_\"
            524546554e444544    --     \"REFUNDED\"; 1 + 23 = 24, no padding
        ",
        packed: "",
        json: r#"{"_":"rpc_error","error_code":400,"error_message":"CHARGE_ALREADY_REFUNDED"}"#,
    },
    RpcGolden {
        name: "rpc_error_user_bot_required",
        req_msg_id: 7301444403200000004,
        result_type: "RpcError",
        hex: "
            016d5cf3            -- rpc_result
            04000000 00f15365   -- req_msg_id 0x6553f10000000004
            19ca4421            -- result: rpc_error
            90010000            --   error_code 400
            11                  --   error_message: length 17,
            555345525f          --     \"USER_\"
            424f545f            --     \"BOT_\"
            5245515549524544    --     \"REQUIRED\"
            0000                --   1 + 17 = 18, 2 bytes of padding
        ",
        packed: "",
        json: r#"{"_":"rpc_error","error_code":400,"error_message":"USER_BOT_REQUIRED"}"#,
    },
    RpcGolden {
        name: "rpc_error_user_id_invalid",
        req_msg_id: 7301444403200000004,
        result_type: "RpcError",
        hex: "
            016d5cf3            -- rpc_result
            04000000 00f15365   -- req_msg_id 0x6553f10000000004
            19ca4421            -- result: rpc_error
            90010000            --   error_code 400
            0f                  --   error_message: length 15,
            555345525f          --     \"USER_\"
            49445f              --     \"ID_\"
            494e56414c4944      --     \"INVALID\"; 1 + 15 = 16, no padding
        ",
        packed: "",
        json: r#"{"_":"rpc_error","error_code":400,"error_message":"USER_ID_INVALID"}"#,
    },
    RpcGolden {
        name: "rpc_gzip_packed_error_user_id_invalid",
        req_msg_id: 7301444403200000004,
        result_type: "RpcError",
        hex: "
            016d5cf3            -- rpc_result
            04000000 00f15365   -- req_msg_id 0x6553f10000000004
            a1cf7230            -- result: gzip_packed
            {gzip}              --   packed_data: bytes, the gzip of `packed` below
        ",
        packed: "
            19ca4421            -- rpc_error
            90010000            --   error_code 400
            0f                  --   error_message: length 15,
            555345525f49445f494e56414c4944 -- \"USER_ID_INVALID\"; 1 + 15 = 16, no padding
        ",
        json: r#"{"_":"rpc_error","error_code":400,"error_message":"USER_ID_INVALID"}"#,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_drops_blanks_and_comments_and_expands_placeholders() {
        let g = Golden {
            name: "t",
            tl_type: "string",
            hex: "03 -- length 3, and 0123 in a comment is ignored\n {1*é} 61 -- é then a",
            json: r#"{"s":"{2*é}","o":{}}"#,
        };
        assert_eq!(g.bytes(), [0x03, 0xc3, 0xa9, 0x61]);
        assert_eq!(g.json_text(), r#"{"s":"éé","o":{}}"#);
    }

    #[test]
    fn gzip_placeholder_becomes_a_padded_bytes_field() {
        let g = RpcGolden {
            name: "t",
            req_msg_id: 0,
            result_type: "Updates",
            hex: "aa {gzip} bb",
            packed: "00",
            json: "",
        };
        assert_eq!(g.bytes_with_packed_data(&[1, 2]), [0xaa, 2, 1, 2, 0, 0xbb]);
        let long = vec![7; 300];
        let got = g.bytes_with_packed_data(&long);
        assert_eq!(&got[..5], &[0xaa, 0xfe, 0x2c, 0x01, 0x00]);
        assert_eq!(got.len(), 1 + 4 + 300 + 1);
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<&str> = all()
            .map(|g| g.name)
            .chain(RPC_RESULTS.iter().map(|g| g.name))
            .collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
    }

    #[test]
    #[should_panic(expected = "odd number of hex digits")]
    fn a_stray_digit_is_caught() {
        parse_hex("t", "abc", None);
    }
}
