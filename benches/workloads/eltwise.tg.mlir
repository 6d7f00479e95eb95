// W3 eltwise: relu(a * b + c) on three 4096x4096 f32 tensors.
func.func @main(%a: tensor<4096x4096xf32>, %b: tensor<4096x4096xf32>, %c: tensor<4096x4096xf32>) -> tensor<4096x4096xf32> {
  %ab = tg.mul %a, %b : tensor<4096x4096xf32>, tensor<4096x4096xf32>
  %sum = tg.add %ab, %c : tensor<4096x4096xf32>, tensor<4096x4096xf32>
  %r = tg.relu %sum : tensor<4096x4096xf32>
  return %r : tensor<4096x4096xf32>
}
