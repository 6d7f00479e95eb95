func.func @f() {
  %c = arith.constant 1 : i64
  %r = arith.addi %c, %c : i32
  return
}
