#!/usr/bin/env python3
"""Converts cpldcpu/LRMTokenEconomy (Apache-2.0) into this project's JSONL import format.

Reads the per-run measurements in data/detailed_evaluations_*.json and the prompt texts in
evalset/TokenEconomyDataset_V1.json of a checkout (or of a bare git directory, at HEAD) and
writes, into --out:

  runs.jsonl.gz  one run per line (ImportLineParser's fields), gzip with a fixed header so
                 the same source gives the same bytes (and the same SHA-256)
  LICENSE        the source's licence, copied as it is
  NOTICE.md      what was taken, from which commit, and how it was mapped

Nothing is repaired: a run whose reasoning exceeds its completion, a version without
reasoning or token counts, a run index repeated for the same model and prompt are written
as the source has them, and the import's own rules decide (docs/datasets.md).

Usage (python3 only, no packages):
  python3 tools/lrm-token-economy/convert.py --source PATH_TO_CHECKOUT_OR_GIT_DIR --out DIR
"""

import argparse
import collections
import glob
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
METADATA = os.path.join(HERE, '..', '..', 'src', 'main', 'resources', 'datasets', 'lrm-token-economy',
                        'dataset.json')

# the evaluation set's "type" in the project's categories (app.categories)
CATEGORIES = {'knowledge': 'factual', 'logic puzzle': 'reasoning', 'math': 'math'}


class Source:
    """A checkout (a folder) or a bare git directory read at HEAD."""

    def __init__(self, path):
        self.path = path
        self.git = not os.path.exists(os.path.join(path, 'evalset')) and os.path.exists(os.path.join(path, 'HEAD'))

    def names(self, folder, pattern):
        if self.git:
            out = subprocess.run(['git', '--git-dir', self.path, 'ls-tree', '--name-only', 'HEAD', folder + '/'],
                                 check=True, capture_output=True, text=True).stdout.split()
            return sorted(n for n in out if re.fullmatch(pattern, n))
        return sorted(os.path.relpath(p, self.path).replace(os.sep, '/')
                      for p in glob.glob(os.path.join(self.path, folder, '*'))
                      if re.fullmatch(pattern, os.path.relpath(p, self.path).replace(os.sep, '/')))

    def read(self, name):
        if self.git:
            return subprocess.run(['git', '--git-dir', self.path, 'show', 'HEAD:' + name], check=True,
                                  capture_output=True).stdout
        with open(os.path.join(self.path, name), 'rb') as f:
            return f.read()

    def commit(self):
        try:
            args = ['git', '--git-dir', self.path] if self.git else ['git', '-C', self.path]
            return subprocess.run(args + ['rev-parse', 'HEAD'], check=True, capture_output=True,
                                  text=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return None


def prompt_key(dataset, prompt_id):
    # the import's keys allow letters, digits and _.:/- (spaces become _)
    return dataset + '/' + re.sub(r'[^A-Za-z0-9_.:-]', '_', prompt_id)


def convert(source, metadata):
    dataset = metadata['name']
    keys = {v['label']: v['key'] for v in metadata['versions']}
    evalset = json.loads(source.read('evalset/TokenEconomyDataset_V1.json'))['prompts']
    prompts = {p['prompt_id']: p for p in evalset}
    lines = []
    counts = collections.Counter()
    for name in source.names('data', r'data/detailed_evaluations_.*\.json'):
        detailed = json.loads(source.read(name))
        for prompt_id, models in detailed.items():
            prompt = prompts.get(prompt_id)
            if prompt is None:
                # outside the evaluation set, as the source's own aggregate (evaluation_stats.csv)
                counts['runs outside the evaluation set, left out'] += sum(len(r) for r in models.values())
                continue
            for label, runs in models.items():
                if label not in keys:
                    sys.exit('model label %r is not in %s: add it to "versions"' % (label, METADATA))
                for index, run in enumerate(runs):
                    stats = run.get('statistics') or {}
                    lines.append({
                        'prompt_key': prompt_key(dataset, prompt_id),
                        'prompt_text': prompt['prompt'],
                        'category': CATEGORIES[prompt['type'].lower()],
                        'model': keys[label],
                        'setting': 'default',
                        # the source numbers runs per file from 1 (run_number in its CSV)
                        'sample': index,
                        # METRICS.md: output includes reasoning, which is the source's
                        # tokens_completions (= tokens_output + tokens_reasoning)
                        'output_tokens': stats.get('tokens_completions'),
                        'reasoning_tokens': stats.get('tokens_reasoning'),
                        'score': run.get('total_score'),
                    })
                    counts['runs written'] += 1
    return lines, counts


def write(lines, out):
    raw = io.BytesIO()
    # mtime 0 and no file name: the same lines always give the same bytes
    with gzip.GzipFile(filename='', mode='wb', fileobj=raw, mtime=0, compresslevel=9) as gz:
        for line in lines:
            gz.write((json.dumps(line, ensure_ascii=False, separators=(',', ':')) + '\n').encode('utf-8'))
    with open(os.path.join(out, 'runs.jsonl.gz'), 'wb') as f:
        f.write(raw.getvalue())
    return len(raw.getvalue())


def notice(metadata, commit, counts):
    return """# {title}: attribution

Source: {url} (commit {commit}), licensed under the Apache License, Version 2.0
(LICENSE beside this file, copied from the source).

{attribution}

What was taken: every run in `data/detailed_evaluations_*.json` whose prompt is in the
evaluation set `evalset/TokenEconomyDataset_V1.json` (the set the source's own
`evaluation_stats.csv` covers), with the prompt texts of that set. Modified by conversion only:
each run became one line of Token Yield's import format (`output_tokens` = the source's
`tokens_completions`, `reasoning_tokens` = `tokens_reasoning`, `score` = `total_score`,
`sample` = the run's index in its file, from 0; no input token counts exist in the source).
No value was changed, added or dropped within the evaluation set.

Counts: {counts}.
Made by tools/lrm-token-economy/convert.py.
""".format(title=metadata['title'], url=metadata['source_url'], commit=commit or 'unknown',
           attribution=metadata['attribution'],
           counts='; '.join('%s: %d' % (k, v) for k, v in sorted(counts.items())))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--source', required=True, help='a checkout of LRMTokenEconomy, or its bare git directory')
    parser.add_argument('--out', required=True, help='the folder to write runs.jsonl.gz, LICENSE and NOTICE.md to')
    parser.add_argument('--metadata', default=METADATA, help='dataset.json (names of the versions)')
    args = parser.parse_args()
    with open(args.metadata, encoding='utf-8') as f:
        metadata = json.load(f)
    source = Source(args.source)
    commit = source.commit()
    if commit and metadata.get('source_commit') and commit != metadata['source_commit']:
        print('note: the source is at %s, dataset.json names %s' % (commit, metadata['source_commit']))
    lines, counts = convert(source, metadata)
    os.makedirs(args.out, exist_ok=True)
    size = write(lines, args.out)
    with open(os.path.join(args.out, 'LICENSE'), 'wb') as f:
        f.write(source.read('LICENSE'))
    with open(os.path.join(args.out, 'NOTICE.md'), 'w', encoding='utf-8') as f:
        f.write(notice(metadata, commit, counts))
    print('%d lines, %d bytes gzipped, in %s' % (len(lines), size, args.out))
    for k, v in sorted(counts.items()):
        print('  %s: %d' % (k, v))


if __name__ == '__main__':
    main()
