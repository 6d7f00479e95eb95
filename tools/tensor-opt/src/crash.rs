//! Turning every way a tool can die into a report and exit code 70
//! (`EX_SOFTWARE`): a Rust panic, an LLVM fatal error, or a crash signal
//! inside MLIR or JIT-compiled code. No input may make a tool abort.

use std::ffi::{c_char, c_int, CStr};
use std::sync::OnceLock;

/// `EX_SOFTWARE` from sysexits.h: an internal error.
pub const EXIT_INTERNAL: i32 = 70;

/// The tool's name, and the message the signal handler writes (made before
/// any signal can arrive, so the handler only reads it).
static TOOL: OnceLock<&'static str> = OnceLock::new();
static CRASH_MESSAGE: OnceLock<Vec<u8>> = OnceLock::new();

extern "C" fn on_fatal_signal(_: c_int) {
    // Only async-signal-safe calls here: write(2) and _exit(2); the message was made at install.
    if let Some(message) = CRASH_MESSAGE.get() {
        // SAFETY: write(2) with a valid buffer is async-signal-safe.
        unsafe { libc::write(2, message.as_ptr().cast(), message.len()) };
    }
    // SAFETY: _exit(2) is async-signal-safe.
    unsafe { libc::_exit(EXIT_INTERNAL) };
}

unsafe extern "C" {
    fn LLVMInstallFatalErrorHandler(handler: extern "C" fn(*const c_char));
}

extern "C" fn on_llvm_fatal_error(reason: *const c_char) {
    // SAFETY: LLVM passes a NUL-terminated reason string.
    let reason = unsafe { CStr::from_ptr(reason) }.to_string_lossy();
    eprintln!("{}: internal error: LLVM fatal error: {reason}", TOOL.get().unwrap_or(&"tensor-opt"));
    // SAFETY: exiting without unwinding through LLVM's frames.
    unsafe { libc::_exit(EXIT_INTERNAL) };
}

/// Installs the handlers for `tool`; `what` says where a crash signal comes
/// from, e.g. "inside MLIR (fatal signal)".
pub fn install(tool: &'static str, what: &str) {
    let _ = TOOL.set(tool);
    let _ = CRASH_MESSAGE.set(
        format!("{tool}: internal error: crashed {what}; please report this with the input and command line\n")
            .into_bytes(),
    );
    for signal in [libc::SIGSEGV, libc::SIGBUS, libc::SIGILL, libc::SIGFPE, libc::SIGABRT] {
        // SAFETY: installing a handler that only calls async-signal-safe functions.
        unsafe { libc::signal(signal, on_fatal_signal as *const () as libc::sighandler_t) };
    }
    // SAFETY: the handler is a plain function valid for the program's life.
    unsafe { LLVMInstallFatalErrorHandler(on_llvm_fatal_error) };
    std::panic::set_hook(Box::new(move |info| {
        eprintln!("{tool}: internal error: {info}\nplease report this with the input and command line");
    }));
}
