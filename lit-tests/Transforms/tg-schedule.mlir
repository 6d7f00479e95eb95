// tg-schedule: the loop schedule of tg-compile opt-level=3, a transform-dialect
// script generated from the module's linalg ops and applied by MLIR's
// transform interpreter. emit=true puts the script into the module instead,
// for a user to read, edit and give back with file=PATH.

// RUN: tensor-opt %s --split-input-file --pass-pipeline='builtin.module(tg-schedule{emit=true vector-width=16})' \
// RUN:   | FileCheck %s --check-prefix=EMIT
// RUN: tensor-opt %s --split-input-file --pass-pipeline='builtin.module(tg-schedule{vector-width=16})' \
// RUN:   | FileCheck %s --check-prefix=APPLY
// RUN: tensor-opt %s --split-input-file --pass-pipeline='builtin.module(tg-schedule{vector-width=16 threads=2})' \
// RUN:   | FileCheck %s --check-prefix=THREADS

// A matmul is data-tiled: A in 8-row panels, B in 32-column panels stored
// panel-major, an 8x32 register tile with the k loop innermost, lowered to
// broadcast FMAs (one per row of the tile) with the accumulators in registers.
// Its accumulator's fill is the matmul's (not scheduled on its own).
// EMIT-LABEL: func.func @matmul
// EMIT: linalg.fill ins
// EMIT-NOT: tg.schedule = 1
// EMIT: linalg.matmul {tg.schedule = 0 : i64}
// EMIT: transform.named_sequence @__transform_main
// EMIT: transform.structured.match attributes {tg.schedule = 0 : i64}
// EMIT: transform.structured.pack %{{.*}} packed_sizes = [8, 32, 1]
// EMIT: transform.structured.pack_transpose %{{.*}} outer_perm = [1, 0]
// EMIT: transform.structured.tile_using_for %{{.*}} tile_sizes [0, 0, 1024]
// EMIT: transform.structured.tile_using_for %{{.*}} tile_sizes [1, 1, 1] interchange = [1, 0, 2]
// EMIT: transform.apply_patterns.vector.lower_contraction

// APPLY-LABEL: func.func @matmul
// APPLY-NOT: linalg.matmul
// APPLY: scf.for
// APPLY-COUNT-8: vector.fma {{.*}} : vector<32xf32>
// APPLY-NOT: tg.schedule
// APPLY-NOT: transform.

// With threads, the 32-column panels are split between them.
// THREADS-LABEL: func.func @matmul
// THREADS: scf.forall (%{{.*}}) in (2)
// THREADS: vector.fma
func.func @matmul(%a: tensor<64x256xf32>, %b: tensor<256x64xf32>) -> tensor<64x64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x64xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  %r = linalg.matmul ins(%a, %b : tensor<64x256xf32>, tensor<256x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

// -----

// A contraction whose B (one batch: 16x64 f32, 4 KiB) fits in half of L1 is
// not packed: its 6x32 register tiles (6 rows: 8 does not divide 30) are an
// scf.forall, each with its share of the fill fused in and vectorized, and a
// k loop of broadcast FMAs on the operands as they are.
// EMIT-LABEL: func.func @small_batch_matmul
// EMIT-NOT: tg.schedule = 1
// EMIT: linalg.batch_matmul {tg.schedule = 0 : i64}
// EMIT: transform.structured.tile_using_forall %{{.*}} tile_sizes [1, 6, 32, 0]
// EMIT: transform.structured.fuse_into_containing_op
// EMIT: transform.structured.tile_using_for %{{.*}} tile_sizes [0, 0, 0, 1]
// EMIT-NOT: transform.structured.pack

// APPLY-LABEL: func.func @small_batch_matmul
// APPLY: [[ZERO:%.*]] = arith.constant dense<0.000000e+00> : vector<1x6x32xf32>
// APPLY-NOT: linalg.
// APPLY: scf.forall (%{{.*}}, %{{.*}}, %{{.*}}) in (2, 5, 2)
// APPLY: scf.for {{.*}} iter_args(%{{.*}} = [[ZERO]])
// APPLY-COUNT-6: vector.fma {{.*}} : vector<32xf32>
// APPLY: vector.transfer_write {{.*}} : vector<6x32xf32>
// APPLY-NOT: linalg.

// THREADS-LABEL: func.func @small_batch_matmul
// THREADS: scf.forall
// THREADS-COUNT-6: vector.fma {{.*}} : vector<32xf32>
func.func @small_batch_matmul(%a: tensor<2x30x16xf32>, %b: tensor<2x16x64xf32>) -> tensor<2x30x64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x30x64xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<2x30x64xf32>) -> tensor<2x30x64xf32>
  %r = linalg.batch_matmul ins(%a, %b : tensor<2x30x16xf32>, tensor<2x16x64xf32>) outs(%c : tensor<2x30x64xf32>) -> tensor<2x30x64xf32>
  return %r : tensor<2x30x64xf32>
}

