// Fails when src/api/schema.d.ts (the typed client's types) was not regenerated from the
// committed docs/openapi.json: an API change must show up in the console's types and build.
import openapiTS, { astToString } from 'openapi-typescript';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url);
const documentUrl = new URL('../docs/openapi.json', root);
const schemaPath = fileURLToPath(new URL('src/api/schema.d.ts', root));
const expected = astToString(await openapiTS(pathToFileURL(fileURLToPath(documentUrl)), {
    // Fields with a default are optional in requests: the API fills them in.
    defaultNonNullable: false,
  }));
const committed = readFileSync(schemaPath, 'utf8');
// openapi-typescript's CLI adds a header comment; compare the generated body only.
if (!committed.endsWith(expected)) {
  process.stderr.write(
    'web/src/api/schema.d.ts is out of date with docs/openapi.json: run `npm run openapi`\n',
  );
  process.exit(1);
}
process.stdout.write('web/src/api/schema.d.ts matches docs/openapi.json\n');
