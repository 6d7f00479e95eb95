// RUN: tensor-opt %s --split-input-file | tensor-opt --split-input-file | FileCheck %s
// RUN: tensor-opt %s --split-input-file --mlir-print-op-generic | tensor-opt --split-input-file | FileCheck %s
// RUN: tensor-opt %s --split-input-file --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// Every tg op in its custom form. The first RUN round-trips the custom form,
// the second parses the generic form back into the same custom form; both
// check the printed custom form and the inferred result types (the type of
// each `return`). The GENERIC prefix checks the generic form of some ops:
// attributes are properties (`<{...}>`), with default values filled in.

// A dense constant prints its value in the custom form; the result type is the value's type.
// CHECK-LABEL: func.func @constant_dense() -> tensor<2x2xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>
// CHECK-NEXT:    return %[[R]] : tensor<2x2xf32>
// GENERIC-LABEL: sym_name = "constant_dense"}>
// GENERIC:       "tg.constant"() <{value = dense<{{\[\[}}1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>}> : () -> tensor<2x2xf32>
func.func @constant_dense() -> tensor<2x2xf32> {
  %0 = tg.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// A splat integer constant keeps its splat form.
// CHECK-LABEL: func.func @constant_splat_int() -> tensor<3x4xi32>
// CHECK-NEXT:    %[[R:.*]] = tg.constant dense<7> : tensor<3x4xi32>
// CHECK-NEXT:    return %[[R]] : tensor<3x4xi32>
func.func @constant_splat_int() -> tensor<3x4xi32> {
  %0 = tg.constant dense<7> : tensor<3x4xi32>
  return %0 : tensor<3x4xi32>
}

// -----

// A lower-rank operand broadcasts against the trailing dimensions.
// CHECK-LABEL: func.func @add_broadcast_rank(
// CHECK-SAME:    %[[A:.*]]: tensor<8x16xf32>, %[[B:.*]]: tensor<16xf32>) -> tensor<8x16xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.add %[[A]], %[[B]] : tensor<8x16xf32>, tensor<16xf32>
// CHECK-NEXT:    return %[[R]] : tensor<8x16xf32>
// GENERIC-LABEL: sym_name = "add_broadcast_rank"}>
// GENERIC:       "tg.add"(%{{.*}}, %{{.*}}) : (tensor<8x16xf32>, tensor<16xf32>) -> tensor<8x16xf32>
func.func @add_broadcast_rank(%a: tensor<8x16xf32>, %b: tensor<16xf32>) -> tensor<8x16xf32> {
  %0 = tg.add %a, %b : tensor<8x16xf32>, tensor<16xf32>
  return %0 : tensor<8x16xf32>
}

// -----

// Size-1 dimensions of either operand broadcast: 4x1 and 1x5 give 4x5.
// CHECK-LABEL: func.func @sub_broadcast_ones(
// CHECK-SAME:    %[[A:.*]]: tensor<4x1xf32>, %[[B:.*]]: tensor<1x5xf32>) -> tensor<4x5xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.sub %[[A]], %[[B]] : tensor<4x1xf32>, tensor<1x5xf32>
// CHECK-NEXT:    return %[[R]] : tensor<4x5xf32>
func.func @sub_broadcast_ones(%a: tensor<4x1xf32>, %b: tensor<1x5xf32>) -> tensor<4x5xf32> {
  %0 = tg.sub %a, %b : tensor<4x1xf32>, tensor<1x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// Equal shapes need no broadcasting; integer tensors are allowed.
// CHECK-LABEL: func.func @mul_same_shape_int(
// CHECK-SAME:    %[[A:.*]]: tensor<2x3xi32>, %[[B:.*]]: tensor<2x3xi32>) -> tensor<2x3xi32>
// CHECK-NEXT:    %[[R:.*]] = tg.mul %[[A]], %[[B]] : tensor<2x3xi32>, tensor<2x3xi32>
// CHECK-NEXT:    return %[[R]] : tensor<2x3xi32>
func.func @mul_same_shape_int(%a: tensor<2x3xi32>, %b: tensor<2x3xi32>) -> tensor<2x3xi32> {
  %0 = tg.mul %a, %b : tensor<2x3xi32>, tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

// A rank-0 operand broadcasts to the other operand's shape.
// CHECK-LABEL: func.func @div_scalar_lhs(
// CHECK-SAME:    %[[A:.*]]: tensor<f32>, %[[B:.*]]: tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.div %[[A]], %[[B]] : tensor<f32>, tensor<2x3xf32>
// CHECK-NEXT:    return %[[R]] : tensor<2x3xf32>
func.func @div_scalar_lhs(%a: tensor<f32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = tg.div %a, %b : tensor<f32>, tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// max, min and pow broadcast in both operand orders (the rank of the result is the larger one).
// CHECK-LABEL: func.func @max_min_pow(
// CHECK-SAME:    %[[A:.*]]: tensor<3x1x5xf16>, %[[B:.*]]: tensor<4x1xf16>) -> tensor<3x4x5xf16>
// CHECK-NEXT:    %[[R0:.*]] = tg.max %[[A]], %[[B]] : tensor<3x1x5xf16>, tensor<4x1xf16>
// CHECK-NEXT:    %[[R1:.*]] = tg.min %[[B]], %[[A]] : tensor<4x1xf16>, tensor<3x1x5xf16>
// CHECK-NEXT:    %[[R2:.*]] = tg.pow %[[R0]], %[[R1]] : tensor<3x4x5xf16>, tensor<3x4x5xf16>
// CHECK-NEXT:    return %[[R2]] : tensor<3x4x5xf16>
func.func @max_min_pow(%a: tensor<3x1x5xf16>, %b: tensor<4x1xf16>) -> tensor<3x4x5xf16> {
  %0 = tg.max %a, %b : tensor<3x1x5xf16>, tensor<4x1xf16>
  %1 = tg.min %b, %a : tensor<4x1xf16>, tensor<3x1x5xf16>
  %2 = tg.pow %0, %1 : tensor<3x4x5xf16>, tensor<3x4x5xf16>
  return %2 : tensor<3x4x5xf16>
}

// -----

// Every unary op keeps its operand's type.
// CHECK-LABEL: func.func @unary(
// CHECK-SAME:    %[[X:.*]]: tensor<4x4xf32>) -> tensor<4x4xf32>
// CHECK-NEXT:    %[[R0:.*]] = tg.neg %[[X]] : tensor<4x4xf32>
// CHECK-NEXT:    %[[R1:.*]] = tg.exp %[[R0]] : tensor<4x4xf32>
// CHECK-NEXT:    %[[R2:.*]] = tg.log %[[R1]] : tensor<4x4xf32>
// CHECK-NEXT:    %[[R3:.*]] = tg.tanh %[[R2]] : tensor<4x4xf32>
// CHECK-NEXT:    %[[R4:.*]] = tg.sigmoid %[[R3]] : tensor<4x4xf32>
// CHECK-NEXT:    %[[R5:.*]] = tg.relu %[[R4]] : tensor<4x4xf32>
// CHECK-NEXT:    %[[R6:.*]] = tg.sqrt %[[R5]] : tensor<4x4xf32>
// CHECK-NEXT:    %[[R7:.*]] = tg.rsqrt %[[R6]] : tensor<4x4xf32>
// CHECK-NEXT:    %[[R8:.*]] = tg.abs %[[R7]] : tensor<4x4xf32>
// CHECK-NEXT:    return %[[R8]] : tensor<4x4xf32>
func.func @unary(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %0 = tg.neg %x : tensor<4x4xf32>
  %1 = tg.exp %0 : tensor<4x4xf32>
  %2 = tg.log %1 : tensor<4x4xf32>
  %3 = tg.tanh %2 : tensor<4x4xf32>
  %4 = tg.sigmoid %3 : tensor<4x4xf32>
  %5 = tg.relu %4 : tensor<4x4xf32>
  %6 = tg.sqrt %5 : tensor<4x4xf32>
  %7 = tg.rsqrt %6 : tensor<4x4xf32>
  %8 = tg.abs %7 : tensor<4x4xf32>
  return %8 : tensor<4x4xf32>
}

// -----

// neg, abs and relu also take integer tensors.
// CHECK-LABEL: func.func @unary_int(
// CHECK-SAME:    %[[X:.*]]: tensor<5xi8>) -> tensor<5xi8>
// CHECK-NEXT:    %[[R0:.*]] = tg.neg %[[X]] : tensor<5xi8>
// CHECK-NEXT:    %[[R1:.*]] = tg.abs %[[R0]] : tensor<5xi8>
// CHECK-NEXT:    %[[R2:.*]] = tg.relu %[[R1]] : tensor<5xi8>
// CHECK-NEXT:    return %[[R2]] : tensor<5xi8>
func.func @unary_int(%x: tensor<5xi8>) -> tensor<5xi8> {
  %0 = tg.neg %x : tensor<5xi8>
  %1 = tg.abs %0 : tensor<5xi8>
  %2 = tg.relu %1 : tensor<5xi8>
  return %2 : tensor<5xi8>
}

// -----

// erf (float only) and clip: clip's bounds print as f64 floats, in the
// generic form as properties.
// CHECK-LABEL: func.func @erf_clip(
// CHECK-SAME:    %[[X:.*]]: tensor<4x4xf32>, %[[I:.*]]: tensor<3xi16>) -> (tensor<4x4xf32>, tensor<3xi16>)
// CHECK-NEXT:    %[[E:.*]] = tg.erf %[[X]] : tensor<4x4xf32>
// CHECK-NEXT:    %[[C:.*]] = tg.clip %[[E]] min -5.000000e-01 max 6.000000e+00 : tensor<4x4xf32>
// CHECK-NEXT:    %[[K:.*]] = tg.clip %[[I]] min -3.000000e+00 max 3.000000e+00 : tensor<3xi16>
// CHECK-NEXT:    return %[[C]], %[[K]] : tensor<4x4xf32>, tensor<3xi16>
// GENERIC-LABEL: sym_name = "erf_clip"}>
// GENERIC:       "tg.erf"(%{{.*}}) : (tensor<4x4xf32>) -> tensor<4x4xf32>
// GENERIC:       "tg.clip"(%{{.*}}) <{max = 6.000000e+00 : f64, min = -5.000000e-01 : f64}> : (tensor<4x4xf32>) -> tensor<4x4xf32>
func.func @erf_clip(%x: tensor<4x4xf32>, %i: tensor<3xi16>) -> (tensor<4x4xf32>, tensor<3xi16>) {
  %0 = tg.erf %x : tensor<4x4xf32>
  %1 = tg.clip %0 min -0.5 max 6.0 : tensor<4x4xf32>
  %2 = tg.clip %i min -3.0 max 3.0 : tensor<3xi16>
  return %1, %2 : tensor<4x4xf32>, tensor<3xi16>
}

// -----

// Float-only unary ops take f16, bf16 and f64 as well as f32.
// CHECK-LABEL: func.func @unary_float_types(
// CHECK-SAME:    %[[H:.*]]: tensor<2xf16>, %[[B:.*]]: tensor<2xbf16>, %[[D:.*]]: tensor<2xf64>) -> (tensor<2xf16>, tensor<2xbf16>, tensor<2xf64>)
// CHECK-NEXT:    %[[R0:.*]] = tg.exp %[[H]] : tensor<2xf16>
// CHECK-NEXT:    %[[R1:.*]] = tg.sigmoid %[[B]] : tensor<2xbf16>
// CHECK-NEXT:    %[[R2:.*]] = tg.rsqrt %[[D]] : tensor<2xf64>
// CHECK-NEXT:    return %[[R0]], %[[R1]], %[[R2]] : tensor<2xf16>, tensor<2xbf16>, tensor<2xf64>
func.func @unary_float_types(%h: tensor<2xf16>, %b: tensor<2xbf16>, %d: tensor<2xf64>) -> (tensor<2xf16>, tensor<2xbf16>, tensor<2xf64>) {
  %0 = tg.exp %h : tensor<2xf16>
  %1 = tg.sigmoid %b : tensor<2xbf16>
  %2 = tg.rsqrt %d : tensor<2xf64>
  return %0, %1, %2 : tensor<2xf16>, tensor<2xbf16>, tensor<2xf64>
}

// -----

// cast converts the element type and keeps the shape.
// CHECK-LABEL: func.func @cast(
// CHECK-SAME:    %[[X:.*]]: tensor<4xf32>) -> tensor<4xf16>
// CHECK-NEXT:    %[[R0:.*]] = tg.cast %[[X]] : tensor<4xf32> to tensor<4xi32>
// CHECK-NEXT:    %[[R1:.*]] = tg.cast %[[R0]] : tensor<4xi32> to tensor<4xf16>
// CHECK-NEXT:    return %[[R1]] : tensor<4xf16>
// GENERIC-LABEL: sym_name = "cast"}>
// GENERIC:       "tg.cast"(%{{.*}}) : (tensor<4xf32>) -> tensor<4xi32>
func.func @cast(%x: tensor<4xf32>) -> tensor<4xf16> {
  %0 = tg.cast %x : tensor<4xf32> to tensor<4xi32>
  %1 = tg.cast %0 : tensor<4xi32> to tensor<4xf16>
  return %1 : tensor<4xf16>
}

// -----

// A 2-D matmul: MxK times KxN gives MxN.
// CHECK-LABEL: func.func @matmul_2d(
// CHECK-SAME:    %[[A:.*]]: tensor<8x16xf32>, %[[B:.*]]: tensor<16x32xf32>) -> tensor<8x32xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.matmul %[[A]], %[[B]] : tensor<8x16xf32>, tensor<16x32xf32>
// CHECK-NEXT:    return %[[R]] : tensor<8x32xf32>
func.func @matmul_2d(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>) -> tensor<8x32xf32> {
  %0 = tg.matmul %a, %b : tensor<8x16xf32>, tensor<16x32xf32>
  return %0 : tensor<8x32xf32>
}

// -----

// Equal batch dimensions are kept.
// CHECK-LABEL: func.func @matmul_batched(
// CHECK-SAME:    %[[A:.*]]: tensor<8x30x30x16xf32>, %[[B:.*]]: tensor<8x30x16x64xf32>) -> tensor<8x30x30x64xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.matmul %[[A]], %[[B]] : tensor<8x30x30x16xf32>, tensor<8x30x16x64xf32>
// CHECK-NEXT:    return %[[R]] : tensor<8x30x30x64xf32>
func.func @matmul_batched(%a: tensor<8x30x30x16xf32>, %b: tensor<8x30x16x64xf32>) -> tensor<8x30x30x64xf32> {
  %0 = tg.matmul %a, %b : tensor<8x30x30x16xf32>, tensor<8x30x16x64xf32>
  return %0 : tensor<8x30x30x64xf32>
}

// -----

// Batch dimensions broadcast across ranks: [4, 1] with [3] gives [4, 3].
// CHECK-LABEL: func.func @matmul_batch_broadcast(
// CHECK-SAME:    %[[A:.*]]: tensor<4x1x8x16xf32>, %[[B:.*]]: tensor<3x16x32xf32>) -> tensor<4x3x8x32xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.matmul %[[A]], %[[B]] : tensor<4x1x8x16xf32>, tensor<3x16x32xf32>
// CHECK-NEXT:    return %[[R]] : tensor<4x3x8x32xf32>
// GENERIC-LABEL: sym_name = "matmul_batch_broadcast"}>
// GENERIC:       "tg.matmul"(%{{.*}}, %{{.*}}) : (tensor<4x1x8x16xf32>, tensor<3x16x32xf32>) -> tensor<4x3x8x32xf32>
func.func @matmul_batch_broadcast(%a: tensor<4x1x8x16xf32>, %b: tensor<3x16x32xf32>) -> tensor<4x3x8x32xf32> {
  %0 = tg.matmul %a, %b : tensor<4x1x8x16xf32>, tensor<3x16x32xf32>
  return %0 : tensor<4x3x8x32xf32>
}

// -----

// A 2-D lhs broadcasts against a batched rhs.
// CHECK-LABEL: func.func @matmul_2d_times_batch(
// CHECK-SAME:    %[[A:.*]]: tensor<8x16xi32>, %[[B:.*]]: tensor<5x16x4xi32>) -> tensor<5x8x4xi32>
// CHECK-NEXT:    %[[R:.*]] = tg.matmul %[[A]], %[[B]] : tensor<8x16xi32>, tensor<5x16x4xi32>
// CHECK-NEXT:    return %[[R]] : tensor<5x8x4xi32>
func.func @matmul_2d_times_batch(%a: tensor<8x16xi32>, %b: tensor<5x16x4xi32>) -> tensor<5x8x4xi32> {
  %0 = tg.matmul %a, %b : tensor<8x16xi32>, tensor<5x16x4xi32>
  return %0 : tensor<5x8x4xi32>
}

// -----

// conv2d with every attribute at its default prints none of them.
// CHECK-LABEL: func.func @conv2d_defaults(
// CHECK-SAME:    %[[X:.*]]: tensor<1x3x32x32xf32>, %[[W:.*]]: tensor<16x3x3x3xf32>) -> tensor<1x16x30x30xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.conv2d %[[X]], %[[W]]
// CHECK-NOT:     {{strides|dilations|padding|groups}}
// CHECK-SAME:    : tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>
// CHECK-NEXT:    return %[[R]] : tensor<1x16x30x30xf32>
// GENERIC-LABEL: sym_name = "conv2d_defaults"}>
// GENERIC:       "tg.conv2d"(%{{.*}}, %{{.*}}) <{dilations = array<i64: 1, 1>, groups = 1 : i64, padding = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>}> : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x30x30xf32>
func.func @conv2d_defaults(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x3x3xf32>) -> tensor<1x16x30x30xf32> {
  %0 = tg.conv2d %x, %w : tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>
  return %0 : tensor<1x16x30x30xf32>
}

// -----

// Attributes spelled out at their default values are elided when printed.
// CHECK-LABEL: func.func @conv2d_explicit_defaults(
// CHECK-SAME:    %[[X:.*]]: tensor<1x3x32x32xf32>, %[[W:.*]]: tensor<16x3x3x3xf32>) -> tensor<1x16x30x30xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.conv2d %[[X]], %[[W]]
// CHECK-NOT:     {{strides|dilations|padding|groups}}
// CHECK-SAME:    : tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>
// CHECK-NEXT:    return %[[R]] : tensor<1x16x30x30xf32>
func.func @conv2d_explicit_defaults(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x3x3xf32>) -> tensor<1x16x30x30xf32> {
  %0 = tg.conv2d %x, %w strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] groups 1 : tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>
  return %0 : tensor<1x16x30x30xf32>
}

// -----

// Strides and padding: (32 + 1 + 1 - 3) / 2 + 1 = 16.
// CHECK-LABEL: func.func @conv2d_strides_padding(
// CHECK-SAME:    %[[X:.*]]: tensor<1x3x32x32xf32>, %[[W:.*]]: tensor<16x3x3x3xf32>) -> tensor<1x16x16x16xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.conv2d %[[X]], %[[W]] strides [2, 2] padding [1, 1, 1, 1] : tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>
// CHECK-NEXT:    return %[[R]] : tensor<1x16x16x16xf32>
func.func @conv2d_strides_padding(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x3x3xf32>) -> tensor<1x16x16x16xf32> {
  %0 = tg.conv2d %x, %w strides [2, 2] padding [1, 1, 1, 1] : tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>
  return %0 : tensor<1x16x16x16xf32>
}

// -----

// Strides are [h, w]: (32 - 3) / 3 + 1 = 10 rows, (17 - 3) / 2 + 1 = 8 columns.
// CHECK-LABEL: func.func @conv2d_strides_hw(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3x32x17xf32>, %[[W:.*]]: tensor<8x3x3x3xf32>) -> tensor<2x8x10x8xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.conv2d %[[X]], %[[W]] strides [3, 2] : tensor<2x3x32x17xf32>, tensor<8x3x3x3xf32>
// CHECK-NEXT:    return %[[R]] : tensor<2x8x10x8xf32>
func.func @conv2d_strides_hw(%x: tensor<2x3x32x17xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<2x8x10x8xf32> {
  %0 = tg.conv2d %x, %w strides [3, 2] : tensor<2x3x32x17xf32>, tensor<8x3x3x3xf32>
  return %0 : tensor<2x8x10x8xf32>
}

// -----

// Dilations are [h, w]: a 3-tap window dilated by 2 spans 5 rows.
// CHECK-LABEL: func.func @conv2d_dilations(
// CHECK-SAME:    %[[X:.*]]: tensor<1x3x32x32xf32>, %[[W:.*]]: tensor<16x3x3x3xf32>) -> tensor<1x16x28x30xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.conv2d %[[X]], %[[W]] dilations [2, 1] : tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>
// CHECK-NEXT:    return %[[R]] : tensor<1x16x28x30xf32>
func.func @conv2d_dilations(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x3x3xf32>) -> tensor<1x16x28x30xf32> {
  %0 = tg.conv2d %x, %w dilations [2, 1] : tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>
  return %0 : tensor<1x16x28x30xf32>
}

// -----

// Padding is [top, left, bottom, right]: 8 + 1 + 2 - 3 + 1 = 9 rows, 8 + 0 + 1 - 3 + 1 = 7 columns.
// CHECK-LABEL: func.func @conv2d_asymmetric_padding(
// CHECK-SAME:    %[[X:.*]]: tensor<1x3x8x8xf32>, %[[W:.*]]: tensor<4x3x3x3xf32>) -> tensor<1x4x9x7xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.conv2d %[[X]], %[[W]] padding [1, 0, 2, 1] : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>
// CHECK-NEXT:    return %[[R]] : tensor<1x4x9x7xf32>
func.func @conv2d_asymmetric_padding(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x9x7xf32> {
  %0 = tg.conv2d %x, %w padding [1, 0, 2, 1] : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>
  return %0 : tensor<1x4x9x7xf32>
}

// -----

// Grouped convolution: each of 2 groups sees 4 / 2 = 2 input channels.
// CHECK-LABEL: func.func @conv2d_groups(
// CHECK-SAME:    %[[X:.*]]: tensor<1x4x8x8xf32>, %[[W:.*]]: tensor<6x2x3x3xf32>) -> tensor<1x6x6x6xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.conv2d %[[X]], %[[W]] groups 2 : tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>
// CHECK-NEXT:    return %[[R]] : tensor<1x6x6x6xf32>
func.func @conv2d_groups(%x: tensor<1x4x8x8xf32>, %w: tensor<6x2x3x3xf32>) -> tensor<1x6x6x6xf32> {
  %0 = tg.conv2d %x, %w groups 2 : tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>
  return %0 : tensor<1x6x6x6xf32>
}

// -----

// Depthwise convolution with every attribute set.
// CHECK-LABEL: func.func @conv2d_all(
// CHECK-SAME:    %[[X:.*]]: tensor<1x4x9x9xf32>, %[[W:.*]]: tensor<4x1x3x3xf32>) -> tensor<1x4x4x4xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.conv2d %[[X]], %[[W]] strides [2, 2] dilations [2, 2] padding [1, 1, 1, 1] groups 4 : tensor<1x4x9x9xf32>, tensor<4x1x3x3xf32>
// CHECK-NEXT:    return %[[R]] : tensor<1x4x4x4xf32>
// GENERIC-LABEL: sym_name = "conv2d_all"}>
// GENERIC:       "tg.conv2d"(%{{.*}}, %{{.*}}) <{dilations = array<i64: 2, 2>, groups = 4 : i64, padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x4x9x9xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x4x4xf32>
func.func @conv2d_all(%x: tensor<1x4x9x9xf32>, %w: tensor<4x1x3x3xf32>) -> tensor<1x4x4x4xf32> {
  %0 = tg.conv2d %x, %w strides [2, 2] dilations [2, 2] padding [1, 1, 1, 1] groups 4 : tensor<1x4x9x9xf32>, tensor<4x1x3x3xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// max_pool2d with kernel and strides; padding at its default is not printed.
// CHECK-LABEL: func.func @max_pool2d(
// CHECK-SAME:    %[[X:.*]]: tensor<1x16x30x30xf32>) -> tensor<1x16x15x15xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.max_pool2d %[[X]] kernel [2, 2] strides [2, 2]
// CHECK-NOT:     padding
// CHECK-SAME:    : tensor<1x16x30x30xf32>
// CHECK-NEXT:    return %[[R]] : tensor<1x16x15x15xf32>
// GENERIC-LABEL: sym_name = "max_pool2d"}>
// GENERIC:       "tg.max_pool2d"(%{{.*}}) <{dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, padding = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>}> : (tensor<1x16x30x30xf32>) -> tensor<1x16x15x15xf32>
func.func @max_pool2d(%x: tensor<1x16x30x30xf32>) -> tensor<1x16x15x15xf32> {
  %0 = tg.max_pool2d %x kernel [2, 2] strides [2, 2] : tensor<1x16x30x30xf32>
  return %0 : tensor<1x16x15x15xf32>
}

// -----

// max_pool2d with default strides and asymmetric padding.
// CHECK-LABEL: func.func @max_pool2d_defaults_padding(
// CHECK-SAME:    %[[X:.*]]: tensor<1x2x7x7xf32>) -> tensor<1x2x7x5xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.max_pool2d %[[X]] kernel [3, 3]
// CHECK-NOT:     strides
// CHECK-SAME:    padding [1, 0, 1, 0] : tensor<1x2x7x7xf32>
// CHECK-NEXT:    return %[[R]] : tensor<1x2x7x5xf32>
func.func @max_pool2d_defaults_padding(%x: tensor<1x2x7x7xf32>) -> tensor<1x2x7x5xf32> {
  %0 = tg.max_pool2d %x kernel [3, 3] padding [1, 0, 1, 0] : tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x5xf32>
}

// -----

// Dilated pools: the window's taps are `dilations` apart (round trip in both forms).
// CHECK-LABEL: func.func @pools_dilated(
// CHECK:         tg.max_pool2d %{{.*}} kernel [2, 2] strides [2, 2] dilations [2, 2] padding [1, 1, 1, 1] : tensor<1x2x9x9xf32>
// CHECK:         tg.avg_pool2d %{{.*}} kernel [2, 3] dilations [2, 1] : tensor<1x2x9x9xf32>
// GENERIC-LABEL: sym_name = "pools_dilated"
// GENERIC:       "tg.max_pool2d"(%{{.*}}) <{dilations = array<i64: 2, 2>, kernel = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x2x9x9xf32>) -> tensor<1x2x5x5xf32>
// GENERIC:       "tg.avg_pool2d"(%{{.*}}) <{dilations = array<i64: 2, 1>, kernel = array<i64: 2, 3>, padding = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>}> : (tensor<1x2x9x9xf32>) -> tensor<1x2x7x7xf32>
func.func @pools_dilated(%x: tensor<1x2x9x9xf32>) -> (tensor<1x2x5x5xf32>, tensor<1x2x7x7xf32>) {
  %0 = tg.max_pool2d %x kernel [2, 2] strides [2, 2] dilations [2, 2] padding [1, 1, 1, 1] : tensor<1x2x9x9xf32>
  %1 = tg.avg_pool2d %x kernel [2, 3] dilations [2, 1] : tensor<1x2x9x9xf32>
  return %0, %1 : tensor<1x2x5x5xf32>, tensor<1x2x7x7xf32>
}

// -----

// avg_pool2d without count_include_pad.
// CHECK-LABEL: func.func @avg_pool2d(
// CHECK-SAME:    %[[X:.*]]: tensor<1x16x8x8xf32>) -> tensor<1x16x4x4xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.avg_pool2d %[[X]] kernel [2, 2] strides [2, 2]
// CHECK-NOT:     {{padding|count_include_pad}}
// CHECK-SAME:    : tensor<1x16x8x8xf32>
// CHECK-NEXT:    return %[[R]] : tensor<1x16x4x4xf32>
// GENERIC-LABEL: sym_name = "avg_pool2d"}>
// GENERIC:       "tg.avg_pool2d"(%{{.*}}) <{dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, padding = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>}> : (tensor<1x16x8x8xf32>) -> tensor<1x16x4x4xf32>
func.func @avg_pool2d(%x: tensor<1x16x8x8xf32>) -> tensor<1x16x4x4xf32> {
  %0 = tg.avg_pool2d %x kernel [2, 2] strides [2, 2] : tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x4x4xf32>
}

// -----

// avg_pool2d keeps the count_include_pad keyword; "same" padding keeps the size.
// CHECK-LABEL: func.func @avg_pool2d_count_include_pad(
// CHECK-SAME:    %[[X:.*]]: tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.avg_pool2d %[[X]] kernel [3, 3] padding [1, 1, 1, 1] count_include_pad : tensor<1x16x8x8xf32>
// CHECK-NEXT:    return %[[R]] : tensor<1x16x8x8xf32>
// GENERIC-LABEL: sym_name = "avg_pool2d_count_include_pad"}>
// GENERIC:       "tg.avg_pool2d"(%{{.*}}) <{count_include_pad, dilations = array<i64: 1, 1>, kernel = array<i64: 3, 3>, padding = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>}> : (tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32>
func.func @avg_pool2d_count_include_pad(%x: tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32> {
  %0 = tg.avg_pool2d %x kernel [3, 3] padding [1, 1, 1, 1] count_include_pad : tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}

// -----

// transpose: result dimension i is input dimension perm[i].
// CHECK-LABEL: func.func @transpose(
// CHECK-SAME:    %[[X:.*]]: tensor<8x16x30x20xf32>) -> tensor<8x30x20x16xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.transpose %[[X]] perm [0, 2, 3, 1] : tensor<8x16x30x20xf32>
// CHECK-NEXT:    return %[[R]] : tensor<8x30x20x16xf32>
// GENERIC-LABEL: sym_name = "transpose"}>
// GENERIC:       "tg.transpose"(%{{.*}}) <{perm = array<i64: 0, 2, 3, 1>}> : (tensor<8x16x30x20xf32>) -> tensor<8x30x20x16xf32>
func.func @transpose(%x: tensor<8x16x30x20xf32>) -> tensor<8x30x20x16xf32> {
  %0 = tg.transpose %x perm [0, 2, 3, 1] : tensor<8x16x30x20xf32>
  return %0 : tensor<8x30x20x16xf32>
}

// -----

// A 2-D transpose of an integer tensor.
// CHECK-LABEL: func.func @transpose_2d(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3xi64>) -> tensor<3x2xi64>
// CHECK-NEXT:    %[[R:.*]] = tg.transpose %[[X]] perm [1, 0] : tensor<2x3xi64>
// CHECK-NEXT:    return %[[R]] : tensor<3x2xi64>
func.func @transpose_2d(%x: tensor<2x3xi64>) -> tensor<3x2xi64> {
  %0 = tg.transpose %x perm [1, 0] : tensor<2x3xi64>
  return %0 : tensor<3x2xi64>
}

// -----

// reshape keeps the element count (24).
// CHECK-LABEL: func.func @reshape(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3x4xf32>) -> tensor<6x4xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.reshape %[[X]] : tensor<2x3x4xf32> to tensor<6x4xf32>
// CHECK-NEXT:    return %[[R]] : tensor<6x4xf32>
// GENERIC-LABEL: sym_name = "reshape"}>
// GENERIC:       "tg.reshape"(%{{.*}}) : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
func.func @reshape(%x: tensor<2x3x4xf32>) -> tensor<6x4xf32> {
  %0 = tg.reshape %x : tensor<2x3x4xf32> to tensor<6x4xf32>
  return %0 : tensor<6x4xf32>
}

// -----

// reshape to a rank-0 tensor.
// CHECK-LABEL: func.func @reshape_to_scalar(
// CHECK-SAME:    %[[X:.*]]: tensor<1x1xf32>) -> tensor<f32>
// CHECK-NEXT:    %[[R:.*]] = tg.reshape %[[X]] : tensor<1x1xf32> to tensor<f32>
// CHECK-NEXT:    return %[[R]] : tensor<f32>
func.func @reshape_to_scalar(%x: tensor<1x1xf32>) -> tensor<f32> {
  %0 = tg.reshape %x : tensor<1x1xf32> to tensor<f32>
  return %0 : tensor<f32>
}

// -----

// broadcast_to adds leading dimensions and grows size-1 ones.
// CHECK-LABEL: func.func @broadcast_to(
// CHECK-SAME:    %[[X:.*]]: tensor<16x1x1xf32>) -> tensor<8x16x30x30xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.broadcast_to %[[X]] : tensor<16x1x1xf32> to tensor<8x16x30x30xf32>
// CHECK-NEXT:    return %[[R]] : tensor<8x16x30x30xf32>
// GENERIC-LABEL: sym_name = "broadcast_to"}>
// GENERIC:       "tg.broadcast_to"(%{{.*}}) : (tensor<16x1x1xf32>) -> tensor<8x16x30x30xf32>
func.func @broadcast_to(%x: tensor<16x1x1xf32>) -> tensor<8x16x30x30xf32> {
  %0 = tg.broadcast_to %x : tensor<16x1x1xf32> to tensor<8x16x30x30xf32>
  return %0 : tensor<8x16x30x30xf32>
}

// -----

// broadcast_to at equal rank grows a size-1 dimension.
// CHECK-LABEL: func.func @broadcast_to_same_rank(
// CHECK-SAME:    %[[X:.*]]: tensor<1x4xi32>) -> tensor<3x4xi32>
// CHECK-NEXT:    %[[R:.*]] = tg.broadcast_to %[[X]] : tensor<1x4xi32> to tensor<3x4xi32>
// CHECK-NEXT:    return %[[R]] : tensor<3x4xi32>
func.func @broadcast_to_same_rank(%x: tensor<1x4xi32>) -> tensor<3x4xi32> {
  %0 = tg.broadcast_to %x : tensor<1x4xi32> to tensor<3x4xi32>
  return %0 : tensor<3x4xi32>
}

// -----

// concat of two operands adds up the axis dimension.
// CHECK-LABEL: func.func @concat_two(
// CHECK-SAME:    %[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<2x5xf32>) -> tensor<2x8xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.concat %[[A]], %[[B]] axis 1 : tensor<2x3xf32>, tensor<2x5xf32>
// CHECK-NEXT:    return %[[R]] : tensor<2x8xf32>
func.func @concat_two(%a: tensor<2x3xf32>, %b: tensor<2x5xf32>) -> tensor<2x8xf32> {
  %0 = tg.concat %a, %b axis 1 : tensor<2x3xf32>, tensor<2x5xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// concat of three operands along axis 0.
// CHECK-LABEL: func.func @concat_three(
// CHECK-SAME:    %[[A:.*]]: tensor<1x4xf32>, %[[B:.*]]: tensor<2x4xf32>, %[[C:.*]]: tensor<3x4xf32>) -> tensor<6x4xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.concat %[[A]], %[[B]], %[[C]] axis 0 : tensor<1x4xf32>, tensor<2x4xf32>, tensor<3x4xf32>
// CHECK-NEXT:    return %[[R]] : tensor<6x4xf32>
// GENERIC-LABEL: sym_name = "concat_three"}>
// GENERIC:       "tg.concat"(%{{.*}}, %{{.*}}, %{{.*}}) <{axis = 0 : i64}> : (tensor<1x4xf32>, tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<6x4xf32>
func.func @concat_three(%a: tensor<1x4xf32>, %b: tensor<2x4xf32>, %c: tensor<3x4xf32>) -> tensor<6x4xf32> {
  %0 = tg.concat %a, %b, %c axis 0 : tensor<1x4xf32>, tensor<2x4xf32>, tensor<3x4xf32>
  return %0 : tensor<6x4xf32>
}

// -----

// slice without strides: the result shape is sizes; strides stay unprinted.
// CHECK-LABEL: func.func @slice(
// CHECK-SAME:    %[[X:.*]]: tensor<4x8xf32>) -> tensor<2x3xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.slice %[[X]] offsets [1, 2] sizes [2, 3]
// CHECK-NOT:     strides
// CHECK-SAME:    : tensor<4x8xf32>
// CHECK-NEXT:    return %[[R]] : tensor<2x3xf32>
// GENERIC-LABEL: sym_name = "slice"}>
// GENERIC:       "tg.slice"(%{{.*}}) <{offsets = array<i64: 1, 2>, sizes = array<i64: 2, 3>}> : (tensor<4x8xf32>) -> tensor<2x3xf32>
func.func @slice(%x: tensor<4x8xf32>) -> tensor<2x3xf32> {
  %0 = tg.slice %x offsets [1, 2] sizes [2, 3] : tensor<4x8xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// slice with strides.
// CHECK-LABEL: func.func @slice_strides(
// CHECK-SAME:    %[[X:.*]]: tensor<4x8xf32>) -> tensor<4x3xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.slice %[[X]] offsets [0, 2] sizes [4, 3] strides [1, 2] : tensor<4x8xf32>
// CHECK-NEXT:    return %[[R]] : tensor<4x3xf32>
// GENERIC-LABEL: sym_name = "slice_strides"}>
// GENERIC:       "tg.slice"(%{{.*}}) <{offsets = array<i64: 0, 2>, sizes = array<i64: 4, 3>, strides = array<i64: 1, 2>}> : (tensor<4x8xf32>) -> tensor<4x3xf32>
func.func @slice_strides(%x: tensor<4x8xf32>) -> tensor<4x3xf32> {
  %0 = tg.slice %x offsets [0, 2] sizes [4, 3] strides [1, 2] : tensor<4x8xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// pad without a value (default 0.0, not printed).
// CHECK-LABEL: func.func @pad(
// CHECK-SAME:    %[[X:.*]]: tensor<1x3x4x4xf32>) -> tensor<1x3x6x6xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.pad %[[X]] low [0, 0, 1, 1] high [0, 0, 1, 1]
// CHECK-NOT:     value
// CHECK-SAME:    : tensor<1x3x4x4xf32>
// CHECK-NEXT:    return %[[R]] : tensor<1x3x6x6xf32>
// GENERIC-LABEL: sym_name = "pad"}>
// GENERIC:       "tg.pad"(%{{.*}}) <{high = array<i64: 0, 0, 1, 1>, low = array<i64: 0, 0, 1, 1>, value = 0.000000e+00 : f64}> : (tensor<1x3x4x4xf32>) -> tensor<1x3x6x6xf32>
func.func @pad(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x6x6xf32> {
  %0 = tg.pad %x low [0, 0, 1, 1] high [0, 0, 1, 1] : tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x6x6xf32>
}

// -----

// pad with a value, printed back as an f64.
// CHECK-LABEL: func.func @pad_value(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3xf32>) -> tensor<5x4xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.pad %[[X]] low [1, 0] high [2, 1] value -1.500000e+00 : tensor<2x3xf32>
// CHECK-NEXT:    return %[[R]] : tensor<5x4xf32>
func.func @pad_value(%x: tensor<2x3xf32>) -> tensor<5x4xf32> {
  %0 = tg.pad %x low [1, 0] high [2, 1] value -1.5 : tensor<2x3xf32>
  return %0 : tensor<5x4xf32>
}

// -----

// keepdims keeps a reduced dimension with size 1.
// CHECK-LABEL: func.func @reduce_sum_keepdims(
// CHECK-SAME:    %[[X:.*]]: tensor<4x8xf32>) -> tensor<4x1xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.reduce_sum %[[X]] axes [1] keepdims : tensor<4x8xf32>
// CHECK-NEXT:    return %[[R]] : tensor<4x1xf32>
// GENERIC-LABEL: sym_name = "reduce_sum_keepdims"}>
// GENERIC:       "tg.reduce_sum"(%{{.*}}) <{axes = array<i64: 1>, keepdims}> : (tensor<4x8xf32>) -> tensor<4x1xf32>
func.func @reduce_sum_keepdims(%x: tensor<4x8xf32>) -> tensor<4x1xf32> {
  %0 = tg.reduce_sum %x axes [1] keepdims : tensor<4x8xf32>
  return %0 : tensor<4x1xf32>
}

// -----

// Without keepdims the reduced dimensions are dropped.
// CHECK-LABEL: func.func @reduce_max_axes(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3x4xf32>) -> tensor<3xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.reduce_max %[[X]] axes [0, 2] : tensor<2x3x4xf32>
// CHECK-NEXT:    return %[[R]] : tensor<3xf32>
// GENERIC-LABEL: sym_name = "reduce_max_axes"}>
// GENERIC:       "tg.reduce_max"(%{{.*}}) <{axes = array<i64: 0, 2>}> : (tensor<2x3x4xf32>) -> tensor<3xf32>
func.func @reduce_max_axes(%x: tensor<2x3x4xf32>) -> tensor<3xf32> {
  %0 = tg.reduce_max %x axes [0, 2] : tensor<2x3x4xf32>
  return %0 : tensor<3xf32>
}

// -----

// Axes need not be sorted and keep their order when printed.
// CHECK-LABEL: func.func @reduce_mean_unsorted_axes_keepdims(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.reduce_mean %[[X]] axes [2, 0] keepdims : tensor<2x3x4xf32>
// CHECK-NEXT:    return %[[R]] : tensor<1x3x1xf32>
func.func @reduce_mean_unsorted_axes_keepdims(%x: tensor<2x3x4xf32>) -> tensor<1x3x1xf32> {
  %0 = tg.reduce_mean %x axes [2, 0] keepdims : tensor<2x3x4xf32>
  return %0 : tensor<1x3x1xf32>
}

// -----

// Reducing every axis gives a rank-0 tensor.
// CHECK-LABEL: func.func @reduce_sum_all(
// CHECK-SAME:    %[[X:.*]]: tensor<2x3xi32>) -> tensor<i32>
// CHECK-NEXT:    %[[R:.*]] = tg.reduce_sum %[[X]] axes [0, 1] : tensor<2x3xi32>
// CHECK-NEXT:    return %[[R]] : tensor<i32>
func.func @reduce_sum_all(%x: tensor<2x3xi32>) -> tensor<i32> {
  %0 = tg.reduce_sum %x axes [0, 1] : tensor<2x3xi32>
  return %0 : tensor<i32>
}

// -----

// softmax keeps its operand's type.
// CHECK-LABEL: func.func @softmax(
// CHECK-SAME:    %[[X:.*]]: tensor<256x1000xf32>) -> tensor<256x1000xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.softmax %[[X]] axis 1 : tensor<256x1000xf32>
// CHECK-NEXT:    return %[[R]] : tensor<256x1000xf32>
// GENERIC-LABEL: sym_name = "softmax"}>
// GENERIC:       "tg.softmax"(%{{.*}}) <{axis = 1 : i64}> : (tensor<256x1000xf32>) -> tensor<256x1000xf32>
func.func @softmax(%x: tensor<256x1000xf32>) -> tensor<256x1000xf32> {
  %0 = tg.softmax %x axis 1 : tensor<256x1000xf32>
  return %0 : tensor<256x1000xf32>
}

// -----

// tg.fused: operands become the body's block arguments; tg.yield gives the results.
// CHECK-LABEL: func.func @fused_matmul_add_relu(
// CHECK-SAME:    %[[X:.*]]: tensor<4x8xf32>, %[[W:.*]]: tensor<8x16xf32>, %[[B:.*]]: tensor<16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT:    %[[R:.*]] = tg.fused "matmul+add+relu" (%[[X]], %[[W]], %[[B]]) : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<16xf32>) -> tensor<4x16xf32> {
// CHECK-NEXT:    ^bb0(%[[A:.*]]: tensor<4x8xf32>, %[[C:.*]]: tensor<8x16xf32>, %[[D:.*]]: tensor<16xf32>):
// CHECK-NEXT:      %[[M:.*]] = tg.matmul %[[A]], %[[C]] : tensor<4x8xf32>, tensor<8x16xf32>
// CHECK-NEXT:      %[[S:.*]] = tg.add %[[M]], %[[D]] : tensor<4x16xf32>, tensor<16xf32>
// CHECK-NEXT:      %[[Y:.*]] = tg.relu %[[S]] : tensor<4x16xf32>
// CHECK-NEXT:      tg.yield %[[Y]] : tensor<4x16xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]] : tensor<4x16xf32>
// GENERIC-LABEL: sym_name = "fused_matmul_add_relu"}>
// GENERIC:       "tg.fused"(%{{.*}}, %{{.*}}, %{{.*}}) <{kind = "matmul+add+relu"}> ({
// GENERIC:       "tg.yield"(%{{.*}}) : (tensor<4x16xf32>) -> ()
// GENERIC-NEXT:  }) : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
func.func @fused_matmul_add_relu(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %r = tg.fused "matmul+add+relu" (%x, %w, %b) : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<16xf32>) -> tensor<4x16xf32> {
  ^bb0(%a: tensor<4x8xf32>, %c: tensor<8x16xf32>, %d: tensor<16xf32>):
    %0 = tg.matmul %a, %c : tensor<4x8xf32>, tensor<8x16xf32>
    %1 = tg.add %0, %d : tensor<4x16xf32>, tensor<16xf32>
    %2 = tg.relu %1 : tensor<4x16xf32>
    tg.yield %2 : tensor<4x16xf32>
  }
  return %r : tensor<4x16xf32>
}

// -----

// A tg.fused without operands prints `()` and no block header; several results are yielded in order.
// CHECK-LABEL: func.func @fused_no_operands_two_results() -> (tensor<2xf32>, tensor<2xf32>)
// CHECK-NEXT:    %[[R:.*]]:2 = tg.fused "constant+exp" () : () -> (tensor<2xf32>, tensor<2xf32>) {
// CHECK-NEXT:      %[[K:.*]] = tg.constant dense<1.000000e+00> : tensor<2xf32>
// CHECK-NEXT:      %[[E:.*]] = tg.exp %[[K]] : tensor<2xf32>
// CHECK-NEXT:      tg.yield %[[K]], %[[E]] : tensor<2xf32>, tensor<2xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]]#0, %[[R]]#1 : tensor<2xf32>, tensor<2xf32>
func.func @fused_no_operands_two_results() -> (tensor<2xf32>, tensor<2xf32>) {
  %r:2 = tg.fused "constant+exp" () : () -> (tensor<2xf32>, tensor<2xf32>) {
    %0 = tg.constant dense<1.0> : tensor<2xf32>
    %1 = tg.exp %0 : tensor<2xf32>
    tg.yield %0, %1 : tensor<2xf32>, tensor<2xf32>
  }
  return %r#0, %r#1 : tensor<2xf32>, tensor<2xf32>
}
