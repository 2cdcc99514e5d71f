#!/usr/bin/env python3
"""How often a served rationale leads with a binding the drug has only as an enzyme's, transporter's or carrier's
substrate (docs/explain.md, "Pharmacokinetic paths are their own kind").

Calls kedrec.recommend(d, {k: 5, rationale: R}) over HTTP for every fifth disease of the graph (by id) and counts the
rationales whose first claim is "<drug> binds <gene>" where every DrugBank source of the drug's BINDS edges to that
gene is 'DrugBank (enzyme)', '(transporter)' or '(carrier)'.

usage: pk-lead.py [student|teacher] [URL] [PASSWORD]
"""
import base64
import json
import re
import sys
import urllib.request

mode = sys.argv[1] if len(sys.argv) > 1 else 'student'
url = (sys.argv[2] if len(sys.argv) > 2 else 'http://127.0.0.1:7474') + '/db/neo4j/tx/commit'
auth = 'Basic ' + base64.b64encode(('neo4j:' + (sys.argv[3] if len(sys.argv) > 3 else 'kedrec-demo')).encode()).decode()
PK = "['DrugBank (enzyme)', 'DrugBank (transporter)', 'DrugBank (carrier)']"


def rows(statement, parameters=None):
    body = json.dumps({'statements': [{'statement': statement, 'parameters': parameters or {}}]}).encode()
    request = urllib.request.Request(url, data=body, headers={'Content-Type': 'application/json', 'Authorization': auth})
    answer = json.load(urllib.request.urlopen(request))
    if answer['errors']:
        raise SystemExit(answer['errors'])
    return [r['row'] for r in answer['results'][0]['data']]


diseases = [r[0] for r in rows('MATCH (d:Disease) RETURN d.id ORDER BY d.id')][::5]
total = binds = pharmacokinetic = 0
for disease in diseases:
    for drug, name, rationale in rows('CALL kedrec.recommend($d, {k: 5, rationale: $r}) YIELD drug, rationale '
                                      'RETURN drug.id, drug.name, rationale', {'d': disease, 'r': mode}):
        genes = {r[0] for r in rows('MATCH (c:Drug {id: $id})-[b:BINDS]->(g:Gene) WITH g, collect(b.sources) AS s '
                                    'WHERE all(x IN s WHERE size(x) > 0 AND all(y IN x WHERE y IN ' + PK + ')) '
                                    'RETURN g.name', {'id': drug})}
        total += 1
        lead = re.match(re.escape(name) + r' binds (\S+?)[,;.]? ', rationale[len(name) + 2:])
        if lead:
            binds += 1
            pharmacokinetic += lead.group(1) in genes
print(f'{mode} rationales of kedrec.recommend: {total}; the first claim a binding: {binds}; '
      f'of a pharmacokinetic protein only: {pharmacokinetic}')
