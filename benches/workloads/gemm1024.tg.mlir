// W2 gemm1024: a 1024x1024x1024 f32 matrix product.
func.func @main(%a: tensor<1024x1024xf32>, %b: tensor<1024x1024xf32>) -> tensor<1024x1024xf32> {
  %c = tg.matmul %a, %b : tensor<1024x1024xf32>, tensor<1024x1024xf32>
  return %c : tensor<1024x1024xf32>
}
