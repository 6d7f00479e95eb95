//! The tensor language (`.tc`): every example compiled at every opt level
//! (opt-level 3 with its schedule, on one and two threads) and checked
//! against the language's own evaluator (`tensor-run --reference`); every
//! error the checker and the schedule report, rendered, as a snapshot; and
//! the ranges inference gives.

use ndarray::ArrayD;
use ndarray_npy::ReadNpyExt;
use std::path::{Path, PathBuf};
use tensor_run::cli::Options;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// An example of `examples/tc/` with the sizes it runs at here.
struct Example {
    file: &'static str,
    entry: Option<&'static str>,
    defines: &'static [&'static str],
}

const EXAMPLES: &[Example] = &[
    Example {
        file: "convmatmul.tc",
        entry: None,
        defines: &["N=2", "C=3", "H=32", "W=32", "F=16", "KH=3", "KW=3", "OH=30", "M=8"],
    },
    Example { file: "matmul.tc", entry: None, defines: &["M=33", "K=20", "N=47"] },
    Example { file: "batch_matmul.tc", entry: None, defines: &["B=3", "M=16", "K=8", "N=24"] },
    Example { file: "softmax.tc", entry: None, defines: &["N=5", "C=37"] },
    Example { file: "layernorm.tc", entry: None, defines: &["N=4", "D=32"] },
    Example { file: "attention.tc", entry: None, defines: &["B=2", "S=8", "E=16"] },
    Example { file: "depthwise.tc", entry: None, defines: &["N=2", "H=15", "W=16", "C=8", "KH=3", "KW=3", "OH=8", "OW=8"] },
    Example { file: "pooling.tc", entry: Some("maxpool"), defines: &["N=2", "C=3", "H=9", "W=8"] },
    Example { file: "pooling.tc", entry: Some("avgpool"), defines: &["N=2", "C=3", "H=9", "W=8"] },
    Example { file: "einsum.tc", entry: None, defines: &["B=2", "I=4", "K=3", "L=5", "J=6"] },
];

fn run(example: &Example, outputs: Vec<PathBuf>, seed: u64, pipeline: Option<&str>, reference: bool) {
    let options = Options {
        input: root().join("examples/tc").join(example.file).display().to_string(),
        entry: example.entry.map(String::from),
        defines: example.defines.iter().map(|d| d.to_string()).collect(),
        inputs: Vec::new(),
        outputs,
        random_inputs: Some(seed),
        print: false,
        bench: None,
        json: false,
        threads: None,
        pipeline: pipeline.map(|p| format!("builtin.module({p})")),
        reference,
        input_shapes: Vec::new(),
        constant_inputs: Vec::new(),
    };
    let mut sink = Vec::new();
    if let Err(failure) = tensor_run::run::execute(&options, &mut sink) {
        panic!("{} ({:?}, {pipeline:?}, reference {reference}) failed:\n{}", example.file, example.entry, failure.text);
    }
}

fn read(path: &Path) -> ArrayD<f64> {
    let file = std::fs::File::open(path).expect("the result was written");
    ArrayD::<f32>::read_npy(file).map(|a| a.mapv(f64::from)).expect("an f32 result")
}

#[test]
fn examples_compiled_match_the_evaluator() {
    let dir = tempfile::tempdir().expect("temp dir");
    for example in EXAMPLES {
        let want_path = dir.path().join("want.npy");
        for (seed, pipeline) in [
            (1, "tg-compile{opt-level=0}"),
            (2, "tg-compile"),
            (3, "tg-compile{opt-level=3 out-params}"),
            (4, "tg-compile{opt-level=3 threads=2}"),
        ] {
            run(example, vec![want_path.clone()], seed, None, true);
            let got_path = dir.path().join("got.npy");
            run(example, vec![got_path.clone()], seed, Some(pipeline), false);
            let (got, want) = (read(&got_path), read(&want_path));
            assert_eq!(got.shape(), want.shape(), "{}: shapes differ", example.file);
            // Sums may be contracted into FMAs (one rounding) and reordered
            // by the schedules.
            let bad = got.iter().zip(want.iter()).position(|(a, b)| (a - b).abs() > 1e-4 * b.abs().max(1.0));
            if let Some(i) = bad {
                panic!(
                    "{} ({:?}) with {pipeline}: element {i} is {} where the evaluator gives {}",
                    example.file,
                    example.entry,
                    got.iter().nth(i).unwrap(),
                    want.iter().nth(i).unwrap()
                );
            }
        }
    }
}

/// Checks `text` against `tests/snapshots/{name}.snap`.
fn snapshot(name: &str, input: &str, text: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots");
    settings.set_omit_expression(true);
    settings.set_description(format!("tg_tc::import of:\n{input}"));
    settings.bind(|| insta::assert_snapshot!(name, text));
}

