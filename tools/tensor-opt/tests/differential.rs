//! The differential suite: every `tg` program here is compiled through
//! `tg-compile` (with and without `tg-fuse` before it) and run in the JIT on seeded random inputs, and its results
//! are compared with the reference interpreter's (relative tolerance 1e-4
//! for floats, exact for integers). Generated cases sweep shapes, strides,
//! paddings, dilations, groups, permutations, axes and broadcasting.

use ndarray::ArrayD;
use ndarray_npy::read_npy;
use std::path::Path;
use tensor_run::cli::Options;

/// Runs `source`'s @main compiled (with `pipeline`) or by the interpreter; the result files.
fn run(dir: &Path, source: &str, seed: u64, reference: bool, pipeline: &str, results: usize) -> Vec<std::path::PathBuf> {
    let input = dir.join("case.mlir");
    std::fs::write(&input, source).expect("temp dir is writable");
    let tag = if reference { "ref" } else { "jit" };
    let outputs: Vec<_> = (0..results).map(|i| dir.join(format!("{tag}{i}.npy"))).collect();
    let options = Options {
        input: input.display().to_string(),
        entry: None,
        defines: Vec::new(),
        inputs: vec![],
        outputs: outputs.clone(),
        random_inputs: Some(seed),
        print: false,
        bench: None,
        json: false,
        threads: None,
        pipeline: Some(format!("builtin.module({pipeline})")),
        reference,
        input_shapes: Vec::new(),
        constant_inputs: Vec::new(),
    };
    let mut sink = Vec::new();
    if let Err(failure) = tensor_run::run::execute(&options, &mut sink) {
        panic!("{tag} run failed on\n{source}\n{}", failure.text);
    }
    outputs
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-4 * a.abs().max(b.abs()) + 1e-5
}

/// Compiles and interprets `source` on five seeds: at opt levels 2 and 0,
/// grouped by `tg-fuse` first (so `tg.fused` lowering is checked too), and
/// at opt level 3 with one and two threads; panics on any difference.
fn check(source: &str, results: usize, float: bool) {
    for (seed, pipeline) in [
        (1, "tg-compile"),
        (2, "tg-compile{opt-level=0}"),
        (3, "func.func(tg-fuse),tg-compile"),
        // The scheduled path: packed contractions, vectorized loops, results
        // written into caller buffers; and the same on two OpenMP threads.
        (4, "tg-compile{opt-level=3 out-params}"),
        (5, "tg-compile{opt-level=3 threads=2}"),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let jit = run(dir.path(), source, seed, false, pipeline, results);
        let reference = run(dir.path(), source, seed, true, pipeline, results);
        for (j, r) in jit.iter().zip(&reference) {
            let (got, want) = (read_as_f64(j, float), read_as_f64(r, float));
            assert_eq!(got.shape(), want.shape(), "shape differs for\n{source}");
            let bad = got.iter().zip(want.iter()).position(|(a, b)| if float { !close(*a, *b) } else { a != b });
            if let Some(i) = bad {
                panic!(
                    "{pipeline} disagrees with the reference at flat index {i}: {} vs {}\n{source}",
                    got.iter().nth(i).unwrap_or(&f64::NAN),
                    want.iter().nth(i).unwrap_or(&f64::NAN)
                );
            }
        }
    }
}

/// A result of any element type the tests use (f32, f64, i32, i64), as f64.
fn read_as_f64(path: &std::path::Path, float: bool) -> ArrayD<f64> {
    if float {
        read_npy::<_, ArrayD<f32>>(path)
            .map(|a| a.mapv(f64::from))
            .or_else(|_| read_npy::<_, ArrayD<f64>>(path))
            .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
    } else {
        read_npy::<_, ArrayD<i32>>(path)
            .map(|a| a.mapv(f64::from))
            .or_else(|_| read_npy::<_, ArrayD<i64>>(path).map(|a| a.mapv(|x| x as f64)))
            .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
    }
}

fn t(shape: &[usize], ty: &str) -> String {
    let dims: String = shape.iter().map(|d| format!("{d}x")).collect();
    format!("tensor<{dims}{ty}>")
}

fn unary_program(op: &str, shape: &[usize], ty: &str) -> String {
    let t = t(shape, ty);
    format!("func.func @main(%x: {t}) -> {t} {{\n  %0 = tg.{op} %x : {t}\n  return %0 : {t}\n}}\n")
}

