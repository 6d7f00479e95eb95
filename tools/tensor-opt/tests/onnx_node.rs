//! ONNX's own conformance tests: the backend node test cases of the PyPI
//! `onnx` package (1,884 one-node models with their inputs and expected
//! outputs as `.pb` files), generated into `target/onnx-node-tests` by
//! `scripts/onnx-node-tests.py` (run here if the cache is missing).
//!
//! Every case is imported; a case the importer refuses (an op type, an
//! attribute value, a data type or a non-tensor value it does not support)
//! is *unsupported*. Every other case is compiled and run as a user runs it
//! (`tensor-run model.onnx --input input_0.pb ...`, tg-compile at opt-level
//! 3) and its outputs compared with the expected ones at the case's
//! tolerance (|got - want| <= atol + rtol * |want|; NaN matches NaN). A
//! supported case that fails fails the test, and so does any case of an op
//! the nine light networks use that is not supported. The per-op table
//! (passed / failed / unsupported) is printed and written to
//! `target/onnx-node-tests/report.md`.

use ndarray::ArrayD;
use ndarray_npy::read_npy;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use tensor_run::cli::Options;
use tg_onnx::tensor::Values;

/// The op types of the nine light networks: each must pass all its cases.
const LIGHT_OPS: &[&str] = &[
    "ConstantOfShape", "Conv", "Relu", "Unsqueeze", "BatchNormalization", "Add", "Mul", "Concat", "Reshape",
    "MaxPool", "Sum", "AveragePool", "Transpose", "Gemm", "Softmax", "Dropout", "LRN", "GlobalAveragePool",
];

/// What the cases of light ops may be refused for, each a stated limit of tg
/// (the importer's message must contain one): element types beyond f32,
/// f64, i32 and i64 (the int8/uint8/... and bool variants, Dropout's mask
/// and training-mode flag), MaxPool's Indices output, a shape that depends
/// on values computed in the graph (tg's shapes are static; one given as a
/// graph input is given from the case's data, `--constant-input`), and
/// more than 3 spatial dimensions.
const LIGHT_OPS_LIMITS: &[&str] = &[
    "must be a constant (an initializer or a Constant)",
    "is not supported (tg has no bool tensors)",
    "element type",
    "only 1-D, 2-D and 3-D pooling (NCL, NCHW, NCDHW) are supported",
    "its Indices output is not supported",
];

struct Case {
    name: String,
    op: String,
    rtol: f64,
    atol: f64,
}

enum Outcome {
    Passed,
    Unsupported(String),
    Failed(String),
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The cache directory, generated if it is missing.
fn cache() -> PathBuf {
    let dir = std::env::var("ONNX_NODE_TESTS").map(PathBuf::from).unwrap_or_else(|_| root().join("target/onnx-node-tests"));
    if !dir.join("cases.tsv").exists() {
        let python = std::env::var("ONNX_PYTHON").map(PathBuf::from).unwrap_or_else(|_| root().join("target/onnx-venv/bin/python"));
        let status = Command::new(&python)
            .arg(root().join("scripts/onnx-node-tests.py"))
            .arg(&dir)
            .status()
            .unwrap_or_else(|e| panic!("cannot run {} ({e}): run scripts/onnx-venv.sh", python.display()));
        assert!(status.success(), "scripts/onnx-node-tests.py failed");
    }
    dir
}

fn cases(dir: &Path) -> Vec<Case> {
    let listing = std::fs::read_to_string(dir.join("cases.tsv")).expect("cases.tsv");
    listing
        .lines()
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let number = |i: usize| fields.get(i).and_then(|f| f.parse().ok()).unwrap_or_else(|| panic!("cases.tsv: {line}"));
            Case { name: fields[0].to_string(), op: fields[1].to_string(), rtol: number(2), atol: number(3) }
        })
        .collect()
}

/// The files `prefix_0.pb`, `prefix_1.pb`, ... of a data set, in order.
fn numbered(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    (0..).map(|i| dir.join(format!("{prefix}_{i}.pb"))).take_while(|p| p.exists()).collect()
}