/// Every error of the language, rendered (miette, no colour) with its
/// source, as `tensor-translate --import-tc` prints it. Each case is
/// (name, source, input shapes if any, -D definitions).
#[test]
fn errors_render_with_their_source() {
    let defines = |pairs: &[(&str, i64)]| pairs.iter().map(|(n, v)| (n.to_string(), *v)).collect::<Vec<_>>();
    let cases: &[(&str, &str, Option<Vec<Vec<i64>>>, Vec<(String, i64)>)] = &[
        ("syntax", "def f(x: f32[N]) -> (y) {\n  y[i] = x[i] +\n}\n", None, defines(&[("N", 4)])),
        ("undefined_tensor", "def f(xs: f32[N]) -> (y) {\n  y[i] = x[i]\n}\n", None, defines(&[("N", 4)])),
        ("rank_mismatch", "def f(x: f32[N, M]) -> (y) {\n  y[i] = x[i]\n}\n", None, defines(&[("N", 4), ("M", 2)])),
        ("index_twice_on_left", "def f(x: f32[N, N]) -> (y) {\n  y[i, i] = x[i, i]\n}\n", None, defines(&[("N", 4)])),
        (
            "size_mismatch",
            "def f(a: f32[N], b: f32[N]) -> (y) {\n  y[i] = a[i] + b[i]\n}\n",
            Some(vec![vec![4], vec![5]]),
            Vec::new(),
        ),
        ("unbound_size", "def f(x: f32[N]) -> (y) {\n  y[i] = x[i]\n}\n", None, Vec::new()),
        ("unresolved_range", "def f(x: f32[N]) -> (y) {\n  y[i, j] = x[i]\n}\n", None, defines(&[("N", 4)])),
        ("empty_range", "def f(x: f32[N], k: f32[K]) -> (y) {\n  y[i] +=! x[i + r] * k[r]\n}\n", None, defines(&[("N", 2), ("K", 3)])),
        (
            "conflicting_range",
            "def f(x: f32[N]) -> (y: f32[N]) {\n  y[i] = x[i] where i in 0:3\n}\n",
            None,
            defines(&[("N", 4)]),
        ),
        ("out_of_range_read", "def f(x: f32[N]) -> (y: f32[N]) {\n  y[i] = x[i + 1]\n}\n", None, defines(&[("N", 4)])),
        ("not_affine", "def f(x: f32[N]) -> (y) {\n  y[i] +=! x[i * j]\n}\n", None, defines(&[("N", 4)])),
        ("pure_with_reduction", "def f(x: f32[N, M]) -> (y) {\n  y[i] = x[i, j]\n}\n", None, defines(&[("N", 4), ("M", 2)])),
        ("mixed_types", "def f(x: f32[N], n: i32[N]) -> (y) {\n  y[i] = x[i] + n[i]\n}\n", None, defines(&[("N", 4)])),
        ("unknown_function", "def f(x: f32[N]) -> (y) {\n  y[i] = relu(x[i])\n}\n", None, defines(&[("N", 4)])),
        ("defined_twice", "def f(x: f32[N]) -> (y) {\n  y[i] = x[i]\n  y[i] = x[i] * 2\n}\n", None, defines(&[("N", 4)])),
        ("accumulate_undefined", "def f(x: f32[N]) -> (y) {\n  y[i] += x[i]\n}\n", None, defines(&[("N", 4)])),
        ("output_undefined", "def f(x: f32[N]) -> (y, z) {\n  y[i] = x[i]\n}\n", None, defines(&[("N", 4)])),
        ("result_not_from_zero", "def f(x: f32[N]) -> (y) {\n  y[i] = x[i - 1]\n}\n", None, defines(&[("N", 4)])),
        (
            "schedule_unknown_statement",
            "def f(x: f32[N]) -> (y) {\n  y[i] = x[i]\n} schedule {\n  tile z (i: 2)\n}\n",
            None,
            defines(&[("N", 4)]),
        ),
        (
            "schedule_unknown_index",
            "def f(x: f32[N]) -> (y) {\n  y[i] = x[i]\n} schedule {\n  tile y (j: 2)\n}\n",
            None,
            defines(&[("N", 4)]),
        ),
        (
            "schedule_parallel_reduction",
            "def f(x: f32[N, M]) -> (y) {\n  y[i] +=! x[i, j]\n} schedule {\n  parallel y (j)\n}\n",
            None,
            defines(&[("N", 4), ("M", 3)]),
        ),
        (
            "schedule_tile_too_large",
            "def f(x: f32[N]) -> (y) {\n  y[i] = x[i]\n} schedule {\n  tile y (i: 64)\n}\n",
            None,
            defines(&[("N", 4)]),
        ),
        (
            "schedule_unroll_untiled",
            "def f(x: f32[N, M]) -> (y) {\n  y[i] +=! x[i, j]\n} schedule {\n  unroll y (j)\n}\n",
            None,
            defines(&[("N", 4), ("M", 3)]),
        ),
        (
            "schedule_compute_at_untiled",
            "def f(x: f32[N]) -> (y) {\n  t[i] = x[i] * 2\n  y[i] = t[i] + 1\n} schedule {\n  compute_at t at y.i\n}\n",
            None,
            defines(&[("N", 4)]),
        ),
        (
            "schedule_unknown_primitive",
            "def f(x: f32[N]) -> (y) {\n  y[i] = x[i]\n} schedule {\n  split y (i: 2)\n}\n",
            None,
            defines(&[("N", 4)]),
        ),
        (
            "schedule_after_vectorize",
            "def f(x: f32[N]) -> (y) {\n  y[i] = x[i]\n} schedule {\n  vectorize y\n  tile y (i: 2)\n}\n",
            None,
            defines(&[("N", 4)]),
        ),
    ];
    let context = tool_support::context::create(false, false);
    for (name, source, shapes, defines) in cases {
        let error = match tg_tc::import(&context, "case.tc", source, None, shapes.as_deref(), defines) {
            Ok(_) => panic!("{name}: imported without an error:\n{source}"),
            Err(error) => error,
        };
        snapshot(&format!("tc_error__{name}"), source, &error.render("case.tc", source));
    }
}

