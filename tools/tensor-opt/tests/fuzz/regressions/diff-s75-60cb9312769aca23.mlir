func.func @f(%a0: tensor<4x4x5x1xf32>) -> (tensor<4x4x5x1xi32>, tensor<4x4x5x1xi32>) {
  %v0 = tg.cast %a0 : tensor<4x4x5x1xf32> to tensor<4x4x5x1xi32>
  %v1 = tg.reshape %v0 : tensor<4x4x5x1xi32> to tensor<80xi32>
  %v2 = tg.transpose %v0 perm [1, 3, 2, 0] : tensor<4x4x5x1xi32>
  %v3 = tg.cast %a0 : tensor<4x4x5x1xf32> to tensor<4x4x5x1xi32>
  return %v3, %v0 : tensor<4x4x5x1xi32>, tensor<4x4x5x1xi32>
}
