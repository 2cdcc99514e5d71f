#!/bin/bash
# The disease-level cross-fit behind the vote on unseen diseases (docs/student.md, tenth round).
# Per fold of the training diseases: a ranker that never saw them treated, and a quick-profile student that never
# trained on them; their likelihoods and scores on the fold's training pairs as a new disease shows them (paths
# through the disease's own treatments removed, both candidate orders), pooled and fitted by UnseenVoteCrossFit.
#
# Run from the repository root with the demo's server up (bin/kedrec demo, or bin/kedrec server start --home
# .kedrec/demo) and the trainer's test classes compiled:
#   ./mvnw -B -ntp -o -q -Dfast -pl trainer -am -DskipTests test-compile dependency:build-classpath \
#       -Dmdep.outputFile=/tmp/cp.txt
#   KEDREC_NEO4J_PASSWORD=kedrec-demo bash docs/student-demo/round10/cross-fit.sh WORK_DIR
# About 12 minutes on two cores (five rankers of ~25 s, five students of ~115 s).
set -euo pipefail
W=${1:?usage: cross-fit.sh WORK_DIR}
FOLDS=${FOLDS:-5}
SEED=${SEED:-42}
DS=${DATASET:-.kedrec/demo/dataset}
MODEL=${MODEL:-.kedrec/demo/models/demo}
QUICK="--preset small --lr 2e-3 --max-seq-len 384 --epochs 10 --patience 10 --batch-tokens 3072 --ranker-tool --ranker-fusion --threads 0"
CP=trainer/target/test-classes:trainer/target/classes:$(cat /tmp/cp.txt)
mkdir -p "$W/M" && cp -r "$MODEL/ranker" "$MODEL/model.json" "$W/M/"
# the first run writes the folds' split files and stops, naming the rankers to train
bin/kedrec train student --model "$W/M" --dataset "$DS" --ranker-tool --cross-fit-rankers "$W/cf" \
    --cross-fit-folds "$FOLDS" --epochs 1 > "$W/prepare.log" 2>&1 || true
for k in $(seq 1 "$FOLDS"); do
  [ -f "$W/cf/fold-$k/ranker/config.json" ] || bin/kedrec train kge --uri bolt://127.0.0.1:7687 \
      --splits "$W/cf/fold-$k.splits.tsv" --model "$W/cf/fold-$k" > "$W/kge-$k.log" 2>&1
  # the dataset without the fold's diseases (every variant), and the fold's training pairs as a test split
  python3 - "$DS" "$W" "$k" <<'PY'
import json, os, shutil, sys
ds, w, k = sys.argv[1:]
zero = {l.split('\t')[1].strip() for l in open(f'{ds}/splits.tsv') if l.startswith('disease')}
held = {l.split('\t')[1].strip() for l in open(f'{w}/cf/fold-{k}.splits.tsv') if l.startswith('disease')} - zero
out = f'{w}/ds-{k}'
shutil.rmtree(out, ignore_errors=True)
shutil.copytree(ds, out)
fit = f'{w}/fit-{k}'
os.makedirs(f'{fit}/both', exist_ok=True)
for v in ['vanilla', 'trials', 'publications', 'both']:
    lines = open(f'{ds}/{v}/train.jsonl').readlines()
    open(f'{out}/{v}/train.jsonl', 'w').writelines(l for l in lines if json.loads(l)['disease']['id'] not in held)
with open(f'{fit}/both/test.jsonl', 'w') as f:
    for l in open(f'{ds}/both/train.jsonl'):
        e = json.loads(l)
        if e['disease']['id'] in held:
            e['split'] = 'test'
            f.write(json.dumps(e) + '\n')
for s in ['train', 'validation', 'zeroshot']:
    open(f'{fit}/both/{s}.jsonl', 'w').close()
for name in ['splits.tsv', 'card.json']:
    shutil.copy(f'{ds}/{name}', f'{fit}/{name}')
print('fold', k, 'holds out', len(held), 'diseases')
PY
  rm -rf "$W/S$k" && mkdir -p "$W/S$k" && cp -r "$W/M/ranker" "$W/M/model.json" "$W/S$k/"
  bin/kedrec train student --model "$W/S$k" --dataset "$W/ds-$k" $QUICK --seed "$SEED" --no-unseen-disease-vote \
      > "$W/train-$k.log" 2>&1
  # the fold's student beside the fold's ranker: the prompt line and the vote as for a new disease
  rm -rf "$W/F$k" && mkdir -p "$W/F$k" && cp -r "$W/S$k/student" "$W/F$k/" \
      && cp -r "$W/cf/fold-$k/ranker" "$W/cf/fold-$k/model.json" "$W/F$k/"
  java -cp "$CP" org.kedrec.trainer.student.SelectionDump "$W/F$k" "$W/fit-$k" "$W/dump-fit-$k.tsv"
  java -cp "$CP" org.kedrec.trainer.student.SelectionDump "$W/S$k" "$DS" "$W/dump-S$k.tsv"
done
fits=$(for k in $(seq 1 "$FOLDS"); do printf '%s,' "$W/dump-fit-$k.tsv"; done)
evals=$(for k in $(seq 1 "$FOLDS"); do printf '%s ' "$W/dump-S$k.tsv:zeroshot" "$W/dump-S$k.tsv:test"; done)
java -cp "$CP" org.kedrec.trainer.student.UnseenVoteCrossFit "${fits%,}" $evals
