import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

/** Where src/ is, from this file. */
export const SRC = join(__dirname, '..');

/** Every TypeScript file of src/ but specs and migrations (generated, never edited). */
export function sourceFiles(root = SRC): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'migrations' && name !== 'node_modules') walk(path);
      } else if (name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts')) {
        files.push(path);
      }
    }
  };
  walk(root);
  return files.sort();
}

/** The top-level folder of src/ a file belongs to; files directly in src/ are the composition root. */
export function folderOf(path: string, root = SRC): string {
  const parts = relative(root, path).split(sep);
  return parts.length > 1 ? parts[0] : '(root)';
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g;

/** The relative imports of a file (static, re-exports and dynamic), resolved to paths. */
export function relativeImports(path: string): string[] {
  const source = readFileSync(path, 'utf8');
  const targets: string[] = [];
  for (const match of source.matchAll(IMPORT)) {
    targets.push(normalize(join(dirname(path), match[1] ?? match[2])));
  }
  return targets;
}

/** Folder -> folders it imports, with one example import per edge (for the failure message). */
export function folderGraph(root = SRC): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(root)) {
    const from = folderOf(file, root);
    for (const target of relativeImports(file)) {
      const to = folderOf(target, root);
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, `${relative(root, file)} -> ${relative(root, target)}`);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Strongly connected components of more than one folder (Tarjan), each sorted by name. */
export function folderCycles(graph: Map<string, Map<string, string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return cycles.sort((a, b) => a.join().localeCompare(b.join()));
}
