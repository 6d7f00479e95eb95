//! `tensor-opt`: parse, verify, transform and print MLIR, like `mlir-opt`.
//!
//! No input may make it panic or abort: a Rust panic, an LLVM fatal error or
//! a crash signal inside MLIR is reported as an internal error, exit code 70.

use std::ffi::{c_char, c_int, CStr};
use std::process::ExitCode;
use tensor_opt::{cli, driver};

/// `EX_SOFTWARE` from sysexits.h: an internal error.
const EXIT_INTERNAL: i32 = 70;

const CRASH_MESSAGE: &[u8] =
    b"tensor-opt: internal error: crashed inside MLIR (fatal signal); please report this with the input and command line\n";

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
    eprintln!("tensor-opt: internal error: LLVM fatal error: {reason}");
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
        eprintln!("tensor-opt: internal error: {info}\nplease report this with the input and command line");
    }));
    let args = cli::normalize_args(std::env::args());
    let matches = match cli::command().try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { driver::EXIT_USAGE as u8 } else { 0 });
        }
    };
    let options = cli::options(&matches);
    match std::panic::catch_unwind(|| driver::run(&options)) {
        Ok(code) => ExitCode::from(code as u8),
        Err(_) => ExitCode::from(EXIT_INTERNAL as u8),
    }
}
