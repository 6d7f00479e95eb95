//! The reference interpreter (`tg-interpreter`) against hand-computed
//! results: at least one test per `tg` op, the tricky cases of each
//! (broadcasting both ways, batch broadcasting, strided/dilated/padded and
//! grouped convolutions, padded pooling, permutations, keepdims, integer
//! semantics), and the error cases.

use melior::ir::Module;
use ndarray::{ArrayD, Dimension, IxDyn};
use std::f64::consts::{E, FRAC_1_SQRT_2, LN_2, SQRT_2};
use tg_interpreter::{evaluate, EvalError, OpError, Tensor};

/// Parses `source` (verified, wrapped in a module) and evaluates `@main`.
fn run(source: &str, inputs: &[Tensor]) -> Result<Vec<Tensor>, EvalError> {
    let context = tool_support::context::create(false, false);
    let operation = tg_dialect::parse_source_for_tool(&context, source, "test.mlir", true)
        .expect("the test program parses and verifies");
    let module = Module::from_operation(operation).expect("the parser returns a builtin.module");
    evaluate(module.as_operation(), "main", inputs)
}

/// As [`run`], expecting success.
fn eval(source: &str, inputs: &[Tensor]) -> Vec<Tensor> {
    run(source, inputs).unwrap_or_else(|e| panic!("evaluation failed: {e}"))
}

fn f32s(shape: &[usize], data: &[f32]) -> Tensor {
    Tensor::F32(ArrayD::from_shape_vec(IxDyn(shape), data.to_vec()).expect("data matches shape"))
}

fn f64s(shape: &[usize], data: &[f64]) -> Tensor {
    Tensor::F64(ArrayD::from_shape_vec(IxDyn(shape), data.to_vec()).expect("data matches shape"))
}

fn i32s(shape: &[usize], data: &[i32]) -> Tensor {
    Tensor::I32(ArrayD::from_shape_vec(IxDyn(shape), data.to_vec()).expect("data matches shape"))
}

fn i64s(shape: &[usize], data: &[i64]) -> Tensor {
    Tensor::I64(ArrayD::from_shape_vec(IxDyn(shape), data.to_vec()).expect("data matches shape"))
}

/// `f32` tensor of `shape` whose element at each index is `f(index)`.
fn f32_fn(shape: &[usize], f: impl Fn(&[usize]) -> f32) -> Tensor {
    Tensor::F32(ArrayD::from_shape_fn(IxDyn(shape), |i| f(i.slice())))
}

/// Checks a float tensor's type and values (relative tolerance 1e-4,
/// absolute 1e-6 near zero).
fn assert_floats(actual: &Tensor, dtype: &str, shape: &[usize], expected: &[f64]) {
    assert_eq!(actual.dtype(), dtype, "element type of {actual:?}");
    assert_eq!(actual.shape(), shape, "shape of {actual:?}");
    let values: Vec<f64> = match actual {
        Tensor::F32(a) => a.iter().map(|&x| x as f64).collect(),
        Tensor::F64(a) => a.iter().copied().collect(),
        other => panic!("expected a float tensor, got {other:?}"),
    };
    assert_eq!(values.len(), expected.len());
    for (i, (&got, &want)) in values.iter().zip(expected).enumerate() {
        let close = (got - want).abs() <= 1e-4 * want.abs().max(got.abs()) + 1e-6;
        assert!(close || (got.is_nan() && want.is_nan()), "element {i}: got {got}, expected {want}\n{actual:?}");
    }
}

/// Checks an integer tensor's type and values exactly.
fn assert_ints(actual: &Tensor, dtype: &str, shape: &[usize], expected: &[i64]) {
    assert_eq!(actual.dtype(), dtype, "element type of {actual:?}");
    assert_eq!(actual.shape(), shape, "shape of {actual:?}");
    let values: Vec<i64> = match actual {
        Tensor::I32(a) => a.iter().map(|&x| x as i64).collect(),
        Tensor::I64(a) => a.iter().copied().collect(),
        other => panic!("expected an integer tensor, got {other:?}"),
    };
    assert_eq!(values, expected, "{actual:?}");
}

/// The values of `shape` in row-major order computed by `f`, for expected
/// results given by a closed form.
fn expected_fn(shape: &[usize], f: impl Fn(&[usize]) -> f64) -> Vec<f64> {
    ArrayD::from_shape_fn(IxDyn(shape), |i| f(i.slice())).iter().copied().collect()
}

// ---------------------------------------------------------------------------
// Tensor
// ---------------------------------------------------------------------------

#[test]
fn tensor_shape_and_dtype() {
    let t = i64s(&[2, 3], &[0; 6]);
    assert_eq!(t.shape(), &[2, 3]);
    assert_eq!(t.dtype(), "i64");
    assert_eq!(t.type_string(), "tensor<2x3xi64>");
    assert_eq!(f32s(&[], &[1.0]).type_string(), "tensor<f32>");
    assert_eq!(f64s(&[1], &[1.0]).dtype(), "f64");
    assert_eq!(i32s(&[1], &[1]).dtype(), "i32");
}

// ---------------------------------------------------------------------------
// tg.constant
// ---------------------------------------------------------------------------

#[test]
fn constant_dense_and_splat() {
    let out = eval(
        r#"
func.func @main() -> (tensor<2x2xf32>, tensor<3xi64>, tensor<2x3xi32>, tensor<2xf64>, tensor<f32>, tensor<2x2xi32>) {
  %a = tg.constant dense<[[1.0, 2.0], [3.0, 4.5]]> : tensor<2x2xf32>
  %b = tg.constant dense<7> : tensor<3xi64>
  %c = tg.constant dense<[[1, -2, 3], [4, 5, -6]]> : tensor<2x3xi32>
  %d = tg.constant dense<2.5> : tensor<2xf64>
  %e = tg.constant dense<-3.25> : tensor<f32>
  %f = tg.constant dense<[[2147483647, -2147483648], [0, 1]]> : tensor<2x2xi32>
  return %a, %b, %c, %d, %e, %f : tensor<2x2xf32>, tensor<3xi64>, tensor<2x3xi32>, tensor<2xf64>, tensor<f32>, tensor<2x2xi32>
}"#,
        &[],
    );
    assert_eq!(out.len(), 6);
    assert_floats(&out[0], "f32", &[2, 2], &[1.0, 2.0, 3.0, 4.5]);
    assert_ints(&out[1], "i64", &[3], &[7, 7, 7]);
    assert_ints(&out[2], "i32", &[2, 3], &[1, -2, 3, 4, 5, -6]);
    assert_floats(&out[3], "f64", &[2], &[2.5, 2.5]);
    assert_floats(&out[4], "f32", &[], &[-3.25]);
    assert_ints(&out[5], "i32", &[2, 2], &[2147483647, -2147483648, 0, 1]);
}

#[test]
fn constant_i64_dense_and_f64_dense() {
    let out = eval(
        r#"
func.func @main() -> (tensor<3xi64>, tensor<2xf64>) {
  %a = tg.constant dense<[9000000000, -1, 0]> : tensor<3xi64>
  %b = tg.constant dense<[0.1, -1.0e300]> : tensor<2xf64>
  return %a, %b : tensor<3xi64>, tensor<2xf64>
}"#,
        &[],
    );
    assert_ints(&out[0], "i64", &[3], &[9_000_000_000, -1, 0]);
    assert_eq!(out[1].as_f64().expect("f64").as_slice().expect("contiguous"), &[0.1, -1.0e300]);
}

// ---------------------------------------------------------------------------
// Binary elementwise ops
// ---------------------------------------------------------------------------

#[test]
fn add_broadcasts_both_ways() {
    // 3x1 + 1x4: each operand is repeated along the other's dimension.
    let out = eval(
        r#"
func.func @main(%a: tensor<3x1xf32>, %b: tensor<1x4xf32>) -> tensor<3x4xf32> {
  %r = tg.add %a, %b : tensor<3x1xf32>, tensor<1x4xf32>
  return %r : tensor<3x4xf32>
}"#,
        &[f32s(&[3, 1], &[1.0, 2.0, 3.0]), f32s(&[1, 4], &[10.0, 20.0, 30.0, 40.0])],
    );
    #[rustfmt::skip]
    let expected = [
        11.0, 21.0, 31.0, 41.0,
        12.0, 22.0, 32.0, 42.0,
        13.0, 23.0, 33.0, 43.0,
    ];
    assert_floats(&out[0], "f32", &[3, 4], &expected);
}

