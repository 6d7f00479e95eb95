// The Conv2d -> Transpose -> batched Matmul workload of shared/examples,
// written in the tg dialect: result types are inferred, shapes verified.
func.func @main(%input: tensor<8x3x32x32xf32>, %filter: tensor<16x3x3x3xf32>,
                %rhs: tensor<8x30x16x64xf32>) -> tensor<8x30x30x64xf32> {
  %conv = tg.conv2d %input, %filter : tensor<8x3x32x32xf32>, tensor<16x3x3x3xf32>
  %t = tg.transpose %conv perm [0, 2, 3, 1] : tensor<8x16x30x30xf32>
  %mm = tg.matmul %t, %rhs : tensor<8x30x30x16xf32>, tensor<8x30x16x64xf32>
  return %mm : tensor<8x30x30x64xf32>
}
