// Upstream dialects and an unknown one, for comparing with mlir-opt.
func.func @unregistered(%x: i32) -> i32 {
  %0 = "mydialect.produce"(%x) {note = "kept"} : (i32) -> i32
  %c0 = arith.constant 0 : i32
  %1 = arith.addi %0, %c0 : i32
  "mydialect.consume"(%1) : (i32) -> ()
  return %1 : i32
}