#[test]
fn add_broadcasts_lower_rank_operand_on_the_left() {
    // tensor<3> + tensor<2x3>: the lhs aligns with the trailing dimension.
    let out = eval(
        r#"
func.func @main(%a: tensor<3xi64>, %b: tensor<2x3xi64>) -> tensor<2x3xi64> {
  %r = tg.add %a, %b : tensor<3xi64>, tensor<2x3xi64>
  return %r : tensor<2x3xi64>
}"#,
        &[i64s(&[3], &[1, 2, 3]), i64s(&[2, 3], &[10, 20, 30, 40, 50, 60])],
    );
    assert_ints(&out[0], "i64", &[2, 3], &[11, 22, 33, 41, 52, 63]);
}

#[test]
fn sub_with_broadcast_scalar_shaped_operand() {
    let out = eval(
        r#"
func.func @main(%a: tensor<2x2xf64>, %b: tensor<1xf64>, %c: tensor<f64>) -> (tensor<2x2xf64>, tensor<2x2xf64>) {
  %r = tg.sub %a, %b : tensor<2x2xf64>, tensor<1xf64>
  %s = tg.sub %c, %a : tensor<f64>, tensor<2x2xf64>
  return %r, %s : tensor<2x2xf64>, tensor<2x2xf64>
}"#,
        &[f64s(&[2, 2], &[5.0, 3.0, 1.0, -1.0]), f64s(&[1], &[1.5]), f64s(&[], &[10.0])],
    );
    assert_floats(&out[0], "f64", &[2, 2], &[3.5, 1.5, -0.5, -2.5]);
    assert_floats(&out[1], "f64", &[2, 2], &[5.0, 7.0, 9.0, 11.0]);
}

#[test]
fn mul_integers_wrap() {
    let out = eval(
        r#"
func.func @main(%a: tensor<3xi32>, %b: tensor<3xi32>) -> tensor<3xi32> {
  %r = tg.mul %a, %b : tensor<3xi32>, tensor<3xi32>
  return %r : tensor<3xi32>
}"#,
        &[i32s(&[3], &[2147483647, -3, 65536]), i32s(&[3], &[2, 7, 65536])],
    );
    // 2^31-1 * 2 wraps to -2; 2^16 * 2^16 = 2^32 wraps to 0.
    assert_ints(&out[0], "i32", &[3], &[-2, -21, 0]);
}

#[test]
fn div_float_and_truncating_integer() {
    let out = eval(
        r#"
func.func @main(%a: tensor<2xf32>, %b: tensor<2xf32>, %c: tensor<4xi32>, %d: tensor<4xi32>) -> (tensor<2xf32>, tensor<4xi32>) {
  %r = tg.div %a, %b : tensor<2xf32>, tensor<2xf32>
  %s = tg.div %c, %d : tensor<4xi32>, tensor<4xi32>
  return %r, %s : tensor<2xf32>, tensor<4xi32>
}"#,
        &[f32s(&[2], &[1.0, -7.0]), f32s(&[2], &[4.0, 2.0]), i32s(&[4], &[7, -7, 7, -7]), i32s(&[4], &[2, 2, -2, -2])],
    );
    assert_floats(&out[0], "f32", &[2], &[0.25, -3.5]);
    // Truncation toward zero (arith.divsi), not floor division.
    assert_ints(&out[1], "i32", &[4], &[3, -3, -3, 3]);
}

#[test]
fn div_integer_by_zero_is_an_error_with_location() {
    let source = r#"
func.func @main(%a: tensor<2xi64>, %b: tensor<2xi64>) -> tensor<2xi64> {
  %r = tg.div %a, %b : tensor<2xi64>, tensor<2xi64>
  return %r : tensor<2xi64>
}"#;
    let error = run(source, &[i64s(&[2], &[1, 2]), i64s(&[2], &[1, 0])]).expect_err("division by zero");
    assert_eq!(
        error,
        EvalError::Op {
            op: String::from("tg.div"),
            location: String::from("test.mlir:3:8"),
            source: OpError::DivisionByZero,
        }
    );
    assert_eq!(error.to_string(), "'tg.div' at test.mlir:3:8: integer division by zero");
}

#[test]
fn max_and_min_with_broadcast() {
    let out = eval(
        r#"
func.func @main(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %c: tensor<2x1xi64>, %d: tensor<3xi64>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xi64>, tensor<2x3xi64>) {
  %mx = tg.max %a, %b : tensor<2x3xf32>, tensor<3xf32>
  %mn = tg.min %a, %b : tensor<2x3xf32>, tensor<3xf32>
  %imx = tg.max %c, %d : tensor<2x1xi64>, tensor<3xi64>
  %imn = tg.min %c, %d : tensor<2x1xi64>, tensor<3xi64>
  return %mx, %mn, %imx, %imn : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xi64>, tensor<2x3xi64>
}"#,
        &[
            f32s(&[2, 3], &[1.0, -2.0, 3.0, -4.0, 5.0, 0.0]),
            f32s(&[3], &[0.0, 0.0, 4.0]),
            i64s(&[2, 1], &[-1, 5]),
            i64s(&[3], &[0, 4, 6]),
        ],
    );
    assert_floats(&out[0], "f32", &[2, 3], &[1.0, 0.0, 4.0, 0.0, 5.0, 4.0]);
    assert_floats(&out[1], "f32", &[2, 3], &[0.0, -2.0, 3.0, -4.0, 0.0, 0.0]);
    assert_ints(&out[2], "i64", &[2, 3], &[0, 4, 6, 5, 5, 6]);
    assert_ints(&out[3], "i64", &[2, 3], &[-1, -1, -1, 0, 4, 5]);
}

