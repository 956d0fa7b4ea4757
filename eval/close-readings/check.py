#!/usr/bin/env python3
"""Check every close-reading JSON file in this folder (or the files given)."""
import glob, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, '..', '..', '..', 'shared', 'corpus', 'gva-dev', 'articles.jsonl')
KINDS = {'figure', 'date', 'place', 'attribute', 'quote', 'entity', 'reuse', 'unique'}
STATUSES = {'agreed', 'compatible', 'conflict', 'verbatim', 'altered',
            'misattributed', 'variant', 'copied', 'unique'}
KIND_STATUS = {
    'figure': {'agreed', 'compatible', 'conflict'},
    'date': {'agreed', 'compatible', 'conflict'},
    'place': {'agreed', 'compatible', 'conflict'},
    'attribute': {'agreed', 'compatible', 'conflict'},
    'quote': {'verbatim', 'altered', 'misattributed'},
    'entity': {'variant'},
    'reuse': {'copied'},
    'unique': {'unique'},
}

arts = {}
with open(CORPUS) as f:
    for line in f:
        d = json.loads(line)
        arts[d['id']] = d['text']

files = sys.argv[1:] or sorted(glob.glob(os.path.join(HERE, '*', '*.json')))
total_problems = 0
for path in files:
    problems = []
    try:
        with open(path) as f:
            doc = json.load(f)
    except Exception as e:
        print(f'{os.path.basename(path)}: INVALID JSON: {e}')
        total_problems += 1
        continue
    if doc.get('version') != 1:
        problems.append('version is not 1')
    if doc.get('corpus') != 'gva-dev/articles.jsonl':
        problems.append(f"corpus is {doc.get('corpus')!r}")
    if sorted(doc.get('exhaustive', [])) != ['conflict', 'misattributed']:
        problems.append(f"exhaustive is {doc.get('exhaustive')!r}")
    listed = doc.get('articles', [])
    if len(set(listed)) != len(listed):
        problems.append('duplicate ids in articles')
    for a in listed:
        if a not in arts:
            problems.append(f'article {a} not in corpus')
    used = set()
    findings = doc.get('findings', [])
    for n, fd in enumerate(findings, 1):
        fid = fd.get('id')
        tag = f'{fid}'
        if fid != f'f{n}':
            problems.append(f'{tag}: id out of order (expected f{n})')
        kind, status = fd.get('kind'), fd.get('status')
        if kind not in KINDS:
            problems.append(f'{tag}: bad kind {kind!r}')
        if status not in STATUSES:
            problems.append(f'{tag}: bad status {status!r}')
        elif kind in KIND_STATUS and status not in KIND_STATUS[kind]:
            problems.append(f'{tag}: status {status!r} not allowed for kind {kind!r}')
        for key in ('subject', 'note'):
            if not fd.get(key):
                problems.append(f'{tag}: missing {key}')
        if kind == 'quote' and not fd.get('speaker'):
            problems.append(f'{tag}: quote without speaker')
        variants = fd.get('variants', [])
        vart = set()
        for v in variants:
            a, t = v.get('article'), v.get('text', '')
            if a not in arts:
                problems.append(f'{tag}: article {a} not in corpus')
                continue
            if a not in listed:
                problems.append(f'{tag}: article {a} not in the file\'s articles list')
            c = arts[a].count(t) if t else 0
            if c != 1:
                problems.append(f'{tag}: text occurs {c} times in {a[:8]}: {t!r}')
            vart.add(a)
            used.add(a)
        if kind == 'unique' or status == 'unique':
            if len(vart) != 1:
                problems.append(f'{tag}: unique finding with variants in {len(vart)} articles')
        else:
            if len(vart) < 2:
                problems.append(f'{tag}: non-unique finding with variants in {len(vart)} article(s)')
    for a in listed:
        if a not in used:
            problems.append(f'article {a} listed but used in no finding')
    counts = {}
    for fd in findings:
        k = (fd.get('kind'), fd.get('status'))
        counts[k] = counts.get(k, 0) + 1
    summary = ', '.join(f'{k}/{s}: {c}' for (k, s), c in sorted(counts.items()))
    status = 'OK' if not problems else f'{len(problems)} PROBLEM(S)'
    print(f'{os.path.basename(path)}: {len(findings)} findings, {len(listed)} articles -> {status}')
    print(f'  {summary}')
    for p in problems:
        print(f'  - {p}')
    total_problems += len(problems)
print(f'TOTAL problems: {total_problems}')
sys.exit(1 if total_problems else 0)
