//! Inputs shared by the `codec` and `allocs` benches.
//!
//! Every decode input is built as a `grammers-tl-types` value and encoded with grammers, so
//! both implementations decode exactly the same bytes. `check_same_encoding` then proves our
//! side agrees byte for byte (decode with ours, re-encode with ours, compare), which rules
//! out comparing a decoder that silently skips or misreads part of the input.

// Each bench binary includes this module but uses only part of it.
#![allow(dead_code)]

use grammers_tl_types as gt;
use gt::Serializable as _;
use tl_runtime::telegram::enums;
use tl_runtime::{Deserialize as _, Serialize as _};

/// A decode case: its name (the criterion group) and the encoded `Updates`.
pub struct Case {
    pub name: &'static str,
    pub bytes: Vec<u8>,
}

/// `text` padded (or cut) to exactly `len` ASCII characters, so sizes are predictable.
fn text(seed: &str, len: usize) -> String {
    seed.chars().cycle().take(len).collect()
}

fn g_message(id: i32, from: i64, peer: i64, text: String, bold: bool) -> gt::enums::Message {
    gt::enums::Message::Message(gt::types::Message {
        out: false,
        mentioned: false,
        media_unread: false,
        silent: false,
        post: false,
        from_scheduled: false,
        legacy: false,
        edit_hide: false,
        pinned: false,
        noforwards: false,
        invert_media: false,
        offline: false,
        video_processing_pending: false,
        paid_suggested_post_stars: false,
        paid_suggested_post_ton: false,
        id,
        from_id: Some(gt::enums::Peer::User(gt::types::PeerUser { user_id: from })),
        from_boosts_applied: None,
        from_rank: None,
        peer_id: gt::enums::Peer::User(gt::types::PeerUser { user_id: peer }),
        saved_peer_id: None,
        fwd_from: None,
        via_bot_id: None,
        via_business_bot_id: None,
        guestchat_via_from: None,
        reply_to: None,
        date: 1_750_000_000 + id,
        message: text,
        media: None,
        reply_markup: None,
        entities: bold.then(|| {
            vec![gt::enums::MessageEntity::Bold(
                gt::types::MessageEntityBold {
                    offset: 0,
                    length: 5,
                },
            )]
        }),
        views: None,
        forwards: None,
        replies: None,
        edit_date: None,
        post_author: None,
        grouped_id: None,
        reactions: None,
        restriction_reason: None,
        ttl_period: None,
        quick_reply_shortcut_id: None,
        effect: None,
        factcheck: None,
        report_delivery_until_date: None,
        paid_message_stars: None,
        suggested_post: None,
        schedule_repeat_period: None,
        summary_from_language: None,
        rich_message: None,
    })
}

fn g_user(id: i64) -> gt::enums::User {
    gt::enums::User::User(gt::types::User {
        is_self: false,
        contact: false,
        mutual_contact: false,
        deleted: false,
        bot: false,
        bot_chat_history: false,
        bot_nochats: false,
        verified: false,
        restricted: false,
        min: false,
        bot_inline_geo: false,
        support: false,
        scam: false,
        apply_min_photo: false,
        fake: false,
        bot_attach_menu: false,
        premium: false,
        attach_menu_enabled: false,
        bot_can_edit: false,
        close_friend: false,
        stories_hidden: false,
        stories_unavailable: false,
        contact_require_premium: false,
        bot_business: false,
        bot_has_main_app: false,
        bot_forum_view: false,
        bot_forum_can_manage_topics: false,
        bot_can_manage_bots: false,
        bot_guestchat: false,
        bot_guard: false,
        id,
        access_hash: Some(id.wrapping_mul(0x0005_DEEC_E66D)),
        first_name: Some(format!("User {id}")),
        last_name: None,
        username: Some(format!("user_{id}")),
        phone: None,
        photo: None,
        status: None,
        bot_info_version: None,
        restriction_reason: None,
        bot_inline_placeholder: None,
        lang_code: None,
        emoji_status: None,
        usernames: None,
        stories_max_id: None,
        color: None,
        profile_color: None,
        bot_active_users: None,
        bot_verification_icon: None,
        send_paid_messages_stars: None,
        linked_community_id: None,
    })
}

/// Case 2: `updatesTooLong`, the smallest `Updates` (constructor id only).
fn too_long() -> gt::enums::Updates {
    gt::enums::Updates::TooLong
}