#[test]
fn elementwise_binary_with_broadcasting() {
    let shapes: &[(&[usize], &[usize], &[usize])] = &[
        (&[4, 5], &[4, 5], &[4, 5]),
        (&[4, 5], &[5], &[4, 5]),
        (&[3, 1, 5], &[4, 1], &[3, 4, 5]),
        (&[1], &[2, 3], &[2, 3]),
    ];
    for op in ["add", "sub", "mul", "max", "min"] {
        for (a, b, out) in shapes {
            for ty in ["f32", "i32"] {
                let (ta, tb, to) = (t(a, ty), t(b, ty), t(out, ty));
                let src = format!(
                    "func.func @main(%a: {ta}, %b: {tb}) -> {to} {{\n  %0 = tg.{op} %a, %b : {ta}, {tb}\n  return %0 : {to}\n}}\n"
                );
                check(&src, 1, ty == "f32");
            }
        }
    }
    // div on floats only: random integers include 0.
    check(
        "func.func @main(%a: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<3x4xf32> {\n  %0 = tg.div %a, %b : tensor<3x4xf32>, tensor<4xf32>\n  return %0 : tensor<3x4xf32>\n}\n",
        1,
        true,
    );
}

/// Integer pow (math.ipowi, which once had no lowering at any level), on a
/// base that is never 0 (`a * a + 1`; -1 is no square modulo 2^32), so
/// negative exponents are defined; and integer division by `a * a + 1`.
#[test]
fn integer_pow_and_div() {
    for (shape, ty) in [(&[8usize, 8][..], "i32"), (&[3, 5], "i32"), (&[7], "i32")] {
        let t = t(shape, ty);
        let src = format!(
            "func.func @main(%a: {t}, %e: {t}) -> ({t}, {t}) {{\n  %one = tg.constant dense<1> : {t}\n  \
             %sq = tg.mul %a, %a : {t}, {t}\n  %b = tg.add %sq, %one : {t}, {t}\n  \
             %0 = tg.pow %b, %e : {t}, {t}\n  %1 = tg.div %e, %b : {t}, {t}\n  return %0, %1 : {t}, {t}\n}}\n"
        );
        check(&src, 2, false);
    }
}

/// Empty dimensions, which crashed tg-schedule at opt-level 3: an empty
/// matmul result, and a convolution over 0 channels (all zeros).
#[test]
fn zero_size_dimensions() {
    check(
        "func.func @main(%a: tensor<0x16xf32>, %b: tensor<16x8xf32>) -> tensor<0x8xf32> {\n  \
         %0 = tg.matmul %a, %b : tensor<0x16xf32>, tensor<16x8xf32>\n  return %0 : tensor<0x8xf32>\n}\n",
        1,
        true,
    );
    check(
        "func.func @main(%x: tensor<1x0x6x6xf32>, %w: tensor<4x0x3x3xf32>) -> tensor<1x4x4x4xf32> {\n  \
         %0 = tg.conv2d %x, %w : tensor<1x0x6x6xf32>, tensor<4x0x3x3xf32>\n  return %0 : tensor<1x4x4x4xf32>\n}\n",
        1,
        true,
    );
}

#[test]
fn elementwise_unary() {
    for op in ["neg", "abs", "relu", "exp", "tanh", "sigmoid", "erf"] {
        check(&unary_program(op, &[3, 7], "f32"), 1, true);
    }
    // erf on the vectorized path (2-D vectors at opt-level 3) and in f64.
    check(&unary_program("erf", &[8, 16], "f32"), 1, true);
    check(&unary_program("erf", &[4, 4], "f64"), 1, true);
    // clip: random inputs lie in [-1, 1) (floats) and [-4, 4] (ints), so
    // both bounds bite.
    for (ty, float) in [("f32", true), ("f64", true), ("i32", false), ("i64", false)] {
        for shape in [&[5][..], &[8, 16]] {
            let t = t(shape, ty);
            let (min, max) = if float { ("-0.25", "0.5") } else { ("-2.0", "3.0") };
            check(
                &format!("func.func @main(%x: {t}) -> {t} {{\n  %0 = tg.clip %x min {min} max {max} : {t}\n  return %0 : {t}\n}}\n"),
                1,
                float,
            );
        }
    }
    for op in ["neg", "abs", "relu"] {
        check(&unary_program(op, &[5], "i32"), 1, false);
        // 2-D: tg-schedule vectorizes with 2-D vectors, which math.absi's
        // LLVM lowering rejected ("failed to legalize").
        check(&unary_program(op, &[8, 8], "i32"), 1, false);
    }
    // log, sqrt, rsqrt on positive inputs: exp first.
    for op in ["log", "sqrt", "rsqrt"] {
        let src = format!(
            "func.func @main(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {{\n  %e = tg.exp %x : tensor<2x3xf32>\n  %0 = tg.{op} %e : tensor<2x3xf32>\n  return %0 : tensor<2x3xf32>\n}}\n"
        );
        check(&src, 1, true);
    }
}

