//! Corrupt MLIR bytecode, read safely.
//!
//! MLIR's bytecode reader trusts offsets and counts it reads, and some
//! corrupt inputs crash it or make it loop for ever (mlir-opt dies of
//! SIGSEGV or hangs on them; the fuzzer found them). A bad input file is the
//! user's error, not ours: before the tools parse bytecode, a forked child
//! parses it once, and if the child dies or does not finish the tools report
//! an error (exit 1) instead of crashing or hanging.

/// The magic number MLIR bytecode starts with.
pub const MAGIC: &[u8] = tg_dialect::BYTECODE_MAGIC;

/// Whether MLIR parses `bytes` (bytecode) without crashing: `Err` with the
/// message to report if it crashes. A parse that fails cleanly is `Ok`: the
/// caller parses again and reports MLIR's diagnostics.
pub fn check(bytes: &[u8], name: &str) -> Result<(), String> {
    // SAFETY: the child only parses `bytes` in a new context (quietly, with
    // the default signal dispositions) and leaves with _exit; the parent
    // waits for it. The tools fork before any MLIR thread pool runs work,
    // while their other thread (if any) is blocked joining this one.
    let pid = unsafe { libc::fork() };
    if pid == 0 {
        for signal in [libc::SIGSEGV, libc::SIGBUS, libc::SIGILL, libc::SIGFPE, libc::SIGABRT] {
            // SAFETY: restoring the default action, so a crash kills the child.
            unsafe { libc::signal(signal, libc::SIG_DFL) };
        }
        let context = crate::context::create(false, false);
        let _quiet = crate::capture::Sink::attach(&context);
        let parsed = tg_dialect::parse_source_for_tool(&context, bytes, name, true).is_some();
        // SAFETY: leaving the child without running the parent's exit handlers.
        unsafe { libc::_exit(if parsed { 0 } else { 1 }) };
    }
    if pid < 0 {
        // No child to try it in: parse it in this process as before.
        return Ok(());
    }
    // Some corrupt inputs make the reader loop for ever (mlir-opt too): the
    // child gets 10 s, and 1 s more per MB, far beyond what reading takes.
    let limit = std::time::Duration::from_secs(10 + (bytes.len() >> 20) as u64);
    let start = std::time::Instant::now();
    let mut status = 0;
    loop {
        // SAFETY: polling the child just forked.
        let done = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        if done == pid {
            break;
        }
        if done < 0 {
            return Ok(());
        }
        if start.elapsed() > limit {
            // SAFETY: killing and reaping our own child.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
                libc::waitpid(pid, &mut status, 0);
            }
            return Err(format!("'{name}' is corrupt MLIR bytecode: MLIR's bytecode reader does not finish reading it"));
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    if libc::WIFSIGNALED(status) {
        return Err(format!("'{name}' is corrupt MLIR bytecode: MLIR's bytecode reader crashes on it"));
    }
    Ok(())
}
