//! `tl decode` and `tl encode`: the schema-driven codec on the command line.

use crate::files::{named_sources, read_schema_files};
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use tl_parser::validate::Options;
use tl_runtime::dynamic::serde_json::{self, json, Value as Json};
use tl_runtime::dynamic::{Registry, Value};
use tl_runtime::rpc::{self, RPC_ERROR_ID, RPC_RESULT_ID};
use tl_runtime::Reader;

/// The schema options shared by `decode` and `encode`.
#[derive(clap::Args, Debug)]
pub struct SchemaArgs {
    /// Schema files or directories (all `.tl` files below); repeat for several. Definitions
    /// repeated identically across files are merged; conflicting ones are an error.
    #[arg(long, required = true, value_name = "FILE|DIR")]
    schema: Vec<PathBuf>,
    /// The type to read or write: a boxed type, a constructor (bare) or a function (request).
    #[arg(long = "type", value_name = "TYPE")]
    ty: String,
}

/// Arguments of `tl decode`.
#[derive(clap::Args, Debug)]
pub struct DecodeArgs {
    #[command(flatten)]
    schema: SchemaArgs,
    /// The bytes as hex (blanks allowed); without it, raw bytes are read from standard input.
    #[arg(long)]
    hex: Option<String>,
    /// The bytes are an `rpc_result` answering a call of TYPE (or returning TYPE).
    #[arg(long)]
    reply: bool,
}

/// Arguments of `tl encode`.
#[derive(clap::Args, Debug)]
pub struct EncodeArgs {
    #[command(flatten)]
    schema: SchemaArgs,
    /// Write raw bytes instead of hex.
    #[arg(long)]
    raw: bool,
}

/// Reads and checks the schema files, refusing them when they have errors (the message shows
/// each, with its location), and builds the codec over them.
fn load(paths: &[PathBuf]) -> Result<Registry, String> {
    let files = read_schema_files(paths)?;
    let sources = named_sources(&files);
    let (parsed, diags) = tl_parser::check_named(&sources, Options::default());
    let mut errors = String::new();
    for ((name, text), ds) in sources.iter().zip(&diags) {
        for d in ds.iter().filter(|d| d.is_error()) {
            errors.push_str(&d.render(name, text));
        }
    }
    if !errors.is_empty() {
        return Err(format!("the schema has errors:\n{errors}"));
    }
    let schemas: Vec<_> = parsed.iter().map(|p| &p.schema).collect();
    Registry::from_schemas(&schemas).map_err(|e| e.to_string())
}

/// Decodes hex, ignoring blanks; says where a bad digit is.
fn parse_hex(text: &str) -> Result<Vec<u8>, String> {
    let digits: Vec<(usize, char)> = text
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .collect();
    if let Some((at, c)) = digits.iter().find(|(_, c)| !c.is_ascii_hexdigit()) {
        return Err(format!(
            "invalid hex: `{c}` at character {} is not a hex digit",
            text[..*at].chars().count() + 1
        ));
    }
    if digits.len() % 2 == 1 {
        return Err(format!(
            "invalid hex: {} digits, an odd number (every byte is two digits)",
            digits.len()
        ));
    }
    Ok(digits
        .chunks(2)
        .map(|p| {
            let hi = p[0].1.to_digit(16).unwrap_or(0);
            let lo = p[1].1.to_digit(16).unwrap_or(0);
            (hi * 16 + lo) as u8
        })
        .collect())
}

fn read_stdin() -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    std::io::stdin()
        .read_to_end(&mut buf)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    Ok(buf)
}

/// `tl decode`.
pub fn decode(args: &DecodeArgs) -> Result<ExitCode, String> {
    let registry = load(&args.schema.schema)?;
    let bytes = match &args.hex {
        Some(h) => parse_hex(h)?,
        None => read_stdin()?,
    };
    let json = if args.reply {
        decode_reply(&registry, &args.schema.ty, bytes)?
    } else {
        let ty = registry
            .resolve(&args.schema.ty)
            .map_err(|e| e.to_string())?;
        ty.decode(bytes)
            .map_err(|e| format!("cannot decode {}: {e}", args.schema.ty))?
            .to_json()
    };
    let text = serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?;
    crate::emit(&(text + "\n"));
    Ok(ExitCode::SUCCESS)
}

/// An `rpc_result` whose body is `ty`'s result (for a function) or `ty`, an `rpc_error`, or a
/// `gzip_packed` holding either.
fn decode_reply(registry: &Registry, ty: &str, bytes: Vec<u8>) -> Result<Json, String> {
    let expected = registry.result_of(ty).unwrap_or(ty).to_string();
    let body_type = registry.resolve(&expected).map_err(|e| e.to_string())?;
    let fail = |e: tl_runtime::DecodeError| format!("cannot decode the reply: {e}");
    let mut r = Reader::new(bytes).with_max_depth(registry.max_depth());
    let id = r.read_constructor_id().map_err(fail)?;
    if id != RPC_RESULT_ID {
        return Err(fail(r.unknown_constructor(id, "rpc_result")));
    }
    let req_msg_id = i64::from_le_bytes(r.read_array::<8>().map_err(fail)?);
    let mut inner;
    let mut packed = false;
    let body = if r.peek_u32().map_err(fail)? == rpc::GZIP_PACKED_ID {
        r.read_constructor_id().map_err(fail)?;
        let data = rpc::read_gzip_body(&mut r, rpc::DEFAULT_MAX_INFLATED).map_err(fail)?;
        r.finish().map_err(fail)?;
        packed = true;
        inner = Reader::new(data).with_max_depth(registry.max_depth());
        &mut inner
    } else {
        &mut r
    };
    let result = if body.peek_u32().map_err(fail)? == RPC_ERROR_ID {
        body.read_constructor_id().map_err(fail)?;
        let code = i32::from_le_bytes(body.read_array::<4>().map_err(fail)?);
        let message = rpc::read_string(body).map_err(fail)?;
        let e = rpc::RpcError::new(code, message);
        json!({
            "_": "rpc_error",
            "error_code": e.code,
            "error_message": e.message,
            "name": e.name,
            "value": e.value,
        })
    } else {
        body_type.decode_from(body).map_err(fail)?.to_json()
    };
    body.finish().map_err(|e| {
        if packed {
            format!("cannot decode the reply: inside gzip_packed: {e}")
        } else {
            fail(e)
        }
    })?;
    Ok(json!({ "_": "rpc_result", "req_msg_id": req_msg_id.to_string(), "result": result }))
}

/// `tl encode`.
pub fn encode(args: &EncodeArgs) -> Result<ExitCode, String> {
    let registry = load(&args.schema.schema)?;
    let input = read_stdin()?;
    let json: Json = serde_json::from_slice(&input)
        .map_err(|e| format!("invalid JSON on standard input: {e}"))?;
    let value: Value = registry
        .value_from_json(&args.schema.ty, &json)
        .map_err(|e| e.to_string())?;
    let bytes = registry
        .encode(&args.schema.ty, &value)
        .map_err(|e| e.to_string())?;
    if args.raw {
        crate::emit_bytes(&bytes);
    } else {
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        crate::emit(&(hex + "\n"));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_with_blanks_and_errors() {
        assert_eq!(parse_hex("0a ff\n10"), Ok(vec![0x0a, 0xff, 0x10]));
        assert_eq!(
            parse_hex("0a f"),
            Err("invalid hex: 3 digits, an odd number (every byte is two digits)".into())
        );
        assert_eq!(
            parse_hex("0a zz"),
            Err("invalid hex: `z` at character 4 is not a hex digit".into())
        );
    }
}
