#!/usr/bin/env python3
"""Trains a scikit-learn model on rows written by `npm run model -- export` and writes it as an
ONNX model the rtml scoring service serves (after `npm run model -- import` and `publish`).

    python3 train_and_export.py --train train.csv --output model.onnx \
        [--score held-out.csv --scores-out sklearn-scores.csv] \
        [--converter auto|skl2onnx|onnx-helper] [--C 1.0]

The input CSV is `TRANSACTION_ID,<features in input order...>,TX_FRAUD`, the feature values the
float32 numbers the scorer feeds. The model is a scikit-learn Pipeline(StandardScaler,
LogisticRegression). What scoring needs of the ONNX graph, and `model import` checks:

- one input, float32 [N, width], width the feature set's (here named `features`);
- one float32 [N, 1] output, the probability of fraud (here named `score`): a classifier's
  converted graph gives `probabilities` [N, 2], so the positive class is sliced out of it;
- metadata `rtml.feature_names`: the columns in input order, which `model import` checks
  against the feature set.

With skl2onnx installed it converts the pipeline; otherwise (e.g. Debian, which packages
scikit-learn and onnx but not skl2onnx) the script builds the same computation with onnx.helper:
(x - mean) / scale -> MatMul(coef) -> Add(intercept) -> Sigmoid. `--score` writes scikit-learn's
own predict_proba for other exported rows, to compare with ONNX Runtime's scores.
"""

import argparse
import json
import sys

import numpy as np
import onnx
import sklearn
from onnx import TensorProto, helper, numpy_helper
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

ID_COLUMN = "TRANSACTION_ID"
LABEL_COLUMN = "TX_FRAUD"
# Any names do (`model import` reads them from the graph); these match rtml's own models.
INPUT_NAME = "features"
OUTPUT_NAME = "score"
# IR 8 / opset 15: loaded by every ONNX Runtime since 1.11, written by onnx 1.10 and later.
IR_VERSION = 8
OPSET = 15


def read_rows(path):
    """The exported CSV as (feature names, transaction ids, float32 matrix, 0/1 labels)."""
    with open(path, encoding="utf-8") as file:
        header = file.readline().strip().split(",")
    if len(header) < 3 or header[0] != ID_COLUMN or header[-1] != LABEL_COLUMN:
        sys.exit(f"{path}: expected the header {ID_COLUMN},<features...>,{LABEL_COLUMN} "
                 "(as `npm run model -- export` writes it)")
    table = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64, ndmin=2)
    if table.shape[0] == 0:
        sys.exit(f"{path}: no rows")
    # Every value was written as a float32 in shortest round-trip form: this cast is exact.
    features = table[:, 1:-1].astype(np.float32)
    return header[1:-1], table[:, 0].astype(np.int64), features, table[:, -1].astype(np.int64)


def train(features, labels, c):
    model = make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=1000))
    return model.fit(features, labels)


def convert_with_skl2onnx(model, width):
    """skl2onnx's conversion, its [N, 2] probabilities cut to the positive class."""
    from skl2onnx import convert_sklearn
    from skl2onnx.common.data_types import FloatTensorType

    classifier = model.steps[-1][1]
    converted = convert_sklearn(
        model,
        initial_types=[(INPUT_NAME, FloatTensorType([None, width]))],
        # zipmap off: plain float32 probabilities rather than a sequence of maps.
        options={id(classifier): {"zipmap": False}},
        target_opset=OPSET,
    )
    return positive_class_output(converted, "probabilities")


def positive_class_output(model, probabilities):
    """Replaces the graph's outputs with one: column 1 (fraud) of `probabilities`, [N, 1]."""
    graph = model.graph
    for name, value in (("score_starts", 1), ("score_ends", 2), ("score_axes", 1)):
        graph.initializer.append(numpy_helper.from_array(np.array([value], dtype=np.int64), name))
    graph.node.append(helper.make_node(
        "Slice", [probabilities, "score_starts", "score_ends", "score_axes"], [OUTPUT_NAME],
        name="positive_class"))
    del graph.output[:]
    graph.output.append(helper.make_tensor_value_info(OUTPUT_NAME, TensorProto.FLOAT, [None, 1]))
    return model


