// RUN: tensor-opt %s --split-input-file --verify-diagnostics

// Every error the tg shape rules (lib/TG/TGShapes.cpp), the op verifiers
// (lib/TG/TGOps.cpp) and the ODS constraints of the tg ops can report, but
// concat's "needs at least one operand": only a builder can reach it, as text
// without operands fails to parse or fails the trait check first (covered).
//
// Errors of ops written in custom form whose result type is inferred come from
// `inferReturnTypes` while parsing, before the op exists. Errors of ops in
// generic form, and of ops that spell out their result type (cast, reshape,
// broadcast_to, the unary ops, softmax), come from the verifier.

//===----------------------------------------------------------------------===//
// Elementwise ops: numpy broadcasting and element types
//===----------------------------------------------------------------------===//

// A binary op rejects equal-rank operands whose sizes differ and are not 1.
func.func @add_does_not_broadcast(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) {
  // expected-error @+1 {{'tg.add' op operands do not broadcast: dimension 0 of lhs is 2 but dimension 0 of rhs is 4 (sizes must be equal or 1)}}
  %0 = tg.add %a, %b : tensor<2x3xf32>, tensor<4x3xf32>
  return
}

// -----

// Broadcasting aligns shapes at the right: the message names each operand's own dimension.
func.func @sub_does_not_broadcast_across_ranks(%a: tensor<5x2x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'tg.sub' op operands do not broadcast: dimension 2 of lhs is 3 but dimension 0 of rhs is 4}}
  %0 = tg.sub %a, %b : tensor<5x2x3xf32>, tensor<4xf32>
  return
}

// -----

// A binary op needs one element type for both operands.
func.func @mul_element_types_differ(%a: tensor<2xf32>, %b: tensor<2xf16>) {
  // expected-error @+1 {{'tg.mul' op operands have different element types: lhs has f32, rhs has f16}}
  %0 = tg.mul %a, %b : tensor<2xf32>, tensor<2xf16>
  return
}

// -----

// Shape inference refuses a dynamic size with the ODS constraint's own message.
func.func @add_dynamic_shape(%a: tensor<?x3xf32>, %b: tensor<2x3xf32>) {
  // expected-error @+1 {{'tg.add' op operand #0 must be statically shaped tensor of f16, bf16, f32, f64, i8, i16, i32 or i64 values, but got 'tensor<?x3xf32>'}}
  %0 = tg.add %a, %b : tensor<?x3xf32>, tensor<2x3xf32>
  return
}

// -----

// The second operand is checked as well, whatever the first one is.
func.func @div_dynamic_rhs(%a: tensor<2x3xf32>, %b: tensor<?xf32>) {
  // expected-error @+1 {{'tg.div' op operand #1 must be statically shaped tensor of f16, bf16, f32, f64, i8, i16, i32 or i64 values, but got 'tensor<?xf32>'}}
  %0 = tg.div %a, %b : tensor<2x3xf32>, tensor<?xf32>
  return
}

// -----

// Unsigned integers are not tg element types (ODS constraint, from the verifier).
func.func @max_unsigned_elements(%a: tensor<2xui8>, %b: tensor<2xui8>) {
  // expected-error @+1 {{'tg.max' op operand #0 must be statically shaped tensor of f16, bf16, f32, f64, i8, i16, i32 or i64 values, but got 'tensor<2xui8>'}}
  %0 = tg.max %a, %b : tensor<2xui8>, tensor<2xui8>
  return
}

// -----

// Float-only unary ops reject integer tensors (ODS constraint).
func.func @exp_of_integers(%a: tensor<4xi32>) {
  // expected-error @+1 {{'tg.exp' op operand #0 must be statically shaped tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<4xi32>'}}
  %0 = tg.exp %a : tensor<4xi32>
  return
}

// -----

// The float-only constraint covers every float-only unary op (regex on the constraint's summary).
func.func @rsqrt_of_integers(%a: tensor<4xi8>) {
  // expected-error-re @+1 {{'tg.rsqrt' op operand #0 must be statically shaped tensor of {{.*}} float values, but got 'tensor<4xi8>'}}
  %0 = tg.rsqrt %a : tensor<4xi8>
  return
}

// -----

// Unary ops without shape inference reject a dynamic shape in the verifier (ODS constraint).
func.func @neg_dynamic_shape(%a: tensor<4x?xf32>) {
  // expected-error @+1 {{'tg.neg' op operand #0 must be statically shaped tensor of f16, bf16, f32, f64, i8, i16, i32 or i64 values, but got 'tensor<4x?xf32>'}}
  %0 = tg.neg %a : tensor<4x?xf32>
  return
}

// -----