#[test]
fn matmul_shapes() {
    let cases: &[(&[usize], &[usize], &[usize])] = &[
        (&[4, 3], &[3, 5], &[4, 5]),
        (&[2, 4, 3], &[2, 3, 5], &[2, 4, 5]),
        (&[2, 4, 3], &[1, 3, 5], &[2, 4, 5]),
        (&[2, 2, 4, 3], &[2, 3, 5], &[2, 2, 4, 5]),
        (&[4, 3], &[2, 3, 5], &[2, 4, 5]),
    ];
    for (a, b, out) in cases {
        let (ta, tb, to) = (t(a, "f32"), t(b, "f32"), t(out, "f32"));
        check(
            &format!("func.func @main(%a: {ta}, %b: {tb}) -> {to} {{\n  %0 = tg.matmul %a, %b : {ta}, {tb}\n  return %0 : {to}\n}}\n"),
            1,
            true,
        );
    }
}

#[test]
fn conv2d_sweep() {
    // (input, filter, strides, dilations, padding, groups)
    let cases: &[([usize; 4], [usize; 4], [i64; 2], [i64; 2], [i64; 4], i64)] = &[
        ([1, 3, 8, 8], [4, 3, 3, 3], [1, 1], [1, 1], [0, 0, 0, 0], 1),
        ([2, 3, 9, 7], [4, 3, 3, 2], [2, 1], [1, 1], [1, 0, 1, 2], 1),
        ([1, 2, 9, 9], [3, 2, 3, 3], [1, 2], [2, 1], [1, 1, 0, 0], 1),
        ([1, 4, 6, 6], [4, 2, 3, 3], [1, 1], [1, 1], [1, 1, 1, 1], 2),
        ([1, 4, 7, 7], [8, 1, 2, 2], [2, 2], [1, 2], [0, 1, 1, 0], 4),
        // Depthwise (one filter per channel: linalg.depthwise_conv_2d_nhwc_hwc
        // at opt-level 3), with stride, dilation and a batch; and ShuffleNet's
        // grouped 1x1 (28 filters per group, not a whole vector).
        ([1, 16, 9, 9], [16, 1, 3, 3], [2, 2], [1, 1], [1, 1, 1, 1], 16),
        ([2, 32, 7, 7], [32, 1, 3, 3], [1, 1], [2, 2], [2, 2, 2, 2], 32),
        ([1, 24, 8, 8], [112, 6, 1, 1], [1, 1], [1, 1], [0, 0, 0, 0], 4),
    ];
    for (input, filter, strides, dilations, padding, groups) in cases {
        let out_dim = |d: usize| {
            let padded = input[2 + d] as i64 + padding[d] + padding[2 + d];
            let extent = dilations[d] * (filter[2 + d] as i64 - 1) + 1;
            ((padded - extent) / strides[d] + 1) as usize
        };
        let out = [input[0], filter[0], out_dim(0), out_dim(1)];
        let (ti, tf, to) = (t(input, "f32"), t(filter, "f32"), t(&out, "f32"));
        let list = |v: &[i64]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(", ");
        let src = format!(
            "func.func @main(%x: {ti}, %w: {tf}) -> {to} {{\n  %0 = tg.conv2d %x, %w strides [{}] dilations [{}] padding [{}] groups {groups} : {ti}, {tf}\n  return %0 : {to}\n}}\n",
            list(strides),
            list(dilations),
            list(padding)
        );
        check(&src, 1, true);
    }
}

#[test]
fn pooling_sweep() {
    for (kind, extra) in [("max_pool2d", ""), ("avg_pool2d", ""), ("avg_pool2d", " count_include_pad")] {
        for (kernel, strides, dilations, padding, out) in [
            ([2, 2], [2, 2], [1, 1], [0, 0, 0, 0], [3, 3]),
            ([3, 3], [1, 2], [1, 1], [1, 1, 1, 1], [6, 3]),
            ([3, 2], [2, 1], [1, 1], [1, 0, 2, 1], [4, 6]),
            // Dilated windows (taps 2 or 3 apart), with padding past a tap.
            ([2, 2], [1, 1], [2, 2], [0, 0, 0, 0], [4, 4]),
            ([3, 2], [2, 1], [2, 3], [2, 1, 1, 3], [3, 7]),
        ] {
            let list = |v: &[i64]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(", ");
            let (ti, to) = (t(&[1, 2, 6, 6], "f32"), t(&[1, 2, out[0], out[1]], "f32"));
            let src = format!(
                "func.func @main(%x: {ti}) -> {to} {{\n  %0 = tg.{kind} %x kernel [{}] strides [{}] dilations [{}] padding [{}]{extra} : {ti}\n  return %0 : {to}\n}}\n",
                list(&kernel),
                list(&strides),
                list(&dilations),
                list(&padding)
            );
            check(&src, 1, true);
        }
    }
}

