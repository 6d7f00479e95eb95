//! Running a lowered module with MLIR's ExecutionEngine (LLVM ORC JIT).
//!
//! # Calling convention (checked by experiment on LLVM 22)
//!
//! Before lowering, the entry `func.func` gets the `llvm.emit_c_interface`
//! unit attribute, so `convert-func-to-llvm` adds a wrapper
//!
//! ```c
//! void _mlir_ciface_NAME(Results *out, Desc0 *arg0, Desc1 *arg1, ...);
//! ```
//!
//! that takes every memref argument by pointer to its descriptor and, when
//! the function returns anything, a pointer to where the result descriptor
//! (one result) or the struct of result descriptors (several) goes, first;
//! with no result there is no `out` and the wrapper returns nothing. See
//! [`crate::memref`] for the descriptor layout.
//!
//! The ExecutionEngine also gives every function `F` a *packed* wrapper
//! `_mlir_F(void **args)`: `args[i]` points to the i-th argument's value,
//! and (for a non-void `F`) one more pointer says where to store the return
//! value. MLIR's C API `mlirExecutionEngineInvokePacked(engine, "NAME", args)`
//! (melior's `invoke_packed`) calls the packed wrapper of
//! `_mlir_ciface_NAME`, i.e. `_mlir__mlir_ciface_NAME`: it prepends
//! `_mlir_ciface_` itself. Since the C interface wrapper returns void, the
//! packed arguments are just pointers to its (pointer) arguments:
//! `[&out_ptr, &desc0_ptr, &desc1_ptr, ...]` (no `out_ptr` without results).
//! Calling `invoke_packed` with the plain name `NAME` is therefore right, and
//! giving `_mlir_ciface_NAME` looks for `_mlir__mlir_ciface__mlir_ciface_NAME`
//! and fails (calling nothing). The test
//! `invoke_packed_takes_the_plain_name_and_calls_the_c_interface` in
//! tools/tensor-opt/tests/tensor_run.rs checks all of this.
//!
//! Results come back one of two ways ([`Convention`]). *Returned*: the
//! results' buffers are `malloc`ed by the compiled code and freed here after
//! copying. *Out-params* (`tg-compile{out-params}`, tensor-run's default, via
//! `buffer-results-to-out-params`): the entry takes one more memref argument
//! per result, after the inputs, and writes the result into it; its type is
//! `void`. tensor-run then allocates the result buffers once and reuses them
//! across `--bench` calls, so a call does not pay for fresh pages (for a
//! 64 MiB result, page faults cost as much as the computation). Buffers for
//! intermediate values are not freed by the code `tg-compile` produces (it
//! inserts no deallocations), so each call leaks them: noticeable only with
//! a large `--bench ITERS`.

use crate::memref::{Input, Results};
use crate::signature::Signature;
use melior::ir::block::BlockLike;
use melior::ir::operation::OperationLike;
use melior::ir::{Module, OperationRef};
use melior::Context;
pub use tg_dialect::ir::engine::Engine;
use tg_dialect::ir::edit;
use std::time::{Duration, Instant};
use tg_interpreter::Tensor;

/// Adds the `llvm.emit_c_interface` unit attribute to `function` (a
/// `func.func`), for `convert-func-to-llvm` to emit `_mlir_ciface_NAME`.
pub fn emit_c_interface(context: &Context, function: OperationRef) {
    edit::set_discardable_attribute(function, "llvm.emit_c_interface", melior::ir::Attribute::unit(context));
}

/// How the compiled entry hands back its results (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Convention {
    Returned,
    OutParams,
}

impl Convention {
    /// Reads the convention off the lowered module: the LLVM function
    /// `@entry` returns `void` while the source function had results only
    /// when the results became out-params.
    pub fn of(module: &Module, signature: &Signature) -> Convention {
        let body = module.body();
        let mut next = body.first_operation();
        while let Some(op) = next {
            next = op.next_in_block();
            let is_entry = op.name().as_string_ref().as_str() == Ok("llvm.func")
                && op.attribute("sym_name").is_ok_and(|a| a.to_string() == format!("\"{}\"", signature.entry));
            if is_entry {
                let void = op.attribute("function_type").is_ok_and(|t| t.to_string().starts_with("!llvm.func<void"));
                if void && !signature.results.is_empty() {
                    return Convention::OutParams;
                }
            }
        }
        Convention::Returned
    }
}

/// The compiled entry function with its signature.
pub struct Function<'e> {
    pub engine: &'e Engine,
    pub signature: Signature,
    pub convention: Convention,
    /// `tg-runtime-checks`' error global, if the module has one (looked up
    /// once, not on every call).
    error: Option<*mut i32>,
}

/// Why a call did not produce results.
#[derive(Debug)]
pub enum CallError {
    /// The JIT has no entry to call, or its results cannot be read.
    Failed(String),
    /// The `n`th op guarded by `tg-runtime-checks` (from 1) faulted.
    Faulted(usize),
}

/// Makes glibc's malloc keep freed memory for reuse instead of returning it
/// to the kernel: compiled code allocates its intermediate buffers on every
/// call, and buffers above malloc's (dynamic) mmap threshold were mapped
/// and unmapped each time, so every call paid a page fault per 4 KiB of
/// them (a fifth of ResNet-50's time was the kernel clearing pages). An
/// inference runtime's arena does the same. Call it first thing in `main`,
/// before any thread has allocated.
pub fn retain_freed_memory() {
    // Up to glibc's ceiling for the mmap threshold (32 MiB on 64-bit); never
    // trim; and one arena: a thread's own arena lives in 64 MiB heaps that
    // glibc unmaps as soon as they empty, whatever the trim threshold (the
    // runner calls compiled code from a thread of its own).
    // SAFETY: mallopt only changes the allocator's tuning parameters.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, i32::MAX);
    }
}

