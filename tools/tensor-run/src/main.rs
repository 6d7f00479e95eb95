//! `tensor-run INPUT.mlir [--entry NAME] [--input FILE.npy]... [-o FILE.npy]...
//! [--random-inputs SEED] [--print] [--bench ITERS] [--json] [--pipeline STR] [--reference]`
//!
//! No input may make it panic or abort: a Rust panic, an LLVM fatal error or
//! a crash signal (inside MLIR or the compiled code) is reported as an
//! internal error, exit code 70.

use clap::Parser;
use std::ffi::{c_char, c_int, CStr};
use std::process::ExitCode;
use tensor_run::cli::Options;
use tensor_run::run;

/// `EX_SOFTWARE` from sysexits.h: an internal error.
const EXIT_INTERNAL: i32 = 70;

const CRASH_MESSAGE: &[u8] =
    b"tensor-run: internal error: crashed (fatal signal in MLIR or the compiled code); please report this with the input and command line\n";

extern "C" fn on_fatal_signal(_: c_int) {
    // Only async-signal-safe calls here: write(2) and _exit(2).
    // SAFETY: both are async-signal-safe and take valid arguments.
    unsafe {
        libc::write(2, CRASH_MESSAGE.as_ptr().cast(), CRASH_MESSAGE.len());
        libc::_exit(EXIT_INTERNAL);
    }
}

unsafe extern "C" {
    fn LLVMInstallFatalErrorHandler(handler: extern "C" fn(*const c_char));
}

extern "C" fn on_llvm_fatal_error(reason: *const c_char) {
    // SAFETY: LLVM passes a NUL-terminated reason string.
    let reason = unsafe { CStr::from_ptr(reason) }.to_string_lossy();
    eprintln!("tensor-run: internal error: LLVM fatal error: {reason}");
    // SAFETY: exiting without unwinding through LLVM's frames.
    unsafe { libc::_exit(EXIT_INTERNAL) };
}

fn install_crash_handlers() {
    for signal in [libc::SIGSEGV, libc::SIGBUS, libc::SIGILL, libc::SIGFPE, libc::SIGABRT] {
        // SAFETY: installing a handler that only calls async-signal-safe functions.
        unsafe { libc::signal(signal, on_fatal_signal as *const () as libc::sighandler_t) };
    }
    // SAFETY: the handler is a plain function valid for the program's life.
    unsafe { LLVMInstallFatalErrorHandler(on_llvm_fatal_error) };
}

fn main() -> ExitCode {
    install_crash_handlers();
    std::panic::set_hook(Box::new(|info| {
        eprintln!("tensor-run: internal error: {info}\nplease report this with the input and command line");
    }));
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
    match std::panic::catch_unwind(|| run::run(&options)) {
        Ok(code) => ExitCode::from(code as u8),
        Err(_) => ExitCode::from(EXIT_INTERNAL as u8),
    }
}