#[test]
fn data_movement() {
    let programs = [
        "func.func @main(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {\n  %0 = tg.transpose %x perm [2, 0, 1] : tensor<2x3x4xf32>\n  return %0 : tensor<4x2x3xf32>\n}\n",
        "func.func @main(%x: tensor<2x3x4xf32>) -> tensor<3x2x4xf32> {\n  %0 = tg.transpose %x perm [1, 0, 2] : tensor<2x3x4xf32>\n  return %0 : tensor<3x2x4xf32>\n}\n",
        "func.func @main(%x: tensor<2x6xf32>) -> tensor<3x4xf32> {\n  %0 = tg.reshape %x : tensor<2x6xf32> to tensor<3x4xf32>\n  return %0 : tensor<3x4xf32>\n}\n",
        "func.func @main(%x: tensor<3x1xf32>) -> tensor<2x3x4xf32> {\n  %0 = tg.broadcast_to %x : tensor<3x1xf32> to tensor<2x3x4xf32>\n  return %0 : tensor<2x3x4xf32>\n}\n",
        "func.func @main(%a: tensor<2x3xf32>, %b: tensor<2x2xf32>) -> tensor<2x8xf32> {\n  %0 = tg.concat %a, %b, %a axis 1 : tensor<2x3xf32>, tensor<2x2xf32>, tensor<2x3xf32>\n  return %0 : tensor<2x8xf32>\n}\n",
        "func.func @main(%x: tensor<5x8xf32>) -> tensor<2x3xf32> {\n  %0 = tg.slice %x offsets [1, 1] sizes [2, 3] strides [2, 3] : tensor<5x8xf32>\n  return %0 : tensor<2x3xf32>\n}\n",
        "func.func @main(%x: tensor<2x3xf32>) -> tensor<3x7xf32> {\n  %0 = tg.pad %x low [1, 0] high [0, 4] value -1.5 : tensor<2x3xf32>\n  return %0 : tensor<3x7xf32>\n}\n",
    ];
    for src in programs {
        check(src, 1, true);
    }
}

#[test]
fn reductions_softmax_cast() {
    let programs = [
        "func.func @main(%x: tensor<3x4x5xf32>) -> tensor<3x1x5xf32> {\n  %0 = tg.reduce_sum %x axes [1] keepdims : tensor<3x4x5xf32>\n  return %0 : tensor<3x1x5xf32>\n}\n",
        "func.func @main(%x: tensor<3x4x5xf32>) -> tensor<4xf32> {\n  %0 = tg.reduce_max %x axes [2, 0] : tensor<3x4x5xf32>\n  return %0 : tensor<4xf32>\n}\n",
        "func.func @main(%x: tensor<3x4x5xf32>) -> tensor<3x5xf32> {\n  %0 = tg.reduce_mean %x axes [1] : tensor<3x4x5xf32>\n  return %0 : tensor<3x5xf32>\n}\n",
        "func.func @main(%x: tensor<3x4x5xf32>) -> tensor<3x4x5xf32> {\n  %0 = tg.softmax %x axis 1 : tensor<3x4x5xf32>\n  return %0 : tensor<3x4x5xf32>\n}\n",
        "func.func @main(%x: tensor<4x3xi32>) -> tensor<4x3xf32> {\n  %0 = tg.cast %x : tensor<4x3xi32> to tensor<4x3xf32>\n  return %0 : tensor<4x3xf32>\n}\n",
        "func.func @main() -> tensor<2x2xf32> {\n  %c = tg.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>\n  %0 = tg.pow %c, %c : tensor<2x2xf32>, tensor<2x2xf32>\n  return %0 : tensor<2x2xf32>\n}\n",
    ];
    for src in programs {
        check(src, 1, true);
    }
    check(
        "func.func @main(%x: tensor<3x4xi32>) -> tensor<3xi32> {\n  %0 = tg.reduce_sum %x axes [1] : tensor<3x4xi32>\n  return %0 : tensor<3xi32>\n}\n",
        1,
        false,
    );
}

