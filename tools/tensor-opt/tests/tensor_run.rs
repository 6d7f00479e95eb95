//! tensor-run (tools/tensor-run): its lit tests, run against a fresh build
//! of the binary, and Rust-side tests of its library (memref descriptors,
//! random inputs, .npy files, and the JIT against the reference
//! interpreter).

use ndarray::{ArrayD, IxDyn};
use std::path::{Path, PathBuf};
use std::process::Command;
use tensor_run::cli::Options;
use tg_runtime::dtype::DType;
use tg_runtime::memref::{Input, Results};
use tg_interpreter::Tensor;

/// Builds the tensor-run binary beside the tensor-opt this test was built
/// with (same target directory and profile): `cargo test` builds no binary
/// of a package without tests, and nothing depends on tensor-run's.
pub fn build_tensor_run() -> PathBuf {
    build_tool("tensor-run")
}

/// Builds the binary `tool` of the package of that name beside the
/// tensor-opt this test was built with (same target directory and profile).
pub fn build_tool(tool: &str) -> PathBuf {
    let tensor_opt = Path::new(env!("CARGO_BIN_EXE_tensor-opt"));
    let profile_dir = tensor_opt.parent().expect("the binary lives in a directory");
    let target_dir = profile_dir.parent().expect("the profile directory lives in the target directory");
    let profile = match profile_dir.file_name().and_then(|n| n.to_str()) {
        Some("debug") | None => "dev",
        Some(other) => other,
    };
    let status = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "-p", tool, "--bin", tool, "--profile", profile])
        .arg("--target-dir")
        .arg(target_dir)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .status()
        .expect("cannot run cargo");
    assert!(status.success(), "cargo build -p {tool} failed");
    profile_dir.join(tool)
}

#[test]
fn tensor_run_lit_tests() {
    let tensor_run = build_tensor_run();
    let tensor_opt = Path::new(env!("CARGO_BIN_EXE_tensor-opt"));
    let bin_dir = tensor_opt.parent().expect("the binary lives in a directory");
    let stdout = crate::lit::run_lit("lit-tests/tensor-run", &[("TENSOR_OPT_BIN_DIR", bin_dir), ("TENSOR_RUN_BIN", &tensor_run)]);
    assert!(!stdout.contains("Unsupported"), "tensor-run's lit tests were skipped:\n{stdout}");
}

// ---------------------------------------------------------------------------
// Memref descriptors.
// ---------------------------------------------------------------------------

#[test]
fn input_descriptors_are_contiguous_row_major() {
    // A transposed (non-standard layout) array is copied in logical order.
    let array = ArrayD::from_shape_vec(IxDyn(&[2, 3]), (0..6).map(|v| v as f32).collect()).unwrap();
    let transposed = array.t().to_owned().into_dyn();
    let mut input = Input::new(&Tensor::F32(transposed.clone()));
    let words = unsafe { std::slice::from_raw_parts(input.descriptor_ptr(), 7) };
    assert_eq!(words[0], words[1], "allocated == aligned");
    assert_eq!(&words[2..], &[0, 3, 2, 2, 1], "offset, sizes, strides");
    let data = unsafe { std::slice::from_raw_parts(words[1] as *const f32, 6) };
    assert_eq!(data, transposed.iter().copied().collect::<Vec<_>>().as_slice());
    assert_eq!(data, &[0.0, 3.0, 1.0, 4.0, 2.0, 5.0]);
}

#[test]
fn results_are_read_through_offset_and_strides() {
    // Two results in one struct: a 2x3 f64 view with offset 1 and column-major
    // strides into a buffer of 8, and a rank-0 i32.
    let buffer: Vec<f64> = (0..8).map(|v| v as f64 * 10.0).collect();
    let scalar: i32 = -7;
    let mut results = Results::new(&[(DType::F64, vec![2, 3]), (DType::I32, vec![])]);
    let words = unsafe { std::slice::from_raw_parts_mut(results.as_mut_ptr(), 3 + 4 + 3) };
    // Not freed: `allocated` is 0 for the first and points into an input for
    // the second (see `Results::free`).
    let scalar_input = Input::new(&Tensor::I32(ArrayD::from_elem(IxDyn(&[]), 0)));
    words[..7].copy_from_slice(&[0, buffer.as_ptr() as u64, 1, 2, 3, 1, 2]);
    words[7..].copy_from_slice(&[0, &scalar as *const i32 as u64, 0]);
    let tensors = unsafe { results.read() }.expect("shapes match");
    // element (i, j) = buffer[1 + i + 2 j]
    let expected = ArrayD::from_shape_vec(IxDyn(&[2, 3]), vec![10.0, 30.0, 50.0, 20.0, 40.0, 60.0]).unwrap();
    assert_eq!(tensors[0], Tensor::F64(expected));
    assert_eq!(tensors[1], Tensor::I32(ArrayD::from_elem(IxDyn(&[]), -7)));
    unsafe { results.free(&[scalar_input]) };
}

