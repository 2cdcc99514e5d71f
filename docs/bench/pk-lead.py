#!/usr/bin/env python3
"""How often a served rationale leads with a binding the drug has only as an enzyme's, transporter's or carrier's
substrate (docs/explain.md, "Pharmacokinetic paths are their own kind").

Calls kedrec.recommend(d, {k: 5, rationale: R}) over HTTP for every fifth disease of the graph (by id) and counts the
rationales whose first claim is "<drug> binds <gene>" where every DrugBank source of the drug's BINDS edges to that
gene is 'DrugBank (enzyme)', '(transporter)' or '(carrier)'. With `select DATASET SPLIT` it calls
kedrec.select(disease, candidates, {rationale: 'student'}) on every example of DATASET/both/SPLIT.jsonl instead, and
with `dataset DATASET SPLIT` it reads the teacher's rationales of that file (no server needed for the rationales).
With `paths` it reads no rationale: it counts the recommendations (k 5, every fifth disease) whose first explanation
path leaves the drug through such a binding, whatever its metapath (a mechanism path, or a drug "sharing" a
transporter with one that treats the disease), and prints their kinds (PK_LEAD_STRIDE=1: every disease).

usage: pk-lead.py [student|teacher|paths] [URL] [PASSWORD]
       pk-lead.py select|dataset DATASET SPLIT [URL] [PASSWORD]
PK_LEAD_SHOW=1 prints the rationales counted.
"""
import base64
import json
import os
import re
import sys
import urllib.request

mode = sys.argv[1] if len(sys.argv) > 1 else 'student'
rest = sys.argv[4:] if mode in ('select', 'dataset') else sys.argv[2:]
url = (rest[0] if len(rest) > 0 else 'http://127.0.0.1:7474') + '/db/neo4j/tx/commit'
auth = 'Basic ' + base64.b64encode(('neo4j:' + (rest[1] if len(rest) > 1 else 'kedrec-demo')).encode()).decode()
PK = "['DrugBank (enzyme)', 'DrugBank (transporter)', 'DrugBank (carrier)']"


def rows(statement, parameters=None):
    body = json.dumps({'statements': [{'statement': statement, 'parameters': parameters or {}}]}).encode()
    request = urllib.request.Request(url, data=body, headers={'Content-Type': 'application/json', 'Authorization': auth})
    answer = json.load(urllib.request.urlopen(request))
    if answer['errors']:
        raise SystemExit(answer['errors'])
    return [r['row'] for r in answer['results'][0]['data']]


def served():
    """(drug id, drug name, rationale) of every rationale the mode reads."""
    if mode in ('select', 'dataset'):
        for line in open(f'{sys.argv[2]}/both/{sys.argv[3]}.jsonl'):
            example = json.loads(line)
            chosen = example['candidates'][example['label']]
            if mode == 'dataset':
                # the teacher's rationale with its slots named, as the served one is written
                text = example['output'].replace(chosen['slot'], chosen['name'])
                yield chosen['id'], chosen['name'], text
                continue
            for drug, name, rationale in rows(
                    "CALL kedrec.select($d, $c, {rationale: 'student'}) YIELD drug, selected, rationale "
                    "WITH drug, rationale WHERE selected RETURN drug.id, drug.name, rationale",
                    {'d': example['disease']['id'], 'c': [c['id'] for c in example['candidates']]}):
                yield drug, name, rationale
        return
    for disease in [r[0] for r in rows('MATCH (d:Disease) RETURN d.id ORDER BY d.id')][::5]:
        yield from rows('CALL kedrec.recommend($d, {k: 5, rationale: $r}) YIELD drug, rationale '
                        'RETURN drug.id, drug.name, rationale', {'d': disease, 'r': mode})


def first_paths():
    """Count the recommendations whose first path leaves the drug through a pharmacokinetic-only binding."""
    total = leading = 0
    kinds = {}
    stride = int(os.environ.get('PK_LEAD_STRIDE', '5'))
    for disease in [r[0] for r in rows('MATCH (d:Disease) RETURN d.id ORDER BY d.id')][::stride]:
        for evidence, path in rows("CALL kedrec.recommend($d, {k: 5, rationale: 'none'}) YIELD evidence, paths "
                                   "RETURN evidence, paths", {'d': disease}):
            if not path:
                continue
            total += 1
            # a served path runs disease first, drug last: the drug's own edge is the last relationship
            edge = path[0][-2]
            sources = edge.get('sources') or []
            if edge.get('relation') == 'CbG' and sources and all(s in PK for s in sources):
                leading += 1
                kind = next((e.get('pathKind') for e in evidence if e.get('kind') == 'path'), None)
                kinds[kind] = kinds.get(kind, 0) + 1
                if os.environ.get('PK_LEAD_SHOW'):
                    print('  ', disease, path[0][-1].get('name'), '<-', edge.get('relation'), path[0][-3].get('name'),
                          kind)
    print(f'recommendations with a path (kedrec.recommend, k 5): {total}; the first path leaves the drug through a '
          f'pharmacokinetic protein only: {leading}; their kinds: {kinds}')


if mode == 'paths':
    first_paths()
    raise SystemExit(0)

total = binds = pharmacokinetic = 0
for drug, name, rationale in served():
    genes = {r[0] for r in rows('MATCH (c:Drug {id: $id})-[b:BINDS]->(g:Gene) WITH g, collect(b.sources) AS s '
                                'WHERE all(x IN s WHERE size(x) > 0 AND all(y IN x WHERE y IN ' + PK + ')) '
                                'RETURN g.name', {'id': drug})}
    total += 1
    # "binds its transporter SLC31A2, …" (evidence-teacher/6 on) names the role; earlier teachers did not
    lead = re.match(re.escape(name) + r' binds (?:its (?:enzyme|transporter|carrier)(?: and \w+)* )?(\S+?)[,;.]? ',
                    rationale[len(name) + 2:])
    if lead:
        binds += 1
        pharmacokinetic += lead.group(1) in genes
        if lead.group(1) in genes and os.environ.get('PK_LEAD_SHOW'):
            print('  ', rationale[:200])
source = 'kedrec.recommend' if mode in ('student', 'teacher') else sys.argv[2] + ' ' + sys.argv[3]
print(f'{mode} rationales ({source}): {total}; the first claim a binding: {binds}; '
      f'of a pharmacokinetic protein only: {pharmacokinetic}')