#[test]
fn examples() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    for name in ["convmatmul.tg.mlir", "mlp.tg.mlir", "cnn.tg.mlir"] {
        let source = std::fs::read_to_string(root.join(name)).expect("example exists");
        check(&source, 1, true);
    }
}

#[test]
fn fused_graphs() {
    // Graphs tg-fuse groups: epilogues of matmul and conv2d, an injective
    // chain, reductions with prologue and epilogue, a constant cloned into two
    // groups, and groups left apart by the multi-consumer rule.
    // (program, number of results)
    let programs = [
        ("func.func @main(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {\n  %0 = tg.matmul %x, %w : tensor<4x8xf32>, tensor<8x16xf32>\n  %1 = tg.add %0, %b : tensor<4x16xf32>, tensor<16xf32>\n  %2 = tg.relu %1 : tensor<4x16xf32>\n  return %2 : tensor<4x16xf32>\n}\n", 1),
        ("func.func @main(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x4x4xf32> {\n  %0 = tg.conv2d %x, %w padding [1, 1, 1, 1] : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>\n  %b3 = tg.reshape %b : tensor<4xf32> to tensor<4x1x1xf32>\n  %1 = tg.add %0, %b3 : tensor<1x4x8x8xf32>, tensor<4x1x1xf32>\n  %2 = tg.relu %1 : tensor<1x4x8x8xf32>\n  %3 = tg.max_pool2d %2 kernel [2, 2] strides [2, 2] : tensor<1x4x8x8xf32>\n  return %3 : tensor<1x4x4x4xf32>\n}\n", 1),
        ("func.func @main(%x: tensor<2x3x4xf32>) -> tensor<4x5xf32> {\n  %0 = tg.transpose %x perm [2, 0, 1] : tensor<2x3x4xf32>\n  %1 = tg.reshape %0 : tensor<4x2x3xf32> to tensor<4x6xf32>\n  %2 = tg.slice %1 offsets [0, 1] sizes [4, 5] : tensor<4x6xf32>\n  %3 = tg.tanh %2 : tensor<4x5xf32>\n  return %3 : tensor<4x5xf32>\n}\n", 1),
        ("func.func @main(%x: tensor<3x4xf32>, %w: tensor<4x5xf32>, %b: tensor<5xf32>) -> tensor<3x5xf32> {\n  %0 = tg.matmul %x, %w : tensor<3x4xf32>, tensor<4x5xf32>\n  %1 = tg.add %0, %b : tensor<3x5xf32>, tensor<5xf32>\n  %2 = tg.relu %1 : tensor<3x5xf32>\n  %m = tg.reduce_max %2 axes [1] keepdims : tensor<3x5xf32>\n  %3 = tg.sub %2, %m : tensor<3x5xf32>, tensor<3x1xf32>\n  %4 = tg.exp %3 : tensor<3x5xf32>\n  %s = tg.reduce_sum %4 axes [1] keepdims : tensor<3x5xf32>\n  %5 = tg.div %4, %s : tensor<3x5xf32>, tensor<3x1xf32>\n  return %5 : tensor<3x5xf32>\n}\n", 1),
        ("func.func @main(%x: tensor<4x6xf32>) -> tensor<4xf32> {\n  %0 = tg.exp %x : tensor<4x6xf32>\n  %1 = tg.reduce_mean %0 axes [1] : tensor<4x6xf32>\n  %2 = tg.log %1 : tensor<4xf32>\n  return %2 : tensor<4xf32>\n}\n", 1),
        ("func.func @main(%x: tensor<4xf32>, %y: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {\n  %c = tg.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>\n  %0 = tg.add %x, %c : tensor<4xf32>, tensor<4xf32>\n  %1 = tg.relu %0 : tensor<4xf32>\n  %2 = tg.mul %y, %c : tensor<4xf32>, tensor<4xf32>\n  %3 = tg.exp %2 : tensor<4xf32>\n  return %1, %3 : tensor<4xf32>, tensor<4xf32>\n}\n", 2),
        ("func.func @main(%x: tensor<4x4xf32>, %w: tensor<4x4xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>) {\n  %a = tg.exp %x : tensor<4x4xf32>\n  %m = tg.matmul %a, %w : tensor<4x4xf32>, tensor<4x4xf32>\n  %b = tg.add %m, %a : tensor<4x4xf32>, tensor<4x4xf32>\n  %n = tg.neg %a : tensor<4x4xf32>\n  %c = tg.sigmoid %n : tensor<4x4xf32>\n  return %b, %c : tensor<4x4xf32>, tensor<4x4xf32>\n}\n", 2),
    ];
    for (src, results) in programs {
        check(src, results, true);
    }
}
