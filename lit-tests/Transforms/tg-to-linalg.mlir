// RUN: tensor-opt %s --split-input-file --tg-to-linalg | FileCheck %s
// RUN: tensor-opt %s --split-input-file --tg-to-linalg=conv-channels-last | FileCheck %s --check-prefix=CL
// RUN: tensor-opt %s --split-input-file --verify-diagnostics --tg-to-linalg --mlir-print-op-generic | tensor-opt --split-input-file --mlir-print-op-generic | FileCheck %s --check-prefix=NOTG

// No tg op survives the pass.
// NOTG-NOT: "tg.

// Broadcasting add: rhs is read through a map that drops the leading dim.
// CHECK-DAG: #[[ID2:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @add_broadcast
// CHECK: %[[E:.+]] = tensor.empty() : tensor<8x16xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ID2]], #[[ROW]], #[[ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%{{.*}}, %{{.*}} : tensor<8x16xf32>, tensor<16xf32>) outs(%[[E]] : tensor<8x16xf32>)
// CHECK: arith.addf
func.func @add_broadcast(%a: tensor<8x16xf32>, %b: tensor<16xf32>) -> tensor<8x16xf32> {
  %0 = tg.add %a, %b : tensor<8x16xf32>, tensor<16xf32>
  return %0 : tensor<8x16xf32>
}

// -----

// Integer ops use the signed arith ops.
// CHECK-LABEL: func.func @int_ops
// CHECK: arith.divsi
// CHECK: arith.maxsi
func.func @int_ops(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
  %0 = tg.div %a, %b : tensor<4xi32>, tensor<4xi32>
  %1 = tg.relu %0 : tensor<4xi32>
  return %1 : tensor<4xi32>
}

// -----

// 2-D matmul becomes linalg.matmul on a zero-filled init.
// CHECK-LABEL: func.func @matmul
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[FILL:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<4x5xf32>)
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<4x3xf32>, tensor<3x5xf32>) outs(%[[FILL]] : tensor<4x5xf32>)
func.func @matmul(%a: tensor<4x3xf32>, %b: tensor<3x5xf32>) -> tensor<4x5xf32> {
  %0 = tg.matmul %a, %b : tensor<4x3xf32>, tensor<3x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// Equal batch dims of rank 3 become linalg.batch_matmul.
// CHECK-LABEL: func.func @batch_matmul
// CHECK: linalg.batch_matmul
func.func @batch_matmul(%a: tensor<2x4x3xf32>, %b: tensor<2x3x5xf32>) -> tensor<2x4x5xf32> {
  %0 = tg.matmul %a, %b : tensor<2x4x3xf32>, tensor<2x3x5xf32>
  return %0 : tensor<2x4x5xf32>
}

// -----

// Broadcast batch dims: a generic with a reduction loop, rhs batch dim read at 0.
// CHECK-DAG: #[[LHS:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[RHS:.+]] = affine_map<(d0, d1, d2, d3) -> (0, d3, d2)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @matmul_broadcast
// CHECK: linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @matmul_broadcast(%a: tensor<2x4x3xf32>, %b: tensor<1x3x5xf32>) -> tensor<2x4x5xf32> {
  %0 = tg.matmul %a, %b : tensor<2x4x3xf32>, tensor<1x3x5xf32>
  return %0 : tensor<2x4x5xf32>
}

// -----

// conv2d with groups 1 pads first, then linalg.conv_2d_nchw_fchw.
// CHECK-LABEL: func.func @conv
// CHECK: tensor.pad %{{.*}} low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: linalg.fill
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}

