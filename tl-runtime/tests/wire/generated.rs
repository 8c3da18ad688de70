//! Hand-written code in the shape the generator will emit, beyond the crate-doc example:
//! a recursive type (depth guard), and a function with conditional fields (flags, RemoteCall).

use crate::common::hex;
use tl_runtime::bytes::BufMut;
use tl_runtime::fields::{self, Fields, Visitor};
use tl_runtime::{
    flags, ByteString, DecodeError, DecodeErrorKind, Deserialize, DeserializeBare, Identifiable,
    Reader, RemoteCall, Serialize, SerializeBare,
};

/// `textPlain#744694e0 text:string = RichText;`
#[derive(Debug, Clone, PartialEq)]
pub struct TextPlain {
    pub text: ByteString,
}

impl Identifiable for TextPlain {
    const CONSTRUCTOR_ID: u32 = 0x744694e0;
    const NAME: &'static str = "textPlain";
}

impl SerializeBare for TextPlain {
    fn serialized_bare_len(&self) -> usize {
        self.text.serialized_len()
    }
    fn serialize_bare<B: BufMut>(&self, buf: &mut B) {
        self.text.serialize(buf);
    }
}

impl DeserializeBare for TextPlain {
    const MIN_BARE_LEN: usize = 4;
    fn decode_bare(r: &mut Reader) -> Self {
        Self {
            text: ByteString::decode(r),
        }
    }
}

/// `textBold#6724abc4 text:RichText = RichText;`
#[derive(Debug, Clone, PartialEq)]
pub struct TextBold {
    pub text: RichText,
}

impl Identifiable for TextBold {
    const CONSTRUCTOR_ID: u32 = 0x6724abc4;
    const NAME: &'static str = "textBold";
}

impl SerializeBare for TextBold {
    fn serialized_bare_len(&self) -> usize {
        self.text.serialized_len()
    }
    fn serialize_bare<B: BufMut>(&self, buf: &mut B) {
        self.text.serialize(buf);
    }
}

impl DeserializeBare for TextBold {
    const MIN_BARE_LEN: usize = 4;
    fn decode_bare(r: &mut Reader) -> Self {
        Self {
            text: RichText::decode(r),
        }
    }
}

/// `RichText`: contains itself, so its `decode` runs inside `r.nest`; the recursive variant is
/// boxed to give the enum a size. The stand-in for an unknown id is `textPlain`, which does not
/// contain `RichText` again.
#[derive(Debug, Clone, PartialEq)]
pub enum RichText {
    Plain(TextPlain),
    Bold(Box<TextBold>),
}

impl Serialize for RichText {
    fn serialized_len(&self) -> usize {
        match self {
            Self::Plain(x) => x.serialized_len(),
            Self::Bold(x) => x.serialized_len(),
        }
    }
    fn serialize<B: BufMut>(&self, buf: &mut B) {
        match self {
            Self::Plain(x) => x.serialize(buf),
            Self::Bold(x) => x.serialize(buf),
        }
    }
}

impl Deserialize for RichText {
    fn decode(r: &mut Reader) -> Self {
        r.nest(|r| match r.take_constructor_id() {
            TextPlain::CONSTRUCTOR_ID => Self::Plain(TextPlain::decode_bare(r)),
            TextBold::CONSTRUCTOR_ID => Self::Bold(Box::new(TextBold::decode_bare(r))),
            id => {
                r.unknown(id, "RichText");
                Self::Plain(TextPlain::decode_bare(r))
            }
        })
    }
}

/// `messages.setBotPrecheckoutResults#9c2dd95 flags:# success:flags.1?true query_id:long
/// error:flags.0?string = Bool;`
///
/// `Debug` and the encoding both come from one walk over the fields, as generated.
#[derive(Clone, PartialEq)]
pub struct SetBotPrecheckoutResults {
    pub success: bool,
    pub query_id: i64,
    pub error: Option<ByteString>,
}

impl Identifiable for SetBotPrecheckoutResults {
    const CONSTRUCTOR_ID: u32 = 0x09c2dd95;
    const NAME: &'static str = "messages.setBotPrecheckoutResults";
}

// No `serialized_bare_len`: the default counts what `serialize_bare` writes, as for
// generated code (the test below checks it against the bytes).
impl Fields for SetBotPrecheckoutResults {
    fn walk<'a, V: Visitor<'a>>(&'a self, v: &mut V) {
        v.flags(flags::bit(self.error.is_some(), 0) | flags::bit(self.success, 1));
        v.flag("success", self.success);
        v.field("query_id", &self.query_id);
        v.optional("error", &self.error);
    }
}

