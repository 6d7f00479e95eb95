//! `--emit=llvm-ir`: translating a module in the LLVM dialect to LLVM IR
//! text, as `mlir-translate --mlir-to-llvmir` does.

use melior::ir::operation::OperationLike;
use std::ffi::{c_char, c_void, CStr};

type LLVMContextRef = *mut c_void;
type LLVMModuleRef = *mut c_void;

unsafe extern "C" {
    fn mlirTranslateModuleToLLVMIR(module: mlir_sys::MlirOperation, context: LLVMContextRef) -> LLVMModuleRef;
    fn LLVMContextCreate() -> LLVMContextRef;
    fn LLVMContextDispose(context: LLVMContextRef);
    fn LLVMPrintModuleToString(module: LLVMModuleRef) -> *mut c_char;
    fn LLVMDisposeMessage(message: *mut c_char);
    fn LLVMDisposeModule(module: LLVMModuleRef);
}

/// The LLVM IR of `module`, or `None` when it is not (only) in the LLVM
/// dialect; MLIR reports why through the context's diagnostics.
pub fn translate<'c: 'a, 'a>(module: &impl OperationLike<'c, 'a>) -> Option<String> {
    let module = module.to_raw();
    // SAFETY: the LLVM context and module are created, used and disposed here;
    // `module` is a live MLIR operation.
    unsafe {
        let context = LLVMContextCreate();
        let llvm_module = mlirTranslateModuleToLLVMIR(module, context);
        let text = if llvm_module.is_null() {
            None
        } else {
            let raw = LLVMPrintModuleToString(llvm_module);
            let text = CStr::from_ptr(raw).to_string_lossy().into_owned();
            LLVMDisposeMessage(raw);
            LLVMDisposeModule(llvm_module);
            Some(text)
        };
        LLVMContextDispose(context);
        text
    }
}
