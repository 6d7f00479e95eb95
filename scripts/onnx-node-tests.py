"""Writes the ONNX backend node test cases into a directory, for the suite's
harness (`onnx_node_tests` in tools/tensor-opt/tests/onnx_node.rs).

The PyPI `onnx` package does not ship these cases as files: it generates
them with `onnx.backend.test.case.node.collect_testcases()`. For each case
this writes

    DIR/<case>/model.onnx
    DIR/<case>/test_data_set_<i>/input_<j>.pb, output_<j>.pb

(each `.pb` a TensorProto, or a SequenceProto / OptionalProto / MapProto when
the graph declares that type), and DIR/cases.tsv: one line per case with its
name, the op type it tests (its first node that is not a Constant; for an
`_expanded` case, the op of the case it expands),
rtol and atol. Written to DIR.tmp and renamed, so an interrupted run leaves
no half-written cache.

Usage: python scripts/onnx-node-tests.py DIR
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import warnings

import onnx
from onnx import numpy_helper
from onnx.backend.test.case.node import collect_testcases


def serialize(value, value_info: onnx.ValueInfoProto) -> bytes:
    """`value` as the message its declared type calls for."""
    kind = value_info.type.WhichOneof("value")
    if kind == "sequence_type":
        return numpy_helper.from_list(value, value_info.name).SerializeToString()
    if kind == "optional_type":
        return numpy_helper.from_optional(value, value_info.name).SerializeToString()
    if kind == "map_type":
        return numpy_helper.from_dict(value, value_info.name).SerializeToString()
    if isinstance(value, onnx.TensorProto):
        return value.SerializeToString()
    return numpy_helper.from_array(value, value_info.name).SerializeToString()


def op_type(model: onnx.ModelProto) -> str:
    nodes = [n for n in model.graph.node if n.op_type != "Constant"] or list(model.graph.node)
    return nodes[0].op_type if nodes else ""


def tested_ops(cases) -> dict[str, str]:
    """The op each case tests: its node's, except that an `_expanded` case
    (the op's function body, many nodes) tests the op of the case it expands."""
    ops = {case.name: op_type(case.model) for case in cases}
    for name in ops:
        base = re.sub(r"_expanded(_ver\d+)?$", "", name)
        if base != name and base in ops:
            ops[name] = ops[base]
    return ops


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[-1])
    out = sys.argv[1]
    tmp = out + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    with warnings.catch_warnings():
        # The generators cast NaN and infinities on purpose.
        warnings.simplefilter("ignore")
        cases = collect_testcases()
    ops = tested_ops(cases)
    lines = []
    for case in cases:
        directory = os.path.join(tmp, case.name)
        os.makedirs(directory)
        with open(os.path.join(directory, "model.onnx"), "wb") as f:
            f.write(case.model.SerializeToString())
        graph = case.model.graph
        for i, (inputs, outputs) in enumerate(case.data_sets):
            data = os.path.join(directory, f"test_data_set_{i}")
            os.makedirs(data)
            for j, value in enumerate(inputs):
                with open(os.path.join(data, f"input_{j}.pb"), "wb") as f:
                    f.write(serialize(value, graph.input[j]))
            for j, value in enumerate(outputs):
                with open(os.path.join(data, f"output_{j}.pb"), "wb") as f:
                    f.write(serialize(value, graph.output[j]))
        lines.append(f"{case.name}\t{ops[case.name]}\t{case.rtol!r}\t{case.atol!r}\n")
    with open(os.path.join(tmp, "cases.tsv"), "w") as f:
        f.writelines(lines)
    shutil.rmtree(out, ignore_errors=True)
    os.rename(tmp, out)
    print(f"{len(lines)} ONNX node test cases in {out}")


if __name__ == "__main__":
    main()
