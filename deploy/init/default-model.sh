#!/bin/sh
# One-shot job (docker compose `model-init`, rtml/tools image): makes sure the model MODEL_NAME
# has a champion in MODEL_BUCKET at S3_ENDPOINT. When it has one, nothing happens (idempotent);
# otherwise it trains the default model on simulated data, publishes it and promotes it, with
# the same public commands a person would use (README, "The model lifecycle"). The simulation
# and the training week are those `npm start` uses when the reference data set is absent
# (tools/ml/src/pipeline/launch/default-model.ts).
set -eu
cd "$(dirname "$0")/../.."

name="${MODEL_NAME:-card-fraud}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tool() { node --disable-warning=TimeoutNegativeWarning --conditions=@rtml/source --import tsx "$@"; }

if tool tools/ml/src/model/model.cli.ts show --name "$name" --alias champion > /dev/null 2>&1; then
  echo "model-init: $name already has a champion; nothing to do"
  exit 0
fi

echo "model-init: no champion for $name: simulating training data"
tool tools/ml/src/simulate/simulate.cli.ts --customers 2000 --terminals 4000 --days 70 --seed 42 \
  --output "$work/simulated-transactions.csv"
tool tools/ml/src/model/model.cli.ts train --data "$work/simulated-transactions.csv" \
  --from 2018-05-01 --to 2018-05-07 --output "$work/model"
# The last line of `publish` is its JSON result; the version is assigned by the registry.
version="$(tool tools/ml/src/model/model.cli.ts publish --name "$name" --dir "$work/model" \
  | tail -n 1 | node -e 'process.stdout.write(String(JSON.parse(require("fs").readFileSync(0, "utf8")).version))')"
tool tools/ml/src/model/model.cli.ts promote --name "$name" --version "$version"
echo "model-init: $name version $version is the champion"