// cast changes the element type only, never the shape.
func.func @cast_changes_shape(%a: tensor<4xf32>) {
  // expected-error @+1 {{'tg.cast' op requires the same shape for all operands and results}}
  %0 = tg.cast %a : tensor<4xf32> to tensor<5xi32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Reductions and softmax
//===----------------------------------------------------------------------===//

// A reduction names at least one axis.
func.func @reduce_sum_no_axes(%a: tensor<4x8xf32>) {
  // expected-error @+1 {{'tg.reduce_sum' op attribute 'axes' is empty; name at least one axis}}
  %0 = tg.reduce_sum %a axes [] : tensor<4x8xf32>
  return
}

// -----

// A reduction axis must be below the rank.
func.func @reduce_max_axis_too_large(%a: tensor<4x8xf32>) {
  // expected-error @+1 {{'tg.reduce_max' op attribute 'axes' has axis 2, out of range for an input of rank 2 (expected 0 to 1)}}
  %0 = tg.reduce_max %a axes [2] : tensor<4x8xf32>
  return
}

// -----

// Negative reduction axes are not accepted (no Python-style counting from the end).
func.func @reduce_max_negative_axis(%a: tensor<4x8xf32>) {
  // expected-error @+1 {{'tg.reduce_max' op attribute 'axes' has axis -1, out of range for an input of rank 2 (expected 0 to 1)}}
  %0 = tg.reduce_max %a axes [-1] : tensor<4x8xf32>
  return
}

// -----

// A reduction names each axis once.
func.func @reduce_mean_duplicate_axis(%a: tensor<4x8xf32>) {
  // expected-error @+1 {{'tg.reduce_mean' op attribute 'axes' names axis 1 twice}}
  %0 = tg.reduce_mean %a axes [1, 0, 1] keepdims : tensor<4x8xf32>
  return
}

// -----

// softmax's axis must be below the rank (its own verifier).
func.func @softmax_axis_out_of_range(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'tg.softmax' op attribute 'axis' is 2, out of range for an input of rank 2 (expected 0 to 1)}}
  %0 = tg.softmax %x axis 2 : tensor<2x3xf32>
  return
}

// -----

// softmax is float-only (ODS constraint).
func.func @softmax_of_integers(%x: tensor<2x3xi32>) {
  // expected-error @+1 {{'tg.softmax' op operand #0 must be statically shaped tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values, but got 'tensor<2x3xi32>'}}
  %0 = tg.softmax %x axis 1 : tensor<2x3xi32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// matmul
//===----------------------------------------------------------------------===//

// matmul needs matrices: rank 2 or more on both sides.
func.func @matmul_vector_operand(%a: tensor<8xf32>, %b: tensor<8x4xf32>) {
  // expected-error @+1 {{'tg.matmul' op operands need rank 2 or more; lhs has rank 1, rhs has rank 2}}
  %0 = tg.matmul %a, %b : tensor<8xf32>, tensor<8x4xf32>
  return
}

// -----

// matmul needs one element type for both operands.
func.func @matmul_element_types_differ(%a: tensor<2x8xf32>, %b: tensor<8x4xi32>) {
  // expected-error @+1 {{'tg.matmul' op operands have different element types: lhs has f32, rhs has i32}}
  %0 = tg.matmul %a, %b : tensor<2x8xf32>, tensor<8x4xi32>
  return
}

// -----

// lhs's columns must match rhs's rows.
func.func @matmul_inner_dimensions_differ(%a: tensor<2x8xf32>, %b: tensor<9x4xf32>) {
  // expected-error @+1 {{'tg.matmul' op inner dimensions differ: lhs has 8 columns, rhs has 9 rows}}
  %0 = tg.matmul %a, %b : tensor<2x8xf32>, tensor<9x4xf32>
  return
}

// -----

// Batch dimensions broadcast numpy-style, aligned at the right, across ranks.
func.func @matmul_batch_does_not_broadcast(%a: tensor<5x2x2x8xf32>, %b: tensor<3x8x4xf32>) {
  // expected-error @+1 {{'tg.matmul' op batch dimensions do not broadcast: dimension 1 of lhs is 2 but dimension 0 of rhs is 3 (sizes must be equal or 1)}}
  %0 = tg.matmul %a, %b : tensor<5x2x2x8xf32>, tensor<3x8x4xf32>
  return
}

// -----

// A dynamic inner dimension is refused before any shape arithmetic.
func.func @matmul_dynamic_shape(%a: tensor<2x?xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+1 {{'tg.matmul' op operand #0 must be statically shaped tensor of f16, bf16, f32, f64, i8, i16, i32 or i64 values, but got 'tensor<2x?xf32>'}}
  %0 = tg.matmul %a, %b : tensor<2x?xf32>, tensor<3x4xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// conv2d
//===----------------------------------------------------------------------===//

// The filter is FCHW: rank 4.
func.func @conv2d_filter_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<3x3x3xf32>) {
  // expected-error @+1 {{'tg.conv2d' op filter must have rank 4 (FCHW), got rank 3}}
  %0 = tg.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<3x3x3xf32>
  return
}

// -----

// Input and filter share an element type.
func.func @conv2d_element_types_differ(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf16>) {
  // expected-error @+1 {{'tg.conv2d' op input and filter have different element types: f32 and f16}}
  %0 = tg.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf16>
  return
}

// -----

// The input is NCHW: rank 4.
func.func @conv2d_input_rank(%x: tensor<3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'tg.conv2d' op input must have rank 4 (NCHW), got rank 3}}
  %0 = tg.conv2d %x, %w : tensor<3x8x8xf32>, tensor<4x3x3x3xf32>
  return
}

// -----

// groups is at least 1.
func.func @conv2d_zero_groups(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'tg.conv2d' op attribute 'groups' is 0; expected a value >= 1}}
  %0 = tg.conv2d %x, %w groups 0 : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>
  return
}

// -----

// groups divides the input channels and the number of filters.
func.func @conv2d_groups_do_not_divide(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'tg.conv2d' op attribute 'groups' (2) must divide the input channels (3) and the filters (4)}}
  %0 = tg.conv2d %x, %w groups 2 : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>
  return
}

// -----

// Each filter sees input channels / groups channels.
func.func @conv2d_filter_channels(%x: tensor<1x4x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'tg.conv2d' op filter has 3 input channels; expected 2 (input channels 4 / groups 2)}}
  %0 = tg.conv2d %x, %w groups 2 : tensor<1x4x8x8xf32>, tensor<4x3x3x3xf32>
  return
}

