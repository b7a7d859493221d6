/** The dialects test/hostile.test.ts runs through its generic checks (flat summaries have their own, stricter ones). */
import { CATALOG_DIALECT } from "./hostile-catalog.js";
import { CORE_DIALECT, type HostileDialect } from "./hostile-documents.js";

export const HOSTILE_DIALECTS: readonly HostileDialect[] = [CORE_DIALECT, CATALOG_DIALECT];
