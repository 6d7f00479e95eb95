//! ONNX in: the nine real networks the PyPI `onnx` package ships
//! (`onnx/backend/test/data/light/`: AlexNet, DenseNet-121, Inception v1 and
//! v2, ResNet-50, ShuffleNet, SqueezeNet, VGG-19, ZFNet-512) imported by
//! `tensor-translate`, compiled and run by `tensor-run`, and compared with
//! the expected output shipped beside each, for the input ONNX's test runner
//! makes (`generate_dummy_data(..., random=False)`: `arange(n) / n` in the
//! input's shape, symbolic dimensions as 1), at the runner's tolerance
//! (rtol 1e-3, atol 1e-7). And import errors: located at the node, exit 1,
//! nothing written.

use crate::tensor_run::{build_tensor_run, build_tool};
use ndarray::{ArrayD, IxDyn};
use ndarray_npy::{read_npy, write_npy};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The `onnx` package's directory (scripts/onnx-venv.sh makes its Python).
fn onnx_package() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let python = std::env::var("ONNX_PYTHON").map(PathBuf::from).unwrap_or_else(|_| root.join("target/onnx-venv/bin/python"));
    let output = Command::new(&python)
        .args(["-c", "import onnx, os; print(os.path.dirname(onnx.__file__))"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {} ({e}): run scripts/onnx-venv.sh", python.display()));
    assert!(output.status.success(), "{} has no onnx package: run scripts/onnx-venv.sh", python.display());
    PathBuf::from(String::from_utf8_lossy(&output.stdout).trim())
}

/// The runner's input for a graph input of `shape`.
fn runner_input(shape: &[usize]) -> ArrayD<f32> {
    let n: usize = shape.iter().product();
    ArrayD::from_shape_vec(IxDyn(shape), (0..n).map(|i| (i as f64 / n as f64) as f32).collect()).expect("shape fits")
}

/// The shape of the model's one non-initializer input (symbolic dimensions as 1).
fn input_shape(model: &tg_onnx::proto::ModelProto) -> Vec<usize> {
    let graph = model.graph.as_ref().expect("a graph");
    let initializers: Vec<&str> = graph.initializer.iter().filter_map(|t| t.name.as_deref()).collect();
    let input = graph.input.iter().find(|i| !initializers.contains(&i.name.as_deref().unwrap_or(""))).expect("an input");
    let Some(tg_onnx::proto::type_proto::Value::TensorType(tensor)) = input.r#type.as_ref().and_then(|t| t.value.as_ref()) else {
        panic!("a tensor input")
    };
    let dims = tensor.shape.as_ref().map(|s| s.dim.clone()).unwrap_or_default();
    dims.iter()
        .map(|d| match d.value {
            Some(tg_onnx::proto::tensor_shape_proto::dimension::Value::DimValue(v)) => v as usize,
            _ => 1,
        })
        .collect()
}

#[test]
fn light_networks_match_their_expected_outputs() {
    let (translate, run) = (build_tool("tensor-translate"), build_tensor_run());
    let light = onnx_package().join("backend/test/data/light");
    let mut models: Vec<PathBuf> = std::fs::read_dir(&light)
        .expect("the light models")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "onnx"))
        .collect();
    models.sort();
    assert_eq!(models.len(), 9, "nine light networks in {}", light.display());
    let dir = tempfile::tempdir().expect("temp dir");
    for model_path in &models {
        let name = model_path.file_stem().and_then(|s| s.to_str()).expect("a name").to_string();
        let model = tg_onnx::decode(&std::fs::read(model_path).expect("readable")).expect("decodes");
        let mlir = dir.path().join(format!("{name}.mlir"));
        let imported = Command::new(&translate).arg("--import-onnx").arg(model_path).arg("-o").arg(&mlir).output().expect("runs");
        assert!(imported.status.success(), "{name}: import failed:\n{}", String::from_utf8_lossy(&imported.stderr));
        let (input, output) = (dir.path().join(format!("{name}_in.npy")), dir.path().join(format!("{name}_out.npy")));
        write_npy(&input, &runner_input(&input_shape(&model))).expect("writes the input");
        // opt-level 1 (fused loops, no tg-schedule): tg-schedule takes tens
        // of seconds on the larger of these graphs, too long for the suite.
        let ran = Command::new(&run)
            .arg(&mlir)
            .args(["--pipeline", "builtin.module(tg-compile{opt-level=1 out-params})", "--input"])
            .arg(&input)
            .arg("-o")
            .arg(&output)
            .output()
            .expect("runs");
        assert!(ran.status.success(), "{name}: tensor-run failed:\n{}", String::from_utf8_lossy(&ran.stderr));
        let got: ArrayD<f32> = read_npy(&output).expect("an f32 result");
        let expected_path = light.join(format!("{name}_output_0.pb"));
        let expected_proto = <tg_onnx::proto::TensorProto as prost::Message>::decode(&*std::fs::read(&expected_path).expect("readable"))
            .expect("a TensorProto");
        let expected = tg_onnx::tensor::Tensor::read(&expected_proto).expect("float data");
        let tg_onnx::tensor::Values::Float(want) = &expected.values else { panic!("{name}: float output") };
        let shape: Vec<usize> = expected.shape.iter().map(|&d| d as usize).collect();
        assert_eq!(got.shape(), shape.as_slice(), "{name}: output shape");
        for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
            let close = (g as f64 - w).abs() <= 1e-7 + 1e-3 * w.abs();
            assert!(close, "{name}: output element {i} is {g}, expected {w}");
        }
    }
}