// -----

// An elementwise op is tiled to one vector of its innermost loop (masked
// when the size does not divide) and split between threads on its outer loop.
// EMIT-LABEL: func.func @eltwise
// EMIT: transform.structured.tile_using_for %{{.*}} tile_sizes [1, 16]
// EMIT: transform.structured.vectorize %{{.*}} vector_sizes [1, 16]

// APPLY-LABEL: func.func @eltwise
// APPLY: arith.maximumf {{.*}} : vector<1x16xf32>

// THREADS-LABEL: func.func @eltwise
// THREADS: scf.forall (%{{.*}}) in (2)
// THREADS: arith.maximumf {{.*}} : vector<1x16xf32>
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @eltwise(%a: tensor<8x100xf32>) -> tensor<8x100xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x100xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<8x100xf32>) outs(%e : tensor<8x100xf32>) {
  ^bb0(%x: f32, %o: f32):
    %m = arith.maximumf %x, %zero : f32
    linalg.yield %m : f32
  } -> tensor<8x100xf32>
  return %r : tensor<8x100xf32>
}

// -----

// With a batch of 1, the threads split the first loop long enough for them.
// THREADS-LABEL: func.func @unit_batch
// THREADS: scf.forall (%{{.*}}) in (2)
// THREADS: tensor.extract_slice %{{.*}} [1, 4, 100] [1, 1, 1] : tensor<1x8x100xf32> to tensor<1x4x100xf32>
// THREADS: arith.maximumf {{.*}} : vector<1x1x16xf32>
#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
func.func @unit_batch(%a: tensor<1x8x100xf32>) -> tensor<1x8x100xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x100xf32>
  %r = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%a : tensor<1x8x100xf32>) outs(%e : tensor<1x8x100xf32>) {
  ^bb0(%x: f32, %o: f32):
    %m = arith.maximumf %x, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x8x100xf32>
  return %r : tensor<1x8x100xf32>
}

// -----

// A convolution becomes an im2col copy and a contraction, data-tiled like a
// matmul (filters as rows, output pixels as columns).
// EMIT-LABEL: func.func @conv
// EMIT: transform.structured.convert_conv2d_to_img2col
// EMIT: transform.structured.pack %{{.*}} packed_sizes = [0, 8, 32, 1]
// EMIT: outer_perm = [0, 2, 1]

// APPLY-LABEL: func.func @conv
// APPLY-NOT: linalg.conv_2d_nchw_fchw
// APPLY: vector.fma
func.func @conv(%x: tensor<1x4x10x10xf32>, %w: tensor<8x4x3x3xf32>) -> tensor<1x8x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x8x8xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x4x10x10xf32>, tensor<8x4x3x3xf32>) outs(%c : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  return %r : tensor<1x8x8x8xf32>
}

// -----

// A channels-last convolution is convolved directly: 8 output pixels of a
// row by 8 filters per tile (8 accumulators of vector<8xf32>), one filter row
// and up to 8 input channels at a time (here all 4), decomposed to a 1-D
// convolution and vectorized along the filters.
// Its fill is scheduled on its own. With threads and a batch of 1, the
// threads take slices of the output rows.
// EMIT-LABEL: func.func @conv_nhwc
// EMIT: linalg.conv_2d_nhwc_hwcf {{.*}}tg.schedule = 1 : i64
// EMIT: transform.structured.tile_using_for %{{.*}} tile_sizes [1, 1, 8, 8, 1, 0, 4]
// EMIT: transform.structured.decompose

