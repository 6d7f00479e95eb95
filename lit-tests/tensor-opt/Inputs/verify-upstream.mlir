// Upstream dialects only, with expected-* comments both mlir-opt and
// tensor-opt verify the same way.
func.func @returns_nothing() {
  %c = arith.constant 1 : i32
  // expected-error @+1 {{'func.return' op has 1 operands, but enclosing function (@returns_nothing) returns 0}}
  return %c : i32
}

// -----

func.func @use_before_def(%x: i32) {
  %y = arith.addi %x, %x : i32
  // expected-note @-1 {{prior use here}}
  // expected-error @+1 {{use of value '%y' expects different type than prior uses: 'i64' vs 'i32'}}
  %z = arith.addi %y, %y : i64
  return
}

// -----

func.func @unregistered() {
  // expected-error @+1 {{operation being parsed with an unregistered dialect}}
  "foo.bar"() : () -> ()
  return
}

// -----

// expected-error @+1 {{custom op 'func.retrun' is unknown}}
func.retrun
