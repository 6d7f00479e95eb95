//! An unknown flag reported in LLVM cl's words (tools/tensor-opt/src/unknown_argument.rs).

use tensor_opt::unknown_argument::llvm_message;

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn words_and_suggestion_follow_llvm() {
    let known = ["canonicalize", "cse", "o"];
    let message = llvm_message(&args(&["/bin/tensor-opt", "in.mlir", "-canonicalise=x=1"]), "--canonicalise", known.into_iter());
    assert_eq!(
        message.as_deref(),
        Some(
            "tensor-opt: Unknown command line argument '-canonicalise=x=1'.  Try: '/bin/tensor-opt --help'\n\
             tensor-opt: Did you mean '--canonicalize=x=1'?\n"
        )
    );
}