// -----

// A filter with an empty (0-sized) window is rejected instead of yielding an output larger than the input.
func.func @conv2d_empty_window(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x0x3xf32>) {
  // expected-error @+1 {{'tg.conv2d' op filter has an empty window (0x3); expected a height and width >= 1}}
  %0 = tg.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x3x0x3xf32>
  return
}

// -----

// strides has one entry per spatial dimension.
func.func @conv2d_strides_entries(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'tg.conv2d' op attribute 'strides' has 3 entries; expected 2}}
  %0 = tg.conv2d %x, %w strides [1, 1, 1] : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>
  return
}

// -----

// Strides are at least 1.
func.func @conv2d_zero_stride(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'tg.conv2d' op attribute 'strides' entry 1 is 0; expected a value >= 1}}
  %0 = tg.conv2d %x, %w strides [1, 0] : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>
  return
}

// -----

// dilations has one entry per spatial dimension.
func.func @conv2d_dilations_entry(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'tg.conv2d' op attribute 'dilations' has 1 entry; expected 2}}
  %0 = tg.conv2d %x, %w dilations [2] : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>
  return
}

// -----

// Dilations are at least 1.
func.func @conv2d_zero_dilation(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'tg.conv2d' op attribute 'dilations' entry 0 is 0; expected a value >= 1}}
  %0 = tg.conv2d %x, %w dilations [0, 1] : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>
  return
}

// -----

// padding is [top, left, bottom, right]: four entries.
func.func @conv2d_padding_entries(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'tg.conv2d' op attribute 'padding' has 2 entries; expected 4}}
  %0 = tg.conv2d %x, %w padding [1, 1] : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>
  return
}

// -----

// Padding is never negative.
func.func @conv2d_negative_padding(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'tg.conv2d' op attribute 'padding' entry 2 is -1; expected a value >= 0}}
  %0 = tg.conv2d %x, %w padding [0, 0, -1, 0] : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>
  return
}

// -----

// The dilated window must fit the padded input.
func.func @conv2d_window_does_not_fit(%x: tensor<1x3x4x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'tg.conv2d' op window of extent 5 (size 3, dilation 2) does not fit the padded height of 4 (4 + padding 0 + 0)}}
  %0 = tg.conv2d %x, %w dilations [2, 1] : tensor<1x3x4x8xf32>, tensor<4x3x3x3xf32>
  return
}

// -----

// A dilation so large that the window's extent overflows int64 is reported, not wrapped around.
func.func @conv2d_window_extent_overflows(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x3x3xf32>) {
  // expected-error @+1 {{'tg.conv2d' op window of extent beyond 64 bits (size 3, dilation 9223372036854775807) does not fit the padded width of 4 (4 + padding 0 + 0)}}
  %0 = tg.conv2d %x, %w dilations [1, 9223372036854775807] : tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>
  return
}

// -----

// A dynamic channel count is refused before the groups arithmetic.
func.func @conv2d_dynamic_shape(%x: tensor<1x?x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'tg.conv2d' op operand #0 must be statically shaped tensor of f16, bf16, f32, f64, i8, i16, i32 or i64 values, but got 'tensor<1x?x8x8xf32>'}}
  %0 = tg.conv2d %x, %w : tensor<1x?x8x8xf32>, tensor<4x3x3x3xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

// A pooling window may not consist of padding only: padding < kernel on each side.
func.func @max_pool2d_padding_not_below_kernel(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'tg.max_pool2d' op attribute 'padding' [0, 0, 0, 2] must be smaller than the window's extent (the kernel [2, 2] dilated by [1, 1]) on each side}}
  %0 = tg.max_pool2d %x kernel [2, 2] padding [0, 0, 0, 2] : tensor<1x3x8x8xf32>
  return
}

// -----

// Dilated, the window spans 3: padding 2 still leaves a tap on the input, 3 does not.
func.func @max_pool2d_padding_not_below_dilated_extent(%x: tensor<1x3x8x8xf32>) {
  %ok = tg.max_pool2d %x kernel [2, 2] dilations [2, 2] padding [2, 2, 0, 0] : tensor<1x3x8x8xf32>
  // expected-error @+1 {{'tg.max_pool2d' op attribute 'padding' [3, 0, 0, 0] must be smaller than the window's extent (the kernel [2, 2] dilated by [2, 2]) on each side}}
  %0 = tg.max_pool2d %x kernel [2, 2] dilations [2, 2] padding [3, 0, 0, 0] : tensor<1x3x8x8xf32>
  return
}

// -----

func.func @avg_pool2d_zero_dilation(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'tg.avg_pool2d' op attribute 'dilations' entry 0 is 0; expected a value >= 1}}
  %0 = tg.avg_pool2d %x kernel [2, 2] dilations [0, 1] : tensor<1x3x8x8xf32>
  return
}

// -----

// kernel is [height, width].
func.func @avg_pool2d_kernel_entries(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'tg.avg_pool2d' op attribute 'kernel' has 1 entry; expected 2}}
  %0 = tg.avg_pool2d %x kernel [2] : tensor<1x3x8x8xf32>
  return
}

// -----

// Kernel sizes are at least 1.
func.func @avg_pool2d_zero_kernel(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'tg.avg_pool2d' op attribute 'kernel' entry 0 is 0; expected a value >= 1}}
  %0 = tg.avg_pool2d %x kernel [0, 2] : tensor<1x3x8x8xf32>
  return
}

