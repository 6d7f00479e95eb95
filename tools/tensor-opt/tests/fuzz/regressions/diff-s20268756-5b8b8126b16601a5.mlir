func.func @f(%a0: tensor<2xi32>) -> (tensor<2xf64>) {
  %v0 = tg.broadcast_to %a0 : tensor<2xi32> to tensor<2xi32>
  %v1 = tg.cast %v0 : tensor<2xi32> to tensor<2xf64>
  %v2 = tg.constant dense<-2.5> : tensor<1xf64>
  %v3 = tg.pow %v2, %v1 : tensor<1xf64>, tensor<2xf64>
  return %v3 : tensor<2xf64>
}
