//! What the runtime's integration tests share.

use std::sync::OnceLock;
use tl_runtime::dynamic::Registry;

/// The pinned Telegram schema (api.tl + mtproto.tl, fetched by the build), loaded once per
/// test binary.
pub fn telegram() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let dir = env!("TL_TELEGRAM_SCHEMA_DIR");
        let api = std::fs::read_to_string(format!("{dir}/api.tl")).unwrap();
        let mtproto = std::fs::read_to_string(format!("{dir}/mtproto.tl")).unwrap();
        Registry::from_sources(&[&api, &mtproto]).unwrap()
    })
}
