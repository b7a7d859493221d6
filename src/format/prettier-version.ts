/**
 * The prettier the fast printers (fast/) reproduce. They copy prettier's layout by hand, and any release may lay
 * something out differently, so they are prettier's only for the version test/fast-format.test.ts compared them
 * with byte for byte. package.json pins prettier to exactly this version (test/prettier-version.test.ts holds the
 * two equal); under any other prettier (a bump, an override, another copy resolved first), prettier formats
 * every file.
 */
export const FAST_FORMAT_PRETTIER_VERSION = "3.10.1";

/** Whether the fast printers may stand in for the prettier of this version. */
export function fastFormatsFor(prettierVersion: string): boolean {
  return prettierVersion === FAST_FORMAT_PRETTIER_VERSION;
}