// APPLY-LABEL: func.func @conv_nhwc
// APPLY-NOT: linalg.conv
// APPLY: scf.for
// APPLY: vector.fma {{.*}} : vector<8xf32>
// APPLY-NOT: linalg.conv

// THREADS-LABEL: func.func @conv_nhwc
// THREADS: scf.forall (%{{.*}}) in (2)
// THREADS: vector.fma {{.*}} : vector<8xf32>
func.func @conv_nhwc(%x: tensor<1x10x10x4xf32>, %w: tensor<3x3x4x8xf32>) -> tensor<1x8x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x8x8xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %r = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x10x10x4xf32>, tensor<3x3x4x8xf32>) outs(%c : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  return %r : tensor<1x8x8x8xf32>
}

// -----

// A depthwise convolution the same way, vectorized along the channels (32 =
// two vectors of 16) with 7 pixels of a row per tile (14 accumulators).
// EMIT-LABEL: func.func @depthwise
// EMIT: linalg.depthwise_conv_2d_nhwc_hwc {{.*}}tg.schedule = 1 : i64
// EMIT: transform.structured.tile_using_for %{{.*}} tile_sizes [1, 1, 7, 32, 1, 0]
// EMIT: transform.structured.decompose

// APPLY-LABEL: func.func @depthwise
// APPLY-NOT: linalg.depthwise
// APPLY: vector.fma {{.*}} : vector<7x32xf32>
// APPLY-NOT: linalg.depthwise
func.func @depthwise(%x: tensor<1x9x9x32xf32>, %w: tensor<3x3x32xf32>) -> tensor<1x7x7x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x7x7x32xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<1x7x7x32xf32>) -> tensor<1x7x7x32xf32>
  %r = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x9x9x32xf32>, tensor<3x3x32xf32>) outs(%c : tensor<1x7x7x32xf32>) -> tensor<1x7x7x32xf32>
  return %r : tensor<1x7x7x32xf32>
}

// -----

// Ops it does not know are left alone (plain loops lower them later).
// EMIT-LABEL: func.func @pool
// EMIT: linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins
// APPLY-LABEL: func.func @pool
// APPLY: linalg.pooling_nchw_max
func.func @pool(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %e = tensor.empty() : tensor<1x2x2x2xf32>
  %c = linalg.fill ins(%ninf : f32) outs(%e : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %k = tensor.empty() : tensor<2x2xf32>
  %r = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%x, %k : tensor<1x2x4x4xf32>, tensor<2x2xf32>) outs(%c : tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  return %r : tensor<1x2x2x2xf32>
}

// -----

// A matrix-vector product (one row: a fully connected layer on a batch of
// one) is not packed, however large B is: tiles of the row by 8 columns (the
// widest whole vectors dividing 1000) in a forall, the reduction a loop of
// FMAs that streams B once.
// EMIT-LABEL: func.func @matvec
// EMIT: transform.structured.tile_using_forall %{{.*}} tile_sizes [1, 8, 0]
// EMIT-NOT: transform.structured.pack
// APPLY-LABEL: func.func @matvec
// APPLY-NOT: linalg.pack
// APPLY: scf.forall (%{{.*}}) in (125)
// APPLY: vector.fma {{.*}} : vector<8xf32>
func.func @matvec(%x: tensor<1x512xf32>, %w: tensor<512x1000xf32>) -> tensor<1x1000xf32> {
  %init = tensor.empty() : tensor<1x1000xf32>
  %zero = arith.constant 0.0 : f32
  %acc = linalg.fill ins(%zero : f32) outs(%init : tensor<1x1000xf32>) -> tensor<1x1000xf32>
  %y = linalg.matmul ins(%x, %w : tensor<1x512xf32>, tensor<512x1000xf32>) outs(%acc : tensor<1x1000xf32>) -> tensor<1x1000xf32>
  return %y : tensor<1x1000xf32>
}
