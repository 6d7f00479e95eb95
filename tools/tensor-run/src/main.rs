//! `tensor-run INPUT.mlir [--entry NAME] [--input FILE.npy]... [-o FILE.npy]...
//! [--random-inputs SEED] [--print] [--bench ITERS] [--json] [--pipeline STR] [--reference]`
//!
//! No input may make it panic or abort: a Rust panic, an LLVM fatal error or
//! a crash signal (inside MLIR or the compiled code) is reported as an
//! internal error, exit code 70.

use clap::Parser;
use std::process::ExitCode;
use tool_support::crash;
use tensor_run::cli::Options;
use tensor_run::run;

fn main() -> ExitCode {
    // Before any thread exists: it chooses the arena every thread will use.
    tg_runtime::jit::retain_freed_memory();
    crash::install("tensor-run", "(fatal signal in MLIR or the compiled code)");
    let options = match Options::try_parse() {
        Ok(options) => options,
        Err(error) if !error.use_stderr() => {
            // --help, --version.
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            // One line, like every other error: clap's first, without its prefix.
            // clap continues some messages on indented lines (the missing
            // arguments): those join the first line.
            let rendered = error.render().to_string();
            let mut lines = rendered.lines();
            let first = lines.next().unwrap_or("bad command line");
            let mut message = first.strip_prefix("error: ").unwrap_or(first).trim_end().to_string();
            for line in lines.take_while(|l| l.starts_with(' ') && !l.trim().is_empty()) {
                message.push(' ');
                message.push_str(line.trim());
            }
            eprintln!("tensor-run: error: {message} (see tensor-run --help)");
            return ExitCode::from(run::EXIT_USAGE as u8);
        }
    };
    crash::exit_on_large_stack(|| run::run(&options))
}
