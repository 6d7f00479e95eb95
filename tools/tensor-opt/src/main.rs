//! `tensor-opt`: parse, verify, transform and print MLIR, like `mlir-opt`.
//!
//! No input may make it panic or abort: a Rust panic, an LLVM fatal error or
//! a crash signal inside MLIR is reported as an internal error, exit code 70.

use std::process::ExitCode;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use tensor_opt::{cli, driver, unknown_argument};
use tool_support::crash;

fn main() -> ExitCode {
    crash::install("tensor-opt", "inside MLIR (fatal signal)");
    let typed: Vec<String> = std::env::args().collect();
    let command = cli::command();
    let matches = match command.clone().try_get_matches_from(cli::normalize_args(typed.clone())) {
        Ok(matches) => matches,
        Err(error) => {
            let unknown = match (error.kind(), error.get(ContextKind::InvalidArg)) {
                (ErrorKind::UnknownArgument, Some(ContextValue::String(arg))) => {
                    let known = command.get_arguments().filter_map(|a| a.get_long()).chain(["help", "version", "o"]);
                    unknown_argument::llvm_message(&typed, arg, known)
                }
                _ => None,
            };
            match unknown {
                Some(message) => eprint!("{message}"),
                None => {
                    let _ = error.print();
                }
            }
            // As in mlir-opt, a bad command line is a failure like any other (exit 1).
            return ExitCode::from(if error.use_stderr() { driver::EXIT_FAILURE as u8 } else { 0 });
        }
    };
    let options = cli::options(&matches);
    crash::exit_on_large_stack(|| driver::run(&options))
}
