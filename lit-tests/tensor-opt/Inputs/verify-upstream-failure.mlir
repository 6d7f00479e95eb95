// Upstream dialects only, with expected-* comments that do not match.
func.func @unexpected() {
  %c = arith.constant 1 : i32
  return %c : i32
}

// -----

func.func @not_produced(%x: i32) {
  // expected-error @+1 {{this is not what happens}}
  %y = arith.addi %x, %x : i32
  return
}

// -----

func.func @wrong_severity() {
  %c = arith.constant 1 : i32
  // expected-remark @+1 {{has 1 operands}}
  return %c : i32
}