#[test]
fn results_of_the_wrong_shape_are_an_error() {
    let buffer = [0i64; 4];
    let mut results = Results::new(&[(DType::I64, vec![4])]);
    let words = unsafe { std::slice::from_raw_parts_mut(results.as_mut_ptr(), 5) };
    words.copy_from_slice(&[0, buffer.as_ptr() as u64, 0, 3, 1]);
    let error = unsafe { results.read() }.unwrap_err();
    assert!(error.contains("shape [3], expected [4]"), "{error}");
}

// ---------------------------------------------------------------------------
// Random inputs.
// ---------------------------------------------------------------------------

#[test]
fn random_inputs_are_deterministic_and_in_range() {
    use tg_runtime::dtype::{Kind, ValueType};
    let types = [DType::F32, DType::F64, DType::I32, DType::I64]
        .map(|dtype| ValueType { kind: Kind::Tensor, shape: vec![10, 100], dtype });
    let refs: Vec<&ValueType> = types.iter().collect();
    let a = tensor_run::random::generate(5, &refs);
    assert_eq!(a, tensor_run::random::generate(5, &refs));
    assert_ne!(a, tensor_run::random::generate(6, &refs));
    let f32s = a[0].as_f32().unwrap();
    assert!(f32s.iter().all(|&v| (-1.0..1.0).contains(&v)));
    assert!(f32s.iter().any(|&v| v < -0.9) && f32s.iter().any(|&v| v > 0.9));
    assert!(a[1].as_f64().unwrap().iter().all(|&v| (-1.0..1.0).contains(&v)));
    let i32s = a[2].as_i32().unwrap();
    assert!(i32s.iter().all(|&v| (-4..=4).contains(&v)));
    assert!((-4..=4).all(|k| i32s.iter().any(|&v| v == k)), "every small int appears");
    assert!(a[3].as_i64().unwrap().iter().all(|&v| (-4..=4).contains(&v)));
}

// ---------------------------------------------------------------------------
// The JIT against the reference interpreter, in process.
// ---------------------------------------------------------------------------

fn options(input: &Path, outputs: Vec<PathBuf>, reference: bool) -> Options {
    Options {
        input: input.to_string_lossy().into_owned(),
        entry: None,
        defines: Vec::new(),
        inputs: Vec::new(),
        outputs,
        random_inputs: Some(11),
        print: false,
        bench: None,
        json: false,
        threads: None,
        pipeline: None,
        reference,
        input_shapes: Vec::new(),
        constant_inputs: Vec::new(),
    }
}

fn read_npy(path: &Path) -> ArrayD<f64> {
    use ndarray_npy::ReadNpyExt;
    let file = std::fs::File::open(path).unwrap();
    ArrayD::<f32>::read_npy(file).map(|a| a.mapv(f64::from)).unwrap_or_else(|_| {
        ArrayD::<f64>::read_npy(std::fs::File::open(path).unwrap()).expect("an f32 or f64 .npy file")
    })
}

/// Runs `source` compiled and interpreted on the same random inputs; the
/// float results agree to `rtol`.
fn jit_matches_reference(source: &str, results: usize, rtol: f64) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("program.mlir");
    std::fs::write(&input, source).unwrap();
    let paths = |prefix: &str| (0..results).map(|i| dir.path().join(format!("{prefix}{i}.npy"))).collect::<Vec<_>>();
    for (prefix, reference) in [("jit", false), ("ref", true)] {
        let mut out = Vec::new();
        if let Err(failure) = tensor_run::run::execute(&options(&input, paths(prefix), reference), &mut out) {
            panic!("{prefix}: exit {}: {}", failure.code, failure.text);
        }
    }
    for (jit, reference) in paths("jit").iter().zip(paths("ref")) {
        let (jit, reference) = (read_npy(jit), read_npy(&reference));
        assert_eq!(jit.shape(), reference.shape());
        for (i, (&got, &want)) in jit.iter().zip(reference.iter()).enumerate() {
            assert!(
                (got - want).abs() <= rtol * want.abs().max(1e-3),
                "element {i}: compiled {got}, reference {want}\n{source}"
            );
        }
    }
}

