//! Parser for Telegram's Type Language (TL).
