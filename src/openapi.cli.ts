import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiModule } from './api.module';
import { setApiPrefix } from './bootstrap';
import { buildOpenApiDocument } from './common/api-docs';

/** Committed so that a change of the HTTP contract shows in review and breaks the console's build. */
export const OPENAPI_PATH = join(__dirname, '..', 'docs', 'openapi.json');

/**
 * The OpenAPI document without a database or Redis: `preview` builds the module graph and reads
 * the routes' metadata without instantiating a provider.
 */
export async function generateOpenApiJson(): Promise<string> {
  const app = await NestFactory.create(ApiModule, { preview: true, logger: false });
  setApiPrefix(app);
  const json = `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  await app.close();
  return json;
}

/** `write` regenerates docs/openapi.json; `check` fails when it differs from the code. */
async function main(mode: string | undefined): Promise<void> {
  const json = await generateOpenApiJson();
  if (mode === 'write') {
    writeFileSync(OPENAPI_PATH, json);
    process.stdout.write(`wrote ${OPENAPI_PATH}\n`);
    return;
  }
  let committed = '';
  try {
    committed = readFileSync(OPENAPI_PATH, 'utf8');
  } catch {
    // A missing document is drift too.
  }
  if (committed !== json) {
    process.stderr.write(
      'docs/openapi.json is out of date with the controllers: run `npm run openapi` and commit it\n',
    );
    process.exit(1);
  }
  process.stdout.write('docs/openapi.json matches the code\n');
}

if (require.main === module) {
  main(process.argv[2]).catch((error: unknown) => {
    process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  });
}
