#!/bin/bash
# The task-matched judge's cross-fit (docs/student.md, eleventh round), on the work directory of
# round10/cross-fit.sh (its fold rankers cf/fold-K and the folds' examples fit-K/both/test.jsonl).
# Run from the repository root with the trainer's test classes compiled (see round10/cross-fit.sh):
#   bash docs/student-demo/round11/run.sh CROSS_FIT_WORK_DIR OUT_DIR
set -euo pipefail
W=${1:?usage: run.sh CROSS_FIT_WORK_DIR OUT_DIR}
OUT=${2:?usage: run.sh CROSS_FIT_WORK_DIR OUT_DIR}
CP=trainer/target/test-classes:trainer/target/classes:$(cat /tmp/cp.txt)
mkdir -p "$OUT"
for k in 1 2 3 4 5; do
  java -cp "$CP" org.kedrec.trainer.ranking.eval.JudgeFeatureDump "$W/cf/fold-$k" "$W/fit-$k/both/test.jsonl" \
      "$OUT/judge-fit-$k.tsv" "fold$k"
done
python3 docs/student-demo/round11/judge.py "$OUT"
