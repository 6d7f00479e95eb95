// One function and nothing else, for --no-implicit-module.
func.func @add_zero(%a: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %r = arith.addi %a, %c0 : i32
  return %r : i32
}
