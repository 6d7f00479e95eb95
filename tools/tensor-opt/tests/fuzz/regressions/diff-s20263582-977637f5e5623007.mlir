func.func @f(%a0: tensor<3x0xf32>, %a2: tensor<0x6xf32>, %a3: tensor<f32>) -> (tensor<3x6xf32>) {
  %v1 = tg.matmul %a0, %a2 : tensor<3x0xf32>, tensor<0x6xf32>
  %v2 = tg.pow %a3, %v1 : tensor<f32>, tensor<3x6xf32>
  return %v2 : tensor<3x6xf32>
}
