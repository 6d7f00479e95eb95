// An MLP block: softmax(relu(x . W + b)), batch 256, 1024 -> 1000 classes.
func.func @main(%x: tensor<256x1024xf32>, %w: tensor<1024x1000xf32>,
                %b: tensor<1000xf32>) -> tensor<256x1000xf32> {
  %mm = tg.matmul %x, %w : tensor<256x1024xf32>, tensor<1024x1000xf32>
  %biased = tg.add %mm, %b : tensor<256x1000xf32>, tensor<1000xf32>
  %act = tg.relu %biased : tensor<256x1000xf32>
  %probs = tg.softmax %act axis 1 : tensor<256x1000xf32>
  return %probs : tensor<256x1000xf32>
}