#[test]
fn max_propagates_nan() {
    let out = eval(
        r#"
func.func @main(%a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2xf32> {
  %r = tg.max %a, %b : tensor<2xf32>, tensor<2xf32>
  return %r : tensor<2xf32>
}"#,
        &[f32s(&[2], &[f32::NAN, 1.0]), f32s(&[2], &[1.0, f32::NAN])],
    );
    assert_floats(&out[0], "f32", &[2], &[f64::NAN, f64::NAN]);
}

#[test]
fn pow_float_and_integer() {
    let out = eval(
        r#"
func.func @main(%a: tensor<3xf32>, %b: tensor<3xf32>, %c: tensor<8xi32>, %d: tensor<8xi32>) -> (tensor<3xf32>, tensor<8xi32>) {
  %r = tg.pow %a, %b : tensor<3xf32>, tensor<3xf32>
  %s = tg.pow %c, %d : tensor<8xi32>, tensor<8xi32>
  return %r, %s : tensor<3xf32>, tensor<8xi32>
}"#,
        &[
            f32s(&[3], &[2.0, 9.0, 4.0]),
            f32s(&[3], &[3.0, 0.5, -1.0]),
            i32s(&[8], &[2, 3, -2, 1, -1, -1, 5, 7]),
            i32s(&[8], &[10, 3, 3, -1, -2, -3, -1, 0]),
        ],
    );
    assert_floats(&out[0], "f32", &[3], &[8.0, 3.0, 0.25]);
    // Negative exponents: 1 / base^n truncated: 1^-1 = 1, (-1)^-2 = 1,
    // (-1)^-3 = -1, 5^-1 = 0.
    assert_ints(&out[1], "i32", &[8], &[1024, 27, -8, 1, 1, -1, 0, 1]);
}

#[test]
fn pow_integer_wraps_and_zero_to_negative_power_is_an_error() {
    let source = r#"
func.func @main(%a: tensor<1xi32>, %b: tensor<1xi32>) -> tensor<1xi32> {
  %r = tg.pow %a, %b : tensor<1xi32>, tensor<1xi32>
  return %r : tensor<1xi32>
}"#;
    // 2^32 wraps to 0; 3^21 = 10460353203 wraps to 10460353203 - 2*2^32 = 1870418611.
    assert_ints(&eval(source, &[i32s(&[1], &[2]), i32s(&[1], &[32])])[0], "i32", &[1], &[0]);
    assert_ints(&eval(source, &[i32s(&[1], &[3]), i32s(&[1], &[21])])[0], "i32", &[1], &[1870418611]);
    let error = run(source, &[i32s(&[1], &[0]), i32s(&[1], &[-1])]).expect_err("0^-1");
    assert!(matches!(error, EvalError::Op { source: OpError::DivisionByZero, .. }), "{error}");
}

// ---------------------------------------------------------------------------
// Unary elementwise ops
// ---------------------------------------------------------------------------

#[test]
fn neg_abs_relu_float_and_integer() {
    let out = eval(
        r#"
func.func @main(%a: tensor<4xf32>, %b: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>) {
  %n = tg.neg %a : tensor<4xf32>
  %ab = tg.abs %a : tensor<4xf32>
  %r = tg.relu %a : tensor<4xf32>
  %in = tg.neg %b : tensor<4xi32>
  %iab = tg.abs %b : tensor<4xi32>
  %ir = tg.relu %b : tensor<4xi32>
  return %n, %ab, %r, %in, %iab, %ir : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>
}"#,
        &[f32s(&[4], &[-1.5, 0.0, 2.0, -0.25]), i32s(&[4], &[-3, 0, 4, i32::MIN])],
    );
    assert_floats(&out[0], "f32", &[4], &[1.5, 0.0, -2.0, 0.25]);
    assert_floats(&out[1], "f32", &[4], &[1.5, 0.0, 2.0, 0.25]);
    assert_floats(&out[2], "f32", &[4], &[0.0, 0.0, 2.0, 0.0]);
    // Negation and abs wrap: -MIN = MIN, |MIN| = MIN.
    assert_ints(&out[3], "i32", &[4], &[3, 0, -4, i32::MIN as i64]);
    assert_ints(&out[4], "i32", &[4], &[3, 0, 4, i32::MIN as i64]);
    assert_ints(&out[5], "i32", &[4], &[0, 0, 4, 0]);
}

#[test]
fn float_math_f32() {
    let out = eval(
        r#"
func.func @main(%a: tensor<3xf32>, %p: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) {
  %e = tg.exp %a : tensor<3xf32>
  %t = tg.tanh %a : tensor<3xf32>
  %s = tg.sigmoid %a : tensor<3xf32>
  %l = tg.log %p : tensor<3xf32>
  %q = tg.sqrt %p : tensor<3xf32>
  %r = tg.rsqrt %p : tensor<3xf32>
  return %e, %t, %s, %l, %q, %r : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
}"#,
        &[f32s(&[3], &[0.0, 1.0, -2.0]), f32s(&[3], &[1.0, 4.0, 0.25])],
    );
    assert_floats(&out[0], "f32", &[3], &[1.0, E, 0.135335283]);
    assert_floats(&out[1], "f32", &[3], &[0.0, 0.761594156, -0.964027580]);
    assert_floats(&out[2], "f32", &[3], &[0.5, 0.731058579, 0.119202922]);
    assert_floats(&out[3], "f32", &[3], &[0.0, 1.386294361, -1.386294361]);
    assert_floats(&out[4], "f32", &[3], &[1.0, 2.0, 0.5]);
    assert_floats(&out[5], "f32", &[3], &[1.0, 0.5, 2.0]);
}

#[test]
fn float_math_f64() {
    let out = eval(
        r#"
func.func @main(%a: tensor<2xf64>) -> (tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2xf64>) {
  %e = tg.exp %a : tensor<2xf64>
  %t = tg.tanh %a : tensor<2xf64>
  %s = tg.sigmoid %a : tensor<2xf64>
  %l = tg.log %a : tensor<2xf64>
  %q = tg.sqrt %a : tensor<2xf64>
  %r = tg.rsqrt %a : tensor<2xf64>
  return %e, %t, %s, %l, %q, %r : tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2xf64>
}"#,
        &[f64s(&[2], &[0.5, 2.0])],
    );
    assert_floats(&out[0], "f64", &[2], &[1.648721271, 7.389056099]);
    assert_floats(&out[1], "f64", &[2], &[0.462117157, 0.964027580]);
    assert_floats(&out[2], "f64", &[2], &[0.622459331, 0.880797078]);
    assert_floats(&out[3], "f64", &[2], &[-LN_2, LN_2]);
    assert_floats(&out[4], "f64", &[2], &[FRAC_1_SQRT_2, SQRT_2]);
    assert_floats(&out[5], "f64", &[2], &[SQRT_2, FRAC_1_SQRT_2]);
}

#[test]
fn erf_and_clip() {
    let out = eval(
        r#"
func.func @main(%a: tensor<4xf32>, %d: tensor<2xf64>, %i: tensor<4xi32>) -> (tensor<4xf32>, tensor<2xf64>, tensor<4xf32>, tensor<4xi32>) {
  %e = tg.erf %a : tensor<4xf32>
  %ed = tg.erf %d : tensor<2xf64>
  %c = tg.clip %a min -1.0 max 0.5 : tensor<4xf32>
  %ci = tg.clip %i min -2.0 max 3.0 : tensor<4xi32>
  return %e, %ed, %c, %ci : tensor<4xf32>, tensor<2xf64>, tensor<4xf32>, tensor<4xi32>
}"#,
        &[f32s(&[4], &[0.0, 1.0, -2.0, f32::NAN]), f64s(&[2], &[0.5, -3.0]), i32s(&[4], &[-7, 0, 3, 9])],
    );
    assert_floats(&out[0], "f32", &[4], &[0.0, 0.842700793, -0.995322265, f64::NAN]);
    assert_floats(&out[1], "f64", &[2], &[0.520499878, -0.999977910]);
    // NaN stays NaN, as arith.maximumf / minimumf keep it.
    assert_floats(&out[2], "f32", &[4], &[0.0, 0.5, -1.0, f64::NAN]);
    assert_ints(&out[3], "i32", &[4], &[-2, 0, 3, 3]);
}

// ---------------------------------------------------------------------------
// tg.cast
// ---------------------------------------------------------------------------

#[test]
fn cast_between_all_kinds() {
    let out = eval(
        r#"
func.func @main(%f: tensor<5xf32>, %i: tensor<3xi64>, %j: tensor<2xi32>, %d: tensor<2xf64>) -> (tensor<5xi32>, tensor<3xi32>, tensor<2xf32>, tensor<2xi64>, tensor<2xf32>, tensor<5xf64>, tensor<3xf64>, tensor<5xf32>) {
  %a = tg.cast %f : tensor<5xf32> to tensor<5xi32>
  %b = tg.cast %i : tensor<3xi64> to tensor<3xi32>
  %c = tg.cast %j : tensor<2xi32> to tensor<2xf32>
  %e = tg.cast %j : tensor<2xi32> to tensor<2xi64>
  %g = tg.cast %d : tensor<2xf64> to tensor<2xf32>
  %h = tg.cast %f : tensor<5xf32> to tensor<5xf64>
  %k = tg.cast %i : tensor<3xi64> to tensor<3xf64>
  %l = tg.cast %f : tensor<5xf32> to tensor<5xf32>
  return %a, %b, %c, %e, %g, %h, %k, %l : tensor<5xi32>, tensor<3xi32>, tensor<2xf32>, tensor<2xi64>, tensor<2xf32>, tensor<5xf64>, tensor<3xf64>, tensor<5xf32>
}"#,
        &[
            f32s(&[5], &[1.7, -1.7, 2.5, -0.5, 100.0]),
            i64s(&[3], &[4294967297, -1, 2147483648]),
            i32s(&[2], &[-3, 7]),
            f64s(&[2], &[0.1, -1.0e10]),
        ],
    );
    // float -> int truncates toward zero.
    assert_ints(&out[0], "i32", &[5], &[1, -1, 2, 0, 100]);
    // i64 -> i32 keeps the low 32 bits: 2^32+1 -> 1, 2^31 -> -2^31.
    assert_ints(&out[1], "i32", &[3], &[1, -1, -2147483648]);
    assert_floats(&out[2], "f32", &[2], &[-3.0, 7.0]);
    assert_ints(&out[3], "i64", &[2], &[-3, 7]);
    assert_floats(&out[4], "f32", &[2], &[0.1, -1.0e10]);
    assert_eq!(out[4].as_f32().expect("f32")[[0]], 0.1f32);
    assert_floats(&out[5], "f64", &[5], &[1.7f32 as f64, -1.7f32 as f64, 2.5, -0.5, 100.0]);
    assert_floats(&out[6], "f64", &[3], &[4294967297.0, -1.0, 2147483648.0]);
    assert_floats(&out[7], "f32", &[5], &[1.7, -1.7, 2.5, -0.5, 100.0]);
}

#[test]
fn cast_out_of_range_float_to_int_is_an_error() {
    let source = r#"
func.func @main(%f: tensor<2xf32>) -> tensor<2xi32> {
  %a = tg.cast %f : tensor<2xf32> to tensor<2xi32>
  return %a : tensor<2xi32>
}"#;
    let error = run(source, &[f32s(&[2], &[1.0, 3.0e9])]).expect_err("3e9 does not fit i32");
    assert!(
        matches!(&error, EvalError::Op { op, source: OpError::ConversionOutOfRange { to: "i32", .. }, .. } if op == "tg.cast"),
        "{error}"
    );
    let error = run(source, &[f32s(&[2], &[f32::NAN, 0.0])]).expect_err("NaN");
    assert!(matches!(error, EvalError::Op { source: OpError::ConversionOutOfRange { .. }, .. }), "{error}");
    // The largest in-range values convert; -2^31 is exact in f32.
    assert_ints(
        &eval(source, &[f32s(&[2], &[-2147483648.0, 2147483520.0])])[0],
        "i32",
        &[2],
        &[-2147483648, 2147483520],
    );
}

// ---------------------------------------------------------------------------
// tg.matmul
// ---------------------------------------------------------------------------

#[test]
fn matmul_2d() {
    let out = eval(
        r#"
func.func @main(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>) -> tensor<2x2xf32> {
  %c = tg.matmul %a, %b : tensor<2x3xf32>, tensor<3x2xf32>
  return %c : tensor<2x2xf32>
}"#,
        &[f32s(&[2, 3], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]), f32s(&[3, 2], &[7.0, 8.0, 9.0, 10.0, 11.0, 12.0])],
    );
    // [1 2 3; 4 5 6] x [7 8; 9 10; 11 12] = [58 64; 139 154]
    assert_floats(&out[0], "f32", &[2, 2], &[58.0, 64.0, 139.0, 154.0]);
}