// -----

// Pooling strides are checked like convolution strides.
func.func @avg_pool2d_zero_stride(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'tg.avg_pool2d' op attribute 'strides' entry 0 is 0; expected a value >= 1}}
  %0 = tg.avg_pool2d %x kernel [2, 2] strides [0, 1] count_include_pad : tensor<1x3x8x8xf32>
  return
}

// -----

// Pooling takes an NCHW input.
func.func @max_pool2d_input_rank(%x: tensor<3x8x8xf32>) {
  // expected-error @+1 {{'tg.max_pool2d' op input must have rank 4 (NCHW), got rank 3}}
  %0 = tg.max_pool2d %x kernel [2, 2] : tensor<3x8x8xf32>
  return
}

// -----

// The pooling window must fit the padded input; the width is checked too.
func.func @max_pool2d_window_does_not_fit(%x: tensor<1x3x8x2xf32>) {
  // expected-error @+1 {{'tg.max_pool2d' op window of extent 3 (size 3, dilation 1) does not fit the padded width of 2 (2 + padding 0 + 0)}}
  %0 = tg.max_pool2d %x kernel [3, 3] : tensor<1x3x8x2xf32>
  return
}

// -----

// Padding so large that the padded size overflows int64 is reported, not wrapped around.
func.func @max_pool2d_padded_size_overflows(%x: tensor<1x1x4x4xf32>) {
  // expected-error @+1 {{'tg.max_pool2d' op the padded height (4 + padding 1 + 9223372036854775807) does not fit in 64 bits}}
  %0 = tg.max_pool2d %x kernel [2, 2] padding [1, 1, 9223372036854775807, 1] : tensor<1x1x4x4xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

// perm has one entry per input dimension.
func.func @transpose_perm_entries(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'tg.transpose' op attribute 'perm' [0, 1, 2] has 3 entries; expected one per input dimension (2)}}
  %0 = tg.transpose %x perm [0, 1, 2] : tensor<2x3xf32>
  return
}

// -----

// perm names no dimension twice.
func.func @transpose_perm_repeats(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'tg.transpose' op attribute 'perm' [1, 1] is not a permutation of [0, 2)}}
  %0 = tg.transpose %x perm [1, 1] : tensor<2x3xf32>
  return
}

// -----

// perm's entries are input dimensions.
func.func @transpose_perm_out_of_range(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'tg.transpose' op attribute 'perm' [0, 2] is not a permutation of [0, 2)}}
  %0 = tg.transpose %x perm [0, 2] : tensor<2x3xf32>
  return
}

// -----

// reshape keeps the number of elements.
func.func @reshape_element_count(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'tg.reshape' op cannot reshape 'tensor<2x3xf32>' (6 elements) to 'tensor<7xf32>' (7 elements)}}
  %0 = tg.reshape %x : tensor<2x3xf32> to tensor<7xf32>
  return
}

// -----

// reshape's operand is statically shaped (ODS constraint, from the verifier).
func.func @reshape_dynamic_shape(%x: tensor<?x4xf32>) {
  // expected-error @+1 {{'tg.reshape' op operand #0 must be statically shaped tensor of f16, bf16, f32, f64, i8, i16, i32 or i64 values, but got 'tensor<?x4xf32>'}}
  %0 = tg.reshape %x : tensor<?x4xf32> to tensor<8xf32>
  return
}

// -----

// broadcast_to never drops dimensions.
func.func @broadcast_to_lower_rank(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'tg.broadcast_to' op cannot broadcast rank 3 input to rank 2 result}}
  %0 = tg.broadcast_to %x : tensor<2x3x4xf32> to tensor<3x4xf32>
  return
}

// -----

// Only size-1 input dimensions grow; dimensions are aligned at the right.
func.func @broadcast_to_wrong_size(%x: tensor<3x1xf32>) {
  // expected-error @+1 {{'tg.broadcast_to' op cannot broadcast dimension 0 of the input (size 3) to dimension 1 of the result (size 4): only a dimension of size 1 can be broadcast}}
  %0 = tg.broadcast_to %x : tensor<3x1xf32> to tensor<2x4x5xf32>
  return
}

// -----

// broadcast_to never shrinks a dimension to 1 either.
func.func @broadcast_to_shrinks(%x: tensor<3xf32>) {
  // expected-error @+1 {{'tg.broadcast_to' op cannot broadcast dimension 0 of the input (size 3) to dimension 1 of the result (size 1)}}
  %0 = tg.broadcast_to %x : tensor<3xf32> to tensor<2x1xf32>
  return
}

// -----

// broadcast_to's result is statically shaped too (ODS constraint).
func.func @broadcast_to_dynamic_result(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'tg.broadcast_to' op result #0 must be statically shaped tensor of f16, bf16, f32, f64, i8, i16, i32 or i64 values, but got 'tensor<?x2x3xf32>'}}
  %0 = tg.broadcast_to %x : tensor<2x3xf32> to tensor<?x2x3xf32>
  return
}

// -----

// concat's axis must be below the operands' rank.
func.func @concat_axis_out_of_range(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'tg.concat' op attribute 'axis' is 2, out of range for operands of rank 2 (expected 0 to 1)}}
  %0 = tg.concat %a, %a axis 2 : tensor<2x3xf32>, tensor<2x3xf32>
  return
}

// -----

// concat's operands share a rank.
func.func @concat_ranks_differ(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{'tg.concat' op operand 1 has rank 1; operand 0 has rank 2}}
  %0 = tg.concat %a, %b axis 0 : tensor<2x3xf32>, tensor<3xf32>
  return
}

