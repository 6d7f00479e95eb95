// W4 mlp: relu(x . W + b), x 256x1024, W 1024x1024.
func.func @main(%x: tensor<256x1024xf32>, %w: tensor<1024x1024xf32>, %b: tensor<1024xf32>) -> tensor<256x1024xf32> {
  %mm = tg.matmul %x, %w : tensor<256x1024xf32>, tensor<1024x1024xf32>
  %biased = tg.add %mm, %b : tensor<256x1024xf32>, tensor<1024xf32>
  %act = tg.relu %biased : tensor<256x1024xf32>
  return %act : tensor<256x1024xf32>
}
