// Prints the gzipped JavaScript the first page loads (the entry script and the chunks it
// preloads) and fails the build above the budget: the console must stay quick on a slow phone.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 300;
const html = readFileSync(new URL('../dist/index.html', import.meta.url), 'utf8');
const files = [
  ...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g),
].map((m) => m[1]);
let total = 0;
for (const file of new Set(files)) {
  const size = gzipSync(readFileSync(new URL(`../dist/${file}`, import.meta.url))).length;
  total += size;
  console.log(`  ${file}: ${(size / 1024).toFixed(1)} kB gzipped`);
}
console.log(`first page JavaScript: ${(total / 1024).toFixed(1)} kB gzipped (budget ${BUDGET_KB} kB)`);
if (total > BUDGET_KB * 1024) process.exit(1);
