func.func @f(%a0: tensor<3x6x5x4xf32>, %a1: tensor<1x1x5x1xf32>, %a2: tensor<1x4xf32>, %a3: tensor<f32>, %a4: tensor<3x1x5x4xf32>) -> (tensor<3x6x5x4xf32>) {
  %v0 = tg.max %a0, %a1 : tensor<3x6x5x4xf32>, tensor<1x1x5x1xf32>
  %v1 = tg.div %a2, %v0 : tensor<1x4xf32>, tensor<3x6x5x4xf32>
  %v2 = tg.softmax %v1 axis 2 : tensor<3x6x5x4xf32>
  %v3 = tg.max %v2, %a3 : tensor<3x6x5x4xf32>, tensor<f32>
  %v4 = tg.pow %a4, %v3 : tensor<3x1x5x4xf32>, tensor<3x6x5x4xf32>
  return %v4 : tensor<3x6x5x4xf32>
}