impl<'e> Function<'e> {
    pub fn new(engine: &'e Engine, signature: Signature, convention: Convention) -> Self {
        let error = engine.address(tg_passes::transforms::runtime_checks::ERROR_GLOBAL).map(|a| a.cast::<i32>());
        Function { engine, signature, convention, error }
    }

    /// The symbol of the C interface wrapper.
    pub fn ciface_symbol(&self) -> String {
        format!("_mlir_ciface_{}", self.signature.entry)
    }

    /// One call: copies of `inputs` in, the results copied out (and, when
    /// the compiled code allocated them, freed).
    pub fn call(&self, inputs: &[Tensor]) -> Result<Vec<Tensor>, CallError> {
        let mut arguments: Vec<Input> = inputs.iter().map(Input::new).collect();
        match self.convention {
            Convention::OutParams => {
                let mut outputs = self.out_params();
                self.invoke(&mut descriptors(&mut arguments, &mut outputs))?;
                Ok(outputs.iter().zip(&self.signature.results).map(|(o, t)| o.to_tensor(&t.shape)).collect())
            }
            Convention::Returned => {
                let mut results = self.results();
                self.invoke(&mut self.returned(&mut results, &mut arguments))?;
                // SAFETY: the call filled `results` with memrefs of the signature's types.
                let tensors = unsafe { results.read() };
                // SAFETY: the results of this call, freed once.
                unsafe { results.free(&arguments) };
                tensors.map_err(CallError::Failed)
            }
        }
    }

    /// Times `iters` calls after one warm-up call. Each call gets fresh
    /// copies of the inputs (compiled code may write into its arguments'
    /// buffers), made outside the timed region. Out-params are allocated
    /// once and reused by every call; returned results are freed after each
    /// call, outside the timed region.
    pub fn bench(&self, inputs: &[Tensor], iters: u64) -> Result<Vec<Duration>, CallError> {
        let mut outputs = match self.convention {
            Convention::OutParams => self.out_params(),
            Convention::Returned => Vec::new(),
        };
        let mut times = Vec::with_capacity(iters as usize);
        for i in 0..=iters {
            let mut arguments: Vec<Input> = inputs.iter().map(Input::new).collect();
            let mut results = self.results();
            let mut pointers = match self.convention {
                Convention::OutParams => descriptors(&mut arguments, &mut outputs),
                Convention::Returned => self.returned(&mut results, &mut arguments),
            };
            let start = Instant::now();
            self.invoke(&mut pointers)?;
            let elapsed = start.elapsed();
            if self.convention == Convention::Returned {
                // SAFETY: the results of this call, freed once.
                unsafe { results.free(&arguments) };
            }
            if i > 0 {
                times.push(elapsed);
            }
        }
        Ok(times)
    }

    fn out_params(&self) -> Vec<Input> {
        self.signature.results.iter().map(|t| Input::zeros(t.dtype, &t.shape)).collect()
    }

    fn results(&self) -> Results {
        let types: Vec<_> = self.signature.results.iter().map(|t| (t.dtype, t.shape.clone())).collect();
        Results::new(&types)
    }

    /// The arguments of the *returned* convention: where the results go
    /// (only when there are results), then the inputs' descriptors.
    fn returned(&self, results: &mut Results, inputs: &mut [Input]) -> Vec<*mut u64> {
        let mut pointers = Vec::with_capacity(inputs.len() + 1);
        if !self.signature.results.is_empty() {
            pointers.push(results.as_mut_ptr());
        }
        pointers.extend(inputs.iter_mut().map(Input::descriptor_ptr));
        pointers
    }

    /// Calls the entry's packed wrapper with `pointers`, the C interface
    /// wrapper's (pointer) arguments in order. With `tg-runtime-checks` in the
    /// pipeline, its error global is cleared before and read after the call.
    fn invoke(&self, pointers: &mut [*mut u64]) -> Result<(), CallError> {
        // The packed wrapper reads each argument through a pointer to it.
        let mut args: Vec<*mut std::ffi::c_void> =
            pointers.iter_mut().map(|p| p as *mut *mut u64 as *mut std::ffi::c_void).collect();
        let error = self.error;
        if let Some(error) = error {
            // SAFETY: the global is the `memref<i32>` of tg-runtime-checks, whose
            // lowering places the 4-byte i32 at the symbol; no call is running.
            unsafe { error.write_volatile(0) };
        }
        // SAFETY: the descriptors match the entry's signature, read before
        // lowering; `pointers`, the buffers they describe and the results
        // outlive the call.
        if !unsafe { self.engine.invoke_packed(&self.signature.entry, &mut args) } {
            let message = format!("the JIT cannot call @{} ({} is missing)", self.signature.entry, self.ciface_symbol());
            return Err(CallError::Failed(message));
        }
        // SAFETY: as above; the call has returned.
        match error.map(|e| unsafe { e.read_volatile() }) {
            Some(n) if n > 0 => Err(CallError::Faulted(n as usize)),
            _ => Ok(()),
        }
    }
}

/// The arguments of the *out-params* convention: the inputs' descriptors,
/// then the result buffers'.
fn descriptors(inputs: &mut [Input], outputs: &mut [Input]) -> Vec<*mut u64> {
    inputs.iter_mut().chain(outputs.iter_mut()).map(Input::descriptor_ptr).collect()
}