// -----

// concat's operands share an element type.
func.func @concat_element_types_differ(%a: tensor<2x3xf32>, %b: tensor<2x3xf16>) {
  // expected-error @+1 {{'tg.concat' op operand 1 has element type f16; operand 0 has f32}}
  %0 = tg.concat %a, %b axis 0 : tensor<2x3xf32>, tensor<2x3xf16>
  return
}

// -----

// Only the axis dimension may differ; every operand (here the third) is checked.
func.func @concat_other_dimension_differs(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>, %c: tensor<3x4xf32>) {
  // expected-error @+1 {{'tg.concat' op operand 2 has size 3 in dimension 0; operand 0 has 2 (only the axis 1 may differ)}}
  %0 = tg.concat %a, %b, %c axis 1 : tensor<2x3xf32>, tensor<2x4xf32>, tensor<3x4xf32>
  return
}

// -----

// A dynamic operand after the first is named by its own index.
func.func @concat_dynamic_operand(%a: tensor<2x3xf32>, %b: tensor<?x3xf32>) {
  // expected-error @+1 {{'tg.concat' op operand #1 must be statically shaped tensor of f16, bf16, f32, f64, i8, i16, i32 or i64 values, but got 'tensor<?x3xf32>'}}
  %0 = tg.concat %a, %b axis 0 : tensor<2x3xf32>, tensor<?x3xf32>
  return
}

// -----

// A concatenated size beyond int64 is reported, not wrapped around.
func.func @concat_size_overflows(%x: tensor<4611686018427387904xf32>) {
  // expected-error @+1 {{'tg.concat' op the result's size along axis 0 does not fit in 64 bits}}
  %0 = tg.concat %x, %x axis 0 : tensor<4611686018427387904xf32>, tensor<4611686018427387904xf32>
  return
}

// -----

// A strided slice must end inside the input: here it would read index 8 of 8.
func.func @slice_runs_past(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'tg.slice' op slice runs past dimension 1: its last index is 8 but the input has size 8}}
  %0 = tg.slice %x offsets [0, 2] sizes [4, 4] strides [1, 2] : tensor<4x8xf32>
  return
}

// -----

// A last index beyond int64 (here 2 * (2^63 - 1)) is reported, not wrapped around to a small one.
func.func @slice_last_index_overflows(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'tg.slice' op slice runs past dimension 0: its last index does not fit in 64 bits}}
  %0 = tg.slice %x offsets [0, 0] sizes [3, 1] strides [9223372036854775807, 1] : tensor<4x8xf32>
  return
}

// -----

// offsets has one entry per input dimension.
func.func @slice_offsets_entries(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'tg.slice' op attribute 'offsets' has 1 entry; expected 2}}
  %0 = tg.slice %x offsets [0] sizes [4, 4] : tensor<4x8xf32>
  return
}

// -----

// Offsets are never negative.
func.func @slice_negative_offset(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'tg.slice' op attribute 'offsets' entry 1 is -1; expected a value >= 0}}
  %0 = tg.slice %x offsets [0, -1] sizes [4, 4] : tensor<4x8xf32>
  return
}

// -----

// sizes has one entry per input dimension.
func.func @slice_sizes_entries(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'tg.slice' op attribute 'sizes' has 3 entries; expected 2}}
  %0 = tg.slice %x offsets [0, 0] sizes [1, 1, 1] : tensor<4x8xf32>
  return
}

// -----

// A slice takes at least one element along each dimension.
func.func @slice_zero_size(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'tg.slice' op attribute 'sizes' entry 0 is 0; expected a value >= 1}}
  %0 = tg.slice %x offsets [0, 0] sizes [0, 4] : tensor<4x8xf32>
  return
}

// -----

// Explicit strides have one entry per input dimension.
func.func @slice_strides_entries(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'tg.slice' op attribute 'strides' has 1 entry; expected 2}}
  %0 = tg.slice %x offsets [0, 0] sizes [1, 4] strides [1] : tensor<4x8xf32>
  return
}

// -----

// Slice strides are at least 1.
func.func @slice_zero_stride(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'tg.slice' op attribute 'strides' entry 0 is 0; expected a value >= 1}}
  %0 = tg.slice %x offsets [0, 0] sizes [1, 4] strides [0, 1] : tensor<4x8xf32>
  return
}

// -----

// pad's low has one entry per input dimension.
func.func @pad_low_entries(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'tg.pad' op attribute 'low' has 1 entry; expected 2}}
  %0 = tg.pad %x low [1] high [0, 0] : tensor<4x8xf32>
  return
}

// -----

// pad's high has one entry per input dimension.
func.func @pad_high_entries(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'tg.pad' op attribute 'high' has 3 entries; expected 2}}
  %0 = tg.pad %x low [0, 0] high [0, 0, 0] value 1.0 : tensor<4x8xf32>
  return
}

// -----

// pad's low amounts are never negative.
func.func @pad_negative_low(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'tg.pad' op attribute 'low' entry 0 is -3; expected a value >= 0}}
  %0 = tg.pad %x low [-3, 0] high [0, 0] : tensor<4x8xf32>
  return
}

// -----

// pad's high amounts are never negative (no cropping).
func.func @pad_negative_high(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'tg.pad' op attribute 'high' entry 1 is -2; expected a value >= 0}}
  %0 = tg.pad %x low [0, 0] high [0, -2] : tensor<4x8xf32>
  return
}

// -----