/// Case 3: `updateShortMessage` with a 44-char text, two true flags, `via_bot_id`,
/// `ttl_period` and one `messageEntityBold` (112 bytes).
fn short_message() -> gt::enums::Updates {
    gt::enums::Updates::UpdateShortMessage(gt::types::UpdateShortMessage {
        out: true,
        mentioned: false,
        media_unread: false,
        silent: true,
        id: 4242,
        user_id: 777_000_123,
        message: text("Hello there, this is a short private message. ", 44),
        pts: 100_500,
        pts_count: 1,
        date: 1_750_000_000,
        fwd_from: None,
        via_bot_id: Some(93_372_553),
        reply_to: None,
        entities: Some(vec![gt::enums::MessageEntity::Bold(
            gt::types::MessageEntityBold {
                offset: 0,
                length: 5,
            },
        )]),
        ttl_period: Some(86_400),
    })
}

/// Case 4: `updateShort { updateNewMessage { message } }` (172 bytes).
fn short_new_message() -> gt::enums::Updates {
    gt::enums::Updates::UpdateShort(gt::types::UpdateShort {
        update: gt::enums::Update::NewMessage(gt::types::UpdateNewMessage {
            message: g_message(
                9001,
                777_000_123,
                777_000_456,
                text(
                    "A message delivered as updateShort with a bold entity. ",
                    85,
                ),
                true,
            ),
            pts: 100_501,
            pts_count: 1,
        }),
        date: 1_750_000_001,
    })
}

/// Case 5: `updates` with 50 `updateNewMessage` and 20 `user`s (about 8.5 KB).
fn big_updates() -> gt::enums::Updates {
    let updates = (0..50)
        .map(|i| {
            gt::enums::Update::NewMessage(gt::types::UpdateNewMessage {
                message: g_message(
                    10_000 + i,
                    1_000 + i64::from(i % 20),
                    1_000 + i64::from((i + 1) % 20),
                    text(&format!("Message {i} in a batch of fifty, padded. "), 89),
                    false,
                ),
                pts: 200_000 + i,
                pts_count: 1,
            })
        })
        .collect();
    gt::enums::Updates::Updates(gt::types::Updates {
        updates,
        users: (0..20).map(|i| g_user(1_000 + i)).collect(),
        chats: Vec::new(),
        date: 1_750_000_002,
        seq: 0,
    })
}

/// Decode cases 2-5, encoded by grammers and checked against our encoder.
pub fn decode_cases() -> Vec<Case> {
    [
        ("updates_too_long", too_long()),
        ("update_short_message", short_message()),
        ("update_short_new_message", short_new_message()),
        ("updates_50_messages_20_users", big_updates()),
    ]
    .into_iter()
    .map(|(name, value)| {
        let bytes = value.to_bytes();
        check_same_encoding(name, &bytes);
        Case { name, bytes }
    })
    .collect()
}

/// Panics unless both implementations decode `bytes` and re-encode it unchanged.
fn check_same_encoding(name: &str, bytes: &[u8]) {
    let ours = enums::Updates::from_bytes(bytes.to_vec())
        .unwrap_or_else(|e| panic!("{name}: ours fails to decode grammers' bytes: {e}"));
    assert_eq!(ours.to_bytes(), bytes, "{name}: our encoding differs");
    assert_eq!(ours.serialized_len(), bytes.len(), "{name}: serialized_len");
    let theirs = <gt::enums::Updates as gt::Deserializable>::from_bytes(bytes)
        .unwrap_or_else(|e| panic!("{name}: grammers fails to decode its own bytes: {e:?}"));
    assert_eq!(theirs.to_bytes(), bytes, "{name}: grammers round trip");
}

/// Case 1: `payments.refundStarsCharge`, built on both sides; asserts identical bytes.
pub fn refund_stars_charge() -> (
    tl_runtime::telegram::functions::payments::RefundStarsCharge,
    gt::functions::payments::RefundStarsCharge,
) {
    const USER_ID: i64 = 777_000_123;
    const ACCESS_HASH: i64 = -0x1234_5678_9abc_def0;
    const CHARGE_ID: &str = "stxAbCdEfGhIjKlMnOpQ"; // 20 chars, like a real charge id
    let ours = tl_runtime::telegram::functions::payments::RefundStarsCharge {
        user_id: enums::InputUser::InputUser(tl_runtime::telegram::types::InputUser {
            user_id: USER_ID,
            access_hash: ACCESS_HASH,
        }),
        charge_id: tl_runtime::ByteString::from_static(CHARGE_ID),
    };
    let theirs = gt::functions::payments::RefundStarsCharge {
        user_id: gt::enums::InputUser::User(gt::types::InputUser {
            user_id: USER_ID,
            access_hash: ACCESS_HASH,
        }),
        charge_id: CHARGE_ID.to_owned(),
    };
    assert_eq!(
        ours.to_bytes(),
        theirs.to_bytes(),
        "refundStarsCharge bytes"
    );
    (ours, theirs)
}
