func.func @f(%a0: tensor<2x3x3x1xf64>, %a1: tensor<3x3x3x2xf64>, %a3: tensor<1x1xf64>) -> (tensor<2x3x1x1xf64>) {
  %v2 = tg.conv2d %a0, %a1 dilations [2, 2] padding [1, 1, 1, 1] : tensor<2x3x3x1xf64>, tensor<3x3x3x2xf64>
  %v5 = tg.pow %a3, %v2 : tensor<1x1xf64>, tensor<2x3x1x1xf64>
  return %v5 : tensor<2x3x1x1xf64>
}