// A padded size beyond int64 is reported, not wrapped around to a negative size.
func.func @pad_size_overflows(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'tg.pad' op padded dimension 0 (4 + low 9223372036854775807 + high 1) does not fit in 64 bits}}
  %0 = tg.pad %x low [9223372036854775807, 0] high [1, 0] : tensor<4x8xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// constant
//===----------------------------------------------------------------------===//

// A constant's value has a tensor type (here a vector: refused while parsing).
func.func @constant_vector_value() {
  // expected-error @+1 {{'tg.constant' op attribute 'value' must have a statically shaped tensor type, got vector<2xf32>}}
  %0 = tg.constant dense<1.0> : vector<2xf32>
  return
}

// -----

// A constant's element type is a tg element type (ODS constraint on the result).
func.func @constant_unsigned() {
  // expected-error @+1 {{'tg.constant' op result #0 must be statically shaped tensor of f16, bf16, f32, f64, i8, i16, i32 or i64 values, but got 'tensor<2xui8>'}}
  %0 = tg.constant dense<1> : tensor<2xui8>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Generic form: the verifier re-runs the shape rules on a written result type
//===----------------------------------------------------------------------===//

// The verifier reports a non-permutation (MLIR then adds "failed to infer returned types").
func.func @generic_transpose_not_a_permutation(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{'tg.transpose' op attribute 'perm' [0, 0] is not a permutation of [0, 2)}}
  // expected-error @+1 {{'tg.transpose' op failed to infer returned types}}
  %0 = "tg.transpose"(%x) <{perm = array<i64: 0, 0>}> : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}

// -----

// A written result type that differs from the inferred one is rejected.
func.func @generic_transpose_wrong_result(%x: tensor<2x3xf32>) {
  // expected-error @+2 {{'tg.transpose' op inferred type(s) 'tensor<3x2xf32>' are incompatible with return type(s) of operation 'tensor<2x3xf32>'}}
  // expected-error @+1 {{'tg.transpose' op failed to infer returned types}}
  %0 = "tg.transpose"(%x) <{perm = array<i64: 1, 0>}> : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

// The broadcast shape is checked against the written result.
func.func @generic_add_wrong_result(%a: tensor<2x1xf32>, %b: tensor<3xf32>) {
  // expected-error @+2 {{'tg.add' op inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<2x1xf32>'}}
  // expected-error @+1 {{'tg.add' op failed to infer returned types}}
  %0 = "tg.add"(%a, %b) : (tensor<2x1xf32>, tensor<3xf32>) -> tensor<2x1xf32>
  return
}

// -----

// keepdims decides the result's rank.
func.func @generic_reduce_sum_keepdims_dropped(%x: tensor<4x8xf32>) {
  // expected-error @+2 {{'tg.reduce_sum' op inferred type(s) 'tensor<4x1xf32>' are incompatible with return type(s) of operation 'tensor<4xf32>'}}
  // expected-error @+1 {{'tg.reduce_sum' op failed to infer returned types}}
  %0 = "tg.reduce_sum"(%x) <{axes = array<i64: 1>, keepdims}> : (tensor<4x8xf32>) -> tensor<4xf32>
  return
}

// -----

// A constant's result type is its value's type.
func.func @generic_constant_wrong_result() {
  // expected-error @+2 {{'tg.constant' op inferred type(s) 'tensor<2xf32>' are incompatible with return type(s) of operation 'tensor<3xf32>'}}
  // expected-error @+1 {{'tg.constant' op failed to infer returned types}}
  %0 = "tg.constant"() <{value = dense<1.0> : tensor<2xf32>}> : () -> tensor<3xf32>
  return
}

// -----

// Inner dimensions are checked in the verifier too.
func.func @generic_matmul_inner_dimensions(%a: tensor<2x8xf32>, %b: tensor<9x4xf32>) {
  // expected-error @+2 {{'tg.matmul' op inner dimensions differ: lhs has 8 columns, rhs has 9 rows}}
  // expected-error @+1 {{'tg.matmul' op failed to infer returned types}}
  %0 = "tg.matmul"(%a, %b) : (tensor<2x8xf32>, tensor<9x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

// groups is checked in the verifier, with the defaults of the other attributes filled in.
func.func @generic_conv2d_groups(%x: tensor<1x3x8x8xf32>, %w: tensor<4x1x3x3xf32>) {
  // expected-error @+2 {{'tg.conv2d' op attribute 'groups' (3) must divide the input channels (3) and the filters (4)}}
  // expected-error @+1 {{'tg.conv2d' op failed to infer returned types}}
  %0 = "tg.conv2d"(%x, %w) <{groups = 3 : i64}> : (tensor<1x3x8x8xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

// Pool padding is checked in the verifier too.
func.func @generic_avg_pool2d_padding(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+2 {{'tg.avg_pool2d' op attribute 'padding' [2, 0, 0, 0] must be smaller than the window's extent (the kernel [2, 2] dilated by [1, 1]) on each side}}
  // expected-error @+1 {{'tg.avg_pool2d' op failed to infer returned types}}
  %0 = "tg.avg_pool2d"(%x) <{kernel = array<i64: 2, 2>, padding = array<i64: 2, 0, 0, 0>}> : (tensor<1x3x8x8xf32>) -> tensor<1x3x9x7xf32>
  return
}

// -----

// In generic form a dynamic operand is caught by the ODS constraint before shape inference runs.
func.func @generic_transpose_dynamic(%x: tensor<?x3xf32>) {
  // expected-error @+1 {{'tg.transpose' op operand #0 must be statically shaped tensor of f16, bf16, f32, f64, i8, i16, i32 or i64 values, but got 'tensor<?x3xf32>'}}
  %0 = "tg.transpose"(%x) <{perm = array<i64: 1, 0>}> : (tensor<?x3xf32>) -> tensor<3x?xf32>
  return
}

// -----

// A required attribute left out of the generic form is reported, not inferred from.
func.func @generic_transpose_without_perm(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'tg.transpose' op requires attribute 'perm'}}
  %0 = "tg.transpose"(%x) : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}

// -----

// An attribute of the wrong kind fails its ODS constraint.
func.func @generic_conv2d_groups_i32(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'tg.conv2d' op attribute 'groups' failed to satisfy constraint: 64-bit signless integer attribute}}
  %0 = "tg.conv2d"(%x, %w) <{groups = 1 : i32}> : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

// The result element type follows the operands (SameOperandsAndResultElementType).
func.func @generic_add_result_element_type(%a: tensor<2xf32>) {
  // expected-error @+1 {{'tg.add' op requires the same element type for all operands and results}}
  %0 = "tg.add"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf16>
  return
}

// -----

// A unary op's result type is its operand's (SameOperandsAndResultType).
func.func @generic_neg_result_type(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'tg.neg' op requires the same type for all operands and results}}
  %0 = "tg.neg"(%x) : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}

// -----

// concat needs at least one operand (reported by MLIR's trait before shape inference).
func.func @generic_concat_no_operands() {
  // expected-error @+1 {{'tg.concat' op expected 1 or more operands, but found 0}}
  %0 = "tg.concat"() <{axis = 0 : i64}> : () -> tensor<2xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// tg.fused and tg.yield
//===----------------------------------------------------------------------===//

// The body is isolated from above: it reads outside values only through its block arguments.
func.func @fused_reads_outside_value(%x: tensor<2xf32>) {
  // expected-note @+1 {{required by region isolation constraints}}
  %0 = tg.fused "exp" (%x) : (tensor<2xf32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<2xf32>):
    // expected-error @+1 {{'tg.exp' op using value defined outside the region}}
    %1 = tg.exp %x : tensor<2xf32>
    tg.yield %1 : tensor<2xf32>
  }
  return
}

// -----

// One block argument per operand.
func.func @fused_argument_count(%x: tensor<2xf32>) {
  // expected-error @+1 {{'tg.fused' op body has 2 block arguments, but the op has 1 operand (expected one argument per operand)}}
  %0 = tg.fused "exp" (%x) : (tensor<2xf32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<2xf32>, %b: tensor<2xf32>):
    tg.yield %a : tensor<2xf32>
  }
  return
}

// -----

// Each block argument has its operand's type.
func.func @fused_argument_type(%x: tensor<2xf32>) {
  // expected-error @+1 {{'tg.fused' op block argument #0 has type 'tensor<3xf32>', but operand #0 has type 'tensor<2xf32>'}}
  %0 = tg.fused "slice" (%x) : (tensor<2xf32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<3xf32>):
    %1 = tg.slice %a offsets [0] sizes [2] : tensor<3xf32>
    tg.yield %1 : tensor<2xf32>
  }
  return
}