/// Ranges as Tensor Comprehensions infers them: the largest that keeps
/// every read in bounds, from the accesses, the declared result and `where`.
#[test]
fn inferred_ranges() {
    let cases: &[(&str, &[(&str, i64)], &[(&str, i64, i64)])] = &[
        // A valid convolution: y + kh < H bounds y by H - KH + 1.
        (
            "def f(x: f32[H], k: f32[K]) -> (y) {\n  y[i] +=! x[i + r] * k[r]\n}\n",
            &[("H", 10), ("K", 3)],
            &[("i", 0, 8), ("r", 0, 3)],
        ),
        // Stride 2 with a given window: 2*i + r < 9 for r < 2.
        ("def f(x: f32[H]) -> (y) {\n  y[i] max=! x[2*i + r] where r in 0:2\n}\n", &[("H", 9)], &[("i", 0, 4), ("r", 0, 2)]),
        // Two reads of different sizes: the smaller bounds.
        ("def f(a: f32[N], b: f32[M]) -> (y) {\n  y[i] = a[i] + b[i]\n}\n", &[("N", 7), ("M", 5)], &[("i", 0, 5)]),
        // A reversed read: N - 1 - i.
        ("def f(a: f32[N]) -> (y) {\n  y[i] = a[N - 1 - i]\n}\n", &[("N", 6)], &[("i", 0, 6)]),
        // Padded reads bound nothing: the declared result does.
        (
            "def f(x: f32[N]) -> (y: f32[N]) {\n  y[i] +=! x[i + r - 1] else 0 where r in 0:3\n}\n",
            &[("N", 6)],
            &[("i", 0, 6), ("r", 0, 3)],
        ),
    ];
    for (source, sizes, want) in cases {
        let defines: Vec<(String, i64)> = sizes.iter().map(|(n, v)| (n.to_string(), *v)).collect();
        let (_, checked) = tg_tc::check_source(source, None, None, &defines).unwrap_or_else(|e| panic!("{source}: {e}"));
        let loops: Vec<(String, i64, i64)> =
            checked.statements[0].loops.iter().map(|l| (l.name.clone(), l.lo, l.lo + l.extent)).collect();
        let want: Vec<(String, i64, i64)> = want.iter().map(|(n, lo, hi)| (n.to_string(), *lo, *hi)).collect();
        assert_eq!(loops, want, "{source}");
    }
}

/// `lit-tests/tc/`: every statement form, every schedule primitive, the
/// tools' errors, and the examples against numpy.
#[test]
fn tc_lit_tests() {
    let translate = crate::tensor_run::build_tool("tensor-translate");
    let tensor_run = crate::tensor_run::build_tensor_run();
    let tensor_opt = Path::new(env!("CARGO_BIN_EXE_tensor-opt"));
    let bin_dir = tensor_opt.parent().expect("the binary lives in a directory");
    let stdout = crate::lit::run_lit(
        "lit-tests/tc",
        &[("TENSOR_OPT_BIN_DIR", bin_dir), ("TENSOR_TRANSLATE_BIN", &translate), ("TENSOR_RUN_BIN", &tensor_run)],
    );
    assert!(!stdout.contains("Unsupported"), "the .tc lit tests were skipped:\n{stdout}");
}
