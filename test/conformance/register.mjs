// `node --import ./test/conformance/register.mjs file.ts`: runs TypeScript sources without a build step.
import { register } from "node:module";

register("./ts-hooks.mjs", import.meta.url);
