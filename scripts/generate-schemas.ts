/** Writes schemas/<name>.schema.json from the zod schemas. Run: npm run schemas */

import { PUBLISHED_SCHEMAS } from "../core/schemas/index.ts";
import { renderJsonSchema } from "../core/schemas/json-schema.ts";
import { writeFileAtomic } from "../core/util/atomic-write.ts";

for (const published of PUBLISHED_SCHEMAS) {
  await writeFileAtomic(`schemas/${published.name}.schema.json`, renderJsonSchema(published));
  console.log(`schemas/${published.name}.schema.json`);
}