#[test]
fn jit_matches_reference_on_a_small_network() {
    jit_matches_reference(
        r#"
func.func @main(%x: tensor<2x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>, %fc: tensor<36x5xf32>)
    -> (tensor<2x5xf32>, tensor<2x4x3x3xf32>) {
  %c = tg.conv2d %x, %w : tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32>
  %bb = tg.reshape %b : tensor<4xf32> to tensor<1x4x1x1xf32>
  %cb = tg.add %c, %bb : tensor<2x4x6x6xf32>, tensor<1x4x1x1xf32>
  %r = tg.relu %cb : tensor<2x4x6x6xf32>
  %p = tg.max_pool2d %r kernel [2, 2] strides [2, 2] : tensor<2x4x6x6xf32>
  %f = tg.reshape %p : tensor<2x4x3x3xf32> to tensor<2x36xf32>
  %l = tg.matmul %f, %fc : tensor<2x36xf32>, tensor<36x5xf32>
  %s = tg.softmax %l axis 1 : tensor<2x5xf32>
  return %s, %p : tensor<2x5xf32>, tensor<2x4x3x3xf32>
}
"#,
        2,
        1e-5,
    );
}

#[test]
fn jit_matches_reference_in_f64() {
    jit_matches_reference(
        r#"
func.func @main(%a: tensor<3x4xf64>, %b: tensor<4xf64>) -> tensor<3x4xf64> {
  %s = tg.sub %a, %b : tensor<3x4xf64>, tensor<4xf64>
  %e = tg.exp %s : tensor<3x4xf64>
  %t = tg.tanh %e : tensor<3x4xf64>
  return %t : tensor<3x4xf64>
}
"#,
        1,
        1e-12,
    );
}

// ---------------------------------------------------------------------------
// The calling convention jit.rs documents.
// ---------------------------------------------------------------------------

#[test]
fn invoke_packed_takes_the_plain_name_and_calls_the_c_interface() {
    use melior::ir::Module;
    use tg_runtime::jit::{emit_c_interface, Engine};

    let context = tool_support::context::create(false, false);
    let source = "func.func @main(%a: tensor<3xf32>) -> tensor<3xf32> {\n  %0 = tg.neg %a : tensor<3xf32>\n  return %0 : tensor<3xf32>\n}\n";
    let op = tg_dialect::parse_source_for_tool(&context, source, "neg.mlir", true).expect("parses");
    let mut module = Module::from_operation(op).expect("a module");
    emit_c_interface(&context, tg_runtime::signature::find_entry(&module, "main").expect("@main"));
    let pipeline = tg_passes::pipeline::parse("builtin.module(tg-compile)").unwrap();
    let pm = tensor_run::run::build_pass_manager(&context, &pipeline).expect("tg-compile assembles");
    pm.run(&mut module).expect("tg-compile lowers @main");
    let engine = Engine::new(&module).expect("the JIT compiles the module");

    // The C interface, its packed wrapper, and the packed wrapper of @main.
    for symbol in ["_mlir_ciface_main", "_mlir__mlir_ciface_main", "_mlir_main"] {
        assert!(engine.has_symbol(symbol), "{symbol}");
    }

    let mut input = Input::new(&Tensor::F32(ArrayD::from_shape_vec(IxDyn(&[3]), vec![1.0, -2.0, 0.5]).unwrap()));
    let mut results = Results::new(&[(DType::F32, vec![3])]);
    let mut out = results.as_mut_ptr().cast::<std::ffi::c_void>();
    let mut arg = input.descriptor_ptr().cast::<std::ffi::c_void>();
    let mut args = [(&mut out as *mut *mut std::ffi::c_void).cast(), (&mut arg as *mut *mut std::ffi::c_void).cast()];
    // MLIR prepends `_mlir_ciface_` itself: the full name is not found (and
    // nothing is called).
    assert!(!unsafe { engine.invoke_packed("_mlir_ciface_main", &mut args) });
    // The plain name calls `_mlir__mlir_ciface_main(&out, &arg)`.
    assert!(unsafe { engine.invoke_packed("main", &mut args) });
    let tensors = unsafe { results.read() }.expect("a 3-element result");
    assert_eq!(tensors[0], Tensor::F32(ArrayD::from_shape_vec(IxDyn(&[3]), vec![-1.0, 2.0, -0.5]).unwrap()));
    unsafe { results.free(&[input]) };
}
