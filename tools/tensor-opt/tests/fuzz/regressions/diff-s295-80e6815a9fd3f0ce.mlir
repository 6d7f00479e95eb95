func.func @f(%a0: tensor<1x4x0x1xf32>) -> (tensor<4x6x2x4xf32>) {
  %v0 = tg.abs %a0 : tensor<1x4x0x1xf32>
  %v3 = tg.pad %v0 low [1, 1, 2, 1] high [2, 1, 0, 2] value -1.0 : tensor<1x4x0x1xf32>
  return %v3 : tensor<4x6x2x4xf32>
}