/// A result `.npy` of any element type tensor-run writes, as f64.
fn read_result(path: &Path) -> Result<ArrayD<f64>, String> {
    read_npy::<_, ArrayD<f32>>(path)
        .map(|a| a.mapv(f64::from))
        .or_else(|_| read_npy::<_, ArrayD<f64>>(path))
        .or_else(|_| read_npy::<_, ArrayD<i32>>(path).map(|a| a.mapv(f64::from)))
        .or_else(|_| read_npy::<_, ArrayD<i64>>(path).map(|a| a.mapv(|x| x as f64)))
        .map_err(|e| format!("{}: {e:?}", path.display()))
}

/// The TensorProto in `path`.
fn read_tensor(path: &Path) -> Result<tg_onnx::tensor::Tensor, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let proto = <tg_onnx::proto::TensorProto as prost::Message>::decode(bytes.as_slice()).map_err(|e| e.to_string())?;
    tg_onnx::tensor::Tensor::read(&proto)
}

/// The expected output in `path` (a TensorProto), as shape and f64 values.
fn read_expected(path: &Path) -> Result<(Vec<usize>, Vec<f64>), String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let proto = <tg_onnx::proto::TensorProto as prost::Message>::decode(bytes.as_slice())
        .map_err(|_| "its expected output is not a tensor".to_string())?;
    let tensor = tg_onnx::tensor::Tensor::read(&proto)?;
    let values = match tensor.values {
        Values::Float(v) => v,
        Values::Int(v) => v.into_iter().map(|x| x as f64).collect(),
    };
    Ok((tensor.shape.iter().map(|&d| d as usize).collect(), values))
}

fn close(got: f64, want: f64, case: &Case) -> bool {
    (got.is_nan() && want.is_nan()) || got == want || (got - want).abs() <= case.atol + case.rtol * want.abs()
}

fn run_case(dir: &Path, case: &Case, scratch: &Path) -> Outcome {
    let model_path = dir.join(&case.name).join("model.onnx");
    let bytes = std::fs::read(&model_path).expect("model.onnx");
    let model = match tg_onnx::decode(&bytes) {
        Ok(model) => model,
        Err(e) => return Outcome::Failed(format!("does not decode: {e}")),
    };
    let data_sets: Vec<PathBuf> =
        (0..).map(|i| dir.join(&case.name).join(format!("test_data_set_{i}"))).take_while(|p| p.exists()).collect();
    // Import first: what the importer refuses is unsupported. A graph input
    // it needs as a constant (a shape, axes) is given its value from the
    // data set, as a user would with --constant-input.
    let graph_inputs: Vec<String> = model
        .graph
        .as_ref()
        .map(|g| g.input.iter().map(|i| i.name.clone().unwrap_or_default()).collect())
        .unwrap_or_default();
    let context = tool_support::context::create(false, false);
    tg_dialect::load(&context);
    context.get_or_load_dialect("func");
    let mut constants: Vec<usize> = Vec::new();
    loop {
        let mut options = tg_onnx::import::Options::default();
        for &k in &constants {
            let file = data_sets.first().map(|d| numbered(d, "input")[k].clone());
            let Some(tensor) = file.and_then(|f| read_tensor(&f).ok()) else {
                return Outcome::Unsupported(format!("input {k} is needed as a constant but has no readable value"));
            };
            options.constant_inputs.insert(graph_inputs[k].clone(), tensor);
        }
        match tg_onnx::import::import(&context, &model, &options) {
            Ok(_) => break,
            Err(e) => {
                let message = e.to_string();
                let wanted = message.split("--constant-input ").nth(1).and_then(|rest| rest.split('=').next());
                match wanted.and_then(|name| graph_inputs.iter().position(|i| i == name)) {
                    Some(k) if !constants.contains(&k) => constants.push(k),
                    _ => return Outcome::Unsupported(message),
                }
            }
        }
    }
    for data in data_sets {
        let expected = numbered(&data, "output");
        let outputs: Vec<PathBuf> = (0..expected.len()).map(|i| scratch.join(format!("out{i}.npy"))).collect();
        let inputs = numbered(&data, "input");
        let constant_inputs = constants.iter().map(|&k| format!("{}={}", graph_inputs[k], inputs[k].display())).collect();
        let options = Options {
            input: model_path.display().to_string(),
            entry: None,
            defines: Vec::new(),
            inputs: inputs.iter().enumerate().filter(|(k, _)| !constants.contains(k)).map(|(_, p)| p.clone()).collect(),
            outputs: outputs.clone(),
            random_inputs: None,
            print: false,
            bench: None,
            json: false,
            threads: Some(1),
            pipeline: None,
            reference: false,
            input_shapes: Vec::new(),
            constant_inputs,
        };
        let mut sink = Vec::new();
        if let Err(failure) = tensor_run::run::execute(&options, &mut sink) {
            let text = failure.text.trim();
            // An input tensor-run cannot hold (a bool, a string) is unsupported.
            if text.contains("data type") && text.contains("not supported") {
                return Outcome::Unsupported(text.to_string());
            }
            return Outcome::Failed(text.to_string());
        }
        for (i, (got_path, want_path)) in outputs.iter().zip(&expected).enumerate() {
            let (shape, want) = match read_expected(want_path) {
                Ok(expected) => expected,
                Err(e) => return Outcome::Unsupported(format!("output {i}: {e}")),
            };
            let got = match read_result(got_path) {
                Ok(got) => got,
                Err(e) => return Outcome::Failed(e),
            };
            if got.shape() != shape.as_slice() {
                return Outcome::Failed(format!("output {i} has shape {:?}, expected {shape:?}", got.shape()));
            }
            if let Some((j, (g, w))) = got.iter().zip(&want).enumerate().find(|(_, (g, w))| !close(**g, **w, case)) {
                return Outcome::Failed(format!("output {i} element {j} is {g}, expected {w}"));
            }
        }
    }
    Outcome::Passed
}

