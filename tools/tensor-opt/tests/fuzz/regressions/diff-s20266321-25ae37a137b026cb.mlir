func.func @f(%a0: tensor<5x4x2x5xf64>) -> (tensor<5x4x2x5xf64>) {
  %v1 = tg.relu %a0 : tensor<5x4x2x5xf64>
  %v2 = tg.constant dense<-3.5> : tensor<f64>
  %v3 = tg.pow %v2, %v1 : tensor<f64>, tensor<5x4x2x5xf64>
  return %v3 : tensor<5x4x2x5xf64>
}
