func.func @f(%a0: tensor<f32>, %a1: tensor<f32>) -> (tensor<f32>) {
  %v0 = tg.relu %a0 : tensor<f32>
  %v1 = tg.log %v0 : tensor<f32>
  %v2 = tg.pow %v1, %a1 : tensor<f32>, tensor<f32>
  return %v2 : tensor<f32>
}
