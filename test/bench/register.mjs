// Lets plain `node` run the bench's TypeScript files (Node 20 has no type stripping):
//   node --import ./test/bench/register.mjs test/bench/main.ts
// Each .ts file is transpiled on load with the `typescript` package (types dropped, nothing checked);
// `npm run typecheck` and vitest check the same files.
import { register } from "node:module";

register("./ts-hooks.mjs", import.meta.url);
