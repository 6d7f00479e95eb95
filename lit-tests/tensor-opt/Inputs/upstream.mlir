// Upstream dialects only, for comparing tensor-opt with mlir-opt.
func.func @add_zero(%a: i32) -> (i32, i32) {
  %c0 = arith.constant 0 : i32
  %r = arith.addi %a, %c0 : i32
  %s = arith.addi %a, %c0 : i32
  return %r, %s : i32, i32
}

func.func @consts() -> tensor<4xf32> {
  %c = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %d = arith.constant dense<[5.0, 6.0]> : tensor<2xf32>
  return %c : tensor<4xf32>
}

func.func @shift(%i: index) -> index {
  %0 = affine.apply affine_map<(d0) -> (d0 + 1)>(%i)
  return %0 : index
}