#[test]
fn onnx_backend_node_tests() {
    let dir = cache();
    let cases = cases(&dir);
    assert!(cases.len() > 1000, "{} cases in {}", cases.len(), dir.display());
    let scratch = tempfile::tempdir().expect("temp dir");
    // op -> (passed, failed, unsupported)
    let mut table: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut unsupported_reasons: BTreeMap<String, String> = BTreeMap::new();
    for case in &cases {
        let outcome = run_case(&dir, case, scratch.path());
        let row = table.entry(case.op.clone()).or_default();
        match outcome {
            Outcome::Passed => row.0 += 1,
            Outcome::Failed(why) => {
                row.1 += 1;
                failures.push(format!("{} ({}): {why}", case.name, case.op));
            }
            Outcome::Unsupported(why) => {
                row.2 += 1;
                let allowed = LIGHT_OPS_LIMITS.iter().any(|limit| why.contains(limit));
                if LIGHT_OPS.contains(&case.op.as_str()) && !allowed {
                    failures.push(format!("{} ({}, an op of the light networks) is unsupported: {why}", case.name, case.op));
                }
                unsupported_reasons.entry(case.op.clone()).or_insert(why);
            }
        }
    }
    let report = render(&table, &unsupported_reasons);
    println!("{report}");
    let _ = std::fs::write(dir.join("report.md"), &report);
    assert!(failures.is_empty(), "{} ONNX node test cases failed:\n{}", failures.len(), failures.join("\n"));
}

/// The per-op table, totals first, then the unsupported ops with a reason each.
fn render(table: &BTreeMap<String, (usize, usize, usize)>, reasons: &BTreeMap<String, String>) -> String {
    let total = table.values().fold((0, 0, 0), |t, r| (t.0 + r.0, t.1 + r.1, t.2 + r.2));
    let mut out = format!(
        "ONNX backend node tests: {} cases, {} passed, {} failed, {} unsupported\n\n| op | passed | failed | unsupported |\n|---|---|---|---|\n",
        total.0 + total.1 + total.2,
        total.0,
        total.1,
        total.2
    );
    for (op, (p, f, u)) in table.iter().filter(|(_, r)| r.0 + r.1 > 0) {
        out.push_str(&format!("| {op} | {p} | {f} | {u} |\n"));
    }
    let unsupported: Vec<&String> = table.iter().filter(|(_, r)| r.0 + r.1 == 0).map(|(op, _)| op).collect();
    out.push_str(&format!("\nUnsupported op types ({}): ", unsupported.len()));
    out.push_str(&unsupported.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "));
    out.push('\n');
    out.push_str("\nFirst reason per op with unsupported cases:\n");
    for (op, why) in reasons {
        out.push_str(&format!("- {op}: {why}\n"));
    }
    out
}