#[test]
fn matmul_batch_broadcast() {
    // lhs batch (2, 1) and rhs batch (3) broadcast to (2, 3).
    // lhs[b] = (b+1) * [1 0 1; 0 1 0], rhs[j] = [j 1; 0 j; 1 0], so
    // result[b, j] = (b+1) * [j+1 1; 0 j].
    let lhs = f32_fn(&[2, 1, 2, 3], |i| {
        let base = [[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]][i[2]][i[3]];
        (i[0] + 1) as f32 * base
    });
    let rhs = f32_fn(&[3, 3, 2], |i| {
        let j = i[0] as f32;
        [[j, 1.0], [0.0, j], [1.0, 0.0]][i[1]][i[2]]
    });
    let out = eval(
        r#"
func.func @main(%a: tensor<2x1x2x3xf32>, %b: tensor<3x3x2xf32>) -> tensor<2x3x2x2xf32> {
  %c = tg.matmul %a, %b : tensor<2x1x2x3xf32>, tensor<3x3x2xf32>
  return %c : tensor<2x3x2x2xf32>
}"#,
        &[lhs, rhs],
    );
    let expected = expected_fn(&[2, 3, 2, 2], |i| {
        let j = i[1] as f64;
        (i[0] + 1) as f64 * [[j + 1.0, 1.0], [0.0, j]][i[2]][i[3]]
    });
    assert_floats(&out[0], "f32", &[2, 3, 2, 2], &expected);
}

#[test]
fn matmul_rank2_lhs_with_batched_rhs_integers() {
    // lhs (no batch) is shared by both rhs matrices.
    let out = eval(
        r#"
func.func @main(%a: tensor<1x2xi32>, %b: tensor<2x2x3xi32>) -> tensor<2x1x3xi32> {
  %c = tg.matmul %a, %b : tensor<1x2xi32>, tensor<2x2x3xi32>
  return %c : tensor<2x1x3xi32>
}"#,
        &[i32s(&[1, 2], &[2, -1]), i32s(&[2, 2, 3], &[1, 2, 3, 4, 5, 6, 0, 1, 0, 10, 0, -10])],
    );
    // [2 -1] x [1 2 3; 4 5 6] = [-2 -1 0]; [2 -1] x [0 1 0; 10 0 -10] = [-10 2 10]
    assert_ints(&out[0], "i32", &[2, 1, 3], &[-2, -1, 0, -10, 2, 10]);
}

// ---------------------------------------------------------------------------
// tg.conv2d
// ---------------------------------------------------------------------------

#[test]
fn conv2d_plain() {
    let out = eval(
        r#"
func.func @main(%x: tensor<1x1x3x3xf32>, %w: tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32> {
  %y = tg.conv2d %x, %w : tensor<1x1x3x3xf32>, tensor<1x1x2x2xf32>
  return %y : tensor<1x1x2x2xf32>
}"#,
        &[
            f32s(&[1, 1, 3, 3], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]),
            f32s(&[1, 1, 2, 2], &[1.0, 0.0, 0.0, 1.0]),
        ],
    );
    // Cross-correlation (no kernel flip): x[y,x] + x[y+1,x+1].
    assert_floats(&out[0], "f32", &[1, 1, 2, 2], &[6.0, 8.0, 12.0, 14.0]);
}

