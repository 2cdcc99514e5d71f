#!/bin/bash
# issue 13, ninth session: the quick recipe with pharmacokinetic paths last in the prompts (evidence-teacher/4)
set -e
mkdir -p "${OUT:-/tmp/kedrec-round13}"
cd "$(dirname "$0")/../../.."
for seed in "$@"; do
  M=${OUT:-/tmp/kedrec-round13}/s$seed
  rm -rf $M && mkdir -p $M && cp -r .kedrec/demo/models/demo/ranker .kedrec/demo/models/demo/model.json $M/
  /usr/bin/time -f "%e s" bin/kedrec train student --model $M --dataset .kedrec/demo/dataset --preset small --lr 2e-3 --max-seq-len 384 --epochs 10 --patience 10 --batch-tokens 3072 --ranker-tool --ranker-fusion --unseen-disease-vote --threads 0 --seed $seed > ${OUT:-/tmp/kedrec-round13}/train-$seed.log 2>&1
  bin/kedrec eval student --model $M --dataset .kedrec/demo/dataset --report ${OUT:-/tmp/kedrec-round13}/counts-seed$seed.json --samples 20 --sample-seed 13 > ${OUT:-/tmp/kedrec-round13}/eval-$seed.log 2>&1
done
echo done
