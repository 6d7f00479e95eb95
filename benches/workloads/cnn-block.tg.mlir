// W5 cnn-block: 2x2 max-pool(relu(conv3x3(x, 64 filters, pad 1) + bias)).
func.func @main(%x: tensor<1x64x56x56xf32>, %w: tensor<64x64x3x3xf32>,
                %bias: tensor<64x1x1xf32>) -> tensor<1x64x28x28xf32> {
  %conv = tg.conv2d %x, %w padding [1, 1, 1, 1] : tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>
  %biased = tg.add %conv, %bias : tensor<1x64x56x56xf32>, tensor<64x1x1xf32>
  %act = tg.relu %biased : tensor<1x64x56x56xf32>
  %pool = tg.max_pool2d %act kernel [2, 2] strides [2, 2] : tensor<1x64x56x56xf32>
  return %pool : tensor<1x64x28x28xf32>
}