#[test]
fn import_errors_name_the_node_and_write_nothing() {
    let translate = build_tool("tensor-translate");
    let dir = tempfile::tempdir().expect("temp dir");
    // A one-node model with an op tensor-translate does not import.
    let model = tg_onnx::proto::ModelProto {
        ir_version: Some(8),
        opset_import: vec![tg_onnx::proto::OperatorSetIdProto { domain: Some(String::new()), version: Some(17) }],
        graph: Some(tg_onnx::proto::GraphProto {
            name: Some("g".into()),
            node: vec![tg_onnx::proto::NodeProto {
                name: Some("hard_one".into()),
                op_type: Some("NonMaxSuppression".into()),
                input: vec!["x".into()],
                output: vec!["y".into()],
                ..Default::default()
            }],
            input: vec![value_info("x", &[2, 3])],
            output: vec![value_info("y", &[2, 3])],
            ..Default::default()
        }),
        ..Default::default()
    };
    let path = dir.path().join("bad.onnx");
    std::fs::write(&path, tg_onnx::encode(&model)).expect("writes");
    let out = dir.path().join("kept.mlir");
    std::fs::write(&out, "keep me").expect("writes");
    let result = Command::new(&translate).arg("--import-onnx").arg(&path).arg("-o").arg(&out).output().expect("runs");
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("node 'hard_one' (NonMaxSuppression): op type 'NonMaxSuppression' is not supported"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&out).expect("still there"), "keep me");

    // Not an ONNX file at all.
    std::fs::write(&path, b"\xff\xff\xff").expect("writes");
    let result = Command::new(&translate).arg("--import-onnx").arg(&path).output().expect("runs");
    assert_eq!(result.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&result.stderr).contains("not an ONNX model"));
}

fn value_info(name: &str, shape: &[i64]) -> tg_onnx::proto::ValueInfoProto {
    use tg_onnx::proto::tensor_shape_proto::{dimension, Dimension};
    let dims = shape.iter().map(|&d| Dimension { value: Some(dimension::Value::DimValue(d)), denotation: None }).collect();
    tg_onnx::proto::ValueInfoProto {
        name: Some(name.into()),
        r#type: Some(tg_onnx::proto::TypeProto {
            value: Some(tg_onnx::proto::type_proto::Value::TensorType(tg_onnx::proto::type_proto::Tensor {
                elem_type: Some(1),
                shape: Some(tg_onnx::proto::TensorShapeProto { dim: dims }),
            })),
            denotation: None,
        }),
        ..Default::default()
    }
}

#[test]
fn tensor_translate_lit_tests() {
    let translate = build_tool("tensor-translate");
    let tensor_opt = Path::new(env!("CARGO_BIN_EXE_tensor-opt"));
    let bin_dir = tensor_opt.parent().expect("the binary lives in a directory");
    let stdout = crate::lit::run_lit(
        "lit-tests/tensor-translate",
        &[("TENSOR_OPT_BIN_DIR", bin_dir), ("TENSOR_TRANSLATE_BIN", &translate)],
    );
    assert!(!stdout.contains("Unsupported"), "tensor-translate's lit tests were skipped:\n{stdout}");
}

fn models(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            models(&path, found);
        } else if path.extension().is_some_and(|e| e == "onnx") {
            found.push(path);
        }
    }
}

/// The schema (crates/tg-onnx/proto/onnx.proto) against real ONNX files:
/// every model the PyPI `onnx` package ships (`onnx/backend/test/data/**`:
/// the nine light networks, the pytorch-converted and -operator cases, the
/// simple ones) decodes and re-encodes to the same bytes. A field with a
/// wrong number or type, or a missing one, changes the bytes.
#[test]
fn every_shipped_model_round_trips() {
    let data = onnx_package().join("backend/test/data");
    let mut files = Vec::new();
    models(&data, &mut files);
    files.sort();
    assert!(files.len() >= 100, "only {} models under {}", files.len(), data.display());
    let light = files.iter().filter(|f| f.to_string_lossy().contains("/light/")).count();
    assert_eq!(light, 9, "the nine light networks");
    let mut nodes = 0;
    for file in &files {
        let bytes = std::fs::read(file).expect("readable");
        let model = tg_onnx::decode(&bytes).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        nodes += model.graph.as_ref().map_or(0, |g| g.node.len());
        assert!(tg_onnx::encode(&model) == bytes, "{} re-encodes to different bytes", file.display());
    }
    assert!(nodes > 1000, "only {nodes} nodes decoded");
}
