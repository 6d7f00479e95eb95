//! Turning every way a tool can die into a report and exit code 70
//! (`EX_SOFTWARE`): a Rust panic, an LLVM fatal error, or a crash signal
//! inside MLIR or JIT-compiled code, a stack overflow included. No input may
//! make a tool abort, and no crash may lose output already made.

use std::ffi::{c_char, c_int, CStr};
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};
use std::sync::OnceLock;

/// `EX_SOFTWARE` from sysexits.h: an internal error.
pub const EXIT_INTERNAL: i32 = crate::exit::INTERNAL;

/// The stack the tools' work runs on: MLIR's parser, printer and verifier
/// recurse once per level of nesting, and inputs nest thousands deep.
/// Only the pages used are ever committed. `RUST_MIN_STACK`, Rust's own
/// setting for thread stacks, overrides it (tests overflow a small one).
const WORK_STACK_SIZE: usize = 1 << 30;

/// Room for the signal handler when the thread's own stack is exhausted.
const SIGNAL_STACK_SIZE: usize = 64 * 1024;

/// The tool's name, and the message the signal handler writes (made before
/// any signal can arrive, so the handler only reads it).
static TOOL: OnceLock<&'static str> = OnceLock::new();
static CRASH_MESSAGE: OnceLock<Vec<u8>> = OnceLock::new();

/// Output finished before a crash, written to stdout by the crash handlers
/// (see [`set_pending_stdout`]): a pointer and a length, null when none.
static PENDING: AtomicPtr<u8> = AtomicPtr::new(std::ptr::null_mut());
static PENDING_LEN: AtomicUsize = AtomicUsize::new(0);

/// Registers `bytes` as stdout output to write if the process crashes
/// before writing it itself; `None` when there is none (or it was written).
/// The bytes must stay where they are until the next call: a crash handler
/// may read them at any time.
pub fn set_pending_stdout(bytes: Option<&[u8]>) {
    PENDING.store(std::ptr::null_mut(), Ordering::SeqCst);
    if let Some(bytes) = bytes {
        PENDING_LEN.store(bytes.len(), Ordering::SeqCst);
        PENDING.store(bytes.as_ptr().cast_mut(), Ordering::SeqCst);
    }
}

/// Writes the pending output, once; async-signal-safe (atomics and write(2)).
fn flush_pending_stdout() {
    let data = PENDING.swap(std::ptr::null_mut(), Ordering::SeqCst);
    if data.is_null() {
        return;
    }
    let (mut data, mut len) = (data.cast_const(), PENDING_LEN.load(Ordering::SeqCst));
    while len > 0 {
        // SAFETY: `set_pending_stdout`'s caller keeps the `len` bytes at `data` alive (len is
        // stored before the pointer; a crash racing a re-registration on another thread can mismatch).
        let written = unsafe { libc::write(1, data.cast(), len) };
        if written <= 0 {
            break;
        }
        // SAFETY: `written` bytes of the buffer were consumed, so this stays inside it.
        data = unsafe { data.add(written as usize) };
        len -= written as usize;
    }
}

extern "C" fn on_fatal_signal(_: c_int) {
    // Only async-signal-safe calls here: write(2) and _exit(2); the message was made at install.
    flush_pending_stdout();
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
    flush_pending_stdout();
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
    // SAFETY: an all-zero sigaction is a valid value to fill in.
    let mut action: libc::sigaction = unsafe { std::mem::zeroed() };
    action.sa_sigaction = on_fatal_signal as *const () as libc::sighandler_t;
    // On the alternate stack (see `on_large_stack`): a stack overflow leaves no room on the thread's own.
    action.sa_flags = libc::SA_ONSTACK;
    for signal in [libc::SIGSEGV, libc::SIGBUS, libc::SIGILL, libc::SIGFPE, libc::SIGABRT] {
        // SAFETY: installing a handler that only calls async-signal-safe functions.
        unsafe { libc::sigaction(signal, &action, std::ptr::null_mut()) };
    }
    // SAFETY: the handler is a plain function valid for the program's life.
    unsafe { LLVMInstallFatalErrorHandler(on_llvm_fatal_error) };
    std::panic::set_hook(Box::new(move |info| {
        flush_pending_stdout();
        eprintln!("{tool}: internal error: {info}\nplease report this with the input and command line");
    }));
}

/// Runs `work` on a thread with a large stack and an alternate signal
/// stack, so deep nesting parses and a stack overflow still gets its
/// report, and exits with the code it returns (70 if it panicked; the
/// panic hook reported it). The process exits from that thread: a thread
/// that ends frees its heap caches, which aborts if a pass that crashed
/// (made a failure by the crash reproducer) corrupted the heap.
pub fn exit_on_large_stack(work: impl FnOnce() -> i32 + Send) -> ! {
    let stack_size = std::env::var("RUST_MIN_STACK").ok().and_then(|v| v.parse().ok()).unwrap_or(WORK_STACK_SIZE);
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new().stack_size(stack_size).spawn_scoped(scope, || {
            install_signal_stack();
            let code = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or(EXIT_INTERNAL);
            std::process::exit(code)
        });
        if let Err(error) = thread {
            // No room for the stack (an address-space ulimit, say).
            eprintln!("{}: internal error: cannot start a worker thread: {error}", TOOL.get().unwrap_or(&"tool"));
        }
    });
    std::process::exit(EXIT_INTERNAL)
}

/// Gives the current thread an alternate signal stack for the crash handler.
fn install_signal_stack() {
    // Leaked: the handler may run on it until the process exits.
    let stack: &'static mut [u8] = Box::leak(vec![0u8; SIGNAL_STACK_SIZE].into_boxed_slice());
    let alt = libc::stack_t { ss_sp: stack.as_mut_ptr().cast(), ss_flags: 0, ss_size: stack.len() };
    // SAFETY: the stack is valid, writable memory for the rest of the process.
    unsafe { libc::sigaltstack(&alt, std::ptr::null_mut()) };
}