// -----

// The kind names the group; it cannot be empty.
func.func @fused_empty_kind(%x: tensor<2xf32>) {
  // expected-error @+1 {{'tg.fused' op attribute 'kind' is empty; expected the group's pattern, e.g. "matmul+add+relu"}}
  %0 = tg.fused "" (%x) : (tensor<2xf32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<2xf32>):
    tg.yield %a : tensor<2xf32>
  }
  return
}

// -----

// The generic form needs the kind too.
func.func @fused_generic_without_kind(%x: tensor<2xf32>) {
  // expected-error @+1 {{'tg.fused' op requires attribute 'kind'}}
  %0 = "tg.fused"(%x) ({
  ^bb0(%a: tensor<2xf32>):
    tg.yield %a : tensor<2xf32>
  }) : (tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

// Operands are tg tensors: statically shaped.
func.func @fused_dynamic_operand(%x: tensor<?xf32>) {
  // expected-error @+1 {{'tg.fused' op operand #0 must be variadic of statically shaped tensor of f16, bf16, f32, f64, i8, i16, i32 or i64 values, but got 'tensor<?xf32>'}}
  %0 = tg.fused "exp" (%x) : (tensor<?xf32>) -> tensor<?xf32> {
  ^bb0(%a: tensor<?xf32>):
    tg.yield %a : tensor<?xf32>
  }
  return
}

// -----

// The body ends with tg.yield.
func.func @fused_without_terminator(%x: tensor<2xf32>) {
  %0 = tg.fused "exp" (%x) : (tensor<2xf32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<2xf32>):
    // expected-error @+1 {{block with no terminator}}
    %1 = tg.exp %a : tensor<2xf32>
  }
  return
}

// -----

// tg.yield yields one value per result of its tg.fused.
func.func @yield_count(%x: tensor<2xf32>) {
  %0 = tg.fused "exp" (%x) : (tensor<2xf32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<2xf32>):
    %1 = tg.exp %a : tensor<2xf32>
    // expected-error @+1 {{'tg.yield' op yields 2 values, but the parent 'tg.fused' has 1 result}}
    tg.yield %1, %1 : tensor<2xf32>, tensor<2xf32>
  }
  return
}

// -----