impl std::fmt::Debug for SetBotPrecheckoutResults {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        fields::debug(self, f, "SetBotPrecheckoutResults")
    }
}

impl DeserializeBare for SetBotPrecheckoutResults {
    const MIN_BARE_LEN: usize = 12;
    fn decode_bare(r: &mut Reader) -> Self {
        let flags = r.take_u32();
        Self {
            success: flags::has(flags, 1),
            query_id: i64::decode(r),
            error: flags::decode_if(r, flags, 0),
        }
    }
}

impl RemoteCall for SetBotPrecheckoutResults {
    type Return = bool;
}

fn bold(depth: usize) -> RichText {
    let mut text = RichText::Plain(TextPlain { text: "x".into() });
    for _ in 0..depth {
        text = RichText::Bold(Box::new(TextBold { text }));
    }
    text
}

#[test]
fn recursive_type_round_trips() {
    let expected = hex(
        "c4 ab 24 67 | e0 94 46 74 | 01 78 00 00", // textBold { textPlain { "x" } }
    );
    assert_eq!(bold(1).to_bytes(), expected);
    assert_eq!(RichText::from_slice(&expected), Ok(bold(1)));
}

#[test]
fn recursion_up_to_the_limit_decodes() {
    // 63 textBold + 1 textPlain = 64 nested RichText values, the default limit.
    assert_eq!(RichText::from_slice(&bold(63).to_bytes()), Ok(bold(63)));
}

#[test]
fn recursion_past_the_limit_is_an_error_not_a_stack_overflow() {
    let err = RichText::from_slice(&bold(64).to_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "at byte 256: values nested deeper than the limit of 64"
    );

    // A million textBold ids: decoding stops at the limit.
    let hostile = [0xc4, 0xab, 0x24, 0x67].repeat(1_000_000);
    let err = RichText::from_slice(&hostile).unwrap_err();
    assert_eq!(err.kind, DecodeErrorKind::TooDeep { limit: 64 });

    let mut r = Reader::new(bold(3).to_bytes()).with_max_depth(3);
    assert_eq!(
        RichText::deserialize(&mut r).unwrap_err().kind,
        DecodeErrorKind::TooDeep { limit: 3 }
    );
}

#[test]
fn unknown_constructor_inside_recursion_names_the_type() {
    let input = hex("c4 ab 24 67 | ef be ad de");
    assert_eq!(
        RichText::from_slice(&input).unwrap_err().to_string(),
        "at byte 4: unknown constructor id 0xdeadbeef while reading RichText"
    );
}

#[test]
fn function_with_flags_writes_the_computed_flags_word() {
    let call = SetBotPrecheckoutResults {
        success: true,
        query_id: 5,
        error: Some("no".into()),
    };
    let expected = hex("95 dd c2 09 \
         | 03 00 00 00 \
         | 05 00 00 00 00 00 00 00 \
         | 02 6e 6f 00"); // id | flags: bit 0 (error) + bit 1 (success) | query_id | error "no"
    assert_eq!(call.serialized_len(), expected.len());
    assert_eq!(call.to_bytes(), expected);
    assert_eq!(
        format!("{call:?}"),
        r#"SetBotPrecheckoutResults { success: true, query_id: 5, error: Some("no") }"#
    );
    assert_eq!(SetBotPrecheckoutResults::from_slice(&expected), Ok(call));
}

#[test]
fn absent_conditional_fields_take_no_bytes() {
    let call = SetBotPrecheckoutResults {
        success: false,
        query_id: -1,
        error: None,
    };
    let expected = hex("95 dd c2 09 | 00 00 00 00 | ff ff ff ff ff ff ff ff");
    assert_eq!(call.to_bytes(), expected);
    assert_eq!(SetBotPrecheckoutResults::from_slice(&expected), Ok(call));
}

#[test]
fn remote_call_return_type_decodes_the_answer() {
    fn answer<F: RemoteCall>(_: &F, bytes: &[u8]) -> Result<F::Return, DecodeError> {
        F::Return::from_slice(bytes)
    }
    let call = SetBotPrecheckoutResults {
        success: true,
        query_id: 1,
        error: None,
    };
    assert_eq!(answer(&call, &hex("b5 75 72 99")), Ok(true));
}

#[test]
fn boxed_constructor_with_wrong_id_names_the_constructor() {
    assert_eq!(
        TextPlain::from_slice(&hex("c4 ab 24 67 | 00 00 00 00"))
            .unwrap_err()
            .to_string(),
        "at byte 0: unknown constructor id 0x6724abc4 while reading textPlain"
    );
}
