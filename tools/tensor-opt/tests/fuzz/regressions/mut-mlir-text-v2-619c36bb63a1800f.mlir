
func.func @s() -> (tensor<2xf32>, tensor<f32>) {
 tg.fused "cexp" () : () -> (tensor<2xf32>, tensor<2xf32>) { %0 = tg.constant dense<1.0> : tensor<2xf32> %1 = tg.exp %0 : tensor<2xf32>
tg.yield %0, %1 : tensor<2xf32>, tensor<2xf32>
  }
  return %r#2147483648, %r#1 : tensor<2xf32>, tensor<2xf32>
}