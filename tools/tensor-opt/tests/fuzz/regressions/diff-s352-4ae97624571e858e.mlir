func.func @f(%a0: tensor<0x5xi64>) -> (tensor<0x6xi64>) {
  %v0 = tg.pad %a0 low [0, 0] high [0, 1] value 1.0 : tensor<0x5xi64>
  return %v0 : tensor<0x6xi64>
}
