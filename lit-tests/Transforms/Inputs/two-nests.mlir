// A tg function that lowers to two top-level loop nests at every opt level
// (a softmax: its maximum, then the exponentials and their sum).
func.func @main(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %s = tg.softmax %x axis 1 : tensor<4x8xf32>
  return %s : tensor<4x8xf32>
}
