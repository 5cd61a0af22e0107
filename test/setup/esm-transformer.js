// NestJS 12 ships ES modules only. Node 20 can require() them, but jest's module loader cannot
// (it needs Node 24.9+ for that), so the ESM files jest meets in node_modules are compiled to
// CommonJS here. `import.meta.url` has a CommonJS equivalent, and the
// `const require = createRequire(import.meta.url)` idiom becomes the module's own require.
const swc = require('@swc/core');
const crypto = require('node:crypto');

const OWN_REQUIRE =
  /(?:const|let|var)\s+require\s*=\s*createRequire\(\s*import\.meta\.url\s*\)\s*;?/g;
const IMPORT_META_URL = /import\.meta\.url/g;

module.exports = {
  process(source, filename) {
    const patched = source
      .replace(OWN_REQUIRE, '')
      .replace(IMPORT_META_URL, "require('node:url').pathToFileURL(__filename).href");
    const out = swc.transformSync(patched, {
      filename,
      jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' },
      module: { type: 'commonjs' },
      sourceMaps: false,
    });
    return { code: out.code };
  },
  getCacheKey(source, filename) {
    return crypto
      .createHash('sha1')
      .update('esm-swc-v1')
      .update(filename)
      .update(source)
      .digest('hex');
  },
};
