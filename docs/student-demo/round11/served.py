"""kedrec.select as a user calls it, on every example of a dataset split (docs/student.md, "Served as trained").

Calls the procedure over Neo4j's HTTP API with each example's disease and candidates in the example's order, and
counts how often the row it selects is the dataset's answer. Usage (the demo's server up):
    python3 served.py DATASET_DIR SPLIT [HTTP_URL] [PASSWORD]
e.g. python3 docs/student-demo/round11/served.py .kedrec/demo/dataset test http://127.0.0.1:7474 kedrec-demo
"""
import base64, json, sys, urllib.request

dataset, split = sys.argv[1], sys.argv[2]
url = (sys.argv[3] if len(sys.argv) > 3 else 'http://127.0.0.1:7474') + '/db/neo4j/tx/commit'
auth = 'Basic ' + base64.b64encode(('neo4j:' + (sys.argv[4] if len(sys.argv) > 4 else 'kedrec-demo')).encode()).decode()
QUERY = ("CALL kedrec.select($d, $c, {rationale: 'none'}) YIELD drug, selected, selectedBy "
         "RETURN drug.id, selected, selectedBy")


def rows(params):
    body = json.dumps({'statements': [{'statement': QUERY, 'parameters': params}]}).encode()
    request = urllib.request.Request(url, data=body, headers={'Content-Type': 'application/json', 'Authorization': auth})
    answer = json.load(urllib.request.urlopen(request))
    if answer['errors']:
        raise SystemExit(answer['errors'])
    return [x['row'] for x in answer['results'][0]['data']]


right, total, by = 0, 0, {}
for line in open(f'{dataset}/both/{split}.jsonl'):
    example = json.loads(line)
    candidates = [c['id'] for c in example['candidates']]
    result = rows({'d': example['disease']['id'], 'c': candidates})
    chosen = next(r[0] for r in result if r[1])
    by[result[0][2]] = by.get(result[0][2], 0) + 1
    total += 1
    right += chosen == candidates[example['label']]
print(f'{split}: kedrec.select right on {right} of {total} = {right / total:.3f}; selectedBy {by}')
