//! The first user story end to end: a bot refunds a Telegram Stars payment.
//!
//! 1. checks the shipped `schema/` against Telegram's full schema (LAYER 230, fetched and
//!    verified by the build);
//! 2. builds `payments.refundStarsCharge` with the generated API and prints its bytes;
//! 3. reads three replies a server could send back, each an `rpc_result`: an `updateShort`,
//!    an `updates` and an `updatesTooLong`, plus the `rpc_error` for a charge refunded twice.
//!
//! Run it with `cargo run -p tl-runtime --example refund`.

use tl_parser::validate::Options;
use tl_runtime::telegram::{enums, functions, types};
use tl_runtime::{rpc, Serialize};

fn main() {
    check_schema();

    let call = functions::payments::RefundStarsCharge {
        user_id: enums::InputUser::InputUser(types::InputUser {
            user_id: 1_234_567_890,
            access_hash: -5_000_000_000_000_000_042,
        }),
        charge_id: "stxC0ffee42".into(),
    };
    let bytes = call.to_bytes();
    println!("\n2. payments.refundStarsCharge, {} bytes:", bytes.len());
    println!("   {}", hex(&bytes));

    println!("\n3. replies:");
    for (what, reply) in [
        (
            "updateShort",
            // rpc_result#f35c6d01 req_msg_id; updateShort#78d4dec1 update:
            // updateDeleteMessages#a20db0e5 messages:[5, 6] pts:100 pts_count:2; date
            "016d5cf3 0807060504030201 c1ded478 e5b00da2 15c4b51c 02000000 05000000 06000000 \
             64000000 02000000 00f15365",
        ),
        (
            "updates",
            // updates#74ae4240 updates:[updateDeleteMessages [7] pts:101 pts_count:1]
            // users:[userEmpty#d3bc4b7a id:42] chats:[chatEmpty#29562865 id:7] date seq:1
            "016d5cf3 0907060504030201 4042ae74 15c4b51c 01000000 e5b00da2 15c4b51c 01000000 \
             07000000 65000000 01000000 15c4b51c 01000000 7a4bbcd3 2a00000000000000 \
             15c4b51c 01000000 65285629 0700000000000000 00f15365 01000000",
        ),
        ("updatesTooLong", "016d5cf3 0a07060504030201 7eaf17e3"),
        (
            "rpc_error",
            // rpc_error#2144ca19 error_code:400 error_message:"CHARGE_ALREADY_REFUNDED"
            "016d5cf3 0b07060504030201 19ca4421 90010000 17 4348415247455f414c52454144595f524546554e444544",
        ),
    ] {
        let reply = rpc::read_rpc_result::<enums::Updates>(unhex(reply))
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        match reply.result {
            Ok(updates) => println!("   {what} (to msg {:#x}): {updates:?}", reply.req_msg_id),
            Err(e) => println!(
                "   {what} (to msg {:#x}): code {}, name {}",
                reply.req_msg_id, e.code, e.name
            ),
        }
    }
}

/// `schema/` with the full schema: every declaration must be Telegram's own.
fn check_schema() {
    let dir = env!("TL_TELEGRAM_SCHEMA_DIR");
    let seed_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/refund.tl");
    let seed = std::fs::read_to_string(seed_path).expect("schema/refund.tl");
    let api = std::fs::read_to_string(format!("{dir}/api.tl")).expect("the pinned api.tl");
    let mt = std::fs::read_to_string(format!("{dir}/mtproto.tl")).expect("the pinned mtproto.tl");
    let (parsed, diags) = tl_parser::check_named(
        &[
            ("schema/refund.tl", &seed),
            ("api.tl", &api),
            ("mtproto.tl", &mt),
        ],
        Options::default(),
    );
    let errors = diags.iter().flatten().filter(|d| d.is_error()).count();
    let seed_diags = diags[0].len();
    println!(
        "1. schema/refund.tl checked with Telegram's LAYER {}: {} declarations, {} diagnostics \
         on them, {errors} errors in all",
        parsed[1].schema.layer.unwrap_or(0),
        parsed[0].schema.declarations.len(),
        seed_diags,
    );
    assert_eq!(errors, 0);
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .chunks(4)
        .map(|c| c.iter().map(|b| format!("{b:02x}")).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

fn unhex(text: &str) -> Vec<u8> {
    let digits: Vec<u8> = text.bytes().filter(u8::is_ascii_hexdigit).collect();
    digits
        .chunks(2)
        .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
        .collect()
}
