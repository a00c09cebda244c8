//! The `tandem` binary: parse the command line, run, map the result to an exit code.

// The command line must not panic on user data either (see lib.rs).
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

mod cli;

fn main() {
    std::process::exit(cli::main());
}
