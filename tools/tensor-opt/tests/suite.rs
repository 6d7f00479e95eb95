//! tensor-opt's one integration-test binary (MLIR links statically, so each
//! test binary costs ~250 MB and tens of seconds to link): the lit suite,
//! and the insta snapshots of printed IR and rendered diagnostics.

mod lit;
mod snapshots;
mod interpreter;
mod tensor_run;
mod differential;
mod source_rules;
mod fuzz;
mod parser_guards;
mod unknown_argument;
mod onnx;
mod onnx_node;
mod tc;
