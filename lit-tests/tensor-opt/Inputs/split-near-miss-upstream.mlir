// Upstream dialects only: near misses of the split marker, for comparing
// tensor-opt's --split-input-file with mlir-opt's.
func.func @first() {
  return
}

// ----

func.func @second() {
  return
}

// -----

func.func @third() { return } // -----
func.func @fourth() {
  return
}

// -----