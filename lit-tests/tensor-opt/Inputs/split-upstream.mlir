// Upstream dialects only, in chunks, one of them invalid: for comparing
// tensor-opt's --split-input-file with mlir-opt's.
func.func @first(%a: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %r = arith.addi %a, %c0 : i32
  return %r : i32
}

// -----

func.func @invalid() {
  %c = arith.constant 1 : i32
  return %c : i32
}

// -----

func.func @third(%x: f32) -> f32 {
  %y = arith.addf %x, %x : f32
  return %y : f32
}

// -----
// An empty chunk.
