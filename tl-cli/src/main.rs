//! The `tl` command-line tool.

fn main() {}
