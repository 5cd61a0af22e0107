/**
 * jest's module runtime with V8's code cache kept across the test files of one jest worker.
 *
 * jest gives every test file a fresh module registry, so each integration file compiles the whole
 * app again (NestJS, TypeORM, BullMQ and about 1,500 modules): a CPU profile of a small e2e file
 * put about a third of its CPU in loading modules, a third of that in V8 compiling them. Here
 * each module's code is compiled as a vm.Script that takes and leaves V8 code cache: the first
 * file of a worker compiles, the next ones deserialize. The cache is taken after the file ran, so
 * it also holds the functions V8 compiled lazily while the app booted. The modules still run
 * afresh in each file's own context: only the compilation of identical source is shared.
 */
const vm = require('node:vm');
const Runtime = require('jest-runtime').default;

/**
 * Per jest worker process: module file -> its wrapped source and V8's code cache for it. The
 * source is compared whole (a string comparison costs far less than hashing every module at
 * every load); a file transformed differently gets compiled and cached again.
 */
const codeCache = new Map();

class CodeCacheRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    const executor = this.executor;
    const compiled = []; // [filename, wrapped source, script] compiled without cache in this file
    const jestCompile = executor.compile.bind(executor);
    executor.compile = (source, filename) => {
      const context = executor.environment.getVmContext();
      if (context == null) return null;
      // The parameters on the source's first line: line numbers stay those of the transform.
      const wrapped = `(function (${executor.injectedModuleParameters.join(', ')}) {${source}\n})`;
      const cached = codeCache.get(filename);
      const cachedData = cached?.source === wrapped ? cached.data : undefined;
      let script;
      try {
        script = new vm.Script(wrapped, {
          filename,
          cachedData,
          importModuleDynamically: (specifier, _script, attributes) =>
            executor.dynamicImport(specifier, filename, context, attributes),
        });
      } catch {
        // A syntax error: jest's own compile reports it the way jest users know.
        return jestCompile(source, filename);
      }
      if (cachedData === undefined || script.cachedDataRejected) {
        compiled.push([filename, wrapped, script]);
      }
      return script.runInContext(context);
    };
    this.storeCodeCache = () => {
      for (const [file, source, script] of compiled) {
        codeCache.set(file, { source, data: script.createCachedData() });
      }
      compiled.length = 0;
    };
  }

  teardown() {
    this.storeCodeCache();
    return super.teardown();
  }
}

module.exports = CodeCacheRuntime;