def convert_with_onnx_helper(model):
    """The fitted StandardScaler + LogisticRegression as plain ONNX operators, in float32."""
    scaler, classifier = model.steps[0][1], model.steps[-1][1]
    if classifier.classes_.tolist() != [0, 1]:
        sys.exit(f"expected the classes [0, 1], got {classifier.classes_.tolist()}")
    width = classifier.coef_.shape[1]
    mean = scaler.mean_ if scaler.with_mean else np.zeros(width)
    scale = scaler.scale_ if scaler.with_std else np.ones(width)
    constants = [
        numpy_helper.from_array(mean.astype(np.float32).reshape(1, width), "mean"),
        numpy_helper.from_array(scale.astype(np.float32).reshape(1, width), "scale"),
        numpy_helper.from_array(classifier.coef_.astype(np.float32).reshape(width, 1), "coef"),
        numpy_helper.from_array(classifier.intercept_.astype(np.float32).reshape(1), "intercept"),
    ]
    nodes = [
        helper.make_node("Sub", [INPUT_NAME, "mean"], ["centred"], name="centre"),
        helper.make_node("Div", ["centred", "scale"], ["standardised"], name="standardise"),
        helper.make_node("MatMul", ["standardised", "coef"], ["linear"], name="weigh"),
        helper.make_node("Add", ["linear", "intercept"], ["margin"], name="offset"),
        helper.make_node("Sigmoid", ["margin"], [OUTPUT_NAME], name="probability"),
    ]
    graph = helper.make_graph(
        nodes, "logistic_regression",
        [helper.make_tensor_value_info(INPUT_NAME, TensorProto.FLOAT, [None, width])],
        [helper.make_tensor_value_info(OUTPUT_NAME, TensorProto.FLOAT, [None, 1])],
        initializer=constants)
    return helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", OPSET)], ir_version=IR_VERSION,
        producer_name="rtml-examples-onnx-helper", producer_version=onnx.__version__,
        doc_string=f"scikit-learn {sklearn.__version__} StandardScaler + LogisticRegression")


def convert(model, width, converter):
    if converter in ("auto", "skl2onnx"):
        try:
            import skl2onnx  # noqa: F401
        except ImportError:
            if converter == "skl2onnx":
                sys.exit("--converter skl2onnx: skl2onnx is not installed (pip install skl2onnx)")
        else:
            return convert_with_skl2onnx(model, width), f"skl2onnx {skl2onnx.__version__}"
    return convert_with_onnx_helper(model), f"onnx.helper (onnx {onnx.__version__})"


def onnxruntime_difference(onnx_model, features, expected):
    """max |ONNX Runtime - scikit-learn| over the rows, or None without onnxruntime."""
    try:
        import onnxruntime
    except ImportError:
        return None
    session = onnxruntime.InferenceSession(
        onnx_model.SerializeToString(), providers=["CPUExecutionProvider"])
    scores = session.run([OUTPUT_NAME], {INPUT_NAME: features})[0][:, 0]
    return float(np.max(np.abs(scores.astype(np.float64) - expected)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", required=True, help="rows from `model export` to fit on")
    parser.add_argument("--output", required=True, help="the ONNX file to write")
    parser.add_argument("--score", help="other exported rows to score with scikit-learn")
    parser.add_argument("--scores-out", help="where to write those scores (TRANSACTION_ID,score)")
    parser.add_argument("--converter", choices=["auto", "skl2onnx", "onnx-helper"], default="auto")
    parser.add_argument("--C", type=float, default=1.0, help="inverse L2 strength (default 1)")
    args = parser.parse_args()
    if (args.score is None) != (args.scores_out is None):
        parser.error("--score and --scores-out go together")

    names, _, features, labels = read_rows(args.train)
    model = train(features, labels, args.C)
    onnx_model, converter = convert(model, len(names), args.converter)
    onnx_model.metadata_props.append(
        onnx.StringStringEntryProto(key="rtml.feature_names", value=json.dumps(names)))
    onnx.checker.check_model(onnx_model)
    onnx.save(onnx_model, args.output)
    summary = {"output": args.output, "converter": converter, "sklearn": sklearn.__version__,
               "train_rows": int(labels.size), "train_frauds": int(labels.sum()),
               "features": len(names)}

    if args.score is not None:
        score_names, ids, rows, _ = read_rows(args.score)
        if score_names != names:
            sys.exit(f"{args.score}: its feature columns differ from {args.train}'s")
        probabilities = model.predict_proba(rows)[:, 1]
        with open(args.scores_out, "w", encoding="utf-8") as file:
            file.write("TRANSACTION_ID,score\n")
            file.writelines(f"{i},{p!r}\n" for i, p in zip(ids.tolist(), probabilities.tolist()))
        summary.update(scored_rows=int(ids.size), scores_out=args.scores_out,
                       onnxruntime_max_difference=onnxruntime_difference(
                           onnx_model, rows, probabilities))
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
