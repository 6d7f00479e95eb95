//! Compiles proto/onnx.proto with protox (pure Rust, no protoc) and
//! generates the message types with prost-build.

fn main() {
    println!("cargo:rerun-if-changed=proto/onnx.proto");
    let descriptors = protox::compile(["proto/onnx.proto"], ["proto"]).expect("proto/onnx.proto compiles");
    prost_build::Config::new().compile_fds(descriptors).expect("prost-build generates the ONNX messages");
}
