//! `tensor-opt`: parse, verify, transform and print MLIR, like `mlir-opt`.
//!
//! No input may make it panic or abort: a Rust panic, an LLVM fatal error or
//! a crash signal inside MLIR is reported as an internal error, exit code 70.

use std::process::ExitCode;
use tensor_opt::crash;
use tensor_opt::{cli, driver};

fn main() -> ExitCode {
    crash::install("tensor-opt", "inside MLIR (fatal signal)");
    let args = cli::normalize_args(std::env::args());
    let matches = match cli::command().try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(error) => {
            let _ = error.print();
            // As in mlir-opt, a bad command line is a failure like any other (exit 1).
            return ExitCode::from(if error.use_stderr() { driver::EXIT_FAILURE as u8 } else { 0 });
        }
    };
    let options = cli::options(&matches);
    crash::exit_on_large_stack(|| driver::run(&options))
}
