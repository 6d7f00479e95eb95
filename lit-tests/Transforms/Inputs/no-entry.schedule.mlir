module attributes {transform.with_named_sequence} {
  transform.named_sequence @other(%module: !transform.any_op {transform.readonly}) {
    transform.yield
  }
}