#[test]
fn conv2d_strided_dilated_padded() {
    // x[i, j] = 4i + j + 1 (4x4), a 2x2 filter of ones, dilation 2 (taps 2
    // apart), stride 2, one row/column of zeros on each side: the padded
    // input is 6x6, OH = OW = (6 - 3) / 2 + 1 = 2. Output (y, x) reads padded
    // rows 2y + {0, 2} and columns 2x + {0, 2}, i.e. input rows/columns one
    // less (-1 is padding).
    let out = eval(
        r#"
func.func @main(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32> {
  %y = tg.conv2d %x, %w strides [2, 2] dilations [2, 2] padding [1, 1, 1, 1] : tensor<1x1x4x4xf32>, tensor<1x1x2x2xf32>
  return %y : tensor<1x1x2x2xf32>
}"#,
        &[f32_fn(&[1, 1, 4, 4], |i| (4 * i[2] + i[3] + 1) as f32), f32s(&[1, 1, 2, 2], &[1.0; 4])],
    );
    // (0,0): x[1,1] = 6; (0,1): x[1,1] + x[1,3] = 6 + 8; (1,0): x[1,1] + x[3,1]
    // = 6 + 14; (1,1): 6 + 8 + 14 + 16.
    assert_floats(&out[0], "f32", &[1, 1, 2, 2], &[6.0, 14.0, 20.0, 44.0]);
}

#[test]
fn conv2d_padding_order_is_top_left_bottom_right() {
    // A 1x1 identity filter shows where the input lands: 1 row on top, no
    // columns on the left, no rows at the bottom, 2 columns on the right.
    let out = eval(
        r#"
func.func @main(%x: tensor<1x1x2x2xi64>, %w: tensor<1x1x1x1xi64>) -> tensor<1x1x3x4xi64> {
  %y = tg.conv2d %x, %w padding [1, 0, 0, 2] : tensor<1x1x2x2xi64>, tensor<1x1x1x1xi64>
  return %y : tensor<1x1x3x4xi64>
}"#,
        &[i64s(&[1, 1, 2, 2], &[1, 2, 3, 4]), i64s(&[1, 1, 1, 1], &[1])],
    );
    #[rustfmt::skip]
    let expected = [
        0, 0, 0, 0,
        1, 2, 0, 0,
        3, 4, 0, 0,
    ];
    assert_ints(&out[0], "i64", &[1, 1, 3, 4], &expected);
}

#[test]
fn conv2d_grouped() {
    // 4 input channels [1, 2, 3, 4] in 2 groups; 4 filters, 2 per group, each
    // seeing 2 channels: filters 0, 1 read channels 0, 1; filters 2, 3
    // read channels 2, 3.
    let out = eval(
        r#"
func.func @main(%x: tensor<1x4x1x1xf32>, %w: tensor<4x2x1x1xf32>) -> tensor<1x4x1x1xf32> {
  %y = tg.conv2d %x, %w groups 2 : tensor<1x4x1x1xf32>, tensor<4x2x1x1xf32>
  return %y : tensor<1x4x1x1xf32>
}"#,
        &[
            f32s(&[1, 4, 1, 1], &[1.0, 2.0, 3.0, 4.0]),
            f32s(&[4, 2, 1, 1], &[1.0, 10.0, 0.0, 1.0, 100.0, 1000.0, 2.0, 0.0]),
        ],
    );
    // f0 = 1*1 + 10*2 = 21; f1 = 2; f2 = 100*3 + 1000*4 = 4300; f3 = 2*3 = 6.
    assert_floats(&out[0], "f32", &[1, 4, 1, 1], &[21.0, 2.0, 4300.0, 6.0]);
}

#[test]
fn conv2d_batch_and_channels_integers() {
    // Two images, two channels, one filter computing channel0 - channel1
    // over a 1x2 window.
    let out = eval(
        r#"
func.func @main(%x: tensor<2x2x1x3xi32>, %w: tensor<1x2x1x2xi32>) -> tensor<2x1x1x2xi32> {
  %y = tg.conv2d %x, %w : tensor<2x2x1x3xi32>, tensor<1x2x1x2xi32>
  return %y : tensor<2x1x1x2xi32>
}"#,
        &[i32s(&[2, 2, 1, 3], &[1, 2, 3, 10, 20, 30, 5, 5, 5, 1, 1, 1]), i32s(&[1, 2, 1, 2], &[1, 1, -1, -1])],
    );
    // image 0: (1+2) - (10+20) = -27, (2+3) - (20+30) = -45; image 1: 10 - 2 = 8 twice.
    assert_ints(&out[0], "i32", &[2, 1, 1, 2], &[-27, -45, 8, 8]);
}

// ---------------------------------------------------------------------------
// Pooling
// ---------------------------------------------------------------------------

#[test]
fn max_pool2d_padding_never_wins() {
    // All inputs negative: were padding 0, it would win at the borders.
    let out = eval(
        r#"
func.func @main(%x: tensor<1x1x3x3xf32>) -> tensor<1x1x2x2xf32> {
  %p = tg.max_pool2d %x kernel [2, 2] strides [2, 2] padding [1, 1, 1, 1] : tensor<1x1x3x3xf32>
  return %p : tensor<1x1x2x2xf32>
}"#,
        &[f32s(&[1, 1, 3, 3], &[-1.0, -2.0, -3.0, -4.0, -5.0, -6.0, -7.0, -8.0, -9.0])],
    );
    // Windows: {x00}, {x01, x02}, {x10, x20}, {x11, x12, x21, x22}.
    assert_floats(&out[0], "f32", &[1, 1, 2, 2], &[-1.0, -2.0, -4.0, -5.0]);
}

#[test]
fn pools_with_dilations() {
    // x[i][j] = 4i + j on 4x4; 2x2 windows with taps 2 apart: {x00, x02, x20, x22}, ...
    let values: Vec<f32> = (0..16).map(|v| v as f32).collect();
    let out = eval(
        r#"
func.func @main(%x: tensor<1x1x4x4xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x3x2xf32>) {
  %m = tg.max_pool2d %x kernel [2, 2] dilations [2, 2] : tensor<1x1x4x4xf32>
  %a = tg.avg_pool2d %x kernel [2, 2] dilations [2, 2] padding [1, 0, 0, 0] : tensor<1x1x4x4xf32>
  return %m, %a : tensor<1x1x2x2xf32>, tensor<1x1x3x2xf32>
}"#,
        &[f32s(&[1, 1, 4, 4], &values)],
    );
    assert_floats(&out[0], "f32", &[1, 1, 2, 2], &[10.0, 11.0, 14.0, 15.0]);
    // Row 0 reads padded row -1 and row 1: only the real taps (x1j, x1j+2) count.
    assert_floats(&out[1], "f32", &[1, 1, 3, 2], &[5.0, 6.0, 5.0, 6.0, 9.0, 10.0]);
}

#[test]
fn max_pool2d_integers_default_strides() {
    let out = eval(
        r#"
func.func @main(%x: tensor<1x2x2x3xi32>) -> tensor<1x2x1x2xi32> {
  %p = tg.max_pool2d %x kernel [2, 2] : tensor<1x2x2x3xi32>
  return %p : tensor<1x2x1x2xi32>
}"#,
        &[i32s(&[1, 2, 2, 3], &[1, 5, 2, -1, 0, 7, -9, -8, -7, -6, -5, -4])],
    );
    assert_ints(&out[0], "i32", &[1, 2, 1, 2], &[5, 7, -5, -4]);
}

#[test]
fn avg_pool2d_with_and_without_count_include_pad() {
    let source = r#"
func.func @main(%x: tensor<1x1x2x2xf32>) -> (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>) {
  %real = tg.avg_pool2d %x kernel [2, 2] padding [1, 1, 1, 1] : tensor<1x1x2x2xf32>
  %all = tg.avg_pool2d %x kernel [2, 2] padding [1, 1, 1, 1] count_include_pad : tensor<1x1x2x2xf32>
  return %real, %all : tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>
}"#;
    let out = eval(source, &[f32s(&[1, 1, 2, 2], &[1.0, 2.0, 3.0, 4.0])]);
    // Window (y, x) covers input rows y-1..=y and columns x-1..=x.
    assert_floats(&out[0], "f32", &[1, 1, 3, 3], &[1.0, 1.5, 2.0, 2.0, 2.5, 3.0, 3.0, 3.5, 4.0]);
    assert_floats(&out[1], "f32", &[1, 1, 3, 3], &[0.25, 0.75, 0.5, 1.0, 2.5, 1.5, 0.75, 1.75, 1.0]);
}

#[test]
fn avg_pool2d_integers_truncate_toward_zero() {
    let out = eval(
        r#"
func.func @main(%x: tensor<1x2x2x2xi32>) -> tensor<1x2x1x1xi32> {
  %p = tg.avg_pool2d %x kernel [2, 2] : tensor<1x2x2x2xi32>
  return %p : tensor<1x2x1x1xi32>
}"#,
        &[i32s(&[1, 2, 2, 2], &[1, 2, 3, 4, -1, -2, -3, -4])],
    );
    // 10 / 4 = 2, -10 / 4 = -2 (not floor's -3).
    assert_ints(&out[0], "i32", &[1, 2, 1, 1], &[2, -2]);
}

#[test]
fn avg_pool2d_strided_asymmetric_padding() {
    // 1x1x3x4 input x[i, j] = 4i + j; kernel 2x3, strides [1, 2], padding
    // top 1, left 0, bottom 0, right 1: padded 4x5, OH = 3, OW = 2.
    let out = eval(
        r#"
func.func @main(%x: tensor<1x1x3x4xf64>) -> tensor<1x1x3x2xf64> {
  %p = tg.avg_pool2d %x kernel [2, 3] strides [1, 2] padding [1, 0, 0, 1] : tensor<1x1x3x4xf64>
  return %p : tensor<1x1x3x2xf64>
}"#,
        &[Tensor::F64(ArrayD::from_shape_fn(IxDyn(&[1, 1, 3, 4]), |i| (4 * i[2] + i[3]) as f64))],
    );
    // (0,0): row 0, cols 0..3 -> (0+1+2)/3 = 1; (0,1): row 0, cols 2, 3 -> 2.5;
    // (1,0): rows 0, 1, cols 0..3 -> (0+1+2+4+5+6)/6 = 3; (1,1): cols 2, 3 -> (2+3+6+7)/4 = 4.5;
    // (2,0): rows 1, 2 -> (4+5+6+8+9+10)/6 = 7; (2,1): (6+7+10+11)/4 = 8.5.
    assert_floats(&out[0], "f64", &[1, 1, 3, 2], &[1.0, 2.5, 3.0, 4.5, 7.0, 8.5]);
}

// ---------------------------------------------------------------------------
// Data movement
// ---------------------------------------------------------------------------

#[test]
fn transpose_2d_and_out_of_order_3d() {
    let out = eval(
        r#"
func.func @main(%a: tensor<2x3xi32>, %b: tensor<2x3x4xf32>) -> (tensor<3x2xi32>, tensor<4x2x3xf32>, tensor<3x4x2xf32>) {
  %t = tg.transpose %a perm [1, 0] : tensor<2x3xi32>
  %u = tg.transpose %b perm [2, 0, 1] : tensor<2x3x4xf32>
  %v = tg.transpose %b perm [1, 2, 0] : tensor<2x3x4xf32>
  return %t, %u, %v : tensor<3x2xi32>, tensor<4x2x3xf32>, tensor<3x4x2xf32>
}"#,
        &[i32s(&[2, 3], &[1, 2, 3, 4, 5, 6]), f32_fn(&[2, 3, 4], |i| (100 * i[0] + 10 * i[1] + i[2]) as f32)],
    );
    assert_ints(&out[0], "i32", &[3, 2], &[1, 4, 2, 5, 3, 6]);
    // Result dimension d is input dimension perm[d]: u[i, j, k] = b[j, k, i].
    let u = expected_fn(&[4, 2, 3], |i| (100 * i[1] + 10 * i[2] + i[0]) as f64);
    assert_floats(&out[1], "f32", &[4, 2, 3], &u);
    // v[i, j, k] = b[k, i, j].
    let v = expected_fn(&[3, 4, 2], |i| (100 * i[2] + 10 * i[0] + i[1]) as f64);
    assert_floats(&out[2], "f32", &[3, 4, 2], &v);
}

#[test]
fn transpose_rejects_negative_and_repeated_perms() {
    // The verifier rejects these before evaluation; the op function checks
    // them too rather than indexing out of bounds.
    use tg_interpreter::ops::movement::transpose;
    let a = ArrayD::from_shape_vec(IxDyn(&[2, 3]), vec![0i32; 6]).expect("6 elements");
    assert!(matches!(transpose(&a, &[-1, 0]), Err(OpError::Attribute { .. })));
    assert!(matches!(transpose(&a, &[0, 0]), Err(OpError::Attribute { .. })));
    assert!(matches!(transpose(&a, &[0]), Err(OpError::Attribute { .. })));
}

#[test]
fn reshape_is_row_major() {
    let out = eval(
        r#"
func.func @main(%a: tensor<2x3xf32>) -> (tensor<3x2xf32>, tensor<6xf32>, tensor<1x3x1x2xf32>, tensor<2x3xf32>) {
  %r = tg.reshape %a : tensor<2x3xf32> to tensor<3x2xf32>
  %s = tg.reshape %a : tensor<2x3xf32> to tensor<6xf32>
  %t = tg.reshape %r : tensor<3x2xf32> to tensor<1x3x1x2xf32>
  %x = tg.transpose %r perm [1, 0] : tensor<3x2xf32>
  %u = tg.reshape %x : tensor<2x3xf32> to tensor<2x3xf32>
  return %r, %s, %t, %u : tensor<3x2xf32>, tensor<6xf32>, tensor<1x3x1x2xf32>, tensor<2x3xf32>
}"#,
        &[f32s(&[2, 3], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0])],
    );
    assert_floats(&out[0], "f32", &[3, 2], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    assert_floats(&out[1], "f32", &[6], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    assert_floats(&out[2], "f32", &[1, 3, 1, 2], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    // The transpose of [1 2; 3 4; 5 6] read row-major.
    assert_floats(&out[3], "f32", &[2, 3], &[1.0, 3.0, 5.0, 2.0, 4.0, 6.0]);
}

#[test]
fn broadcast_to_new_leading_and_unit_dimensions() {
    let out = eval(
        r#"
func.func @main(%a: tensor<3x1xi32>, %s: tensor<f32>) -> (tensor<2x3x4xi32>, tensor<2x2xf32>) {
  %b = tg.broadcast_to %a : tensor<3x1xi32> to tensor<2x3x4xi32>
  %c = tg.broadcast_to %s : tensor<f32> to tensor<2x2xf32>
  return %b, %c : tensor<2x3x4xi32>, tensor<2x2xf32>
}"#,
        &[i32s(&[3, 1], &[7, 8, 9]), f32s(&[], &[1.5])],
    );
    let expected: Vec<i64> = (0..2).flat_map(|_| [7, 8, 9].into_iter().flat_map(|v| [v; 4])).collect();
    assert_ints(&out[0], "i32", &[2, 3, 4], &expected);
    assert_floats(&out[1], "f32", &[2, 2], &[1.5; 4]);
}

#[test]
fn concat_along_inner_and_outer_axes() {
    let out = eval(
        r#"
func.func @main(%a: tensor<2x2xf32>, %b: tensor<2x1xf32>, %c: tensor<2x3xf32>, %d: tensor<1x2xi64>, %e: tensor<2x2xi64>) -> (tensor<2x6xf32>, tensor<3x2xi64>) {
  %r = tg.concat %a, %b, %c axis 1 : tensor<2x2xf32>, tensor<2x1xf32>, tensor<2x3xf32>
  %s = tg.concat %d, %e axis 0 : tensor<1x2xi64>, tensor<2x2xi64>
  return %r, %s : tensor<2x6xf32>, tensor<3x2xi64>
}"#,
        &[
            f32s(&[2, 2], &[1.0, 2.0, 3.0, 4.0]),
            f32s(&[2, 1], &[5.0, 6.0]),
            f32s(&[2, 3], &[7.0, 8.0, 9.0, 10.0, 11.0, 12.0]),
            i64s(&[1, 2], &[-1, -2]),
            i64s(&[2, 2], &[1, 2, 3, 4]),
        ],
    );
    #[rustfmt::skip]
    let expected = [
        1.0, 2.0, 5.0, 7.0, 8.0, 9.0,
        3.0, 4.0, 6.0, 10.0, 11.0, 12.0,
    ];
    assert_floats(&out[0], "f32", &[2, 6], &expected);
    assert_ints(&out[1], "i64", &[3, 2], &[-1, -2, 1, 2, 3, 4]);
}

#[test]
fn slice_with_and_without_strides() {
    let out = eval(
        r#"
func.func @main(%x: tensor<4x8xi32>) -> (tensor<2x3xi32>, tensor<1x3xi32>) {
  %s = tg.slice %x offsets [1, 2] sizes [2, 3] strides [2, 2] : tensor<4x8xi32>
  %t = tg.slice %x offsets [0, 5] sizes [1, 3] : tensor<4x8xi32>
  return %s, %t : tensor<2x3xi32>, tensor<1x3xi32>
}"#,
        &[Tensor::I32(ArrayD::from_shape_fn(IxDyn(&[4, 8]), |i| (10 * i[0] + i[1]) as i32))],
    );
    // Rows 1, 3; columns 2, 4, 6.
    assert_ints(&out[0], "i32", &[2, 3], &[12, 14, 16, 32, 34, 36]);
    assert_ints(&out[1], "i32", &[1, 3], &[5, 6, 7]);
}

#[test]
fn pad_float_integer_and_default_value() {
    let out = eval(
        r#"
func.func @main(%a: tensor<2x2xf32>, %b: tensor<2xi32>) -> (tensor<3x4xf32>, tensor<5xi32>, tensor<4xi32>) {
  %p = tg.pad %a low [1, 0] high [0, 2] value 9.5 : tensor<2x2xf32>
  %q = tg.pad %b low [2] high [1] value -2.7 : tensor<2xi32>
  %r = tg.pad %b low [1] high [1] : tensor<2xi32>
  return %p, %q, %r : tensor<3x4xf32>, tensor<5xi32>, tensor<4xi32>
}"#,
        &[f32s(&[2, 2], &[1.0, 2.0, 3.0, 4.0]), i32s(&[2], &[5, 6])],
    );
    #[rustfmt::skip]
    let expected = [
        9.5, 9.5, 9.5, 9.5,
        1.0, 2.0, 9.5, 9.5,
        3.0, 4.0, 9.5, 9.5,
    ];
    assert_floats(&out[0], "f32", &[3, 4], &expected);
    // -2.7 converted to i32 truncates toward zero.
    assert_ints(&out[1], "i32", &[5], &[-2, -2, 5, 6, -2]);
    assert_ints(&out[2], "i32", &[4], &[0, 5, 6, 0]);
}

// ---------------------------------------------------------------------------
// Reductions and softmax
// ---------------------------------------------------------------------------

#[test]
fn reduce_sum_axes_keepdims_and_all() {
    let out = eval(
        r#"
func.func @main(%a: tensor<2x3xf32>) -> (tensor<2xf32>, tensor<1x3xf32>, tensor<f32>, tensor<1x1xf32>) {
  %r = tg.reduce_sum %a axes [1] : tensor<2x3xf32>
  %s = tg.reduce_sum %a axes [0] keepdims : tensor<2x3xf32>
  %t = tg.reduce_sum %a axes [0, 1] : tensor<2x3xf32>
  %u = tg.reduce_sum %a axes [1, 0] keepdims : tensor<2x3xf32>
  return %r, %s, %t, %u : tensor<2xf32>, tensor<1x3xf32>, tensor<f32>, tensor<1x1xf32>
}"#,
        &[f32s(&[2, 3], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0])],
    );
    assert_floats(&out[0], "f32", &[2], &[6.0, 15.0]);
    assert_floats(&out[1], "f32", &[1, 3], &[5.0, 7.0, 9.0]);
    assert_floats(&out[2], "f32", &[], &[21.0]);
    assert_floats(&out[3], "f32", &[1, 1], &[21.0]);
}

#[test]
fn reduce_sum_out_of_order_non_adjacent_axes() {
    // x[a, b, c] = 6a + 2b + c; summing over a and c leaves b:
    // b = 0: 0+1+6+7 = 14; b = 1: 2+3+8+9 = 22; b = 2: 4+5+10+11 = 30.
    let out = eval(
        r#"
func.func @main(%x: tensor<2x3x2xi64>) -> (tensor<3xi64>, tensor<1x3x1xi64>) {
  %r = tg.reduce_sum %x axes [2, 0] : tensor<2x3x2xi64>
  %s = tg.reduce_sum %x axes [2, 0] keepdims : tensor<2x3x2xi64>
  return %r, %s : tensor<3xi64>, tensor<1x3x1xi64>
}"#,
        &[Tensor::I64(ArrayD::from_shape_fn(IxDyn(&[2, 3, 2]), |i| (6 * i[0] + 2 * i[1] + i[2]) as i64))],
    );
    assert_ints(&out[0], "i64", &[3], &[14, 22, 30]);
    assert_ints(&out[1], "i64", &[1, 3, 1], &[14, 22, 30]);
}

#[test]
fn reduce_max_float_and_integer() {
    let out = eval(
        r#"
func.func @main(%a: tensor<2x3xf32>, %b: tensor<2x2xi32>) -> (tensor<2xf32>, tensor<1x2xi32>) {
  %r = tg.reduce_max %a axes [1] : tensor<2x3xf32>
  %s = tg.reduce_max %b axes [0] keepdims : tensor<2x2xi32>
  return %r, %s : tensor<2xf32>, tensor<1x2xi32>
}"#,
        &[f32s(&[2, 3], &[1.0, -5.0, 3.0, -2.0, -8.0, -1.0]), i32s(&[2, 2], &[-7, -3, -9, -4])],
    );
    assert_floats(&out[0], "f32", &[2], &[3.0, -1.0]);
    assert_ints(&out[1], "i32", &[1, 2], &[-7, -3]);
}

#[test]
fn reduce_mean_float_and_truncating_integer() {
    let out = eval(
        r#"
func.func @main(%a: tensor<2x2xf32>, %b: tensor<2x2xi32>) -> (tensor<2xf32>, tensor<2x1xi32>) {
  %r = tg.reduce_mean %a axes [0] : tensor<2x2xf32>
  %s = tg.reduce_mean %b axes [1] keepdims : tensor<2x2xi32>
  return %r, %s : tensor<2xf32>, tensor<2x1xi32>
}"#,
        &[f32s(&[2, 2], &[1.0, 2.0, 3.0, 5.0]), i32s(&[2, 2], &[1, 2, 4, -7])],
    );
    assert_floats(&out[0], "f32", &[2], &[2.0, 3.5]);
    // 3 / 2 = 1 and -3 / 2 = -1: truncating integer division of the sum.
    assert_ints(&out[1], "i32", &[2, 1], &[1, -1]);
}

#[test]
fn softmax_last_axis_and_numerical_stability() {
    let out = eval(
        r#"
func.func @main(%a: tensor<3x3xf32>) -> tensor<3x3xf32> {
  %p = tg.softmax %a axis 1 : tensor<3x3xf32>
  return %p : tensor<3x3xf32>
}"#,
        &[f32s(&[3, 3], &[1.0, 2.0, 3.0, 1.0, 1.0, 1.0, 1000.0, 1001.0, -1000.0])],
    );
    #[rustfmt::skip]
    let expected = [
        0.090030573, 0.244728471, 0.665240956,
        1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0,
        // exp(1000) overflows f32: only the max-subtracted form is finite.
        0.268941421, 0.731058579, 0.0,
    ];
    assert_floats(&out[0], "f32", &[3, 3], &expected);
}

#[test]
fn softmax_leading_axis_f64() {
    let out = eval(
        r#"
func.func @main(%a: tensor<2x2xf64>) -> tensor<2x2xf64> {
  %p = tg.softmax %a axis 0 : tensor<2x2xf64>
  return %p : tensor<2x2xf64>
}"#,
        &[f64s(&[2, 2], &[0.0, 2.0, 0.0, 0.0])],
    );
    // Column 0: [0.5, 0.5]; column 1: [e^2, 1] / (e^2 + 1).
    assert_floats(&out[0], "f64", &[2, 2], &[0.5, 0.880797078, 0.5, 0.119202922]);
}

// ---------------------------------------------------------------------------
// A small graph
// ---------------------------------------------------------------------------

/// x, w and b of [`dense_layer_graph`] (and of its fused form).
fn dense_layer_inputs() -> [Tensor; 3] {
    [
        f32s(&[2, 3], &[1.0, 0.0, -1.0, 2.0, 1.0, 0.0]),
        f32s(&[3, 2], &[1.0, -1.0, 2.0, 0.0, 3.0, 1.0]),
        f32s(&[2], &[0.5, -0.5]),
    ]
}

#[test]
fn dense_layer_graph() {
    // relu(x @ w + b), then the mean over the features.
    let out = eval(
        r#"
func.func @main(%x: tensor<2x3xf32>, %w: tensor<3x2xf32>, %b: tensor<2xf32>) -> (tensor<2x2xf32>, tensor<2xf32>) {
  %mm = tg.matmul %x, %w : tensor<2x3xf32>, tensor<3x2xf32>
  %y = tg.add %mm, %b : tensor<2x2xf32>, tensor<2xf32>
  %r = tg.relu %y : tensor<2x2xf32>
  %m = tg.reduce_mean %r axes [1] : tensor<2x2xf32>
  return %r, %m : tensor<2x2xf32>, tensor<2xf32>
}"#,
        &dense_layer_inputs(),
    );
    // x @ w = [1-3, -1-1; 2+2, -2] = [-2 -2; 4 -2]; + b = [-1.5 -2.5; 4.5 -2.5].
    assert_floats(&out[0], "f32", &[2, 2], &[0.0, 0.0, 4.5, 0.0]);
    assert_floats(&out[1], "f32", &[2], &[0.0, 2.25]);
}

#[test]
fn conv_transpose_matmul_at_example_size() {
    // The workload of examples/convmatmul.tg.mlir on all-ones inputs: every
    // conv output sums 3 * 3 * 3 ones (27), every matmul output sums 16 of them.
    let out = eval(
        r#"
func.func @main(%input: tensor<8x3x32x32xf32>, %filter: tensor<16x3x3x3xf32>,
                %rhs: tensor<8x30x16x64xf32>) -> tensor<8x30x30x64xf32> {
  %conv = tg.conv2d %input, %filter : tensor<8x3x32x32xf32>, tensor<16x3x3x3xf32>
  %t = tg.transpose %conv perm [0, 2, 3, 1] : tensor<8x16x30x30xf32>
  %mm = tg.matmul %t, %rhs : tensor<8x30x30x16xf32>, tensor<8x30x16x64xf32>
  return %mm : tensor<8x30x30x64xf32>
}"#,
        &[f32_fn(&[8, 3, 32, 32], |_| 1.0), f32_fn(&[16, 3, 3, 3], |_| 1.0), f32_fn(&[8, 30, 16, 64], |_| 1.0)],
    );
    assert_floats(&out[0], "f32", &[8, 30, 30, 64], &vec![432.0; 8 * 30 * 30 * 64]);
}

#[test]
fn evaluates_the_named_entry_among_several_functions() {
    let context = tool_support::context::create(false, false);
    let source = r#"
func.func @double(%x: tensor<2xi32>) -> tensor<2xi32> {
  %r = tg.add %x, %x : tensor<2xi32>, tensor<2xi32>
  return %r : tensor<2xi32>
}
func.func @negate(%x: tensor<2xi32>) -> tensor<2xi32> {
  %r = tg.neg %x : tensor<2xi32>
  return %r : tensor<2xi32>
}"#;
    let operation = tg_dialect::parse_source_for_tool(&context, source, "test.mlir", true).expect("parses");
    let module = Module::from_operation(operation).expect("a module");
    let input = [i32s(&[2], &[3, -4])];
    let doubled = evaluate(module.as_operation(), "double", &input).expect("evaluates");
    assert_ints(&doubled[0], "i32", &[2], &[6, -8]);
    let negated = evaluate(module.as_operation(), "negate", &input).expect("evaluates");
    assert_ints(&negated[0], "i32", &[2], &[-3, 4]);
    assert_eq!(
        evaluate(module.as_operation(), "missing", &input),
        Err(EvalError::EntryNotFound(String::from("missing")))
    );
}

// ---------------------------------------------------------------------------
// tg.fused
// ---------------------------------------------------------------------------

/// The dense layer of [`dense_layer_graph`], with the matmul, the bias and the
/// relu in one `tg.fused` and the mean outside it.
const FUSED_DENSE_LAYER: &str = r#"
func.func @main(%x: tensor<2x3xf32>, %w: tensor<3x2xf32>, %b: tensor<2xf32>) -> (tensor<2x2xf32>, tensor<2xf32>) {
  %r = tg.fused "matmul+add+relu" (%x, %w, %b) : (tensor<2x3xf32>, tensor<3x2xf32>, tensor<2xf32>) -> tensor<2x2xf32> {
  ^bb0(%a: tensor<2x3xf32>, %c: tensor<3x2xf32>, %d: tensor<2xf32>):
    %mm = tg.matmul %a, %c : tensor<2x3xf32>, tensor<3x2xf32>
    %y = tg.add %mm, %d : tensor<2x2xf32>, tensor<2xf32>
    %z = tg.relu %y : tensor<2x2xf32>
    tg.yield %z : tensor<2x2xf32>
  }
  %m = tg.reduce_mean %r axes [1] : tensor<2x2xf32>
  return %r, %m : tensor<2x2xf32>, tensor<2xf32>
}"#;

#[test]
fn fused_op_evaluates_its_body_on_its_operands() {
    let out = eval(FUSED_DENSE_LAYER, &dense_layer_inputs());
    // As in dense_layer_graph.
    assert_floats(&out[0], "f32", &[2, 2], &[0.0, 0.0, 4.5, 0.0]);
    assert_floats(&out[1], "f32", &[2], &[0.0, 2.25]);
}

#[test]
fn fused_op_with_a_constant_inside_and_two_results() {
    let out = eval(
        r#"
func.func @main(%x: tensor<3xi32>) -> (tensor<3xi32>, tensor<3xi32>, tensor<3xi32>) {
  %r:2 = tg.fused "constant+mul+neg" (%x) : (tensor<3xi32>) -> (tensor<3xi32>, tensor<3xi32>) {
  ^bb0(%a: tensor<3xi32>):
    %k = tg.constant dense<[1, 2, 3]> : tensor<3xi32>
    %p = tg.mul %a, %k : tensor<3xi32>, tensor<3xi32>
    %n = tg.neg %p : tensor<3xi32>
    tg.yield %p, %n : tensor<3xi32>, tensor<3xi32>
  }
  %s = tg.add %r#0, %r#1 : tensor<3xi32>, tensor<3xi32>
  return %r#0, %r#1, %s : tensor<3xi32>, tensor<3xi32>, tensor<3xi32>
}"#,
        &[i32s(&[3], &[5, -1, 2])],
    );
    assert_ints(&out[0], "i32", &[3], &[5, -2, 6]);
    assert_ints(&out[1], "i32", &[3], &[-5, 2, -6]);
    assert_ints(&out[2], "i32", &[3], &[0, 0, 0]);
}

#[test]
fn tg_fuse_output_evaluates_like_its_input() {
    // The MLP of examples/mlp.tg.mlir with a written-out softmax, small: tg-fuse
    // makes two groups of it; the interpreter must give the same results.
    let source = r#"
func.func @main(%x: tensor<3x4xf32>, %w: tensor<4x5xf32>, %b: tensor<5xf32>) -> tensor<3x5xf32> {
  %mm = tg.matmul %x, %w : tensor<3x4xf32>, tensor<4x5xf32>
  %y = tg.add %mm, %b : tensor<3x5xf32>, tensor<5xf32>
  %r = tg.relu %y : tensor<3x5xf32>
  %m = tg.reduce_max %r axes [1] keepdims : tensor<3x5xf32>
  %s = tg.sub %r, %m : tensor<3x5xf32>, tensor<3x1xf32>
  %e = tg.exp %s : tensor<3x5xf32>
  %t = tg.reduce_sum %e axes [1] keepdims : tensor<3x5xf32>
  %p = tg.div %e, %t : tensor<3x5xf32>, tensor<3x1xf32>
  return %p : tensor<3x5xf32>
}"#;
    let inputs = [
        f32_fn(&[3, 4], |i| (i[0] as f32) - 0.5 * (i[1] as f32)),
        f32_fn(&[4, 5], |i| ((i[0] * 5 + i[1]) % 7) as f32 * 0.25 - 0.5),
        f32_fn(&[5], |i| i[0] as f32 * 0.1),
    ];
    let context = tool_support::context::create(false, false);
    let operation = tg_dialect::parse_source_for_tool(&context, source, "test.mlir", true).expect("parses");
    let mut module = Module::from_operation(operation).expect("a module");
    let unfused = evaluate(module.as_operation(), "main", &inputs).expect("evaluates");
    let pipeline = tg_passes::pipeline::parse("builtin.module(func.func(tg-fuse))").expect("a valid pipeline");
    let pm = tool_support::pass_manager::build(&context, "builtin.module", &pipeline).expect("tg-fuse exists");
    pm.run(&mut module).expect("tg-fuse succeeds");
    let printed = module.as_operation().to_string();
    assert_eq!(printed.matches("tg.fused").count(), 2, "two groups expected in\n{printed}");
    let fused = evaluate(module.as_operation(), "main", &inputs).expect("evaluates the fused module");
    let expected: Vec<f64> = match &unfused[0] {
        Tensor::F32(a) => a.iter().map(|&v| v as f64).collect(),
        other => panic!("expected f32, got {other:?}"),
    };
    assert_floats(&fused[0], "f32", &[3, 5], &expected);
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

const TWO_INPUTS: &str = r#"
func.func @main(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %r = tg.add %a, %b : tensor<2x3xf32>, tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}"#;

#[test]
fn wrong_number_of_inputs() {
    let error = run(TWO_INPUTS, &[f32s(&[2, 3], &[0.0; 6])]).expect_err("one input for two arguments");
    assert_eq!(error, EvalError::InputCount { entry: String::from("main"), expected: 2, got: 1 });
    assert_eq!(error.to_string(), "@main takes 2 input(s), got 1");
}

#[test]
fn wrong_input_shape() {
    let error = run(TWO_INPUTS, &[f32s(&[2, 3], &[0.0; 6]), f32s(&[3, 2], &[0.0; 6])]).expect_err("3x2 for 2x3");
    assert_eq!(
        error,
        EvalError::InputType {
            entry: String::from("main"),
            index: 1,
            expected: String::from("tensor<2x3xf32>"),
            got: String::from("tensor<3x2xf32>"),
        }
    );
    assert_eq!(error.to_string(), "input #1 of @main: expected tensor<2x3xf32>, got tensor<3x2xf32>");
}

#[test]
fn wrong_input_element_type() {
    let error = run(TWO_INPUTS, &[f64s(&[2, 3], &[0.0; 6]), f32s(&[2, 3], &[0.0; 6])]).expect_err("f64 for f32");
    assert_eq!(
        error,
        EvalError::InputType {
            entry: String::from("main"),
            index: 0,
            expected: String::from("tensor<2x3xf32>"),
            got: String::from("tensor<2x3xf64>"),
        }
    );
}

#[test]
fn unsupported_op_names_op_and_location() {
    let source = r#"
func.func @main(%a: tensor<2xf32>) -> tensor<2xf32> {
  %n = tg.neg %a : tensor<2xf32>
    %r = arith.addf %n, %a : tensor<2xf32>
  return %r : tensor<2xf32>
}"#;
    let error = run(source, &[f32s(&[2], &[1.0, 2.0])]).expect_err("arith.addf is not tg");
    assert_eq!(
        error,
        EvalError::UnsupportedOp { op: String::from("arith.addf"), location: String::from("test.mlir:4:10") }
    );
    assert_eq!(error.to_string(), "unsupported op 'arith.addf' at test.mlir:4:10");
}

#[test]
fn unsupported_element_type() {
    let source = r#"
func.func @main(%a: tensor<2xf16>) -> tensor<2xf16> {
  %r = tg.neg %a : tensor<2xf16>
  return %r : tensor<2xf16>
}"#;
    let error = run(source, &[f32s(&[2], &[1.0, 2.0])]).expect_err("f16 is not supported");
    match &error {
        EvalError::UnsupportedType { op, location, ty, .. } => {
            assert_eq!(op, "func.func @main");
            assert_eq!(location, "test.mlir:2:1");
            assert_eq!(ty, "tensor<2xf16>");
        }
        other => panic!("expected UnsupportedType, got {other:?}"),
    }
}