// With conv-channels-last: the input is transposed to NHWC and then padded
// (so that the transpose can fuse into a producer's), the filter to HWCF,
// and the NHWF result of linalg.conv_2d_nhwc_hwcf back to NCHW.
// CL-DAG: [[NHWC:#map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d1, d2)>
// CL-DAG: [[HWCF:#map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d3, d2, d0, d1)>
// CL-DAG: [[NCHW:#map[0-9]*]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3, d1)>
// CL-LABEL: func.func @conv
// CL: [[IN:%.*]] = linalg.generic {indexing_maps = [[[NHWC]], {{.*}} ins(%arg0 : tensor<1x3x8x8xf32>) outs(%{{.*}} : tensor<1x8x8x3xf32>)
// CL: tensor.pad [[IN]] low[0, 1, 1, 0] high[0, 1, 1, 0]
// CL: } {{.*}}: tensor<1x8x8x3xf32> to tensor<1x10x10x3xf32>
// CL: linalg.generic {indexing_maps = [[[HWCF]], {{.*}} ins(%arg1 : tensor<4x3x3x3xf32>) outs(%{{.*}} : tensor<3x3x3x4xf32>)
// CL: linalg.fill
// CL: [[CONV:%.*]] = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%{{.*}} : tensor<1x10x10x3xf32>, tensor<3x3x3x4xf32>)
// CL: [[BACK:%.*]] = linalg.generic {indexing_maps = [[[NCHW]], {{.*}} ins([[CONV]] : tensor<1x4x4x4xf32>)
// CL: return [[BACK]]
func.func @conv(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x4x4xf32> {
  %0 = tg.conv2d %x, %w strides [2, 2] padding [1, 1, 1, 1] : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// Grouped conv2d: each filter reads the channels of its group.
// CHECK: affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1 floordiv 2 + d4, d2 + d5 * 2, d3 + d6 * 2)>
// CHECK-LABEL: func.func @grouped_conv
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]
// With conv-channels-last a grouped convolution is one conv_2d_nhwc_hwcf per
// group, on its slices of the channels and the filters, inserted side by side.
// CL-LABEL: func.func @grouped_conv
// CL: tensor.extract_slice %{{.*}}[0, 0, 0, 0] [1, 6, 6, 1] [1, 1, 1, 1] : tensor<1x6x6x2xf32> to tensor<1x6x6x1xf32>
// CL: tensor.extract_slice %{{.*}}[0, 0, 0, 0] [2, 2, 1, 2] [1, 1, 1, 1] : tensor<2x2x1x4xf32> to tensor<2x2x1x2xf32>
// CL: linalg.conv_2d_nhwc_hwcf {dilations = dense<2> : tensor<2xi64>
// CL: tensor.insert_slice %{{.*}}[0, 0, 0, 0] [1, 4, 4, 2]
// CL: tensor.extract_slice %{{.*}}[0, 0, 0, 1] [1, 6, 6, 1]
// CL: tensor.extract_slice %{{.*}}[0, 0, 0, 2] [2, 2, 1, 2]
// CL: linalg.conv_2d_nhwc_hwcf
// CL: tensor.insert_slice %{{.*}}[0, 0, 0, 2] [1, 4, 4, 2]
// CL-NOT: linalg.conv_2d_nhwc_hwcf
// CL: return
func.func @grouped_conv(%x: tensor<1x2x6x6xf32>, %w: tensor<4x1x2x2xf32>) -> tensor<1x4x4x4xf32> {
  %0 = tg.conv2d %x, %w dilations [2, 2] groups 2 : tensor<1x2x6x6xf32>, tensor<4x1x2x2xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// A depthwise convolution (one filter per channel) with conv-channels-last is
// linalg.depthwise_conv_2d_nhwc_hwc, its [C, 1, KH, KW] filter as [KH, KW, C].
// CL-LABEL: func.func @depthwise_conv
// CL: tensor.pad %{{.*}} low[0, 1, 1, 0] high[0, 1, 1, 0]
// CL: tensor.reshape %{{.*}} : (tensor<3x1x3x3xf32>, tensor<3xi64>) -> tensor<3x3x3xf32>
// CL: linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CL-SAME: ins(%{{.*}}, %{{.*}} : tensor<1x10x10x3xf32>, tensor<3x3x3xf32>) outs(%{{.*}} : tensor<1x4x4x3xf32>)
func.func @depthwise_conv(%x: tensor<1x3x8x8xf32>, %w: tensor<3x1x3x3xf32>) -> tensor<1x3x4x4xf32> {
  %0 = tg.conv2d %x, %w strides [2, 2] padding [1, 1, 1, 1] groups 3 : tensor<1x3x8x8xf32>, tensor<3x1x3x3xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

// Max pooling starts from -inf; average pooling without count_include_pad
// divides by a pooled count of real elements.
// CHECK-LABEL: func.func @pools
// CHECK: %[[NEGINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK: linalg.fill ins(%[[NEGINF]] : f32)
// CHECK: linalg.pooling_nchw_max
// CHECK: linalg.pooling_nchw_sum
// CHECK: linalg.pooling_nchw_sum
// CHECK: arith.divf
func.func @pools(%x: tensor<1x2x6x6xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) {
  %m = tg.max_pool2d %x kernel [2, 2] strides [2, 2] : tensor<1x2x6x6xf32>
  %a = tg.avg_pool2d %x kernel [3, 3] strides [2, 2] padding [1, 1, 1, 1] : tensor<1x2x6x6xf32>
  return %m, %a : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>
}

// -----

// A dilated pool's taps are linalg's dilations.
// CHECK-LABEL: func.func @pools_dilated
// CHECK: linalg.pooling_nchw_max {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%{{.*}}, %{{.*}} : tensor<1x2x6x6xf32>, tensor<2x2xf32>) outs(%{{.*}} : tensor<1x2x4x4xf32>)
func.func @pools_dilated(%x: tensor<1x2x6x6xf32>) -> tensor<1x2x4x4xf32> {
  %m = tg.max_pool2d %x kernel [2, 2] dilations [2, 2] : tensor<1x2x6x6xf32>
  return %m : tensor<1x2x4x4xf32>
}

// -----

// Transpose reads input dim perm[i] at loop d<i>.
// CHECK: #[[T:.+]] = affine_map<(d0, d1, d2) -> (d0, d2, d1)>
// CHECK-LABEL: func.func @transpose
// CHECK: linalg.generic {indexing_maps = [#[[T]], #{{.+}}]
func.func @transpose(%x: tensor<2x3x4xf32>) -> tensor<2x4x3xf32> {
  %0 = tg.transpose %x perm [0, 2, 1] : tensor<2x3x4xf32>
  return %0 : tensor<2x4x3xf32>
}

// -----

// Reductions: keepdims maps reduced dims to 0; the mean divides the sum.
// CHECK-DAG: #[[KEEP:.+]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-DAG: #[[DROP:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @reductions
// CHECK: linalg.generic {indexing_maps = [#{{.+}}, #[[KEEP]]], iterator_types = ["parallel", "reduction"]}
// CHECK: arith.maximumf
// CHECK: linalg.generic {indexing_maps = [#{{.+}}, #[[DROP]]], iterator_types = ["reduction", "parallel"]}
// CHECK: arith.addf
// CHECK: arith.constant 4.000000e+00 : f32
// CHECK: arith.divf
func.func @reductions(%x: tensor<4x8xf32>) -> (tensor<4x1xf32>, tensor<8xf32>) {
  %m = tg.reduce_max %x axes [1] keepdims : tensor<4x8xf32>
  %s = tg.reduce_mean %x axes [0] : tensor<4x8xf32>
  return %m, %s : tensor<4x1xf32>, tensor<8xf32>
}

// -----

// Softmax: max, exp(x - max), sum, divide.
// CHECK-LABEL: func.func @softmax
// CHECK: arith.maximumf
// CHECK: arith.subf
// CHECK-NEXT: math.exp
// CHECK: arith.addf
// CHECK: arith.divf
func.func @softmax(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  %0 = tg.softmax %x axis 1 : tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// Data movement uses tensor ops.
// CHECK-LABEL: func.func @data_movement
// CHECK: tensor.reshape %{{.*}}(%{{.*}}) : (tensor<2x6xf32>, tensor<2xi64>) -> tensor<3x4xf32>
// CHECK: tensor.extract_slice %{{.*}}[0, 1] [2, 2] [1, 2] : tensor<2x6xf32> to tensor<2x2xf32>
// CHECK: %[[E:.+]] = tensor.empty() : tensor<2x8xf32>
// CHECK: %[[S0:.+]] = tensor.insert_slice %{{.*}} into %[[E]][0, 0] [2, 6] [1, 1]
// CHECK: tensor.insert_slice %{{.*}} into %[[S0]][0, 6] [2, 2] [1, 1]
// CHECK: %[[V:.+]] = arith.constant 2.500000e+00 : f32
// CHECK: tensor.pad %{{.*}} low[1, 0] high[0, 2]
// CHECK: tensor.yield %[[V]] : f32
func.func @data_movement(%x: tensor<2x6xf32>) -> (tensor<3x4xf32>, tensor<2x8xf32>, tensor<3x8xf32>) {
  %r = tg.reshape %x : tensor<2x6xf32> to tensor<3x4xf32>
  %s = tg.slice %x offsets [0, 1] sizes [2, 2] strides [1, 2] : tensor<2x6xf32>
  %c = tg.concat %x, %s axis 1 : tensor<2x6xf32>, tensor<2x2xf32>
  %p = tg.pad %x low [1, 0] high [0, 2] value 2.5 : tensor<2x6xf32>
  return %r, %c, %p : tensor<3x4xf32>, tensor<2x8xf32>, tensor<3x8xf32>
}

// -----

// Constants become arith.constant; casts pick the arith conversion.
// CHECK-LABEL: func.func @constant_cast
// CHECK: arith.constant dense<[1, 2]> : tensor<2xi32>
// CHECK: arith.sitofp %{{.*}} : i32 to f32
func.func @constant_cast() -> tensor<2xf32> {
  %c = tg.constant dense<[1, 2]> : tensor<2xi32>
  %f = tg.cast %c : tensor<2xi32> to tensor<2xf32>
  return %f : tensor<2xf32>
}

// -----

// Broadcast_to repeats along new and size-1 dims.
// CHECK: affine_map<(d0, d1, d2) -> (0, d2)>
// CHECK-LABEL: func.func @broadcast_to
func.func @broadcast_to(%x: tensor<1x3xf32>) -> tensor<2x4x3xf32> {
  %0 = tg.broadcast_to %x : tensor<1x3xf32> to tensor<2x4x3xf32>
  return %0 : tensor<2x4x3xf32>
}

// -----

// erf is math.erf; clip is max then min with the bounds, arith.maximumf /
// minimumf on floats (NaN stays NaN), maxsi / minsi on integers.
// CHECK-LABEL: func.func @erf_clip
// CHECK:         linalg.generic
// CHECK:           math.erf %{{.*}} : f32
// CHECK:         linalg.generic
// CHECK-DAG:       %[[LO:.*]] = arith.constant -5.000000e-01 : f32
// CHECK-DAG:       %[[HI:.*]] = arith.constant 6.000000e+00 : f32
// CHECK:           %[[M:.*]] = arith.maximumf %{{.*}}, %[[LO]] : f32
// CHECK:           arith.minimumf %[[M]], %[[HI]] : f32
// CHECK:         linalg.generic
// CHECK-DAG:       %[[ILO:.*]] = arith.constant -3 : i16
// CHECK-DAG:       %[[IHI:.*]] = arith.constant 3 : i16
// CHECK:           %[[IM:.*]] = arith.maxsi %{{.*}}, %[[ILO]] : i16
// CHECK:           arith.minsi %[[IM]], %[[IHI]] : i16
func.func @erf_clip(%x: tensor<4x4xf32>, %i: tensor<3xi16>) -> (tensor<4x4xf32>, tensor<3xi16>) {
  %0 = tg.erf %x : tensor<4x4xf32>
  %1 = tg.clip %0 min -0.5 max 6.0 : tensor<4x4xf32>
  %2 = tg.clip %i min -3.0 max 3.0 : tensor<3xi16>
  return %1, %2 : tensor<4x4xf32>, tensor<3xi16>
}

// -----

// With conv-channels-last, a splat constant filter is transposed at compile
// time: a splat constant in HWCF, no transpose.
// CL-LABEL: func.func @conv_splat_filter
// CL: arith.constant dense<2.000000e-02> : tensor<3x3x3x4xf32>
// CL-NOT: ins(%{{.*}} : tensor<4x3x3x3xf32>)
// CL: linalg.conv_2d_nhwc_hwcf
func.func @conv_splat_filter(%x: tensor<1x3x8x8xf32>) -> tensor<1x4x6x6xf32> {
  %w = tg.constant dense<2.000000e-02> : tensor<4x3x3x3xf32>
  %0 = tg.conv2d %x, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

// With conv-channels-last, pools are linalg.pooling_nhwc_* between
// transposes, padded channels-last (the transposes fold into neighbouring
// convolutions'); an average without the padding counts real elements.
// CL-LABEL: func.func @pools_channels_last
// CL: tensor.pad %{{.*}} low[0, 1, 1, 0] high[0, 0, 0, 0]
// CL: linalg.pooling_nhwc_max {{.*}} outs(%{{.*}} : tensor<1x4x4x3xf32>)
// CL: linalg.pooling_nhwc_sum {{.*}} outs(%{{.*}} : tensor<1x4x4x3xf32>)
// CL: linalg.pooling_nhwc_sum {{.*}} outs(%{{.*}} : tensor<1x4x4x3xf32>)
// CL-NOT: pooling_nchw
// CL: return
func.func @pools_channels_last(%x: tensor<1x3x8x8xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>) {
  %m = tg.max_pool2d %x kernel [3, 3] strides [2, 2] padding [1, 1, 0, 0] : tensor<1x3x8x8xf32>
  %a = tg.avg_pool2d %x kernel [3, 3] strides [2, 2] padding [1, 1, 0, 0] : tensor<1x3x8x8xf32>
  return %m, %a : tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>
}

// -----

// With conv-channels-last, a channel concatenation whose pieces have no other
// use is made channels-last (insert_slice at a channel offset of an NHWC
// tensor); one whose piece is read again stays NCHW.
// CL-LABEL: func.func @concat_channels_last
// CL: tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 0, 0] [1, 4, 4, 2] [1, 1, 1, 1] : tensor<1x4x4x2xf32> into tensor<1x4x4x5xf32>
// CL: tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 0, 2] [1, 4, 4, 3] [1, 1, 1, 1] : tensor<1x4x4x3xf32> into tensor<1x4x4x5xf32>
// CL-LABEL: func.func @concat_reused_piece
// CL: tensor.insert_slice %arg0 into %{{.*}}[0, 0, 0, 0] [1, 2, 4, 4] [1, 1, 1, 1] : tensor<1x2x4x4xf32> into tensor<1x5x4x4xf32>
func.func @concat_channels_last(%a: tensor<1x2x4x4xf32>, %b: tensor<1x3x4x4xf32>) -> tensor<1x5x4x4xf32> {
  %c = tg.concat %a, %b axis 1 : tensor<1x2x4x4xf32>, tensor<1x3x4x4xf32>
  return %c : tensor<1x5x4x4xf32>
}
func.func @concat_reused_piece(%a: tensor<1x2x4x4xf32>, %b: tensor<1x3x4x4xf32>) -> (tensor<1x5x4x4xf32>, tensor<1x2x4x4xf32>) {
  %c = tg.concat %a, %b axis 1 : tensor<1x2x4x4xf32>, tensor<1x3x4x4xf32>
  %r = tg.relu %a : tensor<1x2x4x4xf32>
  return %c, %r : tensor<1x5x4x4xf32>, tensor<1x2x4x4xf32>
}