// tg.yield's operand types are the results' types.
func.func @yield_type(%x: tensor<2xf32>) {
  %0 = tg.fused "reduce_sum" (%x) : (tensor<2xf32>) -> tensor<2xf32> {
  ^bb0(%a: tensor<2xf32>):
    %1 = tg.reduce_sum %a axes [0] : tensor<2xf32>
    // expected-error @+1 {{'tg.yield' op operand #0 has type 'tensor<f32>', but result #0 of the parent 'tg.fused' has type 'tensor<2xf32>'}}
    tg.yield %1 : tensor<f32>
  }
  return
}

// -----

// tg.yield ends a tg.fused body and nothing else.
func.func @yield_outside_fused(%x: tensor<2xf32>) {
  // expected-error @+1 {{'tg.yield' op expects parent op 'tg.fused'}}
  tg.yield %x : tensor<2xf32>
}

// -----

// Integer widths are i8, i16, i32 and i64: the lowering's identities (the
// minimum for max, the count for a mean) are values of those. i0, i1 and
// wider integers are rejected by name (they crashed the lowering).
func.func @reduce_max_i0(%x: tensor<4x8xi0>) {
  // expected-error @+1 {{'tg.reduce_max' op operand #0 must be statically shaped tensor of f16, bf16, f32, f64, i8, i16, i32 or i64 values, but got 'tensor<4x8xi0>'}}
  %0 = tg.reduce_max %x axes [1] : tensor<4x8xi0>
  return
}

// -----

func.func @reduce_max_i128(%x: tensor<4x8xi128>) {
  // expected-error @+1 {{'tg.reduce_max' op operand #0 must be statically shaped tensor of f16, bf16, f32, f64, i8, i16, i32 or i64 values, but got 'tensor<4x8xi128>'}}
  %0 = tg.reduce_max %x axes [1] : tensor<4x8xi128>
  return
}

// -----

func.func @max_pool_i1024(%x: tensor<1x1x4x4xi1024>) {
  // expected-error @+1 {{'tg.max_pool2d' op operand #0 must be statically shaped tensor of f16, bf16, f32, f64, i8, i16, i32 or i64 values, but got 'tensor<1x1x4x4xi1024>'}}
  %0 = tg.max_pool2d %x kernel [2, 2] : tensor<1x1x4x4xi1024>
  return
}

// -----

func.func @add_i1(%x: tensor<4xi1>) {
  // expected-error @+1 {{'tg.add' op operand #0 must be statically shaped tensor of f16, bf16, f32, f64, i8, i16, i32 or i64 values, but got 'tensor<4xi1>'}}
  %0 = tg.add %x, %x : tensor<4xi1>, tensor<4xi1>
  return
}

// -----

// An integer mean divides by the count in the element type: the count must
// be one of its values (200 as an i8 would be -56).
func.func @reduce_mean_count_i8(%x: tensor<2x200xi8>) {
  // expected-error @+1 {{'tg.reduce_mean' op averages 200 elements per result, a count the element type 'i8' cannot hold (at most 127); use a wider integer or a float type}}
  %0 = tg.reduce_mean %x axes [1] : tensor<2x200xi8>
  return
}

// -----

func.func @reduce_mean_count_i16(%x: tensor<65536xi16>) {
  // expected-error @+1 {{'tg.reduce_mean' op averages 65536 elements per result, a count the element type 'i16' cannot hold (at most 32767)}}
  %0 = tg.reduce_mean %x axes [0] : tensor<65536xi16>
  return
}

// -----

func.func @avg_pool_window_i8(%x: tensor<1x1x16x16xi8>) {
  // expected-error @+1 {{'tg.avg_pool2d' op averages 256 elements per window, a count the element type 'i8' cannot hold (at most 127)}}
  %0 = tg.avg_pool2d %x kernel [16, 16] : tensor<1x1x16x16xi8>
  return
}

// -----

// The largest count that fits is accepted.
func.func @reduce_mean_count_fits(%x: tensor<2x127xi8>, %y: tensor<1x1x11x11xi8>) {
  %0 = tg.reduce_mean %x axes [1] : tensor<2x127xi8>
  %1 = tg.avg_pool2d %y kernel [11, 11] : tensor<1x1x11x11xi8>
  return
}

// -----

func.func @erf_of_integers(%a: tensor<4xi32>) {
  // expected-error-re @+1 {{'tg.erf' op operand #0 must be statically shaped tensor of {{.*}} float values, but got 'tensor<4xi32>'}}
  %0 = tg.erf %a : tensor<4xi32>
  return
}

// -----

func.func @clip_min_above_max(%a: tensor<4xf32>) {
  // expected-error @+1 {{'tg.clip' op min (2) must not exceed max (1)}}
  %0 = tg.clip %a min 2.0 max 1.0 : tensor<4xf32>
  return
}

// -----

func.func @clip_nan_bound(%a: tensor<4xf32>) {
  // expected-error @+1 {{'tg.clip' op bounds must be numbers, got min NaN and max 1}}
  %0 = tg.clip %a min 0x7FF8000000000000 max 1.0 : tensor<4xf32>
  return
}

// -----

func.func @clip_fractional_bound_on_integers(%a: tensor<4xi32>) {
  // expected-error @+1 {{'tg.clip' op bound min = 0.5 is not a value of the element type 'i32'}}
  %0 = tg.clip %a min 0.5 max 1.0 : tensor<4xi32>
  return
}

// -----

func.func @clip_bound_out_of_range(%a: tensor<4xi8>) {
  // expected-error @+1 {{'tg.clip' op bound max = 128 is not a value of the element type 'i8'}}
  %0 = tg.clip %a min 0.0 max 128.0 : tensor<4xi8>
  return
}
